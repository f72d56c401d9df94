//! A generated module as a list of chunks, each emitted and pretty-printed on its own and on every core, then
//! joined in order.
//!
//! Formatting dominates generation time (prettyplease re-parses and prints every token), and token trees are
//! not `Send`, so the unit of parallel work is a closure that emits one chunk's tokens and is run on the
//! thread that formats them. Output does not depend on the number of threads: each chunk is formatted alone
//! and the pieces are joined in module order.

use proc_macro2::TokenStream;
use quote::quote;

use crate::EmitError;

/// Emits the tokens of one chunk.
pub type Emit<'a> = Box<dyn Fn() -> TokenStream + Send + Sync + 'a>;

/// A piece of a module, formatted on its own, compiled only under its cargo features when it is gated.
pub struct Chunk<'a> {
    kind: Kind<'a>,
    /// A `cfg` predicate (`feature = "apps_v1"`, `any(feature = "a", feature = "b")`) put first on every item
    /// (or member) of the chunk; generator-made text, kept as text because tokens are not `Send`.
    cfg: Option<String>,
}

enum Kind<'a> {
    /// Top-level items (or the module's inner attributes); tokens may be empty, and the chunk is then left out.
    Items(Emit<'a>),
    /// Associated items of `impl {self_ty}`, formatted inside that impl and printed without it: the members of
    /// one large impl block (the `Client`'s one method per operation) are formatted independently, and
    /// consecutive members share one `impl` block in the output.
    Members { self_ty: String, emit: Emit<'a> },
}

pub fn items<'a>(emit: impl Fn() -> TokenStream + Send + Sync + 'a) -> Chunk<'a> {
    Chunk { kind: Kind::Items(Box::new(emit)), cfg: None }
}

/// `self_ty` is the type as written after `impl` (`Client`, `CoreV1<'_>`), generator-made text.
pub fn members<'a>(self_ty: impl Into<String>, emit: impl Fn() -> TokenStream + Send + Sync + 'a) -> Chunk<'a> {
    Chunk { kind: Kind::Members { self_ty: self_ty.into(), emit: Box::new(emit) }, cfg: None }
}

/// One file of the crate, by path, as chunks; the first chunk is its header (inner attributes).
pub struct Module<'a> {
    pub path: String,
    pub chunks: Vec<Chunk<'a>>,
}

impl<'a> Chunk<'a> {
    /// The chunk compiled only when `cfg` holds (`None` leaves it ungated).
    pub fn gated(mut self, cfg: Option<String>) -> Self {
        self.cfg = cfg;
        self
    }

