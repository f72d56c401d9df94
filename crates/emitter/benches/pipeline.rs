//! Benchmarks of every phase of `swagger2rs generate`, on synthetic specs of 10 to 10,000 operations and on the
//! Kubernetes spec (when `../shared/specs` is present), with the bare JSON/YAML parse of the same bytes as the
//! floor. Run with `cargo bench -p swagger2rs-emitter --bench pipeline`; see BENCHMARKS.md.
//!
//! Benchmark ids are `<phase>/<input>`: phases `load` (`Sources::from_text`: parse + external refs), `lower`,
//! `emit` (token streams, one thread), `generate` (`swagger2rs_emitter::generate`: emit + `syn` parse +
//! `prettyplease`, chunk by chunk on every core, as the CLI runs it), `write` (`write_crate` into an
//! empty directory), `end_to_end` (spec text → files on disk) and the floors `serde_json_value` /
//! `serde_yaml_value`; inputs `10`, `100`, `1000`, `10000` (operations) and `kubernetes`. The throughput unit
//! is one operation, so criterion's `elem/s` is operations per second.
//!
//! After a run, a summary (tables and the ratios BENCHMARKS.md tracks) is printed and written to
//! `target/criterion/swagger2rs-report.md`; it only uses results measured by this process.

mod synthetic;

use std::cell::OnceCell;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{BatchSize, Bencher, BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, Throughput};
use serde_json::Value;
use swagger2rs_emitter::{GeneratedFile, Options, emit_modules, generate, output::write_crate};
use swagger2rs_parser::{Loaded, Sources, ir::Api, lower};
use tempfile::TempDir;

const SIZES: [usize; 4] = [10, 100, 1_000, 10_000];

/// The synthetic size that also gets a YAML rendering.
const YAML_SIZE: usize = 1_000;

/// The phases in pipeline order, as they appear in the report.
const PHASES: [&str; 6] = ["load", "lower", "emit", "generate", "write", "end_to_end"];

/// (group, input) of every benchmark that ran in this process, so the report never mixes in older results.
static RAN: Mutex<BTreeSet<(String, String)>> = Mutex::new(BTreeSet::new());

/// One input: the spec text and everything derived from it, computed once outside the measurements.
struct Input {
    path: PathBuf,
    text: String,
    options: Options,
    api: Api,
    files: Vec<GeneratedFile>,
}

impl Input {
    fn new(label: &str, path: PathBuf, text: String) -> Self {
        let sources = Sources::from_text(path.clone(), text.clone())
            .unwrap_or_else(|d| panic!("{label}: the spec does not load: {d}"));
        let Loaded { api, diagnostics } = lower(&sources);
        let errors: Vec<String> = diagnostics.errors().map(|d| d.to_string()).collect();
        assert!(errors.is_empty(), "{label}: the spec has errors:\n{}", errors.join("\n"));
        let api = api.unwrap_or_else(|| panic!("{label}: no API"));
        let spec_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let options = Options::new(format!("bench_{label}"), spec_name);
        let files = generate(&api, &options).unwrap_or_else(|e| panic!("{label}: {e}"));
        let lines: usize = files
            .iter()
            .filter(|f| f.path.starts_with("src") && !f.path.starts_with("src/runtime"))
            .map(|f| f.contents.lines().count())
            .sum();
        println!(
            "input {label}: {} bytes, {} operations, {} types, {} warnings; generated modules: {lines} lines",
            text.len(),
            api.operations.len(),
            api.types.len(),
            diagnostics.warnings().count(),
        );
        Self { path, text, options, api, files }
    }
}

/// An input prepared on first use, so that benchmarks deselected by a filter (`-- kubernetes`) cost nothing.
struct LazyInput<'a> {
    label: String,
    operations: usize,
    make: Box<dyn Fn() -> Input + 'a>,
    input: OnceCell<Input>,
}

impl<'a> LazyInput<'a> {
    fn new(label: impl Into<String>, operations: usize, make: impl Fn() -> Input + 'a) -> Self {
        Self { label: label.into(), operations, make: Box::new(make), input: OnceCell::new() }
    }

    fn get(&self) -> &Input {
        self.input.get_or_init(|| (self.make)())
    }
}

/// Sampling per input size: enough samples for small inputs; for large ones criterion's minimum of 10, one
/// iteration each, so that a full run stays as short as the slowest phases allow.
fn configure(group: &mut BenchmarkGroup<'_, WallTime>, operations: usize) {
    if operations <= 150 {
        group.sample_size(30).measurement_time(Duration::from_secs(2));
    } else {
        group.sample_size(10).measurement_time(Duration::from_secs(3)).sampling_mode(SamplingMode::Flat);
    }
    group.warm_up_time(Duration::from_secs(1));
    group.throughput(Throughput::Elements(operations as u64));
}

