//! The open-data publisher settings (`taawun.publisher`): core's `PublisherSettings` as JSON,
//! stored apart from the dataset because they describe the publisher, not the cooperatives.
//!
//! A stored value that can't be read is reported, never replaced behind the user's back: the
//! defaults are shown and nothing is written until the user changes a setting.

use taawun_core::open_data::PublisherSettings;

use super::{StorageError, read, write};

const PUBLISHER_KEY: &str = "taawun.publisher";

/// Why the stored publisher settings were not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublisherProblem {
    /// localStorage cannot be used: the settings live in memory for this session.
    Unavailable,
    /// A value is stored but is not publisher settings this version reads.
    Unreadable {
        /// What the JSON reader said, with the line and column.
        reason: String,
        /// The stored text, kept for the user to see.
        stored: String,
    },
}

/// The stored publisher settings: `Ok(None)` when none were ever saved.
pub fn load_publisher() -> Result<Option<PublisherSettings>, PublisherProblem> {
    let Some(text) = read(PUBLISHER_KEY).map_err(|_| PublisherProblem::Unavailable)? else { return Ok(None) };
    serde_json::from_str(&text).map(Some).map_err(|error| PublisherProblem::Unreadable { reason: error.to_string(), stored: text })
}

/// Remembers the publisher settings (read back to be sure they were kept).
pub fn save_publisher(settings: &PublisherSettings) -> Result<(), StorageError> {
    let text = serde_json::to_string(settings).map_err(|e| StorageError::Other(e.to_string()))?;
    write(PUBLISHER_KEY, &text)
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn put(value: &str) {
        let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
        storage.set_item(PUBLISHER_KEY, value).unwrap();
    }

    fn stored() -> Option<String> {
        web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item(PUBLISHER_KEY).unwrap()
    }

    #[wasm_bindgen_test]
    fn publisher_settings_saved_are_read_back_the_same() {
        let mut settings = PublisherSettings::tanger_assilah();
        settings.giving360_prefix = Some("360G-INDHTA".to_owned());
        save_publisher(&settings).unwrap();
        assert_eq!(load_publisher(), Ok(Some(settings)));
    }

    #[wasm_bindgen_test]
    fn unreadable_publisher_settings_are_reported_with_their_text_and_left_as_they_are() {
        for bad in ["{not json", "{\"giving360_prefix\": 42}", "[]", "null"] {
            put(bad);
            match load_publisher() {
                Err(PublisherProblem::Unreadable { reason, stored }) => {
                    assert!(!reason.is_empty(), "{bad}");
                    assert_eq!(stored, bad);
                }
                other => panic!("{bad} was read as {other:?}"),
            }
            assert_eq!(self::stored().as_deref(), Some(bad), "reading never rewrites the stored value");
        }
    }

    #[wasm_bindgen_test]
    fn no_stored_publisher_settings_is_not_a_problem() {
        web_sys::window().unwrap().local_storage().unwrap().unwrap().remove_item(PUBLISHER_KEY).unwrap();
        assert_eq!(load_publisher(), Ok(None));
    }
}
