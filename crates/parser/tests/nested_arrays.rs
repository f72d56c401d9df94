//! Arrays of arrays in parameters: the inner `collectionFormat` is kept; deeper nesting is read as strings.

mod common;

use common::{op, param};
use swagger2rs_parser::ir::{CollectionFormat, TypeRef};

#[test]
fn inner_collection_formats_are_kept_and_deeper_levels_flattened() {
    let spec = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n      operationId: op\n      \
                parameters:\n        \
                - {name: a, in: query, type: array, collectionFormat: pipes, items: {type: array, collectionFormat: ssv, items: {type: integer}}}\n        \
                - {name: b, in: query, type: array, items: {type: array, items: {type: string}}}\n        \
                - {name: c, in: query, type: array, items: {type: array, items: {type: array, items: {type: string}}}}\n      \
                responses: {200: {description: ok}}\n";
    let loaded = swagger2rs_parser::load_str("s.yaml", spec);
    let api = loaded.api.unwrap();
    let op = op(&api, "op");
    let a = param(op, "a");
    assert_eq!(
        (a.collection_format, a.item_collection_format),
        (Some(CollectionFormat::Pipes), Some(CollectionFormat::Ssv))
    );
    let b = param(op, "b");
    assert_eq!(
        (b.collection_format, b.item_collection_format),
        (Some(CollectionFormat::Csv), Some(CollectionFormat::Csv))
    );
    let c = param(op, "c");
    assert!(
        matches!(&c.ty, TypeRef::Array(inner) if matches!(&**inner, TypeRef::Array(s) if matches!(**s, TypeRef::Primitive(_))))
    );
    assert_eq!(loaded.diagnostics.warnings().count(), 1, "{:?}", loaded.diagnostics);
}
