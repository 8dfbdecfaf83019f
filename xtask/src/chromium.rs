//! How the end-to-end tests and the benchmark start headless Chromium: the arguments every
//! session gets, in one place so that what is measured runs as what is tested.

/// Headless, no sandbox (CI runs as root in a container), no GPU, `/tmp` rather than a small
/// `/dev/shm`, and nothing that would reach the network on its own (QUIC, first-run pages,
/// background fetches, component updates, sync): CI machines reach only package registries.
/// A 1024 × 768 window, a tablet in landscape.
pub const HEADLESS_ARGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1024,768",
];
