//! The reliability cases of `shared/reliability-cases.md` that are about the browser, each a test
//! named after its number: storage failures, damaged and newer stored data, migrations, two tabs,
//! imports, exports, and the app under its Content-Security-Policy. Wherever nothing should
//! change, the test compares every stored byte before and after.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};
use taawun_core::record::Timestamp;
use taawun_core::storage_layout as layout;
use thirtyfour::WindowHandle;
use thirtyfour::prelude::*;

use crate::browser::Browser;

/// How a test's browser differs from the default one.
#[derive(Default)]
pub struct Options {
    /// Where downloads land (and are looked for).
    pub downloads: Option<PathBuf>,
    /// Chromium preferences.
    pub prefs: Option<Value>,
    /// Another user agent.
    pub user_agent: Option<String>,
}

/// A browser session with `options`.
pub async fn open(options: &Options) -> WebDriverResult<Browser> {
    let (webdriver, mut caps) = crate::browser::chromium()?;
    if let Some(agent) = &options.user_agent {
        caps.add_arg(&format!("--user-agent={agent}"))?;
    }
    let mut prefs = options.prefs.clone().unwrap_or_else(|| json!({}));
    if let Some(dir) = &options.downloads {
        prefs["download.default_directory"] = json!(dir);
        prefs["download.prompt_for_download"] = json!(false);
    }
    caps.add_experimental_option("prefs", prefs)?;
    let driver = WebDriver::new(webdriver, caps).await?;
    if let Some(dir) = &options.downloads {
        driver.cdp().send_raw("Page.setDownloadBehavior", json!({"behavior": "allow", "downloadPath": dir})).await?;
    }
    Ok(Browser { driver })
}

