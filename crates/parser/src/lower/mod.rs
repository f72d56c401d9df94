//! Lowering: from the loaded document to the [`ir::Api`](crate::ir::Api).
//!
//! The lowering walks the JSON value tree itself and deserializes the serde model one object at a time
//! (an operation, a parameter, a schema). That is what lets one malformed operation be reported at its own
//! location while every other operation is still lowered.

mod groups;
mod operations;
pub use operations::parse_path_template;
mod paging;
pub use paging::PAGINATION_EXTENSION;
mod parameters;
mod refs;
use refs::Referrer;
mod renames;
mod responses;
mod security;
mod types;
mod wire;

use std::collections::{HashMap, HashSet};

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::ir::{Api, TypeDef, TypeId};
use crate::model::{PagingRules, Swagger};
use crate::naming::{Case, Namespace, RESERVED_CLIENT_METHODS, RESERVED_TYPE_NAMES, Renames};
use crate::pointer::JsonPointer;
use crate::source::{FileId, Node, Sources};

/// Checks that the root document is Swagger 2.0, with a message that says what it is instead. An unquoted
/// YAML `swagger: 2.0` (a number) is accepted with a warning.
pub fn check_version(sources: &Sources) -> Result<Option<Diagnostic>, Diagnostic> {
    let root = &sources.root().value;
    let at = |key: &str| sources.location(FileId::ROOT, JsonPointer::root().push(key));
    let Value::Object(map) = root else {
        return Err(Diagnostic::error(
            Code::NotSwagger2,
            sources.location(FileId::ROOT, JsonPointer::root()),
            "the document is not an object, so it cannot be a Swagger 2.0 spec",
        ));
    };
    match (map.get("swagger"), map.get("openapi")) {
        (Some(Value::String(v)), _) if v == "2.0" => Ok(None),
        (Some(Value::Number(n)), _) if n.as_f64() == Some(2.0) => Ok(Some(Diagnostic::warning(
            Code::InvalidShape,
            at("swagger"),
            "`swagger: 2.0` is a number; read as the version string \"2.0\" (quote it to silence this)",
        ))),
        (_, Some(v)) => Err(Diagnostic::error(
            Code::NotSwagger2,
            at("openapi"),
            format!("this is an OpenAPI {} document; swagger2rs reads Swagger 2.0 (`swagger: \"2.0\"`)", display(v)),
        )),
        (Some(v), _) => Err(Diagnostic::error(
            Code::NotSwagger2,
            at("swagger"),
            format!("unsupported `swagger` version {}; expected \"2.0\"", display(v)),
        )),
        (None, None) => Err(Diagnostic::error(
            Code::NotSwagger2,
            sources.location(FileId::ROOT, JsonPointer::root()),
            "missing `swagger: \"2.0\"`: not a Swagger 2.0 document",
        )),
    }
}

fn display(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Lowers a loaded spec with the configured renames and paging rules. Never fails as a whole: problems become
/// diagnostics and the affected item is skipped.
pub fn lower(sources: &Sources, renames: &Renames, paging: &PagingRules) -> (Api, Diagnostics) {
    let mut lowerer = Lowerer::new(sources);
    lowerer.diagnostics.extend(sources.load_warnings());
    lowerer.choose_names(renames);
    lowerer.paging = paging::ConfiguredPaging::new(paging);
    let swagger = lowerer.document_shell();
    lowerer.declare_definitions();
    lowerer.lower_definitions();
    let security_schemes = lowerer.security_schemes(&swagger);
    let mut operations = lowerer.operations(&swagger, &security_schemes);
    let groups = lowerer.groups(&swagger, &mut operations);
    lowerer.link_discriminators();
    lowerer.report_renames();
    lowerer.report_paging_rules();
    let mut types: Vec<TypeDef> =
        lowerer.types.into_iter().map(|t| t.expect("every declared type is defined")).collect();
    for (location, message) in types::wrap_recursive_aliases(&mut types) {
        lowerer.diagnostics.push(Diagnostic::warning(Code::Unsupported, location, message));
    }
    types::mark_cycles(&mut types);
    types::check_field_defaults(&mut types, &mut lowerer.diagnostics);
    let api = Api {
        title: swagger.info.title.clone(),
        version: swagger.info.version.clone(),
        description: swagger.info.description.clone(),
        default_base_url: default_base_url(&swagger),
        base_path: swagger.base_path.clone().unwrap_or_else(|| "/".to_owned()),
        operations,
        types,
        security_schemes,
        groups,
    };
    let mut diagnostics = lowerer.diagnostics;
    // Items shared by several operations (path-level and `#/parameters` entries, global `security`) are
    // checked once per use; each finding is reported once.
    diagnostics.dedup();
    (api, diagnostics)
}

fn default_base_url(swagger: &Swagger) -> Option<String> {
    let host = swagger.host.as_deref().filter(|h| !h.is_empty())?;
    let scheme = swagger.schemes.first().map(String::as_str).unwrap_or("https");
    let base_path = swagger.base_path.as_deref().unwrap_or("").trim_end_matches('/');
    Some(format!("{scheme}://{host}{base_path}"))
}

/// State shared by the lowering passes.
pub(crate) struct Lowerer<'s> {
    sources: &'s Sources,
    diagnostics: Diagnostics,
    /// Slots are reserved (None) before a type is lowered so that references, including cyclic ones,
    /// can point at it early.
    types: Vec<Option<TypeDef>>,
    /// Named schemas (definitions and other `$ref` targets) already given a type.
    by_target: HashMap<Node, TypeId>,
    /// Named types whose schema has been lowered, and those being lowered right now (an `allOf` cycle).
    defined: HashSet<TypeId>,
    defining: HashSet<TypeId>,
    /// Structs holding a flattened map of unknown keys, themselves or through a composed `allOf` parent.
    map_holders: HashSet<TypeId>,
    /// Where each `$ref` chain followed so far ends, a value or a failure, by every node on it, so a chain is
    /// walked once however many references lead into it (a 20,000-link alias chain costs linear time).
    refs: refs::RefMemo<'s>,
    /// How many named types are being lowered inside each other right now (a chain of references to types
    /// not lowered yet); bounded so hostile chains cannot exhaust the stack.
    nesting: usize,
    /// `x-ms-discriminator-value` of types that declare one.
    discriminator_values: HashMap<TypeId, String>,
    type_names: Namespace,
    operation_names: Namespace,
    builder_names: Namespace,
    /// Names configuration chose, taken before any is generated.
    chosen: renames::ChosenNames,
    /// Configured paging rules, and which matched.
    paging: paging::ConfiguredPaging,
}

