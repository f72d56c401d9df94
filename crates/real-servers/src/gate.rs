//! Whether a real-server test runs, skips or fails before it starts.
//!
//! The tests are opt-in: `cargo test --workspace` skips them at once unless [`ENABLE`] is set, since the
//! servers are system packages a contributor may not have. Under [`ENABLE`], a missing server binary or
//! missing root privileges fail the test (the caller asked for the servers); only a missing `../shared/servers`
//! (the specs, which live outside the repository) skips it, as the other third-party-spec steps do.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The environment variable that turns the real-server tests on.
pub const ENABLE: &str = "SWAGGER2RS_REAL_SERVERS";

/// What a test needs before it can start its server.
#[derive(Debug)]
pub struct Needs {
    /// The server's executable, looked up on `PATH`.
    pub binary: &'static str,
    /// The spec, relative to `../shared/servers`.
    pub spec: &'static str,
    /// Whether the server must run as root (dockerd).
    pub root: bool,
}

/// The spec's path when the test should run; `None` after printing why it skips. Panics when [`ENABLE`] is
/// set but the server cannot be started here.
pub fn check(needs: &Needs) -> Option<PathBuf> {
    if std::env::var_os(ENABLE).is_none_or(|v| v.is_empty()) {
        eprintln!("skipped: set {ENABLE}=1 to run the generated clients against a real `{}`", needs.binary);
        return None;
    }
    let spec = shared_servers().join(needs.spec);
    if !spec.is_file() {
        eprintln!(
            "skipped: {} is missing (the specs live outside the repository, in ../shared/servers)",
            spec.display()
        );
        return None;
    }
    assert!(on_path(needs.binary), "{ENABLE} is set but `{}` is not on PATH: install its Debian package", needs.binary);
    assert!(!needs.root || is_root(), "{ENABLE} is set but `{}` must run as root", needs.binary);
    Some(spec)
}

/// `../shared/servers`, beside the repository checkout.
pub fn shared_servers() -> PathBuf {
    workspace_root().join("../shared/servers")
}

/// The workspace's root directory.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Whether `binary` is an executable on `PATH`.
pub fn on_path(binary: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| is_executable(&dir.join(binary))))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|out| out.stdout.trim_ascii() == b"0")
}
