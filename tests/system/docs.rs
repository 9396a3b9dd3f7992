//! The message reference is generated from the contracts' metadata: it must be current, so
//! that every message (with its callers, errors and events) is documented.

#[test]
fn the_message_reference_is_up_to_date() {
    let generated = deploy::docs::render(&deploy::artifacts::default_dir()).expect("metadata");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/messages.md");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/messages.md is out of date: run `make docs` and commit it"
    );
}
