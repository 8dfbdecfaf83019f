//! Arabic and French: `lang` and `dir` follow the chosen language, every visible label is
//! translated, and the choice is remembered.

use thirtyfour::prelude::*;

use crate::browser::{Browser, with_browser, with_browser_args};
use crate::flows;

/// Words in Latin letters visible on the page outside user data in another language
/// (elements marked `lang` other than the page's) and outside form values.
async fn latin_words(browser: &Browser) -> WebDriverResult<Vec<String>> {
    let found = browser
        .driver
        .execute(
            r#"
            const page = document.documentElement.lang;
            const words = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const parent = node.parentElement;
              if (!parent || parent.closest('script, style, .hidden-download, [translate="no"]')) continue;
              const marked = parent.closest('[lang]');
              if (marked && marked.lang !== page) continue;
              if (!parent.getClientRects().length) continue;
              for (const word of node.textContent.match(/[A-Za-zÀ-ÿ]{2,}/g) || []) words.push(word);
            }
            for (const el of document.querySelectorAll('[aria-label], [placeholder]')) {
              const marked = el.closest('[lang]');
              if (marked && marked.lang !== page) continue;
              for (const attr of ['aria-label', 'placeholder']) {
                for (const word of (el.getAttribute(attr) || '').match(/[A-Za-zÀ-ÿ]{2,}/g) || []) words.push(word);
              }
            }
            return words;
            "#,
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(found.json().clone()).unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread")]
async fn switching_to_arabic_turns_the_page_right_to_left_and_translates_every_label() {
    with_browser(|browser| async move {
        browser.start("/", false).await?;
        // Headless Chromium's language is English, so the first visit opened in Arabic.
        assert_eq!(browser.lang_dir().await?, ("ar".into(), "rtl".into()));
        browser.click("#lang-switch").await?;
        assert_eq!(browser.lang_dir().await?, ("fr".into(), "ltr".into()));
        flows::create_call(&browser, "2025").await?;
        let id = flows::create_cooperative(&browser, "Coopérative Essai (fictive)", "تعاونية التجربة (وهمية)").await?;

        browser.click("#lang-switch").await?;
        assert_eq!(browser.lang_dir().await?, ("ar".into(), "rtl".into()));
        // Allowed: the export formats' names, the open standards' names (360Giving, IATI) and the
        // units the prefecture writes in Latin letters.
        let allowed = ["JSON", "XML", "Giving", "IATI", "ICE", "INDH", "CPDH", "GIE"];
        for page in [
            "#/".to_owned(),
            "#/cooperatives".to_owned(),
            "#/cooperatives/new".to_owned(),
            format!("#/cooperatives/{id}"),
            "#/projects".to_owned(),
            format!("#/projects/new?cooperative={id}"),
            "#/settings".to_owned(),
            "#/data".to_owned(),
        ] {
            browser.visit(&page).await?;
            let words: Vec<String> = latin_words(&browser).await?.into_iter().filter(|w| !allowed.contains(&w.as_str())).collect();
            assert!(words.is_empty(), "{page} shows untranslated words in Arabic: {words:?}");
        }
        assert_eq!(browser.text("#nav-cooperatives").await?, "التعاونيات");

        browser.click("#lang-switch").await?;
        assert_eq!(browser.lang_dir().await?, ("fr".into(), "ltr".into()));
        assert_eq!(browser.text("#page-title").await?, "Données");
        browser.driver.refresh().await?;
        browser.wait_for("#page-title").await?;
        assert_eq!(browser.lang_dir().await?, ("fr".into(), "ltr".into()), "the chosen language is remembered");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_first_visit_from_a_french_browser_opens_in_french() {
    with_browser_args(&["--lang=fr-FR", "--accept-lang=fr-FR,fr"], |browser| async move {
        browser.goto_app("/").await?;
        let language: String = serde_json::from_value(browser.driver.execute("return navigator.language;", vec![]).await?.json().clone()).unwrap_or_default();
        assert!(language.starts_with("fr"), "the browser's language was not set for the test: {language}");
        assert_eq!(browser.lang_dir().await?, ("fr".into(), "ltr".into()));
        assert_eq!(browser.text("#start-empty").await?, "Commencer avec un registre vide");
        Ok(())
    })
    .await;
}
