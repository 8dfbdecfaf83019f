//! The app's state: the dataset, the language, who edits on which device, and the one way the
//! interface changes data (`AppState::apply`, which calls `Dataset::apply`, then saves); beside
//! the dataset, the dashboard's running tally (core's `stats::Tally`), kept in step with it.

use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::dataset::{Applied, Dataset, Edit, EditContext, Refused};
use taawun_core::document::JsonPath;
use taawun_core::finding::{Code, Finding, Level, Text};
use taawun_core::id::Id;
use taawun_core::merge::{self, MergeError, MergePlan, MergeReport};
use taawun_core::record::{Author, Timestamp};
use taawun_core::reference::ReferenceData;
use taawun_core::stats::Tally;

use crate::i18n::{Label, t};
use crate::safety::{self, Safety};
use crate::storage::{self, LoadProblem, StorageError};

/// What the start read from the store.
// Made once per start and taken apart at once: not worth a box.
#[allow(clippy::large_enum_variant)]
pub enum Opened {
    /// The stored data, or why there is none.
    Read(Result<Option<storage::Loaded>, LoadProblem>),
    /// The dashboard's outline of the stored data; its records are read once the app is mounted
    /// (`reading::finish`).
    Outline(Dataset, storage::Later),
}

thread_local! {
    /// What the start read from the store (`hand_over`), for the app to take when it mounts.
    static READ_AT_START: std::cell::Cell<Option<Opened>> = const { std::cell::Cell::new(None) };
}

/// Gives the app what the start read from the store, before it mounts.
pub fn hand_over(opened: Opened) {
    READ_AT_START.set(Some(opened));
}

/// The store read now, when the app mounts without what the start read (the tests mount it).
fn read_now() -> Opened {
    #[cfg(test)]
    return Opened::Read(storage::load_now());
    #[cfg(not(test))]
    match storage::read_start() {
        storage::Opening::Outline(outline, later) => Opened::Outline(outline, later),
        storage::Opening::Read(storage::Reading::Done(outcome)) => Opened::Read(outcome),
        storage::Opening::Read(storage::Reading::Later(later)) => Opened::Read(Err(later.unread())),
    }
}

/// Where the app stands with its stored data at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    /// Nothing is stored: the first visit asks whether to start empty or with the demo data.
    FirstVisit,
    /// The stored data was read.
    Loaded,
    /// The stored data could not be read, or comes from a newer version: it stays untouched,
    /// saving is held, and the recovery screen says why.
    Unreadable(LoadProblem),
}

/// Everything the pages share. Signals only, so it is `Copy` and passed to pages as a prop.
#[derive(Clone, Copy)]
pub struct AppState {
    /// All records with their reference data.
    pub dataset: RwSignal<Dataset>,
    /// The interface language.
    pub lang: RwSignal<Lang>,
    /// The name recorded with each change.
    pub user: RwSignal<String>,
    /// The name given to this device (stored per browser profile, never in the dataset).
    pub device_name: RwSignal<String>,
    /// This browser profile's id, if one could be made.
    pub device: StoredValue<Option<Id>>,
    /// How the app started; `FirstVisit` until the user chooses.
    pub start: RwSignal<Start>,
    /// The last save's failure, if the last save failed (shown until a save succeeds).
    pub save_problem: RwSignal<Option<StorageError>>,
    /// Banners, undo and the other-tab state (`crate::safety`).
    pub safety: Safety,
    /// The unfiltered figures of `dataset`, kept by difference after each edit (core's
    /// `stats::Tally`), so that the dashboard does not count every project again after an edit.
    /// `None` until the dashboard first shows everything, and again after all the data changed
    /// (an import, a merge, another tab's save): the dashboard then counts afresh. Not a
    /// signal: it changes with `dataset`, whose signal the dashboard follows.
    tally: StoredValue<Option<Tally>>,
}

impl AppState {
    /// Reads what is stored and picks the language: the one chosen before, else the browser's
    /// if it is Arabic or French, else Arabic. Started from the outline, it reads the records
    /// next, in the background (`reading::finish`).
    pub fn load() -> AppState {
        let safety = Safety::new();
        let mut save_problem = None;
        let mut later = None;
        let (dataset, start) = match READ_AT_START.take().unwrap_or_else(read_now) {
            Opened::Outline(outline, records) => {
                later = Some(records);
                (outline, Start::Loaded)
            }
            Opened::Read(Ok(Some(loaded))) => {
                safety.after_load(&loaded);
                (loaded.imported.dataset, Start::Loaded)
            }
            Opened::Read(Ok(None)) => (no_data(), Start::FirstVisit),
            // Without storage the app still works in memory; the banner offers exports.
            Opened::Read(Err(LoadProblem::Unavailable)) => {
                save_problem = Some(StorageError::Unavailable);
                (no_data(), Start::FirstVisit)
            }
            Opened::Read(Err(problem)) => (no_data(), Start::Unreadable(problem)),
        };
        let state = AppState {
            dataset: RwSignal::new(dataset),
            lang: RwSignal::new(storage::load_lang().unwrap_or_else(browser_lang)),
            user: RwSignal::new(storage::load_user()),
            device_name: RwSignal::new(storage::load_device_name()),
            device: StoredValue::new(storage::device_id()),
            start: RwSignal::new(start),
            save_problem: RwSignal::new(save_problem),
            safety,
            tally: StoredValue::new(None),
        };
        if let Some(records) = later {
            crate::reading::finish(state, records);
        }
        state
    }

