//! Spreadsheets in and out (issue 10): the spreadsheet module is fetched only when its screen
//! opens; a CSV and an XLSX built here with good and bad rows are previewed with their findings,
//! near spellings wait until the user accepts the suggestions, nothing is written before Confirm,
//! the valid rows are imported when the user asks for them (one change the undo banner takes
//! back) and found in the registry; exports download files that open with calamine and csv, the
//! Arabic workbook right to left, its amounts numbers, its ICEs text with their zeros.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use thirtyfour::prelude::*;

use crate::browser::Browser;
use crate::reliability::{Options, download_dir, downloaded, with};

/// The names of the resources the page has fetched so far.
async fn fetched(browser: &Browser) -> WebDriverResult<Vec<String>> {
    let names = browser.driver.execute("return performance.getEntriesByType('resource').map((e) => e.name);", vec![]).await?;
    names.convert()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_sheets_module_is_fetched_only_when_a_spreadsheet_screen_opens_and_runs_in_a_worker() {
    with(Options::default(), |browser| async move {
        browser.start("/", true).await?;
        browser.visit("#/data").await?;
        let before = fetched(&browser).await?;
        assert!(before.iter().any(|n| n.contains("taawun_web_bg.wasm")), "the app's own module is listed: {before:?}");
        assert!(!before.iter().any(|n| n.contains("sheets")), "the spreadsheet module was fetched at start: {before:?}");
        browser.click("#sheets-link").await?;
        browser.wait_for("#sheets-export").await?;
        let after = fetched(&browser).await?;
        // The module runs in a worker: the page fetches the worker's script, and the worker (not
        // the page's thread) fetches the module, so a long check never holds the page.
        assert!(after.iter().any(|n| n.ends_with("sheets/worker.js")), "{after:?}");
        assert!(!after.iter().any(|n| n.ends_with("sheets/taawun_web_sheets_bg.wasm")), "the page's thread fetched the module: {after:?}");
        Ok(())
    })
    .await;
}

/// Two good rows and one whose commune does not exist, under a title row and an empty row, in
/// the order a prefecture's register has them (so the bad row is row 6).
const GOOD_A: &str = "Coopérative Zitoun Tanja (fictive)";
const GOOD_B: &str = "Coopérative Nahl Assilah (fictive)";
const BAD: &str = "Coopérative Sans Commune (fictive)";

fn csv_fixture() -> Vec<u8> {
    format!(
        "Liste des coopératives 2025;;\r\n;;\r\nNom en français;Commune;Secteur\r\n{GOOD_A};Assilah;Agriculture\r\n{GOOD_B};Asilah;Apiculture\r\n{BAD};Nulle Part Ici;Agriculture\r\n"
    )
    .into_bytes()
}

fn xlsx_fixture() -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    // Sheet rows 1 (title), 2 (left empty), 3 (headers), then 4 to 6: the bad row is row 6, as
    // in the CSV.
    let rows: [(u32, [&str; 3]); 5] = [
        (0, ["Liste des coopératives 2025", "", ""]),
        (2, ["Nom en français", "Commune", "Secteur"]),
        (3, [GOOD_A, "Assilah", "Agriculture"]),
        (4, [GOOD_B, "Asilah", "Apiculture"]),
        (5, [BAD, "Nulle Part Ici", "Agriculture"]),
    ];
    for (r, row) in rows {
        for (c, text) in (0u16..).zip(row) {
            if !text.is_empty() {
                sheet.write_string(r, c, text).expect("a cell");
            }
        }
    }
    workbook.save_to_buffer().expect("a workbook")
}

