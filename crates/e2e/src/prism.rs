//! Stoplight Prism as an independent validator: `prism mock --errors SPEC` checks every request against the
//! spec and answers with a response generated from it, so a generated client can be checked by code its
//! generator never saw.
//!
//! [`Prism::start`] installs the pinned Prism (`crates/e2e/prism/package.json` and `package-lock.json`) with
//! `npm ci` into `<target dir>/prism` on first use, once per test binary and under a lock directory across binaries,
//! then runs one `prism mock` child process on a free port of 127.0.0.1 for the life of the returned guard.
//!
//! Prism reports a request that violates the spec in an `sl-violations` response header (and, for an error
//! severity, answers 422 or the operation's lowest documented 4xx instead of a success). The generated clients
//! vendor their own runtime, so each test crate registers a hook of its own client's `Hook` trait with
//! [`prism_hook!`](crate::prism_hook); the hook hands every response head to [`Violations::record`], and
//! [`Prism::call`] fails the test when a call drew a violation.
//!
//! When `npm` is missing or the install fails, [`Prism::start`] panics if the `CI` environment variable is set
//! and otherwise prints why and returns `None`, so a developer without Node can still run the other tests.

use std::fs;
use std::future::Future;
use std::io::Read;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The committed npm manifest pinning Prism's exact version.
const PACKAGE_JSON: &str = include_str!("../prism/package.json");
/// The committed lock file `npm ci` installs from.
const PACKAGE_LOCK: &str = include_str!("../prism/package-lock.json");

/// How long Prism may take to listen once spawned. It needs 2–5 s on an idle machine; a loaded CI runner
/// that is still compiling other crates can need several times that.
pub const PRISM_START_TIMEOUT: Duration = Duration::from_secs(60);

/// The outcome of installing Prism, shared by every test of one binary.
static INSTALL: OnceLock<Result<PathBuf, String>> = OnceLock::new();

/// What Prism said about one request: its `sl-violations` header, or [`PROBLEM`] for an answer of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The operation the hook was told about (the client's snake_case operation name).
    pub operation: String,
    /// The status Prism answered with.
    pub status: u16,
    /// The header's value, a JSON array of `{location, severity, code, message}` objects, or [`PROBLEM`].
    pub violations: String,
}

impl Violation {
    /// Whether any entry is about the request. Prism also lists violations of the response it generated
    /// itself (location `["response", …]`, for instance a random string that misses its format); those are
    /// Prism's and say nothing about the client. An unparsable header counts as about the request.
    pub fn is_about_request(&self) -> bool {
        match serde_json::from_str::<Vec<serde_json::Value>>(&self.violations) {
            Ok(entries) => entries.iter().any(|entry| entry["location"][0] != "response"),
            Err(_) => true,
        }
    }
}

/// Where a client's hook records what Prism said about each request; cheap to clone, shared with the hook.
#[derive(Clone, Debug, Default)]
pub struct Violations(Arc<Mutex<Vec<Violation>>>);

impl Violations {
    /// Records one response head: a violation when `sl_violations` (the header's value) is present.
    pub fn record(&self, operation: &str, status: u16, sl_violations: Option<&str>) {
        if let Some(violations) = sl_violations {
            let violation = Violation { operation: operation.to_owned(), status, violations: violations.to_owned() };
            self.0.lock().unwrap_or_else(|e| e.into_inner()).push(violation);
        }
    }

