//! `swagger2rs`: the command-line front end.
//!
//! ```text
//! swagger2rs generate <SPEC> -o <DIR> [--name <CRATE>] [--overlay <FILE>]... [--config <FILE>]
//! swagger2rs check <SPEC> [--overlay <FILE>]... [--config <FILE>]
//! swagger2rs overlay <SPEC> <OVERLAY>...
//! ```
//! Exit status: 0 on success (warnings allowed), 1 when the spec, an overlay or the configuration has errors,
//! 2 on usage errors.

mod args;

use std::process::ExitCode;

use args::Command;
use swagger2rs::pipeline::{self, Inputs};
use swagger2rs_parser::Diagnostics;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args::parse(&args) {
        Ok(Command::Generate { inputs, out, name }) => generate(&inputs, &out, name),
        Ok(Command::Check { inputs }) => check(&inputs),
        Ok(Command::Overlay { inputs }) => overlay(&inputs),
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

fn check(inputs: &Inputs) -> ExitCode {
    let prepared = pipeline::prepare(inputs, &args::crate_name_for(&inputs.spec));
    print_diagnostics(&prepared.diagnostics);
    if prepared.api_without_errors().is_some() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn generate(inputs: &Inputs, out: &std::path::Path, name: Option<String>) -> ExitCode {
    let mut prepared = pipeline::prepare(inputs, &args::crate_name_for(&inputs.spec));
    print_diagnostics(&prepared.diagnostics);
    if let Some(name) = name {
        prepared.options.crate_name = name;
    }
    let Some(api) = prepared.api_without_errors() else {
        eprintln!("error: not generating: there are errors");
        return ExitCode::FAILURE;
    };
    // Each file is written as soon as it is generated, so the whole crate is never in memory at once.
    let mut writer = swagger2rs_emitter::output::CrateWriter::new(out);
    let written = swagger2rs_emitter::generate_each(api, &prepared.options, |file| {
        writer.write(&file).map_err(|e| GenerateError::Write(out.join(&file.path), e))
    });
    let finished = written.and_then(|()| writer.finish().map_err(|e| GenerateError::Write(out.to_path_buf(), e)));
    if let Err(e) = finished {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!(
        "generated crate `{}` in {}: {} operations, {} types",
        prepared.options.crate_name,
        out.display(),
        api.operations.len(),
        api.types.len()
    );
    ExitCode::SUCCESS
}

/// Why a crate could not be generated once the spec was accepted.
enum GenerateError {
    Emit(swagger2rs_emitter::EmitError),
    Write(std::path::PathBuf, std::io::Error),
}

impl From<swagger2rs_emitter::EmitError> for GenerateError {
    fn from(e: swagger2rs_emitter::EmitError) -> Self {
        Self::Emit(e)
    }
}

impl std::fmt::Display for GenerateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Emit(e) => write!(f, "{e}"),
            Self::Write(path, e) => write!(f, "writing {}: {e}", path.display()),
        }
    }
}

/// Prints the spec with the overlays applied, for review: YAML for a YAML spec, JSON otherwise.
fn overlay(inputs: &Inputs) -> ExitCode {
    let mut diagnostics = Diagnostics::default();
    let sources = pipeline::patched_sources(inputs, &mut diagnostics);
    print_diagnostics(&diagnostics);
    let Some(sources) = sources else { return ExitCode::FAILURE };
    let document = &sources.root().value;
    let printed = match sources.root().format {
        swagger2rs_parser::source::Format::Yaml => serde_yaml::to_string(document).map_err(|e| e.to_string()),
        swagger2rs_parser::source::Format::Json => serde_json::to_string_pretty(document).map_err(|e| e.to_string()),
    };
    match printed {
        Ok(text) => println!("{}", text.trim_end()),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    if diagnostics.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

fn print_diagnostics(diagnostics: &Diagnostics) {
    for d in diagnostics {
        eprintln!("{d}\n");
    }
    let errors = diagnostics.errors().count();
    let warnings = diagnostics.warnings().count();
    if errors + warnings > 0 {
        eprintln!("{errors} error(s), {warnings} warning(s)");
    }
}
