//! `swagger2rs`: the command-line front end (`swagger2rs --help` for the commands).
//!
//! Exit status: 0 on success (warnings allowed); 1 when the spec, an overlay or the configuration has errors,
//! or the crate could not be written; 2 on usage errors. `diff` has its own: 0 without breaking changes, 1 with
//! them, 2 when a side cannot be read or has errors (and on usage errors).

mod args;
mod crate_name;
mod render;
mod workspace;

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use args::{Cli, Command, DiffArgs, DiffFormat, GenerateArgs, MessageFormat};
use clap::{CommandFactory, FromArgMatches};
use render::Reporter;
use swagger2rs::diff::source::{self, Resolved};
use swagger2rs::pipeline::{self, Inputs};
use swagger2rs_emitter::output::{CrateWriter, Ownership};
use swagger2rs_parser::Diagnostics;

/// Exit status for usage errors, as clap uses for its own.
const USAGE: u8 = 2;

fn main() -> ExitCode {
    let matches = Cli::command().color(args::clap_color(std::env::args_os())).get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let color = cli.color.enabled(std::io::stderr().is_terminal(), std::env::var_os("NO_COLOR").as_deref());
    match cli.command {
        Command::Generate(args) => generate(&args, Reporter::new(args.message_format, color)),
        Command::Check(args) => check(&args.input.inputs(), Reporter::new(args.message_format, color)),
        Command::Overlay(args) => overlay(
            &Inputs { spec: args.spec, overlays: args.overlays, ..Inputs::default() },
            Reporter::new(MessageFormat::Human, color),
        ),
        Command::Diff(args) => diff(&args, Reporter::new(MessageFormat::Human, color)),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "swagger2rs", &mut script);
            print_to_stdout(&script);
            ExitCode::SUCCESS
        }
    }
}

