//! Settings: editing a call's rulebook lists the findings it creates; reference entries are
//! retired, not deleted, and stop being offered.

use crate::browser::with_browser;

#[tokio::test(flavor = "multi_thread")]
async fn lowering_the_indh_maximum_of_a_call_lists_the_findings_it_creates() {
    with_browser(|browser| async move {
        browser.start("/", true).await?;
        browser.click("#lang-switch").await?;
        browser.visit("#/settings").await?;
        browser.click("details.rulebook:last-of-type summary").await?;
        let editor = "details.rulebook:last-of-type";
        browser.fill(&format!("{editor} #f-max_indh_share-rate"), "10").await?;
        browser.click(&format!("{editor} button[type='submit']")).await?;
        let created = browser.text(&format!("{editor} .created-findings")).await?;
        assert!(created.starts_with("Cette modification crée ces constats"), "{created}");
        assert!(created.contains("la part de l'INDH"), "{created}");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_retired_commune_stays_listed_but_is_no_longer_offered_for_a_new_cooperative() {
    with_browser(|browser| async move {
        browser.start("/", false).await?;
        browser.click("#lang-switch").await?;
        browser.visit("#/settings").await?;
        browser.click("#reference-communes summary").await?;
        browser.click("#reference-communes li[data-code='HJN'] button.retire").await?;
        browser.wait_for("#reference-communes li.retired[data-code='HJN']").await?;
        browser.visit("#/cooperatives/new").await?;
        let offered = browser.texts("#f-commune option").await?;
        assert!(!offered.is_empty());
        assert!(browser.driver.find_all(thirtyfour::By::Css("#f-commune option[value='HJN']")).await?.is_empty(), "a retired commune is still offered");
        let stored: serde_json::Value = serde_json::from_str(&browser.stored("taawun.dataset").await?.unwrap_or_default()).expect("JSON");
        let hjn = stored["reference"]["communes"].as_array().into_iter().flatten().find(|c| c["code"] == "HJN").cloned();
        assert_eq!(hjn.map(|c| c["retired"].clone()), Some(serde_json::json!(true)), "the retired commune must stay in the data, retired");
        Ok(())
    })
    .await;
}
