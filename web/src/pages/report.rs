//! The printable report (bilan, `#/report?…`): the headline sentence and figures, breakdowns
//! drawn as charts with their tables, the funded cooperatives with their amounts, the success
//! stories and, if asked, the last meeting's summary, in Arabic or French, printed through the
//! browser's print dialog (to paper or PDF) with the print stylesheet of `style.css`.
//!
//! Its figures come from the same core call as the dashboard's (`stats::compute` over the
//! `Selection` in the address); the stories from `story::featured` under the same filter; the
//! meeting's summary from `meeting::MeetingReport`. The page only lays them out.

use std::rc::Rc;

use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::dataset::Dataset;
use taawun_core::fold;
use taawun_core::meeting::MeetingReport;
use taawun_core::stats::{self, Breakdown, Drill, Figure, Figures, Point, SELECTION_KEYS, Selection};
use taawun_core::story;
use taawun_core::text::{self, Noun};
use wasm_bindgen::JsCast;

use crate::charts::tree::{Fragment, Markup};
use crate::charts::{Bar, Slice, bar_chart, data_table, ring_chart};
use crate::components::colon;
use crate::i18n::{Label, t};
use crate::pages::list::sorted_by_key;
use crate::route::{self, Location, Route};
use crate::state::AppState;
use crate::storage;

/// The figures of the report's table, in order, with whether each is an amount (written in full
/// beside its short form).
const FIGURES: [(Figure, bool); 13] = [
    (Figure::CooperativesFunded, false),
    (Figure::Rural, false),
    (Figure::Urban, false),
    (Figure::ProjectsFunded, false),
    (Figure::TotalSupport, true),
    (Figure::IndhContribution, true),
    (Figure::IndhShare, false),
    (Figure::Leverage, false),
    (Figure::IndhDisbursed, true),
    (Figure::DisbursementRate, false),
    (Figure::WomenLed, false),
    (Figure::Members, false),
    (Figure::Jobs, false),
];

/// The language the report is written in: the address's `lang`, else the interface's.
fn report_lang(location: &Location, interface: Lang) -> Lang {
    match location.get("lang").as_str() {
        "ar" => Lang::Ar,
        "fr" => Lang::Fr,
        _ => interface,
    }
}

