//! The dashboard (home page, `#/`): the headline figures and sentence, the INDH's disbursements,
//! breakdowns drawn as charts with their tables, filters kept in the address, and the drill-down
//! list of the cooperatives or projects behind any figure or bar (`#/?drill=milieu:rural`).
//!
//! Every number, share, label and definition comes from `taawun_core::stats`; this page only lays
//! them out. The address holds the filters (core's `Selection`), the bucket opened (`drill`) and
//! which of its lists is shown (`list`), so every view can be bookmarked and reloaded.

use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::dataset::Dataset;
use taawun_core::fold;
use taawun_core::id::Id;
use taawun_core::reference::Milieu;
use taawun_core::stats::{self, Breakdown, Drill, Figure, Figures, Filter, Point, SELECTION_KEYS, Selection};
use taawun_core::text::{self, GROUP_SEPARATOR, Noun};

use crate::charts::{Bar, BarChart, Column, ColumnChart, DataTable, ProgressBar, RingChart, Slice};
use crate::components::colon;
use crate::i18n::{Label, t};
use crate::route::{self, Location, Route};
use crate::state::AppState;

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

/// The dashboard page.
#[component]
pub fn Dashboard(state: AppState, location: RwSignal<Location>) -> impl IntoView {
    let selection = Memo::new(move |_| location.with(selection_of));
    let filter = Memo::new(move |_| {
        let selection = selection.get();
        state.dataset.with(|d| selection.filter(d.reference()))
    });
    let figures = Memo::new(move |_| {
        let filter = filter.get();
        state.dataset.with(|d| stats::compute(d, &filter))
    });
    let drill = Memo::new(move |_| location.with(|l| Drill::parse(&l.get("drill"))));
    move || match drill.get() {
        Some(drill) => view! { <DrillDown state location selection filter drill /> }.into_any(),
        None => view! { <Overview state location selection filter figures /> }.into_any(),
    }
}

#[component]
fn Overview(state: AppState, location: RwSignal<Location>, selection: Memo<Selection>, filter: Memo<Filter>, figures: Memo<Figures>) -> impl IntoView {
    let lang = state.lang;
    view! {
        <h1 id="page-title" tabindex="-1">{move || t(Label::DashboardTitle, lang.get())}</h1>
        <FilterBar state location selection />
        {move || {
            let lang = lang.get();
            let figures = figures.get();
            let selection = selection.get();
            if figures.projects_funded == 0 {
                let label = if selection.is_everything() { Label::DashboardEmpty } else { Label::DashNoMatch };
                return view! { <p class="muted" id="dashboard-empty">{t(label, lang)}</p> }.into_any();
            }
            view! {
                <p class="headline" id="headline">{stats::headline(&figures, lang)}</p>
                <KeyFigures figures=figures.clone() selection=selection.clone() lang />
                <Disbursement figures=figures.clone() selection=selection.clone() lang />
                {state.dataset.with(|dataset| charts(dataset, &figures, &filter.get(), &selection, lang))}
            }
            .into_any()
        }}
    }
}

