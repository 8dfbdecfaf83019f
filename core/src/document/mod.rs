//! The JSON document: the versioned exchange and storage format of a dataset. Export is
//! deterministic; import is all or nothing, lists every error with its path, refuses newer
//! versions and oversized files, and upgrades older versions through pure migrations.
//!
//! # Format (schema version 5)
//!
//! ```text
//! {
//!   "schema_version": 5,
//!   "reference": { "communes": [...], "sectors": [...], "programmes": [...], "axes": [...], "funders": [...], "courts": [...] },
//!   "reference_meta": { "versions": {...}, "written": {...}, "history": [...] },
//!   "rulebooks": [ {"id": "…32 hex…", "meta": {..., "written": {...}, "history": [...]}, "name_ar": ..., ...}, ... ],
//!   "cooperatives": [ ... ],
//!   "projects": [ ... ],
//!   "meetings": [ ... ],
//!   "visits": [ ... ],
//!   "stories": [ ... ],
//!   "photos": [ {"id": "…32 hex…", "data": "data:image/jpeg;base64,…"}, ... ]
//! }
//! ```
//!
//! `photos` is optional: the images of the stories' photos ([`crate::story::photo`]), written
//! by [`export_with_photos`] so that a file carries them from one device to another. The
//! browser stores each one under its own key, outside the stored document, so the stored
//! document and [`export`] leave the field out; a file without it has no photos.
//!
//! Records are sorted by id and written one per line; amounts are strings with two decimals
//! (`"13170000.00"`), dates `"YYYY-MM-DD"`, timestamps `"2025-07-09T10:00:00.000Z"`, ids 32
//! lowercase hex digits. Optional fields are written as `null`. `core/schema/taawun.schema.json`
//! documents every field.
//!
//! Version 3 added what merging and history need: each record's `meta` has `written` (the change
//! that last wrote each field) and `history` (its changes, who, when, on which device, which
//! fields from which value to which); `reference_meta` holds the same for the reference data.
//!
//! Version 4 added meetings (with their attendance, one check-in per cooperative), follow-up
//! visits and success stories, each a list of records like the others.
//!
//! Version 5 split a visit's `recommendations` into `needs` and `next_steps`.

mod edits;
mod fast;
mod migrate;
mod path;
mod read;
mod records;
mod tree;
mod write;

pub use edits::{UnsupportedEdit, export_edits, import_edits};
pub use path::{JsonPath, Step};

use std::fmt;

use serde::Serialize;
use serde_json::Value;
use thiserror::Error;

use crate::cooperative::Cooperative;
use crate::dataset::Dataset;
use crate::finding::Finding;
use crate::lang::Lang;
use crate::meeting::Meeting;
use crate::project::Project;
use crate::record::{Record, ReferenceMeta};
use crate::reference::ReferenceData;
use crate::rules::Rulebook;
use crate::story::Story;
use crate::story::photo::Photo;
use crate::text::Localised;
use crate::visit::Visit;

/// The schema version this build writes, and the newest it reads.
pub const SCHEMA_VERSION: u32 = 5;

/// The largest file import accepts, in bytes (20 MiB), checked before anything is parsed.
///
/// A region-scale dataset (5 000 cooperatives, 10 000 projects, 20 000 disbursements) takes about
/// 17,4 MiB in this format with its histories and field clocks (13,5 MiB without, in schema
/// version 2; `examples/bench_import.rs`); the limit leaves room for growth while keeping a
/// hostile file from exhausting a tablet's memory.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// One problem found in an imported file, with the path of the value concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Where (`projects[3].contributions[1].amount`).
    pub path: JsonPath,
    /// What, in English, for logs and developers (`"12,5,0" is not an amount`).
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

