//! Generated clients run against the real servers their specs describe, on 127.0.0.1.
//!
//! Each test starts one server from its Debian package under a scratch directory ([`server`]), generates a
//! client from the server's own spec with the project's pipeline and runs a scenario program against it
//! ([`scenario`]). The tests run only when [`gate::ENABLE`] is set (see [`gate`]).

pub mod gate;
pub mod scenario;
pub mod server;
