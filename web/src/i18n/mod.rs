//! The interface's own labels, one catalogue per language (`ar.rs`, `fr.rs`).
//!
//! Each catalogue has two halves: `start_text`, the labels the start shows (the shell, the
//! dashboard, the banners), and `page_text`, the labels only the lazy pages show. The second is
//! reached only from lazy code (every `lazy!` function calls [`bring_page_texts`] first), so its
//! code and texts travel in a lazy part rather than in the start download: a wasm module's
//! texts go where the code that reads them goes. Tests check what the compiler no longer can:
//! every label has its text in exactly one half, the same half in both languages, neither
//! empty nor left untranslated (Arabic text without Arabic letters, French text with them), and
//! the start shows no label of the lazy half. Domain text (statuses, findings, amounts,
//! reference names) comes from `taawun-core`, never from here.
//!
//! Why not leptos_i18n: it checks keys at build time too, but brings ICU data, a build script and
//! a JSON-to-Rust code generator for some two hundred fixed labels; an enum and two `match`es
//! give the same guarantee with no dependency and no runtime cost.

mod ar;
mod fr;

use taawun_core::Lang;

macro_rules! labels {
    ($($name:ident),* $(,)?) => {
        /// A label of the interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[allow(missing_docs)]
        // Outside wasm32 the pages that show most labels are not compiled (a native build only
        // runs the tests of what does not need a browser).
        #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
        pub enum Label {
            $($name),*
        }

        impl Label {
            /// Every label, for the completeness test.
            #[cfg_attr(not(all(test, target_arch = "wasm32")), allow(dead_code))]
            pub const ALL: &[Label] = &[$(Label::$name),*];
        }
    };
}