fn lines(errors: &[FieldError]) -> String {
    errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

/// Why a file was not imported. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    /// The file is larger than [`MAX_BYTES`]; it was not parsed.
    #[error("the file has {size} bytes, more than the limit of {limit}")]
    TooLarge {
        /// The file's size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The file is not JSON (or is nested more than 128 levels deep).
    #[error("not a JSON document (line {line}, column {column}): {message}")]
    Syntax {
        /// Line of the error, from 1.
        line: usize,
        /// Column of the error, from 1.
        column: usize,
        /// What serde_json says.
        message: String,
    },
    /// The file comes from a newer version of the app.
    #[error("the file has schema version {found}, newer than {supported}, the newest this version reads")]
    NewerVersion {
        /// The file's version.
        found: u64,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The file is of an older version that could not be upgraded.
    #[error("the file has schema version {from} and could not be upgraded:\n{}", lines(.errors))]
    Migration {
        /// The file's version.
        from: u32,
        /// Every problem found, paths in the old format.
        errors: Vec<FieldError>,
    },
    /// The file breaks the format: every error with its path.
    #[error("{} error(s) in the file:\n{}", .errors.len(), lines(.errors))]
    Invalid {
        /// Every problem found, in file order.
        errors: Vec<FieldError>,
    },
}

impl ImportError {
    /// The errors with paths, if the error has any.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            ImportError::Migration { errors, .. } | ImportError::Invalid { errors } => errors,
            _ => &[],
        }
    }

    /// What to tell the user when the file was chosen to be merged rather than imported: the
    /// same reason, and that nothing was merged and their data is unchanged
    /// ([`Localised::message`] says nothing was imported).
    ///
    /// ```
    /// use taawun_core::{document::import, text::Localised, Lang};
    /// let error = import(b"{\"schema_version\": 3").unwrap_err();
    /// assert!(error.message_when_merging(Lang::Fr).ends_with("rien n'a été fusionné, vos données sont inchangées"));
    /// ```
    pub fn message_when_merging(&self, lang: Lang) -> String {
        let reason = match (self, lang) {
            (ImportError::Migration { errors, .. } | ImportError::Invalid { errors }, Lang::Fr) => format!("fichier refusé : {} erreur(s)", errors.len()),
            (ImportError::Migration { errors, .. } | ImportError::Invalid { errors }, Lang::Ar) => format!("تم رفض الملف: {} خطأ", errors.len()),
            _ => self.message(lang),
        };
        match lang {
            Lang::Fr => format!("{reason} ; rien n'a été fusionné, vos données sont inchangées"),
            Lang::Ar => format!("{reason}؛ لم يُدمج أي شيء، ومعطياتك لم تتغير"),
        }
    }
}

impl Localised for ImportError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ImportError::TooLarge { size, limit }, Lang::Fr) => {
                format!("fichier trop volumineux : {} Mo, la limite est de {} Mo", size.div_ceil(1 << 20), limit >> 20)
            }
            (ImportError::TooLarge { size, limit }, Lang::Ar) => {
                format!("الملف كبير جدا: {} ميغابايت، والحد الأقصى {} ميغابايت", size.div_ceil(1 << 20), limit >> 20)
            }
            (ImportError::Syntax { line, column, .. }, Lang::Fr) => format!("ce fichier n'est pas un document JSON valide (ligne {line}, colonne {column})"),
            (ImportError::Syntax { line, column, .. }, Lang::Ar) => format!("هذا الملف ليس وثيقة JSON صالحة (السطر {line}، العمود {column})"),
            (ImportError::NewerVersion { .. }, Lang::Fr) => {
                "ce fichier vient d'une version plus récente de l'application ; mettez-la à jour pour l'ouvrir".into()
            }
            (ImportError::NewerVersion { .. }, Lang::Ar) => "هذا الملف صادر عن نسخة أحدث من التطبيق؛ حدّث التطبيق لفتحه".into(),
            (ImportError::Migration { errors, .. } | ImportError::Invalid { errors }, Lang::Fr) => {
                format!("fichier refusé : {} erreur(s), rien n'a été importé", errors.len())
            }
            (ImportError::Migration { errors, .. } | ImportError::Invalid { errors }, Lang::Ar) => {
                format!("تم رفض الملف: {} خطأ، ولم يتم استيراد أي شيء", errors.len())
            }
        }
    }
}

/// A file read successfully.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The data.
    pub dataset: Dataset,
    /// The schema version of the file, if it was older and has been upgraded.
    pub migrated_from: Option<u32>,
    /// The stories' photos the file carries (none when it has no `photos` field).
    pub photos: Vec<Photo>,
}

impl Imported {
    /// Every finding on the data read ([`Dataset::validate`]); findings never stop an import,
    /// whatever their level. Worked out when asked: a start, which shows a record's findings
    /// only on its page, never pays for them all.
    pub fn findings(&self) -> Vec<Finding> {
        self.dataset.validate()
    }
}

/// The document as written: field order here is the order in the file.
#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    reference: &'a ReferenceData,
    reference_meta: &'a ReferenceMeta,
    rulebooks: &'a [Record<Rulebook>],
    cooperatives: &'a [Record<Cooperative>],
    projects: &'a [Record<Project>],
    meetings: &'a [Record<Meeting>],
    visits: &'a [Record<Visit>],
    stories: &'a [Record<Story>],
    #[serde(skip_serializing_if = "<[Photo]>::is_empty")]
    photos: &'a [Photo],
}

