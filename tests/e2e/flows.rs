//! Steps several tests share: creating a call, a cooperative and a project through the forms.

use thirtyfour::prelude::*;

use crate::browser::Browser;

/// Creates a call for proposals of `year` in the settings (the rulebook projects are judged by).
pub async fn create_call(browser: &Browser, year: &str) -> WebDriverResult<()> {
    browser.visit("#/settings").await?;
    browser.fill("#f-new_call_year", year).await?;
    let before = browser.driver.find_all(By::Css("details.rulebook")).await?.len();
    browser.click("#create-call").await?;
    for _ in 0..100 {
        if browser.driver.find_all(By::Css("details.rulebook")).await?.len() > before {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    Err(crate::browser::fail("the new call did not appear in the settings".into()))
}

/// Fills the cooperative form with names, Assilah, agriculture and twelve members.
pub async fn fill_cooperative(browser: &Browser, name_fr: &str, name_ar: &str) -> WebDriverResult<()> {
    browser.visit("#/cooperatives/new").await?;
    browser.fill("#f-name_fr", name_fr).await?;
    browser.fill("#f-name_ar", name_ar).await?;
    browser.choose("#f-commune", "ASL").await?;
    browser.choose("#f-sector", "AGR").await?;
    browser.fill("#f-members-total", "12").await?;
    browser.fill("#f-members-women", "7").await?;
    browser.fill("#f-members-youth", "3").await
}

/// Creates a cooperative through its form and returns its id (from the address it lands on).
pub async fn create_cooperative(browser: &Browser, name_fr: &str, name_ar: &str) -> WebDriverResult<String> {
    fill_cooperative(browser, name_fr, name_ar).await?;
    browser.click("#save").await?;
    let fragment = browser.wait_for_route(|f| f.starts_with("/cooperatives/") && !f.ends_with("/new")).await?;
    browser.wait_for("#cooperative-details").await?;
    Ok(fragment.trim_start_matches("/cooperatives/").to_owned())
}

/// Opens the project form for `cooperative` and types a title, the axis and the total cost, then
/// one contribution line per `(funder, amount, kind)`.
pub async fn fill_project(browser: &Browser, cooperative: &str, total: &str, lines: &[(&str, &str, &str)]) -> WebDriverResult<()> {
    browser.visit(&format!("#/projects/new?cooperative={cooperative}")).await?;
    browser.fill("#f-title_fr", "Unité de conditionnement de miel (fictive)").await?;
    browser.fill("#f-title_ar", "وحدة تلفيف العسل (وهمية)").await?;
    browser.choose("#f-axis", "P3-ESS").await?;
    browser.fill("#f-total_cost", total).await?;
    for (k, (funder, amount, kind)) in lines.iter().enumerate() {
        if k > 0 {
            browser.click("#add-contribution").await?;
        }
        browser.choose(&format!("#f-contributions-{k}-funder"), funder).await?;
        browser.fill(&format!("#f-contributions-{k}-amount"), amount).await?;
        browser.choose(&format!("#f-contributions-{k}-kind"), kind).await?;
    }
    Ok(())
}
