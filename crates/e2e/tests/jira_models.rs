//! The generated Jira models fit what Jira answers: for every operation, a
//! response shaped like the examples of Atlassian's Jira Cloud REST API
//! reference (the JSON files under `tests/fixtures/jira/`) goes through the
//! generated client on a local server, decodes, and keeps what it says.
//!
//! Each decoded model is also written back to JSON and compared with the
//! fixture: every field the model keeps must hold exactly the fixture's
//! value (date-times may change notation, not instant or offset), so a
//! misnamed or mistyped field cannot pass unnoticed.

mod common;

use chrono::{DateTime, FixedOffset};
use jira::types::{CreateProjectRole, ErrorCollection, GetSelectedTimeTrackingImplementationSuccess, WorklogUpdate};
use serde_json::{Value, json};
use swagger2rs_e2e::{Response, Server};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/jira/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("read {path}: {err}"))
}

fn fixture_json(name: &str) -> Value {
    serde_json::from_str(&fixture(name)).unwrap_or_else(|err| panic!("{name} is not JSON: {err}"))
}

/// A server answering every request with `status` and the fixture `name`.
fn answering(status: u16, name: &str) -> Server {
    Server::fixed(Response::new(status).json(&fixture(name)))
}

/// A date-time as Jira writes it (`+0000`) or as RFC 3339 does (`+00:00`, `Z`).
fn date_time(text: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(text).or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z")).ok()
}

/// Asserts that `model`, written back to JSON, says nothing the fixture
/// `name` does not say.
#[track_caller]
fn assert_faithful<T: serde::Serialize>(model: &T, name: &str) {
    let written = serde_json::to_value(model).expect("a decoded model serializes");
    assert_within(&written, &fixture_json(name), name.to_owned());
}

#[track_caller]
fn assert_within(written: &Value, original: &Value, at: String) {
    match (written, original) {
        (Value::Object(written), Value::Object(original)) => {
            for (key, value) in written {
                let Some(original) = original.get(key) else {
                    panic!("{at}.{key}: the model writes {value}, which the answer does not have");
                };
                assert_within(value, original, format!("{at}.{key}"));
            }
        }
        (Value::Array(written), Value::Array(original)) => {
            assert_eq!(written.len(), original.len(), "{at}: array length");
            for (index, (written, original)) in written.iter().zip(original).enumerate() {
                assert_within(written, original, format!("{at}[{index}]"));
            }
        }
        (Value::String(written), Value::String(original)) if written != original => {
            match (date_time(written), date_time(original)) {
                (Some(written), Some(original)) => {
                    assert_eq!(written, original, "{at}: instant");
                    assert_eq!(written.offset(), original.offset(), "{at}: offset");
                }
                _ => panic!("{at}: the model writes {written:?} for {original:?}"),
            }
        }
        _ => assert_eq!(written, original, "{at}"),
    }
}

#[tokio::test]
async fn get_attachment_meta_decodes_attachment_settings() {
    let server = answering(200, "attachment-settings.json");
    let settings = common::client(&server.url()).get_attachment_meta().send().await.unwrap().into_body();
    assert_eq!(settings.enabled, Some(true));
    assert_eq!(settings.upload_limit, Some(10_485_760));
    assert_faithful(&settings, "attachment-settings.json");
}

#[tokio::test]
async fn get_attachment_decodes_attachment_metadata() {
    let server = answering(200, "attachment-metadata.json");
    let attachment = common::client(&server.url()).get_attachment("10042").send().await.unwrap().into_body();
    assert_eq!(attachment.id, Some(10042));
    assert_eq!(attachment.filename.as_deref(), Some("build-log.txt"));
    assert_eq!(attachment.size, Some(48213));
    assert_eq!(attachment.mime_type.as_deref(), Some("text/plain"));
    let created = attachment.created.expect("created");
    assert_eq!(created, date_time("2023-03-02T14:05:31.512+01:00").unwrap());
    assert_eq!(created.offset().local_minus_utc(), 3600);
    let author = attachment.author.as_ref().expect("author");
    assert_eq!(author.display_name.as_deref(), Some("Ana Rivera"));
    assert_eq!(author.account_type.as_deref(), Some("atlassian"));
    let avatars = author.avatar_urls.as_ref().expect("avatars");
    assert!(avatars._48x48.as_deref().unwrap().ends_with("size=48&s=48"));
    assert!(avatars._16x16.as_deref().unwrap().ends_with("size=16&s=16"));
    assert_eq!(attachment.properties.as_ref().unwrap()["viewable"], json!(true));
    assert_eq!(attachment.thumbnail, None);
    assert_faithful(&attachment, "attachment-metadata.json");
}

