//! The only code that touches the browser's localStorage; every failure is a value, never a panic.
//!
//! The dataset is stored in the layout core decides (`taawun_core::storage_layout`: a head naming
//! copy-on-write parts, one bucket of records each); this module carries it out against the
//! browser: it writes new parts, reads each back and compares, checks that no other tab saved
//! since this one loaded, commits by writing the head, then removes what the head no longer
//! names. A save that fails on the way removes what it wrote, so the stored data is exactly as
//! before. Other keys: `taawun.lang`, `taawun.user`, `taawun.device`, `taawun.device_name` (this profile's preferences),
//! `taawun.backup` (the copy kept before a migration or a replacing action) and `taawun.health`
//! (the date of the last export and the reminder setting), `taawun.publisher` (the open-data
//! publisher settings, `publisher.rs`), `taawun.glance` (the home page as last drawn, shown
//! at the next start while the app's code arrives, `glance.rs`). The stories' photos each have their own key
//! (`photos.rs`), outside the stored document; exports carry them.

mod classify;
pub mod glance;
pub mod health;
pub mod photos;
pub mod publisher;

use std::cell::RefCell;

use taawun_core::Lang;
use taawun_core::dataset::Dataset;
use taawun_core::document::{self, ImportError, Imported};
use taawun_core::id::Id;
use taawun_core::record::Timestamp;
use taawun_core::storage_layout::{self as layout, Conflict, Fingerprints, Head, ReadError};

use crate::lazy::lazy;

pub use classify::classify;

const LANG_KEY: &str = "taawun.lang";
const USER_KEY: &str = "taawun.user";
const DEVICE_KEY: &str = "taawun.device";
/// Followed by `.cooperatives` or `.projects`: the spreadsheet column mapping last confirmed.
const SHEET_MAPPING_KEY: &str = "taawun.sheet-mapping";
const DEVICE_NAME_KEY: &str = "taawun.device_name";
/// The copy of the data kept before a migration or an action that replaces everything.
pub const BACKUP_KEY: &str = "taawun.backup";

/// Why writing the stored data failed. The data in memory is untouched by any of these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// localStorage is missing or access to it throws (private mode, storage disabled).
    Unavailable,
    /// The browser refused the write because the site's quota is full.
    QuotaExceeded,
    /// Another tab saved since this one loaded: writing now would lose what it saved.
    Conflict(Conflict),
    /// A value read back right after writing it differs from what was written.
    ReadBack {
        /// The key concerned.
        key: String,
    },
    /// Saving is off: the stored data could not be read, or comes from a newer version, or its
    /// original has not been kept yet; it is never written over until the user decides.
    Held,
    /// The part of the app that writes the data (`safety::write`, fetched on first use)
    /// could not be fetched: nothing was written.
    WriterUnavailable,
    /// Any other failure, with what the browser said.
    Other(String),
}

/// Why the stored data was not loaded. Nothing has been written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadProblem {
    /// localStorage cannot be used at all: the app works in memory only.
    Unavailable,
    /// The stored values could not be put back together (head or part damaged or missing).
    Layout {
        /// What was wrong, with the key.
        error: ReadError,
        /// Every stored value, to offer as a download.
        raw: RawCopy,
    },
    /// The stored document was put back together but import refused it (with paths).
    Document {
        /// What import said.
        error: ImportError,
        /// The document's text, to offer as a download.
        raw: RawCopy,
    },
    /// The stored document needs the full reading (it is older, or the one-pass reading did not
    /// take it), whose code could not be fetched (offline before it was ever cached): nothing is
    /// written until it can be read.
    ReaderUnavailable {
        /// The document's text, to offer as a download.
        raw: RawCopy,
    },
    /// The stored data comes from a newer version of the app: read-only, never rewritten.
    Newer {
        /// What was newer (layout or schema version), and how far.
        found: u64,
        /// The newest this build reads.
        supported: u32,
        /// The stored text, to offer as a download.
        raw: RawCopy,
    },
}

impl LoadProblem {
    /// The stored text to offer as a download, when there is one.
    pub fn raw(&self) -> Option<&RawCopy> {
        match self {
            LoadProblem::Unavailable => None,
            LoadProblem::Layout { raw, .. } | LoadProblem::Document { raw, .. } | LoadProblem::ReaderUnavailable { raw } | LoadProblem::Newer { raw, .. } => {
                Some(raw)
            }
        }
    }
}

