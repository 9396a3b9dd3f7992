//! The demo's story is a test too: `make demo` and CI run the same code.

use system_tests::artifacts;

#[test]
fn the_seed_story_holds() {
    let mut out = Vec::new();
    let report = deploy::demo::run(artifacts(), &mut out).expect("the story runs to the end");
    let text = String::from_utf8_lossy(&out);
    assert!(
        report.failures().is_empty(),
        "failed expectations: {:?}\n{text}",
        report.failures()
    );
    assert!(
        report.checks.len() >= 20,
        "the story checks its expectations"
    );
}
