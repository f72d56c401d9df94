//! The seed spec (`spec/jira.yaml`): every operation, parameter and warning.

mod common;

use std::collections::BTreeMap;

use common::*;
use swagger2rs_parser::ir::{HttpMethod, ParamLocation, PathSegment, StatusCode};
use swagger2rs_parser::locate::LineCol;
use swagger2rs_parser::{Code, Loaded, Severity};

fn load_seed() -> Loaded {
    swagger2rs_parser::load(&crate_dir().join("../../spec/jira.yaml"))
}

use HttpMethod::{Delete, Get, Post, Put};
use ParamLocation::{Header as H, Path as P, Query as Q};

/// (wire name, Rust name, location, required)
type Param = (&'static str, &'static str, ParamLocation, bool);

struct Expected {
    name: &'static str,
    type_name: &'static str,
    method: HttpMethod,
    /// The path template, split: `{x}` items are parameters, the rest literal text.
    segments: &'static [&'static str],
    /// The last segment of the Java-style operationId.
    id_suffix: &'static str,
    params: &'static [Param],
}

const ACCOUNT: Param = ("accountId", "account_id", Q, false);
const FORCE: Param = ("force-account-id", "force_account_id", H, false);
const USER_KEY: Param = ("userKey", "user_key", Q, false);
const USERNAME: Param = ("username", "username", Q, false);
const DASHBOARD: Param = ("dashboardId", "dashboard_id", P, true);
const ITEM: Param = ("itemId", "item_id", P, true);
const PROPERTY: Param = ("propertyKey", "property_key", P, true);
const ISSUE: Param = ("issueIdOrKey", "issue_id_or_key", P, true);
const ID: Param = ("id", "id", P, true);
const EXPAND: Param = ("expand", "expand", Q, false);
const MAX: Param = ("maxResults", "max_results", Q, false);
const START: Param = ("startAt", "start_at", Q, false);
const PROJECT: Param = ("projectIdOrKey", "project_id_or_key", P, true);

const DASH_PROPERTY: &[&str] =
    &["/api/2/dashboard/", "{dashboardId}", "/items/", "{itemId}", "/properties/", "{propertyKey}"];
const WORKLOG_ID: &[&str] = &["/api/2/issue/", "{issueIdOrKey}", "/worklog/", "{id}"];
const USER_PROPERTY: &[&str] = &["/api/2/user/properties/", "{propertyKey}"];

