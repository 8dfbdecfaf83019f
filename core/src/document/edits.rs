//! A batch of record edits as JSON, for one wasm module to hand edits to another (the spreadsheet
//! module's import to the app, which applies them through `Dataset::apply`): creations and
//! updates of cooperatives and projects, each record written as the document writes it.
//!
//! ```text
//! { "edits": [ { "create": "cooperatives", "record": {"id": …, "meta": …, "name_ar": …} },
//!              { "update": "projects", "base_revision": 3, "record": { … } } ] }
//! ```
//!
//! A record's `meta` is only there so that the document's record reader reads it: the
//! dataset's own `meta` is what `Dataset::apply` writes.

use serde_json::{Value, json};
use thiserror::Error;

use super::path::JsonPath;
use super::read::Reader;
use super::{ImportError, records, tree};
use crate::dataset::Edit;
use crate::record::{Author, Meta, Record};

/// An edit that [`export_edits`] does not carry.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("edit {index} of the batch is not a creation or update of a cooperative or project")]
pub struct UnsupportedEdit {
    /// Its position in the batch, from 0.
    pub index: usize,
}

/// Writes the creations and updates of cooperatives and projects in `edits` (a batch's edits
/// are taken in order), each record with a `meta` as `author` would create it.
pub fn export_edits(edits: &[Edit], author: &Author) -> Result<Vec<u8>, UnsupportedEdit> {
    let mut items = Vec::new();
    let mut flat = Vec::new();
    flatten(edits, &mut flat);
    for (index, edit) in flat.into_iter().enumerate() {
        let meta = Meta::created_by(author);
        let item = match edit {
            Edit::CreateCooperative { id, cooperative } => {
                json!({ "create": "cooperatives", "record": Record { id: *id, meta, data: cooperative.clone() } })
            }
            Edit::UpdateCooperative { id, base_revision, cooperative } => {
                json!({ "update": "cooperatives", "base_revision": base_revision, "record": Record { id: *id, meta, data: cooperative.clone() } })
            }
            Edit::CreateProject { id, project } => json!({ "create": "projects", "record": Record { id: *id, meta, data: project.clone() } }),
            Edit::UpdateProject { id, base_revision, project } => {
                json!({ "update": "projects", "base_revision": base_revision, "record": Record { id: *id, meta, data: project.clone() } })
            }
            _ => return Err(UnsupportedEdit { index }),
        };
        items.push(item);
    }
    Ok(json!({ "edits": items }).to_string().into_bytes())
}

fn flatten<'e>(edits: &'e [Edit], into: &mut Vec<&'e Edit>) {
    for edit in edits {
        match edit {
            Edit::Batch(inner) => flatten(inner, into),
            other => into.push(other),
        }
    }
}

/// Reads what [`export_edits`] wrote as one [`Edit::Batch`]; every error with its path.
pub fn import_edits(bytes: &[u8]) -> Result<Edit, ImportError> {
    // The document's own tree reader (repeated and `__proto__` keys refused): no second JSON
    // reader in the app.
    let value: Value = tree::parse(bytes).map_err(|failure| match failure {
        tree::TreeFailure::Syntax { line, column, message } => ImportError::Syntax { line, column, message },
        tree::TreeFailure::Keys(errors) => ImportError::Invalid { errors },
    })?;
    let mut reader = Reader::default();
    let root = JsonPath::root();
    let edits = reader.object(&value, &root, &["edits"]).and_then(|fields| {
        fields.list(&mut reader, "edits", |reader, item, path| {
            let fields = reader.object(item, path, &["create", "update", "base_revision", "record"])?;
            let create: Option<String> = fields.optional(reader, "create")?;
            let update: Option<String> = fields.optional(reader, "update")?;
            let base_revision: Option<u64> = fields.optional(reader, "base_revision")?;
            let edit = match (create.as_deref(), update.as_deref(), base_revision) {
                (Some("cooperatives"), None, None) => {
                    let record = fields.with(reader, "record", records::cooperative)?;
                    Edit::CreateCooperative { id: record.id, cooperative: record.data }
                }
                (Some("projects"), None, None) => {
                    let record = fields.with(reader, "record", records::project)?;
                    Edit::CreateProject { id: record.id, project: record.data }
                }
                (None, Some("cooperatives"), Some(base_revision)) => {
                    let record = fields.with(reader, "record", records::cooperative)?;
                    Edit::UpdateCooperative { id: record.id, base_revision, cooperative: record.data }
                }
                (None, Some("projects"), Some(base_revision)) => {
                    let record = fields.with(reader, "record", records::project)?;
                    Edit::UpdateProject { id: record.id, base_revision, project: record.data }
                }
                _ => {
                    reader.error(path.clone(), "expected \"create\" of cooperatives or projects, or \"update\" with \"base_revision\"");
                    return None;
                }
            };
            Some(edit)
        })
    });
    match edits {
        Some(edits) if reader.errors.is_empty() => Ok(Edit::Batch(edits)),
        _ => Err(ImportError::Invalid { errors: reader.errors }),
    }
}
