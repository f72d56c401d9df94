//! The vendor extensions that mark paged and long-running operations, and the paging setting shared by the
//! `x-swagger2rs-pagination` extension and `[pagination]` in `swagger2rs.toml` (one model, so an Overlay and
//! the configuration say the same things the same way).

use serde::{Deserialize, Serialize};

use crate::diagnostic::Location;

/// How an operation pages: `style` picks the variant, the other keys name the request parameters and
/// response fields involved (wire names). `items` is the response field holding a page's items; it is left
/// out when the response body is the array of items itself.
#[derive(Clone, Debug, Deserialize, PartialEq, Serialize)]
#[serde(tag = "style", rename_all = "kebab-case", deny_unknown_fields)]
pub enum PaginationSpec {
    /// One page only: the items of the response, as a stream.
    #[serde(rename_all = "kebab-case")]
    Single { items: Option<String> },
    /// `offset` is the index of the first item (`startAt`), advanced by the number of items received.
    #[serde(rename_all = "kebab-case")]
    Offset {
        items: Option<String>,
        offset: String,
        /// The page-size parameter (`maxResults`), read by `stop = "short-page"`.
        limit: Option<String>,
        /// The offset the server starts at when none is sent (default: the parameter's spec default, else 0).
        first: Option<i64>,
        stop: StopSpec,
        /// The response field with the number of items in all, read by `stop = "total"`.
        total: Option<String>,
    },
    /// `page` is a page number, increased by one per page.
    #[serde(rename_all = "kebab-case")]
    Page {
        items: Option<String>,
        page: String,
        limit: Option<String>,
        /// The first page's number when none is sent (default: the parameter's spec default, else 1).
        first: Option<i64>,
        stop: StopSpec,
        /// The response field with the number of pages, read by `stop = "total-pages"`.
        total_pages: Option<String>,
    },
    /// The response field `next-cursor` is sent as the request parameter `cursor` for the next page.
    #[serde(rename_all = "kebab-case")]
    Cursor { items: Option<String>, cursor: String, next_cursor: String },
    /// The response field `next-link` holds the next page's URL.
    #[serde(rename_all = "kebab-case")]
    NextLink { items: Option<String>, next_link: String },
    /// The RFC 8288 `Link: <…>; rel="next"` header holds the next page's URL.
    #[serde(rename_all = "kebab-case")]
    LinkHeader { items: Option<String> },
}

impl PaginationSpec {
    /// The response field holding the items, if the body is not the array itself.
    pub fn items(&self) -> Option<&str> {
        match self {
            Self::Single { items }
            | Self::Offset { items, .. }
            | Self::Page { items, .. }
            | Self::Cursor { items, .. }
            | Self::NextLink { items, .. }
            | Self::LinkHeader { items } => items.as_deref(),
        }
    }
}

/// When an offset or page-number stream ends (an empty page always ends it too).
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StopSpec {
    /// When the next offset reaches the `total` field.
    Total,
    /// When the page number reaches the `total-pages` field.
    TotalPages,
    /// When a page holds fewer items than the `limit` parameter asked for.
    ShortPage,
    /// Only on an empty page.
    EmptyPage,
}

/// `x-ms-pageable` (AutoRest): the next page's URL is in `nextLinkName` (`null` or absent: one page), the
/// items in `itemName` (default `value`). `operationName` names the operation that fetches a next link; the
/// client fetches it with a `GET` of the link, which is what that operation does. It is a hint for other tools:
/// lowering repairs its common mistakes and ignores it, with a warning, where it does not fit the operation.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MsPageable {
    #[serde(default)]
    pub next_link_name: Option<String>,
    #[serde(default)]
    pub item_name: Option<String>,
    #[serde(default)]
    pub operation_name: Option<String>,
}

/// `x-ms-long-running-operation-options` (AutoRest).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Serialize)]
pub struct LongRunningOptions {
    #[serde(rename = "final-state-via", default)]
    pub final_state_via: Option<String>,
}

/// Paging settings from configuration, each located at its key, handed to the lowering.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PagingRules {
    /// Per operation, keyed by `operationId` or generated method name.
    pub operations: Vec<OperationPaging>,
    /// Applied to every operation without its own setting that has every parameter and field named.
    pub patterns: Vec<PatternPaging>,
}

impl PagingRules {
    pub fn is_empty(&self) -> bool {
        self.operations.is_empty() && self.patterns.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct OperationPaging {
    pub operation: String,
    pub spec: PaginationSpec,
    /// The setting's table.
    pub location: Location,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PatternPaging {
    pub spec: PaginationSpec,
    pub location: Location,
}