impl<'s> Lowerer<'s> {
    fn new(sources: &'s Sources) -> Self {
        Self {
            sources,
            diagnostics: Diagnostics::default(),
            types: Vec::new(),
            by_target: HashMap::new(),
            discriminator_values: HashMap::new(),
            defined: HashSet::new(),
            map_holders: HashSet::new(),
            refs: refs::RefMemo::default(),
            nesting: 0,
            defining: HashSet::new(),
            type_names: Namespace::new(Case::UpperCamel, "Type", RESERVED_TYPE_NAMES),
            operation_names: Namespace::new(Case::Snake, "operation", RESERVED_CLIENT_METHODS),
            builder_names: Namespace::new(Case::UpperCamel, "Operation", RESERVED_TYPE_NAMES),
            chosen: renames::ChosenNames::default(),
            paging: paging::ConfiguredPaging::default(),
        }
    }

    fn location(&self, at: &Node) -> Location {
        self.sources.location(at.file, at.pointer.clone())
    }

    fn error(&mut self, code: Code, at: &Node, message: impl Into<String>) {
        let location = self.location(at);
        self.diagnostics.push(Diagnostic::error(code, location, message));
    }

    fn warning(&mut self, code: Code, at: &Node, message: impl Into<String>) {
        let location = self.location(at);
        self.diagnostics.push(Diagnostic::warning(code, location, message));
    }

    /// Deserializes one model object, reporting a failure at the exact failing path inside it.
    fn deserialize<T: DeserializeOwned>(&mut self, value: &Value, at: &Node) -> Option<T> {
        match serde_path_to_error::deserialize::<_, T>(value) {
            Ok(item) => Some(item),
            Err(err) => {
                let mut failed = at.clone();
                for segment in err.path().iter() {
                    failed = match segment {
                        serde_path_to_error::Segment::Seq { index } => failed.index(*index),
                        serde_path_to_error::Segment::Map { key } => failed.push(key),
                        serde_path_to_error::Segment::Enum { variant } => failed.push(variant),
                        serde_path_to_error::Segment::Unknown => failed,
                    };
                }
                let message = err.into_inner().to_string();
                self.error(Code::InvalidShape, &failed, message);
                None
            }
        }
    }

    /// The document without its large tables, which are lowered entry by entry.
    fn document_shell(&mut self) -> Swagger {
        let mut shell = serde_json::Map::new();
        if let Value::Object(root) = &self.sources.root().value {
            for (key, value) in root {
                if !matches!(key.as_str(), "paths" | "x-ms-paths" | "definitions" | "parameters" | "responses") {
                    shell.insert(key.clone(), value.clone());
                }
            }
        }
        let shell = Value::Object(shell);
        self.deserialize(&shell, &Node::root(FileId::ROOT))
            .unwrap_or_else(|| Swagger { swagger: "2.0".to_owned(), ..Swagger::default() })
    }
}
