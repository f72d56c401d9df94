#!/usr/bin/env bash
# Builds the seed corpus of the `pipeline` target from the project's specs, in fuzz/corpus/pipeline (not checked
# in: libFuzzer adds to it while it runs). Each fixture is a seed as it is; the Jira spec is one seed alone and one
# with its overlay after a `#@overlay` line, the form the target reads; one parser fixture adds a broken `$ref`
# chain.
set -euo pipefail
cd "$(dirname "$0")"
out=corpus/pipeline
mkdir -p "$out"
for spec in ../spec/fixtures/*.yaml ../spec/jira.yaml; do
    cp "$spec" "$out/$(basename "$spec")"
done
{ cat ../spec/jira.yaml; printf '\n#@overlay\n'; cat ../spec/jira.overlay.yaml; } > "$out/jira_with_overlay.yaml"
# A `$ref` alias chain ending in a `$ref` that is not a string: mutations that lengthen or rewire it probe that
# every chain's outcome, failures included, is decided once (the parser test that owns it checks the repair).
cp ../crates/parser/tests/fixtures/dangling_refs/malformed_chain.yaml "$out/malformed_ref_chain.yaml"
echo "$(ls "$out" | wc -l) files in fuzz/$out"
