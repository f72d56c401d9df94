//! Every Rust name the generator prints is decided here, once.
//!
//! Rules (documented in ARCHITECTURE.md):
//! - Words are split on case changes and on any character that is not an ASCII letter or digit, then joined
//!   as `snake_case` or `UpperCamelCase` with heck. Non-ASCII letters are treated as separators so that the
//!   output never trips rustc's confusable-identifier lints.
//! - A name that is empty after this becomes a fallback word (`field`, `Variant`, …).
//! - A name starting with a digit gets a leading `_` (`200_response` → `_200_response`).
//! - Rust keywords and names reserved in a namespace get a trailing `_` (`type` → `type_`).
//! - Collisions within a namespace are resolved in the order names are claimed (document order), by appending
//!   `_2`, `_3`, … (snake) or `2`, `3`, … (camel). Claiming order never depends on hashing. Each base
//!   remembers the first number that may still be free, so a thousand claims of one name cost a thousand
//!   look-ups, not half a million.
//! - The generator's own names never collide with the spec's, and the spec's yield. Every name the generated
//!   code spells itself in a namespace the spec also fills is listed in that namespace's `RESERVED_*` list, so a
//!   spec name equal to one gets the `_` escape: the fallback variant `Other` of open enums and discriminated
//!   unions ([`RESERVED_VARIANTS`]: a value or child named `Other` is the variant `Other_`), the `Client`'s own
//!   methods ([`RESERVED_CLIENT_METHODS`]), a request builder's own methods ([`RESERVED_BUILDER_NAMES`]), the
//!   std names the `types` module uses ([`RESERVED_TYPE_NAMES`]), the crate's own cargo features
//!   ([`RESERVED_FEATURES`]). Names the generator derives per item and carries in the IR (a struct's map of
//!   unknown keys, a group's `Client` accessor, a credential setter, `…Success` types) are claimed in the same
//!   namespace after the spec's own names, so they are the ones numbered. Names the generated code uses only
//!   inside its own items, where spec names are in scope (the written `Deserialize`'s locals `__map`, `__key`
//!   and type parameter `__A`), start with `__`, which no name decided here ever does.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::diagnostic::Location;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use serde::Serialize;

/// A string that is a valid, non-keyword Rust identifier. Only this module constructs one.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Ident(String);

impl Ident {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Ident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Strict, reserved and 2024-edition keywords, plus the identifiers that cannot be raw.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Which case a namespace uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    Snake,
    UpperCamel,
    /// Constants: `BEARER_TOKEN`.
    ShoutySnake,
}

/// The longest name decided here, before a collision number: rustdoc writes a page per type
/// (`struct.<Name>.html`), and a file name over 255 bytes fails the whole `cargo doc`. A spec's name longer than
/// this (a sentence used as a definition name) is cut, and a cut that collides is numbered like any other.
pub const MAX_IDENT_LEN: usize = 128;

/// Turns arbitrary spec text into an identifier of the given case (at most [`MAX_IDENT_LEN`] characters),
/// without deduplication.
pub fn to_ident(raw: &str, case: Case, fallback: &str) -> Ident {
    let words: String = raw.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    let mut name = match case {
        Case::Snake => words.to_snake_case(),
        Case::UpperCamel => words.to_upper_camel_case(),
        Case::ShoutySnake => words.to_shouty_snake_case(),
    };
    if name.len() > MAX_IDENT_LEN {
        name.truncate(MAX_IDENT_LEN);
        name.truncate(name.trim_end_matches('_').len());
    }
    if name.is_empty() {
        name = fallback.to_owned();
    }
    // A snake-case name of digits alone (a field `"0"`) would be `_0`, which clippy calls a name that says
    // nothing (`just_underscores_and_digits`): it takes the namespace's word instead (`field_0`).
    if case == Case::Snake && name.bytes().all(|b| b.is_ascii_digit()) {
        name = format!("{fallback}_{name}");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    }
    Ident(name)
}

