//! Configured renames are applied while names are decided: every name derived from a renamed operation or
//! type follows it, and problems are located at the configuration key.

mod common;

use std::path::Path;

use common::op;
use swagger2rs_parser::ir::{Api, TypeRef};
use swagger2rs_parser::naming::{Rename, Renames};
use swagger2rs_parser::pointer::JsonPointer;
use swagger2rs_parser::{Diagnostic, Location, Severity, Sources};

const SPEC: &str = "swagger: '2.0'
info: {title: t, version: '1'}
paths:
  /things/{id}:
    post:
      operationId: getThing
      parameters:
        - {name: id, in: path, required: true, type: string}
        - {name: mode, in: query, type: string, enum: [a, b]}
        - {name: body, in: body, schema: {type: object, properties: {x: {type: string}}}}
      responses:
        200: {description: ok, schema: {type: object, properties: {y: {type: string}}}, headers: {X-Rate: {type: integer}}}
        202: {description: later, schema: {$ref: '#/definitions/Pet'}}
  /other:
    get:
      operationId: getOther
      responses: {200: {description: ok, schema: {$ref: '#/definitions/Animal'}}}
definitions:
  Pet: {type: object, properties: {name: {type: string}}}
  Animal: {type: object, properties: {legs: {type: integer}}}
";

fn rename(table: &str, from: &str, to: &str) -> Rename {
    let pointer = JsonPointer::root().push("rename").push(table).push(from);
    Rename { from: from.into(), to: to.into(), location: Location::new("c.toml", pointer) }
}

fn lower(renames: &Renames) -> (Api, Vec<Diagnostic>) {
    let sources = Sources::from_text(Path::new("s.yaml"), SPEC.to_owned()).unwrap();
    let loaded = swagger2rs_parser::lower_with(&sources, renames);
    (loaded.api.unwrap(), loaded.diagnostics.iter().cloned().collect())
}

fn type_names(api: &Api) -> Vec<&str> {
    api.types.iter().map(|t| t.name.as_str()).collect()
}

#[test]
fn every_name_derived_from_a_renamed_operation_follows_it() {
    let renames = Renames { operations: vec![rename("operations", "getThing", "fetch_thing")], types: vec![] };
    let (api, diagnostics) = lower(&renames);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let fetch = op(&api, "fetch_thing");
    assert_eq!(fetch.type_name.as_str(), "FetchThing");
    assert_eq!(fetch.success_enum.as_ref().map(|n| n.as_str()), Some("FetchThingSuccess"));
    assert_eq!(fetch.headers_type.as_ref().map(|n| n.as_str()), Some("FetchThingHeaders"));
    for derived in ["FetchThingMode", "FetchThingBody", "FetchThingResponse"] {
        assert!(type_names(&api).contains(&derived), "{derived} in {:?}", type_names(&api));
    }
    assert!(!type_names(&api).iter().any(|n| n.starts_with("GetThing")), "{:?}", type_names(&api));
}

#[test]
fn operations_can_be_renamed_by_their_generated_name() {
    let renames = Renames { operations: vec![rename("operations", "get_other", "other")], types: vec![] };
    let (api, diagnostics) = lower(&renames);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(op(&api, "other").type_name.as_str(), "Other");
}

#[test]
fn a_renamed_type_is_used_wherever_it_is_referenced() {
    let renames = Renames { operations: vec![], types: vec![rename("types", "Pet", "Critter")] };
    let (api, diagnostics) = lower(&renames);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let critter = api.types.iter().find(|t| t.name.as_str() == "Critter").unwrap();
    assert_eq!(critter.definition.as_deref(), Some("Pet"));
    let response = &op(&api, "get_thing").responses[1];
    assert_eq!(response.ty, Some(TypeRef::Named(critter.id)));
}

#[test]
fn a_name_taken_by_configuration_moves_the_generated_one_aside_with_a_warning() {
    let renames = Renames { operations: vec![], types: vec![rename("types", "Pet", "Animal")] };
    let (api, diagnostics) = lower(&renames);
    assert_eq!(&type_names(&api)[..2], ["Animal", "Animal2"]);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0].severity, Severity::Warning);
    assert_eq!(diagnostics[0].location.pointer.as_str(), "/rename/types/Pet");
    assert!(diagnostics[0].message.contains("`Animal2`"), "{}", diagnostics[0].message);
}

#[test]
fn invalid_colliding_and_unmatched_renames_are_errors_at_their_keys() {
    let renames = Renames {
        operations: vec![
            rename("operations", "getThing", "fetch"),
            rename("operations", "getOther", "fetch"),
            rename("operations", "missing", "x"),
            rename("operations", "bad", "Not Snake"),
            rename("operations", "reserved", "new"),
        ],
        types: vec![rename("types", "Pet", "lower")],
    };
    let (api, diagnostics) = lower(&renames);
    assert_eq!(op(&api, "fetch").operation_id.as_deref(), Some("getThing"));
    assert_eq!(op(&api, "get_other").type_name.as_str(), "GetOther", "a colliding rename is not applied");
    let mut errors: Vec<&str> =
        diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| d.location.pointer.as_str()).collect();
    errors.sort();
    assert_eq!(
        errors,
        [
            "/rename/operations/bad",
            "/rename/operations/getOther",
            "/rename/operations/missing",
            "/rename/operations/reserved",
            "/rename/types/Pet"
        ]
    );
}