#[tokio::test]
async fn get_selected_time_tracking_implementation_decodes_the_provider() {
    let server = answering(200, "time-tracking-provider.json");
    let outcome = common::client(&server.url()).get_selected_time_tracking_implementation().send().await;
    let GetSelectedTimeTrackingImplementationSuccess::Status200(provider) = outcome.unwrap().into_body() else {
        panic!("a 200 is the provider");
    };
    assert_eq!(provider.key, "JIRA");
    assert_eq!(provider.name.as_deref(), Some("JIRA provided time tracking"));
    assert_eq!(provider.url.as_deref(), Some("/secure/admin/TimeTrackingAdmin.jspa"));
    assert_faithful(&provider, "time-tracking-provider.json");

    let server = Server::fixed(Response::new(204));
    let outcome = common::client(&server.url()).get_selected_time_tracking_implementation().send().await;
    assert_eq!(outcome.unwrap().into_body(), GetSelectedTimeTrackingImplementationSuccess::Status204);
}

#[tokio::test]
async fn property_key_listings_decode_property_keys() {
    let server = answering(200, "property-keys.json");
    let client = common::client(&server.url());
    let dashboard = client.get_dashboard_item_property_keys("10100", "20200").send().await.unwrap().into_body();
    let user = client.get_user_property_keys().account_id("5b10a2844c20165700ede21g").send().await.unwrap().into_body();
    assert_eq!(dashboard, user);
    let keys = dashboard.keys.as_deref().expect("keys");
    let names: Vec<_> = keys.iter().map(|key| key.key.as_deref().unwrap()).collect();
    assert_eq!(names, ["config", "layout.v2"]);
    assert!(keys[1].self_.as_deref().unwrap().ends_with("/properties/layout.v2"));
    assert_faithful(&dashboard, "property-keys.json");
}

#[tokio::test]
async fn property_getters_decode_entity_properties_with_any_value() {
    let server = answering(200, "entity-property.json");
    let client = common::client(&server.url());
    let dashboard = client.get_dashboard_item_property("10100", "20200", "config").send().await.unwrap().into_body();
    let user = client.get_user_property("config").send().await.unwrap().into_body();
    assert_eq!(dashboard, user);
    assert_eq!(dashboard.key.as_deref(), Some("config"));
    let value = dashboard.value.as_ref().expect("value");
    assert_eq!(value["columns"], json!(["key", "summary", "status"]));
    assert_eq!(value["refresh"], 15);
    // The value is kept whole, whatever its shape.
    assert_eq!(*value, fixture_json("entity-property.json")["value"]);
    assert_faithful(&dashboard, "entity-property.json");
}

/// Jira answers 200 when it updates a property and 201 when it creates one,
/// without a meaningful body; the setters keep whatever JSON comes back.
#[tokio::test]
async fn property_setters_accept_updated_and_created() {
    for status in [200, 201] {
        let server = Server::fixed(Response::new(status));
        let client = common::client(&server.url());
        let outcome = client.set_dashboard_item_property("10100", "20200", "config", json!({"refresh": 30})).send();
        let value = outcome.await.unwrap();
        assert_eq!((value.status().as_u16(), value.body()), (status, &Value::Null));

        let server = Server::fixed(Response::new(status).json("{}"));
        let value = common::client(&server.url()).set_user_property("theme", json!("dark")).send().await.unwrap();
        assert_eq!((value.status().as_u16(), value.body()), (status, &json!({})));
    }
}

#[tokio::test]
async fn delete_dashboard_item_property_answers_no_content() {
    let server = Server::fixed(Response::new(204));
    let outcome = common::client(&server.url()).delete_dashboard_item_property("10100", "20200", "config").send().await;
    let value = outcome.unwrap();
    assert_eq!((value.status().as_u16(), value.body()), (204, &()));
}

