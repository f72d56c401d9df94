//! Name pools. Each mixes ordinary names with ones that need escaping: Rust keywords, prelude and runtime
//! names, leading digits, punctuation, non-ASCII letters, and spellings that collide once converted to
//! `snake_case` or `UpperCamelCase` (`pet-id`, `pet_id`, `petId`).

/// Definition names (keys of `definitions`).
pub const DEFINITIONS: &[&str] = &[
    "Pet",
    "pet",
    "PET",
    "Order",
    "order-item",
    "order_item",
    "OrderItem",
    "type",
    "Self",
    "self",
    "Option",
    "Result",
    "String",
    "Vec",
    "Box",
    "Client",
    "Error",
    "Value",
    "crate",
    "super",
    "123Start",
    "foo.bar",
    "io.k8s.api.core.v1.Pod",
    "io.k8s.api.apps.v1.Pod",
    "v1.Status",
    "Ümlaut",
    "a b",
    "HTTPServer",
    "_",
    "Response",
    "Request",
    "Default",
    "Node",
    "Tree",
    "Shape",
    "Animal",
    "Dog",
    "Cat",
    "Wrapper",
    "Map",
    "List",
    // The names inline schemas get from their context, so declared and derived names collide.
    "GetPetResponse",
    "GetPetOk",
    "PetStatus",
    "AddPetBody",
    "ListPetsResponse",
];

/// Property names (keys of `properties`).
pub const PROPERTIES: &[&str] = &[
    "id",
    "name",
    "type",
    "self",
    "Self",
    "ref",
    "$ref",
    "async",
    "match",
    "fn",
    "r#raw",
    "1st",
    "",
    "a-b",
    "a_b",
    "aB",
    "A B",
    "additionalProperties",
    "created_at",
    "createdAt",
    "status",
    "tags",
    "parent",
    "children",
    "value",
    "extra",
    "@odata.type",
    "größe",
    "default",
    "new",
    "builder",
];

/// Parameter names, for query, header (as given) and formData parameters.
pub const PARAMETERS: &[&str] = &[
    "limit",
    "offset",
    "page-size",
    "page_size",
    "pageSize",
    "type",
    "self",
    "$filter",
    "q",
    "body",
    "client",
    "request",
    "id",
    "status",
    "sort",
    "fields[]",
    "1st",
    "unsafe",
    "expand",
    "include",
];

/// Header parameter names.
pub const HEADERS: &[&str] =
    &["X-Request-ID", "X-Trace", "If-Match", "x-api-version", "X-Type", "X-Self", "Accept-Language", "Content-Type"];

/// Path parameter names (the template holds them as `{name}`).
pub const PATH_PARAMETERS: &[&str] = &["id", "petId", "pet-id", "pet_id", "type", "self", "Name", "item", "version"];

/// Literal path segments.
pub const SEGMENTS: &[&str] =
    &["pets", "orders", "v1", "store", "a-b", "type", "self", "users", "items", "x.y", "files"];

/// `operationId`s; `None` names an operation by method and path.
pub const OPERATION_IDS: &[Option<&str>] = &[
    None,
    None,
    Some("getPet"),
    Some("get_pet"),
    Some("GetPet"),
    Some("listPets"),
    Some("com.example.PetResource.getPet_get"),
    Some("com.example.PetResource.addPet_post"),
    Some("self"),
    Some("new"),
    Some("default"),
    Some("send"),
    Some("clone"),
    Some("build"),
    Some("with_bearer_token"),
    Some("base_url"),
    Some("123start"),
    Some("type"),
    Some("Ändern"),
    Some("delete-thing"),
    Some("into_future"),
];

/// Enum string values.
pub const STRING_VALUES: &[&str] = &[
    "available",
    "pending",
    "sold",
    "",
    "a-b",
    "a_b",
    "A",
    "a",
    "1",
    "self",
    "Other",
    "other",
    "Unknown",
    "ÄÖ",
    "x y",
    "type",
];

/// Response header names.
pub const RESPONSE_HEADERS: &[&str] = &["X-Rate-Limit", "X-Next", "Link", "ETag", "X-Type", "x-rate-limit-reset"];

/// Tags.
pub const TAGS: &[&str] = &["pets", "store", "user", "Admin Tools", "type", "self", "v1.Pods"];

/// Prose for `description` and `summary`: Markdown, HTML, code blocks, bare URLs, brackets and the
/// characters rustc refuses in doc comments.
pub const PROSE: &[&str] = &[
    "A plain description.",
    "Markdown with `code`, *emphasis* and a [link](https://example.com/docs).",
    "Stray <b>HTML</b> and <br> tags, [brackets] and [[double]].",
    "A bare URL: https://example.com/path?x=1&y=2",
    "```rust\nfn main() { panic!() }\n```",
    "```\nnot rust at all {\n```",
    "    indented code block\n    more",
    "# Heading\n\n- list item\n  continued\n- another",
    "Bidi \u{202e}override\u{202c} and \u{2066}isolate\u{2069} characters.",
    "Quotes \" ' and backslashes \\ and */ comment ends /*",
    "Line one\r\nline two\ttabbed",
    "Emoji 😀 and non-ASCII: naïve façade",
    "#[doc = \"not an attribute\"] {} $crate::x",
    "",
];
