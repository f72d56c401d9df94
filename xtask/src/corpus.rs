//! `cargo xtask corpus [--compile N]`: runs the generator on every real spec under `../shared` (the Power
//! Platform connectors, the classic specs, the Azure specs and the real servers' specs) and prints what it
//! accepted, refused, repaired and generated.
//!
//! Each spec is read, lowered and generated in memory, as `swagger2rs generate` does, on every core. The run
//! fails on:
//! - a panic anywhere in reading, lowering or generating;
//! - a silent drop: an operation the document declares that was not generated, with no diagnostic at it;
//! - a refusal not listed in `corpus-refusals.txt` (each truly broken file, with its reason), or a listed file
//!   that is now accepted: the list may only shrink.
//!
//! `--compile N` then compiles a fixed sample of N of the generated crates in one batch with clippy and
//! rustdoc, as the compile oracle does, and fails on any warning. When `../shared` is absent the step says so
//! and succeeds: the specs are not part of the repository.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;
use swagger2rs_emitter::{GeneratedFile, Options};
use swagger2rs_parser::source::LoadOptions;
use swagger2rs_parser::{Code, Diagnostics, Sources};

use crate::codegen::workspace_root;

/// The folders of `../shared` swept, each a set of real specs.
const SETS: [&str; 4] = ["corpus", "specs", "azure", "servers"];

/// The committed list of specs that are refused because no common tool could read them either.
const REFUSALS_FILE: &str = "corpus-refusals.txt";

/// The HTTP methods a path item may hold.
const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

/// Thread stack size: reading and formatting recurse as deep as a spec nests.
const STACK_SIZE: usize = 64 * 1024 * 1024;

pub fn run(args: &[&str]) -> Result<(), String> {
    let compile = match args {
        [] => 0,
        ["--compile", n] => n.parse().map_err(|_| usage())?,
        _ => return Err(usage()),
    };
    let root = workspace_root();
    let shared = root.join("../shared");
    let specs: Vec<Spec> = SETS.iter().flat_map(|set| spec_files(&shared, set)).collect();
    if specs.is_empty() {
        println!("skipped: no specs under {} (real specs are not part of the repository)", shared.display());
        return Ok(());
    }
    let started = Instant::now();
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let outcomes = sweep(&shared, &specs, threads);
    let wall = started.elapsed();
    let table = Table::new(&specs, &outcomes);
    print!("{}", table.render(wall, threads));
    let mut problems = table.problems();
    problems.extend(check_refusals(&root.join(REFUSALS_FILE), &specs, &outcomes)?);
    if compile > 0 {
        problems.extend(compile_sample(&root, &shared, &specs, &outcomes, compile)?);
    }
    if problems.is_empty() { Ok(()) } else { Err(format!("corpus sweep failed:\n  {}", problems.join("\n  "))) }
}

fn usage() -> String {
    "usage: cargo xtask corpus [--compile N]".to_owned()
}

/// One spec of the corpus.
struct Spec {
    path: PathBuf,
    /// The path relative to `../shared`, as the table and `corpus-refusals.txt` name it.
    name: String,
    /// The set it belongs to (`corpus`, `specs`, …).
    set: &'static str,
}

