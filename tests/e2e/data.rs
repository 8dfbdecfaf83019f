//! The data page: an import shows what it would change and writes nothing until confirmed; the
//! data is erased only after a backup file has been offered.

use thirtyfour::prelude::*;

use crate::browser::with_browser;

#[tokio::test(flavor = "multi_thread")]
async fn an_import_is_previewed_from_the_diff_and_written_only_when_confirmed() {
    with_browser(|browser| async move {
        browser.start("/", true).await?;
        browser.click("#lang-switch").await?;
        let stored = browser.stored("taawun.dataset").await?.unwrap_or_default();
        // The file: the same data with one cooperative renamed, as another device would export it.
        let mut document: serde_json::Value = serde_json::from_str(&stored).expect("the stored data is JSON");
        let old_name = document["cooperatives"][0]["name_fr"].as_str().unwrap_or_default().to_owned();
        document["cooperatives"][0]["name_fr"] = serde_json::json!("Coopérative renommée (fictive)");
        let file = std::env::temp_dir().join(format!("taawun-import-{}.json", std::process::id()));
        std::fs::write(&file, serde_json::to_vec_pretty(&document).expect("JSON")).expect("the test file is written");

        browser.visit("#/data").await?;
        browser.wait_for("#import-file").await?.send_keys(file.display().to_string()).await?;
        browser.wait_for("#import-preview").await?;
        assert_eq!(browser.text("#diff-changed h4").await?, "Modifiés : 1");
        assert_eq!(browser.text("#diff-added h4").await?, "Ajoutés : 0");
        assert_eq!(browser.text("#diff-deleted h4").await?, "Supprimés : 0");
        assert_eq!(browser.stored("taawun.dataset").await?.unwrap_or_default(), stored, "nothing is written before the user confirms");

        browser.click("#confirm-import").await?;
        browser.wait_for("#data-done").await?;
        let after = browser.stored("taawun.dataset").await?.unwrap_or_default();
        assert!(after.contains("Coopérative renommée (fictive)") && !after.contains(&format!("\"{old_name}\"")), "the import was not written");
        let _ = std::fs::remove_file(&file);
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_file_that_is_not_a_document_is_refused_with_its_reason_and_changes_nothing() {
    with_browser(|browser| async move {
        browser.start("/", true).await?;
        browser.click("#lang-switch").await?;
        let stored = browser.stored("taawun.dataset").await?;
        let file = std::env::temp_dir().join(format!("taawun-broken-{}.json", std::process::id()));
        std::fs::write(&file, b"{\"schema_version\": 2, \"cooperatives\": [").expect("the test file is written");
        browser.visit("#/data").await?;
        browser.wait_for("#import-file").await?.send_keys(file.display().to_string()).await?;
        let error = browser.text("#import-error").await?;
        assert!(error.contains("n'est pas un document JSON valide"), "{error}");
        assert!(browser.driver.find_all(By::Css("#import-preview")).await?.is_empty());
        assert_eq!(browser.stored("taawun.dataset").await?, stored);
        let _ = std::fs::remove_file(&file);
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn erasing_the_data_is_possible_only_after_a_backup_was_offered() {
    with_browser(|browser| async move {
        browser.start("/", true).await?;
        browser.visit("#/data").await?;
        let reset = browser.wait_for("#reset").await?;
        assert!(!reset.is_enabled().await?, "erasing must wait for a backup");
        browser.click("#backup-first").await?;
        browser.wait_for("#reset:not([disabled])").await?.click().await?;
        browser.wait_for("#data-done").await?;
        browser.visit("#/cooperatives").await?;
        assert_eq!(browser.texts_when_present("li.cooperative").await?, Vec::<String>::new());
        let stored = browser.stored("taawun.dataset").await?.unwrap_or_default();
        assert!(stored.contains("\"cooperatives\": []"), "the erased data was not written: {}", &stored[..stored.len().min(300)]);
        Ok(())
    })
    .await;
}
