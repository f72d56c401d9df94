//! `swagger2rs diff --bump`: writes the verdict's next version into the configuration's `[crate] version`.
//!
//! The file is edited as text, one line, so comments and layout survive (the `toml` crate would rewrite the
//! whole document). The result is parsed back as a configuration and must carry the new version, so a layout
//! this edit does not understand (`crate = { … }`, dotted `crate.version` keys) is refused, not damaged.

use std::path::Path;

use crate::config::Config;

/// `text` with `[crate] version` set to `version`: the existing line replaced, or one added under `[crate]`,
/// or a `[crate]` table appended.
pub fn set_version(path: &Path, text: &str, version: &str) -> Result<String, String> {
    let line = format!("version = \"{version}\"");
    let lines: Vec<&str> = text.lines().collect();
    let header = lines.iter().position(|l| l.trim() == "[crate]");
    let mut out: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    match header {
        Some(h) => {
            let end =
                lines[h + 1..].iter().position(|l| l.trim_start().starts_with('[')).map_or(lines.len(), |e| h + 1 + e);
            let existing = (h + 1..end).find(|&i| {
                let trimmed = lines[i].trim_start();
                trimmed.strip_prefix("version").is_some_and(|rest| rest.trim_start().starts_with('='))
            });
            match existing {
                Some(i) => {
                    let indent = &lines[i][..lines[i].len() - lines[i].trim_start().len()];
                    out[i] = format!("{indent}{line}");
                }
                None => out.insert(h + 1, line),
            }
        }
        None => {
            if out.last().is_some_and(|l| !l.trim().is_empty()) {
                out.push(String::new());
            }
            out.push("[crate]".to_owned());
            out.push(line);
        }
    }
    let mut edited = out.join("\n");
    edited.push('\n');
    let reparsed = Config::parse(path, &edited)
        .map_err(|d| format!("{}: the edit would not parse: {}", path.display(), d.message))?;
    if reparsed.crate_.version.as_deref() != Some(version) {
        return Err(format!(
            "{}: cannot find where to set the version in this layout; set `[crate] version = \"{version}\"` by hand",
            path.display()
        ));
    }
    Ok(edited)
}

#[cfg(test)]
mod tests {
    use super::set_version;

    fn set(text: &str) -> Result<String, String> {
        set_version(std::path::Path::new("swagger2rs.toml"), text, "0.2.0")
    }

    #[test]
    fn replaces_the_version_and_keeps_everything_else() {
        let text = "# Jira\n[crate]\nname = \"jira\"\n  version = \"0.1.0\"  \n\n[rename.operations]\ngetA = \"a\"\n";
        assert_eq!(
            set(text).unwrap(),
            "# Jira\n[crate]\nname = \"jira\"\n  version = \"0.2.0\"\n\n[rename.operations]\ngetA = \"a\"\n"
        );
    }

    #[test]
    fn adds_the_version_or_the_table() {
        assert_eq!(set("[crate]\nname = \"x\"\n").unwrap(), "[crate]\nversion = \"0.2.0\"\nname = \"x\"\n");
        assert_eq!(
            set("[rename.types]\nA = \"B\"\n").unwrap(),
            "[rename.types]\nA = \"B\"\n\n[crate]\nversion = \"0.2.0\"\n"
        );
        assert_eq!(set("").unwrap(), "[crate]\nversion = \"0.2.0\"\n");
    }

    #[test]
    fn refuses_layouts_it_cannot_edit() {
        assert!(set("crate = { name = \"x\", version = \"0.1.0\" }\n").is_err());
        assert!(set("[rename.types]\nversion = 3\n").is_err(), "version outside [crate] is left alone");
    }
}
