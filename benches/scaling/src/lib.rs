//! Specs that grow in one dimension at a time, and the cost of turning them into a crate.
//!
//! Every [`Shape`] builds a spec whose size is proportional to `n` in one dimension (operations,
//! definitions, properties, …) and fixed in all others, so the cost per unit should not change with `n`. The
//! `scaling` binary prints time and peak memory per unit at 1×, 2×, 4× and 8× and the slope (1 is linear, 2
//! quadratic); the `slopes` test keeps a generous bound on the 8×/1× ratio so a return to quadratic cost
//! fails CI.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// One dimension of the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `n` paths, one operation each, distinct ids.
    Operations,
    /// `n` object definitions with two properties each.
    Definitions,
    /// One definition with `n` properties.
    Properties,
    /// One operation with `n` query parameters.
    Parameters,
    /// One string enum with `n` values.
    EnumValues,
    /// `n` definitions, each a `$ref` to the next.
    AliasChain,
    /// `n` definitions, each a `$ref` to the next, the last a `$ref` that is no reference or names nothing.
    BrokenAliasChain(BrokenRef),
    /// `n` operations sharing one `operationId`.
    DuplicateIds,
    /// YAML flow sequences nested `n` deep (refused past the limit; the cost is reaching the refusal).
    NestingDepth,
    /// A discriminated base and a chain of `n` definitions, each `allOf` its predecessor plus one property.
    InheritanceDepth,
    /// One operation whose path has `n` segments, every other one a parameter.
    PathLength,
    /// One operation whose description has `n` lines.
    DocLength,
}

impl Shape {
    pub const ALL: [Shape; 19] = [
        Shape::Operations,
        Shape::Definitions,
        Shape::Properties,
        Shape::Parameters,
        Shape::EnumValues,
        Shape::AliasChain,
        Shape::BrokenAliasChain(BrokenRef::List),
        Shape::BrokenAliasChain(BrokenRef::Number),
        Shape::BrokenAliasChain(BrokenRef::Object),
        Shape::BrokenAliasChain(BrokenRef::Empty),
        Shape::BrokenAliasChain(BrokenRef::NotAPointer),
        Shape::BrokenAliasChain(BrokenRef::BadEscape),
        Shape::BrokenAliasChain(BrokenRef::BadPercentEscape),
        Shape::BrokenAliasChain(BrokenRef::Missing),
        Shape::DuplicateIds,
        Shape::NestingDepth,
        Shape::InheritanceDepth,
        Shape::PathLength,
        Shape::DocLength,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Shape::Operations => "operations",
            Shape::Definitions => "definitions",
            Shape::Properties => "properties",
            Shape::Parameters => "parameters",
            Shape::EnumValues => "enum values",
            Shape::AliasChain => "alias chain",
            Shape::BrokenAliasChain(end) => end.chain_name(),
            Shape::DuplicateIds => "duplicate ids",
            Shape::NestingDepth => "nesting depth",
            Shape::InheritanceDepth => "inheritance depth",
            Shape::PathLength => "path length",
            Shape::DocLength => "doc length",
        }
    }

    /// The 1× size for the benchmark (release build): large enough that fixed costs do not dominate.
    pub fn bench_size(self) -> usize {
        match self {
            Shape::Operations | Shape::Definitions | Shape::DuplicateIds => 1_000,
            Shape::Properties | Shape::Parameters | Shape::EnumValues => 1_000,
            // 8,000 segments overflow a formatting thread's stack (see BENCHMARKS.md).
            Shape::PathLength => 250,
            Shape::AliasChain => 2_000,
            // 8× is 20,000 links.
            Shape::BrokenAliasChain(_) => 2_500,
            Shape::NestingDepth => 20_000,
            Shape::InheritanceDepth => 100,
            Shape::DocLength => 20_000,
        }
    }

    /// The spec text for size `n`.
    pub fn spec(self, n: usize) -> String {
        let mut s = String::from("swagger: '2.0'\ninfo: {title: scaling, version: '1'}\n");
        match self {
            Shape::Operations | Shape::DuplicateIds => {
                s.push_str("paths:\n");
                for i in 0..n {
                    let id = if self == Shape::DuplicateIds { "same".to_owned() } else { format!("op{i}") };
                    let _ = write!(
                        s,
                        "  /p{i}:\n    get:\n      operationId: {id}\n      responses: {{'200': {{description: ok}}}}\n"
                    );
                }
            }
            Shape::Definitions => {
                s.push_str("paths: {}\ndefinitions:\n");
                for i in 0..n {
                    let _ = writeln!(
                        s,
                        "  D{i}: {{type: object, properties: {{a: {{type: string}}, b: {{type: integer}}}}}}"
                    );
                }
            }
            Shape::Properties => {
                s.push_str("paths: {}\ndefinitions:\n  Wide:\n    type: object\n    properties:\n");
                for i in 0..n {
                    let _ = writeln!(s, "      p{i}: {{type: string}}");
                }
            }
            Shape::Parameters => {
                s.push_str("paths:\n  /a:\n    get:\n      operationId: wide\n      responses: {'200': {description: ok}}\n      parameters:\n");
                for i in 0..n {
                    let _ = writeln!(s, "        - {{name: q{i}, in: query, type: string}}");
                }
            }
            Shape::EnumValues => {
                s.push_str("paths: {}\ndefinitions:\n  Many:\n    type: string\n    enum:\n");
                for i in 0..n {
                    let _ = writeln!(s, "      - value{i}");
                }
            }
            Shape::AliasChain | Shape::BrokenAliasChain(_) => {
                s.push_str("paths: {}\ndefinitions:\n");
                for i in 0..n {
                    let _ = writeln!(s, "  C{i}: {{$ref: '#/definitions/C{}'}}", i + 1);
                }
                let _ = match self {
                    Shape::BrokenAliasChain(end) => writeln!(s, "  C{n}: {{$ref: {}}}", end.yaml()),
                    _ => writeln!(s, "  C{n}: {{type: string}}"),
                };
            }
            Shape::NestingDepth => {
                let _ = writeln!(s, "paths: {{}}\nx-deep: {}1{}", "[".repeat(n), "]".repeat(n));
            }
            Shape::InheritanceDepth => {
                s.push_str("paths: {}\ndefinitions:\n  P0:\n    type: object\n    discriminator: kind\n    required: [kind]\n    properties: {kind: {type: string}}\n");
                for i in 1..=n {
                    let _ = write!(
                        s,
                        "  P{i}:\n    allOf:\n      - $ref: '#/definitions/P{}'\n      - {{type: object, properties: {{f{i}: {{type: string}}}}}}\n",
                        i - 1
                    );
                }
            }
            Shape::PathLength => {
                let mut path = String::new();
                let mut params = String::new();
                for i in 0..n / 2 {
                    let _ = write!(path, "/segment{i}/{{p{i}}}");
                    let _ = writeln!(params, "        - {{name: p{i}, in: path, required: true, type: string}}");
                }
                let _ = write!(
                    s,
                    // An explicit key (`? …`): YAML limits implicit keys to 1,024 characters.
                    "paths:\n  ? '{path}'\n  :\n    get:\n      operationId: long\n      responses: {{'200': {{description: ok}}}}\n      parameters:\n{params}"
                );
            }
            Shape::DocLength => {
                s.push_str("paths:\n  /a:\n    get:\n      operationId: documented\n      responses: {'200': {description: ok}}\n      description: |\n");
                for i in 0..n {
                    let _ = writeln!(s, "        Line {i} of the description.");
                }
            }
        }
        s
    }
}

