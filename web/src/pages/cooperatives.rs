//! The list of cooperatives (`#/cooperatives`): search with core's folding (names in either
//! language, ICE, register number), filters, sorting in the language's order, counts, and pages
//! of fifty so that thousands of records stay smooth. Filters live in the address.

use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::cooperative::CooperativeStatus;
use taawun_core::dataset::Dataset;
use taawun_core::fold;
use taawun_core::id::Id;
use taawun_core::reference::Milieu;
use taawun_core::text::{self, Noun};

use crate::i18n::{Label, t};
use crate::pages::list::{Pager, Query, commune_choices, descending, on_page, sorted_by_key};
use crate::route::{Location, Route};
use crate::state::AppState;

/// One line of the list, already in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    id: Id,
    name: String,
    other_name: String,
    commune: String,
    sector: String,
    status: &'static str,
    milieu: Option<&'static str>,
    women_led: bool,
    members: u32,
}

fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Ar => Lang::Fr,
        Lang::Fr => Lang::Ar,
    }
}

/// The rows that pass the filters of `location`, sorted as asked, and how many there are in all.
fn rows(dataset: &Dataset, location: &Location, lang: Lang) -> (Vec<Row>, usize) {
    let reference = dataset.reference();
    let query = location.get("q");
    let (commune, milieu, sector, status, women) =
        (location.get("commune"), location.get("milieu"), location.get("sector"), location.get("status"), location.get("women"));
    let mut total = 0;
    let mut rows: Vec<Row> = Vec::new();
    for record in dataset.cooperatives().live() {
        total += 1;
        let c = &record.data;
        let in_sector = |code: &str| c.sector == code || reference.sector(&c.sector).and_then(|s| s.parent.as_deref()) == Some(code);
        let record_milieu = c.milieu(reference);
        let keep = (commune.is_empty() || c.commune == commune)
            && (milieu.is_empty() || record_milieu.map(taawun_core::stats::milieu_code) == Some(milieu.as_str()))
            && (sector.is_empty() || in_sector(&sector))
            && (status.is_empty() || c.status.code() == status)
            && (women.is_empty() || c.is_women_led());
        if !keep {
            continue;
        }
        if !query.trim().is_empty() {
            let register = c.register_number.as_ref().map(|r| format!("{} {}", r.court(), r.number())).unwrap_or_default();
            let ice = c.ice.as_ref().map(|i| i.as_str().to_owned()).unwrap_or_default();
            let haystack = format!("{} {} {ice} {register}", c.name_ar, c.name_fr);
            if !fold::matches(&haystack, &query) {
                continue;
            }
        }
        rows.push(Row {
            id: record.id,
            name: c.name(lang).to_owned(),
            other_name: c.name(other(lang)).to_owned(),
            commune: reference.commune(&c.commune).map_or_else(|| c.commune.clone(), |x| x.name(lang).to_owned()),
            sector: reference.sector(&c.sector).map_or_else(|| c.sector.clone(), |x| x.name(lang).to_owned()),
            status: c.status.name(lang),
            milieu: record_milieu.map(|m| m.name(lang)),
            women_led: c.is_women_led(),
            members: c.members.total,
        });
    }
    let rows = match location.get("sort").as_str() {
        "commune" => sorted_by_key(rows, |r| format!("{}\u{1}{}", fold::sort_key(&r.commune), fold::sort_key(&r.name))),
        "members" => sorted_by_key(rows, |r| format!("{}{}", descending(u64::from(r.members)), fold::sort_key(&r.name))),
        _ => sorted_by_key(rows, |r| fold::sort_key(&r.name)),
    };
    (rows, total)
}