    /// Takes the violations recorded since the last call.
    pub fn take(&self) -> Vec<Violation> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// What [`prism_hook!`](crate::prism_hook) records for a response of Prism's own (`application/problem+json`:
/// an invalid request for an operation that documents no 4xx, which carries no `sl-violations` header, or a
/// failure of Prism itself); Prism's log has the details.
pub const PROBLEM: &str = "a problem+json response of Prism's own";

/// A hook value for the generated crate `$krate` that records Prism's `sl-violations` header of every
/// response, and every problem+json response of Prism's own, into `$violations` (a [`Violations`]); register it with the client's `with_hook`.
///
/// The test crate must depend on `reqwest` (the generated runtime's header types are reqwest's).
#[macro_export]
macro_rules! prism_hook {
    ($krate:ident, $violations:expr) => {{
        struct PrismHook($crate::prism::Violations);
        impl $krate::runtime::Hook for PrismHook {
            fn on_response(
                &self,
                status: &mut $krate::runtime::StatusCode,
                headers: &mut $krate::runtime::HeaderMap,
                context: &$krate::runtime::HookContext<'_>,
            ) {
                let header = |name: &str| headers.get(name).map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
                let problem = header("content-type").is_some_and(|t| t.starts_with("application/problem+json"));
                let violations = header("sl-violations").or_else(|| problem.then(|| $crate::prism::PROBLEM.to_owned()));
                self.0.record(context.operation, status.as_u16(), violations.as_deref());
            }
        }
        PrismHook($violations)
    }};
}

/// A running `prism mock` process, killed when dropped.
#[derive(Debug)]
pub struct Prism {
    child: Mutex<Child>,
    url: String,
    output: Arc<Mutex<String>>,
    /// How much of `output` [`assert_clean`](Self::assert_clean) has looked at.
    checked: Mutex<usize>,
    violations: Violations,
}

impl Prism {
    /// Starts `prism mock --errors` for `spec` (static responses: the spec's examples, else values derived from
    /// the schemas, so they are predictable). `None` when Prism cannot be installed outside CI.
    ///
    /// # Panics
    ///
    /// When Prism cannot be installed and `CI` is set, or when it does not listen within
    /// [`PRISM_START_TIMEOUT`]; the message includes Prism's output.
    pub fn start(spec: &Path) -> Option<Prism> {
        Self::spawn(spec, false)
    }

    /// Like [`start`](Self::start) with `--dynamic`: responses are random values valid for their schemas.
    ///
    /// # Panics
    ///
    /// As [`start`](Self::start).
    pub fn start_dynamic(spec: &Path) -> Option<Prism> {
        Self::spawn(spec, true)
    }

    fn spawn(spec: &Path, dynamic: bool) -> Option<Prism> {
        let prism = match INSTALL.get_or_init(install) {
            Ok(prism) => prism,
            Err(reason) if std::env::var_os("CI").is_some() => panic!("cannot install Prism (CI is set): {reason}"),
            Err(reason) => {
                eprintln!("skipping the Prism test (set CI to make this a failure): {reason}");
                return None;
            }
        };
        let port = free_port();
        let mut command = Command::new(prism);
        command.args(["mock", "--host", "127.0.0.1", "--port", &port.to_string(), "--errors"]);
        if dynamic {
            command.arg("--dynamic");
        }
        let mut child = command
            .arg(spec)
            .env("NO_COLOR", "1")
            .env("FORCE_COLOR", "0")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", prism.display()));
        let output = Arc::new(Mutex::new(String::new()));
        collect(child.stdout.take(), &output);
        collect(child.stderr.take(), &output);
        let prism = Prism {
            child: Mutex::new(child),
            url: format!("http://127.0.0.1:{port}"),
            output,
            checked: Mutex::new(0),
            violations: Violations::default(),
        };
        prism.wait_until_listening(port, spec);
        Some(prism)
    }

