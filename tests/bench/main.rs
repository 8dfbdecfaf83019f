//! The benchmark behind `cargo xtask bench` (not a test: it reports figures and asserts no time).
//! Generates the prefecture (the demo's 85 cooperatives), a region and four regions, writes each
//! into localStorage in the app's stored layout, and measures in headless Chromium: cold start to
//! an interactive dashboard beside a vanilla-JavaScript baseline reading the same stored values,
//! one edit, filtering and paging the cooperatives, memory and stored bytes; then the shipped
//! bytes and, natively, import + validate + statistics beside a plain `serde_json` parse.
//!
//! Run by `cargo xtask bench [--quick]`, which builds the site, starts chromedriver and sets
//! `TAAWUN_DIST`, `TAAWUN_WEBDRIVER` and `TAAWUN_CHROMIUM`. Writes `target/bench/latest.md`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::{Value, json};
use taawun_core::dataset::Dataset;
use taawun_core::demo::{self, scale};
use taawun_core::document;
use taawun_core::id::Id;
use taawun_core::record::Timestamp;
use taawun_core::stats::{self, Filter};
use taawun_core::storage_layout as layout;
use thirtyfour::prelude::*;
use xtask::bench::{bytes, gzip_size, median, millis, percent, ratio, table};

/// The seed of the generated datasets: any fixed number; the same one gives the same bytes.
const SEED: u64 = 12;
/// The quota assumed for localStorage: five million UTF-16 code units, what Safari and Firefox
/// allow (Chromium allows ten million bytes, the same for packed text).
const QUOTA_CHARS: u64 = 5_000_000;

/// Set before the page's own scripts: marks `bench-ready` when `#headline` (the dashboard's first
/// figure, or the baseline's) enters the document and `bench-painted` once the frame after it is
/// painted; keeps the wasm memory; `__benchNext(t0)` resolves after the next painted frame.
const PROBE: &str = r#"
(() => {
  const painted = (t0) => new Promise((done) => requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0))));
  window.__benchNext = painted;
  window.__benchUntil = (selector, t0) => new Promise((done) => {
    const check = () => { if (document.querySelector(selector)) { observer.disconnect(); painted(t0).then(done); return true; } return false; };
    const observer = new MutationObserver(check);
    if (!check()) observer.observe(document, { childList: true, subtree: true });
  });
  const glance = new MutationObserver(() => {
    if (!document.querySelector('.glance .headline')) return;
    glance.disconnect();
    // The frame that paints the glance (the app's own start waits for the next task).
    requestAnimationFrame(() => performance.mark('bench-glance'));
  });
  glance.observe(document, { childList: true, subtree: true });
  const observer = new MutationObserver(() => {
    if (!document.getElementById('headline')) return;
    observer.disconnect();
    performance.mark('bench-ready');
    painted(0).then(() => performance.mark('bench-painted'));
  });
  observer.observe(document, { childList: true, subtree: true });
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = async function (...args) {
      const result = await original.apply(this, args);
      const instance = result.instance || result;
      if (instance.exports && instance.exports.memory) window.__benchMemory = instance.exports.memory;
      return result;
    };
  }
})();
"#;

struct Size {
    name: &'static str,
    dataset: Dataset,
}

/// Everything measured at one size.
#[derive(Default)]
struct Measured {
    records: u64,
    stored_chars: u64,
    parts: usize,
    cold: Vec<f64>,
    /// From navigation to the glance painted (the dashboard as last drawn, before the data is read).
    glance: Vec<f64>,
    /// Times from navigation to the records read after the dashboard (`taawun:records`): from
    /// then on every page can open.
    records_read: Vec<f64>,
    baseline: Vec<f64>,
    save: Vec<f64>,
    edit: Vec<f64>,
    open_list: Vec<f64>,
    filter: Vec<f64>,
    next_page: Vec<f64>,
    scroll: Vec<f64>,
    js_heap: Option<u64>,
    baseline_heap: Option<u64>,
    wasm_memory: Option<u64>,
    estimate: Option<(u64, u64)>,
    /// The app's performance marks (`web/src/marks.rs`) and the probe's, by name: times from
    /// navigation at each step of the measured cold starts.
    steps: Vec<(String, Vec<f64>)>,
    /// What the app showed instead of the dashboard, when it did not open the data.
    problem: Option<String>,
    native_parse: Vec<f64>,
    native_import: Vec<f64>,
    native_validate: Vec<f64>,
    native_stats: Vec<f64>,
    export_bytes: u64,
}