/// `*.json`/`*.yaml`/`*.yml` files under `shared/set`, sorted.
fn spec_files(shared: &Path, set: &'static str) -> Vec<Spec> {
    let mut out = Vec::new();
    let mut pending = vec![shared.join(set)];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                // Azure's examples are requests and responses, not specs.
                if path.file_name().is_some_and(|n| n != "examples") {
                    pending.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "json" || e == "yaml" || e == "yml") {
                let name = path.strip_prefix(shared).unwrap_or(&path).to_string_lossy().into_owned();
                out.push(Spec { path, name, set });
            }
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// What happened to one spec.
enum Outcome {
    /// The file is a fragment other specs refer to, not a Swagger 2.0 document of its own.
    Fragment,
    /// The spec has errors: the codes and the first message.
    Refused {
        codes: BTreeSet<Code>,
        first: String,
        warnings: Vec<Code>,
    },
    Accepted(Accepted),
    /// Reading, lowering or generating panicked.
    Panic(String),
    /// The emitter failed on an accepted spec.
    EmitFailed(String),
}

struct Accepted {
    warnings: Vec<Code>,
    declared: usize,
    generated: usize,
    /// Declared operations neither generated nor named by any diagnostic (their pointers).
    silent_drops: Vec<String>,
    types: usize,
    lines: usize,
    elapsed: Duration,
}

/// Every spec through the pipeline on `threads` threads; outcomes in the order of `specs`.
fn sweep(shared: &Path, specs: &[Spec], threads: usize) -> Vec<Outcome> {
    // Largest first, so that a big spec does not start last and leave the other threads idle.
    let mut order: Vec<usize> = (0..specs.len()).collect();
    let size = |i: &usize| std::fs::metadata(&specs[*i].path).map_or(0, |m| m.len());
    order.sort_by_key(|i| std::cmp::Reverse(size(i)));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new((0..specs.len()).map(|_| None).collect());
    let previous_hook = std::panic::take_hook();
    // A panic is reported in the table, with its message; the default hook's backtrace note would interleave.
    std::panic::set_hook(Box::new(|_| {}));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            std::thread::Builder::new()
                .stack_size(STACK_SIZE)
                .spawn_scoped(scope, || {
                    while let Some(&index) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let spec = &specs[index];
                        let outcome = catch_unwind(AssertUnwindSafe(|| run_one(shared, spec)))
                            .unwrap_or_else(|payload| Outcome::Panic(panic_message(payload.as_ref())));
                        results.lock().expect("no panic holds the lock")[index] = Some(outcome);
                    }
                })
                .expect("a sweep thread starts");
        }
    });
    std::panic::set_hook(previous_hook);
    results.into_inner().expect("no panic holds the lock").into_iter().map(|o| o.expect("every spec ran")).collect()
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

/// Reads, lowers and generates one spec, references allowed anywhere in `../shared` (the corpus is trusted,
/// and Azure's specs refer to `common-types` higher up).
fn run_one(shared: &Path, spec: &Spec) -> Outcome {
    let started = Instant::now();
    let options = LoadOptions { extra_ref_roots: vec![shared.to_path_buf()], ..LoadOptions::default() };
    let sources = match Sources::load_with(&spec.path, &options) {
        Ok(sources) => sources,
        Err(d) => {
            let mut diagnostics = Diagnostics::default();
            diagnostics.push(d);
            return refused(diagnostics);
        }
    };
    let loaded = swagger2rs_parser::lower(&sources);
    if loaded.diagnostics.iter().any(|d| d.code == Code::NotSwagger2) {
        return Outcome::Fragment;
    }
    let Some(api) = loaded.api.filter(|_| !loaded.diagnostics.has_errors()) else {
        return refused(loaded.diagnostics);
    };
    let name = module_name(spec);
    let files = match swagger2rs_emitter::generate(&api, &Options::new(name.clone(), name)) {
        Ok(files) => files,
        Err(e) => return Outcome::EmitFailed(e.to_string()),
    };
    let declared = declared_operations(&sources);
    let silent_drops = silent_drops(&declared, &api, &loaded.diagnostics);
    Outcome::Accepted(Accepted {
        warnings: loaded.diagnostics.warnings().map(|d| d.code).collect(),
        declared: declared.len(),
        generated: api.operations.len(),
        silent_drops,
        types: api.types.len(),
        lines: lines_of_rust(&files),
        elapsed: started.elapsed(),
    })
}

fn refused(diagnostics: Diagnostics) -> Outcome {
    let codes = diagnostics.errors().map(|d| d.code).collect();
    let first = diagnostics.errors().next().map(|d| d.to_string().replace('\n', " ")).unwrap_or_default();
    Outcome::Refused { codes, first, warnings: diagnostics.warnings().map(|d| d.code).collect() }
}

fn lines_of_rust(files: &[GeneratedFile]) -> usize {
    files
        .iter()
        .filter(|f| f.path.starts_with("src") && !f.path.starts_with("src/runtime"))
        .map(|f| f.contents.lines().count())
        .sum()
}

/// An identifier naming a spec's crate and its module in a compile batch: `corpus_<folder>` from the path.
fn module_name(spec: &Spec) -> String {
    let stem: String = spec
        .name
        .trim_end_matches("/apiDefinition.swagger.json")
        .rsplit('/')
        .take(2)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
        .join("_");
    // One `_` between words: a module name with `__` is not snake case to rustc's lint.
    let words: Vec<String> = stem
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    format!("{}_{}", spec.set, words.join("_"))
}

/// An operation the document declares: where it is and what identifies it among the generated ones.
struct Declared {
    /// The JSON pointer of the operation object (`/paths/~1pets/get`).
    pointer: String,
    /// The pointer of its path item.
    path_item: String,
    key: OperationKey,
}

/// Method and path with parameter names and any query part left out: `GET /pets/{}`.
type OperationKey = (String, String);

