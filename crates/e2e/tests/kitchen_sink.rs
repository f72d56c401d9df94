//! The kitchen-sink fixture (`spec/fixtures/kitchen_sink.yaml`): every model shape decoded from and encoded
//! to literal JSON documents, and every operation on the wire against the local server (request line,
//! headers, body bytes) with each declared response decoded.

mod common;

use std::collections::BTreeMap;

use kitchen_sink::runtime::{Base64, Bytes, FilePart};
use kitchen_sink::types::{
    Annotated, Badge, Circle, Color, Counters, CreateWidgetFailure, CreateWidgetHeaders, CreateWidgetSuccess,
    CreateWidgetXMode, Department, Employee, Entity, Error_, Formats, Gadget, ListWidgetsStatus, ListWidgetsSuccess,
    Metadata, Named, NotFound, PatchWidgetsKind, Priority, Receipt, Shape, Square, Strict, TreeNode,
    UpdateSettingsMode, ValidationError, Widget,
};
use kitchen_sink::{Client, Error};
use serde_json::{Value, json};
use swagger2rs_e2e::{RecordedRequest, Response, Server};

/// The spec names no host; its `basePath` is `/api`.
fn client(server: &Server) -> Client {
    Client::with_http_client(format!("{}/api", server.url()), common::http())
}

fn json_server(status: u16, body: &str) -> Server {
    Server::fixed(Response::new(status).json(body))
}

/// Decodes `document`, checks that encoding the value gives the same JSON back, and returns the value.
#[track_caller]
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(document: Value) -> T {
    let decoded: T = serde_json::from_value(document.clone()).expect("decodes");
    assert_eq!(serde_json::to_value(&decoded).expect("encodes"), document, "round trip changes nothing");
    decoded
}

#[track_caller]
fn rejects<T: serde::de::DeserializeOwned + std::fmt::Debug>(document: Value) {
    let result = serde_json::from_value::<T>(document.clone());
    assert!(result.is_err(), "{document} should not decode, got {result:?}");
}

/// The request body parsed as JSON.
#[track_caller]
fn json_body(request: &RecordedRequest) -> Value {
    serde_json::from_slice(&request.body).expect("a JSON request body")
}

fn new_widget() -> Widget {
    Widget {
        widget_id: None,
        display_name: "Gear".into(),
        owner_note: None,
        nick_name: None,
        size_limit: None,
        unit_label: None,
        is_visible: None,
        color: Color::Crimson,
        priority: None,
    }
}

/// A minimal widget document as a server sends it: the fields with spec defaults are present (they are filled
/// in on receipt when absent, so a document without them would not round-trip unchanged).
fn widget_json() -> Value {
    json!({
        "displayName": "Gear", "ownerNote": null, "color": "dark-red",
        "sizeLimit": 10, "unitLabel": "cm", "isVisible": true,
    })
}

// ----- models -----

#[test]
fn camel_case_properties_are_snake_case_fields() {
    let widget: Widget = round_trip(json!({
        "widgetId": 9,
        "displayName": "Gear",
        "ownerNote": "mine",
        "nickName": "G",
        "sizeLimit": 3,
        "unitLabel": "mm",
        "isVisible": false,
        "color": "sky blue",
        "priority": 5,
    }));
    assert_eq!(
        widget,
        Widget {
            widget_id: Some(9),
            display_name: "Gear".into(),
            owner_note: Some("mine".into()),
            nick_name: Some(Some("G".into())),
            size_limit: Some(3),
            unit_label: Some("mm".into()),
            is_visible: Some(false),
            color: Color::Azure,
            priority: Some(Priority::Normal),
        }
    );
}

#[test]
fn required_fields_must_be_present_and_optional_ones_are_left_out() {
    rejects::<Widget>(json!({"ownerNote": null, "color": "dark-red"}));
    rejects::<Widget>(json!({"displayName": "Gear", "ownerNote": null}));
    let encoded = serde_json::to_value(new_widget()).expect("encodes");
    assert_eq!(encoded, json!({"displayName": "Gear", "ownerNote": null, "color": "dark-red"}));
}

#[test]
fn read_only_fields_are_optional_even_when_listed_as_required() {
    let sent: Widget = round_trip(widget_json());
    assert_eq!(sent.widget_id, None, "a readOnly id need not be sent");
    let mut document = widget_json();
    document["widgetId"] = json!(42);
    let received: Widget = round_trip(document);
    assert_eq!(received.widget_id, Some(42));
}

#[test]
fn required_nullable_fields_are_sent_as_null_and_optional_nullable_ones_tell_absent_from_null() {
    let base = widget_json();
    let absent: Widget = round_trip(base.clone());
    assert_eq!((absent.owner_note.as_deref(), absent.nick_name.clone()), (None, None));

    let mut with_null = base.clone();
    with_null["nickName"] = Value::Null;
    let null: Widget = round_trip(with_null);
    assert_eq!(null.nick_name, Some(None), "null is kept, and sent back as null");

    let mut with_value = base;
    with_value["nickName"] = json!("G");
    with_value["ownerNote"] = json!("note");
    let set: Widget = round_trip(with_value);
    assert_eq!((set.owner_note.as_deref(), set.nick_name), (Some("note"), Some(Some("G".to_owned()))));
}

