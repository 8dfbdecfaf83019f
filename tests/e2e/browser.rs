//! One browser session per test against a served copy of the built site; helpers to find, act, check.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use thirtyfour::prelude::*;

/// The folder holding the built site (`cargo xtask test` sets `TAAWUN_DIST`).
pub fn dist() -> PathBuf {
    std::env::var_os("TAAWUN_DIST").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist"))
}

/// The site served once for the whole binary at the root, and once at the `/taawun/` sub-path.
pub fn site(prefix: &str) -> String {
    static ROOT: OnceLock<String> = OnceLock::new();
    static SUB: OnceLock<String> = OnceLock::new();
    let cell = if prefix == "/" { &ROOT } else { &SUB };
    cell.get_or_init(|| {
        let server = xtask::serve::start(&dist(), 0, prefix).expect("the test server starts on loopback");
        server.url()
    })
    .clone()
}

/// An error for a check that gave up waiting.
pub fn fail(message: String) -> WebDriverError {
    WebDriverError::FatalError(message)
}

/// The WebDriver address and the capabilities every session starts from: the Chromium the
/// set-up installed, with [`xtask::chromium::HEADLESS_ARGS`]; a test adds its own.
pub fn chromium() -> WebDriverResult<(String, thirtyfour::ChromeCapabilities)> {
    let webdriver = std::env::var("TAAWUN_WEBDRIVER").unwrap_or_else(|_| "http://127.0.0.1:9515".into());
    let mut caps = DesiredCapabilities::chrome();
    if let Ok(binary) = std::env::var("TAAWUN_CHROMIUM") {
        caps.set_binary(&binary)?;
    }
    for arg in xtask::chromium::HEADLESS_ARGS {
        caps.add_arg(arg)?;
    }
    Ok((webdriver, caps))
}

/// A browser session on a fresh profile (so a fresh, empty localStorage).
#[derive(Clone)]
pub struct Browser {
    pub driver: WebDriver,
}

impl Browser {
    /// A session on a fresh profile, with extra Chromium arguments (`--lang=fr-FR`) if any.
    pub async fn open_with(extra: &[&str]) -> WebDriverResult<Browser> {
        let (webdriver, mut caps) = chromium()?;
        for arg in extra {
            caps.add_arg(arg)?;
        }
        let driver = WebDriver::new(webdriver, caps).await?;
        Ok(Browser { driver })
    }

    /// Opens the app at `prefix` and waits until it has mounted.
    pub async fn goto_app(&self, prefix: &str) -> WebDriverResult<()> {
        self.driver.goto(site(prefix)).await?;
        self.wait_for("main").await.map(|_| ())
    }

    /// Finds an element, polling while the wasm app mounts or re-renders.
    pub async fn wait_for(&self, css: &str) -> WebDriverResult<WebElement> {
        self.driver.query(By::Css(css)).wait(Duration::from_secs(20), Duration::from_millis(100)).first().await
    }

    /// Waits until an element matching `css` has exactly `text` (after a re-render).
    pub async fn wait_for_text(&self, css: &str, text: &str) -> WebDriverResult<WebElement> {
        self.driver.query(By::Css(css)).with_text(text.to_owned()).wait(Duration::from_secs(20), Duration::from_millis(100)).first().await
    }

    /// The texts of every element matching `css`, right now, no-break spaces as spaces.
    pub async fn texts(&self, css: &str) -> WebDriverResult<Vec<String>> {
        let mut texts = Vec::new();
        for element in self.driver.find_all(By::Css(css)).await? {
            texts.push(element.text().await?.replace('\u{a0}', " "));
        }
        Ok(texts)
    }

    /// The texts of the elements matching `css` once at least one is there (waiting up to 5 s),
    /// or none: for checks whose failure should read as a wrong list, not a missing element.
    pub async fn texts_when_present(&self, css: &str) -> WebDriverResult<Vec<String>> {
        let _ = self.driver.query(By::Css(css)).wait(Duration::from_secs(5), Duration::from_millis(100)).first().await;
        self.texts(css).await
    }

