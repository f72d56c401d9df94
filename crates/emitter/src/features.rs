//! Which cargo features compile which item: one feature per group (tag), `full` enabling them all.
//!
//! An operation is compiled when any of its tags' features is on; its builder, response enums and header
//! struct with it. A type is compiled when any operation that reaches it is (over the IR's type graph:
//! parameters, bodies, responses and headers, then fields, additional properties, aliased types, `allOf`
//! parents and discriminator children), always when an untagged operation reaches it or every group does,
//! and under `full` alone when no operation reaches it. APIs without tags have no gates at all.
//!
//! A type that operations of more than [`MAX_GATE_FEATURES`] features reach is compiled always. Listing every
//! one would make the output quadratic where models are shared along a chain (a crate of 2,500 operations in
//! 500 tags grew from 327,000 to 4.8 million lines of `cfg`s), and a type that many features need is compiled
//! by nearly any feature set anyway. It stays consistent: whatever such a type reaches is reached by at least
//! the same operations, so it is compiled always too.

use std::collections::BTreeSet;

use swagger2rs_parser::ir::{Api, GroupId, Operation, TypeId, TypeKind, TypeRef};

/// The most features a type's `cfg` names; a type reached from more is compiled always.
pub const MAX_GATE_FEATURES: usize = 64;

/// When an item is compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Gate {
    Always,
    /// When any of these groups' features is on.
    Any(BTreeSet<GroupId>),
    /// Only with `full` (a type no operation uses).
    Full,
}

impl Gate {
    /// Compiled when any of `gates` is.
    pub fn union(gates: impl IntoIterator<Item = Gate>) -> Gate {
        let mut groups = BTreeSet::new();
        let mut full = false;
        for gate in gates {
            match gate {
                Gate::Always => return Gate::Always,
                Gate::Any(some) => groups.extend(some),
                Gate::Full => full = true,
            }
        }
        match (groups.is_empty(), full) {
            (true, true) => Gate::Full,
            (true, false) => Gate::Always,
            (false, _) => Gate::Any(groups),
        }
    }
}

/// The gates of every operation, group and type, decided once.
pub struct Features {
    /// By group: the groups whose features compile its struct (its own and those of the other tags of the
    /// operations it holds).
    groups: Vec<Gate>,
    types: Vec<Gate>,
}

impl Features {
    pub fn new(api: &Api) -> Self {
        let any_groups = !api.groups.is_empty();
        let mut groups: Vec<BTreeSet<GroupId>> = api.groups.iter().map(|_| BTreeSet::new()).collect();
        for op in &api.operations {
            if let Some(home) = op.groups.first() {
                groups[home.0].extend(op.groups.iter().copied());
            }
        }
        let mut types = vec![Reach::None; api.types.len()];
        for op in &api.operations {
            let reach =
                if op.groups.is_empty() { Reach::Always } else { Reach::Groups(op.groups.iter().copied().collect()) };
            let mut stack: Vec<TypeId> = Vec::new();
            operation_type_refs(op, &mut |ty| named(ty, &mut stack));
            while let Some(id) = stack.pop() {
                if types[id.0].absorb(&reach) {
                    type_edges(api, id, &mut |ty| named(ty, &mut stack));
                }
            }
        }
        let all = api.groups.len();
        let to_gate = |groups: BTreeSet<GroupId>| if groups.len() == all { Gate::Always } else { Gate::Any(groups) };
        Self {
            groups: groups.into_iter().map(to_gate).collect(),
            types: types
                .into_iter()
                .map(|reach| match reach {
                    _ if !any_groups => Gate::Always,
                    Reach::None => Gate::Full,
                    Reach::Always => Gate::Always,
                    Reach::Groups(groups) => to_gate(groups),
                })
                .collect(),
        }
    }

    pub fn operation(&self, api: &Api, op: &Operation) -> Gate {
        if op.groups.is_empty() || op.groups.len() == api.groups.len() {
            return Gate::Always;
        }
        Gate::Any(op.groups.iter().copied().collect())
    }

    pub fn group(&self, id: GroupId) -> &Gate {
        &self.groups[id.0]
    }

    pub fn type_gate(&self, id: TypeId) -> &Gate {
        &self.types[id.0]
    }
}

/// The `cfg` predicate of a gate (`feature = "apps_v1"`, `any(feature = "a", feature = "b")`, `feature =
/// "full"`), features sorted by name; `None` for [`Gate::Always`].
pub fn cfg(api: &Api, gate: &Gate) -> Option<String> {
    let feature = |name: &str| format!("feature = \"{name}\"");
    match gate {
        Gate::Always => None,
        Gate::Full => Some(feature("full")),
        Gate::Any(groups) => {
            let mut names: Vec<&str> = groups.iter().map(|id| api.group(*id).feature.as_str()).collect();
            names.sort_unstable();
            Some(match names.as_slice() {
                [one] => feature(one),
                many => format!("any({})", many.iter().map(|name| feature(name)).collect::<Vec<_>>().join(", ")),
            })
        }
    }
}

