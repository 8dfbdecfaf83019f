//! The end-to-end test binary: every module drives the built site in headless Chromium.

mod accessibility;
mod browser;
mod dashboard;
mod data;
mod flows;
mod glance;
mod hostile;
mod language;
mod lazy;
mod meetings;
mod merge;
mod offline;
mod open_data;
// The open-data checks core's tests run on the same exports.
#[path = "../../core/tests/support/open_data_checks.rs"]
mod open_data_checks;
mod projects;
mod reliability;
mod report;
mod screenshots;
mod search;
mod settings;
mod skeleton;
mod spreadsheets;
mod tablet;
