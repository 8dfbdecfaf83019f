//! The dashboard (home page, `#/`): the headline figures and sentence, the INDH's disbursements,
//! breakdowns drawn as charts with their tables, filters kept in the address, and the drill-down
//! list of the cooperatives or projects behind any figure or bar (`#/?drill=milieu:rural`).
//!
//! Every number, share, label and definition comes from `taawun_core::stats`; this page only lays
//! them out. The address holds the filters (core's `Selection`), the bucket opened (`drill`) and
//! which of its lists is shown (`list`), so every view can be bookmarked and reloaded.

use std::rc::Rc;

use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::dataset::Dataset;
use taawun_core::fold;
use taawun_core::id::Id;
use taawun_core::reference::Milieu;
use taawun_core::stats::{self, Behind, Breakdown, Drill, Figure, Figures, Filter, Point, SELECTION_KEYS, Selection};
use taawun_core::text::{self, GROUP_SEPARATOR, Noun};

use crate::charts::tree::{Element, Fragment, html};
use crate::charts::{Bar, Column, Slice, bar_chart, column_chart, data_table, progress_bar, ring_chart};
use crate::components::colon;
use crate::i18n::{Label, t};
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
        "dash-commune" => selection.commune = chosen,
        "dash-milieu" => selection.milieu = stats::milieu_of_code(&value),
        _ => return None,
    }
    Some(address(&selection, &others_of(location)))
}

