//! The Alertmanager client against a real Prometheus Alertmanager 0.25 on 127.0.0.1.

use std::process::Command;

use swagger2rs_real_servers::gate::{self, Needs};
use swagger2rs_real_servers::scenario::Scenario;
use swagger2rs_real_servers::server::{Server, free_port};

const NEEDS: Needs = Needs { binary: "prometheus-alertmanager", spec: "alertmanager/openapi.yaml", root: false };

#[test]
fn alertmanager_scenario_passes_against_the_real_server() {
    let Some(spec) = gate::check(&NEEDS) else { return };
    let dir = tempfile::tempdir().expect("a scratch directory");
    let port = free_port();
    let config = dir.path().join("alertmanager.yml");
    std::fs::write(&config, "route:\n  receiver: default\nreceivers:\n  - name: default\n")
        .expect("write the configuration");
    let mut command = Command::new(NEEDS.binary);
    command
        .arg(format!("--storage.path={}", dir.path().join("am").display()))
        .arg(format!("--web.listen-address=127.0.0.1:{port}"))
        .arg("--cluster.listen-address=")
        .arg(format!("--config.file={}", config.display()));
    let server = Server::start(command, port, dir, "/-/ready");
    let scenario = Scenario { name: "alertmanager", spec, overlays: &[] };
    scenario.run(&format!("{}/api/v2", server.origin()));
}
