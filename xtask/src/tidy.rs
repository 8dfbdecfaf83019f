//! Tidy checks over the source tree and the dependency graph, run as ordinary tests.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Crates that only make sense in a browser; none may appear below `taawun-core`.
pub const WEB_CRATES: &[&str] = &[
    "wasm-bindgen",
    "wasm-bindgen-futures",
    "js-sys",
    "web-sys",
    "gloo",
    "gloo-storage",
    "gloo-utils",
    "leptos",
    "leptos_router",
    "leptos_dom",
    "reactive_graph",
    "tachys",
    "wasm-bindgen-test",
];

/// The web crates among the packages `cargo tree --prefix none --format {p}` printed (one
/// `name version` per line).
///
/// Why `cargo tree` and not only `cargo metadata`: metadata resolves features over the whole
/// workspace, so a feature another member turns on in a shared dependency (the spreadsheet
/// module's `rust_xlsxwriter/wasm`) looks like core's; `cargo tree -p taawun-core` resolves core
/// as a build of core alone does.
pub fn web_crates_in_tree(tree: &str) -> BTreeSet<String> {
    tree.lines().filter_map(|line| line.split_whitespace().next()).filter(|name| WEB_CRATES.contains(name)).map(str::to_owned).collect()
}

/// The packages in the normal and build dependency tree of `root` (by name) that are web crates.
///
/// `metadata` is the JSON of `cargo metadata --format-version 1`.
pub fn web_crates_below(metadata: &serde_json::Value, root: &str) -> Result<BTreeSet<String>, String> {
    let packages = metadata["packages"].as_array().ok_or("metadata has no packages")?;
    let by_id: HashMap<&str, &serde_json::Value> = packages.iter().filter_map(|p| Some((p["id"].as_str()?, p))).collect();
    let names: HashMap<&str, &str> = by_id.iter().filter_map(|(id, p)| Some((*id, p["name"].as_str()?))).collect();
    let root_id = packages.iter().find(|p| p["name"] == root).and_then(|p| p["id"].as_str()).ok_or_else(|| format!("package {root} is not in the metadata"))?;
    let nodes: HashMap<&str, &serde_json::Value> =
        metadata["resolve"]["nodes"].as_array().ok_or("metadata has no resolve graph")?.iter().filter_map(|n| Some((n["id"].as_str()?, n))).collect();
    let mut seen = BTreeSet::new();
    let mut stack = vec![root_id];
    let mut found = BTreeSet::new();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        if let Some(name) = names.get(id)
            && (WEB_CRATES.contains(name) || name.starts_with("leptos") || name.starts_with("gloo"))
        {
            found.insert((*name).to_owned());
        }
        let Some(node) = nodes.get(id) else { continue };
        for dep in node["deps"].as_array().into_iter().flatten() {
            // Dev-dependencies do not ship with the crate, so only normal and build edges count.
            let shipped = dep["dep_kinds"].as_array().into_iter().flatten().any(|k| k["kind"].is_null() || k["kind"] == "build");
            let Some(dep_id) = dep["pkg"].as_str() else {
                continue;
            };
            if shipped && activated(by_id.get(id).copied(), node, names.get(dep_id).copied().unwrap_or("")) {
                stack.push(dep_id);
            }
        }
    }
    Ok(found)
}

/// Whether `parent` really uses its dependency `dep_name`.
///
/// `cargo metadata` lists an optional dependency as resolved even when only a weak feature
/// (`dep?/feature`) names it, so an optional dependency counts only when one of the parent's
/// enabled features turns it on (`dep:name`, or the implicit feature of the same name).
fn activated(parent: Option<&serde_json::Value>, node: &serde_json::Value, dep_name: &str) -> bool {
    let Some(parent) = parent else { return true };
    let optional = parent["dependencies"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["name"] == dep_name || d["rename"] == dep_name)
        .filter(|d| d["kind"] != "dev")
        .all(|d| d["optional"] == true);
    let declared = parent["dependencies"].as_array().into_iter().flatten().any(|d| d["name"] == dep_name);
    if !optional || !declared {
        return true;
    }
    let enabled: Vec<&str> = node["features"].as_array().into_iter().flatten().filter_map(|f| f.as_str()).collect();
    let implicit = enabled.contains(&dep_name);
    let explicit = enabled
        .iter()
        .any(|feature| parent["features"][*feature].as_array().into_iter().flatten().filter_map(|v| v.as_str()).any(|v| v == format!("dep:{dep_name}")));
    implicit || explicit
}

/// Every Rust source file under `root` (outside build output) whose first line is not a `//!` line.
pub fn files_without_doc_line(root: &Path) -> Vec<PathBuf> {
    let mut missing = Vec::new();
    visit(root, &mut missing);
    missing.sort();
    missing
}

fn visit(dir: &Path, missing: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if path.is_dir() {
            if !(name.starts_with('.') || name == "target" || name == "node_modules" || name == "pkg" || name == "dist") {
                visit(&path, missing);
            }
        } else if name.ends_with(".rs") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            if !text.lines().next().is_some_and(|l| l.starts_with("//!")) {
                missing.push(path);
            }
        }
    }
}