    /// Whether changes may be saved: never over stored data that could not be read.
    pub fn can_save(&self) -> bool {
        !matches!(self.start.get_untracked(), Start::Unreadable(_))
    }

    /// Sets the user's name (trimmed) for this session and remembers it on this device.
    pub fn set_user(&self, name: &str) {
        let name = name.trim().to_owned();
        // A name that cannot be remembered still applies to this session.
        let _ = crate::storage::save_user(&name);
        self.user.set(name);
    }

    /// Sets this device's name (trimmed) for this session and remembers it on this device.
    pub fn set_device_name(&self, name: &str) {
        let name = name.trim().to_owned();
        // A name that cannot be remembered still applies to this session.
        let _ = crate::storage::save_device_name(&name);
        self.device_name.set(name);
    }

    /// Whether the user and the device are both named, so that history can say who changed what
    /// where.
    pub fn is_named(&self) -> bool {
        !self.user.with(|u| u.trim().is_empty()) && !self.device_name.with(|d| d.trim().is_empty())
    }

    /// Who is editing, now, for an edit context.
    pub(crate) fn author(&self) -> Option<Author> {
        let device = self.device.get_value()?;
        let at = Timestamp::from_millis(js_sys::Date::now() as i64)?;
        // Until the device is named in Settings, it is known by the start of its id.
        let named = self.device_name.get_untracked().trim().to_owned();
        let device_name = if named.is_empty() { device.to_string().chars().take(6).collect() } else { named };
        Some(Author { at, user: self.user.get_untracked(), device, device_name })
    }

    /// Applies a person's edit through `Dataset::apply` (blocking findings refuse it), then saves.
    ///
    /// A refused edit leaves the dataset as it was. A failed save keeps the edit in memory and
    /// sets `save_problem`, which the interface shows.
    pub fn apply(&self, edit: Edit) -> Result<Applied, Refused> {
        let Some(author) = self.author() else {
            return Err(no_device());
        };
        let deleted = matches!(edit, Edit::Delete { .. });
        let outcome = self.carry_out(edit, &EditContext::form(author));
        if let Ok(applied) = &outcome {
            self.save();
            if deleted {
                safety::after_delete(self, applied.rollback.clone());
            } else {
                safety::after_other_edit(self);
            }
        }
        outcome
    }

    /// Writes an import the user confirmed: `batch` (an `Edit::Batch` that core's spreadsheet
    /// import made and checked) through `Dataset::apply`, all or nothing, as recorded data
    /// (findings are reported, not refused: the preview showed them, and made every blocking
    /// one an error of its row), then saves. The data as it was is kept for the undo banner,
    /// as for a merge. Nothing changes when core refuses (a record changed meanwhile).
    pub fn import(&self, batch: Edit) -> Result<Applied, Refused> {
        let Some(author) = self.author() else {
            return Err(no_device());
        };
        let previous = self.dataset.get_untracked();
        let outcome = self.carry_out(batch, &EditContext::recorded(author));
        if outcome.is_ok() {
            safety::after_import(self, previous);
            self.save();
        }
        outcome
    }

    /// Carries `edit` out on the dataset through `Dataset::apply` and keeps the dashboard's
    /// tally up to date; nothing changes when core refuses.
    fn carry_out(&self, edit: Edit, context: &EditContext) -> Result<Applied, Refused> {
        let mut outcome = Err(Refused { findings: Vec::new() });
        self.dataset.update(|dataset| {
            outcome = dataset.apply(edit, context);
            if let Ok(applied) = &outcome {
                self.tally_after(dataset, applied);
            }
        });
        outcome
    }

