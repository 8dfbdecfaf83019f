//! The stored glance (`taawun.glance`): the home page as last drawn, kept so that the next start
//! can show it while the app's code arrives. A cache, never data: any save removes it, and it is
//! shown only while the stored head it was drawn from is still the stored head.

use super::{StorageError, local_storage, write_checked};
use taawun_core::storage_layout as layout;

/// The key of the glance.
pub const GLANCE_KEY: &str = "taawun.glance";

/// The stored glance's text, if there is one.
pub fn load() -> Option<String> {
    local_storage().ok()?.get_item(GLANCE_KEY).ok().flatten()
}

/// Keeps `text` as the glance; on failure (no room) nothing is left under its key.
pub fn save(text: &str) -> Result<(), StorageError> {
    let storage = local_storage()?;
    let written = write_checked(&storage, GLANCE_KEY, text);
    if written.is_err() {
        let _ = storage.remove_item(GLANCE_KEY);
    }
    written
}

/// Removes the glance (the data it shows is about to change, or was erased).
pub fn forget() {
    if let Ok(storage) = local_storage() {
        let _ = storage.remove_item(GLANCE_KEY);
    }
}

/// The stored head's text as it is now: what a glance is stamped with.
pub fn head() -> Option<String> {
    local_storage().ok()?.get_item(layout::HEAD_KEY).ok().flatten()
}
