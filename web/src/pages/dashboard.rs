//! The dashboard (home page, `#/`): for now the headline sentence computed by core's statistics;
//! the figures, charts and filters of issue 6 are built here.

use leptos::prelude::*;
use taawun_core::stats::{self, Filter};

use crate::i18n::{Label, t};
use crate::state::AppState;

/// The dashboard page.
#[component]
pub fn Dashboard(state: AppState) -> impl IntoView {
    let figures = Memo::new(move |_| state.dataset.with(|d| stats::compute(d, &Filter::default())));
    let lang = state.lang;
    view! {
        <h1 id="page-title" tabindex="-1">{move || t(Label::DashboardTitle, lang.get())}</h1>
        {move || {
            let figures = figures.get();
            if figures.projects_funded == 0 {
                view! { <p class="muted">{t(Label::DashboardEmpty, lang.get())}</p> }.into_any()
            } else {
                view! { <p class="headline" id="headline">{stats::headline(&figures, lang.get())}</p> }.into_any()
            }
        }}
    }
}
