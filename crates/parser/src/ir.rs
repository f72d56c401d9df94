//! The intermediate representation: a language-neutral, fully resolved description of an API.
//!
//! Everything here is decided: `$ref`s are followed, defaults applied, lenient repairs made, and every
//! name the emitter will print has been chosen (see [`crate::naming`]). The emitter only translates.
//! No `syn`/`quote` types appear here, so the IR can be inspected, snapshotted and reused by other back ends.

use serde::Serialize;

use crate::diagnostic::Location;
pub use crate::media::MediaType;
use crate::naming::Ident;

/// A whole API: the operations to generate methods for and the types they use.
#[derive(Clone, Debug, Serialize)]
pub struct Api {
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    /// `scheme://host/basePath` when the spec names a host; `None` when callers must supply the base URL.
    pub default_base_url: Option<String>,
    /// The spec's `basePath`, kept for documentation: operation paths are relative to it, so a caller's base
    /// URL includes it.
    pub base_path: String,
    pub operations: Vec<Operation>,
    /// Indexed by [`TypeId`].
    pub types: Vec<TypeDef>,
    pub security_schemes: Vec<SecurityScheme>,
    /// One per distinct operation tag, in the order tags first appear on operations; indexed by [`GroupId`].
    pub groups: Vec<Group>,
}

impl Api {
    pub fn type_def(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    pub fn group(&self, id: GroupId) -> &Group {
        &self.groups[id.0]
    }
}

/// Index of a [`Group`] in [`Api::groups`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct GroupId(pub usize);

/// The operations tagged with one tag: a cargo feature of the generated crate, and (when the client is grouped
/// by tag) one accessor on the client returning one borrowed struct that holds those operations' methods.
#[derive(Clone, Debug, Serialize)]
pub struct Group {
    /// The tag as written.
    pub tag: String,
    /// The description of the tag in the document's `tags` list.
    pub description: Option<String>,
    /// The cargo feature (and module file) name: the tag in snake_case, unique among the groups and never
    /// `default`, `full` or `tracing`.
    pub feature: Ident,
    /// The `Client` method returning the group (`core_v1`), claimed with the operation methods.
    pub method: Ident,
    /// The group's struct (`CoreV1`).
    pub type_name: Ident,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
}

impl HttpMethod {
    /// Parses a lower-case path item key such as `get`.
    pub fn from_key(key: &str) -> Option<Self> {
        Some(match key {
            "get" => Self::Get,
            "put" => Self::Put,
            "post" => Self::Post,
            "delete" => Self::Delete,
            "options" => Self::Options,
            "head" => Self::Head,
            "patch" => Self::Patch,
            _ => return None,
        })
    }

    /// The upper-case method token sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Put => "PUT",
            Self::Post => "POST",
            Self::Delete => "DELETE",
            Self::Options => "OPTIONS",
            Self::Head => "HEAD",
            Self::Patch => "PATCH",
        }
    }
}

/// One piece of a path template such as `/api/2/issue/{issueIdOrKey}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum PathSegment {
    /// Literal text, sent as written.
    Literal(String),
    /// A `{name}` placeholder; the string is the parameter's wire name.
    Param(String),
}

