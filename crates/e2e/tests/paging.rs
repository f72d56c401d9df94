//! Paged operations on the wire, one test per style and edge: the exact request of every page, the items in
//! order, laziness (a page is asked for only when the consumer reads past the previous one), the caller's
//! optional parameters on every page, and the stream ending at the first error or at a repeated cursor or link.
//! `paging` is configured (`spec/fixtures/paging.swagger2rs.toml`, two operations by extension); `azure_paging`
//! uses `x-ms-pageable`.

use std::sync::{Arc, Mutex};

use paging::runtime::{Error, PagingError, StreamExt, TryStreamExt};
use swagger2rs_e2e::{RecordedRequest, Reply, Response, Server, deadline};

/// Fails the test instead of hanging if a stream never ends.
async fn within<F: std::future::Future>(future: F) -> F::Output {
    deadline("the stream", future).await
}

fn http() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().expect("build reqwest client")
}

/// A server answering the nth request with `script[n]` (a 599 once the script runs out).
fn scripted(script: Vec<Reply>) -> Server {
    let count = Arc::new(Mutex::new(0usize));
    Server::start(move |_: &RecordedRequest| {
        let mut count = count.lock().unwrap();
        *count += 1;
        script.get(*count - 1).cloned().unwrap_or_else(|| Response::new(599).into())
    })
}

fn json(body: &str) -> Reply {
    Response::new(200).json(body).into()
}

fn targets(server: &Server) -> Vec<String> {
    server.requests().into_iter().map(|r| r.target).collect()
}

fn client(server: &Server) -> paging::Client {
    paging::Client::with_http_client(format!("{}/v1", server.url()), http())
}

