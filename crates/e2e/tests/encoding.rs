//! Parameter encoding as it appears on the wire: the raw request line the
//! server received, and the values recovered by decoding it.

mod common;

use swagger2rs_e2e::{RecordedRequest, Response, Server};

fn ok_server() -> Server {
    Server::fixed(Response::new(200).json("{}"))
}

/// A worklog change of the time spent alone.
fn time_spent(spent: &str) -> jira::types::WorklogUpdate {
    jira::types::WorklogUpdate {
        comment: None,
        started: None,
        time_spent: Some(spent.into()),
        time_spent_seconds: None,
        visibility: None,
        properties: None,
    }
}

/// Path parameter values with the exact encoding the runtime documents:
/// every byte outside RFC 3986's unreserved set as uppercase `%XX`.
const PATH_VALUES: &[(&str, &str)] = &[
    ("../../admin?x=1#f", "..%2F..%2Fadmin%3Fx%3D1%23f"),
    ("a/b", "a%2Fb"),
    ("/leading-and-trailing/", "%2Fleading-and-trailing%2F"),
    ("a b", "a%20b"),
    ("100%", "100%25"),
    ("%2E%2E", "%252E%252E"),
    ("%2F", "%252F"),
    ("Ω", "%CE%A9"),
    ("🦀", "%F0%9F%A6%80"),
    ("PROJ-1_x.y~z", "PROJ-1_x.y~z"),
    ("...", "..."),
    (".hidden", ".hidden"),
    ("a+b&c=d;e,f", "a%2Bb%26c%3Dd%3Be%2Cf"),
    ("a\\b", "a%5Cb"),
    ("\"<>`{}|^", "%22%3C%3E%60%7B%7D%7C%5E"),
    ("a\r\nX-Injected: 1", "a%0D%0AX-Injected%3A%201"),
];

#[track_caller]
fn segments(request: &RecordedRequest) -> Vec<String> {
    request.path_segments().unwrap_or_else(|err| panic!("undecodable target {:?}: {err}", request.target))
}

#[tokio::test]
async fn path_parameters_are_encoded_as_one_segment_and_round_trip() {
    let server = ok_server();
    let client = common::client(&server.url());
    for (value, _) in PATH_VALUES {
        client.get_issue(*value).send().await.unwrap_or_else(|err| panic!("{value:?}: {err:?}"));
    }
    let requests = server.requests();
    assert_eq!(requests.len(), PATH_VALUES.len());
    for ((value, encoded), request) in PATH_VALUES.iter().zip(&requests) {
        assert_eq!(request.request_line, format!("GET /api/2/issue/{encoded} HTTP/1.1"), "value {value:?}");
        assert_eq!(segments(request), ["api", "2", "issue", value], "value {value:?}");
        assert_eq!(request.query(), None, "value {value:?}");
        assert_eq!(request.header("x-injected"), None, "value {value:?}");
    }
}

#[tokio::test]
async fn path_parameters_round_trip_in_every_position() {
    let server = ok_server();
    let client = common::client(&server.url());
    let (dashboard, item, key) = ("../../admin?x=1#f", "a/b c", "Ω%🦀");
    client.get_dashboard_item_property(dashboard, item, key).send().await.unwrap();
    client.get_worklog(item, dashboard).send().await.unwrap();
    let requests = server.requests();
    assert_eq!(
        requests[0].request_line,
        "GET /api/2/dashboard/..%2F..%2Fadmin%3Fx%3D1%23f/items/a%2Fb%20c/properties/%CE%A9%25%F0%9F%A6%80 HTTP/1.1"
    );
    assert_eq!(segments(&requests[0]), ["api", "2", "dashboard", dashboard, "items", item, "properties", key]);
    assert_eq!(segments(&requests[1]), ["api", "2", "issue", item, "worklog", dashboard]);
}

/// `.` and `..` cannot travel intact: `%2E` is a dot to URL normalizers
/// (RFC 3986 section 6.2.2.2, and the WHATWG parser reqwest uses), so
/// `/api/2/issue/%2E%2E` is `/api/2/`. Either the segment arrives with its
/// exact value, or the client refuses to send anything; reaching another
/// resource is the failure.
#[tokio::test]
async fn dot_segment_path_parameters_never_reach_another_resource() {
    let server = ok_server();
    let client = common::client(&server.url());
    for dots in [".", ".."] {
        let cases = [
            (client.get_issue(dots).send().await.map(|_| ()), vec!["api", "2", "issue", dots]),
            (client.get_worklog(dots, "1").send().await.map(|_| ()), vec!["api", "2", "issue", dots, "worklog", "1"]),
            (
                client.delete_dashboard_item_property("1", dots, "k").send().await.map(|_| ()),
                vec!["api", "2", "dashboard", "1", "items", dots, "properties", "k"],
            ),
            (client.get_user_property(dots).send().await.map(|_| ()), vec!["api", "2", "user", "properties", dots]),
        ];
        for (outcome, expected) in cases {
            match outcome {
                Ok(_) => {
                    let request = server.requests().pop().expect("a successful call was received");
                    assert_eq!(segments(&request), expected, "{dots:?} reached {}", request.target);
                }
                Err(jira::Error::InvalidRequest(message)) => {
                    assert!(message.contains("segment"), "{dots:?}: {message}");
                }
                Err(err) => panic!("{dots:?} in {expected:?}: {err:?}"),
            }
        }
    }
}

