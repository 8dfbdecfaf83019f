//! The list of projects (`#/projects`): filters by year, axis, status and commune, a search on
//! titles and cooperative names, counts, and pages of fifty. Filters live in the address.

use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::dataset::Dataset;
use taawun_core::fold;
use taawun_core::id::Id;
use taawun_core::project::{FundingSummary, ProjectStatus};
use taawun_core::stats;
use taawun_core::text::{self, Noun};

use crate::i18n::{Label, t};
use crate::pages::list::{Pager, Query, commune_choices, descending, on_page, sorted_by_key};
use crate::route::{Location, Route};
use crate::state::AppState;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    id: Id,
    title: String,
    cooperative: String,
    year: u16,
    status: &'static str,
    cost: taawun_core::Amount,
    indh_share: String,
}

fn rows(dataset: &Dataset, location: &Location, lang: Lang) -> (Vec<Row>, usize) {
    let reference = dataset.reference();
    let (query, year, axis, status, commune) = (location.get("q"), location.get("year"), location.get("axis"), location.get("status"), location.get("commune"));
    let mut total = 0;
    let mut rows = Vec::new();
    for record in dataset.projects().live() {
        total += 1;
        let p = &record.data;
        let cooperative = dataset.cooperatives().get(p.cooperative).map(|c| &c.data);
        let project_year = stats::project_year(p);
        let keep = (year.is_empty() || project_year.to_string() == year)
            && (axis.is_empty() || p.axis == axis)
            && (status.is_empty() || p.status.code() == status)
            && (commune.is_empty() || cooperative.is_some_and(|c| c.commune == commune));
        if !keep {
            continue;
        }
        if !query.trim().is_empty() {
            let names = cooperative.map(|c| format!("{} {}", c.name_ar, c.name_fr)).unwrap_or_default();
            if !fold::matches(&format!("{} {} {names}", p.title_ar, p.title_fr), &query) {
                continue;
            }
        }
        let summary = FundingSummary::of(Some(p.total_cost), &p.contributions, reference);
        rows.push(Row {
            id: record.id,
            title: p.title(lang).to_owned(),
            cooperative: cooperative.map(|c| c.name(lang).to_owned()).unwrap_or_default(),
            year: project_year,
            status: p.status.name(lang),
            cost: p.total_cost,
            indh_share: summary.indh_share.map(|r| text::percent(r, lang)).unwrap_or_default(),
        });
    }
    let rows = match location.get("sort").as_str() {
        "title" => sorted_by_key(rows, |r| fold::sort_key(&r.title)),
        "cost" => sorted_by_key(rows, |r| format!("{}{}", descending(r.cost.to_centimes()), fold::sort_key(&r.title))),
        _ => sorted_by_key(rows, |r| format!("{}{}", descending(u64::from(r.year)), fold::sort_key(&r.title))),
    };
    (rows, total)
}

