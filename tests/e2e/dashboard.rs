//! The dashboard in a real browser: the figures of the July 2025 report on the demo data in both
//! languages, chart tables equal to core's figures before and after filtering, filters kept in
//! the address, drill-down to the records behind a figure, and screenshots at tablet and phone
//! sizes. Expected values are computed natively from `taawun_core`, the same code the app runs.

use std::time::Duration;

use taawun_core::amount::Amount;
use taawun_core::cooperative::Cooperative;
use taawun_core::dataset::{Dataset, Edit, EditContext};
use taawun_core::id::Id;
use taawun_core::project::{Contribution, ContributionKind, Disbursement, Project, ProjectStatus, Tranche};
use taawun_core::record::{Author, Timestamp};
use taawun_core::reference::Milieu;
use taawun_core::stats::{self, Breakdown, Drill, Figure, Figures, Filter, Point, Selection};
use taawun_core::{Lang, demo, document, text};
use thirtyfour::prelude::*;

use crate::browser::{Browser, fail, retry_stale, with_browser};
use crate::flows;

/// Text as the browser reports it: no-break spaces read as spaces.
fn plain(text: &str) -> String {
    text.replace('\u{a0}', " ").trim().to_owned()
}

/// Opens the app on a fresh profile, loads the demo data from the first-visit choice, and shows
/// the dashboard in `lang`.
async fn open_demo(browser: &Browser, lang: Lang) -> WebDriverResult<()> {
    browser.start("/", true).await?;
    browser.wait_for("#headline").await?;
    use_language(browser, lang).await
}

async fn page_lang(browser: &Browser) -> WebDriverResult<String> {
    let value = browser.driver.execute("return document.documentElement.lang;", Vec::new()).await?;
    Ok(value.json().as_str().unwrap_or_default().to_owned())
}

async fn use_language(browser: &Browser, lang: Lang) -> WebDriverResult<()> {
    if page_lang(browser).await? != lang.code() {
        browser.wait_for("#lang-switch").await?.click().await?;
    }
    wait_until(browser, "the page's language", || async { Ok(page_lang(browser).await? == lang.code()) }).await
}