/// How the chain of a [`Shape::BrokenAliasChain`] ends: a `$ref` that is no usable reference, or one that
/// names nothing. Each is repaired with a warning, and its outcome must be decided once for the whole chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrokenRef {
    /// `$ref: [1, "a", null]`.
    List,
    /// `$ref: 7`.
    Number,
    /// `$ref: {to: somewhere}`.
    Object,
    /// `$ref: ''`.
    Empty,
    /// `$ref: '#nowhere'`: a fragment that is not a JSON pointer.
    NotAPointer,
    /// `$ref: '#/definitions/a~2b'`: `~2` is no JSON pointer escape.
    BadEscape,
    /// `$ref: '#/definitions/%zz'`: `%zz` is no percent escape.
    BadPercentEscape,
    /// `$ref: '#/definitions/Missing'`.
    Missing,
}

impl BrokenRef {
    /// The `$ref` value, in YAML.
    fn yaml(self) -> &'static str {
        match self {
            BrokenRef::List => "[1, 'a', null]",
            BrokenRef::Number => "7",
            BrokenRef::Object => "{to: somewhere}",
            BrokenRef::Empty => "''",
            BrokenRef::NotAPointer => "'#nowhere'",
            BrokenRef::BadEscape => "'#/definitions/a~2b'",
            BrokenRef::BadPercentEscape => "'#/definitions/%zz'",
            BrokenRef::Missing => "'#/definitions/Missing'",
        }
    }

    /// The name of the shape whose chain ends here.
    fn chain_name(self) -> &'static str {
        match self {
            BrokenRef::List => "alias chain to a list $ref",
            BrokenRef::Number => "alias chain to a number $ref",
            BrokenRef::Object => "alias chain to an object $ref",
            BrokenRef::Empty => "alias chain to an empty $ref",
            BrokenRef::NotAPointer => "alias chain to a non-pointer $ref",
            BrokenRef::BadEscape => "alias chain to a ~2 $ref",
            BrokenRef::BadPercentEscape => "alias chain to a %zz $ref",
            BrokenRef::Missing => "alias chain to a missing $ref",
        }
    }
}

/// Loads, lowers and generates `spec` (formatted files in memory, nothing written); returns how long it took
/// and how many files were generated (0 when the spec was refused, as deep nesting is).
pub fn run(spec: String) -> (Duration, usize) {
    let started = Instant::now();
    let loaded = swagger2rs_parser::load_str("scaling.yaml", spec);
    let files = match &loaded.api {
        Some(api) => {
            let options = swagger2rs_emitter::Options::new("scaling", "scaling.yaml");
            swagger2rs_emitter::generate(api, &options).map(|files| files.len()).unwrap_or(0)
        }
        None => 0,
    };
    drop(loaded);
    (started.elapsed(), files)
}

/// The fastest of `runs` runs (the least disturbed by other work on the machine), and how many files a run
/// generated.
pub fn fastest(shape: Shape, n: usize, runs: usize) -> (Duration, usize) {
    (0..runs.max(1)).map(|_| run(shape.spec(n))).min().unwrap_or_default()
}

/// Whether the spec of `shape` is meant to be refused (its cost is that of reaching the refusal).
pub fn refused(shape: Shape) -> bool {
    shape == Shape::NestingDepth
}

/// The slope of cost over size on a log-log scale between 1× and 8×: 1 for linear, 2 for quadratic.
pub fn slope(at_1x: f64, at_8x: f64) -> f64 {
    (at_8x / at_1x).log2() / 3.0
}