/// The filters: period, programme and axis, commune, milieu. Each change replaces the address
/// (no new history entry), which recomputes everything below.
#[component]
fn FilterBar(state: AppState, location: RwSignal<Location>, selection: Memo<Selection>) -> impl IntoView {
    let lang = state.lang;
    let change = move |edit: fn(&mut Selection, String)| {
        move |ev: leptos::ev::Event| {
            let mut next = selection.get_untracked();
            edit(&mut next, event_target_value(&ev));
            let others: Vec<(String, String)> =
                location.with_untracked(|l| l.query.iter().filter(|(k, _)| !SELECTION_KEYS.contains(&k.as_str())).cloned().collect());
            let more: Vec<(&str, String)> = others.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
            route::replace(location, address(&next, &more));
        }
    };
    let option = |value: String, text: String, selected: bool| view! { <option value=value prop:selected=selected>{text}</option> };
    let years = move |current: Option<u16>, none: Label| {
        let lang = lang.get();
        let mut years = state.dataset.with(stats::years);
        if let Some(year) = current.filter(|y| !years.contains(y)) {
            years.push(year);
            years.sort_unstable();
        }
        let mut options = vec![option(String::new(), t(none, lang).to_owned(), current.is_none())];
        options.extend(years.into_iter().map(|y| option(y.to_string(), y.to_string(), current == Some(y))));
        options
    };
    let programmes = move || {
        let (lang, current) = (lang.get(), selection.with(|s| s.programme.clone()));
        let mut options = vec![option(String::new(), t(Label::DashAllProgrammes, lang).to_owned(), current.is_none())];
        state.dataset.with(|d| {
            for programme in d.reference().programmes().iter().filter(|p| !p.retired || current.as_deref() == Some(&p.code)) {
                let chosen = current.as_deref() == Some(&programme.code);
                options.push(option(programme.code.clone(), format!("{} {} — {}", t(Label::Programme, lang), programme.number, programme.name(lang)), chosen));
            }
        });
        options
    };
    let axes = move || {
        let lang = lang.get();
        let (programme, current) = selection.with(|s| (s.programme.clone(), s.axis.clone()));
        let mut options = vec![option(String::new(), t(Label::AllAxes, lang).to_owned(), current.is_none())];
        state.dataset.with(|d| {
            for axis in d.reference().axes().iter().filter(|a| programme.as_deref().is_none_or(|p| a.programme == p)) {
                if axis.retired && current.as_deref() != Some(&axis.code) {
                    continue;
                }
                options.push(option(axis.code.clone(), axis.name(lang).to_owned(), current.as_deref() == Some(&axis.code)));
            }
        });
        options
    };
    let communes = move || {
        let (lang, current) = (lang.get(), selection.with(|s| s.commune.clone()));
        let mut options = vec![option(String::new(), t(Label::AllCommunes, lang).to_owned(), current.is_none())];
        state.dataset.with(|d| {
            for commune in d.reference().communes().iter().filter(|c| !c.retired || current.as_deref() == Some(&c.code)) {
                // Arrondissements follow their municipality, set in by a dash.
                let name = if commune.parent.is_some() { format!("— {}", commune.name(lang)) } else { commune.name(lang).to_owned() };
                options.push(option(commune.code.clone(), name, current.as_deref() == Some(&commune.code)));
            }
        });
        options
    };
    let milieux = move || {
        let (lang, current) = (lang.get(), selection.with(|s| s.milieu));
        let mut options = vec![option(String::new(), t(Label::AllMilieux, lang).to_owned(), current.is_none())];
        for milieu in [Milieu::Rural, Milieu::Urban] {
            options.push(option(stats::milieu_code(milieu).to_owned(), milieu.name(lang).to_owned(), current == Some(milieu)));
        }
        options
    };
    let clear = move |_| {
        let others: Vec<(String, String)> =
            location.with_untracked(|l| l.query.iter().filter(|(k, _)| !SELECTION_KEYS.contains(&k.as_str())).cloned().collect());
        let more: Vec<(&str, String)> = others.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        route::replace(location, address(&Selection::default(), &more));
    };
    view! {
        <div class="filters dash-filters" role="search" aria-label=move || t(Label::Filters, lang.get())>
            <div class="field">
                <label for="dash-from">{move || t(Label::DashFrom, lang.get())}</label>
                <select id="dash-from" on:change=change(|s, v| s.from = v.parse().ok())>
                    {move || years(selection.with(|s| s.from), Label::DashFromStart)}
                </select>
            </div>
            <div class="field">
                <label for="dash-to">{move || t(Label::DashTo, lang.get())}</label>
                <select id="dash-to" on:change=change(|s, v| s.to = v.parse().ok())>
                    {move || years(selection.with(|s| s.to), Label::DashToEnd)}
                </select>
            </div>
            <div class="field">
                <label for="dash-programme">{move || t(Label::Programme, lang.get())}</label>
                <select id="dash-programme" on:change=change(|s, v| {
                    // An axis of another programme would leave nothing to count.
                    if s.programme.as_deref() != Some(v.as_str()) {
                        s.axis = None;
                    }
                    s.programme = (!v.is_empty()).then_some(v);
                })>{programmes}</select>
            </div>
            <div class="field">
                <label for="dash-axis">{move || t(Label::Axis, lang.get())}</label>
                <select id="dash-axis" on:change=change(|s, v| s.axis = (!v.is_empty()).then_some(v))>{axes}</select>
            </div>
            <div class="field">
                <label for="dash-commune">{move || t(Label::Commune, lang.get())}</label>
                <select id="dash-commune" on:change=change(|s, v| s.commune = (!v.is_empty()).then_some(v))>{communes}</select>
            </div>
            <div class="field">
                <label for="dash-milieu">{move || t(Label::Milieu, lang.get())}</label>
                <select id="dash-milieu" on:change=change(|s, v| s.milieu = stats::milieu_of_code(&v))>{milieux}</select>
            </div>
            <Show when=move || !selection.with(Selection::is_everything)>
                <div class="field">
                    <button type="button" id="dash-clear" on:click=clear>{move || t(Label::ClearFilters, lang.get())}</button>
                </div>
            </Show>
        </div>
    }
}

