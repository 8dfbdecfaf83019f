//! The release bundle: builds the web crate, splits its module at the lazy points, runs
//! wasm-bindgen and wasm-opt on every part, and says which files the browser needs at start.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::toolchain::Tools;

/// The wasm-bindgen glue's name; the main module is `{GLUE}_bg.wasm`.
pub const GLUE: &str = "taawun_web";
/// The loader wasm-split writes: it fetches a lazy part on first use (imported by the glue).
pub const SPLIT_LOADER: &str = "__wasm_split.js";

/// wasm-opt's options (see shared/toolchain.md: the features must be named or validation fails).
/// wasm-pack is not used: the module must be split between cargo and wasm-bindgen.
const WASM_OPT: [&str; 8] = [
    "-Oz",
    "--quiet",
    "--enable-bulk-memory",
    "--enable-sign-ext",
    "--enable-nontrapping-float-to-int",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// The built bundle: every file of `pkg/`, and the lazy parts by the split point that needs them.
pub struct Bundle {
    pub dir: PathBuf,
    /// The main module, its glue and the loader: what every page needs.
    pub start: Vec<PathBuf>,
    /// Each lazy part (`split_*.wasm`, `chunk_*.wasm`), fetched on first use only.
    pub lazy: Vec<PathBuf>,
    /// For each split point (the function's module name), the parts its first call fetches.
    pub fetched_by: Vec<(String, Vec<String>)>,
}

/// Builds the release bundle into `root/target/pkg`.
pub fn build(root: &Path, tools: &Tools) -> Result<Bundle, String> {
    let status = Command::new("cargo")
        .current_dir(root)
        .args(["build", "--release", "--target", "wasm32-unknown-unknown", "--package", "taawun-web"])
        .env("PATH", tools.path_with_tools())
        .status()
        .map_err(|e| format!("cannot run cargo build: {e}"))?;
    if !status.success() {
        return Err("cargo build of taawun-web failed".into());
    }
    let linked = root.join("target/wasm32-unknown-unknown/release").join(format!("{GLUE}.wasm"));
    let split_dir = root.join("target/split");
    let pkg = root.join("target/pkg");
    for dir in [&split_dir, &pkg] {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
        }
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }

    // 1. Split at the lazy points, with the relocations `--emit-relocs` kept (.cargo/config.toml).
    let input = std::fs::read(&linked).map_err(|e| format!("cannot read {}: {e}", linked.display()))?;
    let main_module = split_dir.join("main.wasm");
    let main_glue = format!("./{GLUE}.js");
    let split = wasm_split_cli_support::transform({
        let mut options = wasm_split_cli_support::Options::new(&input);
        options.output_dir = &split_dir;
        options.main_out_path = &main_module;
        options.main_module = &main_glue;
        options.link_name = "./__wasm_split.js";
        options
    })
    .map_err(|e| format!("wasm-split failed on {}: {e:?}", linked.display()))?;

    // 2. wasm-bindgen on the main part; `--keep-lld-exports` keeps what the lazy parts import.
    let status = Command::new("wasm-bindgen")
        .args(["--target", "web", "--keep-lld-exports", "--no-typescript", "--out-name", GLUE, "--out-dir"])
        .arg(&pkg)
        .arg(&main_module)
        .env("PATH", tools.path_with_tools())
        .status()
        .map_err(|e| format!("cannot run wasm-bindgen: {e}"))?;
    if !status.success() {
        return Err("wasm-bindgen failed".into());
    }

    // 3. wasm-opt on every part; the lazy parts and the loader go next to the glue.
    let main_wasm = pkg.join(format!("{GLUE}_bg.wasm"));
    optimise(tools, &main_wasm, &main_wasm)?;
    let mut lazy: Vec<PathBuf> = Vec::new();
    for part in &split.split_modules {
        lazy.push(pkg.join(part.file_name().ok_or("a split part has no file name")?));
    }
    // npm's wasm-opt is a Node script that takes a second or two to start: two at a time.
    let jobs: Vec<(&PathBuf, &PathBuf)> = split.split_modules.iter().zip(&lazy).collect();
    let (first, second) = jobs.split_at(jobs.len() / 2);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| second.iter().try_for_each(|(from, to)| optimise(tools, from, to)));
        let mine = first.iter().try_for_each(|(from, to)| optimise(tools, from, to));
        mine.and(other.join().unwrap_or_else(|_| Err("wasm-opt worker panicked".into())))
    })?;
    lazy.sort();
    let loader = pkg.join(SPLIT_LOADER);
    std::fs::copy(split_dir.join(SPLIT_LOADER), &loader).map_err(|e| format!("cannot copy {SPLIT_LOADER}: {e}"))?;
    // 4. The glue and the loader minified: they are fetched at start.
    let glue = pkg.join(format!("{GLUE}.js"));
    for script in [&glue, &loader] {
        minify(tools, script)?;
    }
    let mut fetched_by: Vec<(String, Vec<String>)> = split
        .prefetch_map
        .into_iter()
        .map(|(split, mut files)| {
            files.sort();
            (split, files.into_iter().map(|f| format!("{f}.wasm")).collect())
        })
        .collect();
    fetched_by.sort();
    Ok(Bundle { start: vec![main_wasm, glue, loader], lazy, fetched_by, dir: pkg })
}

/// Minifies an ES module in place with terser (compressed, local names shortened; exports and
/// property names, which the wasm module's imports use, are kept).
fn minify(tools: &Tools, script: &Path) -> Result<(), String> {
    run_tool(tools, Command::new("terser").arg(script).args(["--module", "--compress", "--mangle", "--output"]).arg(script), script)
}

/// Minifies a style sheet in place with csso (comments, spaces, merged rules; the cascade kept).
pub fn minify_css(tools: &Tools, sheet: &Path) -> Result<(), String> {
    run_tool(tools, Command::new("csso").arg(sheet).arg("--output").arg(sheet), sheet)
}

fn optimise(tools: &Tools, from: &Path, to: &Path) -> Result<(), String> {
    run_tool(tools, Command::new("wasm-opt").args(WASM_OPT).arg(from).arg("-o").arg(to), from)
}

/// Runs a tool of the set-up on `file`, with the set-up's tools first on PATH.
fn run_tool(tools: &Tools, command: &mut Command, file: &Path) -> Result<(), String> {
    let program = command.get_program().to_string_lossy().into_owned();
    let status = command.env("PATH", tools.path_with_tools()).status().map_err(|e| format!("cannot run {program}: {e}"))?;
    if !status.success() {
        return Err(format!("{program} failed on {}", file.display()));
    }
    Ok(())
}