/// A set of names that must not collide (a module's types, a struct's fields, a client's methods, …).
#[derive(Clone, Debug)]
pub struct Namespace {
    case: Case,
    fallback: &'static str,
    reserved: &'static [&'static str],
    used: HashSet<String>,
    /// For each base that collided: the smallest number whose name was not yet seen taken. Names are never
    /// released, so every smaller number stays taken and the search resumes here.
    next_number: HashMap<String, usize>,
    /// Names taken up front by configured renames, so generated names make way for them.
    chosen: HashSet<String>,
    /// `(name a claim wanted, name it got)` when a chosen name pushed a generated one aside.
    displaced: Vec<(String, Ident)>,
}

impl Namespace {
    pub fn new(case: Case, fallback: &'static str, reserved: &'static [&'static str]) -> Self {
        Self {
            case,
            fallback,
            reserved,
            used: HashSet::new(),
            next_number: HashMap::new(),
            chosen: HashSet::new(),
            displaced: Vec::new(),
        }
    }

    /// The identifier for `raw` in this namespace, recorded so later claims cannot take it.
    pub fn claim(&mut self, raw: &str) -> Ident {
        let base = self.base(raw);
        let wanted = self.chosen.contains(&base).then(|| base.clone());
        let ident = self.claim_exact(base);
        if let Some(wanted) = wanted {
            self.displaced.push((wanted, ident.clone()));
        }
        ident
    }

    /// What [`claim`](Self::claim) would return for `raw` now, without recording it.
    pub fn peek(&self, raw: &str) -> Ident {
        let base = self.base(raw);
        Ident(self.free_name(&base).0)
    }

    /// Takes a name a user chose (already validated with [`user_ident`]) ahead of every generated one; `false`
    /// when it is taken already.
    pub fn choose(&mut self, name: &Ident) -> bool {
        if !self.used.insert(name.0.clone()) {
            return false;
        }
        self.chosen.insert(name.0.clone());
        true
    }

    /// Generated names that had to make way for chosen ones: `(the name it wanted, the name it got)`.
    pub fn displaced(&self) -> &[(String, Ident)] {
        &self.displaced
    }

    fn base(&self, raw: &str) -> String {
        let Ident(mut base) = to_ident(raw, self.case, self.fallback);
        if self.reserved.contains(&base.as_str()) {
            base.push('_');
        }
        base
    }

    fn numbered(&self, base: &str, n: usize) -> String {
        // A numbered name is no keyword, so the keyword escape goes: `self_2`, not `self__2`; `Other2`, not
        // `Other_2`.
        let base = if base.len() > 1 { base.strip_suffix('_').unwrap_or(base) } else { base };
        match self.case {
            Case::Snake | Case::ShoutySnake => format!("{base}_{n}"),
            // `Pet2`, but `V1_2` rather than the ambiguous `V12`.
            Case::UpperCamel if base.ends_with(|c: char| c.is_ascii_digit()) => format!("{base}_{n}"),
            Case::UpperCamel => format!("{base}{n}"),
        }
    }

    /// Claims `base` or, if taken, the first free numbered variant of it.
    fn claim_exact(&mut self, base: String) -> Ident {
        let (candidate, number) = self.free_name(&base);
        if let Some(n) = number {
            self.next_number.insert(base, n + 1);
        }
        self.used.insert(candidate.clone());
        Ident(candidate)
    }

    /// `base` if it is free, else its first free numbered variant and that number. The search starts where the
    /// previous one for this base ended, so repeated claims of one base cost constant time each.
    fn free_name(&self, base: &str) -> (String, Option<usize>) {
        if !self.used.contains(base) {
            return (base.to_owned(), None);
        }
        let mut n = self.next_number.get(base).copied().unwrap_or(2);
        loop {
            let candidate = self.numbered(base, n);
            if !self.used.contains(&candidate) {
                return (candidate, Some(n));
            }
            n += 1;
        }
    }

    /// Whether `name` (an already-formed identifier) is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.used.contains(name)
    }
}

