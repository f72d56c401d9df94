//! Streams over paged results: one page after another, each requested only when the consumer asks for more.
//!
//! A generated request builder describes its operation's paging with a [`Pager`] (where the items are, how
//! one page leads to the next) and hands [`page_stream`] or [`item_stream`] a function that sends one request and decodes
//! its page, its own `send`. Everything else is here, once: the next request is the previous one with only
//! the paging parameter changed (so every optional parameter the caller set goes out on every page), a stream
//! ends at its first error, and a next link or cursor the server already sent is an
//! [`Error::Paging`](super::Error::Paging) rather than an endless loop.

use std::collections::HashSet;
use std::fmt;
use std::future::Future;

use futures_util::stream::{self, Stream, StreamExt};
use reqwest::header::{HeaderMap, LINK};

use super::client::request_url;
use super::error::Error;
use super::request::Request;
use super::response::ResponseValue;

/// How an operation's pages hold their items and follow each other.
pub struct Pager<P, I> {
    /// Takes the items out of a page.
    pub items: fn(P) -> Vec<I>,
    /// How many items a page holds.
    pub count: fn(&P) -> usize,
    /// How the request for the next page is made, and when there is none.
    pub next: Next<P>,
}

impl<P, I> Clone for Pager<P, I> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<P, I> Copy for Pager<P, I> {}

/// How the request for the next page is made from the last request and its page.
pub enum Next<P> {
    /// The operation answers with one page (`x-ms-pageable` with `nextLinkName: null`).
    Single,
    /// The query parameter `param` is the index of the first item (`startAt`, `offset`); the next page starts
    /// after the last item received. A request without it starts at `first`.
    Offset {
        /// The query parameter's wire name.
        param: &'static str,
        /// Where the server starts when the parameter is not sent.
        first: i64,
        /// When there is no next page (besides an empty page, which always ends the stream).
        stop: Stop<P>,
    },
    /// The query parameter `param` is a page number, increased by one per page.
    PageNumber {
        /// The query parameter's wire name.
        param: &'static str,
        /// The number of the first page, used when the parameter is not sent.
        first: i64,
        /// When there is no next page (besides an empty page, which always ends the stream).
        stop: Stop<P>,
    },
    /// A field of the page (`next`) holds the value of the query parameter `param` for the next page; absent,
    /// `null` or empty ends the stream.
    Cursor {
        /// The query parameter's wire name.
        param: &'static str,
        /// Reads the next cursor from a page.
        next: fn(&P) -> Option<String>,
    },
    /// A field of the page holds the URL of the next page (absolute, or relative to the request's URL);
    /// absent, `null` or empty ends the stream.
    NextLink(fn(&P) -> Option<String>),
    /// The `Link: <…>; rel="next"` response header (RFC 8288) holds the URL of the next page; the stream ends
    /// with the first page that has none.
    LinkHeader,
}

impl<P> Clone for Next<P> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<P> Copy for Next<P> {}

/// When an offset or page-number stream has reached its last page.
pub enum Stop<P> {
    /// When the next offset reaches the total number of items the page reports.
    Total(fn(&P) -> Option<i64>),
    /// When the page number reaches the number of pages the page reports.
    TotalPages(fn(&P) -> Option<i64>),
    /// When a page holds fewer items than the page size: the value of the query parameter `limit` in the
    /// request, else `default` (the spec's default for it). With neither, only an empty page ends the stream.
    ShortPage {
        /// The page-size query parameter's wire name.
        limit: &'static str,
        /// The page size when the request does not set it.
        default: Option<i64>,
    },
    /// Only an empty page ends the stream.
    EmptyPage,
}

impl<P> Clone for Stop<P> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<P> Copy for Stop<P> {}

impl<P> Stop<P> {
    /// Whether `page`, reached at `position` (the next offset, or the number of pages so far), is the last.
    fn reached(self, request: &Request, page: &P, count: usize, position: i64) -> bool {
        match self {
            Self::Total(total) | Self::TotalPages(total) => total(page).is_some_and(|total| position >= total),
            Self::ShortPage { limit, default } => {
                number(request, limit).or(default).is_some_and(|limit| (count as i64) < limit)
            }
            Self::EmptyPage => false,
        }
    }
}

/// Why a stream of pages stopped before the server said it was done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PagingError {
    /// The server sent a next-page link it had sent before (or the link of the page it answered with).
    RepeatedLink(String),
    /// The server sent a cursor it had sent before, or the one of the request it answered.
    RepeatedCursor(String),
    /// The next-page link is not a URL, even relative to the request's.
    InvalidLink(String),
}

