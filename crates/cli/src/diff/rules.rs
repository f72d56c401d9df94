//! The one table that says how much each kind of change matters to users of the generated crate.
//!
//! "Breaking" means code written against the old generated crate may stop compiling or stop meaning what it
//! did: a method, argument, setter, field, variant or type it names is gone or has another Rust type. The rules
//! follow what the emitter generates:
//!
//! - required inputs are arguments of the `Client` method, optional ones builder setters;
//! - `send()` returns `Result<ResponseValue<T>, Error<E>>`, `T`/`E` a single body type or a per-status enum;
//! - models are plain structs with `pub` fields and no `Default`, built with struct literals: required fields
//!   are `T`, optional ones `Option<T>` (nullable ones one `Option` more);
//! - model enums are open (unknown values land in `Other`).
//!
//! Changes that leave every Rust signature as it was but change what goes on the wire are "patch": they need a
//! release (the client must follow the server) but no caller changes code.
//!
//! Every kind is declared exactly once, below, with its level and the reason; `Kind`, `Kind::ALL`,
//! `Kind::level` and `Kind::why` are generated from that table, so a kind without a rule cannot exist.

use serde::Serialize;

/// How much a change matters to code using the generated crate. Ordered: `Patch < Additive < Breaking`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Rust API unchanged; behaviour on the wire changed.
    Patch,
    /// New API; existing code compiles and behaves as before.
    Additive,
    /// Existing code may fail to compile or change meaning.
    Breaking,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Breaking, Level::Additive, Level::Patch];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Breaking => "breaking",
            Level::Additive => "additive",
            Level::Patch => "patch",
        }
    }

    /// The heading of this level's group in reports.
    pub fn title(self) -> &'static str {
        match self {
            Level::Breaking => "Breaking",
            Level::Additive => "Additive",
            Level::Patch => "Patch",
        }
    }
}

/// Declares the change kinds: `Variant = "kebab-name" => Level, "why";`.
macro_rules! rules {
    ($($(#[doc = $doc:literal])* $kind:ident = $name:literal => $level:ident, $why:literal;)*) => {
        /// What changed, as the generated Rust API sees it. Each kind has one fixed [`Level`]
        /// ([`Kind::level`]); the table in `rules.rs` is where both are declared.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum Kind {
            $($(#[doc = $doc])* $kind,)*
        }

        impl Kind {
            /// Every kind, in table order.
            pub const ALL: &'static [Kind] = &[$(Kind::$kind),*];

            /// The stable kebab-case name used in reports and in JSON.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Kind::$kind => $name,)*
                }
            }

            /// The rule: how much this kind of change matters.
            pub fn level(self) -> Level {
                match self {
                    $(Kind::$kind => Level::$level,)*
                }
            }

            /// Why the rule says so, for the README's table and `--format json`.
            pub fn why(self) -> &'static str {
                match self {
                    $(Kind::$kind => $why,)*
                }
            }
        }
    };
}

