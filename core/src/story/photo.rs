//! A success story's photo as the app keeps it: an image already downscaled by the browser,
//! written as a `data:` URL, under its own storage key, and carried inside exported documents so
//! that an export and an import never lose it.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::id::Id;
use crate::lang::Lang;
use crate::text::Localised;

/// The largest photo kept, in characters of its `data:` URL (about 110 KB of image once
/// base64 is decoded). localStorage counts characters, so this is what each photo costs there.
pub const MAX_PHOTO_CHARS: usize = 150_000;

/// The storage keys of photos start with this; the rest is the photo's id.
pub const PHOTO_KEY_PREFIX: &str = "taawun.photo.";

/// The image types a photo may have.
const MEDIA_TYPES: [&str; 3] = ["image/jpeg", "image/webp", "image/png"];

/// A photo: its id (the one a [`super::Story`] lists) and the image as a `data:` URL.
/// Valid by construction through [`Photo::new`]; reading one from a file checks it the same way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawPhoto", into = "RawPhoto")]
pub struct Photo {
    id: Id,
    data_url: String,
}

/// The photo as written in a document: `{"id": "…", "data": "data:image/jpeg;base64,…"}`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhoto {
    id: Id,
    data: String,
}

impl TryFrom<RawPhoto> for Photo {
    type Error = PhotoError;

    fn try_from(raw: RawPhoto) -> Result<Photo, PhotoError> {
        Photo::new(raw.id, raw.data)
    }
}

impl From<Photo> for RawPhoto {
    fn from(photo: Photo) -> RawPhoto {
        RawPhoto { id: photo.id, data: photo.data_url }
    }
}

/// Why a photo is refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PhotoError {
    /// Even downscaled, the image takes more room than a photo may.
    #[error("photo {id} takes {chars} characters, more than the {limit} allowed")]
    TooLarge {
        /// The photo.
        id: Id,
        /// Its size, in characters of its `data:` URL.
        chars: usize,
        /// [`MAX_PHOTO_CHARS`].
        limit: usize,
    },
    /// The text is not a base64 `data:` URL of a JPEG, WebP or PNG image.
    #[error("photo {id} is not a jpeg, webp or png image in a base64 data url (it starts with {start:?})")]
    NotAnImage {
        /// The photo.
        id: Id,
        /// The first characters of what was given.
        start: String,
    },
}

impl Localised for PhotoError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (PhotoError::TooLarge { chars, limit, .. }, Lang::Fr) => {
                format!("photo trop lourde même réduite : {} Ko pour {} Ko au plus ; choisissez une autre image", chars.div_ceil(1000), limit / 1000)
            }
            (PhotoError::TooLarge { chars, limit, .. }, Lang::Ar) => {
                format!("الصورة كبيرة جدا حتى بعد تصغيرها: {} ك.ب والحد الأقصى {} ك.ب؛ اختر صورة أخرى", chars.div_ceil(1000), limit / 1000)
            }
            (PhotoError::NotAnImage { .. }, Lang::Fr) => "ce fichier n'est pas une image JPEG, WebP ou PNG".into(),
            (PhotoError::NotAnImage { .. }, Lang::Ar) => "هذا الملف ليس صورة بصيغة JPEG أو WebP أو PNG".into(),
        }
    }
}

impl Photo {
    /// A photo from a `data:` URL such as `data:image/jpeg;base64,/9j/…`, checked: one of the
    /// three image types, base64 only, at most [`MAX_PHOTO_CHARS`] characters.
    pub fn new(id: Id, data_url: String) -> Result<Photo, PhotoError> {
        let not_an_image = || PhotoError::NotAnImage { id, start: data_url.chars().take(30).collect() };
        let Some(rest) = data_url.strip_prefix("data:") else { return Err(not_an_image()) };
        let Some((media_type, payload)) = rest.split_once(";base64,") else { return Err(not_an_image()) };
        let base64 = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=');
        if !MEDIA_TYPES.contains(&media_type) || payload.is_empty() || !payload.bytes().all(base64) {
            return Err(not_an_image());
        }
        if data_url.len() > MAX_PHOTO_CHARS {
            return Err(PhotoError::TooLarge { id, chars: data_url.len(), limit: MAX_PHOTO_CHARS });
        }
        Ok(Photo { id, data_url })
    }

    /// The photo's id.
    pub fn id(&self) -> Id {
        self.id
    }

    /// The image as a `data:` URL, ready for an `<img src>`.
    pub fn data_url(&self) -> &str {
        &self.data_url
    }

    /// The storage key of this photo.
    pub fn key(&self) -> String {
        key(self.id)
    }
}

/// The storage key of the photo `id`: `taawun.photo.{id}`.
pub fn key(id: Id) -> String {
    format!("{PHOTO_KEY_PREFIX}{id}")
}

/// The photo id a storage key names, if it is a photo key.
pub fn id_of_key(key: &str) -> Option<Id> {
    Id::parse(key.strip_prefix(PHOTO_KEY_PREFIX)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id() -> Id {
        Id::from_u128(0x5eed)
    }

    #[test]
    fn a_small_jpeg_data_url_is_a_photo_stored_under_its_own_key() {
        let photo = Photo::new(id(), "data:image/jpeg;base64,/9j/4AAQ".into()).unwrap();
        assert_eq!(photo.key(), format!("taawun.photo.{}", id()));
        assert_eq!(id_of_key(&photo.key()), Some(id()));
        assert_eq!(id_of_key("taawun.part.1.a.document"), None);
    }

    #[test]
    fn a_photo_one_character_over_the_limit_is_refused_with_its_size_in_both_languages() {
        let head = "data:image/webp;base64,";
        let fits = format!("{head}{}", "A".repeat(MAX_PHOTO_CHARS - head.len()));
        assert!(Photo::new(id(), fits.clone()).is_ok());
        let refused = Photo::new(id(), format!("{fits}A")).unwrap_err();
        assert_eq!(refused, PhotoError::TooLarge { id: id(), chars: MAX_PHOTO_CHARS + 1, limit: MAX_PHOTO_CHARS });
        assert!(refused.message(Lang::Fr).contains("151 Ko pour 150 Ko"));
        assert!(refused.message(Lang::Ar).contains("151"));
    }

    #[test]
    fn text_that_is_not_a_base64_image_is_refused() {
        for text in [
            "data:text/html;base64,PGI+",
            "data:image/svg+xml;base64,PHN2Zz4=",
            "data:image/png;base64,<script>",
            "image/png;base64,AAAA",
            "data:image/png;base64,",
        ] {
            assert!(matches!(Photo::new(id(), text.into()), Err(PhotoError::NotAnImage { .. })), "{text}");
        }
    }

    #[test]
    fn a_photo_reads_back_from_its_json_and_a_bad_one_is_refused_on_reading() {
        let photo = Photo::new(id(), "data:image/png;base64,iVBORw0KGgo=".into()).unwrap();
        let json = serde_json::to_string(&photo).unwrap();
        assert_eq!(json, format!(r#"{{"id":"{}","data":"data:image/png;base64,iVBORw0KGgo="}}"#, id()));
        assert_eq!(serde_json::from_str::<Photo>(&json).unwrap(), photo);
        assert!(serde_json::from_str::<Photo>(&json.replace("image/png", "text/html")).is_err());
    }
}
