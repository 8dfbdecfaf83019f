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

/// Every `.rs` file under `dir`, in sub-folders too.
fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("the folder exists").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

#[test]
fn the_web_crate_never_sets_inner_html() {
    let offenders: Vec<_> = rust_files(&workspace_root().join("web/src"))
        .into_iter()
        .filter(|path| std::fs::read_to_string(path).unwrap_or_default().contains("inner_html"))
        .collect();
    assert!(
        offenders.is_empty(),
        "stored or imported text must never become HTML; inner_html in {offenders:?}"
    );
}

#[test]
fn the_web_crate_never_unwraps_outside_its_tests() {
    let mut offenders = Vec::new();
    for path in rust_files(&workspace_root().join("web/src")) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        // Browser tests sit at the end of a file, behind this attribute.
        let code = text.split("#[cfg(all(test, target_arch = \"wasm32\"))]").next().unwrap_or("");
        for (number, line) in code.lines().enumerate() {
            if line.contains(".unwrap()") || line.contains(".expect(") {
                offenders.push(format!("{}:{}: {}", path.display(), number + 1, line.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "a panic in WebAssembly kills the app: handle these errors as values:\n{}",
        offenders.join("\n")
    );
}