/// Runs `routine` as benchmark `group/<input label>`, recording that it ran.
fn bench(c: &mut Criterion, group: &str, input: &LazyInput<'_>, mut routine: impl FnMut(&mut Bencher<'_>, &Input)) {
    let mut g = c.benchmark_group(group);
    configure(&mut g, input.operations);
    g.bench_function(BenchmarkId::from_parameter(&input.label), |b| {
        RAN.lock().unwrap().insert((group.to_owned(), input.label.clone()));
        routine(b, input.get());
    });
    g.finish();
}

fn fresh_dir() -> TempDir {
    tempfile::Builder::new().prefix("swagger2rs-bench-").tempdir().expect("a temporary directory")
}

/// Every phase on one input, plus the `serde_json::Value` floor on the same bytes.
///
/// Outputs are returned from the measured routine so that criterion drops them outside the measurement;
/// inputs that a phase consumes are prepared (untimed) by `iter_batched`'s setup. `end_to_end` is the
/// exception: like the CLI, it also pays for dropping its intermediate values.
fn phases(c: &mut Criterion, input: &LazyInput<'_>) {
    bench(c, "serde_json_value", input, |b, input| {
        b.iter_batched(|| (), |()| serde_json::from_str::<Value>(&input.text).unwrap(), BatchSize::PerIteration)
    });
    bench(c, "load", input, |b, input| {
        b.iter_batched(
            || input.text.clone(),
            |text| Sources::from_text(input.path.clone(), text).unwrap(),
            BatchSize::PerIteration,
        )
    });
    let sources = OnceCell::new();
    bench(c, "lower", input, |b, input| {
        let sources = sources.get_or_init(|| Sources::from_text(input.path.clone(), input.text.clone()).unwrap());
        b.iter_batched(|| (), |()| lower(sources), BatchSize::PerIteration)
    });
    drop(sources);
    bench(c, "emit", input, |b, input| {
        b.iter_batched(|| (), |()| emit_modules(&input.api, &input.options), BatchSize::PerIteration)
    });
    bench(c, "generate", input, |b, input| {
        b.iter_batched(|| (), |()| generate(&input.api, &input.options).unwrap(), BatchSize::PerIteration)
    });
    bench(c, "write", input, |b, input| {
        b.iter_batched(
            fresh_dir,
            |dir| {
                write_crate(dir.path(), &input.files).unwrap();
                dir
            },
            BatchSize::PerIteration,
        )
    });
    bench(c, "end_to_end", input, |b, input| {
        b.iter_batched(
            || (input.text.clone(), fresh_dir()),
            |(text, dir)| {
                let sources = Sources::from_text(input.path.clone(), text).unwrap();
                let api = lower(&sources).api.unwrap();
                let files = generate(&api, &input.options).unwrap();
                write_crate(dir.path(), &files).unwrap();
                dir
            },
            BatchSize::PerIteration,
        )
    });
}

fn synthetic(c: &mut Criterion) {
    for n in SIZES {
        if test_mode() && n > YAML_SIZE {
            println!("test mode: skipping the {n}-operation input (too slow for a smoke test in a debug build)");
            continue;
        }
        let json = |n: usize| {
            let text = serde_json::to_string_pretty(&synthetic::spec(n)).unwrap();
            let input = Input::new(&n.to_string(), PathBuf::from(format!("synthetic-{n}.json")), text);
            assert_eq!(input.api.operations.len(), n, "the synthetic spec has the requested number of operations");
            input
        };
        let input = LazyInput::new(n.to_string(), n, || json(n));
        phases(c, &input);
        if n == YAML_SIZE {
            let yaml = LazyInput::new(n.to_string(), n, || {
                let text = serde_yaml::to_string(&synthetic::spec(n)).unwrap();
                println!("input {n} (YAML): {} bytes", text.len());
                // The YAML benchmarks use only the text and the path.
                let base = input.get();
                let (options, api) = (base.options.clone(), base.api.clone());
                Input { text, path: PathBuf::from(format!("synthetic-{n}.yaml")), options, api, files: Vec::new() }
            });
            bench(c, "serde_yaml_value", &yaml, |b, input| {
                b.iter_batched(|| (), |()| serde_yaml::from_str::<Value>(&input.text).unwrap(), BatchSize::PerIteration)
            });
            bench(c, "load_yaml", &yaml, |b, input| {
                b.iter_batched(
                    || input.text.clone(),
                    |text| Sources::from_text(input.path.clone(), text).unwrap(),
                    BatchSize::PerIteration,
                )
            });
        }
    }
}