/// One piece of the fixed query of an AutoRest `x-ms-paths` key (`/{container}?restype=container&comp`),
/// percent-decoded: sent before the operation's own query parameters on every call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QueryPair {
    pub name: String,
    /// `None` for a key written without `=` (`comp`), sent as the bare key.
    pub value: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Operation {
    /// The `operationId` as written, if any.
    pub operation_id: Option<String>,
    /// The method name on the client (snake_case).
    pub name: Ident,
    /// The name of the operation's request builder (UpperCamelCase).
    pub type_name: Ident,
    pub method: HttpMethod,
    /// The path template as written (relative to `basePath`), with the query part of an `x-ms-paths` key.
    pub path: String,
    /// The path part of [`Self::path`] parsed, Gin-style `:name` segments read as `{name}`.
    pub path_segments: Vec<PathSegment>,
    /// The query part of an `x-ms-paths` key, in its order; empty for operations under `paths`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixed_query: Vec<QueryPair>,
    pub tags: Vec<String>,
    /// The groups of the operation's tags, in tag order, each once; the first is where a grouped client puts
    /// the operation. Empty for an untagged operation, which stays on the client.
    pub groups: Vec<GroupId>,
    /// The operation's method name inside its first group: [`Self::name`] without the words of the group's
    /// name (`list_core_v1_namespaced_pod` in `core_v1` → `list_namespaced_pod`) when that leaves a name not
    /// taken in the group; [`Self::name`] otherwise and for untagged operations.
    pub group_method: Ident,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    /// Effective media types (operation's own, else the document's).
    pub consumes: Vec<String>,
    pub produces: Vec<String>,
    pub schemes: Vec<String>,
    /// The `Accept` header to send (the JSON media type when the operation produces one, else every type it
    /// lists); `None` when `produces` is empty.
    pub accept: Option<String>,
    /// How formData parameters are encoded; `None` when the operation has none.
    pub form: Option<FormEncoding>,
    /// Effective security: alternatives (any one suffices), each a set of schemes used together.
    /// Empty means the operation needs no authentication.
    pub security: Vec<Vec<SecurityUse>>,
    /// Path, query, header and formData parameters, path-level ones merged in.
    pub parameters: Vec<Parameter>,
    pub body: Option<Body>,
    pub responses: Vec<Response>,
    /// How bodies without a schema, and those of statuses the spec does not declare, decode: JSON when the
    /// operation produces JSON (or lists nothing), else bytes.
    pub untyped_decoding: ResponseDecoding,
    /// Names of the enums that tell responses apart by status, set when the declared responses on that side
    /// (success: 2xx and `default`; error: other codes and `default`) have more than one body type.
    pub success_enum: Option<Ident>,
    pub error_enum: Option<Ident>,
    /// Name of the struct of typed response headers, when any response declares headers.
    pub headers_type: Option<Ident>,
    /// How the operation's answers page, when it is pageable (`x-ms-pageable`, `x-swagger2rs-pagination` or
    /// configuration); the builder then streams items and pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
    /// Set for `x-ms-long-running-operation`: the builder can send and poll until the work is done.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub long_running: Option<LongRunning>,
    #[serde(skip)]
    pub location: Location,
}

impl Operation {
    pub fn parameters_in(&self, location: ParamLocation) -> impl Iterator<Item = &Parameter> {
        self.parameters.iter().filter(move |p| p.location == location)
    }
}

/// How a pageable operation's pages hold their items and lead to the next, checked against the operation's
/// parameters and its success schema.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pagination {
    /// Where a page keeps its items: a field of the success body, or (`None`) the body is the array.
    pub items: Option<FieldAccess>,
    /// The type of one item.
    pub item_type: TypeRef,
    pub next: PageNext,
    /// When the success type is an enum by status (`{Op}Success`, e.g. beside a `default` error schema): the
    /// statuses whose variants hold a page. Other variants hold no items and end the stream.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub page_statuses: Vec<u16>,
}

/// A field of a response body read by generated code, with what its Rust shape needs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldAccess {
    pub wire_name: String,
    pub name: Ident,
    pub presence: Presence,
    /// The field's type (without the `Option`s of its presence).
    pub ty: TypeRef,
}

/// How the request for the next page is made. Parameters are query parameters, by wire name.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum PageNext {
    /// One page only.
    Single,
    /// `param` is the index of the first item; a request without it starts at `first`.
    Offset { param: String, first: i64, stop: PageStop },
    /// `param` is the page number; a request without it asks for page `first`.
    PageNumber { param: String, first: i64, stop: PageStop },
    /// The response field holds the value of `param` for the next page.
    Cursor { param: String, field: FieldAccess },
    /// The response field holds the URL of the next page.
    NextLink { field: FieldAccess },
    /// The RFC 8288 `Link` header with `rel="next"` holds the URL of the next page.
    LinkHeader,
}

