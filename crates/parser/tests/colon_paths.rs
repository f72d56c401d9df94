//! Gin/Express/swaggo path segments: a whole segment `:name` is the path parameter `name` when one of that
//! name is declared for the operation (path-level or its own), with a `path-syntax` warning at the path;
//! every other `:` is literal text (`/v1/things:batchGet`).

mod common;

use common::*;
use swagger2rs_parser::ir::{ParamLocation, PathSegment};
use swagger2rs_parser::{Code, Severity};

fn literal(text: &str) -> PathSegment {
    PathSegment::Literal(text.into())
}

fn param(name: &str) -> PathSegment {
    PathSegment::Param(name.into())
}

#[test]
fn a_colon_segment_naming_a_declared_path_parameter_is_that_parameter() {
    let (api, _) = load_ok("colon_paths.yaml");
    for name in ["get_host", "delete_host"] {
        let host = op(&api, name);
        assert_eq!(host.path_segments, [literal("/api/v1/hosts/"), param("id")], "{name}");
        assert_eq!(host.path, "/api/v1/hosts/:id", "the path as written stays");
        let id = &host.parameters[0];
        assert_eq!((id.wire_name.as_str(), id.location, id.required), ("id", ParamLocation::Path, true));
    }
    // One path-level parameter and one of the operation's own; the name reads them as placeholders.
    let member = op(&api, "delete_api_v1_groups_by_group_members_by_member");
    assert_eq!(
        member.path_segments,
        [literal("/api/v1/groups/"), param("group"), literal("/members/"), param("member")]
    );
}

#[test]
fn other_colons_stay_literal() {
    let (api, _) = load_ok("colon_paths.yaml");
    assert_eq!(op(&api, "batch_get").path_segments, [literal("/v1/things:batchGet")]);
    // `name` is declared, but as a query parameter: the segment is literal text.
    let file = op(&api, "get_file");
    assert_eq!(file.path_segments, [literal("/v1/files/:name")]);
    assert_eq!(file.parameters[0].location, ParamLocation::Query);
    // `:cancel` does not start its segment, so it is no placeholder even though `cancel` is declared.
    assert_eq!(op(&api, "cancel").path_segments, [literal("/v1/"), param("name"), literal(":cancel")]);
}

#[test]
fn each_colon_segment_read_is_reported_once_at_its_path() {
    let (_, diagnostics) = load_ok("colon_paths.yaml");
    assert_eq!(
        findings(&diagnostics),
        [
            (Severity::Warning, Code::PathSyntax, "/paths/~1api~1v1~1hosts~1:id".to_owned()),
            (Severity::Warning, Code::PathSyntax, "/paths/~1api~1v1~1groups~1:group~1members~1:member".to_owned()),
            (Severity::Warning, Code::PathSyntax, "/paths/~1api~1v1~1groups~1:group~1members~1:member".to_owned()),
            (Severity::Warning, Code::UnusedPathParameter, "/paths/~1v1~1{name}:cancel/post/parameters/1".to_owned()),
        ],
        "{}",
        show(&diagnostics)
    );
    assert!(diagnostics[0].message.contains("`:id`") && diagnostics[0].message.contains("`{id}`"));
    assert!(diagnostics[1].message.contains("`:group`"), "{}", diagnostics[1].message);
    assert!(diagnostics[2].message.contains("`:member`"), "{}", diagnostics[2].message);
}
