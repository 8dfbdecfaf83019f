//! The only code that touches the browser's localStorage; every failure is a value, never a panic.

use taawun_core::registry::Registry;

/// The key under which the registry document is stored.
pub const REGISTRY_KEY: &str = "taawun.registry";

/// Why reading or writing the stored data failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// localStorage is missing or access to it throws (private mode, disabled storage).
    Unavailable,
    /// The browser refused the write because the site's quota is full.
    QuotaExceeded,
    /// The stored text is not a registry document; it is left untouched.
    Unreadable(String),
    /// Any other failure, with what the browser said.
    Other(String),
}

fn local_storage() -> Result<web_sys::Storage, StorageError> {
    let window = web_sys::window().ok_or(StorageError::Unavailable)?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        _ => Err(StorageError::Unavailable),
    }
}

/// Reads the stored registry: `Ok(None)` when nothing is stored yet.
pub fn load_registry() -> Result<Option<Registry>, StorageError> {
    let storage = local_storage()?;
    let raw = storage.get_item(REGISTRY_KEY).map_err(|_| StorageError::Unavailable)?;
    match raw {
        None => Ok(None),
        Some(text) => serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| StorageError::Unreadable(e.to_string())),
    }
}

/// Writes the registry, then reads it back to be sure the browser kept what was written.
pub fn save_registry(registry: &Registry) -> Result<(), StorageError> {
    let storage = local_storage()?;
    let text = serde_json::to_string(registry).map_err(|e| StorageError::Other(e.to_string()))?;
    storage.set_item(REGISTRY_KEY, &text).map_err(classify_write_error)?;
    match storage.get_item(REGISTRY_KEY) {
        Ok(Some(back)) if back == text => Ok(()),
        _ => Err(StorageError::Other("the stored data differs from what was written".into())),
    }
}

fn classify_write_error(error: wasm_bindgen::JsValue) -> StorageError {
    use wasm_bindgen::JsCast;
    match error.dyn_ref::<web_sys::DomException>() {
        Some(e) if e.name() == "QuotaExceededError" || e.name() == "NS_ERROR_DOM_QUOTA_REACHED" || e.code() == 22 || e.code() == 1014 => {
            StorageError::QuotaExceeded
        }
        Some(e) => StorageError::Other(e.message()),
        None => StorageError::Other(format!("{error:?}")),
    }
}

/// A new random 128-bit id as 32 hex digits, from the browser's cryptographic generator.
pub fn new_id() -> Option<String> {
    let crypto = web_sys::window()?.crypto().ok()?;
    let mut bytes = [0u8; 16];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