#[test]
fn absent_fields_read_as_the_spec_defaults() {
    let widget: Widget =
        serde_json::from_value(json!({"displayName": "Gear", "ownerNote": null, "color": "dark-red"})).unwrap();
    assert_eq!(widget.size_limit, Some(10), "integer default");
    assert_eq!(widget.unit_label.as_deref(), Some("cm"), "string default");
    assert_eq!(widget.is_visible, Some(true), "boolean default");
    let sent: Widget = serde_json::from_value(json!({
        "displayName": "Gear", "ownerNote": null, "color": "dark-red",
        "sizeLimit": 0, "unitLabel": "", "isVisible": false,
    }))
    .unwrap();
    assert_eq!((sent.size_limit, sent.unit_label.as_deref(), sent.is_visible), (Some(0), Some(""), Some(false)));
    // Defaults are applied on receipt only: a value built in Rust leaves them out.
    assert_eq!(serde_json::to_value(new_widget()).unwrap().get("sizeLimit"), None);
}

#[test]
fn string_enum_is_named_by_x_ms_enum_and_keeps_unknown_values() {
    assert_eq!(round_trip::<Color>(json!("dark-red")), Color::Crimson);
    assert_eq!(round_trip::<Color>(json!("sky blue")), Color::Azure);
    assert_eq!(round_trip::<Color>(json!("Dark-Red")), Color::Other("Dark-Red".into()), "case matters");
    assert_eq!(round_trip::<Color>(json!("mauve")), Color::Other("mauve".into()));
    assert_eq!(Color::from("sky blue"), Color::Azure);
    assert_eq!(Color::Crimson.to_string(), "dark-red");
    rejects::<Color>(json!(1));
}

#[test]
fn integer_enum_is_named_by_x_enum_varnames_and_keeps_unknown_values() {
    assert_eq!(round_trip::<Priority>(json!(1)), Priority::Low);
    assert_eq!(round_trip::<Priority>(json!(5)), Priority::Normal);
    assert_eq!(round_trip::<Priority>(json!(10)), Priority::Urgent);
    assert_eq!(round_trip::<Priority>(json!(7)), Priority::Other(7));
    assert_eq!(Priority::Urgent.value(), 10);
    rejects::<Priority>(json!("5"));
    let mut document = widget_json();
    document["color"] = json!("mauve");
    document["priority"] = json!(-3);
    let widget: Widget = round_trip(document);
    assert_eq!((widget.color, widget.priority), (Color::Other("mauve".into()), Some(Priority::Other(-3))));
}

#[test]
fn all_of_two_levels_deep_merges_every_part_and_its_required_fields() {
    let gadget: Gadget = round_trip(json!({"id": "g1", "name": "Gizmo", "serial": 77, "notes": "n"}));
    assert_eq!(gadget, Gadget { id: "g1".into(), name: "Gizmo".into(), serial: 77, notes: Some("n".into()) });
    let named: Named = round_trip(json!({"id": "n1", "name": "N"}));
    assert_eq!(named, Named { id: "n1".into(), name: "N".into() });
    assert_eq!(round_trip::<Entity>(json!({"id": "e1"})), Entity { id: "e1".into() });
    rejects::<Gadget>(json!({"name": "Gizmo", "serial": 77}));
    rejects::<Gadget>(json!({"id": "g1", "serial": 77}));
    rejects::<Gadget>(json!({"id": "g1", "name": "Gizmo"}));
    rejects::<Named>(json!({"id": "n1"}));
}

#[test]
fn discriminator_dispatches_on_the_definition_name_and_on_x_ms_discriminator_value() {
    let circle: Shape = round_trip(json!({"shapeType": "Circle", "radius": 1.5, "label": "c"}));
    assert_eq!(circle, Shape::Circle(Circle { shape_type: "Circle".into(), label: Some("c".into()), radius: 1.5 }));
    assert_eq!(circle.tag(), Some("Circle"));
    let square: Shape = round_trip(json!({"shapeType": "square", "side": 4}));
    assert_eq!(square, Shape::Square(Square { shape_type: "square".into(), label: None, side: 4 }));
    assert_eq!(square.tag(), Some("square"));
}

#[test]
fn unknown_discriminator_tags_are_kept_whole() {
    let document = json!({"shapeType": "hexagon", "sides": 6, "nested": {"a": [1, 2]}});
    let hexagon: Shape = round_trip(document.clone());
    assert_eq!(hexagon, Shape::Other(document));
    assert_eq!(hexagon.tag(), Some("hexagon"));
    // The child's definition name is not its tag when x-ms-discriminator-value renames it.
    let renamed: Shape = round_trip(json!({"shapeType": "Square", "side": 4}));
    assert!(matches!(renamed, Shape::Other(_)), "{renamed:?}");
    let untagged: Shape = round_trip(json!({"radius": 1.0}));
    assert_eq!(untagged.tag(), None);
}

#[test]
fn a_known_tag_with_a_wrong_shape_is_an_error() {
    rejects::<Shape>(json!({"shapeType": "Circle"}));
    rejects::<Shape>(json!({"shapeType": "square", "side": "four"}));
}