/// Writes a dataset as a document of the current schema version.
///
/// The same dataset always gives the same bytes: records in id order, fields in a fixed order,
/// maps sorted, one record per line, a final newline.
///
/// ```
/// use taawun_core::{dataset::Dataset, document, reference::ReferenceData};
/// let empty = Dataset::new(ReferenceData::builtin());
/// let bytes = document::export(&empty);
/// assert!(bytes.starts_with(b"{\n  \"schema_version\": 5,"));
/// assert_eq!(document::import(&bytes).unwrap().dataset, empty);
/// ```
pub fn export(dataset: &Dataset) -> Vec<u8> {
    export_with_photos(dataset, &[])
}

/// Writes a dataset with the images of its stories' photos (in id order), for a file that
/// leaves the browser. Without photos the bytes are those of [`export`].
pub fn export_with_photos(dataset: &Dataset, photos: &[Photo]) -> Vec<u8> {
    let mut photos = photos.to_vec();
    crate::sorting::sort_by_key(&mut photos, Photo::id);
    photos.dedup_by_key(|p| p.id());
    write::to_bytes(&Document {
        schema_version: SCHEMA_VERSION,
        reference: dataset.reference(),
        reference_meta: dataset.reference_meta(),
        rulebooks: dataset.rulebooks().all(),
        cooperatives: dataset.cooperatives().all(),
        projects: dataset.projects().all(),
        meetings: dataset.meetings().all(),
        visits: dataset.visits().all(),
        stories: dataset.stories().all(),
        photos: &photos,
    })
}

/// One value written compactly on a line, with export's serializer (for the stored layout).
pub(crate) fn line<T: Serialize>(value: &T) -> String {
    String::from_utf8(write::to_line(value)).unwrap_or_default()
}

/// Reads a document: all of it, or nothing.
///
/// In order: the size is checked against [`MAX_BYTES`] before parsing; the JSON is read with
/// repeated keys and `__proto__` keys refused and nesting bounded; a newer `schema_version` is
/// refused and an older one upgraded by pure migrations; then every field is read and every error
/// collected with its path, repeated record ids included. Findings on the data (rules) are
/// returned beside it and never stop the import.
pub fn import(bytes: &[u8]) -> Result<Imported, ImportError> {
    import_up_to(bytes, MAX_BYTES)
}

/// [`import`] with another size limit than [`MAX_BYTES`]: for the app's own stored data
/// ([`crate::storage_layout::MAX_STORED_BYTES`]), which it held in memory when it saved it, so
/// that data grown past the file limit still opens instead of being refused as too large.
///
/// A document of the current schema version is read in one pass into typed records
/// (`fast.rs`); anything else, and any document that pass does not take as it is, goes to
/// [`import_slow`], so the result, or the error with every path, is always the one
/// [`import_slow`] gives.
pub fn import_up_to(bytes: &[u8], limit: usize) -> Result<Imported, ImportError> {
    if bytes.len() > limit {
        return Err(ImportError::TooLarge { size: bytes.len(), limit });
    }
    match import_fast(bytes) {
        Some(imported) => Ok(imported),
        None => import_slow(bytes, limit),
    }
}

/// The fast reading alone: `None` when it does not take the document as it is (then
/// [`import_slow`] says why). Public for the tests and benchmarks that compare both readings.
#[doc(hidden)]
pub fn import_fast(bytes: &[u8]) -> Option<Imported> {
    let (dataset, photos) = fast::read(bytes)?;
    Some(Imported { dataset, migrated_from: None, photos })
}

/// [`import_fast`] of a document kept in parts (`storage_layout`): `top` is the document
/// without its lists, `lists` names each list with the texts of its parts, one record per line.
/// The same outcome as [`import_fast`] of the document they make together, without making it.
#[doc(hidden)]
#[inline]
pub fn import_fast_parts(top: &str, lists: &[(&str, &[String])]) -> Option<Imported> {
    let (dataset, photos) = fast::read_parts(top, lists)?;
    Some(Imported { dataset, migrated_from: None, photos })
}

