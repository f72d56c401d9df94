//! Array parameters of the `collection_formats` fixture client on the wire:
//! every Swagger 2.0 `collectionFormat` in the query, a csv array as one
//! path segment and as one header, asserted on the raw request line the
//! server received and on the values recovered by decoding it.

mod common;

use collection_formats::{Client, Error, ResponseValue};
use swagger2rs_e2e::{RecordedRequest, Response, Server};

type Outcome = Result<ResponseValue<Vec<String>>, Error>;

/// The spec names no host; its `basePath` is `/v1`.
fn client(server: &Server) -> Client {
    Client::with_http_client(format!("{}/v1", server.url()), common::http())
}

fn ok_server() -> Server {
    Server::fixed(Response::new(200).json(r#"["ok"]"#))
}

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|value| (*value).to_owned()).collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected.iter().map(|(name, value)| ((*name).to_owned(), (*value).to_owned())).collect()
}

#[track_caller]
fn query_pairs(request: &RecordedRequest) -> Vec<(String, String)> {
    request.query_pairs().unwrap_or_else(|err| panic!("undecodable query in {:?}: {err}", request.target))
}

#[track_caller]
fn path_segments(request: &RecordedRequest) -> Vec<String> {
    request.path_segments().unwrap_or_else(|err| panic!("undecodable path in {:?}: {err}", request.target))
}

/// Values with characters that are separators in one format or another, or
/// reserved in a query, each with its `application/x-www-form-urlencoded`
/// form written out by hand: space as `+`, every byte but alphanumerics and
/// `*-._` as uppercase `%XX`.
const VALUES: &[(&str, &str)] = &[
    ("plain", "plain"),
    ("a,b", "a%2Cb"),
    ("c d", "c+d"),
    ("e\tf", "e%09f"),
    ("g|h", "g%7Ch"),
    ("i&j=k", "i%26j%3Dk"),
    ("l+m%", "l%2Bm%25"),
    ("Ω🦀é", "%CE%A9%F0%9F%A6%80%C3%A9"),
    ("#?/", "%23%3F%2F"),
    ("x\r\nX-Injected: 1", "x%0D%0AX-Injected%3A+1"),
];

fn raw_values() -> Vec<String> {
    VALUES.iter().map(|(raw, _)| (*raw).to_owned()).collect()
}

/// The encoded values joined by `separator` (already encoded).
fn encoded_joined(separator: &str) -> String {
    VALUES.iter().map(|(_, encoded)| *encoded).collect::<Vec<_>>().join(separator)
}

