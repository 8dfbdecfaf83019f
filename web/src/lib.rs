//! Taawun's browser app: mounts the leptos UI, which renders what `taawun-core` decides.

mod app;
mod charts;
mod components;
mod download;
mod i18n;
mod open_data;
mod lazy;
mod pages;
mod photo;
mod route;
mod safety;
mod sheets;
mod state;
mod upload;
mod storage;

use wasm_bindgen::prelude::wasm_bindgen;

/// Entry point called by the wasm-bindgen glue when the module is instantiated.
#[wasm_bindgen(start)]
pub fn start() {
    // A panic aborts the module (`panic = "abort"`); say why in the console first.
    std::panic::set_hook(Box::new(|info| web_sys::console::error_1(&info.to_string().into())));
    leptos::mount::mount_to_body(app::App);
}
