//! The security client against Stoplight Prism (`prism mock --errors`), which checks each request's
//! credentials against the operation's security requirements in `spec/fixtures/security.yaml`.

mod common;

use std::path::Path;

use security::Client;
use swagger2rs_e2e::{Prism, prism_hook};

/// A string with every character that is reserved somewhere in a URL.
const RESERVED: &str = "a b/c?d&e=f#g%h";

fn spec() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../spec/fixtures/security.yaml"))
}

fn client(prism: &Prism) -> Client {
    Client::with_http_client(prism.url(), common::http()).with_hook(prism_hook!(security, prism.violations()))
}

#[tokio::test]
async fn each_operation_sends_the_credentials_its_requirement_names() {
    let Some(prism) = Prism::start(spec()) else { return };

    // Every credential configured: each operation picks its own, and Prism accepts all of them.
    let all = client(&prism)
        .with_basic_auth_(RESERVED, Some(RESERVED))
        .with_header_key(RESERVED)
        .with_query_key(RESERVED)
        .with_oauth("token-123");
    let calls = [
        ("usesDefault", all.uses_default().send().await),
        ("usesBasic", all.uses_basic().send().await),
        ("usesQueryKey", all.uses_query_key().send().await),
        ("usesOauth", all.uses_oauth().send().await),
        ("usesEither", all.uses_either().send().await),
        ("isPublic", all.is_public().send().await),
    ];
    for (what, result) in calls {
        prism.assert_clean(what);
        assert_eq!(result.expect(what).status(), 200, "{what}");
    }

    // Exactly the credentials each requirement names, and no more.
    let only = [
        ("usesDefault (header key)", client(&prism).with_header_key("k").uses_default().send().await),
        ("usesBasic (basic)", client(&prism).with_basic_auth_("user", None).uses_basic().send().await),
        ("usesQueryKey (query key)", client(&prism).with_query_key(RESERVED).uses_query_key().send().await),
        ("usesOauth (token)", client(&prism).with_oauth("t").uses_oauth().send().await),
        ("usesEither (token)", client(&prism).with_oauth("t").uses_either().send().await),
        ("usesEither (both keys)", client(&prism).with_header_key("k").with_query_key("q").uses_either().send().await),
        ("isPublic (nothing)", client(&prism).is_public().send().await),
    ];
    for (what, result) in only {
        prism.assert_clean(what);
        assert_eq!(result.expect(what).status(), 200, "{what}");
    }

    // Without credentials, Prism answers 401 for a secured operation: the check above is a real one.
    let (result, _) = prism.call_rejected("usesDefault (nothing)", client(&prism).uses_default().send()).await;
    assert_eq!(result.expect_err("401").status().map(|s| s.as_u16()), Some(401));
}