/// Stored text as found, for a download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawCopy {
    /// A file name for it.
    pub name: String,
    /// The text.
    pub text: String,
}

/// The stored data, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// The dataset, and the version it was migrated from.
    pub imported: Imported,
    /// The store revision read.
    pub revision: u64,
    /// When the data needed migrating: whether its original is kept in `taawun.backup`.
    /// `Some(false)` means there was no room: saving is held until the user has downloaded it
    /// (`original_text`) and called [`release`].
    pub original_kept: Option<bool>,
    /// The original text when it needed migrating, for a download.
    pub original_text: Option<RawCopy>,
    /// UTF-16 code units of the stored parts.
    pub stored_chars: usize,
    /// The fingerprints of what was read, against which the next save writes only what changed
    /// (`None`: it writes every part, as after a migration).
    pub saved: Option<Fingerprints>,
}

/// What this tab knows of the store.
struct Session {
    /// This tab's id in part keys.
    writer: String,
    /// The store revision this tab last read or wrote (`None`: nothing was stored).
    revision: Option<u64>,
    /// Fingerprints of the stored parts, as last read or written by this tab (no copy of the
    /// dataset); `None` makes the next save write every part.
    saved: Option<Fingerprints>,
    /// The data that all the data replaced since the last save, to compare the next save with
    /// record by record: a replacing dataset's records may differ from the stored ones without
    /// their revisions saying so.
    replaced_from: Option<Dataset>,
    /// Saving is held (recovery, read-only, original not kept).
    held: bool,
    /// UTF-16 code units of the stored parts, as last read or written by this tab.
    stored_chars: usize,
    /// The user chose to replace stored data that could not be read: the next save writes over
    /// an unreadable head and removes every part its head does not name.
    overwrite: bool,
}

thread_local! {
    static SESSION: RefCell<Session> = RefCell::new(Session {
        writer: new_id().map(|id| id.to_string()[..8].to_owned()).unwrap_or_else(|| "00000000".to_owned()),
        revision: None,
        saved: None,
        replaced_from: None,
        held: false,
        stored_chars: 0,
        overwrite: false,
    });
}

fn local_storage() -> Result<web_sys::Storage, StorageError> {
    let window = web_sys::window().ok_or(StorageError::Unavailable)?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        _ => Err(StorageError::Unavailable),
    }
}

fn read(key: &str) -> Result<Option<String>, StorageError> {
    local_storage()?.get_item(key).map_err(|_| StorageError::Unavailable)
}

/// Writes `value` under `key`, then reads it back to be sure the browser kept what was written.
fn write_checked(storage: &web_sys::Storage, key: &str, value: &str) -> Result<(), StorageError> {
    storage.set_item(key, value).map_err(|e| classify(&e))?;
    match storage.get_item(key) {
        Ok(Some(back)) if back == value => Ok(()),
        _ => Err(StorageError::ReadBack { key: key.to_owned() }),
    }
}

fn write(key: &str, text: &str) -> Result<(), StorageError> {
    write_checked(&local_storage()?, key, text)
}

fn now() -> Timestamp {
    Timestamp::from_millis(js_sys::Date::now() as i64).unwrap_or(Timestamp::EPOCH)
}

/// Every `taawun.` key now stored.
fn keys(storage: &web_sys::Storage) -> Vec<String> {
    let count = storage.length().unwrap_or(0);
    (0..count).filter_map(|index| storage.key(index).ok().flatten()).filter(|key| key.starts_with(layout::PREFIX)).collect()
}

/// Every stored `taawun.` value, as one JSON object: what a damaged store is offered as.
fn dump(storage: &web_sys::Storage) -> RawCopy {
    let keys = keys(storage);
    // Written by hand, one key per line: strings only, so no JSON value type is needed.
    let mut text = String::from("{");
    for (index, key) in keys.iter().enumerate() {
        let value = storage.get_item(key).ok().flatten().unwrap_or_default();
        text.push_str(if index == 0 { "\n  " } else { ",\n  " });
        text.push_str(&serde_json::to_string(key).unwrap_or_default());
        text.push_str(": ");
        text.push_str(&serde_json::to_string(&value).unwrap_or_default());
    }
    text.push_str("\n}\n");
    RawCopy { name: "taawun-stored-values.json".to_owned(), text }
}

