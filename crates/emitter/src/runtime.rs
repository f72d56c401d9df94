//! The hand-written runtime (`crates/runtime/src`), copied verbatim into every generated crate as its
//! `runtime` module, so a generated crate depends on no crate of this workspace.

/// `(file name in src/runtime/, contents)`. `lib.rs` becomes the module root.
pub const FILES: &[(&str, &str)] = &[
    ("mod.rs", include_str!("../../runtime/src/lib.rs")),
    ("base64.rs", include_str!("../../runtime/src/base64.rs")),
    ("client.rs", include_str!("../../runtime/src/client.rs")),
    ("encoding.rs", include_str!("../../runtime/src/encoding.rs")),
    ("error.rs", include_str!("../../runtime/src/error.rs")),
    ("form.rs", include_str!("../../runtime/src/form.rs")),
    ("raw.rs", include_str!("../../runtime/src/raw.rs")),
    ("request.rs", include_str!("../../runtime/src/request.rs")),
    ("response.rs", include_str!("../../runtime/src/response.rs")),
    ("security.rs", include_str!("../../runtime/src/security.rs")),
];

#[cfg(test)]
mod tests {
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
