//! The app's frame: the first visit's choice, data kept across reloads, and hosting under a
//! sub-path with deep links that survive a reload.

use crate::browser::with_browser;
use crate::flows;

#[tokio::test(flavor = "multi_thread")]
async fn a_cooperative_added_is_listed_and_still_there_after_a_reload() {
    with_browser(|browser| async move {
        browser.start("/", false).await?;
        flows::create_cooperative(&browser, "Coopérative Nour Al Bahr (fictive)", "تعاونية نور البحر (وهمية)").await?;
        browser.visit("#/cooperatives").await?;
        browser.click("#lang-switch").await?;
        assert_eq!(browser.texts_when_present("li.cooperative .record-title").await?, vec!["Coopérative Nour Al Bahr (fictive)"]);

        let stored = browser.stored("taawun.dataset").await?.unwrap_or_default();
        assert!(stored.contains("Nour Al Bahr"), "the cooperative was not written to localStorage: {stored:?}");

        browser.driver.refresh().await?;
        browser.wait_for("#page-title").await?;
        assert_eq!(
            browser.texts_when_present("li.cooperative .record-title").await?,
            vec!["Coopérative Nour Al Bahr (fictive)"],
            "the cooperative must still be listed after a reload"
        );
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_first_visit_offers_the_demo_data_and_the_choice_is_not_asked_again() {
    with_browser(|browser| async move {
        browser.goto_app("/").await?;
        assert!(browser.stored("taawun.dataset").await?.is_none(), "nothing may be written before the user chooses");
        browser.click("#start-demo").await?;
        browser.visit("#/cooperatives").await?;
        let count = browser.text("#result-count").await?;
        assert!(count.contains("85"), "the demo has 85 cooperatives: {count}");
        browser.driver.refresh().await?;
        browser.wait_for("#page-title").await?;
        assert!(browser.driver.find_all(thirtyfour::By::Css("#start-demo")).await?.is_empty(), "the first-visit choice came back");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_site_works_under_a_sub_path_and_a_deep_link_survives_a_reload() {
    with_browser(|browser| async move {
        browser.start("/taawun/", false).await?;
        let id = flows::create_cooperative(&browser, "Coopérative Jbel Lkbir (fictive)", "تعاونية جبل الكبير (وهمية)").await?;
        let url = browser.driver.current_url().await?;
        assert!(url.path().starts_with("/taawun/"), "the app left its sub-path: {url}");
        assert_eq!(url.fragment(), Some(format!("/cooperatives/{id}").as_str()));

        browser.driver.refresh().await?;
        let title = browser.text("#page-title").await?;
        assert_eq!(title, "تعاونية جبل الكبير (وهمية)", "the deep link must open the same cooperative after a reload");
        let url = browser.driver.current_url().await?;
        assert!(url.path().starts_with("/taawun/"), "the reload left the sub-path: {url}");
        Ok(())
    })
    .await;
}