/// The dashboard page, or the drill-down list its address asks for.
///
/// The whole page is a fragment drawn from the data, the language and the address, again
/// whenever one of them changes; the filters' changes reach one listener on the page, which
/// replaces the address (no new history entry).
#[component]
pub fn Dashboard(state: AppState, location: RwSignal<Location>) -> impl IntoView {
    let content: Rc<dyn Fn() -> Element> = Rc::new(move || {
        let lang = state.lang.get();
        location.with(|l| state.dataset.with(|d| page(d, l, lang)))
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

/// The page for `location`: the overview, or the records behind a bucket.
fn page(dataset: &Dataset, location: &Location, lang: Lang) -> Element {
    let selection = selection_of(location);
    let filter = selection.filter(dataset.reference());
    let others = others_of(location);
    match Drill::parse(&location.get("drill")) {
        Some(drill) => drill_page(dataset, &selection, &filter, &others, &drill, List::parse(&location.get("list")), lang),
        None => html("div")
            .child(html("h1").attr("id", "page-title").attr("tabindex", "-1").child(t(Label::DashboardTitle, lang)))
            .child(filter_bar(dataset, &selection, &others, lang))
            .child(overview(dataset, &stats::compute(dataset, &filter), &filter, &selection, lang)),
    }
}

fn option(value: String, text: String, selected: bool) -> Element {
    let option = html("option").attr("value", value);
    if selected { option.attr("selected", "") } else { option }.child(text)
}

fn field(id: &'static str, label: Label, options: Vec<Element>, lang: Lang) -> Element {
    html("div")
        .attr("class", "field")
        .child(html("label").attr("for", id).child(t(label, lang)))
        .child(html("select").attr("id", id).children(options))
}

fn year_options(years: &[u16], current: Option<u16>, none: Label, lang: Lang) -> Vec<Element> {
    let mut years = years.to_vec();
    // A year in the address that no project has is still offered, in its place.
    if let Some(year) = current
        && let Err(place) = years.binary_search(&year)
    {
        years.insert(place, year);
    }
    let mut options = vec![option(String::new(), t(none, lang).to_owned(), current.is_none())];
    options.extend(years.into_iter().map(|y| option(y.to_string(), y.to_string(), current == Some(y))));
    options
}

/// The filters: period, programme and axis, commune, milieu, and a link that clears them.
fn filter_bar(dataset: &Dataset, selection: &Selection, others: &[(&str, String)], lang: Lang) -> Element {
    let reference = dataset.reference();
    let years = stats::years(dataset);
    let is = |current: &Option<String>, code: &str| current.as_deref() == Some(code);

    let mut programmes = vec![option(String::new(), t(Label::DashAllProgrammes, lang).to_owned(), selection.programme.is_none())];
    for programme in reference.programmes().iter().filter(|p| !p.retired || is(&selection.programme, &p.code)) {
        let name = format!("{} {} — {}", t(Label::Programme, lang), programme.number, programme.name(lang));
        programmes.push(option(programme.code.clone(), name, is(&selection.programme, &programme.code)));
    }
    let mut axes = vec![option(String::new(), t(Label::AllAxes, lang).to_owned(), selection.axis.is_none())];
    for axis in reference.axes().iter().filter(|a| selection.programme.as_deref().is_none_or(|p| a.programme == p)) {
        if !axis.retired || is(&selection.axis, &axis.code) {
            axes.push(option(axis.code.clone(), axis.name(lang).to_owned(), is(&selection.axis, &axis.code)));
        }
    }
    let mut communes = vec![option(String::new(), t(Label::AllCommunes, lang).to_owned(), selection.commune.is_none())];
    for commune in reference.communes().iter().filter(|c| !c.retired || is(&selection.commune, &c.code)) {
        // Arrondissements follow their municipality, set in by a dash.
        let name = if commune.parent.is_some() { format!("— {}", commune.name(lang)) } else { commune.name(lang).to_owned() };
        communes.push(option(commune.code.clone(), name, is(&selection.commune, &commune.code)));
    }
    let mut milieux = vec![option(String::new(), t(Label::AllMilieux, lang).to_owned(), selection.milieu.is_none())];
    for milieu in [Milieu::Rural, Milieu::Urban] {
        milieux.push(option(stats::milieu_code(milieu).to_owned(), milieu.name(lang).to_owned(), selection.milieu == Some(milieu)));
    }

    let mut bar = html("div")
        .attr("class", "filters dash-filters")
        .attr("role", "search")
        .attr("aria-label", t(Label::Filters, lang))
        .child(field("dash-from", Label::DashFrom, year_options(&years, selection.from, Label::DashFromStart, lang), lang))
        .child(field("dash-to", Label::DashTo, year_options(&years, selection.to, Label::DashToEnd, lang), lang))
        .child(field("dash-programme", Label::Programme, programmes, lang))
        .child(field("dash-axis", Label::Axis, axes, lang))
        .child(field("dash-commune", Label::Commune, communes, lang))
        .child(field("dash-milieu", Label::Milieu, milieux, lang));
    if !selection.is_everything() {
        let clear = address(&Selection::default(), others).href();
        bar = bar.child(html("div").attr("class", "field").child(html("a").attr("class", "button").attr("id", "dash-clear").attr("href", clear).child(t(Label::ClearFilters, lang))));
    }
    bar
}

/// A figure's definition, one tap away.
fn definition(figure: Figure, lang: Lang) -> Element {
    html("details").attr("class", "definition").child(
        html("summary")
            .child(t(Label::DashDefinition, lang))
            .child(html("span").attr("class", "visually-hidden").child(format!("{}{}", colon(lang), figure.name(lang)))),
    )
    .child(html("p").child(figure.definition(lang)))
}

/// One headline figure: its value and name (a link to the records behind it when there is one),
/// an optional line of detail, and its definition.
fn card(figure: Figure, id: String, value: String, detail: Option<String>, href: Option<String>, lang: Lang) -> Element {
    let mut body = match href {
        Some(href) => html("a").attr("href", href),
        None => html("div"),
    };
    body = body
        .attr("class", "figure-link")
        .child(html("span").attr("class", "figure-value").child(value))
        .child(html("span").attr("class", "figure-name").child(figure.name(lang)));
    if let Some(detail) = detail {
        body = body.child(html("span").attr("class", "figure-detail").child(detail));
    }
    html("div").attr("class", "figure-card").attr("id", id).child(body).child(definition(figure, lang))
}

/// "Women: 120 · Young people: 80" under a count of people.
fn people_detail(women: u64, youth: u64, lang: Lang) -> String {
    format!(
        "{}{}{} · {}{}{}",
        t(Label::DashWomen, lang),
        colon(lang),
        text::integer(women, lang),
        t(Label::DashYouth, lang),
        colon(lang),
        text::integer(youth, lang)
    )
}

fn share_text(part: u64, whole: u64, lang: Lang) -> Option<String> {
    stats::share(part, whole).map(|rate| text::percent(rate, lang))
}

fn shown(figures: &Figures, figure: Figure, lang: Lang) -> String {
    figures.shown(figure, lang).unwrap_or_else(|| "—".to_owned())
}

/// The headline sentence and the headline figures, each a link to the records behind it.
fn key_figures(figures: &Figures, selection: &Selection, lang: Lang) -> Element {
    let funded = figures.cooperatives_funded;
    let to = |drill: Drill, list: List| Some(drill_href(selection, &drill, list));
    let cards = [
        (Figure::CooperativesFunded, None, to(Drill::Funded, List::Cooperatives)),
        (Figure::Rural, share_text(figures.rural, funded, lang), to(Drill::Milieu(Milieu::Rural), List::Cooperatives)),
        (Figure::Urban, share_text(figures.urban, funded, lang), to(Drill::Milieu(Milieu::Urban), List::Cooperatives)),
        (Figure::ProjectsFunded, None, to(Drill::Funded, List::Projects)),
        (Figure::TotalSupport, None, to(Drill::Funded, List::Projects)),
        (Figure::IndhContribution, None, to(Drill::Funded, List::Projects)),
        (Figure::IndhShare, None, to(Drill::Funded, List::Projects)),
        (Figure::Leverage, None, to(Drill::Funded, List::Projects)),
        (Figure::WomenLed, share_text(figures.women_led, funded, lang), to(Drill::WomenLed(true), List::Cooperatives)),
        (Figure::Members, Some(people_detail(figures.members.women, figures.members.youth, lang)), to(Drill::Funded, List::Cooperatives)),
        (Figure::Jobs, Some(people_detail(figures.jobs.women, figures.jobs.youth, lang)), to(Drill::Funded, List::Projects)),
    ];
    html("section")
        .attr("class", "key-figures")
        .attr("aria-labelledby", "key-figures-title")
        .child(html("p").attr("class", "headline").attr("id", "headline").child(stats::headline(figures, lang)))
        .child(html("h2").attr("id", "key-figures-title").attr("class", "visually-hidden").child(t(Label::DashKeyFigures, lang)))
        .child(
            html("div")
                .attr("class", "figure-grid")
                .children(cards.into_iter().map(|(figure, detail, href)| card(figure, format!("fig-{}", figure.code()), shown(figures, figure, lang), detail, href, lang))),
        )
}

/// The INDH's commitment, what it has disbursed, and the rate, with a progress bar.
fn disbursement(figures: &Figures, selection: &Selection, lang: Lang) -> Element {
    let projects = || Some(drill_href(selection, &Drill::Funded, List::Projects));
    let committed = figures.indh_contribution;
    let title = format!(
        "{}{}{} / {}",
        Figure::DisbursementRate.name(lang),
        colon(lang),
        text::amount(figures.indh_disbursed, lang),
        text::amount(committed, lang)
    );
    let committed_detail = Some(t(Label::DashCommitted, lang).to_owned());
    html("section")
        .attr("class", "disbursement")
        .attr("id", "disbursement")
        .attr("aria-labelledby", "disbursement-title")
        .child(html("h2").attr("id", "disbursement-title").child(t(Label::DashDisbursement, lang)))
        .child(
            html("div")
                .attr("class", "figure-grid")
                .child(card(Figure::IndhContribution, "disb-committed".into(), shown(figures, Figure::IndhContribution, lang), committed_detail, projects(), lang))
                .child(card(Figure::IndhDisbursed, "disb-disbursed".into(), shown(figures, Figure::IndhDisbursed, lang), None, projects(), lang))
                .child(card(Figure::DisbursementRate, "disb-rate".into(), shown(figures, Figure::DisbursementRate, lang), None, projects(), lang)),
        )
        .child(progress_bar("disbursement-progress", &title, lang.is_rtl(), figures.indh_disbursed.to_centimes(), committed.to_centimes()))
}

/// The table cells every breakdown shows for a point: cooperatives, projects, total support,
/// INDH contribution, all in full.
fn cells(point: &Point, lang: Lang) -> Vec<String> {
    vec![
        text::integer(point.cooperatives, lang),
        text::integer(point.projects, lang),
        text::amount(point.total_support, lang),
        text::amount(point.indh_contribution, lang),
    ]
}

fn headers(first: Label, lang: Lang, share: bool) -> Vec<String> {
    let mut headers = vec![
        t(first, lang).to_owned(),
        t(Label::DashCooperatives, lang).to_owned(),
        t(Label::DashProjects, lang).to_owned(),
        Figure::TotalSupport.name(lang).to_owned(),
        Figure::IndhContribution.name(lang).to_owned(),
    ];
    if share {
        headers.push(t(Label::DashShare, lang).to_owned());
    }
    headers
}

/// A chart's frame: heading, definition, the drawing, and its table one tap away.
fn chart_block(figure: Figure, lang: Lang, drawing: Element, headers: Vec<String>, rows: Vec<(String, Vec<String>)>) -> Element {
    let id = format!("chart-{}", figure.code());
    html("section")
        .attr("class", "chart")
        .attr("id", id.clone())
        .attr("aria-labelledby", format!("{id}-title"))
        .child(html("h2").attr("id", format!("{id}-title")).child(figure.name(lang)))
        .child(definition(figure, lang))
        .child(html("div").attr("class", "chart-drawing").child(drawing))
        .child(
            html("details")
                .attr("class", "table-alt")
                .child(html("summary").child(t(Label::DashTable, lang)))
                .child(data_table(&format!("{id}-table"), figure.name(lang), &headers, &rows)),
        )
}

fn bar_tooltip(point: &Point, lang: Lang) -> String {
    format!(
        "{}{}{} · {} · {}",
        point.label,
        colon(lang),
        text::amount(point.total_support, lang),
        text::count(point.cooperatives, Noun::Cooperative, lang),
        text::count(point.projects, Noun::Project, lang)
    )
}

/// A breakdown drawn as bars of total support (or of cooperatives), with its table.
fn bars_of(figure: Figure, points: &[Point], by_cooperatives: bool, first: Label, selection: &Selection, lang: Lang) -> Element {
    let list = if by_cooperatives { List::Cooperatives } else { List::Projects };
    let bars: Vec<Bar> = points
        .iter()
        .map(|p| Bar {
            label: p.label.clone(),
            magnitude: if by_cooperatives { p.cooperatives } else { p.total_support.to_centimes() },
            value: if by_cooperatives { text::count(p.cooperatives, Noun::Cooperative, lang) } else { text::amount_compact(p.total_support, lang) },
            tooltip: bar_tooltip(p, lang),
            href: drill_href(selection, &p.drill, list),
            key: p.drill.code(),
        })
        .collect();
    let rows = points.iter().map(|p| (p.label.clone(), cells(p, lang))).collect();
    let drawing = bar_chart(&format!("chart-{}", figure.code()), figure.name(lang), lang.is_rtl(), &bars);
    chart_block(figure, lang, drawing, headers(first, lang, false), rows)
}

/// A breakdown of cooperatives drawn as a ring of shares, with its table.
fn ring_of(figure: Figure, points: &[Point], whole: u64, first: Label, selection: &Selection, lang: Lang) -> Element {
    let slices: Vec<Slice> = points
        .iter()
        .map(|p| {
            let share = share_text(p.cooperatives, whole, lang).unwrap_or_default();
            Slice {
                label: p.label.clone(),
                magnitude: p.cooperatives,
                value: format!("{} · {share}", text::integer(p.cooperatives, lang)),
                tooltip: format!("{}{}{} ({share})", p.label, colon(lang), text::count(p.cooperatives, Noun::Cooperative, lang)),
                href: drill_href(selection, &p.drill, List::Cooperatives),
                key: p.drill.code(),
            }
        })
        .collect();
    let rows = points
        .iter()
        .map(|p| {
            let mut row = cells(p, lang);
            row.push(share_text(p.cooperatives, whole, lang).unwrap_or_default());
            (p.label.clone(), row)
        })
        .collect();
    let drawing = ring_chart(&format!("chart-{}", figure.code()), figure.name(lang), lang.is_rtl(), &text::integer(whole, lang), &slices);
    chart_block(figure, lang, drawing, headers(first, lang, true), rows)
}

/// An amount as core writes it, split into its number and its unit (core puts a no-break space
/// before the unit, and only group separators before that).
fn number_and_unit(written: &str) -> (&str, &str) {
    written.rsplit_once(GROUP_SEPARATOR).unwrap_or((written, ""))
}

/// The timeline: total support by year, the INDH's part dark at the foot of each column. The
/// values are written over the columns when they all share one unit (`MDH`), written once.
fn timeline(points: &[Point], selection: &Selection, lang: Lang) -> Element {
    let figure = Figure::ByYear;
    let written: Vec<String> = points.iter().map(|p| text::amount_compact(p.total_support, lang)).collect();
    let units: Vec<&str> = written.iter().map(|w| number_and_unit(w).1).collect();
    let unit = units.first().copied().filter(|first| units.iter().all(|u| u == first));
    let columns: Vec<Column> = points
        .iter()
        .zip(&written)
        .map(|(p, written)| Column {
            label: p.label.clone(),
            whole: p.total_support.to_centimes(),
            part: p.indh_contribution.to_centimes(),
            value: Some(number_and_unit(written).0.to_owned()),
            tooltip: format!(
                "{}{}{} {} · {} {}",
                p.label,
                colon(lang),
                Figure::TotalSupport.name(lang),
                text::amount(p.total_support, lang),
                Figure::IndhContribution.name(lang),
                text::amount(p.indh_contribution, lang)
            ),
            href: drill_href(selection, &p.drill, List::Projects),
            key: p.drill.code(),
        })
        .collect();
    let rows = points.iter().map(|p| (p.label.clone(), cells(p, lang))).collect();
    let legend = (Figure::IndhContribution.name(lang), t(Label::DashOtherSources, lang));
    let drawing = column_chart(&format!("chart-{}", figure.code()), figure.name(lang), lang.is_rtl(), &columns, legend, unit);
    chart_block(figure, lang, drawing, headers(Label::Year, lang, false), rows)
}

/// Every chart of the dashboard, in a grid.
fn charts(dataset: &Dataset, figures: &Figures, filter: &Filter, selection: &Selection, lang: Lang) -> Element {
    let series = |breakdown| stats::series(figures, breakdown, dataset, lang);
    let whole = figures.cooperatives_funded;
    html("section")
        .attr("class", "charts")
        .attr("aria-labelledby", "charts-title")
        .child(html("h2").attr("id", "charts-title").attr("class", "visually-hidden").child(t(Label::DashCharts, lang)))
        .child(
            html("div")
                .attr("class", "chart-grid")
                .child(ring_of(Figure::ByMilieu, &series(Breakdown::Milieu), whole, Label::Milieu, selection, lang))
                .child(ring_of(Figure::ByWomenLed, &series(Breakdown::WomenLed), whole, Label::DashCategory, selection, lang))
                .child(timeline(&series(Breakdown::Year), selection, lang))
                .child(bars_of(Figure::ByCommune, &series(Breakdown::Commune), false, Label::Commune, selection, lang))
                .child(bars_of(Figure::BySector, &series(Breakdown::Sector), true, Label::Sector, selection, lang))
                .child(bars_of(Figure::ByAxis, &series(Breakdown::Axis), false, Label::Axis, selection, lang))
                .child(bars_of(Figure::LargestSupports, &stats::largest(dataset, filter, LARGEST, lang), false, Label::Cooperative, selection, lang)),
        )
}

/// Everything under the filters: the headline, the figures, the disbursements, the charts; or
/// why there is nothing to show.
fn overview(dataset: &Dataset, figures: &Figures, filter: &Filter, selection: &Selection, lang: Lang) -> Element {
    if figures.projects_funded == 0 {
        let label = if selection.is_everything() { Label::DashboardEmpty } else { Label::DashNoMatch };
        return html("p").attr("class", "muted").attr("id", "dashboard-empty").child(t(label, lang));
    }
    html("div")
        .child(key_figures(figures, selection, lang))
        .child(disbursement(figures, selection, lang))
        .child(charts(dataset, figures, filter, selection, lang))
}

/// One row of a drill-down list, already in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    /// Rows sort by this first (a project's year), then by name.
    order: u16,
    id: Id,
    name: String,
    cells: Vec<String>,
}

/// Sorts rows by order, then by name in the language's order (one sort for both lists).
fn sort_rows(rows: &mut [Row]) {
    rows.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| fold::collate(&a.name, &b.name)));
}

