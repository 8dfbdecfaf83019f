//! The walking skeleton's registry of cooperatives: a name and a commune each.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::reference::ReferenceData;

/// A cooperative as the registry holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cooperative {
    /// Id supplied by the caller (random, 128 bits, as hex).
    pub id: String,
    /// The cooperative's name.
    pub name: String,
    /// Code of its commune in the reference data.
    pub commune: String,
}

/// Why a cooperative could not be added.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RegistryError {
    /// The name is empty once trimmed.
    #[error("name: a cooperative needs a name")]
    EmptyName,
    /// The commune code is not in the reference data.
    #[error("commune: \"{0}\" is not a commune of the prefecture")]
    UnknownCommune(String),
}

/// All cooperatives, in the order they were added.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registry {
    /// The cooperatives.
    pub cooperatives: Vec<Cooperative>,
}

impl Registry {
    /// Adds a cooperative after checking its name and its commune against the reference data.
    ///
    /// ```
    /// use taawun_core::{reference::ReferenceData, registry::Registry};
    /// let reference = ReferenceData::builtin();
    /// let mut r = Registry::default();
    /// r.add("0f".into(), "Coopérative Al Amal", "ASL", &reference).unwrap();
    /// assert_eq!(r.cooperatives.len(), 1);
    /// assert!(r.add("10".into(), "  ", "ASL", &reference).is_err());
    /// ```
    pub fn add(&mut self, id: String, name: &str, commune: &str, reference: &ReferenceData) -> Result<(), RegistryError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(RegistryError::EmptyName);
        }
        if reference.commune(commune).is_none() {
            return Err(RegistryError::UnknownCommune(commune.to_owned()));
        }
        self.cooperatives.push(Cooperative { id, name: name.to_owned(), commune: commune.to_owned() });
        Ok(())
    }
}
