//! One module per page of the app; each renders what core decides and changes data only through
//! `AppState::apply`.

pub mod attendance_sheet;
pub mod check_in;
pub mod cooperative;
pub mod cooperatives;
pub mod dashboard;
pub mod data;
pub mod entry;
pub mod list;
pub mod meeting;
pub mod meetings;
pub mod merge;
pub mod open_data;
pub mod project;
pub mod projects;
pub mod report;
pub mod settings;
pub mod spreadsheets;
pub mod stories;
pub mod story;
pub mod visits;
