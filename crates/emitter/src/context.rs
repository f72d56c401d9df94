//! The emitter's one context: the API, the options, and what is derived from them once (security constants,
//! which extra derives apply to which type). Every emitting function is a method on [`Emitter`], so a new
//! option is a field of [`Options`](crate::Options) read where it is used, never a parameter threaded through.

use swagger2rs_parser::ir::Api;

use crate::Options;
use crate::derives::Derives;
use crate::features::Features;
use crate::security::SecurityConsts;

/// Emits one crate for one API.
pub struct Emitter<'a> {
    pub api: &'a Api,
    pub options: &'a Options,
    /// The security requirements operations use, named once.
    pub security: SecurityConsts,
    /// The configured extra derives, decided per type.
    pub derives: Derives,
    /// Which cargo features compile which operation, group and type.
    pub features: Features,
}

impl<'a> Emitter<'a> {
    pub fn new(api: &'a Api, options: &'a Options) -> Self {
        Self {
            api,
            options,
            security: SecurityConsts::new(api),
            derives: Derives::new(api, &options.derives),
            features: Features::new(api),
        }
    }
}