#[tokio::test]
async fn get_dashboard_decodes_the_dashboard() {
    let server = answering(200, "dashboard.json");
    let dashboard = common::client(&server.url()).get_dashboard("10100").send().await.unwrap().into_body();
    assert_eq!(dashboard.id.as_deref(), Some("10100"));
    assert_eq!(dashboard.name.as_deref(), Some("Team board"));
    assert_eq!(dashboard.is_favourite, Some(true));
    assert_eq!(dashboard.is_writable, Some(true));
    assert_eq!((dashboard.popularity, dashboard.rank, dashboard.automatic_refresh_ms), (Some(3), Some(1), Some(0)));
    assert_eq!(dashboard.owner.as_ref().unwrap().account_id.as_deref(), Some("5b10a2844c20165700ede21g"));
    let shares = dashboard.share_permissions.as_deref().expect("share permissions");
    assert_eq!((shares[0].type_.as_str(), shares[0].id), ("group", Some(10050)));
    assert_eq!(shares[0].group.as_ref().unwrap().name.as_deref(), Some("jira-developers"));
    assert_eq!(shares[1].type_, "project");
    assert_eq!(shares[1].project.as_ref().unwrap()["key"], "EX");
    assert_eq!(dashboard.edit_permissions.as_deref(), Some(&[][..]));
    assert_faithful(&dashboard, "dashboard.json");
}

#[tokio::test]
async fn get_issue_decodes_the_issue_with_free_form_fields() {
    let server = answering(200, "issue.json");
    let client = common::client(&server.url());
    let issue = client.get_issue("ED-1").expand(["names", "schema"]).send().await.unwrap().into_body();
    assert_eq!((issue.id.as_deref(), issue.key.as_deref()), (Some("10002"), Some("ED-1")));
    assert!(issue.expand.as_deref().unwrap().contains("names"));
    let fields = issue.fields.as_ref().expect("fields");
    assert_eq!(fields["summary"], "Checkout fails for baskets over 100 items");
    assert_eq!(fields["issuetype"]["name"], "Bug");
    assert_eq!(fields["assignee"], Value::Null);
    assert_eq!(fields["customfield_10010"], 3.5);
    assert_eq!(fields["sub-tasks"][0]["outwardIssue"]["key"], "ED-2");
    // Every field is kept, as Jira sent it.
    assert_eq!(serde_json::to_value(fields).unwrap(), fixture_json("issue.json")["fields"]);
    assert_eq!(issue.names.as_ref().unwrap()["customfield_10010"], "Story Points");
    let schema = issue.schema.as_ref().expect("schema");
    assert_eq!((schema["labels"].type_.as_str(), schema["labels"].items.as_deref()), ("array", Some("string")));
    assert_eq!(schema["customfield_10010"].custom_id, Some(10010));
    assert_eq!(issue.rendered_fields.as_ref().unwrap()["summary"], Value::Null);
    assert_eq!(issue.transitions.as_ref().unwrap()[0]["name"], "Done");
    assert_eq!(issue.changelog.as_ref().unwrap()["histories"][0]["items"][0]["toString"], "In Progress");
    assert_eq!(issue.operations, None);
    assert_faithful(&issue, "issue.json");
}

#[tokio::test]
async fn get_issue_worklog_decodes_the_page() {
    let server = answering(200, "worklog-page.json");
    let client = common::client(&server.url());
    let page = client.get_issue_worklog("ED-1").start_at(0).max_results(2).send().await.unwrap().into_body();
    assert_eq!((page.start_at, page.max_results, page.total), (Some(0), Some(2), Some(3)));
    let worklogs = page.worklogs.as_deref().expect("worklogs");
    assert_eq!(worklogs.len(), 2);
    assert_eq!(worklogs[0].time_spent_seconds, Some(12000));
    assert_eq!(worklogs[1].time_spent.as_deref(), Some("1d"));
    let started = worklogs[1].started.expect("started");
    assert_eq!(started.offset().local_minus_utc(), -5 * 3600);
    assert_eq!(started.to_utc(), date_time("2021-01-19T14:00:00.000+0000").unwrap());
    assert_eq!(worklogs[1].visibility, None);
    assert!(page.additional_properties.is_empty());
    assert_faithful(&page, "worklog-page.json");
}

