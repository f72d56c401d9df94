//! The etcd client against a real etcd 3.4's grpc-gateway JSON API: KV put, range, delete and a
//! transaction, leases (grant, time-to-live, keep-alive, list, revoke), maintenance status.
//!
//! Built and run by `tests/etcd.rs` with `BASE_URL` set to the server's origin (the spec's paths start with
//! `/v3/`). Keys and values travel base64-encoded; the client's `Base64` type does that. Prints each call and
//! what it decoded; exits non-zero at the first failure.

mod support;

use client::runtime::Base64;
use client::types::{
    CompareCompareResult, CompareCompareTarget, EtcdserverpbCompare, EtcdserverpbDeleteRangeRequest,
    EtcdserverpbLeaseGrantRequest, EtcdserverpbLeaseKeepAliveRequest, EtcdserverpbLeaseLeasesRequest,
    EtcdserverpbLeaseRevokeRequest, EtcdserverpbLeaseTimeToLiveRequest, EtcdserverpbMemberListRequest,
    EtcdserverpbPutRequest, EtcdserverpbRangeRequest, EtcdserverpbRequestOp, EtcdserverpbStatusRequest,
    EtcdserverpbTxnRequest,
};
use client::{Client, Error};
use support::{expect, fail, ok};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let base_url = std::env::var("BASE_URL").expect("BASE_URL");
    let client = Client::new(base_url).with_timeout(std::time::Duration::from_secs(60));
    let status = ok("status", client.status(EtcdserverpbStatusRequest::default()).send().await);
    expect("status names the server's version", status.version.as_deref().is_some_and(|v| v.starts_with("3.")));
    ok("member_list", client.member_list(EtcdserverpbMemberListRequest::default()).send().await);

    let put =
        EtcdserverpbPutRequest { key: Some(bytes("greeting")), value: Some(bytes("hello")), ..Default::default() };
    ok("put", client.put(put).send().await);
    let range = EtcdserverpbRangeRequest { key: Some(bytes("greeting")), ..Default::default() };
    let found = ok("range", client.range(range.clone()).send().await);
    let value = found.kvs.as_deref().and_then(|kvs| kvs.first()).and_then(|kv| kv.value.clone());
    expect("range reads back the value", value == Some(bytes("hello")));

    let compare = EtcdserverpbCompare {
        key: Some(bytes("greeting")),
        target: Some(CompareCompareTarget::Value),
        result: Some(CompareCompareResult::Equal),
        value: Some(bytes("hello")),
        ..Default::default()
    };
    let swap =
        EtcdserverpbPutRequest { key: Some(bytes("greeting")), value: Some(bytes("bonjour")), ..Default::default() };
    let txn = EtcdserverpbTxnRequest {
        compare: Some(vec![compare]),
        success: Some(vec![EtcdserverpbRequestOp { request_put: Some(swap), ..Default::default() }]),
        failure: Some(vec![EtcdserverpbRequestOp { request_range: Some(range.clone()), ..Default::default() }]),
    };
    let done = ok("txn", client.txn(txn).send().await);
    expect("the transaction's comparison held", done.succeeded == Some(true));
    let swapped = ok("range (after txn)", client.range(range.clone()).send().await);
    let value = swapped.kvs.as_deref().and_then(|kvs| kvs.first()).and_then(|kv| kv.value.clone());
    expect("the transaction wrote the new value", value == Some(bytes("bonjour")));

    let delete = EtcdserverpbDeleteRangeRequest { key: Some(bytes("greeting")), ..Default::default() };
    let deleted = ok("delete_range", client.delete_range(delete).send().await);
    expect("one key was deleted", deleted.deleted.as_deref() == Some("1"));
    let gone = ok("range (after delete)", client.range(range).send().await);
    expect("the key is gone", gone.kvs.as_deref().is_none_or(<[_]>::is_empty));

    let grant = EtcdserverpbLeaseGrantRequest { ttl: Some("60".into()), id: None };
    let lease = ok("lease_grant", client.lease_grant(grant).send().await);
    let id = lease.id.clone().expect("the lease's ID");
    let leased = EtcdserverpbPutRequest {
        key: Some(bytes("leased")),
        value: Some(bytes("x")),
        lease: Some(id.clone()),
        ..Default::default()
    };
    ok("put (with lease)", client.put(leased).send().await);
    let ttl = EtcdserverpbLeaseTimeToLiveRequest { id: Some(id.clone()), keys: Some(true) };
    let alive = ok("lease_time_to_live", client.lease_time_to_live(ttl).send().await);
    expect("the lease holds the key", alive.keys.as_deref().is_some_and(|keys| keys.contains(&bytes("leased"))));
    let keep = EtcdserverpbLeaseKeepAliveRequest { id: Some(id.clone()) };
    ok("lease_keep_alive", client.lease_keep_alive(keep).send().await);
    let leases = ok("lease_leases", client.lease_leases(EtcdserverpbLeaseLeasesRequest::default()).send().await);
    expect("the lease is listed", leases.leases.iter().flatten().any(|l| l.id.as_deref() == Some(id.as_str())));
    let revoke = EtcdserverpbLeaseRevokeRequest { id: Some(id) };
    ok("lease_revoke", client.lease_revoke(revoke.clone()).send().await);
    // The spec declares no error response: the gRPC error (NotFound, as HTTP 404) is decoded as untyped JSON.
    match client.lease_revoke(revoke).send().await {
        Err(Error::ErrorResponse(response)) if response.status() == 404 => {
            println!("lease_revoke (revoked) -> 404 {}", response.body());
        }
        other => fail("lease_revoke (revoked)", &other),
    }
    let leased = EtcdserverpbRangeRequest { key: Some(bytes("leased")), ..Default::default() };
    let gone = ok("range (after revoke)", client.range(leased).send().await);
    expect("revoking the lease deleted its key", gone.kvs.as_deref().is_none_or(<[_]>::is_empty));
    println!("etcd scenario: all calls passed");
}

fn bytes(text: &str) -> Base64 {
    Base64::from(text.as_bytes())
}
