//! The end-to-end test binary: every module drives the built site in headless Chromium.

mod accessibility;
mod browser;
mod dashboard;
mod data;
mod flows;
mod hostile;
mod language;
mod lazy;
mod offline;
mod projects;
mod reliability;
mod screenshots;
mod search;
mod settings;
mod skeleton;
mod tablet;