/// Polls `check` for up to ten seconds: re-rendering follows events at once, but a test should
/// not depend on how soon.
async fn wait_until<F, Fut>(browser: &Browser, what: &str, check: F) -> WebDriverResult<()>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = WebDriverResult<bool>>,
{
    for _ in 0..100 {
        if check().await? {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = browser;
    Err(fail(format!("timed out waiting for {what}")))
}

async fn text_of(browser: &Browser, css: &str) -> WebDriverResult<String> {
    Ok(plain(&browser.text(css).await?))
}

/// The text content of every cell of a table's body, row by row (tables sit in closed
/// `<details>`, so their text is read from the document rather than from what is visible).
async fn table_rows(browser: &Browser, table_id: &str) -> WebDriverResult<Vec<Vec<String>>> {
    let script = "return Array.from(document.querySelectorAll('#' + arguments[0] + ' tbody tr'))\
        .map(tr => Array.from(tr.children).map(cell => cell.textContent));";
    let value = browser.driver.execute(script, vec![serde_json::json!(table_id)]).await?;
    let rows = value.json().as_array().cloned().unwrap_or_default();
    Ok(rows.iter().map(|row| row.as_array().cloned().unwrap_or_default().iter().map(|cell| plain(cell.as_str().unwrap_or_default())).collect()).collect())
}

/// The rows a chart's table must hold for these points, written by core.
fn expected_rows(points: &[Point], share_of: Option<u64>, lang: Lang) -> Vec<Vec<String>> {
    points
        .iter()
        .map(|p| {
            let mut row = vec![
                p.label.clone(),
                text::integer(p.cooperatives, lang),
                text::integer(p.projects, lang),
                text::amount(p.total_support, lang),
                text::amount(p.indh_contribution, lang),
            ];
            if let Some(whole) = share_of {
                row.push(stats::share(p.cooperatives, whole).map(|r| text::percent(r, lang)).unwrap_or_default());
            }
            row.iter().map(|cell| plain(cell)).collect()
        })
        .collect()
}

/// Every chart's table id and the rows core says it holds.
fn expected_tables(dataset: &Dataset, filter: &Filter, lang: Lang) -> Vec<(&'static str, Vec<Vec<String>>)> {
    let figures = stats::compute(dataset, filter);
    let series = |breakdown| stats::series(&figures, breakdown, dataset, lang);
    let whole = Some(figures.cooperatives_funded);
    vec![
        ("chart-by-milieu-table", expected_rows(&series(Breakdown::Milieu), whole, lang)),
        ("chart-by-women-led-table", expected_rows(&series(Breakdown::WomenLed), whole, lang)),
        ("chart-by-year-table", expected_rows(&series(Breakdown::Year), None, lang)),
        ("chart-by-commune-table", expected_rows(&series(Breakdown::Commune), None, lang)),
        ("chart-by-sector-table", expected_rows(&series(Breakdown::Sector), None, lang)),
        ("chart-by-axis-table", expected_rows(&series(Breakdown::Axis), None, lang)),
        ("chart-largest-table", expected_rows(&stats::largest(dataset, filter, 10, lang), None, lang)),
    ]
}

async fn check_tables(browser: &Browser, dataset: &Dataset, filter: &Filter, lang: Lang) -> WebDriverResult<()> {
    for (table, expected) in expected_tables(dataset, filter, lang) {
        assert!(!expected.is_empty(), "{table}: core gives no row, the check would prove nothing");
        assert_eq!(table_rows(browser, table).await?, expected, "the table {table} differs from core's figures");
    }
    Ok(())
}

async fn headline_is(browser: &Browser, figures: &Figures, lang: Lang) -> WebDriverResult<()> {
    let expected = plain(&stats::headline(figures, lang));
    wait_until(browser, "the headline of the filtered figures", || {
        let expected = expected.clone();
        async move { Ok(text_of(browser, "#headline").await? == expected) }
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_data_shows_the_figures_of_the_july_2025_report_in_french_and_in_arabic() {
    let figures = stats::compute(&demo::dataset(), &Filter::default());
    with_browser(|browser| async move {
        for (lang, total, indh) in [(Lang::Fr, "20,86 MDH", "13,17 MDH"), (Lang::Ar, "20,86 مليون درهم", "13,17 مليون درهم")] {
            open_demo(&browser, lang).await?;
            let shown = [
                ("#fig-cooperatives .figure-value", "85"),
                ("#fig-rural .figure-value", "33"),
                ("#fig-total-support .figure-value", total),
                ("#fig-indh .figure-value", indh),
                ("#fig-indh-share .figure-value", "63,1 %"),
            ];
            for (css, expected) in shown {
                assert_eq!(text_of(&browser, css).await?, expected, "{css} in {lang:?}");
            }
            // The same figures, as core writes them, and its sentence.
            for figure in [Figure::CooperativesFunded, Figure::Rural, Figure::TotalSupport, Figure::IndhContribution, Figure::IndhShare] {
                let css = format!("#fig-{} .figure-value", figure.code());
                assert_eq!(Some(text_of(&browser, &css).await?), figures.shown(figure, lang).map(|s| plain(&s)), "{css}");
            }
            assert_eq!(text_of(&browser, "#headline").await?, plain(&stats::headline(&figures, lang)));
            // Every definition is there, one tap away, in the page's language.
            let definition = browser.wait_for("#fig-rural details.definition").await?;
            definition.find(By::Css("summary")).await?.click().await?;
            assert_eq!(plain(&definition.find(By::Css("p")).await?.text().await?), plain(Figure::Rural.definition(lang)));
            // Start the second language on a fresh page, as a person switching would see it.
            browser.driver.execute("window.localStorage.clear();", Vec::new()).await?;
        }
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_chart_table_equals_core_figures_before_and_after_filtering_and_the_filter_survives_a_reload() {
    let dataset = demo::dataset();
    with_browser(|browser| async move {
        open_demo(&browser, Lang::Fr).await?;
        check_tables(&browser, &dataset, &Filter::default(), Lang::Fr).await?;

        browser.choose("#dash-from", "2021").await?;
        browser.choose("#dash-to", "2023").await?;
        browser.choose("#dash-milieu", "rural").await?;
        // Redrawing the page keeps the keyboard on the control just used.
        let focused = browser.driver.execute("return document.activeElement && document.activeElement.id;", Vec::new()).await?;
        assert_eq!(focused.json().as_str(), Some("dash-milieu"));
        let selection = Selection { from: Some(2021), to: Some(2023), milieu: Some(Milieu::Rural), ..Selection::default() };
        let filter = selection.filter(dataset.reference());
        let filtered = stats::compute(&dataset, &filter);
        assert!(filtered.projects_funded > 0 && filtered.cooperatives_funded < 33, "the filter must keep some, not all, rural cooperatives");
        headline_is(&browser, &filtered, Lang::Fr).await?;
        assert_eq!(text_of(&browser, "#fig-cooperatives .figure-value").await?, plain(&text::integer(filtered.cooperatives_funded, Lang::Fr)));
        check_tables(&browser, &dataset, &filter, Lang::Fr).await?;

        let url = browser.driver.current_url().await?;
        assert_eq!(url.fragment(), Some("/?from=2021&to=2023&milieu=rural"), "the filters are kept in the address");
        browser.driver.refresh().await?;
        browser.wait_for("#headline").await?;
        headline_is(&browser, &filtered, Lang::Fr).await?;
        check_tables(&browser, &dataset, &filter, Lang::Fr).await?;

        // In Arabic, the same filtered view gives core's Arabic figures.
        use_language(&browser, Lang::Ar).await?;
        headline_is(&browser, &filtered, Lang::Ar).await?;
        check_tables(&browser, &dataset, &filter, Lang::Ar).await?;

        browser.click("#dash-clear").await?;
        headline_is(&browser, &stats::compute(&dataset, &Filter::default()), Lang::Ar).await?;
        Ok(())
    })
    .await;
}

/// The ids listed in the drill-down's cooperative list.
async fn listed_cooperatives(browser: &Browser) -> WebDriverResult<Vec<String>> {
    browser.wait_for("#drill-cooperatives").await?;
    let mut ids = Vec::new();
    for item in browser.driver.find_all(By::Css("#drill-cooperatives .drill-item")).await? {
        ids.push(item.attr("data-id").await?.unwrap_or_default());
    }
    ids.sort();
    Ok(ids)
}

#[tokio::test(flavor = "multi_thread")]
async fn drilling_down_from_rural_lists_exactly_the_33_rural_cooperatives() {
    let dataset = demo::dataset();
    let rural = stats::behind(&dataset, &Filter::default(), &Drill::Milieu(Milieu::Rural));
    let mut expected: Vec<String> = rural.cooperatives.iter().map(ToString::to_string).collect();
    expected.sort();
    assert_eq!(expected.len(), 33);
    with_browser(|browser| async move {
        open_demo(&browser, Lang::Fr).await?;
        // From the figure…
        browser.wait_for("#fig-rural a.figure-link").await?.click().await?;
        assert_eq!(listed_cooperatives(&browser).await?, expected);
        assert!(text_of(&browser, "#drill-tab-cooperatives").await?.contains("(33)"));

        // …and from the ring's rural part, back on the dashboard.
        browser.wait_for("#drill-back").await?.click().await?;
        browser.wait_for("#headline").await?;
        browser.wait_for("#chart-by-milieu-svg a[data-key='milieu:rural'] .ring-label").await?.click().await?;
        assert_eq!(listed_cooperatives(&browser).await?, expected);
        let url = browser.driver.current_url().await?;
        assert!(url.fragment().is_some_and(|f| f.contains("drill=milieu%3Arural")), "the drill-down is in the address: {url}");

        // The list follows the filters: rural cooperatives of 2021 only.
        browser.choose("#dash-from", "2021").await?;
        browser.choose("#dash-to", "2021").await?;
        let filter = Selection { from: Some(2021), to: Some(2021), ..Selection::default() }.filter(dataset.reference());
        let mut of_2021: Vec<String> = stats::behind(&dataset, &filter, &Drill::Milieu(Milieu::Rural)).cooperatives.iter().map(ToString::to_string).collect();
        of_2021.sort();
        wait_until(&browser, "the list of 2021's rural cooperatives", || {
            let of_2021 = of_2021.clone();
            let browser = browser.clone();
            async move { Ok(listed_cooperatives(&browser).await? == of_2021) }
        })
        .await?;

        // A bar of the commune chart opens that commune's projects.
        browser.driver.back().await?;
        browser.wait_for("#headline").await?;
        let bar = browser.wait_for("#chart-by-commune-svg a.bar-link").await?;
        let key = bar.attr("data-key").await?.unwrap_or_default();
        bar.click().await?;
        let commune = Drill::parse(&key).map(|d| stats::behind(&dataset, &Filter::default(), &d)).unwrap_or_default();
        browser.wait_for("#drill-projects").await?;
        let mut listed = Vec::new();
        for row in browser.driver.find_all(By::Css("#drill-projects .drill-item")).await? {
            listed.push(row.attr("data-id").await?.unwrap_or_default());
        }
        listed.sort();
        let mut projects: Vec<String> = commune.projects.iter().map(ToString::to_string).collect();
        projects.sort();
        assert!(!projects.is_empty());
        assert_eq!(listed, projects, "the bar {key} lists its commune's projects");
        Ok(())
    })
    .await;
}

/// The demo data with `edits` applied as recorded data: what a file brought in through the Data
/// page holds.
fn demo_with(edits: Vec<Edit>) -> Dataset {
    let mut dataset = demo::dataset();
    let author = Author {
        at: Timestamp::from_millis(1_751_000_000_000).unwrap_or(Timestamp::EPOCH),
        user: "e2e".into(),
        device_name: "e2e".into(),
        device: Id::from_u128(0xe2e),
    };
    for edit in edits {
        let applied = dataset.apply(edit, &EditContext::recorded(author.clone()));
        assert!(applied.is_ok(), "the fixture's edit is refused: {applied:?}");
    }
    dataset
}

fn dirhams(whole: u64) -> Amount {
    Amount::from_centimes(whole * 100).unwrap_or(Amount::ZERO)
}

/// A funded project of 250 000,00 DH (150 000,00 DH from the INDH, 50 000,00 DH of it paid) for
/// `cooperative`, dated like an in-progress project of the demo.
fn new_project(dataset: &Dataset, cooperative: Id, title: &str) -> Project {
    let template = dataset.projects().live().map(|p| p.data.clone()).find(|p| p.status == ProjectStatus::InProgress);
    let template = template.unwrap_or_else(|| panic!("the demo has projects in progress"));
    let paid_on = template.tranches.first().map(|t| t.planned_on).unwrap_or_else(|| panic!("a project in progress has tranches"));
    Project {
        title_fr: title.to_owned(),
        title_ar: title.to_owned(),
        cooperative,
        total_cost: dirhams(250_000),
        contributions: vec![
            Contribution { funder: "INDH".into(), amount: dirhams(150_000), kind: ContributionKind::Cash },
            Contribution { funder: "OWN".into(), amount: dirhams(100_000), kind: ContributionKind::Cash },
        ],
        tranches: vec![Tranche { planned_on: paid_on, funder: "INDH".into(), amount: dirhams(150_000) }],
        disbursements: vec![Disbursement { paid_on, funder: "INDH".into(), amount: dirhams(50_000) }],
        ..template
    }
}

/// Brings `dataset` in as a person would: the Data page's import, its preview, the confirmation;
/// then back to the dashboard.
async fn import(browser: &Browser, dataset: &Dataset, name: &str) -> WebDriverResult<()> {
    let path = std::env::temp_dir().join(format!("taawun-e2e-{name}-{}.json", std::process::id()));
    std::fs::write(&path, document::export(dataset)).map_err(|e| fail(format!("cannot write {}: {e}", path.display())))?;
    browser.wait_for("#nav-data").await?.click().await?;
    browser.wait_for("#import-file").await?.send_keys(path.to_string_lossy()).await?;
    browser.wait_for("#confirm-import").await?.click().await?;
    browser.wait_for("#data-done").await?;
    let _ = std::fs::remove_file(&path);
    browser.wait_for("a.brand").await?.click().await?;
    browser.wait_for("#headline").await.map(|_| ())
}

/// The cells of the row headed `head` in a chart's table.
async fn table_row(browser: &Browser, table_id: &str, head: &str) -> WebDriverResult<Vec<String>> {
    Ok(table_rows(browser, table_id).await?.into_iter().find(|row| row.first().map(String::as_str) == Some(head)).unwrap_or_default())
}

/// Adds a funded project through the project form: `total` and its INDH line, approved by the
/// CPDH in 2025 under the demo's 2025 call, for `cooperative`.
async fn add_approved_project(browser: &Browser, dataset: &Dataset, cooperative: Id, total: &str, indh: &str, own: &str) -> WebDriverResult<()> {
    let call = dataset.rulebooks().live().find(|r| r.data.name_fr.contains("2025")).map(|r| r.id.to_string());
    let call = call.ok_or_else(|| fail("the demo has a 2025 call".into()))?;
    flows::fill_project(browser, &cooperative.to_string(), total, &[("INDH", indh, "cash"), ("OWN", own, "cash")]).await?;
    browser.choose("#f-status", "approved").await?;
    browser.choose("#f-call-rulebook", &call).await?;
    browser.fill("#f-call-year", "2025").await?;
    browser.fill("#f-submitted_on", "10/01/2025").await?;
    browser.fill("#f-cpdh_approved_on", "15/03/2025").await?;
    browser.click("#save").await?;
    let saved = browser.wait_for_route(|f| f.starts_with("/projects/") && !f.starts_with("/projects/new")).await;
    if saved.is_err() {
        let problems = browser.texts("#problem-summary li").await.unwrap_or_default();
        return Err(fail(format!("the project form refused the project: {problems:?}")));
    }
    browser.wait_for("#project-details").await.map(|_| ())
}

#[tokio::test(flavor = "multi_thread")]
async fn adding_a_project_changes_the_figures_by_exactly_its_amounts() {
    let demo_data = demo::dataset();
    let before = stats::compute(&demo_data, &Filter::default());
    // An existing rural cooperative gets one more funded project, approved in 2025.
    let rural = stats::behind(&demo_data, &Filter::default(), &Drill::Milieu(Milieu::Rural));
    let cooperative = rural.cooperatives[0];
    let (cost, indh) = (dirhams(250_000), dirhams(150_000));
    let commune = demo_data.cooperatives().get(cooperative).map(|c| c.data.commune.clone()).unwrap_or_default();
    let plus = |a: Amount, b: Amount| a.checked_add(b).unwrap_or(Amount::MAX);
    let lang = Lang::Fr;
    let point = |breakdown: Breakdown, label: &str| {
        let found = stats::series(&before, breakdown, &demo_data, lang).into_iter().find(|p| p.label == label);
        found.unwrap_or_else(|| panic!("the demo has funded projects under {label}"))
    };
    let year_label = "2025".to_owned();
    let commune_label = Drill::Commune(commune.clone()).label(&demo_data, lang);
    let (year_point, commune_point) = (point(Breakdown::Year, &year_label), point(Breakdown::Commune, &commune_label));
    with_browser(|browser| async move {
        open_demo(&browser, lang).await?;
        assert_eq!(table_row(&browser, "chart-by-year-table", &year_label).await?[3], plain(&text::amount(year_point.total_support, lang)));
        add_approved_project(&browser, &demo_data, cooperative, "250 000", "150 000", "100 000").await?;
        browser.visit("#/").await?;
        browser.wait_for("#headline").await?;

        let shown = |figure: Figure| format!("#fig-{} .figure-value", figure.code());
        assert_eq!(text_of(&browser, &shown(Figure::ProjectsFunded)).await?, plain(&text::integer(before.projects_funded + 1, lang)));
        assert_eq!(text_of(&browser, &shown(Figure::CooperativesFunded)).await?, plain(&text::integer(before.cooperatives_funded, lang)));
        assert_eq!(text_of(&browser, &shown(Figure::TotalSupport)).await?, plain(&text::amount_compact(plus(before.total_support, cost), lang)));
        assert_eq!(text_of(&browser, &shown(Figure::IndhContribution)).await?, plain(&text::amount_compact(plus(before.indh_contribution, indh), lang)));
        assert_eq!(
            text_of(&browser, "#disb-disbursed .figure-value").await?,
            plain(&text::amount_compact(before.indh_disbursed, lang)),
            "nothing was paid yet"
        );
        // In full, to the centime, in the year's and the commune's rows.
        let year_after = table_row(&browser, "chart-by-year-table", &year_label).await?;
        assert_eq!(
            year_after[2..],
            [
                plain(&text::integer(year_point.projects + 1, lang)),
                plain(&text::amount(plus(year_point.total_support, cost), lang)),
                plain(&text::amount(plus(year_point.indh_contribution, indh), lang)),
            ]
        );
        let commune_after = table_row(&browser, "chart-by-commune-table", &commune_label).await?;
        assert_eq!(
            commune_after[2..],
            [
                plain(&text::integer(commune_point.projects + 1, lang)),
                plain(&text::amount(plus(commune_point.total_support, cost), lang)),
                plain(&text::amount(plus(commune_point.indh_contribution, indh), lang)),
            ]
        );
        Ok(())
    })
    .await;
}

const HOSTILE: &str = "<img src=x onerror=alert(1)>";

#[tokio::test(flavor = "multi_thread")]
async fn a_hostile_cooperative_name_is_shown_as_text_in_charts_and_tooltips() {
    let demo_data = demo::dataset();
    let template = demo_data.cooperatives().live().map(|c| c.data.clone()).next();
    let template = template.unwrap_or_else(|| panic!("the demo has cooperatives"));
    let hostile_id = Id::from_u128(0xbad_0001);
    let cooperative = Cooperative { name_fr: HOSTILE.into(), name_ar: HOSTILE.into(), ice: None, register_number: None, ..template };
    // A project large enough to put the cooperative first among the largest supports.
    let mut project = new_project(&demo_data, hostile_id, HOSTILE);
    project.total_cost = dirhams(900_000);
    project.contributions[1].amount = dirhams(750_000);
    let dataset = demo_with(vec![Edit::CreateCooperative { id: hostile_id, cooperative }, Edit::CreateProject { id: Id::from_u128(0xbad_0002), project }]);
    let largest = stats::largest(&dataset, &Filter::default(), 1, Lang::Fr);
    assert_eq!(largest.first().map(|p| p.drill.clone()), Some(Drill::Cooperative(hostile_id)));
    with_browser(|browser| async move {
        open_demo(&browser, Lang::Fr).await?;
        import(&browser, &dataset, "hostile-name").await?;
        for lang in [Lang::Fr, Lang::Ar] {
            use_language(&browser, lang).await?;
            let bar_css = format!("#chart-largest-svg a[data-key='cooperative:{hostile_id}']");
            let (label, tooltip) = retry_stale(|| async {
                let bar = browser.wait_for(&bar_css).await?;
                let label = bar.find(By::Css("text.bar-label")).await?.prop("textContent").await?;
                let tooltip = bar.find(By::Css("title")).await?.prop("textContent").await?.unwrap_or_default();
                Ok((label, tooltip))
            })
            .await?;
            assert_eq!(label.as_deref(), Some(HOSTILE), "the bar's label is the name, as text");
            assert!(tooltip.starts_with(HOSTILE), "the tooltip starts with the name, as text: {tooltip:?}");
            let row = table_row(&browser, "chart-largest-table", HOSTILE).await?;
            assert_eq!(row.first().map(String::as_str), Some(HOSTILE), "the table names the cooperative as text");
            let images = browser.driver.find_all(By::Css("img, svg image, foreignObject")).await?;
            assert!(images.is_empty(), "the name became markup");
        }
        // Its drill-down names it as text too.
        browser.click(&format!("#chart-largest-svg a[data-key='cooperative:{hostile_id}']")).await?;
        let title = text_of(&browser, "#page-title").await?;
        assert!(title.ends_with(HOSTILE), "the drill-down's title names the cooperative as text: {title:?}");
        let project = browser.texts_when_present("#drill-projects .drill-item th, #drill-projects .drill-item td").await?;
        assert_eq!(project.get(..2), Some(&[HOSTILE.to_owned(), HOSTILE.to_owned()][..]), "the project's title and its cooperative, as text");
        browser.click("#drill-tab-cooperatives").await?;
        assert_eq!(text_of(&browser, "#drill-cooperatives .drill-item .record-title").await?, HOSTILE);
        assert!(browser.driver.get_alert_text().await.is_err(), "a script ran: an alert is open");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn screenshots_of_the_dashboard_in_both_languages_at_tablet_and_phone_sizes() {
    with_browser(|browser| async move {
        open_demo(&browser, Lang::Fr).await?;
        for lang in [Lang::Fr, Lang::Ar] {
            use_language(&browser, lang).await?;
            for (width, height) in [(768, 1024), (375, 812)] {
                browser.set_size(width, height).await?;
                let scroll_to = |css: &'static str| {
                    let browser = browser.clone();
                    async move {
                        let script = "document.querySelector(arguments[0]).scrollIntoView({block: 'start'});";
                        browser.driver.execute(script, vec![serde_json::json!(css)]).await.map(|_| ())
                    }
                };
                browser.driver.execute("window.scrollTo(0, 0);", Vec::new()).await?;
                browser.screenshot(&format!("dashboard-{}-{width}x{height}", lang.code())).await?;
                scroll_to("#chart-by-milieu").await?;
                browser.screenshot(&format!("dashboard-charts-{}-{width}x{height}", lang.code())).await?;
                scroll_to("#chart-by-commune").await?;
                browser.screenshot(&format!("dashboard-bars-{}-{width}x{height}", lang.code())).await?;
            }
        }
        // The charts must fit the phone's width: nothing wider than the page.
        let overflow = browser.driver.execute("return document.documentElement.scrollWidth - document.documentElement.clientWidth;", Vec::new()).await?;
        assert_eq!(overflow.json().as_i64(), Some(0), "the dashboard scrolls sideways on a phone");
        Ok(())
    })
    .await;
}
