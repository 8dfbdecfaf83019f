//! The success stories (`#/stories`): every project marked as a model, with its story in the
//! user's language (or the other one when it has no text in it), its figures and its photos.

use leptos::prelude::*;
use taawun_core::fold;

use crate::i18n::{Label, t};
use crate::pages::list::sorted_by_key;
use crate::pages::story::{figures_line, photo_views};
use crate::route::Route;
use crate::state::AppState;

/// The stories page.
#[component]
pub fn Stories(state: AppState) -> impl IntoView {
    let lang = state.lang;
    move || {
        let lang_now = lang.get();
        let items = state.dataset.with(|d| {
            let items: Vec<_> = d
                .stories()
                .live()
                .filter_map(|record| {
                    let project = d.projects().get(record.data.project)?;
                    let cooperative = d.cooperatives().get(project.data.cooperative).map(|c| c.data.name(lang_now).to_owned()).unwrap_or_default();
                    Some((record.id, project.id, project.data.title(lang_now).to_owned(), cooperative, record.data.clone()))
                })
                .collect();
            sorted_by_key(items, |item| fold::sort_key(&item.2))
        });
        let empty = items.is_empty();
        view! {
            <div class="page-head">
                <h1 id="page-title" tabindex="-1">{t(Label::StoriesTitle, lang_now)}</h1>
                <div class="actions"><a class="button" id="open-report" href=Route::Report.href()>{t(Label::ReportTitle, lang_now)}</a></div>
            </div>
            {empty.then(|| view! { <p class="muted" id="stories-empty">{t(Label::NoStories, lang_now)}</p> })}
            <ul class="records stories" id="stories-list">
                {items.into_iter().map(|(id, project, title, cooperative, story)| view! {
                    <li class="record story" data-id=id.to_string()>
                        <a class="record-title" href=Route::Project(project).href()><bdi>{title}</bdi></a>
                        <p class="meta"><bdi>{cooperative}</bdi></p>
                        <p class="story-text"><bdi>{story.text(lang_now).to_owned()}</bdi></p>
                        <p class="story-figures">{figures_line(&story, lang_now)}</p>
                        <div class="story-photos">{photo_views(&story.photos, lang_now)}</div>
                    </li>
                }).collect_view()}
            </ul>
        }
    }
}
