//! Exchange files the user chooses in a file input: the chosen file, refused from its size before
//! a byte is read, and its text.

use taawun_core::document::{self, ImportError};
use wasm_bindgen::JsCast;
use web_sys::File;

/// The name of the exchange file chosen in the input that fired `ev`, and the file, or an error
/// when it is above core's limit (refused from its size: a huge file would exhaust a tablet's
/// memory); `None` when no file was chosen.
pub fn chosen_document(ev: &leptos::ev::Event) -> Option<(String, Result<File, ImportError>)> {
    let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let file = input.files().and_then(|files| files.get(0))?;
    let size = file.size() as usize;
    let name = file.name();
    Some((name, if size > document::MAX_BYTES {
        Err(ImportError::TooLarge { size, limit: document::MAX_BYTES })
    } else {
        Ok(file)
    }))
}

/// The text of `file`; empty when the browser cannot read it, which import then refuses.
pub async fn text(file: &File) -> String {
    wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string()).unwrap_or_default()
}