/// What looking at the store at once gave: the outcome, or stored data whose records are read
/// by code fetched on first use ([`Later::finish`]).
// Made once per reading of the store and taken apart at once: not worth a box.
#[allow(clippy::large_enum_variant)]
pub enum Reading {
    /// Found empty, or unusable before any record is read.
    Done(Result<Option<Loaded>, LoadProblem>),
    /// Stored data: its records are read by the part `reading` (the one-pass reading of the
    /// parts), and, when that reading does not take them, by the full reading (part
    /// `full_reading`).
    Later(Later),
}

/// Stored data waiting for its records to be read.
pub struct Later(());

/// What a start found: the store read, or the dashboard's outline of it ([`read_start`]).
// Made once per start and taken apart at once: not worth a box.
#[allow(clippy::large_enum_variant)]
pub enum Opening {
    /// Nothing to show before the records are read (nothing stored, no outline, a problem).
    Read(Reading),
    /// The outline of the stored data ([`taawun_core::outline`]): the dashboard can be drawn
    /// from it; the records are read next ([`Later::finish`]) and replace it.
    Outline(Dataset, Later),
}

/// What a start reads before the app mounts: the head, and the dashboard's outline of the
/// stored data when the head names a whole one (`storage_layout::read_outline`); no record, and
/// none of the code that reads records. Until the records are read saving is held, so the
/// outline can never be written over the data it outlines.
pub fn read_start() -> Opening {
    if let Ok(storage) = local_storage()
        && let Ok(Some(text)) = storage.get_item(layout::HEAD_KEY)
        && let Ok(head) = layout::read_head(&text)
        && let Some(outline) = layout::read_outline(&head, |key| storage.get_item(key).ok().flatten())
    {
        crate::marks::mark("taawun:outlined");
        SESSION.with_borrow_mut(|session| {
            session.revision = Some(head.revision);
            session.stored_chars = head.chars();
            session.saved = None;
            session.replaced_from = None;
            session.held = true;
        });
        return Opening::Outline(outline, Later(()));
    }
    Opening::Read(read_stored())
}

lazy! { in reading;
    /// The reading of the stored records, fetched on first use: the parts decoded and read in
    /// one pass (`taawun_read::import_fast`, compiled for speed), or the document put together
    /// for the full reading when that pass does not take it. Not in the start download: a start
    /// draws the dashboard from the outline first.
    fn read_records() -> Result<Stored, LoadProblem> {
        match local_storage() {
            Ok(storage) => read_store(&storage),
            Err(_) => Err(LoadProblem::Unavailable),
        }
    }
}

impl Later {
    /// Reads the records (fetching the code the first time) and settles the outcome.
    pub async fn finish(self) -> Result<Option<Loaded>, LoadProblem> {
        match read_records().await {
            Ok(Ok(Stored::Read(loaded))) => settle(Ok(loaded)),
            Ok(Ok(Stored::Full(full))) => full.finish().await,
            Ok(Err(problem)) => settle(Err(problem)),
            Err(_) => settle(Err(unreachable_reader())),
        }
    }

    /// The problem to report when the records cannot be read here.
    #[cfg(not(test))]
    pub fn unread(self) -> LoadProblem {
        settle(Err(unreachable_reader())).err().unwrap_or(LoadProblem::Unavailable)
    }
}

/// The code that reads records could not be fetched: the stored values are offered as found.
fn unreachable_reader() -> LoadProblem {
    match local_storage() {
        Ok(storage) => LoadProblem::ReaderUnavailable { raw: dump(&storage) },
        Err(_) => LoadProblem::Unavailable,
    }
}

/// A stored document waiting for the full reading.
pub struct FullReading {
    text: String,
    revision: u64,
    stored_chars: usize,
}

lazy! {
    /// The full reading of a stored document: the JSON tree, the migrations of older versions and
    /// the reader that names every error's path, then the copy of a migrated original. Its code
    /// is fetched only when a stored document needs it (an older version, or one the one-pass
    /// reading refused).
    fn full_reading(text: String, revision: u64, stored_chars: usize) -> Result<Loaded, LoadProblem> {
        let outcome = document::import_slow(text.as_bytes(), layout::MAX_STORED_BYTES);
        match local_storage() {
            Ok(storage) => imported(&storage, outcome, text, revision, stored_chars),
            Err(_) => Err(LoadProblem::Unavailable),
        }
    }
}

