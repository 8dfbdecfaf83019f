//! The dashboard (home page, `#/`): the headline figures and sentence, the INDH's disbursements,
//! breakdowns drawn as charts with their tables, filters kept in the address, and the drill-down
//! list of the cooperatives or projects behind any figure or bar (`#/?drill=milieu:rural`).
//!
//! Every number, share, label and definition comes from `taawun_core::stats`; this page only lays
//! them out. With no filter the figures, years and largest supports come from the running tally
//! the app keeps beside the data (`stats::Tally`, updated by difference at each edit); a filtered
//! view counts its projects once. The address holds the filters (core's `Selection`), the bucket
//! opened (`drill`) and which of its lists is shown (`list`), so every view can be bookmarked and
//! reloaded.

use std::rc::Rc;

use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::dataset::Dataset;
use taawun_core::fold;
use taawun_core::id::Id;
use taawun_core::reference::Milieu;
use taawun_core::stats::{self, Behind, Breakdown, Drill, Figure, Figures, Filter, Point, SELECTION_KEYS, Selection, Tally};
use taawun_core::text::{self, GROUP_SEPARATOR, Noun};

use crate::charts::tree::{Fragment, Markup};
use crate::charts::{Bar, Column, Slice, bar_chart, column_chart, data_table, progress_bar, ring_chart};
use crate::components::colon;
use crate::i18n::{Label, t};
use crate::pages::list::sorted_by_key;
use crate::route::{self, Location, Route};
use crate::state::AppState;
use wasm_bindgen::JsCast;

/// How many cooperatives the chart of the largest supports shows.
const LARGEST: usize = 10;

/// Which list of a bucket's records is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    Cooperatives,
    Projects,
}

impl List {
    fn code(self) -> &'static str {
        match self {
            List::Cooperatives => "cooperatives",
            List::Projects => "projects",
        }
    }

    fn parse(code: &str) -> List {
        if code == "projects" { List::Projects } else { List::Cooperatives }
    }
}

