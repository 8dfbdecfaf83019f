//! The merge between two tablets, with two browser profiles (two WebDriver sessions, so two
//! separate storages): export from one, edit both, merge, settle the conflict, check the result
//! and the history with both authors and devices. The tablet's file comes from the app's own
//! Export button and carries a story's photo, which must reach the office with the story.

use thirtyfour::prelude::*;

use crate::browser::{Browser, fail};
use crate::reliability::{Options, download_dir, downloaded};

/// Names the user and the device in Settings, as each person does once per device.
async fn name_device(browser: &Browser, user: &str, device: &str) -> WebDriverResult<()> {
    browser.visit("#/settings").await?;
    browser.click("#language-fr").await?;
    browser.fill("#user-name", user).await?;
    browser.fill("#device-name", device).await?;
    // The names are kept when the field is left.
    browser.click("#page-title").await?;
    for _ in 0..50 {
        if browser.stored("taawun.device_name").await?.as_deref() == Some(device) && browser.stored("taawun.user").await?.as_deref() == Some(user) {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(fail(format!("the names {user} / {device} were not kept")))
}

/// Writes the browser's data as the file its export would give, and returns the file's path.
async fn export_to_file(browser: &Browser, name: &str) -> WebDriverResult<std::path::PathBuf> {
    let document = browser.stored_document().await?.ok_or_else(|| fail("nothing is stored to export".into()))?;
    let file = std::env::temp_dir().join(format!("taawun-merge-{name}-{}.json", std::process::id()));
    std::fs::write(&file, document).map_err(|e| fail(e.to_string()))?;
    Ok(file)
}

/// Changes fields of a cooperative through its form.
async fn edit_cooperative(browser: &Browser, id: &str, fields: &[(&str, &str)]) -> WebDriverResult<()> {
    browser.visit(&format!("#/cooperatives/{id}/edit")).await?;
    for (css, text) in fields {
        browser.fill(css, text).await?;
    }
    browser.click("#save").await?;
    browser.wait_for_route(|f| f == format!("/cooperatives/{id}")).await?;
    browser.wait_for("#cooperative-details").await.map(|_| ())
}

/// The office (no downloads needed) and the tablet, whose downloads land in `downloads`.
async fn two_tablets(downloads: &std::path::Path) -> WebDriverResult<(Browser, Browser)> {
    let tablet = crate::reliability::open(&Options { downloads: Some(downloads.to_path_buf()), ..Options::default() }).await?;
    Ok((Browser::open_with(&[]).await?, tablet))
}

/// Writes a story with one photo for `project` through its section of the project page.
async fn tell_a_story_with_a_photo(browser: &Browser, project: &str, picture: &std::path::Path) -> WebDriverResult<()> {
    browser.visit(&format!("#/projects/{project}")).await?;
    browser.click("#story-edit").await?;
    browser.fill("#story-fr", "La coopérative vend toute l'année (histoire fictive).").await?;
    browser.wait_for("#story-photo-input").await?.send_keys(picture.display().to_string()).await?;
    for _ in 0..200 {
        if browser.driver.find_all(By::Css("#story-photo-list li")).await?.len() == 1 {
            browser.click("#story-save").await?;
            return browser.wait_for("#project-story img.story-photo").await.map(|_| ());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(fail("the photo was never added to the story".into()))
}

#[tokio::test(flavor = "multi_thread")]
async fn merge_between_two_profiles_settles_one_conflict_keeps_the_other_edit_and_shows_both_authors() {
    let downloads = download_dir("merge-tablet");
    let picture = downloads.join("sechoir.png");
    std::fs::write(&picture, crate::report::png(400, 300)).expect("the test picture is written");
    let (office, tablet) = two_tablets(&downloads).await.expect("Chromium starts twice through ChromeDriver");
    let folder = downloads.clone();
    let result = async {
        // The office starts with the demo data; the tablet takes the office's export.
        office.start("/", true).await?;
        name_device(&office, "Salma", "Bureau").await?;
        let shared = export_to_file(&office, "shared").await?;
        tablet.start("/", false).await?;
        name_device(&tablet, "Youssef", "Tablette 2").await?;
        tablet.visit("#/data").await?;
        tablet.wait_for("#import-file").await?.send_keys(shared.display().to_string()).await?;
        tablet.click("#confirm-import").await?;
        tablet.wait_for("#data-done").await?;

        let document: serde_json::Value = serde_json::from_str(&office.stored_document().await?.unwrap_or_default()).map_err(|e| fail(e.to_string()))?;
        let id = document["cooperatives"][0]["id"].as_str().unwrap_or_default().to_owned();
        // A project without a story yet, for the tablet to tell one.
        let told: Vec<&str> = document["stories"].as_array().into_iter().flatten().filter_map(|s| s["project"].as_str()).collect();
        let project = document["projects"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["meta"]["deleted"] != serde_json::Value::Bool(true))
            .filter_map(|p| p["id"].as_str())
            .find(|p| !told.contains(p))
            .ok_or_else(|| fail("a project without a story".into()))?
            .to_owned();

        // Both change the notes differently; only the tablet changes the address and tells a
        // story with a photo.
        edit_cooperative(&office, &id, &[("#f-notes", "Visite du bureau (fictive)")]).await?;
        edit_cooperative(&tablet, &id, &[("#f-notes", "Visite de la tablette (fictive)"), ("#f-contact-address", "Douar Essai (fictif)")]).await?;
        tell_a_story_with_a_photo(&tablet, &project, &picture).await?;
        let tablet_photo = crate::report::stored_photo_keys(&tablet).await?;
        assert_eq!(tablet_photo.len(), 1, "the tablet keeps the story's photo");

        // The tablet's file, through the app's own Export button.
        tablet.visit("#/data").await?;
        tablet.click("#export").await?;
        let exported = downloaded(&folder, "taawun-").await?;
        let from_tablet = folder.join("from-tablet.json");
        std::fs::write(&from_tablet, &exported).map_err(|e| fail(e.to_string()))?;

        // The office merges the tablet's file: a summary, one conflict, nothing written yet.
        office.visit("#/data").await?;
        office.click("#go-merge").await?;
        office.wait_for_route(|f| f == "/merge").await?;
        let before = office.stored_document().await?;
        office.wait_for("#merge-file").await?.send_keys(from_tablet.display().to_string()).await?;
        office.wait_for("#merge-preview").await?;
        assert_eq!(office.text("#merge-conflicts-count .count").await?, "1");
        assert_eq!(office.text("#merge-updated .count").await?, "0", "the record with a conflict is listed with the conflicts");
        assert_eq!(office.text("#merge-added .count").await?, "1", "the tablet's story is added");
        assert!(office.text("#merge-photos").await?.ends_with('1'), "the file's photo is announced");
        let conflict = office.wait_for("fieldset.conflict").await?;
        assert_eq!(conflict.attr("data-field").await?.as_deref(), Some("notes"));
        let ours = office.text("fieldset.conflict .side.ours").await?;
        let theirs = office.text("fieldset.conflict .side.theirs").await?;
        assert!(ours.contains("Visite du bureau (fictive)") && ours.contains("Salma") && ours.contains("Bureau"), "{ours}");
        assert!(theirs.contains("Visite de la tablette (fictive)") && theirs.contains("Youssef") && theirs.contains("Tablette 2"), "{theirs}");
        assert!(office.wait_for("#apply-merge").await?.prop("disabled").await?.as_deref() == Some("true"), "no merge while a conflict is open");
        assert_eq!(office.stored_document().await?, before, "nothing is written before Apply");

        office.click("#conflict-0-theirs").await?;
        office.click("#apply-merge").await?;
        office.wait_for("#merge-done").await?;
        office.wait_for("#undo").await?;

        // The result: the tablet's notes as chosen, its address merged by itself.
        office.visit(&format!("#/cooperatives/{id}/edit")).await?;
        assert_eq!(office.value("#f-notes").await?, "Visite de la tablette (fictive)");
        assert_eq!(office.value("#f-contact-address").await?, "Douar Essai (fictif)");
        let stored = office.stored_document().await?.unwrap_or_default();
        assert!(stored.contains("Douar Essai (fictif)") && stored.contains("\"resolve\""), "the merge was saved");

        // The story came with its photo: stored here under its own key, and shown.
        assert_eq!(crate::report::stored_photo_keys(&office).await?, tablet_photo, "the photo travelled with the merge");
        office.visit(&format!("#/projects/{project}")).await?;
        office.wait_for("#project-story img.story-photo").await?;
        assert!(office.driver.find_all(By::Css("#project-story .story-photo.missing")).await?.is_empty(), "no photo is missing");
        office.wait_for("#story-history li.change").await?;
        assert!(office.texts("#story-history li.change .user").await?.iter().any(|u| u == "Youssef"), "the story's history names its author");

        // The history names both people and both devices, and the settling.
        office.visit(&format!("#/cooperatives/{id}")).await?;
        office.wait_for("#history li.change").await?;
        let users = office.texts("#history li.change .user").await?;
        let devices = office.texts("#history li.change .device").await?;
        assert!(users.iter().any(|u| u == "Salma") && users.iter().any(|u| u == "Youssef"), "{users:?}");
        assert!(devices.iter().any(|d| d == "Bureau") && devices.iter().any(|d| d == "Tablette 2"), "{devices:?}");
        let newest = office.text("#history li.change").await?;
        assert!(newest.contains("conflit de fusion réglé") && newest.contains("Visite du bureau (fictive) → Visite de la tablette (fictive)"), "{newest}");

        // Undo puts the office's data back as it was before the merge.
        office.click("#undo-button").await?;
        for _ in 0..50 {
            if office.stored_document().await? == before {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(office.stored_document().await?, before, "the undo puts the data back");
        let _ = std::fs::remove_file(shared);
        Ok::<(), WebDriverError>(())
    }
    .await;
    office.quit().await;
    tablet.quit().await;
    let _ = std::fs::remove_dir_all(&downloads);
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn merge_of_a_file_that_is_not_a_document_names_the_problem_and_changes_nothing() {
    crate::browser::with_browser(|browser| async move {
        browser.start("/", true).await?;
        browser.click("#lang-switch").await?;
        let stored = browser.stored_document().await?;
        let file = std::env::temp_dir().join(format!("taawun-merge-broken-{}.json", std::process::id()));
        std::fs::write(&file, b"{\"schema_version\": 4, \"cooperatives\": [{\"id\": 7}]}").map_err(|e| fail(e.to_string()))?;
        browser.visit("#/merge").await?;
        browser.wait_for("#merge-file").await?.send_keys(file.display().to_string()).await?;
        let error = browser.text("#merge-error").await?;
        // What is wrong, in the user's language, and where: the path of the faulty value.
        assert!(error.contains("erreur") && error.contains("cooperatives[0]"), "{error}");
        // Said as a merge: nothing merged, the data unchanged (never "nothing imported").
        assert!(error.contains("rien n'a été fusionné") && !error.contains("importé"), "{error}");
        assert!(browser.driver.find_all(By::Css("#merge-preview")).await?.is_empty());
        assert_eq!(browser.stored_document().await?, stored);
        let _ = std::fs::remove_file(&file);
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn merge_asks_once_who_merges_on_which_device_and_waits_for_both_names_before_applying() {
    crate::browser::with_browser(|browser| async move {
        browser.start("/", true).await?;
        browser.click("#lang-switch").await?;
        let file = std::env::temp_dir().join(format!("taawun-merge-self-{}.json", std::process::id()));
        std::fs::write(&file, browser.stored_document().await?.unwrap_or_default()).map_err(|e| fail(e.to_string()))?;
        browser.visit("#/merge").await?;
        browser.wait_for("#who-form").await?;
        browser.wait_for("#merge-file").await?.send_keys(file.display().to_string()).await?;
        browser.wait_for("#merge-preview").await?;
        browser.wait_for("#merge-needs-names").await?;
        assert_eq!(browser.wait_for("#apply-merge").await?.prop("disabled").await?.as_deref(), Some("true"), "no merge without names");

        browser.fill("#who-user", "Salma").await?;
        browser.fill("#who-device", "Bureau").await?;
        browser.click("#who-save").await?;
        browser.wait_for("#merge-who").await?;
        assert!(browser.driver.find_all(By::Css("#who-form")).await?.is_empty(), "asked once");
        assert_eq!(browser.stored("taawun.user").await?.as_deref(), Some("Salma"));
        assert_eq!(browser.stored("taawun.device_name").await?.as_deref(), Some("Bureau"));
        assert_eq!(browser.wait_for("#apply-merge").await?.prop("disabled").await?.as_deref(), Some("false"));
        let _ = std::fs::remove_file(&file);
        Ok(())
    })
    .await;
}