async fn import_valid_rows(browser: &Browser, name: &str, bytes: &[u8]) -> WebDriverResult<()> {
    let file = std::env::temp_dir().join(format!("taawun-sheet-{}-{name}", std::process::id()));
    std::fs::write(&file, bytes).expect("the test file is written");
    browser.start("/", true).await?;
    browser.click("#lang-switch").await?;
    browser.visit("#/data/spreadsheets").await?;
    let stored = browser.stored_document().await?;
    browser.wait_for("#sheets-file").await?.send_keys(file.display().to_string()).await?;
    browser.wait_for("#sheets-preview").await?;
    assert_eq!(browser.text("#sheets-row-count").await?, "3");
    assert_eq!(browser.text("#sheets-importable").await?, "1", "the near spelling waits for the user");
    assert_eq!(browser.text("#sheets-error-count").await?, "2");
    let findings = browser.texts("#sheets-findings tr.finding-error").await?;
    assert!(findings.iter().any(|f| f.starts_with("6") && f.contains("Commune") && f.contains("Nulle Part Ici")), "{findings:?}");
    let suggested = browser.texts("#sheets-findings tr[data-row='5'] td.suggestion").await?;
    assert_eq!(suggested, ["Assilah"], "a near spelling is suggested");
    assert!(!browser.wait_for("#sheets-accept-suggestions").await?.is_selected().await?, "suggestions are not accepted by default");
    browser.click("#sheets-accept-suggestions").await?;
    browser.wait_for_text("#sheets-importable", "2").await?;
    assert_eq!(browser.text("#sheets-error-count").await?, "1");
    let warnings = browser.texts("#sheets-findings tr.finding-warning").await?;
    assert!(warnings.iter().any(|f| f.starts_with("5") && f.contains("Assilah")), "the accepted spelling is said: {warnings:?}");
    let confirm = browser.wait_for("#sheets-confirm").await?;
    assert!(!confirm.is_enabled().await?, "a sheet with an error is not imported unless valid rows only is chosen");
    assert!(!browser.wait_for("#sheets-valid-only").await?.is_selected().await?, "valid rows only is not the default");
    assert_eq!(browser.stored_document().await?, stored, "nothing is written before Confirm");

    browser.click("#sheets-valid-only").await?;
    browser.click("#sheets-confirm").await?;
    assert_eq!(browser.text("#sheets-done").await?, "Import effectué, fiches écrites : 2");
    let after = browser.stored_document().await?.unwrap_or_default();
    assert!(after.contains(GOOD_A) && after.contains(GOOD_B) && !after.contains(BAD), "the valid rows were not written as asked");
    assert!(browser.stored("taawun.sheet-mapping.cooperatives").await?.is_some_and(|m| m.contains("name_fr")), "the mapping is remembered");
    browser.wait_for("#undo").await?;

    for (query, name) in [("Tanja", GOOD_A), ("Nahl", GOOD_B)] {
        browser.visit(&format!("#/cooperatives?q={query}")).await?;
        let listed = browser.text("main").await?;
        assert!(listed.contains(name), "{name} is not in the registry: {listed}");
    }
    let _ = std::fs::remove_file(&file);
    Ok(())
}

/// The XML of the first worksheet of a downloaded workbook.
fn first_sheet_xml(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("the download is a zip");
    let mut xml = String::new();
    archive.by_name("xl/worksheets/sheet1.xml").expect("a first worksheet").read_to_string(&mut xml).expect("readable XML");
    xml
}

