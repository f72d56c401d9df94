//! Spec prose → `#[doc = "…"]` attributes that render well and never trip rustdoc.
//!
//! Spec descriptions are Markdown written for a web page, not for rustdoc. Left alone they produce warnings
//! (bare URLs, unclosed "HTML tags" such as `List<String>`, `[text]` taken for intra-doc links) and, worse,
//! code blocks that rustdoc would compile as doc tests. The text is parsed with pulldown-cmark (the Markdown
//! parser rustdoc itself uses) and only the offending spans are rewritten, so the rest reads as written.
//! Text only ever reaches the output inside a string literal built by `quote`.

use std::ops::Range;

use proc_macro2::TokenStream;
use pulldown_cmark::{BrokenLink, CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};
use quote::quote;

/// `#[doc = …]` lines for the paragraphs given (each optional); nothing when all are empty.
pub fn doc_attrs<'a>(paragraphs: impl IntoIterator<Item = Option<&'a str>>) -> TokenStream {
    let text = paragraphs
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(sanitize)
        .collect::<Vec<_>>()
        .join("\n\n");
    lines_to_attrs(&text)
}

/// `#![doc = …]` lines, for crate and module documentation.
pub fn inner_doc_attrs(text: &str) -> TokenStream {
    text.lines()
        .map(|line| {
            let line = format!(" {line}");
            let line = line.trim_end();
            quote! { #![doc = #line] }
        })
        .collect()
}

/// Doc attributes for text that is already safe (written by the generator, not taken from the spec).
pub fn plain_doc_attrs(text: &str) -> TokenStream {
    lines_to_attrs(text)
}

fn lines_to_attrs(text: &str) -> TokenStream {
    text.lines()
        .map(|line| {
            // A leading space so `///` comments print as `/// text`, as rustfmt would write them.
            let line = if line.is_empty() { String::new() } else { format!(" {line}") };
            quote! { #[doc = #line] }
        })
        .collect()
}

/// Rewrites the spans of `text` that rustdoc would warn about or try to compile.
pub fn sanitize(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    // Tabs become spaces (clippy flags tabs in doc comments); other control characters are dropped.
    let text = text.replace('\t', "    ");
    let text: String = text.chars().filter(|c| !c.is_control() || *c == '\n').collect();
    let mut broken = Vec::new();
    let mut callback = |link: BrokenLink<'_>| {
        broken.push(link.span.clone());
        None
    };
    let parser = Parser::new_with_broken_link_callback(&text, Options::empty(), Some(&mut callback));
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut in_link = 0usize;
    let mut code_block: Option<(Range<usize>, String)> = None;
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                // An indented block's range starts after the indentation, which must go too, or the fence
                // written in its place would itself be indented code.
                let range = match kind {
                    CodeBlockKind::Fenced(_) => range,
                    CodeBlockKind::Indented => line_start(&text, range.start)..range.end,
                };
                code_block = Some((range, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((range, content)) = code_block.take() {
                    let fence = if content.contains("```") { "~~~~" } else { "```" };
                    let content = if content.ends_with('\n') { content } else { format!("{content}\n") };
                    let trailing = if text[range.clone()].ends_with('\n') { "\n" } else { "" };
                    edits.push((range, format!("{fence}text\n{content}{fence}{trailing}")));
                }
            }
            Event::Text(t) if code_block.is_some() => {
                if let Some((_, content)) = code_block.as_mut() {
                    content.push_str(&t);
                }
            }
            Event::Start(Tag::Link { link_type, .. }) => {
                in_link += 1;
                if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                    continue;
                }
            }
            Event::End(TagEnd::Link) => in_link = in_link.saturating_sub(1),
            Event::Text(t) if in_link == 0 && text.get(range.clone()) == Some(&*t) => {
                if let Some(wrapped) = wrap_bare_urls(&t) {
                    edits.push((range, wrapped));
                }
            }
            Event::InlineHtml(tag) if is_known_html_tag(&tag) => edits.push((range, String::new())),
            Event::Html(_) | Event::InlineHtml(_) => {
                let escaped = escape_html(&text[range.clone()]);
                edits.push((range, wrap_bare_urls(&escaped).unwrap_or(escaped)));
            }
            _ => {}
        }
    }
    for span in broken {
        edits.push((span.clone(), escape_brackets(&text[span])));
    }
    apply_edits(&text, edits)
}

