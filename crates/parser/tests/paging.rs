//! Paged and long-running operations in the IR: `x-ms-pageable`, `x-swagger2rs-pagination`, configured rules
//! (per operation and by pattern) and `x-ms-long-running-operation` all lower to `Operation::pagination` and
//! `Operation::long_running`, and every setting is checked against the operation's query parameters and its
//! success schema, with errors at the key that names the problem.

mod common;

use common::op;
use swagger2rs_parser::ir::{FinalState, LongRunning, PageNext, PageStop, Pagination, Presence, TypeRef};
use swagger2rs_parser::model::{OperationPaging, PaginationSpec, PagingRules, PatternPaging, StopSpec};
use swagger2rs_parser::naming::Renames;
use swagger2rs_parser::pointer::JsonPointer;
use swagger2rs_parser::{Code, Diagnostic, Loaded, Location, Severity, Sources};

/// A spec with `operations` under `paths:` and the definitions the tests page through.
fn spec(operations: &str) -> String {
    format!(
        "swagger: '2.0'
info: {{title: t, version: '1'}}
produces: [application/json]
paths:
{operations}
definitions:
  Item: {{type: object, properties: {{id: {{type: string}}}}}}
  Page:
    type: object
    required: [items]
    properties:
      items: {{type: array, items: {{$ref: '#/definitions/Item'}}}}
      total: {{type: integer, format: int32}}
      next: {{type: string, x-nullable: true}}
      name: {{type: string}}
"
    )
}

const LIST: &str = "  /items:
    get:
      operationId: listItems
      parameters:
        - {name: start, in: query, type: integer}
        - {name: size, in: query, type: integer, default: 25}
        - {name: token, in: query, type: string}
        - {name: X-Size, in: header, type: integer}
      responses: {200: {description: ok, schema: {$ref: '#/definitions/Page'}}}
";

fn lower(text: &str, rules: &PagingRules) -> Loaded {
    let sources = Sources::from_text("s.yaml", text.to_owned()).expect("the spec parses");
    swagger2rs_parser::lower_configured(&sources, &Renames::default(), rules)
}

fn errors(loaded: &Loaded) -> Vec<&Diagnostic> {
    loaded.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect()
}

fn pagination(loaded: &Loaded, name: &str) -> Pagination {
    assert!(errors(loaded).is_empty(), "{:?}", loaded.diagnostics);
    let api = loaded.api.as_ref().unwrap();
    op(api, name).pagination.clone().expect("the operation pages")
}

fn configured(operation: &str, spec: PaginationSpec) -> PagingRules {
    let location = Location::new("c.toml", JsonPointer::root().push("pagination").push("operations").push(operation));
    PagingRules { operations: vec![OperationPaging { operation: operation.into(), spec, location }], patterns: vec![] }
}

fn offset(items: &str, stop: StopSpec, total: Option<&str>, limit: Option<&str>) -> PaginationSpec {
    PaginationSpec::Offset {
        items: Some(items.into()),
        offset: "start".into(),
        limit: limit.map(Into::into),
        first: None,
        stop,
        total: total.map(Into::into),
    }
}

