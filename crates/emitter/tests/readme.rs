//! The generated README: its example calls only operations whose required arguments can be invented, builds
//! a model, and falls back to the client alone, so it compiles for every spec (the fixtures' doc tests prove
//! the compiling; this checks the choice).

mod common;

use swagger2rs_emitter::{GeneratedFile, Options};

fn readme(spec: &str) -> String {
    let api = swagger2rs_parser::load_str("s.yaml", spec.to_owned()).api.expect("lowers");
    let files: Vec<GeneratedFile> = swagger2rs_emitter::generate(&api, &Options::new("my-api", "s.yaml")).unwrap();
    common::file(&files, "README.md").to_owned()
}

fn example(readme: &str) -> &str {
    let start = readme.find("```rust,no_run\n").expect("an example") + "```rust,no_run\n".len();
    &readme[start..start + readme[start..].find("```").unwrap()]
}

#[test]
fn the_example_skips_operations_it_cannot_call_and_uses_the_crate_name_as_rust_spells_it() {
    let spec = "swagger: '2.0'
info: {title: 'Pets [beta]', version: '2'}
host: pets.example.com
paths:
  /upload:
    post:
      operationId: upload
      consumes: [multipart/form-data]
      parameters: [{name: file, in: formData, type: file, required: true}]
      responses: {200: {description: ok}}
  /pets/{id}:
    get:
      operationId: getPet
      parameters: [{name: id, in: path, type: integer, required: true}, {name: q, in: query, type: string}]
      responses: {200: {description: ok, schema: {$ref: '#/definitions/Pet'}}}
  /pets:
    post:
      operationId: addPet
      parameters: [{name: body, in: body, required: true, schema: {$ref: '#/definitions/Pet'}}]
      responses: {200: {description: ok}}
    get:
      operationId: listPets
      responses: {200: {description: ok}}
definitions:
  Pet: {type: object, required: [name], properties: {name: {type: string}, age: {type: integer}}}
";
    let readme = readme(spec);
    assert!(readme.contains("An async Rust client for Pets \\[beta\\] (API version 2)"), "{readme}");
    assert!(readme.contains("my-api = { path = \"path/to/my-api\" } # or my-api = \"0.1.0\""));
    assert_eq!(
        example(&readme),
        "use my_api::{Client, Error};

async fn example() {
    let client = Client::new(\"https://pets.example.com\");
    match client.get_pet(1).send().await {
        Ok(response) => println!(\"status {}\", response.status()),
        Err(Error::ErrorResponse(response)) => eprintln!(\"the API answered {}\", response.status()),
        Err(Error::Timeout(_)) => eprintln!(\"no answer in time\"),
        Err(error) => eprintln!(\"{error}\"),
    }
    if let Ok(response) = client.list_pets().send().await {
        println!(\"{:?}\", response.headers());
    }
    let model = my_api::types::Pet::new(\"value\");
    println!(\"{model:?}\");
}
"
    );
}

#[test]
fn without_callable_operations_the_example_builds_the_client() {
    let readme = readme("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n");
    assert_eq!(
        example(&readme),
        "use my_api::{Client, Error};

async fn example() {
    let client = Client::new(\"https://api.example.com\");
    println!(\"calling {}\", client.base_url());
}
"
    );
}
