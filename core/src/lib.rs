//! Taawun's domain: cooperatives, their funded projects, funding rules, meetings, follow-up
//! visits, success stories, statistics and the exchange format. Pure Rust: no browser, no clock, no randomness (callers pass time and ids).

pub mod amount;
pub mod cooperative;
pub mod dataset;
pub mod date;
pub mod demo;
pub mod document;
pub mod fields;
pub mod finding;
pub mod fold;
mod from_str_value;
pub mod history;
pub mod ice;
pub mod id;
pub mod lang;
pub mod meeting;
pub mod members;
pub mod merge;
pub mod open_data;
pub mod outline;
pub mod phone;
pub mod project;
pub mod rate;
#[cfg(doctest)]
mod readme;
pub mod record;
pub mod reference;
pub mod register;
pub mod rules;
pub mod sorting;
#[cfg(feature = "spreadsheet")]
pub mod spreadsheet;
pub mod stats;
pub mod storage_layout;
pub mod story;
pub mod text;
pub mod visit;

pub use amount::Amount;
pub use lang::Lang;
