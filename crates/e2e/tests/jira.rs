//! Every operation of the generated Jira client against a recording server:
//! what goes on the wire (method, path, query, headers) and what comes back
//! (status, headers, decoded body). What the decoded models hold for
//! Jira's documented answers is checked by `jira_models.rs`.

mod common;

use jira::types::{CreateProjectRole, ErrorCollection, Visibility, WorklogUpdate};
use serde_json::{Value, json};
use swagger2rs_e2e::{Response, Server};

type Outcome<T> = Result<jira::ResponseValue<T>, jira::Error<ErrorCollection>>;

/// A server whose JSON answer names the request it answers, so a decoded
/// body proves the client matched this response to this request. The body
/// fits the operation's model: the project role details are a list, the
/// project roles a map of strings, the attachment settings carry the
/// target's length as `uploadLimit`, and every other model keeps the target
/// in one of `self`, `key`, `url`, `value` or `keys` (or in its extra fields).
fn echo_server() -> Server {
    Server::start(|request| {
        let target = &request.target;
        let path = target.split('?').next().unwrap_or_default();
        let body = if path.ends_with("/roledetails") {
            json!([{"self": target, "name": "Ω 🦀"}])
        } else if path.ends_with("/role") {
            json!({"self": target, "name": "Ω 🦀"})
        } else if path == "/api/2/attachment/meta" {
            json!({"enabled": true, "uploadLimit": target.len()})
        } else {
            json!({
                "method": request.method, "target": target, "name": "Ω 🦀",
                "self": target, "key": target, "url": target, "value": target, "keys": [{"self": target, "key": target}],
            })
        };
        Response::new(200)
            .header("X-Echo-Target", &request.target)
            .header("X-Dup", "1")
            .header("X-Dup", "2")
            .json(&body.to_string())
            .into()
    })
}

/// Headers a request of this spec may carry when no credentials were
/// configured; `content-type` only with a JSON body (the two property
/// setters, `update_worklog` and `create_project_role`).
const ALLOWED_HEADERS: [&str; 6] =
    ["host", "accept", "content-type", "content-length", "force-account-id", "user-agent"];

/// Asserts that the server received exactly one bodiless `method target`
/// request with the headers this spec implies, and that the client decoded
/// the echo.
#[track_caller]
fn assert_exchange<T: std::fmt::Debug>(
    server: &Server,
    outcome: Outcome<T>,
    method: &str,
    target: &str,
    force_account_id: Option<&str>,
) {
    check_exchange(server, outcome, method, target, force_account_id, None);
}

/// Like [`assert_exchange`], for a request whose body must be exactly
/// `serde_json::to_vec(value)`, labelled `application/json`, with its length
/// announced.
#[track_caller]
fn assert_json_exchange<T: std::fmt::Debug>(
    server: &Server,
    outcome: Outcome<T>,
    method: &str,
    target: &str,
    force_account_id: Option<&str>,
    value: &Value,
) {
    check_exchange(server, outcome, method, target, force_account_id, Some((value, true)));
}

/// Like [`assert_json_exchange`], for a typed body: the JSON sent must equal
/// `value`, with the fields in the order of the model's declaration.
#[track_caller]
fn assert_typed_json_exchange<T: std::fmt::Debug>(
    server: &Server,
    outcome: Outcome<T>,
    method: &str,
    target: &str,
    force_account_id: Option<&str>,
    value: &Value,
) {
    check_exchange(server, outcome, method, target, force_account_id, Some((value, false)));
}

