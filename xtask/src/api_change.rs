//! The one-line API change summary `cargo xtask codegen` prints for a crate whose inputs changed since the last
//! commit: `jira: 0 breaking, 2 additive, 0 patch`.
//!
//! The xtask keeps no state between runs, so "the previous generation" is the one the committed inputs give:
//! the spec, its overlays and its configuration at `HEAD`, read with `git show` into temporary copies (each side
//! with its own configuration, so a rename added with the new spec applies to the new side only). Nothing is
//! printed when the inputs equal `HEAD`'s, when git is unavailable, or when either side has errors (generation
//! itself reports those).

use std::path::Path;
use std::process::Command;

use swagger2rs::diff::{self, source};
use swagger2rs::pipeline;

use crate::codegen::Target;

/// The summary for `target`, or `None` when there is nothing (or nothing reliable) to say.
pub fn summary(root: &Path, target: &Target) -> Option<String> {
    let mut tracked: Vec<&str> = vec![target.spec];
    tracked.extend(target.overlays);
    tracked.extend(target.config);
    if !changed_since_head(root, &tracked)? {
        return None;
    }
    let head = source::resolve_in(root, &format!("HEAD:{}", target.spec), target.crate_name).ok()?;
    // Each input as it was at HEAD; one added since then (absent at HEAD) did not exist for the old side.
    let at_head = |path: &str, side: String| source::resolve_in(root, &format!("HEAD:{path}"), &side).ok();
    let overlays: Vec<source::Resolved> = (target.overlays.iter().enumerate())
        .filter_map(|(i, o)| at_head(o, format!("{}-overlay-{i}", target.crate_name)))
        .collect();
    let config = target.config.and_then(|c| at_head(c, format!("{}-config", target.crate_name)));
    let old_inputs = diff::side_inputs(
        head.spec.clone(),
        overlays.iter().map(|o| o.spec.clone()).collect(),
        config.as_ref().map(|c| c.spec.clone()),
    );
    let new_inputs = diff::side_inputs(
        root.join(target.spec),
        target.overlays.iter().map(|o| root.join(o)).collect(),
        target.config.map(|c| root.join(c)),
    );
    let old = pipeline::prepare(&old_inputs, target.crate_name);
    let new = pipeline::prepare(&new_inputs, target.crate_name);
    let (old_api, new_api) = (old.api_without_errors()?, new.api_without_errors()?);
    let diff = diff::diff(old_api, new_api, target.crate_name, &old.options.crate_version);
    Some(format!("{} (since HEAD)", diff.summary()))
}

/// Whether any of `paths` differs from `HEAD` (`None` when git cannot tell, e.g. outside a repository).
fn changed_since_head(root: &Path, paths: &[&str]) -> Option<bool> {
    let status = Command::new("git")
        .args(["diff", "--quiet", "HEAD", "--"])
        .args(paths)
        .current_dir(root)
        .stderr(std::process::Stdio::null())
        .status()
        .ok()?;
    match status.code() {
        Some(0) => Some(false),
        Some(1) => Some(true),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::process::Command;

    use crate::codegen::Target;

    fn git(dir: &Path, args: &[&str]) {
        let output = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(dir)
            .output()
            .expect("git runs");
        assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    }

    const SPEC: &str = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    get:\n      \
                        operationId: listPets\n      parameters:\n        - {name: q, in: query, type: string}\n      \
                        responses:\n        '200': {description: ok}\n";

    /// A committed spec, then an edit adding a required parameter: one breaking change since HEAD; nothing
    /// to say before the edit.
    #[test]
    fn summarises_the_change_since_head() {
        let dir = std::env::temp_dir().join(format!("xtask-api-change-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("spec")).unwrap();
        std::fs::write(dir.join("spec/api.yaml"), SPEC).unwrap();
        git(&dir, &["init", "-q"]);
        git(&dir, &["add", "."]);
        git(&dir, &["commit", "-qm", "v1"]);
        let target =
            Target { spec: "spec/api.yaml", overlays: &[], config: None, dir: "generated/api", crate_name: "api" };
        assert_eq!(super::summary(&dir, &target), None, "unchanged since HEAD");
        let edited = SPEC.replace(
            "        - {name: q, in: query, type: string}\n",
            "        - {name: q, in: query, type: string}\n        - {name: r, in: query, required: true, type: string}\n",
        );
        std::fs::write(dir.join("spec/api.yaml"), edited).unwrap();
        assert_eq!(super::summary(&dir, &target).as_deref(), Some("api: 1 breaking, 0 additive, 0 patch (since HEAD)"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
