//! Keeping the user's data safe around the storage module: what the banners say (not saved,
//! another tab, a new version, undo, export reminders), the recovery and read-only screens, the
//! export that asks whether the file was saved, and the listeners that pick up other tabs'
//! saves and flush on `pagehide`.

mod banners;
mod export;
mod health_panel;
mod recovery;

pub use banners::SafetyBanners;
pub use banners::describe as describe_storage_error;
pub use export::{ExportButton, ExportProgress};
pub use health_panel::HealthPanel;
pub use recovery::Recovery;

use leptos::prelude::*;
use taawun_core::dataset::{Dataset, Edit, EditContext, Rollback};
use taawun_core::record::{Author, Timestamp};

use crate::state::{AppState, Start};
use crate::storage::health::{self, ExportRecord};
use crate::storage::{self, Loaded, RawCopy, StorageError};

/// An action that can be taken back with one click.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undo {
    /// A record was deleted: put it back exactly as it was (core's [`Rollback`], which leaves
    /// no trace of the deletion in its versions or history). Dropped when the data is exported,
    /// since the deletion may then be on another device.
    Restore(Box<Rollback>),
    /// All the data was replaced (an import, a reset, the demo data): put the previous back.
    Replace {
        /// The data as it was, exactly.
        previous: Box<Dataset>,
        /// Whether a copy is also kept in this browser's storage (`taawun.backup`).
        kept: bool,
        /// Whether it was a merge with another device's file (the banner says so).
        merge: bool,
    },
}

/// Something to tell the user once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// The data shown was reloaded with another tab's save.
    UpdatedFromOtherTab,
    /// Another tab removed the stored data.
    ClearedInOtherTab,
}

/// The stored data needed migrating.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    /// The schema version it had.
    pub from: u32,
    /// Whether the original is kept in this browser.
    pub kept: bool,
    /// The original, for a download.
    pub original: Option<RawCopy>,
}

/// The signals behind the safety banners. `Copy`, shared through [`AppState`].
#[derive(Clone, Copy)]
pub struct Safety {
    /// A one-time notice.
    pub notice: RwSignal<Option<Notice>>,
    /// Another tab saved while this one has changes it could not save.
    pub other_tab: RwSignal<bool>,
    /// What one click would take back.
    pub undo: RwSignal<Option<Undo>>,
    /// A new version of the app is installed and waits for the user.
    pub update_ready: RwSignal<bool>,
    /// The stored data was migrated when loaded.
    pub migration: RwSignal<Option<Migration>>,
    /// The last confirmed export and the reminder setting, as stored.
    pub exports: RwSignal<ExportRecord>,
}

impl Safety {
    /// Nothing to say yet.
    pub fn new() -> Safety {
        Safety {
            notice: RwSignal::new(None),
            other_tab: RwSignal::new(false),
            undo: RwSignal::new(None),
            update_ready: RwSignal::new(false),
            migration: RwSignal::new(None),
            exports: RwSignal::new(health::export_record()),
        }
    }

    /// Records what loading found out that the user must hear about.
    pub fn after_load(&self, loaded: &Loaded) {
        let migration =
            loaded.imported.migrated_from.map(|from| Migration { from, kept: loaded.original_kept == Some(true), original: loaded.original_text.clone() });
        self.migration.set(migration);
    }
}

impl Default for Safety {
    fn default() -> Safety {
        Safety::new()
    }
}

/// The author of an edit made by the app on the user's behalf (an undo), now.
fn author(state: &AppState) -> Option<Author> {
    state.author()
}

/// Called by [`AppState::apply`] after a deletion was applied: it can be undone.
pub fn after_delete(state: &AppState, rollback: Option<Rollback>) {
    if let Some(rollback) = rollback {
        state.safety.undo.set(Some(Undo::Restore(Box::new(rollback))));
    }
}

/// Called once the data was handed out as a file: a deletion in it can no longer be taken back
/// without a trace (another device may hold it), so its undo goes.
pub fn after_export(state: &AppState) {
    if matches!(state.safety.undo.get_untracked(), Some(Undo::Restore(_))) {
        state.safety.undo.set(None);
    }
}

/// Called by [`AppState::replace`] before all the data is replaced: a copy of what is there is
/// kept in storage when there is room, and in memory always, for one-click undo.
pub fn before_replace(state: &AppState) {
    keep_previous(state, false);
}

/// Called by [`AppState::merge`] before a merge is written: as for a replacement, the data as
/// it was can be put back with one click.
pub fn before_merge(state: &AppState) {
    keep_previous(state, true);
}

/// Called by [`AppState::apply`] after an edit other than a deletion: putting back all the data
/// as it was before an import or a merge would now drop this edit too, so that undo goes.
pub fn after_other_edit(state: &AppState) {
    if matches!(state.safety.undo.get_untracked(), Some(Undo::Replace { .. })) {
        state.safety.undo.set(None);
    }
}

/// Called by [`AppState::import`] once a spreadsheet import was applied: `previous`, the data
/// as it was, can be put back with one click, as after a replacement.
pub fn after_import(state: &AppState, previous: Dataset) {
    keep(state, previous, false);
}

