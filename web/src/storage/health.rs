//! Storage health: the space the site's localStorage uses against its quota, persistent storage,
//! the date of the last export with its reminder, and whether this is a browser that deletes
//! the data of sites not visited for seven days (Safari and every browser on iPadOS and iOS).

use serde::{Deserialize, Serialize};
use taawun_core::record::Timestamp;
use wasm_bindgen::JsCast;

use super::{StorageError, local_storage, read, write};

const HEALTH_KEY: &str = "taawun.health";

/// The quota assumed for localStorage, in UTF-16 code units: about five million characters per
/// site in Firefox and Safari (Chromium allows ten million bytes). No browser reports it, and
/// `navigator.storage.estimate()` leaves localStorage out.
pub const ASSUMED_QUOTA_CHARS: usize = 5_000_000;

/// The reminder's default: export at least once a week.
pub const DEFAULT_REMINDER_DAYS: u32 = 7;

/// Space used by the site's localStorage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    /// UTF-16 code units of every key and value of the site, ours or not.
    pub chars: usize,
    /// The quota assumed ([`ASSUMED_QUOTA_CHARS`]).
    pub quota_chars: usize,
}

impl Usage {
    /// The share used, in whole percent (rounded up, so a nearly full store never reads 99).
    pub fn percent(&self) -> usize {
        (self.chars * 100).div_ceil(self.quota_chars.max(1))
    }
}

/// Sums the keys and values of the site's localStorage.
pub fn usage() -> Result<Usage, StorageError> {
    let storage = local_storage()?;
    let count = storage.length().map_err(|_| StorageError::Unavailable)?;
    let mut chars = 0;
    for index in 0..count {
        if let Ok(Some(key)) = storage.key(index) {
            let value = storage.get_item(&key).ok().flatten().unwrap_or_default();
            chars += js_length(&key) + js_length(&value);
        }
    }
    Ok(Usage { chars, quota_chars: ASSUMED_QUOTA_CHARS })
}

fn js_length(text: &str) -> usize {
    text.encode_utf16().count()
}

/// What the app remembers about exports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportRecord {
    /// When the user last confirmed that an export was saved.
    pub last_export: Option<Timestamp>,
    /// When this browser first held data, so that the reminder of a browser that never
    /// exported counts from there rather than nagging on the first day.
    pub since: Option<Timestamp>,
    /// After how many days without an export the reminder shows (0: never).
    pub reminder_days: u32,
}

impl Default for ExportRecord {
    fn default() -> ExportRecord {
        ExportRecord { last_export: None, since: None, reminder_days: DEFAULT_REMINDER_DAYS }
    }
}

impl ExportRecord {
    /// Whether the reminder is due at `now`: the last export (or, without one, the first day
    /// with data) is older than the setting.
    pub fn reminder_due(&self, now: Timestamp) -> bool {
        match (self.reminder_days, self.last_export.or(self.since)) {
            (0, _) | (_, None) => false,
            (days, Some(from)) => now.millis().saturating_sub(from.millis()) > i64::from(days) * 86_400_000,
        }
    }
}

/// The export record, or the default when none is stored or it can't be read.
pub fn export_record() -> ExportRecord {
    read(HEALTH_KEY).ok().flatten().and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default()
}

/// Remembers the export record.
pub fn save_export_record(record: &ExportRecord) -> Result<(), StorageError> {
    write(HEALTH_KEY, &serde_json::to_string(record).map_err(|e| StorageError::Other(e.to_string()))?)
}

/// Asks the browser to keep the site's storage under pressure (`navigator.storage.persist()`);
/// calls `done` with the answer (`None` when the browser has no such request).
pub fn request_persistence(done: impl FnOnce(Option<bool>) + 'static) {
    let Some(manager) = web_sys::window().and_then(|w| js_sys::Reflect::get(&w.navigator(), &"storage".into()).ok()) else {
        done(None);
        return;
    };
    let Some(manager) = manager.dyn_ref::<web_sys::StorageManager>().cloned() else {
        done(None);
        return;
    };
    let Ok(promise) = manager.persist() else {
        done(None);
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let granted = wasm_bindgen_futures::JsFuture::from(promise).await.ok().and_then(|v| v.as_bool());
        done(granted);
    });
}

/// Whether this browser deletes a site's storage after seven days without a visit unless the
/// site is installed to the Home Screen: Safari on macOS, and every browser on iOS and iPadOS
/// (all use WebKit there). An iPad presents itself as a Mac, told apart by its touch screen.
pub fn evicts_unvisited_sites() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let navigator = window.navigator();
    let agent = navigator.user_agent().unwrap_or_default();
    let touch = navigator.max_touch_points() > 1;
    let apple_mobile = agent.contains("iPhone") || agent.contains("iPad") || (agent.contains("Macintosh") && touch);
    let desktop_safari = agent.contains("Macintosh") && agent.contains("Safari/") && !agent.contains("Chrome/") && !agent.contains("Firefox/");
    apple_mobile || desktop_safari
}

/// Whether the app runs installed (from the Home Screen), where that eviction does not apply.
pub fn runs_installed() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let standalone = js_sys::Reflect::get(&window.navigator(), &"standalone".into()).ok().and_then(|v| v.as_bool()).unwrap_or(false);
    let display_mode = window.match_media("(display-mode: standalone)").ok().flatten().is_some_and(|m| m.matches());
    standalone || display_mode
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn day(n: i64) -> Timestamp {
        Timestamp::from_millis(1_750_000_000_000 + n * 86_400_000).unwrap()
    }

    #[wasm_bindgen_test]
    fn the_reminder_is_due_once_the_last_export_is_older_than_the_setting() {
        let record = ExportRecord { last_export: Some(day(0)), since: None, reminder_days: 7 };
        assert!(!record.reminder_due(day(7)));
        assert!(record.reminder_due(day(8)));
        let never = ExportRecord { last_export: None, since: Some(day(0)), reminder_days: 7 };
        assert!(!never.reminder_due(day(7)) && never.reminder_due(day(8)), "never exported: counted from the first day with data");
        assert!(!ExportRecord::default().reminder_due(day(100)), "no data yet");
        assert!(!ExportRecord { last_export: None, since: Some(day(0)), reminder_days: 0 }.reminder_due(day(100)), "switched off");
    }

    #[wasm_bindgen_test]
    fn usage_is_rounded_up_to_a_whole_percent() {
        assert_eq!(Usage { chars: 4_999_999, quota_chars: 5_000_000 }.percent(), 100);
        assert_eq!(Usage { chars: 0, quota_chars: 5_000_000 }.percent(), 0);
        assert_eq!(Usage { chars: 50_001, quota_chars: 5_000_000 }.percent(), 2);
    }
}
