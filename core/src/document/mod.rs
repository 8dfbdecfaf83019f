//! The JSON document: the versioned exchange and storage format of a dataset.

mod path;
mod read;
mod tree;
mod write;

pub use path::{JsonPath, Step};

use std::fmt;

/// One problem found in an imported file, with the path of the value concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Where.
    pub path: JsonPath,
    /// What, in English for logs and developers.
    pub message: String,
}

impl FieldError {
    pub(crate) fn new(path: JsonPath, message: impl Into<String>) -> FieldError {
        FieldError { path, message: message.into() }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}
