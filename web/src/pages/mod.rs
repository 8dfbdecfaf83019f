//! One module per page of the app; each renders what core decides and changes data only through
//! `AppState::apply`.

pub mod cooperative;
pub mod cooperatives;
pub mod dashboard;
pub mod data;
pub mod entry;
pub mod project;
pub mod projects;
pub mod list;
pub mod settings;
