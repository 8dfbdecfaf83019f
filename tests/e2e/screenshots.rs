//! Screenshots of a list and a form, in both languages, on a tablet (both orientations) and a
//! phone, written to the screenshots folder named in the README for people to look at.

use crate::browser::with_browser;

#[tokio::test(flavor = "multi_thread")]
async fn a_list_and_a_form_are_photographed_in_both_languages_on_a_tablet_and_a_phone() {
    with_browser(|browser| async move {
        browser.start("/", true).await?;
        browser.visit("#/cooperatives").await?;
        let cooperative = browser.wait_for("li.cooperative .record-title").await?.attr("href").await?.unwrap_or_default();
        let cooperative_id = cooperative.trim_start_matches("#/cooperatives/").to_owned();
        let mut written = Vec::new();
        for lang in ["ar", "fr"] {
            for (width, height) in [(768, 1024), (1024, 768), (375, 812)] {
                browser.set_size(width, height).await?;
                browser.visit("#/cooperatives").await?;
                browser.wait_for("li.cooperative").await?;
                written.push(browser.screenshot(&format!("cooperatives-list-{lang}-{width}x{height}")).await?);
                browser.visit(&format!("#/projects/new?cooperative={cooperative_id}")).await?;
                browser.fill("#f-total_cost", "20,86 مليون").await?;
                browser.choose("#f-contributions-0-funder", "INDH").await?;
                browser.fill("#f-contributions-0-amount", "13 170 000").await?;
                written.push(browser.screenshot(&format!("project-form-{lang}-{width}x{height}")).await?);
            }
            browser.set_size(768, 1024).await?;
            for (name, page) in [("cooperative-page", cooperative.clone()), ("settings", "#/settings".to_owned()), ("data", "#/data".to_owned())] {
                browser.visit(&page).await?;
                written.push(browser.screenshot(&format!("{name}-{lang}-768x1024")).await?);
            }
            browser.click("#lang-switch").await?;
        }
        for path in written {
            let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            assert!(size > 1000, "{} was not written", path.display());
        }
        Ok(())
    })
    .await;
}