fn cooperative_rows(dataset: &Dataset, ids: &[Id], lang: Lang) -> Vec<Row> {
    let reference = dataset.reference();
    let mut rows: Vec<Row> = ids
        .iter()
        .filter_map(|id| dataset.cooperatives().get(*id))
        .map(|record| {
            let c = &record.data;
            let commune = reference.commune(&c.commune).map_or_else(|| c.commune.clone(), |x| x.name(lang).to_owned());
            let milieu = c.milieu(reference).map(|m| m.name(lang).to_owned()).unwrap_or_default();
            let sector = reference.sector(&c.sector).map_or_else(|| c.sector.clone(), |x| x.name(lang).to_owned());
            Row { order: 0, id: record.id, name: c.name(lang).to_owned(), cells: vec![commune, milieu, sector, text::count(u64::from(c.members.total), Noun::Member, lang)] }
        })
        .collect();
    sort_rows(&mut rows);
    rows
}

fn project_rows(dataset: &Dataset, ids: &[Id], lang: Lang) -> Vec<Row> {
    let mut rows: Vec<Row> = ids
        .iter()
        .filter_map(|id| dataset.projects().get(*id))
        .map(|record| {
            let p = &record.data;
            let cooperative = dataset.cooperatives().get(p.cooperative).map(|c| c.data.name(lang).to_owned()).unwrap_or_default();
            let year = stats::project_year(p);
            let cells = vec![cooperative, year.to_string(), p.status.name(lang).to_owned(), text::amount(p.total_cost, lang)];
            Row { order: year, id: record.id, name: p.title(lang).to_owned(), cells }
        })
        .collect();
    sort_rows(&mut rows);
    rows
}

