//! `cargo xtask codegen [--check]`: regenerates every crate under `generated/` from its spec.
//! For a crate whose spec, overlays or configuration differ from `HEAD`, `codegen` also prints the API change
//! since `HEAD` in one line (`jira: 0 breaking, 2 additive, 0 patch (since HEAD)`), from `swagger2rs::diff`.
//! `cargo xtask specs`: generates and lints clients for the third-party specs in `../shared/specs`.
//! `cargo xtask corpus [--compile N]`: sweeps the real specs under `../shared` (accepted, refused, repaired,
//! silent drops, panics), and compiles a sample of their clients.
//! `cargo xtask oracle [--seeds A..B]`: the compile oracle (random valid specs, their clients compiled) on more
//! seeds than the test suite runs.
//! `cargo xtask synthetic-spec N OUT [--no-chain]`: writes the benchmarks' synthetic spec with `N` operations.
//!
//! The generated crates are checked in so that users (and reviewers) see exactly what the generator emits;
//! `--check` regenerates in memory and fails naming every stale file, and the `generated_crates_are_fresh`
//! test runs the same check so that `cargo test` catches a forgotten regeneration.

mod api_change;
mod codegen;
mod corpus;
mod oracle;
mod specs;
mod synthetic;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["codegen"] => report(codegen::run(codegen::Mode::Write)),
        ["codegen", "--check"] => report(codegen::run(codegen::Mode::Check)),
        ["specs"] => report(specs::run()),
        ["corpus", rest @ ..] => report(corpus::run(rest)),
        ["oracle", rest @ ..] => report(oracle::run(rest)),
        ["synthetic-spec", n, out] => report(synthetic::run(n, out, true)),
        ["synthetic-spec", n, out, "--no-chain"] => report(synthetic::run(n, out, false)),
        _ => {
            eprintln!(
                "usage: cargo xtask codegen [--check] | cargo xtask specs | cargo xtask corpus [--compile N] | cargo xtask oracle [--seeds A..B] | cargo xtask synthetic-spec N OUT [--no-chain]"
            );
            ExitCode::from(2)
        }
    }
}

fn report(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}
