//! `swagger2rs.toml`: what a generated crate needs that is not spec content.
//!
//! ```toml
//! [spec]
//! allow_ref_roots = ["../common"]    # directories external `$ref`s may read too, relative to this file
//!
//! [crate]
//! name = "jira"                      # package name (default: from the spec's file name)
//! version = "0.1.0"                  # package version (default: 0.1.0)
//! description = "Jira Cloud client"  # package description (default: from the spec's title)
//!
//! [client]
//! base_url = "https://api.example.com/v2"                     # Client::DEFAULT_BASE_URL (overrides the spec's host)
//! base_url_template = "https://{your-domain}.atlassian.net/rest"  # documented pattern, when there is no single URL
//! group_by = "tag"   # `client.core_v1().list_namespaced_pod(ns)`; "none" (the default): every operation on Client
//!
//! [rename.operations]
//! getThing = "fetch_thing"   # keyed by operationId or by the generated method name
//!
//! [rename.types]
//! Pet = "Animal"             # keyed by definition name or by the generated type name
//!
//! [types.formats]
//! uuid = "uuid::Uuid"        # every value with this `format` becomes this Rust type
//!
//! [types.definitions]
//! Money = "rust_decimal::Decimal"   # this definition becomes an alias of the Rust type
//!
//! [types]
//! derives = ["Eq", "Hash", "schemars::JsonSchema"]  # added to every model that can have them
//! attributes = ["#[non_exhaustive]"]                 # added to every model
//! nulls = "strict"    # `null` for a required array or map is an error; "lenient" (the default): it reads as empty
//!
//! [dependencies]
//! uuid = { version = "1", features = ["serde"] }   # added to the generated crate's manifest
//!
//! [pagination.operations]            # keyed by operationId or by the generated method name
//! getIssueWorklog = { style = "offset", items = "worklogs", offset = "startAt", limit = "maxResults", stop = "total", total = "total" }
//!
//! [[pagination.patterns]]            # every operation that has these query parameters and response fields
//! style = "cursor"                   # single | offset | page | cursor | next-link | link-header
//! items = "data"
//! cursor = "after"
//! next-cursor = "next_cursor"
//! ```
//!
//! A pagination setting has the keys of the `x-swagger2rs-pagination` extension (README, "Pagination").
//!
//! External `$ref`s of the spec may read files of the repository checkout holding it (the nearest directory
//! above it with `.git`, `.hg` or `.jj`), or outside any repository of the spec's own directory; `[spec]
//! allow_ref_roots` allows more directories, as `--allow-ref-root` does on the command line.
//!
//! Unknown keys are errors, so a typo cannot be silently ignored.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use swagger2rs_parser::ir::{Api, TypeKind, TypeRef};
use swagger2rs_parser::locate::LineCol;
use swagger2rs_parser::model::{OperationPaging, PaginationSpec, PagingRules, PatternPaging};
use swagger2rs_parser::naming::{self, Rename};
use swagger2rs_parser::pointer::JsonPointer;
use swagger2rs_parser::{Code, Diagnostic, Location};

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub spec: SpecConfig,
    #[serde(default, rename = "crate")]
    pub crate_: CrateConfig,
    #[serde(default)]
    pub client: ClientConfig,
    #[serde(default)]
    pub rename: Renames,
    #[serde(default)]
    pub types: TypeOverrides,
    /// Extra dependencies of the generated crate (for overridden types), as in a Cargo manifest.
    #[serde(default)]
    pub dependencies: BTreeMap<String, toml::Value>,
    #[serde(default)]
    pub pagination: PaginationConfig,
    /// Where the configuration was read from, for diagnostics.
    #[serde(skip)]
    pub path: PathBuf,
}

/// `[spec]`: how the spec is read.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SpecConfig {
    /// Directories whose files external `$ref`s may read besides the spec's repository checkout, relative to
    /// the configuration file.
    #[serde(default)]
    pub allow_ref_roots: Vec<PathBuf>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CrateConfig {
    pub name: Option<String>,
    pub version: Option<String>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ClientConfig {
    pub base_url: Option<String>,
    pub base_url_template: Option<String>,
    #[serde(default)]
    pub group_by: GroupBy,
}

/// `[client] group_by`: where operation methods go.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    /// Every operation is a `Client` method: the layout of every earlier release, so upgrading breaks no
    /// caller; compile time does not depend on the layout (features do that), see BENCHMARKS.md.
    #[default]
    None,
    /// Tagged operations are methods of their first tag's group: `client.core_v1().list_namespaced_pod(ns)`.
    Tag,
}

