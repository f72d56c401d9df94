//! How deeply the generated types contain each other, for the crate's `recursion_limit`.
//!
//! rustc's drop check walks a type's fields recursively, through `Option`, `Vec` and `Box` alike, and stops
//! at its recursion limit (128): a spec whose models hold each other along a chain deeper than that
//! (`Item500 { previous: Option<Item499> }`, …) is valid but gives a crate that does not compile. The crate
//! root raises the limit to fit the deepest chain instead.

use swagger2rs_parser::ir::{Api, TypeId};

use crate::features::{named, type_edges};

/// Chains up to this deep compile under rustc's default limit, with room for the types serde's derives wrap
/// them in; deeper ones get a `recursion_limit`.
const DEFAULT_LIMIT_FITS: usize = 48;

/// The `recursion_limit` the crate needs, when rustc's default is not enough.
pub fn recursion_limit(api: &Api) -> Option<usize> {
    let depth = max_depth(api);
    (depth > DEFAULT_LIMIT_FITS).then(|| (2 * depth + 128).next_power_of_two())
}

/// The longest chain of types naming each other (fields, items, aliases, variants), each cycle counted once:
/// an iterative depth-first walk, so a chain of any length costs linear time and no stack.
pub fn max_depth(api: &Api) -> usize {
    let edges: Vec<Vec<usize>> = (0..api.types.len())
        .map(|i| {
            let mut named_ids = Vec::new();
            type_edges(api, TypeId(i), &mut |ty| named(ty, &mut named_ids));
            named_ids.into_iter().map(|id| id.0).collect()
        })
        .collect();
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Open,
        Done,
    }
    let mut state = vec![State::New; edges.len()];
    let mut depth = vec![0usize; edges.len()];
    for root in 0..edges.len() {
        if state[root] != State::New {
            continue;
        }
        state[root] = State::Open;
        let mut stack = vec![(root, 0usize)];
        while let Some((node, next)) = stack.last_mut() {
            let node = *node;
            if let Some(&child) = edges[node].get(*next) {
                *next += 1;
                if state[child] == State::New {
                    state[child] = State::Open;
                    stack.push((child, 0));
                }
                continue;
            }
            // Children still open are this node's ancestors (a cycle): they add nothing here.
            let deepest = edges[node].iter().filter(|&&c| state[c] == State::Done).map(|&c| depth[c]).max();
            depth[node] = 1 + deepest.unwrap_or(0);
            state[node] = State::Done;
            stack.pop();
        }
    }
    depth.into_iter().max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(links: usize, close: bool) -> Api {
        let mut spec = String::from("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n");
        for i in 0..links {
            let next = if close { (i + 1) % links } else { i + 1 };
            spec.push_str(&format!(
                "  T{i}: {{type: object, properties: {{next: {{$ref: '#/definitions/T{next}'}}}}}}\n"
            ));
        }
        if !close {
            spec.push_str(&format!("  T{links}: {{type: object, properties: {{end: {{type: string}}}}}}\n"));
        }
        swagger2rs_parser::load_str("chain.yaml", spec).api.expect("an API")
    }

    #[test]
    fn a_chain_counts_every_link_and_a_cycle_each_member_once() {
        assert_eq!(max_depth(&chain(10, false)), 11);
        assert_eq!(max_depth(&chain(10, true)), 10);
        assert_eq!(recursion_limit(&chain(10, false)), None);
        assert_eq!(recursion_limit(&chain(200, false)), Some(1024));
        // Deep enough to overflow a recursive walk's stack.
        assert_eq!(max_depth(&chain(20_000, false)), 20_001);
    }
}
