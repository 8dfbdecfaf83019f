//! Tidy checks over the source tree and the dependency graph, run as ordinary tests.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Crates that only make sense in a browser; none may appear below `taawun-core`.
pub const WEB_CRATES: &[&str] = &[
    "wasm-bindgen", "wasm-bindgen-futures", "js-sys", "web-sys", "gloo", "gloo-storage", "gloo-utils",
    "leptos", "leptos_router", "leptos_dom", "reactive_graph", "tachys", "wasm-bindgen-test",
];

/// The packages in the normal and build dependency tree of `root` (by name) that are web crates.
///
/// `metadata` is the JSON of `cargo metadata --format-version 1`.
pub fn web_crates_below(metadata: &serde_json::Value, root: &str) -> Result<BTreeSet<String>, String> {
    let packages = metadata["packages"].as_array().ok_or("metadata has no packages")?;
    let names: HashMap<&str, &str> = packages
        .iter()
        .filter_map(|p| Some((p["id"].as_str()?, p["name"].as_str()?)))
        .collect();
    let root_id = packages
        .iter()
        .find(|p| p["name"] == root)
        .and_then(|p| p["id"].as_str())
        .ok_or_else(|| format!("package {root} is not in the metadata"))?;
    let nodes: HashMap<&str, &serde_json::Value> = metadata["resolve"]["nodes"]
        .as_array()
        .ok_or("metadata has no resolve graph")?
        .iter()
        .filter_map(|n| Some((n["id"].as_str()?, n)))
        .collect();
    let mut seen = BTreeSet::new();
    let mut stack = vec![root_id];
    let mut found = BTreeSet::new();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        if let Some(name) = names.get(id) {
            if WEB_CRATES.contains(name) || name.starts_with("leptos") || name.starts_with("gloo") {
                found.insert((*name).to_owned());
            }
        }
        let Some(node) = nodes.get(id) else { continue };
        for dep in node["deps"].as_array().into_iter().flatten() {
            // Dev-dependencies do not ship with the crate, so only normal and build edges count.
            let shipped = dep["dep_kinds"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|k| k["kind"].is_null() || k["kind"] == "build");
            if shipped {
                if let Some(dep_id) = dep["pkg"].as_str() {
                    stack.push(dep_id);
                }
            }
        }
    }
    Ok(found)
}

/// Every Rust source file under `root` (outside build output) whose first line is not a `//!` line.
pub fn files_without_doc_line(root: &Path) -> Vec<PathBuf> {
    let mut missing = Vec::new();
    visit(root, &mut missing);
    missing.sort();
    missing
}

fn visit(dir: &Path, missing: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn metadata(dep_kind: serde_json::Value) -> serde_json::Value {
        json!({
            "packages": [
                {"id": "core 0.1", "name": "taawun-core"},
                {"id": "serde 1", "name": "serde"},
                {"id": "wbg 0.2", "name": "wasm-bindgen"}
            ],
            "resolve": {"nodes": [
                {"id": "core 0.1", "deps": [
                    {"pkg": "serde 1", "dep_kinds": [{"kind": null}]},
                    {"pkg": "wbg 0.2", "dep_kinds": [{"kind": dep_kind}]}
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
