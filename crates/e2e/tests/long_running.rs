//! Long-running operations (`x-ms-long-running-operation`) on the wire: the first request, every poll of the
//! status monitor the server names, the waits between them (`Retry-After`, else the configured interval), the
//! final read, and the typed failures: `Failed`, `Canceled`, an error status, and the deadline.
//!
//! Timing runs on paused tokio time and the server stamps each request with that clock, so the waits the client
//! chose are visible without sleeping in real time.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use azure_paging::runtime::{Error, PollError, PollOptions};
use azure_paging::types::{Vault, VaultsBackupSuccess, VaultsCreateOrUpdateSuccess};
use swagger2rs_e2e::{RecordedRequest, Reply, Response, Server};
use tokio::time::Instant;

/// An HTTP client with no timers of its own (no timeout, no idle-connection sweep), so paused time moves only
/// for the client's own waits.
fn http() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().pool_idle_timeout(None).build().expect("build reqwest client")
}

/// A server answering the nth request with `script(n, base URL)` (the last entry once the script runs out),
/// recording when each request arrived.
fn scripted(script: impl Fn(usize, &str) -> Reply + Send + Sync + 'static) -> (Server, Arc<Mutex<Vec<Instant>>>) {
    let arrivals = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&arrivals);
    let base = Arc::new(Mutex::new(String::new()));
    let url = Arc::clone(&base);
    let server = Server::start_untimed(move |_: &RecordedRequest| {
        let mut seen = seen.lock().unwrap();
        seen.push(Instant::now());
        script(seen.len() - 1, &url.lock().unwrap())
    });
    *base.lock().unwrap() = server.url();
    (server, arrivals)
}

fn lines(server: &Server) -> Vec<String> {
    server.requests().into_iter().map(|r| r.request_line.trim_end_matches(" HTTP/1.1").to_owned()).collect()
}

fn waits(arrivals: &Mutex<Vec<Instant>>) -> Vec<Duration> {
    arrivals.lock().unwrap().windows(2).map(|w| w[1] - w[0]).collect()
}