fn operation_key(method: &str, path: &str) -> OperationKey {
    let path = path.split_once('?').map_or(path, |(path, _)| path);
    let segments: Vec<&str> = path
        .split('/')
        .map(|segment| if segment.starts_with('{') || segment.starts_with(':') { "{}" } else { segment })
        .collect();
    (method.to_ascii_lowercase(), segments.join("/"))
}

/// Every operation under `paths` and `x-ms-paths` of the root document, following `$ref`'d path items.
fn declared_operations(sources: &Sources) -> Vec<Declared> {
    let root = &sources.root().value;
    let mut out = Vec::new();
    for table in ["paths", "x-ms-paths"] {
        let Some(Value::Object(paths)) = root.get(table) else { continue };
        for (path, item) in paths {
            let path_item = swagger2rs_parser::pointer::JsonPointer::root().push(table).push(path);
            let item = match item.get("$ref").and_then(Value::as_str) {
                Some(reference) => match sources.resolve(swagger2rs_parser::source::FileId::ROOT, reference) {
                    Ok((_, value)) => value,
                    Err(_) => item,
                },
                None => item,
            };
            let Value::Object(item) = item else { continue };
            for method in item.keys().filter(|k| METHODS.contains(&k.to_ascii_lowercase().as_str())) {
                out.push(Declared {
                    pointer: path_item.push(method).as_str().to_owned(),
                    path_item: path_item.as_str().to_owned(),
                    key: operation_key(method, path),
                });
            }
        }
    }
    out
}

/// The declared operations that were not generated and that no diagnostic points at (at the operation, inside
/// it, or at its path item).
fn silent_drops(declared: &[Declared], api: &swagger2rs_parser::ir::Api, diagnostics: &Diagnostics) -> Vec<String> {
    let mut generated: HashMap<OperationKey, usize> = HashMap::new();
    for op in &api.operations {
        *generated.entry(operation_key(op.method.as_str(), &op.path)).or_default() += 1;
    }
    let pointers: Vec<&str> = diagnostics.iter().map(|d| d.location.pointer.as_str()).collect();
    let mut dropped = Vec::new();
    for op in declared {
        if let Some(count) = generated.get_mut(&op.key).filter(|c| **c > 0) {
            *count -= 1;
            continue;
        }
        let explained = pointers
            .iter()
            .any(|p| within(p, &op.pointer) || *p == op.path_item || within(p, &format!("{}/$ref", op.path_item)));
        if !explained {
            dropped.push(op.pointer.clone());
        }
    }
    dropped
}