/// Query values with their `application/x-www-form-urlencoded` encoding:
/// space as `+`, and every byte but alphanumerics and `*-._` as `%XX`.
const QUERY_VALUES: &[(&str, &str)] = &[
    ("names", "names"),
    ("a b", "a+b"),
    ("a+b", "a%2Bb"),
    ("a&b=c", "a%26b%3Dc"),
    ("expand=evil&x", "expand%3Devil%26x"),
    ("Ω🦀", "%CE%A9%F0%9F%A6%80"),
    ("\"quoted\"", "%22quoted%22"),
    ("#frag?x", "%23frag%3Fx"),
    ("100%", "100%25"),
    ("/:@,;", "%2F%3A%40%2C%3B"),
    ("*-._~", "*-._%7E"),
    ("a\r\nX-Injected: 1", "a%0D%0AX-Injected%3A+1"),
    ("", ""),
];

#[tokio::test]
async fn query_values_are_form_encoded_never_json_quoted_and_round_trip() {
    let server = ok_server();
    let client = common::client(&server.url());
    for (value, _) in QUERY_VALUES {
        client.get_issue("X").expand([*value]).send().await.unwrap_or_else(|err| panic!("{value:?}: {err:?}"));
    }
    let requests = server.requests();
    assert_eq!(requests.len(), QUERY_VALUES.len());
    for ((value, encoded), request) in QUERY_VALUES.iter().zip(&requests) {
        assert_eq!(request.request_line, format!("GET /api/2/issue/X?expand={encoded} HTTP/1.1"), "value {value:?}");
        let pairs = request.query_pairs().unwrap_or_else(|err| panic!("{value:?}: {err}"));
        assert_eq!(pairs, [("expand".to_owned(), (*value).to_owned())], "value {value:?}");
        assert_eq!(request.header("x-injected"), None, "value {value:?}");
    }
    assert!(!requests[0].target.contains("%22"), "JSON-quoted: {}", requests[0].target);
}

/// The string parameters carry hostile values (`"true"` with its quotes
/// must not be confused with the boolean flags); `expand` is a csv list
/// since the overlay, and the flags are booleans.
#[tokio::test]
async fn all_query_parameters_round_trip_together_in_declaration_order() {
    let server = ok_server();
    let expand = ["x&y=z", "Ω", "\"true\""];
    common::client(&server.url())
        .update_worklog("PROJ-1", "a?expand=evil", time_spent("1h"))
        .adjust_estimate("a b+c")
        .expand(expand)
        .new_estimate("2d 4h?#")
        .notify_users(false)
        .override_editable_flag(true)
        .send()
        .await
        .unwrap();
    let request = server.single_request();
    assert_eq!(segments(&request), ["api", "2", "issue", "PROJ-1", "worklog", "a?expand=evil"]);
    assert_eq!(
        request.request_line,
        "PUT /api/2/issue/PROJ-1/worklog/a%3Fexpand%3Devil?adjustEstimate=a+b%2Bc&expand=x%26y%3Dz%2C%CE%A9%2C%22true%22\
         &newEstimate=2d+4h%3F%23&notifyUsers=false&overrideEditableFlag=true HTTP/1.1"
    );
    let joined = expand.join(",");
    let names = ["adjustEstimate", "expand", "newEstimate", "notifyUsers", "overrideEditableFlag"];
    let values = ["a b+c", joined.as_str(), "2d 4h?#", "false", "true"];
    let expected: Vec<(String, String)> = names.iter().zip(values).map(|(n, v)| ((*n).into(), v.into())).collect();
    assert_eq!(request.query_pairs().unwrap(), expected);
}

#[tokio::test]
async fn header_parameter_is_sent_verbatim() {
    let server = ok_server();
    let value = "a b,c;d=\"e\"/%20+?#";
    common::client(&server.url()).get_user_property_keys().force_account_id(value).send().await.unwrap();
    let request = server.single_request();
    assert_eq!(request.header_values("force-account-id"), [value]);
    assert_eq!(request.request_line, "GET /api/2/user/properties HTTP/1.1");
}

#[tokio::test]
async fn base_url_with_or_without_trailing_slash_and_path_prefix() {
    let server = ok_server();
    let cases = [
        ("", "/api/2/issue/PROJ-1?expand=names"),
        ("/", "/api/2/issue/PROJ-1?expand=names"),
        ("/rest", "/rest/api/2/issue/PROJ-1?expand=names"),
        ("/rest/", "/rest/api/2/issue/PROJ-1?expand=names"),
        ("/jira/rest/", "/jira/rest/api/2/issue/PROJ-1?expand=names"),
    ];
    for (suffix, _) in cases {
        let base_url = format!("{}{suffix}", server.url());
        let client = common::client(&base_url);
        assert_eq!(client.base_url(), base_url);
        client.get_issue("PROJ-1").expand(["names"]).send().await.unwrap_or_else(|err| panic!("{base_url}: {err:?}"));
    }
    let requests = server.requests();
    assert_eq!(requests.len(), cases.len());
    for ((suffix, target), request) in cases.iter().zip(&requests) {
        assert_eq!(request.request_line, format!("GET {target} HTTP/1.1"), "base URL suffix {suffix:?}");
        assert_eq!(request.header("host"), Some(server.addr().to_string().as_str()));
    }
}
