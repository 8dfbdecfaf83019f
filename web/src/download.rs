//! Offers bytes as a file download (a Blob, an object URL and an `<a download>` clicked), so an
//! export never leaves the browser.

use wasm_bindgen::JsCast;

/// Why a download could not be offered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadError(pub String);

/// Offers `bytes` as a file named `name` of type `mime`.
pub fn offer(bytes: &[u8], name: &str, mime: &str) -> Result<(), DownloadError> {
    let fail = |what: &str| DownloadError(what.to_owned());
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| fail("no document"))?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(|_| fail("cannot build the file"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail("cannot make a link to the file"))?;
    let anchor = document.create_element("a").ok().and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok()).ok_or_else(|| fail("cannot make a link"))?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_class_name("hidden-download");
    if let Some(body) = document.body() {
        let _ = body.append_child(&anchor);
        anchor.click();
        let _ = body.remove_child(&anchor);
    }
    // Some browsers read the file after the click returns: the URL is revoked a minute later.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
    Ok(())
}

/// Today's date in the browser's time zone as `YYYY-MM-DD`, for file names.
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date())
}
