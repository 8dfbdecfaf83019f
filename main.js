// Loads the WebAssembly app and registers the service worker that keeps it available offline;
// a separate file so the page needs no inline script under its CSP.
import init from './pkg/taawun_web.js';

init({ module_or_path: new URL('./pkg/taawun_web_bg.wasm', import.meta.url) });

// The spreadsheet module (CSV and XLSX, issue 10) is a second WebAssembly module, fetched the first
// time a spreadsheet screen opens and never at start. It runs in a worker (sheets/worker.js), so
// the page keeps answering while a large file is read and checked. The app calls
// window.taawunSheets() (web/src/sheets.rs), which gives an object with one function per call of
// the module, each returning a promise. The URL is relative to this file so the site works under
// any sub-path.
const SHEETS_CALLS = ['max_file_bytes', 'export_table', 'open', 'preview', 'apply', 'close', 'remap'];
let sheets = null;
window.taawunSheets = () => {
  if (!sheets) {
    sheets = new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./sheets/worker.js', import.meta.url), { type: 'module' });
      const waiting = new Map();
      let next = 0;
      const call = (name, args) => new Promise((done, fail) => {
        next += 1;
        waiting.set(next, { done, fail });
        worker.postMessage({ id: next, name, args });
      });
      worker.onmessage = (event) => {
        const { id, ok, value, message } = event.data;
        const pending = waiting.get(id);
        if (pending) {
          waiting.delete(id);
          if (ok) pending.done(value); else pending.fail(new Error(message));
        }
      };
      // The worker or the module could not be fetched or started (offline before they were
      // cached): every call waiting fails, and the next use starts a new worker.
      worker.onerror = (event) => {
        event.preventDefault();
        worker.terminate();
        sheets = null;
        for (const pending of waiting.values()) pending.fail(new Error('the spreadsheet module could not be started'));
        waiting.clear();
        reject(new Error('the spreadsheet module could not be started'));
      };
      const module = {};
      for (const name of SHEETS_CALLS) module[name] = (...args) => call(name, args);
      // The module is ready once it has answered a first call; a worker whose module cannot
      // start is ended, and the next use starts a new one.
      call('max_file_bytes', []).then(() => resolve(module), (error) => {
        worker.terminate();
        reject(error);
      });
    });
    sheets.catch(() => {
      sheets = null;
    });
  }
  return sheets;
};

// A new version waits: say so through an attribute (read by the app when it starts) and an
// event (heard by the app once it runs). The app shows a banner; nothing switches by itself.
function announceUpdate() {
  document.documentElement.setAttribute('data-update', 'ready');
  window.dispatchEvent(new Event('taawun-update-ready'));
}

if ('serviceWorker' in navigator) {
  let switching = false;
  navigator.serviceWorker
    .register(new URL('./sw.js', import.meta.url))
    .then((registration) => {
      const follow = (worker) => {
        if (!worker) return;
        worker.addEventListener('statechange', () => {
          // Installed while another version controls the page: an update, not a first visit.
          if (worker.state === 'installed' && navigator.serviceWorker.controller) announceUpdate();
        });
      };
      if (registration.waiting && navigator.serviceWorker.controller) announceUpdate();
      follow(registration.installing);
      registration.addEventListener('updatefound', () => follow(registration.installing));
      const check = () => registration.update().catch(() => {});
      document.addEventListener('visibilitychange', () => {
        if (!document.hidden) check();
      });
      window.addEventListener('online', check);
      setInterval(check, 30 * 60 * 1000);
      // The user chose to switch: the waiting version takes over, then the page reloads once.
      window.addEventListener('taawun-update-apply', () => {
        if (registration.waiting) {
          switching = true;
          registration.waiting.postMessage('skip-waiting');
        }
      });
    })
    .catch(() => {
      // Without a service worker the app still works online; nothing to tell the user.
    });
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (switching) window.location.reload();
  });
}
