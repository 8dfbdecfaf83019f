//! Each lazy page's entry point, and the heavy functions the start path calls only on demand:
//! their code is fetched the first time they run (see `crate::lazy`). The dashboard, the home
//! page, is not here: it is in the start download.

use leptos::prelude::*;
use taawun_core::id::Id;

use crate::lazy::lazy;
use crate::route::Location;
use crate::state::AppState;

lazy! {
    in registry;
    /// The list of cooperatives.
    pub fn cooperatives(state: AppState, location: RwSignal<Location>) -> AnyView {
        view! { <super::cooperatives::Cooperatives state location /> }.into_any()
    }
}

lazy! {
    in registry;
    /// A cooperative's page.
    pub fn cooperative(state: AppState, id: Id) -> AnyView {
        view! { <super::cooperative::CooperativePage state id /> }.into_any()
    }
}

lazy! {
    in registry;
    /// The form that adds (no id) or edits a cooperative.
    pub fn cooperative_form(state: AppState, id: Option<Id>) -> AnyView {
        view! { <super::cooperative::CooperativeForm state id /> }.into_any()
    }
}

lazy! {
    in registry;
    /// The list of projects.
    pub fn projects(state: AppState, location: RwSignal<Location>) -> AnyView {
        view! { <super::projects::Projects state location /> }.into_any()
    }
}

lazy! {
    in registry;
    /// A project's page.
    pub fn project(state: AppState, id: Id) -> AnyView {
        view! { <super::project::ProjectPage state id /> }.into_any()
    }
}

lazy! {
    in registry;
    /// The form that adds (no id) or edits a project, for a cooperative when one is given.
    pub fn project_form(state: AppState, id: Option<Id>, cooperative: Option<Id>) -> AnyView {
        view! { <super::project::ProjectForm state id cooperative /> }.into_any()
    }
}

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
