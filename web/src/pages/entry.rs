//! Each lazy page's entry point, and the heavy functions the start path calls only on demand:
//! their code is fetched the first time they run (see `crate::lazy`). The dashboard, the home
//! page, is not here: it is in the start download.

use leptos::prelude::*;

use crate::components::who::NameYourself;
use crate::lazy::lazy;
use crate::route::Location;
use crate::state::AppState;
use taawun_core::id::Id;

lazy! {
    /// The settings: reference data, the user's name, the export reminder.
    pub fn settings(state: AppState) -> AnyView {
        view! { <super::settings::Settings state /> }.into_any()
    }
}

lazy! {
    /// Import, export, merge and the stored data's health.
    pub fn data(state: AppState) -> AnyView {
        view! { <super::data::Data state /> }.into_any()
    }
}

lazy! {
    /// An empty registry with the built-in reference data, offered on the first visit.
    pub fn empty_data() -> taawun_core::dataset::Dataset {
        taawun_core::dataset::Dataset::new(taawun_core::reference::ReferenceData::builtin())
    }
}

lazy! {
    /// The demo data (85 fictitious cooperatives), offered on the first visit.
    pub fn demo_data() -> taawun_core::dataset::Dataset {
        taawun_core::demo::dataset()
    }
}

lazy! {
    /// The recovery or read-only screen, shown when the stored data cannot be read or is newer.
    pub fn recovery(state: AppState, problem: crate::storage::LoadProblem) -> AnyView {
        view! { <crate::safety::Recovery state problem /> }.into_any()
    }
}

lazy! {
    in meetings;
    /// The list of meetings.
    pub fn meetings(state: AppState) -> AnyView {
        view! { <super::meetings::Meetings state /> }.into_any()
    }
}

lazy! {
    in meetings;
    /// The form of a new meeting (`None`) or of an existing one.
    pub fn meeting_form(state: AppState, id: Option<Id>) -> AnyView {
        view! { <NameYourself state /> <super::meeting::MeetingForm state id /> }.into_any()
    }
}

lazy! {
    in meetings;
    /// One meeting: invitations, testimonials, challenges, follow-up actions.
    pub fn meeting(state: AppState, id: Id) -> AnyView {
        view! { <super::meeting::MeetingPage state id /> }.into_any()
    }
}

lazy! {
    in meetings;
    /// The check-in screen at a meeting's door.
    pub fn check_in(state: AppState, id: Id) -> AnyView {
        view! { <NameYourself state /> <super::check_in::CheckInDesk state id /> }.into_any()
    }
}

lazy! {
    in meetings;
    /// A meeting's attendance sheet, for printing.
    pub fn attendance_sheet(state: AppState, id: Id) -> AnyView {
        view! { <super::attendance_sheet::AttendanceSheet state id /> }.into_any()
    }
}

lazy! {
    in visits;
    /// Follow-up visits: overdue, never visited.
    pub fn visits(state: AppState) -> AnyView {
        view! { <super::visits::Visits state /> }.into_any()
    }
}

lazy! {
    in visits;
    /// The form of a new visit, for `cooperative` when given.
    pub fn visit_form(state: AppState, cooperative: Option<Id>) -> AnyView {
        view! { <NameYourself state /> <super::visits::VisitForm state cooperative /> }.into_any()
    }
}

lazy! {
    in report;
    /// The printable report (bilan).
    pub fn report(state: AppState, location: RwSignal<Location>) -> AnyView {
        view! { <super::report::Report state location /> }.into_any()
    }
}

lazy! {
    in report;
    /// The success stories.
    pub fn stories(state: AppState) -> AnyView {
        view! { <super::stories::Stories state /> }.into_any()
    }
}

lazy! {
    /// Spreadsheets out and in, over the spreadsheet module.
    pub fn spreadsheets(state: AppState) -> AnyView {
        view! { <super::spreadsheets::Spreadsheets state /> }.into_any()
    }
}

lazy! {
    /// The merge of another device's file.
    pub fn merge(state: AppState) -> AnyView {
        view! { <super::merge::MergePage state /> }.into_any()
    }
}

// The registry's pages share one part. Each is shown through `lazy::page`: called with
// `build: false` it only brings the part; with `true`, once the part is here, it builds the page
// at once, in the route's own reactive owner, exactly as an eager page is built.

lazy! {
    in registry;
    /// The list of cooperatives.
    pub fn cooperatives(state: AppState, location: RwSignal<Location>, build: bool) -> Option<AnyView> {
        build.then(|| view! { <super::cooperatives::Cooperatives state location /> }.into_any())
    }
}

lazy! {
    in registry;
    /// A cooperative's page.
    pub fn cooperative(state: AppState, id: Id, build: bool) -> Option<AnyView> {
        build.then(|| view! { <super::cooperative::CooperativePage state id /> }.into_any())
    }
}

lazy! {
    in registry;
    /// The cooperative form, new (`None`) or editing.
    pub fn cooperative_form(state: AppState, id: Option<Id>, build: bool) -> Option<AnyView> {
        build.then(|| view! { <NameYourself state /> <super::cooperative::CooperativeForm state id /> }.into_any())
    }
}

lazy! {
    in registry;
    /// The list of projects.
    pub fn projects(state: AppState, location: RwSignal<Location>, build: bool) -> Option<AnyView> {
        build.then(|| view! { <super::projects::Projects state location /> }.into_any())
    }
}

lazy! {
    in registry;
    /// A project's page.
    pub fn project(state: AppState, id: Id, build: bool) -> Option<AnyView> {
        build.then(|| view! { <super::project::ProjectPage state id /> }.into_any())
    }
}

lazy! {
    in registry;
    /// The project form, new (`None`, with the cooperative chosen if any) or editing.
    pub fn project_form(state: AppState, id: Option<Id>, cooperative: Option<Id>, build: bool) -> Option<AnyView> {
        build.then(|| view! { <NameYourself state /> <super::project::ProjectForm state id cooperative /> }.into_any())
    }
}