/// Looks at the store: `Ok(None)` when nothing is stored (a first visit); stored data comes
/// back as [`Reading::Later`], its records read by code fetched on first use.
///
/// Nothing is written here. When the data can't be read, or is newer, saving is held: the
/// stored values stay exactly as they are until the user decides ([`release`]).
pub fn read_stored() -> Reading {
    // Without storage the session is left as it is: nothing can be saved anyway.
    let Ok(storage) = local_storage() else {
        return Reading::Done(Err(LoadProblem::Unavailable));
    };
    match storage.get_item(layout::HEAD_KEY) {
        Ok(None) => Reading::Done(settle(Ok(None))),
        Ok(Some(_)) => Reading::Later(Later(())),
        Err(_) => Reading::Done(settle(Err(LoadProblem::Unavailable))),
    }
}

/// Reads the stored dataset, with the full reading when the one-pass reading does not take it
/// (see [`read_stored`]).
#[cfg(test)]
pub async fn load() -> Result<Option<Loaded>, LoadProblem> {
    match read_stored() {
        Reading::Done(outcome) => outcome,
        Reading::Later(later) => later.finish().await,
    }
}

impl FullReading {
    /// Runs the full reading (fetching its code the first time) and settles the outcome.
    pub async fn finish(self) -> Result<Option<Loaded>, LoadProblem> {
        let FullReading { text, revision, stored_chars } = self;
        let raw = document_copy(&text);
        match full_reading(text, revision, stored_chars).await {
            Ok(result) => settle(result.map(Some)),
            Err(_) => settle(Err(LoadProblem::ReaderUnavailable { raw })),
        }
    }
}

/// [`load`] at once: in the tests' build, which is not split, the full reading never waits.
#[cfg(test)]
pub fn load_now() -> Result<Option<Loaded>, LoadProblem> {
    let mut loading = std::pin::pin!(load());
    match loading.as_mut().poll(&mut std::task::Context::from_waker(std::task::Waker::noop())) {
        std::task::Poll::Ready(outcome) => outcome,
        std::task::Poll::Pending => panic!("the full reading waited in an unsplit build"),
    }
}

/// Notes in this tab's session what was read, and returns it.
fn settle(outcome: Result<Option<Loaded>, LoadProblem>) -> Result<Option<Loaded>, LoadProblem> {
    SESSION.with_borrow_mut(|session| match &outcome {
        Ok(None) => {
            session.revision = None;
            session.saved = None;
            session.replaced_from = None;
            session.held = false;
            session.stored_chars = 0;
        }
        Ok(Some(loaded)) => {
            session.revision = Some(loaded.revision);
            session.stored_chars = loaded.stored_chars;
            session.replaced_from = None;
            session.saved = loaded.saved.clone();
            session.held = loaded.original_kept == Some(false);
        }
        Err(_) => session.held = true,
    });
    outcome
}

/// What the store held, read at once or waiting for the full reading.
#[allow(clippy::large_enum_variant)] // as `Opening`
enum Stored {
    Read(Option<Loaded>),
    Full(FullReading),
}

fn document_copy(text: &str) -> RawCopy {
    RawCopy { name: "taawun-stored-document.json".to_owned(), text: text.to_owned() }
}

