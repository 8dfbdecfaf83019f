// Runs the spreadsheet module (web-sheets: reading, checking and writing CSV and XLSX files) in a
// worker, off the page's thread, so that the page keeps answering while a large file is read and
// checked. The page (main.js) sends { id, name, args } and gets back { id, ok, value } or
// { id, ok: false, message }; the module keeps an open file between calls, here in the worker.
// Copied into the site as sheets/worker.js, beside the module it imports.
import init, * as sheets from './taawun_web_sheets.js';

const ready = init({ module_or_path: new URL('./taawun_web_sheets_bg.wasm', import.meta.url) });

// The module's functions the page may call: nothing else is reachable through a message.
const CALLS = new Set(['max_file_bytes', 'export_table', 'open', 'preview', 'apply', 'close', 'remap']);

self.onmessage = async (event) => {
  const { id, name, args } = event.data;
  try {
    await ready;
    if (!CALLS.has(name)) {
      throw new Error(`the spreadsheet module has no function ${name}`);
    }
    const value = sheets[name](...args);
    self.postMessage({ id, ok: true, value });
  } catch (error) {
    const message = error && error.message !== undefined ? String(error.message) : String(error);
    self.postMessage({ id, ok: false, message });
  }
};
