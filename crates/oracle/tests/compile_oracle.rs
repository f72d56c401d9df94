//! The compile oracle on a fixed set of seeds and on the documents it once found failing: every document is
//! accepted, and every client compiles with no error and no clippy warning. More seeds:
//! `cargo xtask oracle --seeds 0..200`.

use std::path::Path;

use swagger2rs_oracle::{Dirs, regressions, run};

/// Enough documents to meet every shape the generator makes, few enough to stay within a CI budget.
const SEEDS: std::ops::Range<u64> = 0..16;

#[test]
fn generated_clients_compile_without_warnings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    // `CARGO_TARGET_TMPDIR` is `<target>/tmp`: the batch builds under the same target directory.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("a target directory").to_path_buf();
    let dirs = Dirs::under(&target, &root, "test");
    let regressions = regressions::cases();
    let expected = SEEDS.count() + regressions.len();
    let report = run(SEEDS, regressions, &dirs).expect("the batch could be checked");
    println!("{report}");
    assert_eq!(report.compiled, expected, "{report}");
    assert!(report.findings.is_empty(), "{report}");
}

/// The fixed seeds meet an `allOf` child composing a parent too wide to copy (a `#[serde(flatten)]` field),
/// so the compile check above covers that shape.
#[test]
fn the_fixed_seeds_compose_a_wide_parent() {
    let composes = SEEDS
        .map(swagger2rs_oracle::spec::case)
        .filter_map(|case| swagger2rs_oracle::generate(case).ok())
        .any(|client| {
            client
                .files
                .iter()
                .any(|f| f.path.ends_with("types.rs") && f.contents.contains("The properties this type takes from"))
        });
    assert!(composes, "no seed composes a wide parent");
}