labels! {
    AppName,
    SkipToContent,
    MainNavigation,
    NavDashboard,
    NavCooperatives,
    NavProjects,
    NavSettings,
    NavData,
    SwitchLanguageTo,
    SaveFailed,
    StorageUnavailable,
    ReaderUnavailable,
    WriterUnavailable,
    StorageFull,
    StorageUnreadable,
    StorageConflict,
    StorageReadBack,
    StorageHeld,
    ExportNow,
    ExportSavedQuestion,
    ExportSavedYes,
    ExportSavedNo,
    LastExport,
    NeverExported,
    ExportReminderDue,
    ExportReminderNever,
    Days,
    ReminderDays,
    OtherTabChanged,
    OtherTabUpdated,
    OtherTabCleared,
    Reload,
    Dismiss,
    RecoveryTitle,
    RecoveryExplain,
    RecoveryDamaged,
    RecoveryWhere,
    DownloadStored,
    StartAnew,
    StartAnewConfirm,
    NewerTitle,
    NewerExplain,
    MigratedKept,
    MigratedNotKept,
    DownloadOriginal,
    ContinueAfterDownload,
    UndoDeleted,
    UndoReplaced,
    BackupKept,
    BackupNotKept,
    DownloadPrevious,
    Undo,
    UpdateReady,
    UpdateNow,
    StorageHealth,
    SpaceUsed,
    Characters,
    PersistAsk,
    PersistGranted,
    PersistRefused,
    InstallPrompt,
    SizeNearQuota,
    SizeNearQuotaEnd,
    SizeManyRecords,
    SizeWayForward,
    KeptCopy,
    DownloadKeptCopy,
    RestoreKeptCopy,
    PageNotFound,
    BackToDashboard,
    PageLoading,
    PageUnavailable,
    WelcomeTitle,
    WelcomeText,
    StartEmpty,
    LoadDemo,
    DashboardTitle,
    DashboardEmpty,
    CooperativesTitle,
    NewCooperative,
    Search,
    SearchCooperativesHint,
    SearchProjectsHint,
    Filters,
    ClearFilters,
    Commune,
    AllCommunes,
    Milieu,
    AllMilieux,
    Sector,
    AllSectors,
    Status,
    AllStatuses,
    WomenLed,
    OnlyWomenLed,
    SortBy,
    SortName,
    SortCommune,
    SortMembers,
    SortYear,
    SortTitle,
    SortCost,
    OutOf,
    NoResults,
    Previous,
    Next,
    Page,
    Pagination,
    NameAr,
    NameFr,
    LegalForm,
    LegalFormCooperative,
    LegalFormUnion,
    RegisterNumber,
    Court,
    Ice,
    CreatedOn,
    DateHint,
    Members,
    MembersTotal,
    MembersWomen,
    MembersYouth,
    PresidentGender,
    GenderFemale,
    GenderMale,
    Contact,
    Phone,
    Email,
    Address,
    Notes,
    Edit,
    Projects,
    Disbursements,
    Findings,
    NoFindings,
    NoProjects,
    NoDisbursements,
    NewProjectForCooperative,
    Date,
    Funder,
    Amount,
    Project,
    Year,
    Delete,
    ConfirmDelete,
    Cancel,
    MilieuDiffers,
    MilieuReason,
    CommuneMilieu,
    Yes,
    No,
    NewCooperativeTitle,
    EditCooperativeTitle,
    Save,
    FormRefused,
    Saved,
    WarningsKept,
    ChooseOne,
    NoCourt,
    Optional,
    Blocking,
    Warning,
    ProjectsTitle,
    NewProject,
    AllYears,
    Axis,
    AllAxes,
    TotalCost,
    IndhShare,
    Cooperative,
    NewProjectTitle,
    EditProjectTitle,
    TitleAr,
    TitleFr,
    Programme,
    Call,
    CallYear,
    NoRulebookYet,
    NoCooperativeYet,
    Contributions,
    AddContribution,
    RemoveLine,
    Kind,
    Cash,
    InKind,
    SumOfLines,
    Indh,
    OwnContribution,
    GapMissing,
    GapExcess,
    Balanced,
    SubmittedOn,
    ApprovedOn,
    ConventionOn,
    Tranches,
    AddTranche,
    AddDisbursement,
    Jobs,
    JobsTotal,
    JobsWomen,
    JobsYouth,
    InvalidYear,
    UnderstoodAs,
    Funding,
    ChangeStatus,
    Committed,
    Disbursed,
    Add,
    SettingsTitle,
    Language,
    YourName,
    YourNameHint,
    Rulebooks,
    NewCall,
    CreateCall,
    RuleMaxIndhShare,
    RuleIndhCeiling,
    CeilingCooperative,
    CeilingUnion,
    CeilingGie,
    RuleMinOwnShare,
    RuleMaxInKind,
    RuleMinWomenYouth,
    RuleMinMembers,
    RuleProgrammePeriod,
    FirstYear,
    LastYear,
    YouthAges,
    MinAge,
    MaxAge,
    Severity,
    SeverityBlock,
    SeverityWarn,
    SeverityOff,
    Rate,
    NewFindingsAfterEdit,
    NoNewFindings,
    ReferenceData,
    Communes,
    Sectors,
    Funders,
    Retire,
    Reinstate,
    Retired,
    AddEntry,
    Code,
    Role,
    CommuneKind,
    ParentSector,
    DataTitle,
    Export,
    ExportHint,
    ExportFailed,
    Import,
    ImportHint,
    ImportPreview,
    Added,
    Changed,
    Deleted,
    ReferenceChanges,
    ReplaceWithFile,
    ImportDone,
    FindingsInFile,
    MigratedFrom,
    NoDifference,
    DemoData,
    DemoHint,
    Reset,
    ResetHint,
    ReplaceHint,
    DownloadBackupFirst,
    EraseEverything,
    LoadDemoNow,
    Done,
    NoRandom,
    Details,
    Identity,
    Place,
    Dates,
    Records,
    CooperativesCount,
    CooperativeRequired,
    ChooseFile,
    RulebookRequired,
    // The dashboard's own labels (issue 6).
    DashNoMatch,
    DashAllProgrammes,
    DashFrom,
    DashTo,
    DashFromStart,
    DashToEnd,
    DashDefinition,
    DashWomen,
    DashYouth,
    DashKeyFigures,
    DashDisbursement,
    DashCommitted,
    DashCooperatives,
    DashProjects,
    DashShare,
    DashTable,
    DashOtherSources,
    DashCharts,
    DashCategory,
    DashDetail,
    // Success stories and the printed report (issue 8).
    StoriesTitle,
    NoStories,
    SuccessStory,
    StoryModel,
    MarkAsModel,
    EditStory,
    StoryAr,
    StoryFr,
    StoryJobs,
    StoryTurnover,
    StoryTurnoverBefore,
    StoryTurnoverAfter,
    NotAWholeNumber,
    StoryPhoto,
    AddPhoto,
    PhotoHint,
    PhotoWorking,
    PhotoMissing,
    PhotoNoRoom,
    PhotosInFile,
    PhotosNoRoom,
    Photos,
    PhotosUnused,
    RemoveUnusedPhotos,
    RemoveUnusedPhotosConfirm,
    PhotosRemoved,
    ReportTitle,
    ReportIssuer,
    ReportLanguage,
    ReportMeeting,
    Print,
    ReportPeriod,
    ReportFigure,
    ReportValue,
    ReportExact,
    ReportCooperatives,
    ReportTotal,
    ReportStories,
    ReportLastMeeting,
    AttendanceSheet,
    PrintAttendanceSheet,
    SheetPeople,
    SheetWomen,
    SheetSignature,
    // Meetings, check-in and follow-up visits (issue 8).
    NavMeetings,
    NavVisits,
    MeetingsTitle,
    NewMeeting,
    NewMeetingTitle,
    EditMeetingTitle,
    NoMeetings,
    MeetingPlace,
    Organisers,
    Partners,
    Agenda,
    PresentationTitle,
    Presenter,
    AddPresentation,
    Invitations,
    Invited,
    FundedOnly,
    MatchingFilters,
    InviteMatching,
    ClearInvitations,
    CheckInOpen,
    CheckInTitle,
    SearchAttendeeHint,
    People,
    WomenAmong,
    MarkPresent,
    Present,
    NotInvited,
    TakeBack,
    WalkIn,
    WalkInName,
    AddWalkIn,
    WhoCame,
    WalkIns,
    Uninvited,
    PeopleCounted,
    WomenCounted,
    WomenLedPresent,
    Testimonials,
    TestimonialText,
    AddTestimonial,
    TextLanguage,
    Challenges,
    ChallengeText,
    Tags,
    AddChallenge,
    FollowUps,
    FollowUpText,
    Owner,
    DueOn,
    AddFollowUp,
    MarkDone,
    FollowUpDone,
    FollowUpLate,
    NothingYet,
    VisitsTitle,
    NewVisit,
    NewVisitTitle,
    RecordVisit,
    Visitor,
    Purpose,
    ObservedState,
    Observations,
    Needs,
    NextSteps,
    NextVisitOn,
    NeverVisited,
    OverdueVisits,
    DaysLate,
    NoVisits,
    // The open-data section of the Data page (issue 11).
    OpenDataTitle,
    OpenDataHint,
    OpenDataPublished,
    OpenDataWithheld,
    Export360Giving,
    ExportIati,
    OpenDataRefused,
    OpenDataGoToSetting,
    OpenDataOffered,
    PublisherTitle,
    PublisherHint,
    PublisherUnreadable,
    PublisherSaveFailed,
    PublisherPrefix,
    PublisherPrefixHint,
    PublisherLanguage,
    PublisherFunder,
    PublisherFunderReferenceHint,
    PublisherReporting,
    PublisherExtending,
    PublisherReference,
    PublisherNameFr,
    PublisherNameAr,
    PublisherType,
    PublisherCooperativeType,
    PublisherApproval,
    PublisherPartnerTypes,
    PublisherPartnerTypesHint,
    PublisherTypeNotStated,
    ApprovalActualStart,
    ApprovalPlannedStart,
    SheetsLink,
    SheetsTitle,
    SheetsLoading,
    SheetsUnavailable,
    SheetsExport,
    SheetsTable,
    SheetsFormat,
    SheetsBom,
    SheetsDownload,
    SheetsImport,
    SheetsImportHint,
    SheetsKind,
    SheetsRulebook,
    SheetsTooLarge,
    SheetsReading,
    SheetsMapping,
    SheetsColumn,
    SheetsField,
    SheetsNotImported,
    SheetsPreview,
    SheetsRow,
    SheetsAction,
    SheetsCreate,
    SheetsUpdate,
    SheetsSkip,
    SheetsRowError,
    SheetsFindings,
    SheetsValue,
    SheetsReason,
    SheetsRows,
    SheetsImportable,
    SheetsWithErrors,
    SheetsModeCreate,
    SheetsModeUpdate,
    SheetsValidOnly,
    SheetsConfirm,
    SheetsImported,
    SheetsAcceptSuggestions,
    SheetsSuggestion,
    SheetsChecking,
    SheetsImportFindings,
    SheetsFormatHint,
    HistoryTitle,
    NoHistory,
    CreatedHere,
    DeviceName,
    DeviceNameHint,
    MergeTitle,
    MergeHint,
    MergeOpen,
    MergeSummary,
    MergeDone,
    RecordsWritten,
    NewFindings,
    NameYourselfFirst,
    MergingAs,
    Restored,
    Conflicts,
    Unchanged,
    NothingToMerge,
    ConflictsHint,
    KeepAllOurs,
    KeepAllTheirs,
    ConflictsLeft,
    ApplyMerge,
    ThisDevice,
    OtherDevice,
    UndoMerged,
    UtcTime,
    MergePhotosNoRoom,
    MergeNeedsNames,
}