#[test]
fn a_configured_offset_reads_its_items_and_total_from_the_schema() {
    let loaded = lower(&spec(LIST), &configured("listItems", offset("items", StopSpec::Total, Some("total"), None)));
    let paging = pagination(&loaded, "list_items");
    let items = paging.items.as_ref().unwrap();
    assert_eq!((items.wire_name.as_str(), items.presence), ("items", Presence::Required));
    assert!(matches!(paging.item_type, TypeRef::Named(_)));
    match &paging.next {
        PageNext::Offset { param, first: 0, stop: PageStop::Total(total) } => {
            assert_eq!(
                (param.as_str(), total.wire_name.as_str(), total.presence),
                ("start", "total", Presence::Optional)
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(paging.page_statuses.is_empty());
}

#[test]
fn a_short_page_takes_the_spec_default_of_the_limit() {
    let loaded =
        lower(&spec(LIST), &configured("list_items", offset("items", StopSpec::ShortPage, None, Some("size"))));
    let paging = pagination(&loaded, "list_items");
    assert_eq!(
        paging.next,
        PageNext::Offset {
            param: "start".into(),
            first: 0,
            stop: PageStop::ShortPage { limit: "size".into(), default: Some(25) }
        }
    );
}

#[test]
fn the_extension_describes_cursors_and_link_headers() {
    let cursor = LIST.replace(
        "      operationId: listItems\n",
        "      operationId: listItems\n      x-swagger2rs-pagination: {style: cursor, items: items, cursor: token, next-cursor: next}\n",
    );
    let loaded = lower(&spec(&cursor), &PagingRules::default());
    match pagination(&loaded, "list_items").next {
        PageNext::Cursor { param, field } => {
            assert_eq!(
                (param.as_str(), field.wire_name.as_str(), field.presence),
                ("token", "next", Presence::OptionalNullable)
            );
        }
        other => panic!("{other:?}"),
    }
    let arrays = "  /tags:
    get:
      x-swagger2rs-pagination: {style: link-header}
      responses: {200: {description: ok, schema: {type: array, items: {type: string}}}}
";
    let loaded = lower(&spec(arrays), &PagingRules::default());
    let paging = pagination(&loaded, "get_tags");
    assert_eq!((paging.items, paging.next), (None, PageNext::LinkHeader), "the body is the array of items");
}

#[test]
fn x_ms_pageable_reads_value_by_default_and_a_null_next_link_is_one_page() {
    let azure = "  /vaults:
    get:
      x-ms-pageable: {nextLinkName: nextLink}
      responses:
        200: {description: ok, schema: {type: object, properties: {value: {type: array, items: {type: string}}, nextLink: {type: string}}}}
        default: {description: error, schema: {$ref: '#/definitions/Item'}}
  /single:
    get:
      x-ms-pageable: {nextLinkName: null, itemName: items}
      responses: {200: {description: ok, schema: {$ref: '#/definitions/Page'}}}
";
    let loaded = lower(&spec(azure), &PagingRules::default());
    let vaults = pagination(&loaded, "get_vaults");
    assert_eq!(vaults.items.as_ref().unwrap().wire_name, "value");
    assert!(matches!(&vaults.next, PageNext::NextLink { field } if field.wire_name == "nextLink"));
    assert_eq!(vaults.page_statuses, [200], "the success side is an enum beside `default`; the page is its 200");
    assert_eq!(pagination(&loaded, "get_single").next, PageNext::Single);
}

#[test]
fn patterns_apply_to_every_operation_that_has_what_they_name() {
    let two = format!("{LIST}{}", LIST.replace("/items:", "/more:").replace("listItems", "listMore"));
    let other =
        "  /plain:\n    get:\n      responses: {200: {description: ok, schema: {$ref: '#/definitions/Item'}}}\n";
    let pattern = PatternPaging {
        spec: offset("items", StopSpec::EmptyPage, None, None),
        location: Location::new("c.toml", JsonPointer::root().push("pagination").push("patterns").push("0")),
    };
    let rules = PagingRules { operations: vec![], patterns: vec![pattern] };
    let loaded = lower(&spec(&format!("{two}{other}")), &rules);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let api = loaded.api.as_ref().unwrap();
    assert!(op(api, "list_items").pagination.is_some() && op(api, "list_more").pagination.is_some());
    assert!(op(api, "get_plain").pagination.is_none(), "no `start` parameter, no `items` field: not matched");

    let rules = PagingRules {
        operations: vec![],
        patterns: vec![PatternPaging {
            spec: offset("nope", StopSpec::EmptyPage, None, None),
            ..rules.patterns[0].clone()
        }],
    };
    let loaded = lower(&spec(LIST), &rules);
    let warning = &loaded.diagnostics.iter().next().expect("a warning");
    assert_eq!((warning.severity, warning.code), (Severity::Warning, Code::InvalidPaging));
    assert_eq!(warning.location.pointer.as_str(), "/pagination/patterns/0");
}

#[test]
fn a_missing_or_mistyped_field_or_parameter_is_a_located_error() {
    let wrong = LIST.replace(
        "      operationId: listItems\n",
        "      operationId: listItems\n      x-swagger2rs-pagination: {style: offset, items: name, offset: begin, stop: total, total: next}\n",
    );
    let loaded = lower(&spec(&wrong), &PagingRules::default());
    let found: Vec<(String, String)> =
        errors(&loaded).iter().map(|d| (d.location.pointer.as_str().to_owned(), d.message.clone())).collect();
    let at = "/paths/~1items/get/x-swagger2rs-pagination";
    assert_eq!(found.len(), 4, "{found:#?}");
    assert_eq!(
        found[0],
        (format!("{at}/items"), "the response field `name` is not an array, so it cannot hold the items".into())
    );
    assert_eq!(found[1].0, format!("{at}/offset"));
    assert!(found[1].1.contains("no query parameter `begin`; it has `start`, `size`, `token`"), "{}", found[1].1);
    assert_eq!(found[2], (format!("{at}/total"), "the response field `next` is not an integer".into()));
    assert_eq!(found[3].0, format!("{at}/stop"));
    let first = errors(&loaded)[0];
    assert_eq!(first.code, Code::InvalidPaging);
    assert_eq!(first.location.line_col.map(|lc| lc.line), Some(8), "located in the spec: {first:?}");
    assert!(op(loaded.api.as_ref().unwrap(), "list_items").pagination.is_none());

    let missing_field = offset("entries", StopSpec::ShortPage, None, Some("X-Size"));
    let loaded = lower(&spec(LIST), &configured("listItems", missing_field));
    let found: Vec<(&str, &str)> =
        errors(&loaded).iter().map(|d| (d.location.pointer.as_str(), d.message.as_str())).collect();
    assert_eq!(found[0].0, "/pagination/operations/listItems/items");
    assert!(found[0].1.contains("has no field `entries`; it has `items`, `total`, `next`, `name`"), "{}", found[0].1);
    assert_eq!(
        found[1],
        (
            "/pagination/operations/listItems/limit",
            "the parameter `X-Size` is not a query parameter; paging parameters go in the query"
        )
    );
    assert_eq!(found[2].0, "/pagination/operations/listItems/stop");
}

#[test]
fn a_configured_operation_that_does_not_exist_is_an_error_at_its_key() {
    let loaded = lower(&spec(LIST), &configured("listNothing", offset("items", StopSpec::EmptyPage, None, None)));
    let found = errors(&loaded);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].location.pointer.as_str(), "/pagination/operations/listNothing");
    assert!(found[0].message.contains("`listNothing`"));
}

/// The `invalid-paging` warnings of `loaded` at the operation `path`'s `get`, as (pointer below
/// `x-ms-pageable`, message).
fn hint_warnings<'l>(loaded: &'l Loaded, path: &str) -> Vec<(&'l str, &'l str)> {
    let at = format!("/paths/~1{path}/get/x-ms-pageable");
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.location.pointer.as_str().starts_with(&at))
        .inspect(|d| assert_eq!((d.severity, d.code), (Severity::Warning, Code::InvalidPaging), "{d:?}"))
        .map(|d| (&d.location.pointer.as_str()[at.len()..], d.message.as_str()))
        .collect()
}