    fn emit(&self) -> &Emit<'a> {
        match &self.kind {
            Kind::Items(emit) | Kind::Members { emit, .. } => emit,
        }
    }

    /// The chunk pretty-printed: items as prettyplease prints them, members without the impl around them.
    fn format(&self, path: &str) -> Result<String, EmitError> {
        let emit = self.emit();
        // Doc text stays out of the tokens (see `docs::defer`) and is put back into the printed code.
        let (tokens, doc_lines) = crate::docs::defer(emit);
        if tokens.is_empty() {
            return Ok(String::new());
        }
        let error = |e: syn::Error| EmitError { file: path.into(), message: e.to_string() };
        let cfg: Option<syn::Attribute> = match &self.cfg {
            Some(predicate) => {
                let predicate: TokenStream = predicate.parse().map_err(|e: proc_macro2::LexError| EmitError {
                    file: path.into(),
                    message: format!("cfg `{predicate}`: {e}"),
                })?;
                Some(syn::parse_quote!(#[cfg(#predicate)]))
            }
            None => None,
        };
        // Members are printed inside their impl, which is stripped below.
        let print = |tokens| -> Result<String, EmitError> {
            let tokens = match &self.kind {
                Kind::Items(_) => tokens,
                Kind::Members { self_ty, .. } => wrap(self_ty, tokens),
            };
            let mut file: syn::File = syn::parse2(tokens).map_err(error)?;
            if let Some(cfg) = &cfg {
                gate(&mut file, cfg, matches!(self.kind, Kind::Members { .. }));
            }
            Ok(prettyplease::unparse(&file))
        };
        let text = match crate::docs::restore(&print(tokens)?, &doc_lines) {
            Some(text) => text,
            // Spec text imitated a placeholder: print again with the doc text in the tokens.
            None => print(emit())?,
        };
        Ok(match self.kind {
            Kind::Items(_) => text,
            // prettyplease prints `impl X {` on the first line and `}` on the last, members indented between.
            Kind::Members { .. } => {
                let body = text.split_once('\n').map_or("", |(_, rest)| rest);
                body.strip_suffix("}\n").unwrap_or(body).to_owned()
            }
        })
    }
}

/// Puts `cfg` on every item of `file` or, for `members`, on every member of its impl blocks, after the doc
/// comment and before every other attribute.
fn gate(file: &mut syn::File, cfg: &syn::Attribute, members: bool) {
    let add = |attrs: &mut Vec<syn::Attribute>| {
        let docs = attrs.iter().take_while(|a| a.path().is_ident("doc")).count();
        attrs.insert(docs, cfg.clone());
    };
    for item in &mut file.items {
        match item {
            syn::Item::Impl(block) if members => block.items.iter_mut().filter_map(impl_item_attrs).for_each(add),
            item => item_attrs(item).into_iter().for_each(add),
        }
    }
}

fn item_attrs(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    use syn::Item;
    Some(match item {
        Item::Const(i) => &mut i.attrs,
        Item::Enum(i) => &mut i.attrs,
        Item::ExternCrate(i) => &mut i.attrs,
        Item::Fn(i) => &mut i.attrs,
        Item::ForeignMod(i) => &mut i.attrs,
        Item::Impl(i) => &mut i.attrs,
        Item::Macro(i) => &mut i.attrs,
        Item::Mod(i) => &mut i.attrs,
        Item::Static(i) => &mut i.attrs,
        Item::Struct(i) => &mut i.attrs,
        Item::Trait(i) => &mut i.attrs,
        Item::TraitAlias(i) => &mut i.attrs,
        Item::Type(i) => &mut i.attrs,
        Item::Union(i) => &mut i.attrs,
        Item::Use(i) => &mut i.attrs,
        _ => return None,
    })
}

fn impl_item_attrs(item: &mut syn::ImplItem) -> Option<&mut Vec<syn::Attribute>> {
    use syn::ImplItem;
    Some(match item {
        ImplItem::Const(i) => &mut i.attrs,
        ImplItem::Fn(i) => &mut i.attrs,
        ImplItem::Type(i) => &mut i.attrs,
        ImplItem::Macro(i) => &mut i.attrs,
        _ => return None,
    })
}

fn wrap(self_ty: &str, members: TokenStream) -> TokenStream {
    // The type is generator-made (`Client`, `CoreV1<'_>`); text that does not lex leaves `impl {…}`, which
    // fails to parse and is reported as an `EmitError`.
    let self_ty: TokenStream = self_ty.parse().unwrap_or_default();
    quote!(impl #self_ty { #members })
}

/// Each module's tokens, emitted in one thread, in order (for measuring emission apart from formatting;
/// `cfg` gates are added when formatting, so they are not in these tokens).
pub fn emit_all(modules: &[Module<'_>]) -> Vec<(String, TokenStream)> {
    modules.iter().map(|m| (m.path.clone(), group_members(&m.chunks))).collect()
}

/// The chunks' tokens, consecutive members of the same type inside one impl block.
fn group_members(chunks: &[Chunk<'_>]) -> TokenStream {
    let mut out = TokenStream::new();
    let mut run: Option<(&str, TokenStream)> = None;
    for chunk in chunks {
        match &chunk.kind {
            Kind::Members { self_ty, emit } => match &mut run {
                Some((ty, tokens)) if *ty == self_ty.as_str() => tokens.extend(emit()),
                _ => {
                    if let Some((ty, tokens)) = run.take() {
                        out.extend(wrap(ty, tokens));
                    }
                    run = Some((self_ty, emit()));
                }
            },
            Kind::Items(emit) => {
                // Empty chunks are left out, so they do not split a run of members either.
                let tokens = emit();
                if tokens.is_empty() {
                    continue;
                }
                if let Some((ty, members)) = run.take() {
                    out.extend(wrap(ty, members));
                }
                out.extend(tokens);
            }
        }
    }
    if let Some((ty, tokens)) = run {
        out.extend(wrap(ty, tokens));
    }
    out
}

/// Formats every module, spreading the chunks over the available cores, and joins each module's pieces in
/// order as they arrive (see [`Assembler`]).
///
/// Pieces reach the calling thread through a channel as soon as they are printed, so a worker's allocator
/// arena never holds more than the pieces in flight, and the module texts grow in the calling thread's arena,
/// which already holds the memory the parser freed: peak memory stays near the parser's own.
///
/// `each` receives every module's path and text as soon as the module is complete, on the calling thread; its
/// first error stops the assembly and is returned.
pub fn format_all<E: From<EmitError>>(
    modules: &[Module<'_>],
    header: &str,
    mut each: impl FnMut(&str, String) -> Result<(), E>,
) -> Result<(), E> {
    let work: Vec<(&str, &Chunk<'_>)> =
        modules.iter().flat_map(|m| m.chunks.iter().map(move |c| (m.path.as_str(), c))).collect();
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(work.len()).max(1);
    let mut assembler = Assembler::new(modules, header);
    let mut first_error: Option<E> = None;
    // Set on the first error, so that workers stop formatting chunks nobody will use.
    let stop = std::sync::atomic::AtomicBool::new(false);
    let stopped = || stop.load(std::sync::atomic::Ordering::Relaxed);
    let mut waiting = std::collections::BTreeMap::new();
    let mut next = 0;
    let mut take = |i: usize, piece: Result<String, EmitError>, assembler: &mut Assembler<'_, '_>| {
        waiting.insert(i, piece);
        while let Some(piece) = waiting.remove(&next) {
            next += 1;
            if first_error.is_some() {
                continue;
            }
            let result = match piece {
                Ok(piece) => assembler.push(&piece).map_or(Ok(()), |(path, text)| each(path, text)),
                Err(error) => Err(error.into()),
            };
            if let Err(error) = result {
                first_error = Some(error);
                stop.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        }
    };
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::channel();
        for t in 1..threads {
            let (sender, work, stopped) = (sender.clone(), &work, &stopped);
            // Interleaved rather than contiguous, so that big and small chunks spread evenly and arrive
            // nearly in order.
            scope.spawn(move || {
                for i in (t..work.len()).step_by(threads) {
                    if stopped() || sender.send((i, work[i].1.format(work[i].0))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        // This thread takes a share as well (its arena holds what the parser freed), assembling what the
        // others sent in between.
        for i in (0..work.len()).step_by(threads) {
            if stopped() {
                break;
            }
            take(i, work[i].1.format(work[i].0), &mut assembler);
            for (i, piece) in receiver.try_iter() {
                take(i, piece, &mut assembler);
            }
        }
        for (i, piece) in receiver {
            take(i, piece, &mut assembler);
        }
    });
    // A worker only panics if prettyplease or syn does; the scope re-raises it rather than losing output.
    first_error.map_or(Ok(()), Err)
}

/// Joins formatted chunks into module texts, in module order: a blank line between top-level items (which
/// prettyplease leaves out between separately printed items), none after the header, consecutive members of
/// one type inside one `impl` block, empty chunks left out.
struct Assembler<'m, 'a> {
    modules: &'m [Module<'a>],
    header: &'m str,
    /// The module being assembled and the index of its next chunk.
    module: usize,
    chunk: usize,
    text: String,
    /// Top-level units written so far in this module (the header is the first).
    units: usize,
    /// The type whose `impl` block is open.
    open: Option<&'m str>,
}

impl<'m, 'a> Assembler<'m, 'a> {
    fn new(modules: &'m [Module<'a>], header: &'m str) -> Self {
        Self { modules, header, module: 0, chunk: 0, text: header.to_owned(), units: 0, open: None }
    }

    /// Appends the next chunk's formatted text; returns the module's path and text when that was its last
    /// chunk. (Modules have at least one chunk: their header.)
    fn push(&mut self, piece: &str) -> Option<(&'m str, String)> {
        let module: &'m Module<'a> = self.modules.get(self.module)?;
        let chunk = &module.chunks[self.chunk];
        self.chunk += 1;
        if !piece.is_empty() {
            let self_ty = match &chunk.kind {
                Kind::Members { self_ty, .. } => Some(self_ty.as_str()),
                Kind::Items(_) => None,
            };
            if self_ty.is_none() || self_ty != self.open {
                if self.open.take().is_some() {
                    self.text.push_str("}\n");
                }
                if self.units >= 2 {
                    self.text.push('\n');
                }
                self.units += 1;
                if let Some(ty) = self_ty {
                    // `impl Client {`, `impl<'a> Pets<'a> {`.
                    let space = if ty.starts_with('<') { "" } else { " " };
                    self.text.push_str(&format!("impl{space}{ty} {{\n"));
                    self.open = Some(ty);
                }
            }
            self.text.push_str(piece);
        }
        if self.chunk < module.chunks.len() {
            return None;
        }
        if self.open.take().is_some() {
            self.text.push_str("}\n");
        }
        let text = std::mem::replace(&mut self.text, self.header.to_owned());
        self.module += 1;
        self.chunk = 0;
        self.units = 0;
        Some((module.path.as_str(), text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module() -> Module<'static> {
        Module {
            path: "src/m.rs".to_owned(),
            chunks: vec![
                items(|| quote!(#![doc = " Module."])),
                items(|| {
                    quote!(
                        pub struct A;
                    )
                }),
                members("A", || {
                    quote!(
                        pub fn a() {}
                    )
                }),
                items(TokenStream::new),
                members("A", || {
                    quote!(
                        pub fn b() {}
                        pub fn c() {}
                    )
                }),
                items(|| {
                    quote!(
                        const C: u8 = 0;
                        const D: u8 = 1;
                    )
                }),
                members("A", || {
                    quote!(
                        pub fn e() {}
                    )
                }),
            ],
        }
    }

    #[test]
    fn members_share_an_impl_and_items_are_separated_by_blank_lines() {
        let mut formatted = Vec::new();
        format_all::<EmitError>(&[module()], "// header\n", |path, text| {
            formatted.push((path.to_owned(), text));
            Ok(())
        })
        .unwrap();
        let expected = "// header\n//! Module.\npub struct A;\n\nimpl A {\n    pub fn a() {}\n    pub fn b() {}\n    pub fn c() {}\n}\n\
                        \nconst C: u8 = 0;\nconst D: u8 = 1;\n\nimpl A {\n    pub fn e() {}\n}\n";
        assert_eq!(formatted, [("src/m.rs".to_owned(), expected.to_owned())]);
    }

    #[test]
    fn emitted_tokens_group_members_the_same_way() {
        let (_, tokens) = emit_all(&[module()]).pop().unwrap();
        let file: syn::File = syn::parse2(tokens).unwrap();
        let impls = file.items.iter().filter(|item| matches!(item, syn::Item::Impl(_))).count();
        assert_eq!((file.items.len(), impls), (5, 2), "struct, impl, two consts, impl");
    }

    #[test]
    fn invalid_tokens_are_an_error_naming_the_file() {
        let broken = Module { path: "src/x.rs".to_owned(), chunks: vec![items(|| quote!(pub fn))] };
        let error = format_all::<EmitError>(&[broken], "", |_, _| Ok(())).unwrap_err();
        assert_eq!(error.file, std::path::PathBuf::from("src/x.rs"));
    }
}
