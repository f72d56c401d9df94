//! Namespaced definition names (`io.k8s.api.core.v1.Pod`, Java-style `com.acme.v2.IssueBean`) become the
//! shortest dot-suffix that is unique in the document; configured renames still win, by definition name.

use std::path::Path;

use swagger2rs_parser::naming::{Rename, Renames, definition_type_names};
use swagger2rs_parser::pointer::JsonPointer;
use swagger2rs_parser::{Location, Sources};

/// `(definition, type name)` for every definition of a spec holding exactly `definitions`.
fn names_with(definitions: &[&str], renames: &Renames) -> Vec<(String, String)> {
    let mut spec = String::from("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n");
    for name in definitions {
        spec.push_str(&format!("  '{name}': {{type: object, properties: {{x: {{type: string}}}}}}\n"));
    }
    let sources = Sources::from_text(Path::new("s.yaml"), spec).expect("spec parses");
    let loaded = swagger2rs_parser::lower_with(&sources, renames);
    let api = loaded.api.expect("lowers");
    api.types.iter().filter_map(|t| Some((t.definition.clone()?, t.name.to_string()))).collect()
}

fn names(definitions: &[&str]) -> Vec<(String, String)> {
    names_with(definitions, &Renames::default())
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected.iter().map(|(d, n)| ((*d).to_owned(), (*n).to_owned())).collect()
}

#[test]
fn table() {
    let cases: &[(&[&str], &[&str])] = &[
        // Dotted (Kubernetes): the last segment when it is unique.
        (&["io.k8s.api.core.v1.Pod", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"], &["Pod", "ObjectMeta"]),
        // Colliding suffixes grow until they differ; version segments never end a name on their own.
        (
            &["io.k8s.api.core.v1.Event", "io.k8s.api.events.v1.Event", "io.k8s.api.core.v1.Pod"],
            &["CoreV1Event", "EventsV1Event", "Pod"],
        ),
        (
            &["io.k8s.api.apps.v1.Deployment", "io.k8s.api.apps.v1beta2.Deployment"],
            &["AppsV1Deployment", "AppsV1beta2Deployment"],
        ),
        // Java-style.
        (
            &["com.atlassian.jira.rest.v2.issue.IssueBean", "com.atlassian.jira.rest.v2.search.SearchResults"],
            &["IssueBean", "SearchResults"],
        ),
        // A plain name takes its own name; the dotted one sharing it grows.
        (&["Pod", "io.k8s.Pod"], &["Pod", "K8sPod"]),
        // Compared as identifiers: `v1.Pod` and `V1Pod` would both be `V1Pod`.
        (&["a.Status", "b.Status", "Pet"], &["AStatus", "BStatus", "Pet"]),
        // A trailing version is part of the thing.
        (&["Thing.v2", "Thing.v3"], &["ThingV2", "ThingV3"]),
        // Not namespaced: kept whole (and cleaned as always).
        (&["$special[model.name]", "Plain", "with space.x"], &["SpecialModelName", "Plain", "WithSpaceX"]),
        // Identical suffixes all the way: the full names.
        (&["a.b.C", "x.a.b.C"], &["ABC", "XABC"]),
    ];
    for (definitions, expected) in cases {
        let expected: Vec<(&str, &str)> = definitions.iter().copied().zip(expected.iter().copied()).collect();
        assert_eq!(names(definitions), pairs(&expected), "{definitions:?}");
    }
}

#[test]
fn the_rule_does_not_depend_on_document_order() {
    let forward = ["io.k8s.api.core.v1.Event", "io.k8s.api.events.v1.Event", "x.Pod"];
    let backward = ["x.Pod", "io.k8s.api.events.v1.Event", "io.k8s.api.core.v1.Event"];
    let mut a = definition_type_names(&forward);
    let mut b = definition_type_names(&backward);
    b.reverse();
    assert_eq!(a, b);
    a.sort();
    assert_eq!(a, ["Pod", "core.v1.Event", "events.v1.Event"]);
}

#[test]
fn renames_by_definition_name_still_apply() {
    let rename = Rename {
        from: "io.k8s.api.core.v1.Event".into(),
        to: "Happening".into(),
        location: Location::new("c.toml", JsonPointer::root().push("rename").push("types")),
    };
    let renames = Renames { operations: Vec::new(), types: vec![rename] };
    let got = names_with(&["io.k8s.api.core.v1.Event", "io.k8s.api.events.v1.Event"], &renames);
    assert_eq!(
        got,
        pairs(&[("io.k8s.api.core.v1.Event", "Happening"), ("io.k8s.api.events.v1.Event", "EventsV1Event")])
    );
}

#[test]
fn inline_types_are_named_after_the_short_name() {
    let spec = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  \
                io.k8s.api.core.v1.Pod: {type: object, properties: {phase: {type: string, enum: [Running]}}}\n";
    let api = swagger2rs_parser::load_str("s.yaml", spec).api.expect("lowers");
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Pod", "PodPhase"]);
}