#[track_caller]
fn check_exchange<T: std::fmt::Debug>(
    server: &Server,
    outcome: Outcome<T>,
    method: &str,
    target: &str,
    force_account_id: Option<&str>,
    json_body: Option<(&Value, bool)>,
) {
    let request = server.single_request();
    assert_eq!(request.request_line, format!("{method} {target} HTTP/1.1"));
    assert_eq!(request.header_values("accept"), ["application/json"], "{request:#?}");
    assert_eq!(request.header_values("force-account-id"), Vec::from_iter(force_account_id), "{request:#?}");
    assert_eq!(request.header_values("host"), [server.addr().to_string()], "{request:#?}");
    match json_body {
        None => {
            assert_eq!(request.header("content-type"), None, "the operation declares no body: {request:#?}");
            // Every PUT and POST of this spec has a body since the overlay.
            assert!(method == "GET" || method == "DELETE", "{method} {target} without a body");
            assert_eq!(request.header("content-length"), None, "{request:#?}");
            assert!(request.body.is_empty(), "{request:#?}");
        }
        Some((value, exact)) => {
            assert_eq!(request.header_values("content-type"), ["application/json"], "{request:#?}");
            assert_eq!(request.header_values("content-length"), [request.body.len().to_string()], "{request:#?}");
            assert_eq!(request.header("transfer-encoding"), None, "{request:#?}");
            if exact {
                let expected = serde_json::to_vec(value).expect("serialize the expected body");
                assert_eq!(request.body, expected, "body {:?} for {value}", String::from_utf8_lossy(&request.body));
            }
            let decoded: Value = serde_json::from_slice(&request.body).expect("the body is JSON");
            assert_eq!(decoded, *value);
        }
    }
    for name in request.header_names() {
        assert!(ALLOWED_HEADERS.contains(&name), "unexpected header {name:?}: {request:#?}");
    }

    let value = outcome.unwrap_or_else(|err| panic!("{method} {target} failed: {err:?}"));
    assert_eq!(value.status().as_u16(), 200);
    assert_eq!(value.headers()["x-echo-target"], target);
    let duplicates: Vec<_> = value.headers().get_all("x-dup").iter().map(|v| v.to_str().unwrap()).collect();
    assert_eq!(duplicates, ["1", "2"]);
    assert_eq!(value.headers()["content-type"], "application/json");
    // The decoded model names the request (a `()` body has nothing to name).
    if size_of::<T>() != 0 {
        let decoded = format!("{:?}", value.body());
        let needle = if target == "/api/2/attachment/meta" {
            format!("upload_limit: Some({})", target.len())
        } else {
            format!("{target:?}")
        };
        assert!(decoded.contains(&needle), "{method} {target}: {needle} not in {decoded}");
    }
}

/// A worklog change with every field set, and the JSON Jira must receive for it.
fn worklog_update() -> (WorklogUpdate, Value) {
    let update = WorklogUpdate {
        comment: Some("Fixed the flaky test, Ω 🦀".into()),
        started: Some("2021-01-17T12:34:00.000+0000".into()),
        time_spent: Some("3h 20m".into()),
        time_spent_seconds: Some(12000),
        visibility: Some(Visibility {
            type_: Some("group".into()),
            value: Some("jira-developers".into()),
            identifier: None,
            additional_properties: Default::default(),
        }),
        properties: Some(vec![jira::types::EntityProperty { key: Some("billable".into()), value: Some(json!(true)) }]),
    };
    let json = json!({
        "comment": "Fixed the flaky test, Ω 🦀",
        "started": "2021-01-17T12:34:00.000+0000",
        "timeSpent": "3h 20m",
        "timeSpentSeconds": 12000,
        "visibility": {"type": "group", "value": "jira-developers"},
        "properties": [{"key": "billable", "value": true}],
    });
    (update, json)
}

/// A change of the comment alone: the fields left out are not sent at all.
fn comment_update() -> (WorklogUpdate, Value) {
    let update = WorklogUpdate {
        comment: Some("only the comment".into()),
        started: None,
        time_spent: None,
        time_spent_seconds: None,
        visibility: None,
        properties: None,
    };
    (update, json!({"comment": "only the comment"}))
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
    let value = json!({"columns": 2, "filter": "project = PROJ"});
    let outcome = client.set_dashboard_item_property("10001", "item-2", "config", value.clone()).send().await;
    let target = "/api/2/dashboard/10001/items/item-2/properties/config";
    assert_json_exchange(&server, outcome, "PUT", target, None, &value);
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
        .expand(["names", "renderedFields"])
        .fields(["summary", "-comment"])
        .fields_by_keys(true)
        .properties(["*all"])
        .update_history(false)
        .send()
        .await;
    let target = "/api/2/issue/PROJ-1?expand=names%2CrenderedFields&fields=summary%2C-comment\
                  &fieldsByKeys=true&properties=*all&updateHistory=false";
    assert_exchange(&server, outcome, "GET", target, None);
}