fn keep_previous(state: &AppState, merge: bool) {
    keep(state, state.dataset.get_untracked(), merge);
}

fn keep(state: &AppState, previous: Dataset, merge: bool) {
    // Any record of any kind is worth an undo (a tablet may hold only meetings); a merge always
    // is, since it is taken back as a whole.
    let records = previous.cooperatives().len()
        + previous.projects().len()
        + previous.rulebooks().len()
        + previous.meetings().len()
        + previous.visits().len()
        + previous.stories().len();
    let worth_keeping = merge || records > 0;
    if !worth_keeping || !matches!(state.start.get_untracked(), Start::Loaded) {
        state.safety.undo.set(None);
        return;
    }
    let kept = storage::keep_backup("replace", &previous).is_ok();
    state.safety.undo.set(Some(Undo::Replace { previous: Box::new(previous), kept, merge }));
}

/// What the writing part is asked to do ([`write`]).
pub enum Write {
    /// Save the dataset ([`save_now`]).
    Save,
    /// Replace all the data, keeping what was there for undo ([`AppState::replace_now`]).
    Replace(Dataset),
    /// Offer the data as a file ([`export_now`]).
    Export,
    /// Offer the data as it was before a replacement, when no copy of it could be kept.
    OfferPrevious(Dataset),
    /// Nothing: only bring the part in.
    Ready,
}

/// What the writing part did.
pub enum Written {
    /// The outcome of a save.
    Saved(Result<(), StorageError>),
    /// The outcome of handing a file to the browser.
    Offered(Result<(), crate::download::DownloadError>),
    /// Done (a replacement saves, and says how through `save_problem`).
    Done,
}

/// The one door into the writing part, fetched on first use with all the code that writes the
/// data: turning records into JSON lines, compressing the parts, the copies kept before a
/// replacement, the exports. None of it is needed to show the stored data, so none of it is in
/// the start download. One lazy function, so one loader: once any call has brought the part in,
/// every later call runs at once (`lazy::run`), and a save stays synchronous. While the app
/// shows the outline of the stored data, anything but `Ready` waits until the records are read
/// (`reading::records`): the outline is never written or exported.
pub async fn write(state: AppState, what: Write) -> Result<Written, crate::lazy::SplitLoaderError> {
    if !matches!(what, Write::Ready) {
        crate::reading::records().await;
    }
    write_part(state, what).await
}

crate::lazy::lazy! { in saving;
    /// [`write`], once the records are here.
    fn write_part(state: AppState, what: Write) -> Written {
        match what {
            Write::Save => Written::Saved(save_now(&state)),
            Write::Replace(dataset) => {
                state.replace_now(dataset);
                Written::Done
            }
            Write::Export => Written::Offered(export_now(&state)),
            Write::OfferPrevious(previous) => {
                let bytes = taawun_core::document::export(&previous);
                Written::Offered(crate::download::offer(&bytes, &format!("taawun-{}-avant.json", crate::download::today()), "application/json"))
            }
            Write::Ready => Written::Done,
        }
    }
}

/// Saves the dataset; when the quota is full and a kept copy takes room, the copy goes (the
/// undo stays in memory, and the banner then offers the previous data as a download) and the
/// save is tried again: the user's current work comes before a copy of older data.
fn save_now(state: &AppState) -> Result<(), StorageError> {
    let result = state.dataset.with_untracked(storage::save);
    if result != Err(StorageError::QuotaExceeded) || !storage::drop_backup() {
        return result;
    }
    state.safety.undo.update(|undo| {
        if let Some(Undo::Replace { kept, .. }) = undo {
            *kept = false;
        }
    });
    state.dataset.with_untracked(storage::save)
}

crate::lazy::lazy! {
    /// `undo`, fetched on first use: it applies an edit, and editing code stays out of the start
    /// download (the dashboard never edits).
    pub fn undo_later(state: AppState) -> () {
        undo(&state)
    }
}

/// Takes back the last undoable action.
pub fn undo(state: &AppState) {
    let Some(undo) = state.safety.undo.get_untracked() else { return };
    match undo {
        Undo::Restore(rollback) => {
            let Some(author) = author(state) else { return };
            // Bringing back what was there is recorded data, not a new entry: findings are
            // reported, never a reason to refuse.
            let context = EditContext::recorded(author);
            let mut applied = false;
            state.dataset.update(|dataset| {
                if let Ok(done) = dataset.apply(Edit::Rollback(rollback), &context) {
                    state.tally_after(dataset, &done);
                    applied = true;
                }
            });
            if applied {
                state.save();
            }
        }
        Undo::Replace { previous, .. } => {
            let mut replaced = None;
            state.dataset.update(|current| replaced = Some(std::mem::replace(current, *previous)));
            state.forget_tally();
            if let Some(replaced) = replaced {
                storage::replaced(replaced);
            }
            state.start.set(Start::Loaded);
            state.save();
        }
    }
    state.safety.undo.set(None);
}

