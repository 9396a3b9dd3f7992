# Sourced by the end-to-end scripts (scripts/e2e.sh, scripts/cli-e2e.sh).
# json_field FILE KEY: prints a top-level field of a JSON file (a deployment manifest, a
# `cargo contract --output-json` result); an empty line when the field is null.
json_field() {
    python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]] or "")' "$1" "$2"
}
