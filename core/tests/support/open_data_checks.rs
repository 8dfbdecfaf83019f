//! Checks of the open-data exports that core's tests and the browser tests share (each includes
//! this file with `#[path]`): the official 360Giving validator, given the fixtures' copy of the
//! grant schema, and the private texts of a stored document, which no export may contain.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The address by which 360Giving's package schema names its grant schema.
const GRANT_SCHEMA_URL: &str = "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/master/schema/360-giving-schema.json";

/// Hands the validator the copy of the grant schema kept in the fixtures folder it holds, and
/// nothing else: the tests never reach the network.
struct FixtureSchemas(PathBuf);

impl jsonschema::Retrieve for FixtureSchemas {
    fn retrieve(&self, uri: &jsonschema::Uri<String>) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        if uri.as_str() != GRANT_SCHEMA_URL {
            return Err(format!("{uri} is not among the fixtures").into());
        }
        let text = std::fs::read_to_string(self.0.join("360giving/360-giving-schema.json"))?;
        Ok(serde_json::from_str(&text)?)
    }
}

/// The official 360Giving package schema from the open-data fixtures folder `fixtures`, its
/// grants checked by the official grant schema, formats included.
pub fn official_360giving_schema(fixtures: &Path) -> jsonschema::Validator {
    let text = std::fs::read_to_string(fixtures.join("360giving/360-giving-package-schema.json")).expect("the 360Giving package schema fixture");
    let schema: Value = serde_json::from_str(&text).expect("the package schema is JSON");
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .with_retriever(FixtureSchemas(fixtures.to_path_buf()))
        .build(&schema)
        .expect("the package schema compiles")
}

/// Every personal or private text of a document: contacts, names of persons (walk-ins,
/// visitors, owners of follow-ups, the users and devices that recorded changes), notes,
/// testimonials, challenges' texts, visits' findings and advice, stories and photos. Phones also
/// in digits only. Record ids and codes inside them (a testimonial's cooperative, a challenge's
/// tags) are public and left out.
pub fn private_texts(document: &Value) -> BTreeSet<String> {
    const PRIVATE: [&str; 18] = [
        "phone",
        "email",
        "address",
        "user",
        "device_name",
        "walk_in",
        "notes",
        "testimonials",
        "challenges",
        "photos",
        "visitor",
        "owner",
        "observations",
        "recommendations",
        "needs",
        "next_steps",
        "story_fr",
        "story_ar",
    ];
    fn strings(value: &Value, into: &mut BTreeSet<String>) {
        match value {
            Value::String(text) => {
                into.insert(text.trim().to_owned());
            }
            Value::Array(items) => items.iter().for_each(|item| strings(item, into)),
            Value::Object(fields) => fields
                .iter()
                .filter(|(key, _)| !matches!(key.as_str(), "cooperative" | "project" | "lang" | "tags"))
                .for_each(|(_, field)| strings(field, into)),
            _ => {}
        }
    }
    fn walk(value: &Value, into: &mut BTreeSet<String>) {
        match value {
            Value::Object(fields) => {
                for (key, field) in fields {
                    if PRIVATE.contains(&key.as_str()) {
                        strings(field, into);
                        if let Some(phone) = field.as_str().filter(|_| key == "phone") {
                            into.insert(phone.chars().filter(char::is_ascii_digit).collect());
                        }
                    } else {
                        walk(field, into);
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, into)),
            _ => {}
        }
    }
    let mut texts = BTreeSet::new();
    walk(document, &mut texts);
    // Too short to mean anything on its own.
    texts.retain(|text| text.chars().count() >= 4);
    texts
}
