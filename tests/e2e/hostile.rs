//! Names that look like HTML are shown as text everywhere they appear, and never run.

use thirtyfour::prelude::*;

use crate::browser::{Browser, with_browser};
use crate::flows;

const IMG: &str = "<img src=x onerror=alert(1)>";
const SCRIPT: &str = "<script>alert(2)</script>";

async fn nothing_ran(browser: &Browser) -> WebDriverResult<()> {
    assert!(browser.driver.get_alert_text().await.is_err(), "an alert opened: a name was run as HTML");
    let injected = browser.driver.find_all(By::Css("main img, main script, body > script:not([type='module'])")).await?;
    assert!(injected.is_empty(), "a name became an element");
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cooperative_named_like_html_shows_as_text_in_lists_pages_and_forms() {
    with_browser(|browser| async move {
        browser.start("/", false).await?;
        browser.click("#lang-switch").await?;
        flows::create_call(&browser, "2025").await?;
        let id = flows::create_cooperative(&browser, IMG, SCRIPT).await?;
        assert_eq!(browser.text("#page-title").await?, IMG);
        assert_eq!(browser.text(".other-name").await?, SCRIPT);
        nothing_ran(&browser).await?;

        browser.visit("#/cooperatives").await?;
        assert_eq!(browser.texts_when_present("li.cooperative .record-title").await?, vec![IMG]);
        assert_eq!(browser.texts("li.cooperative .other-name").await?, vec![SCRIPT]);
        nothing_ran(&browser).await?;

        browser.visit(&format!("#/projects/new?cooperative={id}")).await?;
        let option = browser.text(&format!("#f-cooperative option[value='{id}']")).await?;
        assert_eq!(option, IMG);
        nothing_ran(&browser).await?;

        browser.click("#lang-switch").await?;
        browser.visit(&format!("#/cooperatives/{id}")).await?;
        assert_eq!(browser.text("#page-title").await?, SCRIPT);
        browser.visit(&format!("#/cooperatives/{id}/edit")).await?;
        assert_eq!(browser.value("#f-name_fr").await?, IMG);
        assert_eq!(browser.value("#f-name_ar").await?, SCRIPT);
        nothing_ran(&browser).await
    })
    .await;
}
