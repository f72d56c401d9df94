//! The collection-formats client against Stoplight Prism (`prism mock --errors`): array parameters in
//! every collectionFormat, in path, query and header, validated by Prism against
//! `spec/fixtures/collection_formats.yaml`.

mod common;

use std::path::Path;

use collection_formats::Client;
use swagger2rs_e2e::{Prism, prism_hook};

/// A string with every character that is reserved somewhere in a URL.
const RESERVED: &str = "a b/c?d&e=f#g%h";

fn spec() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../spec/fixtures/collection_formats.yaml"))
}

#[tokio::test]
async fn every_operation_passes_prism_validation_and_decodes() {
    let Some(prism) = Prism::start(spec()) else { return };
    let client = Client::with_http_client(prism.url(), common::http())
        .with_hook(prism_hook!(collection_formats, prism.violations()));
    let c = &client;

    let items = prism.call("pairItems (one id)", c.pair_items(["x"]).send()).await.expect("pairItems");
    assert_eq!(items.status(), 200);
    assert_eq!(items.body(), &["string"]);
    let items = prism.call("pairItems (several ids)", c.pair_items([RESERVED, "y"]).send()).await.expect("pairItems");
    assert_eq!(items.status(), 200);

    // listItems "required only" also sends the optional header array `X-Tags`: Prism 5.14.2 crashes
    // (TypeError in `deserializers/style/simple.js`) on a request without it.
    let items = c.list_items([1], [2]).x_tags(["t"]).send();
    assert_eq!(prism.call("listItems (required only)", items).await.expect("listItems").status(), 200);
    let all = c
        .list_items([1, -2, 3], [4, 5])
        .csv([RESERVED, "b"])
        .ssv(["c", RESERVED])
        .tsv([RESERVED])
        .pipes([RESERVED, "d"])
        .multi([RESERVED, "", "e"])
        .x_tags([RESERVED, "f"])
        .send();
    assert_eq!(prism.call("listItems (all parameters)", all).await.expect("listItems").status(), 200);
}