impl From<GroupBy> for swagger2rs_emitter::GroupBy {
    fn from(group_by: GroupBy) -> Self {
        match group_by {
            GroupBy::None => Self::None,
            GroupBy::Tag => Self::Tag,
        }
    }
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Renames {
    #[serde(default)]
    pub operations: BTreeMap<String, String>,
    #[serde(default)]
    pub types: BTreeMap<String, String>,
}

/// How operations page, for APIs whose spec does not say (the same settings as `x-swagger2rs-pagination`).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PaginationConfig {
    /// Per operation, keyed by `operationId` or by the generated method name.
    #[serde(default)]
    pub operations: BTreeMap<String, PaginationSpec>,
    /// Applied, first match first, to every operation without a setting of its own whose query parameters and
    /// success schema have everything the pattern names.
    #[serde(default)]
    pub patterns: Vec<PaginationSpec>,
}

/// Existing Rust types to use instead of generated ones.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TypeOverrides {
    /// Spec `format` → Rust type, e.g. `uuid = "uuid::Uuid"` (applies to every schema and parameter with it).
    #[serde(default)]
    pub formats: BTreeMap<String, String>,
    /// Definition name → Rust type; the generated type becomes an alias of it.
    #[serde(default)]
    pub definitions: BTreeMap<String, String>,
    /// Derives added to every generated model that can have them (a model holding an `f64` gets no `Eq`, and
    /// says so in its docs); crates they come from go in `[dependencies]`.
    #[serde(default)]
    pub derives: Vec<String>,
    /// Outer attributes added to every generated model, verbatim.
    #[serde(default)]
    pub attributes: Vec<String>,
    /// What a `null` received for a required array or map, or for a whole body declared as one, decodes as.
    #[serde(default)]
    pub nulls: Nulls,
}

/// `[types] nulls`: how a generated client reads `null` where the spec declares an array or a map.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Nulls {
    /// As the empty value, since Go servers send `null` for an empty slice or map.
    #[default]
    Lenient,
    /// As a decoding error, as the spec says.
    Strict,
}

impl From<Nulls> for swagger2rs_emitter::Nulls {
    fn from(nulls: Nulls) -> Self {
        match nulls {
            Nulls::Lenient => Self::Lenient,
            Nulls::Strict => Self::Strict,
        }
    }
}