/// Which operations reach a type so far.
#[derive(Clone, Debug)]
enum Reach {
    None,
    Always,
    Groups(BTreeSet<GroupId>),
}

impl Reach {
    /// Adds what `other` reaches; `true` when that changed anything (so the type's edges are walked again).
    fn absorb(&mut self, other: &Reach) -> bool {
        match (&mut *self, other) {
            (_, Reach::None) | (Reach::Always, _) => false,
            (_, Reach::Always) => {
                *self = Reach::Always;
                true
            }
            (Reach::None, Reach::Groups(groups)) if groups.len() > MAX_GATE_FEATURES => {
                *self = Reach::Always;
                true
            }
            (Reach::None, Reach::Groups(groups)) => {
                *self = Reach::Groups(groups.clone());
                true
            }
            (Reach::Groups(mine), Reach::Groups(groups)) => {
                let before = mine.len();
                mine.extend(groups.iter().copied());
                if mine.len() > MAX_GATE_FEATURES {
                    *self = Reach::Always;
                    return true;
                }
                mine.len() != before
            }
        }
    }
}

pub(crate) fn named(ty: &TypeRef, out: &mut Vec<TypeId>) {
    ty.visit(&mut |inner| {
        if let TypeRef::Named(id) = inner {
            out.push(*id);
        }
    });
}

/// The types an operation's signature and responses name directly.
fn operation_type_refs(op: &Operation, f: &mut impl FnMut(&TypeRef)) {
    for p in &op.parameters {
        f(&p.ty);
    }
    if let Some(body) = &op.body {
        f(&body.ty);
    }
    for response in &op.responses {
        if let Some(ty) = &response.ty {
            f(ty);
        }
        for header in &response.headers {
            f(&header.ty);
        }
    }
}

/// The types the item of type `id` names: fields, additional properties, the aliased or wrapped type,
/// `allOf` parents, discriminator children.
pub(crate) fn type_edges(api: &Api, id: TypeId, f: &mut impl FnMut(&TypeRef)) {
    match &api.type_def(id).kind {
        TypeKind::Struct(s) => {
            for field in &s.fields {
                f(&field.ty);
            }
            if let Some(extra) = &s.additional_properties {
                f(&extra.ty);
            }
            for parent in &s.all_of {
                f(&TypeRef::Named(*parent));
            }
            if let Some(d) = &s.discriminator {
                for (_, child) in &d.mapping {
                    f(&TypeRef::Named(*child));
                }
            }
        }
        TypeKind::Alias(ty) | TypeKind::Newtype(ty) => f(ty),
        TypeKind::Enum(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups(ids: &[usize]) -> Gate {
        Gate::Any(ids.iter().map(|&id| GroupId(id)).collect())
    }

    #[test]
    fn a_union_is_always_when_any_part_is_and_full_only_when_all_are() {
        assert_eq!(Gate::union([groups(&[1]), groups(&[0, 2])]), groups(&[0, 1, 2]));
        assert_eq!(Gate::union([groups(&[1]), Gate::Always]), Gate::Always);
        assert_eq!(Gate::union([Gate::Full, groups(&[1])]), groups(&[1]));
        assert_eq!(Gate::union([Gate::Full, Gate::Full]), Gate::Full);
        assert_eq!(Gate::union([]), Gate::Always);
    }

    #[test]
    fn reach_grows_only_by_what_is_new() {
        let mut reach = Reach::None;
        assert!(reach.absorb(&Reach::Groups([GroupId(1)].into())));
        assert!(!reach.absorb(&Reach::Groups([GroupId(1)].into())), "nothing new: the edges are not walked again");
        assert!(reach.absorb(&Reach::Groups([GroupId(0)].into())));
        assert!(reach.absorb(&Reach::Always));
        assert!(!reach.absorb(&Reach::Groups([GroupId(2)].into())));
    }

    #[test]
    fn a_type_reached_from_more_than_the_limit_of_features_is_always_compiled() {
        let mut reach = Reach::None;
        for group in 0..MAX_GATE_FEATURES {
            assert!(reach.absorb(&Reach::Groups([GroupId(group)].into())));
        }
        assert!(matches!(&reach, Reach::Groups(groups) if groups.len() == MAX_GATE_FEATURES));
        assert!(reach.absorb(&Reach::Groups([GroupId(MAX_GATE_FEATURES)].into())));
        assert!(matches!(reach, Reach::Always));
        let mut at_once = Reach::None;
        assert!(at_once.absorb(&Reach::Groups((0..=MAX_GATE_FEATURES).map(GroupId).collect())));
        assert!(matches!(at_once, Reach::Always));
    }
}