fn clear(dir: &std::path::Path) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let _ = std::fs::remove_file(entry.path());
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_csv_sheet_with_good_and_bad_rows_is_previewed_and_its_valid_rows_imported() {
    with(Options::default(), |browser| async move { import_valid_rows(&browser, "coops.csv", &csv_fixture()).await }).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_xlsx_sheet_with_good_and_bad_rows_is_previewed_and_its_valid_rows_imported() {
    with(Options::default(), |browser| async move { import_valid_rows(&browser, "coops.xlsx", &xlsx_fixture()).await }).await;
}

/// A register of `rows` cooperatives, each valid, under its header row.
fn large_csv(rows: usize) -> Vec<u8> {
    let mut text = String::from("Nom en français;Commune;Secteur\r\n");
    for row in 0..rows {
        text.push_str(&format!("Coopérative Essai {row} (fictive);Assilah;Agriculture\r\n"));
    }
    text.into_bytes()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_large_sheet_is_checked_while_the_page_keeps_answering() {
    const ROWS: usize = 40_000;
    with(Options::default(), |browser| async move {
        let file = std::env::temp_dir().join(format!("taawun-sheet-{}-large.csv", std::process::id()));
        std::fs::write(&file, large_csv(ROWS)).expect("the test file is written");
        browser.start("/", true).await?;
        browser.visit("#/data/spreadsheets").await?;
        browser.wait_for("#sheets-file").await?.send_keys(file.display().to_string()).await?;
        browser.wait_for("#sheets-checking").await?;
        // A script runs on the page's thread only when that thread is free. Had the module read
        // and checked the rows there, this would run after the check, with the status gone.
        let answered = browser.driver.execute("return document.getElementById('sheets-checking') !== null;", vec![]).await?;
        assert_eq!(answered.json(), &serde_json::Value::Bool(true), "the page answered while the rows were being checked");
        browser.wait_for("#sheets-preview").await?;
        assert_eq!(browser.text("#sheets-row-count").await?.replace(' ', ""), ROWS.to_string());
        let _ = std::fs::remove_file(&file);
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sheet_export_downloads_an_arabic_workbook_and_a_csv_with_its_bom() {
    let downloads = download_dir("sheets-export");
    let dir = downloads.clone();
    with(Options { downloads: Some(downloads), ..Options::default() }, |browser| async move {
        browser.start("/", true).await?;
        browser.visit("#/data/spreadsheets").await?;
        browser.click("#sheets-export").await?;
        let bytes = downloaded(&dir, "taawun-cooperatives-").await?;
        assert!(first_sheet_xml(&bytes).contains("rightToLeft=\"1\""), "an Arabic workbook reads right to left");
        let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("the download is a workbook");
        let sheet = workbook.worksheet_range_at(0).expect("a sheet").expect("a readable sheet");
        let demo = taawun_core::demo::dataset();
        let expected = demo.cooperatives().live().count();
        assert_eq!(sheet.height(), expected + 1, "a header row and one row per cooperative");
        assert_eq!(sheet.get((0, 0)), Some(&Data::String("الاسم بالعربية".into())));
        let ice_column = (0..sheet.width()).find(|c| sheet.get((0, *c)) == Some(&Data::String("التعريف الموحد للمقاولة".into()))).expect("an ICE column");
        let mut zeros = 0;
        for (row, record) in (1..).zip(demo.cooperatives().live()) {
            if let Some(ice) = &record.data.ice {
                assert_eq!(sheet.get((row, ice_column)), Some(&Data::String(ice.as_str().to_owned())), "row {row}: the ICE is text, zeros kept");
                zeros += usize::from(ice.as_str().starts_with('0'));
            }
        }
        assert!(zeros > 0, "the demo has ICEs with leading zeros");

        clear(&dir);
        browser.choose("#sheets-table", "projects").await?;
        browser.click("#sheets-export").await?;
        let bytes = downloaded(&dir, "taawun-projects-").await?;
        let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("the download is a workbook");
        let sheet = workbook.worksheet_range_at(0).expect("a sheet").expect("a readable sheet");
        let cost_column = (0..sheet.width()).find(|c| sheet.get((0, *c)) == Some(&Data::String("الكلفة الإجمالية".into()))).expect("a total cost column");
        for (row, record) in (1..).zip(demo.projects().live()) {
            let Some(Data::Float(cost)) = sheet.get((row, cost_column)) else {
                panic!("row {row}: the total cost is a number cell: {:?}", sheet.get((row, cost_column)))
            };
            assert_eq!(format!("{cost:.2}"), record.data.total_cost.to_canonical(), "row {row}");
        }

        clear(&dir);
        browser.choose("#sheets-table", "projects").await?;
        browser.choose("#sheets-format", "csv").await?;
        browser.click("#sheets-export").await?;
        let bytes = downloaded(&dir, "taawun-projects-").await?;
        let text = bytes.strip_prefix("\u{feff}".as_bytes()).expect("the CSV starts with a BOM for Excel");
        let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(text);
        let rows = reader.records().collect::<Result<Vec<_>, _>>().expect("the CSV reads back");
        assert_eq!(rows.len(), taawun_core::demo::dataset().projects().live().count());

        clear(&dir);
        browser.choose("#sheets-table", "attendance").await?;
        browser.click("#sheets-export").await?;
        let bytes = downloaded(&dir, "taawun-attendance-").await?;
        let text = bytes.strip_prefix("\u{feff}".as_bytes()).expect("the CSV starts with a BOM for Excel");
        let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(text);
        assert_eq!(reader.headers().expect("a header row").get(0), Some("اللقاء"), "headers in the page's language");
        let rows = reader.records().collect::<Result<Vec<_>, _>>().expect("the CSV reads back");
        let check_ins: usize = taawun_core::demo::dataset().meetings().live().map(|m| m.data.attendance.len()).sum();
        assert_eq!(rows.len(), check_ins, "one row per check-in at the door");
        Ok(())
    })
    .await;
}