    /// Writes a merge the user prepared and settled (core's `merge::apply`, every record through
    /// `Dataset::apply` as an `Edit::Merge`, all or nothing), then saves; the data as it was is
    /// kept for the undo banner. Nothing changes when core refuses (a conflict left open, data
    /// changed since the plan was made).
    pub fn merge(&self, plan: &MergePlan) -> Result<MergeReport, MergeRefused> {
        let Some(author) = self.author() else {
            return Err(MergeRefused::NoDevice);
        };
        let mut next = self.dataset.get_untracked();
        let report = merge::apply(&mut next, plan, &author).map_err(MergeRefused::Core)?;
        safety::before_merge(self);
        self.dataset.set(next);
        self.forget_tally();
        self.save();
        Ok(report)
    }

    /// Replaces all the data (an import the user confirmed, the demo data, a reset), then saves;
    /// at once when the writing part is here (it always is on the pages that offer this, which
    /// bring it with them), otherwise once it has arrived. When it cannot be fetched nothing is
    /// replaced, and the banner says so.
    pub fn replace(&self, dataset: Dataset) {
        let state = *self;
        crate::lazy::run(async move {
            if safety::write(state, safety::Write::Replace(dataset)).await.is_err() {
                state.save_problem.try_set(Some(StorageError::WriterUnavailable));
            }
        });
    }

    /// [`AppState::replace`], in the writing part: keeps what is there (for undo), replaces it,
    /// saves.
    pub(crate) fn replace_now(&self, dataset: Dataset) {
        safety::before_replace(self);
        let mut previous = None;
        self.dataset.update(|current| previous = Some(std::mem::replace(current, dataset)));
        self.forget_tally();
        if let Some(previous) = previous {
            storage::replaced(previous);
        }
        if self.start.with_untracked(|start| *start == Start::FirstVisit) {
            self.start.set(Start::Loaded);
        }
        self.save();
    }

    /// Runs `show` with the tally of `dataset` (the data this state holds), counting it first
    /// when there is none yet; `None` only once the app is torn down.
    pub fn with_tally<R>(&self, dataset: &Dataset, show: impl FnOnce(&Tally) -> R) -> Option<R> {
        self.tally.try_update_value(|slot| show(slot.get_or_insert_with(|| Tally::new(dataset))))
    }

    /// Brings the tally in step with an edit `Dataset::apply` just carried out on `dataset`: by
    /// difference for a record; a change of the reference data drops it, to be counted afresh.
    /// Every caller of `Dataset::apply` on this state's dataset calls this in the same update.
    pub(crate) fn tally_after(&self, dataset: &Dataset, applied: &Applied) {
        self.tally.update_value(|slot| match (slot.as_mut(), applied.record) {
            (Some(tally), Some(_)) => tally.applied(dataset, applied),
            _ => *slot = None,
        });
    }

    /// Drops the tally after all the data changed; the dashboard counts afresh when it next
    /// shows everything.
    pub(crate) fn forget_tally(&self) {
        self.tally.try_set_value(None);
    }

    /// Writes the dataset, unless the stored data could not be read. A failure keeps the data
    /// in memory and is shown (with an export) until a save succeeds; a conflict with another
    /// tab writes nothing. The writing code is a lazy part: this saves at once when it is here
    /// (the pages that edit bring it with them), otherwise as soon as it has arrived.
    pub fn save(&self) {
        if !self.can_save() {
            self.save_problem.set(Some(StorageError::Held));
            return;
        }
        let state = *self;
        crate::lazy::run(async move {
            let result = match safety::write(state, safety::Write::Save).await {
                Ok(safety::Written::Saved(result)) => result,
                Ok(_) | Err(_) => Err(StorageError::WriterUnavailable),
            };
            // `try_`: a save that waited for its part may end after the app was torn down.
            if matches!(result, Err(StorageError::Conflict(_))) {
                state.safety.other_tab.try_set(true);
            }
            state.save_problem.try_set(result.err());
        });
    }

    /// Switches the language and remembers it.
    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
        // The language is a preference: failing to remember it must not stop the switch.
        let _ = storage::save_lang(lang);
    }

    /// A new record id, if the browser's random generator works.
    pub fn new_id(&self) -> Option<Id> {
        storage::new_id()
    }
}

/// What the state holds while there is no data to show: the first-visit choice, the recovery
/// screen. Never shown, saved or edited (the first-visit choice replaces it), so its reference
/// data is empty and the built-in tables stay out of the start download.
pub fn no_data() -> Dataset {
    Dataset::new(ReferenceData::empty())
}

/// Why a merge was not written; nothing changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeRefused {
    /// The browser offers no random generator, so this device has no id to record changes with.
    NoDevice,
    /// Core refused it: a conflict left open, or this device's data changed since the plan.
    Core(MergeError),
}

impl MergeRefused {
    /// What to tell the user, in their language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            MergeRefused::NoDevice => t(Label::NoRandom, lang).to_owned(),
            MergeRefused::Core(error) => taawun_core::text::Localised::message(error, lang),
        }
    }
}

