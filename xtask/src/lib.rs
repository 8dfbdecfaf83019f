//! Taawun's tooling as a library, so the end-to-end tests reuse the same static server.

pub mod bench;
pub mod chromium;
pub mod serve;
pub mod site;
pub mod tidy;