impl fmt::Display for PagingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A link's query may carry anything the server put there, so only its path is shown.
        let without_query = |link: &str| link.split(['?', '#']).next().unwrap_or_default().to_owned();
        match self {
            Self::RepeatedLink(link) => {
                write!(f, "the server sent the next-page link {:?} (query left out) again", without_query(link))
            }
            Self::RepeatedCursor(cursor) => write!(f, "the server sent the cursor {cursor:?} again"),
            Self::InvalidLink(link) => write!(f, "the next-page link {:?} is not a URL", without_query(link)),
        }
    }
}

impl std::error::Error for PagingError {}

/// Every page, in order, starting with `request`; `send` sends one request and decodes its page.
///
/// Lazy: the first request goes out when the stream is first polled, and each further one when the consumer
/// polls past the last page received. The stream ends after its first error.
pub fn page_stream<'a, P, I, E, F, Fut>(
    base_url: String,
    request: Request,
    pager: Pager<P, I>,
    send: F,
) -> impl Stream<Item = Result<ResponseValue<P>, Error<E>>> + 'a
where
    P: 'a,
    I: 'a,
    E: 'a,
    F: FnMut(Request) -> Fut + 'a,
    Fut: Future<Output = Result<ResponseValue<P>, Error<E>>> + 'a,
{
    let walk = Walk { step: Step::Send(Box::new(request)), seen: HashSet::new(), base_url, pager, send };
    stream::unfold(walk, |mut walk| async move {
        match std::mem::replace(&mut walk.step, Step::Done) {
            Step::Done => None,
            Step::Fail(err) => Some((Err(*err), walk)),
            Step::Send(request) => match (walk.send)((*request).clone()).await {
                Err(err) => Some((Err(err), walk)),
                Ok(page) => {
                    walk.step = match walk.advance(*request, &page) {
                        Ok(Some(next)) => Step::Send(Box::new(next)),
                        Ok(None) => Step::Done,
                        Err(err) => Step::Fail(Box::new(Error::Paging(err))),
                    };
                    Some((Ok(page), walk))
                }
            },
        }
    })
}

/// Every item of every page, in order; as lazy as [`page_stream`], and ending after its first error.
pub fn item_stream<'a, P, I, E, F, Fut>(
    base_url: String,
    request: Request,
    pager: Pager<P, I>,
    send: F,
) -> impl Stream<Item = Result<I, Error<E>>> + 'a
where
    P: 'a,
    I: 'a,
    E: 'a,
    F: FnMut(Request) -> Fut + 'a,
    Fut: Future<Output = Result<ResponseValue<P>, Error<E>>> + 'a,
{
    let take = pager.items;
    page_stream(base_url, request, pager, send).flat_map(move |page| match page {
        Ok(page) => stream::iter(take(page.into_body()).into_iter().map(Ok)).left_stream(),
        Err(err) => stream::once(std::future::ready(Err(err))).right_stream(),
    })
}

/// What the stream does when polled next.
enum Step<E> {
    Send(Box<Request>),
    Fail(Box<Error<E>>),
    Done,
}

/// The state of a stream of pages.
struct Walk<P, I, E, F> {
    step: Step<E>,
    /// Every next link and cursor followed so far.
    seen: HashSet<String>,
    base_url: String,
    pager: Pager<P, I>,
    send: F,
}

impl<P, I, E, F> Walk<P, I, E, F> {
    /// The request for the page after `page`, which answered `request`; `None` when `page` is the last.
    fn advance(&mut self, request: Request, page: &ResponseValue<P>) -> Result<Option<Request>, PagingError> {
        let count = (self.pager.count)(page.body());
        match self.pager.next {
            Next::Single => Ok(None),
            Next::Offset { param, first, stop } => {
                let next = number(&request, param).unwrap_or(first).saturating_add(count as i64);
                if count == 0 || stop.reached(&request, page.body(), count, next) {
                    return Ok(None);
                }
                Ok(Some(request.query(param, &next)))
            }
            Next::PageNumber { param, first, stop } => {
                let current = number(&request, param).unwrap_or(first);
                let pages_so_far = current.saturating_sub(first).saturating_add(1);
                if count == 0 || stop.reached(&request, page.body(), count, pages_so_far) {
                    return Ok(None);
                }
                Ok(Some(request.query(param, &current.saturating_add(1))))
            }
            Next::Cursor { param, next } => {
                let Some(cursor) = next(page.body()).filter(|cursor| !cursor.is_empty()) else { return Ok(None) };
                if let Some(sent) = request.query_value(param) {
                    self.seen.insert(sent.to_owned());
                }
                if !self.seen.insert(cursor.clone()) {
                    return Err(PagingError::RepeatedCursor(cursor));
                }
                Ok(Some(request.query(param, cursor.as_str())))
            }
            Next::NextLink(link) => self.follow(request, link(page.body())),
            Next::LinkHeader => self.follow(request, next_link(page.headers())),
        }
    }