/// A catalogue of texts, by label and language.
type Texts = fn(Label, Lang) -> &'static str;

thread_local! {
    /// The lazy pages' texts ([`page_text`]), once lazy code has brought them.
    static PAGE_TEXTS: std::cell::Cell<Option<Texts>> = const { std::cell::Cell::new(None) };
}

/// The text of `label` in `lang`. A label of the lazy pages reads empty until lazy code ran,
/// which never happens where it is shown (a test checks the start asks for none).
pub fn t(label: Label, lang: Lang) -> &'static str {
    let start = match lang {
        Lang::Ar => ar::start_text(label),
        Lang::Fr => fr::start_text(label),
    };
    match start {
        Some(text) => text,
        // The tests' build is not split: its pages are mounted without a lazy call.
        #[cfg(test)]
        None => {
            #[cfg(target_arch = "wasm32")]
            tests::asked_for_page_text(label);
            page_text(label, lang)
        }
        #[cfg(not(test))]
        None => PAGE_TEXTS.get().map_or("", |page| page(label, lang)),
    }
}

/// The text of a label of the lazy pages.
fn page_text(label: Label, lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => ar::page_text(label),
        Lang::Fr => fr::page_text(label),
    }
}

/// Makes the lazy pages' texts available to [`t`]. Called by every `lazy!` function, and only
/// there, so that [`page_text`] and its texts are in the lazy parts.
pub fn bring_page_texts() {
    // Opaque to the optimiser: seeing that only `page_text` is ever stored, it would call it
    // directly from `t`, which would bring it back into the start download.
    let page: Texts = page_text;
    PAGE_TEXTS.set(Some(std::hint::black_box(page)));
}