/// The refusal given when the browser offers no random generator (so no device id).
pub fn no_device() -> Refused {
    Refused {
        findings: vec![Finding {
            path: JsonPath::root(),
            code: Code::RecordMissing,
            level: Level::Block,
            record: None,
            message: Text { ar: t(Label::NoRandom, Lang::Ar).to_owned(), fr: t(Label::NoRandom, Lang::Fr).to_owned() },
        }],
    }
}

/// The browser's language if it is Arabic or French, Arabic otherwise.
fn browser_lang() -> Lang {
    // A language tag is ASCII (BCP 47): no Unicode case tables for it.
    let language = web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default().to_ascii_lowercase();
    if language.starts_with("fr") { Lang::Fr } else { Lang::Ar }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use taawun_core::record::{RecordKind, RecordRef};
    use taawun_core::stats::{self, Filter};
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn counted(state: &AppState) -> Option<Tally> {
        state.tally.get_value()
    }

    #[wasm_bindgen_test]
    fn edits_and_their_undo_keep_the_tally_equal_to_one_counted_afresh_and_new_data_drops_it() {
        crate::storage::tests::fresh();
        let owner = Owner::new();
        owner.set();
        let state = AppState::load();
        state.replace(taawun_core::demo::dataset());
        assert_eq!(counted(&state), None, "nothing is counted before the dashboard asks");
        let figures = state.dataset.with_untracked(|d| state.with_tally(d, |tally| tally.figures().clone()));
        assert_eq!(figures, Some(state.dataset.with_untracked(|d| stats::compute(d, &Filter::default()))));

        // A funded project's cooperative moves to another commune (and milieu), then the project
        // is deleted and the deletion undone.
        let (project, owner) = state.dataset.with_untracked(|d| {
            let project = d.projects().live().find(|p| p.data.status.is_funded()).unwrap();
            (project.id, d.cooperatives().get(project.data.cooperative).unwrap().clone())
        });
        let mut moved = owner.data.clone();
        moved.commune = if moved.commune == "HJN" { "ASL".into() } else { "HJN".into() };
        moved.milieu_override = None;
        state.apply(Edit::UpdateCooperative { id: owner.id, base_revision: owner.meta.revision, cooperative: moved }).unwrap();
        let afresh = state.dataset.with_untracked(Tally::new);
        assert_eq!(counted(&state), Some(afresh));
        let revision = state.dataset.with_untracked(|d| d.projects().get(project).unwrap().meta.revision);
        let target = RecordRef { kind: RecordKind::Project, id: project };
        state.apply(Edit::Delete { target, base_revision: revision }).unwrap();
        assert_eq!(counted(&state), Some(state.dataset.with_untracked(Tally::new)));
        safety::undo(&state);
        assert!(state.dataset.with_untracked(|d| d.projects().get(project).is_some_and(|p| p.is_live())), "the deletion was undone");
        assert_eq!(counted(&state), Some(state.dataset.with_untracked(Tally::new)), "the undo is counted too");

        state.replace(Dataset::new(ReferenceData::builtin()));
        assert_eq!(counted(&state), None, "new data is counted afresh when the dashboard next asks");
    }

    #[wasm_bindgen_test]
    fn an_import_batch_is_one_change_the_undo_banner_takes_back_and_a_refused_one_changes_nothing() {
        crate::storage::tests::fresh();
        let owner = Owner::new();
        owner.set();
        let state = AppState::load();
        state.replace(taawun_core::demo::dataset());
        safety::after_other_edit(&state);
        let before = state.dataset.get_untracked();
        let mut imported = before.cooperatives().live().next().unwrap().data.clone();
        imported.ice = None;
        imported.register_number = None;
        imported.name_fr = "Coopérative importée (fictive)".into();
        let create = |id: u128| Edit::CreateCooperative { id: Id::from_u128(id), cooperative: imported.clone() };

        let taken = before.cooperatives().live().next().unwrap().id;
        let refused = Edit::Batch(vec![create(0x1a), Edit::CreateCooperative { id: taken, cooperative: imported.clone() }]);
        assert!(state.import(refused).is_err());
        assert_eq!(state.dataset.get_untracked(), before, "all or nothing");
        assert!(state.safety.undo.get_untracked().is_none(), "nothing to undo");

        state.import(Edit::Batch(vec![create(0x1a), create(0x1b)])).unwrap();
        let count = |state: &AppState| state.dataset.with_untracked(|d| d.cooperatives().live().count());
        assert_eq!(count(&state), before.cooperatives().live().count() + 2);
        assert!(matches!(state.safety.undo.get_untracked(), Some(safety::Undo::Replace { merge: false, .. })));
        safety::undo(&state);
        assert_eq!(state.dataset.get_untracked(), before, "the undo puts the data back as it was");
    }
}
