//! The tagged fixture (`spec/fixtures/tags.yaml`, `group_by = "tag"`): operations are reached through their
//! first tag's group, untagged ones on the client, and the requests are exactly what the flat layout sends.

mod common;

use serde_json::json;
use swagger2rs_e2e::{Response, Server};
use tags::Client;
use tags::types::{ListPetsStatus, NewPet, Pet, Status};

fn client(server: &Server) -> Client {
    Client::with_http_client(server.url(), common::http()).with_admin_key("s3cret")
}

#[tokio::test]
async fn a_grouped_operation_sends_its_request_and_decodes_the_response() {
    let server = Server::fixed(Response::new(200).json(r#"[{"id": 7, "name": "Rex", "status": "sold"}]"#));

    let pets = client(&server).pets().list().limit(2).status(ListPetsStatus::Available).send().await.unwrap();

    let request = server.single_request();
    assert_eq!(request.request_line, "GET /pets?limit=2&status=available HTTP/1.1");
    assert_eq!(request.header("accept"), Some("application/json"));
    assert_eq!(request.header("x-admin-key"), None, "only admin operations send the admin key");
    let pet = &pets.body()[0];
    assert_eq!((pet.id, pet.name.as_str(), pet.status.clone()), (7, "Rex", Some(Status::Sold)));
}

#[tokio::test]
async fn a_group_is_a_cheap_copy_that_starts_several_calls() {
    let server = Server::fixed(Response::new(201).json(r#"{"id": 1, "name": "Tom"}"#));
    let client = client(&server);
    let pets = client.pets();
    let again = pets;

    let created =
        again.create_pet(NewPet { tags: Some(vec!["cat".into()]), ..NewPet::new("Tom") }).send().await.unwrap();
    pets.get_pet_by_id(1).send().await.unwrap();

    let requests = server.requests();
    assert_eq!(requests[0].request_line, "POST /pets HTTP/1.1");
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&requests[0].body).unwrap(),
        json!({"name": "Tom", "tags": ["cat"]})
    );
    assert_eq!(requests[1].request_line, "GET /pets/1 HTTP/1.1");
    assert_eq!(created.body(), &Pet::new(1, "Tom"));
}

#[tokio::test]
async fn a_groups_operations_keep_their_security_and_untagged_ones_stay_on_the_client() {
    let server = Server::fixed(Response::new(204));
    let client = client(&server);

    client.admin().purge_cache().send().await.unwrap();
    client.health().send().await.ok();

    let requests = server.requests();
    assert_eq!(requests[0].request_line, "DELETE /admin/cache HTTP/1.1");
    assert_eq!(requests[0].header("x-admin-key"), Some("s3cret"));
    assert_eq!(requests[1].request_line, "GET /health HTTP/1.1");
}

#[tokio::test]
async fn colliding_tags_are_separate_groups() {
    let server = Server::fixed(Response::new(200).json(r#"{"available": 3}"#));
    let client = client(&server);

    let inventory = client.store_orders_2().get_inventory().send().await.unwrap();
    client.store_orders().get_order("o/1").send().await.ok();

    let requests = server.requests();
    assert_eq!(requests[0].request_line, "GET /store/inventory HTTP/1.1");
    assert_eq!(inventory.body().get("available"), Some(&3));
    assert_eq!(requests[1].request_line, "GET /store/orders/o%2F1 HTTP/1.1");
}