#[tokio::test]
async fn get_worklog_decodes_the_worklog_and_keeps_unknown_fields() {
    let server = answering(200, "worklog.json");
    let worklog = common::client(&server.url()).get_worklog("ED-1", "100028").send().await.unwrap().into_body();
    assert_eq!((worklog.id.as_deref(), worklog.issue_id.as_deref()), (Some("100028"), Some("10002")));
    assert_eq!(worklog.comment.as_deref(), Some("Reproduced and bisected the checkout bug."));
    assert_eq!(worklog.started, date_time("2021-01-17T12:34:00.000+0000"));
    assert_eq!(worklog.updated, date_time("2021-01-18T23:45:00.000+0000"));
    assert_eq!(worklog.created.unwrap().timestamp_subsec_millis(), 345);
    assert_eq!(worklog.author.as_ref().unwrap().display_name.as_deref(), Some("Ana Rivera"));
    assert_eq!(worklog.update_author.as_ref().unwrap().active, Some(false));
    let visibility = worklog.visibility.as_ref().expect("visibility");
    assert_eq!((visibility.type_.as_deref(), visibility.value.as_deref()), (Some("group"), Some("jira-developers")));
    assert_eq!(visibility.identifier.as_deref(), Some("276f955c-63d7-42c8-9520-92d01dca0625"));
    let properties = worklog.properties.as_deref().expect("properties");
    assert_eq!((properties[0].key.as_deref(), &properties[0].value), (Some("billable"), &Some(json!(true))));
    // A field the model does not name is kept, not dropped.
    assert_eq!(worklog.additional_properties["jsdPublic"], json!(true));
    assert_faithful(&worklog, "worklog.json");
}

#[tokio::test]
async fn update_worklog_sends_the_changes_and_decodes_the_worklog() {
    let server = answering(200, "worklog.json");
    let update = WorklogUpdate {
        comment: Some("Reproduced and bisected the checkout bug.".into()),
        started: Some("2021-01-17T12:34:00.000+0000".into()),
        time_spent: Some("3h 20m".into()),
        time_spent_seconds: None,
        visibility: None,
        properties: None,
    };
    let client = common::client(&server.url());
    let worklog = client.update_worklog("ED-1", "100028", update).notify_users(false).send().await.unwrap().into_body();
    let request = server.single_request();
    assert_eq!(request.request_line, "PUT /api/2/issue/ED-1/worklog/100028?notifyUsers=false HTTP/1.1");
    let sent: Value = serde_json::from_slice(&request.body).unwrap();
    let expected = json!({
        "comment": "Reproduced and bisected the checkout bug.",
        "started": "2021-01-17T12:34:00.000+0000",
        "timeSpent": "3h 20m",
    });
    assert_eq!(sent, expected);
    assert_eq!(worklog.time_spent.as_deref(), Some("3h 20m"));
    assert_faithful(&worklog, "worklog.json");
}

#[tokio::test]
async fn get_notification_schemes_decodes_the_page() {
    let server = answering(200, "notification-schemes.json");
    let client = common::client(&server.url());
    let page = client.get_notification_schemes().expand(["all"]).send().await.unwrap().into_body();
    assert_eq!((page.start_at, page.max_results, page.total, page.is_last), (Some(1), Some(1), Some(5), Some(false)));
    assert!(page.next_page.as_deref().unwrap().ends_with("startAt=2&maxResults=1"));
    let scheme = &page.values.as_deref().expect("values")[0];
    assert_eq!((scheme.id, scheme.name.as_deref()), (Some(10100), Some("Default notification scheme")));
    assert_eq!(scheme.scope.as_ref().unwrap().type_.as_deref(), Some("PROJECT"));
    let events = scheme.notification_scheme_events.as_deref().expect("events");
    assert_eq!(events[0].event.as_ref().unwrap().name.as_deref(), Some("Issue created"));
    let notifications = events[0].notifications.as_deref().unwrap();
    let kinds: Vec<_> = notifications.iter().map(|n| n.notification_type.as_deref().unwrap()).collect();
    assert_eq!(kinds, ["Group", "CurrentAssignee", "ProjectRole", "EmailAddress", "User", "GroupCustomField"]);
    assert_eq!(notifications[0].group.as_ref().unwrap().name.as_deref(), Some("jira-administrators"));
    let role = notifications[2].project_role.as_ref().expect("project role");
    let actors = role.actors.as_deref().unwrap();
    assert_eq!(actors[0].actor_group.as_ref().unwrap().display_name.as_deref(), Some("jira-developers"));
    assert_eq!(actors[1].actor_user.as_ref().unwrap()["accountId"], "5b10a2844c20165700ede21g");
    assert_eq!(notifications[3].email_address.as_deref(), Some("rest-developer@example.com"));
    assert_eq!(notifications[5].field.as_ref().unwrap()["schema"]["customId"], 10101);
    assert_eq!(events[1].event.as_ref().unwrap().template_event.as_ref().unwrap()["id"], 1);
    assert_eq!(events[1].notifications.as_deref(), Some(&[][..]));
    assert_faithful(&page, "notification-schemes.json");
}

