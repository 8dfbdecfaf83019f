//! Each lazy page's entry point, and the heavy functions the start path calls only on demand:
//! their code is fetched the first time they run (see `crate::lazy`). The dashboard, the home
//! page, is not here: it is in the start download.

use leptos::prelude::*;

use crate::lazy::lazy;
use crate::state::AppState;

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
