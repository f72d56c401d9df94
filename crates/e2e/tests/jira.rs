//! Every operation of the generated Jira client against a recording server:
//! what goes on the wire (method, path, query, headers) and what comes back
//! (status, headers, decoded body).

mod common;

use serde_json::{Value, json};
use swagger2rs_e2e::{Response, Server};

type Outcome = Result<jira::ResponseValue<Value>, jira::Error>;

/// A server whose JSON answer names the request it answers, so a decoded
/// body proves the client matched this response to this request.
fn echo_server() -> Server {
    Server::start(|request| {
        let body = json!({"method": request.method, "target": request.target, "name": "Ω 🦀"});
        Response::new(200)
            .header("X-Echo-Target", &request.target)
            .header("X-Dup", "1")
            .header("X-Dup", "2")
            .json(&body.to_string())
            .into()
    })
}

/// Headers a request of this spec may carry: none of its operations takes
/// a body, and no credentials were configured.
const ALLOWED_HEADERS: [&str; 4] = ["host", "accept", "content-length", "force-account-id"];

/// Asserts that the server received exactly one `method target` request
/// with the headers this spec implies, and that the client decoded the echo.
#[track_caller]
fn assert_exchange(server: &Server, outcome: Outcome, method: &str, target: &str, force_account_id: Option<&str>) {
    let request = server.single_request();
    assert_eq!(request.request_line, format!("{method} {target} HTTP/1.1"));
    assert_eq!(request.header_values("accept"), ["application/json"], "{request:#?}");
    assert_eq!(request.header_values("force-account-id"), Vec::from_iter(force_account_id), "{request:#?}");
    assert_eq!(request.header_values("host"), [server.addr().to_string()], "{request:#?}");
    assert_eq!(request.header("content-type"), None, "no operation declares a body: {request:#?}");
    // Whether a bodiless PUT or POST announces `Content-Length: 0` is
    // checked once, by `put_and_post_without_body_announce_empty_content`.
    if method == "GET" || method == "DELETE" {
        assert_eq!(request.header("content-length"), None, "{request:#?}");
    } else {
        assert!(request.header("content-length").is_none_or(|length| length == "0"), "{request:#?}");
    }
    assert!(request.body.is_empty(), "{request:#?}");
    for name in request.header_names() {
        assert!(ALLOWED_HEADERS.contains(&name), "unexpected header {name:?}: {request:#?}");
    }

    let value = outcome.unwrap_or_else(|err| panic!("{method} {target} failed: {err:?}"));
    assert_eq!(value.status().as_u16(), 200);
    assert_eq!(value.headers()["x-echo-target"], target);
    let duplicates: Vec<_> = value.headers().get_all("x-dup").iter().map(|v| v.to_str().unwrap()).collect();
    assert_eq!(duplicates, ["1", "2"]);
    assert_eq!(value.headers()["content-type"], "application/json");
    assert_eq!(*value.body(), json!({"method": method, "target": target, "name": "Ω 🦀"}));
}

#[tokio::test]
async fn get_attachment_meta() {
    let server = echo_server();
    let outcome = common::client(&server.url()).get_attachment_meta().send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/attachment/meta", None);
}

#[tokio::test]
async fn get_attachment() {
    let server = echo_server();
    let outcome = common::client(&server.url()).get_attachment("10000").send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/attachment/10000", None);
}

#[tokio::test]
async fn get_selected_time_tracking_implementa() {
    let server = echo_server();
    let outcome = common::client(&server.url()).get_selected_time_tracking_implementa().send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/configuration/timetracking", None);
}

#[tokio::test]
async fn get_dashboard_item_property_keys() {
    let server = echo_server();
    let outcome = common::client(&server.url()).get_dashboard_item_property_keys("10001", "item-2").send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/dashboard/10001/items/item-2/properties", None);
}

#[tokio::test]
async fn get_dashboard_item_property() {
    let server = echo_server();
    let client = common::client(&server.url());
    let outcome = client.get_dashboard_item_property("10001", "item-2", "config").send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/dashboard/10001/items/item-2/properties/config", None);
}

#[tokio::test]
async fn set_dashboard_item_property() {
    let server = echo_server();
    let client = common::client(&server.url());
    let outcome = client.set_dashboard_item_property("10001", "item-2", "config").send().await;
    assert_exchange(&server, outcome, "PUT", "/api/2/dashboard/10001/items/item-2/properties/config", None);
}

