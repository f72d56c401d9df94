//! The Jira client against Stoplight Prism (`prism mock --errors`), Prism reading `spec/jira.yaml` with
//! `spec/jira.overlay.yaml` applied, the document the client was generated from: every operation with its
//! required arguments only and with every parameter set, each request validated by Prism, each response
//! decoded by the typed `send`.

mod common;

use std::path::{Path, PathBuf};

use jira::Client;
use jira::types::{
    CreateProjectRole, EntityProperty, GetSelectedTimeTrackingImplementationSuccess, Visibility, WorklogUpdate,
};
use serde_json::json;
use swagger2rs_e2e::{Prism, prism_hook};

/// A string with every character that is reserved somewhere in a URL.
const RESERVED: &str = "a b/c?d&e=f#g%h";

/// The largest magnitude Prism gives or accepts for an `int64`: it computes with JavaScript numbers.
const PRISM_MAX_INT64: i64 = (1 << 53) - 1;

/// Writes the overlaid Jira spec (as JSON, which Prism reads as well as YAML) and returns its path.
fn overlaid_spec() -> PathBuf {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../spec"));
    let text = std::fs::read_to_string(root.join("jira.yaml")).expect("read spec/jira.yaml");
    let mut spec = swagger2rs_parser::source::SourceFile::parse("jira.yaml", text).expect("parse spec/jira.yaml").value;
    let overlay = swagger2rs_overlay::load_overlay(&root.join("jira.overlay.yaml")).expect("load the overlay");
    let diagnostics = swagger2rs_overlay::apply(&mut spec, &overlay);
    assert!(diagnostics.is_empty(), "the overlay applies cleanly: {diagnostics:?}");
    let path = swagger2rs_e2e::prism::scratch_dir().join("jira.overlaid.json");
    std::fs::write(&path, serde_json::to_string_pretty(&spec).expect("serialize")).expect("write the overlaid spec");
    path
}

fn client(prism: &Prism) -> Client {
    Client::with_http_client(prism.url(), common::http()).with_hook(prism_hook!(jira, prism.violations()))
}

fn full_worklog() -> WorklogUpdate {
    WorklogUpdate {
        comment: Some(RESERVED.into()),
        started: Some("2021-01-17T12:34:00.000+0000".into()),
        time_spent: Some("3h 20m".into()),
        time_spent_seconds: Some(12_000),
        visibility: Some(Visibility {
            type_: Some("group".into()),
            value: Some(RESERVED.into()),
            identifier: Some("276f955c-63d7-42c8-9520-92d01dca0625".into()),
            additional_properties: [("extra".to_owned(), json!(RESERVED))].into_iter().collect(),
        }),
        properties: Some(vec![EntityProperty { key: Some(RESERVED.into()), value: Some(json!({"k": [1, null]})) }]),
    }
}

