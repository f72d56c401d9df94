//! Bounded work on `$ref` chains.

use swagger2rs_parser::ir::{TypeKind, TypeRef};
use swagger2rs_parser::{Code, Severity};

/// A `$ref` chain is walked once however many references lead into it: 20,000 aliases each pointing at the
/// next, and the same chain closed into a cycle, lower in well under a second (cubic before). The bound is
/// generous so only a return to super-linear cost fails.
#[test]
fn long_alias_chains_and_cycles_cost_linear_time() {
    let links = 20_000;
    let chain = |close: bool| {
        let mut spec = String::from("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n");
        for i in 0..links {
            let next = if close { (i + 1) % links } else { i + 1 };
            spec.push_str(&format!("  C{i}: {{$ref: '#/definitions/C{next}'}}\n"));
        }
        if !close {
            spec.push_str(&format!("  C{links}: {{type: string}}\n"));
        }
        spec
    };
    for close in [false, true] {
        let started = std::time::Instant::now();
        let loaded = swagger2rs_parser::load_str("s.yaml", chain(close));
        let cycles = loaded.diagnostics.iter().filter(|d| d.code == Code::RefCycle).count();
        assert_eq!(cycles, usize::from(close), "one cycle, reported once");
        assert!(started.elapsed() < std::time::Duration::from_secs(30), "{:?}", started.elapsed());
    }
}

/// How the chains of [`chains_ending_in_a_broken_ref_cost_linear_time`] end: `$ref`s that are no reference or
/// name nothing.
const BROKEN_ENDS: [&str; 8] = [
    "[1, 'a', null]",
    "7",
    "{to: somewhere}",
    "''",
    "'#/definitions/a~2b'",
    "'#/definitions/%zz'",
    "'#nowhere'",
    "'#/definitions/Missing'",
];

/// A chain of 10,000 aliases ending in a broken `$ref` is walked once: its failure is remembered for every
/// link, so each later definition on it fails at once (quadratic before: 4,000 links took 8 s, 14,000 more than
/// two minutes; now about a second each in a debug build). Every link is free-form JSON and the one finding is
/// a warning at the broken `$ref`.
#[test]
fn chains_ending_in_a_broken_ref_cost_linear_time() {
    let links = 10_000;
    for end in BROKEN_ENDS {
        let mut spec = String::from("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n");
        for i in 0..links {
            spec.push_str(&format!("  C{i}: {{$ref: '#/definitions/C{}'}}\n", i + 1));
        }
        spec.push_str(&format!("  C{links}: {{$ref: {end}}}\n"));
        let started = std::time::Instant::now();
        let loaded = swagger2rs_parser::load_str("s.yaml", spec);
        let elapsed = started.elapsed();
        let found: Vec<(Severity, Code, &str)> =
            loaded.diagnostics.iter().map(|d| (d.severity, d.code, d.location.pointer.as_str())).collect();
        let at = format!("/definitions/C{links}/$ref");
        assert_eq!(found, [(Severity::Warning, Code::DanglingRef, at.as_str())], "{end}");
        let api = loaded.api.unwrap();
        assert!(api.types.iter().all(|t| matches!(t.kind, TypeKind::Alias(TypeRef::Any))), "{end}");
        assert!(elapsed < std::time::Duration::from_secs(20), "{end}: {elapsed:?}");
    }
}
