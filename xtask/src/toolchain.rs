//! Installs what the build and the tests need from the package registries only, and runs test layers.

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// wasm-pack is not in Cargo.lock, so its version is pinned here.
const WASM_PACK_VERSION: &str = "0.15.1";
/// npm's binaryen; Debian's (108) produces modules that break at run time with this wasm-bindgen.
const BINARYEN_VERSION: &str = "132";
/// terser, which minifies the JavaScript the browser fetches at start (the wasm-bindgen glue and
/// the lazy-part loader: 4 KB less gzipped), installed from npm like binaryen.
const TERSER_VERSION: &str = "5.51.4";
/// csso-cli, which minifies the style sheet (1 KB less gzipped), installed from npm like terser;
/// its `--version` prints the version of csso it runs.
const CSSO_CLI_VERSION: &str = "4.0.2";
const CSSO_VERSION: &str = "5.0.5";
/// npm's axe-core, injected into pages by the accessibility end-to-end test.
const AXE_VERSION: &str = "4.14.1";

/// Where the installed tools are.
pub struct Tools {
    pub wasm_pack: PathBuf,
    /// Folders put first on PATH for the build (cargo's bin folder, binaryen's wasm-opt).
    pub bin_dirs: Vec<PathBuf>,
    pub chromium: Option<PathBuf>,
    pub chromedriver: Option<PathBuf>,
    /// axe-core's script, installed with the browser.
    pub axe: Option<PathBuf>,
}

impl Tools {
    /// PATH with the tools' folders first.
    pub fn path_with_tools(&self) -> std::ffi::OsString {
        let mut dirs = self.bin_dirs.clone();
        if let Some(path) = std::env::var_os("PATH") {
            dirs.extend(std::env::split_paths(&path));
        }
        std::env::join_paths(dirs).unwrap_or_default()
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

fn cargo_bin() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"));
    home.join("bin")
}

/// The first line a tool prints for `--version`, if it runs.
/// Installs `package@version` from npm into `.tools/<package>` unless `program` there already
/// says that version, checks that it runs, and returns the folder holding it.
fn npm_tool(root: &Path, package: &str, version: &str, program: &str) -> Result<PathBuf, String> {
    npm_tool_showing(root, package, version, program, version)
}

/// [`npm_tool`], for a program whose `--version` prints `shows` rather than its package's version.
fn npm_tool_showing(root: &Path, package: &str, version: &str, program: &str, shows: &str) -> Result<PathBuf, String> {
    let prefix = root.join(".tools").join(package);
    let dir = prefix.join("node_modules/.bin");
    if version_of(&dir.join(program)).is_none_or(|v| !v.contains(shows)) {
        std::fs::create_dir_all(&prefix).map_err(|e| format!("cannot create {}: {e}", prefix.display()))?;
        run(
            &format!("installing {program} (npm {package}@{version})"),
            Command::new("npm").args(["install", "--no-audit", "--no-fund", "--prefix"]).arg(&prefix).arg(format!("{package}@{version}")),
        )?;
    }
    if version_of(&dir.join(program)).is_none() {
        return Err(format!("{program} does not run after installing npm {package}"));
    }
    Ok(dir)
}

fn version_of(program: &Path) -> Option<String> {
    let output = Command::new(program).arg("--version").stderr(Stdio::null()).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).lines().next().unwrap_or("").to_owned())
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file())
}

fn run(description: &str, command: &mut Command) -> Result<(), String> {
    println!("set-up: {description}");
    let status = command.status().map_err(|e| format!("{description}: cannot start: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("{description}: failed ({status})")) }
}

/// The version of the `wasm-bindgen` crate recorded in Cargo.lock.
pub fn locked_wasm_bindgen_version(lock: &str) -> Option<String> {
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            let version = lines.next()?.trim();
            return version.strip_prefix("version = \"")?.strip_suffix('"').map(str::to_owned);
        }
    }
    None
}