/// All 19 operations, in document order (paths in order, methods in get/put/post/delete order).
const EXPECTED: &[Expected] = &[
    Expected {
        name: "get_attachment_meta",
        type_name: "GetAttachmentMeta",
        method: Get,
        segments: &["/api/2/attachment/meta"],
        id_suffix: "AttachmentResource.getAttachmentMeta_get",
        params: &[],
    },
    Expected {
        name: "get_attachment",
        type_name: "GetAttachment",
        method: Get,
        segments: &["/api/2/attachment/", "{id}"],
        id_suffix: "AttachmentResource.getAttachment_get",
        params: &[ID],
    },
    Expected {
        name: "get_selected_time_tracking_implementa",
        type_name: "GetSelectedTimeTrackingImplementa",
        method: Get,
        segments: &["/api/2/configuration/timetracking"],
        id_suffix: "TimeTrackingResource.getSelectedTimeTrackingImplementa",
        params: &[],
    },
    Expected {
        name: "get_dashboard_item_property_keys",
        type_name: "GetDashboardItemPropertyKeys",
        method: Get,
        segments: &["/api/2/dashboard/", "{dashboardId}", "/items/", "{itemId}", "/properties"],
        id_suffix: "DashboardItemPropertyResource.getDashboardItemPropertyKeys_get",
        params: &[DASHBOARD, ITEM],
    },
    Expected {
        name: "get_dashboard_item_property",
        type_name: "GetDashboardItemProperty",
        method: Get,
        segments: DASH_PROPERTY,
        id_suffix: "DashboardItemPropertyResource.getDashboardItemProperty_get",
        params: &[DASHBOARD, ITEM, PROPERTY],
    },
    Expected {
        name: "set_dashboard_item_property",
        type_name: "SetDashboardItemProperty",
        method: Put,
        segments: DASH_PROPERTY,
        id_suffix: "DashboardItemPropertyResource.setDashboardItemProperty_put",
        params: &[DASHBOARD, ITEM, PROPERTY],
    },
    Expected {
        name: "delete_dashboard_item_property",
        type_name: "DeleteDashboardItemProperty",
        method: Delete,
        segments: DASH_PROPERTY,
        id_suffix: "DashboardItemPropertyResource.deleteDashboardItemProperty_delet",
        params: &[DASHBOARD, ITEM, PROPERTY],
    },
    Expected {
        name: "get_dashboard",
        type_name: "GetDashboard",
        method: Get,
        segments: &["/api/2/dashboard/", "{id}"],
        id_suffix: "DashboardResource.getDashboard_get",
        params: &[ID],
    },
    Expected {
        name: "get_issue",
        type_name: "GetIssue",
        method: Get,
        segments: &["/api/2/issue/", "{issueIdOrKey}"],
        id_suffix: "IssueResource.getIssue_get",
        params: &[
            EXPAND,
            ("fields", "fields", Q, false),
            ("fieldsByKeys", "fields_by_keys", Q, false),
            ISSUE,
            ("properties", "properties", Q, false),
            ("updateHistory", "update_history", Q, false),
        ],
    },
    Expected {
        name: "get_issue_worklog",
        type_name: "GetIssueWorklog",
        method: Get,
        segments: &["/api/2/issue/", "{issueIdOrKey}", "/worklog"],
        id_suffix: "IssueWorklogsResource.getIssueWorklog_get",
        params: &[EXPAND, ISSUE, MAX, START],
    },
    Expected {
        name: "get_worklog",
        type_name: "GetWorklog",
        method: Get,
        segments: WORKLOG_ID,
        id_suffix: "IssueWorklogsResource.getWorklog_get",
        params: &[EXPAND, ID, ISSUE],
    },
    Expected {
        name: "update_worklog",
        type_name: "UpdateWorklog",
        method: Put,
        segments: WORKLOG_ID,
        id_suffix: "IssueWorklogsResource.updateWorklog_put",
        params: &[
            ("adjustEstimate", "adjust_estimate", Q, false),
            EXPAND,
            ID,
            ISSUE,
            ("newEstimate", "new_estimate", Q, false),
            ("notifyUsers", "notify_users", Q, false),
            ("overrideEditableFlag", "override_editable_flag", Q, false),
        ],
    },
    Expected {
        name: "get_notification_schemes",
        type_name: "GetNotificationSchemes",
        method: Get,
        segments: &["/api/2/notificationscheme"],
        id_suffix: "NotificationSchemeResource.getNotificationSchemes_get",
        params: &[EXPAND, MAX, START],
    },
    Expected {
        name: "get_project_roles",
        type_name: "GetProjectRoles",
        method: Get,
        segments: &["/api/2/project/", "{projectIdOrKey}", "/role"],
        id_suffix: "ProjectRoleResource.getProjectRoles_get",
        params: &[PROJECT],
    },
    Expected {
        name: "get_project_role_details",
        type_name: "GetProjectRoleDetails",
        method: Get,
        segments: &["/api/2/project/", "{projectIdOrKey}", "/roledetails"],
        id_suffix: "ProjectRoleDetailsResource.getProjectRoleDetails_get",
        params: &[PROJECT],
    },
    Expected {
        name: "create_project_role",
        type_name: "CreateProjectRole",
        method: Post,
        segments: &["/api/2/role"],
        id_suffix: "RoleResource.createProjectRole_post",
        params: &[],
    },
    Expected {
        name: "get_user_property_keys",
        type_name: "GetUserPropertyKeys",
        method: Get,
        segments: &["/api/2/user/properties"],
        id_suffix: "UserPropertyResource.getUserPropertyKeys_get",
        params: &[ACCOUNT, FORCE, USER_KEY, USERNAME],
    },
    Expected {
        name: "get_user_property",
        type_name: "GetUserProperty",
        method: Get,
        segments: USER_PROPERTY,
        id_suffix: "UserPropertyResource.getUserProperty_get",
        params: &[ACCOUNT, FORCE, PROPERTY, USER_KEY, USERNAME],
    },
    Expected {
        name: "set_user_property",
        type_name: "SetUserProperty",
        method: Put,
        segments: USER_PROPERTY,
        id_suffix: "UserPropertyResource.setUserProperty_put",
        params: &[ACCOUNT, FORCE, PROPERTY, USER_KEY, USERNAME],
    },
];

