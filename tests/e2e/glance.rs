//! The glance: a returning visit shows the dashboard as last drawn while the app's own part
//! arrives; a change to the data makes it wait until the dashboard is drawn again.

use serde_json::json;
use thirtyfour::prelude::*;

use crate::browser::with_browser;
use crate::reliability::{snapshot, wait_until};

const GLANCE_KEY: &str = "taawun.glance";
const HEAD_KEY: &str = "taawun.head";

/// The head a stored glance was drawn from, if there is a glance.
fn glance_head(all: &std::collections::BTreeMap<String, String>) -> Option<String> {
    let glance: serde_json::Value = serde_json::from_str(all.get(GLANCE_KEY)?).ok()?;
    glance["head"].as_str().map(str::to_owned)
}

/// Whether the stored glance was drawn from the head stored now.
fn glance_is_current(all: &std::collections::BTreeMap<String, String>) -> bool {
    glance_head(all).is_some_and(|head| Some(&head) == all.get(HEAD_KEY))
}

/// The text of the element `css` selects, exactly as the document holds it.
async fn text_content(browser: &crate::browser::Browser, css: &str) -> WebDriverResult<String> {
    let text = browser.driver.execute("return document.querySelector(arguments[0]).textContent;", vec![json!(css)]).await?;
    Ok(text.json().as_str().unwrap_or_default().to_owned())
}

/// Watches the next document for the glance: what its headline said, whether its filters were
/// disabled and how many links it had, as soon as it appeared.
const GLANCE_PROBE: &str = "new MutationObserver((changes, observer) => { \
    const glance = document.querySelector('.glance'); \
    if (!glance || window.__glance) return; \
    const selects = [...glance.querySelectorAll('select')]; \
    window.__glance = { headline: (glance.querySelector('.headline') || {}).textContent || null, \
        filtersDisabled: selects.length > 0 && selects.every((s) => s.disabled), \
        links: glance.querySelectorAll('a[href^=\"#/\"]').length, \
        ids: glance.querySelectorAll('[id]:not(pattern)').length, \
        appThere: !!document.getElementById('headline') }; \
  }).observe(document, { childList: true, subtree: true });";

#[tokio::test(flavor = "multi_thread")]
async fn a_returning_visit_shows_the_last_dashboard_before_the_app_has_read_the_data() {
    with_browser(|browser| async move {
        browser.start("/", true).await?;
        browser.wait_for("#headline").await?;
        let headline = text_content(&browser, "#headline").await?;
        assert!(headline.contains("85"), "{headline}");
        wait_until(&browser, "the dashboard is kept as the glance", glance_is_current).await?;

        browser.driver.cdp().send_raw("Page.enable", json!({})).await?;
        browser.driver.cdp().send_raw("Page.addScriptToEvaluateOnNewDocument", json!({ "source": GLANCE_PROBE })).await?;
        browser.driver.refresh().await?;
        browser.wait_for("#headline").await?;
        assert_eq!(text_content(&browser, "#headline").await?, headline);
        let seen = browser.driver.execute("return window.__glance || null;", vec![]).await?;
        let seen = seen.json();
        assert_eq!(seen["headline"], json!(headline), "the glance showed another headline: {seen}");
        assert_eq!(seen["appThere"], json!(false), "the glance came after the app: {seen}");
        assert_eq!(seen["filtersDisabled"], json!(true), "a filter of the glance looked usable: {seen}");
        assert!(seen["links"].as_u64().unwrap_or(0) >= 10, "the glance's links are missing: {seen}");
        assert_eq!(seen["ids"], json!(0), "the glance repeats the app's ids (a chart's fill patterns aside): {seen}");
        assert!(browser.driver.find_all(By::Css(".glance")).await?.is_empty(), "the glance stayed beside the app");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_saved_change_retires_the_glance_until_the_dashboard_is_drawn_again() {
    with_browser(|browser| async move {
        browser.start("/", true).await?;
        browser.wait_for("#headline").await?;
        wait_until(&browser, "the dashboard is kept as the glance", glance_is_current).await?;
        let headline = text_content(&browser, "#headline").await?;
        let before = glance_head(&snapshot(&browser).await?);

        // A new cooperative, saved from its form: the glance no longer shows the stored data.
        crate::flows::create_cooperative(&browser, "Coopérative du coup d'œil (fictive)", "تعاونية اللمحة (خيالية)").await?;
        wait_until(&browser, "the change is saved", |all| all.get(HEAD_KEY) != before.as_ref()).await?;
        assert!(!glance_is_current(&snapshot(&browser).await?), "a glance of the data before the change is still current");

        // Leaving the page (hidden) keeps the dashboard as it would be drawn now.
        browser
            .driver
            .execute(
                "Object.defineProperty(document, 'hidden', { value: true, configurable: true }); \
                                 document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));",
                vec![],
            )
            .await?;
        wait_until(&browser, "the glance is drawn again from the stored data", glance_is_current).await?;
        let all = snapshot(&browser).await?;
        assert!(all[GLANCE_KEY].contains(&headline), "the glance drawn apart is not the dashboard");
        Ok(())
    })
    .await;
}