#[tokio::test]
async fn get_project_roles_decodes_the_links_by_name() {
    let server = answering(200, "project-roles.json");
    let roles = common::client(&server.url()).get_project_roles("MKY").send().await.unwrap().into_body();
    assert_eq!(roles.keys().collect::<Vec<_>>(), ["Administrators", "Developers", "Users"]);
    assert!(roles["Developers"].ends_with("/project/MKY/role/10000"));
    assert_faithful(&roles, "project-roles.json");
}

#[tokio::test]
async fn get_project_role_details_decodes_the_roles() {
    let server = answering(200, "project-role-details.json");
    let roles = common::client(&server.url()).get_project_role_details("MKY").send().await.unwrap().into_body();
    assert_eq!(roles.len(), 2);
    assert_eq!((roles[0].id, roles[0].default, roles[0].admin), (Some(10360), Some(true), Some(false)));
    assert_eq!(roles[1].translated_name.as_deref(), Some("Administrateurs"));
    assert_eq!(roles[1].scope.as_ref().unwrap().project.as_ref().unwrap()["key"], "MKY");
    assert_faithful(&roles, "project-role-details.json");
}

#[tokio::test]
async fn create_project_role_sends_the_role_and_decodes_it() {
    let server = answering(200, "project-role.json");
    let role =
        CreateProjectRole { name: Some("Developers".into()), description: Some("People who write the code".into()) };
    let created = common::client(&server.url()).create_project_role(role).send().await.unwrap().into_body();
    let sent: Value = serde_json::from_slice(&server.single_request().body).unwrap();
    assert_eq!(sent, json!({"name": "Developers", "description": "People who write the code"}));
    assert_eq!((created.id, created.name.as_deref()), (Some(10360), Some("Developers")));
    assert_eq!(created.actors.as_deref(), Some(&[][..]));
    assert_eq!(created.role_configurable, Some(true));
    assert_faithful(&created, "project-role.json");
}

