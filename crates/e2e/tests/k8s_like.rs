//! The Kubernetes-shaped fixture (`spec/fixtures/k8s_like.yaml`): dotted definition names become short type
//! names, a pod tree is built with `new` and `Default` in a few lines, and exactly what was set goes on the
//! wire — no unset optional field, no spec default the caller did not ask for.

mod common;

use k8s_like::Client;
use k8s_like::types::{
    Container, ContainerPort, CoreV1Event, EventsV1Event, ObjectMeta, ObjectReference, Pod, PodSpec,
    PodSpecRestartPolicy, PodStatusPhase,
};
use serde_json::{Value, json};
use swagger2rs_e2e::{Response, Server};

fn client(server: &Server) -> Client {
    Client::with_http_client(server.url(), common::http()).with_bearer_token_("Bearer t0ken")
}

fn sent_json(server: &Server) -> Value {
    serde_json::from_slice(&server.single_request().body).expect("the body is JSON")
}

#[tokio::test]
async fn a_pod_built_from_new_and_default_sends_exactly_what_was_set() {
    let server = Server::fixed(Response::new(201).json(r#"{"metadata": {"name": "web", "uid": "u-1"}}"#));

    let pod = Pod {
        metadata: Some(ObjectMeta {
            name: Some("web".into()),
            labels: Some([("app".into(), "web".into())].into()),
            ..Default::default()
        }),
        spec: Some(PodSpec::new(vec![Container {
            image: Some("nginx:1.27".into()),
            ports: Some(vec![ContainerPort::new(80)]),
            ..Container::new("web")
        }])),
        ..Default::default()
    };
    let created = client(&server).create_core_v1_namespaced_pod("default", pod).send().await.unwrap();

    let request = server.single_request();
    assert_eq!(request.request_line, "POST /api/v1/namespaces/default/pods HTTP/1.1");
    assert_eq!(request.header("authorization"), Some("Bearer t0ken"));
    let expected = r#"{"metadata":{"name":"web","labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx:1.27","ports":[{"containerPort":80}]}]}}"#;
    assert_eq!(String::from_utf8(request.body).unwrap(), expected, "field order is the spec's; nothing unset is sent");
    let metadata = created.into_body().metadata.unwrap();
    assert_eq!(metadata.uid.as_deref(), Some("u-1"), "readOnly fields are read back");
}

#[test]
fn spec_defaults_fill_absent_fields_on_receipt_but_new_leaves_them_unset() {
    let spec = PodSpec::new(Vec::new());
    assert_eq!(spec.restart_policy, None, "`new` does not send the server's own defaults");
    assert_eq!(serde_json::to_value(&spec).unwrap(), json!({"containers": []}));

    let received: PodSpec = serde_json::from_value(json!({"containers": [], "priority": null})).unwrap();
    assert_eq!(received.restart_policy, Some(PodSpecRestartPolicy::Always));
    assert_eq!(received.dns_policy.as_deref(), Some("ClusterFirst"));
    assert_eq!(received.termination_grace_period_seconds, Some(30));
    assert_eq!(received.host_network, Some(false));
    assert_eq!(received.priority, Some(None), "an explicit null on a nullable field stays null");
    let absent: PodSpec = serde_json::from_value(json!({"containers": []})).unwrap();
    assert_eq!(absent.priority, Some(Some(0)), "an absent nullable field reads as its default");
    assert_eq!(ContainerPort::new(443).protocol, None);
    assert_eq!(PodStatusPhase::from("Running"), PodStatusPhase::Running);
}

#[tokio::test]
async fn colliding_short_names_keep_their_group_and_each_goes_to_its_own_path() {
    let server = Server::fixed(Response::new(201).json(r#"{"metadata": {}, "involvedObject": {}}"#));
    let event = CoreV1Event {
        reason: Some("Started".into()),
        ..CoreV1Event::new(ObjectMeta::default(), ObjectReference { kind: Some("Pod".into()), ..Default::default() })
    };
    client(&server).create_core_v1_namespaced_event("default", event).send().await.unwrap();
    assert_eq!(sent_json(&server), json!({"metadata": {}, "involvedObject": {"kind": "Pod"}, "reason": "Started"}));

    let server = Server::fixed(Response::new(201).json(r#"{"eventTime": "2024-05-01T10:00:00Z"}"#));
    let at = chrono::DateTime::parse_from_rfc3339("2024-05-01T10:00:00Z").unwrap();
    let event = EventsV1Event { note: Some("pulled".into()), ..EventsV1Event::new(at) };
    client(&server).create_events_v1_namespaced_event("default", event).send().await.unwrap();
    let request = server.single_request();
    assert_eq!(request.request_line, "POST /apis/events.k8s.io/v1/namespaces/default/events HTTP/1.1");
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(body, json!({"eventTime": "2024-05-01T10:00:00Z", "note": "pulled"}));
}
