//! Searching cooperatives with core's folding: spelling variants of Arabic letters and French
//! accents and case find the same names.

use crate::browser::with_browser;

#[tokio::test(flavor = "multi_thread")]
async fn searching_alamal_without_hamza_finds_the_cooperatives_named_with_it() {
    with_browser(|browser| async move {
        browser.start("/", true).await?;
        browser.visit("#/cooperatives").await?;
        browser.fill("#search", "الامل").await?;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let names = browser.texts_when_present("li.cooperative .record-title").await?;
        assert!(!names.is_empty(), "nothing found for الامل");
        assert!(names.iter().all(|n| n.starts_with("تعاونية الأمل")), "{names:?}");
        assert!(browser.text("#result-count").await?.starts_with(&names.len().to_string()));

        browser.click("#lang-switch").await?;
        browser.fill("#search", "cooperative amal").await?;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let names = browser.texts_when_present("li.cooperative .record-title").await?;
        assert!(!names.is_empty(), "nothing found for cooperative amal");
        assert!(names.iter().all(|n| n.starts_with("Coopérative Al Amal")), "{names:?}");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn filters_and_the_search_live_in_the_address_and_survive_a_reload() {
    with_browser(|browser| async move {
        browser.start("/", true).await?;
        browser.click("#lang-switch").await?;
        browser.visit("#/cooperatives").await?;
        browser.click("details.more-filters summary").await?;
        browser.choose("#filter-milieu", "rural").await?;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let rural = browser.text("#result-count").await?;
        assert!(rural.starts_with("33 coopératives"), "{rural}");
        browser.fill("#search", "cooperative").await?;
        browser.driver.refresh().await?;
        browser.wait_for("#page-title").await?;
        assert_eq!(browser.text("#result-count").await?, "33 coopératives sur 85");
        assert_eq!(browser.value("#search").await?, "cooperative");
        Ok(())
    })
    .await;
}
