//! What a failed localStorage write means, from whatever the browser threw: a full quota under
//! any of its names and codes, storage switched off, or anything else, never a panic.

use wasm_bindgen::JsValue;

use super::StorageError;

/// The names browsers give a full quota: the standard one and Firefox's older one.
const QUOTA_NAMES: [&str; 2] = ["QuotaExceededError", "NS_ERROR_DOM_QUOTA_REACHED"];
/// The legacy codes of a full quota: 22 (`QUOTA_EXCEEDED_ERR`) and Firefox's 1014.
const QUOTA_CODES: [f64; 2] = [22.0, 1014.0];

/// Classifies what `setItem` threw.
///
/// The error is read by its properties, not its class: older Firefox throws an object that is
/// not a `DOMException`, and a page script (or an extension) can throw any value at all.
pub fn classify(thrown: &JsValue) -> StorageError {
    let property = |name: &str| if thrown.is_object() { js_sys::Reflect::get(thrown, &JsValue::from_str(name)).ok() } else { None };
    let name = property("name").and_then(|v| v.as_string());
    let code = property("code").and_then(|v| v.as_f64());
    let message = property("message").and_then(|v| v.as_string());
    if name.as_deref().is_some_and(|n| QUOTA_NAMES.contains(&n)) || code.is_some_and(|c| QUOTA_CODES.contains(&c)) {
        return StorageError::QuotaExceeded;
    }
    if name.as_deref() == Some("SecurityError") {
        return StorageError::Unavailable;
    }
    let what = match (name, message) {
        (Some(name), Some(message)) if !message.is_empty() => format!("{name}: {message}"),
        (Some(name), _) => name,
        (None, Some(message)) => message,
        (None, None) => describe(thrown),
    };
    StorageError::Other(what)
}

/// A value that is not an error, described without calling back into page code.
fn describe(value: &JsValue) -> String {
    if let Some(text) = value.as_string() {
        format!("the browser threw the text {text:?}")
    } else if let Some(number) = value.as_f64() {
        // Whole numbers only: printing any float would pull the float formatter into the app.
        if number.fract() == 0.0 && number.abs() < 1e15 {
            format!("the browser threw the number {}", number as i64)
        } else {
            "the browser threw a number".to_owned()
        }
    } else if value.is_undefined() || value.is_null() {
        "the browser threw nothing (undefined or null)".to_owned()
    } else {
        "the browser threw a value that is not an error".to_owned()
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn thrown(js: &str) -> JsValue {
        js_sys::Function::new_no_args(&format!("try {{ {js} }} catch (e) {{ return e; }}")).call0(&JsValue::NULL).unwrap()
    }

    #[wasm_bindgen_test]
    fn the_standard_quota_error_and_firefoxs_name_and_both_legacy_codes_mean_a_full_quota() {
        assert_eq!(classify(&thrown("throw new DOMException('full', 'QuotaExceededError')")), StorageError::QuotaExceeded);
        assert_eq!(classify(&thrown("throw new DOMException('full', 'NS_ERROR_DOM_QUOTA_REACHED')")), StorageError::QuotaExceeded);
        assert_eq!(classify(&thrown("throw {name: 'Error', code: 22, message: 'quota'}")), StorageError::QuotaExceeded);
        assert_eq!(classify(&thrown("throw {name: 'Error', code: 1014, message: 'quota'}")), StorageError::QuotaExceeded);
    }

    #[wasm_bindgen_test]
    fn a_security_error_means_storage_is_unavailable() {
        assert_eq!(classify(&thrown("throw new DOMException('denied', 'SecurityError')")), StorageError::Unavailable);
    }

    #[wasm_bindgen_test]
    fn other_errors_and_thrown_values_are_other_failures_that_say_what_was_thrown() {
        assert_eq!(classify(&thrown("throw new TypeError('odd')")), StorageError::Other("TypeError: odd".into()));
        assert_eq!(classify(&thrown("throw 'full?'")), StorageError::Other("the browser threw the text \"full?\"".into()));
        assert_eq!(classify(&thrown("throw 22")), StorageError::Other("the browser threw the number 22".into()));
        assert_eq!(classify(&thrown("throw undefined")), StorageError::Other("the browser threw nothing (undefined or null)".into()));
        assert_eq!(classify(&thrown("throw Symbol('x')")), StorageError::Other("the browser threw a value that is not an error".into()));
    }
}
