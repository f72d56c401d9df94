//! The compile oracle: random but valid Swagger 2.0 documents (`spec`), each generated into a client, all
//! clients compiled together as modules of one crate (`batch`) with one `cargo clippy` and one `cargo doc`
//! (`check`), which must report no error and no warning.
//!
//! A document the parser rejects, an emitter error, or any compiler or clippy message is a finding, named
//! by the case: `seed_S` is reproduced by `cargo xtask oracle --seeds S..S+1`, and the batch directory keeps
//! each document next to its generated code. Documents that once failed are kept as regression cases
//! (`regressions/`, compiled in the same batch by the test suite).

pub mod batch;
pub mod check;
pub mod regressions;
pub mod rng;
pub mod spec;

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use swagger2rs_emitter::{GeneratedFile, Options};

pub use spec::{Case, case};

/// One generated client of the batch.
pub struct Client {
    pub case: Case,
    pub files: Vec<GeneratedFile>,
}

/// Why a case failed, named by the case.
#[derive(Debug)]
pub enum Finding {
    /// The parser reported errors for a document that is valid by construction.
    Rejected { case: String, errors: Vec<String> },
    /// The emitter produced invalid Rust.
    Emit { case: String, message: String },
    /// A compiler or clippy message on a generated client (`case` is `None` when it points at no case).
    Compile { case: Option<String>, message: String },
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::Rejected { case, errors } => write!(f, "{case}: rejected:\n  {}", errors.join("\n  ")),
            Finding::Emit { case, message } => write!(f, "{case}: {message}"),
            Finding::Compile { case: Some(case), message } => write!(f, "{case}: {message}"),
            Finding::Compile { case: None, message } => write!(f, "batch: {message}"),
        }
    }
}

/// What a run checked and found.
#[derive(Debug, Default)]
pub struct Report {
    /// Documents generated or given.
    pub cases: usize,
    /// Clients generated and compiled.
    pub compiled: usize,
    /// Lines of Rust compiled: every client's own code, and each distinct runtime once.
    pub lines: usize,
    pub generate_time: Duration,
    pub check_time: Duration,
    pub doc_time: Duration,
    pub findings: Vec<Finding>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} documents, {} clients compiled ({} lines), generate {:.1} s, clippy {:.1} s, rustdoc {:.1} s, {} findings",
            self.cases,
            self.compiled,
            self.lines,
            self.generate_time.as_secs_f64(),
            self.check_time.as_secs_f64(),
            self.doc_time.as_secs_f64(),
            self.findings.len()
        )?;
        for finding in &self.findings {
            writeln!(f, "{finding}")?;
        }
        Ok(())
    }
}

/// Where a run writes: the batch crate's sources and the target directory its dependencies are built in
/// (kept between runs, so only the first run builds them).
#[derive(Clone, Debug)]
pub struct Dirs {
    pub batch: PathBuf,
    pub target: PathBuf,
    /// The workspace's `Cargo.lock`, copied into the batch so it builds the same dependency versions.
    pub lockfile: PathBuf,
}

impl Dirs {
    /// `<target>/oracle/<name>` for the batch and `<target>/oracle/target` for its build, under the
    /// workspace's target directory.
    pub fn under(workspace_target: &Path, workspace_root: &Path, name: &str) -> Self {
        let oracle = workspace_target.join("oracle");
        Self { batch: oracle.join(name), target: oracle.join("target"), lockfile: workspace_root.join("Cargo.lock") }
    }
}

/// Generates the documents of `seeds` and compiles their clients, and those of `extra` cases, as one batch.
pub fn run(seeds: Range<u64>, extra: Vec<Case>, dirs: &Dirs) -> Result<Report, String> {
    let started = Instant::now();
    let cases: Vec<Case> = seeds.map(case).chain(extra).collect();
    let mut report = Report { cases: cases.len(), ..Report::default() };
    let mut clients = Vec::new();
    for case in cases {
        match generate(case) {
            Ok(client) => clients.push(client),
            Err(finding) => report.findings.push(finding),
        }
    }
    report.generate_time = started.elapsed();
    report.compiled = clients.len();
    if clients.is_empty() {
        return Ok(report);
    }
    report.lines = batch::write(&dirs.batch, &dirs.lockfile, &clients)
        .map_err(|e| format!("writing {}: {e}", dirs.batch.display()))?;
    let started = Instant::now();
    report.findings.extend(check::clippy(&dirs.batch, &dirs.target)?);
    report.check_time = started.elapsed();
    let started = Instant::now();
    report.findings.extend(check::rustdoc(&dirs.batch, &dirs.target)?);
    report.doc_time = started.elapsed();
    Ok(report)
}

/// Parses and lowers the document and generates its client, as the command-line tool does.
pub fn generate(case: Case) -> Result<Client, Finding> {
    let path = Path::new("/nonexistent/swagger2rs-oracle").join(&case.file_name);
    let loaded = swagger2rs_parser::load_str(path, case.text.clone());
    let errors: Vec<String> = loaded.diagnostics.errors().map(ToString::to_string).collect();
    let Some(api) = loaded.api.filter(|_| errors.is_empty()) else {
        return Err(Finding::Rejected { case: case.name, errors });
    };
    let mut options = Options::new(case.name.clone(), case.file_name.clone());
    options.derives = case.derives.clone();
    options.attributes = case.attributes.clone();
    match swagger2rs_emitter::generate(&api, &options) {
        Ok(files) => Ok(Client { case, files }),
        Err(e) => Err(Finding::Emit { case: case.name, message: e.to_string() }),
    }
}