rules! {
    /// A new operation.
    OperationAdded = "operation-added" => Additive,
        "a new `Client` method and request builder; nothing existing changes";
    /// An operation is gone.
    OperationRemoved = "operation-removed" => Breaking,
        "calls to the removed method no longer compile";
    /// Same method and path, another Rust method or builder name (an `operationId` changed without a
    /// configured rename).
    OperationRenamed = "operation-renamed" => Breaking,
        "the method (and its builder type) has a new name; keep the old one with `[rename.operations]`";
    /// Same Rust method, another HTTP method or path template.
    OperationMoved = "operation-moved" => Patch,
        "the method keeps its name and signature; only the request it sends changes";
    /// The spec now marks the operation deprecated.
    OperationDeprecated = "operation-deprecated" => Additive,
        "`#[deprecated]` only warns, as cargo's semver rules treat deprecation as a minor change";
    /// A new required parameter or body: a new argument of the `Client` method.
    RequiredInputAdded = "required-input-added" => Breaking,
        "every call must pass the new argument";
    /// A new optional parameter or body: a new setter on the builder.
    OptionalInputAdded = "optional-input-added" => Additive,
        "a new builder setter; existing calls are unchanged";
    /// A parameter or body is gone: an argument or a setter disappears.
    InputRemoved = "input-removed" => Breaking,
        "calls passing it (argument or setter) no longer compile";
    /// An optional input became required: a setter became an argument.
    InputBecameRequired = "input-became-required" => Breaking,
        "the setter is gone and every call must pass the new argument";
    /// A required input became optional: an argument became a setter.
    InputBecameOptional = "input-became-optional" => Breaking,
        "the argument is gone (it is a setter now), so every call passing it no longer compiles";
    /// The Rust type an argument or setter accepts changed.
    InputRetyped = "input-retyped" => Breaking,
        "values of the old type are no longer accepted";
    /// A required argument has another name at the same position with the same type.
    ArgumentRenamed = "argument-renamed" => Patch,
        "arguments are positional: calls do not spell the name, so they compile and mean the same";
    /// Required arguments present on both sides are in another order.
    ArgumentsReordered = "arguments-reordered" => Breaking,
        "calls pass arguments by position: they stop compiling or, when the types agree, silently send each value \
         as the other parameter";
    /// Same Rust name and type, but sent differently: location, wire name, collection format, body media type.
    InputWireChanged = "input-wire-changed" => Patch,
        "the signature is unchanged; only the request on the wire differs";
    /// The `Ok` or `Err` type of `send()` changed, or the body type of one status in a response enum.
    ResponseTypeChanged = "response-type-changed" => Breaking,
        "code reading the response was written for the old type";
    /// A status gained a variant in a per-status response enum.
    ResponseVariantAdded = "response-variant-added" => Breaking,
        "response enums are not `#[non_exhaustive]`, so exhaustive `match`es stop compiling";
    /// A status lost its variant in a per-status response enum.
    ResponseVariantRemoved = "response-variant-removed" => Breaking,
        "code naming the variant no longer compiles";
    /// Declared statuses changed without changing any Rust type (they share the single body type).
    ResponseStatusChanged = "response-status-changed" => Patch,
        "`send()` has the same types; which statuses decode as success or error changes";
    /// Which security schemes an operation needs changed.
    SecurityChanged = "security-changed" => Patch,
        "credentials are set on the `Client`, so no signature changes; callers may need to set another credential";
    /// A new security scheme (or an OAuth2 client-credentials flow): a new credential setter on `Client`.
    SchemeAdded = "scheme-added" => Additive,
        "a new `Client::with_…` credential setter";
    /// A security scheme (or its client-credentials flow) is gone with its credential setter.
    SchemeRemoved = "scheme-removed" => Breaking,
        "calls to its `Client::with_…` setter no longer compile";
    /// A scheme changed kind (basic, API key, OAuth2), so its credential setter takes other arguments.
    SchemeRetyped = "scheme-retyped" => Breaking,
        "the credential setter's arguments changed";
    /// A scheme's header, query parameter, flow or URLs changed, but not its setter.
    SchemeWireChanged = "scheme-wire-changed" => Patch,
        "the setter is unchanged; the credential is sent or fetched differently";
    /// A new model type.
    TypeAdded = "type-added" => Additive,
        "a new item in `types`";
    /// A model type is gone (or renamed, which reads as removed plus added).
    TypeRemoved = "type-removed" => Breaking,
        "code naming the type no longer compiles";
    /// A model changed shape: struct, enum or alias, the enum's value type, or the alias's target.
    TypeChanged = "type-changed" => Breaking,
        "the type's Rust definition is different";
    /// A field was added to a model used in a request (reachable from a parameter or body).
    RequestFieldAdded = "request-field-added" => Breaking,
        "models have `pub` fields and no `Default`, so struct literals building the request lack the new field";
    /// A field was added to a model only read from responses.
    ResponseFieldAdded = "response-field-added" => Additive,
        "response-only models are read, not built, by callers (building one with a struct literal is not \
         supported use); deserializing older payloads still works for optional fields";
    /// A field is gone.
    FieldRemoved = "field-removed" => Breaking,
        "code reading or setting the field no longer compiles";
    /// A field's value type changed.
    FieldRetyped = "field-retyped" => Breaking,
        "code reading or setting the field was written for the old type";
    /// A field became required or optional, so its Rust type gained or lost an `Option`.
    FieldRequiredChanged = "field-required-changed" => Breaking,
        "`Option<T>` ↔ `T` breaks readers and writers alike, even when only responses use the model";
    /// Same Rust name and type, other JSON key or (de)serialization (a nullable field's `required`).
    FieldWireChanged = "field-wire-changed" => Patch,
        "the Rust field is unchanged; the JSON it maps to differs";
    /// A model enum gained a value.
    VariantAdded = "variant-added" => Additive,
        "model enums are open: the value already decoded (into `Other`); it now has its own variant";
    /// A model enum lost a value.
    VariantRemoved = "variant-removed" => Breaking,
        "code naming the variant no longer compiles";
    /// The spec now names a host: `Client::DEFAULT_BASE_URL` appears.
    BaseUrlAdded = "base-url-added" => Additive,
        "a new `Client::DEFAULT_BASE_URL` constant";
    /// The spec no longer names a host: `Client::DEFAULT_BASE_URL` disappears.
    BaseUrlRemoved = "base-url-removed" => Breaking,
        "code using `Client::DEFAULT_BASE_URL` no longer compiles";
    /// Another default host, scheme or base path.
    BaseUrlChanged = "base-url-changed" => Patch,
        "`Client::DEFAULT_BASE_URL` keeps its type; its value changes";
}

/// The rule for a kind of change: [`Kind::level`], named as the task asks for a single classifier.
pub fn classify(kind: Kind) -> Level {
    kind.level()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_kebab_case() {
        let mut names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        assert!(names.iter().all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '-')));
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Kind::ALL.len());
    }

    #[test]
    fn json_names_match_the_table() {
        for kind in Kind::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), serde_json::Value::from(kind.as_str()));
        }
    }

    #[test]
    fn levels_are_ordered_by_severity() {
        assert!(Level::Patch < Level::Additive && Level::Additive < Level::Breaking);
        assert_eq!(classify(Kind::OperationRemoved), Level::Breaking);
    }
}
