//! The success stories (`#/stories`): every project marked as a model, with its story in the
//! user's language (or the other one when it has no text in it), its figures and its photos.
//! Written as a flat fragment (`charts::tree::Markup`), like the dashboard.

use std::rc::Rc;

use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::dataset::Dataset;
use taawun_core::fold;

use crate::charts::tree::{Fragment, Markup};
use crate::i18n::{Label, t};
use crate::pages::list::sorted_by_key;
use crate::pages::story::{figures_line, photos_markup};
use crate::route::Route;
use crate::state::AppState;

/// The stories page.
#[component]
pub fn Stories(state: AppState) -> impl IntoView {
    let content: Rc<dyn Fn() -> Markup> = Rc::new(move || {
        let lang = state.lang.get();
        let mut m = Markup::new();
        state.dataset.with(|d| page(&mut m, d, lang));
        m
    });
    view! { <Fragment id="stories-page" content /> }
}

fn page(m: &mut Markup, dataset: &Dataset, lang: Lang) {
    m.open("div").attr("class", "page-head");
    m.open("h1").attr("id", "page-title").attr("tabindex", "-1").text(t(Label::StoriesTitle, lang)).close();
    m.open("div").attr("class", "actions").open("a").attr("class", "button").attr("id", "open-report").attr_string("href", Route::Report.href());
    m.text(t(Label::ReportTitle, lang)).close().close().close();
    let items: Vec<_> = dataset
        .stories()
        .live()
        .filter_map(|record| {
            let project = dataset.projects().get(record.data.project)?;
            let cooperative = dataset.cooperatives().get(project.data.cooperative).map(|c| c.data.name(lang).to_owned()).unwrap_or_default();
            Some((record, project.id, project.data.title(lang).to_owned(), cooperative))
        })
        .collect();
    let items = sorted_by_key(items, |item| fold::sort_key(&item.2));
    if items.is_empty() {
        m.open("p").attr("class", "muted").attr("id", "stories-empty").text(t(Label::NoStories, lang)).close();
    }
    m.open("ul").attr("class", "records stories").attr("id", "stories-list");
    for (record, project, title, cooperative) in items {
        let story = &record.data;
        m.open("li").attr("class", "record story").attr_string("data-id", record.id.to_string());
        m.open("a").attr("class", "record-title").attr_string("href", Route::Project(project).href()).leaf("bdi", title).close();
        m.open("p").attr("class", "meta").leaf("bdi", cooperative).close();
        m.open("p").attr("class", "story-text").leaf("bdi", story.text(lang).to_owned()).close();
        m.open("p").attr("class", "story-figures").text_string(figures_line(story, lang)).close();
        photos_markup(m, &story.photos, lang);
        m.close();
    }
    m.close();
}
