//! A return to super-linear cost in any input dimension fails here: generating 8× the input must cost less
//! than 24× the time (linear is 8×, quadratic 64×). Sizes are small so the whole test takes seconds in a
//! debug build; each time is the fastest of a few runs, and only ratios are compared, never absolute times.

use swagger2rs_scaling::{Shape, fastest, refused, slope};

/// The 1× size per shape in this test: about 20–100 ms each in a debug build.
fn size(shape: Shape) -> usize {
    match shape {
        Shape::Operations | Shape::Definitions | Shape::DuplicateIds => 40,
        Shape::Properties | Shape::Parameters | Shape::EnumValues | Shape::PathLength => 100,
        Shape::AliasChain | Shape::BrokenAliasChain(_) => 250,
        Shape::NestingDepth => 5_000,
        // Parents are copied up to 32 fields and composed beyond, so linear cost shows past a few dozen levels.
        Shape::InheritanceDepth => 64,
        Shape::DocLength => 2_000,
    }
}

#[test]
fn eight_times_the_input_costs_at_most_three_times_linear() {
    let mut report = Vec::new();
    let mut failed = Vec::new();
    for shape in Shape::ALL {
        let n = size(shape);
        // Warm up allocator and caches so the 1× run is not charged for them.
        fastest(shape, n, 1);
        let (one, files_one) = fastest(shape, n, 3);
        let (eight, files_eight) = fastest(shape, 8 * n, 2);
        // A spec refused by mistake would measure nothing.
        let generates = !refused(shape);
        assert_eq!((files_one > 0, files_eight > 0), (generates, generates), "{}", shape.name());
        let (one, eight) = (one.as_secs_f64(), eight.as_secs_f64());
        let ratio = eight / one;
        report.push(format!("{}: {ratio:.1}× (slope {:.2})", shape.name(), slope(one, eight)));
        if ratio > 24.0 {
            failed.push(shape.name());
        }
    }
    eprintln!("{}", report.join("\n"));
    assert!(failed.is_empty(), "super-linear: {failed:?}\n{}", report.join("\n"));
}
