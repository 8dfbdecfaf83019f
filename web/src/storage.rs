//! The only code that touches the browser's localStorage; every failure is a value, never a panic.
//!
//! Keys: `taawun.dataset` holds the exported document of the dataset (core's versioned JSON, read
//! back through `document::import`); `taawun.lang`, `taawun.user` and `taawun.device` hold the
//! preferences of this browser profile.

use taawun_core::Lang;
use taawun_core::dataset::Dataset;
use taawun_core::document::{self, Imported};
use taawun_core::id::Id;

/// The key under which the dataset's document is stored.
pub const DATASET_KEY: &str = "taawun.dataset";
const LANG_KEY: &str = "taawun.lang";
const USER_KEY: &str = "taawun.user";
const DEVICE_KEY: &str = "taawun.device";

/// Why reading or writing the stored data failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// localStorage is missing or access to it throws (private mode, disabled storage).
    Unavailable,
    /// The browser refused the write because the site's quota is full.
    QuotaExceeded,
    /// The stored text is not a document this version can read; it is left untouched.
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

fn read(key: &str) -> Result<Option<String>, StorageError> {
    local_storage()?.get_item(key).map_err(|_| StorageError::Unavailable)
}

/// Writes `text` under `key`, then reads it back to be sure the browser kept what was written.
fn write(key: &str, text: &str) -> Result<(), StorageError> {
    let storage = local_storage()?;
    storage.set_item(key, text).map_err(classify_write_error)?;
    match storage.get_item(key) {
        Ok(Some(back)) if back == text => Ok(()),
        _ => Err(StorageError::Other("the stored data differs from what was written".into())),
    }
}

/// Reads the stored dataset: `Ok(None)` when nothing is stored yet (a first visit).
pub fn load() -> Result<Option<Imported>, StorageError> {
    match read(DATASET_KEY)? {
        None => Ok(None),
        Some(text) => document::import(text.as_bytes()).map(Some).map_err(|e| StorageError::Unreadable(e.to_string())),
    }
}

/// Writes the dataset as core's document.
pub fn save(dataset: &Dataset) -> Result<(), StorageError> {
    let text = String::from_utf8(document::export(dataset)).map_err(|e| StorageError::Other(e.to_string()))?;
    write(DATASET_KEY, &text)
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

/// The language the user chose on this browser, if any.
pub fn load_lang() -> Option<Lang> {
    match read(LANG_KEY).ok().flatten()?.as_str() {
        "ar" => Some(Lang::Ar),
        "fr" => Some(Lang::Fr),
        _ => None,
    }
}

/// Remembers the chosen language.
pub fn save_lang(lang: Lang) -> Result<(), StorageError> {
    write(LANG_KEY, lang.code())
}

/// The name the user gave, recorded with each change ("" until given).
pub fn load_user() -> String {
    read(USER_KEY).ok().flatten().unwrap_or_default()
}

/// Remembers the user's name.
pub fn save_user(name: &str) -> Result<(), StorageError> {
    write(USER_KEY, name)
}

/// The id of this browser profile, created and stored on first use; `None` when neither storage
/// nor the random generator works (edits are then impossible and the interface says so).
pub fn device_id() -> Option<Id> {
    if let Some(id) = read(DEVICE_KEY).ok().flatten().and_then(|text| Id::parse(&text).ok()) {
        return Some(id);
    }
    let id = new_id()?;
    // A device id that cannot be stored still serves this session.
    let _ = write(DEVICE_KEY, &id.to_string());
    Some(id)
}

/// A new random 128-bit id from the browser's cryptographic generator.
pub fn new_id() -> Option<Id> {
    let crypto = web_sys::window()?.crypto().ok()?;
    let mut bytes = [0u8; 16];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(Id::from_u128(u128::from_be_bytes(bytes)))
}