#[test]
fn an_x_ms_pageable_that_does_not_fit_is_a_warning_at_its_own_keys_and_no_paging() {
    let loaded = common::load_fixture("paging_hints.yaml");
    assert!(errors(&loaded).is_empty(), "a spec's hint never blocks the spec: {:?}", loaded.diagnostics);
    let api = loaded.api.as_ref().unwrap();
    assert!(op(api, "list_misfit").pagination.is_none());
    let found = hint_warnings(&loaded, "misfit");
    assert_eq!(found.iter().map(|(at, _)| *at).collect::<Vec<_>>(), ["/itemName", "/nextLinkName"]);
    let ignored = "; `x-ms-pageable` is ignored, so the operation is generated without paging";
    assert_eq!(found[0].1, format!("the success body (`Page`) has no field `things`; it has `value`, `next`{ignored}"));
    assert!(found[1].1.starts_with("the success body (`Page`) has no field `next_page`"), "{}", found[1].1);
    let first = loaded.diagnostics.iter().find(|d| d.location.pointer.as_str().ends_with("/itemName")).unwrap();
    assert_eq!(first.location.line_col.map(|lc| lc.line), Some(13), "located in the spec: {first:?}");

    assert!(op(api, "list_malformed").pagination.is_none());
    let found = hint_warnings(&loaded, "malformed");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "/nextLinkName");
    assert!(found[0].1.contains("invalid type: integer `5`") && found[0].1.ends_with(ignored), "{}", found[0].1);
}

#[test]
fn x_ms_pageable_without_item_name_reads_the_only_array_of_the_page() {
    let loaded = common::load_fixture("paging_hints.yaml");
    let api = loaded.api.as_ref().unwrap();
    let paging = op(api, "list_nodes").pagination.clone().expect("the operation pages");
    assert_eq!(paging.items.as_ref().unwrap().wire_name, "nodes");
    assert!(matches!(&paging.next, PageNext::NextLink { field } if field.wire_name == "nextLink"));
    assert_eq!(
        hint_warnings(&loaded, "nodes"),
        [(
            "",
            "`itemName` is left out, so the items would be in `value`, which the success body (`NodeList`) does not \
             have; its only array field `nodes` is read as the items"
        )]
    );
}

#[test]
fn x_ms_pageable_naming_a_missing_next_link_reads_the_only_link_like_string_field() {
    let loaded = common::load_fixture("paging_hints.yaml");
    let api = loaded.api.as_ref().unwrap();
    let paging = op(api, "list_o_data").pagination.clone().expect("the operation pages");
    assert_eq!(paging.items.as_ref().unwrap().wire_name, "value");
    assert!(
        matches!(&paging.next, PageNext::NextLink { field } if field.wire_name == "@odata.nextLink"),
        "`nextUrlCount` is link-like but not a string: {:?}",
        paging.next
    );
    assert_eq!(
        hint_warnings(&loaded, "odata"),
        [(
            "/nextLinkName",
            "the success body (`ODataList`) has no field `nextLink`; its only link-like string field \
             `@odata.nextLink` is read as the next page's link"
        )]
    );
}

