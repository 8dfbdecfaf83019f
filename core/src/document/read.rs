//! The second reading of an imported file: from checked JSON to typed records, collecting every
//! error with its path instead of stopping at the first.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::FieldError;
use super::path::JsonPath;

/// Walks a JSON value and gathers every problem found on the way.
#[derive(Debug, Default)]
pub(crate) struct Reader {
    pub(crate) errors: Vec<FieldError>,
}

/// The fields of one JSON object being read, with the object's path.
pub(crate) struct Fields<'v> {
    map: &'v Map<String, Value>,
    path: JsonPath,
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl Reader {
    pub(crate) fn error(&mut self, path: JsonPath, message: impl Into<String>) {
        self.errors.push(FieldError::new(path, message));
    }

    /// Reads an object whose keys must all be among `known`; reports each unknown key.
    pub(crate) fn object<'v>(&mut self, value: &'v Value, path: &JsonPath, known: &[&str]) -> Option<Fields<'v>> {
        let Value::Object(map) = value else {
            self.error(path.clone(), format!("expected an object, found {}", describe(value)));
            return None;
        };
        for key in map.keys() {
            if !known.contains(&key.as_str()) {
                self.error(path.key(key), format!("unknown field \"{key}\""));
            }
        }
        Some(Fields { map, path: path.clone() })
    }

    /// Reads a list, each item with `item`; `None` if the value is not a list or any item failed.
    pub(crate) fn list<T>(&mut self, value: &Value, path: &JsonPath, mut item: impl FnMut(&mut Reader, &Value, &JsonPath) -> Option<T>) -> Option<Vec<T>> {
        let Value::Array(items) = value else {
            self.error(path.clone(), format!("expected an array, found {}", describe(value)));
            return None;
        };
        let mut read = Vec::with_capacity(items.len());
        let mut complete = true;
        for (index, value) in items.iter().enumerate() {
            match item(self, value, &path.index(index)) {
                Some(value) => read.push(value),
                None => complete = false,
            }
        }
        complete.then_some(read)
    }

    /// Reads a value through its serde implementation, reporting the path inside it on error.
    pub(crate) fn serde<T: DeserializeOwned>(&mut self, value: &Value, path: &JsonPath) -> Option<T> {
        match serde_path_to_error::deserialize::<_, T>(value) {
            Ok(read) => Some(read),
            Err(error) => {
                let inner = error.path().iter().fold(JsonPath::root(), |tail, segment| match segment {
                    serde_path_to_error::Segment::Seq { index } => tail.index(*index),
                    serde_path_to_error::Segment::Map { key } => tail.key(key),
                    serde_path_to_error::Segment::Enum { variant } => tail.key(variant),
                    serde_path_to_error::Segment::Unknown => tail,
                });
                self.error(path.join(&inner), error.into_inner().to_string());
                None
            }
        }
    }
}

impl<'v> Fields<'v> {
    /// A field that must be present (and not null); reports it missing otherwise.
    pub(crate) fn required(&self, reader: &mut Reader, key: &str) -> Option<(&'v Value, JsonPath)> {
        match self.map.get(key) {
            Some(Value::Null) | None => {
                reader.error(self.path.key(key), "this field is required");
                None
            }
            Some(value) => Some((value, self.path.key(key))),
        }
    }

    /// A field's value, `null` when absent (serde then says whether it may be).
    pub(crate) fn required_or_null(&self, key: &str) -> (&'v Value, JsonPath) {
        (self.map.get(key).unwrap_or(&Value::Null), self.path.key(key))
    }

    /// The path of the object.
    pub(crate) fn path(&self) -> &JsonPath {
        &self.path
    }

    /// A required field read through serde.
    pub(crate) fn serde<T: DeserializeOwned>(&self, reader: &mut Reader, key: &str) -> Option<T> {
        let (value, path) = self.required(reader, key)?;
        reader.serde(value, &path)
    }

    /// An optional field read through serde: absent and null both mean `None`.
    ///
    /// The outer `Option` is `None` when the field is present but unreadable.
    pub(crate) fn optional<T: DeserializeOwned>(&self, reader: &mut Reader, key: &str) -> Option<Option<T>> {
        match self.map.get(key) {
            Some(Value::Null) | None => Some(None),
            Some(value) => reader.serde(value, &self.path.key(key)).map(Some),
        }
    }

    /// A required field read with a function of its own.
    pub(crate) fn with<T>(&self, reader: &mut Reader, key: &str, read: impl FnOnce(&mut Reader, &Value, &JsonPath) -> Option<T>) -> Option<T> {
        let (value, path) = self.required(reader, key)?;
        read(reader, value, &path)
    }

    /// An optional field read with a function of its own.
    pub(crate) fn with_optional<T>(&self, reader: &mut Reader, key: &str, read: impl FnOnce(&mut Reader, &Value, &JsonPath) -> Option<T>) -> Option<Option<T>> {
        match self.map.get(key) {
            Some(Value::Null) | None => Some(None),
            Some(value) => read(reader, value, &self.path.key(key)).map(Some),
        }
    }

    /// A required list whose items are read with `item`.
    pub(crate) fn list<T>(&self, reader: &mut Reader, key: &str, item: impl FnMut(&mut Reader, &Value, &JsonPath) -> Option<T>) -> Option<Vec<T>> {
        let (value, path) = self.required(reader, key)?;
        reader.list(value, &path, item)
    }
}
