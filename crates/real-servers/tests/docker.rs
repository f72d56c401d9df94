//! The Docker Engine client against a real dockerd 20.10 (API 1.41) on 127.0.0.1.

use std::process::Command;

use swagger2rs_real_servers::gate::{self, Needs};
use swagger2rs_real_servers::scenario::Scenario;
use swagger2rs_real_servers::server::{Server, free_port};

const NEEDS: Needs = Needs { binary: "dockerd", spec: "docker/swagger.yaml", root: true };

#[test]
fn docker_scenario_passes_against_the_real_engine() {
    let Some(spec) = gate::check(&NEEDS) else { return };
    let dir = tempfile::tempdir().expect("a scratch directory");
    let port = free_port();
    let path = |name: &str| dir.path().join(name).display().to_string();
    let mut command = Command::new(NEEDS.binary);
    command
        .args(["-H", &format!("tcp://127.0.0.1:{port}"), "-H", &format!("unix://{}", path("docker.sock"))])
        .args(["--iptables=false", "--ip6tables=false", "--bridge=none"])
        .args(["--data-root", &path("data"), "--exec-root", &path("exec"), "--pidfile", &path("docker.pid")]);
    let server = Server::start(command, port, dir, "/_ping");
    let scenario = Scenario { name: "docker", spec, overlays: &["overlays/docker.overlay.yaml"] };
    scenario.run(&format!("{}/v1.41", server.origin()));
}