fn segments(parts: &[&str]) -> Vec<PathSegment> {
    parts
        .iter()
        .map(|p| match p.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            Some(name) => PathSegment::Param(name.to_owned()),
            None => PathSegment::Literal((*p).to_owned()),
        })
        .collect()
}

#[test]
fn all_operations_are_lowered_as_expected() {
    let loaded = load_seed();
    let api = loaded.api.expect("the seed spec lowers");
    check_idents(&api);
    let names: Vec<&str> = api.operations.iter().map(|o| o.name.as_str()).collect();
    let expected_names: Vec<&str> = EXPECTED.iter().map(|e| e.name).collect();
    assert_eq!(names, expected_names);
    assert_eq!(api.operations.len(), 19);

    for (op, e) in api.operations.iter().zip(EXPECTED) {
        let ctx = e.name;
        assert_eq!(op.type_name.as_str(), e.type_name, "{ctx}");
        assert_eq!(op.method, e.method, "{ctx}");
        assert_eq!(op.path_segments, segments(e.segments), "{ctx}");
        assert_eq!(op.path, e.segments.concat(), "{ctx}");
        let id = op.operation_id.as_deref().expect("every seed operation has an id");
        assert!(id.starts_with("com.atlassian.jira.rest.v2."), "{ctx}: {id}");
        assert!(id.ends_with(e.id_suffix), "{ctx}: {id}");

        let params: Vec<(&str, &str, ParamLocation, bool)> =
            op.parameters.iter().map(|p| (p.wire_name.as_str(), p.name.as_str(), p.location, p.required)).collect();
        assert_eq!(params, e.params, "{ctx}");
        for p in &op.parameters {
            // The seed declares no parameter types: every parameter falls back to a plain string.
            assert_eq!(p.ty, string(), "{ctx}: {}", p.wire_name);
            assert_eq!(p.collection_format, None, "{ctx}: {}", p.wire_name);
            assert_eq!(p.default, None, "{ctx}: {}", p.wire_name);
            assert!(p.constraints.is_empty(), "{ctx}: {}", p.wire_name);
            assert!(!p.allow_empty_value, "{ctx}: {}", p.wire_name);
        }

        assert!(op.body.is_none(), "{ctx}");
        assert_eq!(op.responses.len(), 1, "{ctx}");
        let ok = &op.responses[0];
        assert_eq!(ok.status, StatusCode::Code(200), "{ctx}");
        assert_eq!(ok.description, "OK", "{ctx}");
        assert_eq!(ok.ty, None, "{ctx}");
        assert!(ok.headers.is_empty(), "{ctx}");
        assert_eq!(op.consumes, ["application/json"], "{ctx}");
        assert_eq!(op.produces, ["application/json"], "{ctx}");
        assert_eq!(op.schemes, ["http"], "{ctx}");
        assert!(op.security.is_empty(), "{ctx}");
        assert!(!op.deprecated, "{ctx}");
        assert!(op.summary.is_some() && op.description.is_some() && !op.tags.is_empty(), "{ctx}");
        let method = format!("{:?}", e.method).to_ascii_lowercase();
        let pointer = format!("/paths/{}/{method}", op.path.replace('~', "~0").replace('/', "~1"));
        assert_eq!(op.location.pointer.as_str(), pointer, "{ctx}");
        assert!(op.location.file.ends_with("spec/jira.yaml"), "{ctx}: {}", op.location.file.display());
    }
}

#[test]
fn document_level_fields() {
    let api = load_seed().api.expect("the seed spec lowers");
    assert_eq!(api.title, "Jira Cloud API Set user property");
    assert_eq!(api.version, "1.0.0");
    assert!(api.description.as_deref().is_some_and(|d| d.starts_with("Sets the value of a user's property.")));
    assert_eq!(api.base_path, "/");
    // No `host`: callers supply the base URL.
    assert_eq!(api.default_base_url, None);
    assert!(api.types.is_empty(), "{:?}", api.types);
    assert!(api.security_schemes.is_empty());
}

