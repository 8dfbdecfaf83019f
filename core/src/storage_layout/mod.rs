//! How a dataset is laid out in the browser's key-value storage so that a region fits, one edit
//! rewrites a few small values rather than everything, a save either lands whole or not at all,
//! and a tab can tell that another one wrote since it loaded. Pure: the web crate's storage
//! module carries out what these functions decide.
//!
//! # Keys
//!
//! - `taawun.head` — the head: a small JSON object naming every part of the stored document
//!   with its key, size and checksum, the schema version, and the *store revision*, which grows
//!   by one at every save. Writing the head is the commit: a save writes its new parts under
//!   fresh keys first, then the head, then removes the parts the head no longer names.
//! - `taawun.part.{revision}.{writer}.{part}` — one part of the document, written once and never
//!   changed (copy on write). `{writer}` is the id of the tab that wrote it, so two tabs saving
//!   at the same revision never write the same key.
//!
//! # Parts
//!
//! The document (the same JSON that export writes and import reads, [`crate::document`]) is cut
//! into a `document` part, holding every field but the lists of records (schema version,
//! reference data), and one part per list and *bucket*: the records whose id starts with the same
//! five bits, one record per line. Ids are random, so a region's 10 000 projects fall about 310
//! to a bucket, and saving an edit to one project rewrites one bucket of projects and the head.
//! Each part is stored plain or deflated ([`encode`]); a region of about 14 million characters of
//! JSON takes well under one million once packed.
//!
//! Reading is the reverse: the head, each part checked against its checksum, the document put
//! back together as text ([`assemble`]) and given to [`crate::document::import`], which migrates
//! older versions, refuses newer ones and names the path of every bad value.

mod codec;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

pub use codec::{DecodeError, checksum, decode, encode};

use crate::dataset::Dataset;
use crate::document::{self, SCHEMA_VERSION};
use crate::id::Id;
use crate::outline;
use crate::record::{Record, Timestamp};
use crate::reference::ReferenceData;

/// Every key the app writes starts with this.
pub const PREFIX: &str = "taawun.";
/// The key of the head, the commit point of every save.
pub const HEAD_KEY: &str = "taawun.head";
/// The keys of the document's parts start with this.
pub const PART_PREFIX: &str = "taawun.part.";
/// The version of this layout (of the head and parts, not of the document inside them).
pub const LAYOUT_VERSION: u32 = 2;
/// Records are put into `2^BUCKET_BITS` buckets per list by the first bits of their id.
pub const BUCKET_BITS: u32 = 5;
/// The largest document the app reads back from its own storage (128 MiB of JSON text). Larger
/// than [`document::MAX_BYTES`], the limit for files from elsewhere: data the app saved, and so
/// held in memory, must open again even once it has grown past a file's limit (four regions are
/// about 77 MiB); the quota bounds it anyway (five million characters, packed).
pub const MAX_STORED_BYTES: usize = 128 * 1024 * 1024;
/// The name of the part holding every field of the document except the lists of records.
pub const DOCUMENT_PART: &str = "document";
/// The names of the outline's parts start with this ([`crate::outline`]): `outline.reference`,
/// written with the `document` part, and `outline.cooperatives.NN`, `outline.projects.NN`,
/// written with the bucket of the same name.
pub const OUTLINE_PREFIX: &str = "outline.";
/// The outline's part for the reference data.
const OUTLINE_REFERENCE: &str = "outline.reference";
/// The lists whose buckets have an outline, with the function writing it.
const OUTLINED: [&str; 2] = ["cooperatives", "projects"];

/// The head: what the stored document is made of, at which store revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Head {
    /// The layout version ([`LAYOUT_VERSION`] when written by this build).
    pub layout: u32,
    /// The schema version of the document inside.
    pub schema_version: u32,
    /// The store revision: 1 for the first save, one more at every save.
    pub revision: u64,
    /// The id of the tab that wrote this head.
    pub writer: String,
    /// When it was written.
    pub saved_at: Timestamp,
    /// The names of the document's lists of records, in document order, empty ones included.
    pub lists: Vec<String>,
    /// The parts, sorted by name.
    pub parts: Vec<PartRef>,
}

/// One stored part, as the head names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartRef {
    /// `document`, or a list and bucket such as `projects.1f`.
    pub name: String,
    /// The storage key of the value.
    pub key: String,
    /// The value's length in UTF-16 code units, what browsers count against the quota.
    pub chars: usize,
    /// [`checksum`] of the value.
    pub sum: String,
}

