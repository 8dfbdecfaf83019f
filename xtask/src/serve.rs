//! A small static file server for the built site, bound to loopback, with the app's security headers.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::thread;

/// The Content-Security-Policy the app is served with (also set as a meta tag in `index.html`).
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'";

/// A running server; it stops with the process, or when [`Server::stop`] is called.
pub struct Server {
    /// Where it listens.
    pub addr: SocketAddr,
    /// The sub-path the site is mounted at, starting and ending with `/`.
    pub prefix: String,
    root: Arc<RwLock<PathBuf>>,
    stopped: Arc<AtomicBool>,
}

impl Server {
    /// The site's address, e.g. `http://127.0.0.1:8080/taawun/`.
    pub fn url(&self) -> String {
        format!("http://{}{}", self.addr, self.prefix)
    }

    /// Serves another folder from now on, at the same address: how a test deploys a new build
    /// while a browser still runs the old one.
    pub fn set_root(&self, root: &Path) {
        if let Ok(mut current) = self.root.write() {
            *current = root.to_path_buf();
        }
    }

    /// Stops listening: connections are refused from now on, as with no network.
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        // Wake the accepting thread so it sees the flag and drops the listener.
        let _ = TcpStream::connect(self.addr);
    }
}

/// Serves `root` at `http://127.0.0.1:{port}{prefix}` on a background thread (port 0 picks a free one).
pub fn start(root: &Path, port: u16, prefix: &str) -> std::io::Result<Server> {
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    let addr = listener.local_addr()?;
    let prefix = normalise_prefix(prefix);
    let root = Arc::new(RwLock::new(root.to_path_buf()));
    let stopped = Arc::new(AtomicBool::new(false));
    let (thread_root, thread_prefix, thread_stopped) = (root.clone(), prefix.clone(), stopped.clone());
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            if thread_stopped.load(Ordering::SeqCst) {
                break;
            }
            let root = thread_root.read().map(|r| r.clone()).unwrap_or_default();
            let prefix = thread_prefix.clone();
            thread::spawn(move || {
                let _ = answer(stream, &root, &prefix);
            });
        }
    });
    Ok(Server { addr, prefix, root, stopped })
}

fn normalise_prefix(prefix: &str) -> String {
    let trimmed = prefix.trim_matches('/');
    if trimmed.is_empty() { "/".to_owned() } else { format!("/{trimmed}/") }
}

fn answer(mut stream: TcpStream, root: &Path, prefix: &str) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers; the server needs none of them.
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if method != "GET" && method != "HEAD" {
        return respond(&mut stream, "405 Method Not Allowed", "text/plain", b"method not allowed", method == "HEAD");
    }
    if path == prefix.trim_end_matches('/') {
        let header = format!("HTTP/1.1 301 Moved Permanently\r\nLocation: {prefix}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return stream.write_all(header.as_bytes());
    }
    let Some(relative) = path.strip_prefix(prefix) else {
        return respond(&mut stream, "404 Not Found", "text/plain", b"not found", method == "HEAD");
    };
    match resolve(root, relative) {
        Some(file) => match std::fs::read(&file) {
            Ok(body) => respond(&mut stream, "200 OK", content_type(&file), &body, method == "HEAD"),
            Err(_) => respond(&mut stream, "404 Not Found", "text/plain", b"not found", method == "HEAD"),
        },
        None => respond(&mut stream, "404 Not Found", "text/plain", b"not found", method == "HEAD"),
    }
}

/// Maps a URL path below the prefix to a file inside `root`, refusing anything that climbs out.
fn resolve(root: &Path, relative: &str) -> Option<PathBuf> {
    let decoded = percent_decode(relative)?;
    let mut file = root.to_path_buf();
    for component in Path::new(&decoded).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        _ => "application/octet-stream",
    }
}

fn respond(stream: &mut TcpStream, status: &str, content_type: &str, body: &[u8], head_only: bool) -> std::io::Result<()> {
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nContent-Security-Policy: {CONTENT_SECURITY_POLICY}\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(header.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_that_climbs_out_of_the_site_is_refused() {
        let root = std::env::temp_dir();
        assert!(resolve(&root, "../etc/passwd").is_none());
        assert!(resolve(&root, "%2e%2e/etc/passwd").is_none());
    }

    #[test]
    fn prefixes_are_written_with_slashes_on_both_sides() {
        assert_eq!(normalise_prefix("taawun"), "/taawun/");
        assert_eq!(normalise_prefix("/"), "/");
        assert_eq!(normalise_prefix(""), "/");
    }

    #[test]
    fn wasm_is_served_as_application_wasm() {
        assert_eq!(content_type(Path::new("pkg/taawun_web_bg.wasm")), "application/wasm");
        assert_eq!(content_type(Path::new("main.js")), "text/javascript; charset=utf-8");
    }
}