    /// Polls the port until Prism accepts a connection.
    fn wait_until_listening(&self, port: u16, spec: &Path) {
        let started = Instant::now();
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        loop {
            if let Some(status) = self.exited() {
                panic!("Prism exited ({status}) before listening for {}:\n{}", spec.display(), self.output());
            }
            if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
                return;
            }
            if started.elapsed() > PRISM_START_TIMEOUT {
                panic!(
                    "Prism did not listen on port {port} for {} within {PRISM_START_TIMEOUT:?}:\n{}",
                    spec.display(),
                    self.output()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The exit status, when the process has ended.
    fn exited(&self) -> Option<std::process::ExitStatus> {
        self.child.lock().unwrap_or_else(|e| e.into_inner()).try_wait().ok().flatten()
    }

    /// The base URL Prism listens on. Prism routes by the spec's paths alone: a Swagger `basePath` is not
    /// part of the request path it expects, so this is also the client's base URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The recorder to hand to [`prism_hook!`](crate::prism_hook).
    pub fn violations(&self) -> Violations {
        self.violations.clone()
    }

    /// Everything Prism printed so far (its log of every request, and any crash).
    pub fn output(&self) -> String {
        self.output.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Awaits one call `what` (within [`TEST_DEADLINE`](crate::TEST_DEADLINE)) and returns its result.
    ///
    /// # Panics
    ///
    /// When Prism reported a violation for any request since the previous call, when the call did not finish
    /// in time, or when Prism is no longer running afterwards (the message includes the end of its output).
    pub async fn call<F: Future>(&self, what: &str, future: F) -> F::Output {
        let output = crate::deadline(what, future).await;
        self.assert_clean(what);
        output
    }

    /// Awaits one call `what` that Prism is known to reject (a false positive of Prism's, or a known
    /// disagreement with the client) and returns its result with the validator's log lines about it, for the
    /// test to assert the exact verdict.
    ///
    /// # Panics
    ///
    /// When Prism did not reject the request (so the test notices when the known case is gone), when the call
    /// did not finish in time, or when Prism is no longer running afterwards.
    pub async fn call_rejected<F: Future>(&self, what: &str, future: F) -> (F::Output, String) {
        let output = crate::deadline(what, future).await;
        if let Some(status) = self.exited() {
            panic!("{what}: Prism exited ({status}); its output ends with:\n{}", self.output_tail());
        }
        let request: Vec<_> = self.violations.take().into_iter().filter(Violation::is_about_request).collect();
        assert!(!request.is_empty(), "{what}: Prism no longer rejects this request; drop the exception");
        (output, self.new_violation_log())
    }

    /// Panics when a request drew a violation since the last check, or when Prism has exited.
    ///
    /// # Panics
    ///
    /// As described.
    pub fn assert_clean(&self, what: &str) {
        if let Some(status) = self.exited() {
            panic!("{what}: Prism exited ({status}); its output ends with:\n{}", self.output_tail());
        }
        let request: Vec<_> = self.violations.take().into_iter().filter(Violation::is_about_request).collect();
        if request.is_empty() {
            // A clean call logs no validator problems; what of its log is still in the pipe is clean too.
            *self.checked.lock().unwrap_or_else(|e| e.into_inner()) =
                self.output.lock().unwrap_or_else(|e| e.into_inner()).len();
            return;
        }
        let log = self.new_violation_log();
        assert!(request.is_empty(), "{what}: Prism reported request violations: {request:#?}\nPrism's log:\n{log}");
    }

    /// The lines of Prism's validator log that report a problem, printed since the last call. Prism logs before it
    /// answers, but the log arrives through a pipe, so this waits a moment for it first.
    pub fn new_violation_log(&self) -> String {
        std::thread::sleep(Duration::from_millis(50));
        let output = self.output();
        let mut checked = self.checked.lock().unwrap_or_else(|e| e.into_inner());
        let new = output.get(*checked..).unwrap_or_default();
        *checked = output.len();
        new.lines()
            .filter(|line| line.contains("[VALIDATOR]") && !line.contains("success"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The last lines of [`output`](Self::output).
    fn output_tail(&self) -> String {
        let output = self.output();
        let lines: Vec<&str> = output.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("Prism ({}) output ends with:\n{}", self.url, self.output_tail());
        }
        let child = self.child.get_mut().unwrap_or_else(|e| e.into_inner());
        let _ = child.kill();
        let _ = child.wait();
    }
}

/// Appends everything `pipe` yields to `output`, on a thread of its own.
fn collect(pipe: Option<impl Read + Send + 'static>, output: &Arc<Mutex<String>>) {
    let Some(mut pipe) = pipe else { return };
    let output = Arc::clone(output);
    std::thread::spawn(move || {
        let mut buffer = [0u8; 8192];
        while let Ok(n @ 1..) = pipe.read(&mut buffer) {
            output.lock().unwrap_or_else(|e| e.into_inner()).push_str(&String::from_utf8_lossy(&buffer[..n]));
        }
    });
}

/// A port that was free a moment ago.
fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind 127.0.0.1:0");
    listener.local_addr().expect("listener address").port()
}

/// A directory for files a Prism test writes (a spec with its overlay applied): `<target dir>/prism/specs`.
///
/// # Panics
///
/// When the directory cannot be created.
pub fn scratch_dir() -> PathBuf {
    let dir = install_dir().expect("the target directory").join("specs");
    fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    dir
}

/// `<target dir>/prism`: the test binary runs from `<target dir>/<profile>/deps`.
fn install_dir() -> Result<PathBuf, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot locate the test binary: {e}"))?;
    let target =
        exe.ancestors().nth(3).ok_or_else(|| format!("{} is not in <target>/<profile>/deps", exe.display()))?;
    Ok(target.join("prism"))
}

/// A lock directory held while installing: creating a directory is atomic everywhere, and `std`'s file
/// locks are newer than the workspace's minimum Rust version.
struct InstallLock(PathBuf);

impl InstallLock {
    /// How long an install may hold the lock; an older lock is left over from a killed run.
    const STALE: Duration = Duration::from_secs(600);

    fn take(path: &Path) -> Result<InstallLock, String> {
        let started = Instant::now();
        loop {
            match fs::create_dir(path) {
                Ok(()) => return Ok(InstallLock(path.to_owned())),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let age = fs::metadata(path).and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
                    if age.is_some_and(|age| age > Self::STALE) {
                        let _ = fs::remove_dir(path);
                    } else if started.elapsed() > Self::STALE {
                        return Err(format!("{} is still held after {:?}", path.display(), Self::STALE));
                    }
                    std::thread::sleep(Duration::from_millis(200));
                }
                Err(e) => return Err(format!("cannot create {}: {e}", path.display())),
            }
        }
    }
}

impl Drop for InstallLock {
    fn drop(&mut self) {
        let _ = fs::remove_dir(&self.0);
    }
}

/// Installs the pinned Prism unless the same lock file is installed already; returns the `prism` executable.
fn install() -> Result<PathBuf, String> {
    let dir = install_dir()?;
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    // Other test binaries may install at the same time (cargo nextest runs them in parallel).
    let _lock = InstallLock::take(&dir.join(".install.lock"))?;
    let executable = dir.join("node_modules").join(".bin").join(if cfg!(windows) { "prism.cmd" } else { "prism" });
    let stamp = dir.join("installed-package-lock.json");
    if executable.exists() && fs::read_to_string(&stamp).is_ok_and(|installed| installed == PACKAGE_LOCK) {
        return Ok(executable);
    }
    let write =
        |name: &str, text: &str| fs::write(dir.join(name), text).map_err(|e| format!("cannot write {name}: {e}"));
    write("package.json", PACKAGE_JSON)?;
    write("package-lock.json", PACKAGE_LOCK)?;
    let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
    let output = Command::new(npm)
        .args(["ci", "--no-audit", "--no-fund", "--prefix"])
        .arg(&dir)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run `{npm}` (is Node.js installed and on PATH?): {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "`npm ci --prefix {}` failed ({}):\n{}{}",
            dir.display(),
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    if !executable.exists() {
        return Err(format!("`npm ci` succeeded but {} is missing", executable.display()));
    }
    write("installed-package-lock.json", PACKAGE_LOCK)?;
    Ok(executable)
}