fn selection_of(location: &Location) -> Selection {
    Selection::from_query(location.query.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// The query pairs of `location` that are not the selection's (the drill-down, its list).
fn others_of(location: &Location) -> Vec<(&str, String)> {
    location.query.iter().filter(|(k, _)| !SELECTION_KEYS.contains(&k.as_str())).map(|(k, v)| (k.as_str(), v.clone())).collect()
}

/// The dashboard's address for `selection`, followed by `more` pairs.
fn address(selection: &Selection, more: &[(&str, String)]) -> Location {
    let mut query: Vec<(String, String)> = selection.to_query().into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    query.extend(more.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| ((*k).to_owned(), v.clone())));
    Location { route: Route::Dashboard, query }
}

/// The link that opens the records behind `drill`, under the same filters.
fn drill_href(selection: &Selection, drill: &Drill, list: List) -> String {
    address(selection, &[("drill", drill.code()), ("list", list.code().to_owned())]).href()
}

/// The address after the filter control `control` took `value`, or `None` when `control` is not
/// one of the filters.
fn changed(location: &Location, control: &str, value: String) -> Option<Location> {
    let mut selection = selection_of(location);
    let chosen = (!value.is_empty()).then(|| value.clone());
    match control {
        "dash-from" => selection.from = value.parse().ok(),
        "dash-to" => selection.to = value.parse().ok(),
        "dash-programme" => {
            // An axis of another programme would leave nothing to count.
            if selection.programme != chosen {
                selection.axis = None;
            }
            selection.programme = chosen;
        }
        "dash-axis" => selection.axis = chosen,
        // One commune, or (the option the report's several communes give) the same several.
        "dash-commune" => selection.communes = Selection::from_query([("commune", value.as_str())]).communes,
        "dash-milieu" => selection.milieu = stats::milieu_of_code(&value),
        _ => return None,
    }
    Some(address(&selection, &others_of(location)))
}

/// The dashboard page, or the drill-down list its address asks for.
///
/// The whole page is a fragment written from the data, the language and the address, again
/// whenever one of them changes; the filters' changes reach one listener on the page, which
/// replaces the address (no new history entry). The figures of everything come from the app's
/// running tally (counted once, then kept by difference); a filtered view counts its own.
#[component]
pub fn Dashboard(state: AppState, location: RwSignal<Location>) -> impl IntoView {
    let content: Rc<dyn Fn() -> Markup> = Rc::new(move || {
        let lang = state.lang.get();
        let mut m = Markup::new();
        location.with(|l| {
            state.dataset.with(|d| {
                // With no filter, the running tally gives the figures (a drill-down ignores it).
                let everything = selection_of(l).filter(d.reference()) == Filter::default();
                let drawn = everything && state.with_tally(d, |tally| page(&mut m, d, Some(tally), l, lang)).is_some();
                if !drawn {
                    page(&mut m, d, None, l, lang);
                }
            })
        });
        m
    });
    let on_change = move |ev: leptos::ev::Event| {
        let Some(control) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let value = event_target_value(&ev);
        if let Some(next) = location.with_untracked(|l| changed(l, &control.id(), value)) {
            route::replace(location, next);
        }
    };
    view! {
        <div on:change=on_change>
            <Fragment id="dashboard" content />
        </div>
    }
}

/// Writes the home page as it is with no filter chosen (for the glance, `crate::glance`), its
/// figures counted afresh.
pub fn home(m: &mut Markup, dataset: &Dataset, lang: Lang) {
    page(m, dataset, None, &Location { route: Route::Dashboard, query: Vec::new() }, lang);
}

/// Writes the page for `location`: the overview, or the records behind a bucket. `tally`, the
/// running tally of `dataset`, gives the figures when nothing is filtered; without it (or with a
/// filter) they are counted here.
fn page(m: &mut Markup, dataset: &Dataset, tally: Option<&Tally>, location: &Location, lang: Lang) {
    let selection = selection_of(location);
    let filter = selection.filter(dataset.reference());
    let others = others_of(location);
    if let Some(drill) = Drill::parse(&location.get("drill")) {
        return drill_page(m, dataset, &selection, &filter, &others, &drill, List::parse(&location.get("list")), lang);
    }
    m.open("h1").attr("id", "page-title").attr("tabindex", "-1").text(t(Label::DashboardTitle, lang)).close();
    // The printable report of the same selection, and the success stories.
    m.open("p").attr("class", "actions page-links no-print");
    m.open("a")
        .attr("class", "button")
        .attr("id", "dash-report")
        .attr_string("href", Route::Report.href_with(&selection.to_query()))
        .text(t(Label::ReportTitle, lang))
        .close();
    m.open("a").attr("class", "button").attr("id", "dash-stories").attr_string("href", Route::Stories.href()).text(t(Label::StoriesTitle, lang)).close();
    m.close();
    // The running tally counts everything: it answers only when nothing is filtered; a filtered
    // view counts its projects once (`stats::compute`'s tally), the years offered staying all.
    let everything = tally.filter(|_| filter == Filter::default());
    let years = everything.map_or_else(|| stats::years(dataset), Tally::years);
    filter_bar(m, dataset, &years, &selection, &others, lang);
    let counted;
    let tally = match everything {
        Some(tally) => tally,
        None => {
            counted = Tally::with_filter(dataset, &filter);
            &counted
        }
    };
    let figures = tally.figures();
    if figures.projects_funded == 0 {
        let label = if selection.is_everything() { Label::DashboardEmpty } else { Label::DashNoMatch };
        m.open("p").attr("class", "muted").attr("id", "dashboard-empty").text(t(label, lang)).close();
        return;
    }
    key_figures(m, figures, &selection, lang);
    disbursement(m, figures, &selection, lang);
    charts(m, dataset, tally, figures, &selection, lang);
}

#[inline(never)]
pub(super) fn option(m: &mut Markup, value: String, text: String, selected: bool) {
    m.open("option").attr_string("value", value);
    if selected {
        m.attr("selected", "");
    }
    m.text_string(text).close();
}

/// Opens a labelled `<select>` (closed by the caller after its options).
#[inline(never)]
pub(super) fn field(m: &mut Markup, id: &'static str, label: Label, lang: Lang) {
    m.open("div").attr("class", "field").open("label").attr("for", id).text(t(label, lang)).close();
    m.open("select").attr("id", id);
}

fn end_field(m: &mut Markup) {
    m.close().close();
}

fn year_field(m: &mut Markup, id: &'static str, label: Label, years: &[u16], current: Option<u16>, none: Label, lang: Lang) {
    field(m, id, label, lang);
    option(m, String::new(), t(none, lang).to_owned(), current.is_none());
    // A year in the address that no project has is still offered, in its place.
    let missing = current.filter(|y| years.binary_search(y).is_err());
    for year in years.iter().copied().chain(missing) {
        option(m, year.to_string(), year.to_string(), current == Some(year));
    }
    end_field(m);
}

/// The filters: period, programme and axis, commune, milieu, and a link that clears them.
fn filter_bar(m: &mut Markup, dataset: &Dataset, years: &[u16], selection: &Selection, others: &[(&str, String)], lang: Lang) {
    let reference = dataset.reference();
    let is = |current: &Option<String>, code: &str| current.as_deref() == Some(code);
    m.open("div").attr("class", "filters dash-filters").attr("role", "search").attr("aria-label", t(Label::Filters, lang));
    year_field(m, "dash-from", Label::DashFrom, years, selection.from, Label::DashFromStart, lang);
    year_field(m, "dash-to", Label::DashTo, years, selection.to, Label::DashToEnd, lang);

    field(m, "dash-programme", Label::Programme, lang);
    option(m, String::new(), t(Label::DashAllProgrammes, lang).to_owned(), selection.programme.is_none());
    for programme in reference.programmes().iter().filter(|p| !p.retired || is(&selection.programme, &p.code)) {
        let name = format!("{} {} — {}", t(Label::Programme, lang), programme.number, programme.name(lang));
        option(m, programme.code.clone(), name, is(&selection.programme, &programme.code));
    }
    end_field(m);

    field(m, "dash-axis", Label::Axis, lang);
    option(m, String::new(), t(Label::AllAxes, lang).to_owned(), selection.axis.is_none());
    for axis in reference.axes().iter().filter(|a| selection.programme.as_deref().is_none_or(|p| a.programme == p)) {
        if !axis.retired || is(&selection.axis, &axis.code) {
            option(m, axis.code.clone(), axis.name(lang).to_owned(), is(&selection.axis, &axis.code));
        }
    }
    end_field(m);

    field(m, "dash-commune", Label::Commune, lang);
    option(m, String::new(), t(Label::AllCommunes, lang).to_owned(), selection.communes.is_empty());
    let one = |code: &str| selection.communes.len() == 1 && selection.communes[0] == code;
    if selection.communes.len() > 1 {
        // Several communes chosen on the report: one option says them all.
        let names: Vec<&str> = selection.communes.iter().map(|code| reference.commune(code).map_or(code.as_str(), |c| c.name(lang))).collect();
        option(m, selection.communes.join(","), names.join(" + "), true);
    }
    for commune in reference.communes().iter().filter(|c| !c.retired || selection.communes.contains(&c.code)) {
        // Arrondissements follow their municipality, set in by a dash.
        let name = if commune.parent.is_some() { format!("— {}", commune.name(lang)) } else { commune.name(lang).to_owned() };
        option(m, commune.code.clone(), name, one(&commune.code));
    }
    end_field(m);

    field(m, "dash-milieu", Label::Milieu, lang);
    option(m, String::new(), t(Label::AllMilieux, lang).to_owned(), selection.milieu.is_none());
    for milieu in [Milieu::Rural, Milieu::Urban] {
        option(m, stats::milieu_code(milieu).to_owned(), milieu.name(lang).to_owned(), selection.milieu == Some(milieu));
    }
    end_field(m);

    if !selection.is_everything() {
        let clear = address(&Selection::default(), others).href();
        m.open("div").attr("class", "field").open("a").attr("class", "button").attr("id", "dash-clear").attr_string("href", clear);
        m.text(t(Label::ClearFilters, lang)).close().close();
    }
    m.close();
}

/// A figure's definition, one tap away.
#[inline(never)]
fn definition(m: &mut Markup, figure: Figure, lang: Lang) {
    m.open("details").attr("class", "definition").open("summary").text(t(Label::DashDefinition, lang));
    m.open("span").attr("class", "visually-hidden").text_string(format!("{}{}", colon(lang), figure.name(lang))).close();
    m.close().open("p").text(figure.definition(lang)).close().close();
}

/// One headline figure: its value and name (a link to the records behind it), an optional line of
/// detail, and its definition.
#[inline(never)]
fn card(m: &mut Markup, figure: Figure, id: String, value: String, detail: Option<String>, href: String, lang: Lang) {
    m.open("div").attr("class", "figure-card").attr_string("id", id);
    m.open("a").attr("class", "figure-link").attr_string("href", href);
    m.open("span").attr("class", "figure-value").text_string(value).close();
    m.open("span").attr("class", "figure-name").text(figure.name(lang)).close();
    if let Some(detail) = detail {
        m.open("span").attr("class", "figure-detail").text_string(detail).close();
    }
    m.close();
    definition(m, figure, lang);
    m.close();
}

/// "Women: 120 · Young people: 80" under a count of people.
fn people_detail(women: u64, youth: u64, lang: Lang) -> String {
    let (colon, women, youth) = (colon(lang), text::integer(women, lang), text::integer(youth, lang));
    format!("{}{colon}{women} · {}{colon}{youth}", t(Label::DashWomen, lang), t(Label::DashYouth, lang))
}

fn share_text(part: u64, whole: u64, lang: Lang) -> Option<String> {
    stats::share(part, whole).map(|rate| text::percent(rate, lang))
}

fn shown(figures: &Figures, figure: Figure, lang: Lang) -> String {
    figures.shown(figure, lang).unwrap_or_else(|| "—".to_owned())
}

/// The headline sentence and the headline figures, each a link to the records behind it.
fn key_figures(m: &mut Markup, figures: &Figures, selection: &Selection, lang: Lang) {
    let funded = figures.cooperatives_funded;
    let (all, projects) = (Drill::Funded, List::Projects);
    let cards = [
        (Figure::CooperativesFunded, None, Drill::Funded, List::Cooperatives),
        (Figure::Rural, share_text(figures.rural, funded, lang), Drill::Milieu(Milieu::Rural), List::Cooperatives),
        (Figure::Urban, share_text(figures.urban, funded, lang), Drill::Milieu(Milieu::Urban), List::Cooperatives),
        (Figure::ProjectsFunded, None, all.clone(), projects),
        (Figure::TotalSupport, None, all.clone(), projects),
        (Figure::IndhContribution, None, all.clone(), projects),
        (Figure::IndhShare, None, all.clone(), projects),
        (Figure::Leverage, None, all.clone(), projects),
        (Figure::WomenLed, share_text(figures.women_led, funded, lang), Drill::WomenLed(true), List::Cooperatives),
        (Figure::Members, Some(people_detail(figures.members.women, figures.members.youth, lang)), all.clone(), List::Cooperatives),
        (Figure::Jobs, Some(people_detail(figures.jobs.women, figures.jobs.youth, lang)), all, projects),
    ];
    m.open("section").attr("class", "key-figures").attr("aria-labelledby", "key-figures-title");
    m.open("p").attr("class", "headline").attr("id", "headline").text_string(stats::headline(figures, lang)).close();
    m.open("h2").attr("id", "key-figures-title").attr("class", "visually-hidden").text(t(Label::DashKeyFigures, lang)).close();
    m.open("div").attr("class", "figure-grid");
    for (figure, detail, drill, list) in cards {
        card(m, figure, format!("fig-{}", figure.code()), shown(figures, figure, lang), detail, drill_href(selection, &drill, list), lang);
    }
    m.close().close();
}

/// The INDH's commitment, what it has disbursed, and the rate, with a progress bar.
fn disbursement(m: &mut Markup, figures: &Figures, selection: &Selection, lang: Lang) {
    let projects = drill_href(selection, &Drill::Funded, List::Projects);
    let committed = figures.indh_contribution;
    let (disbursed, whole) = (text::amount(figures.indh_disbursed, lang), text::amount(committed, lang));
    let title = format!("{}{}{disbursed} / {whole}", Figure::DisbursementRate.name(lang), colon(lang));
    m.open("section").attr("class", "disbursement").attr("id", "disbursement").attr("aria-labelledby", "disbursement-title");
    m.open("h2").attr("id", "disbursement-title").text(t(Label::DashDisbursement, lang)).close();
    m.open("div").attr("class", "figure-grid");
    let committed_detail = Some(t(Label::DashCommitted, lang).to_owned());
    card(m, Figure::IndhContribution, "disb-committed".into(), shown(figures, Figure::IndhContribution, lang), committed_detail, projects.clone(), lang);
    card(m, Figure::IndhDisbursed, "disb-disbursed".into(), shown(figures, Figure::IndhDisbursed, lang), None, projects.clone(), lang);
    card(m, Figure::DisbursementRate, "disb-rate".into(), shown(figures, Figure::DisbursementRate, lang), None, projects, lang);
    m.close();
    progress_bar(m, "disbursement-progress", &title, lang.is_rtl(), figures.indh_disbursed.to_centimes(), committed.to_centimes());
    m.close();
}

/// The table cells every breakdown shows for a point: cooperatives, projects, total support,
/// INDH contribution, all in full; and the share of the cooperatives when `share_of` is given.
fn cells(point: &Point, share_of: Option<u64>, lang: Lang) -> Vec<String> {
    let mut cells = vec![
        text::integer(point.cooperatives, lang),
        text::integer(point.projects, lang),
        text::amount(point.total_support, lang),
        text::amount(point.indh_contribution, lang),
    ];
    if let Some(whole) = share_of {
        cells.push(share_text(point.cooperatives, whole, lang).unwrap_or_default());
    }
    cells
}

/// Opens a chart's frame: heading, definition, then the drawing (closed by [`end_chart`]).
fn start_chart(m: &mut Markup, figure: Figure, lang: Lang) {
    let id = format!("chart-{}", figure.code());
    m.open("section").attr("class", "chart").attr_string("id", id.clone()).attr_string("aria-labelledby", format!("{id}-title"));
    m.open("h2").attr_string("id", format!("{id}-title")).text(figure.name(lang)).close();
    definition(m, figure, lang);
    m.open("div").attr("class", "chart-drawing");
}

/// Closes a chart's frame after its drawing, with the table of its points one tap away.
fn end_chart(m: &mut Markup, figure: Figure, first: Label, points: &[Point], share_of: Option<u64>, lang: Lang) {
    let mut headers: Vec<String> = [first, Label::DashCooperatives, Label::DashProjects].iter().map(|l| t(*l, lang).to_owned()).collect();
    headers.push(Figure::TotalSupport.name(lang).to_owned());
    headers.push(Figure::IndhContribution.name(lang).to_owned());
    if share_of.is_some() {
        headers.push(t(Label::DashShare, lang).to_owned());
    }
    let rows: Vec<(String, Vec<String>)> = points.iter().map(|p| (p.label.clone(), cells(p, share_of, lang))).collect();
    m.close().open("details").attr("class", "table-alt").open("summary").text(t(Label::DashTable, lang)).close();
    data_table(m, format!("chart-{}-table", figure.code()), figure.name(lang), &headers, &rows);
    m.close().close();
}

/// A breakdown drawn as bars of total support (or of cooperatives), with its table.
fn bars_of(m: &mut Markup, figure: Figure, points: &[Point], by_cooperatives: bool, first: Label, selection: &Selection, lang: Lang) {
    let list = if by_cooperatives { List::Cooperatives } else { List::Projects };
    let bars: Vec<Bar> = points
        .iter()
        .map(|p| {
            let (full, cooperatives, projects) =
                (text::amount(p.total_support, lang), text::count(p.cooperatives, Noun::Cooperative, lang), text::count(p.projects, Noun::Project, lang));
            Bar {
                label: p.label.clone(),
                magnitude: if by_cooperatives { p.cooperatives } else { p.total_support.to_centimes() },
                value: if by_cooperatives { cooperatives.clone() } else { text::amount_compact(p.total_support, lang) },
                tooltip: format!("{}{}{full} · {cooperatives} · {projects}", p.label, colon(lang)),
                href: drill_href(selection, &p.drill, list),
                key: p.drill.code(),
            }
        })
        .collect();
    start_chart(m, figure, lang);
    bar_chart(m, &format!("chart-{}", figure.code()), figure.name(lang), lang.is_rtl(), &bars);
    end_chart(m, figure, first, points, None, lang);
}

/// A breakdown of cooperatives drawn as a ring of shares, with its table.
fn ring_of(m: &mut Markup, figure: Figure, points: &[Point], whole: u64, first: Label, selection: &Selection, lang: Lang) {
    let slices: Vec<Slice> = points
        .iter()
        .map(|p| {
            let share = share_text(p.cooperatives, whole, lang).unwrap_or_default();
            let count = text::count(p.cooperatives, Noun::Cooperative, lang);
            Slice {
                label: p.label.clone(),
                magnitude: p.cooperatives,
                value: format!("{} · {share}", text::integer(p.cooperatives, lang)),
                tooltip: format!("{}{}{count} ({share})", p.label, colon(lang)),
                href: drill_href(selection, &p.drill, List::Cooperatives),
                key: p.drill.code(),
            }
        })
        .collect();
    start_chart(m, figure, lang);
    ring_chart(m, &format!("chart-{}", figure.code()), figure.name(lang), lang.is_rtl(), &text::integer(whole, lang), &slices);
    end_chart(m, figure, first, points, Some(whole), lang);
}

/// An amount as core writes it, split into its number and its unit (core puts a no-break space
/// before the unit, and only group separators before that).
fn number_and_unit(written: &str) -> (&str, &str) {
    written.rsplit_once(GROUP_SEPARATOR).unwrap_or((written, ""))
}

/// The timeline: total support by year, the INDH's part dark at the foot of each column. The
/// values are written over the columns when they all share one unit (`MDH`), written once.
fn timeline(m: &mut Markup, points: &[Point], selection: &Selection, lang: Lang) {
    let figure = Figure::ByYear;
    let written: Vec<String> = points.iter().map(|p| text::amount_compact(p.total_support, lang)).collect();
    let units: Vec<&str> = written.iter().map(|w| number_and_unit(w).1).collect();
    let unit = units.first().copied().filter(|first| units.iter().all(|u| u == first));
    let (total_name, indh_name) = (Figure::TotalSupport.name(lang), Figure::IndhContribution.name(lang));
    let columns: Vec<Column> = points
        .iter()
        .zip(&written)
        .map(|(p, written)| {
            let (total, indh) = (text::amount(p.total_support, lang), text::amount(p.indh_contribution, lang));
            Column {
                label: p.label.clone(),
                whole: p.total_support.to_centimes(),
                part: p.indh_contribution.to_centimes(),
                value: number_and_unit(written).0.to_owned(),
                tooltip: format!("{}{}{total_name} {total} · {indh_name} {indh}", p.label, colon(lang)),
                href: drill_href(selection, &p.drill, List::Projects),
                key: p.drill.code(),
            }
        })
        .collect();
    start_chart(m, figure, lang);
    column_chart(m, &format!("chart-{}", figure.code()), figure.name(lang), lang.is_rtl(), &columns, (indh_name, t(Label::DashOtherSources, lang)), unit);
    end_chart(m, figure, Label::Year, points, None, lang);
}

/// Every chart of the dashboard, in a grid: `figures` and the largest supports of `tally`.
fn charts(m: &mut Markup, dataset: &Dataset, tally: &Tally, figures: &Figures, selection: &Selection, lang: Lang) {
    let series = |breakdown| stats::series(figures, breakdown, dataset, lang);
    let whole = figures.cooperatives_funded;
    m.open("section").attr("class", "charts").attr("aria-labelledby", "charts-title");
    m.open("h2").attr("id", "charts-title").attr("class", "visually-hidden").text(t(Label::DashCharts, lang)).close();
    m.open("div").attr("class", "chart-grid");
    ring_of(m, Figure::ByMilieu, &series(Breakdown::Milieu), whole, Label::Milieu, selection, lang);
    ring_of(m, Figure::ByWomenLed, &series(Breakdown::WomenLed), whole, Label::DashCategory, selection, lang);
    timeline(m, &series(Breakdown::Year), selection, lang);
    bars_of(m, Figure::ByCommune, &series(Breakdown::Commune), false, Label::Commune, selection, lang);
    bars_of(m, Figure::BySector, &series(Breakdown::Sector), true, Label::Sector, selection, lang);
    bars_of(m, Figure::ByAxis, &series(Breakdown::Axis), false, Label::Axis, selection, lang);
    bars_of(m, Figure::LargestSupports, &tally.largest(dataset, LARGEST, lang), false, Label::Cooperative, selection, lang);
    m.close().close();
}

/// One row of a drill-down list, already in the user's language.
struct Row {
    id: Id,
    name: String,
    cells: Vec<String>,
}

/// The rows of the cooperatives, by name in the language's order.
fn cooperative_rows(dataset: &Dataset, ids: &[Id], lang: Lang) -> Vec<Row> {
    let reference = dataset.reference();
    let rows: Vec<Row> = ids
        .iter()
        .filter_map(|id| dataset.cooperatives().get(*id))
        .map(|record| {
            let c = &record.data;
            let commune = reference.commune(&c.commune).map_or_else(|| c.commune.clone(), |x| x.name(lang).to_owned());
            let milieu = c.milieu(reference).map(|m| m.name(lang).to_owned()).unwrap_or_default();
            let sector = reference.sector(&c.sector).map_or_else(|| c.sector.clone(), |x| x.name(lang).to_owned());
            Row {
                id: record.id,
                name: c.name(lang).to_owned(),
                cells: vec![commune, milieu, sector, text::count(u64::from(c.members.total), Noun::Member, lang)],
            }
        })
        .collect();
    sorted_by_key(rows, |row| fold::sort_key(&row.name))
}

/// The rows of the projects, by year, then by title in the language's order.
fn project_rows(dataset: &Dataset, ids: &[Id], lang: Lang) -> Vec<Row> {
    let rows: Vec<Row> = ids
        .iter()
        .filter_map(|id| dataset.projects().get(*id))
        .map(|record| {
            let p = &record.data;
            let cooperative = dataset.cooperatives().get(p.cooperative).map(|c| c.data.name(lang).to_owned()).unwrap_or_default();
            let cells = vec![cooperative, stats::project_year(p).to_string(), p.status.name(lang).to_owned(), text::amount(p.total_cost, lang)];
            Row { id: record.id, name: p.title(lang).to_owned(), cells }
        })
        .collect();
    // The year is the second cell: four digits sort as text.
    sorted_by_key(rows, |row| format!("{}{}", row.cells[1], fold::sort_key(&row.name)))
}

/// The list of a bucket's cooperatives, or the table of its projects.
fn records(m: &mut Markup, dataset: &Dataset, behind: &Behind, list: List, lang: Lang) {
    match list {
        List::Cooperatives => {
            m.open("ul").attr("class", "records drill-list").attr("id", "drill-cooperatives");
            for row in cooperative_rows(dataset, &behind.cooperatives, lang) {
                m.open("li").attr("class", "record drill-item").attr_string("data-id", row.id.to_string());
                m.open("a").attr("class", "record-title").attr_string("href", Route::Cooperative(row.id).href()).leaf("bdi", row.name).close();
                m.open("p").attr("class", "meta");
                for cell in row.cells.into_iter().filter(|c| !c.is_empty()) {
                    m.open("span").leaf("bdi", cell).close();
                }
                m.close().close();
            }
            m.close();
        }
        List::Projects => {
            m.open("div").attr("class", "table-scroll").open("table").attr("class", "data-table drill-list").attr("id", "drill-projects");
            m.open("thead").open("tr");
            for head in [Label::Project, Label::Cooperative, Label::Year, Label::Status, Label::TotalCost] {
                m.open("th").attr("scope", "col").text(t(head, lang)).close();
            }
            m.close().close().open("tbody");
            for row in project_rows(dataset, &behind.projects, lang) {
                m.open("tr").attr("class", "drill-item").attr_string("data-id", row.id.to_string());
                m.open("th").attr("scope", "row").open("a").attr_string("href", Route::Project(row.id).href()).leaf("bdi", row.name).close().close();
                for cell in row.cells {
                    m.open("td").leaf("bdi", cell).close();
                }
                m.close();
            }
            m.close().close().close();
        }
    }
}

/// The records behind one bucket, under the same filters: its cooperatives or its projects, with
/// the way back to the dashboard and the filters.
#[allow(clippy::too_many_arguments)]
fn drill_page(m: &mut Markup, dataset: &Dataset, selection: &Selection, filter: &Filter, others: &[(&str, String)], drill: &Drill, list: List, lang: Lang) {
    let behind = stats::behind(dataset, filter, drill);
    m.open("p").attr("class", "back").open("a").attr("id", "drill-back").attr_string("href", address(selection, &[]).href());
    m.text(t(Label::BackToDashboard, lang)).close().close();
    m.open("h1").attr("id", "page-title").attr("tabindex", "-1");
    m.leaf("bdi", format!("{}{}{}", t(Label::DashDetail, lang), colon(lang), drill.label(dataset, lang))).close();
    filter_bar(m, dataset, &stats::years(dataset), selection, others, lang);
    m.open("nav").attr("class", "tabs").attr("aria-label", t(Label::DashDetail, lang));
    for (which, label, count) in
        [(List::Cooperatives, Label::DashCooperatives, behind.cooperatives.len()), (List::Projects, Label::DashProjects, behind.projects.len())]
    {
        m.open("a").attr("class", "tab").attr_string("id", format!("drill-tab-{}", which.code())).attr_string("href", drill_href(selection, drill, which));
        if which == list {
            m.attr("aria-current", "page");
        }
        m.text_string(format!("{} ({})", t(label, lang), text::integer(count as u64, lang))).close();
    }
    m.close();
    records(m, dataset, &behind, list, lang);
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn drawn_from(dataset: &Dataset, tally: Option<&Tally>, location: &str, lang: Lang) -> web_sys::Element {
        let mut m = Markup::new();
        page(&mut m, dataset, tally, &Location::parse(location), lang);
        m.build(&web_sys::window().unwrap().document().unwrap()).unwrap()
    }

    fn drawn(location: &str, lang: Lang) -> web_sys::Element {
        drawn_from(&taawun_core::demo::dataset(), None, location, lang)
    }

    #[wasm_bindgen_test]
    fn the_dashboard_drawn_from_the_running_tally_after_an_edit_is_the_one_computed_from_scratch() {
        use taawun_core::dataset::{Edit, EditContext};
        use taawun_core::record::{Author, RecordKind, RecordRef, Timestamp};
        let mut dataset = taawun_core::demo::dataset();
        let mut tally = Tally::new(&dataset);
        // The first of the largest supports loses its first funded project, and is renamed.
        let author = Author { at: Timestamp::from_millis(1_760_000_000_000).unwrap(), user: "t".into(), device: Id::from_u128(7), device_name: "t".into() };
        let Drill::Cooperative(first) = tally.largest(&dataset, 1, Lang::Fr)[0].drill else { unreachable!("the largest supports are cooperatives") };
        let project = dataset.projects_of(first).find(|p| p.data.status.is_funded()).map(|p| (p.id, p.meta.revision)).unwrap();
        let target = RecordRef { kind: RecordKind::Project, id: project.0 };
        let applied = dataset.apply(Edit::Delete { target, base_revision: project.1 }, &EditContext::recorded(author.clone())).unwrap();
        tally.applied(&dataset, &applied);
        let mut renamed = dataset.cooperatives().get(first).unwrap().clone();
        renamed.data.name_fr = "Coopérative renommée (fictive)".into();
        let edit = Edit::UpdateCooperative { id: first, base_revision: renamed.meta.revision, cooperative: renamed.data };
        let applied = dataset.apply(edit, &EditContext::recorded(author)).unwrap();
        tally.applied(&dataset, &applied);
        for lang in [Lang::Fr, Lang::Ar] {
            let (from_tally, computed) = (drawn_from(&dataset, Some(&tally), "#/", lang), drawn_from(&dataset, None, "#/", lang));
            assert_eq!(from_tally.outer_html(), computed.outer_html());
        }
        assert!(drawn_from(&dataset, Some(&tally), "#/", Lang::Fr).text_content().unwrap().contains("Coopérative renommée (fictive)"));
        // A filtered view is computed, whatever the tally says.
        let stale = Tally::new(&taawun_core::demo::dataset());
        assert_eq!(
            drawn_from(&dataset, Some(&stale), "#/?milieu=rural", Lang::Fr).outer_html(),
            drawn_from(&dataset, None, "#/?milieu=rural", Lang::Fr).outer_html()
        );
    }

    #[wasm_bindgen_test]
    fn a_filter_change_keeps_the_drill_down_and_a_new_programme_drops_the_old_axis() {
        let here = Location::parse("#/?programme=P3&axis=P3-ESS&drill=milieu%3Arural&list=projects");
        let next = changed(&here, "dash-programme", "P2".into()).unwrap();
        assert_eq!(next.href(), "#/?programme=P2&drill=milieu%3Arural&list=projects");
        let next = changed(&here, "dash-from", "2021".into()).unwrap();
        assert_eq!(next.get("from"), "2021");
        assert_eq!(next.get("axis"), "P3-ESS");
        assert_eq!(changed(&here, "search", "amal".into()), None, "a control that is not a filter changes nothing");
    }

    #[wasm_bindgen_test]
    fn the_drill_down_of_rural_lists_the_33_rural_cooperatives_of_the_demo() {
        let page = drawn("#/?drill=milieu%3Arural", Lang::Fr);
        assert_eq!(page.query_selector_all("#drill-cooperatives .drill-item").unwrap().length(), 33);
    }

    #[wasm_bindgen_test]
    fn charts_are_drawn_right_to_left_in_arabic() {
        let page = drawn("#/", Lang::Ar);
        let charts = page.query_selector_all("svg.chart-svg").unwrap();
        assert_eq!(charts.length(), 8, "seven charts and the progress bar");
        assert_eq!(page.query_selector_all("svg.chart-svg[direction=rtl]").unwrap().length(), 8);
    }

    #[wasm_bindgen_test]
    fn two_communes_from_the_report_are_one_option_of_the_dashboard_that_keeps_them_both() {
        let page = drawn("#/?commune=ASL&commune=MNZ", Lang::Fr);
        let chosen = page.query_selector("#dash-commune option[selected]").unwrap().unwrap();
        assert_eq!(chosen.get_attribute("value").as_deref(), Some("ASL,MNZ"));
        assert_eq!(chosen.text_content().as_deref(), Some("Assilah + Al Manzla"));
        assert_eq!(page.query_selector_all("#dash-commune option[selected]").unwrap().length(), 1);
        let here = Location::parse("#/?milieu=rural");
        let both = changed(&here, "dash-commune", "ASL,MNZ".into()).unwrap();
        assert_eq!(both.href(), "#/?commune=ASL&commune=MNZ&milieu=rural");
        let one = changed(&both, "dash-commune", "TNG".into()).unwrap();
        assert_eq!(one.href(), "#/?commune=TNG&milieu=rural");
    }

    #[wasm_bindgen_test]
    fn a_year_asked_in_the_address_is_offered_even_without_projects() {
        let page = drawn("#/?from=2030", Lang::Fr);
        assert!(page.query_selector("#dash-from option[value='2030'][selected]").unwrap().is_some());
        assert!(page.query_selector("#dashboard-empty").unwrap().is_some());
    }
}
