//! Lazy loading: the home page answers from the main module alone (the records are read after,
//! by a part of their own), each other page fetches its own part
//! the first time it is shown, and every part is cached for offline use on the first visit.

use std::path::Path;
use std::time::Duration;

use thirtyfour::prelude::*;

use crate::browser::{Browser, copy_site, dist, fail, with_browser};

/// The names of the WebAssembly files this document has fetched so far, sorted.
async fn fetched_modules(browser: &Browser) -> WebDriverResult<Vec<String>> {
    let names = browser
        .driver
        .execute(
            "return performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.split('/').pop()) \
             .filter((n) => n.endsWith('.wasm'));",
            vec![],
        )
        .await?;
    let mut names: Vec<String> = serde_json::from_value(names.json().clone()).map_err(|e| fail(e.to_string()))?;
    names.sort();
    names.dedup();
    Ok(names)
}

/// The built site's lazy parts (`pkg/split_*.wasm`, `pkg/chunk_*.wasm`).
fn lazy_parts(site: &Path) -> Vec<String> {
    let mut parts: Vec<String> = std::fs::read_dir(site.join("pkg"))
        .expect("the built site has its pkg folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".wasm") && (n.starts_with("split_") || n.starts_with("chunk_")))
        .collect();
    parts.sort();
    parts
}

#[tokio::test(flavor = "multi_thread")]
async fn the_build_has_lazy_parts_for_every_page_but_the_dashboard() {
    let parts = lazy_parts(&dist());
    for part in [
        "registry",
        "settings",
        "data",
        "demo_data",
        "recovery",
        "undo_later",
        "meetings",
        "visits",
        "report",
        "spreadsheets",
        "merge",
        "saving",
        "reading",
        "empty_data",
    ] {
        assert!(parts.contains(&format!("split_{part}.wasm")), "no lazy part {part}: {parts:?}");
    }
    assert!(!parts.iter().any(|p| p.contains("dashboard")), "the home page must not be lazy: {parts:?}");
}

/// Set before the page's scripts: when the dashboard's headline enters the document, keeps the
/// WebAssembly files fetched or being fetched by then, and the headline's text.
const HOME_PROBE: &str = r#"
(() => {
  const observer = new MutationObserver(() => {
    const headline = document.getElementById('headline');
    if (!headline) return;
    observer.disconnect();
    window.__homeAnswered = {
      modules: performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.split('/').pop()).filter((n) => n.endsWith('.wasm')),
      headline: headline.textContent,
    };
  });
  observer.observe(document, { childList: true, subtree: true });
})();
"#;