#[tokio::test]
async fn get_issue_with_some_optional_parameters() {
    let server = echo_server();
    let outcome = common::client(&server.url()).get_issue("PROJ-1").update_history(true).expand(["names"]).send().await;
    // Query parameters go out in the order they are set.
    assert_exchange(&server, outcome, "GET", "/api/2/issue/PROJ-1?updateHistory=true&expand=names", None);
}

#[tokio::test]
async fn setting_a_parameter_again_keeps_the_last_value() {
    let server = echo_server();
    let outcome = common::client(&server.url())
        .get_issue("PROJ-1")
        .expand(["names"])
        .update_history(true)
        .expand(["changelog", "x"])
        .update_history(false)
        .send()
        .await;
    assert_exchange(&server, outcome, "GET", "/api/2/issue/PROJ-1?expand=changelog%2Cx&updateHistory=false", None);
    let server = echo_server();
    let client = common::client(&server.url());
    let outcome = client.get_issue("PROJ-1").fields(["a"]).fields(Vec::<String>::new()).send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/issue/PROJ-1", None);
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
        .expand(["properties"])
        .max_results(50)
        .start_at(0)
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
    let outcome = common::client(&server.url()).get_worklog("PROJ-1", "10100").expand(["properties"]).send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/issue/PROJ-1/worklog/10100?expand=properties", None);
}

#[tokio::test]
async fn update_worklog_without_optional_parameters() {
    let server = echo_server();
    let (update, json) = comment_update();
    let outcome = common::client(&server.url()).update_worklog("PROJ-1", "10100", update).send().await;
    assert_typed_json_exchange(&server, outcome, "PUT", "/api/2/issue/PROJ-1/worklog/10100", None, &json);
}

#[tokio::test]
async fn update_worklog_with_all_optional_parameters() {
    let server = echo_server();
    let (update, json) = worklog_update();
    let outcome = common::client(&server.url())
        .update_worklog("PROJ-1", "10100", update)
        .adjust_estimate("new")
        .expand(["properties"])
        .new_estimate("2d 4h")
        .notify_users(false)
        .override_editable_flag(true)
        .send()
        .await;
    let target = "/api/2/issue/PROJ-1/worklog/10100?adjustEstimate=new&expand=properties&newEstimate=2d+4h\
                  &notifyUsers=false&overrideEditableFlag=true";
    assert_typed_json_exchange(&server, outcome, "PUT", target, None, &json);
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
        .expand(["all"])
        .max_results(10)
        .start_at(20)
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
    let role =
        CreateProjectRole { name: Some("Developers".into()), description: Some("People who write the code".into()) };
    let outcome = common::client(&server.url()).create_project_role(role).send().await;
    let json = json!({"name": "Developers", "description": "People who write the code"});
    assert_typed_json_exchange(&server, outcome, "POST", "/api/2/role", None, &json);

    let server = echo_server();
    let role = CreateProjectRole { name: Some("Ω 🦀".into()), description: None };
    let outcome = common::client(&server.url()).create_project_role(role).send().await;
    assert_typed_json_exchange(&server, outcome, "POST", "/api/2/role", None, &json!({"name": "Ω 🦀"}));
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
    let value = json!({"colour": "blue"});
    let outcome = common::client(&server.url()).set_user_property("favourite", value.clone()).send().await;
    assert_json_exchange(&server, outcome, "PUT", "/api/2/user/properties/favourite", None, &value);
}

#[tokio::test]
async fn set_user_property_with_all_optional_parameters() {
    let server = echo_server();
    let value = json!(["a", 1, null]);
    let outcome = common::client(&server.url())
        .set_user_property("favourite", value.clone())
        .account_id("5b10a2844c20165700ede21g")
        .force_account_id("true")
        .user_key("admin")
        .username("admin")
        .send()
        .await;
    let target = "/api/2/user/properties/favourite?accountId=5b10a2844c20165700ede21g&userKey=admin&username=admin";
    assert_json_exchange(&server, outcome, "PUT", target, Some("true"), &value);
}

