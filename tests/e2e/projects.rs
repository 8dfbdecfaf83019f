//! Funded projects through the forms: exact amounts across a reload, a blocking finding that keeps
//! what was typed and writes nothing, and amounts read the way staff type them.

use crate::browser::{Browser, with_browser};
use crate::flows;

/// Starts empty in French with a call for 2025 and one cooperative; returns the cooperative's id.
async fn a_cooperative_under_a_call(browser: &Browser) -> thirtyfour::prelude::WebDriverResult<String> {
    browser.start("/", false).await?;
    browser.click("#lang-switch").await?;
    flows::create_call(browser, "2025").await?;
    flows::create_cooperative(browser, "Coopérative Al Amal Assilah (fictive)", "تعاونية الأمل أصيلة (وهمية)").await
}

fn stored_project(stored: &str) -> serde_json::Value {
    let document: serde_json::Value = serde_json::from_str(stored).expect("the stored data is JSON");
    document["projects"][0].clone()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_project_with_three_contributions_keeps_its_exact_amounts_after_a_reload() {
    with_browser(|browser| async move {
        let cooperative = a_cooperative_under_a_call(&browser).await?;
        let lines = [("INDH", "60 000", "cash"), ("OWN", "30.000,50", "cash"), ("OWN", "9 999,50 DH", "in_kind")];
        flows::fill_project(&browser, &cooperative, "100 000", &lines).await?;
        assert_eq!(browser.text("#funding-gap").await?, "Les contributions couvrent exactement le coût total");
        assert_eq!(browser.text("#sum-indh").await?, "60 000,00 DH (60,0 %)");
        browser.click("#save").await?;
        browser.wait_for_route(|f| f.starts_with("/projects/") && !f.starts_with("/projects/new")).await?;

        for moment in ["after saving", "after a reload"] {
            browser.wait_for("#project-contributions").await?;
            assert_eq!(browser.text("#project-total-cost").await?, "100 000,00 DH", "{moment}");
            let indh = "Initiative nationale pour le développement humain (INDH)";
            let own = "Apport de la coopérative";
            assert_eq!(
                browser.texts("#project-contributions tbody td").await?,
                vec![indh, "Numéraire", "60 000,00 DH", own, "Numéraire", "30 000,50 DH", own, "En nature", "9 999,50 DH"],
                "{moment}"
            );
            browser.driver.refresh().await?;
        }
        // Saving the edit form unchanged keeps every amount: what the form shows, it reads back.
        let fragment = browser.wait_for_route(|f| f.starts_with("/projects/")).await?;
        browser.visit(&format!("#{fragment}/edit")).await?;
        assert_eq!(browser.value("#f-total_cost").await?.replace('\u{a0}', " "), "100 000,00 DH");
        browser.click("#save").await?;
        browser.wait_for_route(|f| f.starts_with("/projects/") && !f.ends_with("/edit")).await?;
        assert_eq!(browser.text("#project-total-cost").await?, "100 000,00 DH");

        let project = stored_project(&browser.stored("taawun.dataset").await?.unwrap_or_default());
        assert_eq!(project["total_cost"], "100000.00");
        let amounts: Vec<&str> = project["contributions"].as_array().into_iter().flatten().filter_map(|c| c["amount"].as_str()).collect();
        assert_eq!(amounts, vec!["60000.00", "30000.50", "9999.50"]);
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn contributions_that_do_not_sum_to_the_cost_block_the_save_and_keep_what_was_typed() {
    with_browser(|browser| async move {
        let cooperative = a_cooperative_under_a_call(&browser).await?;
        let before = browser.stored("taawun.dataset").await?;
        flows::fill_project(&browser, &cooperative, "100 000", &[("INDH", "60 000", "cash"), ("OWN", "30 000", "cash")]).await?;
        assert_eq!(browser.text("#funding-gap").await?, "Reste à couvrir : 10 000,00 DH");
        browser.click("#save").await?;

        let message = browser.text("#f-contributions-problems li").await?;
        assert_eq!(message, "bloquant : la somme des contributions (90 000,00 DH) n'est pas égale au coût total (100 000,00 DH)");
        let fragment = browser.wait_for_route(|f| f.starts_with("/projects/new")).await?;
        assert!(fragment.starts_with("/projects/new"), "the form must stay open");
        assert_eq!(browser.value("#f-contributions-1-amount").await?, "30 000");
        assert_eq!(browser.value("#f-total_cost").await?, "100 000");
        assert_eq!(browser.stored("taawun.dataset").await?, before, "a refused edit must write nothing");

        browser.click("#lang-switch").await?;
        let arabic = browser.text("#f-contributions-problems li").await?;
        assert_eq!(arabic, "مانع: مجموع المساهمات (90 000,00 درهم) لا يساوي الكلفة الإجمالية (100 000,00 درهم)");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_amount_field_says_how_it_read_what_was_typed() {
    with_browser(|browser| async move {
        let cooperative = a_cooperative_under_a_call(&browser).await?;
        browser.visit(&format!("#/projects/new?cooperative={cooperative}")).await?;
        for (typed, understood) in [
            ("20,86 مليون", "Compris comme 20 860 000,00 DH"),
            ("16.177.540,03", "Compris comme 16 177 540,03 DH"),
            ("١٣ ١٧٠ ٠٠٠,٠٠ درهم", "Compris comme 13 170 000,00 DH"),
        ] {
            browser.fill("#f-total_cost", typed).await?;
            assert_eq!(browser.text("#f-total_cost-echo").await?, understood, "{typed}");
        }
        browser.fill("#f-total_cost", "1e3").await?;
        let refusal = browser.text("#f-total_cost-echo").await?;
        assert!(refusal.contains("1e3"), "a refused amount is echoed with the reason: {refusal}");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_status_the_law_does_not_allow_is_not_offered_and_an_approval_needs_its_date() {
    with_browser(|browser| async move {
        let cooperative = a_cooperative_under_a_call(&browser).await?;
        flows::fill_project(&browser, &cooperative, "100 000", &[("INDH", "60 000", "cash"), ("OWN", "40 000", "cash")]).await?;
        browser.click("#save").await?;
        browser.wait_for_route(|f| f.starts_with("/projects/") && !f.starts_with("/projects/new")).await?;
        let offered: Vec<String> = browser.texts(".status-change").await?;
        assert_eq!(offered, vec!["approuvé", "rejeté", "annulé"]);
        browser.click(".status-change[data-status='approved']").await?;
        let summary = browser.text("#problem-summary").await?;
        assert!(summary.contains("approbation") || summary.contains("date"), "approving without its date is refused: {summary}");
        assert_eq!(browser.text("#project-status").await?, "déposé");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_warning_is_saved_and_stays_visible_on_the_record() {
    with_browser(|browser| async move {
        browser.start("/", false).await?;
        browser.click("#lang-switch").await?;
        flows::fill_cooperative(&browser, "Coopérative Clé Fausse (fictive)", "تعاونية المفتاح (وهمية)").await?;
        // Fifteen digits whose mod-97 key does not hold: a warning, not a refusal.
        browser.fill("#f-ice", "001561191000065").await?;
        browser.click("#save").await?;
        browser.wait_for_route(|f| f.starts_with("/cooperatives/") && !f.ends_with("/new")).await?;
        let findings = browser.texts_when_present(".findings .finding.warn").await?;
        assert_eq!(findings, vec!["avertissement : l'ICE 001561191000065 ne vérifie pas sa clé de contrôle"]);
        browser.driver.refresh().await?;
        assert_eq!(browser.texts_when_present(".findings .finding.warn").await?, findings, "the warning stays after a reload");
        Ok(())
    })
    .await;
}