fn read_store(storage: &web_sys::Storage) -> Result<Stored, LoadProblem> {
    let Some(head_text) = storage.get_item(layout::HEAD_KEY).map_err(|_| LoadProblem::Unavailable)? else {
        return Ok(Stored::Read(None));
    };
    let head = match layout::read_head(&head_text) {
        Ok(head) => head,
        Err(ReadError::NewerLayout { found, supported }) => return Err(LoadProblem::Newer { found, supported, raw: dump(storage) }),
        Err(error) => return Err(LoadProblem::Layout { error, raw: dump(storage) }),
    };
    let decoded = layout::decode_parts(&head, |key| storage.get_item(key).ok().flatten()).map_err(|error| LoadProblem::Layout { error, raw: dump(storage) })?;
    crate::marks::mark("taawun:decoded");
    if decoded.len() > layout::MAX_STORED_BYTES {
        let text = decoded.text();
        let error = ImportError::TooLarge { size: text.len(), limit: layout::MAX_STORED_BYTES };
        return Err(LoadProblem::Document { error, raw: document_copy(&text) });
    }
    // The parts read as they are, in one pass; the document they make is put together only for
    // the full reading.
    let read = taawun_read::import_fast(&decoded);
    crate::marks::mark("taawun:imported");
    match read {
        Some(read) => {
            // Taken from the parts as read: writing the document out again to take its digest
            // would bring the writing code into the start download.
            let saved = Some(decoded.fingerprints(&read.dataset));
            Ok(Stored::Read(Some(Loaded {
                imported: read,
                revision: head.revision,
                original_kept: None,
                original_text: None,
                stored_chars: head.chars(),
                saved,
            })))
        }
        None => {
            // Not read in one pass: a part whose lines are not JSON is named before anything else.
            if let Err(error) = layout::assemble(&head, |key| storage.get_item(key).ok().flatten()) {
                return Err(LoadProblem::Layout { error, raw: dump(storage) });
            }
            Ok(Stored::Full(FullReading { text: decoded.text(), revision: head.revision, stored_chars: head.chars() }))
        }
    }
}

/// The outcome of a document reading, with the original kept when it was migrated.
fn imported(
    storage: &web_sys::Storage,
    outcome: Result<Imported, ImportError>,
    text: String,
    revision: u64,
    stored_chars: usize,
) -> Result<Loaded, LoadProblem> {
    match outcome {
        Ok(imported) => {
            let migrating = imported.migrated_from.is_some();
            let original_kept = migrating.then(|| keep_copy(storage, "migration", &text).is_ok());
            let original_text = migrating.then(|| document_copy(&text));
            // A migrated document is written whole at the next save.
            let saved = (!migrating).then(|| layout::fingerprints(&imported.dataset));
            Ok(Loaded { imported, revision, original_kept, original_text, stored_chars, saved })
        }
        Err(ImportError::NewerVersion { found, supported }) => Err(LoadProblem::Newer { found, supported, raw: document_copy(&text) }),
        Err(error) => Err(LoadProblem::Document { error, raw: document_copy(&text) }),
    }
}

/// Lifts a hold on saving: the user has decided (downloaded the original, or chosen to start
/// again). The next save writes every part over whatever is stored, a damaged head included.
pub fn release() {
    let stored = read_head_now().ok().flatten().map(|head| head.revision);
    SESSION.with_borrow_mut(|session| {
        session.held = false;
        session.saved = None;
        session.replaced_from = None;
        session.revision = stored;
        session.overwrite = true;
    });
}

/// Whether saving is held (see [`StorageError::Held`]).
pub fn is_held() -> bool {
    SESSION.with_borrow(|session| session.held)
}

/// UTF-16 code units of the stored data (its parts), as this tab last read or wrote it; 0 when
/// nothing was read or written yet.
pub fn stored_chars() -> usize {
    SESSION.with_borrow(|session| session.stored_chars)
}

/// The store revision this tab last read or wrote.
pub fn loaded_revision() -> Option<u64> {
    SESSION.with_borrow(|session| session.revision)
}

fn read_head_now() -> Result<Option<Head>, StorageError> {
    match read(layout::HEAD_KEY)? {
        None => Ok(None),
        Some(text) => layout::read_head(&text).map(Some).map_err(|e| StorageError::Other(e.to_string())),
    }
}

/// The store revision stored now, as the head says (`None` when nothing is stored or the head
/// can't be read): what other tabs compare with [`loaded_revision`].
pub fn stored_revision() -> Option<u64> {
    read_head_now().ok().flatten().map(|head| head.revision)
}

