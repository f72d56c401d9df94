//! Serde round trips of the generated models (`spec/fixtures/models.yaml`) against JSON documents: what a
//! server sends decodes into the right Rust values and encodes back to the same JSON.

use models::types::{
    Animal, Annotated, Cat, CatHuntingSkill, Category, Closed, Dog, Labels, NewPet, NewPetStatus, Owner, Pet, Priority,
    Ratio,
};
use serde_json::{Value, json};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(document: Value) -> T {
    let decoded: T = serde_json::from_value(document.clone()).expect("decodes");
    assert_eq!(serde_json::to_value(&decoded).expect("encodes"), document, "round trip changes nothing");
    decoded
}

#[test]
fn required_fields_are_plain_and_optional_ones_are_left_out_when_absent() {
    let pet: NewPet = round_trip(json!({"name": "Rex"}));
    assert_eq!(pet, NewPet { name: "Rex".into(), tag: None, status: None });
    assert!(serde_json::from_value::<NewPet>(json!({"tag": "x"})).is_err(), "`name` is required");
}

#[test]
fn all_of_merges_the_parent_fields_and_read_only_ids_are_optional() {
    let pet: Pet = round_trip(json!({"name": "Rex", "status": "sold", "id": 7}));
    assert_eq!(pet.id, Some(7));
    assert_eq!(pet.status, Some(NewPetStatus::Sold));
    let new: Pet = round_trip(json!({"name": "Rex"}));
    assert_eq!(new.id, None, "readOnly `id` need not be sent");
}

#[test]
fn optional_nullable_fields_tell_absent_from_null() {
    let null: Pet = round_trip(json!({"name": "Rex", "nickname": null}));
    assert_eq!(null.nickname, Some(None), "null is kept, and sent back as null");
    let absent: Pet = round_trip(json!({"name": "Rex"}));
    assert_eq!(absent.nickname, None, "absent stays absent");
    let set: Pet = round_trip(json!({"name": "Rex", "nickname": "R"}));
    assert_eq!(set.nickname, Some(Some("R".to_owned())));
}

#[test]
fn open_string_enums_keep_unknown_values() {
    let pet: Pet = round_trip(json!({"name": "Rex", "status": "adopted"}));
    assert_eq!(pet.status, Some(NewPetStatus::Other("adopted".into())));
    assert_eq!(NewPetStatus::from("pending"), NewPetStatus::Pending);
    assert_eq!(NewPetStatus::Available.to_string(), "available");
}

#[test]
fn integer_and_number_enums_use_their_values_and_keep_unknown_ones() {
    assert_eq!(round_trip::<Priority>(json!(2)), Priority::Medium);
    assert_eq!(round_trip::<Priority>(json!(9)), Priority::Other(9));
    assert_eq!(round_trip::<Ratio>(json!(1.5)), Ratio::_1Point5);
    assert_eq!(round_trip::<Ratio>(json!(0.25)), Ratio::Other(0.25));
}

#[test]
fn recursive_types_nest() {
    let category: Category = round_trip(json!({
        "name": "root",
        "parent": {"name": "up"},
        "children": [{"name": "a", "children": []}],
    }));
    assert_eq!(category.parent.as_ref().and_then(|p| p.name.as_deref()), Some("up"));
}

#[test]
fn maps_and_additional_properties_keep_every_key() {
    let labels: Labels = round_trip(json!({"a": "1", "b": "2"}));
    assert_eq!(labels.len(), 2);
    let annotated: Annotated = round_trip(json!({"kind": "k", "x": 1, "y": 2}));
    assert_eq!(annotated.kind.as_deref(), Some("k"));
    assert_eq!(annotated.additional_properties.get("y"), Some(&2));
}

#[test]
fn closed_objects_reject_unknown_keys() {
    assert!(serde_json::from_value::<Closed>(json!({"only": "x"})).is_ok());
    assert!(serde_json::from_value::<Closed>(json!({"only": "x", "extra": 1})).is_err());
}

