//! The first, untyped reading of an imported file: JSON syntax, nesting depth, repeated keys and
//! `__proto__` keys, each refused with its path before any field is interpreted.

use std::collections::HashSet;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::FieldError;
use super::path::JsonPath;

/// A JSON value that keeps every key of an object, repeated ones included, in file order.
///
/// `serde_json::Value` keeps only the last of two equal keys, which would let a file say two
/// things and have us silently believe one; this tree lets the check below refuse it instead.
enum Tree {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Tree>),
    Object(Vec<(String, Tree)>),
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Tree, D::Error> {
        deserializer.deserialize_any(TreeVisitor)
    }
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Tree;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }

    fn visit_bool<E>(self, value: bool) -> Result<Tree, E> {
        Ok(Tree::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Tree, E> {
        Ok(Tree::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Tree, E> {
        Ok(Tree::Number(value.into()))
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Tree, E> {
        Number::from_f64(value).map(Tree::Number).ok_or_else(|| E::custom("number out of range"))
    }

    fn visit_str<E>(self, value: &str) -> Result<Tree, E> {
        Ok(Tree::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Tree, E> {
        Ok(Tree::String(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Tree::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(Tree::Object(entries))
    }
}

/// Why bytes could not even be read as a JSON tree.
#[derive(Debug)]
pub(crate) enum TreeFailure {
    /// Not JSON, not UTF-8, or nested deeper than serde_json's limit of 128 levels.
    Syntax { line: usize, column: usize, message: String },
    /// Valid JSON with repeated or `__proto__` keys (every one of them, with its path).
    Keys(Vec<FieldError>),
}

/// Parses `bytes` as one JSON value, refusing repeated keys and `__proto__` keys anywhere.
///
/// serde_json stops at 128 levels of nesting, so a file nested 10 000 deep is a syntax error,
/// never a stack overflow; the walk below and the drop of the tree stay within that depth.
pub(crate) fn parse(bytes: &[u8]) -> Result<Value, TreeFailure> {
    let tree: Tree =
        serde_json::from_slice(bytes).map_err(|error| TreeFailure::Syntax { line: error.line(), column: error.column(), message: error.to_string() })?;
    let mut errors = Vec::new();
    let value = check(tree, &JsonPath::root(), &mut errors);
    if errors.is_empty() { Ok(value) } else { Err(TreeFailure::Keys(errors)) }
}

fn check(tree: Tree, path: &JsonPath, errors: &mut Vec<FieldError>) -> Value {
    match tree {
        Tree::Null => Value::Null,
        Tree::Bool(value) => Value::Bool(value),
        Tree::Number(value) => Value::Number(value),
        Tree::String(value) => Value::String(value),
        Tree::Array(items) => Value::Array(items.into_iter().enumerate().map(|(index, item)| check(item, &path.index(index), errors)).collect()),
        Tree::Object(entries) => {
            let mut seen = HashSet::new();
            let mut map = Map::new();
            for (key, value) in entries {
                let key_path = path.key(&key);
                if key == "__proto__" {
                    errors.push(FieldError::new(key_path.clone(), "\"__proto__\" is not allowed as a key"));
                }
                if !seen.insert(key.clone()) {
                    errors.push(FieldError::new(key_path.clone(), format!("the key \"{key}\" appears more than once")));
                }
                let value = check(value, &key_path, errors);
                map.entry(key).or_insert(value);
            }
            Value::Object(map)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_errors(text: &str) -> Vec<String> {
        match parse(text.as_bytes()) {
            Err(TreeFailure::Keys(errors)) => errors.iter().map(ToString::to_string).collect(),
            other => panic!("expected key errors, got {other:?}"),
        }
    }

    #[test]
    fn a_repeated_key_is_refused_with_its_path() {
        assert_eq!(key_errors(r#"{"a": [{"b": 1, "b": 2}]}"#), vec!["a[0].b: the key \"b\" appears more than once"]);
    }

    #[test]
    fn a_proto_key_is_refused_at_the_top_and_inside_maps() {
        let errors = key_errors(r#"{"__proto__": {}, "x": {"y": {"__proto__": 1}}}"#);
        assert_eq!(errors, vec!["__proto__: \"__proto__\" is not allowed as a key", "x.y.__proto__: \"__proto__\" is not allowed as a key"]);
    }

    #[test]
    fn nesting_ten_thousand_levels_deep_is_a_syntax_error_and_no_stack_overflow() {
        let deep_arrays = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(matches!(parse(deep_arrays.as_bytes()), Err(TreeFailure::Syntax { .. })));
        let deep_objects = format!("{}1{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
        assert!(matches!(parse(deep_objects.as_bytes()), Err(TreeFailure::Syntax { .. })));
    }

    #[test]
    fn trailing_text_and_invalid_utf8_are_syntax_errors() {
        assert!(matches!(parse(b"{} {}"), Err(TreeFailure::Syntax { .. })));
        assert!(matches!(parse(b"\"\xff\""), Err(TreeFailure::Syntax { .. })));
        assert!(matches!(parse(b""), Err(TreeFailure::Syntax { .. })));
    }

    #[test]
    fn a_clean_document_comes_back_as_the_same_value() {
        let text = r#"{"a": [1, -2, 3.5, "x", null, true, {"b": {}}]}"#;
        assert_eq!(parse(text.as_bytes()).unwrap(), serde_json::from_str::<Value>(text).unwrap());
    }
}