#[tokio::test(flavor = "multi_thread")]
async fn the_home_page_answers_from_the_main_module_and_reads_the_records_after() {
    with_browser(|browser| async move {
        browser.start("/", true).await?;
        browser.driver.cdp().send_raw("Page.enable", serde_json::json!({})).await?;
        browser.driver.cdp().send_raw("Page.addScriptToEvaluateOnNewDocument", serde_json::json!({ "source": HOME_PROBE })).await?;
        // A returning visit: the stored data opens on the dashboard, drawn from its outline.
        browser.driver.refresh().await?;
        browser.wait_for("#headline").await?;
        let answered = browser.driver.execute("return window.__homeAnswered || null;", vec![]).await?;
        let answered = answered.json().clone();
        let modules: Vec<String> = serde_json::from_value(answered["modules"].clone()).map_err(|e| fail(e.to_string()))?;
        assert_eq!(modules, vec!["taawun_web_bg.wasm".to_owned()], "the dashboard needed more than the main module");
        let headline = answered["headline"].as_str().unwrap_or_default().to_owned();
        assert!(headline.contains("85"), "the dashboard shows the stored figures: {headline}");
        // Then the records are read, by a part of their own, and the other pages can show them.
        let started = std::time::Instant::now();
        while !fetched_modules(&browser).await?.contains(&"split_reading.wasm".to_owned()) {
            if started.elapsed() > Duration::from_secs(20) {
                return Err(fail("the records were never read".into()));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        browser.driver.find(By::Id("nav-cooperatives")).await?.click().await?;
        browser.wait_for("#cooperatives li").await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_that_edits_brings_the_writing_part_so_an_edit_is_stored_before_the_click_returns() {
    with_browser(|browser| async move {
        browser.start("/", true).await?;
        browser.driver.refresh().await?;
        browser.wait_for("#nav-cooperatives").await?;
        assert!(!fetched_modules(&browser).await?.contains(&"split_saving.wasm".to_owned()), "the dashboard fetched the writing part");
        crate::flows::fill_cooperative(&browser, "Coopérative de l'enregistrement immédiat (fictive)", "تعاونية الحفظ الفوري (خيالية)").await?;
        let fetched = fetched_modules(&browser).await?;
        assert!(fetched.contains(&"split_saving.wasm".to_owned()), "the form came without the writing part: {fetched:?}");
        // One script: the click runs its handlers, then the stored head is read, with no task in
        // between for a save that waited on a fetch.
        let read_and_save = "const before = localStorage.getItem(arguments[0]); \
                             document.querySelector('#save').click(); \
                             return [before, localStorage.getItem(arguments[0])];";
        let heads = browser.driver.execute(read_and_save, vec![serde_json::json!(taawun_core::storage_layout::HEAD_KEY)]).await?;
        let heads: Vec<Option<String>> = serde_json::from_value(heads.json().clone()).map_err(|e| fail(e.to_string()))?;
        assert!(heads[0].is_some(), "nothing was stored before the edit");
        assert_ne!(heads[0], heads[1], "the new cooperative was not stored when the click returned");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn going_to_a_lazy_page_fetches_its_part_and_shows_it() {
    with_browser(|browser| async move {
        browser.start("/taawun/", true).await?;
        browser.driver.refresh().await?;
        browser.wait_for("#nav-cooperatives").await?;
        assert!(!fetched_modules(&browser).await?.contains(&"split_data.wasm".to_owned()));
        browser.click("#nav-data").await?;
        browser.wait_for_route(|f| f == "/data").await?;
        // The data page's own heading: `#page-title` alone may still be the dashboard's for a
        // moment after the address changed.
        let title = browser.wait_for("#export-title").await?.text().await?;
        assert!(!title.is_empty());
        let fetched = fetched_modules(&browser).await?;
        assert!(fetched.contains(&"split_data.wasm".to_owned()), "the data page's part was not fetched: {fetched:?}");
        assert!(!browser.driver.find_all(By::Css("main button")).await?.is_empty(), "the data page shows nothing");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_never_visited_still_opens_with_no_network_after_the_first_visit() {
    let site = copy_site("lazy");
    let server = xtask::serve::start(&site, 0, "/taawun/").expect("a server on loopback");
    let url = server.url();
    with_browser(|browser| async move {
        browser.driver.goto(&url).await?;
        browser.wait_for("#start-empty").await?.click().await?;
        browser.wait_for("#nav-settings").await?;
        // Wait until the service worker controls the page and has filled its cache.
        let mut ready = false;
        for _ in 0..200 {
            let cached = browser
                .driver
                .execute_async(
                    "const done = arguments[arguments.length - 1]; \
                     if (!navigator.serviceWorker.controller) { done(false); return; } \
                     caches.keys().then((names) => done(names.some((n) => n.startsWith('taawun-'))));",
                    vec![],
                )
                .await?;
            if cached.json().as_bool() == Some(true) {
                ready = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(ready, "no service worker took control of the page");
        assert!(!fetched_modules(&browser).await?.iter().any(|n| n == "split_settings.wasm"), "settings was fetched before its visit");

        server.stop();
        browser.driver.refresh().await?;
        browser.wait_for("#nav-settings").await?;
        browser.click("#nav-settings").await?;
        browser.wait_for_route(|f| f == "/settings").await?;
        // The settings page's own field (the dashboard's `#page-title` may linger a moment).
        browser.wait_for("#user-name").await?;
        assert!(browser.driver.find_all(By::Css(".lazy-failed")).await?.is_empty(), "the settings page's part could not be loaded offline");
        let fetched = fetched_modules(&browser).await?;
        assert!(fetched.contains(&"split_settings.wasm".to_owned()), "{fetched:?}");
        Ok(())
    })
    .await;
}
