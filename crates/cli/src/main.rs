//! `swagger2rs`: the command-line front end.
//!
//! ```text
//! swagger2rs generate <SPEC> -o <DIR> [--name <CRATE>]   write a client crate for SPEC into DIR
//! swagger2rs check <SPEC>                                print the spec's diagnostics
//! ```
//! Exit status: 0 on success (warnings allowed), 1 when the spec has errors, 2 on usage errors.

mod args;

use std::path::Path;
use std::process::ExitCode;

use args::Command;
use swagger2rs_emitter::Options;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args::parse(&args) {
        Ok(Command::Generate { spec, out, name }) => generate(&spec, &out, name),
        Ok(Command::Check { spec }) => check(&spec),
        Ok(Command::Help) => {
            println!("{}", args::USAGE);
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{}", args::USAGE);
            ExitCode::from(2)
        }
    }
}

fn check(spec: &Path) -> ExitCode {
    let loaded = swagger2rs_parser::load(spec);
    print_diagnostics(&loaded.diagnostics);
    if loaded.diagnostics.has_errors() || loaded.api.is_none() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

fn generate(spec: &Path, out: &Path, name: Option<String>) -> ExitCode {
    let loaded = swagger2rs_parser::load(spec);
    print_diagnostics(&loaded.diagnostics);
    let api = match loaded.api {
        Some(api) if !loaded.diagnostics.has_errors() => api,
        _ => {
            eprintln!("error: not generating: the spec has errors");
            return ExitCode::FAILURE;
        }
    };
    let options = Options {
        crate_name: name.unwrap_or_else(|| args::crate_name_for(spec)),
        crate_version: "0.1.0".to_owned(),
        spec_name: spec.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
    };
    let files = match swagger2rs_emitter::generate(&api, &options) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = swagger2rs_emitter::output::write_crate(out, &files) {
        eprintln!("error: writing {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    eprintln!(
        "generated crate `{}` in {}: {} operations, {} types",
        options.crate_name,
        out.display(),
        api.operations.len(),
        api.types.len()
    );
    ExitCode::SUCCESS
}

fn print_diagnostics(diagnostics: &swagger2rs_parser::Diagnostics) {
    for d in diagnostics {
        eprintln!("{d}\n");
    }
    let errors = diagnostics.errors().count();
    let warnings = diagnostics.warnings().count();
    if errors + warnings > 0 {
        eprintln!("{errors} error(s), {warnings} warning(s)");
    }
}