    /// The request for the page at `link`, resolved against the URL of `request`.
    fn follow(&mut self, request: Request, link: Option<String>) -> Result<Option<Request>, PagingError> {
        let Some(link) = link.filter(|link| !link.trim().is_empty()) else { return Ok(None) };
        let current = request_url(&self.base_url, &request).map_err(|_| PagingError::InvalidLink(link.clone()))?;
        let next = current.join(link.trim()).map_err(|_| PagingError::InvalidLink(link.clone()))?;
        self.seen.insert(current.to_string());
        if !self.seen.insert(next.to_string()) {
            return Err(PagingError::RepeatedLink(link));
        }
        Ok(Some(request.with_url(next)))
    }
}

/// The integer value of the query parameter `name` in `request`.
fn number(request: &Request, name: &str) -> Option<i64> {
    request.query_value(name)?.trim().parse().ok()
}

/// The target of the first link with relation type `next` in the `Link` headers (RFC 8288 §3:
/// `<https://api.example.com/items?page=2>; rel="next", <…>; rel="last"`). Relation types are compared
/// case-insensitively and may be a space-separated list (`rel="next last"`).
pub(super) fn next_link(headers: &HeaderMap) -> Option<String> {
    headers.get_all(LINK).iter().filter_map(|value| value.to_str().ok()).find_map(|text| {
        let mut rest = text;
        loop {
            rest = rest.trim_start_matches([' ', '\t', ',']);
            let target_and_rest = rest.strip_prefix('<')?;
            let end = target_and_rest.find('>')?;
            let target = &target_and_rest[..end];
            let (params, tail) = until_unquoted(&target_and_rest[end + 1..], ',');
            rest = tail;
            if link_params(params).any(|(name, value)| {
                name.eq_ignore_ascii_case("rel")
                    && value.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("next"))
            }) {
                return Some(target.to_owned());
            }
        }
    })
}

/// Splits `text` at the first `separator` outside double quotes: (before, after the separator).
fn until_unquoted(text: &str, separator: char) -> (&str, &str) {
    let mut quoted = false;
    let mut escaped = false;
    for (at, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            c if c == separator && !quoted => return (&text[..at], &text[at + c.len_utf8()..]),
            _ => {}
        }
    }
    (text, "")
}

