//! Operations under AutoRest's `x-ms-paths` (`spec/fixtures/azure_paths.yaml`, `paths` empty as in Azure Blob
//! Storage) on the wire: the fixed query of each key goes out on every call, before the operation's own query
//! parameters, so operations sharing one path and method reach the server as different requests.

mod common;

use azure_paths::types::ContainerGetAccessPolicyComp;
use swagger2rs_e2e::{RecordedRequest, Response, Server, deadline};

fn client(server: &Server) -> azure_paths::Client {
    azure_paths::Client::with_http_client(server.url(), common::http())
}

fn ok() -> Server {
    Server::start(|_: &RecordedRequest| Response::new(200).json("{}").into())
}

fn request_lines(server: &Server) -> Vec<String> {
    server.requests().into_iter().map(|r| r.request_line).collect()
}

#[tokio::test]
async fn operations_sharing_a_path_and_method_send_their_own_fixed_query() {
    let server = ok();
    let client = client(&server);
    deadline("get properties", client.container_get_properties("photos").send()).await.unwrap();
    deadline("list blobs", client.container_list_blobs("photos").prefix("2024/").maxresults(2).send()).await.unwrap();
    deadline("list blobs", client.container_list_blobs("photos").send()).await.unwrap();
    assert_eq!(
        request_lines(&server),
        [
            "GET /photos?restype=container HTTP/1.1",
            "GET /photos?restype=container&comp=list&prefix=2024%2F&maxresults=2 HTTP/1.1",
            "GET /photos?restype=container&comp=list HTTP/1.1",
        ]
    );
}

#[tokio::test]
async fn the_fixed_query_goes_with_every_method_of_the_path() {
    let server = Server::fixed(Response::new(201));
    deadline("create", client(&server).container_create("new box").timeout_(30).send()).await.unwrap();
    assert_eq!(server.single_request().request_line, "PUT /new%20box?restype=container&timeout=30 HTTP/1.1");
}

#[tokio::test]
async fn a_declared_parameter_of_a_fixed_name_replaces_its_pair() {
    let server = ok();
    let client = client(&server);
    deadline("acl", client.container_get_access_policy("c", ContainerGetAccessPolicyComp::Acl).send()).await.unwrap();
    let other = ContainerGetAccessPolicyComp::Other("policy".into());
    deadline("acl", client.container_get_access_policy("c", other).send()).await.unwrap();
    assert_eq!(
        request_lines(&server),
        ["GET /c?restype=container&comp=acl HTTP/1.1", "GET /c?restype=container&comp=policy HTTP/1.1"],
        "one `comp`, the caller's"
    );
}

#[tokio::test]
async fn a_bare_key_is_sent_without_equals_sign_and_values_are_encoded_again() {
    let server = ok();
    let client = client(&server);
    let call = client.get_by_container_name_by_blob_comp_snapshot_a_b("c", "b.txt").send();
    deadline("bare key", call).await.unwrap();
    assert_eq!(server.single_request().request_line, "GET /c/b.txt?comp&snapshot=a+b HTTP/1.1");
}