    /// The stored dataset as the text of its document (what import reads), put back together
    /// from the stored layout (`taawun_core::storage_layout`); `None` when nothing is stored.
    pub async fn stored_document(&self) -> WebDriverResult<Option<String>> {
        let all = self
            .driver
            .execute("const all = {}; for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); all[k] = localStorage.getItem(k); } return all;", vec![])
            .await?;
        let all: std::collections::BTreeMap<String, String> = serde_json::from_value(all.json().clone()).unwrap_or_default();
        let Some(head) = all.get(taawun_core::storage_layout::HEAD_KEY) else { return Ok(None) };
        let head = taawun_core::storage_layout::read_head(head).map_err(|e| fail(e.to_string()))?;
        taawun_core::storage_layout::assemble(&head, |key| all.get(key).cloned()).map(Some).map_err(|e| fail(e.to_string()))
    }

    /// The raw value stored under `key` in localStorage.
    pub async fn stored(&self, key: &str) -> WebDriverResult<Option<String>> {
        let value = self.driver.execute("return window.localStorage.getItem(arguments[0]);", vec![serde_json::json!(key)]).await?;
        Ok(value.json().as_str().map(str::to_owned))
    }

    /// Saves a screenshot into the screenshots folder named in the README.
    pub async fn screenshot(&self, name: &str) -> WebDriverResult<PathBuf> {
        let dir = std::env::var_os("TAAWUN_SCREENSHOTS").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../screenshots"));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join(format!("{name}.png"));
        self.driver.screenshot(&path).await?;
        Ok(path)
    }

