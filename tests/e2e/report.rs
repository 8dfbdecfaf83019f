//! Success stories and the printable report in a real browser: a story told on a project's page
//! with a photo uploaded through the file input (a PNG made here), downscaled and kept under its
//! own key below the limit, carried by an export into a fresh browser; the report (bilan) printed
//! to PDF by Chromium (`Page.printToPDF`) in Arabic and French, saved beside the screenshots and
//! read back with poppler's `pdftotext` to find the headline figures; the report of two communes;
//! the attendance sheet, reached from its meeting's page, printed too.
//! Expected values are computed natively by `taawun_core`, the code the app runs.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::json;
use taawun_core::id::Id;
use taawun_core::meeting::attendance_sheet;
use taawun_core::stats::{self, Filter, Selection};
use taawun_core::story::photo::{MAX_PHOTO_CHARS, PHOTO_KEY_PREFIX, id_of_key};
use taawun_core::{Lang, demo, document, text};
use thirtyfour::prelude::*;

use crate::browser::{Browser, fail, with_browser};
use crate::meetings::{press, wait_text};
use crate::reliability::{Options, download_dir, downloaded, snapshot, with};

/// The folder of the screenshots, where the printed PDFs are saved too.
fn screenshots() -> PathBuf {
    let dir = std::env::var_os("TAAWUN_SCREENSHOTS").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../screenshots"));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

// ---- A PNG made here: stored (uncompressed) deflate blocks in a zlib stream, CRC-checked chunks.

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
}

/// A `width` × `height` RGB picture of coloured bands with a speckle, large enough that the app
/// must shrink it.
pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
    let mut raw = Vec::with_capacity(((width * 3 + 1) * height) as usize);
    let mut seed = 0x2545_f491u32;
    for y in 0..height {
        raw.push(0);
        for x in 0..width {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let speckle = (seed >> 26) as u8;
            raw.extend_from_slice(&[(x * 255 / width) as u8 ^ speckle, (y * 255 / height) as u8, ((x + y) % 97) as u8 * 2 + speckle]);
        }
    }
    let mut zlib = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (index, block) in blocks.iter().enumerate() {
        zlib.push(u8::from(index + 1 == blocks.len()));
        let length = block.len() as u16;
        zlib.extend_from_slice(&length.to_le_bytes());
        zlib.extend_from_slice(&(!length).to_le_bytes());
        zlib.extend_from_slice(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in &raw {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    zlib.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = width.to_be_bytes().to_vec();
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &header);
    chunk(&mut out, b"IDAT", &zlib);
    chunk(&mut out, b"IEND", &[]);
    out
}

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let sextets: Vec<u8> = text.bytes().filter_map(value).collect();
    let mut out = Vec::with_capacity(sextets.len() * 3 / 4);
    for group in sextets.chunks(4) {
        let bits = group.iter().enumerate().fold(0u32, |acc, (i, s)| acc | (u32::from(*s) << (18 - 6 * i)));
        out.extend_from_slice(&bits.to_be_bytes()[1..group.len()]);
    }
    out
}

/// Prints the page to PDF through Chromium's DevTools, on A4 with the page's own print styles.
async fn print_to_pdf(browser: &Browser, name: &str) -> WebDriverResult<PathBuf> {
    let printed = browser
        .driver
        .cdp()
        .send_raw("Page.printToPDF", json!({"printBackground": true, "preferCSSPageSize": true, "paperWidth": 8.27, "paperHeight": 11.69}))
        .await?;
    let data = printed["data"].as_str().ok_or_else(|| fail(format!("printToPDF gave no data: {printed}")))?;
    let path = screenshots().join(format!("{name}.pdf"));
    std::fs::write(&path, base64_decode(data)).map_err(|e| fail(format!("cannot write {}: {e}", path.display())))?;
    Ok(path)
}

/// The text of a PDF as poppler reads it, one string per page.
fn pdf_pages(path: &Path) -> Vec<String> {
    let output = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(path).arg("-").output().expect("pdftotext runs (cargo xtask installs poppler-utils)");
    assert!(output.status.success(), "pdftotext failed on {}: {}", path.display(), String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).split('\u{c}').filter(|page| !page.trim().is_empty()).map(str::to_owned).collect()
}