impl Head {
    /// The UTF-16 length of every part the head names, itself excluded.
    pub fn chars(&self) -> usize {
        self.parts.iter().map(|part| part.chars).sum()
    }

    /// The head as stored.
    pub fn to_value(&self) -> String {
        // A struct of strings and numbers always serialises.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Why the stored data could not be put back together. Nothing is ever written in answer to
/// one of these: the stored values stay exactly as they are until the user decides.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReadError {
    /// The head is not a head of this layout.
    #[error("the head ({key}) is unreadable: {reason}")]
    Head {
        /// The head's key.
        key: String,
        /// What was wrong.
        reason: String,
    },
    /// The head was written by a newer version of the app, with a layout this one doesn't know.
    #[error("the stored data uses layout {found}, newer than {supported}, the newest this version reads")]
    NewerLayout {
        /// The layout found.
        found: u64,
        /// The newest this build reads.
        supported: u32,
    },
    /// A part the head names is missing.
    #[error("the part {name} ({key}) is missing")]
    MissingPart {
        /// The part's name.
        name: String,
        /// Its key.
        key: String,
    },
    /// A part is there but is not what the head says, or is not text, or not JSON.
    #[error("the part {name} ({key}) is damaged: {reason}")]
    DamagedPart {
        /// The part's name.
        name: String,
        /// Its key.
        key: String,
        /// What was wrong.
        reason: String,
    },
}

/// The store revision a tab loaded and the one stored now differ: another tab (or a person
/// clearing the site's data) wrote since, and writing now would lose what they wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("the stored data is at revision {}, this tab loaded revision {}", fmt_revision(*.stored), fmt_revision(*.loaded))]
pub struct Conflict {
    /// The revision this tab loaded (`None`: nothing was stored).
    pub loaded: Option<u64>,
    /// The revision stored now (`None`: nothing is stored).
    pub stored: Option<u64>,
}

fn fmt_revision(revision: Option<u64>) -> String {
    revision.map_or_else(|| "none".to_owned(), |r| r.to_string())
}

/// Whether a tab that loaded `loaded` may write over what is stored now.
pub fn check_revision(loaded: Option<u64>, stored: Option<&Head>) -> Result<(), Conflict> {
    let stored = stored.map(|head| head.revision);
    if loaded == stored { Ok(()) } else { Err(Conflict { loaded, stored }) }
}

/// The bucket of a record id.
pub fn bucket(id: Id) -> u32 {
    (id.to_u128() >> (128 - BUCKET_BITS)) as u32
}

fn part_name(list: &str, bucket: u32) -> String {
    format!("{list}.{bucket:02x}")
}

/// The parts of a document, by name, each as text; what a save writes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parts {
    /// The names of the lists of records, in document order.
    pub lists: Vec<String>,
    /// The schema version of the document.
    pub schema_version: u32,
    /// Changed or new parts, by name.
    pub texts: BTreeMap<String, String>,
    /// Parts that no longer exist (a bucket whose last record went).
    pub removed: Vec<String>,
    /// Whether these are all the parts (the stored parts not among them are dropped), rather
    /// than changes to the stored ones.
    pub complete: bool,
    /// Whether the dashboard's outline is kept ([`keeps_outline`]); when not, the save drops
    /// every outline part the head names.
    pub outline: bool,
}

/// Whether the dashboard's outline is kept beside the records: up to [`TABLET_RECORDS`]. It
/// costs about a third more room (a region, 17 000 records: 480 000 characters beside 826 000);
/// above that size the room matters more than a start that draws the dashboard before the
/// records are read (four regions would no longer fit in five million characters).
pub fn keeps_outline(dataset: &Dataset) -> bool {
    record_count(dataset) <= TABLET_RECORDS
}

#[derive(Serialize)]
struct DocumentPart<'a> {
    schema_version: u32,
    reference: &'a ReferenceData,
    reference_meta: &'a crate::record::ReferenceMeta,
}

/// The document's lists of records, each cut into buckets; every other field is in the
/// `document` part. A test checks this against what `document::export` writes.
const LISTS: [&str; 6] = ["rulebooks", "cooperatives", "projects", "meetings", "visits", "stories"];

/// Every part of a dataset, as the current schema writes it.
pub fn parts_of(dataset: &Dataset) -> Parts {
    changed_parts(None, dataset)
}

