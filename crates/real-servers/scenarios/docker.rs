//! The Docker Engine client against a real dockerd 20.10 (API 1.41): an image built from a `FROM scratch`
//! context, tagged, inspected, listed and deleted; a container created from it (never started), inspected,
//! listed, renamed and deleted; volumes and networks; system info, version, ping and disk usage; typed 404 and
//! 503 errors.
//!
//! Built and run by `tests/docker.rs` with `BASE_URL` set to the engine's `/v1.41`. Prints each call and what
//! it decoded; exits non-zero at the first failure.

mod support;

use std::collections::BTreeMap;
use std::fmt::Debug;

use client::runtime::{JsonStream, StreamExt};
use client::types::{ContainerCreateBody, ErrorResponse, ImageBuildContentType, NetworkCreateBody, VolumeCreateBody};
use client::{Client, Error, ResponseValue};
use support::{expect, fail, ok, shorten};

/// The label the Dockerfile sets, found again on the image and the container.
const LABEL: (&str, &str) = ("org.example.scenario", "swagger2rs");

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let base_url = std::env::var("BASE_URL").expect("BASE_URL");
    let client = Client::new(base_url).with_timeout(std::time::Duration::from_secs(60));
    system(&client).await;
    let image = images(&client).await;
    containers(&client, &image).await;
    volumes(&client).await;
    networks(&client).await;
    errors(&client).await;
    let removed = ok("image_delete", client.image_delete("scenario:latest").force(true).send().await);
    expect("deleting the image untags or deletes it", !removed.is_empty());
    println!("docker scenario: all calls passed");
}

async fn system(client: &Client) {
    ok("system_ping", client.system_ping().send().await);
    let version = ok("system_version", client.system_version().send().await);
    expect("the engine speaks API 1.41", version.api_version.as_deref() == Some("1.41"));
    let info = ok("system_info", client.system_info().send().await);
    expect("info names the data root", info.docker_root_dir.is_some());
}

/// Builds `scenario:latest` and returns its ID.
async fn images(client: &Client) -> String {
    let context = tar(&[("Dockerfile", format!("FROM scratch\nLABEL {}={}\n", LABEL.0, LABEL.1).as_bytes())]);
    let build = client
        .image_build()
        .t("scenario:latest")
        .input_stream(context)
        // After the body, which labels itself `application/octet-stream` (the operation's `consumes`): the last
        // `Content-Type` set is the one sent, and the engine documents `application/x-tar`.
        .content_type(ImageBuildContentType::ApplicationXTar)
        .send_json_stream()
        .await;
    let id = built_image_id("image_build", build).await;
    let image = ok("image_inspect", client.image_inspect("scenario:latest").send().await);
    expect("the image is the one built", image.id == id);
    let labels = image.config.as_ref().and_then(|c| c.labels.as_ref());
    expect(
        "the image carries the Dockerfile's label",
        labels.and_then(|l| l.get(LABEL.0)).is_some_and(|v| v == LABEL.1),
    );
    ok("image_tag", client.image_tag("scenario:latest").repo("scenario").tag("tagged").send().await);
    let history = ok("image_history", client.image_history("scenario:tagged").send().await);
    expect("the history ends at the image", history.first().is_some_and(|h| h.id == id));
    let list = ok("image_list", client.image_list().send().await);
    let listed = list.iter().find(|i| i.id == id);
    expect("the list has the image with both tags", listed.is_some_and(|i| i.repo_tags.len() == 2));
    let untagged = ok("image_delete (tag)", client.image_delete("scenario:tagged").send().await);
    expect("deleting a second tag only untags", untagged.iter().all(|item| item.deleted.is_none()));
    id
}

async fn containers(client: &Client, image: &str) {
    let body = ContainerCreateBody {
        image: Some(image.to_owned()),
        cmd: Some(vec!["/never-started".to_owned()]),
        labels: Some(BTreeMap::from([("role".to_owned(), "scenario".to_owned())])),
        ..Default::default()
    };
    let created = ok("container_create", client.container_create(body).name("scenario-box").send().await);
    let inspected = ok("container_inspect", client.container_inspect(&created.id).send().await);
    expect("the container has its name", inspected.name.as_deref() == Some("/scenario-box"));
    let label = inspected.config.as_ref().and_then(|c| c.labels.as_ref()).and_then(|l| l.get(LABEL.0).cloned());
    expect("the container inherits the image's label", label.as_deref() == Some(LABEL.1));
    let list = ok("container_list (all)", client.container_list().all(true).send().await);
    expect("the created container is listed", list.iter().any(|c| c.id.as_deref() == Some(created.id.as_str())));
    let usage = ok("system_data_usage", client.system_data_usage().send().await);
    expect("disk usage counts the image", usage.images.as_deref().is_some_and(|i| !i.is_empty()));
    ok("container_rename", client.container_rename(&created.id, "scenario-renamed").send().await);
    let renamed = ok("container_inspect (renamed)", client.container_inspect("scenario-renamed").send().await);
    expect("the rename took", renamed.id.as_deref() == Some(created.id.as_str()));
    ok("container_delete", client.container_delete(&created.id).send().await);
}