/// Names a generated crate's `types` module must not reuse: they are in scope there (prelude, std) or used by
/// the generated code itself.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option",
    "Result",
    "Some",
    "None",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Iterator",
    "IntoIterator",
    "Into",
    "From",
    "ToString",
    "ToOwned",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Hash",
    "AsRef",
    "AsMut",
    "Extend",
    "Serialize",
    "Deserialize",
    "Value",
    "Map",
    "BTreeMap",
    "HashMap",
    "Bytes",
    "Client",
    "Error",
    "ResponseValue",
];

/// Names of `Client` methods that are not operations (inherent ones and common trait methods that an
/// inherent method would shadow).
pub const RESERVED_CLIENT_METHODS: &[&str] = &[
    "new",
    "with_http_client",
    "with_default_header",
    "with_basic_auth",
    "with_bearer_token",
    "with_retry",
    "with_timeout",
    "with_user_agent",
    "with_hook",
    "with_token_provider",
    "base_url",
    "http_client",
    "core",
    "set_default_header",
    "set_basic_auth",
    "set_bearer_token",
    "set_credential",
    "clone",
    "clone_from",
    "fmt",
    "eq",
    "ne",
    "hash",
    "into",
    "from",
    "default",
    "to_owned",
    "borrow",
    "as_ref",
    "type_id",
];

/// Names a request builder uses itself, which parameters must not take.
pub const RESERVED_BUILDER_NAMES: &[&str] = &[
    "client",
    "request",
    "send",
    "send_streaming",
    "send_json_stream",
    "timeout",
    "retry",
    "new",
    "clone",
    "fmt",
    "into",
    "from",
    // Paged and long-running operations.
    "stream",
    "pages",
    "send_and_wait",
    "send_and_wait_with",
    "pager",
];

/// The variant every open enum and discriminated union ends with, holding a value the spec does not list.
pub const FALLBACK_VARIANT: &str = "Other";

/// Names an enum's or a discriminated union's variants must not take: the generated fallback variant.
pub const RESERVED_VARIANTS: &[&str] = &[FALLBACK_VARIANT];

/// The variant names of a discriminated union, one per child type name in the order given: the child's type
/// name, made to yield to [`RESERVED_VARIANTS`] (a child type `Other` is the variant `Other_`).
pub fn union_variant_names<'a>(children: impl IntoIterator<Item = &'a Ident>) -> Vec<Ident> {
    let mut names = Namespace::new(Case::UpperCamel, "Variant", RESERVED_VARIANTS);
    children.into_iter().map(|child| names.claim(child.as_str())).collect()
}

/// Names a group's feature must not take: the generated crate's own features.
pub const RESERVED_FEATURES: &[&str] = &["default", "full", "tracing"];

/// An operation's method name inside its group: `operation` (a snake_case name) without the first run of
/// words equal to `group` (the group's snake_case feature name), so `list_core_v1_namespaced_pod` in
/// `core_v1` reads `client.core_v1().list_namespaced_pod(…)`. `None` when the words do not occur or removing
/// them leaves nothing, or something that is not an identifier (a leading digit).
pub fn strip_group_words(operation: &str, group: &str) -> Option<String> {
    let words: Vec<&str> = operation.split('_').filter(|w| !w.is_empty()).collect();
    let group: Vec<&str> = group.split('_').filter(|w| !w.is_empty()).collect();
    if group.is_empty() || words.len() <= group.len() {
        return None;
    }
    let start = words.windows(group.len()).position(|window| window == group.as_slice())?;
    let rest: Vec<&str> = words[..start].iter().chain(&words[start + group.len()..]).copied().collect();
    let name = rest.join("_");
    (!name.starts_with(|c: char| c.is_ascii_digit()) && !KEYWORDS.contains(&name.as_str())).then_some(name)
}

/// Derives an operation's base name (before case conversion and deduplication).
///
/// - A Java-style id (`com.atlassian.jira.rest.v2.issue.IssueResource.getIssue_get`) keeps its last segment,
///   and the `_<method>` suffix such exporters append is dropped, also when they truncated it
///   (`deleteDashboardItemProperty_delet`). Other ids are kept whole: `create_post` may well mean "create post".
/// - Without an id the name is built from the method and the path: `GET /pets/{id}` → `get_pets_by_id`.
pub fn operation_base_name(operation_id: Option<&str>, method: &str, path: &str) -> String {
    match operation_id.map(str::trim).filter(|id| !id.is_empty()) {
        Some(id) if looks_java_qualified(id) => {
            let last = id.rsplit('.').next().unwrap_or(id);
            strip_method_suffix(last, method).to_owned()
        }
        Some(id) => id.to_owned(),
        None => name_from_path(method, path),
    }
}