#[tokio::test]
async fn delete_dashboard_item_property() {
    let server = echo_server();
    let client = common::client(&server.url());
    let outcome = client.delete_dashboard_item_property("10001", "item-2", "config").send().await;
    assert_exchange(&server, outcome, "DELETE", "/api/2/dashboard/10001/items/item-2/properties/config", None);
}

#[tokio::test]
async fn get_dashboard() {
    let server = echo_server();
    let outcome = common::client(&server.url()).get_dashboard("10002").send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/dashboard/10002", None);
}

#[tokio::test]
async fn get_issue_without_optional_parameters() {
    let server = echo_server();
    let outcome = common::client(&server.url()).get_issue("PROJ-1").send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/issue/PROJ-1", None);
}

#[tokio::test]
async fn get_issue_with_all_optional_parameters() {
    let server = echo_server();
    let outcome = common::client(&server.url())
        .get_issue("PROJ-1")
        .expand("names,renderedFields")
        .fields("summary,-comment")
        .fields_by_keys("true")
        .properties("*all")
        .update_history("false")
        .send()
        .await;
    let target = "/api/2/issue/PROJ-1?expand=names%2CrenderedFields&fields=summary%2C-comment\
                  &fieldsByKeys=true&properties=*all&updateHistory=false";
    assert_exchange(&server, outcome, "GET", target, None);
}

#[tokio::test]
async fn get_issue_with_some_optional_parameters() {
    let server = echo_server();
    let outcome = common::client(&server.url()).get_issue("PROJ-1").update_history("true").expand("names").send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/issue/PROJ-1?expand=names&updateHistory=true", None);
}

#[tokio::test]
async fn get_issue_worklog_without_optional_parameters() {
    let server = echo_server();
    let outcome = common::client(&server.url()).get_issue_worklog("PROJ-1").send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/issue/PROJ-1/worklog", None);
}

#[tokio::test]
async fn get_issue_worklog_with_all_optional_parameters() {
    let server = echo_server();
    let outcome = common::client(&server.url())
        .get_issue_worklog("PROJ-1")
        .expand("properties")
        .max_results("50")
        .start_at("0")
        .send()
        .await;
    let target = "/api/2/issue/PROJ-1/worklog?expand=properties&maxResults=50&startAt=0";
    assert_exchange(&server, outcome, "GET", target, None);
}

#[tokio::test]
async fn get_worklog_without_optional_parameters() {
    let server = echo_server();
    let outcome = common::client(&server.url()).get_worklog("PROJ-1", "10100").send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/issue/PROJ-1/worklog/10100", None);
}

#[tokio::test]
async fn get_worklog_with_all_optional_parameters() {
    let server = echo_server();
    let outcome = common::client(&server.url()).get_worklog("PROJ-1", "10100").expand("properties").send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/issue/PROJ-1/worklog/10100?expand=properties", None);
}

#[tokio::test]
async fn update_worklog_without_optional_parameters() {
    let server = echo_server();
    let outcome = common::client(&server.url()).update_worklog("PROJ-1", "10100").send().await;
    assert_exchange(&server, outcome, "PUT", "/api/2/issue/PROJ-1/worklog/10100", None);
}

#[tokio::test]
async fn update_worklog_with_all_optional_parameters() {
    let server = echo_server();
    let outcome = common::client(&server.url())
        .update_worklog("PROJ-1", "10100")
        .adjust_estimate("new")
        .expand("properties")
        .new_estimate("2d 4h")
        .notify_users("false")
        .override_editable_flag("true")
        .send()
        .await;
    let target = "/api/2/issue/PROJ-1/worklog/10100?adjustEstimate=new&expand=properties&newEstimate=2d+4h\
                  &notifyUsers=false&overrideEditableFlag=true";
    assert_exchange(&server, outcome, "PUT", target, None);
}

#[tokio::test]
async fn get_notification_schemes_without_optional_parameters() {
    let server = echo_server();
    let outcome = common::client(&server.url()).get_notification_schemes().send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/notificationscheme", None);
}

#[tokio::test]
async fn get_notification_schemes_with_all_optional_parameters() {
    let server = echo_server();
    let outcome = common::client(&server.url())
        .get_notification_schemes()
        .expand("all")
        .max_results("10")
        .start_at("20")
        .send()
        .await;
    let target = "/api/2/notificationscheme?expand=all&maxResults=10&startAt=20";
    assert_exchange(&server, outcome, "GET", target, None);
}

#[tokio::test]
async fn get_project_roles() {
    let server = echo_server();
    let outcome = common::client(&server.url()).get_project_roles("PROJ").send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/project/PROJ/role", None);
}