/// Plain structs' `Deserialize` is written by the generator rather than derived; what a server sends reads
/// as it did with the derive, errors included.
#[test]
fn malformed_objects_are_errors_that_name_the_field() {
    let error = |json: &str| serde_json::from_str::<NewPet>(json).unwrap_err().to_string();
    assert_eq!(error(r#"{"tag":"x"}"#), "missing field `name` at line 1 column 11");
    assert_eq!(error(r#"{"name":"a","name":"b"}"#), "duplicate field `name` at line 1 column 18");
    assert_eq!(error(r#"{"name":7}"#), "invalid type: integer `7`, expected a string at line 1 column 9");
    assert_eq!(error(r#""Rex""#), "invalid type: string \"Rex\", expected struct NewPet at line 1 column 5");
    let closed = serde_json::from_str::<Closed>(r#"{"only":"x","extra":1}"#).unwrap_err().to_string();
    assert_eq!(closed, "unknown field `extra`, expected `only` at line 1 column 19");
    // Keys with escapes, and values read from an owned `Value`, take the same path as borrowed text.
    let pet: NewPet = serde_json::from_str(r#"{"n\u0061me":"Rex","status":"sold"}"#).unwrap();
    assert_eq!((pet.name.as_str(), pet.status), ("Rex", Some(NewPetStatus::Sold)));
    let pet: Pet = serde_json::from_value(json!({"name": "Rex", "id": 7, "ignored": [1, {"a": null}]})).unwrap();
    assert_eq!(pet.id, Some(7));
}

#[test]
fn discriminated_bases_decode_into_the_tagged_child() {
    let cat: Animal = round_trip(json!({"petType": "Cat", "name": "Tom", "huntingSkill": "lazy"}));
    let Animal::Cat(Cat { name, hunting_skill, .. }) = &cat else { panic!("a cat: {cat:?}") };
    assert_eq!((name.as_str(), hunting_skill), ("Tom", &Some(CatHuntingSkill::Lazy)));
    assert_eq!(cat.tag(), Some("Cat"));

    let dog: Animal = round_trip(json!({
        "petType": "doggo",
        "name": "Rex",
        "packSize": 3,
        "bestFriend": {"petType": "Cat", "name": "Tom"},
    }));
    let Animal::Dog(Dog { pack_size, best_friend, .. }) = &dog else { panic!("a dog: {dog:?}") };
    assert_eq!(*pack_size, 3);
    assert!(matches!(best_friend.as_deref(), Some(Animal::Cat(_))));
}

#[test]
fn unknown_tags_are_kept_whole() {
    let fish: Animal = round_trip(json!({"petType": "Fish", "name": "Nemo", "fins": 2}));
    assert!(matches!(&fish, Animal::Other(_)));
    assert_eq!(fish.tag(), Some("Fish"));
    let owner: Owner = round_trip(json!({"pets": [{"petType": "Cat", "name": "Tom"}, {"petType": "Fish"}]}));
    assert_eq!(owner.pets.map(|p| p.len()), Some(2));
}

#[test]
fn a_known_tag_with_a_wrong_shape_is_an_error() {
    assert!(serde_json::from_value::<Animal>(json!({"petType": "doggo", "name": "Rex"})).is_err(), "packSize");
}

#[test]
fn absent_fields_read_as_the_spec_defaults() {
    let formats: models::types::Formats = serde_json::from_value(json!({})).expect("decodes");
    assert_eq!(formats.i32, Some(20));
    assert_eq!(formats.label.as_deref(), Some("none \"quoted\""));
    assert_eq!(formats.shade, Some(models::types::FormatsShade::Dark));
    assert_eq!(formats.misfit, None, "a default that does not fit the type reads as absent");
    let sent: models::types::Formats = serde_json::from_value(json!({"i32": 5, "shade": "light"})).expect("decodes");
    assert_eq!((sent.i32, sent.shade), (Some(5), Some(models::types::FormatsShade::Light)), "sent values win");
}

#[test]
fn byte_format_strings_are_base64_decoded_bytes() {
    let sent = json!({"raw": "aGkA", "id": "0b5f", "when": "2026-11-28T12:00:00Z"});
    let formats: models::types::Formats = serde_json::from_value(sent).expect("decodes");
    assert_eq!(formats.raw.as_ref().map(|b| b.as_bytes()), Some(&b"hi\x00"[..]));
    let encoded = serde_json::to_value(&formats).expect("encodes");
    assert_eq!(encoded["raw"], json!("aGkA"), "encoded back to the same text");
    assert!(serde_json::from_value::<models::types::Formats>(json!({"raw": "not base64!"})).is_err());
}

#[test]
fn dates_and_date_times_are_chrono_values_that_keep_their_text() {
    let sent = json!({"when": "2026-11-28T12:00:00.250+02:00", "day": "2026-02-28"});
    let formats: models::types::Formats = serde_json::from_value(sent.clone()).expect("decodes");
    let encoded = serde_json::to_value(&formats).expect("encodes");
    assert_eq!((&encoded["when"], &encoded["day"]), (&sent["when"], &sent["day"]), "written back as received");
    let when = formats.when.expect("a date-time");
    assert_eq!(when.offset().local_minus_utc(), 7200, "the server's offset is kept");
    assert_eq!(when.timestamp_millis(), 1_795_860_000_250);
    assert_eq!(formats.day, chrono::NaiveDate::from_ymd_opt(2026, 2, 28));
    for bad in [json!({"when": "yesterday"}), json!({"day": "2026-02-30"}), json!({"when": "2026-11-28"})] {
        assert!(serde_json::from_value::<models::types::Formats>(bad.clone()).is_err(), "{bad} is refused");
    }
}

#[tokio::test]
async fn date_and_configured_parameters_are_sent_as_text() {
    use swagger2rs_e2e::{Response, Server};
    let server = Server::fixed(Response::new(200).json("[]"));
    let http = reqwest::Client::builder().no_proxy().build().expect("client");
    let client = models::Client::with_http_client(server.url(), http);
    let after = chrono::DateTime::parse_from_rfc3339("2026-11-28T12:00:00+01:00").expect("date-time");
    let on = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
    let vet = std::net::Ipv4Addr::new(10, 0, 0, 7);
    client.find_pets().born_after(after).born_on(on).vet_address(vet).send().await.expect("200");
    let request = server.single_request();
    assert_eq!(
        request.target, "/pets?bornAfter=2026-11-28T12%3A00%3A00%2B01%3A00&bornOn=2026-11-28&vetAddress=10.0.0.7",
        "RFC 3339 dates, and `[types.formats] ipv4 = \"std::net::Ipv4Addr\"` sent by `Display`"
    );
}
