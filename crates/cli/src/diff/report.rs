//! Printing a [`Diff`]: plain text for a terminal, Markdown for a pull-request comment, JSON for tools.
//!
//! Item names and messages quote text from the specs (paths, enum values, URLs); the terminal report escapes
//! control characters in it as `render::escape` does for diagnostics, and Markdown code spans use a fence
//! longer than any backtick run inside, so a spec cannot break out of its formatting.

use super::{Diff, Level, MethodChange};

/// Replaces control characters (and bidi overrides) with `\u{…}` so spec text cannot drive a terminal.
fn inert(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if (c.is_control() && c != '\n') || bidi {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// The terminal report: one line per change, grouped by level, then the verdict.
pub fn human(diff: &Diff) -> String {
    let mut out = String::new();
    if diff.changes.is_empty() {
        out.push_str("no change to the generated API\n");
    }
    for level in Level::ALL {
        let changes: Vec<_> = diff.changes.iter().filter(|c| c.level == level).collect();
        if changes.is_empty() {
            continue;
        }
        out.push_str(&format!("{} ({}):\n", level.title(), changes.len()));
        for c in changes {
            out.push_str(&inert(&format!("  {}: {} [{}]\n", c.item, c.message, c.kind.as_str())));
        }
        out.push('\n');
    }
    out.push_str(&format!("{}\n", verdict_line(diff)));
    out
}

fn verdict_line(diff: &Diff) -> String {
    let v = &diff.verdict;
    let counts = format!(
        "{} breaking, {} additive, {} patch",
        diff.count(Level::Breaking),
        diff.count(Level::Additive),
        diff.count(Level::Patch)
    );
    match &v.next_version {
        Some(next) => format!(
            "verdict: {} bump for `{}`: {} → {} ({counts}); {}",
            v.bump, diff.crate_name, v.current_version, next, v.explanation
        ),
        None => format!(
            "verdict: {} bump for `{}` {} ({counts}); {}",
            v.bump, diff.crate_name, v.current_version, v.explanation
        ),
    }
}

/// `text` as an inline code span that no backtick inside can close early.
fn code(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{}{pad}{fence}", text.replace('\n', " "))
}

/// A fenced Rust block whose fence is longer than any backtick run inside.
fn rust_block(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat((longest + 1).max(3));
    format!("{fence}rust\n{text}\n{fence}\n")
}

/// The pull-request comment: changes grouped by level, each group followed by the before/after signatures of
/// the methods whose most severe change is in it, then the verdict.
pub fn markdown(diff: &Diff) -> String {
    let mut out = format!("## API changes in `{}`\n\n", diff.crate_name.replace('`', "'"));
    if diff.changes.is_empty() {
        out.push_str("No change to the generated API.\n\n");
    }
    for level in Level::ALL {
        let changes: Vec<_> = diff.changes.iter().filter(|c| c.level == level).collect();
        if changes.is_empty() {
            continue;
        }
        out.push_str(&format!("### {} ({})\n\n", level.title(), changes.len()));
        for c in &changes {
            // Messages wrap spec text in backticks already; escaping other Markdown is the renderer's business.
            out.push_str(&format!("- {}: {} ({})\n", code(&c.item), c.message.replace('\n', " "), c.kind.as_str()));
        }
        out.push('\n');
        for method in diff.methods.iter().filter(|m| m.level == level && m.before != m.after) {
            out.push_str(&method_section(method));
        }
    }
    let v = &diff.verdict;
    let next = v.next_version.as_ref().map(|n| format!(": {} → {}", v.current_version, n)).unwrap_or_default();
    out.push_str(&format!(
        "**Verdict: {} bump**{next} — {} breaking, {} additive, {} patch. {}.\n",
        v.bump,
        diff.count(Level::Breaking),
        diff.count(Level::Additive),
        diff.count(Level::Patch),
        capitalized(&v.explanation)
    ));
    out
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn method_section(method: &MethodChange) -> String {
    // Markdown is not rendered inside `<summary>`, so the name is HTML there.
    let name = method.item.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let mut out = format!("<details><summary><code>{name}</code></summary>\n\n");
    match &method.before {
        Some(before) => out.push_str(&format!("Before:\n\n{}\n", rust_block(before))),
        None => out.push_str("Before: (none)\n\n"),
    }
    match &method.after {
        Some(after) => out.push_str(&format!("After:\n\n{}\n", rust_block(after))),
        None => out.push_str("After: (removed)\n\n"),
    }
    out.push_str("</details>\n\n");
    out
}

/// The whole diff as one JSON object: `crate_name`, `changes` (`kind`, `level`, `item`, `message`), `methods`
/// (`item`, `level`, `before`, `after`) and `verdict` (`level`, `bump`, `current_version`, `next_version`,
/// `explanation`).
pub fn json(diff: &Diff) -> String {
    // A struct of strings, enums and options: serialization cannot fail.
    serde_json::to_string_pretty(diff).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_cannot_be_closed_by_the_text() {
        assert_eq!(code("a"), "`a`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x`"), "`` `x` ``");
        assert!(rust_block("let s = \"```\";").starts_with("````rust\n"));
    }

    #[test]
    fn terminal_text_is_inert() {
        assert_eq!(inert("a\u{1b}[2Jb\u{202e}"), "a\\u{1b}[2Jb\\u{202e}");
    }
}
