//! The Alertmanager client against a real Prometheus Alertmanager 0.25: alerts, silences, groups, status.
//!
//! Built and run by `tests/alertmanager.rs` with `BASE_URL` set to the server's `/api/v2`. Prints each call
//! and what it decoded; exits non-zero at the first failure.

mod support;

use std::collections::BTreeMap;

use client::types::{Matcher, PostableAlert, PostableSilence};
use client::{Client, Error};
use support::{expect, fail, ok};

type Time = chrono::DateTime<chrono::FixedOffset>;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let base_url = std::env::var("BASE_URL").expect("BASE_URL");
    let client = Client::new(base_url).with_timeout(std::time::Duration::from_secs(60));
    let status = ok("get_status", client.get_status().send().await);
    expect("status names a version", !status.version_info.version.is_empty());

    let labels = BTreeMap::from([("alertname".to_owned(), "SwaggerScenario".to_owned())]);
    let alert = PostableAlert {
        starts_at: Some(now(0)),
        ends_at: Some(now(3600)),
        annotations: Some(BTreeMap::from([("summary".to_owned(), "from the generated client".to_owned())])),
        labels: labels.clone(),
        generator_url: None,
    };
    ok("post_alerts", client.post_alerts(vec![alert]).send().await);
    let alerts = ok("get_alerts", client.get_alerts().send().await);
    expect("the posted alert is listed", alerts.iter().any(|a| a.labels == labels));
    let groups = ok("get_alert_groups", client.get_alert_groups().send().await);
    expect("an alert group holds the alert", groups.iter().any(|g| g.alerts.iter().any(|a| a.labels == labels)));
    ok("get_receivers", client.get_receivers().send().await);

    let matcher =
        Matcher { name: "alertname".into(), value: "SwaggerScenario".into(), is_regex: false, is_equal: None };
    let silence = PostableSilence::new(vec![matcher], now(0), now(600), "swagger2rs", "scenario silence");
    let created = ok("post_silences", client.post_silences(silence).send().await);
    let id = created.silence_id.clone().expect("the server names the silence");
    let fetched = ok("get_silence", client.get_silence(&id).send().await);
    expect("the silence has its comment", fetched.comment == "scenario silence");
    let silences = ok("get_silences", client.get_silences().send().await);
    expect("the silence is listed", silences.iter().any(|s| s.id == id));
    ok("delete_silence", client.delete_silence(&id).send().await);
    let expired = ok("get_silence (expired)", client.get_silence(&id).send().await);
    expect("the deleted silence is expired", format!("{:?}", expired.status.state).contains("Expired"));
    match client.get_silence("00000000-0000-0000-0000-000000000000").send().await {
        Err(Error::ErrorResponse(response)) if response.status() == 404 => {
            println!("get_silence (missing) -> typed 404: {:?}", response.body());
        }
        other => fail("get_silence (missing)", &other),
    }
    println!("alertmanager scenario: all calls passed");
}

/// `seconds` from now, as the API's date-time.
fn now(seconds: i64) -> Time {
    let since_epoch = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("after 1970");
    let at = since_epoch.as_secs() as i64 + seconds;
    chrono::DateTime::from_timestamp(at, 0).expect("a valid time").fixed_offset()
}