fn check(inputs: &Inputs, mut reporter: Reporter) -> ExitCode {
    let prepared = pipeline::prepare(inputs, &args::crate_name_for(&inputs.spec));
    reporter.report(&prepared.diagnostics);
    let api = prepared.api_without_errors();
    let spec = render::escape(&inputs.spec.display().to_string());
    eprintln!("{}", render::summary(&format!("checked {spec}"), api, &prepared.diagnostics));
    if api.is_some() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn generate(args: &GenerateArgs, mut reporter: Reporter) -> ExitCode {
    let inputs = args.input.inputs();
    let out = args.out.as_path();
    let shown_out = render::escape(&out.display().to_string());
    let mut prepared = pipeline::prepare(&inputs, &args::crate_name_for(&inputs.spec));
    reporter.report(&prepared.diagnostics);
    if let Some(name) = &args.name {
        // `--name` was checked while parsing.
        prepared.options.crate_name = name.clone();
    } else if let Err(why) = crate_name::validate(&prepared.options.crate_name) {
        // A name from the configuration is checked here; the one derived from the spec's file name always fits.
        eprintln!("error: {why} (from the configuration's `[crate] name`; or pass --name)");
        return ExitCode::FAILURE;
    }
    let Some(api) = prepared.api_without_errors() else {
        eprintln!("error: not generating {shown_out}: {}", render::counts(&prepared.diagnostics));
        return ExitCode::FAILURE;
    };
    match swagger2rs_emitter::output::ownership(out) {
        Ok(Ownership::Free | Ownership::Generated) => {}
        Ok(Ownership::Foreign(_)) if args.force => {}
        Ok(Ownership::Foreign(why)) => {
            eprintln!(
                "error: refusing to write into {shown_out}: {why}, so it is not a crate swagger2rs generated\n  \
                 = help: choose a new or empty directory, or pass --force to write the generated files there \
                 anyway (files with the same names are replaced; nothing else is removed)"
            );
            return ExitCode::from(USAGE);
        }
        Err(e) => {
            eprintln!("error: reading {shown_out}: {e}");
            return ExitCode::FAILURE;
        }
    }
    let standalone = workspace::foreign_workspace(out);
    if let Some(root) = &standalone {
        eprintln!(
            "note: {shown_out} is inside the cargo workspace at {}, which does not list it as a member; the \
             generated Cargo.toml gets an empty [workspace] table so it builds on its own",
            render::escape(&root.display().to_string())
        );
    }
    // Each file is written as soon as it is generated, so the whole crate is never in memory at once.
    let mut writer = CrateWriter::new(out);
    let written = swagger2rs_emitter::generate_each(api, &prepared.options, |mut file| {
        if standalone.is_some() && file.path == Path::new("Cargo.toml") {
            file.contents.push_str(workspace::STANDALONE_TABLE);
        }
        writer.write(&file).map_err(|e| GenerateError::Write(out.join(&file.path), e))
    });
    let finished = written.and_then(|()| writer.finish().map_err(|e| GenerateError::Write(out.to_path_buf(), e)));
    if let Err(e) = finished {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    let done = format!("generated crate `{}` in {shown_out}", prepared.options.crate_name);
    eprintln!("{}", render::summary(&done, Some(api), &prepared.diagnostics));
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

/// Compares two versions of a spec: exit 0 without breaking changes, 1 with, 2 when a side cannot be read.
fn diff(args: &DiffArgs, mut reporter: Reporter) -> ExitCode {
    let mut apis = Vec::new();
    let sides = [
        ("old", &args.old, &args.old_overlay, &args.old_config),
        ("new", &args.new, &args.new_overlay, &args.new_config),
    ];
    for (side, spec, own_overlays, own_config) in sides {
        let overlays = if own_overlays.is_empty() { &args.overlay } else { own_overlays };
        let config = own_config.as_ref().or(args.config.as_ref());
        // Kept until the side is read: copies taken from git are deleted when these drop.
        let resolved = match resolve_side(side, spec, overlays, config) {
            Ok(resolved) => resolved,
            Err(why) => {
                eprintln!("error: {}", render::escape(&why));
                return ExitCode::from(USAGE);
            }
        };
        let (spec, overlays, config) = &resolved;
        let inputs = swagger2rs::diff::side_inputs(
            spec.spec.clone(),
            overlays.iter().map(|o| o.spec.clone()).collect(),
            config.as_ref().map(|c| c.spec.clone()),
        );
        let prepared = pipeline::prepare(&inputs, &args::crate_name_for(&spec.spec));
        if prepared.api_without_errors().is_none() {
            // Warnings are `check`'s business; a diff shows only what stops it.
            let mut errors = Diagnostics::default();
            errors.extend(prepared.diagnostics.errors().cloned());
            reporter.report(&errors);
            eprintln!(
                "error: cannot compare: {} has {}",
                render::escape(&spec.label),
                render::count(errors.len(), "error")
            );
            return ExitCode::from(USAGE);
        }
        apis.push(prepared);
    }
    let (Some(old), Some(new)) = (apis[0].api_without_errors(), apis[1].api_without_errors()) else {
        return ExitCode::from(USAGE);
    };
    let options = &apis[0].options;
    let diff = swagger2rs::diff::diff(old, new, &options.crate_name, &options.crate_version);
    let text = match args.format {
        DiffFormat::Text => swagger2rs::diff::report::human(&diff),
        DiffFormat::Markdown => swagger2rs::diff::report::markdown(&diff),
        DiffFormat::Json => format!("{}\n", swagger2rs::diff::report::json(&diff)),
    };
    print_to_stdout(text.as_bytes());
    if args.bump {
        if let Err(why) = bump(args, &diff.verdict) {
            eprintln!("error: {}", render::escape(&why));
            return ExitCode::from(USAGE);
        }
    }
    if diff.is_breaking() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// `--bump`: the next version into the new side's configuration file.
fn bump(args: &DiffArgs, verdict: &swagger2rs::diff::Verdict) -> Result<(), String> {
    let Some(path) = args.new_config.as_ref().or(args.config.as_ref()) else {
        return Err("--bump needs the configuration to write the version into: pass --config or --new-config".into());
    };
    if source::git_revision(path).is_some() {
        return Err(format!("--bump writes to a file in the working tree, not to `{path}`"));
    }
    let Some(next) = &verdict.next_version else {
        eprintln!("note: not bumping: {}", verdict.explanation);
        return Ok(());
    };
    let path = Path::new(path);
    let text = std::fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    let edited = swagger2rs::diff::bump::set_version(path, &text, next)?;
    std::fs::write(path, edited).map_err(|e| format!("writing {}: {e}", path.display()))?;
    eprintln!("wrote version {next} to {} ({} bump)", path.display(), verdict.bump);
    Ok(())
}

/// A side's spec, overlays and configuration, each a file or a `REV:PATH` copied out of git.
type ResolvedSide = (Resolved, Vec<Resolved>, Option<Resolved>);

fn resolve_side(side: &str, spec: &str, overlays: &[String], config: Option<&String>) -> Result<ResolvedSide, String> {
    let spec = source::resolve(spec, side)?;
    let overlays = overlays
        .iter()
        .enumerate()
        .map(|(i, o)| source::resolve(o, &format!("{side}-overlay-{i}")))
        .collect::<Result<Vec<_>, _>>()?;
    let config = config.map(|c| source::resolve(c, &format!("{side}-config"))).transpose()?;
    Ok((spec, overlays, config))
}

/// Prints the spec with the overlays applied, for review: YAML for a YAML spec, JSON otherwise.
fn overlay(inputs: &Inputs, mut reporter: Reporter) -> ExitCode {
    let mut diagnostics = Diagnostics::default();
    let sources = pipeline::patched_sources(inputs, &mut diagnostics);
    reporter.report(&diagnostics);
    eprintln!("{}", render::counts(&diagnostics));
    let Some(sources) = sources else { return ExitCode::FAILURE };
    let document = &sources.root().value;
    let printed = match sources.root().format {
        swagger2rs_parser::source::Format::Yaml => serde_yaml::to_string(document).map_err(|e| e.to_string()),
        swagger2rs_parser::source::Format::Json => serde_json::to_string_pretty(document).map_err(|e| e.to_string()),
    };
    match printed {
        Ok(text) => print_to_stdout(format!("{}\n", text.trim_end()).as_bytes()),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    if diagnostics.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// Writes `bytes` to stdout; a reader that went away (`| head`) is not worth a panic, so a failed write is
/// dropped.
fn print_to_stdout(bytes: &[u8]) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(bytes).and_then(|()| stdout.flush());
}