#[tokio::test]
async fn every_operation_passes_prism_validation_and_decodes() {
    let Some(prism) = Prism::start(&overlaid_spec()) else { return };
    let client = client(&prism);
    let c = &client;

    let settings = prism.call("getAttachmentMeta", c.get_attachment_meta().send()).await.expect("getAttachmentMeta");
    assert_eq!(settings.status(), 200);
    // Prism's static values for schemas without examples: `true`, the smallest safe integer, "string".
    assert_eq!(settings.body().enabled, Some(true));
    assert_eq!(settings.body().upload_limit, Some(-PRISM_MAX_INT64));
    let attachment = prism.call("getAttachment", c.get_attachment(RESERVED).send()).await.expect("getAttachment");
    assert_eq!(attachment.status(), 200);
    let created = attachment.body().created.expect("a date-time");
    assert_eq!(created, chrono::DateTime::parse_from_rfc3339("2019-08-24T14:15:22Z").expect("Prism's date-time"));
    assert_eq!(attachment.body().author.as_ref().and_then(|author| author.active), Some(true));
    let tracking =
        prism.call("getSelectedTimeTrackingImplementation", c.get_selected_time_tracking_implementation().send());
    let tracking = tracking.await.expect("getSelectedTimeTrackingImplementation");
    assert!(matches!(tracking.body(), GetSelectedTimeTrackingImplementationSuccess::Status200(_)), "{tracking:?}");

    let keys = c.get_dashboard_item_property_keys(RESERVED, RESERVED).send();
    assert_eq!(prism.call("getDashboardItemPropertyKeys", keys).await.expect("keys").status(), 200);
    let property = c.get_dashboard_item_property(RESERVED, RESERVED, RESERVED).send();
    assert_eq!(prism.call("getDashboardItemProperty", property).await.expect("property").status(), 200);
    // Not `null`: the body `null` is a JSON value the schema `{}` allows, but Prism 5.14.2 parses it as no
    // body at all and reports "Body parameter is required".
    for value in [json!(RESERVED), json!({"nested": [RESERVED, 1.5, true, null]})] {
        let set = c.set_dashboard_item_property(RESERVED, RESERVED, RESERVED, value).send();
        assert_eq!(prism.call("setDashboardItemProperty", set).await.expect("set").status(), 200);
    }
    let deleted = c.delete_dashboard_item_property(RESERVED, RESERVED, RESERVED).send();
    assert_eq!(prism.call("deleteDashboardItemProperty", deleted).await.expect("delete").status(), 204);
    let dashboard = prism.call("getDashboard", c.get_dashboard(RESERVED).send()).await.expect("getDashboard");
    assert_eq!(dashboard.status(), 200);

    let issue = prism.call("getIssue (required only)", c.get_issue(RESERVED).send()).await.expect("getIssue");
    assert_eq!(issue.status(), 200);
    let fields = issue.body().fields.as_ref().expect("fields");
    assert_eq!(fields.keys().collect::<Vec<_>>(), ["property1", "property2"], "Prism's example map");
    let all = c
        .get_issue(RESERVED)
        .expand(["renderedFields", RESERVED])
        .fields(["*all", "-comment", RESERVED])
        .fields_by_keys(true)
        .properties([RESERVED])
        .update_history(false)
        .send();
    assert_eq!(prism.call("getIssue (all parameters)", all).await.expect("getIssue").status(), 200);

    let page = prism.call("getIssueWorklog (required only)", c.get_issue_worklog(RESERVED).send()).await;
    assert_eq!(page.expect("getIssueWorklog").status(), 200);
    let all = c.get_issue_worklog(RESERVED).expand([RESERVED]).max_results(0).start_at(i64::from(i32::MAX) + 1).send();
    assert_eq!(prism.call("getIssueWorklog (all parameters)", all).await.expect("getIssueWorklog").status(), 200);

    let worklog = prism.call("getWorklog (required only)", c.get_worklog(RESERVED, RESERVED).send()).await;
    assert_eq!(worklog.expect("getWorklog").status(), 200);
    let all = c.get_worklog(RESERVED, RESERVED).expand(["properties", RESERVED]).send();
    assert_eq!(prism.call("getWorklog (all parameters)", all).await.expect("getWorklog").status(), 200);

    let empty = WorklogUpdate {
        comment: None,
        started: None,
        time_spent: None,
        time_spent_seconds: None,
        visibility: None,
        properties: None,
    };
    let updated = prism.call("updateWorklog (required only)", c.update_worklog(RESERVED, RESERVED, empty).send()).await;
    assert_eq!(updated.expect("updateWorklog").status(), 200);
    let all = c
        .update_worklog(RESERVED, RESERVED, full_worklog())
        .adjust_estimate(RESERVED)
        .expand([RESERVED])
        .new_estimate("2d")
        .notify_users(false)
        .override_editable_flag(true)
        .send();
    assert_eq!(prism.call("updateWorklog (all parameters)", all).await.expect("updateWorklog").status(), 200);

    let schemes = prism.call("getNotificationSchemes (required only)", c.get_notification_schemes().send()).await;
    assert_eq!(schemes.expect("getNotificationSchemes").status(), 200);
    let all = c.get_notification_schemes().expand(["all", RESERVED]).max_results(50).start_at(-1).send();
    assert_eq!(prism.call("getNotificationSchemes (all parameters)", all).await.expect("schemes").status(), 200);

    let roles = prism.call("getProjectRoles", c.get_project_roles(RESERVED).send()).await.expect("getProjectRoles");
    assert_eq!(roles.status(), 200);
    assert_eq!(roles.body().get("property1").map(String::as_str), Some("string"));
    let details = prism.call("getProjectRoleDetails", c.get_project_role_details(RESERVED).send()).await;
    assert_eq!(details.expect("getProjectRoleDetails").status(), 200);
    for role in [
        CreateProjectRole { name: None, description: None },
        CreateProjectRole { name: Some(RESERVED.into()), description: Some(RESERVED.into()) },
    ] {
        let created = prism.call("createProjectRole", c.create_project_role(role).send()).await;
        assert_eq!(created.expect("createProjectRole").status(), 200);
    }

    let keys = prism.call("getUserPropertyKeys (required only)", c.get_user_property_keys().send()).await;
    let keys = keys.expect("getUserPropertyKeys");
    assert_eq!(keys.status(), 200);
    let listed = keys.body().keys.as_ref().expect("keys");
    assert_eq!(listed.iter().map(|key| key.key.as_deref()).collect::<Vec<_>>(), [Some("string")]);
    let all =
        c.get_user_property_keys().account_id(RESERVED).force_account_id("true").user_key(RESERVED).username(RESERVED);
    assert_eq!(prism.call("getUserPropertyKeys (all parameters)", all.send()).await.expect("keys").status(), 200);

    let property = prism.call("getUserProperty (required only)", c.get_user_property(RESERVED).send()).await;
    assert_eq!(property.expect("getUserProperty").status(), 200);
    let all = c
        .get_user_property(RESERVED)
        .account_id(RESERVED)
        .force_account_id("true")
        .user_key(RESERVED)
        .username(RESERVED);
    assert_eq!(prism.call("getUserProperty (all parameters)", all.send()).await.expect("property").status(), 200);

    let set = c.set_user_property(RESERVED, json!(RESERVED)).send();
    assert_eq!(prism.call("setUserProperty (required only)", set).await.expect("setUserProperty").status(), 200);
    let all = c.set_user_property(RESERVED, json!([1, {"a": null}])).account_id(RESERVED).force_account_id("true");
    let all = all.user_key(RESERVED).username(RESERVED).send();
    assert_eq!(prism.call("setUserProperty (all parameters)", all).await.expect("setUserProperty").status(), 200);
}