/// The parts that differ between the dataset last saved and the next one (every part when
/// nothing was saved by this tab yet). Records are compared, not texts, so this costs no
/// serialisation of the buckets that did not change.
pub fn changed_parts(saved: Option<&Dataset>, next: &Dataset) -> Parts {
    let keep = keeps_outline(next);
    let mut parts = Parts {
        lists: LISTS.iter().map(|list| (*list).to_owned()).collect(),
        schema_version: SCHEMA_VERSION,
        complete: saved.is_none(),
        outline: keep,
        ..Parts::default()
    };
    // An outline dropped by the last save (too many records then) is written whole again.
    let saved = if keep && saved.is_some_and(|saved| !keeps_outline(saved)) { None } else { saved };
    parts.complete = parts.complete || saved.is_none();
    if saved.is_none_or(|saved| saved.reference() != next.reference() || saved.reference_meta() != next.reference_meta()) {
        let text = document::line(&DocumentPart { schema_version: SCHEMA_VERSION, reference: next.reference(), reference_meta: next.reference_meta() });
        parts.texts.insert(DOCUMENT_PART.to_owned(), text);
        if keep {
            parts.texts.insert(OUTLINE_REFERENCE.to_owned(), outline::reference_text(next.reference()));
        }
    }
    compare_list(&mut parts, "rulebooks", saved.map(|s| s.rulebooks().all()), next.rulebooks().all(), None);
    compare_list(
        &mut parts,
        "cooperatives",
        saved.map(|s| s.cooperatives().all()),
        next.cooperatives().all(),
        keep.then_some(outline::cooperatives_text as OutlineOf<_>),
    );
    compare_list(&mut parts, "projects", saved.map(|s| s.projects().all()), next.projects().all(), keep.then_some(outline::projects_text as OutlineOf<_>));
    compare_list(&mut parts, "meetings", saved.map(|s| s.meetings().all()), next.meetings().all(), None);
    compare_list(&mut parts, "visits", saved.map(|s| s.visits().all()), next.visits().all(), None);
    compare_list(&mut parts, "stories", saved.map(|s| s.stories().all()), next.stories().all(), None);
    parts
}

/// Writes the outline of some records (`outline::cooperatives_text` or `projects_text`).
type OutlineOf<T> = fn(&[Record<T>]) -> String;

/// The name of the outline of a part.
fn outline_name(part: &str) -> String {
    format!("{OUTLINE_PREFIX}{part}")
}

/// The records of a sorted list that fall in `bucket`: a contiguous run, since the bucket is
/// the top bits of the id.
fn in_bucket<T>(records: &[Record<T>], bucket_number: u32) -> &[Record<T>] {
    let start = records.partition_point(|r| bucket(r.id) < bucket_number);
    let end = records.partition_point(|r| bucket(r.id) <= bucket_number);
    &records[start..end]
}

fn compare_list<T: Serialize + PartialEq>(parts: &mut Parts, list: &str, saved: Option<&[Record<T>]>, next: &[Record<T>], outline: Option<OutlineOf<T>>) {
    for number in 0..(1 << BUCKET_BITS) {
        let now = in_bucket(next, number);
        let before = saved.map(|saved| in_bucket(saved, number));
        if before == Some(now) {
            continue;
        }
        let name = part_name(list, number);
        if now.is_empty() {
            if before.is_some_and(|b| !b.is_empty()) {
                if outline.is_some() {
                    parts.removed.push(outline_name(&name));
                }
                parts.removed.push(name);
            }
            continue;
        }
        let mut text = String::new();
        for record in now {
            text.push_str(&document::line(record));
            text.push('\n');
        }
        if let Some(outline) = outline {
            parts.texts.insert(outline_name(&name), outline(now));
        }
        parts.texts.insert(name, text);
    }
}

/// What this tab knows of the stored parts without keeping a copy of the dataset: a digest of
/// each part, the `document` part from its text, each bucket from the id, revision, last change
/// and deletion mark of its records. Every change goes through `Dataset::apply`, which raises
/// the revision of the record it changes (and a merge sets it from the joined versions), so a
/// bucket whose digest is unchanged holds the records that were saved. A dataset that replaces
/// all the data is saved whole ([`changed_since`] with `None`), never against these.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprints {
    parts: BTreeMap<String, u64>,
}

impl Fingerprints {
    /// How many parts are known.
    pub fn len(&self) -> usize {
        self.parts.len()
    }

    /// Whether no part is known.
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }
}

fn digest(value: impl std::hash::Hash) -> u64 {
    use std::hash::{DefaultHasher, Hasher};
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

fn bucket_digest<T>(records: &[Record<T>]) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut hasher = DefaultHasher::new();
    records.len().hash(&mut hasher);
    for record in records {
        (record.id, record.meta.revision, record.meta.updated, record.meta.deleted, &record.meta.versions).hash(&mut hasher);
    }
    hasher.finish()
}

