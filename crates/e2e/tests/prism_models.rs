//! The models client against Stoplight Prism (`prism mock --errors`): an allOf response model, a query
//! enum and formatted query parameters (date-time, date, a format mapped to `std::net::Ipv4Addr`), validated
//! by Prism against `spec/fixtures/models.yaml`.

mod common;

use std::path::Path;

use models::Client;
use models::types::{FindPetsStatus, NewPet, NewPetStatus};
use swagger2rs_e2e::{Prism, prism_hook};

/// A string with every character that is reserved somewhere in a URL.
const RESERVED: &str = "a b/c?d&e=f#g%h";

fn spec() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../spec/fixtures/models.yaml"))
}

fn client(prism: &Prism) -> Client {
    Client::with_http_client(prism.url(), common::http()).with_hook(prism_hook!(models, prism.violations()))
}

#[tokio::test]
async fn every_operation_passes_prism_validation_and_decodes() {
    let Some(prism) = Prism::start(spec()) else { return };
    let c = client(&prism);

    let pets = prism.call("findPets (required only)", c.find_pets().send()).await.expect("findPets");
    assert_eq!(pets.status(), 200);
    assert_eq!(pets.body().len(), 1);
    assert_eq!(pets.body()[0].name, "string");
    assert_eq!(pets.body()[0].status, Some(NewPetStatus::Available), "the enum's first value");
    let all = c
        .find_pets()
        .status(FindPetsStatus::Sold)
        .limit(0)
        .born_after(chrono::DateTime::parse_from_rfc3339("2020-01-02T03:04:05.678-07:30").expect("a date-time"))
        .born_on(chrono::NaiveDate::from_ymd_opt(2020, 12, 31).expect("a date"))
        .vet_address(std::net::Ipv4Addr::new(10, 0, 0, 255))
        .send();
    assert_eq!(prism.call("findPets (all parameters)", all).await.expect("findPets").status(), 200);

    let minimal = NewPet { name: RESERVED.into(), tag: None, status: None };
    let created = prism.call("addPet (required only)", c.add_pet(minimal).send()).await.expect("addPet");
    assert_eq!(created.status(), 201);
    assert_eq!(created.body().id, Some(-9_007_199_254_740_991), "Prism's value for an int64 without an example");
    let full = NewPet { name: RESERVED.into(), tag: Some(RESERVED.into()), status: Some(NewPetStatus::Pending) };
    let created = prism.call("addPet (all fields)", c.add_pet(full).send()).await.expect("addPet");
    assert_eq!(created.status(), 201);
}

/// The dynamic mode's random responses, valid for their schemas, all decode.
#[tokio::test]
async fn random_valid_responses_decode() {
    let Some(prism) = Prism::start_dynamic(spec()) else { return };
    let c = client(&prism);
    for round in 0..10 {
        prism.call(&format!("findPets (dynamic, round {round})"), c.find_pets().send()).await.expect("findPets");
        let pet = NewPet { name: "n".into(), tag: None, status: None };
        prism.call(&format!("addPet (dynamic, round {round})"), c.add_pet(pet).send()).await.expect("addPet");
    }
}