/// Writes the dataset: only the parts that changed since this tab last read or wrote, then the
/// head. Refused, with nothing written, when another tab saved since this one loaded.
///
/// Called only from the writing part (`safety::write`): a call from code the start runs would
/// bring the serialiser and deflate back into the start download (CI's budget would catch it).
pub fn save(dataset: &Dataset) -> Result<(), StorageError> {
    if is_held() {
        return Err(StorageError::Held);
    }
    let storage = local_storage()?;
    let (loaded, writer, overwrite) = SESSION.with_borrow(|session| (session.revision, session.writer.clone(), session.overwrite));
    let stored = match storage.get_item(layout::HEAD_KEY).map_err(|_| StorageError::Unavailable)? {
        None => None,
        // A head that can't be read is never written over, unless the user chose to.
        Some(text) => match layout::read_head(&text) {
            Ok(head) => Some(head),
            Err(_) if overwrite => None,
            Err(error) => return Err(StorageError::Other(error.to_string())),
        },
    };
    layout::check_revision(loaded, stored.as_ref()).map_err(StorageError::Conflict)?;
    let (parts, fingerprints) = SESSION.with_borrow(|session| match &session.replaced_from {
        // What replaced the data is compared record by record with what it replaced, if that is
        // what is stored; otherwise every part is written.
        Some(previous) if session.saved.as_ref() == Some(&layout::fingerprints(previous)) => {
            (layout::changed_parts(Some(previous), dataset), layout::fingerprints(dataset))
        }
        Some(_) => layout::changed_since(None, dataset),
        None => layout::changed_since(session.saved.as_ref(), dataset),
    });
    let plan = layout::plan_save(stored.as_ref(), &parts, &writer, now());

    let mut written: Vec<&str> = Vec::with_capacity(plan.writes.len());
    let undo = |written: &[&str]| {
        for key in written {
            let _ = storage.remove_item(key);
        }
    };
    for (key, value) in &plan.writes {
        written.push(key);
        if let Err(error) = write_checked(&storage, key, value) {
            undo(&written);
            return Err(error);
        }
    }
    // Another tab may have committed while the parts were written: look again just before.
    let again = storage.get_item(layout::HEAD_KEY).ok().flatten().and_then(|text| layout::read_head(&text).ok());
    if let Err(conflict) = layout::check_revision(loaded, again.as_ref()).or_else(|c| if overwrite && again.is_none() { Ok(()) } else { Err(c) }) {
        undo(&written);
        return Err(StorageError::Conflict(conflict));
    }
    let head = plan.head.to_value();
    // The glance shows the data as it was: it goes before the head changes.
    glance::forget();
    if let Err(error) = storage.set_item(layout::HEAD_KEY, &head) {
        undo(&written);
        return Err(classify(&error));
    }
    match storage.get_item(layout::HEAD_KEY) {
        Ok(Some(back)) if back == head => {}
        _ => return Err(StorageError::ReadBack { key: layout::HEAD_KEY.to_owned() }),
    }
    SESSION.with_borrow_mut(|session| {
        session.revision = Some(plan.head.revision);
        session.saved = Some(fingerprints);
        session.replaced_from = None;
        session.stored_chars = plan.head.chars();
        session.overwrite = false;
    });
    for key in &plan.obsolete {
        let _ = storage.remove_item(key);
    }
    let stored_keys = keys(&storage);
    let leftovers: Vec<String> = if overwrite {
        // What the user chose to replace: every part the new head does not name.
        stored_keys.into_iter().filter(|key| key.starts_with(layout::PART_PREFIX) && !plan.head.parts.iter().any(|p| &p.key == key)).collect()
    } else {
        layout::leftovers(&plan.head, stored_keys.iter().map(String::as_str))
    };
    for key in leftovers {
        let _ = storage.remove_item(&key);
    }
    Ok(())
}

/// Keeps `text` (a whole document) as the copy made before a migration or an action that
/// replaces everything; fails (quota) rather than write part of it.
fn keep_copy(storage: &web_sys::Storage, reason: &str, text: &str) -> Result<(), StorageError> {
    let value = format!("{reason}\n{}\n{}", now(), layout::encode(text));
    if let Err(error) = write_checked(storage, BACKUP_KEY, &value) {
        let _ = storage.remove_item(BACKUP_KEY);
        return Err(error);
    }
    Ok(())
}

/// Keeps a copy of `dataset` before an action that replaces it (a replacing import, a reset).
/// On failure (no room) the caller offers the copy as a download instead.
pub fn keep_backup(reason: &str, dataset: &Dataset) -> Result<(), StorageError> {
    let text = String::from_utf8(document::export(dataset)).map_err(|e| StorageError::Other(e.to_string()))?;
    keep_copy(&local_storage()?, reason, &text)
}

/// Removes the kept copy to make room; `true` if there was one.
pub fn drop_backup() -> bool {
    let Ok(storage) = local_storage() else { return false };
    let present = storage.get_item(BACKUP_KEY).ok().flatten().is_some();
    present && storage.remove_item(BACKUP_KEY).is_ok()
}

