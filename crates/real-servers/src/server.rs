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

/// A running server. Dropping it (also while a test panics) stops the server's process group and every process
/// it started (dockerd puts containerd in a group of its own), waits for it, and removes the scratch directory.
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
        let descendants = descendants(self.child.id());
        self.signal_group("-TERM");
        let deadline = Instant::now() + STOP_WITHIN;
        while Instant::now() < deadline && matches!(self.child.try_wait(), Ok(None)) {
            std::thread::sleep(Duration::from_millis(50));
        }
        // A server that did not stop in time, and what it started, are killed.
        self.signal_group("-KILL");
        let _ = self.child.kill();
        let _ = self.child.wait();
        for pid in descendants {
            let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).stderr(Stdio::null()).status();
        }
    }
}

/// The processes below `pid`, read from `/proc` (children before grandchildren).
fn descendants(pid: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|p| Some((p, parent_of(p)?)))
        .collect();
    let mut found = vec![pid];
    let mut next = 0;
    while next < found.len() {
        let parent = found[next];
        found.extend(parents.iter().filter(|(_, pp)| *pp == parent).map(|(p, _)| *p));
        next += 1;
    }
    found.split_off(1)
}

/// The parent of `pid`: the field after the parenthesised command name in `/proc/<pid>/stat`.
fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat[stat.rfind(')')? + 1..].split_whitespace().nth(1)?.parse().ok()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Grandchildren are found as well as children, so a server's helpers are killed even when they left its
    /// process group.
    #[test]
    fn descendants_include_grandchildren() {
        let script = "sh -c 'sleep 30; true' & wait";
        let mut shell = Command::new("sh").args(["-c", script]).spawn().expect("start sh");
        let deadline = Instant::now() + Duration::from_secs(5);
        let mut found = descendants(shell.id());
        while found.len() < 2 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
            found = descendants(shell.id());
        }
        let parents: Vec<Option<u32>> = found.iter().map(|&pid| parent_of(pid)).collect();
        for pid in &found {
            let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).status();
        }
        let _ = shell.kill();
        let _ = shell.wait();
        assert_eq!(found.len(), 2, "the inner shell and its sleep: {found:?}");
        assert_eq!(parents, [Some(shell.id()), Some(found[0])]);
    }

    #[test]
    fn a_parent_is_read_from_proc() {
        let me = std::process::id();
        let mut child = Command::new("sleep").arg("30").spawn().expect("start sleep");
        assert_eq!(parent_of(child.id()), Some(me));
        let _ = child.kill();
        let _ = child.wait();
    }
}