fn selection_of(location: &Location) -> Selection {
    Selection::from_query(location.query.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// The start of the id of each commune's box in the report's controls; the code follows.
const COMMUNE_BOX: &str = "report-commune-";

/// The report's address after the control `control` took `value`, or was ticked (`checked`) or
/// unticked (`None`: not one of its controls).
fn changed(location: &Location, control: &str, value: String, checked: bool) -> Option<Location> {
    let mut selection = selection_of(location);
    let chosen = (!value.is_empty()).then(|| value.clone());
    match control {
        "report-from" => selection.from = value.parse().ok(),
        "report-to" => selection.to = value.parse().ok(),
        "report-axis" => selection.axis = chosen,
        _ if control.starts_with(COMMUNE_BOX) => selection.choose_commune(&value, checked),
        "report-lang" => return Some(location.with("lang", &value)),
        "report-with-meeting" => return Some(location.with("meeting", if value == "no" { "no" } else { "" })),
        _ => return None,
    }
    let mut query: Vec<(String, String)> = selection.to_query().into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    query.extend(location.query.iter().filter(|(k, _)| !SELECTION_KEYS.contains(&k.as_str())).cloned());
    Some(Location { route: Route::Report, query })
}

/// The report page: its controls (not printed) and the report.
#[component]
pub fn Report(state: AppState, location: RwSignal<Location>) -> impl IntoView {
    let content: Rc<dyn Fn() -> Markup> = Rc::new(move || {
        let interface = state.lang.get();
        let mut m = Markup::new();
        location.with(|l| state.dataset.with(|d| page(&mut m, d, l, interface)));
        m
    });
    let on_change = move |ev: leptos::ev::Event| {
        let Some(control) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let value = event_target_value(&ev);
        let checked = control.dyn_ref::<web_sys::HtmlInputElement>().is_some_and(|input| input.checked());
        if let Some(next) = location.with_untracked(|l| changed(l, &control.id(), value, checked)) {
            route::replace(location, next);
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let is_print = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|e| e.id() == "report-print");
        if is_print && let Some(window) = web_sys::window() {
            // The browser's print dialog prints to paper or saves a PDF.
            let _ = window.print();
        }
    };
    view! {
        <div on:change=on_change on:click=on_click>
            <Fragment id="report-page" content />
        </div>
    }
}

// The report's filters are drawn like the dashboard's, with its `<select>` and `<option>` steps.
use super::dashboard::{field as select, option};

/// The controls: period, axis, language, the meeting's summary, the print button, and the
/// communes (a box each).
fn controls(m: &mut Markup, dataset: &Dataset, location: &Location, selection: &Selection, report: Lang, lang: Lang) {
    let reference = dataset.reference();
    let years = stats::years(dataset);
    m.open("div").attr("class", "filters report-controls no-print").attr("role", "search").attr("aria-label", t(Label::Filters, lang));
    for (id, label, current, none) in
        [("report-from", Label::DashFrom, selection.from, Label::DashFromStart), ("report-to", Label::DashTo, selection.to, Label::DashToEnd)]
    {
        select(m, id, label, lang);
        option(m, String::new(), t(none, lang).to_owned(), current.is_none());
        for year in &years {
            option(m, year.to_string(), year.to_string(), current == Some(*year));
        }
        m.close().close();
    }
    select(m, "report-axis", Label::Axis, lang);
    option(m, String::new(), t(Label::AllAxes, lang).to_owned(), selection.axis.is_none());
    for axis in reference.axes().iter().filter(|a| !a.retired || selection.axis.as_deref() == Some(&a.code)) {
        option(m, axis.code.clone(), axis.name(lang).to_owned(), selection.axis.as_deref() == Some(&axis.code));
    }
    m.close().close();
    select(m, "report-lang", Label::ReportLanguage, lang);
    option(m, "ar".into(), crate::i18n::endonym(Lang::Ar).to_owned(), report == Lang::Ar);
    option(m, "fr".into(), crate::i18n::endonym(Lang::Fr).to_owned(), report == Lang::Fr);
    m.close().close();
    select(m, "report-with-meeting", Label::ReportMeeting, lang);
    let with_meeting = location.get("meeting") != "no";
    option(m, String::new(), t(Label::Yes, lang).to_owned(), with_meeting);
    option(m, "no".into(), t(Label::No, lang).to_owned(), !with_meeting);
    m.close().close();
    m.open("div").attr("class", "field").open("button").attr("type", "button").attr("class", "primary").attr("id", "report-print");
    m.text(t(Label::Print, lang)).close().close();
    // None ticked: every commune.
    m.open("fieldset").attr("class", "tags report-communes").attr("id", "report-communes");
    m.open("legend").text(t(Label::Communes, lang)).close();
    for commune in reference.communes().iter().filter(|c| !c.retired || selection.communes.contains(&c.code)) {
        let id = format!("{COMMUNE_BOX}{}", commune.code);
        m.open("span").attr("class", "field check");
        m.open("input").attr("type", "checkbox").attr_string("id", id.clone()).attr_string("value", commune.code.clone());
        if selection.communes.contains(&commune.code) {
            m.attr("checked", "");
        }
        m.close();
        let name = if commune.parent.is_some() { format!("— {}", commune.name(lang)) } else { commune.name(lang).to_owned() };
        m.open("label").attr_string("for", id).leaf("bdi", name).close();
        m.close();
    }
    m.close();
    m.close();
}

/// The whole page for `location`.
fn page(m: &mut Markup, dataset: &Dataset, location: &Location, interface: Lang) {
    let selection = selection_of(location);
    let lang = report_lang(location, interface);
    m.open("h1").attr("id", "page-title").attr("class", "no-print").attr("tabindex", "-1").text(t(Label::ReportTitle, interface)).close();
    controls(m, dataset, location, &selection, lang, interface);
    let filter = selection.filter(dataset.reference());
    let figures = stats::compute(dataset, &filter);
    m.open("article").attr("class", "report").attr("id", "report").attr("lang", lang.code()).attr("dir", if lang.is_rtl() { "rtl" } else { "ltr" });
    cover(m, dataset, &selection, &figures, lang);
    if figures.projects_funded > 0 {
        key_figures(m, &figures, lang);
        breakdowns(m, dataset, &figures, &selection, lang);
        cooperatives(m, dataset, &filter, &figures, lang);
    }
    stories(m, dataset, &filter, lang);
    if location.get("meeting") != "no" {
        meeting(m, dataset, lang);
    }
    m.close();
}

/// Opens a section of the report, each printed from the top of a page but the first.
fn section(m: &mut Markup, id: &'static str, heading: Label, lang: Lang) {
    m.open("section").attr("class", "report-section").attr("id", id);
    m.open("h2").text(t(heading, lang)).close();
}

/// The title, what the report covers, and the headline sentence.
fn cover(m: &mut Markup, dataset: &Dataset, selection: &Selection, figures: &Figures, lang: Lang) {
    let reference = dataset.reference();
    let mut scope = Vec::new();
    let years = stats::years(dataset);
    let (first, last) = (selection.from.or(years.first().copied()), selection.to.or(years.last().copied()));
    if let (Some(first), Some(last)) = (first, last) {
        scope.push(format!("{}{}{first} – {last}", t(Label::ReportPeriod, lang), colon(lang)));
    }
    let axis = selection.axis.as_deref().map(|code| reference.axis(code).map_or_else(|| code.to_owned(), |a| a.name(lang).to_owned()));
    scope.push(format!("{}{}{}", t(Label::Axis, lang), colon(lang), axis.unwrap_or_else(|| t(Label::AllAxes, lang).to_owned())));
    let communes: Vec<&str> = selection.communes.iter().map(|code| reference.commune(code).map_or(code.as_str(), |c| c.name(lang))).collect();
    let (label, named) = match communes.len() {
        0 => (Label::Commune, t(Label::AllCommunes, lang).to_owned()),
        1 => (Label::Commune, communes.join("")),
        _ => (Label::Communes, communes.join(if lang.is_rtl() { "، " } else { ", " })),
    };
    scope.push(format!("{}{}{named}", t(label, lang), colon(lang)));
    m.open("header").attr("class", "report-cover");
    m.open("p").attr("class", "report-issuer").text(t(Label::ReportIssuer, lang)).close();
    m.open("h2").attr("class", "report-title").text(t(Label::ReportTitle, lang)).close();
    m.open("p").attr("class", "report-scope").attr("id", "report-scope").text_string(scope.join(" · ")).close();
    if figures.projects_funded == 0 {
        m.open("p").attr("class", "muted").attr("id", "report-empty").text(t(Label::DashNoMatch, lang)).close();
    } else {
        m.open("p").attr("class", "headline").attr("id", "report-headline").text_string(stats::headline(figures, lang)).close();
    }
    m.close();
}

fn key_figures(m: &mut Markup, figures: &Figures, lang: Lang) {
    section(m, "report-figures", Label::DashKeyFigures, lang);
    let full = |figure: Figure| match figure {
        Figure::TotalSupport => text::amount(figures.total_support, lang),
        Figure::IndhContribution => text::amount(figures.indh_contribution, lang),
        Figure::IndhDisbursed => text::amount(figures.indh_disbursed, lang),
        _ => String::new(),
    };
    let rows: Vec<(String, Vec<String>)> = FIGURES
        .iter()
        .map(|(figure, is_amount)| {
            let shown = figures.shown(*figure, lang).unwrap_or_else(|| "—".to_owned());
            (figure.name(lang).to_owned(), vec![shown, if *is_amount { full(*figure) } else { String::new() }])
        })
        .collect();
    let headers = vec![t(Label::ReportFigure, lang).to_owned(), t(Label::ReportValue, lang).to_owned(), t(Label::ReportExact, lang).to_owned()];
    data_table(m, "report-figures-table".into(), t(Label::DashKeyFigures, lang), &headers, &rows);
    m.close();
}

/// The dashboard's drill-down behind a bucket, under the report's filters.
fn drill_href(selection: &Selection, drill: &Drill) -> String {
    let mut query: Vec<(&str, String)> = selection.to_query();
    query.push(("drill", drill.code()));
    Route::Dashboard.href_with(&query)
}

fn table_of(m: &mut Markup, id: String, caption: &str, first: Label, points: &[Point], lang: Lang) {
    let headers = vec![
        t(first, lang).to_owned(),
        t(Label::DashCooperatives, lang).to_owned(),
        t(Label::DashProjects, lang).to_owned(),
        Figure::TotalSupport.name(lang).to_owned(),
        Figure::IndhContribution.name(lang).to_owned(),
    ];
    let rows: Vec<(String, Vec<String>)> = points
        .iter()
        .map(|p| {
            (
                p.label.clone(),
                vec![
                    text::integer(p.cooperatives, lang),
                    text::integer(p.projects, lang),
                    text::amount(p.total_support, lang),
                    text::amount(p.indh_contribution, lang),
                ],
            )
        })
        .collect();
    data_table(m, id, caption, &headers, &rows);
}

fn breakdowns(m: &mut Markup, dataset: &Dataset, figures: &Figures, selection: &Selection, lang: Lang) {
    section(m, "report-breakdowns", Label::DashCharts, lang);
    let whole = figures.cooperatives_funded;
    for (figure, breakdown, first) in [(Figure::ByMilieu, Breakdown::Milieu, Label::Milieu), (Figure::ByWomenLed, Breakdown::WomenLed, Label::DashCategory)] {
        let points = stats::series(figures, breakdown, dataset, lang);
        let slices: Vec<Slice> = points
            .iter()
            .map(|p| {
                let share = stats::share(p.cooperatives, whole).map(|r| text::percent(r, lang)).unwrap_or_default();
                Slice {
                    label: p.label.clone(),
                    magnitude: p.cooperatives,
                    value: format!("{} · {share}", text::integer(p.cooperatives, lang)),
                    tooltip: format!("{}{}{}", p.label, colon(lang), text::count(p.cooperatives, Noun::Cooperative, lang)),
                    href: drill_href(selection, &p.drill),
                    key: p.drill.code(),
                }
            })
            .collect();
        let id = format!("report-{}", figure.code());
        m.open("div").attr("class", "report-chart").open("h3").text(figure.name(lang)).close();
        ring_chart(m, &id, figure.name(lang), lang.is_rtl(), &text::integer(whole, lang), &slices);
        table_of(m, format!("{id}-table"), figure.name(lang), first, &points, lang);
        m.close();
    }
    for (figure, breakdown, first) in [
        (Figure::ByCommune, Breakdown::Commune, Label::Commune),
        (Figure::BySector, Breakdown::Sector, Label::Sector),
        (Figure::ByAxis, Breakdown::Axis, Label::Axis),
    ] {
        let points = stats::series(figures, breakdown, dataset, lang);
        let bars: Vec<Bar> = points
            .iter()
            .map(|p| Bar {
                label: p.label.clone(),
                magnitude: p.total_support.to_centimes(),
                value: text::amount_compact(p.total_support, lang),
                tooltip: format!("{}{}{}", p.label, colon(lang), text::amount(p.total_support, lang)),
                href: drill_href(selection, &p.drill),
                key: p.drill.code(),
            })
            .collect();
        let id = format!("report-{}", figure.code());
        m.open("div").attr("class", "report-chart").open("h3").text(figure.name(lang)).close();
        bar_chart(m, &id, figure.name(lang), lang.is_rtl(), &bars);
        table_of(m, format!("{id}-table"), figure.name(lang), first, &points, lang);
        m.close();
    }
    m.close();
}

/// The funded cooperatives, by name, with their projects and amounts, and the totals.
fn cooperatives(m: &mut Markup, dataset: &Dataset, filter: &stats::Filter, figures: &Figures, lang: Lang) {
    section(m, "report-cooperatives", Label::ReportCooperatives, lang);
    let reference = dataset.reference();
    let buckets = stats::by_cooperative(dataset, filter);
    let rows: Vec<(String, Vec<String>)> = buckets
        .iter()
        .filter_map(|bucket| {
            let cooperative = &dataset.cooperatives().get(bucket.key)?.data;
            let commune = reference.commune(&cooperative.commune).map_or_else(|| cooperative.commune.clone(), |c| c.name(lang).to_owned());
            let cells = vec![
                commune,
                text::integer(bucket.projects.len() as u64, lang),
                text::amount(bucket.total_support, lang),
                text::amount(bucket.indh_contribution, lang),
            ];
            Some((cooperative.name(lang).to_owned(), cells))
        })
        .collect();
    let mut rows = sorted_by_key(rows, |row| fold::sort_key(&row.0));
    // The totals are the headline's figures: the same funded projects, summed by core.
    let projects = figures.projects_funded;
    rows.push((
        format!("{} ({})", t(Label::ReportTotal, lang), text::count(buckets.len() as u64, Noun::Cooperative, lang)),
        vec![String::new(), text::integer(projects, lang), text::amount(figures.total_support, lang), text::amount(figures.indh_contribution, lang)],
    ));
    let headers = vec![
        t(Label::Cooperative, lang).to_owned(),
        t(Label::Commune, lang).to_owned(),
        t(Label::DashProjects, lang).to_owned(),
        Figure::TotalSupport.name(lang).to_owned(),
        Figure::IndhContribution.name(lang).to_owned(),
    ];
    data_table(m, "report-cooperatives-table".into(), t(Label::ReportCooperatives, lang), &headers, &rows);
    m.close();
}

/// The success stories of the funded projects under the same filter, with their photos.
fn stories(m: &mut Markup, dataset: &Dataset, filter: &stats::Filter, lang: Lang) {
    let featured = story::featured(dataset, filter);
    if featured.is_empty() {
        return;
    }
    section(m, "report-stories", Label::ReportStories, lang);
    for record in featured {
        let told = &record.data;
        let project = dataset.projects().get(told.project);
        let title = project.map(|p| p.data.title(lang).to_owned()).unwrap_or_default();
        let cooperative = project.and_then(|p| dataset.cooperatives().get(p.data.cooperative)).map(|c| c.data.name(lang).to_owned()).unwrap_or_default();
        m.open("article").attr("class", "report-story").attr_string("data-id", record.id.to_string());
        m.open("h3").leaf("bdi", title).close();
        m.open("p").attr("class", "meta").leaf("bdi", cooperative).close();
        m.open("p").attr("class", "story-text").leaf("bdi", told.text(lang).to_owned()).close();
        let figures = crate::pages::story::figures_line(told, lang);
        if !figures.is_empty() {
            m.open("p").attr("class", "story-figures").text_string(figures).close();
        }
        m.open("div").attr("class", "story-photos");
        for name in &told.photos {
            if let Some(photo) = storage::photos::load_named(name) {
                m.open("img").attr("class", "story-photo").attr_string("src", photo.data_url().to_owned()).attr("alt", t(Label::StoryPhoto, lang)).close();
            }
        }
        m.close().close();
    }
    m.close();
}

/// The summary of the last meeting (by date), as core writes it, without the attendance sheet.
fn meeting(m: &mut Markup, dataset: &Dataset, lang: Lang) {
    let Some(last) = dataset.meetings().live().max_by_key(|r| (r.data.date, r.id)) else { return };
    let report = MeetingReport::build(&last.data, dataset, lang, false);
    section(m, "report-meeting", Label::ReportLastMeeting, lang);
    m.open("h3").leaf("bdi", report.title).close();
    m.open("p").attr("class", "meta").leaf("bdi", report.when_and_where).close();
    for part in report.sections {
        m.open("div").attr("class", "report-meeting-part").attr("data-key", part.key);
        m.leaf("h4", part.heading).open("ul");
        for line in part.lines {
            m.open("li").leaf("bdi", line).close();
        }
        m.close().close();
    }
    m.close();
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn drawn(location: &str) -> web_sys::Element {
        let dataset = taawun_core::demo::dataset();
        let mut m = Markup::new();
        page(&mut m, &dataset, &Location::parse(location), Lang::Ar);
        m.build(&web_sys::window().unwrap().document().unwrap()).unwrap()
    }

    #[wasm_bindgen_test]
    fn the_report_of_the_demo_lists_its_85_cooperatives_in_the_language_asked() {
        let page = drawn("#/report?lang=fr");
        let report = page.query_selector("#report").unwrap().unwrap();
        assert_eq!(report.get_attribute("lang").as_deref(), Some("fr"));
        assert_eq!(report.get_attribute("dir").as_deref(), Some("ltr"));
        let rows = page.query_selector_all("#report-cooperatives-table tbody tr").unwrap().length();
        assert_eq!(rows, 85 + 1, "one row per funded cooperative and the total");
        assert!(page.query_selector("#report-meeting").unwrap().is_some());
        assert!(drawn("#/report?meeting=no").query_selector("#report-meeting").unwrap().is_none());
    }

    #[wasm_bindgen_test]
    fn a_filter_change_keeps_the_language_and_the_meeting_choice() {
        let here = Location::parse("#/report?lang=fr&meeting=no");
        let next = changed(&here, "report-from", "2021".into(), false).unwrap();
        assert_eq!(next.get("from"), "2021");
        assert_eq!((next.get("lang").as_str(), next.get("meeting").as_str()), ("fr", "no"));
        assert_eq!(changed(&here, "elsewhere", String::new(), false), None);
    }

    #[wasm_bindgen_test]
    fn ticking_two_communes_puts_both_in_the_address_and_the_report_says_both() {
        let here = Location::parse("#/report?lang=fr");
        let one = changed(&here, "report-commune-ASL", "ASL".into(), true).unwrap();
        let two = changed(&one, "report-commune-MNZ", "MNZ".into(), true).unwrap();
        let communes: Vec<&str> = two.query.iter().filter(|(k, _)| k == "commune").map(|(_, v)| v.as_str()).collect();
        assert_eq!(communes, ["ASL", "MNZ"]);
        assert_eq!(two.get("lang"), "fr");
        let page = drawn(&two.href());
        for code in ["ASL", "MNZ"] {
            let tick = page.query_selector(&format!("#report-commune-{code}")).unwrap().unwrap();
            assert!(tick.has_attribute("checked"), "{code} is ticked");
        }
        assert!(!page.query_selector("#report-commune-TNG").unwrap().unwrap().has_attribute("checked"));
        let scope = page.query_selector("#report-scope").unwrap().unwrap().text_content().unwrap();
        assert!(scope.contains("Assilah") && scope.contains("Al Manzla"), "{scope}");
        let back = changed(&two, "report-commune-ASL", "ASL".into(), false).unwrap();
        assert_eq!(back.query.iter().filter(|(k, _)| k == "commune").map(|(_, v)| v.as_str()).collect::<Vec<_>>(), ["MNZ"]);
    }
}