/// Sends one `list_items` with `ids = [1]`, `required_multi = [7]` and
/// whatever `configure` sets, and returns what the server received.
async fn received(
    configure: impl FnOnce(collection_formats::operations::ListItems<'_>) -> collection_formats::operations::ListItems<'_>,
) -> RecordedRequest {
    let server = ok_server();
    let client = client(&server);
    let outcome = configure(client.list_items(vec![1], vec![7])).send().await;
    let value = outcome.unwrap_or_else(|err| panic!("list_items failed: {err:?}"));
    assert_eq!(*value.body(), ["ok"]);
    server.single_request()
}

#[tokio::test]
async fn csv_is_the_default_and_its_commas_are_form_encoded() {
    let request = received(|op| op.csv(strings(&["a", "b"]))).await;
    assert_eq!(request.request_line, "GET /v1/items/1?required_multi=7&csv=a%2Cb HTTP/1.1");
    assert_eq!(query_pairs(&request), pairs(&[("required_multi", "7"), ("csv", "a,b")]));
}

#[tokio::test]
async fn ssv_joins_with_a_space_sent_as_plus() {
    let request = received(|op| op.ssv(strings(&["a", "b"]))).await;
    assert_eq!(request.request_line, "GET /v1/items/1?required_multi=7&ssv=a+b HTTP/1.1");
    assert_eq!(query_pairs(&request), pairs(&[("required_multi", "7"), ("ssv", "a b")]));
}

#[tokio::test]
async fn tsv_joins_with_an_encoded_tab() {
    let request = received(|op| op.tsv(strings(&["a", "b"]))).await;
    assert_eq!(request.request_line, "GET /v1/items/1?required_multi=7&tsv=a%09b HTTP/1.1");
    assert_eq!(query_pairs(&request), pairs(&[("required_multi", "7"), ("tsv", "a\tb")]));
}

#[tokio::test]
async fn pipes_joins_with_an_encoded_pipe() {
    let request = received(|op| op.pipes(strings(&["a", "b"]))).await;
    assert_eq!(request.request_line, "GET /v1/items/1?required_multi=7&pipes=a%7Cb HTTP/1.1");
    assert_eq!(query_pairs(&request), pairs(&[("required_multi", "7"), ("pipes", "a|b")]));
}

#[tokio::test]
async fn multi_repeats_the_pair_for_each_value() {
    let request = received(|op| op.multi(strings(&["a", "b"]))).await;
    assert_eq!(request.request_line, "GET /v1/items/1?required_multi=7&multi=a&multi=b HTTP/1.1");
    assert_eq!(query_pairs(&request), pairs(&[("required_multi", "7"), ("multi", "a"), ("multi", "b")]));
}

/// Each joined format sends one pair whose decoded value is the values
/// joined by the format's separator, whatever the values contain (a value
/// containing the separator is ambiguous by the format's nature, but must
/// still arrive byte for byte).
#[tokio::test]
async fn joined_formats_encode_reserved_and_non_ascii_values_and_round_trip() {
    type Setter =
        fn(collection_formats::operations::ListItems<'_>, Vec<String>) -> collection_formats::operations::ListItems<'_>;
    let formats: [(&str, Setter, &str, &str); 4] = [
        ("csv", |op, v| op.csv(v), ",", "%2C"),
        ("ssv", |op, v| op.ssv(v), " ", "+"),
        ("tsv", |op, v| op.tsv(v), "\t", "%09"),
        ("pipes", |op, v| op.pipes(v), "|", "%7C"),
    ];
    for (name, set, separator, encoded_separator) in formats {
        let request = received(|op| set(op, raw_values())).await;
        let expected_line =
            format!("GET /v1/items/1?required_multi=7&{name}={} HTTP/1.1", encoded_joined(encoded_separator));
        assert_eq!(request.request_line, expected_line, "{name}");
        let joined = raw_values().join(separator);
        assert_eq!(query_pairs(&request), pairs(&[("required_multi", "7"), (name, &joined)]), "{name}");
        assert_eq!(request.header("x-injected"), None, "{name}: {request:#?}");
    }
}

#[tokio::test]
async fn multi_encodes_reserved_and_non_ascii_values_and_round_trips() {
    let request = received(|op| op.multi(raw_values())).await;
    let multi: Vec<String> = VALUES.iter().map(|(_, encoded)| format!("multi={encoded}")).collect();
    assert_eq!(request.request_line, format!("GET /v1/items/1?required_multi=7&{} HTTP/1.1", multi.join("&")));
    let mut expected = vec![("required_multi".to_owned(), "7".to_owned())];
    expected.extend(raw_values().into_iter().map(|v| ("multi".to_owned(), v)));
    assert_eq!(query_pairs(&request), expected);
    assert_eq!(request.header("x-injected"), None, "{request:#?}");
}

#[tokio::test]
async fn required_multi_integers_repeat_the_pair_in_order() {
    let server = ok_server();
    client(&server).list_items(vec![1], vec![-1, 0, 42, i64::MAX, i64::MIN]).send().await.unwrap();
    let request = server.single_request();
    assert_eq!(
        request.request_line,
        "GET /v1/items/1?required_multi=-1&required_multi=0&required_multi=42\
         &required_multi=9223372036854775807&required_multi=-9223372036854775808 HTTP/1.1"
    );
    let expected = [-1, 0, 42, i64::MAX, i64::MIN].map(|n| ("required_multi".to_owned(), n.to_string()));
    assert_eq!(query_pairs(&request), expected);
}

#[tokio::test]
async fn every_format_together_required_first_then_in_the_order_set() {
    let server = ok_server();
    client(&server)
        .list_items(vec![3, 1, 2], vec![5, 6])
        .x_tags(strings(&["t1", "t2"]))
        .csv(strings(&["c1", "c2"]))
        .ssv(strings(&["s1", "s2"]))
        .tsv(strings(&["t1", "t2"]))
        .pipes(strings(&["p1", "p2"]))
        .multi(strings(&["m1", "m 2"]))
        .send()
        .await
        .unwrap();
    let request = server.single_request();
    assert_eq!(
        request.request_line,
        "GET /v1/items/3%2C1%2C2?required_multi=5&required_multi=6\
         &csv=c1%2Cc2&ssv=s1+s2&tsv=t1%09t2&pipes=p1%7Cp2&multi=m1&multi=m+2 HTTP/1.1"
    );
    let expected = pairs(&[
        ("required_multi", "5"),
        ("required_multi", "6"),
        ("csv", "c1,c2"),
        ("ssv", "s1 s2"),
        ("tsv", "t1\tt2"),
        ("pipes", "p1|p2"),
        ("multi", "m1"),
        ("multi", "m 2"),
    ]);
    assert_eq!(query_pairs(&request), expected);
    assert_eq!(path_segments(&request), ["v1", "items", "3,1,2"]);
    assert_eq!(request.header_values("x-tags"), ["t1,t2"]);
    assert_eq!(request.header_values("accept"), ["application/json"]);
    let mut names = request.header_names();
    names.sort_unstable();
    assert_eq!(names, ["accept", "host", "user-agent", "x-tags"], "{request:#?}");
    assert!(request.body.is_empty());
}

/// Array parameters take any iterator of their item type: arrays of `&str`,
/// ranges, adapters; the wire form is the same as with a `Vec`.
#[tokio::test]
async fn array_parameters_accept_any_iterator() {
    let server = ok_server();
    let owned = strings(&["m1", "m 2"]);
    client(&server)
        .list_items([3, 1, 2], 5..=6)
        .x_tags(std::iter::once("t1").chain(["t2"]))
        .csv(["c1", "c2"])
        .ssv(["s1", "s2"].iter().copied())
        .tsv(["t1".to_owned(), "t2".to_owned()])
        .pipes("p1 p2".split(' '))
        .multi(&owned)
        .send()
        .await
        .unwrap();
    let request = server.single_request();
    assert_eq!(
        request.request_line,
        "GET /v1/items/3%2C1%2C2?required_multi=5&required_multi=6\
         &csv=c1%2Cc2&ssv=s1+s2&tsv=t1%09t2&pipes=p1%7Cp2&multi=m1&multi=m+2 HTTP/1.1"
    );
    assert_eq!(request.header_values("x-tags"), ["t1,t2"]);
}

#[tokio::test]
async fn empty_optional_arrays_are_absent() {
    // The setters take any iterator of strings, so an empty one needs its type.
    let none = Vec::<String>::new;
    let request =
        received(|op| op.csv(none()).ssv(none()).tsv(none()).pipes(none()).multi(none()).x_tags(none())).await;
    assert_eq!(request.request_line, "GET /v1/items/1?required_multi=7 HTTP/1.1");
    assert_eq!(request.header("x-tags"), None, "{request:#?}");
}

#[tokio::test]
async fn unset_optional_arrays_are_absent() {
    let request = received(|op| op).await;
    assert_eq!(request.request_line, "GET /v1/items/1?required_multi=7 HTTP/1.1");
    assert_eq!(query_pairs(&request), pairs(&[("required_multi", "7")]));
    let mut names = request.header_names();
    names.sort_unstable();
    assert_eq!(names, ["accept", "host", "user-agent"], "{request:#?}");
}

/// An empty `multi` array has no wire form. Whatever the client does about
/// a required one, it must not invent a value such as `required_multi=`.
#[tokio::test]
async fn empty_required_multi_array_is_never_sent_as_an_empty_value() {
    let server = ok_server();
    let outcome = client(&server).list_items(vec![1], Vec::new()).send().await;
    match outcome {
        Ok(_) => assert_eq!(server.single_request().request_line, "GET /v1/items/1 HTTP/1.1"),
        Err(Error::InvalidRequest(_)) => assert!(server.requests().is_empty()),
        Err(err) => panic!("{err:?}"),
    }
}

#[tokio::test]
async fn path_array_is_one_csv_segment() {
    let cases: [(Vec<i64>, &str, &str); 4] = [
        (vec![1, 2, 3], "1%2C2%2C3", "1,2,3"),
        (vec![42], "42", "42"),
        (vec![-5, 0, i64::MIN], "-5%2C0%2C-9223372036854775808", "-5,0,-9223372036854775808"),
        (vec![i64::MAX, 7], "9223372036854775807%2C7", "9223372036854775807,7"),
    ];
    let server = ok_server();
    let client = client(&server);
    for (ids, _, _) in &cases {
        client.list_items(ids.clone(), vec![1]).send().await.unwrap_or_else(|err| panic!("{ids:?}: {err:?}"));
    }
    let requests = server.requests();
    assert_eq!(requests.len(), cases.len());
    for ((ids, encoded, decoded), request) in cases.iter().zip(&requests) {
        assert_eq!(request.request_line, format!("GET /v1/items/{encoded}?required_multi=1 HTTP/1.1"), "{ids:?}");
        assert_eq!(path_segments(request), ["v1", "items", decoded], "{ids:?}");
    }
}

/// `/v1/items/` with an empty last segment is a different resource (the
/// collection), so an empty required path array must not be sent.
#[tokio::test]
async fn empty_path_array_is_invalid_request_and_nothing_is_sent() {
    let server = ok_server();
    let outcome = client(&server).list_items(Vec::new(), vec![1]).send().await;
    match outcome {
        Err(Error::InvalidRequest(message)) => assert!(message.contains("path"), "{message}"),
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    assert!(server.requests().is_empty());
    assert_eq!(server.connections(), 0);
}

#[tokio::test]
async fn header_array_is_one_comma_joined_header() {
    let cases: [(&[&str], &str); 4] = [
        (&["a", "b"], "a,b"),
        (&["only"], "only"),
        (&["a b", "c;d=\"e\"", "f/%20+?#&"], "a b,c;d=\"e\",f/%20+?#&"),
        (&["Ω", "🦀"], "Ω,🦀"),
    ];
    let server = ok_server();
    let client = client(&server);
    for (tags, _) in cases {
        client
            .list_items(vec![1], vec![1])
            .x_tags(strings(tags))
            .send()
            .await
            .unwrap_or_else(|err| panic!("{tags:?}: {err:?}"));
    }
    let requests = server.requests();
    assert_eq!(requests.len(), cases.len());
    for ((tags, joined), request) in cases.iter().zip(&requests) {
        assert_eq!(request.header_values("x-tags"), [*joined], "{tags:?}");
        assert_eq!(request.request_line, "GET /v1/items/1?required_multi=1 HTTP/1.1", "{tags:?}");
    }
}

#[tokio::test]
async fn header_array_with_line_breaks_is_invalid_request_and_nothing_is_sent() {
    let server = ok_server();
    let client = client(&server);
    for bad in ["b\r\nX-Injected: 1", "b\nX-Injected: 1", "b\0"] {
        let outcome = client.list_items(vec![1], vec![1]).x_tags(strings(&["a", bad])).send().await;
        match outcome {
            Err(Error::InvalidRequest(message)) => {
                assert!(message.to_ascii_lowercase().contains("x-tags"), "{bad:?}: {message}");
                assert!(!message.contains("Injected"), "{bad:?}: error repeats the value: {message}");
            }
            other => panic!("{bad:?}: expected InvalidRequest, got {other:?}"),
        }
    }
    assert!(server.requests().is_empty());
    assert_eq!(server.connections(), 0);
}

#[tokio::test]
async fn string_array_response_is_decoded_with_status_and_headers() {
    let server = Server::fixed(Response::new(200).header("X-Total", "3").json(r#"["a,b", "Ω 🦀", ""]"#));
    let value = client(&server).list_items(vec![1, 2], vec![3]).send().await.unwrap();
    assert_eq!(value.status().as_u16(), 200);
    assert_eq!(value.headers()["x-total"], "3");
    assert_eq!(*value.body(), ["a,b", "Ω 🦀", ""]);
    assert_eq!(value.into_body(), vec!["a,b".to_owned(), "Ω 🦀".to_owned(), String::new()]);
    assert_eq!(server.single_request().request_line, "GET /v1/items/1%2C2?required_multi=3 HTTP/1.1");
}

#[tokio::test]
async fn empty_string_array_response_is_decoded() {
    // `null` and an empty body (read as `null`) are an empty array too, as Go servers send (`[types] nulls`).
    for body in ["[]", "null", ""] {
        let server = Server::fixed(Response::new(200).json(body));
        let value = client(&server).list_items(vec![1], vec![1]).send().await.unwrap();
        assert!(value.body().is_empty(), "{body:?}");
    }
}

#[tokio::test]
async fn response_of_the_wrong_shape_is_invalid_body() {
    for body in ["[1, 2]", r#"{"items": []}"#, r#""a""#, "[\"a\""] {
        let server = Server::fixed(Response::new(200).json(body));
        let outcome: Outcome = client(&server).list_items(vec![1], vec![1]).send().await;
        match outcome {
            Err(Error::InvalidBody { status, body: raw, .. }) => {
                assert_eq!(status.as_u16(), 200, "{body:?}");
                assert_eq!(raw, body.as_bytes(), "{body:?}");
            }
            other => panic!("{body:?}: expected InvalidBody, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn error_status_is_error_response_with_json_body() {
    let server = Server::fixed(Response::new(404).json(r#"{"message":"no such items"}"#));
    let outcome: Outcome = client(&server).list_items(vec![9], vec![1]).send().await;
    match outcome {
        Err(Error::ErrorResponse(value)) => {
            assert_eq!(value.status().as_u16(), 404);
            assert_eq!(*value.body(), serde_json::json!({"message": "no such items"}));
        }
        other => panic!("expected ErrorResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn a_path_array_the_template_uses_twice_is_sent_twice() {
    let server = ok_server();
    client(&server).pair_items(["a b", "c"]).send().await.unwrap();
    assert_eq!(server.single_request().request_line, "GET /v1/pairs/a%20b%7Cc/again/a%20b%7Cc HTTP/1.1");
}
