//! Tablet use: every control is a comfortable touch target, and a list of thousands of
//! cooperatives renders a page at a time and filters without a wait.

use std::time::{Duration, Instant};

use thirtyfour::prelude::*;

use crate::browser::with_browser;

#[tokio::test(flavor = "multi_thread")]
async fn every_control_is_at_least_44_pixels_high_on_a_tablet() {
    with_browser(|browser| async move {
        browser.start("/", true).await?;
        browser.set_size(768, 1024).await?;
        browser.visit("#/cooperatives").await?;
        let cooperative = browser.wait_for("li.cooperative .record-title").await?.attr("href").await?.unwrap_or_default();
        let mut small = Vec::new();
        for page in ["#/cooperatives".to_owned(), cooperative.clone(), format!("{cooperative}/edit"), "#/projects/new".to_owned(), "#/settings".to_owned(), "#/data".to_owned()] {
            browser.visit(&page).await?;
            let found = browser
                .driver
                .execute(
                    r#"
                    const small = [];
                    for (const el of document.querySelectorAll('button, select, input:not([type=checkbox]):not([type=radio]):not([type=file]), nav a, .record-title, summary, label.radio')) {
                      const box = el.getBoundingClientRect();
                      if (box.width === 0 && box.height === 0) continue;
                      if (box.height < 44) small.push((el.id || el.className || el.tagName) + ' ' + Math.round(box.height) + 'px');
                    }
                    return small;
                    "#,
                    vec![],
                )
                .await?;
            for item in found.json().as_array().into_iter().flatten() {
                small.push(format!("{page}: {}", item.as_str().unwrap_or_default()));
            }
        }
        assert!(small.is_empty(), "touch targets under 44 px:\n{}", small.join("\n"));
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn three_thousand_cooperatives_render_fifty_at_a_time_and_filter_quickly() {
    with_browser(|browser| async move {
        browser.start("/", true).await?;
        browser.click("#lang-switch").await?;
        // A region-sized file: the demo's cooperatives copied under new ids, imported as a user would.
        let stored = browser.stored_document().await?.unwrap_or_default();
        let mut document: serde_json::Value = serde_json::from_str(&stored).expect("the stored data is JSON");
        let originals = document["cooperatives"].as_array().cloned().unwrap_or_default();
        let mut many = Vec::new();
        for copy in 0..36u128 {
            for (k, record) in originals.iter().enumerate() {
                let mut record = record.clone();
                record["id"] = serde_json::json!(format!("{:032x}", (copy << 64) | (k as u128 + 1) | (0xc0 << 100)));
                record["name_fr"] = serde_json::json!(format!("{} {copy}", record["name_fr"].as_str().unwrap_or_default()));
                many.push(record);
            }
        }
        let total = many.len();
        document["cooperatives"] = serde_json::Value::Array(many);
        document["projects"] = serde_json::json!([]);
        let file = std::env::temp_dir().join(format!("taawun-many-{}.json", std::process::id()));
        std::fs::write(&file, serde_json::to_vec(&document).expect("JSON")).expect("the test file is written");
        browser.visit("#/data").await?;
        browser.wait_for("#import-file").await?.send_keys(file.display().to_string()).await?;
        browser.click("#confirm-import").await?;
        browser.wait_for("#data-done").await?;
        let _ = std::fs::remove_file(&file);

        browser.visit("#/cooperatives").await?;
        assert_eq!(browser.text("#result-count").await?, format!("{} coopératives sur {}", fmt(total), fmt(total)));
        assert_eq!(browser.driver.find_all(By::Css("li.cooperative")).await?.len(), 50, "one page of fifty is rendered");
        assert_eq!(browser.text("#page-status").await?, format!("Page 1 / {}", total.div_ceil(50)));
        let started = Instant::now();
        browser.fill("#search", "amal").await?;
        loop {
            if browser.text("#result-count").await?.contains(" sur ") && !browser.text("#result-count").await?.starts_with(&fmt(total)) {
                break;
            }
            assert!(started.elapsed() < Duration::from_secs(5), "the search did not update the list within 5 s");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let names = browser.texts("li.cooperative .record-title").await?;
        assert!(!names.is_empty() && names.iter().all(|n| n.contains("Amal")), "{names:?}");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_next_page_button_of_the_85_demo_cooperatives_shows_the_last_35_and_comes_back() {
    with_browser(|browser| async move {
        browser.start("/", true).await?;
        browser.visit("#/cooperatives").await?;
        let first_page = browser.texts_when_present("li.cooperative .record-title").await?;
        assert_eq!(first_page.len(), 50);
        let next = browser.wait_for("#page-next").await?;
        assert!(next.is_enabled().await?, "the next page can be chosen from the first page");
        assert!(!browser.text("#page-next").await?.contains("pages()"), "the button holds its label only");
        assert!(!browser.wait_for("#page-previous").await?.is_enabled().await?, "there is no page before the first");
        browser.click("#page-next").await?;
        browser.wait_for_route(|f| f.contains("page=2")).await?;
        for _ in 0..100 {
            if browser.texts("li.cooperative .record-title").await?.len() == 35 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let second_page = browser.texts("li.cooperative .record-title").await?;
        assert_eq!(second_page.len(), 35, "85 cooperatives: 50 on the first page, 35 on the second");
        assert!(second_page.iter().all(|name| !first_page.contains(name)), "{second_page:?}");
        assert!(!browser.wait_for("#page-next").await?.is_enabled().await?, "there is no page after the last");
        browser.click("#page-previous").await?;
        browser.wait_for_route(|f| !f.contains("page=")).await?;
        Ok(())
    })
    .await;
}

/// A count as the interface writes it (thousands grouped by a space).
fn fmt(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}