/// The fingerprints of what is stored when `dataset` was read back from it (no serialisation of
/// records: one pass over their metadata).
pub fn fingerprints(dataset: &Dataset) -> Fingerprints {
    let mut now = Fingerprints::default();
    let document = digest(document_text(dataset));
    now.parts.insert(DOCUMENT_PART.to_owned(), document);
    fingerprint_lists(&mut now, dataset);
    if keeps_outline(dataset) {
        now.parts.insert(OUTLINE_REFERENCE.to_owned(), document);
        outline_like_lists(&mut now, |_| true);
    }
    now
}

/// Gives the outline of each bucket of the outlined lists the fingerprint of its bucket, when
/// `stored` says that outline is there: it is written whenever the bucket is.
fn outline_like_lists(now: &mut Fingerprints, stored: impl Fn(&str) -> bool) {
    let outlines: Vec<(String, u64)> = now
        .parts
        .iter()
        .filter(|(name, _)| OUTLINED.iter().any(|list| name.strip_prefix(list).is_some_and(|rest| rest.starts_with('.'))))
        .map(|(name, sum)| (outline_name(name), *sum))
        .filter(|(name, _)| stored(name))
        .collect();
    now.parts.extend(outlines);
}

/// The fingerprints of what is stored, taken as it is read: the document part's digest from its
/// stored text, the lists' from the records `dataset` holds. Equal to [`fingerprints`] of the
/// dataset read back when the document part was written by this version; when it was not, the
/// next save writes that part again, which is all a wrong document fingerprint can cost. What
/// a start keeps, so that no serialisation code is needed before the first save.
fn fingerprints_as_read(document: &str, outlines: &[String], dataset: &Dataset) -> Fingerprints {
    let mut now = Fingerprints::default();
    let document = digest(document);
    now.parts.insert(DOCUMENT_PART.to_owned(), document);
    if outlines.iter().any(|name| name == OUTLINE_REFERENCE) {
        now.parts.insert(OUTLINE_REFERENCE.to_owned(), document);
    }
    fingerprint_lists(&mut now, dataset);
    outline_like_lists(&mut now, |name| outlines.iter().any(|stored| stored == name));
    now
}

fn fingerprint_lists(now: &mut Fingerprints, dataset: &Dataset) {
    fingerprint_only(now, "rulebooks", dataset.rulebooks().all());
    fingerprint_only(now, "cooperatives", dataset.cooperatives().all());
    fingerprint_only(now, "projects", dataset.projects().all());
    fingerprint_only(now, "meetings", dataset.meetings().all());
    fingerprint_only(now, "visits", dataset.visits().all());
    fingerprint_only(now, "stories", dataset.stories().all());
}

fn fingerprint_only<T>(now: &mut Fingerprints, list: &str, records: &[Record<T>]) {
    for number in 0..(1 << BUCKET_BITS) {
        let records = in_bucket(records, number);
        if !records.is_empty() {
            now.parts.insert(part_name(list, number), bucket_digest(records));
        }
    }
}

fn document_text(dataset: &Dataset) -> String {
    document::line(&DocumentPart { schema_version: SCHEMA_VERSION, reference: dataset.reference(), reference_meta: dataset.reference_meta() })
}

/// The parts that changed since the save whose fingerprints are `saved` (every part when
/// `None`), and the fingerprints of `next` to keep once they are written. Costs one pass over
/// the records' metadata: no copy of the dataset, no comparison of records, no serialisation of
/// the buckets that did not change.
pub fn changed_since(saved: Option<&Fingerprints>, next: &Dataset) -> (Parts, Fingerprints) {
    let keep = keeps_outline(next);
    let mut parts = Parts {
        lists: LISTS.iter().map(|list| (*list).to_owned()).collect(),
        schema_version: SCHEMA_VERSION,
        complete: saved.is_none(),
        outline: keep,
        ..Parts::default()
    };
    let mut now = Fingerprints::default();
    let text = document_text(next);
    let sum = digest(&text);
    let before = |name: &str| saved.and_then(|s| s.parts.get(name));
    if before(DOCUMENT_PART) != Some(&sum) {
        parts.texts.insert(DOCUMENT_PART.to_owned(), text);
    }
    now.parts.insert(DOCUMENT_PART.to_owned(), sum);
    if keep {
        if before(OUTLINE_REFERENCE) != Some(&sum) {
            parts.texts.insert(OUTLINE_REFERENCE.to_owned(), outline::reference_text(next.reference()));
        }
        now.parts.insert(OUTLINE_REFERENCE.to_owned(), sum);
    }
    fingerprint_list(&mut parts, &mut now, saved, "rulebooks", next.rulebooks().all(), None);
    fingerprint_list(&mut parts, &mut now, saved, "cooperatives", next.cooperatives().all(), keep.then_some(outline::cooperatives_text as OutlineOf<_>));
    fingerprint_list(&mut parts, &mut now, saved, "projects", next.projects().all(), keep.then_some(outline::projects_text as OutlineOf<_>));
    fingerprint_list(&mut parts, &mut now, saved, "meetings", next.meetings().all(), None);
    fingerprint_list(&mut parts, &mut now, saved, "visits", next.visits().all(), None);
    fingerprint_list(&mut parts, &mut now, saved, "stories", next.stories().all(), None);
    (parts, now)
}