/// A language's name in that language, as a language switch shows it.
pub fn endonym(lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => "العربية",
        Lang::Fr => "Français",
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn has_arabic_letters(text: &str) -> bool {
        text.chars().any(|c| ('\u{600}'..='\u{6ff}').contains(&c))
    }

    /// Labels whose text is the same in both alphabets by nature.
    const SAME_IN_BOTH: &[Label] = &[];

    /// Lets the reactive system render what changed.
    async fn settle() {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }

    thread_local! {
        /// The labels of the lazy half asked for while none of their texts were brought.
        static ASKED_EARLY: std::cell::RefCell<Vec<Label>> = const { std::cell::RefCell::new(Vec::new()) };
    }

    pub(super) fn asked_for_page_text(label: Label) {
        if PAGE_TEXTS.get().is_none() {
            ASKED_EARLY.with_borrow_mut(|asked| asked.push(label));
        }
    }

    #[wasm_bindgen_test]
    fn every_label_has_its_text_in_one_half_of_each_catalogue_the_same_in_both() {
        let mut wrong = Vec::new();
        for &label in Label::ALL {
            let start = (ar::start_text(label), fr::start_text(label));
            let page = (ar::page_text(label), fr::page_text(label));
            match (start, page) {
                ((Some(ar), Some(fr)), ("", "")) if !ar.is_empty() && !fr.is_empty() => {}
                ((None, None), (ar, fr)) if !ar.is_empty() && !fr.is_empty() => {}
                _ => wrong.push(format!("{label:?}: start {start:?}, pages {page:?}")),
            }
        }
        assert!(wrong.is_empty(), "labels not in exactly one half of both catalogues: {wrong:#?}");
    }

    #[wasm_bindgen_test]
    async fn the_shell_the_dashboard_and_the_banners_ask_for_no_label_of_the_lazy_pages() {
        use crate::safety::{Notice, SafetyBanners};
        use crate::state::AppState;
        use crate::storage::StorageError;
        use leptos::prelude::*;
        crate::storage::tests::fresh();
        crate::storage::save(&taawun_core::demo::dataset()).unwrap();
        crate::storage::forget_session();
        let brought = PAGE_TEXTS.take();
        ASKED_EARLY.with_borrow_mut(Vec::clear);
        let document = web_sys::window().unwrap().document().unwrap();
        let problems =
            [StorageError::Unavailable, StorageError::QuotaExceeded, StorageError::Held, StorageError::WriterUnavailable, StorageError::Other("x".into())];
        web_sys::window().unwrap().location().set_hash("#/").unwrap();
        for lang in [Lang::Ar, Lang::Fr] {
            crate::storage::save_lang(lang).unwrap();
            let host = document.create_element("div").unwrap();
            document.body().unwrap().append_child(&host).unwrap();
            let app = leptos::mount::mount_to(wasm_bindgen::JsCast::unchecked_into(host.clone()), crate::app::App);
            settle().await;
            assert!(host.query_selector("#headline").unwrap().is_some(), "the dashboard is shown");
            drop(app);
            // Every banner the start can show.
            for problem in problems.clone() {
                let banners = leptos::mount::mount_to(wasm_bindgen::JsCast::unchecked_into(host.clone()), move || {
                    let state = AppState::load();
                    state.save_problem.set(Some(problem.clone()));
                    state.safety.update_ready.set(true);
                    state.safety.notice.set(Some(Notice::UpdatedFromOtherTab));
                    state.safety.other_tab.set(true);
                    view! { <SafetyBanners state /> }
                });
                settle().await;
                assert!(host.child_element_count() > 0, "the banners are shown");
                drop(banners);
            }
            host.remove();
        }
        PAGE_TEXTS.set(brought);
        let asked = ASKED_EARLY.with_borrow(Clone::clone);
        assert!(asked.is_empty(), "labels of the lazy pages asked for at start: {asked:?}");
    }

    #[wasm_bindgen_test]
    fn every_label_has_an_arabic_and_a_french_text() {
        bring_page_texts();
        let mut missing = Vec::new();
        for &label in Label::ALL {
            let (ar, fr) = (t(label, Lang::Ar), t(label, Lang::Fr));
            if ar.trim().is_empty() || fr.trim().is_empty() {
                missing.push(format!("{label:?}: empty"));
            }
            if !SAME_IN_BOTH.contains(&label) && (!has_arabic_letters(ar) || has_arabic_letters(fr) || ar == fr) {
                missing.push(format!("{label:?}: untranslated ({fr:?} / {ar:?})"));
            }
        }
        assert!(missing.is_empty(), "labels lacking a translation: {missing:#?}");
    }
}
