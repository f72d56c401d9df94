//! `swagger2rs` as a library: the pipeline the command-line tool and `cargo xtask codegen` share.
//!
//! spec (+ overlays) → parser → IR (+ configuration: renames, base URL) → emitter options.

pub mod config;
pub mod diff;
pub mod pipeline;