/// Digits and decimal commas only: what survives pdftotext's spacing and Arabic shaping.
fn digits(text: &str) -> String {
    text.chars().filter(|c| c.is_ascii_digit() || *c == ',').collect()
}

/// Without spaces and direction marks, which pdftotext adds around and inside Arabic words.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && !('\u{200e}'..='\u{200f}').contains(c) && !('\u{202a}'..='\u{202e}').contains(c)).collect()
}

/// Each figure of `sentence` (digits and their decimal comma, spaces inside a number dropped),
/// in order: `"85 coopératives …, dont 33 …, pour 20,86 MDH …"` gives `["85", "33", "20,86", …]`.
fn figures_in(sentence: &str) -> Vec<String> {
    let mut figures: Vec<String> = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = sentence.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let next_is_digit = chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() || (*c == ',' && !current.is_empty() && next_is_digit) {
            current.push(*c);
        } else if c.is_whitespace() && !current.is_empty() && next_is_digit {
            // A thousands separator: the number goes on.
        } else if !current.is_empty() {
            figures.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        figures.push(current);
    }
    figures
}

pub(crate) async fn stored_photo_keys(browser: &Browser) -> WebDriverResult<Vec<(String, String)>> {
    Ok(snapshot(browser).await?.into_iter().filter(|(key, _)| key.starts_with(PHOTO_KEY_PREFIX)).collect())
}