/// The `; name=value` parameters of one link, values unquoted.
fn link_params(mut text: &str) -> impl Iterator<Item = (&str, &str)> {
    std::iter::from_fn(move || {
        text = text.trim_start_matches([' ', '\t', ';']);
        if text.is_empty() {
            return None;
        }
        let (param, rest) = until_unquoted(text, ';');
        text = rest;
        let (name, value) = param.split_once('=').unwrap_or((param, ""));
        let value = value.trim();
        let value = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(value);
        Some((name.trim(), value))
    })
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use futures_util::StreamExt;
    use reqwest::header::HeaderValue;
    use reqwest::{Method, StatusCode};

    use super::*;

    /// A page of numbers with the fields the paging styles read.
    #[derive(Clone, Debug, Default)]
    struct Page {
        items: Vec<u32>,
        total: Option<i64>,
        next: Option<String>,
    }

    fn page(items: &[u32]) -> Page {
        Page { items: items.to_vec(), ..Page::default() }
    }

    fn pager(next: Next<Page>) -> Pager<Page, u32> {
        Pager { items: |page| page.items, count: |page| page.items.len(), next }
    }

    type Sent = Rc<RefCell<Vec<String>>>;
    type Answer = std::future::Ready<Result<ResponseValue<Page>, Error<()>>>;

    /// A `send` that answers the nth request with `script[n]` (with `headers[n]`, if given) and records each
    /// request's URL.
    fn scripted(script: Vec<Result<Page, u16>>, headers: Vec<HeaderMap>) -> (Sent, impl FnMut(Request) -> Answer) {
        let sent: Sent = Rc::default();
        let record = Rc::clone(&sent);
        let send = move |request: Request| {
            let n = {
                let mut sent = record.borrow_mut();
                sent.push(request_url("https://api.test/v1", &request).unwrap().to_string());
                sent.len() - 1
            };
            let headers = headers.get(n).cloned().unwrap_or_default();
            std::future::ready(match script.get(n).cloned().unwrap_or(Err(599)) {
                Ok(page) => Ok(ResponseValue::new(StatusCode::OK, headers, page)),
                Err(status) => Err(Error::UnexpectedResponse(ResponseValue::new(
                    StatusCode::from_u16(status).unwrap(),
                    HeaderMap::new(),
                    bytes::Bytes::new(),
                ))),
            })
        };
        (sent, send)
    }

    fn request() -> Request {
        Request::new(Method::GET).path("/items").query("q", "x")
    }

    /// Runs a future that never waits: every `send` here answers at once, so one poll completes it (the
    /// runtime copied into generated crates has no async test harness).
    fn now<F: std::future::Future>(future: F) -> F::Output {
        let mut context = std::task::Context::from_waker(std::task::Waker::noop());
        match std::pin::pin!(future).poll(&mut context) {
            std::task::Poll::Ready(output) => output,
            std::task::Poll::Pending => panic!("the stream waited although every answer was ready"),
        }
    }

    fn collect(next: Next<Page>, script: Vec<Result<Page, u16>>) -> (Vec<Result<u32, String>>, Vec<String>) {
        collect_with(request(), next, script, Vec::new())
    }

    fn collect_with(
        request: Request,
        next: Next<Page>,
        script: Vec<Result<Page, u16>>,
        headers: Vec<HeaderMap>,
    ) -> (Vec<Result<u32, String>>, Vec<String>) {
        let (sent, send) = scripted(script, headers);
        let stream = item_stream("https://api.test/v1".to_owned(), request, pager(next), send);
        let got = now(stream.map(|item| item.map_err(|err| err.to_string())).collect::<Vec<_>>());
        let sent = sent.borrow().clone();
        (got, sent)
    }

    #[test]
    fn offsets_advance_by_the_items_received_and_stop_at_the_total() {
        let total = |page: &Page| page.total;
        let next = Next::Offset { param: "startAt", first: 0, stop: Stop::Total(total) };
        let script = vec![
            Ok(Page { total: Some(5), ..page(&[1, 2]) }),
            Ok(Page { total: Some(5), ..page(&[3, 4]) }),
            Ok(Page { total: Some(5), ..page(&[5]) }),
        ];
        let (got, sent) = collect(next, script);
        assert_eq!(got, [Ok(1), Ok(2), Ok(3), Ok(4), Ok(5)]);
        assert_eq!(
            sent,
            [
                "https://api.test/v1/items?q=x",
                "https://api.test/v1/items?q=x&startAt=2",
                "https://api.test/v1/items?q=x&startAt=4"
            ]
        );
    }

    #[test]
    fn a_short_page_ends_the_stream_when_the_page_size_is_known() {
        let next = Next::Offset { param: "offset", first: 0, stop: Stop::ShortPage { limit: "limit", default: None } };
        let request = request().query("limit", &2);
        let script = vec![Ok(page(&[1, 2])), Ok(page(&[3]))];
        let (got, sent) = collect_with(request, next, script, Vec::new());
        assert_eq!(got, [Ok(1), Ok(2), Ok(3)]);
        assert_eq!(sent[1], "https://api.test/v1/items?q=x&limit=2&offset=2");
        let next =
            Next::Offset { param: "offset", first: 0, stop: Stop::ShortPage { limit: "limit", default: Some(3) } };
        let (got, sent) = collect(next, vec![Ok(page(&[1, 2]))]);
        assert_eq!((got.len(), sent.len()), (2, 1), "the spec's default page size applies when none is sent");
    }

    #[test]
    fn page_numbers_count_up_until_an_empty_page() {
        let next = Next::PageNumber { param: "page", first: 1, stop: Stop::EmptyPage };
        let (got, sent) = collect(next, vec![Ok(page(&[1])), Ok(page(&[2])), Ok(page(&[]))]);
        assert_eq!(got, [Ok(1), Ok(2)]);
        assert_eq!(sent[1..], ["https://api.test/v1/items?q=x&page=2", "https://api.test/v1/items?q=x&page=3"]);
        let next = Next::PageNumber { param: "page", first: 1, stop: Stop::TotalPages(|page: &Page| page.total) };
        let (_, sent) = collect(next, vec![Ok(Page { total: Some(2), ..page(&[1]) }); 3]);
        assert_eq!(sent.len(), 2);
    }

    #[test]
    fn a_repeated_cursor_is_an_error_after_the_pages_before_it() {
        let next = Next::Cursor { param: "cursor", next: |page: &Page| page.next.clone() };
        let with = |items: &[u32], next: &str| Ok(Page { next: Some(next.to_owned()), ..page(items) });
        let (got, sent) = collect(next, vec![with(&[1], "a"), with(&[2], "b"), with(&[3], "a")]);
        assert_eq!(got[..3], [Ok(1), Ok(2), Ok(3)]);
        assert_eq!(got[3], Err("paging stopped: the server sent the cursor \"a\" again".to_owned()));
        assert_eq!(got.len(), 4);
        assert_eq!(sent.len(), 3);
        let (got, _) = collect(next, vec![with(&[1], "a"), with(&[2], "")]);
        assert_eq!(got, [Ok(1), Ok(2)], "an empty cursor ends the stream");
    }

    #[test]
    fn next_links_resolve_against_the_request_and_keep_the_callers_parameters() {
        let next = Next::NextLink(|page: &Page| page.next.clone());
        let with = |items: &[u32], next: Option<&str>| Ok(Page { next: next.map(str::to_owned), ..page(items) });
        let script = vec![with(&[1], Some("/v1/items?page=2")), with(&[2], Some("items?page=3&q=y")), with(&[3], None)];
        let (got, sent) = collect(next, script);
        assert_eq!(got, [Ok(1), Ok(2), Ok(3)]);
        assert_eq!(sent[1..], ["https://api.test/v1/items?page=2&q=x", "https://api.test/v1/items?page=3&q=y"]);
        let script = vec![with(&[1], Some("/v1/items?page=2")), with(&[2], Some("/v1/items?page=2"))];
        let (got, _) = collect(next, script);
        assert_eq!(
            got.last().unwrap().as_ref().unwrap_err(),
            "paging stopped: the server sent the next-page link \"/v1/items\" (query left out) again"
        );
        let (got, sent) = collect(next, vec![with(&[1], Some("https://api.test/v1/items?q=x"))]);
        assert!(got[1].as_ref().unwrap_err().contains("again"), "a link to the page itself: {got:?}");
        assert_eq!(sent.len(), 1);
    }

    #[test]
    fn the_stream_ends_after_the_first_error_and_is_lazy() {
        let next = Next::PageNumber { param: "page", first: 1, stop: Stop::EmptyPage };
        let (got, sent) = collect(next, vec![Ok(page(&[1])), Ok(page(&[2])), Err(500), Ok(page(&[4]))]);
        assert_eq!(got.len(), 3);
        assert!(got[2].as_ref().unwrap_err().contains("500"), "{got:?}");
        assert_eq!(sent.len(), 3);

        let (sent, send) = scripted(vec![Ok(page(&[1, 2])), Ok(page(&[3]))], Vec::new());
        let mut stream = Box::pin(item_stream("https://api.test/v1".to_owned(), request(), pager(next), send));
        assert!(sent.borrow().is_empty(), "nothing is sent before the stream is polled");
        assert_eq!(now(stream.next()).unwrap().unwrap(), 1);
        assert_eq!(now(stream.next()).unwrap().unwrap(), 2);
        assert_eq!(sent.borrow().len(), 1, "the second page is asked for only once the first is used up");
        assert_eq!(now(stream.next()).unwrap().unwrap(), 3);
        assert_eq!(sent.borrow().len(), 2);
    }

    #[test]
    fn link_headers_name_the_next_page() {
        let link = |value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(LINK, HeaderValue::from_static(value));
            headers
        };
        let headers = vec![
            link(r#"<https://api.test/v1/items?page=1>; rel="first", <https://api.test/v1/items?page=2>; rel="next""#),
            link(r#"<https://api.test/v1/items?page=1>; rel="first""#),
        ];
        let (got, sent) = collect_with(request(), Next::LinkHeader, vec![Ok(page(&[1])), Ok(page(&[2]))], headers);
        assert_eq!(got, [Ok(1), Ok(2)]);
        assert_eq!(sent[1], "https://api.test/v1/items?page=2&q=x");
    }

    #[test]
    fn link_header_parsing_follows_rfc_8288() {
        let parse = |value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.append(LINK, HeaderValue::from_static(value));
            next_link(&headers)
        };
        assert_eq!(parse(r#"</a?x=1,2>; title="a, b; c"; REL="prev NEXT""#).as_deref(), Some("/a?x=1,2"));
        assert_eq!(parse("</b>; rel=next").as_deref(), Some("/b"));
        assert_eq!(parse(r#"</c>; rel="nextish", </d>; rel="last""#), None);
        assert_eq!(parse("garbage"), None);
        assert_eq!(parse("<unterminated; rel=next"), None);
    }
}
