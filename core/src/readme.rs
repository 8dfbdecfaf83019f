//! The crate's README, compiled and run as a doctest so that its examples never go stale.
#![doc = include_str!("../README.md")]