/// Wraps `http(s)://…` runs in `<…>` so rustdoc renders them as links instead of warning.
fn wrap_bare_urls(text: &str) -> Option<String> {
    if !text.contains("http://") && !text.contains("https://") {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(start) = ["http://", "https://"].iter().filter_map(|p| rest.find(p)).min() {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let end = tail.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`')).unwrap_or(tail.len());
        let url = tail[..end].trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
        out.push('<');
        out.push_str(url);
        out.push('>');
        rest = &tail[url.len()..];
    }
    out.push_str(rest);
    Some(out)
}

fn escape_brackets(text: &str) -> String {
    escape_html(text).replace('[', "\\[").replace(']', "\\]")
}

fn escape_html(text: &str) -> String {
    text.replace('<', "&lt;").replace('>', "&gt;")
}

/// Real inline HTML (`<a href=…>`, `</b>`, `<br/>`) is dropped, keeping the text between tags; anything else
/// in angle brackets (`<fieldName>`, `List<String>`) is prose and gets escaped instead.
fn is_known_html_tag(tag: &str) -> bool {
    const TAGS: &[&str] = &[
        "a",
        "b",
        "i",
        "em",
        "strong",
        "br",
        "p",
        "code",
        "pre",
        "ul",
        "ol",
        "li",
        "div",
        "span",
        "table",
        "tr",
        "td",
        "th",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "sup",
        "sub",
        "hr",
        "tt",
        "u",
        "s",
        "blockquote",
        "img",
    ];
    let name = tag.trim_start_matches('<').trim_start_matches('/');
    let name: String = name.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    TAGS.contains(&name.to_ascii_lowercase().as_str())
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// Applies non-overlapping edits; an edit overlapping an earlier-starting one is skipped.
fn apply_edits(text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(range, _)| (range.start, std::cmp::Reverse(range.end)));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, replacement) in edits {
        if range.start < at {
            continue;
        }
        out.push_str(&text[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_urls_are_wrapped() {
        assert_eq!(sanitize("See https://example.com/x."), "See <https://example.com/x>.");
        assert_eq!(sanitize("[ok](https://example.com)"), "[ok](https://example.com)");
        assert_eq!(sanitize("<https://example.com>"), "<https://example.com>");
    }

    #[test]
    fn code_blocks_become_text() {
        assert_eq!(sanitize("x\n\n```json\n{\"a\": 1}\n```\n"), "x\n\n```text\n{\"a\": 1}\n```\n");
        assert_eq!(sanitize("x\n\n    fn main() {}\n"), "x\n\n```text\nfn main() {}\n```\n");
    }

    #[test]
    fn html_and_broken_links_are_escaped() {
        assert_eq!(sanitize("a List<String> b"), "a List&lt;String&gt; b");
        assert_eq!(sanitize("see [Foo] here"), "see \\[Foo\\] here");
        assert_eq!(sanitize("format <main>[/<sub>]."), "format &lt;main&gt;\\[/&lt;sub&gt;\\].");
        assert_eq!(sanitize("at <a href=\"http://x.io\">http://x.io</a> or"), "at <http://x.io> or");
    }

    #[test]
    fn indented_code_after_text_is_fenced_at_the_margin() {
        assert_eq!(
            sanitize("For example:\n\n    Object{\n      a: 1\n    }\n\nAfter."),
            "For example:\n\n```text\nObject{\n  a: 1\n}\n```\n\nAfter."
        );
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(sanitize("a\u{0}b\r\nc"), "ab\nc");
    }
}