/// The list of a bucket's cooperatives, or the table of its projects.
fn records(dataset: &Dataset, behind: &Behind, list: List, lang: Lang) -> Element {
    match list {
        List::Cooperatives => html("ul").attr("class", "records drill-list").attr("id", "drill-cooperatives").children(
            cooperative_rows(dataset, &behind.cooperatives, lang).into_iter().map(|row| {
                html("li")
                    .attr("class", "record drill-item")
                    .attr("data-id", row.id.to_string())
                    .child(html("a").attr("class", "record-title").attr("href", Route::Cooperative(row.id).href()).child(html("bdi").child(row.name)))
                    .child(html("p").attr("class", "meta").children(row.cells.into_iter().filter(|c| !c.is_empty()).map(|c| html("span").child(html("bdi").child(c)))))
            }),
        ),
        List::Projects => {
            let heads = [Label::Project, Label::Cooperative, Label::Year, Label::Status, Label::TotalCost];
            let body = project_rows(dataset, &behind.projects, lang).into_iter().map(|row| {
                html("tr")
                    .attr("class", "drill-item")
                    .attr("data-id", row.id.to_string())
                    .child(html("th").attr("scope", "row").child(html("a").attr("href", Route::Project(row.id).href()).child(html("bdi").child(row.name))))
                    .children(row.cells.into_iter().map(|c| html("td").child(html("bdi").child(c))))
            });
            html("div").attr("class", "table-scroll").child(
                html("table")
                    .attr("class", "data-table drill-list")
                    .attr("id", "drill-projects")
                    .child(html("thead").child(html("tr").children(heads.into_iter().map(|h| html("th").attr("scope", "col").child(t(h, lang))))))
                    .child(html("tbody").children(body)),
            )
        }
    }
}