/// When an offset or page-number stream has reached its last page (an empty page always ends it).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum PageStop {
    /// When the next offset reaches this integer field.
    Total(FieldAccess),
    /// When the page number reaches this integer field.
    TotalPages(FieldAccess),
    /// When a page holds fewer items than the query parameter `limit` asked for (or its spec `default`).
    ShortPage {
        limit: String,
        default: Option<i64>,
    },
    EmptyPage,
}

/// A long-running operation (`x-ms-long-running-operation`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LongRunning {
    /// Where the final result is read (`x-ms-long-running-operation-options.final-state-via`; by default the
    /// original URI for `PUT` and `PATCH`, else `Location`).
    pub final_state: FinalState,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum FinalState {
    AzureAsyncOperation,
    Location,
    OriginalUri,
}

/// How a struct field appears in Rust, from `required`, `readOnly` and `x-nullable`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Presence {
    /// `T`.
    Required,
    /// `Option<T>`: required but may be `null`.
    RequiredNullable,
    /// `Option<T>`: may be absent.
    Optional,
    /// `Option<Option<T>>`: may be absent or `null`.
    OptionalNullable,
}

/// How an operation's formData parameters go on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum FormEncoding {
    /// `application/x-www-form-urlencoded`.
    UrlEncoded,
    /// `multipart/form-data`: chosen when a field is a file or the operation's first form media type is
    /// multipart.
    Multipart,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    FormData,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum CollectionFormat {
    Csv,
    Ssv,
    Tsv,
    Pipes,
    Multi,
}

#[derive(Clone, Debug, Serialize)]
pub struct Parameter {
    pub wire_name: String,
    pub name: Ident,
    pub location: ParamLocation,
    pub ty: TypeRef,
    pub required: bool,
    /// For array parameters: how the values are joined (`csv` when the spec does not say).
    pub collection_format: Option<CollectionFormat>,
    /// For arrays of arrays: how each inner array is joined first (its `items.collectionFormat`, `csv` when
    /// the spec does not say; `multi` cannot apply inside a value and reads as `csv`).
    pub item_collection_format: Option<CollectionFormat>,
    pub default: Option<serde_json::Value>,
    pub constraints: Constraints,
    pub description: Option<String>,
    pub allow_empty_value: bool,
}

/// Validation keywords, kept for documentation and for later validation support.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Constraints {
    pub maximum: Option<f64>,
    pub exclusive_maximum: bool,
    pub minimum: Option<f64>,
    pub exclusive_minimum: bool,
    pub max_length: Option<u64>,
    pub min_length: Option<u64>,
    pub pattern: Option<String>,
    pub max_items: Option<u64>,
    pub min_items: Option<u64>,
    pub unique_items: bool,
    pub multiple_of: Option<f64>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Body {
    pub wire_name: String,
    pub name: Ident,
    pub ty: TypeRef,
    pub required: bool,
    /// How the value is put in the request body.
    pub encoding: BodyEncoding,
    /// The `Content-Type` it is sent with: the `consumes` entry that fits the encoding, else
    /// `application/json` (JSON) or `application/octet-stream` (bytes).
    pub media_type: MediaType,
    pub description: Option<String>,
}

/// How a body parameter is sent, decided from the effective `consumes` and the body's schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum BodyEncoding {
    /// The value serialized as JSON.
    Json,
    /// A string sent as the text itself (`text/plain` and other non-JSON types with a string schema).
    Text,
    /// Raw bytes (files, and binary or base64 strings in a non-JSON media type such as
    /// `application/octet-stream`).
    Bytes,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum StatusCode {
    Code(u16),
    Default,
}

impl StatusCode {
    pub fn is_success(self) -> bool {
        matches!(self, StatusCode::Code(200..=299))
    }

