//! One browser session per test against a served copy of the built site; helpers to find, act, check.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use thirtyfour::prelude::*;

/// The folder holding the built site (`cargo xtask test` sets `TAAWUN_DIST`).
pub fn dist() -> PathBuf {
    std::env::var_os("TAAWUN_DIST").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist")
    })
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

/// A browser session on a fresh profile (so a fresh, empty localStorage).
#[derive(Clone)]
pub struct Browser {
    pub driver: WebDriver,
}

impl Browser {
    pub async fn open() -> WebDriverResult<Browser> {
        let webdriver = std::env::var("TAAWUN_WEBDRIVER").unwrap_or_else(|_| "http://127.0.0.1:9515".into());
        let mut caps = DesiredCapabilities::chrome();
        if let Ok(binary) = std::env::var("TAAWUN_CHROMIUM") {
            caps.set_binary(&binary)?;
        }
        for arg in [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--window-size=1024,768",
        ] {
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

    /// The texts of every element matching `css`, right now.
    pub async fn texts(&self, css: &str) -> WebDriverResult<Vec<String>> {
        let mut texts = Vec::new();
        for element in self.driver.find_all(By::Css(css)).await? {
            texts.push(element.text().await?);
        }
        Ok(texts)
    }

    /// The texts of the elements matching `css` once at least one is there (waiting up to 5 s),
    /// or none: for checks whose failure should read as a wrong list, not a missing element.
    pub async fn texts_when_present(&self, css: &str) -> WebDriverResult<Vec<String>> {
        let _ = self.driver.query(By::Css(css)).wait(Duration::from_secs(5), Duration::from_millis(100)).first().await;
        self.texts(css).await
    }

    /// The raw value stored under `key` in localStorage.
    pub async fn stored(&self, key: &str) -> WebDriverResult<Option<String>> {
        let value = self.driver.execute("return window.localStorage.getItem(arguments[0]);", vec![serde_json::json!(key)]).await?;
        Ok(value.json().as_str().map(str::to_owned))
    }

    /// Saves a screenshot into the screenshots folder named in the README.
    pub async fn screenshot(&self, name: &str) -> WebDriverResult<PathBuf> {
        let dir = std::env::var_os("TAAWUN_SCREENSHOTS").map(PathBuf::from).unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../screenshots")
        });
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join(format!("{name}.png"));
        self.driver.screenshot(&path).await?;
        Ok(path)
    }

    /// Always ends the session, so a failing test never leaves Chromium running.
    pub async fn quit(self) {
        let _ = self.driver.quit().await;
    }
}

/// Runs a test body against a fresh browser, quits the browser, then reports the body's result.
pub async fn with_browser<F, Fut>(body: F)
where
    F: FnOnce(Browser) -> Fut,
    Fut: std::future::Future<Output = WebDriverResult<()>>,
{
    let browser = Browser::open().await.expect("Chromium starts through ChromeDriver");
    let result = body(browser.clone()).await;
    browser.quit().await;
    if let Err(e) = result {
        panic!("{e}");
    }
}
