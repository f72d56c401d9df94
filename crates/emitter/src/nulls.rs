//! Where a `null` the server sends for an array or a map reads as the empty value.
//!
//! Go encodes a nil slice or map as `null`, and every Go server does (Docker, Kubernetes, Gitea, Grafana,
//! go-swagger and grpc-gateway services), also where the spec declares an array or an object that is not
//! `x-nullable`. With `[types] nulls = "lenient"` (the default, [`Nulls::Lenient`]) a required field and a
//! whole response body of such a type read `null` as empty, through the runtime's generic helpers
//! (`runtime::de::collection_field`, `runtime::de::null_as_empty`, `RawResponse::json_collection`), so a
//! type costs no code of its own. An optional field is an `Option` and reads `null` as `None` in both modes;
//! a scalar or an object stays an error; `"strict"` emits what the spec says and nothing more.
//!
//! Not covered: an array item or map value that is `null` (`[[1], null]`, `{"k": null}` for a map of
//! arrays), which stays an error unless the spec says `x-nullable`; and a recursive newtype (`Tree(Vec<Tree>)`).

use swagger2rs_parser::ir::{Api, Field, Presence, TypeKind, TypeRef};

use crate::Nulls;
use crate::context::Emitter;

/// How far an alias chain is followed to find an array or a map; past it a type is treated as neither (the
/// strict reading), so a pathological chain costs no more than this per use.
const MAX_ALIAS_DEPTH: usize = 32;

impl Emitter<'_> {
    /// Whether a `null` received for a whole value of `ty` (a response body) reads as the empty value.
    pub(crate) fn null_as_empty(&self, ty: &TypeRef) -> bool {
        self.options.nulls == Nulls::Lenient && is_collection(self.api, ty)
    }

    /// Whether a `null` received for the field `f` reads as the empty value: a required array or map. Optional
    /// fields are `Option`s, for which `null` is `None`; nullable ones keep `null` as `None`.
    pub(crate) fn null_as_empty_field(&self, f: &Field) -> bool {
        f.presence() == Presence::Required && self.null_as_empty(&f.ty)
    }
}

/// Whether values of `ty` are JSON arrays or string-keyed maps (`Vec`, `BTreeMap`), through aliases.
fn is_collection<'a>(api: &'a Api, mut ty: &'a TypeRef) -> bool {
    for _ in 0..MAX_ALIAS_DEPTH {
        match ty {
            TypeRef::Array(_) | TypeRef::Map(_) => return true,
            TypeRef::Named(id) => match &api.type_def(*id).kind {
                TypeKind::Alias(target) => ty = target,
                _ => return false,
            },
            _ => return false,
        }
    }
    false
}