    /// A declared status code outside 2xx (`default` is neither success nor error: it covers both).
    pub fn is_error_code(self) -> bool {
        matches!(self, StatusCode::Code(code) if !(200..=299).contains(&code))
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Response {
    pub status: StatusCode,
    pub description: String,
    /// The body's type; `None` when the spec declares no schema (the body is still kept, untyped).
    pub ty: Option<TypeRef>,
    /// How the body is decoded, decided from the effective `produces`, the schema and the status.
    pub decoding: ResponseDecoding,
    pub headers: Vec<ResponseHeader>,
}

impl Response {
    /// The type the body decodes into, when it decodes as JSON into a declared schema (`None` is untyped
    /// JSON for [`ResponseDecoding::Json`], and no schema is used for the other decodings).
    pub fn json_type(&self) -> Option<&TypeRef> {
        match self.decoding {
            ResponseDecoding::Json => self.ty.as_ref(),
            ResponseDecoding::JsonStream
            | ResponseDecoding::Text
            | ResponseDecoding::Bytes
            | ResponseDecoding::Empty => None,
        }
    }

    /// The type of one item, when the body decodes as a stream of JSON values of a declared schema (`None` is
    /// untyped JSON items for [`ResponseDecoding::JsonStream`]).
    pub fn item_type(&self) -> Option<&TypeRef> {
        match self.decoding {
            ResponseDecoding::JsonStream => self.ty.as_ref(),
            ResponseDecoding::Json | ResponseDecoding::Text | ResponseDecoding::Bytes | ResponseDecoding::Empty => None,
        }
    }

    /// Two responses decode the same way into the same type: they can share one Rust type.
    pub fn same_body_as(&self, other: &Response) -> bool {
        self.decoding == other.decoding
            && self.json_type() == other.json_type()
            && self.item_type() == other.item_type()
    }
}

/// How a response body is decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum ResponseDecoding {
    /// JSON, into the schema's type or, without one, into untyped JSON; an empty body reads as `null`.
    Json,
    /// A sequence of JSON values (`application/x-ndjson`, `application/jsonl`, `application/json-seq`: see
    /// [`MediaType::is_json_stream`]), each of the schema's type or, without one, untyped JSON; read whole as
    /// a `Vec` of items, or item by item as they arrive.
    JsonStream,
    /// UTF-8 text (a string schema in a non-JSON media type).
    Text,
    /// Raw bytes, which can also be streamed: files, binary strings, and media types the client cannot
    /// decode.
    Bytes,
    /// No body: `204 No Content` without a schema.
    Empty,
}

#[derive(Clone, Debug, Serialize)]
pub struct ResponseHeader {
    pub wire_name: String,
    pub name: Ident,
    pub ty: TypeRef,
    pub description: Option<String>,
}

/// One scheme of a security alternative, with the OAuth2 scopes it asks for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SecurityUse {
    pub scheme: String,
    pub scopes: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SecurityScheme {
    /// The `securityDefinitions` key.
    pub key: String,
    /// The client method that sets this scheme's credential (`with_api_key`); claimed in the same namespace as
    /// operation methods so the two cannot collide.
    pub name: Ident,
    /// For OAuth2 client-credentials flows (`flow: application`) with a token URL: the client method that
    /// fetches and refreshes tokens from it (`with_petstore_auth_client_credentials`).
    pub client_credentials_name: Option<Ident>,
    pub kind: SecurityKind,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum SecurityKind {
    Basic,
    ApiKeyHeader { header: String },
    ApiKeyQuery { param: String },
    OAuth2 { flow: String, authorization_url: Option<String>, token_url: Option<String>, scopes: Vec<(String, String)> },
}

/// Index of a [`TypeDef`] in [`Api::types`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct TypeId(pub usize);

/// A type as used by a field, parameter or response.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum TypeRef {
    Primitive(Primitive),
    Named(TypeId),
    Array(Box<TypeRef>),
    /// A JSON object with string keys and values of the given type.
    Map(Box<TypeRef>),
    /// Free-form JSON.
    Any,
    /// `type: file`: raw bytes (a formData part or a response body).
    File,
    /// A Rust type chosen by configuration (`uuid::Uuid`), written as a path the emitter prints verbatim;
    /// configuration validates it as a Rust type before it gets here.
    External(String),
    /// An array item or map value that may be JSON `null` (`x-nullable: true` on `items` or
    /// `additionalProperties`, or on the definition they refer to). Fields carry their own `nullable` flag.
    Nullable(Box<TypeRef>),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Primitive {
    String(StringFormat),
    Integer(IntegerFormat),
    Number(NumberFormat),
    Boolean,
}

impl Primitive {
    /// The spec's `format` for this primitive, if any (`int32`, `date-time`, `uuid`, …).
    pub fn format(&self) -> Option<&str> {
        match self {
            Primitive::String(f) => match f {
                StringFormat::Plain => None,
                StringFormat::Byte => Some("byte"),
                StringFormat::Binary => Some("binary"),
                StringFormat::Date => Some("date"),
                StringFormat::DateTime => Some("date-time"),
                StringFormat::Password => Some("password"),
                StringFormat::Other(other) => Some(other),
            },
            Primitive::Integer(IntegerFormat::Int32) => Some("int32"),
            Primitive::Integer(IntegerFormat::Int64) => Some("int64"),
            Primitive::Number(NumberFormat::Float) => Some("float"),
            Primitive::Number(NumberFormat::Double) => Some("double"),
            Primitive::Integer(IntegerFormat::Unspecified) | Primitive::Number(NumberFormat::Unspecified) => None,
            Primitive::Boolean => None,
        }
    }
}

/// Writes a visitor over type references twice, once by shared and once by mutable reference, so the
/// two walks cannot disagree about which places hold types.
macro_rules! type_ref_visitors {
    ($visit:ident, $visit_all:ident, $($mutability:tt)?) => {
        impl TypeRef {
            /// Calls `f` on this type and every type nested in it (array items, map values), innermost last.
            pub fn $visit(&$($mutability)? self, f: &mut impl FnMut(&$($mutability)? TypeRef)) {
                f(self);
                if let TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) = self {
                    inner.$visit(f);
                }
            }
        }

        impl Api {
            /// Calls `f` on every type reference in the API: parameters, bodies, responses, headers, fields
            /// and aliases. Configuration substitutes types with it; the emitter finds the crates a client
            /// needs with it.
            pub fn $visit_all(&$($mutability)? self, mut f: impl FnMut(&$($mutability)? TypeRef)) {
                for op in &$($mutability)? self.operations {
                    for p in &$($mutability)? op.parameters {
                        p.ty.$visit(&mut f);
                    }
                    if let Some(body) = &$($mutability)? op.body {
                        body.ty.$visit(&mut f);
                    }
                    for response in &$($mutability)? op.responses {
                        if let Some(ty) = &$($mutability)? response.ty {
                            ty.$visit(&mut f);
                        }
                        for h in &$($mutability)? response.headers {
                            h.ty.$visit(&mut f);
                        }
                    }
                }
                for def in &$($mutability)? self.types {
                    match &$($mutability)? def.kind {
                        TypeKind::Struct(s) => {
                            for field in &$($mutability)? s.fields {
                                field.ty.$visit(&mut f);
                            }
                            if let Some(extra) = &$($mutability)? s.additional_properties {
                                extra.ty.$visit(&mut f);
                            }
                        }
                        TypeKind::Alias(ty) | TypeKind::Newtype(ty) => ty.$visit(&mut f),
                        TypeKind::Enum(_) => {}
                    }
                }
            }
        }
    };
}

type_ref_visitors!(visit, visit_type_refs,);
type_ref_visitors!(visit_mut, visit_type_refs_mut, mut);

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum StringFormat {
    Plain,
    /// Base64-encoded bytes.
    Byte,
    Binary,
    Date,
    DateTime,
    Password,
    /// A format the generator does not interpret (e.g. `uuid`, `email`); the value stays a string.
    Other(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum IntegerFormat {
    Int32,
    Int64,
    /// No or an unknown format: 64 bits are used so no value is lost.
    Unspecified,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum NumberFormat {
    Float,
    Double,
    Unspecified,
}

#[derive(Clone, Debug, Serialize)]
pub struct TypeDef {
    pub id: TypeId,
    pub name: Ident,
    /// The definition name for `definitions` entries (and external files), `None` for inline schemas.
    pub definition: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub kind: TypeKind,
    #[serde(skip)]
    pub location: Location,
}

#[derive(Clone, Debug, Serialize)]
pub enum TypeKind {
    Struct(Struct),
    Enum(Enum),
    /// A named alias of another type (a definition that is a primitive, array, map or free-form object).
    Alias(TypeRef),
    /// A named wrapper of another type, for an alias that contains itself (`Tree: {type: array, items:
    /// {$ref: Tree}}`), which a Rust type alias cannot express; on the wire it is the wrapped value.
    Newtype(TypeRef),
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Struct {
    /// All fields, in document order: those merged from `allOf` parts, except that a big parent is one
    /// [`Field::flatten`] field holding it.
    pub fields: Vec<Field>,
    /// Named types this one was composed from with `allOf` (their fields are merged in, or held by a
    /// [`Field::flatten`] field).
    pub all_of: Vec<TypeId>,
    /// Keys not listed in `properties` (`additionalProperties` alongside properties), kept in a map field.
    pub additional_properties: Option<AdditionalProperties>,
    /// `additionalProperties: false`: the spec forbids unknown keys.
    pub deny_unknown: bool,
    pub discriminator: Option<Discriminator>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AdditionalProperties {
    /// The Rust name of the map field, chosen not to collide with the struct's other fields.
    pub name: Ident,
    pub ty: TypeRef,
}

#[derive(Clone, Debug, Serialize)]
pub struct Discriminator {
    /// The wire name of the property holding the tag.
    pub property: String,
    /// Tag value → the type it selects (children composing this type with `allOf`), in document order.
    pub mapping: Vec<(String, TypeId)>,
    /// Children that close a by-value cycle through this type (a child with a field of the base type): the
    /// emitter must add indirection to their variants.
    pub indirect_children: Vec<TypeId>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Field {
    pub wire_name: String,
    pub name: Ident,
    pub ty: TypeRef,
    pub required: bool,
    /// `x-nullable: true`: the value may be JSON `null`.
    pub nullable: bool,
    pub read_only: bool,
    pub default: Option<serde_json::Value>,
    pub description: Option<String>,
    /// Set on the edges of a by-value type cycle: the emitter must add indirection (e.g. `Box`) here.
    pub needs_indirection: bool,
    /// The field holds a composed `allOf` parent (`ty` names it), whose properties sit beside this struct's
    /// own on the wire (`#[serde(flatten)]`); `wire_name` is the parent's type name, not a JSON key. Only
    /// parents too big to copy are composed, so a deep chain's output stays linear.
    pub flatten: bool,
}

impl Field {
    /// Whether the field's Rust type is `T`, `Option<T>` or `Option<Option<T>>`: `readOnly` fields are never
    /// required (a request leaves them out), and `x-nullable` adds a `None` for `null`.
    pub fn presence(&self) -> Presence {
        match (self.required && !self.read_only, self.nullable) {
            (true, false) => Presence::Required,
            (true, true) => Presence::RequiredNullable,
            (false, false) => Presence::Optional,
            (false, true) => Presence::OptionalNullable,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Enum {
    pub repr: EnumRepr,
    pub variants: Vec<Variant>,
    /// The variant the schema's `default` names (index into `variants`), which makes the enum `Default`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum EnumRepr {
    String,
    Integer,
    Number,
}

#[derive(Clone, Debug, Serialize)]
pub struct Variant {
    pub name: Ident,
    /// The value on the wire.
    pub value: serde_json::Value,
    pub description: Option<String>,
}