/// Runs a test body against a browser opened with `options`, always quits it, then reports.
pub async fn with<F, Fut>(options: Options, body: F)
where
    F: FnOnce(Browser) -> Fut,
    Fut: std::future::Future<Output = WebDriverResult<()>>,
{
    let browser = open(&options).await.expect("Chromium starts through ChromeDriver");
    let result = body(browser.clone()).await;
    browser.quit().await;
    if let Some(dir) = &options.downloads {
        let _ = std::fs::remove_dir_all(dir);
    }
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// A fresh, empty folder for one test's downloads.
pub fn download_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("taawun-downloads-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

/// Waits until a finished download whose name starts with `prefix` is in `dir`; returns its bytes.
pub async fn downloaded(dir: &Path, prefix: &str) -> WebDriverResult<Vec<u8>> {
    for _ in 0..100 {
        let done = std::fs::read_dir(dir).into_iter().flatten().flatten().find(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.starts_with(prefix) && !name.ends_with(".crdownload")
        });
        if let Some(entry) = done
            && let Ok(bytes) = std::fs::read(entry.path())
            && !bytes.is_empty()
        {
            return Ok(bytes);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(WebDriverError::FatalError(format!("no download starting with {prefix} in {}", dir.display())))
}

/// Every value of the site's localStorage.
pub async fn snapshot(browser: &Browser) -> WebDriverResult<BTreeMap<String, String>> {
    let value = browser
        .driver
        .execute(
            "const all = {}; for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); all[k] = localStorage.getItem(k); } return all;",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(value.json().clone()).unwrap_or_default())
}

/// The stored values of the data only (head, parts, backup): what must not change.
pub fn data_values(all: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    all.iter()
        .filter(|(key, _)| key.as_str() == layout::HEAD_KEY || key.starts_with(layout::PART_PREFIX) || key.as_str() == "taawun.backup")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// Asserts two sets of stored values are byte-identical, naming the keys that differ.
#[track_caller]
pub fn assert_same(after: &BTreeMap<String, String>, before: &BTreeMap<String, String>, what: &str) {
    let differing: Vec<String> = before
        .keys()
        .chain(after.keys())
        .filter(|key| before.get(*key) != after.get(*key))
        .map(|key| {
            format!(
                "{key} ({})",
                if !before.contains_key(key) {
                    "added"
                } else if !after.contains_key(key) {
                    "removed"
                } else {
                    "changed"
                }
            )
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(differing.is_empty(), "{what}: {differing:?}");
}

/// Writes `document` into the page's localStorage in the stored layout, as an earlier session
/// (or an older or newer version of the app) would have left it.
pub async fn store_document(browser: &Browser, document: &str) -> WebDriverResult<()> {
    let parts = layout::parts_of_document(document).expect("the test's document is a JSON object");
    let plan = layout::plan_save(None, &parts, "e2e00000", Timestamp::from_millis(1_750_000_000_000).expect("a valid instant"));
    let mut values: BTreeMap<String, String> = plan.writes.into_iter().collect();
    values.insert(layout::HEAD_KEY.to_owned(), plan.head.to_value());
    store_values(browser, &values).await
}

/// Writes these exact values into localStorage.
pub async fn store_values(browser: &Browser, values: &BTreeMap<String, String>) -> WebDriverResult<()> {
    browser.driver.execute("for (const [k, v] of Object.entries(arguments[0])) localStorage.setItem(k, v);", vec![json!(values)]).await?;
    Ok(())
}

/// The demo dataset as the current version exports it.
pub fn demo_document() -> String {
    String::from_utf8(taawun_core::document::export(&taawun_core::demo::dataset())).expect("export writes UTF-8")
}

/// Fills localStorage to the last byte with values under other keys, as other data of the same
/// site could: big strings until a write throws, then smaller and smaller ones.
pub async fn fill_quota(browser: &Browser) -> WebDriverResult<()> {
    browser
        .driver
        .execute(
            "let n = 0; for (let size = 1 << 22; size >= 1; size >>= 1) { const filler = 'x'.repeat(size); \
             for (;;) { try { localStorage.setItem('filler.' + n, filler); n++; } catch (e) { break; } } } return n;",
            vec![],
        )
        .await?;
    Ok(())
}

/// Opens the app on a fresh profile, loads the demo data at the first-visit question, and
/// waits until it is stored.
pub async fn start_with_demo(browser: &Browser) -> WebDriverResult<()> {
    browser.goto_app("/").await?;
    browser.wait_for("#start-demo").await?.click().await?;
    wait_until(browser, "the demo data is stored", |all| all.contains_key(layout::HEAD_KEY)).await
}

/// Waits (up to 10 s) until the stored values satisfy `check`.
pub async fn wait_until(browser: &Browser, what: &str, check: impl Fn(&BTreeMap<String, String>) -> bool) -> WebDriverResult<()> {
    for _ in 0..100 {
        if check(&snapshot(browser).await?) {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(WebDriverError::FatalError(format!("timed out waiting until {what}")))
}

/// The store revision in the stored head.
pub fn revision(all: &BTreeMap<String, String>) -> Option<u64> {
    all.get(layout::HEAD_KEY).and_then(|head| layout::read_head(head).ok()).map(|head| head.revision)
}

/// The stored document put back together, as import reads it.
pub fn stored_document(all: &BTreeMap<String, String>) -> Option<String> {
    let head = layout::read_head(all.get(layout::HEAD_KEY)?).ok()?;
    layout::assemble(&head, |key| all.get(key).cloned()).ok()
}

/// Whether an element matching `css` is on the page now.
pub async fn present(browser: &Browser, css: &str) -> WebDriverResult<bool> {
    Ok(!browser.driver.find_all(By::Css(css)).await?.is_empty())
}

/// Reloads the page and waits for the app to mount again.
pub async fn reload(browser: &Browser) -> WebDriverResult<()> {
    browser.driver.refresh().await?;
    browser.wait_for("main").await.map(|_| ())
}

#[tokio::test(flavor = "multi_thread")]
async fn r01_with_the_quota_full_an_edit_shows_not_saved_keeps_the_data_in_memory_and_export_still_works() {
    let downloads = download_dir("r01");
    let folder = downloads.clone();
    with(Options { downloads: Some(downloads), ..Options::default() }, |browser| async move {
        browser.start("/", true).await?;
        in_french(&browser).await?;
        crate::flows::create_call(&browser, "2025").await?;
        fill_quota(&browser).await?;
        let before = snapshot(&browser).await?;
        crate::flows::create_cooperative(&browser, "Onglet plein (fictive)", "علامة ممتلئ (وهمية)").await?;
        let banner = browser.wait_for("#not-saved").await?.text().await?;
        assert!(banner.contains("plein"), "the banner says why: {banner}");
        assert_same(&snapshot(&browser).await?, &before, "stored bytes changed");
        // The edit stays in memory: it is listed.
        assert_eq!(cooperative_names(&browser).await?, ["Onglet plein (fictive)"], "the edit was lost from memory");
        browser.click("#not-saved-export").await?;
        let exported = downloaded(&folder, "taawun-").await?;
        let imported = taawun_core::document::import(&exported).map_err(|e| WebDriverError::FatalError(e.to_string()))?;
        assert!(imported.dataset.cooperatives().live().any(|c| c.data.name_fr == "Onglet plein (fictive)"), "the export holds the unsaved edit");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn r03_with_storage_blocked_the_app_works_in_memory_says_so_and_exports() {
    let downloads = download_dir("r03");
    let folder = downloads.clone();
    // Blocking cookies makes every access to localStorage throw a SecurityError.
    let prefs = json!({"profile.default_content_setting_values.cookies": 2});
    with(Options { downloads: Some(downloads), prefs: Some(prefs), ..Options::default() }, |browser| async move {
        browser.goto_app("/").await?;
        let denied = browser.driver.execute("try { localStorage.length; return false; } catch (e) { return true; }", vec![]).await?;
        assert_eq!(denied.json(), &json!(true), "the browser was expected to refuse localStorage");
        browser.wait_for("#not-saved").await?;
        browser.wait_for("#start-demo").await?.click().await?;
        browser.wait_for("#not-saved-export").await?.click().await?;
        let exported = downloaded(&folder, "taawun-").await?;
        assert!(taawun_core::document::import(&exported).is_ok(), "the export is a document");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn r04_truncated_stored_json_opens_the_recovery_screen_offers_the_raw_text_and_writes_nothing() {
    let downloads = download_dir("r04");
    let folder = downloads.clone();
    with(Options { downloads: Some(downloads), ..Options::default() }, |browser| async move {
        browser.goto_app("/").await?;
        store_document(&browser, &demo_document()).await?;
        // Cut the first part of cooperatives in the middle, as a crash during a write would.
        let mut all = snapshot(&browser).await?;
        let key = all.keys().find(|k| k.contains(".cooperatives.")).cloned().expect("a part of cooperatives");
        let value = all[&key].clone();
        let cut: String = value.chars().take(value.chars().count() / 2).collect();
        all.insert(key.clone(), cut);
        store_values(&browser, &all).await?;
        let before = snapshot(&browser).await?;
        reload(&browser).await?;
        browser.wait_for("#recovery[data-kind=unreadable]").await?;
        let details = browser.wait_for("#recovery-details").await?.text().await?;
        assert!(details.contains(&key), "the screen names the damaged part: {details}");
        browser.wait_for("#download-stored").await?.click().await?;
        let raw = downloaded(&folder, "taawun-stored").await?;
        let raw: BTreeMap<String, String> = serde_json::from_slice(&raw).map_err(|e| WebDriverError::FatalError(e.to_string()))?;
        assert_same(&data_values(&raw), &data_values(&before), "the download holds every stored value exactly");
        // Nothing is written until the user decides, even after another reload.
        reload(&browser).await?;
        browser.wait_for("#recovery").await?;
        assert_same(&data_values(&snapshot(&browser).await?), &data_values(&before), "stored data changed");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn r05_a_bad_stored_amount_opens_the_recovery_screen_naming_its_path() {
    with(Options::default(), |browser| async move {
        browser.goto_app("/").await?;
        let mut document: Value = serde_json::from_str(&demo_document()).expect("the demo document is JSON");
        let project = &mut document["projects"][0];
        while project["contributions"].as_array().map_or(0, Vec::len) < 3 {
            let copy = project["contributions"][0].clone();
            project["contributions"].as_array_mut().expect("a list").push(copy);
        }
        project["contributions"][2]["amount"] = json!("12.345");
        store_document(&browser, &document.to_string()).await?;
        let before = snapshot(&browser).await?;
        reload(&browser).await?;
        browser.wait_for("#recovery[data-kind=unreadable]").await?;
        let details = browser.wait_for("#recovery-details").await?.text().await?;
        assert!(details.contains("projects[0].contributions[2].amount"), "the path is named: {details}");
        assert!(present(&browser, "#download-stored").await?);
        assert_same(&data_values(&snapshot(&browser).await?), &data_values(&before), "stored data changed");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn r06_stored_data_of_a_newer_schema_is_read_only_with_a_clear_message_and_never_written() {
    with(Options::default(), |browser| async move {
        browser.goto_app("/").await?;
        let mut document: Value = serde_json::from_str(&demo_document()).expect("the demo document is JSON");
        document["schema_version"] = json!(taawun_core::document::SCHEMA_VERSION + 1);
        store_document(&browser, &document.to_string()).await?;
        let before = snapshot(&browser).await?;
        reload(&browser).await?;
        browser.wait_for("#recovery[data-kind=newer]").await?;
        let title = browser.wait_for("#page-title").await?.text().await?;
        assert!(title.contains("plus récente") || title.contains("أحدث"), "{title}");
        assert!(!present(&browser, "#start-anew").await?, "no offer to write over newer data");
        // Switching the language and reloading write no data either.
        browser.wait_for("#lang-switch").await?.click().await?;
        reload(&browser).await?;
        browser.wait_for("#recovery[data-kind=newer]").await?;
        assert_same(&data_values(&snapshot(&browser).await?), &data_values(&before), "stored data changed");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn r08_data_that_needs_migrating_has_its_original_kept_before_anything_is_written() {
    with(Options::default(), |browser| async move {
        browser.goto_app("/").await?;
        let v1 = include_str!("../../core/tests/fixtures/v1_small.json");
        store_document(&browser, v1).await?;
        let before = snapshot(&browser).await?;
        reload(&browser).await?;
        browser.wait_for("#migrated").await?;
        let after = snapshot(&browser).await?;
        // Only the copy of the original was written; the stored version-1 data is untouched.
        let mut expected = data_values(&before);
        let backup = browser.stored("taawun.backup").await?.expect("the original is kept in taawun.backup");
        expected.insert("taawun.backup".into(), backup.clone());
        assert_eq!(data_values(&after), expected);
        let original = backup.splitn(3, '\n').nth(2).and_then(|packed| layout::decode(packed, 1 << 24).ok()).expect("a readable copy");
        let kept = taawun_core::document::import(original.as_bytes()).map_err(|e| WebDriverError::FatalError(e.to_string()))?;
        assert_eq!(kept.migrated_from, Some(1), "the copy is the version-1 original");
        assert_eq!(layout::read_head(&after[layout::HEAD_KEY]).map(|h| h.schema_version).ok(), Some(1));
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn r09_a_save_read_back_different_shows_the_banner_and_leaves_the_stored_data_as_it_was() {
    with(Options::default(), |browser| async move {
        browser.start("/", true).await?;
        in_french(&browser).await?;
        crate::flows::create_call(&browser, "2025").await?;
        let before = snapshot(&browser).await?;
        // The browser hands back something else than was written to the data's keys.
        browser
            .driver
            .execute(
                "window.__get = Storage.prototype.getItem; Storage.prototype.getItem = function (k) { \
                 const v = window.__get.call(this, k); return k.startsWith('taawun.part.') && v !== null ? v.slice(0, -1) : v; };",
                vec![],
            )
            .await?;
        crate::flows::create_cooperative(&browser, "Onglet relu (fictive)", "علامة (وهمية)").await?;
        let banner = browser.wait_for("#not-saved").await?.text().await?;
        assert!(banner.contains("exactement"), "{banner}");
        // Read what is really stored, past the altered method.
        browser.driver.execute("Storage.prototype.getItem = window.__get;", vec![]).await?;
        assert_same(&data_values(&snapshot(&browser).await?), &data_values(&before), "stored data changed");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn r10_a_reload_right_after_an_edit_keeps_the_edit() {
    with(Options::default(), |browser| async move {
        browser.start("/", true).await?;
        in_french(&browser).await?;
        crate::flows::create_call(&browser, "2025").await?;
        crate::flows::fill_cooperative(&browser, "Onglet rechargé (fictive)", "علامة (وهمية)").await?;
        browser.click("#save").await?;
        // No waiting at all: the edit must already be stored when the click returns.
        browser.driver.refresh().await?;
        browser.wait_for("#nav-cooperatives").await?;
        assert_eq!(cooperative_names(&browser).await?, ["Onglet rechargé (fictive)"], "the edit was lost");
        assert_eq!(stored_names(&snapshot(&browser).await?), ["Onglet rechargé (fictive)"]);
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn r13_a_tab_opened_while_another_saves_writes_nothing_before_its_own_load_completes() {
    with(Options::default(), |browser| async move {
        start_with_demo(&browser).await?;
        let first = browser.driver.window().await?;
        // The store keeps moving on (a new store revision every few milliseconds, as another
        // tab saving would make it) while the second tab opens and loads.
        browser
            .driver
            .execute(
                "window.__saving = setInterval(() => { const head = JSON.parse(localStorage.getItem('taawun.head')); \
                 head.revision += 1; localStorage.setItem('taawun.head', JSON.stringify(head)); }, 5);",
                vec![],
            )
            .await?;
        let second = browser.driver.new_tab().await?;
        browser.driver.switch_to_window(second).await?;
        // Every write the second tab makes is recorded, from before its first script runs.
        browser
            .driver
            .cdp()
            .send_raw(
                "Page.addScriptToEvaluateOnNewDocument",
                json!({"source": "window.__writes = []; const set = Storage.prototype.setItem; const remove = Storage.prototype.removeItem; \
                    Storage.prototype.setItem = function (k, v) { window.__writes.push(['set', k, !!document.querySelector('main')]); return set.call(this, k, v); }; \
                    Storage.prototype.removeItem = function (k) { window.__writes.push(['remove', k, !!document.querySelector('main')]); return remove.call(this, k); };"}),
            )
            .await?;
        browser.goto_app("/").await?;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let writes = browser.driver.execute("return window.__writes;", vec![]).await?;
        assert!(writes.json().is_array(), "the recorder of writes was not installed");
        let writes: Vec<(String, String, bool)> = serde_json::from_value(writes.json().clone()).unwrap_or_default();
        let data_writes: Vec<_> = writes
            .iter()
            .filter(|(_, key, _)| key == layout::HEAD_KEY || key.starts_with(layout::PART_PREFIX) || key == "taawun.backup")
            .collect();
        assert!(data_writes.is_empty(), "the second tab wrote data without any edit: {data_writes:?}");
        assert!(present(&browser, "#nav-cooperatives").await? && !present(&browser, "#recovery").await?, "the second tab loaded the data");
        browser.driver.switch_to_window(first).await?;
        browser.driver.execute("clearInterval(window.__saving);", vec![]).await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn r33_the_app_raises_no_content_security_policy_violation_under_the_production_policy() {
    with(Options::default(), |browser| async move {
        browser
            .driver
            .cdp()
            .send_raw(
                "Page.addScriptToEvaluateOnNewDocument",
                json!({"source": "window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"}),
            )
            .await?;
        browser.goto_app("/").await?;
        let policy = browser.driver.execute("return document.querySelector('meta[http-equiv=Content-Security-Policy]').content;", vec![]).await?;
        assert_eq!(policy.json(), &json!(xtask::serve::CONTENT_SECURITY_POLICY));
        browser.wait_for("#start-demo").await?.click().await?;
        for fragment in ["#/cooperatives", "#/projects", "#/settings", "#/data", "#/"] {
            browser.driver.execute("window.location.hash = arguments[0];", vec![json!(fragment)]).await?;
            browser.wait_for("#page-title").await?;
        }
        browser.wait_for("#lang-switch").await?.click().await?;
        reload(&browser).await?;
        // The service worker got a chance to install and cache everything.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let violations = browser.driver.execute("return window.__violations;", vec![]).await?;
        assert_eq!(violations.json(), &json!([]), "the policy was violated");
        // The listener does hear violations: an inline script, refused by the policy, is reported.
        browser
            .driver
            .execute("const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; document.head.appendChild(s);", vec![])
            .await?;
        tokio::time::sleep(Duration::from_millis(200)).await;
        // (Reported once per policy: the header's and the meta tag's.)
        let heard = browser.driver.execute("return [window.__violations.length > 0, window.__ran === 1];", vec![]).await?;
        assert_eq!(heard.json(), &json!([true, false]), "an inline script must be refused and reported");
        Ok(())
    })
    .await;
}

/// Names this test's cooperatives are told apart by.
async fn cooperative_names(browser: &Browser) -> WebDriverResult<Vec<String>> {
    browser.visit("#/cooperatives?q=Onglet").await?;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut names = browser.texts("li.cooperative .record-title").await?;
    names.sort();
    Ok(names)
}

/// The names of the cooperatives in the stored document.
fn stored_names(all: &BTreeMap<String, String>) -> Vec<String> {
    let Some(text) = stored_document(all) else { return Vec::new() };
    let Ok(imported) = taawun_core::document::import(text.as_bytes()) else { return Vec::new() };
    let mut names: Vec<String> = imported.dataset.cooperatives().live().map(|c| c.data.name_fr.clone()).filter(|n| n.contains("Onglet")).collect();
    names.sort();
    names
}

/// Switches the interface to French (the language is stored, so later tabs open in French too).
async fn in_french(browser: &Browser) -> WebDriverResult<()> {
    if browser.lang_dir().await?.0 != "fr" {
        browser.click("#lang-switch").await?;
    }
    Ok(())
}

/// Opens a second tab on the same profile (same storage) and loads the app there.
async fn second_tab(browser: &Browser) -> WebDriverResult<(WindowHandle, WindowHandle)> {
    let first = browser.driver.window().await?;
    let second = browser.driver.new_tab().await?;
    browser.driver.switch_to_window(second.clone()).await?;
    browser.goto_app("/").await?;
    browser.wait_for("#nav-cooperatives").await?;
    Ok((first, second))
}

#[tokio::test(flavor = "multi_thread")]
async fn r11_an_edit_in_one_tab_is_picked_up_by_the_other_which_never_writes_back_its_stale_copy() {
    with(Options::default(), |browser| async move {
        browser.start("/", true).await?;
        in_french(&browser).await?;
        crate::flows::create_call(&browser, "2025").await?;
        let (a, b) = second_tab(&browser).await?;
        browser.driver.switch_to_window(a.clone()).await?;
        crate::flows::create_cooperative(&browser, "Onglet A (fictive)", "علامة أ (وهمية)").await?;
        let after_a = snapshot(&browser).await?;
        browser.driver.switch_to_window(b.clone()).await?;
        browser.wait_for("#notice").await?;
        assert_eq!(cooperative_names(&browser).await?, ["Onglet A (fictive)"], "tab B shows tab A's edit");
        assert_same(&data_values(&snapshot(&browser).await?), &data_values(&after_a), "tab B wrote back what it had");
        crate::flows::create_cooperative(&browser, "Onglet B (fictive)", "علامة ب (وهمية)").await?;
        assert_eq!(stored_names(&snapshot(&browser).await?), ["Onglet A (fictive)", "Onglet B (fictive)"], "both edits are stored");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn r12_a_tab_holding_unsaved_edits_never_writes_over_another_tabs_save_and_offers_reload_and_export() {
    let downloads = download_dir("r12");
    let folder = downloads.clone();
    with(Options { downloads: Some(downloads), ..Options::default() }, |browser| async move {
        browser.start("/", true).await?;
        in_french(&browser).await?;
        crate::flows::create_call(&browser, "2025").await?;
        let (a, b) = second_tab(&browser).await?;
        // Tab A cannot save for a while (its writes fail as on a full disk): its edit stays in
        // memory, unsaved, and flushing it when the tab is hidden fails too.
        browser.driver.switch_to_window(a.clone()).await?;
        browser.driver.execute("window.__set = Storage.prototype.setItem; Storage.prototype.setItem = function (k, v) { if (k.startsWith('taawun.part.')) throw new DOMException('full', 'QuotaExceededError'); return window.__set.call(this, k, v); };", vec![]).await?;
        crate::flows::create_cooperative(&browser, "Onglet A1 (fictive)", "علامة أ1 (وهمية)").await?;
        browser.wait_for("#not-saved").await?;
        // Tab B saves meanwhile.
        browser.driver.switch_to_window(b.clone()).await?;
        crate::flows::create_cooperative(&browser, "Onglet B1 (fictive)", "علامة ب1 (وهمية)").await?;
        let after_b = snapshot(&browser).await?;
        // Tab A, able to write again, edits again: it sees the newer revision, writes nothing,
        // and offers to reload and to export.
        browser.driver.switch_to_window(a.clone()).await?;
        browser.driver.execute("Storage.prototype.setItem = window.__set;", vec![]).await?;
        crate::flows::create_cooperative(&browser, "Onglet A2 (fictive)", "علامة أ2 (وهمية)").await?;
        browser.wait_for("#other-tab").await?;
        assert!(present(&browser, "#other-tab-reload").await?);
        assert_same(&data_values(&snapshot(&browser).await?), &data_values(&after_b), "tab A wrote over tab B's save");
        assert_eq!(stored_names(&after_b), ["Onglet B1 (fictive)"]);
        browser.click("#other-tab-export").await?;
        let exported = downloaded(&folder, "taawun-").await?;
        let mine = taawun_core::document::import(&exported).map_err(|e| WebDriverError::FatalError(e.to_string()))?;
        let mut names: Vec<String> = mine.dataset.cooperatives().live().map(|c| c.data.name_fr.clone()).filter(|n| n.contains("Onglet")).collect();
        names.sort();
        assert_eq!(names, ["Onglet A1 (fictive)", "Onglet A2 (fictive)"], "tab A's edits are in its export");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn r14_without_web_locks_a_second_tab_stays_editable_and_edits_from_both_tabs_all_arrive() {
    with(Options::default(), |browser| async move {
        browser.start("/", true).await?;
        in_french(&browser).await?;
        crate::flows::create_call(&browser, "2025").await?;
        let (a, b) = second_tab(&browser).await?;
        for (tab, name, arabic) in [(&a, "Onglet 1 (fictive)", "علامة 1"), (&b, "Onglet 2 (fictive)", "علامة 2"), (&a, "Onglet 3 (fictive)", "علامة 3")]
        {
            browser.driver.switch_to_window(tab.clone()).await?;
            crate::flows::create_cooperative(&browser, name, arabic).await?;
            assert!(!present(&browser, "#not-saved").await? && !present(&browser, "#other-tab").await?, "a tab was refused after {name}");
        }
        assert_eq!(stored_names(&snapshot(&browser).await?), ["Onglet 1 (fictive)", "Onglet 2 (fictive)", "Onglet 3 (fictive)"]);
        browser.driver.switch_to_window(b.clone()).await?;
        assert_eq!(cooperative_names(&browser).await?, ["Onglet 1 (fictive)", "Onglet 2 (fictive)", "Onglet 3 (fictive)"]);
        Ok(())
    })
    .await;
}

/// Chooses `path` in the data page's file input.
async fn import_file(browser: &Browser, path: &Path) -> WebDriverResult<()> {
    browser.visit("#/data").await?;
    browser.wait_for("#import-file").await?.send_keys(path.to_string_lossy()).await
}

/// A file for one test, removed when dropped.
struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn temp_file(name: &str, bytes: &[u8]) -> TempFile {
    let path = std::env::temp_dir().join(format!("taawun-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).expect("a temporary file");
    TempFile(path)
}

#[tokio::test(flavor = "multi_thread")]
async fn r15_a_fifty_megabyte_file_is_refused_from_its_size_before_it_is_read() {
    let big = temp_file("big.json", &vec![b' '; 50 * 1024 * 1024]);
    let big_path = big.0.clone();
    with(Options::default(), |browser| async move {
        browser.start("/", true).await?;
        // Any way of reading the file's content is recorded.
        browser.driver.execute("window.__read = 0; for (const m of ['text', 'arrayBuffer', 'stream', 'slice']) { const f = Blob.prototype[m]; Blob.prototype[m] = function (...a) { window.__read++; return f.apply(this, a); }; } \
            const r = FileReader.prototype.readAsText; FileReader.prototype.readAsText = function (...a) { window.__read++; return r.apply(this, a); };", vec![]).await?;
        let before = snapshot(&browser).await?;
        import_file(&browser, &big_path).await?;
        let message = browser.text("#import-error").await?;
        assert!(message.contains("20"), "the message states the limit: {message}");
        let read = browser.driver.execute("return window.__read;", vec![]).await?;
        assert_eq!(read.json(), &json!(0), "the file was read");
        assert_same(&data_values(&snapshot(&browser).await?), &data_values(&before), "stored data changed");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn r21_an_import_that_replaces_keeps_a_backup_first_and_undo_restores_the_exact_previous_data() {
    let file = temp_file("v2.json", include_bytes!("../../core/tests/fixtures/v2_small.json"));
    let file_path = file.0.clone();
    with(Options::default(), |browser| async move {
        browser.start("/", true).await?;
        crate::flows::create_call(&browser, "2025").await?;
        crate::flows::create_cooperative(&browser, "Onglet avant import (fictive)", "قبل الاستيراد").await?;
        let before = snapshot(&browser).await?;
        let previous = taawun_core::document::import(stored_document(&before).expect("stored").as_bytes()).expect("readable").dataset;
        import_file(&browser, &file_path).await?;
        browser.click("#confirm-import").await?;
        browser.wait_for("#undo").await?;
        let replaced = snapshot(&browser).await?;
        let backup = replaced.get("taawun.backup").expect("a backup of the previous data is kept");
        let kept = backup.splitn(3, '\n').nth(2).and_then(|packed| layout::decode(packed, 1 << 24).ok()).expect("a readable backup");
        assert_eq!(kept.as_bytes(), taawun_core::document::export(&previous), "the backup is the previous data");
        let now = taawun_core::document::import(stored_document(&replaced).expect("stored").as_bytes()).expect("readable").dataset;
        assert_eq!(now, taawun_core::document::import(include_bytes!("../../core/tests/fixtures/v2_small.json")).expect("fixture").dataset);
        browser.click("#undo-button").await?;
        wait_until(&browser, "the undo is stored", |all| revision(all) > revision(&replaced)).await?;
        let undone = taawun_core::document::import(stored_document(&snapshot(&browser).await?).expect("stored").as_bytes()).expect("readable").dataset;
        assert_eq!(undone, previous, "undo brings back the exact previous data");
        assert_eq!(taawun_core::document::export(&undone), taawun_core::document::export(&previous));
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn r22_a_file_of_a_newer_schema_is_refused_and_an_older_one_migrated_with_a_summary() {
    let mut newer: Value = serde_json::from_str(include_str!("../../core/tests/fixtures/v2_small.json")).expect("JSON");
    newer["schema_version"] = json!(taawun_core::document::SCHEMA_VERSION + 1);
    let newer = temp_file("newer.json", newer.to_string().as_bytes());
    let newer_path = newer.0.clone();
    let older = temp_file("v1.json", include_bytes!("../../core/tests/fixtures/v1_small.json"));
    let older_path = older.0.clone();
    with(Options::default(), |browser| async move {
        browser.start("/", true).await?;
        let before = snapshot(&browser).await?;
        import_file(&browser, &newer_path).await?;
        let refusal = browser.text("#import-error").await?;
        assert!(refusal.contains("récente") || refusal.contains("أحدث"), "{refusal}");
        assert_same(&data_values(&snapshot(&browser).await?), &data_values(&before), "stored data changed");
        import_file(&browser, &older_path).await?;
        let preview = browser.text("#import-preview").await?;
        assert!(preview.contains('1'), "the preview says the file was migrated from version 1: {preview}");
        browser.click("#confirm-import").await?;
        wait_until(&browser, "the import is stored", |all| revision(all) > revision(&before)).await?;
        let stored = snapshot(&browser).await?;
        assert_eq!(layout::read_head(&stored[layout::HEAD_KEY]).map(|h| h.schema_version).ok(), Some(taawun_core::document::SCHEMA_VERSION));
        Ok(())
    })
    .await;
}

/// The stored export record (`taawun.health`).
async fn export_record(browser: &Browser) -> WebDriverResult<Option<String>> {
    Ok(snapshot(browser).await?.get("taawun.health").cloned())
}

#[tokio::test(flavor = "multi_thread")]
async fn r30_a_failed_or_cancelled_export_leaves_the_last_export_unchanged() {
    let downloads = download_dir("r30");
    with(Options { downloads: Some(downloads), ..Options::default() }, |browser| async move {
        browser.start("/", true).await?;
        browser.visit("#/data").await?;
        let before = export_record(&browser).await?;
        // Cancelled: the file was offered, the user says it was not saved.
        browser.click("#export").await?;
        browser.click("#export-question .export-not-saved").await?;
        assert_eq!(export_record(&browser).await?, before);
        // Failed: the browser cannot make the file.
        browser.driver.execute("window.__url = URL.createObjectURL; URL.createObjectURL = () => { throw new Error('no room'); };", vec![]).await?;
        browser.click("#export").await?;
        browser.wait_for(".export-failed").await?;
        assert!(!present(&browser, "#export-question").await?, "no question after a failure");
        assert_eq!(export_record(&browser).await?, before);
        // Confirmed: only now does the date move.
        browser.driver.execute("URL.createObjectURL = window.__url;", vec![]).await?;
        browser.click("#export").await?;
        browser.click("#export-question .export-saved").await?;
        wait_until(&browser, "the export is recorded", |all| all.get("taawun.health") != before.as_ref()).await?;
        let record: Value = serde_json::from_str(&export_record(&browser).await?.unwrap_or_default()).unwrap_or_default();
        assert!(record["last_export"].is_string(), "{record}");
        Ok(())
    })
    .await;
}

const IMG: &str = "<img src=x onerror=alert(1)>";
const SCRIPT: &str = "<script>alert(2)</script>";

/// Records any alert and any element a name could have become.
async fn nothing_ran(browser: &Browser) -> WebDriverResult<()> {
    assert!(browser.driver.get_alert_text().await.is_err(), "an alert opened: a name was run as HTML");
    let injected = browser.driver.find_all(By::Css("main img, .safety img, main script, body > script:not([type='module'])")).await?;
    assert!(injected.is_empty(), "a name became an element");
    Ok(())
}

/// The demo document with its first cooperative renamed and its e-mail replaced.
fn hostile_document(email: &str) -> String {
    let mut document: Value = serde_json::from_str(&demo_document()).expect("JSON");
    let cooperative = &mut document["cooperatives"][0];
    cooperative["name_fr"] = json!(IMG);
    cooperative["name_ar"] = json!(SCRIPT);
    cooperative["contact"]["email"] = json!(email);
    document.to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn r31_html_in_imported_and_stored_names_shows_as_text_in_the_preview_the_lists_and_the_recovery_screen() {
    let file = temp_file("hostile.json", hostile_document("contact@example.org").as_bytes());
    let file_path = file.0.clone();
    with(Options::default(), |browser| async move {
        browser.start("/", false).await?;
        in_french(&browser).await?;
        import_file(&browser, &file_path).await?;
        let preview = browser.text("#import-preview").await?;
        assert!(preview.contains(IMG), "the preview shows the name as text: {preview}");
        nothing_ran(&browser).await?;
        browser.click("#confirm-import").await?;
        browser.visit("#/cooperatives?q=onerror").await?;
        let names = browser.texts_when_present("li.cooperative .record-title").await?;
        assert_eq!(names, [IMG]);
        nothing_ran(&browser).await?;
        // Stored data whose bad value is HTML: the recovery screen shows it as text too.
        let mut document: Value = serde_json::from_str(&hostile_document("contact@example.org")).expect("JSON");
        document["projects"][0]["total_cost"] = json!(SCRIPT);
        store_document(&browser, &document.to_string()).await?;
        reload(&browser).await?;
        let details = browser.text("#recovery-details").await?;
        assert!(details.contains(SCRIPT), "{details}");
        nothing_ran(&browser).await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn r32_url_like_values_in_mixed_case_and_with_tabs_are_inert() {
    with(Options::default(), |browser| async move {
        browser.start("/", false).await?;
        for email in ["JaVaScRiPt:alert(3)", "java\tscript:alert(4)", " \u{1}javascript:alert(5)"] {
            store_document(&browser, &hostile_document(email)).await?;
            reload(&browser).await?;
            let id = taawun_core::demo::dataset().cooperatives().all()[0].id.to_string();
            browser.visit(&format!("#/cooperatives/{id}")).await?;
            let details = browser.text("#cooperative-details").await?;
            let call = email.rsplit(':').next().unwrap_or_default();
            assert!(details.contains(call), "the value is shown, as text: {details}");
            let hrefs = browser
                .driver
                .execute("return [...document.querySelectorAll('[href],[src],[action],[formaction]')].map((e) => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action') || e.getAttribute('formaction'));", vec![])
                .await?;
            let hrefs: Vec<String> = serde_json::from_value(hrefs.json().clone()).unwrap_or_default();
            let active: Vec<&String> = hrefs
                .iter()
                .filter(|h| h.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_lowercase().contains("javascript:"))
                .collect();
            assert!(active.is_empty(), "a link or source runs script: {active:?}");
            nothing_ran(&browser).await?;
        }
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn r35_after_a_rejected_import_a_failed_save_or_the_recovery_screen_the_next_edit_saves_normally() {
    let newer = temp_file("r35-newer.json", br#"{"schema_version": 99}"#);
    let newer_path = newer.0.clone();
    with(Options::default(), |browser| async move {
        browser.start("/", true).await?;
        crate::flows::create_call(&browser, "2025").await?;
        // A rejected import.
        import_file(&browser, &newer_path).await?;
        browser.wait_for("#import-error").await?;
        crate::flows::create_cooperative(&browser, "Onglet après refus (fictive)", "بعد الرفض").await?;
        assert!(stored_names(&snapshot(&browser).await?).contains(&"Onglet après refus (fictive)".to_owned()));
        // A failed save (full storage), then room again.
        fill_quota(&browser).await?;
        crate::flows::create_cooperative(&browser, "Onglet pendant plein (fictive)", "أثناء الامتلاء").await?;
        browser.wait_for("#not-saved").await?;
        browser.driver.execute("for (const k of Object.keys(localStorage)) if (k.startsWith('filler.')) localStorage.removeItem(k);", vec![]).await?;
        crate::flows::create_cooperative(&browser, "Onglet après plein (fictive)", "بعد الامتلاء").await?;
        wait_until(&browser, "both edits are stored", |all| stored_names(all).len() == 3).await?;
        assert!(!present(&browser, "#not-saved").await?, "the banner went once a save succeeded");
        // The recovery screen, and starting anew from it.
        let mut all = snapshot(&browser).await?;
        let key = all.keys().find(|k| k.contains(".cooperatives.")).cloned().expect("a part");
        all.insert(key, "j[".into());
        store_values(&browser, &all).await?;
        reload(&browser).await?;
        browser.click("#start-anew-confirm").await?;
        browser.click("#start-anew").await?;
        crate::flows::create_call(&browser, "2025").await?;
        crate::flows::create_cooperative(&browser, "Onglet après reprise (fictive)", "بعد الاستئناف").await?;
        assert_eq!(stored_names(&snapshot(&browser).await?), ["Onglet après reprise (fictive)"]);
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn undoing_a_deletion_brings_the_cooperative_back_with_exactly_its_data() {
    with(Options::default(), |browser| async move {
        browser.start("/", true).await?;
        in_french(&browser).await?;
        crate::flows::create_call(&browser, "2025").await?;
        let id = crate::flows::create_cooperative(&browser, "Onglet supprimé (fictive)", "علامة محذوفة (وهمية)").await?;
        let before = taawun_core::document::import(stored_document(&snapshot(&browser).await?).expect("stored").as_bytes()).expect("readable").dataset;
        browser.click("#delete-cooperative").await?;
        browser.click("#confirm-delete").await?;
        browser.wait_for("#undo").await?;
        assert!(cooperative_names(&browser).await?.is_empty());
        browser.click("#undo-button").await?;
        assert_eq!(cooperative_names(&browser).await?, ["Onglet supprimé (fictive)"]);
        let after = taawun_core::document::import(stored_document(&snapshot(&browser).await?).expect("stored").as_bytes()).expect("readable").dataset;
        let id = taawun_core::id::Id::parse(&id).map_err(|e| WebDriverError::FatalError(e.to_string()))?;
        let (was, is) = (before.cooperatives().get(id).expect("created"), after.cooperatives().get(id).expect("restored"));
        assert_eq!(is.data, was.data, "the cooperative's data is exactly as before");
        assert!(is.is_live());
        // The deletion never left this device: the undo rolls it back, metadata included, so no
        // other device sees a change that nobody meant.
        assert_eq!(is, was);
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn undoing_a_reset_brings_back_the_exact_previous_data() {
    with(Options::default(), |browser| async move {
        browser.start("/", true).await?;
        let before = snapshot(&browser).await?;
        let previous = taawun_core::document::import(stored_document(&before).expect("stored").as_bytes()).expect("readable").dataset;
        browser.visit("#/data").await?;
        browser.click("#backup-first").await?;
        browser.click("#reset").await?;
        browser.wait_for("#undo").await?;
        let erased = snapshot(&browser).await?;
        assert!(stored_names(&erased).is_empty());
        browser.click("#undo-button").await?;
        wait_until(&browser, "the undo is stored", |all| revision(all) > revision(&erased)).await?;
        let undone = taawun_core::document::import(stored_document(&snapshot(&browser).await?).expect("stored").as_bytes()).expect("readable").dataset;
        assert_eq!(undone, previous);
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_health_panel_counts_the_space_used_and_asks_the_browser_to_keep_the_data() {
    with(Options::default(), |browser| async move {
        browser.start("/", true).await?;
        in_french(&browser).await?;
        browser.visit("#/data").await?;
        let all = snapshot(&browser).await?;
        let chars: usize = all.iter().map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count()).sum();
        let shown = browser.text("#space-used").await?;
        assert!(shown.contains(&chars.to_string()), "the panel sums every key and value ({chars}): {shown}");
        browser.click("#persist").await?;
        browser.wait_for("#persist-answer").await?;
        browser.fill("#reminder-days", "3").await?;
        browser.driver.execute("document.querySelector('#reminder-days').dispatchEvent(new Event('change', { bubbles: true }));", vec![]).await?;
        wait_until(&browser, "the setting is stored", |all| all.get("taawun.health").is_some_and(|h| h.contains("\"reminder_days\":3"))).await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_export_older_than_the_reminder_setting_brings_the_reminder_and_a_confirmed_export_ends_it() {
    let downloads = download_dir("reminder");
    let folder = downloads.clone();
    with(Options { downloads: Some(downloads), ..Options::default() }, |browser| async move {
        browser.start("/", true).await?;
        in_french(&browser).await?;
        assert!(!present(&browser, "#export-reminder").await?, "no reminder on the first day");
        let ten_days_ago = Timestamp::from_millis(now_millis() - 10 * 86_400_000).expect("an instant").to_string();
        let record = json!({"last_export": ten_days_ago, "since": ten_days_ago, "reminder_days": 7}).to_string();
        store_values(&browser, &BTreeMap::from([("taawun.health".to_owned(), record)])).await?;
        reload(&browser).await?;
        let reminder = browser.text("#export-reminder").await?;
        assert!(reminder.contains("7"), "{reminder}");
        // A returning visit on the dashboard: the writing part, which writes the file, is
        // fetched when the button is pressed, and the file still arrives.
        browser.click("#reminder-export").await?;
        let exported = downloaded(&folder, "taawun-").await?;
        let imported = taawun_core::document::import(&exported).map_err(|e| WebDriverError::FatalError(e.to_string()))?;
        assert_eq!(imported.dataset, taawun_core::demo::dataset(), "the file holds the data");
        browser.click("#reminder-export-question .export-saved").await?;
        for _ in 0..50 {
            if !present(&browser, "#export-reminder").await? {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(WebDriverError::FatalError("the reminder stayed after a confirmed export".into()))
    })
    .await;
}

/// Milliseconds since the epoch, from the test machine's clock.
fn now_millis() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}