#[tokio::test]
async fn get_project_role_details() {
    let server = echo_server();
    let outcome = common::client(&server.url()).get_project_role_details("PROJ").send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/project/PROJ/roledetails", None);
}

#[tokio::test]
async fn create_project_role() {
    let server = echo_server();
    let outcome = common::client(&server.url()).create_project_role().send().await;
    assert_exchange(&server, outcome, "POST", "/api/2/role", None);
}

#[tokio::test]
async fn get_user_property_keys_without_optional_parameters() {
    let server = echo_server();
    let outcome = common::client(&server.url()).get_user_property_keys().send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/user/properties", None);
}

#[tokio::test]
async fn get_user_property_keys_with_all_optional_parameters() {
    let server = echo_server();
    let outcome = common::client(&server.url())
        .get_user_property_keys()
        .account_id("5b10a2844c20165700ede21g")
        .force_account_id("true")
        .user_key("admin")
        .username("admin")
        .send()
        .await;
    let target = "/api/2/user/properties?accountId=5b10a2844c20165700ede21g&userKey=admin&username=admin";
    assert_exchange(&server, outcome, "GET", target, Some("true"));
}

#[tokio::test]
async fn get_user_property_without_optional_parameters() {
    let server = echo_server();
    let outcome = common::client(&server.url()).get_user_property("favourite").send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/user/properties/favourite", None);
}

#[tokio::test]
async fn get_user_property_with_all_optional_parameters() {
    let server = echo_server();
    let outcome = common::client(&server.url())
        .get_user_property("favourite")
        .account_id("5b10a2844c20165700ede21g")
        .force_account_id("false")
        .user_key("admin")
        .username("admin")
        .send()
        .await;
    let target = "/api/2/user/properties/favourite?accountId=5b10a2844c20165700ede21g&userKey=admin&username=admin";
    assert_exchange(&server, outcome, "GET", target, Some("false"));
}

#[tokio::test]
async fn set_user_property_without_optional_parameters() {
    let server = echo_server();
    let outcome = common::client(&server.url()).set_user_property("favourite").send().await;
    assert_exchange(&server, outcome, "PUT", "/api/2/user/properties/favourite", None);
}

#[tokio::test]
async fn set_user_property_with_all_optional_parameters() {
    let server = echo_server();
    let outcome = common::client(&server.url())
        .set_user_property("favourite")
        .account_id("5b10a2844c20165700ede21g")
        .force_account_id("true")
        .user_key("admin")
        .username("admin")
        .send()
        .await;
    let target = "/api/2/user/properties/favourite?accountId=5b10a2844c20165700ede21g&userKey=admin&username=admin";
    assert_exchange(&server, outcome, "PUT", target, Some("true"));
}

/// RFC 9110 section 8.6: a user agent SHOULD send `Content-Length` when the
/// method gives content a meaning, "even when the value is 0"; without it,
/// servers and proxies may refuse the request with 411 Length Required.
/// The spec declares no body for any of these operations.
#[tokio::test]
async fn put_and_post_without_body_announce_empty_content() {
    let server = echo_server();
    let client = common::client(&server.url());
    client.set_dashboard_item_property("10001", "item-2", "config").send().await.unwrap();
    client.update_worklog("PROJ-1", "10100").send().await.unwrap();
    client.create_project_role().send().await.unwrap();
    client.set_user_property("favourite").send().await.unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 4);
    for request in requests {
        assert_eq!(request.header_values("content-length"), ["0"], "{}: {:?}", request.request_line, request.headers);
        assert!(request.body.is_empty());
    }
}

#[tokio::test]
async fn one_client_serves_consecutive_and_concurrent_calls() {
    let server = echo_server();
    let client = common::client(&server.url());
    let first = client.get_issue("PROJ-1").send().await;
    assert_eq!(first.unwrap().body()["target"], "/api/2/issue/PROJ-1");
    let (a, b) = tokio::join!(client.get_dashboard("1").send(), client.get_dashboard("2").send());
    assert_eq!(a.unwrap().body()["target"], "/api/2/dashboard/1");
    assert_eq!(b.unwrap().body()["target"], "/api/2/dashboard/2");
    let mut targets: Vec<_> = server.requests().into_iter().map(|request| request.target).collect();
    targets.sort();
    assert_eq!(targets, ["/api/2/dashboard/1", "/api/2/dashboard/2", "/api/2/issue/PROJ-1"]);
}

#[test]
fn send_futures_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    let client = jira::Client::new("http://127.0.0.1:1");
    let future = client.get_user_property("k").force_account_id("x").send();
    assert_send(&future);
    drop(future);
}
