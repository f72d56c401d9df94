//! Whether a name can be the generated crate's package name: checked before anything is written, so a bad
//! `--name` is a clear usage error instead of a manifest cargo later rejects.

/// Rust keywords (strict, reserved and weak ones that cannot name a crate) of every edition up to 2024:
/// the library target is named after the package with `-` turned into `_`, and must be an identifier.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Names of the built-in crates, which a package cannot take without shadowing them.
const BUILT_IN: &[&str] = &["alloc", "core", "proc_macro", "std", "test"];

/// The longest package name crates.io accepts, in characters (ASCII only, so also bytes).
pub const MAX_LEN: usize = 64;

/// `Ok` when `name` is both a valid cargo package name and, with `-` read as `_`, a usable Rust crate name;
/// otherwise says which rule it breaks.
pub fn validate(name: &str) -> Result<(), String> {
    let Some(first) = name.chars().next() else {
        return Err("the crate name is empty".to_owned());
    };
    if let Some(bad) = name.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_')) {
        return Err(format!(
            "invalid character `{}` in crate name `{}`: use ASCII letters, digits, `-` and `_` only",
            bad.escape_debug(),
            name.escape_debug()
        ));
    }
    if name.len() > MAX_LEN {
        return Err(format!(
            "crate name `{name}` is {} characters long; crates.io allows at most {MAX_LEN}",
            name.len()
        ));
    }
    if first.is_ascii_digit() {
        return Err(format!("crate name `{name}` starts with a digit; try `api_{name}`"));
    }
    if first == '-' {
        return Err(format!("crate name `{name}` starts with `-`"));
    }
    let identifier = name.replace('-', "_");
    if identifier.chars().all(|c| c == '_') {
        return Err(format!("crate name `{name}` has no letter or digit"));
    }
    if KEYWORDS.contains(&identifier.as_str()) {
        return Err(format!("crate name `{name}` is a Rust keyword; try `{identifier}_api`"));
    }
    if BUILT_IN.contains(&identifier.as_str()) {
        return Err(format!("crate name `{name}` is the name of a built-in crate; try `{identifier}_api`"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_package_names() {
        let longest = "a".repeat(MAX_LEN);
        for good in ["petstore", "my-client", "my_client", "api2", "_private", "Api", &longest] {
            assert_eq!(validate(good), Ok(()), "{good}");
        }
    }

    #[test]
    fn rejects_what_cargo_or_rustc_would() {
        for (bad, why) in [
            ("", "empty"),
            ("123 bad", "invalid character ` `"),
            ("123", "starts with a digit"),
            ("-x", "starts with `-`"),
            ("__", "no letter"),
            ("fn", "keyword"),
            ("self", "keyword"),
            ("std", "built-in"),
            ("naïve", "invalid character `ï`"),
            ("a.b", "invalid character `.`"),
            (&"a".repeat(MAX_LEN + 1), "is 65 characters long; crates.io allows at most 64"),
        ] {
            let message = validate(bad).expect_err(bad);
            assert!(message.contains(why), "{bad}: {message}");
        }
    }
}