#[test]
fn two_candidates_are_not_guessed_between() {
    let loaded = common::load_fixture("paging_hints.yaml");
    let api = loaded.api.as_ref().unwrap();
    assert!(op(api, "list_two_arrays").pagination.is_none());
    let found = hint_warnings(&loaded, "two-arrays");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "", "`itemName` is left out: at the extension");
    assert!(found[0].1.starts_with("the success body (`TwoArrays`) has no field `value`; it has `users`, `groups`;"));

    assert!(op(api, "list_two_links").pagination.is_none());
    let found = hint_warnings(&loaded, "two-links");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "/nextLinkName");
    assert!(found[0].1.contains("it has `value`, `next_page_url`, `nextHref`;"), "{}", found[0].1);
}

#[test]
fn a_configured_setting_that_does_not_fit_stays_an_error_where_x_ms_pageable_is_repaired() {
    let text = std::fs::read_to_string(common::fixture_path("paging_hints.yaml")).unwrap();
    let single = PaginationSpec::Single { items: Some("entries".into()) };
    let loaded = lower(&text, &configured("listNodes", single));
    let found = errors(&loaded);
    assert_eq!(found.len(), 1, "{:?}", loaded.diagnostics);
    assert_eq!(
        (found[0].code, found[0].location.pointer.as_str()),
        (Code::InvalidPaging, "/pagination/operations/listNodes/items")
    );
    assert!(hint_warnings(&loaded, "nodes").is_empty(), "the configuration wins; the spec's hint is not read");
    assert!(op(loaded.api.as_ref().unwrap(), "list_nodes").pagination.is_none());
}

#[test]
fn a_long_running_hint_that_does_not_fit_is_a_warning_and_no_polling() {
    let loaded = common::load_fixture("paging_hints.yaml");
    let api = loaded.api.as_ref().unwrap();
    assert!(op(api, "put_job").long_running.is_none() && op(api, "start_job").long_running.is_none());
    let found: Vec<(&str, &str)> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.location.pointer.as_str().starts_with("/paths/~1jobs/"))
        .inspect(|d| assert_eq!((d.severity, d.code), (Severity::Warning, Code::InvalidPaging), "{d:?}"))
        .map(|d| (d.location.pointer.as_str(), d.message.as_str()))
        .collect();
    let ignored = "; `x-ms-long-running-operation` is ignored, so the operation is generated without `send_and_wait`";
    assert_eq!(
        found,
        [
            ("/paths/~1jobs/put/x-ms-long-running-operation", format!("`x-ms-long-running-operation` must be a boolean{ignored}").as_str()),
            (
                "/paths/~1jobs/post/x-ms-long-running-operation-options/final-state-via",
                format!("unknown `final-state-via` `operation-location`; expected azure-async-operation, location or original-uri{ignored}").as_str()
            ),
        ]
    );
}

#[test]
fn long_running_operations_default_their_final_state_by_method() {
    let lro = "  /a:
    put:
      x-ms-long-running-operation: true
      responses: {200: {description: ok}}
    post:
      x-ms-long-running-operation: true
      x-ms-long-running-operation-options: {final-state-via: azure-async-operation}
      responses: {200: {description: ok}}
    delete:
      x-ms-long-running-operation: true
      x-ms-long-running-operation-options: {final-state-via: somewhere}
      responses: {200: {description: ok}}
    patch:
      x-ms-long-running-operation: false
      responses: {200: {description: ok}}
";
    let loaded = lower(&spec(lro), &PagingRules::default());
    let api = loaded.api.as_ref().unwrap();
    assert_eq!(op(api, "put_a").long_running, Some(LongRunning { final_state: FinalState::OriginalUri }));
    assert_eq!(op(api, "post_a").long_running, Some(LongRunning { final_state: FinalState::AzureAsyncOperation }));
    assert_eq!(op(api, "delete_a").long_running, None);
    assert_eq!(op(api, "patch_a").long_running, None);
    assert!(errors(&loaded).is_empty(), "{:?}", loaded.diagnostics);
    let found: Vec<&str> = loaded.diagnostics.iter().map(|d| d.location.pointer.as_str()).collect();
    assert_eq!(found, ["/paths/~1a/delete/x-ms-long-running-operation-options/final-state-via"]);
}

#[test]
fn an_unknown_key_in_the_extension_is_rejected_where_it_is() {
    let typo = LIST.replace(
        "      operationId: listItems\n",
        "      operationId: listItems\n      x-swagger2rs-pagination: {style: cursor, items: items, cursor: token, next_cursor: next}\n",
    );
    let loaded = lower(&spec(&typo), &PagingRules::default());
    let found = errors(&loaded);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].location.pointer.as_str().starts_with("/paths/~1items/get/x-swagger2rs-pagination"));
    assert!(found[0].message.contains("next_cursor"), "{}", found[0].message);
}
