//! Command-line parsing (three subcommands do not need an argument-parsing framework).

use std::path::{Path, PathBuf};

use swagger2rs::pipeline::Inputs;

pub const USAGE: &str = "usage:
  swagger2rs generate <SPEC> -o <DIR> [--name <CRATE>] [--overlay <FILE>]... [--config <FILE>]
      write a client crate for SPEC into DIR
  swagger2rs check <SPEC> [--overlay <FILE>]... [--config <FILE>]
      print the diagnostics of SPEC, its overlays and the configuration
  swagger2rs overlay <SPEC> <OVERLAY>...
      print SPEC with the overlays applied, for review";

#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Generate { inputs: Inputs, out: PathBuf, name: Option<String> },
    Check { inputs: Inputs },
    Overlay { inputs: Inputs },
    Help,
}

pub fn parse(args: &[String]) -> Result<Command, String> {
    let mut iter = args.iter().map(String::as_str);
    let command = iter.next();
    let rest: Vec<&str> = iter.collect();
    match command {
        Some("generate") => {
            let (inputs, out, name) = parse_options(&rest, true)?;
            Ok(Command::Generate { inputs, out: out.ok_or("missing -o <DIR>")?, name })
        }
        Some("check") => Ok(Command::Check { inputs: parse_options(&rest, false)?.0 }),
        Some("overlay") => {
            let (spec, overlays) = rest.split_first().ok_or("missing <SPEC>")?;
            if overlays.is_empty() {
                return Err("`overlay` needs at least one <OVERLAY>".to_owned());
            }
            if let Some(flag) = rest.iter().find(|a| a.starts_with('-')) {
                return Err(format!("unknown option `{flag}`"));
            }
            let overlays = overlays.iter().map(PathBuf::from).collect();
            Ok(Command::Overlay { inputs: Inputs { spec: PathBuf::from(spec), overlays, config: None } })
        }
        Some("-h" | "--help" | "help") => Ok(Command::Help),
        Some(other) => Err(format!("unknown command `{other}`")),
        None => Err("missing command".to_owned()),
    }
}

/// `<SPEC> [--overlay F]... [--config F]`, plus `-o DIR` and `--name N` for `generate`.
fn parse_options(args: &[&str], generate: bool) -> Result<(Inputs, Option<PathBuf>, Option<String>), String> {
    let (mut spec, mut out, mut name) = (None, None, None);
    let mut inputs = Inputs::default();
    let mut iter = args.iter().copied();
    while let Some(arg) = iter.next() {
        match arg {
            "-o" | "--out" if generate => out = Some(PathBuf::from(value(arg, iter.next())?)),
            "--name" if generate => name = Some(value(arg, iter.next())?.to_owned()),
            "--overlay" => inputs.overlays.push(PathBuf::from(value(arg, iter.next())?)),
            "--config" => inputs.config = Some(PathBuf::from(value(arg, iter.next())?)),
            flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
            path if spec.is_none() => spec = Some(PathBuf::from(path)),
            extra => return Err(format!("unexpected argument `{extra}`")),
        }
    }
    inputs.spec = spec.ok_or("missing <SPEC>")?;
    Ok((inputs, out, name))
}

fn value<'a>(flag: &str, next: Option<&'a str>) -> Result<&'a str, String> {
    next.ok_or_else(|| format!("`{flag}` needs a value"))
}

/// A crate name from the spec's file name: `petstore-expanded.yaml` → `petstore_expanded`.
pub fn crate_name_for(spec: &Path) -> String {
    let stem = spec.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let name: String =
        stem.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    match name.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => name,
        _ => format!("api_{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    fn inputs(spec: &str, overlays: &[&str], config: Option<&str>) -> Inputs {
        Inputs {
            spec: spec.into(),
            overlays: overlays.iter().map(PathBuf::from).collect(),
            config: config.map(PathBuf::from),
        }
    }

    #[test]
    fn parses_every_command() {
        assert_eq!(
            parse(&args(&[
                "generate",
                "a.yaml",
                "-o",
                "out",
                "--name",
                "x",
                "--overlay",
                "1.yaml",
                "--overlay",
                "2.yaml"
            ])),
            Ok(Command::Generate {
                inputs: inputs("a.yaml", &["1.yaml", "2.yaml"], None),
                out: "out".into(),
                name: Some("x".into())
            })
        );
        assert_eq!(
            parse(&args(&["check", "a.yaml", "--config", "c.toml"])),
            Ok(Command::Check { inputs: inputs("a.yaml", &[], Some("c.toml")) })
        );
        assert_eq!(
            parse(&args(&["overlay", "a.yaml", "o.yaml"])),
            Ok(Command::Overlay { inputs: inputs("a.yaml", &["o.yaml"], None) })
        );
    }

    #[test]
    fn rejects_bad_usage() {
        for bad in [
            &["generate", "a.yaml"][..],
            &["check"],
            &["check", "a.yaml", "-o", "x"],
            &["frobnicate"],
            &["generate", "a.yaml", "-o"],
            &["overlay", "a.yaml"],
            &["overlay", "a.yaml", "--config", "c"],
        ] {
            assert!(parse(&args(bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn crate_names_are_valid() {
        assert_eq!(crate_name_for(Path::new("dir/petstore-expanded.yaml")), "petstore_expanded");
        assert_eq!(crate_name_for(Path::new("2.json")), "api_2");
    }
}
