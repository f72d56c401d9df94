//! The etcd client against a real etcd 3.4 (its grpc-gateway JSON API under `/v3/`) on 127.0.0.1.

use std::process::Command;

use swagger2rs_real_servers::gate::{self, Needs};
use swagger2rs_real_servers::scenario::Scenario;
use swagger2rs_real_servers::server::{Server, free_port};

const NEEDS: Needs = Needs { binary: "etcd", spec: "etcd/rpc.swagger.json", root: false };

#[test]
fn etcd_scenario_passes_against_the_real_server() {
    let Some(spec) = gate::check(&NEEDS) else { return };
    let dir = tempfile::tempdir().expect("a scratch directory");
    let (port, peer_port) = (free_port(), free_port());
    let client_url = format!("http://127.0.0.1:{port}");
    let mut command = Command::new(NEEDS.binary);
    command
        .arg("--data-dir")
        .arg(dir.path().join("etcd"))
        .args(["--listen-client-urls", &client_url, "--advertise-client-urls", &client_url])
        .args(["--listen-peer-urls", &format!("http://127.0.0.1:{peer_port}")])
        .args(["--initial-advertise-peer-urls", &format!("http://127.0.0.1:{peer_port}")])
        .args(["--initial-cluster", &format!("default=http://127.0.0.1:{peer_port}")]);
    let server = Server::start(command, port, dir, "/health");
    let scenario = Scenario { name: "etcd", spec, overlays: &[] };
    scenario.run(&server.origin());
}