fn fingerprint_list<T: Serialize>(
    parts: &mut Parts,
    now: &mut Fingerprints,
    saved: Option<&Fingerprints>,
    list: &str,
    next: &[Record<T>],
    outline: Option<OutlineOf<T>>,
) {
    for number in 0..(1 << BUCKET_BITS) {
        let name = part_name(list, number);
        let outline_part = outline.map(|_| outline_name(&name));
        let records = in_bucket(next, number);
        let before = |name: &str| saved.and_then(|s| s.parts.get(name));
        if records.is_empty() {
            for name in [Some(name), outline_part].into_iter().flatten() {
                if before(&name).is_some() {
                    parts.removed.push(name);
                }
            }
            continue;
        }
        let sum = bucket_digest(records);
        if before(&name) != Some(&sum) {
            let mut text = String::new();
            for record in records {
                text.push_str(&document::line(record));
                text.push('\n');
            }
            parts.texts.insert(name.clone(), text);
        }
        now.parts.insert(name, sum);
        if let (Some(outline), Some(outline_part)) = (outline, outline_part) {
            if before(&outline_part) != Some(&sum) {
                parts.texts.insert(outline_part.clone(), outline(records));
            }
            now.parts.insert(outline_part, sum);
        }
    }
}

/// Cuts any document (of any schema version, e.g. one that still needs migrating, or a test's
/// fixture) into parts: top-level arrays whose items are all objects with an `id` become lists
/// of records; every other field goes to the `document` part. Fails only on text that is not a
/// JSON object.
pub fn parts_of_document(text: &str) -> Result<Parts, serde_json::Error> {
    let Value::Object(mut map) = serde_json::from_str::<Value>(text)? else {
        return Err(serde::de::Error::custom("the document is not a JSON object"));
    };
    let schema_version = map.get("schema_version").and_then(Value::as_u64).and_then(|v| u32::try_from(v).ok()).unwrap_or(0);
    let lists: Vec<String> = map
        .iter()
        .filter(|(_, value)| value.as_array().is_some_and(|items| items.iter().all(|item| item.get("id").is_some_and(Value::is_string))))
        .map(|(name, _)| name.clone())
        .collect();
    let mut parts = Parts { lists: lists.clone(), schema_version, complete: true, ..Parts::default() };
    for list in &lists {
        let Some(Value::Array(items)) = map.remove(list) else { continue };
        let mut buckets: BTreeMap<u32, String> = BTreeMap::new();
        for item in items {
            let number = item.get("id").and_then(Value::as_str).and_then(|id| Id::parse(id).ok()).map_or(0, bucket);
            let text = buckets.entry(number).or_default();
            text.push_str(&serde_json::to_string(&item)?);
            text.push('\n');
        }
        for (number, text) in buckets {
            parts.texts.insert(part_name(list, number), text);
        }
    }
    parts.texts.insert(DOCUMENT_PART.to_owned(), serde_json::to_string(&map)?);
    Ok(parts)
}

/// What a save writes, in order: the new parts, then the head, then the removal of the parts
/// the head no longer names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavePlan {
    /// New part values under fresh keys.
    pub writes: Vec<(String, String)>,
    /// The new head.
    pub head: Head,
    /// Keys to remove once the head is written.
    pub obsolete: Vec<String>,
}

