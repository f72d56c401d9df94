//! A tag of any length gives its group names of bounded length: the cargo feature names the file
//! `src/groups/<feature>.rs` and the struct names rustdoc's `struct.<Type>.html`, and file systems refuse
//! names over 255 bytes.

use swagger2rs_parser::ir::Api;

/// The longest group name in characters, before a collision number.
const MAX_GROUP_NAME_LEN: usize = 64;

/// Operations tagged in order with `tags`.
fn tagged(tags: &[String]) -> Api {
    let paths: Vec<String> = tags
        .iter()
        .enumerate()
        .map(|(i, tag)| {
            format!(r#""/p{i}": {{"get": {{"operationId": "op{i}", "tags": ["{tag}"], "responses": {{"200": {{"description": "ok"}}}}}}}}"#)
        })
        .collect();
    let spec =
        format!(r#"{{"swagger": "2.0", "info": {{"title": "t", "version": "1"}}, "paths": {{{}}}}}"#, paths.join(", "));
    let loaded = swagger2rs_parser::load_str("spec.json", spec);
    assert!(loaded.diagnostics.into_vec().is_empty());
    loaded.api.expect("lowers")
}

#[test]
fn long_tags_give_group_names_cut_to_the_limit_and_numbered_apart() {
    let sentence = format!("Operations for managing {}long things", "very ".repeat(60));
    let same_start = format!("Operations for managing {}other things", "very ".repeat(60));
    let api = tagged(&[sentence.clone(), same_start, "Core V1".to_owned()]);
    let names: Vec<(&str, &str, &str)> =
        api.groups.iter().map(|g| (g.feature.as_str(), g.method.as_str(), g.type_name.as_str())).collect();
    // Cut at 64 characters, the feature's last `very_` loses its `_`.
    let feature = format!("operations_for_managing_{}very", "very_".repeat(7));
    let type_name = format!("OperationsForManaging{}Ver", "Very".repeat(10));
    assert_eq!((feature.len(), type_name.len()), (MAX_GROUP_NAME_LEN - 1, MAX_GROUP_NAME_LEN));
    assert_eq!(
        names,
        [
            (feature.as_str(), feature.as_str(), type_name.as_str()),
            (format!("{feature}_2").as_str(), format!("{feature}_2").as_str(), format!("{type_name}2").as_str()),
            ("core_v1", "core_v1", "CoreV1"),
        ]
    );
    assert_eq!(api.groups[0].tag, sentence, "the tag itself is kept whole");
    assert_eq!(tagged(&[sentence]).groups[0].feature.as_str(), feature, "the same tag is cut the same way");
}

#[test]
fn a_cut_ending_between_words_drops_the_underscore() {
    // 63 characters of word, then a separator at the cut: `aaa…a_b` cut at 64 would end in `_`.
    let tag = format!("{} b", "a".repeat(MAX_GROUP_NAME_LEN - 1));
    let api = tagged(&[tag]);
    assert_eq!(api.groups[0].feature.as_str(), "a".repeat(MAX_GROUP_NAME_LEN - 1));
}