/// The typed bodies go out as compact JSON with their length announced, one
/// after the other on a kept-alive connection, without leaking into the
/// bodiless request that follows.
#[tokio::test]
async fn typed_bodies_are_sent_with_their_length() {
    let server = echo_server();
    let client = common::client(&server.url());
    client.update_worklog("PROJ-1", "10100", comment_update().0).send().await.unwrap();
    client.create_project_role(CreateProjectRole { name: Some("R".into()), description: None }).send().await.unwrap();
    client.get_worklog("PROJ-1", "10100").send().await.unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    let expected: [&[u8]; 2] = [br#"{"comment":"only the comment"}"#, br#"{"name":"R"}"#];
    for (request, body) in requests.iter().zip(expected) {
        assert_eq!(request.body, body, "{}", request.request_line);
        assert_eq!(request.header_values("content-length"), [body.len().to_string()], "{}", request.request_line);
        assert_eq!(request.header_values("content-type"), ["application/json"], "{}", request.request_line);
    }
    assert!(requests[2].body.is_empty(), "{:#?}", requests[2]);
    assert_eq!(requests[2].header("content-length"), None, "{:#?}", requests[2]);
}

#[tokio::test]
async fn one_client_serves_consecutive_and_concurrent_calls() {
    let server = echo_server();
    let client = common::client(&server.url());
    let first = client.get_issue("PROJ-1").send().await;
    assert_eq!(first.unwrap().body().self_.as_deref(), Some("/api/2/issue/PROJ-1"));
    let (a, b) = tokio::join!(client.get_dashboard("1").send(), client.get_dashboard("2").send());
    assert_eq!(a.unwrap().body().self_.as_deref(), Some("/api/2/dashboard/1"));
    assert_eq!(b.unwrap().body().self_.as_deref(), Some("/api/2/dashboard/2"));
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
    let future = client.set_user_property("k", json!({"a": [1]})).force_account_id("x").send();
    assert_send(&future);
    drop(future);
}

// ---------------------------------------------------------------------------
// Overlaid operations
//
// What `spec/jira.overlay.yaml` fixes in the published spec, checked on the
// wire: the property setters send their value as a JSON body, paging
// parameters are integers, flags are booleans, `expand`/`fields`/
// `properties` are comma-separated lists, and the time tracking operation
// has its full name.
// ---------------------------------------------------------------------------

/// JSON values of every kind a property can hold, including non-ASCII
/// strings (so `Content-Length` must count bytes, not characters), `null`
/// (a non-empty body, unlike no body at all) and nesting.
fn property_values() -> Vec<Value> {
    vec![
        json!({"theme": "dark", "columns": [1, 2, 3], "owner": {"name": "Ω 🦀", "active": true}}),
        json!({}),
        json!("a string with \"quotes\", a \\ backslash, a\r\nline break and Ω 🦀"),
        json!(""),
        json!(42),
        json!(-1.5),
        json!(i64::MAX),
        json!(u64::MAX),
        json!(1.0e300),
        Value::Null,
        json!(true),
        json!(false),
        json!([]),
        json!([[1, [2, [3, []]]], [{"a": [null, false, "x"]}], [[["deep"]]]]),
    ]
}

#[tokio::test]
async fn set_user_property_sends_the_value_as_a_json_body() {
    for value in property_values() {
        let server = echo_server();
        let outcome = common::client(&server.url()).set_user_property("favourite", value.clone()).send().await;
        assert_json_exchange(&server, outcome, "PUT", "/api/2/user/properties/favourite", None, &value);
    }
}

#[tokio::test]
async fn set_user_property_sends_the_body_with_query_and_header_parameters() {
    let server = echo_server();
    let value = json!({"nested": [[], [null], [[1, "two"]]]});
    let outcome = common::client(&server.url())
        .set_user_property("a/b Ω", value.clone())
        .account_id("acct 1")
        .force_account_id("false")
        .username("me")
        .send()
        .await;
    let target = "/api/2/user/properties/a%2Fb%20%CE%A9?accountId=acct+1&username=me";
    assert_json_exchange(&server, outcome, "PUT", target, Some("false"), &value);
}

#[tokio::test]
async fn set_dashboard_item_property_sends_the_value_as_a_json_body() {
    for value in property_values() {
        let server = echo_server();
        let client = common::client(&server.url());
        let outcome = client.set_dashboard_item_property("10001", "item 2", "config", value.clone()).send().await;
        let target = "/api/2/dashboard/10001/items/item%202/properties/config";
        assert_json_exchange(&server, outcome, "PUT", target, None, &value);
    }
}

/// Jira accepts property values of up to 32,768 bytes; one of exactly that
/// size arrives whole, in one `Content-Length`-delimited body.
#[tokio::test]
async fn property_value_of_the_maximum_size_is_sent_whole() {
    // A JSON string: two quotes around 32,766 bytes of which 2 * 1,000 are
    // the UTF-8 of 'Ω'.
    let text = format!("{}{}", "Ω".repeat(1000), "x".repeat(32_766 - 2000));
    let value = Value::String(text);
    assert_eq!(serde_json::to_vec(&value).unwrap().len(), 32_768);

    let server = echo_server();
    let outcome = common::client(&server.url()).set_user_property("big", value.clone()).send().await;
    assert_json_exchange(&server, outcome, "PUT", "/api/2/user/properties/big", None, &value);

    let server = echo_server();
    let client = common::client(&server.url());
    let outcome = client.set_dashboard_item_property("1", "2", "big", value.clone()).send().await;
    assert_json_exchange(&server, outcome, "PUT", "/api/2/dashboard/1/items/2/properties/big", None, &value);
}

#[tokio::test]
async fn property_setters_send_equal_bodies_on_one_client() {
    let server = echo_server();
    let client = common::client(&server.url());
    let value = json!({"k": ["v", 1]});
    client.set_user_property("k", value.clone()).send().await.unwrap();
    client.set_dashboard_item_property("1", "2", "k", value.clone()).send().await.unwrap();
    client.get_user_property("k").send().await.unwrap();
    let requests = server.requests();
    let lines: Vec<_> = requests.iter().map(|request| request.request_line.as_str()).collect();
    assert_eq!(
        lines,
        [
            "PUT /api/2/user/properties/k HTTP/1.1",
            "PUT /api/2/dashboard/1/items/2/properties/k HTTP/1.1",
            "GET /api/2/user/properties/k HTTP/1.1",
        ]
    );
    for request in &requests[..2] {
        assert_eq!(request.body, br#"{"k":["v",1]}"#, "{request:#?}");
        assert_eq!(request.header_values("content-type"), ["application/json"], "{request:#?}");
        assert_eq!(request.header_values("content-length"), ["13"], "{request:#?}");
    }
    // A body on one request does not leak into the next on a kept-alive connection.
    assert!(requests[2].body.is_empty(), "{:#?}", requests[2]);
    assert_eq!(requests[2].header("content-type"), None, "{:#?}", requests[2]);
    assert_eq!(requests[2].header("content-length"), None, "{:#?}", requests[2]);
}

#[tokio::test]
async fn paging_parameters_are_sent_as_integers() {
    let cases: [(i32, i64, &str); 5] = [
        (50, 0, "maxResults=50&startAt=0"),
        (0, 1, "maxResults=0&startAt=1"),
        (i32::MAX, i64::MAX, "maxResults=2147483647&startAt=9223372036854775807"),
        (-1, -20, "maxResults=-1&startAt=-20"),
        (i32::MIN, i64::MIN, "maxResults=-2147483648&startAt=-9223372036854775808"),
    ];
    for (max_results, start_at, query) in cases {
        let server = echo_server();
        let client = common::client(&server.url());
        let outcome = client.get_issue_worklog("PROJ-1").max_results(max_results).start_at(start_at).send().await;
        assert_exchange(&server, outcome, "GET", &format!("/api/2/issue/PROJ-1/worklog?{query}"), None);

        let server = echo_server();
        let client = common::client(&server.url());
        let outcome = client.get_notification_schemes().max_results(max_results).start_at(start_at).send().await;
        assert_exchange(&server, outcome, "GET", &format!("/api/2/notificationscheme?{query}"), None);
    }
}

#[tokio::test]
async fn paging_parameters_are_optional_independently() {
    let server = echo_server();
    let outcome = common::client(&server.url()).get_notification_schemes().start_at(i64::MAX).send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/notificationscheme?startAt=9223372036854775807", None);
    let server = echo_server();
    let outcome = common::client(&server.url()).get_issue_worklog("PROJ-1").max_results(-7).send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/issue/PROJ-1/worklog?maxResults=-7", None);
}

#[tokio::test]
async fn flags_are_sent_as_true_and_false() {
    for flag in [true, false] {
        let server = echo_server();
        let outcome =
            common::client(&server.url()).get_issue("PROJ-1").fields_by_keys(flag).update_history(!flag).send().await;
        let target = format!("/api/2/issue/PROJ-1?fieldsByKeys={flag}&updateHistory={}", !flag);
        assert_exchange(&server, outcome, "GET", &target, None);

        let server = echo_server();
        let client = common::client(&server.url());
        let (update, json) = comment_update();
        let outcome =
            client.update_worklog("PROJ-1", "10100", update).notify_users(flag).override_editable_flag(!flag).send();
        let target = format!("/api/2/issue/PROJ-1/worklog/10100?notifyUsers={flag}&overrideEditableFlag={}", !flag);
        assert_typed_json_exchange(&server, outcome.await, "PUT", &target, None, &json);
    }
    let server = echo_server();
    let outcome = common::client(&server.url()).get_issue("PROJ-1").update_history(true).send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/issue/PROJ-1?updateHistory=true", None);
}

#[tokio::test]
async fn multi_value_parameters_are_one_comma_separated_pair() {
    let server = echo_server();
    let outcome = common::client(&server.url()).get_issue("PROJ-1").fields(["summary", "comment"]).send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/issue/PROJ-1?fields=summary%2Ccomment", None);

    let server = echo_server();
    let outcome = common::client(&server.url())
        .get_issue("PROJ-1")
        .properties(["prop1", "prop2", "*all"])
        .fields(["*all", "-comment"])
        .expand(["names", "renderedFields", "changelog"])
        .send()
        .await;
    let target = "/api/2/issue/PROJ-1?properties=prop1%2Cprop2%2C*all&fields=*all%2C-comment\
                  &expand=names%2CrenderedFields%2Cchangelog";
    assert_exchange(&server, outcome, "GET", target, None);

    let server = echo_server();
    let outcome = common::client(&server.url()).get_issue_worklog("P-1").expand(["properties", "x"]).send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/issue/P-1/worklog?expand=properties%2Cx", None);

    let server = echo_server();
    let outcome = common::client(&server.url()).get_worklog("P-1", "7").expand(["properties", "x"]).send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/issue/P-1/worklog/7?expand=properties%2Cx", None);

    let server = echo_server();
    let (update, json) = comment_update();
    let client = common::client(&server.url());
    let outcome = client.update_worklog("P-1", "7", update).expand(["properties", "x"]).send().await;
    assert_typed_json_exchange(
        &server,
        outcome,
        "PUT",
        "/api/2/issue/P-1/worklog/7?expand=properties%2Cx",
        None,
        &json,
    );

    let server = echo_server();
    let outcome = common::client(&server.url()).get_notification_schemes().expand(["all", "user"]).send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/notificationscheme?expand=all%2Cuser", None);
}

#[tokio::test]
async fn multi_value_parameters_form_encode_each_value_and_round_trip() {
    let values = ["a,b", "c d", "Ω🦀é", "x&y=z", "+%", "#?/", ""];
    let encoded = "a%2Cb%2Cc+d%2C%CE%A9%F0%9F%A6%80%C3%A9%2Cx%26y%3Dz%2C%2B%25%2C%23%3F%2F%2C";
    let server = echo_server();
    let outcome = common::client(&server.url()).get_issue("PROJ-1").fields(values).send().await;
    assert_exchange(&server, outcome, "GET", &format!("/api/2/issue/PROJ-1?fields={encoded}"), None);
    let pairs = server.single_request().query_pairs().unwrap();
    assert_eq!(pairs, [("fields".to_owned(), values.join(","))]);
}

#[tokio::test]
async fn multi_value_parameters_accept_any_iterator_of_strings() {
    let owned: Vec<String> = vec!["summary".into(), "comment".into()];
    let borrowed: &[&str] = &["summary", "comment"];
    let server = echo_server();
    let client = common::client(&server.url());
    client.get_issue("P").fields(owned.clone()).send().await.unwrap();
    client.get_issue("P").fields(&owned).send().await.unwrap();
    client.get_issue("P").fields(borrowed.iter().copied()).send().await.unwrap();
    client.get_issue("P").fields(["summary".to_owned(), "comment".to_owned()]).send().await.unwrap();
    client.get_issue("P").fields("summary comment".split(' ')).send().await.unwrap();
    client.get_issue("P").fields(std::iter::once("summary").chain(Some("comment"))).send().await.unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 6);
    for request in requests {
        assert_eq!(request.request_line, "GET /api/2/issue/P?fields=summary%2Ccomment HTTP/1.1");
    }
}

#[tokio::test]
async fn single_values_are_sent_without_separator() {
    let server = echo_server();
    let outcome = common::client(&server.url()).get_issue("PROJ-1").expand(["names"]).properties(["p"]).send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/issue/PROJ-1?expand=names&properties=p", None);
}

#[tokio::test]
async fn empty_multi_value_parameters_are_absent() {
    let server = echo_server();
    let outcome = common::client(&server.url())
        .get_issue("PROJ-1")
        .expand(Vec::<String>::new())
        .fields([] as [&str; 0])
        .properties(std::iter::empty::<String>())
        .send()
        .await;
    assert_exchange(&server, outcome, "GET", "/api/2/issue/PROJ-1", None);
    assert_eq!(server.single_request().query(), None);

    let server = echo_server();
    let outcome = common::client(&server.url())
        .get_issue("PROJ-1")
        .expand(Vec::<String>::new())
        .fields(["summary"])
        .properties(Vec::<String>::new())
        .update_history(false)
        .send()
        .await;
    assert_exchange(&server, outcome, "GET", "/api/2/issue/PROJ-1?fields=summary&updateHistory=false", None);

    let none = Vec::<String>::new;
    let server = echo_server();
    let outcome = common::client(&server.url()).get_issue_worklog("P").expand(none()).send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/issue/P/worklog", None);
    let server = echo_server();
    let outcome = common::client(&server.url()).get_worklog("P", "1").expand(none()).send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/issue/P/worklog/1", None);
    let server = echo_server();
    let (update, json) = comment_update();
    let outcome = common::client(&server.url()).update_worklog("P", "1", update).expand(none()).send().await;
    assert_typed_json_exchange(&server, outcome, "PUT", "/api/2/issue/P/worklog/1", None, &json);
    let server = echo_server();
    let outcome = common::client(&server.url()).get_notification_schemes().expand(none()).send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/notificationscheme", None);
}

/// A later call of a setter replaces the earlier list instead of adding to it.
#[tokio::test]
async fn setting_a_multi_value_parameter_again_replaces_it() {
    let server = echo_server();
    let outcome = common::client(&server.url()).get_issue("PROJ-1").fields(["a", "b"]).fields(["c"]).send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/issue/PROJ-1?fields=c", None);
    let server = echo_server();
    let outcome =
        common::client(&server.url()).get_issue("PROJ-1").fields(["a", "b"]).fields(Vec::<String>::new()).send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/issue/PROJ-1", None);
}

/// The published spec's operationId is cut off (`...Implementa`); the overlay
/// restores the full name.
#[tokio::test]
async fn get_selected_time_tracking_implementation() {
    let server = echo_server();
    let outcome = common::client(&server.url()).get_selected_time_tracking_implementation().send().await;
    assert_exchange(&server, outcome, "GET", "/api/2/configuration/timetracking", None);
}