async fn volumes(client: &Client) {
    let body = VolumeCreateBody { name: Some("scenario-volume".into()), ..Default::default() };
    let volume = ok("volume_create", client.volume_create(body).send().await);
    expect("the volume has its name", volume.name == "scenario-volume");
    let inspected = ok("volume_inspect", client.volume_inspect("scenario-volume").send().await);
    expect("the volume uses the local driver", inspected.driver == "local");
    let list = ok("volume_list", client.volume_list().send().await);
    expect("the volume is listed", list.volumes.iter().any(|v| v.name == "scenario-volume"));
    ok("volume_delete", client.volume_delete("scenario-volume").send().await);
}

/// The engine runs with `--bridge=none`, so there is no default bridge, but a user-defined bridge network can be
/// created.
async fn networks(client: &Client) {
    let body = NetworkCreateBody { name: "scenario-net".into(), driver: Some("bridge".into()), ..Default::default() };
    let created = ok("network_create", client.network_create(body).send().await);
    let id = created.id.expect("the network's ID");
    let inspected = ok("network_inspect", client.network_inspect(&id).send().await);
    expect("the network has its name", inspected.name.as_deref() == Some("scenario-net"));
    let list = ok("network_list", client.network_list().send().await);
    expect("the network is listed", list.iter().any(|n| n.id.as_deref() == Some(id.as_str())));
    ok("network_delete", client.network_delete(&id).send().await);
}

/// Declared error statuses decode into the spec's `ErrorResponse`.
async fn errors(client: &Client) {
    typed_error("container_inspect (missing)", 404, client.container_inspect("no-such-container").send().await);
    typed_error("swarm_inspect (not a swarm)", 503, client.swarm_inspect().send().await);
    typed_error("node_list (not a swarm)", 503, client.node_list().send().await);
}

/// The build answers with one JSON object per line and declares no schema, so it is read as a stream of JSON
/// values, item by item as the engine sends them; the image's ID is in the `aux` object.
async fn built_image_id(
    call: &str,
    result: Result<ResponseValue<JsonStream<serde_json::Value>>, Error<ErrorResponse>>,
) -> String {
    let mut progress = ok(call, result);
    let mut id = None;
    while let Some(message) = progress.next().await {
        let message = message.unwrap_or_else(|e| fail(call, &e));
        println!("  {}", shorten(&message.to_string()));
        if let Some(error) = message.get("error") {
            fail(call, error);
        }
        if let Some(built) = message.pointer("/aux/ID").and_then(|v| v.as_str()) {
            id = Some(built.to_owned());
        }
    }
    id.unwrap_or_else(|| fail(call, &"no image ID in the build's output"))
}

fn typed_error<T: Debug>(call: &str, status: u16, result: Result<ResponseValue<T>, Error<ErrorResponse>>) {
    match result {
        Err(Error::ErrorResponse(response)) if response.status() == status => {
            println!("{call} -> typed {status}: {:?}", response.body());
        }
        other => fail(call, &other),
    }
}

/// An uncompressed tar archive of `files`.
fn tar(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut archive = Vec::new();
    for (name, data) in files {
        let mut header = [0u8; 512];
        header[..name.len()].copy_from_slice(name.as_bytes());
        header[100..108].copy_from_slice(b"0000644\0");
        header[108..116].copy_from_slice(b"0000000\0");
        header[116..124].copy_from_slice(b"0000000\0");
        header[124..136].copy_from_slice(format!("{:011o}\0", data.len()).as_bytes());
        header[136..148].copy_from_slice(b"00000000000\0");
        header[148..156].copy_from_slice(b"        ");
        header[156] = b'0';
        header[257..263].copy_from_slice(b"ustar\0");
        header[263..265].copy_from_slice(b"00");
        let checksum: u32 = header.iter().map(|&b| u32::from(b)).sum();
        header[148..156].copy_from_slice(format!("{checksum:06o}\0 ").as_bytes());
        archive.extend_from_slice(&header);
        archive.extend_from_slice(data);
        archive.resize(archive.len().next_multiple_of(512), 0);
    }
    archive.resize(archive.len() + 1024, 0);
    archive
}
