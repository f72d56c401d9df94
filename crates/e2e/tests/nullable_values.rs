//! `x-nullable` on map values, array items and referenced definitions: `null` decodes where a server sends it
//! (a container API answers `{"80/tcp": null}` for an exposed port that is not published).

mod common;

use nullable_values::Client;
use nullable_values::types::{Container, Health, PortBinding};
use swagger2rs_e2e::{Response, Server};

#[tokio::test]
async fn null_map_values_items_and_nullable_definitions_decode() {
    let body = r#"{"ports":{"80/tcp":null,"443/tcp":[{"HostIp":"0.0.0.0","HostPort":"8443"}]},"labels":["a",null],"health":null}"#;
    let server = Server::fixed(Response::new(200).json(body));
    let client = Client::with_http_client(server.url(), common::http());
    let container: Container = client.inspect_container("c1").send().await.expect("decodes").into_body();
    assert_eq!(container.ports["80/tcp"], None);
    let binding = PortBinding { host_ip: Some("0.0.0.0".into()), host_port: Some("8443".into()) };
    assert_eq!(container.ports["443/tcp"], Some(vec![binding]));
    assert_eq!(container.labels, Some(vec![Some("a".into()), None]));
    assert_eq!(container.health, Some(None), "present and null, apart from absent");
    let original: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(serde_json::to_value(&container).unwrap(), original, "and it encodes back unchanged");
}

#[test]
fn a_nullable_definition_still_decodes_its_value() {
    let container: Container = serde_json::from_str(r#"{"ports":{},"health":{"Status":"ok"}}"#).unwrap();
    assert_eq!(container.health, Some(Some(Health { status: Some("ok".into()) })));
}