fn worklogs(start: u32, count: u32, total: u32) -> Reply {
    let logs: Vec<String> = (start..start + count).map(|i| format!(r#"{{"id":"w{i}"}}"#)).collect();
    json(&format!(r#"{{"startAt":{start},"maxResults":2,"total":{total},"worklogs":[{}]}}"#, logs.join(",")))
}

#[tokio::test]
async fn offsets_advance_until_the_total_with_the_callers_parameters_on_every_page() {
    let server = scripted(vec![worklogs(0, 2, 5), worklogs(2, 2, 5), worklogs(4, 1, 5)]);
    let client = client(&server);
    let stream = client.get_worklogs("PROJ-1").max_results(2).expand("properties").stream();
    let ids: Vec<String> = within(stream.map_ok(|w| w.id.unwrap_or_default()).try_collect()).await.unwrap();
    assert_eq!(ids, ["w0", "w1", "w2", "w3", "w4"]);
    assert_eq!(
        targets(&server),
        [
            "/v1/issues/PROJ-1/worklogs?maxResults=2&expand=properties",
            "/v1/issues/PROJ-1/worklogs?maxResults=2&expand=properties&startAt=2",
            "/v1/issues/PROJ-1/worklogs?maxResults=2&expand=properties&startAt=4",
        ]
    );
}

#[tokio::test]
async fn the_next_page_is_requested_only_when_the_consumer_reads_past_the_last() {
    let server = scripted(vec![worklogs(0, 2, 4), worklogs(2, 2, 4)]);
    let client = client(&server);
    let mut stream = Box::pin(client.get_worklogs("K").start_at(0).stream());
    assert!(server.requests().is_empty(), "nothing is sent before the stream is read");
    assert_eq!(within(stream.next()).await.unwrap().unwrap().id.as_deref(), Some("w0"));
    assert_eq!(within(stream.next()).await.unwrap().unwrap().id.as_deref(), Some("w1"));
    assert_eq!(server.requests().len(), 1);
    assert_eq!(within(stream.next()).await.unwrap().unwrap().id.as_deref(), Some("w2"));
    assert_eq!(targets(&server), ["/v1/issues/K/worklogs?startAt=0", "/v1/issues/K/worklogs?startAt=2"]);
}

#[tokio::test]
async fn an_empty_first_page_is_an_empty_stream() {
    let server = scripted(vec![json(r#"{"startAt":0,"maxResults":50,"total":0,"worklogs":[]}"#)]);
    let client = client(&server);
    let all: Vec<_> = within(client.get_worklogs("K").stream().collect::<Vec<_>>()).await;
    assert!(all.is_empty(), "{all:?}");
    assert_eq!(targets(&server), ["/v1/issues/K/worklogs"]);
}

#[tokio::test]
async fn a_page_shorter_than_the_limit_is_the_last() {
    let events = |ids: &[u32]| {
        let ids: Vec<String> = ids.iter().map(|i| format!(r#"{{"id":{i}}}"#)).collect();
        json(&format!(r#"{{"events":[{}]}}"#, ids.join(",")))
    };
    // `limit` defaults to 3 in the spec: without it, a page of fewer than 3 ends the stream.
    let server = scripted(vec![events(&[1, 2, 3]), events(&[4])]);
    let ids: Vec<i64> =
        within(client(&server).list_events().kind("a").stream().map_ok(|e| e.id.unwrap()).try_collect()).await.unwrap();
    assert_eq!(ids, [1, 2, 3, 4]);
    assert_eq!(targets(&server), ["/v1/events?kind=a", "/v1/events?kind=a&offset=3"]);
    // The same configured pattern applies to `listAudits`, whose `limit` the caller sets.
    let server = scripted(vec![events(&[1, 2]), events(&[3])]);
    let ids: Vec<i64> =
        within(client(&server).list_audits().limit(2).stream().map_ok(|e| e.id.unwrap()).try_collect()).await.unwrap();
    assert_eq!(ids, [1, 2, 3]);
    assert_eq!(targets(&server), ["/v1/audits?limit=2", "/v1/audits?limit=2&offset=2"]);
}

fn photos(id: u32, total_pages: u32) -> Reply {
    json(&format!(r#"{{"photos":[{{"id":{id}}}],"total_pages":{total_pages}}}"#))
}

#[tokio::test]
async fn page_numbers_count_up_to_the_number_of_pages() {
    let server = scripted(vec![photos(1, 3), photos(2, 3), photos(3, 3)]);
    let ids: Vec<i64> =
        within(client(&server).list_photos().per_page(1).stream().map_ok(|p| p.id.unwrap()).try_collect())
            .await
            .unwrap();
    assert_eq!(ids, [1, 2, 3]);
    assert_eq!(
        targets(&server),
        ["/v1/photos?per_page=1", "/v1/photos?per_page=1&page=2", "/v1/photos?per_page=1&page=3"]
    );
}

#[tokio::test]
async fn an_error_on_page_three_ends_the_stream_after_the_items_before_it() {
    let server =
        scripted(vec![photos(1, 9), photos(2, 9), Response::new(500).json(r#"{"e":"down"}"#).into(), photos(4, 9)]);
    let client = client(&server);
    let mut stream = Box::pin(client.list_photos().stream());
    assert_eq!(within(stream.next()).await.unwrap().unwrap().id, Some(1));
    assert_eq!(within(stream.next()).await.unwrap().unwrap().id, Some(2));
    match within(stream.next()).await {
        Some(Err(Error::ErrorResponse(response))) => assert_eq!(response.status().as_u16(), 500),
        other => panic!("expected the page-3 error, got {other:?}"),
    }
    assert!(within(stream.next()).await.is_none(), "nothing after the first error");
    assert_eq!(server.requests().len(), 3);
}

fn customers(emails: &[&str], next: Option<&str>) -> Reply {
    let data: Vec<String> = emails.iter().map(|e| format!(r#"{{"email":"{e}"}}"#)).collect();
    let next = next.map_or("null".to_owned(), |n| format!("\"{n}\""));
    json(&format!(r#"{{"data":[{}],"next_cursor":{next}}}"#, data.join(",")))
}

#[tokio::test]
async fn a_cursor_from_each_page_asks_for_the_next_until_it_is_null() {
    let server =
        scripted(vec![customers(&["a"], Some("c1")), customers(&["b", "c"], Some("c2")), customers(&[], None)]);
    let emails: Vec<String> =
        within(client(&server).list_customers().email("x@y").stream().map_ok(|c| c.email.unwrap()).try_collect())
            .await
            .unwrap();
    assert_eq!(emails, ["a", "b", "c"]);
    assert_eq!(
        targets(&server),
        ["/v1/customers?email=x%40y", "/v1/customers?email=x%40y&after=c1", "/v1/customers?email=x%40y&after=c2"]
    );
}

#[tokio::test]
async fn a_repeated_cursor_is_an_error_not_an_endless_loop() {
    let server =
        scripted(vec![customers(&["a"], Some("c1")), customers(&["b"], Some("c1")), customers(&["c"], Some("c1"))]);
    let client = client(&server);
    let all: Vec<_> = within(client.list_customers().stream().collect::<Vec<_>>()).await;
    assert_eq!(all.len(), 3, "{all:?}");
    assert_eq!(all[1].as_ref().unwrap().email.as_deref(), Some("b"));
    assert!(matches!(&all[2], Err(Error::Paging(PagingError::RepeatedCursor(c))) if c == "c1"), "{:?}", all[2]);
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn next_links_are_followed_relative_or_absolute_and_keep_the_callers_parameters() {
    let url = Arc::new(Mutex::new(String::new()));
    let base = Arc::clone(&url);
    let count = Arc::new(Mutex::new(0));
    let server = Server::start(move |_: &RecordedRequest| {
        let mut count = count.lock().unwrap();
        *count += 1;
        match *count {
            1 => json(r#"{"files":[{"name":"a"}],"next":"/v1/files?prefix=p&page=2"}"#),
            2 => json(&format!(r#"{{"files":[{{"name":"b"}}],"next":"{}/v1/files?page=3"}}"#, base.lock().unwrap())),
            _ => json(r#"{"files":[{"name":"c"}]}"#),
        }
    });
    *url.lock().unwrap() = server.url();
    let names: Vec<String> =
        within(client(&server).list_files().prefix("p").stream().map_ok(|f| f.name.unwrap()).try_collect())
            .await
            .unwrap();
    assert_eq!(names, ["a", "b", "c"]);
    assert_eq!(targets(&server), ["/v1/files?prefix=p", "/v1/files?prefix=p&page=2", "/v1/files?page=3&prefix=p"]);
}

#[tokio::test]
async fn a_next_link_to_the_same_page_or_another_origin_stops_the_stream() {
    let server = scripted(vec![json(r#"{"files":[{"name":"a"}],"next":"files?prefix=p"}"#)]);
    let all: Vec<_> = within(client(&server).list_files().prefix("p").stream().collect::<Vec<_>>()).await;
    assert!(matches!(&all[1], Err(Error::Paging(PagingError::RepeatedLink(_)))), "{all:?}");
    assert_eq!(server.requests().len(), 1);

    let server = scripted(vec![json(r#"{"files":[{"name":"a"}],"next":"https://elsewhere.example/v1/files?page=2"}"#)]);
    let all: Vec<_> = within(client(&server).list_files().stream().collect::<Vec<_>>()).await;
    assert!(matches!(&all[1], Err(Error::InvalidRequest(m)) if m.contains("origin")), "{all:?}");
    assert_eq!(server.requests().len(), 1, "credentials never go to another host");
}

#[tokio::test]
async fn link_headers_lead_to_the_next_page_and_pages_keep_their_headers() {
    let url = Arc::new(Mutex::new(String::new()));
    let base = Arc::clone(&url);
    let count = Arc::new(Mutex::new(0));
    let server = Server::start(move |_: &RecordedRequest| {
        let mut count = count.lock().unwrap();
        *count += 1;
        let base = base.lock().unwrap();
        match *count {
            1 => Response::new(200)
                .header("Link", &format!(r#"<{base}/v1/repos?per_page=1&page=2>; rel="next", <{base}/v1/repos?per_page=1&page=2>; rel="last""#))
                .json(r#"[{"name":"one"}]"#)
                .into(),
            _ => Response::new(200)
                .header("Link", &format!(r#"<{base}/v1/repos?per_page=1&page=1>; rel="first""#))
                .json(r#"[{"name":"two"}]"#)
                .into(),
        }
    });
    *url.lock().unwrap() = server.url();
    let pages: Vec<_> = within(client(&server).list_repos().per_page(1).sort("name").pages().collect::<Vec<_>>()).await;
    let pages: Vec<_> = pages.into_iter().map(Result::unwrap).collect();
    assert_eq!(pages.len(), 2);
    assert!(pages[0].headers()["link"].to_str().unwrap().contains("rel=\"next\""));
    assert_eq!(pages[1].body()[0].name.as_deref(), Some("two"));
    assert_eq!(targets(&server), ["/v1/repos?per_page=1&sort=name", "/v1/repos?per_page=1&page=2&sort=name"]);
}

#[tokio::test]
async fn x_ms_pageable_follows_next_link_and_reads_value() {
    let url = Arc::new(Mutex::new(String::new()));
    let base = Arc::clone(&url);
    let count = Arc::new(Mutex::new(0));
    let server = Server::start(move |_: &RecordedRequest| {
        let mut count = count.lock().unwrap();
        *count += 1;
        match *count {
            1 => json(&format!(
                r#"{{"value":[{{"name":"v1"}}],"nextLink":"{}/vaults?api-version=2024-01-01&$skiptoken=abc"}}"#,
                base.lock().unwrap()
            )),
            _ => json(r#"{"value":[{"name":"v2"}]}"#),
        }
    });
    *url.lock().unwrap() = server.url();
    let client = azure_paging::Client::with_http_client(server.url(), http());
    let names: Vec<String> = within(
        client.vaults_list("2024-01-01").filter("tag eq 'x'").stream().map_ok(|v| v.name.unwrap()).try_collect(),
    )
    .await
    .unwrap();
    assert_eq!(names, ["v1", "v2"]);
    assert_eq!(
        targets(&server),
        [
            "/vaults?api-version=2024-01-01&%24filter=tag+eq+%27x%27",
            "/vaults?api-version=2024-01-01&$skiptoken=abc&%24filter=tag+eq+%27x%27",
        ]
    );
}

#[tokio::test]
async fn x_ms_pageable_without_a_next_link_is_one_page() {
    let server = scripted(vec![json(r#"{"locations":[{"name":"east"},{"name":"west"}]}"#)]);
    let client = azure_paging::Client::with_http_client(server.url(), http());
    let names: Vec<String> =
        within(client.locations_list().stream().map_ok(|l| l.name.unwrap()).try_collect()).await.unwrap();
    assert_eq!(names, ["east", "west"]);
    assert_eq!(targets(&server), ["/locations"]);
}

#[tokio::test]
async fn every_jira_worklog_of_an_issue_streams_in_order() {
    let page = |start: u32, ids: &[u32], total: u32| {
        let logs: Vec<String> = ids.iter().map(|i| format!(r#"{{"id":"{i}","timeSpent":"1h"}}"#)).collect();
        json(&format!(r#"{{"startAt":{start},"maxResults":2,"total":{total},"worklogs":[{}]}}"#, logs.join(",")))
    };
    let server = scripted(vec![page(0, &[10, 11], 3), page(2, &[12], 3)]);
    let client = jira::Client::with_http_client(server.url(), http());
    let ids: Vec<String> =
        within(client.get_issue_worklog("PROJ-1").max_results(2).stream().map_ok(|w| w.id.unwrap()).try_collect())
            .await
            .unwrap();
    assert_eq!(ids, ["10", "11", "12"]);
    assert_eq!(
        targets(&server),
        ["/api/2/issue/PROJ-1/worklog?maxResults=2", "/api/2/issue/PROJ-1/worklog?maxResults=2&startAt=2"]
    );
}

#[tokio::test]
async fn jiras_page_beans_stream_by_the_configured_pattern() {
    let page = |start: u32, count: u32| {
        let schemes: Vec<String> = (start..start + count).map(|i| format!(r#"{{"id":{i}}}"#)).collect();
        json(&format!(r#"{{"startAt":{start},"maxResults":2,"total":3,"values":[{}]}}"#, schemes.join(",")))
    };
    let server = scripted(vec![page(0, 2), page(2, 1)]);
    let client = jira::Client::with_http_client(server.url(), http());
    let pages: Vec<_> = within(client.get_notification_schemes().pages().collect::<Vec<_>>()).await;
    let sizes: Vec<usize> = pages.into_iter().map(|p| p.unwrap().body().values.as_ref().map_or(0, Vec::len)).collect();
    assert_eq!(sizes, [2, 1]);
    assert_eq!(targets(&server), ["/api/2/notificationscheme", "/api/2/notificationscheme?startAt=2"]);
}