/// Plans the save of `parts` over what is stored (`stored`, the head read just before), by the
/// tab `writer` at `at`. The caller checks the revision first ([`check_revision`]).
pub fn plan_save(stored: Option<&Head>, parts: &Parts, writer: &str, at: Timestamp) -> SavePlan {
    let revision = stored.map_or(1, |head| head.revision.saturating_add(1));
    let mut by_name: BTreeMap<String, PartRef> = match stored {
        Some(head) if !parts.complete => head.parts.iter().map(|part| (part.name.clone(), part.clone())).collect(),
        _ => BTreeMap::new(),
    };
    let mut obsolete: Vec<String> = match stored {
        Some(head) if parts.complete => head.parts.iter().map(|part| part.key.clone()).collect(),
        _ => Vec::new(),
    };
    for name in &parts.removed {
        if let Some(old) = by_name.remove(name) {
            obsolete.push(old.key);
        }
    }
    if !parts.outline {
        // The outline is not kept at this size: every part of it goes.
        let dropped: Vec<String> = by_name.keys().filter(|name| name.starts_with(OUTLINE_PREFIX)).cloned().collect();
        for name in dropped {
            if let Some(old) = by_name.remove(&name) {
                obsolete.push(old.key);
            }
        }
    }
    let mut writes = Vec::with_capacity(parts.texts.len());
    for (name, text) in &parts.texts {
        let key = format!("{PART_PREFIX}{revision}.{writer}.{name}");
        let value = encode(text);
        let part = PartRef { name: name.clone(), key: key.clone(), chars: value.encode_utf16().count(), sum: checksum(&value) };
        if let Some(old) = by_name.insert(name.clone(), part) {
            obsolete.push(old.key);
        }
        writes.push((key, value));
    }
    let head = Head {
        layout: LAYOUT_VERSION,
        schema_version: parts.schema_version,
        revision,
        writer: writer.to_owned(),
        saved_at: at,
        lists: parts.lists.clone(),
        parts: by_name.into_values().collect(),
    };
    SavePlan { writes, head, obsolete }
}

/// Reads a head, telling a newer layout (never to be written over) from a damaged head.
pub fn read_head(text: &str) -> Result<Head, ReadError> {
    /// Only the layout, whatever else a newer head holds.
    #[derive(Deserialize)]
    struct Layout {
        layout: u64,
    }
    let read = serde_json::from_str::<Head>(text);
    match serde_json::from_str::<Layout>(text) {
        Ok(Layout { layout }) if layout > u64::from(LAYOUT_VERSION) => Err(ReadError::NewerLayout { found: layout, supported: LAYOUT_VERSION }),
        _ => read.map_err(|e| ReadError::Head { key: HEAD_KEY.to_owned(), reason: e.to_string() }),
    }
}

/// Puts the stored document back together, as the text import reads, checking every part
/// against the head and every line of it as JSON, so that a damaged part is named. `get` reads
/// one key.
pub fn assemble(head: &Head, get: impl FnMut(&str) -> Option<String>) -> Result<String, ReadError> {
    assemble_with(head, get, Lines::Checked)
}

/// Whether [`decode_with`] reads each line of a part as JSON.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lines {
    Checked,
    Trusted,
}

fn assemble_with(head: &Head, get: impl FnMut(&str) -> Option<String>, lines: Lines) -> Result<String, ReadError> {
    decode_with(head, get, lines).map(|decoded| decoded.text())
}

/// The stored parts a head names, each checked against its checksum and decoded; not yet one
/// document. [`Decoded::import_fast`] reads them as they are; [`Decoded::text`] is the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The document part: the document without its lists, a JSON object.
    document: String,
    /// Each list the head names, in its order, with its parts' texts (one record per line).
    lists: Vec<(String, Vec<String>)>,
    /// The names of the outline's parts the head names (not read).
    outlines: Vec<String>,
}

/// Reads and decodes the parts `head` names, checking each against its checksum but not reading
/// its lines as JSON: a part whose checksum matches is taken to hold what was written, one JSON
/// value per line. What a start reads; when [`Decoded::import_fast`] does not take the parts,
/// [`assemble`] names the part at fault, if one is.
pub fn decode_parts(head: &Head, get: impl FnMut(&str) -> Option<String>) -> Result<Decoded, ReadError> {
    decode_with(head, get, Lines::Trusted)
}

