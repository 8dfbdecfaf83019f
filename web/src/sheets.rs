//! The app's side of the spreadsheet module (`web-sheets`, a second wasm module): loads it on
//! first use through `window.taawunSheets` (main.js starts it in a worker, `sheets/worker.js`, so
//! that reading and checking a large file never holds the page), calls its functions with plain
//! data and awaits their answers, and reads a chosen file in slices so that a progress bar can
//! move.
//!
//! Nothing here decides anything about spreadsheets: core does, inside the module.

use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why a call to the spreadsheet module failed: the module could not be loaded, or it refused
/// (its message is already in the user's language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetsError {
    /// The module's files could not be fetched or started (offline before they were cached).
    Unavailable,
    /// The module said no; the message is localised by core.
    Refused(String),
}

/// The loaded module (its JS namespace), loading it on the first call.
async fn module() -> Result<JsValue, SheetsError> {
    let window = web_sys::window().ok_or(SheetsError::Unavailable)?;
    let loader = Reflect::get(&window, &JsValue::from_str("taawunSheets")).map_err(|_| SheetsError::Unavailable)?;
    let loader: Function = loader.dyn_into().map_err(|_| SheetsError::Unavailable)?;
    let promise: Promise = loader.call0(&JsValue::NULL).and_then(|p| p.dyn_into()).map_err(|_| SheetsError::Unavailable)?;
    JsFuture::from(promise).await.map_err(|_| SheetsError::Unavailable)
}

/// Loads the module now (when a spreadsheet screen opens), so that the first action is quick.
pub async fn load() -> Result<(), SheetsError> {
    module().await.map(|_| ())
}

/// Calls the module's function `name` with `args` and waits for its answer: the module runs in
/// a worker, so each call gives a promise (a plain value is taken as it is).
async fn call(name: &str, args: &[JsValue]) -> Result<JsValue, SheetsError> {
    let module = module().await?;
    let function: Function = Reflect::get(&module, &JsValue::from_str(name)).ok().and_then(|f| f.dyn_into().ok()).ok_or(SheetsError::Unavailable)?;
    let arguments: js_sys::Array = args.iter().collect();
    let answer = function.apply(&JsValue::NULL, &arguments).map_err(refused)?;
    match answer.dyn_into::<Promise>() {
        Ok(promise) => JsFuture::from(promise).await.map_err(refused),
        Err(value) => Ok(value),
    }
}

fn refused(error: JsValue) -> SheetsError {
    let message = Reflect::get(&error, &JsValue::from_str("message")).ok().and_then(|m| m.as_string());
    SheetsError::Refused(message.or_else(|| error.as_string()).unwrap_or_default())
}

/// The largest file the import reads, in bytes.
pub async fn max_file_bytes() -> Result<f64, SheetsError> {
    call("max_file_bytes", &[]).await?.as_f64().ok_or(SheetsError::Unavailable)
}

/// One table of `document` (the dataset as core's JSON document) written as a file.
pub async fn export_table(document: &[u8], request: &str) -> Result<Vec<u8>, SheetsError> {
    let bytes = call("export_table", &[Uint8Array::from(document).into(), JsValue::from_str(request)]).await?;
    Ok(Uint8Array::new(&bytes).to_vec())
}

/// Opens `file` in the module (which keeps its cells and `document`, the dataset as core's JSON
/// document, for the next previews) and previews its import, as JSON.
pub async fn open(document: &[u8], file: &[u8], request: &str) -> Result<String, SheetsError> {
    let json = call("open", &[Uint8Array::from(document).into(), Uint8Array::from(file).into(), JsValue::from_str(request)]).await?;
    json.as_string().ok_or(SheetsError::Unavailable)
}

/// The preview of the open file with other choices, as JSON; nothing is sent but the request.
pub async fn preview(request: &str) -> Result<String, SheetsError> {
    call("preview", &[JsValue::from_str(request)]).await?.as_string().ok_or(SheetsError::Unavailable)
}

/// The import of the open file into `document` (the dataset now), checked by the module: JSON
/// with the edits to apply (one batch) and the findings.
pub async fn apply(document: &[u8], request: &str) -> Result<String, SheetsError> {
    let json = call("apply", &[Uint8Array::from(document).into(), JsValue::from_str(request)]).await?;
    json.as_string().ok_or(SheetsError::Unavailable)
}

/// Lets the module forget the open file.
pub async fn close() {
    // Forgetting cannot fail in a way the user could act on.
    let _ = call("close", &[]).await;
}

/// Waits for the event loop's next turn (a zero-delay timer), so that the page paints the
/// progress shown before a long step starts.
pub async fn next_turn() {
    let promise = Promise::new(&mut |resolve, _reject| {
        let scheduled = web_sys::window().map(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0));
        if !matches!(scheduled, Some(Ok(_))) {
            // No timer: go on at once rather than wait forever.
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// The mapping (the module's JSON) with `column` mapped to `field` (`""` for none).
pub async fn remap(mapping: &str, column: usize, field: &str) -> Result<String, SheetsError> {
    let remapped = call("remap", &[JsValue::from_str(mapping), JsValue::from_f64(column as f64), JsValue::from_str(field)]).await?;
    remapped.as_string().ok_or(SheetsError::Unavailable)
}

/// How many bytes are read at a time: small enough for the bar to move on a large file.
const SLICE_BYTES: f64 = 256.0 * 1024.0;

/// Reads `file` in slices, calling `progress` with the share read (0 to 1) after each; each
/// slice is awaited, which gives the event loop its turn between slices.
pub async fn read_file(file: &web_sys::File, progress: impl Fn(f64)) -> Result<Vec<u8>, SheetsError> {
    let size = file.size();
    let mut bytes = Vec::with_capacity(size as usize);
    let mut start = 0.0;
    progress(0.0);
    while start < size {
        let end = (start + SLICE_BYTES).min(size);
        let slice = file.slice_with_f64_and_f64(start, end).map_err(|_| SheetsError::Unavailable)?;
        let buffer = JsFuture::from(slice.array_buffer()).await.map_err(refused)?;
        bytes.extend_from_slice(&Uint8Array::new(&buffer).to_vec());
        start = end;
        progress(start / size);
    }
    progress(1.0);
    Ok(bytes)
}