/// `a.b.C.d`-style ids: dot-separated identifier segments, at least three of them.
fn looks_java_qualified(id: &str) -> bool {
    let segments: Vec<&str> = id.split('.').collect();
    segments.len() >= 3
        && segments
            .iter()
            .all(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$'))
}

fn strip_method_suffix<'a>(name: &'a str, method: &str) -> &'a str {
    if let Some((head, tail)) = name.rsplit_once('_') {
        let tail_lower = tail.to_ascii_lowercase();
        let is_method_prefix = tail.len() >= 3 && method.starts_with(tail_lower.as_str());
        let is_method = tail_lower == method;
        if !head.is_empty() && (is_method || is_method_prefix) {
            return head;
        }
    }
    name
}

fn name_from_path(method: &str, path: &str) -> String {
    let mut out = method.to_owned();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(param) => {
                out.push_str(" by ");
                out.push_str(param);
            }
            None => {
                out.push(' ');
                out.push_str(segment);
            }
        }
    }
    out
}

/// The raw names (before case conversion) that root definitions claim as type names, in the order given:
/// each namespaced definition (`io.k8s.api.core.v1.Pod`, `com.atlassian.jira.rest.v2.issue.IssueBean`,
/// `v1.Pod`) is named by the shortest dot-suffix of it that no other definition in the document shares
/// (`Pod`; `core.v1.Event` and `events.v1.Event` where two `Event`s exist), compared as the identifiers they
/// become so `v1.Pod` and `V1Pod` collide as they would in Rust. A suffix never stops at a version segment
/// (`v1`, `v1beta2`, `2`): `Thing.v2` keeps `Thing.v2`. Other names are kept whole.
///
/// The rule depends only on the set of names, never on their order, so a name changes only when a definition
/// sharing its suffix is added or removed (pin it with `[rename.types]`). What still collides (a suffix
/// equal to an inline type's name) is numbered by [`Namespace`] in document order as usual.
pub fn definition_type_names(definitions: &[&str]) -> Vec<String> {
    let candidates: Vec<Vec<(String, String)>> = definitions.iter().map(|name| suffix_candidates(name)).collect();
    let mut owners: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for list in &candidates {
        let mut seen = HashSet::new();
        for (_, ident) in list {
            if seen.insert(ident.as_str()) {
                *owners.entry(ident.as_str()).or_default() += 1;
            }
        }
    }
    definitions
        .iter()
        .zip(&candidates)
        .map(|(name, list)| match list.iter().find(|(_, ident)| owners[ident.as_str()] == 1) {
            Some((raw, _)) => raw.clone(),
            None => (*name).to_owned(),
        })
        .collect()
}

/// The dot-suffixes a definition may be named by, shortest first, each with the identifier it becomes; a name
/// that is not namespaced has only itself.
fn suffix_candidates(name: &str) -> Vec<(String, String)> {
    let ident = |raw: &str| to_ident(raw, Case::UpperCamel, "Type").0;
    let segments: Vec<&str> = name.split('.').collect();
    let namespaced = segments.len() >= 2
        && segments
            .iter()
            .all(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '-')));
    if !namespaced {
        return vec![(name.to_owned(), ident(name))];
    }
    (1..=segments.len())
        .filter(|&n| !is_version_segment(segments[segments.len() - n]) || n == segments.len())
        .map(|n| {
            let raw = segments[segments.len() - n..].join(".");
            let formed = ident(&raw);
            (raw, formed)
        })
        .collect()
}

