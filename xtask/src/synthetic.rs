//! `cargo xtask synthetic-spec N OUT`: writes the benchmarks' synthetic spec of `N` operations (the same
//! document `crates/emitter/benches/pipeline.rs` measures), so the compile cost of its crate can be measured
//! at several sizes (`scripts/compile-times.sh`).

#[path = "../../crates/emitter/benches/synthetic/mod.rs"]
mod spec;

/// `chain: false` drops each `Item{r}`'s `previous` reference to `Item{r-1}`: that chain of models holding
/// each other grows with the spec, and rustc's cost along it is quadratic in its depth, which hides whether the
/// crate's compile cost is linear in its number of operations.
pub fn run(operations: &str, out: &str, chain: bool) -> Result<(), String> {
    let n: usize = operations.parse().map_err(|_| format!("`{operations}` is not a number of operations"))?;
    let mut document = spec::spec(n);
    if !chain {
        if let Some(serde_json::Value::Object(definitions)) = document.get_mut("definitions") {
            for (name, definition) in definitions.iter_mut() {
                if name.starts_with("Item") {
                    if let Some(serde_json::Value::Object(properties)) = definition.get_mut("properties") {
                        properties.remove("previous");
                    }
                }
            }
        }
    }
    let text = serde_json::to_string_pretty(&document).map_err(|e| e.to_string())?;
    std::fs::write(out, text).map_err(|e| format!("writing {out}: {e}"))
}
