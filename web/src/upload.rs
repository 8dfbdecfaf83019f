//! Exchange files the user chooses in a file input: the chosen file, refused from its size before
//! a byte is read, its text, and what import makes of it.

use taawun_core::document::{self, ImportError, Imported};
use wasm_bindgen::JsCast;
use web_sys::File;

/// The name of the exchange file chosen in the input that fired `ev`, and the file, or an error
/// when it is above core's limit (refused from its size: a huge file would exhaust a tablet's
/// memory); `None` when no file was chosen.
fn chosen_document(ev: &leptos::ev::Event) -> Option<(String, Result<File, ImportError>)> {
    let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let file = input.files().and_then(|files| files.get(0))?;
    let size = file.size() as usize;
    let name = file.name();
    Some((name, if size > document::MAX_BYTES { Err(ImportError::TooLarge { size, limit: document::MAX_BYTES }) } else { Ok(file) }))
}

/// The text of `file`; empty when the browser cannot read it, which import then refuses.
async fn text(file: &File) -> String {
    wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string()).unwrap_or_default()
}

/// Imports the exchange file chosen in the input that fired `ev`: `chosen` gets its name at once,
/// `read` what `document::import` makes of it (a file above the limit is refused unread).
/// Nothing happens when no file was chosen.
pub fn import_chosen(ev: &leptos::ev::Event, chosen: impl FnOnce(String), read: impl FnOnce(Result<Imported, ImportError>) + 'static) {
    let Some((name, file)) = chosen_document(ev) else { return };
    chosen(name);
    match file {
        Ok(file) => leptos::task::spawn_local(async move {
            let text = text(&file).await;
            read(document::import(text.as_bytes()));
        }),
        Err(error) => read(Err(error)),
    }
}