/// The copy kept last: why, when, and the document's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    /// `migration`, `import`, `reset`.
    pub reason: String,
    /// When it was kept.
    pub kept_at: String,
    /// The document.
    pub text: String,
}

/// Reads the copy kept last, if there is a readable one.
pub fn backup() -> Option<Backup> {
    let value = read(BACKUP_KEY).ok().flatten()?;
    let mut lines = value.splitn(3, '\n');
    let reason = lines.next()?.to_owned();
    let kept_at = lines.next()?.to_owned();
    let text = layout::decode(lines.next()?, document::MAX_BYTES).ok()?;
    Some(Backup { reason, kept_at, text })
}

/// The language the user chose on this browser, if any.
pub fn load_lang() -> Option<Lang> {
    match read(LANG_KEY).ok().flatten()?.as_str() {
        "ar" => Some(Lang::Ar),
        "fr" => Some(Lang::Fr),
        _ => None,
    }
}

/// Remembers the chosen language.
pub fn save_lang(lang: Lang) -> Result<(), StorageError> {
    write(LANG_KEY, lang.code())
}

/// The name the user gave, recorded with each change ("" until given).
pub fn load_user() -> String {
    read(USER_KEY).ok().flatten().unwrap_or_default()
}

/// Remembers the user's name.
pub fn save_user(name: &str) -> Result<(), StorageError> {
    write(USER_KEY, name)
}

/// The column mapping remembered for spreadsheets of `kind` (`cooperatives`, `projects`), as the
/// spreadsheet module wrote it (JSON, opaque here); `None` when there is none or storage fails.
pub fn load_sheet_mapping(kind: &str) -> Option<String> {
    read(&format!("{SHEET_MAPPING_KEY}.{kind}")).ok().flatten()
}

/// Remembers the column mapping the user confirmed for spreadsheets of `kind`, on this device.
pub fn save_sheet_mapping(kind: &str, mapping: &str) -> Result<(), StorageError> {
    write(&format!("{SHEET_MAPPING_KEY}.{kind}"), mapping)
}

/// The name the user gave this device ("Tablette 2"), recorded with each change ("" until given).
pub fn load_device_name() -> String {
    read(DEVICE_NAME_KEY).ok().flatten().unwrap_or_default()
}

/// Remembers the device's name.
pub fn save_device_name(name: &str) -> Result<(), StorageError> {
    write(DEVICE_NAME_KEY, name)
}

/// The id of this browser profile, created and stored on first use; `None` when neither storage
/// nor the random generator works (edits are then impossible and the interface says so).
pub fn device_id() -> Option<Id> {
    if let Some(id) = read(DEVICE_KEY).ok().flatten().and_then(|text| Id::parse(&text).ok()) {
        return Some(id);
    }
    let id = new_id()?;
    // A device id that cannot be stored still serves this session.
    let _ = write(DEVICE_KEY, &id.to_string());
    Some(id)
}

/// A new random 128-bit id from the browser's cryptographic generator.
pub fn new_id() -> Option<Id> {
    let crypto = web_sys::window()?.crypto().ok()?;
    let mut bytes = [0u8; 16];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(Id::from_u128(u128::from_be_bytes(bytes)))
}

/// Tells the next save that all the data was replaced (an import, the demo, a reset, an undone
/// replacement) and what it replaced: the replacing records may differ from the stored ones
/// without their revisions saying so, so that save compares them record by record with
/// `previous` (or writes every part when `previous` is not what is stored).
pub fn replaced(previous: Dataset) {
    SESSION.with_borrow_mut(|session| {
        // A replacement not saved yet: the stored data is still what the first one replaced.
        if session.replaced_from.is_none() {
            session.replaced_from = Some(previous);
        }
    });
}

/// Forgets what this tab knew of the store, as a fresh page would (for tests).
#[cfg(all(test, target_arch = "wasm32"))]
pub(crate) fn forget_session() {
    SESSION.with_borrow_mut(|session| {
        session.revision = None;
        session.saved = None;
        session.replaced_from = None;
        session.held = false;
        session.stored_chars = 0;
        session.overwrite = false;
    });
}

#[cfg(all(test, target_arch = "wasm32"))]
pub(crate) mod tests;