impl Config {
    /// Reads and validates a configuration file; errors name the file and line:column.
    pub fn load(path: &Path) -> Result<Self, Diagnostic> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Diagnostic::error(Code::Io, Location::new(path, JsonPointer::root()), format!("cannot read config: {e}"))
        })?;
        Self::parse(path, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<Self, Diagnostic> {
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let mut location = Location::new(path, JsonPointer::root());
            location.line_col = e.span().map(|span| line_col(text, span.start));
            Diagnostic::error(Code::InvalidShape, location, format!("invalid configuration: {}", e.message()))
        })?;
        config.path = path.to_path_buf();
        for (i, derive) in config.types.derives.iter().enumerate() {
            if let Err(e) = syn::parse_str::<syn::Path>(derive) {
                let index = i.to_string();
                return Err(
                    config.error(&["types", "derives", &index], format!("`{derive}` is not a derive path: {e}"))
                );
            }
        }
        for (i, attribute) in config.types.attributes.iter().enumerate() {
            if let Err(message) = outer_attributes(attribute) {
                return Err(config.error(&["types", "attributes", &i.to_string()], message));
            }
        }
        if let Some(name) = &config.crate_.name {
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
                return Err(config.error(&["crate", "name"], format!("`{name}` is not a valid package name")));
            }
        }
        Ok(config)
    }

    fn error(&self, keys: &[&str], message: String) -> Diagnostic {
        Diagnostic::error(Code::InvalidShape, self.location(keys), message)
    }

    fn location(&self, keys: &[&str]) -> Location {
        let pointer = keys.iter().fold(JsonPointer::root(), |p, k| p.push(k));
        Location::new(&self.path, pointer)
    }

    /// `[spec] allow_ref_roots`, each resolved against the configuration file's directory.
    pub fn ref_roots(&self) -> Vec<PathBuf> {
        let dir = self.path.parent().unwrap_or(Path::new(""));
        self.spec.allow_ref_roots.iter().map(|root| dir.join(root)).collect()
    }

    /// The configured renames, each located at its key, for the lowering to apply while it names things
    /// (so every name derived from a renamed operation or type follows it, and collisions are checked once).
    pub fn renames(&self) -> naming::Renames {
        let located = |table: &str, map: &BTreeMap<String, String>| -> Vec<Rename> {
            map.iter()
                .map(|(from, to)| Rename {
                    from: from.clone(),
                    to: to.clone(),
                    location: self.location(&["rename", table, from.as_str()]),
                })
                .collect()
        };
        naming::Renames {
            operations: located("operations", &self.rename.operations),
            types: located("types", &self.rename.types),
        }
    }

    /// The configured paging settings, each located at its key, for the lowering to check against the spec
    /// alongside the spec's own paging extensions.
    pub fn paging_rules(&self) -> PagingRules {
        PagingRules {
            operations: (self.pagination.operations.iter())
                .map(|(operation, spec)| OperationPaging {
                    operation: operation.clone(),
                    spec: spec.clone(),
                    location: self.location(&["pagination", "operations", operation.as_str()]),
                })
                .collect(),
            patterns: (self.pagination.patterns.iter().enumerate())
                .map(|(i, spec)| PatternPaging {
                    spec: spec.clone(),
                    location: self.location(&["pagination", "patterns", &i.to_string()]),
                })
                .collect(),
        }
    }

    /// Applies the base URL and the type overrides to the lowered API; an override that names nothing or is not
    /// a Rust type is an error, and the rest still apply.
    pub fn apply(&self, api: &mut Api) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        if let Some(url) = &self.client.base_url {
            api.default_base_url = Some(url.clone());
        }
        self.apply_type_overrides(api, &mut problems);
        problems
    }

    fn apply_type_overrides(&self, api: &mut Api, problems: &mut Vec<Diagnostic>) {
        let mut formats = BTreeMap::new();
        for (format, rust) in &self.types.formats {
            match rust_type(rust) {
                Ok(()) => {
                    formats.insert(format.as_str(), rust.clone());
                }
                Err(message) => problems.push(self.error(&["types", "formats", format.as_str()], message)),
            }
        }
        if !formats.is_empty() {
            api.visit_type_refs_mut(|ty| {
                if let TypeRef::Primitive(p) = ty {
                    if let Some(rust) = p.format().and_then(|f| formats.get(f)) {
                        *ty = TypeRef::External(rust.clone());
                    }
                }
            });
        }
        for (definition, rust) in &self.types.definitions {
            let at = ["types", "definitions", definition.as_str()];
            if let Err(message) = rust_type(rust) {
                problems.push(self.error(&at, message));
                continue;
            }
            match api.types.iter_mut().find(|t| t.definition.as_deref() == Some(definition.as_str())) {
                Some(def) => def.kind = TypeKind::Alias(TypeRef::External(rust.clone())),
                None => problems.push(self.error(&at, format!("the spec has no definition `{definition}`"))),
            }
        }
    }

    /// `(name, TOML value)` pairs for the generated manifest's `[dependencies]`.
    pub fn extra_dependencies(&self) -> Vec<(String, String)> {
        self.dependencies.iter().map(|(name, value)| (name.clone(), value.to_string())).collect()
    }
}

/// Checks that `text` is one or more outer attributes (`#[non_exhaustive]`) and nothing else, so that printing
/// it verbatim before a model cannot inject an item.
fn outer_attributes(text: &str) -> Result<(), String> {
    use syn::parse::Parser;
    match syn::Attribute::parse_outer.parse_str(text) {
        Ok(attributes) if !attributes.is_empty() => Ok(()),
        Ok(_) => Err(format!("`{text}` is not an attribute (write it as `#[...]`)")),
        Err(e) => Err(format!("`{text}` is not an outer attribute: {e}")),
    }
}

