//! Bounded work on `$ref` chains.

use swagger2rs_parser::Code;

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