fn decode_with(head: &Head, mut get: impl FnMut(&str) -> Option<String>, lines: Lines) -> Result<Decoded, ReadError> {
    let mut document: Option<String> = None;
    let mut lists: Vec<(String, Vec<String>)> = head.lists.iter().map(|list| (list.clone(), Vec::new())).collect();
    let mut outlines = Vec::new();
    for part in &head.parts {
        // The outline is not part of the document: a start reads it apart ([`read_outline`]).
        if part.name.starts_with(OUTLINE_PREFIX) {
            outlines.push(part.name.clone());
            continue;
        }
        let value = get(&part.key).ok_or_else(|| ReadError::MissingPart { name: part.name.clone(), key: part.key.clone() })?;
        let damaged = |reason: String| ReadError::DamagedPart { name: part.name.clone(), key: part.key.clone(), reason };
        if checksum(&value) != part.sum {
            return Err(damaged(format!("its checksum is {}, the head expects {}", checksum(&value), part.sum)));
        }
        let text = decode(&value, document::MAX_BYTES).map_err(|e| damaged(e.to_string()))?;
        if part.name == DOCUMENT_PART {
            let trimmed = text.trim();
            if lines == Lines::Checked {
                serde_json::from_str::<serde::de::IgnoredAny>(trimmed).map_err(|e| damaged(format!("not JSON: {e}")))?;
            }
            if !(trimmed.starts_with('{') && trimmed.ends_with('}')) {
                return Err(damaged("not a JSON object".into()));
            }
            document = Some(trimmed.to_owned());
            continue;
        }
        let list = part.name.rsplit_once('.').map(|(list, _)| list).unwrap_or(&part.name);
        // The first list of that name, as the document would have it.
        let Some((_, texts)) = lists.iter_mut().find(|(name, _)| name == list) else {
            return Err(damaged(format!("the head names no list \"{list}\"")));
        };
        if lines == Lines::Checked {
            for (number, line) in text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty()) {
                serde_json::from_str::<serde::de::IgnoredAny>(line).map_err(|e| damaged(format!("line {} is not JSON: {e}", number + 1)))?;
            }
        }
        texts.push(text);
    }
    let document = document.ok_or_else(|| ReadError::MissingPart { name: DOCUMENT_PART.to_owned(), key: format!("{PART_PREFIX}…{DOCUMENT_PART}") })?;
    Ok(Decoded { document, lists, outlines })
}

impl Decoded {
    /// The bytes of text decoded, about the length of the document they make.
    pub fn len(&self) -> usize {
        self.document.len() + self.lists.iter().flat_map(|(_, texts)| texts).map(String::len).sum::<usize>()
    }

    /// Whether nothing was decoded (never: the document part is always there).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The fast reading of the document these parts make, without making it
    /// (`document::import_fast`); `None` when it does not take it: then [`Decoded::text`] is
    /// the document for the full reading. Inline, with what it calls, so that the crate that
    /// calls it compiles it (`taawun-read` compiles it for speed).
    #[inline]
    pub fn import_fast(&self) -> Option<document::Imported> {
        let lists: Vec<(&str, &[String])> = self.lists.iter().map(|(name, texts)| (name.as_str(), texts.as_slice())).collect();
        document::import_fast_parts(&self.document, &lists)
    }

    /// The fingerprints of these parts as stored, `dataset` being what [`Decoded::import_fast`]
    /// read from them: kept to save only what changes next, without writing the document part
    /// out again to take its digest (see [`fingerprints`]).
    pub fn fingerprints(&self, dataset: &Dataset) -> Fingerprints {
        fingerprints_as_read(&self.document, &self.outlines, dataset)
    }

    /// The document, as the text import reads: the document part with each list appended, its
    /// records one per line.
    pub fn text(&self) -> String {
        // The document part is a JSON object: drop its closing brace and append the lists.
        let inner = self.document[1..self.document.len() - 1].trim();
        // Room for the texts and, per record, the three characters its line gains (records are
        // hundreds of bytes: a sixty-fourth is ample); a short guess costs one reallocation.
        let decoded = self.len();
        let mut text = String::with_capacity(decoded + decoded / 64 + 4096);
        text.push_str("{\n");
        text.push_str(inner);
        let mut first = inner.is_empty();
        for (list, texts) in &self.lists {
            if !first {
                text.push_str(",\n");
            }
            first = false;
            text.push_str(&serde_json::to_string(list).unwrap_or_default());
            text.push_str(": [");
            let records = texts.iter().flat_map(|part| part.lines()).filter(|line| !line.trim().is_empty());
            let mut empty = true;
            for record in records {
                text.push_str(if empty { "\n  " } else { ",\n  " });
                text.push_str(record);
                empty = false;
            }
            text.push_str(if empty { "]" } else { "\n]" });
        }
        text.push_str("\n}\n");
        text
    }
}

