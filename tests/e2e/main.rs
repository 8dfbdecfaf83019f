//! The end-to-end test binary: every module drives the built site in headless Chromium.

mod browser;
mod dashboard;
mod skeleton;
