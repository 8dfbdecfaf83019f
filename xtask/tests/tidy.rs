//! Tidy checks on the real workspace: core stays free of web crates, every file says what it is for.

use std::path::Path;
use std::process::Command;

fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits inside the workspace")
}

#[test]
fn taawun_core_depends_on_no_web_crate() {
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--offline"])
        .current_dir(workspace_root())
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
    let found = xtask::tidy::web_crates_below(&metadata, "taawun-core")
        .expect("taawun-core is in the workspace");
    assert!(
        found.is_empty(),
        "taawun-core must not depend on browser crates, but pulls in {found:?}"
    );
}

#[test]
fn every_source_file_opens_with_a_line_saying_what_it_is_for() {
    let missing = xtask::tidy::files_without_doc_line(workspace_root());
    assert!(
        missing.is_empty(),
        "these files lack an opening `//!` line: {missing:#?}"
    );
}

#[test]
fn the_web_crate_never_sets_inner_html() {
    let mut offenders = Vec::new();
    let web_src = workspace_root().join("web/src");
    for entry in std::fs::read_dir(&web_src)
        .expect("web/src exists")
        .flatten()
    {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        if text.contains("inner_html") {
            offenders.push(entry.path());
        }
    }
    assert!(
        offenders.is_empty(),
        "stored or imported text must never become HTML; inner_html in {offenders:?}"
    );
}
