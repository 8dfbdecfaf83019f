// Loads the WebAssembly app and registers the service worker that keeps it available offline;
// a separate file so the page needs no inline script under its CSP.
import init from './pkg/taawun_web.js';

init({ module_or_path: new URL('./pkg/taawun_web_bg.wasm', import.meta.url) });

// The spreadsheet module (CSV and XLSX, issue 10) is a second WebAssembly module, fetched the first
// time a spreadsheet screen opens and never at start. The app calls this function (web/src/
// sheets.rs); a plain dynamic import() keeps the CSP free of eval, and the URL is relative to
// this file so the site works under any sub-path.
let sheets = null;
window.taawunSheets = () => {
  if (!sheets) {
    sheets = import('./sheets/taawun_web_sheets.js').then(async (module) => {
      await module.default({ module_or_path: new URL('./sheets/taawun_web_sheets_bg.wasm', import.meta.url) });
      return module;
    });
    // A failed load (offline before the first visit cached it) is tried again next time.
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
