//! The Data page's open-data exports in a real browser: with the publisher settings filled in, the
//! downloaded 360Giving file validates against the official 360Giving schemas (the `jsonschema`
//! crate) and the IATI file against the official 2.03 XSD (`xmllint --nonet --schema`), and neither holds any
//! contact, name of a person or testimonial of the stored data; without the settings the export is
//! refused with a message naming the setting; unreadable stored settings are reported, not
//! overwritten.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};
use thirtyfour::prelude::*;

use crate::browser::{Browser, fail};
use crate::open_data_checks::{official_360giving_schema, private_texts};
use crate::reliability::{Options, download_dir, downloaded, with};

const PUBLISHER_KEY: &str = "taawun.publisher";
const PREFIX: &str = "360G-INDHTA";
const REPORTING_REF: &str = "XM-DEMO-DAS-TNG";

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/open_data")
}

/// The schema errors of a 360Giving file against the official package and grant schemas, as
/// `path: message` lines.
fn giving360_errors(value: &Value) -> Vec<String> {
    official_360giving_schema(&fixtures()).iter_errors(value).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

/// What `xmllint --nonet --schema` says about the IATI file at `path`: `Ok` when it is valid.
fn xmllint(path: &Path) -> Result<(), String> {
    let found = std::env::var_os("PATH").and_then(|p| std::env::split_paths(&p).map(|dir| dir.join("xmllint")).find(|p| p.is_file()));
    let xmllint = found.ok_or("xmllint is not installed: `cargo xtask setup` installs Debian's libxml2-utils")?;
    let schema = fixtures().join("iati-2.03/iati-activities-schema.xsd");
    let output = Command::new(xmllint).args(["--noout", "--nonet", "--schema"]).arg(schema).arg(path).output().map_err(|e| e.to_string())?;
    if output.status.success() { Ok(()) } else { Err(String::from_utf8_lossy(&output.stderr).chars().take(4000).collect()) }
}

/// Gives the first `count` cooperatives of the stored demo an e-mail address and a note naming a
/// person (the demo has phones and addresses but no e-mail), through the import page.
async fn add_emails_through_import(browser: &Browser, count: usize) -> WebDriverResult<()> {
    let stored = browser.stored_document().await?.ok_or_else(|| fail("the demo is stored".into()))?;
    let mut document: Value = serde_json::from_str(&stored).map_err(|e| fail(e.to_string()))?;
    let cooperatives = document["cooperatives"].as_array_mut().ok_or_else(|| fail("the document lists cooperatives".into()))?;
    for (index, cooperative) in cooperatives.iter_mut().take(count).enumerate() {
        cooperative["contact"]["email"] = json!(format!("presidente.fictive{index}@example.org"));
        cooperative["notes"] = json!(format!("Contact : Mme Rachida Fictive{index}, présidente"));
    }
    let file = std::env::temp_dir().join(format!("taawun-open-data-import-{}.json", std::process::id()));
    std::fs::write(&file, serde_json::to_vec_pretty(&document).map_err(|e| fail(e.to_string()))?).map_err(|e| fail(e.to_string()))?;
    browser.visit("#/data").await?;
    browser.wait_for("#import-file").await?.send_keys(file.display().to_string()).await?;
    browser.click("#confirm-import").await?;
    browser.wait_for("#data-done").await?;
    let _ = std::fs::remove_file(&file);
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn open_data_exports_of_the_demo_validate_and_publish_no_contact_name_or_testimonial() {
    let downloads = download_dir("open-data");
    let folder = downloads.clone();
    with(Options { downloads: Some(downloads), ..Options::default() }, |browser| async move {
        browser.start("/", true).await?;
        add_emails_through_import(&browser, 5).await?;
        browser.fill("#publisher-prefix", PREFIX).await?;
        browser.fill("#publisher-reporting-reference", REPORTING_REF).await?;
        // The ADS, a co-funding partner, published as a public-sector body (IATI type 10).
        browser.choose("#publisher-partner-ADS", "10").await?;
        browser.click("#export-360giving").await?;
        let json_bytes = downloaded(&folder, "taawun-360giving-").await?;
        browser.click("#export-iati").await?;
        let xml_bytes = downloaded(&folder, "taawun-iati-").await?;
        assert!(browser.driver.find_all(By::Css("#open-data-refused")).await?.is_empty(), "nothing was refused");

        // The settings are stored apart from the dataset.
        let settings: Value = serde_json::from_str(&browser.stored(PUBLISHER_KEY).await?.unwrap_or_default()).map_err(|e| fail(e.to_string()))?;
        assert_eq!(settings["giving360_prefix"], PREFIX);
        assert_eq!(settings["reporting_org"]["reference"], REPORTING_REF);
        assert_eq!(settings["partner_types"]["ADS"], "10");
        let stored = browser.stored_document().await?.unwrap_or_default();
        assert!(!stored.contains(PREFIX) && !stored.contains(REPORTING_REF), "the publisher settings are not in the dataset");

        // 360Giving: one grant per funded project of the demo, valid against the schema.
        let package: Value = serde_json::from_slice(&json_bytes).map_err(|e| fail(e.to_string()))?;
        let dataset = taawun_core::document::import(stored.as_bytes()).map_err(|e| fail(e.to_string()))?.dataset;
        let funded = taawun_core::stats::funded_projects(&dataset, &taawun_core::stats::Filter::default()).count();
        assert_eq!(package["grants"].as_array().map(Vec::len), Some(funded));
        assert!(package["grants"][0]["id"].as_str().unwrap_or_default().starts_with("360G-INDHTA-"));
        // The funder has no org-id in the settings: it is published under the prefix, as the hint
        // its field points to says.
        assert_eq!(browser.value("#publisher-funder-reference").await?, "");
        let described = browser.wait_for("#publisher-funder-reference").await?.attr("aria-describedby").await?;
        assert_eq!(described.as_deref(), Some("publisher-funder-reference-hint"));
        assert!(browser.text("#publisher-funder-reference-hint").await?.contains("360Giving"));
        assert_eq!(package["grants"][0]["fundingOrganization"][0]["id"], PREFIX);
        assert_eq!(giving360_errors(&package), Vec::<String>::new());

        // IATI: valid against the official 2.03 schema.
        let xml_path = folder.join("checked-iati.xml");
        std::fs::write(&xml_path, &xml_bytes).map_err(|e| fail(e.to_string()))?;
        assert_eq!(xmllint(&xml_path), Ok(()));
        let xml = String::from_utf8(xml_bytes).map_err(|e| fail(e.to_string()))?;
        assert_eq!(xml.matches("<iati-activity ").count(), funded);
        let ads = dataset.reference().funder("ADS").map(|f| f.name_fr.clone()).unwrap_or_default();
        let typed = format!("<participating-org role=\"1\" type=\"10\">\n      <narrative xml:lang=\"fr\">{ads}</narrative>");
        assert!(!ads.is_empty() && xml.contains(&typed), "the ADS is published with the type chosen: {typed}");

        // No private value of the stored data in either file.
        let document: Value = serde_json::from_str(&stored).map_err(|e| fail(e.to_string()))?;
        let private = private_texts(&document);
        assert!(private.iter().filter(|v| v.contains("@example.org")).count() == 5, "the five e-mails were stored: {private:?}");
        assert!(private.iter().any(|v| v.len() >= 9 && v.chars().all(|c| c.is_ascii_digit())), "the demo's phones are stored: {private:?}");
        let json = String::from_utf8(json_bytes).map_err(|e| fail(e.to_string()))?;
        for value in &private {
            assert!(!json.contains(value.as_str()), "the 360Giving file publishes {value:?}");
            assert!(!xml.contains(value.as_str()), "the IATI file publishes {value:?}");
        }
        for name in ["Rachida", "Fictive0", "presidente"] {
            assert!(!json.contains(name) && !xml.contains(name), "a file names {name:?}");
        }
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn open_data_exports_without_the_publisher_settings_are_refused_naming_the_setting() {
    let downloads = download_dir("open-data-refused");
    let folder = downloads.clone();
    with(Options { downloads: Some(downloads), ..Options::default() }, |browser| async move {
        browser.start("/", true).await?;
        browser.visit("#/data").await?;
        if browser.lang_dir().await?.0 != "fr" {
            browser.click("#lang-switch").await?;
        }
        // What is published and what never is, in the user's language.
        let withheld = browser.texts_when_present("#open-data-withheld li").await?;
        assert!(withheld.iter().any(|line| line.contains("téléphone")), "{withheld:?}");
        assert!(withheld.iter().any(|line| line.contains("témoignages")), "{withheld:?}");

        browser.click("#export-360giving").await?;
        let refused = browser.text("#open-data-refused").await?;
        assert!(refused.contains("renseignez le préfixe 360Giving dans les paramètres de publication"), "{refused}");
        assert_eq!(browser.wait_for("#publisher-prefix").await?.attr("aria-invalid").await?.as_deref(), Some("true"));
        browser.click("#open-data-go-to-setting").await?;
        let focused = browser.driver.active_element().await?.id().await?;
        assert_eq!(focused.as_deref(), Some("publisher-prefix"), "the button goes to the field");

        browser.fill("#publisher-prefix", "INDH TA").await?;
        browser.click("#export-360giving").await?;
        browser.wait_for("#open-data-refused").await?;
        let refused = browser.text("#open-data-refused").await?;
        assert!(refused.contains("« INDH TA » n'est pas un identifiant valable"), "{refused}");

        browser.fill("#publisher-prefix", PREFIX).await?;
        browser.click("#export-iati").await?;
        browser.wait_for("#open-data-refused").await?;
        let refused = browser.text("#open-data-refused").await?;
        assert!(refused.contains("l'identifiant IATI de l'organisation déclarante"), "{refused}");

        browser.click("#lang-switch").await?;
        let refused = browser.text("#open-data-refused").await?;
        assert!(refused.contains("معرف الجهة الناشرة في IATI"), "the refusal follows the language: {refused}");

        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let files: Vec<_> = std::fs::read_dir(&folder).map_err(|e| fail(e.to_string()))?.flatten().map(|e| e.file_name()).collect();
        assert!(files.is_empty(), "a refused export downloads nothing: {files:?}");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn unreadable_stored_publisher_settings_are_reported_and_kept_until_the_user_changes_one() {
    with(Options::default(), |browser| async move {
        browser.start("/", true).await?;
        let broken = "{\"giving360_prefix\": 360";
        browser.driver.execute("localStorage.setItem(arguments[0], arguments[1]);", vec![json!(PUBLISHER_KEY), json!(broken)]).await?;
        browser.driver.refresh().await?;
        browser.wait_for("main").await?;
        browser.visit("#/data").await?;
        browser.wait_for("#publisher-unreadable").await?;
        assert_eq!(browser.stored(PUBLISHER_KEY).await?.as_deref(), Some(broken), "reading does not overwrite");
        assert_eq!(browser.value("#publisher-prefix").await?, "", "the defaults are shown");

        browser.fill("#publisher-prefix", PREFIX).await?;
        browser.click("#publisher-language").await?;
        let stored: Value = serde_json::from_str(&browser.stored(PUBLISHER_KEY).await?.unwrap_or_default()).map_err(|e| fail(e.to_string()))?;
        assert_eq!(stored["giving360_prefix"], PREFIX, "the user's change replaces the unreadable value");
        assert!(browser.driver.find_all(By::Css("#publisher-unreadable")).await?.is_empty());
        Ok(())
    })
    .await;
}