/// Every file under `root` (recursively, outside build output) whose name ends with
/// `extension` and whose text contains `needle`.
pub fn files_containing(root: &Path, extension: &str, needle: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    search(root, extension, needle, &mut found);
    found.sort();
    found
}

fn search(dir: &Path, extension: &str, needle: &str, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !(name.starts_with('.') || name == "target" || name == "pkg" || name == "dist") {
                search(&path, extension, needle, found);
            }
        } else if name.ends_with(extension) && std::fs::read_to_string(&path).is_ok_and(|text| text.contains(needle)) {
            found.push(path);
        }
    }
}

/// The `content` of the page's Content-Security-Policy meta tag, if it has one.
pub fn meta_csp(html: &str) -> Option<&str> {
    let tag_start = html.find("http-equiv=\"Content-Security-Policy\"")?;
    let rest = &html[tag_start..];
    let content = rest.find("content=\"")? + "content=\"".len();
    let end = rest[content..].find('"')?;
    Some(&rest[content..content + end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn metadata(dep_kind: serde_json::Value) -> serde_json::Value {
        metadata_with(dep_kind, json!(["serde"]))
    }

    fn metadata_with(dep_kind: serde_json::Value, dec_features: serde_json::Value) -> serde_json::Value {
        json!({
            "packages": [
                {"id": "core 0.1", "name": "taawun-core", "dependencies": [], "features": {}},
                {"id": "dec 1", "name": "rust_decimal", "features": {"wasm": ["dep:wasm-bindgen"], "serde": ["wasm-bindgen?/serde"]},
                 "dependencies": [{"name": "wasm-bindgen", "optional": true}]},
                {"id": "serde 1", "name": "serde"},
                {"id": "wbg 0.2", "name": "wasm-bindgen"}
            ],
            "resolve": {"nodes": [
                {"id": "core 0.1", "deps": [
                    {"pkg": "serde 1", "dep_kinds": [{"kind": null}]},
                    {"pkg": "wbg 0.2", "dep_kinds": [{"kind": dep_kind}]},
                    {"pkg": "dec 1", "dep_kinds": [{"kind": null}]}
                ]},
                {"id": "dec 1", "features": dec_features, "deps": [
                    {"pkg": "wbg 0.2", "dep_kinds": [{"kind": null, "target": "cfg(target_arch = \"wasm32\")"}]}
                ]},
                {"id": "serde 1", "deps": []},
                {"id": "wbg 0.2", "deps": []}
            ]}
        })
    }

    #[test]
    fn a_web_crate_among_normal_dependencies_is_reported() {
        let found = web_crates_below(&metadata(serde_json::Value::Null), "taawun-core").unwrap();
        assert_eq!(found.into_iter().collect::<Vec<_>>(), vec!["wasm-bindgen".to_owned()]);
    }

    #[test]
    fn a_web_crate_used_only_in_tests_is_not_reported() {
        let found = web_crates_below(&metadata(json!("dev")), "taawun-core").unwrap();
        assert!(found.is_empty());
    }

    #[test]
    fn an_optional_web_dependency_named_only_by_a_weak_feature_is_not_reported() {
        let found = web_crates_below(&metadata_with(json!("dev"), json!(["serde", "std"])), "taawun-core").unwrap();
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn an_optional_web_dependency_turned_on_by_a_feature_is_reported() {
        let found = web_crates_below(&metadata_with(json!("dev"), json!(["serde", "wasm"])), "taawun-core").unwrap();
        assert_eq!(found.into_iter().collect::<Vec<_>>(), vec!["wasm-bindgen".to_owned()]);
    }

    #[test]
    fn web_crates_printed_by_cargo_tree_are_reported_and_others_not() {
        let tree = "taawun-core v0.1.0 (/w/core)\nserde v1.0.229\njs-sys v0.3.107\ncsv v1.3.1\n";
        assert_eq!(web_crates_in_tree(tree), BTreeSet::from(["js-sys".to_owned()]));
    }

    #[test]
    fn files_containing_a_pattern_are_found_in_sub_folders_too() {
        let dir = std::env::temp_dir().join(format!("taawun-tidy-search-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("pages")).unwrap();
        std::fs::write(dir.join("a.rs"), "fn f() {}\n").unwrap();
        std::fs::write(dir.join("pages/b.rs"), "el.set_inner_html(x);\n").unwrap();
        let found = files_containing(&dir, ".rs", "inner_html");
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(found, vec![dir.join("pages/b.rs")]);
    }

    #[test]
    fn the_meta_policy_is_read_from_its_content_attribute() {
        let html = r#"<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'self'">"#;
        assert_eq!(meta_csp(html), Some("default-src 'self'"));
        assert_eq!(meta_csp("<meta charset=utf-8>"), None);
    }

    #[test]
    fn a_file_without_its_doc_line_is_reported() {
        let dir = std::env::temp_dir().join(format!("taawun-tidy-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("good.rs"), "//! Says what it is for.\nfn f() {}\n").unwrap();
        std::fs::write(dir.join("bad.rs"), "// Only a comment.\nfn f() {}\n").unwrap();
        let missing = files_without_doc_line(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(missing, vec![dir.join("bad.rs")]);
    }
}