/// Installs whatever is missing; quick when everything is there. With `browser`, Chromium too.
pub fn setup(browser: bool) -> Result<Tools, String> {
    let root = workspace_root();
    let bin = cargo_bin();

    let targets = Command::new("rustup").args(["target", "list", "--installed"]).output().map_err(|e| format!("cannot run rustup: {e}"))?;
    if !String::from_utf8_lossy(&targets.stdout).lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        run("adding the wasm32-unknown-unknown target", Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    // rustfmt, for the tidy test that the code is formatted (most toolchains have it already).
    let components = Command::new("rustup").args(["component", "list", "--installed"]).output().map_err(|e| format!("cannot run rustup: {e}"))?;
    if !String::from_utf8_lossy(&components.stdout).lines().any(|l| l.trim().starts_with("rustfmt")) {
        run("adding rustfmt", Command::new("rustup").args(["component", "add", "rustfmt"]))?;
    }

    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let bindgen = locked_wasm_bindgen_version(&lock).ok_or("Cargo.lock records no wasm-bindgen version")?;
    if version_of(&bin.join("wasm-bindgen")).as_deref() != Some(&format!("wasm-bindgen {bindgen}")) {
        // Not --locked: the CLI's own lockfile pins a webpki-roots release the registry mirror lacks.
        run(
            &format!("installing wasm-bindgen-cli {bindgen} (the Cargo.lock version)"),
            Command::new("cargo").args(["install", "wasm-bindgen-cli", "--force", "--version", &bindgen]),
        )?;
    }

    let wasm_pack = bin.join("wasm-pack");
    if version_of(&wasm_pack).as_deref() != Some(&format!("wasm-pack {WASM_PACK_VERSION}")) {
        run(
            &format!("installing wasm-pack {WASM_PACK_VERSION}"),
            Command::new("cargo").args(["install", "wasm-pack", "--locked", "--force", "--version", WASM_PACK_VERSION]),
        )?;
    }

    let wasm_opt_dir = npm_tool(&root, "binaryen", BINARYEN_VERSION, "wasm-opt")?;
    let terser_dir = npm_tool(&root, "terser", TERSER_VERSION, "terser")?;
    let csso_dir = npm_tool_showing(&root, "csso-cli", CSSO_CLI_VERSION, "csso", CSSO_VERSION)?;

    // The tidy test reads `cargo metadata --offline`, which needs every locked crate, including
    // those only other platforms build (a build downloads only the host's); quick once fetched.
    run("fetching the locked crates for every platform", Command::new("cargo").args(["fetch", "--locked"]).current_dir(&root))?;

    // The core tests validate the IATI export against the official XSD with xmllint; they fail,
    // rather than skip, when it is missing, so it is installed here like the other tools.
    if find_on_path("xmllint").is_none() {
        run("updating Debian's package lists", Command::new("apt-get").args(["update", "-qq"]))?;
        run("installing xmllint (libxml2-utils)", Command::new("apt-get").args(["install", "-y", "-qq", "libxml2-utils"]))?;
    }
    let xmllint = find_on_path("xmllint").ok_or("xmllint is not installed after installing libxml2-utils")?;
    version_of(&xmllint).ok_or("xmllint does not start")?;

    let (mut chromium, mut chromedriver) = (find_on_path("chromium"), find_on_path("chromedriver"));
    if browser && (chromium.is_none() || chromedriver.is_none()) {
        run("updating Debian's package lists", Command::new("apt-get").args(["update", "-qq"]))?;
        run("installing Chromium and ChromeDriver", Command::new("apt-get").args(["install", "-y", "-qq", "chromium", "chromium-driver"]))?;
        chromium = find_on_path("chromium");
        chromedriver = find_on_path("chromedriver");
    }
    // The report's end-to-end test reads the PDFs Chromium prints with poppler's `pdftotext`.
    if browser && find_on_path("pdftotext").is_none() {
        run("updating Debian's package lists", Command::new("apt-get").args(["update", "-qq"]))?;
        run("installing pdftotext (poppler-utils)", Command::new("apt-get").args(["install", "-y", "-qq", "poppler-utils"]))?;
    }
    if browser {
        let pdftotext = find_on_path("pdftotext").ok_or("pdftotext is not installed after installing poppler-utils")?;
        // `pdftotext` knows `-v`, not `--version` (it prints its version on stderr).
        let starts = Command::new(&pdftotext).arg("-v").stdout(Stdio::null()).stderr(Stdio::null()).status();
        if !starts.is_ok_and(|status| status.success()) {
            return Err("pdftotext does not start".into());
        }
    }
    let axe_dir = root.join(".tools/axe");
    let axe_script = axe_dir.join("node_modules/axe-core/axe.min.js");
    let axe_installed =
        std::fs::read_to_string(axe_dir.join("node_modules/axe-core/package.json")).is_ok_and(|p| p.contains(&format!("\"version\": \"{AXE_VERSION}\"")));
    if browser && !axe_installed {
        std::fs::create_dir_all(&axe_dir).map_err(|e| format!("cannot create {}: {e}", axe_dir.display()))?;
        run(
            &format!("installing axe-core {AXE_VERSION} (npm)"),
            Command::new("npm").args(["install", "--no-audit", "--no-fund", "--prefix"]).arg(&axe_dir).arg(format!("axe-core@{AXE_VERSION}")),
        )?;
    }
    if browser {
        let chromium_path = chromium.as_ref().ok_or("chromium is not installed")?;
        let driver_path = chromedriver.as_ref().ok_or("chromedriver is not installed")?;
        version_of(driver_path).ok_or("chromedriver does not start")?;
        version_of(chromium_path).ok_or("chromium does not start")?;
    }

    Ok(Tools { wasm_pack, bin_dirs: vec![wasm_opt_dir, terser_dir, csso_dir, bin], chromium, chromedriver, axe: axe_script.is_file().then_some(axe_script) })
}

/// What one test layer did.
pub struct Layer {
    pub name: &'static str,
    pub passed: usize,
    pub failed: usize,
    pub seconds: f64,
    pub success: bool,
}

/// Adds up the `test result:` lines that cargo's harness and wasm-bindgen-test-runner print.
pub fn count_results(output: &str) -> (usize, usize) {
    let mut totals = (0, 0);
    for line in output.lines() {
        let Some(rest) = line.trim().strip_prefix("test result: ") else {
            continue;
        };
        for part in rest.split([';', '.']) {
            let mut words = part.split_whitespace();
            if let (Some(n), Some(what)) = (words.next(), words.next()) {
                match (n.parse::<usize>(), what) {
                    (Ok(n), "passed") => totals.0 += n,
                    (Ok(n), "failed") => totals.1 += n,
                    _ => {}
                }
            }
        }
    }
    totals
}

/// Runs one layer in its own process group, echoing and counting its output, killed at the timeout.
pub fn run_layer(name: &'static str, timeout: Duration, command: &mut Command) -> Result<Layer, String> {
    println!("\n=== layer {name} ===");
    let started = Instant::now();
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).process_group(0).spawn().map_err(|e| format!("{name}: cannot start: {e}"))?;
    let captured = Arc::new(Mutex::new(String::new()));
    let mut readers = Vec::new();
    for stream in
        [child.stdout.take().map(|s| Box::new(s) as Box<dyn std::io::Read + Send>), child.stderr.take().map(|s| Box::new(s) as Box<dyn std::io::Read + Send>)]
            .into_iter()
            .flatten()
    {
        let captured = Arc::clone(&captured);
        readers.push(std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                println!("{line}");
                if let Ok(mut text) = captured.lock() {
                    text.push_str(&line);
                    text.push('\n');
                }
            }
        }));
    }
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() > timeout => {
                kill_group(&child);
                let _ = child.wait();
                println!("{name}: timed out after {}s", timeout.as_secs());
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => return Err(format!("{name}: {e}")),
        }
    };
    for reader in readers {
        let _ = reader.join();
    }
    let text = captured.lock().map(|t| t.clone()).unwrap_or_default();
    let (passed, failed) = count_results(&text);
    let seconds = started.elapsed().as_secs_f64();
    println!("=== layer {name}: {passed} passed, {failed} failed in {seconds:.1}s ===");
    Ok(Layer { name, passed, failed, seconds, success: status.is_some_and(|s| s.success()) && failed == 0 })
}

fn kill_group(child: &Child) {
    let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", child.id())]).status();
}

/// One ChromeDriver for the whole end-to-end binary, stopped with its browsers by process group.
pub struct Chromedriver {
    child: Child,
    port: u16,
}

impl Chromedriver {
    pub fn start(program: &Path) -> Result<Chromedriver, String> {
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map_err(|e| format!("no free port: {e}"))?.port();
        let child = Command::new(program)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot start chromedriver: {e}"))?;
        let driver = Chromedriver { child, port };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err("chromedriver did not start listening within 20 s".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(driver)
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", "--", &format!("-{}", self.child.id())]).status();
        std::thread::sleep(Duration::from_millis(300));
        kill_group(&self.child);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_results_are_added_up_across_binaries() {
        let output = "test result: ok. 12 passed; 0 failed; 0 ignored\nnoise\ntest result: FAILED. 3 passed; 2 failed; 0 ignored; 0 measured";
        assert_eq!(count_results(output), (15, 2));
    }

    #[test]
    fn the_locked_wasm_bindgen_version_is_read_from_the_lockfile() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"9.9.9\"\n\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(locked_wasm_bindgen_version(lock).as_deref(), Some("0.2.130"));
    }
}
