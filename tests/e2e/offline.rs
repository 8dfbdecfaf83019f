//! Offline and updates: the service worker caches the whole site on the first visit so the app
//! opens with no network (the check-in at the door works there too), nothing is fetched from
//! another origin, and a new build waits behind a banner while the old one keeps running.

use std::path::Path;
use std::time::Duration;

use serde_json::json;
use thirtyfour::prelude::*;

use crate::browser::{Browser, copy_site, fail, with_browser};
use crate::meetings::{check_in, first_absent, numbers};
use crate::reliability::{present, wait_until};

/// Waits until a service worker controls the page and has cached this build.
async fn wait_until_offline_ready(browser: &Browser) -> WebDriverResult<String> {
    for _ in 0..200 {
        let ready = browser
            .driver
            .execute_async(
                "const done = arguments[arguments.length - 1]; \
                 if (!navigator.serviceWorker.controller) { done(null); return; } \
                 caches.keys().then((names) => done(names.find((n) => n.startsWith('taawun-')) || null));",
                vec![],
            )
            .await?;
        if let Some(cache) = ready.json().as_str() {
            return Ok(cache.to_owned());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(WebDriverError::FatalError("no service worker took control of the page".into()))
}

/// The version `cargo xtask dist` stamped into a site's service worker.
fn version_of(site: &Path) -> String {
    let worker = std::fs::read_to_string(site.join("sw.js")).expect("the site has its service worker");
    worker.lines().find_map(|l| l.strip_prefix("const BUILD = '")).and_then(|l| l.split('\'').next()).unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_app_opens_and_saves_with_no_network_after_one_visit_and_fetches_nothing_from_elsewhere() {
    let site = copy_site("offline");
    let server = xtask::serve::start(&site, 0, "/taawun/").expect("a server on loopback");
    let url = server.url();
    let version = version_of(&site);
    let meeting = taawun_core::demo::dataset().meetings().live().next().map(|m| m.id.to_string()).expect("the demo has its meeting");
    with_browser(|browser| async move {
        browser.driver.goto(&url).await?;
        browser.wait_for("main").await?;
        let cache = wait_until_offline_ready(&browser).await?;
        assert_eq!(cache, format!("taawun-{version}"), "the cache is named after the build's content hash");
        let origins =
            browser.driver.execute("return [...new Set(performance.getEntriesByType('resource').map((e) => new URL(e.name).origin))];", vec![]).await?;
        let here = browser.driver.execute("return location.origin;", vec![]).await?;
        assert_eq!(origins.json(), &json!([here.json()]), "something was fetched from another origin");

        server.stop();
        browser.driver.refresh().await?;
        browser.wait_for("#start-demo").await?.click().await?;
        browser.wait_for("#nav-cooperatives").await?;
        browser.driver.goto(format!("{url}#/cooperatives")).await?;
        browser.wait_for("#page-title").await?;
        wait_until(&browser, "the edit made offline is saved", |all| all.contains_key("taawun.head")).await?;
        let fetched = browser.driver.execute("return fetch('./pkg/taawun_web_bg.wasm').then((r) => r.ok);", vec![]).await;
        assert!(fetched.is_ok(), "the app's files come from the cache");

        // At the door with no network: one more cooperative checked in, the counter moves.
        browser.driver.goto(format!("{url}#/meetings/{meeting}/check-in")).await?;
        browser.wait_for("#door-search").await?;
        let mut before = Vec::new();
        for _ in 0..100 {
            before = numbers(&browser.text("#turnout").await?);
            if before.len() >= 2 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let present_before = before.first().copied().ok_or_else(|| fail(format!("no count in the counter: {before:?}")))?;
        let head_before = browser.stored("taawun.head").await?;
        let (id, name) = first_absent(&browser).await?;
        check_in(&browser, &name, &id, "2", "1").await?;
        let mut after = Vec::new();
        for _ in 0..100 {
            after = numbers(&browser.text("#turnout").await?);
            if after.first() == Some(&(present_before + 1)) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(after.first(), Some(&(present_before + 1)), "one more present, offline: {before:?} then {after:?}");
        assert_eq!(after.get(1), before.get(1), "the invited stay as they were");
        wait_until(&browser, "the check-in made offline is saved", |all| all.get("taawun.head") != head_before.as_ref()).await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_build_waits_behind_a_banner_while_the_running_one_keeps_working() {
    let build_a = copy_site("build-a");
    let build_b = copy_site("build-b");
    // Build B differs from A by one byte of its stylesheet, hence by its content hash.
    let mut style = std::fs::read_to_string(build_b.join("style.css")).expect("a stylesheet");
    style.push_str("\n/* build B */\n");
    std::fs::write(build_b.join("style.css"), style).expect("build B written");
    let version_b = xtask::site::stamp(&build_b).expect("build B stamped");
    let version_a = version_of(&build_a);
    assert_ne!(version_a, version_b);
    let server = xtask::serve::start(&build_a, 0, "/").expect("a server on loopback");
    let url = server.url();
    with_browser(|browser| async move {
        browser.driver.goto(&url).await?;
        browser.wait_for("main").await?;
        assert_eq!(wait_until_offline_ready(&browser).await?, format!("taawun-{version_a}"));
        browser.driver.execute("window.__stillBuildA = true;", vec![]).await?;

        // Build B is deployed at the same address; the page looks for updates.
        server.set_root(&build_b);
        browser.driver.execute("navigator.serviceWorker.getRegistration().then((r) => r.update());", vec![]).await?;
        browser.wait_for("#update-ready").await?;

        // Build A is still the one running, and it still works: an edit is saved.
        let still_a = browser.driver.execute("return window.__stillBuildA === true;", vec![]).await?;
        assert_eq!(still_a.json(), &json!(true), "the page was swapped without asking");
        browser.wait_for("#start-demo").await?.click().await?;
        browser.wait_for("#nav-cooperatives").await?;
        wait_until(&browser, "the edit made under build A is saved", |all| all.contains_key("taawun.head")).await?;
        assert!(present(&browser, "#update-ready").await?, "the banner stays until the user chooses");

        // The user chooses: the page reloads once, on build B, with the data kept.
        browser.wait_for("#update-now").await?.click().await?;
        for _ in 0..100 {
            let reloaded = browser.driver.execute("return window.__stillBuildA !== true;", vec![]).await?;
            if reloaded.json() == &json!(true) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        browser.wait_for("#nav-cooperatives").await?;
        let caches = browser.driver.execute_async("const done = arguments[arguments.length - 1]; caches.keys().then(done);", vec![]).await?;
        assert_eq!(caches.json(), &json!([format!("taawun-{version_b}")]), "build B's cache replaced build A's");
        assert!(!present(&browser, "#update-ready").await?);
        assert!(!present(&browser, "#start-demo").await?, "the data saved under build A is still there");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn on_an_ipad_the_app_asks_to_be_installed_and_exported_since_safari_deletes_unvisited_sites_data() {
    use crate::reliability::{Options, with};
    // iPadOS presents itself as a Mac; its touch screen tells it apart.
    let ipad = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
    with(Options { user_agent: Some(ipad.into()), ..Options::default() }, |browser| async move {
        browser.driver.cdp().send_raw("Emulation.setTouchEmulationEnabled", json!({"enabled": true, "maxTouchPoints": 5})).await?;
        browser.goto_app("/").await?;
        let prompt = browser.wait_for("#install-prompt").await?.text().await?;
        assert!(prompt.contains("7"), "the prompt says why: {prompt}");
        assert!(present(&browser, "#install-export").await?, "and offers an export at once");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn chromium_on_a_computer_is_not_asked_to_install() {
    with_browser(|browser| async move {
        browser.goto_app("/").await?;
        browser.wait_for("#start-demo").await?;
        assert!(!present(&browser, "#install-prompt").await?);
        Ok(())
    })
    .await;
}
