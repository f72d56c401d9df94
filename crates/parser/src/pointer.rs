//! JSON pointers (RFC 6901): the one way the parser names a place in a document.

use std::fmt;

/// A JSON pointer, stored in its escaped textual form (`/paths/~1pets/get`).
///
/// Keeping the escaped form means a pointer prints exactly as a user would type it into a `$ref`, and
/// building child pointers is a cheap string append.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JsonPointer(String);

impl JsonPointer {
    /// The pointer to the whole document.
    pub fn root() -> Self {
        Self(String::new())
    }

    /// Parses an escaped pointer such as `/definitions/Pet`; `None` if it does not start with `/` (and is not empty).
    pub fn parse(text: &str) -> Option<Self> {
        (text.is_empty() || text.starts_with('/')).then(|| Self(text.to_owned()))
    }

    /// The pointer to `key` inside this node; `key` is unescaped text and is escaped here.
    pub fn push(&self, key: &str) -> Self {
        let mut out = String::with_capacity(self.0.len() + key.len() + 1);
        out.push_str(&self.0);
        out.push('/');
        for c in key.chars() {
            match c {
                '~' => out.push_str("~0"),
                '/' => out.push_str("~1"),
                c => out.push(c),
            }
        }
        Self(out)
    }

    /// The pointer to item `index` inside this array node.
    pub fn index(&self, index: usize) -> Self {
        Self(format!("{}/{index}", self.0))
    }

    /// The escaped textual form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The unescaped reference tokens, in order.
    pub fn tokens(&self) -> impl Iterator<Item = String> + '_ {
        self.0.split('/').skip(1).map(|token| token.replace("~1", "/").replace("~0", "~"))
    }

    /// The last unescaped token (e.g. the definition name of `/definitions/Pet`).
    pub fn last(&self) -> Option<String> {
        self.tokens().last()
    }

    /// Looks the pointer up in a JSON value.
    pub fn resolve<'v>(&self, root: &'v serde_json::Value) -> Option<&'v serde_json::Value> {
        self.tokens().try_fold(root, |node, token| match node {
            serde_json::Value::Object(map) => map.get(&token),
            serde_json::Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        })
    }
}

impl fmt::Display for JsonPointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() { f.write_str("#") } else { write!(f, "#{}", self.0) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_escapes_and_tokens_unescape() {
        let p = JsonPointer::root().push("paths").push("/a~b/{id}");
        assert_eq!(p.as_str(), "/paths/~1a~0b~1{id}");
        assert_eq!(p.tokens().collect::<Vec<_>>(), ["paths", "/a~b/{id}"]);
        assert_eq!(p.to_string(), "#/paths/~1a~0b~1{id}");
    }

    #[test]
    fn resolve_walks_objects_and_arrays() {
        let doc = serde_json::json!({"a": [{"b/c": 1}]});
        let p = JsonPointer::parse("/a/0/b~1c").unwrap();
        assert_eq!(p.resolve(&doc), Some(&serde_json::json!(1)));
        assert_eq!(JsonPointer::parse("/a/x").unwrap().resolve(&doc), None);
        assert_eq!(JsonPointer::parse("a"), None);
    }
}