/// The full reading, and the only way to the code that only it needs (the JSON tree with its
/// key checks, the migrations of older versions, the reader that gathers every error with its
/// path): [`import_up_to`] calls it when the fast reading gives up, so that code may be loaded
/// apart in the browser. Public for the tests and benchmarks that compare both readings.
#[doc(hidden)]
pub fn import_slow(bytes: &[u8], limit: usize) -> Result<Imported, ImportError> {
    if bytes.len() > limit {
        return Err(ImportError::TooLarge { size: bytes.len(), limit });
    }
    let value = tree::parse(bytes).map_err(|failure| match failure {
        tree::TreeFailure::Syntax { line, column, message } => ImportError::Syntax { line, column, message },
        tree::TreeFailure::Keys(errors) => ImportError::Invalid { errors },
    })?;
    let version = schema_version(&value)?;
    let (value, migrated_from) = if version < SCHEMA_VERSION {
        let upgraded = migrate::upgrade(&value, version).map_err(|errors| ImportError::Migration { from: version, errors })?;
        (upgraded, Some(version))
    } else {
        (value, None)
    };
    let (dataset, photos) = read_current(&value).map_err(|errors| ImportError::Invalid { errors })?;
    Ok(Imported { dataset, migrated_from, photos })
}

fn schema_version(value: &Value) -> Result<u32, ImportError> {
    let invalid = |message: &str| ImportError::Invalid { errors: vec![FieldError::new(JsonPath::root().key("schema_version"), message)] };
    let Value::Object(map) = value else {
        return Err(ImportError::Invalid { errors: vec![FieldError::new(JsonPath::root(), "expected an object with a schema_version")] });
    };
    let found = match map.get("schema_version") {
        None => return Err(invalid("this field is required")),
        Some(version) => version.as_u64().filter(|v| *v >= 1).ok_or_else(|| invalid("expected a whole number from 1"))?,
    };
    match u32::try_from(found) {
        Ok(version) if version <= SCHEMA_VERSION => Ok(version),
        _ => Err(ImportError::NewerVersion { found, supported: SCHEMA_VERSION }),
    }
}

/// Reads a document of the current version into a dataset and its photos, or every error with
/// its path.
fn read_current(value: &Value) -> Result<(Dataset, Vec<Photo>), Vec<FieldError>> {
    let mut reader = read::Reader::default();
    let root = JsonPath::root();
    let Some(fields) = reader.object(
        value,
        &root,
        &["schema_version", "reference", "reference_meta", "rulebooks", "cooperatives", "projects", "meetings", "visits", "stories", "photos"],
    ) else {
        return Err(reader.errors);
    };
    let reference = fields.serde::<ReferenceData>(&mut reader, "reference");
    let reference_meta = fields.with(&mut reader, "reference_meta", records::reference_meta);
    let rulebooks = records::records(&mut reader, &fields, "rulebooks", records::rulebook);
    let cooperatives = records::records(&mut reader, &fields, "cooperatives", records::cooperative);
    let projects = records::records(&mut reader, &fields, "projects", records::project);
    let meetings = records::records(&mut reader, &fields, "meetings", records::meeting);
    let visits = records::records(&mut reader, &fields, "visits", records::visit);
    let stories = records::records(&mut reader, &fields, "stories", records::story);
    let photos = fields.optional::<Vec<Photo>>(&mut reader, "photos");
    match (reference, reference_meta, rulebooks, cooperatives, projects, meetings, visits, stories, photos) {
        (
            Some(reference),
            Some(reference_meta),
            Some(rulebooks),
            Some(cooperatives),
            Some(projects),
            Some(meetings),
            Some(visits),
            Some(stories),
            Some(photos),
        ) if reader.errors.is_empty() => {
            let parts = crate::dataset::Parts { rulebooks, cooperatives, projects, meetings, visits, stories };
            // Ids are unique within each list (checked above), so this cannot fail; the error
            // path is kept rather than unwrapped.
            let dataset = Dataset::from_parts(reference, reference_meta, parts)
                .map_err(|repeated| vec![FieldError::new(root.key(repeated.kind.list_name()), format!("the id {} appears more than once", repeated.id))])?;
            Ok((dataset, photos.unwrap_or_default()))
        }
        _ => Err(reader.errors),
    }
}

/// The property names each object of the format has, for the JSON Schema test.
#[doc(hidden)]
pub fn record_fields() -> [(&'static str, &'static [&'static str]); 6] {
    [
        ("rulebook", records::RULEBOOK_FIELDS),
        ("cooperative", records::COOPERATIVE_FIELDS),
        ("project", records::PROJECT_FIELDS),
        ("meeting", records::MEETING_FIELDS),
        ("visit", records::VISIT_FIELDS),
        ("story", records::STORY_FIELDS),
    ]
}