fn fail(message: String) -> WebDriverError {
    WebDriverError::FatalError(message)
}

/// The values a save of `dataset` writes into an empty store, head included.
fn stored_values(dataset: &Dataset) -> Vec<(String, String)> {
    let parts = layout::parts_of(dataset);
    let plan = layout::plan_save(None, &parts, "bench000", Timestamp::from_millis(1_752_055_200_000).unwrap_or(Timestamp::EPOCH));
    let mut values = plan.writes;
    values.push((layout::HEAD_KEY.to_owned(), plan.head.to_value()));
    values.push(("taawun.lang".to_owned(), "fr".to_owned()));
    values.push(("taawun.user".to_owned(), "bench".to_owned()));
    values
}

fn time_native<T>(runs: usize, mut f: impl FnMut() -> T) -> Vec<f64> {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect()
}

fn native(size: &Size, runs: usize, measured: &mut Measured) {
    let bytes = document::export(&size.dataset);
    measured.export_bytes = bytes.len() as u64;
    measured.native_parse = time_native(runs, || serde_json::from_slice::<Value>(&bytes).map(|_| ()).ok());
    // A document import refuses (too large) is not timed: "—" in the table.
    if document::import(&bytes).is_ok() {
        measured.native_import = time_native(runs, || document::import(&bytes).map(|_| ()).ok());
    }
    measured.native_validate = time_native(runs, || size.dataset.validate().len());
    measured.native_stats = time_native(runs, || stats::compute(&size.dataset, &Filter::default()).projects_funded);
}

async fn number(driver: &WebDriver, script: &str, args: Vec<Value>) -> WebDriverResult<Option<f64>> {
    Ok(driver.execute(script, args).await?.json().as_f64())
}

/// Opens `page` and waits for the probe's `bench-painted` mark; returns its time from navigation.
async fn cold_start(driver: &WebDriver, url: &str) -> WebDriverResult<f64> {
    cold_start_and_glance(driver, url).await.map(|(ms, _)| ms)
}