/// Checks that `text` is a Rust type, so that printing it verbatim cannot inject anything else.
fn rust_type(text: &str) -> Result<(), String> {
    syn::parse_str::<syn::Type>(text).map(|_| ()).map_err(|e| format!("`{text}` is not a Rust type: {e}"))
}

fn line_col(text: &str, offset: usize) -> LineCol {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() as u32 + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
    LineCol { line, column }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_by_reads_tag_or_none_and_defaults_to_none() {
        let parse = |text: &str| Config::parse(Path::new("c.toml"), text).map(|c| c.client.group_by);
        assert_eq!(parse("").unwrap(), GroupBy::None);
        assert_eq!(parse("[client]\ngroup_by = \"tag\"\n").unwrap(), GroupBy::Tag);
        assert_eq!(parse("[client]\ngroup_by = \"none\"\n").unwrap(), GroupBy::None);
        let error = parse("[client]\ngroup_by = \"path\"\n").unwrap_err();
        assert!(error.message.contains("path") && error.message.contains("tag"), "{}", error.message);
        assert_eq!(error.location.line_col.map(|at| at.line), Some(2), "located at the value");
    }

    #[test]
    fn unknown_keys_are_located_errors() {
        let error = Config::parse(Path::new("c.toml"), "[crate]\nname = \"x\"\nnmae = \"y\"\n").unwrap_err();
        assert_eq!(error.code, Code::InvalidShape);
        assert!(error.message.contains("nmae"), "{}", error.message);
        assert_eq!(error.location.line_col, Some(LineCol { line: 3, column: 1 }));
    }

    #[test]
    fn full_configuration_parses() {
        let text = "[crate]\nname = \"jira\"\nversion = \"1.2.3\"\ndescription = \"d\"\n[client]\nbase_url = \"https://x\"\n\
                    base_url_template = \"https://{site}\"\n[rename.operations]\ngetThing = \"fetch_thing\"\n\
                    [rename.types]\nPet = \"Animal\"\n";
        let config = Config::parse(Path::new("c.toml"), text).unwrap();
        assert_eq!(config.crate_.version.as_deref(), Some("1.2.3"));
        assert_eq!(config.rename.operations["getThing"], "fetch_thing");
        assert_eq!(config.client.base_url_template.as_deref(), Some("https://{site}"));
    }

    #[test]
    fn type_overrides_replace_formats_and_definitions() {
        let spec = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a/{id}:\n    get:\n      parameters:\n        \
                    - {name: id, in: path, required: true, type: string, format: uuid}\n      \
                    responses: {200: {description: ok, schema: {$ref: '#/definitions/Pet'}}}\ndefinitions:\n  \
                    Pet: {type: object, properties: {id: {type: string, format: uuid}}}\n";
        let mut api = swagger2rs_parser::load_str("s.yaml", spec).api.unwrap();
        let text = "[types.formats]\nuuid = \"uuid::Uuid\"\n[types.definitions]\nPet = \"other::Pet<u8>\"\nNope = \"X\"\n\
                    [dependencies]\nuuid = { version = \"1\", features = [\"serde\"] }\n";
        let config = Config::parse(Path::new("c.toml"), text).unwrap();
        let problems = config.apply(&mut api);
        assert_eq!(api.operations[0].parameters[0].ty, TypeRef::External("uuid::Uuid".into()));
        assert!(matches!(&api.types[0].kind, TypeKind::Alias(TypeRef::External(p)) if p == "other::Pet<u8>"));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].location.pointer.as_str(), "/types/definitions/Nope");
        assert_eq!(
            config.extra_dependencies(),
            [("uuid".to_owned(), "{ features = [\"serde\"], version = \"1\" }".to_owned())]
        );
    }

    #[test]
    fn type_overrides_must_be_rust_types() {
        let text = "[types.formats]\nuuid = \"fn main() {}\"\n";
        let config = Config::parse(Path::new("c.toml"), text).unwrap();
        let mut api =
            swagger2rs_parser::load_str("s.yaml", "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n")
                .api
                .unwrap();
        let problems = config.apply(&mut api);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("is not a Rust type"), "{}", problems[0].message);
    }

    #[test]
    fn nulls_reads_lenient_or_strict_and_defaults_to_lenient() {
        let parse = |text: &str| Config::parse(Path::new("c.toml"), text).map(|c| c.types.nulls);
        assert_eq!(parse("").unwrap(), Nulls::Lenient);
        assert_eq!(parse("[types]\nnulls = \"strict\"\n").unwrap(), Nulls::Strict);
        assert_eq!(parse("[types]\nnulls = \"lenient\"\n").unwrap(), Nulls::Lenient);
        let error = parse("[types]\nnulls = \"loose\"\n").unwrap_err();
        assert!(error.message.contains("loose") && error.message.contains("lenient"), "{}", error.message);
        assert_eq!(error.location.line_col.map(|at| at.line), Some(2), "located at the value");
    }

    #[test]
    fn model_derives_and_attributes_are_checked() {
        let text = "[types]\nderives = [\"Eq\", \"schemars::JsonSchema\"]\nattributes = [\"#[non_exhaustive]\"]\n";
        let config = Config::parse(Path::new("c.toml"), text).unwrap();
        assert_eq!(config.types.derives, ["Eq", "schemars::JsonSchema"]);
        assert_eq!(config.types.attributes, ["#[non_exhaustive]"]);
        let bad_derive = Config::parse(Path::new("c.toml"), "[types]\nderives = [\"Eq\", \"fn x\"]\n").unwrap_err();
        assert_eq!(bad_derive.location.pointer.as_str(), "/types/derives/1");
        for bad in ["non_exhaustive", "#[a] struct X;", "#![inner]"] {
            let text = format!("[types]\nattributes = [{bad:?}]\n");
            let error = Config::parse(Path::new("c.toml"), &text).unwrap_err();
            assert_eq!(error.location.pointer.as_str(), "/types/attributes/0", "{bad}");
        }
    }

    #[test]
    fn pagination_settings_are_located_at_their_keys_and_typos_are_errors() {
        let text = "[pagination.operations]\ngetA = { style = \"cursor\", items = \"data\", cursor = \"after\", \
                    next-cursor = \"next\" }\n[[pagination.patterns]]\nstyle = \"link-header\"\n";
        let config = Config::parse(Path::new("c.toml"), text).unwrap();
        let rules = config.paging_rules();
        assert_eq!(rules.operations[0].operation, "getA");
        assert_eq!(rules.operations[0].location.pointer.as_str(), "/pagination/operations/getA");
        assert_eq!(
            rules.operations[0].spec,
            PaginationSpec::Cursor { items: Some("data".into()), cursor: "after".into(), next_cursor: "next".into() }
        );
        assert_eq!(rules.patterns[0].spec, PaginationSpec::LinkHeader { items: None });
        assert_eq!(rules.patterns[0].location.pointer.as_str(), "/pagination/patterns/0");
        let typo = "[pagination.operations]\ngetA = { style = \"cursor\", cursor = \"a\", next_cursor = \"n\" }\n";
        let error = Config::parse(Path::new("c.toml"), typo).unwrap_err();
        assert!(error.message.contains("next_cursor"), "{}", error.message);
        assert_eq!(error.location.line_col.map(|lc| lc.line), Some(2));
    }

    #[test]
    fn ref_roots_are_relative_to_the_configuration_file() {
        let text = "[spec]\nallow_ref_roots = [\"../common\", \"/abs\"]\n";
        let config = Config::parse(Path::new("specs/swagger2rs.toml"), text).unwrap();
        assert_eq!(config.ref_roots(), [PathBuf::from("specs/../common"), PathBuf::from("/abs")]);
        assert!(Config::parse(Path::new("c.toml"), "[spec]\nallow_ref_root = []\n").is_err(), "a typo is an error");
    }

    #[test]
    fn invalid_package_names_are_rejected() {
        assert!(Config::parse(Path::new("c.toml"), "[crate]\nname = \"a b\"\n").is_err());
    }

    #[test]
    fn renames_are_located_at_their_keys() {
        let config = Config::parse(Path::new("c.toml"), "[rename.operations]\ngetA = \"fetch_a\"\n").unwrap();
        let renames = config.renames();
        assert_eq!(renames.operations.len(), 1);
        assert_eq!((renames.operations[0].from.as_str(), renames.operations[0].to.as_str()), ("getA", "fetch_a"));
        assert_eq!(renames.operations[0].location.pointer.as_str(), "/rename/operations/getA");
        assert!(renames.types.is_empty());
    }
}