#[tokio::test]
async fn not_found_decodes_the_error_collection() {
    let server = answering(404, "error-404.json");
    match common::client(&server.url()).get_issue("ED-404").send().await {
        Err(jira::Error::ErrorResponse(response)) => {
            assert_eq!(response.status().as_u16(), 404);
            let body = response.body();
            let messages = body.error_messages.as_deref().unwrap();
            assert_eq!(messages, ["Issue does not exist or you do not have permission to see it."]);
            assert!(body.errors.as_ref().unwrap().is_empty());
            assert_eq!(body.status, None);
            assert_faithful(body, "error-404.json");
        }
        other => panic!("expected ErrorResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn bad_request_decodes_the_field_errors() {
    let server = answering(400, "error-400.json");
    let update = WorklogUpdate {
        comment: None,
        started: Some("yesterday".into()),
        time_spent: None,
        time_spent_seconds: None,
        visibility: None,
        properties: None,
    };
    match common::client(&server.url()).update_worklog("ED-1", "100028", update).send().await {
        Err(jira::Error::ErrorResponse(response)) => {
            assert_eq!(response.status().as_u16(), 400);
            let body = response.body();
            assert_eq!(body.error_messages.as_deref(), Some(&[][..]));
            let errors = body.errors.as_ref().unwrap();
            assert_eq!(errors.keys().collect::<Vec<_>>(), ["started", "timeLogged"]);
            assert!(errors["started"].starts_with("Invalid date format"));
            assert_eq!(body.status, Some(400));
            assert_faithful(body, "error-400.json");
        }
        other => panic!("expected ErrorResponse, got {other:?}"),
    }
}

/// The error statuses Atlassian documents for each operation.
const DOCUMENTED_ERRORS: [(&str, &[u16]); 19] = [
    ("get_attachment_meta", &[401]),
    ("get_attachment", &[401, 403, 404]),
    ("get_selected_time_tracking_implementation", &[401, 403]),
    ("get_dashboard_item_property_keys", &[401, 404]),
    ("get_dashboard_item_property", &[401, 404]),
    ("set_dashboard_item_property", &[400, 401, 403, 404]),
    ("delete_dashboard_item_property", &[400, 401, 403, 404]),
    ("get_dashboard", &[400, 401, 404]),
    ("get_issue", &[401, 404]),
    ("get_issue_worklog", &[401, 404]),
    ("get_worklog", &[401, 404]),
    ("update_worklog", &[400, 401, 404]),
    ("get_notification_schemes", &[401]),
    ("get_project_roles", &[401, 404]),
    ("get_project_role_details", &[401, 404]),
    ("create_project_role", &[400, 401, 403]),
    ("get_user_property_keys", &[400, 401, 403, 404]),
    ("get_user_property", &[400, 401, 403, 404]),
    ("set_user_property", &[400, 401, 403, 404]),
];

/// Calls `operation`, keeping only whether and how it failed.
async fn call(client: &jira::Client, operation: &str) -> Result<u16, jira::Error<ErrorCollection>> {
    let role = || CreateProjectRole { name: Some("R".into()), description: None };
    let update = || WorklogUpdate {
        comment: Some("c".into()),
        started: None,
        time_spent: None,
        time_spent_seconds: None,
        visibility: None,
        properties: None,
    };
    macro_rules! status {
        ($call:expr) => {
            $call.send().await.map(|value| value.status().as_u16())
        };
    }
    match operation {
        "get_attachment_meta" => status!(client.get_attachment_meta()),
        "get_attachment" => status!(client.get_attachment("1")),
        "get_selected_time_tracking_implementation" => status!(client.get_selected_time_tracking_implementation()),
        "get_dashboard_item_property_keys" => status!(client.get_dashboard_item_property_keys("1", "2")),
        "get_dashboard_item_property" => status!(client.get_dashboard_item_property("1", "2", "k")),
        "set_dashboard_item_property" => status!(client.set_dashboard_item_property("1", "2", "k", json!(1))),
        "delete_dashboard_item_property" => status!(client.delete_dashboard_item_property("1", "2", "k")),
        "get_dashboard" => status!(client.get_dashboard("1")),
        "get_issue" => status!(client.get_issue("P-1")),
        "get_issue_worklog" => status!(client.get_issue_worklog("P-1")),
        "get_worklog" => status!(client.get_worklog("P-1", "1")),
        "update_worklog" => status!(client.update_worklog("P-1", "1", update())),
        "get_notification_schemes" => status!(client.get_notification_schemes()),
        "get_project_roles" => status!(client.get_project_roles("P")),
        "get_project_role_details" => status!(client.get_project_role_details("P")),
        "create_project_role" => status!(client.create_project_role(role())),
        "get_user_property_keys" => status!(client.get_user_property_keys()),
        "get_user_property" => status!(client.get_user_property("k")),
        "set_user_property" => status!(client.set_user_property("k", json!(1))),
        other => panic!("unknown operation {other}"),
    }
}

#[tokio::test]
async fn every_documented_error_status_decodes_the_error_collection() {
    for (operation, statuses) in DOCUMENTED_ERRORS {
        for &status in statuses {
            let server = answering(status, "error-400.json");
            match call(&common::client(&server.url()), operation).await {
                Err(jira::Error::ErrorResponse(response)) => {
                    assert_eq!(response.status().as_u16(), status, "{operation}");
                    assert_eq!(response.body().status, Some(400), "{operation} {status}");
                    assert_eq!(response.body().errors.as_ref().map(|errors| errors.len()), Some(2));
                }
                other => panic!("{operation} {status}: expected ErrorResponse, got {other:?}"),
            }
        }
        // A status the operation does not document keeps its raw body.
        let server = answering(409, "error-400.json");
        match call(&common::client(&server.url()), operation).await {
            Err(jira::Error::UnexpectedResponse(response)) => assert_eq!(response.status().as_u16(), 409),
            other => panic!("{operation} 409: expected UnexpectedResponse, got {other:?}"),
        }
    }
}
