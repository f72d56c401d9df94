//! A generated client and the scenario program that drives it, built and run with `cargo`.
//!
//! Under `<target>/real-servers/`: `<name>/` holds the client generated from the server's spec,
//! `<name>-scenario/` a binary crate whose `main.rs` is the committed `scenarios/<name>.rs` (beside it
//! `scenarios/support.rs`, the reporting every scenario shares), and `target/`
//! the build directory both share with the other servers' scenarios, so dependencies build once. Files are
//! rewritten only when their text changed, so a second run rebuilds nothing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use swagger2rs::pipeline::{self, Inputs};

use crate::gate::workspace_root;

/// One server's client and scenario.
#[derive(Debug)]
pub struct Scenario {
    /// Names the directories, the scenario file (`scenarios/<name>.rs`) and the client crate (`<name>_client`).
    pub name: &'static str,
    /// The server's spec.
    pub spec: PathBuf,
    /// Overlay files of this crate (`overlays/…`) applied to the spec, in order.
    pub overlays: &'static [&'static str],
}

impl Scenario {
    /// Generates the client, writes the scenario crate and runs it with `BASE_URL` set to `base_url`;
    /// panics with the program's output unless it exits successfully.
    pub fn run(&self, base_url: &str) {
        let root = target_dir().join("real-servers");
        self.generate_client(&root.join(self.name));
        let crate_dir = root.join(format!("{}-scenario", self.name));
        self.write_scenario_crate(&crate_dir);
        let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["run", "--quiet", "--manifest-path"])
            .arg(crate_dir.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", root.join("target"))
            .env("BASE_URL", base_url)
            .status()
            .expect("run cargo");
        assert!(status.success(), "the {} scenario failed ({status}); its output is above", self.name);
    }

    fn generate_client(&self, dir: &Path) {
        let inputs = Inputs {
            spec: self.spec.clone(),
            overlays: self.overlays.iter().map(|o| Path::new(env!("CARGO_MANIFEST_DIR")).join(o)).collect(),
            ..Inputs::default()
        };
        let prepared = pipeline::prepare(&inputs, &self.client_crate());
        let Some(api) = prepared.api_without_errors() else {
            let errors: Vec<String> = prepared.diagnostics.errors().map(ToString::to_string).collect();
            panic!("{} does not generate:\n{}", self.spec.display(), errors.join("\n"));
        };
        let files = swagger2rs_emitter::generate(api, &prepared.options).expect("the emitter's output parses");
        for file in files {
            write_if_changed(&dir.join(&file.path), &file.contents);
        }
    }

    fn write_scenario_crate(&self, dir: &Path) {
        let scenarios = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
        let read = |file: &str| {
            let path = scenarios.join(file);
            fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
        };
        write_if_changed(&dir.join("src/main.rs"), &read(&format!("{}.rs", self.name)));
        write_if_changed(&dir.join("src/support.rs"), &read("support.rs"));
        write_if_changed(&dir.join("Cargo.toml"), &self.manifest());
        if !dir.join("Cargo.lock").exists() {
            fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock")).expect("copy Cargo.lock");
        }
    }

    fn client_crate(&self) -> String {
        format!("{}_client", self.name)
    }

    /// A binary crate outside the workspace (its empty `[workspace]` table) depending on the client by path,
    /// under the name `client`, so the scenarios share `scenarios/support.rs`.
    fn manifest(&self) -> String {
        format!(
            "[package]\nname = \"{name}-scenario\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [workspace]\n\n[dependencies]\nclient = {{ package = \"{client}\", path = \"../{name}\" }}\n\
             tokio = {{ version = \"1\", features = [\"macros\", \"rt\"] }}\nserde_json = \"1\"\n\
             chrono = {{ version = \"0.4\", default-features = false, features = [\"std\"] }}\n",
            name = self.name,
            client = self.client_crate(),
        )
    }
}

/// The workspace's target directory: `CARGO_TARGET_DIR` when set, else `target/` in the workspace.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| workspace_root().join("target"))
}

fn write_if_changed(path: &Path, contents: &str) {
    if fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return;
    }
    fs::create_dir_all(path.parent().expect("a file has a directory")).expect("create a directory");
    fs::write(path, contents).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}
