//! The interface's own labels, one catalogue per language (`ar.rs`, `fr.rs`).
//!
//! Each catalogue is an exhaustive `match` over [`Label`]: a label added here without its text
//! in both languages does not compile, and a test fails when a text is empty or left
//! untranslated (Arabic text without Arabic letters, French text with them). Domain text
//! (statuses, findings, amounts, reference names) comes from `taawun-core`, never from here.
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
        pub enum Label {
            $($name),*
        }

        impl Label {
            /// Every label, for the completeness test.
            #[cfg_attr(not(test), allow(dead_code))]
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
}

/// The text of `label` in `lang`.
pub fn t(label: Label, lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => ar::text(label),
        Lang::Fr => fr::text(label),
    }
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

    #[wasm_bindgen_test]
    fn every_label_has_an_arabic_and_a_french_text() {
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