/// The dashboard's outline of the stored data ([`crate::outline`]), read from the parts `head`
/// names without reading a record: `None` unless the head is of this build's schema version and
/// names the reference's outline and the outline of every bucket of cooperatives and projects
/// (and no outline without its bucket), each matching its checksum, decoded and read. A head
/// written by a build without outlines, a damaged outline part, an outline of another format:
/// `None`, and the records are read. `get` reads one key.
pub fn read_outline(head: &Head, mut get: impl FnMut(&str) -> Option<String>) -> Option<Dataset> {
    // Data of another schema version is migrated, or refused, by the reading of its records.
    if head.schema_version != SCHEMA_VERSION {
        return None;
    }
    let named = |name: &str| head.parts.iter().find(|part| part.name == name);
    let mut read = |part: &PartRef| -> Option<String> {
        let value = get(&part.key)?;
        if checksum(&value) != part.sum {
            return None;
        }
        decode(&value, document::MAX_BYTES).ok()
    };
    let reference = read(named(OUTLINE_REFERENCE)?)?;
    let mut lists: [Vec<String>; 2] = [Vec::new(), Vec::new()];
    for part in &head.parts {
        let outlined = |name: &str| OUTLINED.iter().position(|list| name.strip_prefix(list).is_some_and(|rest| rest.starts_with('.')));
        if let Some(bucket) = part.name.strip_prefix(OUTLINE_PREFIX).filter(|name| *name != "reference") {
            // An outline names its bucket.
            named(bucket)?;
            let list = outlined(bucket)?;
            lists[list].push(read(part)?);
        } else if outlined(&part.name).is_some() {
            // A bucket has its outline.
            named(&outline_name(&part.name))?;
        }
    }
    let [cooperatives, projects] = lists;
    outline::read(&reference, &cooperatives, &projects).ok()
}

/// Keys of parts that no head names and that can't belong to a save still under way: written
/// at a store revision no later than the head's (a tab saving now writes at a later one).
pub fn leftovers<'k>(head: &Head, keys: impl IntoIterator<Item = &'k str>) -> Vec<String> {
    keys.into_iter()
        .filter(|key| key.starts_with(PART_PREFIX))
        .filter(|key| !head.parts.iter().any(|part| part.key == *key))
        .filter(|key| key[PART_PREFIX.len()..].split('.').next().and_then(|r| r.parse::<u64>().ok()).is_some_and(|revision| revision <= head.revision))
        .map(str::to_owned)
        .collect()
}

/// Above this many records (every list, deleted ones included), the data is more than a tablet
/// handles well: a region (about 17 000) opens in seconds, four regions (68 000) take several
/// times longer and most of a tablet's memory (`BENCHMARKS.md`).
pub const TABLET_RECORDS: usize = 25_000;

/// The share of the quota, in percent, above which the stored data leaves no room for a backup
/// copy of itself beside it (a backup is about as large as the data, and a save briefly holds
/// the new parts beside the old ones), with a margin of a tenth.
pub const NO_ROOM_FOR_BACKUP_PERCENT: usize = 45;

/// Why the data is growing past what this browser handles well; what the interface warns of,
/// with a way forward (export a backup, split the data).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SizeWarning {
    /// The stored data takes so much of the quota that no backup copy fits beside it.
    pub near_quota: bool,
    /// There are more records than a tablet handles well ([`TABLET_RECORDS`]).
    pub many_records: bool,
    /// The share of the quota the stored data takes, in whole percent, rounded up.
    pub percent: usize,
    /// How many records there are.
    pub records: usize,
}

/// Whether stored data of `stored_chars` UTF-16 code units, against a quota of `quota_chars`,
/// holding `records` records, should be warned of (`None`: all is well).
pub fn size_warning(stored_chars: usize, quota_chars: usize, records: usize) -> Option<SizeWarning> {
    let percent = stored_chars.saturating_mul(100).div_ceil(quota_chars.max(1));
    let near_quota = percent > NO_ROOM_FOR_BACKUP_PERCENT;
    let many_records = records > TABLET_RECORDS;
    (near_quota || many_records).then_some(SizeWarning { near_quota, many_records, percent, records })
}

/// How many records a dataset holds, every list and deleted records included.
pub fn record_count(dataset: &Dataset) -> usize {
    dataset.rulebooks().all().len()
        + dataset.cooperatives().all().len()
        + dataset.projects().all().len()
        + dataset.meetings().all().len()
        + dataset.visits().all().len()
        + dataset.stories().all().len()
}

#[cfg(test)]
mod tests;