#[test]
fn additional_properties_true_is_a_map_of_any_json() {
    let metadata: Metadata = round_trip(json!({"a": 1, "b": "two", "c": [true, null], "d": {"e": null}}));
    assert_eq!(metadata.len(), 4);
    assert_eq!(metadata["c"], json!([true, null]));
    rejects::<Metadata>(json!([1]));
}

#[test]
fn additional_properties_schema_alone_is_a_typed_map() {
    let counters: Counters = round_trip(json!({"hits": 3, "misses": 9_007_199_254_740_993_i64}));
    assert_eq!(counters, BTreeMap::from([("hits".to_owned(), 3), ("misses".to_owned(), 9_007_199_254_740_993)]));
    rejects::<Counters>(json!({"hits": "3"}));
}

#[test]
fn additional_properties_next_to_properties_keep_the_extra_keys() {
    let annotated: Annotated = round_trip(json!({"title": "T", "x-one": "1", "x-two": "2"}));
    assert_eq!(annotated.title.as_deref(), Some("T"));
    assert_eq!(
        annotated.additional_properties,
        BTreeMap::from([("x-one".to_owned(), "1".to_owned()), ("x-two".to_owned(), "2".to_owned())])
    );
    let only_extra: Annotated = round_trip(json!({"z": "last"}));
    assert_eq!((only_extra.title, only_extra.additional_properties.len()), (None, 1));
    rejects::<Annotated>(json!({"title": "T", "x-one": 1}));
}

#[test]
fn additional_properties_false_rejects_unknown_keys() {
    let strict: Strict = round_trip(json!({"only": "x"}));
    assert_eq!(strict.only.as_deref(), Some("x"));
    round_trip::<Strict>(json!({}));
    rejects::<Strict>(json!({"only": "x", "extra": 1}));
    rejects::<Strict>(json!({"extra": null}));
}

#[test]
fn scalar_formats_decode_into_their_rust_types() {
    let formats: Formats = round_trip(json!({
        "i32": -2_147_483_648_i64,
        "i64": 9_223_372_036_854_775_807_i64,
        "f32": 0.5,
        "f64": 1e300,
        "bytes": "aGkA/w==",
        "binary": "\u{0}raw",
        "email": "not even an email",
        "at": "2026-11-28T23:59:60.500-05:30",
        "day": "2024-02-29",
        "free": {"any": ["thing", 1]},
        "untyped": [1, "two", null],
    }));
    let at = formats.at.expect("a date-time");
    assert_eq!((at.offset().local_minus_utc(), at.timestamp_subsec_millis()), (-(5 * 3600 + 30 * 60), 1500));
    assert_eq!(formats.day.map(|d| d.to_string()).as_deref(), Some("2024-02-29"));
    assert_eq!(formats.i32, Some(i32::MIN));
    assert_eq!(formats.i64, Some(i64::MAX));
    assert_eq!(formats.f32, Some(0.5_f32));
    assert_eq!(formats.f64, Some(1e300));
    assert_eq!(formats.bytes.as_ref().map(Base64::as_bytes), Some(&b"hi\x00\xff"[..]));
    assert_eq!(formats.binary.as_deref(), Some("\u{0}raw"));
    let email: Option<String> = formats.email;
    assert_eq!(email.as_deref(), Some("not even an email"), "an unknown format stays a String");
    assert_eq!(formats.free, Some(json!({"any": ["thing", 1]})));
    assert_eq!(formats.untyped, Some(json!([1, "two", null])));
    round_trip::<Formats>(json!({"untyped": "text", "free": {}}));
}

#[test]
fn scalar_formats_reject_values_outside_their_type() {
    rejects::<Formats>(json!({"i32": 2_147_483_648_i64}));
    rejects::<Formats>(json!({"i64": 1.5}));
    rejects::<Formats>(json!({"bytes": "not base64!"}));
    rejects::<Formats>(json!({"bytes": 5}));
    rejects::<Formats>(json!({"at": "2026-11-28 12:00"}));
    rejects::<Formats>(json!({"day": "2023-02-29"}));
}

#[test]
fn base64_bytes_are_encoded_when_sent() {
    let formats = Formats {
        i32: None,
        i64: None,
        f32: None,
        f64: None,
        bytes: Some(Base64(vec![0, 1, 2, 253, 254, 255])),
        binary: None,
        email: None,
        at: None,
        day: None,
        free: None,
        untyped: None,
    };
    assert_eq!(serde_json::to_value(&formats).unwrap(), json!({"bytes": "AAEC/f7/"}));
}

#[test]
fn a_self_recursive_type_nests() {
    let tree: TreeNode = round_trip(json!({
        "label": "leaf",
        "parent": {"label": "mid", "parent": {"label": "root"}},
        "children": [{"label": "a", "children": [{"label": "a1"}]}, {"label": "b"}],
    }));
    let parent: Option<Box<TreeNode>> = tree.parent.clone();
    let grandparent = parent.as_ref().and_then(|p| p.parent.as_ref()).map(|g| g.label.as_str());
    assert_eq!(grandparent, Some("root"));
    let children = tree.children.as_deref().unwrap_or_default();
    assert_eq!(children.iter().map(|c| c.label.as_str()).collect::<Vec<_>>(), ["a", "b"]);
    assert_eq!(children[0].children.as_ref().map(Vec::len), Some(1));
    rejects::<TreeNode>(json!({"label": "x", "parent": {}}));
}

