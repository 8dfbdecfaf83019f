//! The walking skeleton: a cooperative added in the browser is listed, and survives a reload.

use thirtyfour::prelude::*;

use crate::browser::{Browser, with_browser};

async fn add_cooperative(browser: &Browser, name: &str, commune_code: &str) -> WebDriverResult<()> {
    browser.wait_for("#coop-name").await?.send_keys(name).await?;
    let select = browser.wait_for("#coop-commune").await?;
    select.find(By::Css(&format!("option[value='{commune_code}']"))).await?.click().await?;
    browser.wait_for("#coop-add").await?.click().await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cooperative_added_is_listed_and_still_there_after_a_reload() {
    with_browser(|browser| async move {
        browser.goto_app("/").await?;
        add_cooperative(&browser, "Coopérative Nour Al Bahr (fictive)", "ASL").await?;
        browser.wait_for("li.cooperative").await?;
        assert_eq!(browser.texts("li.cooperative").await?, vec!["Coopérative Nour Al Bahr (fictive) — Assilah"]);
        browser.screenshot("skeleton-fr-1024x768").await?;

        let stored = browser.stored("taawun.registry").await?.unwrap_or_default();
        assert!(stored.contains("Nour Al Bahr"), "the cooperative was not written to localStorage: {stored:?}");

        browser.driver.refresh().await?;
        browser.wait_for("main").await?;
        assert_eq!(
            browser.texts_when_present("li.cooperative").await?,
            vec!["Coopérative Nour Al Bahr (fictive) — Assilah"],
            "the cooperative must still be listed after a reload"
        );
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_site_works_when_hosted_under_a_sub_path() {
    with_browser(|browser| async move {
        browser.goto_app("/taawun/").await?;
        let url = browser.driver.current_url().await?;
        assert!(url.path().starts_with("/taawun/"), "the app left its sub-path: {url}");
        add_cooperative(&browser, "Coopérative Jbel Lkbir (fictive)", "DCH").await?;
        browser.wait_for("li.cooperative").await?;
        assert_eq!(browser.texts("li.cooperative").await?, vec!["Coopérative Jbel Lkbir (fictive) — Dar Chaoui"]);
        Ok(())
    })
    .await;
}
