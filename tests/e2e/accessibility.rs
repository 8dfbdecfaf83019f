//! axe-core (installed from npm by `cargo xtask setup`, injected from that local file) finds no
//! serious or critical violation on any page, in either language.

use std::path::PathBuf;

use thirtyfour::prelude::*;

use crate::browser::{Browser, with_browser};

/// The axe-core script: `TAAWUN_AXE`, or the copy `cargo xtask setup --browser` installs.
fn axe_source() -> String {
    let path = std::env::var_os("TAAWUN_AXE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.tools/axe/node_modules/axe-core/axe.min.js"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("axe-core is not installed at {}: {e}", path.display()))
}

/// The serious and critical violations axe finds on the current page, one line each.
async fn violations(browser: &Browser, axe: &str) -> WebDriverResult<Vec<String>> {
    browser.driver.execute(axe, vec![]).await?;
    let result = browser
        .driver
        .execute_async(
            r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] }).then(results => {
              done(results.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')));
            }).catch(e => done(['axe failed: ' + e]));
            "#,
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(result.json().clone()).unwrap_or_else(|_| vec![format!("unreadable axe result: {}", result.json())]))
}

#[tokio::test(flavor = "multi_thread")]
async fn axe_finds_no_serious_violation_on_any_page_in_either_language() {
    with_browser(|browser| async move {
        let axe = axe_source();
        browser.start("/", true).await?;
        browser.visit("#/cooperatives").await?;
        let cooperative = browser.wait_for("li.cooperative .record-title").await?.attr("href").await?.unwrap_or_default();
        browser.visit("#/projects").await?;
        let project = browser.wait_for("li.project .record-title").await?.attr("href").await?.unwrap_or_default();
        let cooperative_id = cooperative.trim_start_matches("#/cooperatives/").to_owned();
        let pages = [
            "#/".to_owned(),
            "#/cooperatives".to_owned(),
            cooperative.clone(),
            format!("{cooperative}/edit"),
            "#/projects".to_owned(),
            project.clone(),
            format!("{project}/edit"),
            format!("#/projects/new?cooperative={cooperative_id}"),
            "#/settings".to_owned(),
            "#/data".to_owned(),
        ];
        let mut found = Vec::new();
        for round in 0..2 {
            for page in &pages {
                browser.visit(page).await?;
                for violation in violations(&browser, &axe).await? {
                    found.push(format!("{} {page}: {violation}", if round == 0 { "ar" } else { "fr" }));
                }
            }
            browser.click("#lang-switch").await?;
        }
        assert!(found.is_empty(), "axe found serious or critical violations:\n{}", found.join("\n"));
        Ok(())
    })
    .await;
}