/// The cooperatives page.
#[component]
pub fn Cooperatives(state: AppState, location: RwSignal<Location>) -> impl IntoView {
    let lang = state.lang;
    let found = Memo::new(move |_| {
        let lang = lang.get();
        location.with(|l| state.dataset.with(|d| rows(d, l, lang)))
    });
    let query = Query::new(location);
    let param = move |key: &'static str| query.param(key);
    let filtering = query.filtering();
    let set = move |key: &'static str| query.set(key);
    let communes = move || {
        let lang = lang.get();
        query.options("commune", t(Label::AllCommunes, lang), state.dataset.with(|d| commune_choices(d, lang)))
    };
    let sectors = move || {
        let lang = lang.get();
        let list: Vec<(String, String)> = state.dataset.with(|d| {
            d.reference()
                .sectors()
                .iter()
                .map(|s| {
                    let name = if s.parent.is_some() { format!("— {}", s.name(lang)) } else { s.name(lang).to_owned() };
                    (s.code.clone(), name)
                })
                .collect()
        });
        query.options("sector", t(Label::AllSectors, lang), list)
    };
    let statuses = move || {
        let lang = lang.get();
        query.options("status", t(Label::AllStatuses, lang), CooperativeStatus::ALL.iter().map(|s| (s.code().to_owned(), s.name(lang).to_owned())))
    };
    let milieux = move || {
        let lang = lang.get();
        let milieu = |m: Milieu| (taawun_core::stats::milieu_code(m).to_owned(), m.name(lang).to_owned());
        query.options("milieu", t(Label::AllMilieux, lang), [milieu(Milieu::Rural), milieu(Milieu::Urban)])
    };
    let sorts = move || {
        let lang = lang.get();
        let by = |value: &str, label| (value.to_owned(), t(label, lang).to_owned());
        query.options("sort", t(Label::SortName, lang), [by("commune", Label::SortCommune), by("members", Label::SortMembers)])
    };

    let count = move || {
        let lang = lang.get();
        let (rows, total) = found.get();
        format!("{} {} {}", text::count(rows.len() as u64, Noun::Cooperative, lang), t(Label::OutOf, lang), text::integer(total as u64, lang))
    };
    let page = query.page(move || found.with(|(rows, _)| rows.len()));
    let visible = move || found.with(|(rows, _)| on_page(rows, page.get()));

    view! {
        <div class="page-head">
            <h1 id="page-title" tabindex="-1">{move || t(Label::CooperativesTitle, lang.get())}</h1>
            <a class="button primary" id="new-cooperative" href=Route::NewCooperative.href()>{move || t(Label::NewCooperative, lang.get())}</a>
        </div>
        <div class="filters" role="search" aria-label=move || t(Label::Filters, lang.get())>
            <div class="field wide">
                <label for="search">{move || t(Label::Search, lang.get())}</label>
                <input id="search" type="search" autocomplete="off" dir="auto" aria-describedby="search-hint"
                    prop:value=param("q") on:input=set("q") />
                <p class="hint" id="search-hint">{move || t(Label::SearchCooperativesHint, lang.get())}</p>
            </div>
            <details class="more-filters" open=move || filtering.get()>
                <summary>{move || t(Label::Filters, lang.get())}</summary>
                <div class="filter-grid">
                    <div class="field">
                        <label for="filter-commune">{move || t(Label::Commune, lang.get())}</label>
                        <select id="filter-commune" on:change=set("commune")>{communes}</select>
                    </div>
                    <div class="field">
                        <label for="filter-milieu">{move || t(Label::Milieu, lang.get())}</label>
                        <select id="filter-milieu" on:change=set("milieu")>{milieux}</select>
                    </div>
                    <div class="field">
                        <label for="filter-sector">{move || t(Label::Sector, lang.get())}</label>
                        <select id="filter-sector" on:change=set("sector")>{sectors}</select>
                    </div>
                    <div class="field">
                        <label for="filter-status">{move || t(Label::Status, lang.get())}</label>
                        <select id="filter-status" on:change=set("status")>{statuses}</select>
                    </div>
                    <div class="field">
                        <label for="sort">{move || t(Label::SortBy, lang.get())}</label>
                        <select id="sort" on:change=set("sort")>{sorts}</select>
                    </div>
                    <div class="field check">
                        <input id="filter-women" type="checkbox" prop:checked=move || !param("women")().is_empty() on:change=query.set_ticked("women") />
                        <label for="filter-women">{move || t(Label::OnlyWomenLed, lang.get())}</label>
                    </div>
                    <div class="field">
                        <button type="button" id="clear-filters" on:click=query.clear(Route::Cooperatives)>{move || t(Label::ClearFilters, lang.get())}</button>
                    </div>
                </div>
            </details>
        </div>
        <p class="count" id="result-count" role="status">{count}</p>
        <ul class="records" id="cooperatives">
            {move || {
                let lang = lang.get();
                let rows = visible();
                if rows.is_empty() {
                    return view! { <li class="empty">{t(Label::NoResults, lang)}</li> }.into_any();
                }
                rows.into_iter()
                    .map(|row| {
                        let other_lang = other(lang).code();
                        let show_other = row.other_name != row.name;
                        view! {
                            <li class="record cooperative">
                                <a class="record-title" href=Route::Cooperative(row.id).href()><bdi>{row.name}</bdi></a>
                                {show_other.then(|| view! { <span class="other-name"><bdi lang=other_lang>{row.other_name}</bdi></span> })}
                                <p class="meta">
                                    <span><bdi>{row.commune}</bdi></span>
                                    {row.milieu.map(|m| view! { <span>{m}</span> })}
                                    <span><bdi>{row.sector}</bdi></span>
                                    <span class="status">{row.status}</span>
                                    <span>{text::count(u64::from(row.members), Noun::Member, lang)}</span>
                                    {row.women_led.then(|| view! { <span class="badge">{t(Label::WomenLed, lang)}</span> })}
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