/// [`cold_start`], with the time the glance (the dashboard as last drawn) was painted, if it was.
async fn cold_start_and_glance(driver: &WebDriver, url: &str) -> WebDriverResult<(f64, Option<f64>)> {
    driver.goto(url).await?;
    for _ in 0..1200 {
        if let Some(ms) = number(driver, "const e = performance.getEntriesByName('bench-painted'); return e.length ? e[0].startTime : null;", vec![]).await? {
            let glance = number(driver, "const e = performance.getEntriesByName('bench-glance'); return e.length ? e[0].startTime : null;", vec![]).await?;
            return Ok((ms, glance));
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let text = driver.execute("return document.body.innerText.slice(0, 300);", vec![]).await?;
    Err(fail(format!("{url}: no dashboard within 60 s; the page says {}", text.json())))
}

/// Waits for the app's `taawun:records` mark (the records read after the dashboard was drawn
/// from the outline) and gives its time from navigation; `None` if it never comes.
async fn records_read(driver: &WebDriver) -> WebDriverResult<Option<f64>> {
    for _ in 0..1200 {
        if let Some(ms) = number(driver, "const e = performance.getEntriesByName('taawun:records'); return e.length ? e[0].startTime : null;", vec![]).await? {
            return Ok(Some(ms));
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    Ok(None)
}

/// The steps of the cold start just measured: the app's marks, the probe's, and when the last
/// WebAssembly file fetched at start had arrived.
const STEPS: &str = "const steps = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('taawun:') || m.name.startsWith('bench-')).map((m) => [m.name, m.startTime]); \
  const wasm = performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.wasm')).map((r) => r.responseEnd); \
  if (wasm.length) steps.push(['wasm files arrived', Math.max(...wasm)]); return steps;";

async fn record_steps(driver: &WebDriver, measured: &mut Measured) -> WebDriverResult<()> {
    let steps = driver.execute(STEPS, vec![]).await?;
    for step in steps.json().as_array().into_iter().flatten() {
        let (Some(name), Some(ms)) = (step.get(0).and_then(Value::as_str), step.get(1).and_then(Value::as_f64)) else { continue };
        match measured.steps.iter_mut().find(|(known, _)| known == name) {
            Some((_, times)) => times.push(ms),
            None => measured.steps.push((name.to_owned(), vec![ms])),
        }
    }
    Ok(())
}

async fn heap(driver: &WebDriver) -> WebDriverResult<Option<u64>> {
    Ok(number(driver, "if (window.gc) gc(); return performance.memory ? performance.memory.usedJSHeapSize : null;", vec![]).await?.map(|v| v as u64))
}

async fn wait_for(driver: &WebDriver, css: &str) -> WebDriverResult<WebElement> {
    driver.query(By::Css(css)).wait(std::time::Duration::from_secs(60), std::time::Duration::from_millis(50)).first().await
}

async fn stored_revision(driver: &WebDriver) -> WebDriverResult<Option<f64>> {
    number(driver, "const h = localStorage.getItem('taawun.head'); return h ? JSON.parse(h).revision : null;", vec![]).await
}

async fn browser_runs(driver: &WebDriver, site: &str, size: &Size, runs: usize, start_only: bool, measured: &mut Measured) -> WebDriverResult<()> {
    let app = format!("{site}index.html");
    let baseline = format!("{site}bench/baseline.html");
    let values = stored_values(&size.dataset);
    measured.parts = values.len() - 3;
    measured.stored_chars = values.iter().map(|(k, v)| (k.encode_utf16().count() + v.encode_utf16().count()) as u64).sum();
    // Write the stored values from a page of the same origin that doesn't read them.
    driver.goto(format!("{site}bench/blank.html")).await?;
    let pairs: Vec<Value> = values.iter().map(|(k, v)| json!([k, v])).collect();
    driver
        .execute("localStorage.clear(); for (const [k, v] of arguments[0]) localStorage.setItem(k, v); return localStorage.length;", vec![Value::Array(pairs)])
        .await?;
    // One unmeasured visit of each, so both are measured with warm HTTP and compilation caches.
    let app_opens = cold_start(driver, &app).await.is_ok();
    cold_start(driver, &baseline).await?;
    if !app_opens {
        // Too large for the app: say what it shows instead, and measure the baseline alone.
        driver.goto(&app).await?;
        tokio::time::sleep(std::time::Duration::from_secs(20)).await;
        let shown = driver
            .execute(
                "const m = document.querySelector('main'); return (m ? m.innerText : document.body.innerText).replace(/\\s+/g, ' ').slice(0, 400);",
                vec![],
            )
            .await?;
        measured.problem = Some(shown.json().as_str().unwrap_or_default().to_owned());
        for _ in 0..runs {
            measured.baseline.push(cold_start(driver, &baseline).await?);
        }
        measured.baseline_heap = heap(driver).await?;
        return Ok(());
    }
    for _ in 0..runs {
        // Alternated, so a slow moment of the machine falls on both.
        let (cold, glance) = cold_start_and_glance(driver, &app).await?;
        measured.records_read.extend(records_read(driver).await?);
        record_steps(driver, measured).await?;
        measured.cold.push(cold);
        measured.glance.extend(glance);
        measured.baseline.push(cold_start(driver, &baseline).await?);
    }
    measured.baseline_heap = heap(driver).await?;
    if start_only {
        return Ok(());
    }
    cold_start(driver, &app).await?;
    measured.js_heap = heap(driver).await?;
    measured.wasm_memory = number(driver, "return window.__benchMemory ? window.__benchMemory.buffer.byteLength : null;", vec![]).await?.map(|v| v as u64);
    let estimate = driver.execute("return navigator.storage.estimate().then((e) => [e.usage, e.quota]);", vec![]).await?;
    measured.estimate = estimate.json().as_array().and_then(|a| Some((a.first()?.as_u64()?, a.get(1)?.as_u64()?)));

    // One edit: a cooperative's French name, saved; then back to the dashboard.
    let cooperatives: Vec<Id> = size.dataset.cooperatives().all().iter().map(|r| r.id).collect();
    for run in 0..runs {
        let id = cooperatives[(run * 7919) % cooperatives.len()];
        let before = stored_revision(driver).await?;
        driver.execute("location.hash = arguments[0];", vec![json!(format!("#/cooperatives/{id}/edit"))]).await?;
        let field = wait_for(driver, "#f-name_fr").await?;
        field.clear().await?;
        field.send_keys(format!("Coopérative modifiée {run} (fictive)")).await?;
        let times = driver
            .execute(
                "const t0 = performance.now(); document.getElementById('save').click(); const saved = performance.now() - t0; \
                 location.hash = '#/'; return window.__benchUntil('#headline', t0).then((total) => [saved, total]);",
                vec![],
            )
            .await?;
        let times: Vec<f64> = times.json().as_array().map(|a| a.iter().filter_map(Value::as_f64).collect()).unwrap_or_default();
        let after = stored_revision(driver).await?;
        if after.zip(before).is_none_or(|(a, b)| a <= b) || times.len() != 2 {
            return Err(fail(format!("{}: the edit was not saved (revision {before:?} → {after:?})", size.name)));
        }
        measured.save.push(times[0]);
        measured.edit.push(times[1]);
    }

    // The list of cooperatives: opening it, filtering, the next page, scrolling to its end.
    for run in 0..runs {
        driver.execute("location.hash = '#/';", vec![]).await?;
        wait_for(driver, "#headline").await?;
        let open =
            number(driver, "const t0 = performance.now(); location.hash = '#/cooperatives'; return window.__benchUntil('#cooperatives li', t0);", vec![])
                .await?;
        measured.open_list.extend(open);
        let query = format!("n° {}", 1 + run * 3);
        let filter = number(
            driver,
            "const t0 = performance.now(); const input = document.getElementById('search'); input.value = arguments[0]; \
             input.dispatchEvent(new Event('input', { bubbles: true })); return window.__benchNext(t0);",
            vec![json!(query)],
        )
        .await?;
        measured.filter.extend(filter);
        let clear = "const input = document.getElementById('search'); input.value = ''; input.dispatchEvent(new Event('input', { bubbles: true })); return window.__benchNext(0);";
        driver.execute(clear, vec![]).await?;
        // -1: no next page (a list of one page). Timed until the pager says the next page is
        // shown (`#page-status` changed), then the frame after it painted.
        let next = number(
            driver,
            "const next = document.getElementById('page-next'); if (!next || next.disabled) return -1; \
             const status = () => { const s = document.getElementById('page-status'); return s ? s.textContent : ''; }; \
             const before = status(); const t0 = performance.now(); next.click(); \
             return new Promise((done) => { \
               const check = () => { if (status() === before) return false; observer.disconnect(); window.__benchNext(t0).then(done); return true; }; \
               const observer = new MutationObserver(check); \
               if (!check()) observer.observe(document, { childList: true, subtree: true, characterData: true }); });",
            vec![],
        )
        .await?
        .filter(|ms| *ms >= 0.0);
        if next.is_none() {
            continue;
        }
        measured.next_page.extend(next);
        let scroll =
            number(driver, "const t0 = performance.now(); window.scrollTo(0, document.body.scrollHeight); return window.__benchNext(t0);", vec![]).await?;
        measured.scroll.extend(scroll);
    }
    Ok(())
}

/// The site served for the bench: the built app and, beside it, the baseline and a blank page.
fn bench_site(dist: &Path, out: &Path) -> std::io::Result<()> {
    if out.exists() {
        std::fs::remove_dir_all(out)?;
    }
    copy_dir(dist, out)?;
    let bench = out.join("bench");
    std::fs::create_dir_all(&bench)?;
    std::fs::write(bench.join("baseline.html"), include_str!("baseline.html"))?;
    std::fs::write(bench.join("baseline.js"), include_str!("baseline.js"))?;
    std::fs::write(bench.join("blank.html"), "<!doctype html><title>bench</title>")?;
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()))?;
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

/// The files of the build a browser downloads: the start (page, glue, part loader, main wasm) and
/// what is fetched on first use (the lazy parts in `pkg/`, the spreadsheet module in `sheets/`).
fn shipped(dist: &Path) -> Vec<Vec<String>> {
    let start = ["index.html", "main.js", "style.css", "pkg/taawun_web.js", "pkg/__wasm_split.js", "pkg/taawun_web_bg.wasm"];
    let mut rows = Vec::new();
    let mut totals = (0, 0);
    let mut code = (0, 0);
    for file in start {
        let path = dist.join(file);
        let raw = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let gz = gzip_size(&path).unwrap_or(0);
        totals = (totals.0 + raw, totals.1 + gz);
        if file.ends_with(".js") || file.ends_with(".wasm") {
            code = (code.0 + raw, code.1 + gz);
        }
        rows.push(vec![format!("start: {file}"), bytes(raw), bytes(gz)]);
    }
    rows.push(vec!["**start bundle: scripts and wasm** (CI's budget, `cargo xtask test`)".into(), bytes(code.0), bytes(code.1)]);
    rows.push(vec!["**start, with the page and its style sheet**".into(), bytes(totals.0), bytes(totals.1)]);
    let mut lazy: Vec<PathBuf> = walk(&dist.join("pkg"))
        .into_iter()
        .chain(walk(&dist.join("sheets")))
        .filter(|p| !start.iter().any(|s| p.ends_with(s)))
        .filter(|p| p.extension().is_some_and(|e| e == "wasm" || e == "js"))
        .collect();
    lazy.sort();
    for path in lazy {
        let raw = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let name = path.strip_prefix(dist).unwrap_or(&path).display().to_string();
        rows.push(vec![format!("lazy: {name}"), bytes(raw), bytes(gzip_size(&path).unwrap_or(0))]);
    }
    rows
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries.flatten().flat_map(|e| if e.path().is_dir() { walk(&e.path()) } else { vec![e.path()] }).collect()
}

fn report(sizes: &[(&str, Measured)], shipped: &[Vec<String>], runs: usize) -> String {
    let m = |v: &[f64]| median(v);
    let mut out = String::new();
    let machine = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| c.lines().find(|l| l.starts_with("model name")).map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned()))
        .unwrap_or_default();
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    out.push_str(&format!("Medians of {runs} runs; {machine}, {cores} cores; headless Chromium.\n\n"));
    out.push_str("### In the browser\n\n");
    let headers: Vec<&str> = std::iter::once("").chain(sizes.iter().map(|(name, _)| *name)).collect();
    let row =
        |label: &str, f: &dyn Fn(&Measured) -> String| -> Vec<String> { std::iter::once(label.to_owned()).chain(sizes.iter().map(|(_, s)| f(s))).collect() };
    let first = sizes.first().map(|(_, s)| m(&s.edit)).unwrap_or(None);
    let rows = vec![
        row("records (cooperatives + projects + visits)", &|s| s.records.to_string()),
        row("cold start → last dashboard shown (the glance, before the data is read)", &|s| millis(m(&s.glance))),
        row("cold start → dashboard painted (app)", &|s| millis(m(&s.cold))),
        row("cold start → table painted (vanilla JS baseline)", &|s| millis(m(&s.baseline))),
        row("app ÷ baseline", &|s| ratio(m(&s.cold), m(&s.baseline))),
        row("cold start → records read after the dashboard (every page ready)", &|s| millis(m(&s.records_read))),
        row("edit: save (apply + storage)", &|s| millis(m(&s.save))),
        row("edit: save + dashboard painted", &|s| millis(m(&s.edit))),
        row("edit ÷ edit at the prefecture", &|s| ratio(m(&s.edit), first)),
        row("open the cooperatives list", &|s| millis(m(&s.open_list))),
        row("filter the list (search, to paint)", &|s| millis(m(&s.filter))),
        row("next page of the list", &|s| millis(m(&s.next_page))),
        row("scroll to the end of the page", &|s| millis(m(&s.scroll))),
        row("JS heap after load (app)", &|s| s.js_heap.map(bytes).unwrap_or("—".into())),
        row("JS heap after load (baseline)", &|s| s.baseline_heap.map(bytes).unwrap_or("—".into())),
        row("wasm memory after load", &|s| s.wasm_memory.map(bytes).unwrap_or("—".into())),
        row("stored (UTF-16 code units, keys + values)", &|s| format!("{} in {} parts", s.stored_chars, s.parts)),
        row("stored bytes per record (UTF-16)", &|s| {
            if s.records == 0 { "—".into() } else { format!("{:.1}", s.stored_chars as f64 * 2.0 / s.records as f64) }
        }),
        row("share of a 5 M-character quota", &|s| percent(s.stored_chars, QUOTA_CHARS)),
        row("… with one backup copy", &|s| percent(s.stored_chars * 2, QUOTA_CHARS)),
        row("navigator.storage.estimate (usage / quota)", &|s| s.estimate.map(|(u, q)| format!("{} / {}", bytes(u), bytes(q))).unwrap_or("—".into())),
    ];
    out.push_str(&table(&headers, &rows));
    for (name, s) in sizes {
        if let Some(problem) = &s.problem {
            out.push_str(&format!("\nAt {name} the app did not open the data; it showed: “{problem}”\n"));
        }
    }
    out.push_str("\n### Where the app's cold start goes\n\nMedian time from navigation to each step (`web/src/marks.rs`; `bench-` marks are the probe's).\n\n");
    let mut names: Vec<&str> = Vec::new();
    for (_, s) in sizes {
        for (name, _) in &s.steps {
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
    }
    let step_of = |s: &Measured, name: &str| s.steps.iter().find(|(known, _)| known == name).and_then(|(_, times)| m(times));
    names.sort_by(|a, b| {
        let at = |name: &str| sizes.last().and_then(|(_, s)| step_of(s, name)).unwrap_or(f64::MAX);
        at(a).total_cmp(&at(b))
    });
    let rows: Vec<Vec<String>> = names.iter().map(|name| row(name, &|s| millis(step_of(s, name)))).collect();
    out.push_str(&table(&headers, &rows));
    out.push_str("\n### Natively (release build)\n\n");
    let rows = vec![
        row("exported JSON", &|s| bytes(s.export_bytes)),
        row("serde_json::from_slice::<Value>", &|s| millis(m(&s.native_parse))),
        row("document::import (parse + validate)", &|s| millis(m(&s.native_import))),
        row("import ÷ plain parse", &|s| ratio(m(&s.native_import), m(&s.native_parse))),
        row("Dataset::validate", &|s| millis(m(&s.native_validate))),
        row("stats::compute", &|s| millis(m(&s.native_stats))),
    ];
    out.push_str(&table(&headers, &rows));
    out.push_str("\n### Shipped bytes\n\n");
    out.push_str(&table(&["file", "raw", "gzip -9"], shipped));
    out
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = args.iter().any(|a| a == "--quick");
    // `--start N`: only the cold starts (app and baseline), N runs at region scale: to follow
    // one change to the start closely.
    let start_only: Option<usize> = args.iter().position(|a| a == "--start").and_then(|at| args.get(at + 1)).and_then(|n| n.parse().ok());
    let runs = start_only.unwrap_or(if quick { 3 } else { 5 });
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let dist = std::env::var_os("TAAWUN_DIST").map(PathBuf::from).unwrap_or_else(|| root.join("dist"));
    let out_dir = root.join("target/bench");
    let site_dir = out_dir.join("site");
    if let Err(e) = bench_site(&dist, &site_dir) {
        eprintln!("bench: cannot prepare the site from {}: {e}", dist.display());
        std::process::exit(1);
    }
    let server = match xtask::serve::start(&site_dir, 0, "/") {
        Ok(server) => server,
        Err(e) => {
            eprintln!("bench: cannot serve the site: {e}");
            std::process::exit(1);
        }
    };
    let site = server.url();
    let site = if site.ends_with('/') { site } else { format!("{site}/") };

    let mut sizes = vec![Size { name: "prefecture", dataset: demo::dataset() }, Size { name: "region", dataset: scale::generate(scale::Size::REGION, SEED) }];
    if start_only.is_some() {
        sizes.remove(0);
    } else if !quick {
        sizes.push(Size { name: "4× region", dataset: scale::generate(scale::Size::regions(4), SEED) });
    }

    let webdriver = std::env::var("TAAWUN_WEBDRIVER").unwrap_or_else(|_| "http://127.0.0.1:9515".into());
    let mut results = Vec::new();
    let mut failure = None;
    for size in &sizes {
        let mut measured = Measured {
            records: (size.dataset.cooperatives().len() + size.dataset.projects().len() + size.dataset.visits().len()) as u64,
            ..Measured::default()
        };
        eprintln!("bench: {} ({} records)", size.name, measured.records);
        native(size, runs, &mut measured);
        // A fresh browser per size: a fresh profile, nothing cached from the smaller size.
        let outcome = async {
            let mut caps = DesiredCapabilities::chrome();
            if let Ok(binary) = std::env::var("TAAWUN_CHROMIUM") {
                caps.set_binary(&binary)?;
            }
            // Beyond the tests' arguments: exact heap figures, and a garbage collection on demand.
            for arg in xtask::chromium::HEADLESS_ARGS.iter().chain(&["--enable-precise-memory-info", "--js-flags=--expose-gc"]) {
                caps.add_arg(arg)?;
            }
            let driver = WebDriver::new(&webdriver, caps).await?;
            let result = async {
                driver.cdp().send_raw("Page.enable", json!({})).await?;
                // The service worker would answer for the baseline's files, which aren't in the
                // build it caches; both pages are loaded from the local server instead.
                driver.cdp().send_raw("Network.enable", json!({})).await?;
                driver.cdp().send_raw("Network.setBypassServiceWorker", json!({ "bypass": true })).await?;
                driver.cdp().send_raw("Page.addScriptToEvaluateOnNewDocument", json!({ "source": PROBE })).await?;
                browser_runs(&driver, &site, size, runs, start_only.is_some(), &mut measured).await
            }
            .await;
            let _ = driver.quit().await;
            result
        }
        .await;
        if let Err(e) = outcome {
            eprintln!("bench: {}: {e}", size.name);
            failure = Some(format!("{}: {e}", size.name));
        }
        results.push((size.name, measured));
    }
    let text = report(&results, &shipped(&dist), runs);
    println!("{text}");
    let _ = std::fs::create_dir_all(&out_dir);
    let file = out_dir.join("latest.md");
    match std::fs::write(&file, &text) {
        Ok(()) => eprintln!("bench: written to {}", file.display()),
        Err(e) => eprintln!("bench: cannot write {}: {e}", file.display()),
    }
    drop(server);
    if let Some(failure) = failure {
        eprintln!("bench: a size failed: {failure}");
        std::process::exit(1);
    }
}