/// The projects page.
#[component]
pub fn Projects(state: AppState, location: RwSignal<Location>) -> impl IntoView {
    let lang = state.lang;
    let found = Memo::new(move |_| {
        let lang = lang.get();
        location.with(|l| state.dataset.with(|d| rows(d, l, lang)))
    });
    let query = Query::new(location);
    let param = move |key: &'static str| query.param(key);
    let filtering = query.filtering();
    let set = move |key: &'static str| query.set(key);
    let years = move || {
        let years: Vec<u16> = state.dataset.with(|d| d.projects().live().map(|p| stats::project_year(&p.data)).collect());
        let mut years = sorted_by_key(years, |y| descending(u64::from(*y)));
        years.dedup();
        query.options("year", t(Label::AllYears, lang.get()), years.into_iter().map(|y| (y.to_string(), y.to_string())))
    };
    let axes = move || {
        let lang = lang.get();
        let list: Vec<(String, String)> = state.dataset.with(|d| d.reference().axes().iter().map(|a| (a.code.clone(), a.name(lang).to_owned())).collect());
        query.options("axis", t(Label::AllAxes, lang), list)
    };
    let statuses = move || {
        let lang = lang.get();
        query.options("status", t(Label::AllStatuses, lang), ProjectStatus::ALL.iter().map(|s| (s.code().to_owned(), s.name(lang).to_owned())))
    };
    let communes = move || {
        let lang = lang.get();
        query.options("commune", t(Label::AllCommunes, lang), state.dataset.with(|d| commune_choices(d, lang)))
    };
    let sorts = move || {
        let lang = lang.get();
        let by = |value: &str, label| (value.to_owned(), t(label, lang).to_owned());
        query.options("sort", t(Label::SortYear, lang), [by("title", Label::SortTitle), by("cost", Label::SortCost)])
    };
    let count = move || {
        let lang = lang.get();
        let (rows, total) = found.get();
        format!("{} {} {}", text::count(rows.len() as u64, Noun::Project, lang), t(Label::OutOf, lang), text::integer(total as u64, lang))
    };
    let page = query.page(move || found.with(|(rows, _)| rows.len()));
    let visible = move || found.with(|(rows, _)| on_page(rows, page.get()));

    view! {
        <div class="page-head">
            <h1 id="page-title" tabindex="-1">{move || t(Label::ProjectsTitle, lang.get())}</h1>
            <a class="button primary" id="new-project" href=Route::NewProject.href()>{move || t(Label::NewProject, lang.get())}</a>
        </div>
        <div class="filters" role="search" aria-label=move || t(Label::Filters, lang.get())>
            <div class="field wide">
                <label for="search">{move || t(Label::Search, lang.get())}</label>
                <input id="search" type="search" autocomplete="off" dir="auto" aria-describedby="search-hint"
                    prop:value=param("q") on:input=set("q") />
                <p class="hint" id="search-hint">{move || t(Label::SearchProjectsHint, lang.get())}</p>
            </div>
            <details class="more-filters" open=move || filtering.get()>
                <summary>{move || t(Label::Filters, lang.get())}</summary>
                <div class="filter-grid">
                    <div class="field">
                        <label for="filter-year">{move || t(Label::Year, lang.get())}</label>
                        <select id="filter-year" on:change=set("year")>{years}</select>
                    </div>
                    <div class="field">
                        <label for="filter-axis">{move || t(Label::Axis, lang.get())}</label>
                        <select id="filter-axis" on:change=set("axis")>{axes}</select>
                    </div>
                    <div class="field">
                        <label for="filter-status">{move || t(Label::Status, lang.get())}</label>
                        <select id="filter-status" on:change=set("status")>{statuses}</select>
                    </div>
                    <div class="field">
                        <label for="filter-commune">{move || t(Label::Commune, lang.get())}</label>
                        <select id="filter-commune" on:change=set("commune")>{communes}</select>
                    </div>
                    <div class="field">
                        <label for="sort">{move || t(Label::SortBy, lang.get())}</label>
                        <select id="sort" on:change=set("sort")>{sorts}</select>
                    </div>
                    <div class="field">
                        <button type="button" id="clear-filters" on:click=query.clear(Route::Projects)>{move || t(Label::ClearFilters, lang.get())}</button>
                    </div>
                </div>
            </details>
        </div>
        <p class="count" id="result-count" role="status">{count}</p>
        <ul class="records" id="projects">
            {move || {
                let lang = lang.get();
                let rows = visible();
                if rows.is_empty() {
                    return view! { <li class="empty">{t(Label::NoResults, lang)}</li> }.into_any();
                }
                rows.into_iter()
                    .map(|row| {
                        view! {
                            <li class="record project">
                                <a class="record-title" href=Route::Project(row.id).href()><bdi>{row.title}</bdi></a>
                                <p class="meta">
                                    <span><bdi>{row.cooperative}</bdi></span>
                                    <span>{row.year}</span>
                                    <span class="status">{row.status}</span>
                                    <span class="num">{text::amount(row.cost, lang)}</span>
                                    {(!row.indh_share.is_empty()).then(|| view! { <span>{t(Label::IndhShare, lang)}" "{row.indh_share}</span> })}
                                </p>
                            </li>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
        </ul>
        <Pager state location page total=Signal::derive(move || found.with(|(rows, _)| rows.len())) />
    }
}
