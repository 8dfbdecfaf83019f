//! The stories' photos in localStorage: each under its own key (`taawun.photo.{id}`, core's
//! `story::photo::key`), outside the stored document, so that saving an edit never rewrites
//! them and each one costs its own size once.

use taawun_core::id::Id;
use taawun_core::story::photo::{self, Photo};

use super::{StorageError, keys, local_storage, read, write_checked};

/// Stores a photo under its own key, read back and compared; on failure nothing stays.
pub fn save(photo: &Photo) -> Result<(), StorageError> {
    let storage = local_storage()?;
    let key = photo.key();
    if let Err(error) = write_checked(&storage, &key, photo.data_url()) {
        let _ = storage.remove_item(&key);
        return Err(error);
    }
    Ok(())
}

/// Stores the photos a file carries (an import, a merge), each under its own key, before its
/// data is written; returns the ids of those that were not stored yet. When one does not fit,
/// the ones written are removed and nothing of the file may be written.
pub fn save_all(photos: &[Photo]) -> Result<Vec<Id>, StorageError> {
    let mut written = Vec::new();
    for photo in photos {
        let already = load(photo.id()).is_some();
        if let Err(error) = save(photo) {
            remove_all(&written);
            return Err(error);
        }
        if !already {
            written.push(photo.id());
        }
    }
    Ok(written)
}

/// Removes the photos `ids` (those [`save_all`] wrote, when what they came with was refused).
pub fn remove_all(ids: &[Id]) {
    for id in ids {
        let _ = remove(*id);
    }
}

/// The photo `id`, when it is stored and still reads as a photo.
pub fn load(id: Id) -> Option<Photo> {
    let text = read(&photo::key(id)).ok().flatten()?;
    Photo::new(id, text).ok()
}

/// The photo named `name` in a story (its id as text), when it is stored.
pub fn load_named(name: &str) -> Option<Photo> {
    load(Id::parse(name).ok()?)
}

/// Removes a photo's key.
pub fn remove(id: Id) -> Result<(), StorageError> {
    local_storage()?.remove_item(&photo::key(id)).map_err(|_| StorageError::Unavailable)
}

/// The stored photos among `ids` (those missing are left out).
pub fn load_all(ids: impl IntoIterator<Item = Id>) -> Vec<Photo> {
    ids.into_iter().filter_map(load).collect()
}

/// Every stored photo's id, with the characters (key and value) it takes.
pub fn stored() -> std::collections::BTreeMap<Id, usize> {
    let Ok(storage) = local_storage() else { return Default::default() };
    keys(&storage)
        .into_iter()
        .filter_map(|key| {
            let id = photo::id_of_key(&key)?;
            let value = storage.get_item(&key).ok().flatten().unwrap_or_default();
            Some((id, key.encode_utf16().count() + value.encode_utf16().count()))
        })
        .collect()
}

/// How many photos are stored and how many characters (keys and values) they take.
pub fn usage() -> (usize, usize) {
    let stored = stored();
    (stored.len(), stored.values().sum())
}
