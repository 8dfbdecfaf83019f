//! The data page.

use leptos::prelude::*;

use crate::i18n::{Label, t};

use crate::state::AppState;

/// The data page.
#[component]
pub fn Data(state: AppState) -> impl IntoView {
    view! { <h1 id="page-title" tabindex="-1">{move || t(Label::DataTitle, state.lang.get())}</h1> }
}
