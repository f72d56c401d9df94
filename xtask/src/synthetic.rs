//! `cargo xtask synthetic-spec N OUT`: writes the benchmarks' synthetic spec of `N` operations (the same
//! document `crates/emitter/benches/pipeline.rs` measures), so the compile cost of its crate can be measured
//! at several sizes (`scripts/compile-times.sh`).

#[path = "../../crates/emitter/benches/synthetic/mod.rs"]
mod spec;

pub fn run(operations: &str, out: &str) -> Result<(), String> {
    let n: usize = operations.parse().map_err(|_| format!("`{operations}` is not a number of operations"))?;
    let text = serde_json::to_string_pretty(&spec::spec(n)).map_err(|e| e.to_string())?;
    std::fs::write(out, text).map_err(|e| format!("writing {out}: {e}"))
}
