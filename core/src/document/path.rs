//! JSON paths such as `projects[3].contributions[1].amount`, built while walking a document.

use std::fmt;

/// One step of a path: a key of an object or an index into an array.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    /// A key of an object.
    Key(String),
    /// A position in an array, from 0.
    Index(usize),
}

/// Where a value sits in a JSON document, from its root.
///
/// Written the way JavaScript would reach it: `projects[3].contributions[1].amount`; a key that is
/// not a plain identifier is quoted, `reference["odd key"]`. The root itself is written `$`.
///
/// ```
/// use taawun_core::document::JsonPath;
/// let path = JsonPath::root().key("projects").index(3).key("contributions").index(1).key("amount");
/// assert_eq!(path.to_string(), "projects[3].contributions[1].amount");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JsonPath {
    steps: Vec<Step>,
}

impl JsonPath {
    /// The document's root.
    pub fn root() -> JsonPath {
        JsonPath::default()
    }

    /// This path followed by an object key.
    pub fn key(&self, key: &str) -> JsonPath {
        let mut steps = self.steps.clone();
        steps.push(Step::Key(key.to_owned()));
        JsonPath { steps }
    }

    /// This path followed by an array index.
    pub fn index(&self, index: usize) -> JsonPath {
        let mut steps = self.steps.clone();
        steps.push(Step::Index(index));
        JsonPath { steps }
    }

    /// This path followed by every step of `tail`.
    pub fn join(&self, tail: &JsonPath) -> JsonPath {
        let mut steps = self.steps.clone();
        steps.extend(tail.steps.iter().cloned());
        JsonPath { steps }
    }

    /// The steps from the root.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }
}

fn is_identifier(key: &str) -> bool {
    let mut chars = key.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_') && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.steps.is_empty() {
            return f.write_str("$");
        }
        for (position, step) in self.steps.iter().enumerate() {
            match step {
                Step::Key(key) if is_identifier(key) => {
                    if position > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(key)?;
                }
                Step::Key(key) => write!(f, "[{}]", serde_json::Value::from(key.as_str()))?,
                Step::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_that_is_not_an_identifier_is_quoted() {
        let path = JsonPath::root().key("reference").key("a b").key("__proto__").index(0);
        assert_eq!(path.to_string(), "reference[\"a b\"].__proto__[0]");
    }

    #[test]
    fn the_root_is_written_as_a_dollar() {
        assert_eq!(JsonPath::root().to_string(), "$");
        assert_eq!(JsonPath::root().index(2).to_string(), "[2]");
    }
}
