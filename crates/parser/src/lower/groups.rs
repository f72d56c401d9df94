//! Tags → groups: one per distinct tag, named once for the client accessor, the group struct and the cargo
//! feature; each operation learns its groups and its method name inside its first group.

use super::Lowerer;
use crate::ir::{Group, GroupId, Operation};
use crate::model::Swagger;
use crate::naming::{
    Case, Namespace, RESERVED_CLIENT_METHODS, RESERVED_FEATURES, RESERVED_TYPE_NAMES, strip_group_words, to_ident,
};

/// The longest name a tag gives its group, in characters (all ASCII), before a collision number. The feature
/// names a file (`src/groups/<feature>.rs`) and rustdoc names one per struct (`struct.<Type>.html`); file systems
/// refuse names over 255 bytes, and a tag can be a sentence of any length. Longer names are cut here.
const MAX_GROUP_NAME_LEN: usize = 64;

impl Lowerer<'_> {
    /// Groups in the order their tags first appear on operations (document order, never hash order). Tags
    /// that differ as written but agree once snake_cased (`Core V1`, `core_v1`) are distinct groups with
    /// numbered names (`core_v1`, `core_v1_2`).
    pub(super) fn groups(&mut self, swagger: &Swagger, operations: &mut [Operation]) -> Vec<Group> {
        let mut features = Namespace::new(Case::Snake, "tag", RESERVED_FEATURES);
        let mut type_names = Namespace::new(Case::UpperCamel, "Tag", RESERVED_TYPE_NAMES);
        let mut groups: Vec<Group> = Vec::new();
        for op in operations.iter_mut() {
            for tag in &op.tags {
                let id = match groups.iter().position(|g| g.tag == *tag) {
                    Some(index) => GroupId(index),
                    None => {
                        let feature = features.claim(&capped(tag, Case::Snake, "tag"));
                        groups.push(Group {
                            tag: tag.clone(),
                            description: swagger
                                .tags
                                .iter()
                                .find(|t| t.name == *tag)
                                .and_then(|t| t.description.clone()),
                            // Operation methods were claimed first: a group named like one yields.
                            method: self.operation_names.claim(feature.as_str()),
                            type_name: type_names.claim(&capped(tag, Case::UpperCamel, "Tag")),
                            feature,
                        });
                        GroupId(groups.len() - 1)
                    }
                };
                if !op.groups.contains(&id) {
                    op.groups.push(id);
                }
            }
        }
        // Method names inside each group, claimed in document order.
        let mut members: Vec<Namespace> =
            groups.iter().map(|_| Namespace::new(Case::Snake, "operation", RESERVED_CLIENT_METHODS)).collect();
        for op in operations.iter_mut() {
            let Some(home) = op.groups.first() else { continue };
            let names = &mut members[home.0];
            let stripped = strip_group_words(op.name.as_str(), groups[home.0].feature.as_str())
                .filter(|name| !names.contains(name) && !RESERVED_CLIENT_METHODS.contains(&name.as_str()));
            op.group_method = names.claim(stripped.as_deref().unwrap_or(op.name.as_str()));
        }
        // A stripped name taken first can push a later operation's own name to a number; the claim order above
        // makes that deterministic.
        groups
    }
}

/// `tag` itself when its name in `case` has at most [`MAX_GROUP_NAME_LEN`] characters, else that name cut to
/// them (without a dangling `_`): the same tag is always cut the same way, and tags that agree up to the cut
/// are numbered apart by the namespace like any other collision.
fn capped(tag: &str, case: Case, fallback: &str) -> String {
    let name = to_ident(tag, case, fallback);
    let name = name.as_str();
    if name.len() <= MAX_GROUP_NAME_LEN {
        return tag.to_owned();
    }
    // An identifier is ASCII, so any byte index is a character boundary.
    name[..MAX_GROUP_NAME_LEN].trim_end_matches('_').to_owned()
}