/// Whether `pointer` is `ancestor` or inside it.
fn within(pointer: &str, ancestor: &str) -> bool {
    pointer.strip_prefix(ancestor).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The sweep's figures.
struct Table {
    specs: usize,
    by_set: BTreeMap<&'static str, usize>,
    fragments: usize,
    accepted: usize,
    refused_by_code: BTreeMap<Code, usize>,
    refused: Vec<(String, String)>,
    warnings_by_code: BTreeMap<Code, (usize, usize)>,
    declared: usize,
    generated: usize,
    types: usize,
    lines: usize,
    panics: Vec<(String, String)>,
    emit_failures: Vec<(String, String)>,
    silent_drops: Vec<(String, Vec<String>)>,
    slowest: Option<(Duration, String)>,
}

impl Table {
    fn new(specs: &[Spec], outcomes: &[Outcome]) -> Self {
        let mut table = Table {
            specs: specs.len(),
            by_set: BTreeMap::new(),
            fragments: 0,
            accepted: 0,
            refused_by_code: BTreeMap::new(),
            refused: Vec::new(),
            warnings_by_code: BTreeMap::new(),
            declared: 0,
            generated: 0,
            types: 0,
            lines: 0,
            panics: Vec::new(),
            emit_failures: Vec::new(),
            silent_drops: Vec::new(),
            slowest: None,
        };
        for (spec, outcome) in specs.iter().zip(outcomes) {
            *table.by_set.entry(spec.set).or_default() += 1;
            match outcome {
                Outcome::Fragment => table.fragments += 1,
                Outcome::Refused { codes, first, warnings } => {
                    for code in codes {
                        *table.refused_by_code.entry(*code).or_default() += 1;
                    }
                    table.refused.push((spec.name.clone(), first.clone()));
                    table.count_warnings(warnings);
                }
                Outcome::Accepted(accepted) => {
                    table.accepted += 1;
                    table.count_warnings(&accepted.warnings);
                    table.declared += accepted.declared;
                    table.generated += accepted.generated;
                    table.types += accepted.types;
                    table.lines += accepted.lines;
                    if !accepted.silent_drops.is_empty() {
                        table.silent_drops.push((spec.name.clone(), accepted.silent_drops.clone()));
                    }
                    if table.slowest.as_ref().is_none_or(|(d, _)| accepted.elapsed > *d) {
                        table.slowest = Some((accepted.elapsed, spec.name.clone()));
                    }
                }
                Outcome::Panic(message) => table.panics.push((spec.name.clone(), message.clone())),
                Outcome::EmitFailed(message) => table.emit_failures.push((spec.name.clone(), message.clone())),
            }
        }
        table
    }

    fn count_warnings(&mut self, warnings: &[Code]) {
        let distinct: BTreeSet<&Code> = warnings.iter().collect();
        for code in warnings {
            self.warnings_by_code.entry(*code).or_default().0 += 1;
        }
        for code in distinct {
            self.warnings_by_code.entry(*code).or_default().1 += 1;
        }
    }

    fn render(&self, wall: Duration, threads: usize) -> String {
        let mut out = String::new();
        let sets: Vec<String> = self.by_set.iter().map(|(set, n)| format!("{n} in {set}")).collect();
        out.push_str(&format!(
            "corpus: {} files ({}), {:.1} s on {threads} threads\n\n",
            self.specs,
            sets.join(", "),
            wall.as_secs_f64()
        ));
        let dropped: usize = self.silent_drops.iter().map(|(_, ops)| ops.len()).sum();
        out.push_str("| outcome | specs |\n|---|---:|\n");
        out.push_str(&format!("| accepted | {} |\n", self.accepted));
        out.push_str(&format!("| refused | {} |\n", self.refused.len()));
        out.push_str(&format!("| fragments (no `swagger` of their own) | {} |\n", self.fragments));
        out.push_str(&format!("| panics | {} |\n", self.panics.len()));
        out.push_str(&format!("| emitter failures | {} |\n", self.emit_failures.len()));
        out.push_str(&format!("| with silent drops | {} ({dropped} operations) |\n\n", self.silent_drops.len()));
        out.push_str(&format!(
            "operations in accepted specs: {} declared, {} generated; {} types, {} lines of Rust (runtime aside)\n",
            self.declared, self.generated, self.types, self.lines
        ));
        if let Some((elapsed, name)) = &self.slowest {
            out.push_str(&format!("slowest: {name} in {:.2} s\n", elapsed.as_secs_f64()));
        }
        if !self.refused_by_code.is_empty() {
            out.push_str("\n| refused by | specs |\n|---|---:|\n");
            for (code, n) in &self.refused_by_code {
                out.push_str(&format!("| `{code}` | {n} |\n"));
            }
        }
        if !self.warnings_by_code.is_empty() {
            out.push_str("\n| warning | count | specs |\n|---|---:|---:|\n");
            for (code, (count, specs)) in &self.warnings_by_code {
                out.push_str(&format!("| `{code}` | {count} | {specs} |\n"));
            }
        }
        for (title, rows) in
            [("refused", &self.refused), ("panics", &self.panics), ("emitter failures", &self.emit_failures)]
        {
            if !rows.is_empty() {
                out.push_str(&format!("\n{title}:\n"));
                for (name, message) in rows {
                    out.push_str(&format!("  {name}: {}\n", shorten(message, 300)));
                }
            }
        }
        if !self.silent_drops.is_empty() {
            out.push_str("\nsilent drops:\n");
            for (name, ops) in &self.silent_drops {
                out.push_str(&format!("  {name}: {}\n", shorten(&ops.join(", "), 300)));
            }
        }
        out
    }

    /// What fails the run on its own: panics, emitter failures, silent drops.
    fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        out.extend(self.panics.iter().map(|(name, message)| format!("{name}: panicked: {message}")));
        out.extend(self.emit_failures.iter().map(|(name, message)| format!("{name}: the emitter failed: {message}")));
        out.extend(self.silent_drops.iter().map(|(name, ops)| {
            format!("{name}: {} operations neither generated nor reported (first {})", ops.len(), ops[0])
        }));
        out
    }
}

fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// Compares the refusals with the committed list: a refusal not listed, or a listed file now accepted (or
/// gone), is a problem. Lines are `path | reason`; `#` starts a comment.
fn check_refusals(list: &Path, specs: &[Spec], outcomes: &[Outcome]) -> Result<Vec<String>, String> {
    let text = match std::fs::read_to_string(list) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("reading {}: {e}", list.display())),
    };
    let listed: BTreeSet<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| line.split_once(" | ").map_or(line, |(path, _)| path).trim())
        .collect();
    let refused: BTreeSet<&str> = specs
        .iter()
        .zip(outcomes)
        .filter(|(_, outcome)| matches!(outcome, Outcome::Refused { .. }))
        .map(|(spec, _)| spec.name.as_str())
        .collect();
    let mut problems = Vec::new();
    for name in refused.difference(&listed) {
        problems.push(format!("{name}: refused, and not listed in {REFUSALS_FILE}"));
    }
    for name in listed.difference(&refused) {
        problems.push(format!("{name}: listed in {REFUSALS_FILE} but no longer refused; remove it from the list"));
    }
    Ok(problems)
}

/// Generates a fixed sample of `n` accepted specs again and compiles them in one batch with clippy and
/// rustdoc, warnings denied; every compiler message is a problem.
fn compile_sample(
    root: &Path,
    shared: &Path,
    specs: &[Spec],
    outcomes: &[Outcome],
    n: usize,
) -> Result<Vec<String>, String> {
    let accepted: Vec<&Spec> = specs
        .iter()
        .zip(outcomes)
        .filter(|(spec, outcome)| matches!(outcome, Outcome::Accepted(_)) && spec.set == "corpus")
        .map(|(spec, _)| spec)
        .collect();
    // Evenly spaced over the sorted list, so the sample is the same on every run with the same corpus.
    let step = (accepted.len() / n.max(1)).max(1);
    let sample: Vec<&Spec> = accepted.iter().step_by(step).take(n).copied().collect();
    let mut clients = Vec::new();
    for spec in &sample {
        let text = std::fs::read_to_string(&spec.path).unwrap_or_default();
        let options = LoadOptions { extra_ref_roots: vec![shared.to_path_buf()], ..LoadOptions::default() };
        let loaded = swagger2rs_parser::load_with(&spec.path, &options);
        let Some(api) = loaded.api else { continue };
        let name = module_name(spec);
        let files = swagger2rs_emitter::generate(&api, &Options::new(name.clone(), name.clone()))
            .map_err(|e| format!("{}: {e}", spec.name))?;
        let case = swagger2rs_oracle::Case {
            name,
            file_name: "spec.json".to_owned(),
            text,
            derives: Vec::new(),
            attributes: Vec::new(),
        };
        clients.push(swagger2rs_oracle::Client { case, files });
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), Into::into);
    let dirs = swagger2rs_oracle::Dirs::under(&target, root, "corpus");
    let started = Instant::now();
    let lines = swagger2rs_oracle::batch::write(&dirs.batch, &dirs.lockfile, &clients)
        .map_err(|e| format!("writing {}: {e}", dirs.batch.display()))?;
    let mut findings = swagger2rs_oracle::check::clippy(&dirs.batch, &dirs.target)?;
    findings.extend(swagger2rs_oracle::check::rustdoc(&dirs.batch, &dirs.target)?);
    println!(
        "\ncompiled a sample of {} crates ({lines} lines) with clippy and rustdoc in {:.1} s: {} findings",
        clients.len(),
        started.elapsed().as_secs_f64(),
        findings.len()
    );
    Ok(findings.iter().map(|f| shorten(&f.to_string(), 2000)).collect())
}

#[cfg(test)]
mod tests {
    use super::{operation_key, within};

    #[test]
    fn operations_are_keyed_without_parameter_names_or_query() {
        assert_eq!(operation_key("GET", "/a/{id}/b"), ("get".to_owned(), "/a/{}/b".to_owned()));
        assert_eq!(operation_key("get", "/a/:id/b"), operation_key("get", "/a/{name}/b"));
        assert_eq!(operation_key("put", "/{c}?restype=container"), ("put".to_owned(), "/{}".to_owned()));
    }

    #[test]
    fn module_names_are_snake_case() {
        let spec = super::Spec {
            path: "x".into(),
            name: "corpus/powerplatform-connectors/certified-connectors/Tribal - SITS/apiDefinition.swagger.json"
                .to_owned(),
            set: "corpus",
        };
        assert_eq!(super::module_name(&spec), "corpus_certified_connectors_tribal_sits");
    }

    #[test]
    fn pointers_within_an_ancestor() {
        assert!(within("/paths/~1a/get", "/paths/~1a/get"));
        assert!(within("/paths/~1a/get/parameters/0", "/paths/~1a/get"));
        assert!(!within("/paths/~1a/getter", "/paths/~1a/get"));
    }
}