async fn use_french(browser: &Browser) -> WebDriverResult<()> {
    if browser.lang_dir().await?.0 != "fr" {
        browser.click("#lang-switch").await?;
    }
    for _ in 0..50 {
        if browser.lang_dir().await?.0 == "fr" {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(fail("the interface never switched to French".into()))
}

/// Waits until `css` matches `count` elements.
async fn wait_count(browser: &Browser, css: &str, count: usize) -> WebDriverResult<()> {
    for _ in 0..200 {
        if browser.driver.find_all(By::Css(css)).await?.len() == count {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(fail(format!("{css} never matched {count} elements")))
}

/// A `width` × `height` PNG written in `folder`, and a funded demo project without a story yet.
fn picture_and_untold_project(folder: &Path, width: u32, height: u32) -> (PathBuf, Id) {
    let picture = folder.join("cooperative.png");
    std::fs::write(&picture, png(width, height)).expect("the test picture is written");
    let data = demo::dataset();
    let told: Vec<Id> = data.stories().live().map(|s| s.data.project).collect();
    let project = stats::funded_projects(&data, &Filter::default()).map(|(p, _)| p.id).find(|id| !told.contains(id)).expect("a funded project without a story");
    (picture, project)
}

#[tokio::test(flavor = "multi_thread")]
async fn report_a_story_photo_is_downscaled_kept_under_its_own_key_and_travels_with_an_export() {
    let downloads = download_dir("report-story");
    let (picture, project) = picture_and_untold_project(&downloads, 1600, 1200);
    let folder = downloads.clone();
    with(Options { downloads: Some(downloads), ..Options::default() }, |browser| async move {
        browser.start("/", true).await?;
        use_french(&browser).await?;
        browser.visit(&format!("#/projects/{project}")).await?;
        browser.click("#story-edit").await?;
        browser.fill("#story-fr", "Grâce au séchoir solaire, la coopérative vend toute l'année (histoire fictive).").await?;
        browser.fill("#story-jobs", "7").await?;
        browser.fill("#story-before", "120 000").await?;
        browser.fill("#story-after", "310 000,50").await?;
        browser.wait_for("#story-photo-input").await?.send_keys(picture.display().to_string()).await?;
        wait_count(&browser, "#story-photo-list li", 1).await?;
        browser.click("#story-save").await?;
        browser.wait_for("#project-story img.story-photo").await?;
        assert!(browser.text("#project-story .story-figures").await?.contains("310 000,50 DH"));

        // One photo, under its own key, below the limit, a JPEG the app wrote smaller.
        let photos = stored_photo_keys(&browser).await?;
        assert_eq!(photos.len(), 1, "one key for the one photo");
        let (key, value) = &photos[0];
        assert!(value.len() <= MAX_PHOTO_CHARS, "{} characters stored", value.len());
        assert!(value.starts_with("data:image/jpeg;base64,"), "{}", &value[..40.min(value.len())]);
        let id = id_of_key(key).ok_or_else(|| fail(format!("{key} names no photo")))?;
        let stored = browser.stored_document().await?.ok_or_else(|| fail("nothing stored".into()))?;
        let dataset = document::import(stored.as_bytes()).map_err(|e| fail(e.to_string()))?.dataset;
        let story = dataset.stories().live().find(|s| s.data.project == project).ok_or_else(|| fail("the story was not saved".into()))?;
        assert_eq!(story.data.photos, vec![id.to_string()]);
        assert!(!stored.contains("base64"), "the stored document does not hold the image");

        // Counted in the storage meter.
        browser.visit("#/data").await?;
        assert!(browser.text("#photos-used").await?.starts_with("1 ("));

        // The export carries the image; a fresh browser that imports the file shows it again.
        browser.click("#export").await?;
        let file = downloaded(&folder, "taawun-").await?;
        let exported = document::import(&file).map_err(|e| fail(e.to_string()))?;
        assert_eq!(exported.photos.len(), 1);
        assert_eq!(exported.photos[0].data_url(), value);
        browser.driver.execute("localStorage.clear();", Vec::new()).await?;
        browser.driver.refresh().await?;
        browser.start("/", false).await?;
        use_french(&browser).await?;
        browser.visit("#/data").await?;
        let path = folder.join("round-trip.json");
        std::fs::write(&path, &file).map_err(|e| fail(e.to_string()))?;
        browser.wait_for("#import-file").await?.send_keys(path.display().to_string()).await?;
        assert!(browser.text("#import-photos").await?.ends_with('1'));
        browser.click("#confirm-import").await?;
        browser.wait_for("#data-done").await?;
        assert_eq!(browser.stored(key).await?.as_deref(), Some(value.as_str()), "the photo is back under its key");
        browser.visit("#/stories").await?;
        browser.wait_for("#stories-list img.story-photo").await?;
        browser.screenshot("stories-fr").await?;
        Ok(())
    })
    .await;
}

/// How many stored photos the Data page counts as shown by no story.
async fn unused_photos(browser: &Browser) -> WebDriverResult<String> {
    browser.visit("#/data").await?;
    unused_photos_shown(browser).await
}

/// How many the Data page, already open, shows.
async fn unused_photos_shown(browser: &Browser) -> WebDriverResult<String> {
    Ok(browser.wait_for("#photos-unused").await?.attr("data-count").await?.unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread")]
async fn report_photos_no_story_shows_any_more_are_counted_and_removed_on_request_and_no_other() {
    let downloads = download_dir("unused-photos");
    let (picture, project) = picture_and_untold_project(&downloads, 800, 600);
    let folder = downloads.clone();
    with(Options { downloads: Some(downloads), ..Options::default() }, |browser| async move {
        browser.start("/", true).await?;
        use_french(&browser).await?;
        let add_photo = |browser: Browser, picture: PathBuf| async move {
            browser.visit(&format!("#/projects/{project}")).await?;
            browser.click("#story-edit").await?;
            let before = browser.driver.find_all(By::Css("#story-photo-list li")).await?.len();
            browser.wait_for("#story-photo-input").await?.send_keys(picture.display().to_string()).await?;
            wait_count(&browser, "#story-photo-list li", before + 1).await
        };
        // A story that shows its photo: nothing is unused.
        add_photo(browser.clone(), picture.clone()).await?;
        browser.fill("#story-fr", "Une histoire fictive.").await?;
        browser.click("#story-save").await?;
        browser.wait_for("#project-story img.story-photo").await?;
        assert_eq!(unused_photos(&browser).await?, "0");
        assert!(browser.driver.find_all(By::Css("#remove-unused-photos")).await?.is_empty(), "nothing to remove, no button");
        let shown = stored_photo_keys(&browser).await?;

        // A second photo picked, then the form left without saving: that one is unused.
        add_photo(browser.clone(), picture.clone()).await?;
        assert_eq!(unused_photos(&browser).await?, "1", "the photo of the abandoned form");
        assert_eq!(stored_photo_keys(&browser).await?.len(), 2);

        // Cancelling the removal removes nothing.
        browser.click("#remove-unused-photos").await?;
        browser.click("#remove-unused-photos-cancel").await?;
        assert_eq!(stored_photo_keys(&browser).await?.len(), 2);

        // Confirmed, it removes that one and only that one; the meter follows.
        browser.click("#remove-unused-photos").await?;
        browser.click("#remove-unused-photos-confirm").await?;
        assert!(browser.text("#photos-removed").await?.ends_with('1'));
        assert_eq!(stored_photo_keys(&browser).await?, shown, "the photo the story shows stays");
        assert_eq!(unused_photos_shown(&browser).await?, "0");
        assert!(browser.text("#photos-used").await?.starts_with("1 ("));

        // The story's photo taken out of it: now that one is unused too, and goes on request.
        browser.visit(&format!("#/projects/{project}")).await?;
        browser.click("#story-edit").await?;
        browser.click("#story-photo-list .remove-photo").await?;
        wait_count(&browser, "#story-photo-list li", 0).await?;
        browser.click("#story-save").await?;
        wait_count(&browser, "#project-story img.story-photo", 0).await?;
        assert_eq!(unused_photos(&browser).await?, "1");
        browser.click("#remove-unused-photos").await?;
        browser.click("#remove-unused-photos-confirm").await?;
        assert!(browser.text("#photos-removed").await?.ends_with('1'));
        assert!(stored_photo_keys(&browser).await?.is_empty());
        assert!(browser.text("#photos-used").await?.starts_with("0 ("));

        // A story with a photo again, then all the data replaced from a file without it: the
        // photo stays used while the undo, then the copy kept before the import, can bring the
        // story back (the copy is the one this very import kept, after the panel was drawn).
        add_photo(browser.clone(), picture.clone()).await?;
        browser.click("#story-save").await?;
        browser.wait_for("#project-story img.story-photo").await?;
        let file = folder.join("demo-without-the-photo.json");
        std::fs::write(&file, document::export(&demo::dataset())).map_err(|e| fail(e.to_string()))?;
        browser.visit("#/data").await?;
        browser.wait_for("#import-file").await?.send_keys(file.display().to_string()).await?;
        browser.click("#confirm-import").await?;
        browser.wait_for("#data-done").await?;
        assert_eq!(unused_photos_shown(&browser).await?, "0", "the undo can bring it back");
        browser.click("#undo-dismiss").await?;
        wait_count(&browser, "#undo", 0).await?;
        assert_eq!(unused_photos_shown(&browser).await?, "0", "the kept copy can bring it back");
        assert_eq!(stored_photo_keys(&browser).await?.len(), 1);
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn report_the_bilan_prints_to_pdf_in_both_languages_with_the_headline_figures() {
    let data = demo::dataset();
    let figures = stats::compute(&data, &Filter::default());
    with_browser(|browser| async move {
        browser.start("/", true).await?;
        for lang in [Lang::Fr, Lang::Ar] {
            browser.visit(&format!("#/report?lang={}", lang.code())).await?;
            let headline = browser.text("#report-headline").await?;
            assert_eq!(headline, stats::headline(&figures, lang).replace('\u{a0}', " "));
            wait_count(&browser, "#report-cooperatives-table tbody tr", figures.cooperatives_funded as usize + 1).await?;
            browser.wait_for("#report-meeting").await?;
            browser.screenshot(&format!("report-{}", lang.code())).await?;
            let pdf = print_to_pdf(&browser, &format!("report-{}", lang.code())).await?;
            let pages = pdf_pages(&pdf);
            assert!(pages.len() >= 5, "cover, figures, breakdowns, cooperatives, stories and meeting each start a page: {} pages", pages.len());
            let all = squeezed(&pages.join("\n"));
            // The cover (page 1) carries the headline sentence: its figures, as core writes them
            // in this language (85 cooperatives, 33 rural, 20,86 MDH, 13,17 MDH, 63,1 %).
            let cover = digits(&squeezed(&pages[0]));
            let sentence = stats::headline(&figures, lang);
            let expected = figures_in(&sentence);
            assert!(expected.len() >= 5, "the headline has its figures: {sentence}");
            if lang == Lang::Fr {
                // Left to right: the sentence's digits come out as written, whitespace aside.
                assert!(cover.contains(&digits(&sentence)), "the headline's digits, whitespace aside: {} in {cover}", digits(&sentence));
            }
            // Each figure on page 1, in either language (pdftotext may give the numbers of a
            // right-to-left line in the order they are drawn, so no order is asked in Arabic).
            for figure in &expected {
                assert!(cover.contains(figure.as_str()), "{figure} of «{sentence}» not on page 1 of the {} PDF: {cover}", lang.code());
            }
            // The exact amounts, in the key figures' table.
            let numbers = digits(&all);
            for expected in [text::amount(figures.total_support, lang), text::amount(figures.indh_contribution, lang)] {
                assert!(numbers.contains(&digits(&expected)), "{expected} in the {} PDF", lang.code());
            }
            // The print stylesheet leaves the navigation and the controls out.
            let hidden: &[&str] = if lang == Lang::Fr { &["Tableaudebord", "Imprimer"] } else { &["لوحةالقيادة"] };
            for hidden in hidden {
                assert!(!all.contains(hidden), "{hidden} printed in the {} PDF", lang.code());
            }
        }
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn report_two_communes_ticked_give_the_figures_of_both_as_core_counts_them() {
    let data = demo::dataset();
    let reference = data.reference();
    let of = |communes: Vec<String>| stats::compute(&data, &Selection { communes, ..Selection::default() }.filter(reference));
    // The first two communes (not arrondissements) with funded projects.
    let chosen: Vec<String> = reference
        .communes()
        .iter()
        .filter(|c| c.parent.is_none() && !c.retired && of(vec![c.code.clone()]).projects_funded > 0)
        .map(|c| c.code.clone())
        .take(2)
        .collect();
    assert_eq!(chosen.len(), 2, "the demo funds projects in two communes at least");
    let both = of(chosen.clone());
    assert!(both.cooperatives_funded < of(Vec::new()).cooperatives_funded, "two communes are not the whole prefecture");
    let expected = stats::headline(&both, Lang::Fr).replace('\u{a0}', " ");
    let names: Vec<String> = chosen.iter().filter_map(|code| reference.commune(code)).map(|c| c.name(Lang::Fr).to_owned()).collect();
    let one = stats::headline(&of(vec![chosen[1].clone()]), Lang::Fr).replace('\u{a0}', " ");
    with_browser(|browser| async move {
        browser.start("/", true).await?;
        use_french(&browser).await?;
        browser.visit("#/report?lang=fr").await?;
        for code in &chosen {
            press(&browser, &format!("#report-commune-{code}")).await?;
            browser.wait_for_route(|f| f.contains(&format!("commune={code}"))).await?;
        }
        let route = browser.wait_for_route(|f| chosen.iter().all(|code| f.contains(&format!("commune={code}")))).await?;
        assert!(route.starts_with("/report?"), "{route}");
        assert_eq!(wait_text(&browser, "#report-headline", &expected).await?, expected);
        let scope = browser.text("#report-scope").await?;
        for name in &names {
            assert!(scope.contains(name.as_str()), "{name} in «{scope}»");
        }
        for code in &chosen {
            assert!(browser.wait_for(&format!("#report-commune-{code}")).await?.is_selected().await?, "{code} stays ticked");
        }
        // Unticking one leaves the other's figures.
        press(&browser, &format!("#report-commune-{}", chosen[0])).await?;
        assert_eq!(wait_text(&browser, "#report-headline", &one).await?, one);
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn report_a_meeting_s_attendance_sheet_prints_one_row_per_check_in() {
    let data = demo::dataset();
    let meeting = data.meetings().live().next().expect("the demo's meeting");
    let rows = attendance_sheet(&meeting.data, &data, Lang::Fr);
    let id = meeting.id;
    with_browser(|browser| async move {
        browser.start("/", true).await?;
        use_french(&browser).await?;
        // Reached from the meeting's page, as a person would.
        browser.visit(&format!("#/meetings/{id}")).await?;
        browser.click("#print-attendance").await?;
        browser.wait_for_route(|f| f == format!("/meetings/{id}/attendance")).await?;
        wait_count(&browser, "#sheet-table tbody tr", rows.len()).await?;
        assert_eq!(browser.text("#sheet-table tbody tr:first-child th").await?, rows[0].name);
        let pdf = print_to_pdf(&browser, "attendance-fr").await?;
        let all = squeezed(&pdf_pages(&pdf).join("\n"));
        assert!(all.contains(&squeezed(&rows[0].name)), "the first attendee is printed");
        assert!(!all.contains("Tableaudebord"), "no navigation on the printed sheet");
        Ok(())
    })
    .await;
}
