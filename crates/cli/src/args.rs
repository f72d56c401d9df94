//! Command-line parsing (two subcommands do not need an argument-parsing framework).

use std::path::{Path, PathBuf};

pub const USAGE: &str = "usage:
  swagger2rs generate <SPEC> -o <DIR> [--name <CRATE>]   write a client crate for SPEC into DIR
  swagger2rs check <SPEC>                                print the spec's diagnostics";

#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Generate { spec: PathBuf, out: PathBuf, name: Option<String> },
    Check { spec: PathBuf },
    Help,
}

pub fn parse(args: &[String]) -> Result<Command, String> {
    let mut iter = args.iter().map(String::as_str);
    match iter.next() {
        Some("generate") => {
            let (mut spec, mut out, mut name) = (None, None, None);
            while let Some(arg) = iter.next() {
                match arg {
                    "-o" | "--out" => out = Some(PathBuf::from(value(arg, iter.next())?)),
                    "--name" => name = Some(value(arg, iter.next())?.to_owned()),
                    flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
                    path if spec.is_none() => spec = Some(PathBuf::from(path)),
                    extra => return Err(format!("unexpected argument `{extra}`")),
                }
            }
            let spec = spec.ok_or("missing <SPEC>")?;
            let out = out.ok_or("missing -o <DIR>")?;
            Ok(Command::Generate { spec, out, name })
        }
        Some("check") => match (iter.next(), iter.next()) {
            (Some(spec), None) if !spec.starts_with('-') => Ok(Command::Check { spec: PathBuf::from(spec) }),
            _ => Err("`check` takes exactly one <SPEC>".to_owned()),
        },
        Some("-h" | "--help" | "help") => Ok(Command::Help),
        Some(other) => Err(format!("unknown command `{other}`")),
        None => Err("missing command".to_owned()),
    }
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

    #[test]
    fn parses_generate_and_check() {
        assert_eq!(
            parse(&args(&["generate", "a.yaml", "-o", "out", "--name", "x"])),
            Ok(Command::Generate { spec: "a.yaml".into(), out: "out".into(), name: Some("x".into()) })
        );
        assert_eq!(parse(&args(&["check", "a.yaml"])), Ok(Command::Check { spec: "a.yaml".into() }));
        assert!(parse(&args(&["generate", "a.yaml"])).is_err());
        assert!(parse(&args(&["check"])).is_err());
        assert!(parse(&args(&["frobnicate"])).is_err());
        assert!(parse(&args(&["generate", "a.yaml", "-o"])).is_err());
    }

    #[test]
    fn crate_names_are_valid() {
        assert_eq!(crate_name_for(Path::new("dir/petstore-expanded.yaml")), "petstore_expanded");
        assert_eq!(crate_name_for(Path::new("2.json")), "api_2");
    }
}
