// Taawun's service worker: keeps every file of the site in a cache from the first visit, so the
// app opens and works with no network, and lets a new version wait until the user chooses to
// switch (the page shows a banner) instead of swapping the app in the middle of an edit.
//
// `cargo xtask dist` writes BUILD (a hash of the site's content) and FILES (every file of the
// site) below; a different build therefore gives a different sw.js, which is how the browser
// learns that a new version exists.
const BUILD = 'dev';
const FILES = ['./'];
const CACHE = `taawun-${BUILD}`;

self.addEventListener('install', (event) => {
  // 'reload' bypasses the HTTP cache, so the cache holds exactly this build's files.
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map((file) => new Request(file, { cache: 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith('taawun-') && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  // Sent by main.js only when the user asked for the new version.
  if (event.data === 'skip-waiting') {
    self.skipWaiting();
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  // Nothing is ever fetched from another origin; only this site's own GETs are answered here.
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const cached = await cache.match(request, { ignoreSearch: true });
      if (cached) {
        return cached;
      }
      if (request.mode === 'navigate') {
        const shell = await cache.match('./');
        if (shell) {
          return shell;
        }
      }
      return fetch(request);
    }),
  );
});