/// `v1`, `v1beta2`, `v2alpha1`, `2`: a segment that names a version, not a thing.
fn is_version_segment(segment: &str) -> bool {
    let rest = segment.strip_prefix(['v', 'V']).unwrap_or(segment);
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    digits > 0 && {
        let tail = &rest[digits..];
        tail.is_empty()
            || ["alpha", "beta", "rc"]
                .iter()
                .any(|word| tail.strip_prefix(word).is_some_and(|n| n.chars().all(|c| c.is_ascii_digit())))
    }
}

/// A name chosen by configuration for an operation or a type, keyed by its `operationId`, definition name or
/// generated name; applied while names are decided, so every name derived from it follows (an operation's
/// builder, its `…Success`/`…Headers` types, its inline `…Body`/`…Response` types).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rename {
    pub from: String,
    pub to: String,
    /// Where the configuration says so, for diagnostics.
    pub location: Location,
}

/// Every configured rename.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Renames {
    pub operations: Vec<Rename>,
    pub types: Vec<Rename>,
}

/// `fetch_thing` → `FetchThing`: the builder name that goes with an operation name.
pub fn builder_name(operation: &str) -> String {
    to_ident(operation, Case::UpperCamel, "Operation").0
}

/// Checks that `name` can be used verbatim as a snake_case (`case == Snake`) or UpperCamelCase identifier chosen
/// by a user (configuration renames): it must already be in that case, not a keyword, and not reserved.
pub fn user_ident(name: &str, case: Case, reserved: &[&str]) -> Result<Ident, String> {
    let formed = to_ident(name, case, "");
    if formed.as_str() != name {
        let expected = match case {
            Case::Snake => "snake_case",
            Case::UpperCamel => "UpperCamelCase",
            Case::ShoutySnake => "SHOUTY_SNAKE_CASE",
        };
        return Err(format!("`{name}` is not a {expected} Rust identifier (it would be `{formed}`)"));
    }
    if reserved.contains(&name) {
        return Err(format!("`{name}` is reserved by the generated code"));
    }
    Ok(formed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_names_from_java_ids() {
        let id = "com.atlassian.jira.rest.v2.issue.IssueResource.getIssue_get";
        assert_eq!(operation_base_name(Some(id), "get", "/x"), "getIssue");
        let id = "com.atlassian.jira.rest.v2.dashboard.DashboardItemPropertyResource.deleteDashboardItemProperty_delet";
        assert_eq!(operation_base_name(Some(id), "delete", "/x"), "deleteDashboardItemProperty");
        assert_eq!(operation_base_name(Some("addPet"), "post", "/pet"), "addPet");
        assert_eq!(operation_base_name(Some("find pets by id"), "get", "/x"), "find pets by id");
        assert_eq!(operation_base_name(Some("create_post"), "post", "/x"), "create_post");
        assert_eq!(operation_base_name(Some("a.b.C._get"), "get", "/x"), "_get");
    }

    #[test]
    fn operation_names_from_paths() {
        assert_eq!(operation_base_name(None, "get", "/pets/{id}"), "get pets by id");
        assert_eq!(
            to_ident(&operation_base_name(None, "get", "/pets/{id}"), Case::Snake, "op").as_str(),
            "get_pets_by_id"
        );
        assert_eq!(operation_base_name(Some("  "), "post", "/"), "post");
    }

    #[test]
    fn identifiers_are_valid() {
        assert_eq!(to_ident("type", Case::Snake, "f").as_str(), "type_");
        assert_eq!(to_ident("self", Case::UpperCamel, "F").as_str(), "Self_");
        assert_eq!(to_ident("200_response", Case::Snake, "f").as_str(), "_200_response");
        assert_eq!(to_ident("$special[model.name]", Case::UpperCamel, "F").as_str(), "SpecialModelName");
        assert_eq!(to_ident("", Case::Snake, "field").as_str(), "field");
        assert_eq!(to_ident("Ω", Case::Snake, "field").as_str(), "field");
        assert_eq!(to_ident("fn main() {}", Case::Snake, "f").as_str(), "fn_main");
        assert_eq!(to_ident("force-account-id", Case::Snake, "f").as_str(), "force_account_id");
    }

    #[test]
    fn collisions_are_numbered_in_claim_order() {
        let mut ns = Namespace::new(Case::Snake, "field", &["client"]);
        assert_eq!(ns.claim("fooBar").as_str(), "foo_bar");
        assert_eq!(ns.claim("foo_bar").as_str(), "foo_bar_2");
        assert_eq!(ns.claim("FOO BAR").as_str(), "foo_bar_3");
        assert_eq!(ns.claim("client").as_str(), "client_");
        let mut types = Namespace::new(Case::UpperCamel, "Type", RESERVED_TYPE_NAMES);
        assert_eq!(types.claim("pet").as_str(), "Pet");
        assert_eq!(types.claim("Pet").as_str(), "Pet2");
        assert_eq!(types.claim("Option").as_str(), "Option_");
        assert_eq!(types.claim("Option").as_str(), "Option2", "never `Option_2`");
        let mut fields = Namespace::new(Case::Snake, "field", &[]);
        assert_eq!(fields.claim("self").as_str(), "self_");
        assert_eq!(fields.claim("self").as_str(), "self_2", "never `self__2`");
        assert_eq!(fields.claim("Self").as_str(), "self_3");
    }

    #[test]
    fn snake_names_of_digits_alone_take_the_namespace_word() {
        assert_eq!(to_ident("0", Case::Snake, "field").as_str(), "field_0");
        assert_eq!(to_ident("2024", Case::Snake, "tag").as_str(), "tag_2024");
        assert_eq!(to_ident("2nd", Case::Snake, "field").as_str(), "_2nd");
        assert_eq!(to_ident("1", Case::UpperCamel, "Variant").as_str(), "_1", "variants are not linted");
    }

    #[test]
    fn long_names_are_cut_and_numbered_when_the_cut_collides() {
        let long = "a very long definition name ".repeat(20);
        let ident = to_ident(&long, Case::UpperCamel, "Type");
        assert!(ident.as_str().len() <= MAX_IDENT_LEN, "{}", ident.as_str());
        assert!(ident.as_str().starts_with("AVeryLongDefinitionName"));
        let snake = to_ident(&long, Case::Snake, "field");
        assert!(snake.as_str().len() <= MAX_IDENT_LEN && !snake.as_str().ends_with('_'), "{}", snake.as_str());
        let mut types = Namespace::new(Case::UpperCamel, "Type", &[]);
        let first = types.claim(&format!("{long} one"));
        let second = types.claim(&format!("{long} two"));
        assert_ne!(first, second, "two names that agree up to the cut stay distinct");
    }

    #[test]
    fn the_spec_yields_to_the_fallback_variant() {
        let children = [to_ident("Circle", Case::UpperCamel, "T"), to_ident("Other", Case::UpperCamel, "T")];
        let names = union_variant_names(&children);
        assert_eq!(names.iter().map(Ident::as_str).collect::<Vec<_>>(), ["Circle", "Other_"]);
        let mut variants = Namespace::new(Case::UpperCamel, "Variant", RESERVED_VARIANTS);
        assert_eq!(variants.claim("other").as_str(), "Other_");
        assert_eq!(variants.claim("Other").as_str(), "Other2");
    }

    #[test]
    fn numbering_resumes_without_reusing_or_skipping_names() {
        let mut ns = Namespace::new(Case::Snake, "field", &[]);
        assert_eq!(ns.claim("foo_3").as_str(), "foo_3");
        assert_eq!(ns.claim("foo").as_str(), "foo");
        assert_eq!(ns.peek("foo").as_str(), "foo_2");
        assert_eq!(ns.claim("foo").as_str(), "foo_2");
        assert_eq!(ns.claim("foo").as_str(), "foo_4", "`foo_3` was claimed by its own name");
        assert_eq!(ns.claim("foo_5").as_str(), "foo_5");
        assert_eq!(ns.claim("foo").as_str(), "foo_6");
        let names: Vec<String> = (0..1000).map(|_| ns.claim("bar").as_str().to_owned()).collect();
        assert_eq!(names[0], "bar");
        assert_eq!(names[1], "bar_2");
        assert_eq!(names[999], "bar_1000");
    }
}
