//! The JSON Schema file against the types: every key the export writes is documented, every
//! required key is written, every documented property is written by a fully populated sample,
//! and the reader accepts exactly the documented record fields. Fails when one drifts.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use taawun_core::document;

use crate::sample::fully_populated;

const SCHEMA: &str = include_str!("../../schema/taawun.schema.json");

struct Walk<'s> {
    root: &'s Value,
    /// For each object schema (by its pointer): the properties seen in the sample.
    seen: BTreeMap<String, BTreeSet<String>>,
    errors: Vec<String>,
}

impl<'s> Walk<'s> {
    fn resolve(&self, node: &'s Value, pointer: String) -> (&'s Value, String) {
        match node.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let target = reference.trim_start_matches('#');
                (self.root.pointer(target).unwrap_or_else(|| panic!("dangling $ref {reference}")), reference.to_owned())
            }
            None => (node, pointer),
        }
    }

    fn check(&mut self, node: &'s Value, pointer: String, value: &Value, path: &str) {
        let (node, pointer) = self.resolve(node, pointer);
        if let Some(all) = node.get("allOf").and_then(Value::as_array) {
            for (i, part) in all.iter().enumerate() {
                self.check(part, format!("{pointer}/allOf/{i}"), value, path);
            }
        }
        if let Some(any) = node.get("anyOf").and_then(Value::as_array) {
            if value.is_null() && any.iter().any(|s| s["type"] == "null") {
                return;
            }
            let (i, branch) = any.iter().enumerate().find(|(_, s)| s["type"] != "null").expect("a non-null branch");
            self.check(branch, format!("{pointer}/anyOf/{i}"), value, path);
        }
        if let Some(options) = node.get("enum").and_then(Value::as_array)
            && !options.contains(value)
        {
            self.errors.push(format!("{path}: {value} is not one of {options:?}"));
        }
        if let Some(constant) = node.get("const")
            && constant != value
        {
            self.errors.push(format!("{path}: {value} is not {constant}"));
        }
        match node.get("type").and_then(Value::as_str) {
            Some("object") => {
                let Some(object) = value.as_object() else {
                    self.errors.push(format!("{path}: expected an object"));
                    return;
                };
                if let Some(properties) = node.get("properties").and_then(Value::as_object) {
                    let seen = self.seen.entry(pointer.clone()).or_default();
                    for key in object.keys() {
                        seen.insert(key.clone());
                        if !properties.contains_key(key) {
                            self.errors.push(format!("{path}.{key}: written by the export but not in the schema ({pointer})"));
                        }
                    }
                    for required in node["required"].as_array().into_iter().flatten() {
                        if !object.contains_key(required.as_str().unwrap()) {
                            self.errors.push(format!("{path}: required {required} not written"));
                        }
                    }
                    for (key, child) in object {
                        if let Some(schema) = properties.get(key) {
                            self.check(schema, format!("{pointer}/properties/{key}"), child, &format!("{path}.{key}"));
                        }
                    }
                } else if let Some(values) = node.get("additionalProperties").filter(|a| a.is_object()) {
                    for (key, child) in object {
                        self.check(values, format!("{pointer}/additionalProperties"), child, &format!("{path}.{key}"));
                    }
                }
            }
            Some("array") => match value.as_array() {
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.check(&node["items"], format!("{pointer}/items"), item, &format!("{path}[{i}]"));
                    }
                }
                None => self.errors.push(format!("{path}: expected an array")),
            },
            Some("string") if !value.is_string() => self.errors.push(format!("{path}: expected a string")),
            Some("integer") if !(value.is_u64() || value.is_i64()) => self.errors.push(format!("{path}: expected an integer")),
            Some("boolean") if !value.is_boolean() => self.errors.push(format!("{path}: expected a boolean")),
            _ => {}
        }
    }
}

/// Every object schema with properties, by pointer (following `$defs` and nested objects).
fn object_schemas(node: &Value, pointer: String, found: &mut BTreeMap<String, BTreeSet<String>>) {
    match node {
        Value::Object(map) => {
            if let (Some(Value::Object(properties)), Some("object")) = (map.get("properties"), map.get("type").and_then(Value::as_str)) {
                found.insert(pointer.clone(), properties.keys().cloned().collect());
            }
            for (key, child) in map {
                object_schemas(child, format!("{pointer}/{key}"), found);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                object_schemas(child, format!("{pointer}/{i}"), found);
            }
        }
        _ => {}
    }
}

#[test]
fn the_json_schema_documents_exactly_what_the_export_writes() {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    let sample: Value = serde_json::from_slice(&document::export_with_photos(&fully_populated(), &[crate::sample::photo()])).unwrap();
    let mut walk = Walk { root: &schema, seen: BTreeMap::new(), errors: Vec::new() };
    walk.check(&schema, "#".into(), &sample, "$");
    assert!(walk.errors.is_empty(), "schema and export disagree:\n{}", walk.errors.join("\n"));

    let mut documented = BTreeMap::new();
    object_schemas(&schema, "#".into(), &mut documented);
    let mut stale = Vec::new();
    for (pointer, properties) in &documented {
        let seen = walk.seen.get(pointer).cloned().unwrap_or_default();
        for property in properties.difference(&seen) {
            stale.push(format!("{pointer}: {property} is documented but never written by the fully populated sample"));
        }
    }
    assert!(stale.is_empty(), "{}", stale.join("\n"));
}

#[test]
fn the_demo_export_validates_against_the_schema() {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    let demo: Value = serde_json::from_slice(&taawun_core::demo::document()).unwrap();
    let mut walk = Walk { root: &schema, seen: BTreeMap::new(), errors: Vec::new() };
    walk.check(&schema, "#".into(), &demo, "$");
    assert!(walk.errors.is_empty(), "{}", walk.errors.join("\n"));
    assert_eq!(schema["properties"]["schema_version"]["const"], document::SCHEMA_VERSION);
}

#[test]
fn the_reader_accepts_exactly_the_record_fields_the_schema_documents() {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    for (kind, fields) in document::record_fields() {
        let documented: BTreeSet<&str> =
            schema["$defs"][kind]["properties"].as_object().unwrap().keys().map(String::as_str).filter(|k| *k != "id" && *k != "meta").collect();
        let read: BTreeSet<&str> = fields.iter().copied().collect();
        assert_eq!(read, documented, "{kind}");
    }
}

#[test]
fn every_object_of_the_schema_refuses_unknown_properties() {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    let mut documented = BTreeMap::new();
    object_schemas(&schema, "#".into(), &mut documented);
    for pointer in documented.keys() {
        let node = schema.pointer(pointer.trim_start_matches('#')).unwrap();
        assert_eq!(node["additionalProperties"], Value::Bool(false), "{pointer}");
    }
}