fn status(state: &str) -> Reply {
    Response::new(200).json(&format!(r#"{{"status":"{state}"}}"#)).into()
}

fn started(base: &str) -> Reply {
    Response::new(201)
        .header("Azure-AsyncOperation", &format!("{base}/operations/1?api-version=2024-01-01"))
        .header("Retry-After", "2")
        .json(r#"{"name":"v","properties":{"provisioningState":"Creating"}}"#)
        .into()
}

fn client(server: &Server) -> azure_paging::Client {
    azure_paging::Client::with_http_client(server.url(), http())
}

fn vault() -> Vault {
    Vault { name: Some("v".to_owned()), ..Vault::default() }
}

#[tokio::test(start_paused = true)]
async fn an_operation_that_succeeds_after_polls_returns_the_final_resource() {
    let (server, arrivals) = scripted(|n, base| match n {
        0 => started(base),
        1 => status("InProgress"),
        2 => status("Succeeded"),
        _ => Response::new(200)
            .json(r#"{"id":"/vaults/v","name":"v","properties":{"provisioningState":"Succeeded"}}"#)
            .into(),
    });
    let options = PollOptions::default().interval(Duration::from_secs(7));
    let result = client(&server).vaults_create_or_update("v", "2024-01-01", vault()).send_and_wait_with(options).await;
    match result.expect("the operation succeeds").into_body() {
        VaultsCreateOrUpdateSuccess::Status200(vault) => assert_eq!(vault.id.as_deref(), Some("/vaults/v")),
        other => panic!("expected the final vault, got {other:?}"),
    }
    assert_eq!(
        lines(&server),
        [
            "PUT /vaults/v?api-version=2024-01-01",
            "GET /operations/1?api-version=2024-01-01",
            "GET /operations/1?api-version=2024-01-01",
            "GET /vaults/v?api-version=2024-01-01",
        ]
    );
    let waits = waits(&arrivals);
    assert!(waits[0] >= Duration::from_secs(2) && waits[0] < Duration::from_secs(3), "Retry-After: {waits:?}");
    assert!(waits[1] >= Duration::from_secs(7) && waits[1] < Duration::from_secs(8), "the interval: {waits:?}");
    let requests = server.requests();
    assert_eq!(requests[1].header("accept"), Some("application/json"));
    assert!(requests[1].body.is_empty(), "polls carry no body");
}

#[tokio::test(start_paused = true)]
async fn a_failed_operation_is_a_typed_error_with_the_servers_reason() {
    let (server, _) = scripted(|n, base| match n {
        0 => started(base),
        1 => status("InProgress"),
        _ => Response::new(200).json(r#"{"status":"Failed","error":{"code":"Quota","message":"out of quota"}}"#).into(),
    });
    let result = client(&server).vaults_create_or_update("v", "2024-01-01", vault()).send_and_wait().await;
    match result {
        Err(Error::Polling(PollError::Failed(response))) => {
            assert_eq!(response.body()["error"]["code"], "Quota");
            assert_eq!(
                Error::<()>::Polling(PollError::Failed(response)).to_string(),
                "long-running operation: the operation failed: out of quota"
            );
        }
        other => panic!("expected a failed operation, got {other:?}"),
    }
    assert_eq!(server.requests().len(), 3, "no final read after a failure");
}

#[tokio::test(start_paused = true)]
async fn a_canceled_operation_is_a_typed_error() {
    let (server, _) = scripted(|n, base| if n == 0 { started(base) } else { status("Canceled") });
    let result = client(&server).vaults_create_or_update("v", "2024-01-01", vault()).send_and_wait().await;
    assert!(matches!(result, Err(Error::Polling(PollError::Canceled(_)))), "{result:?}");
}

#[tokio::test(start_paused = true)]
async fn polling_stops_at_the_deadline() {
    let (server, arrivals) = scripted(|n, base| if n == 0 { started(base) } else { status("InProgress") });
    let options = PollOptions::default().interval(Duration::from_secs(3)).deadline(Duration::from_secs(10));
    let result = client(&server).vaults_create_or_update("v", "2024-01-01", vault()).send_and_wait_with(options).await;
    match result {
        // Polls at 2 s (Retry-After of the first answer), 5 s and 8 s; the next, at 11 s, would be too late.
        Err(Error::Polling(PollError::DeadlineExceeded { polls, elapsed })) => {
            assert_eq!(polls, 3);
            assert!(elapsed >= Duration::from_secs(8) && elapsed < Duration::from_secs(9), "{elapsed:?}");
        }
        other => panic!("expected the deadline, got {other:?}"),
    }
    assert_eq!(server.requests().len(), 4);
    assert_eq!(waits(&arrivals).len(), 3);
}

#[tokio::test(start_paused = true)]
async fn an_error_status_while_polling_is_the_operations_typed_error() {
    let (server, _) = scripted(|n, base| match n {
        0 => started(base),
        _ => Response::new(404).json(r#"{"error":{"code":"NotFound","message":"gone"}}"#).into(),
    });
    let result = client(&server).vaults_create_or_update("v", "2024-01-01", vault()).send_and_wait().await;
    match result {
        Err(Error::ErrorResponse(response)) => {
            assert_eq!(response.status().as_u16(), 404);
            assert_eq!(response.body().error.as_ref().and_then(|e| e.code.as_deref()), Some("NotFound"));
        }
        other => panic!("expected the typed error, got {other:?}"),
    }
}

#[tokio::test(start_paused = true)]
async fn a_location_monitor_is_polled_until_it_stops_answering_202() {
    let (server, arrivals) = scripted(|n, base| match n {
        0 => Response::new(202).header("Location", &format!("{base}/vaults/v/backup/status")).into(),
        1 => Response::new(202).header("Retry-After", "4").into(),
        _ => Response::new(200).json(r#"{"blob":"https://blobs/v.bak"}"#).into(),
    });
    let options = PollOptions::default().interval(Duration::from_secs(1));
    let result = client(&server).vaults_backup("v").send_and_wait_with(options).await.expect("the backup is made");
    match result.into_body() {
        VaultsBackupSuccess::Status200(backup) => assert_eq!(backup.blob.as_deref(), Some("https://blobs/v.bak")),
        other => panic!("expected the backup, got {other:?}"),
    }
    assert_eq!(lines(&server), ["POST /vaults/v/backup", "GET /vaults/v/backup/status", "GET /vaults/v/backup/status"]);
    let waits = waits(&arrivals);
    assert!(waits[0] >= Duration::from_secs(1) && waits[1] >= Duration::from_secs(4), "{waits:?}");
}

#[tokio::test(start_paused = true)]
async fn an_answer_without_a_monitor_is_the_result_at_once() {
    let (server, _) = scripted(|_, _| {
        Response::new(200).json(r#"{"name":"v","properties":{"provisioningState":"Succeeded"}}"#).into()
    });
    let result = client(&server).vaults_create_or_update("v", "2024-01-01", vault()).send_and_wait().await.unwrap();
    assert!(matches!(result.into_body(), VaultsCreateOrUpdateSuccess::Status200(_)));
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_monitor_on_another_origin_is_never_contacted() {
    let (server, _) = scripted(|_, _| {
        Response::new(201).header("Azure-AsyncOperation", "https://elsewhere.example/operations/1").json("{}").into()
    });
    let result = client(&server).vaults_create_or_update("v", "2024-01-01", vault()).send_and_wait().await;
    assert!(matches!(&result, Err(Error::InvalidRequest(m)) if m.contains("origin")), "{result:?}");
    assert_eq!(server.requests().len(), 1);
}
