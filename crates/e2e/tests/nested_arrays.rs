//! Arrays of arrays in every parameter location: each inner array joined by its own `collectionFormat`, then
//! the outer one by its own, exactly as Swagger 2.0 describes.

mod common;

use nested_arrays::Client;
use swagger2rs_e2e::{Response, Server};

#[tokio::test]
async fn inner_and_outer_arrays_are_joined_by_their_own_formats() {
    let server = Server::fixed(Response::new(204));
    let client = Client::with_http_client(server.url(), common::http());
    client
        .put_grid([vec![1, 2], vec![3]])
        .rows([vec!["a b", "c"], vec!["d"]])
        .x_matrix([vec![1.5, 2.0], vec![3.25]])
        .layers([vec!["x", "y"], vec!["z"]])
        .send()
        .await
        .expect("204");
    let request = server.single_request();
    // Path: csv of pipes; `|` is kept, `,` too (both are allowed in a segment).
    assert_eq!(request.path_segments().unwrap(), ["grids", "1|2,3"]);
    // Query: multi of csv.
    assert_eq!(
        request.query_pairs().unwrap(),
        [("rows".to_owned(), "a b,c".to_owned()), ("rows".to_owned(), "d".to_owned())]
    );
    // Header: pipes of ssv.
    assert_eq!(request.header("x-matrix"), Some("1.5 2|3.25"));
    // Form: csv of tsv.
    assert_eq!(request.body, b"layers=x%09y%2Cz");
}
