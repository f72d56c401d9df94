//! A server process on 127.0.0.1 under a scratch directory, stopped when its guard drops.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long a server may take to answer its readiness check.
const READY_WITHIN: Duration = Duration::from_secs(60);
/// How long a server may take to stop after `SIGTERM` before its process group is killed.
const STOP_WITHIN: Duration = Duration::from_secs(15);

/// A running server. Dropping it (also while a test panics) stops the server's whole process group — dockerd
/// and the containerd it starts — waits for it, and removes the scratch directory.
pub struct Server {
    child: Child,
    /// The port the server's HTTP API listens on.
    pub port: u16,
    /// Holds the server's data, sockets and log; removed last.
    pub dir: tempfile::TempDir,
}

impl Server {
    /// Starts `command` (already given its arguments) in a process group of its own, with its output in
    /// `<dir>/server.log`, and waits until `GET ready_path` on `port` answers 200.
    pub fn start(mut command: Command, port: u16, dir: tempfile::TempDir, ready_path: &str) -> Server {
        let log = std::fs::File::create(dir.path().join("server.log")).expect("create the server log");
        let err = log.try_clone().expect("clone the log handle");
        command.stdin(Stdio::null()).stdout(log).stderr(err).process_group(0);
        let child = command.spawn().unwrap_or_else(|e| panic!("start {command:?}: {e}"));
        let mut server = Server { child, port, dir };
        server.wait_ready(ready_path);
        server
    }

    /// `http://127.0.0.1:<port>`.
    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The server's output so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }

    fn wait_ready(&mut self, path: &str) {
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("the server exited with {status} before it was ready:\n{}", self.log());
            }
            if get_status(self.port, path) == Some(200) {
                eprintln!("server ready on port {} after {:.1?}", self.port, started.elapsed());
                return;
            }
            assert!(started.elapsed() < READY_WITHIN, "not ready after {READY_WITHIN:?}:\n{}", self.log());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn signal_group(&self, signal: &str) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args([signal, "--", &group]).stderr(Stdio::null()).status();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.signal_group("-TERM");
        let deadline = Instant::now() + STOP_WITHIN;
        while Instant::now() < deadline && matches!(self.child.try_wait(), Ok(None)) {
            std::thread::sleep(Duration::from_millis(50));
        }
        // Children of the server (containerd) may outlive it: kill whatever is left of the group.
        self.signal_group("-KILL");
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port on 127.0.0.1 that was free a moment ago.
pub fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port on 127.0.0.1");
    listener.local_addr().expect("the bound address").port()
}

/// The status code of `GET path` on 127.0.0.1:`port`, or `None` when nothing answers.
fn get_status(port: u16, path: &str) -> Option<u16> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n").ok()?;
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).ok()?;
    std::str::from_utf8(&head[9..12]).ok()?.parse().ok()
}