/// A figure's definition, one tap away.
#[component]
fn Definition(figure: Figure, lang: Lang) -> impl IntoView {
    view! {
        <details class="definition">
            <summary>{t(Label::DashDefinition, lang)}<span class="visually-hidden">{format!("{}{}", colon(lang), figure.name(lang))}</span></summary>
            <p>{figure.definition(lang)}</p>
        </details>
    }
}

/// One headline figure: its value and name (a link to the records behind it when there is one),
/// an optional line of detail, and its definition.
#[component]
fn Card(figure: Figure, #[prop(into)] id: String, value: String, detail: Option<String>, href: Option<String>, lang: Lang) -> impl IntoView {
    let body = view! {
        <span class="figure-value">{value}</span>
        <span class="figure-name">{figure.name(lang)}</span>
        {detail.map(|d| view! { <span class="figure-detail">{d}</span> })}
    };
    view! {
        <div class="figure-card" id=id>
            {match href {
                Some(href) => view! { <a class="figure-link" href=href>{body}</a> }.into_any(),
                None => view! { <div class="figure-link">{body}</div> }.into_any(),
            }}
            <Definition figure lang />
        </div>
    }
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

#[component]
fn KeyFigures(figures: Figures, selection: Selection, lang: Lang) -> impl IntoView {
    let funded = figures.cooperatives_funded;
    let to = |drill: Drill, list: List| Some(drill_href(&selection, &drill, list));
    let cards: Vec<(Figure, Option<String>, Option<String>)> = vec![
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
    view! {
        <section class="key-figures" aria-labelledby="key-figures-title">
            <h2 id="key-figures-title" class="visually-hidden">{t(Label::DashKeyFigures, lang)}</h2>
            <div class="figure-grid">
                {cards
                    .into_iter()
                    .map(|(figure, detail, href)| {
                        let value = figures.shown(figure, lang).unwrap_or_else(|| "—".to_owned());
                        view! { <Card figure id=format!("fig-{}", figure.code()) value detail href lang /> }
                    })
                    .collect_view()}
            </div>
        </section>
    }
}

/// The INDH's commitment, what it has disbursed, and the rate, with a progress bar.
#[component]
fn Disbursement(figures: Figures, selection: Selection, lang: Lang) -> impl IntoView {
    let projects = drill_href(&selection, &Drill::Funded, List::Projects);
    let value = |figure: Figure| figures.shown(figure, lang).unwrap_or_else(|| "—".to_owned());
    let committed = figures.indh_contribution;
    let title = format!(
        "{}{}{} / {}",
        Figure::DisbursementRate.name(lang),
        colon(lang),
        text::amount(figures.indh_disbursed, lang),
        text::amount(committed, lang)
    );
    view! {
        <section class="disbursement" id="disbursement" aria-labelledby="disbursement-title">
            <h2 id="disbursement-title">{t(Label::DashDisbursement, lang)}</h2>
            <div class="figure-grid three">
                <Card figure=Figure::IndhContribution id="disb-committed" value=value(Figure::IndhContribution)
                    detail=Some(t(Label::DashCommitted, lang).to_owned()) href=Some(projects.clone()) lang />
                <Card figure=Figure::IndhDisbursed id="disb-disbursed" value=value(Figure::IndhDisbursed) detail=None href=Some(projects.clone()) lang />
                <Card figure=Figure::DisbursementRate id="disb-rate" value=value(Figure::DisbursementRate) detail=None href=Some(projects) lang />
            </div>
            <ProgressBar id="disbursement-progress" title=title rtl=lang.is_rtl()
                done=figures.indh_disbursed.to_centimes() whole=committed.to_centimes() />
        </section>
    }
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

fn headers(first: String, lang: Lang, share: bool) -> Vec<String> {
    let mut headers = vec![
        first,
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
#[component]
fn ChartBlock(figure: Figure, lang: Lang, chart: AnyView, table: AnyView) -> impl IntoView {
    let id = format!("chart-{}", figure.code());
    view! {
        <section class="chart" id=id.clone() aria-labelledby=format!("{id}-title")>
            <h2 id=format!("{id}-title")>{figure.name(lang)}</h2>
            <Definition figure lang />
            <div class="chart-drawing">{chart}</div>
            <details class="table-alt">
                <summary>{t(Label::DashTable, lang)}</summary>
                {table}
            </details>
        </section>
    }
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
fn bars_of(figure: Figure, points: &[Point], by_cooperatives: bool, first_header: String, selection: &Selection, lang: Lang) -> AnyView {
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
    let id = format!("chart-{}", figure.code());
    let chart = view! { <BarChart id=id.clone() title=figure.name(lang) rtl=lang.is_rtl() bars /> }.into_any();
    let table = view! { <DataTable id=format!("{id}-table") caption=figure.name(lang) headers=headers(first_header, lang, false) rows /> }.into_any();
    view! { <ChartBlock figure lang chart table /> }.into_any()
}

/// A breakdown of cooperatives drawn as a ring of shares, with its table.
fn ring_of(figure: Figure, points: &[Point], whole: u64, first_header: String, selection: &Selection, lang: Lang) -> AnyView {
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
    let id = format!("chart-{}", figure.code());
    let center = text::integer(whole, lang);
    let chart = view! { <RingChart id=id.clone() title=figure.name(lang) rtl=lang.is_rtl() center slices /> }.into_any();
    let table = view! { <DataTable id=format!("{id}-table") caption=figure.name(lang) headers=headers(first_header, lang, true) rows /> }.into_any();
    view! { <ChartBlock figure lang chart table /> }.into_any()
}

/// An amount as core writes it, split into its number and its unit (core puts a no-break space
/// before the unit, and only group separators before that).
fn number_and_unit(written: &str) -> (&str, &str) {
    written.rsplit_once(GROUP_SEPARATOR).unwrap_or((written, ""))
}

/// The timeline: total support by year, the INDH's part dark at the foot of each column. The
/// values are written over the columns when they all share one unit (`MDH`), written once.
fn timeline(points: &[Point], selection: &Selection, lang: Lang) -> AnyView {
    let figure = Figure::ByYear;
    let written: Vec<String> = points.iter().map(|p| text::amount_compact(p.total_support, lang)).collect();
    let units: Vec<&str> = written.iter().map(|w| number_and_unit(w).1).collect();
    let unit = units.first().filter(|first| units.iter().all(|u| u == *first)).map(|u| (*u).to_owned());
    let columns: Vec<Column> = points
        .iter()
        .zip(&written)
        .map(|(p, written)| Column {
            label: p.label.clone(),
            whole: p.total_support.to_centimes(),
            part: p.indh_contribution.to_centimes(),
            value: unit.as_ref().map(|_| number_and_unit(written).0.to_owned()),
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
    let id = format!("chart-{}", figure.code());
    let legend = (Figure::IndhContribution.name(lang).to_owned(), t(Label::DashOtherSources, lang).to_owned());
    let chart = view! { <ColumnChart id=id.clone() title=figure.name(lang) rtl=lang.is_rtl() columns legend unit /> }.into_any();
    let table = view! { <DataTable id=format!("{id}-table") caption=figure.name(lang) headers=headers(t(Label::Year, lang).to_owned(), lang, false) rows /> }.into_any();
    view! { <ChartBlock figure lang chart table /> }.into_any()
}

/// Every chart of the dashboard, in a grid.
fn charts(dataset: &Dataset, figures: &Figures, filter: &Filter, selection: &Selection, lang: Lang) -> AnyView {
    let series = |breakdown| stats::series(figures, breakdown, dataset, lang);
    let largest = stats::largest(dataset, filter, LARGEST, lang);
    view! {
        <section class="charts" aria-labelledby="charts-title">
            <h2 id="charts-title" class="visually-hidden">{t(Label::DashCharts, lang)}</h2>
            <div class="chart-grid">
                {ring_of(Figure::ByMilieu, &series(Breakdown::Milieu), figures.cooperatives_funded, t(Label::Milieu, lang).to_owned(), selection, lang)}
                {ring_of(Figure::ByWomenLed, &series(Breakdown::WomenLed), figures.cooperatives_funded, t(Label::DashCategory, lang).to_owned(), selection, lang)}
                {timeline(&series(Breakdown::Year), selection, lang)}
                {bars_of(Figure::ByCommune, &series(Breakdown::Commune), false, t(Label::Commune, lang).to_owned(), selection, lang)}
                {bars_of(Figure::BySector, &series(Breakdown::Sector), true, t(Label::Sector, lang).to_owned(), selection, lang)}
                {bars_of(Figure::ByAxis, &series(Breakdown::Axis), false, t(Label::Axis, lang).to_owned(), selection, lang)}
                {bars_of(Figure::LargestSupports, &largest, false, t(Label::Cooperative, lang).to_owned(), selection, lang)}
            </div>
        </section>
    }
    .into_any()
}

/// One row of a drill-down list, already in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    id: Id,
    name: String,
    cells: Vec<String>,
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
            Row { id: record.id, name: c.name(lang).to_owned(), cells: vec![commune, milieu, sector, text::integer(u64::from(c.members.total), lang)] }
        })
        .collect();
    rows.sort_by(|a, b| fold::collate(&a.name, &b.name));
    rows
}

fn project_rows(dataset: &Dataset, ids: &[Id], lang: Lang) -> Vec<(u16, Row)> {
    let mut rows: Vec<(u16, Row)> = ids
        .iter()
        .filter_map(|id| dataset.projects().get(*id))
        .map(|record| {
            let p = &record.data;
            let cooperative = dataset.cooperatives().get(p.cooperative).map(|c| c.data.name(lang).to_owned()).unwrap_or_default();
            let year = stats::project_year(p);
            let cells = vec![cooperative, year.to_string(), p.status.name(lang).to_owned(), text::amount(p.total_cost, lang)];
            (year, Row { id: record.id, name: p.title(lang).to_owned(), cells })
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| fold::collate(&a.1.name, &b.1.name)));
    rows
}

/// The records behind one bucket, under the same filters: its cooperatives or its projects.
#[component]
fn DrillDown(state: AppState, location: RwSignal<Location>, selection: Memo<Selection>, filter: Memo<Filter>, drill: Drill) -> impl IntoView {
    let lang = state.lang;
    let list = Memo::new(move |_| location.with(|l| List::parse(&l.get("list"))));
    let behind = {
        let drill = drill.clone();
        Memo::new(move |_| {
            let filter = filter.get();
            state.dataset.with(|d| stats::behind(d, &filter, &drill))
        })
    };
    let title = {
        let drill = drill.clone();
        move || {
            let lang = lang.get();
            let label = state.dataset.with(|d| drill.label(d, lang));
            format!("{}{}{label}", t(Label::DashDetail, lang), colon(lang))
        }
    };
    let back = move || address(&selection.get(), &[]).href();
    let tab = {
        let drill = drill.clone();
        move |which: List| {
            let drill = drill.clone();
            move || {
                let lang = lang.get();
                let (label, count) = match which {
                    List::Cooperatives => (Label::DashCooperatives, behind.with(|b| b.cooperatives.len())),
                    List::Projects => (Label::DashProjects, behind.with(|b| b.projects.len())),
                };
                let href = drill_href(&selection.get(), &drill, which);
                let current = (list.get() == which).then_some("page");
                view! {
                    <a href=href id=format!("drill-tab-{}", which.code()) class="tab" aria-current=current>
                        {format!("{} ({})", t(label, lang), text::integer(count as u64, lang))}
                    </a>
                }
            }
        }
    };
    let records = move || {
        let lang = lang.get();
        let behind = behind.get();
        state.dataset.with(|d| match list.get() {
            List::Cooperatives => {
                let rows = cooperative_rows(d, &behind.cooperatives, lang);
                view! {
                    <ul class="records drill-list" id="drill-cooperatives">
                        {rows
                            .into_iter()
                            .map(|row| {
                                view! {
                                    <li class="record drill-item" data-id=row.id.to_string()>
                                        <a class="record-title" href=Route::Cooperative(row.id).href()><bdi>{row.name}</bdi></a>
                                        <p class="meta">{row.cells.into_iter().filter(|c| !c.is_empty()).map(|c| view! { <span><bdi>{c}</bdi></span> }).collect_view()}</p>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }
            List::Projects => {
                let rows = project_rows(d, &behind.projects, lang);
                let heads = [Label::Project, Label::Cooperative, Label::Year, Label::Status, Label::TotalCost];
                view! {
                    <div class="table-scroll">
                        <table class="data-table drill-list" id="drill-projects">
                            <thead><tr>{heads.into_iter().map(|h| view! { <th scope="col">{t(h, lang)}</th> }).collect_view()}</tr></thead>
                            <tbody>
                                {rows
                                    .into_iter()
                                    .map(|(_, row)| {
                                        view! {
                                            <tr class="drill-item" data-id=row.id.to_string()>
                                                <th scope="row"><a href=Route::Project(row.id).href()><bdi>{row.name}</bdi></a></th>
                                                {row.cells.into_iter().map(|c| view! { <td><bdi>{c}</bdi></td> }).collect_view()}
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            }
        })
    };
    view! {
        <p class="back"><a id="drill-back" href=back>{move || t(Label::BackToDashboard, lang.get())}</a></p>
        <h1 id="page-title" tabindex="-1"><bdi>{title}</bdi></h1>
        <FilterBar state location selection />
        <nav class="tabs" aria-label=move || t(Label::DashDetail, lang.get())>
            {tab(List::Cooperatives)}
            {tab(List::Projects)}
        </nav>
        {records}
    }
}