/// Offers the current data as a JSON file; `Ok` once the browser was handed the file.
pub fn export_now(state: &AppState) -> Result<(), crate::download::DownloadError> {
    let bytes = state.dataset.with_untracked(export_bytes);
    crate::download::offer(&bytes, &format!("taawun-{}.json", crate::download::today()), "application/json")?;
    after_export(state);
    Ok(())
}

/// The file an export writes: the document with the photos its stories show. The photos live
/// under keys of their own, so the file must carry them for an export and an import to keep them.
pub fn export_bytes(dataset: &taawun_core::dataset::Dataset) -> Vec<u8> {
    let photos = storage::photos::load_all(taawun_core::story::photos_in_use(dataset));
    taawun_core::document::export_with_photos(dataset, &photos)
}

/// Offers stored text as found.
pub fn offer_raw(raw: &RawCopy) -> Result<(), crate::download::DownloadError> {
    crate::download::offer(raw.text.as_bytes(), &raw.name, "application/json")
}

/// Reloads the data another tab saved, unless this tab holds changes it could not save, in
/// which case it says so and writes nothing.
fn pick_up_other_tabs(state: &AppState) {
    if storage::is_held() || storage::stored_revision() == storage::loaded_revision() {
        return;
    }
    let unsaved = state.save_problem.get_untracked().is_some();
    if unsaved {
        state.safety.other_tab.set(true);
        return;
    }
    let state = *state;
    match storage::read_stored() {
        storage::Reading::Done(outcome) => take_other_tabs(&state, outcome),
        storage::Reading::Later(later) => leptos::task::spawn_local(async move { take_other_tabs(&state, later.finish().await) }),
    }
}

/// Shows what another tab saved, once read.
fn take_other_tabs(state: &AppState, outcome: Result<Option<storage::Loaded>, storage::LoadProblem>) {
    match outcome {
        Ok(Some(loaded)) => {
            state.safety.after_load(&loaded);
            state.dataset.set(loaded.imported.dataset);
            state.forget_tally();
            state.start.set(Start::Loaded);
            state.safety.notice.set(Some(Notice::UpdatedFromOtherTab));
        }
        Ok(None) => {
            state.dataset.set(crate::state::no_data());
            state.forget_tally();
            state.start.set(Start::FirstVisit);
            state.safety.notice.set(Some(Notice::ClearedInOtherTab));
        }
        Err(problem) => state.start.set(Start::Unreadable(problem)),
    }
    state.safety.undo.set(None);
}

/// Tries again a save that failed, e.g. when the page is hidden or closed; never after a
/// conflict or while saving is held, where writing would be wrong.
fn flush(state: &AppState) {
    let retry = matches!(
        state.save_problem.get_untracked(),
        Some(StorageError::QuotaExceeded | StorageError::ReadBack { .. } | StorageError::Other(_) | StorageError::WriterUnavailable)
    );
    if retry {
        state.save();
    }
}

/// The html element's `data-update` attribute, set by `main.js` when a new version waits.
const UPDATE_ATTRIBUTE: &str = "data-update";

fn update_waiting() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|html| html.get_attribute(UPDATE_ATTRIBUTE))
        .is_some_and(|value| value == "ready")
}

/// Asks `main.js` to switch to the waiting version (it reloads the page once it has).
pub fn apply_update() {
    if let Some(window) = web_sys::window()
        && let Ok(event) = web_sys::Event::new("taawun-update-apply")
    {
        let _ = window.dispatch_event(&event);
    }
}

/// Installs the listeners: other tabs' saves (`storage` event, focus, the page shown again),
/// flushing when the page is hidden or left, and a new version waiting.
pub fn watch(state: AppState) {
    let storage_listener = window_event_listener_untyped("storage", move |event| {
        let key = js_sys::Reflect::get(&event, &"key".into()).ok().and_then(|k| k.as_string());
        if key.is_none() || key.as_deref() == Some(taawun_core::storage_layout::HEAD_KEY) {
            pick_up_other_tabs(&state);
        }
    });
    let focus_listener = window_event_listener_untyped("focus", move |_| pick_up_other_tabs(&state));
    let visibility_listener = window_event_listener_untyped("visibilitychange", move |_| {
        let hidden = web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden());
        if hidden { flush(&state) } else { pick_up_other_tabs(&state) }
    });
    let pagehide_listener = window_event_listener_untyped("pagehide", move |_| flush(&state));
    let update_listener = window_event_listener_untyped("taawun-update-ready", move |_| state.safety.update_ready.set(true));
    if update_waiting() {
        state.safety.update_ready.set(true);
    }
    // The export reminder of a browser that never exported counts from its first day with data.
    Effect::new(move |_| {
        let has_data = state.dataset.with(|d| d.cooperatives().len() + d.projects().len() > 0);
        let record = state.safety.exports.get();
        if has_data && record.since.is_none() && record.last_export.is_none() {
            let started = ExportRecord { since: Timestamp::from_millis(js_sys::Date::now() as i64), ..record };
            let _ = health::save_export_record(&started);
            state.safety.exports.set(started);
        }
    });
    on_cleanup(move || {
        storage_listener.remove();
        focus_listener.remove();
        visibility_listener.remove();
        pagehide_listener.remove();
        update_listener.remove();
    });
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
