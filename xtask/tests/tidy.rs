//! Tidy checks on the real workspace: core stays free of web crates, every file says what it is for.

use std::path::Path;
use std::process::Command;

fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask sits inside the workspace")
}

#[test]
fn taawun_core_depends_on_no_web_crate() {
    // Core as a build of core alone resolves it, with every feature of its own (the spreadsheet
    // module's `rust_xlsxwriter/wasm` is that module's, not core's).
    let output = Command::new(env!("CARGO"))
        .args([
            "tree",
            "--package",
            "taawun-core",
            "--all-features",
            "--edges",
            "normal,build",
            "--target",
            "all",
            "--prefix",
            "none",
            "--format",
            "{p}",
            "--offline",
        ])
        .current_dir(workspace_root())
        .output()
        .expect("cargo tree runs");
    assert!(output.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&output.stderr));
    let tree = String::from_utf8_lossy(&output.stdout);
    assert!(tree.contains("rust_xlsxwriter"), "the tree lists core's optional dependencies too: {tree}");
    let found = xtask::tidy::web_crates_in_tree(&tree);
    assert!(found.is_empty(), "taawun-core must not depend on browser crates, but pulls in {found:?}");
}

#[test]
fn the_code_is_formatted_as_rustfmt_toml_says() {
    let output = Command::new(env!("CARGO")).args(["fmt", "--all", "--", "--check"]).current_dir(workspace_root()).output().expect("cargo fmt runs");
    let diff = String::from_utf8_lossy(&output.stdout);
    let first: String = diff.lines().take(40).collect::<Vec<_>>().join("\n");
    assert!(output.status.success(), "`cargo fmt --all` would change these lines (and perhaps more):\n{first}\n{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn every_source_file_opens_with_a_line_saying_what_it_is_for() {
    let missing = xtask::tidy::files_without_doc_line(workspace_root());
    assert!(missing.is_empty(), "these files lack an opening `//!` line: {missing:#?}");
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
fn r31_the_web_crate_never_sets_inner_html_in_any_of_its_files() {
    let offenders: Vec<_> = rust_files(&workspace_root().join("web/src"))
        .into_iter()
        .filter(|path| std::fs::read_to_string(path).unwrap_or_default().contains("inner_html"))
        .collect();
    assert!(offenders.is_empty(), "stored or imported text must never become HTML; inner_html in {offenders:?}");
}

#[test]
fn r33_the_page_declares_the_same_content_security_policy_as_the_server_sends() {
    let html = std::fs::read_to_string(workspace_root().join("index.html")).expect("index.html exists");
    assert_eq!(
        xtask::tidy::meta_csp(&html),
        Some(xtask::serve::CONTENT_SECURITY_POLICY),
        "the meta tag and the header must say the same, so the page is as strict wherever it is hosted"
    );
    assert!(
        !html.contains("<script>") && !html.contains("<style") && !html.contains("style="),
        "no inline script or style in index.html: the policy allows neither"
    );
}

#[test]
fn r33_no_style_attribute_in_the_web_crate_where_a_class_does() {
    let offenders = xtask::tidy::files_containing(&workspace_root().join("web/src"), ".rs", " style=");
    assert!(offenders.is_empty(), "use a class from style.css rather than a style attribute: {offenders:?}");
}

#[test]
fn the_web_crate_never_unwraps_outside_its_tests() {
    let mut offenders = Vec::new();
    // A `tests.rs` is a test module in its own file (`#[cfg(all(test, …))] mod tests;`).
    for path in rust_files(&workspace_root().join("web/src")).into_iter().filter(|p| !p.ends_with("tests.rs")) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        // Browser tests sit at the end of a file, behind this attribute.
        let code = text.split("#[cfg(all(test, target_arch = \"wasm32\"))]").next().unwrap_or("");
        for (number, line) in code.lines().enumerate() {
            if line.contains(".unwrap()") || line.contains(".expect(") {
                offenders.push(format!("{}:{}: {}", path.display(), number + 1, line.trim()));
            }
        }
    }
    assert!(offenders.is_empty(), "a panic in WebAssembly kills the app: handle these errors as values:\n{}", offenders.join("\n"));
}
