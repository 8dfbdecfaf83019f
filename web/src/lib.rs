//! Taawun's browser app: mounts the leptos UI, which renders what `taawun-core` decides.

mod app;
mod charts;
mod components;
mod download;
mod glance;
mod i18n;
mod lazy;
mod marks;
mod open_data;
mod pages;
mod photo;
mod reading;
mod route;
mod safety;
mod sheets;
mod state;
mod storage;
mod upload;

use wasm_bindgen::prelude::wasm_bindgen;

/// Entry point called by the wasm-bindgen glue when the module is instantiated.
#[wasm_bindgen(start)]
pub fn start() {
    // A panic aborts the module (`panic = "abort"`); say why in the console first.
    std::panic::set_hook(Box::new(|info| web_sys::console::error_1(&info.to_string().into())));
    marks::mark("taawun:start");
    // The home page as last drawn, shown while the app reads the stored data (`glance`): the app
    // starts after the next frame, so that the browser paints the glance first.
    if glance::paint(storage::load_lang()).is_some() {
        leptos::prelude::request_animation_frame(|| leptos::prelude::set_timeout(open_app, std::time::Duration::ZERO));
    } else {
        open_app();
    }
}

/// Reads the dashboard's outline of the stored data and mounts the app at once, its records read
/// next in the background; without an outline, reads the records first (waiting for the code
/// that reads them), then mounts. The glance makes way for the app in the same task.
fn open_app() {
    marks::mark("taawun:read");
    match storage::read_start() {
        storage::Opening::Outline(outline, later) => mount(state::Opened::Outline(outline, later)),
        storage::Opening::Read(storage::Reading::Done(outcome)) => mount(state::Opened::Read(outcome)),
        storage::Opening::Read(storage::Reading::Later(later)) => wasm_bindgen_futures::spawn_local(async move {
            let outcome = later.finish().await;
            marks::mark("taawun:records");
            mount(state::Opened::Read(outcome))
        }),
    }
}

fn mount(opened: state::Opened) {
    marks::mark("taawun:mount");
    state::hand_over(opened);
    glance::clear();
    leptos::mount::mount_to_body(app::App);
    marks::mark("taawun:mounted");
}