fn kubernetes_spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/specs/kubernetes/swagger.json")
}

/// Operations in a spec, counted directly from the JSON (for the throughput, before the input is prepared).
fn count_operations(text: &str) -> usize {
    const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];
    let value: Value = serde_json::from_str(text).unwrap_or_default();
    let Some(paths) = value.get("paths").and_then(Value::as_object) else { return 0 };
    paths
        .values()
        .filter_map(Value::as_object)
        .map(|item| METHODS.iter().filter(|m| item.contains_key(**m)).count())
        .sum()
}

fn kubernetes(c: &mut Criterion) {
    let path = kubernetes_spec();
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let operations = count_operations(&text);
            phases(
                c,
                &LazyInput::new("kubernetes", operations, || Input::new("kubernetes", path.clone(), text.clone())),
            );
        }
        Err(e) => println!("skipping the Kubernetes benchmarks: cannot read {}: {e}", path.display()),
    }
}

/// Where criterion keeps its results (set explicitly so the report knows where to read them).
fn criterion_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("criterion")
}

/// Whether criterion measures (`cargo bench`), as opposed to running each benchmark once (`cargo test
/// --benches`, `cargo bench -- --test`), listing them or profiling.
fn measuring() -> bool {
    let args: Vec<String> = std::env::args().collect();
    let has = |flag: &str| args.iter().any(|a| a == flag);
    has("--bench") && !has("--test") && !has("--list") && !args.iter().any(|a| a.starts_with("--profile-time"))
}

/// Whether criterion runs each benchmark once as a test (`cargo test --benches`, often a debug build).
fn test_mode() -> bool {
    let args: Vec<String> = std::env::args().collect();
    !args.iter().any(|a| a == "--bench") || args.iter().any(|a| a == "--test")
}

fn main() {
    let home = criterion_home();
    let mut c = Criterion::default().output_directory(&home).configure_from_args();
    synthetic(&mut c);
    kubernetes(&mut c);
    c.final_summary();
    if measuring() {
        let report = report::render(&home, &RAN.lock().unwrap());
        println!("\n{report}");
        let file = home.join("swagger2rs-report.md");
        match std::fs::write(&file, &report) {
            Ok(()) => println!("(written to {})", file.display()),
            Err(e) => println!("(could not write {}: {e})", file.display()),
        }
    }
}

/// The summary tables, from criterion's `estimates.json` of the benchmarks that ran.
mod report {
    use std::collections::BTreeSet;
    use std::fmt::Write;
    use std::path::Path;

    use super::{PHASES, SIZES, YAML_SIZE};

    /// Mean time in nanoseconds, with its 95% confidence interval.
    #[derive(Clone, Copy)]
    struct Estimate {
        mean: f64,
        low: f64,
        high: f64,
    }

