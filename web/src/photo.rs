//! Photos chosen for a success story, downscaled in the browser before they are kept: the file
//! is decoded as an image, drawn on a canvas at a smaller size and written again as JPEG, smaller
//! and smaller until it fits core's limit (`story::photo::MAX_PHOTO_CHARS`).

use taawun_core::id::Id;
use taawun_core::story::photo::{MAX_PHOTO_CHARS, Photo, PhotoError};
use wasm_bindgen::JsCast;

/// The longest sides tried, largest first, with the JPEG qualities tried at each.
const SIDES: [u32; 6] = [1280, 1024, 800, 640, 480, 320];
const QUALITIES: [f64; 2] = [0.8, 0.6];

/// The size of an image of `width` × `height` whose longest side is at most `longest`, keeping
/// its proportions (never enlarged, never zero).
pub fn fit(width: u32, height: u32, longest: u32) -> (u32, u32) {
    let (width, height) = (width.max(1), height.max(1));
    let side = width.max(height);
    if side <= longest {
        return (width, height);
    }
    let scale = |d: u32| ((u64::from(d) * u64::from(longest)).div_ceil(u64::from(side)) as u32).max(1);
    (scale(width), scale(height))
}

/// Decodes `file` and writes it again, as small as needed, as the photo `id`.
pub async fn downscale(file: web_sys::File, id: Id) -> Result<Photo, PhotoError> {
    let not_an_image = || PhotoError::NotAnImage { id, start: file.type_() };
    let url = web_sys::Url::create_object_url_with_blob(&file).map_err(|_| not_an_image())?;
    let drawn = draw(&url, id).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    drawn.ok_or_else(not_an_image)?
}

/// `None` when the browser could not decode the image or has no canvas.
async fn draw(url: &str, id: Id) -> Option<Result<Photo, PhotoError>> {
    let document = web_sys::window()?.document()?;
    let image = web_sys::HtmlImageElement::new().ok()?;
    image.set_src(url);
    wasm_bindgen_futures::JsFuture::from(image.decode()).await.ok()?;
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas").ok()?.dyn_into().ok()?;
    let context: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    let mut smallest = usize::MAX;
    for side in SIDES {
        let (width, height) = fit(image.natural_width(), image.natural_height(), side);
        canvas.set_width(width);
        canvas.set_height(height);
        // JPEG has no transparency: a transparent picture is laid on white, not black.
        context.set_fill_style_str("#ffffff");
        context.fill_rect(0.0, 0.0, f64::from(width), f64::from(height));
        context.draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, f64::from(width), f64::from(height)).ok()?;
        for quality in QUALITIES {
            let written = canvas.to_data_url_with_type_and_encoder_options("image/jpeg", &quality.into()).ok()?;
            if written.len() <= MAX_PHOTO_CHARS {
                return Some(Photo::new(id, written));
            }
            smallest = smallest.min(written.len());
        }
    }
    Some(Err(PhotoError::TooLarge { id, chars: smallest, limit: MAX_PHOTO_CHARS }))
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn a_large_picture_is_fitted_to_the_longest_side_and_a_small_one_is_kept() {
        assert_eq!(fit(4000, 3000, 1280), (1280, 960));
        assert_eq!(fit(3000, 4000, 800), (600, 800));
        assert_eq!(fit(300, 200, 1280), (300, 200));
        assert_eq!(fit(5000, 1, 320), (320, 1), "a sliver keeps at least one pixel");
    }
}
