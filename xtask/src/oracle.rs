//! `cargo xtask oracle [--seeds A..B]`: the compile oracle on any range of seeds (the test suite runs a fixed
//! few), with the regression documents in the first batch. The batch is left in `<target dir>/oracle/xtask`,
//! each document next to its client.

use std::ops::Range;

use crate::codegen::workspace_root;

/// The seeds when none are given.
const DEFAULT_SEEDS: Range<u64> = 0..200;

/// At most this many clients are compiled in one batch, so that memory stays bounded however many seeds are
/// asked for.
const BATCH: u64 = 100;

pub fn run(args: &[&str]) -> Result<(), String> {
    let seeds = match args {
        [] => DEFAULT_SEEDS,
        ["--seeds", range] => parse_range(range)?,
        _ => return Err(usage()),
    };
    let root = workspace_root();
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), Into::into);
    let dirs = swagger2rs_oracle::Dirs::under(&target, &root, "xtask");
    let mut findings = 0;
    let mut start = seeds.start;
    let mut regressions = swagger2rs_oracle::regressions::cases();
    while start < seeds.end {
        let end = seeds.end.min(start + BATCH);
        let report = swagger2rs_oracle::run(start..end, std::mem::take(&mut regressions), &dirs)?;
        print!("seeds {start}..{end}: {report}");
        findings += report.findings.len();
        start = end;
    }
    if findings == 0 { Ok(()) } else { Err(format!("{findings} findings; the batch is in {}", dirs.batch.display())) }
}

/// `A..B` (B exclusive).
fn parse_range(text: &str) -> Result<Range<u64>, String> {
    let (start, end) = text.split_once("..").ok_or_else(usage)?;
    let start: u64 = start.parse().map_err(|_| usage())?;
    let end: u64 = end.parse().map_err(|_| usage())?;
    if start >= end {
        return Err(format!("empty seed range {text}"));
    }
    Ok(start..end)
}

fn usage() -> String {
    "usage: cargo xtask oracle [--seeds A..B]".to_owned()
}

#[cfg(test)]
mod tests {
    use super::parse_range;

    #[test]
    fn seed_ranges_are_half_open() {
        assert_eq!(parse_range("0..200"), Ok(0..200));
        assert_eq!(parse_range("5..6"), Ok(5..6));
        assert!(parse_range("6..6").is_err());
        assert!(parse_range("x..6").is_err());
        assert!(parse_range("6").is_err());
    }
}