#[test]
fn a_two_type_cycle_boxes_only_the_edge_closing_it() {
    // The field types are part of the test: only `Employee::department` closes the cycle and is boxed;
    // `Department::head` and `Employee::badge` hold their values inline.
    let employee = Employee {
        name: Some("Ann".into()),
        department: Some(Box::new(Department {
            name: Some("R&D".into()),
            head: Some(Employee { name: Some("Bob".into()), department: None, badge: None }),
        })),
        badge: Some(Badge { number: Some(7) }),
    };
    let document = json!({
        "name": "Ann",
        "department": {"name": "R&D", "head": {"name": "Bob"}},
        "badge": {"number": 7},
    });
    assert_eq!(serde_json::to_value(&employee).unwrap(), document);
    assert_eq!(round_trip::<Employee>(document), employee);
    let department: Department = round_trip(json!({"head": {"department": {"head": {"name": "deep"}}}}));
    let deep = department.head.and_then(|h| h.department).and_then(|d| d.head).and_then(|h| h.name);
    assert_eq!(deep.as_deref(), Some("deep"));
}

// ----- createWidget: required JSON body, header enum, three success codes, typed errors -----

#[tokio::test]
async fn create_widget_sends_the_json_body_and_the_header_enum() {
    let server = json_server(201, r#"{"id":5}"#);
    let widget = Widget { nick_name: Some(None), priority: Some(Priority::Urgent), ..new_widget() };
    client(&server).create_widget(widget).x_mode(CreateWidgetXMode::Async).send().await.expect("201");
    let request = server.single_request();
    assert_eq!(request.request_line, "POST /api/widgets HTTP/1.1");
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.header("accept"), Some("application/json"));
    assert_eq!(request.header_values("x-mode"), ["async"]);
    assert_eq!(
        json_body(&request),
        json!({"displayName": "Gear", "ownerNote": null, "nickName": null, "color": "dark-red", "priority": 10})
    );
}

