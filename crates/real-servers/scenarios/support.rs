//! What every scenario does with a call: print it with what it decoded, or stop the scenario at the first
//! failure. Copied beside each scenario's `main.rs`; `client` is the generated client crate.

use std::fmt::Debug;

use client::{Error, ResponseValue};

/// The decoded body of a successful call, printed; exits on any error.
pub fn ok<T: Debug, E: Debug>(call: &str, result: Result<ResponseValue<T>, Error<E>>) -> T {
    match result {
        Ok(response) => {
            println!("{call} -> {} {}", response.status(), shorten(&format!("{:?}", response.body())));
            response.into_body()
        }
        Err(error) => fail(call, &error),
    }
}

pub fn expect(what: &str, holds: bool) {
    if !holds {
        eprintln!("FAILED: expected {what}");
        std::process::exit(1);
    }
}

pub fn fail(call: &str, what: &dyn Debug) -> ! {
    eprintln!("FAILED: {call} -> {what:?}");
    std::process::exit(1);
}

pub fn shorten(text: &str) -> String {
    match text.char_indices().nth(300) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}
