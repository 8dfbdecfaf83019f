// Loads the WebAssembly app; a separate file so the page needs no inline script under its CSP.
import init from './pkg/taawun_web.js';

init({ module_or_path: new URL('./pkg/taawun_web_bg.wasm', import.meta.url) });