#[tokio::test]
async fn create_widget_sends_unknown_header_enum_values_unchanged_and_leaves_out_an_unset_header() {
    let server = json_server(201, r#"{"id":5}"#);
    let client = client(&server);
    client.create_widget(new_widget()).x_mode(CreateWidgetXMode::Other("later".into())).send().await.expect("201");
    client.create_widget(new_widget()).send().await.expect("201");
    let requests = server.requests();
    assert_eq!(requests[0].header_values("x-mode"), ["later"]);
    assert_eq!(requests[1].header("x-mode"), None);
    let mut names = requests[1].header_names();
    names.sort_unstable();
    assert_eq!(names, ["accept", "content-length", "content-type", "host", "user-agent"], "{:#?}", requests[1]);
}

#[tokio::test]
async fn create_widget_decodes_each_success_status_into_its_own_variant() {
    let existing = r#"{"widgetId":3,"displayName":"Gear","ownerNote":"n","color":"sky blue"}"#;
    let expected_widget = Widget {
        widget_id: Some(3),
        owner_note: Some("n".into()),
        color: Color::Azure,
        size_limit: Some(10),
        unit_label: Some("cm".into()),
        is_visible: Some(true),
        ..new_widget()
    };
    let cases = [
        (200, existing, CreateWidgetSuccess::Status200(expected_widget)),
        (201, r#"{"id":12}"#, CreateWidgetSuccess::Status201(Receipt { id: 12 })),
        (204, "", CreateWidgetSuccess::Status204),
        (202, r#"{"code":2}"#, CreateWidgetSuccess::Default(Error_ { code: 2, message: None })),
    ];
    for (status, body, expected) in cases {
        let server = json_server(status, body);
        let response = client(&server).create_widget(new_widget()).send().await.expect("a success");
        assert_eq!(response.status().as_u16(), status);
        assert_eq!(response.into_body(), expected, "{status}");
    }
}

#[tokio::test]
async fn create_widget_decodes_typed_error_bodies_by_status_and_default() {
    let cases = [
        (404, r#"{"resource":"owner"}"#, CreateWidgetFailure::Status404(NotFound { resource: Some("owner".into()) })),
        (
            422,
            r#"{"fields":["displayName","color"]}"#,
            CreateWidgetFailure::Status422(ValidationError {
                fields: Some(vec!["displayName".into(), "color".into()]),
            }),
        ),
        (
            500,
            r#"{"code":9,"message":"boom"}"#,
            CreateWidgetFailure::Default(Error_ { code: 9, message: Some("boom".into()) }),
        ),
        (409, r#"{"code":1}"#, CreateWidgetFailure::Default(Error_ { code: 1, message: None })),
    ];
    for (status, body, expected) in cases {
        let server = json_server(status, body);
        let error = client(&server).create_widget(new_widget()).send().await.expect_err("an error status");
        let Error::ErrorResponse(response) = error else { panic!("{status}: {error:?}") };
        assert_eq!(response.status().as_u16(), status);
        assert_eq!(response.into_body(), expected, "{status}");
    }
}

#[tokio::test]
async fn create_widget_error_body_of_the_wrong_shape_is_invalid() {
    let server = json_server(422, r#"{"fields":"displayName"}"#);
    let error = client(&server).create_widget(new_widget()).send().await.expect_err("bad 422 body");
    assert!(
        matches!(&error, Error::InvalidBody { status, body, .. }
            if status.as_u16() == 422 && body == &Bytes::from_static(br#"{"fields":"displayName"}"#)),
        "{error:?}"
    );
}

#[tokio::test]
async fn create_widget_reads_the_declared_response_headers() {
    let server = Server::fixed(
        Response::new(201)
            .header("Location", "/api/widgets/12")
            .header("X-Rate-Remaining", "41")
            .header("X-Warnings", "slow, big,late")
            .json(r#"{"id":12}"#),
    );
    let response = client(&server).create_widget(new_widget()).send().await.expect("201");
    let headers = CreateWidgetHeaders::from_headers(response.headers());
    assert_eq!(
        headers,
        CreateWidgetHeaders {
            location: Some("/api/widgets/12".into()),
            x_rate_remaining: Some(41),
            x_warnings: Some(vec!["slow".into(), "big".into(), "late".into()]),
        }
    );
    let server = Server::fixed(Response::new(201).header("X-Rate-Remaining", "lots").json(r#"{"id":12}"#));
    let response = client(&server).create_widget(new_widget()).send().await.expect("201");
    let headers = CreateWidgetHeaders::from_headers(response.headers());
    assert_eq!(headers, CreateWidgetHeaders::default(), "absent or malformed headers read as None");
}

// ----- listWidgets: query enum, query arrays in every collectionFormat, header array -----

#[tokio::test]
async fn list_widgets_sends_every_query_format_and_the_header_array() {
    let server = json_server(200, "[]");
    client(&server)
        .list_widgets()
        .status(ListWidgetsStatus::Retired)
        .ids([1, -2, 30])
        .names(["a b", "c"])
        .codes(["d", "e"])
        .colors(["red", "blue"])
        .tag(["g", "h&i"])
        .x_trace(["t1", "t 2"])
        .send()
        .await
        .expect("200");
    let request = server.single_request();
    assert_eq!(
        request.request_line,
        "GET /api/widgets?status=retired&ids=1%2C-2%2C30&names=a+b+c&codes=d%09e&colors=red%7Cblue\
         &tag=g&tag=h%26i HTTP/1.1"
    );
    let pairs = request.query_pairs().expect("a decodable query");
    let expected = [
        ("status", "retired"),
        ("ids", "1,-2,30"),
        ("names", "a b c"),
        ("codes", "d\te"),
        ("colors", "red|blue"),
        ("tag", "g"),
        ("tag", "h&i"),
    ]
    .map(|(n, v)| (n.to_owned(), v.to_owned()));
    assert_eq!(pairs, expected);
    assert_eq!(request.header_values("x-trace"), ["t1,t 2"]);
    assert_eq!(request.header("accept"), Some("application/json"));
    assert_eq!(request.header("content-type"), None);
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn list_widgets_sends_no_query_for_unset_parameters_and_unknown_enum_values_unchanged() {
    let server = json_server(200, "[]");
    let client = client(&server);
    client.list_widgets().send().await.expect("200");
    client.list_widgets().status(ListWidgetsStatus::Other("on hold".into())).send().await.expect("200");
    let requests = server.requests();
    assert_eq!(requests[0].request_line, "GET /api/widgets HTTP/1.1");
    assert_eq!(requests[0].header("x-trace"), None);
    assert_eq!(requests[1].request_line, "GET /api/widgets?status=on+hold HTTP/1.1");
}

#[tokio::test]
async fn list_widgets_decodes_the_array_and_the_default_error() {
    let body = r#"[{"displayName":"A","ownerNote":null,"color":"dark-red","unitLabel":"in"},
                   {"widgetId":2,"displayName":"B","ownerNote":"x","color":"teal","priority":1}]"#;
    let server = json_server(200, body);
    let response = client(&server).list_widgets().send().await.expect("200");
    let ListWidgetsSuccess::Status200(widgets) = response.into_body() else { panic!("a 200 body") };
    assert_eq!(widgets.len(), 2);
    assert_eq!(widgets[0].unit_label.as_deref(), Some("in"));
    assert_eq!(widgets[0].size_limit, Some(10));
    assert_eq!((widgets[1].widget_id, &widgets[1].color), (Some(2), &Color::Other("teal".into())));
    assert_eq!(widgets[1].priority, Some(Priority::Low));

    let server = json_server(503, r#"{"code":503,"message":"later"}"#);
    let error = client(&server).list_widgets().send().await.expect_err("503");
    let Error::ErrorResponse(response) = error else { panic!("{error:?}") };
    assert_eq!(response.into_body(), Error_ { code: 503, message: Some("later".into()) });
}

// ----- patchWidgets: path array, path enum, optional body -----

#[tokio::test]
async fn patch_widgets_sends_the_path_array_and_path_enum_and_no_body_when_unset() {
    let server = json_server(200, "[]");
    let response = client(&server).patch_widgets([1, 2, 3], PatchWidgetsKind::Gizmo).send().await.expect("200");
    assert_eq!(response.into_body(), Vec::<Gadget>::new());
    let request = server.single_request();
    assert_eq!(request.request_line, "PATCH /api/widgets/1%2C2%2C3/gizmo HTTP/1.1");
    assert_eq!(request.path_segments().unwrap(), ["api", "widgets", "1,2,3", "gizmo"]);
    assert_eq!(request.header("accept"), Some("application/json"), "the JSON type of the two produced");
    assert_eq!(request.header("content-type"), None);
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn patch_widgets_encodes_an_unknown_path_enum_value_as_one_segment() {
    let server = json_server(200, "[]");
    let kind = PatchWidgetsKind::Other("a/b c".into());
    client(&server).patch_widgets([7], kind).send().await.expect("200");
    let request = server.single_request();
    assert_eq!(request.request_line, "PATCH /api/widgets/7/a%2Fb%20c HTTP/1.1");
    assert_eq!(request.path_segments().unwrap(), ["api", "widgets", "7", "a/b c"]);
}

#[tokio::test]
async fn patch_widgets_sends_the_optional_body_and_decodes_the_gadgets() {
    let server = json_server(200, r#"[{"id":"g1","name":"Gizmo","serial":1},{"id":"g2","name":"G2","serial":2}]"#);
    let gadget = Gadget { id: "g1".into(), name: "Gizmo".into(), serial: 1, notes: Some("new".into()) };
    let response =
        client(&server).patch_widgets([1], PatchWidgetsKind::Gadget).patch(gadget).send().await.expect("200");
    let gadgets = response.into_body();
    assert_eq!(gadgets.iter().map(|g| (g.id.as_str(), g.serial)).collect::<Vec<_>>(), [("g1", 1), ("g2", 2)]);
    let request = server.single_request();
    assert_eq!(request.request_line, "PATCH /api/widgets/1/gadget HTTP/1.1");
    assert_eq!(request.header("content-type"), Some("application/merge-patch+json"), "the operation's JSON type");
    assert_eq!(json_body(&request), json!({"id": "g1", "name": "Gizmo", "serial": 1, "notes": "new"}));
}

// ----- updateSettings: URL-encoded form -----

#[tokio::test]
async fn update_settings_sends_an_urlencoded_form_in_declaration_order() {
    let server = Server::fixed(Response::new(204));
    let response = client(&server)
        .update_settings(8, "a b&c=d")
        .count(-3)
        .mode(UpdateSettingsMode::Safe)
        .tags(["x", "y|z"])
        .send()
        .await
        .expect("204");
    assert_eq!((response.status().as_u16(), response.into_body()), (204, ()));
    let request = server.single_request();
    assert_eq!(request.request_line, "POST /api/widgets/8/settings HTTP/1.1");
    assert_eq!(request.header("content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(request.header("accept"), Some("application/json"));
    assert_eq!(String::from_utf8(request.body).unwrap(), "label=a+b%26c%3Dd&count=-3&mode=safe&tags=x%7Cy%7Cz");
}

#[tokio::test]
async fn update_settings_leaves_out_unset_fields_and_sends_unknown_enum_values() {
    let server = Server::fixed(Response::new(204));
    let client = client(&server);
    client.update_settings(1, "only").send().await.expect("204");
    client.update_settings(1, "l").mode(UpdateSettingsMode::Other("turbo".into())).send().await.expect("204");
    let requests = server.requests();
    assert_eq!(requests[0].body, b"label=only");
    assert_eq!(requests[1].body, b"label=l&mode=turbo");
}

// ----- addAttachment: multipart with a file part -----

/// One part of a multipart body: its headers (lower-cased names) and raw content.
#[derive(Debug, PartialEq)]
struct Part {
    headers: Vec<(String, String)>,
    content: Vec<u8>,
}

/// Splits a `multipart/form-data` body per RFC 7578, using the boundary from `Content-Type`.
fn multipart_parts(request: &RecordedRequest) -> Vec<Part> {
    let content_type = request.header("content-type").expect("a content type");
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").expect("multipart content type");
    let body = &request.body;
    let delimiter = format!("--{boundary}");
    let close = format!("--{boundary}--\r\n");
    assert!(body.ends_with(close.as_bytes()), "body ends with the close delimiter");
    let mut parts = Vec::new();
    let mut rest = &body[..body.len() - close.len()];
    while !rest.is_empty() {
        let start = format!("{delimiter}\r\n");
        assert!(rest.starts_with(start.as_bytes()), "each part starts with the delimiter");
        rest = &rest[start.len()..];
        let next = find(rest, format!("\r\n{delimiter}").as_bytes()).unwrap_or(rest.len() - 2);
        let part = &rest[..next];
        let head_end = find(part, b"\r\n\r\n").expect("part headers end with a blank line");
        let headers = String::from_utf8(part[..head_end].to_vec())
            .expect("UTF-8 part headers")
            .split("\r\n")
            .map(|line| {
                let (name, value) = line.split_once(": ").expect("name: value");
                (name.to_ascii_lowercase(), value.to_owned())
            })
            .collect();
        parts.push(Part { headers, content: part[head_end + 4..].to_vec() });
        rest = &rest[next + 2..];
    }
    parts
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn text_part(name: &str, content: &[u8]) -> Part {
    Part {
        headers: vec![("content-disposition".into(), format!("form-data; name=\"{name}\""))],
        content: content.to_vec(),
    }
}

#[tokio::test]
async fn add_attachment_sends_text_parts_and_the_file_part() {
    let server = json_server(201, r#"{"id":77}"#);
    let data = vec![0_u8, 255, b'\r', b'\n', b'-', b'-', 7];
    let file = FilePart::new(data.clone()).file_name("notes.bin").content_type("application/x-custom");
    let response = client(&server).add_attachment(5, 2, file).caption("first \"one\"").send().await.expect("201");
    assert_eq!((response.status().as_u16(), response.into_body()), (201, Receipt { id: 77 }));
    let request = server.single_request();
    assert_eq!(request.request_line, "POST /api/widgets/5/attachments HTTP/1.1");
    assert_eq!(request.header("accept"), Some("application/json"));
    assert_eq!(
        multipart_parts(&request),
        [
            text_part("caption", b"first \"one\""),
            text_part("ordinal", b"2"),
            Part {
                headers: vec![
                    ("content-disposition".into(), "form-data; name=\"content\"; filename=\"notes.bin\"".into()),
                    ("content-type".into(), "application/x-custom".into()),
                ],
                content: data,
            },
        ]
    );
}

#[tokio::test]
async fn add_attachment_without_the_optional_caption_sends_two_parts() {
    let server = json_server(201, r#"{"id":1}"#);
    client(&server).add_attachment(5, -1, b"abc".to_vec()).send().await.expect("201");
    assert_eq!(
        multipart_parts(&server.single_request()),
        [
            text_part("ordinal", b"-1"),
            Part {
                headers: vec![
                    ("content-disposition".into(), "form-data; name=\"content\"".into()),
                    ("content-type".into(), "application/octet-stream".into()),
                ],
                content: b"abc".to_vec(),
            },
        ]
    );
}

// ----- downloadWidget: a file response; widgetSummary: text/plain -----

#[tokio::test]
async fn download_widget_returns_the_octet_stream_bytes() {
    let data = vec![0_u8, 159, 146, 150, 255, b'\n'];
    let server =
        Server::fixed(Response::new(200).header("content-type", "application/octet-stream").body(data.clone()));
    let response = client(&server).download_widget(4).send().await.expect("200");
    assert_eq!(response.body(), &Bytes::from(data));
    let request = server.single_request();
    assert_eq!(request.request_line, "GET /api/widgets/4/content HTTP/1.1");
    assert_eq!(request.header("accept"), Some("application/octet-stream"));
}

#[tokio::test]
async fn download_widget_keeps_an_error_body_as_bytes() {
    let server = Server::fixed(Response::new(404).header("content-type", "text/plain").body("gone"));
    let error = client(&server).download_widget(4).send().await.expect_err("404");
    let Error::ErrorResponse(response) = error else { panic!("{error:?}") };
    assert_eq!((response.status().as_u16(), response.body()), (404, &Bytes::from_static(b"gone")));
}

#[tokio::test]
async fn download_widget_can_stream_a_large_body_chunk_by_chunk() {
    let chunk = vec![7_u8; 64 * 1024];
    let response = Response::new(200).header("content-type", "application/octet-stream");
    let server = Server::fixed(response.repeated(b"start", chunk, 64, b"end"));
    let response = client(&server).download_widget(4).send_streaming().await.expect("200");
    assert_eq!(response.status().as_u16(), 200);
    let mut body = response.into_body();
    let (mut chunks, mut received) = (0, Vec::new());
    while let Some(chunk) = body.next_chunk().await {
        received.extend_from_slice(&chunk.expect("chunk"));
        chunks += 1;
    }
    assert_eq!(received.len(), 5 + 64 * 64 * 1024 + 3);
    assert!(received.starts_with(b"start") && received.ends_with(b"end"));
    assert!(received[5..received.len() - 3].iter().all(|b| *b == 7));
    assert!(chunks > 1, "read as it arrived, not in one piece");
}

#[tokio::test]
async fn download_widget_streaming_decodes_errors_as_send_does() {
    let server = Server::fixed(Response::new(404).header("content-type", "text/plain").body("gone"));
    let error = client(&server).download_widget(4).send_streaming().await.expect_err("404");
    let Error::ErrorResponse(response) = error else { panic!("{error:?}") };
    assert_eq!((response.status().as_u16(), response.body()), (404, &Bytes::from_static(b"gone")));
}

#[tokio::test]
async fn a_body_cut_short_ends_the_stream_with_an_error() {
    let response = Response::new(200).header("content-type", "application/octet-stream").body("partial");
    let server = Server::fixed(response.declared_length(1000).close());
    let body = client(&server).download_widget(4).send_streaming().await.expect("headers arrive").into_body();
    let error = body.collect_bytes().await.expect_err("the body is short");
    assert!(error.url().is_none(), "no URL in the error: {error:?}");
}

#[tokio::test]
async fn widget_summary_decodes_text_plain_as_a_string() {
    let server = Server::fixed(Response::new(200).header("content-type", "text/plain; charset=utf-8").body("Ω 1 \n"));
    let response = client(&server).widget_summary(4).send().await.expect("200");
    assert_eq!(response.body(), "Ω 1 \n");
    let request = server.single_request();
    assert_eq!(request.request_line, "GET /api/widgets/4/summary HTTP/1.1");
    assert_eq!(request.header("accept"), Some("text/plain"));

    let server = Server::fixed(Response::new(200).header("content-type", "text/plain").body(vec![0xff, 0xfe]));
    let error = client(&server).widget_summary(4).send().await.expect_err("not UTF-8");
    assert!(matches!(error, Error::InvalidBody { .. }), "{error:?}");
}

// ----- putShape: discriminated bodies both ways -----

#[tokio::test]
async fn put_shape_sends_the_tagged_child_and_decodes_the_answer_by_tag() {
    let server = json_server(200, r#"{"shapeType":"Circle","radius":2.5}"#);
    let square = Shape::Square(Square { shape_type: "square".into(), label: Some("sq".into()), side: 3 });
    let response = client(&server).put_shape(square).send().await.expect("200");
    assert_eq!(response.into_body(), Shape::Circle(Circle { shape_type: "Circle".into(), label: None, radius: 2.5 }));
    let request = server.single_request();
    assert_eq!(request.request_line, "PUT /api/shapes HTTP/1.1");
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(json_body(&request), json!({"shapeType": "square", "label": "sq", "side": 3}));
}

#[tokio::test]
async fn put_shape_round_trips_an_unknown_tag_on_the_wire() {
    let hexagon = json!({"shapeType": "hexagon", "sides": 6});
    let server = json_server(200, &hexagon.to_string());
    let response = client(&server).put_shape(Shape::Other(hexagon.clone())).send().await.expect("200");
    assert_eq!(response.into_body(), Shape::Other(hexagon.clone()));
    assert_eq!(json_body(&server.single_request()), hexagon);

    let server = json_server(200, r#"{"shapeType":"square"}"#);
    let error = client(&server).put_shape(Shape::Other(json!({}))).send().await.expect_err("square without side");
    assert!(matches!(&error, Error::InvalidBody { status, .. } if status.as_u16() == 200), "{error:?}");
}

// ----- echoFormats: scalar formats on the wire -----

#[tokio::test]
async fn echo_formats_sends_base64_and_numbers_and_decodes_them_back() {
    let answer = r#"{"i32":7,"i64":-9007199254740993,"f32":0.25,"f64":-1.5,"bytes":"AP8=","binary":"b",
                     "email":"e@x","free":{"k":[]},"untyped":false}"#;
    let server = json_server(200, answer);
    let formats = Formats {
        i32: Some(i32::MAX),
        i64: Some(i64::MIN),
        f32: Some(1.5),
        f64: Some(0.1),
        bytes: Some(Base64(b"hello".to_vec())),
        binary: Some("raw".into()),
        email: Some("a@b".into()),
        at: Some(chrono::DateTime::parse_from_rfc3339("2026-11-28T10:00:00Z").expect("date-time")),
        day: chrono::NaiveDate::from_ymd_opt(2026, 11, 28),
        free: Some(json!({"n": null})),
        untyped: Some(json!(3)),
    };
    let response = client(&server).echo_formats(formats).send().await.expect("200");
    let request = server.single_request();
    assert_eq!(request.request_line, "POST /api/formats HTTP/1.1");
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(
        json_body(&request),
        json!({
            "i32": 2_147_483_647, "i64": i64::MIN, "f32": 1.5, "f64": 0.1, "bytes": "aGVsbG8=",
            "binary": "raw", "email": "a@b", "at": "2026-11-28T10:00:00Z", "day": "2026-11-28",
            "free": {"n": null}, "untyped": 3,
        })
    );
    let echoed = response.into_body();
    assert_eq!(echoed.i64, Some(-9_007_199_254_740_993));
    assert_eq!(echoed.bytes, Some(Base64(vec![0, 255])));
    assert_eq!((echoed.f32, echoed.f64), (Some(0.25), Some(-1.5)));
    assert_eq!((echoed.free, echoed.untyped), (Some(json!({"k": []})), Some(json!(false))));
}

/// `[types] derives` in `spec/fixtures/kitchen_sink.swagger2rs.toml`: each derive is on the models that can
/// have it (an `f64` rules out `Eq` and `Hash`, an open enum rules out `Default` and `JsonSchema`), so the
/// crate compiles and the derived impls work.
#[test]
fn configured_derives_are_on_every_model_that_can_have_them() {
    fn eq_and_hash<T: Eq + std::hash::Hash>() {}
    eq_and_hash::<Entity>();
    eq_and_hash::<Square>();
    eq_and_hash::<Widget>();
    let mut seen = std::collections::HashSet::new();
    assert!(seen.insert(Entity { id: "a".into() }));
    assert!(!seen.insert(Entity { id: "a".into() }));
    assert_eq!(Circle::default(), Circle { shape_type: String::new(), label: None, radius: 0.0 });
    let schema = serde_json::to_value(schemars::schema_for!(Entity)).unwrap();
    assert_eq!(schema["properties"]["id"]["type"], "string");
    assert_eq!(schema["required"], json!(["id"]));
}