/// The records behind one bucket, under the same filters: its cooperatives or its projects, with
/// the way back to the dashboard and the filters.
fn drill_page(dataset: &Dataset, selection: &Selection, filter: &Filter, others: &[(&str, String)], drill: &Drill, list: List, lang: Lang) -> Element {
    let behind = stats::behind(dataset, filter, drill);
    let title = format!("{}{}{}", t(Label::DashDetail, lang), colon(lang), drill.label(dataset, lang));
    let tab = |which: List, label: Label, count: usize| {
        let link = html("a").attr("class", "tab").attr("id", format!("drill-tab-{}", which.code())).attr("href", drill_href(selection, drill, which));
        let link = if which == list { link.attr("aria-current", "page") } else { link };
        link.child(format!("{} ({})", t(label, lang), text::integer(count as u64, lang)))
    };
    html("div")
        .child(html("p").attr("class", "back").child(html("a").attr("id", "drill-back").attr("href", address(selection, &[]).href()).child(t(Label::BackToDashboard, lang))))
        .child(html("h1").attr("id", "page-title").attr("tabindex", "-1").child(html("bdi").child(title)))
        .child(filter_bar(dataset, selection, others, lang))
        .child(
            html("nav")
                .attr("class", "tabs")
                .attr("aria-label", t(Label::DashDetail, lang))
                .child(tab(List::Cooperatives, Label::DashCooperatives, behind.cooperatives.len()))
                .child(tab(List::Projects, Label::DashProjects, behind.projects.len())),
        )
        .child(records(dataset, &behind, list, lang))
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

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
        let dataset = taawun_core::demo::dataset();
        let page = page(&dataset, &Location::parse("#/?drill=milieu%3Arural"), Lang::Fr);
        let items = page.descendants().into_iter().filter(|e| e.get("class") == Some("record drill-item")).count();
        assert_eq!(items, 33);
    }

    #[wasm_bindgen_test]
    fn charts_are_drawn_right_to_left_in_arabic() {
        let dataset = taawun_core::demo::dataset();
        let page = page(&dataset, &Location::parse("#/"), Lang::Ar);
        let charts: Vec<&Element> = page.descendants().into_iter().filter(|e| e.tag == "svg").collect();
        assert!(charts.len() >= 7);
        assert!(charts.iter().all(|svg| svg.get("direction") == Some("rtl")));
    }
}