#[test]
fn spot_checks() {
    let api = load_seed().api.expect("the seed spec lowers");
    let issue = op(&api, "get_issue");
    assert_eq!(issue.tags, ["Issue"]);
    assert_eq!(issue.summary.as_deref(), Some("Get issue"));
    assert_eq!(
        param(issue, "expand").description.as_deref(),
        Some("Multi-value parameter defining the additional issue attributes to be included in the response")
    );
    let worklogs = op(&api, "get_issue_worklog");
    assert_eq!(worklogs.parameters_in(ParamLocation::Path).count(), 1);
    assert_eq!(worklogs.parameters_in(ParamLocation::Query).count(), 3);
    let keys = op(&api, "get_user_property_keys");
    let header: Vec<&str> = keys.parameters_in(ParamLocation::Header).map(|p| p.wire_name.as_str()).collect();
    assert_eq!(header, ["force-account-id"]);
    assert_eq!(param(keys, "force-account-id").description, None);
}

#[test]
fn warnings_are_counted_and_located() {
    let loaded = load_seed();
    let diagnostics = loaded.diagnostics.into_vec();
    assert!(diagnostics.iter().all(|d| d.severity == Severity::Warning), "{}", show(&diagnostics));

    let mut counts: BTreeMap<Code, usize> = BTreeMap::new();
    for d in &diagnostics {
        *counts.entry(d.code).or_default() += 1;
    }
    let all_params = EXPECTED.iter().map(|e| e.params.len()).sum::<usize>();
    let path_params = EXPECTED.iter().flat_map(|e| e.params).filter(|p| p.2 == P).count();
    assert_eq!((all_params, path_params), (52, 23));
    let expected = BTreeMap::from([(Code::MissingParameterType, 52), (Code::PathParameterNotRequired, 23)]);
    assert_eq!(counts, expected, "{}", show(&diagnostics));

    let text = std::fs::read_to_string(crate_dir().join("../../spec/jira.yaml")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    for d in &diagnostics {
        let pointer = d.location.pointer.as_str();
        assert!(pointer.starts_with("/paths/"), "{d}");
        assert!(pointer.contains("/parameters/"), "{d}");
        assert!(d.location.file.ends_with("spec/jira.yaml"), "{d}");
        let at = d.location.line_col.unwrap_or_else(|| panic!("no line:column: {d}"));
        // A parameter is located at its first key, `in:` in this file, right after the list dash.
        let line = lines[at.line as usize - 1];
        assert_eq!(&line[at.column as usize - 1..], line.trim_start_matches([' ', '-']), "{d}");
        assert!(line.trim_start().starts_with("- in: "), "{d}: line {} is {line:?}", at.line);
    }

    // Both warnings for the path parameter of `GET /api/2/attachment/{id}`, at its list item (line 52).
    let attachment: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.location.pointer.as_str() == "/paths/~1api~12~1attachment~1{id}/get/parameters/0")
        .collect();
    let codes: Vec<Code> = attachment.iter().map(|d| d.code).collect();
    assert_eq!(codes.len(), 2, "{codes:?}");
    assert!(codes.contains(&Code::MissingParameterType) && codes.contains(&Code::PathParameterNotRequired));
    for d in attachment {
        assert_eq!(d.location.line_col, Some(LineCol { line: 52, column: 9 }), "{d}");
        assert!(d.message.contains("`id`"), "{d}");
    }
    // Pointers name each parameter once per code: no duplicate diagnostics.
    let mut keys: Vec<(Code, &str)> = diagnostics.iter().map(|d| (d.code, d.location.pointer.as_str())).collect();
    keys.sort();
    let before = keys.len();
    keys.dedup();
    assert_eq!(keys.len(), before, "duplicate diagnostics");
}

#[test]
fn loading_is_deterministic() {
    let a = load_seed();
    let b = load_seed();
    let ja = serde_json::to_string(&a.api.unwrap()).unwrap();
    let jb = serde_json::to_string(&b.api.unwrap()).unwrap();
    assert_eq!(ja, jb);
    let da: Vec<String> = a.diagnostics.iter().map(ToString::to_string).collect();
    let db: Vec<String> = b.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(da, db);
}