    /// Makes the page's viewport exactly `width` × `height` CSS pixels (a device's screen), through
    /// Chromium's device emulation; the window is resized too so screenshots match.
    pub async fn set_size(&self, width: u32, height: u32) -> WebDriverResult<()> {
        self.driver.set_window_rect(0, 0, width, height + 200).await?;
        let metrics = serde_json::json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600 });
        self.driver.cdp().send_raw("Emulation.setDeviceMetricsOverride", metrics).await.map(|_| ())
    }

    /// Opens the app on a fresh profile and answers the first-visit question.
    pub async fn start(&self, prefix: &str, demo: bool) -> WebDriverResult<()> {
        self.goto_app(prefix).await?;
        self.wait_for(if demo { "#start-demo" } else { "#start-empty" }).await?.click().await?;
        // The dashboard of the data chosen: by then it is stored (the navigation shows earlier,
        // over the first-visit choice, and the demo generator is a lazy part).
        self.wait_for(if demo { "#headline" } else { "#dashboard-empty" }).await?;
        self.wait_for("#nav-cooperatives").await.map(|_| ())
    }

    /// Goes to a route of the app (a fragment such as `#/cooperatives`) and waits for its title.
    pub async fn visit(&self, fragment: &str) -> WebDriverResult<()> {
        self.driver.execute("window.location.hash = arguments[0];", vec![serde_json::json!(fragment)]).await?;
        self.wait_until_url_ends_with(fragment).await?;
        self.wait_for("#page-title").await.map(|_| ())
    }

    async fn wait_until_url_ends_with(&self, fragment: &str) -> WebDriverResult<()> {
        self.wait_for_route(|f| format!("#{f}") == fragment).await.map(|_| ())
    }

    /// Waits until the address's fragment (without `#`) satisfies `wanted`, and returns it.
    pub async fn wait_for_route(&self, wanted: impl Fn(&str) -> bool) -> WebDriverResult<String> {
        for _ in 0..200 {
            let url = self.driver.current_url().await?;
            let fragment = url.fragment().unwrap_or("").to_owned();
            if wanted(&fragment) {
                return Ok(fragment);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let url = self.driver.current_url().await?;
        Err(fail(format!("the address never reached the expected route: {url}")))
    }

    /// Types `text` into the field matching `css`, replacing what it held.
    pub async fn fill(&self, css: &str, text: &str) -> WebDriverResult<()> {
        let field = self.wait_for(css).await?;
        field.clear().await?;
        // `clear` fires no `input` event: tell the app the field is empty, then type.
        self.driver.execute("arguments[0].dispatchEvent(new Event('input', { bubbles: true }));", vec![field.to_json()?]).await?;
        field.send_keys(text).await
    }

    /// Picks the option with this value in the select matching `css`.
    pub async fn choose(&self, css: &str, value: &str) -> WebDriverResult<()> {
        retry_stale(|| async {
            let select = self.wait_for(css).await?;
            select.find(By::Css(format!("option[value='{value}']"))).await?.click().await
        })
        .await
    }

    /// Clicks the element matching `css`.
    pub async fn click(&self, css: &str) -> WebDriverResult<()> {
        retry_stale(|| async { self.wait_for(css).await?.click().await }).await
    }

    /// The text of the first element matching `css` (waiting for it), no-break spaces as spaces.
    pub async fn text(&self, css: &str) -> WebDriverResult<String> {
        retry_stale(|| async { Ok(self.wait_for(css).await?.text().await?.replace('\u{a0}', " ")) }).await
    }

    /// The value of the input matching `css`.
    pub async fn value(&self, css: &str) -> WebDriverResult<String> {
        retry_stale(|| async { Ok(self.wait_for(css).await?.prop("value").await?.unwrap_or_default()) }).await
    }

    /// The `lang` and `dir` attributes of the page's `<html>`.
    pub async fn lang_dir(&self) -> WebDriverResult<(String, String)> {
        let html = self.driver.find(By::Css("html")).await?;
        Ok((html.attr("lang").await?.unwrap_or_default(), html.attr("dir").await?.unwrap_or_default()))
    }

    /// Always ends the session, so a failing test never leaves Chromium running.
    pub async fn quit(self) {
        let _ = self.driver.quit().await;
    }
}

/// Runs `act` again while it fails on an element the page replaced between finding and using it
/// (pages that redraw on every change do that), up to three seconds; any other error at once.
pub async fn retry_stale<T, F, Fut>(act: F) -> WebDriverResult<T>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = WebDriverResult<T>>,
{
    let mut tries = 0;
    loop {
        match act().await {
            Err(e) if tries < 30 && e.to_string().to_lowercase().contains("stale") => {
                tries += 1;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            other => return other,
        }
    }
}

/// Runs a test body against a fresh browser, quits the browser, then reports the body's result.
pub async fn with_browser<F, Fut>(body: F)
where
    F: FnOnce(Browser) -> Fut,
    Fut: std::future::Future<Output = WebDriverResult<()>>,
{
    with_browser_args(&[], body).await
}

/// Like [`with_browser`], with extra Chromium arguments.
pub async fn with_browser_args<F, Fut>(args: &[&str], body: F)
where
    F: FnOnce(Browser) -> Fut,
    Fut: std::future::Future<Output = WebDriverResult<()>>,
{
    let browser = Browser::open_with(args).await.expect("Chromium starts through ChromeDriver");
    let result = body(browser.clone()).await;
    browser.quit().await;
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// A copy of the built site in a fresh folder, removed when dropped.
pub struct SiteCopy(PathBuf);

impl std::ops::Deref for SiteCopy {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for SiteCopy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A copy of the built site (`dist()`) named after `name`, for a test that changes or serves it.
pub fn copy_site(name: &str) -> SiteCopy {
    let to = std::env::temp_dir().join(format!("taawun-site-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&to);
    copy_dir(&dist(), &to);
    SiteCopy(to)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a temporary folder");
    for entry in std::fs::read_dir(from).expect("the built site").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("a copy of the site's file");
        }
    }
}
