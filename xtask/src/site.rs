//! The built site's version: a hash of every file's content, written into the service worker
//! with the list of files it caches, so a new build is a new `sw.js` and browsers notice it.

use std::path::{Path, PathBuf};

/// The service worker's file name, at the site's root.
pub const SERVICE_WORKER: &str = "sw.js";

/// Every file under `root`, as `/`-separated paths relative to it, sorted.
pub fn files(root: &Path) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    collect(root, root, &mut found)?;
    found.sort();
    Ok(found)
}

fn collect(root: &Path, dir: &Path, found: &mut Vec<String>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path: PathBuf = entry.path();
        if path.is_dir() {
            collect(root, &path, found)?;
        } else if let Ok(relative) = path.strip_prefix(root) {
            let parts: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            found.push(parts.join("/"));
        }
    }
    Ok(())
}

/// A 64-bit FNV-1a hash of every file's path and bytes but the service worker's, as 16 hex
/// digits: the same site gives the same version, any changed byte a different one.
pub fn content_hash(root: &Path) -> Result<String, String> {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for byte in bytes {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for file in files(root)?.iter().filter(|f| *f != SERVICE_WORKER) {
        let bytes = std::fs::read(root.join(file)).map_err(|e| format!("cannot read {file}: {e}"))?;
        feed(file.as_bytes());
        feed(&[0]);
        feed(&(bytes.len() as u64).to_le_bytes());
        feed(&bytes);
    }
    Ok(format!("{hash:016x}"))
}

/// Writes the build's version and file list into `root/sw.js` (its `const BUILD = …;` and
/// `const FILES = …;` lines) and returns the version.
pub fn stamp(root: &Path) -> Result<String, String> {
    let worker = root.join(SERVICE_WORKER);
    let text = std::fs::read_to_string(&worker).map_err(|e| format!("cannot read {}: {e}", worker.display()))?;
    let version = content_hash(root)?;
    let mut cached = vec!["./".to_owned()];
    cached.extend(files(root)?.into_iter().filter(|f| f != SERVICE_WORKER));
    let list = serde_json::to_string(&cached).map_err(|e| e.to_string())?;
    let mut stamped = String::with_capacity(text.len() + list.len());
    let (mut build_seen, mut files_seen) = (false, false);
    for line in text.lines() {
        if line.starts_with("const BUILD = ") {
            stamped.push_str(&format!("const BUILD = '{version}';"));
            build_seen = true;
        } else if line.starts_with("const FILES = ") {
            stamped.push_str(&format!("const FILES = {list};"));
            files_seen = true;
        } else {
            stamped.push_str(line);
        }
        stamped.push('\n');
    }
    if !(build_seen && files_seen) {
        return Err(format!("{} lacks its `const BUILD = ` or `const FILES = ` line", worker.display()));
    }
    std::fs::write(&worker, stamped).map_err(|e| format!("cannot write {}: {e}", worker.display()))?;
    Ok(version)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("taawun-site-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        std::fs::write(dir.join("index.html"), "<!doctype html>").unwrap();
        std::fs::write(dir.join("pkg/app.wasm"), [0, 97, 115, 109]).unwrap();
        std::fs::write(dir.join(SERVICE_WORKER), "// worker\nconst BUILD = 'dev';\nconst FILES = ['./'];\nself.x = 1;\n").unwrap();
        dir
    }

    #[test]
    fn the_stamped_worker_names_every_file_and_the_version() {
        let dir = site("names");
        let version = stamp(&dir).unwrap();
        let worker = std::fs::read_to_string(dir.join(SERVICE_WORKER)).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(version.len(), 16);
        assert!(worker.contains(&format!("const BUILD = '{version}';")), "{worker}");
        assert!(worker.contains(r#"const FILES = ["./","index.html","pkg/app.wasm"];"#), "{worker}");
        assert!(worker.ends_with("self.x = 1;\n"));
    }

    #[test]
    fn one_changed_byte_changes_the_version_and_stamping_again_does_not() {
        let dir = site("bytes");
        let first = stamp(&dir).unwrap();
        assert_eq!(stamp(&dir).unwrap(), first, "the worker itself is not part of the hash");
        std::fs::write(dir.join("pkg/app.wasm"), [0, 97, 115, 110]).unwrap();
        let second = stamp(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_ne!(first, second);
    }

    #[test]
    fn a_worker_without_its_version_line_is_an_error() {
        let dir = site("broken");
        std::fs::write(dir.join(SERVICE_WORKER), "self.x = 1;\n").unwrap();
        let result = stamp(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(result.is_err());
    }
}
