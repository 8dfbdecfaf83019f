//! Taawun's domain: cooperatives, their funded projects, funding rules, statistics and the
//! exchange format. Pure Rust: no browser, no clock, no randomness (callers pass time and ids).

pub mod amount;
pub mod id;
pub mod lang;
pub mod record;
pub mod reference;
pub mod registry;

pub use amount::Amount;
pub use lang::Lang;
