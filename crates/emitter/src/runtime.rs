//! The hand-written runtime (`crates/runtime/src`), copied verbatim into every generated crate as its
//! `runtime` module, so a generated crate depends on no crate of this workspace.

/// `(file name in src/runtime/, contents)`. `lib.rs` becomes the module root.
pub const FILES: &[(&str, &str)] = &[
    ("mod.rs", include_str!("../../runtime/src/lib.rs")),
    ("base64.rs", include_str!("../../runtime/src/base64.rs")),
    ("client.rs", include_str!("../../runtime/src/client.rs")),
    ("dates.rs", include_str!("../../runtime/src/dates.rs")),
    ("de.rs", include_str!("../../runtime/src/de.rs")),
    ("encoding.rs", include_str!("../../runtime/src/encoding.rs")),
    ("error.rs", include_str!("../../runtime/src/error.rs")),
    ("form.rs", include_str!("../../runtime/src/form.rs")),
    ("hooks.rs", include_str!("../../runtime/src/hooks.rs")),
    ("json_stream.rs", include_str!("../../runtime/src/json_stream.rs")),
    ("lro.rs", include_str!("../../runtime/src/lro.rs")),
    ("paging.rs", include_str!("../../runtime/src/paging.rs")),
    ("raw.rs", include_str!("../../runtime/src/raw.rs")),
    ("request.rs", include_str!("../../runtime/src/request.rs")),
    ("response.rs", include_str!("../../runtime/src/response.rs")),
    ("retry.rs", include_str!("../../runtime/src/retry.rs")),
    ("retry_after.rs", include_str!("../../runtime/src/retry_after.rs")),
    ("security.rs", include_str!("../../runtime/src/security.rs")),
    ("stream.rs", include_str!("../../runtime/src/stream.rs")),
    ("token.rs", include_str!("../../runtime/src/token.rs")),
    ("trace.rs", include_str!("../../runtime/src/trace.rs")),
];

/// The runtime module that holds chrono support, and its declaration in `mod.rs`.
const DATES_FILE: &str = "dates.rs";
const DATES_DECLARATION: &str =
    "// Only in crates whose spec has dates; the emitter leaves this line out of the others.\nmod dates;\n";

/// The runtime files a crate needs: all of them, less chrono support when nothing is a date, so such crates
/// do not depend on chrono.
pub fn files(with_dates: bool) -> impl Iterator<Item = (&'static str, std::borrow::Cow<'static, str>)> {
    FILES.iter().filter(move |(name, _)| with_dates || *name != DATES_FILE).map(move |(name, contents)| {
        let contents = if *name == "mod.rs" && !with_dates {
            std::borrow::Cow::Owned(contents.replacen(DATES_DECLARATION, "", 1))
        } else {
            std::borrow::Cow::Borrowed(*contents)
        };
        (*name, contents)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn crates_without_dates_leave_out_the_dates_module() {
        let (_, root) = super::files(false).find(|(name, _)| *name == "mod.rs").unwrap();
        assert!(!root.contains("dates"), "{root}");
        assert!(super::files(false).all(|(name, _)| name != super::DATES_FILE));
        let (_, root) = super::files(true).find(|(name, _)| *name == "mod.rs").unwrap();
        assert!(root.contains(super::DATES_DECLARATION));
    }

    /// Catches a runtime file added or removed without updating [`super::FILES`].
    #[test]
    fn every_runtime_source_file_is_embedded() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime/src");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .expect("runtime sources are readable")
            .map(|e| e.expect("directory entry").file_name().to_string_lossy().into_owned())
            .map(|name| if name == "lib.rs" { "mod.rs".to_owned() } else { name })
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = super::FILES.iter().map(|(name, _)| (*name).to_owned()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
    }
}