/// The dynamic mode's random responses, valid for their schemas, all decode.
#[tokio::test]
async fn random_valid_responses_decode() {
    let Some(prism) = Prism::start_dynamic(&overlaid_spec()) else { return };
    let client = client(&prism);
    let c = &client;
    for round in 0..3 {
        let what = |operation: &str| format!("{operation} (dynamic, round {round})");
        prism.call(&what("getAttachmentMeta"), c.get_attachment_meta().send()).await.expect("getAttachmentMeta");
        prism.call(&what("getAttachment"), c.get_attachment("1").send()).await.expect("getAttachment");
        let tracking = c.get_selected_time_tracking_implementation().send();
        prism.call(&what("getSelectedTimeTrackingImplementation"), tracking).await.expect("time tracking");
        let keys = c.get_dashboard_item_property_keys("1", "2").send();
        prism.call(&what("getDashboardItemPropertyKeys"), keys).await.expect("keys");
        let property = c.get_dashboard_item_property("1", "2", "k").send();
        prism.call(&what("getDashboardItemProperty"), property).await.expect("property");
        let set = c.set_dashboard_item_property("1", "2", "k", json!({"a": 1})).send();
        prism.call(&what("setDashboardItemProperty"), set).await.expect("set");
        prism.call(&what("getDashboard"), c.get_dashboard("1").send()).await.expect("getDashboard");
        prism.call(&what("getIssue"), c.get_issue("KEY-1").send()).await.expect("getIssue");
        prism.call(&what("getIssueWorklog"), c.get_issue_worklog("KEY-1").send()).await.expect("getIssueWorklog");
        prism.call(&what("getWorklog"), c.get_worklog("KEY-1", "1").send()).await.expect("getWorklog");
        let updated = c.update_worklog("KEY-1", "1", full_worklog()).send();
        prism.call(&what("updateWorklog"), updated).await.expect("updateWorklog");
        let schemes = c.get_notification_schemes().send();
        prism.call(&what("getNotificationSchemes"), schemes).await.expect("getNotificationSchemes");
        prism.call(&what("getProjectRoles"), c.get_project_roles("P").send()).await.expect("getProjectRoles");
        let details = c.get_project_role_details("P").send();
        prism.call(&what("getProjectRoleDetails"), details).await.expect("getProjectRoleDetails");
        let role = CreateProjectRole { name: Some("r".into()), description: None };
        prism.call(&what("createProjectRole"), c.create_project_role(role).send()).await.expect("createProjectRole");
        prism.call(&what("getUserPropertyKeys"), c.get_user_property_keys().send()).await.expect("keys");
        prism.call(&what("getUserProperty"), c.get_user_property("k").send()).await.expect("getUserProperty");
        let set = c.set_user_property("k", json!(true)).send();
        prism.call(&what("setUserProperty"), set).await.expect("setUserProperty");
    }
}