    struct Results<'a> {
        home: &'a Path,
        ran: &'a BTreeSet<(String, String)>,
    }

    impl Results<'_> {
        fn get(&self, group: &str, input: &str) -> Option<Estimate> {
            if !self.ran.contains(&(group.to_owned(), input.to_owned())) {
                return None;
            }
            let path = self.home.join(group).join(input).join("new/estimates.json");
            let value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
            let mean = &value["mean"];
            Some(Estimate {
                mean: mean["point_estimate"].as_f64()?,
                low: mean["confidence_interval"]["lower_bound"].as_f64()?,
                high: mean["confidence_interval"]["upper_bound"].as_f64()?,
            })
        }
    }

    fn time(ns: f64) -> String {
        match ns {
            ns if ns >= 1e9 => format!("{:.2} s", ns / 1e9),
            ns if ns >= 1e6 => format!("{:.2} ms", ns / 1e6),
            ns if ns >= 1e3 => format!("{:.2} µs", ns / 1e3),
            ns => format!("{ns:.0} ns"),
        }
    }

    fn ratio(a: Option<Estimate>, b: Option<Estimate>) -> String {
        match (a, b) {
            (Some(a), Some(b)) => format!("{:.2}×", a.mean / b.mean),
            _ => "n/a".to_owned(),
        }
    }

    pub fn render(home: &Path, ran: &BTreeSet<(String, String)>) -> String {
        let results = Results { home, ran };
        let mut inputs: Vec<(String, Option<usize>)> = SIZES.iter().map(|n| (n.to_string(), Some(*n))).collect();
        inputs.push(("kubernetes".to_owned(), None));
        let mut out = String::new();
        let mut groups: Vec<&str> = vec!["serde_json_value"];
        groups.extend(PHASES);
        writeln!(out, "## swagger2rs benchmark summary (mean of criterion samples, 95% CI in brackets)\n").unwrap();
        writeln!(out, "| phase | input | time | CI | per operation |").unwrap();
        writeln!(out, "|---|---|---:|---|---:|").unwrap();
        for group in &groups {
            for (input, ops) in &inputs {
                let Some(e) = results.get(group, input) else { continue };
                let ops = ops.or_else(|| kubernetes_operations(home, group)).unwrap_or(1);
                writeln!(
                    out,
                    "| {group} | {input} | {} | [{} – {}] | {} |",
                    time(e.mean),
                    time(e.low),
                    time(e.high),
                    time(e.mean / ops as f64)
                )
                .unwrap();
            }
        }
        for group in ["serde_yaml_value", "load_yaml"] {
            if let Some(e) = results.get(group, &YAML_SIZE.to_string()) {
                writeln!(
                    out,
                    "| {group} | {YAML_SIZE} (YAML) | {} | [{} – {}] | {} |",
                    time(e.mean),
                    time(e.low),
                    time(e.high),
                    time(e.mean / YAML_SIZE as f64)
                )
                .unwrap();
            }
        }

        writeln!(out, "\n### Per-operation cost by size (flat scaling means the ratio stays near 1)\n").unwrap();
        write!(out, "| phase |").unwrap();
        for n in SIZES {
            write!(out, " {n} |").unwrap();
        }
        writeln!(out, " 10000 / 100 |").unwrap();
        writeln!(out, "|---|{}---:|", "---:|".repeat(SIZES.len())).unwrap();
        for group in &groups {
            write!(out, "| {group} |").unwrap();
            for n in SIZES {
                match results.get(group, &n.to_string()) {
                    Some(e) => write!(out, " {} |", time(e.mean / n as f64)).unwrap(),
                    None => write!(out, " n/a |").unwrap(),
                }
            }
            let per_op = |n: usize| {
                results.get(group, &n.to_string()).map(|e| Estimate {
                    mean: e.mean / n as f64,
                    low: e.low / n as f64,
                    high: e.high / n as f64,
                })
            };
            writeln!(out, " {} |", ratio(per_op(10_000), per_op(100))).unwrap();
        }

        writeln!(out, "\n### Ratios\n").unwrap();
        writeln!(out, "| ratio | value |").unwrap();
        writeln!(out, "|---|---:|").unwrap();
        let k8s = |group: &str| results.get(group, "kubernetes");
        writeln!(
            out,
            "| Kubernetes end_to_end / serde_json_value (target ≤ 3×) | {} |",
            ratio(k8s("end_to_end"), k8s("serde_json_value"))
        )
        .unwrap();
        if let Some(e) = k8s("end_to_end") {
            writeln!(out, "| Kubernetes end_to_end absolute (target < 1 s) | {} |", time(e.mean)).unwrap();
        }
        for phase in PHASES {
            writeln!(out, "| Kubernetes {phase} / serde_json_value | {} |", ratio(k8s(phase), k8s("serde_json_value")))
                .unwrap();
        }
        for n in SIZES {
            let s = n.to_string();
            writeln!(
                out,
                "| {n} ops: end_to_end / serde_json_value | {} |",
                ratio(results.get("end_to_end", &s), results.get("serde_json_value", &s))
            )
            .unwrap();
        }
        let y = YAML_SIZE.to_string();
        writeln!(
            out,
            "| {YAML_SIZE} ops: serde_yaml_value / serde_json_value | {} |",
            ratio(results.get("serde_yaml_value", &y), results.get("serde_json_value", &y))
        )
        .unwrap();
        writeln!(
            out,
            "| {YAML_SIZE} ops: load_yaml / serde_yaml_value | {} |",
            ratio(results.get("load_yaml", &y), results.get("serde_yaml_value", &y))
        )
        .unwrap();
        out
    }

    /// The Kubernetes operation count, from the throughput criterion recorded for the benchmark.
    fn kubernetes_operations(home: &Path, group: &str) -> Option<usize> {
        let path = home.join(group).join("kubernetes/new/benchmark.json");
        let value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
        value["throughput"]["Elements"].as_u64().map(|n| n as usize)
    }
}
