//! The module's calls as the app makes them: JSON requests in, bytes and JSON out.

use taawun_core::demo;
use taawun_core::document;

use super::*;

fn demo_document() -> Vec<u8> {
    document::export(&demo::dataset())
}

fn export_request(format: &str) -> ExportRequest {
    table_request("cooperatives", format)
}

fn table_request(table: &str, format: &str) -> ExportRequest {
    let text = format!(r#"{{"table":"{table}","format":"{format}","bom":true,"lang":"ar","today":"2026-11-30"}}"#);
    serde_json::from_str(&text).unwrap()
}

const SHEET: &str = "Liste des coopératives 2025\r\n\r\nNom en français;ICE;Commune;Secteur\r\nCoopérative Zitoun Nord;001561191000066;Assilah;Agriculture\r\nCoopérative Sans Commune;;Nulle Part Ici;Agriculture\r\n";

fn preview_request() -> PreviewRequest {
    serde_json::from_str(r#"{"kind":"cooperatives","lang":"fr"}"#).unwrap()
}

#[test]
fn a_csv_export_starts_with_the_bom_and_the_arabic_headers() {
    let bytes = export_bytes(&demo_document(), &export_request("csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}الاسم بالعربية".as_bytes()));
}

#[test]
fn an_xlsx_export_reads_back_with_one_row_per_cooperative() {
    let bytes = export_bytes(&demo_document(), &export_request("xlsx")).unwrap();
    let grid = read::xlsx(&bytes).unwrap();
    assert_eq!(grid.rows.len(), demo::dataset().cooperatives().all().len() + 1);
}

#[test]
fn the_visits_and_attendance_tables_the_page_names_are_exported_with_their_rows() {
    let dataset = demo::dataset();
    let visits = read::xlsx(&export_bytes(&demo_document(), &table_request("visits", "xlsx")).unwrap()).unwrap();
    assert_eq!(visits.rows.len(), dataset.visits().live().count() + 1);
    assert_eq!(visits.rows[0][0], read::Value::Text("تاريخ الزيارة".into()));
    assert!(visits.rows[1..].iter().all(|row| matches!(row[0], read::Value::Date(_))), "visit dates are date cells");
    let attendance = export_bytes(&demo_document(), &table_request("attendance", "csv")).unwrap();
    let text = String::from_utf8(attendance).unwrap();
    let check_ins: usize = dataset.meetings().live().map(|m| m.data.attendance.len()).sum();
    assert!(text.starts_with("\u{feff}اللقاء;"), "{text}");
    assert_eq!(text.lines().count(), check_ins + 1);
}

fn session(document: &[u8]) -> Session {
    open_session(document, SHEET.as_bytes()).unwrap()
}

#[test]
fn the_preview_guesses_the_mapping_under_the_title_and_lists_the_bad_row() {
    let json = preview_json(&session(&demo_document()), &preview_request()).unwrap();
    let mapping: ColumnMapping = serde_json::from_str(json["mapping"].as_str().unwrap()).unwrap();
    assert_eq!(mapping.header_row, 2, "the empty line under the title counts as a row");
    assert_eq!(json["row_count"], 2);
    assert_eq!(json["errors"], serde_json::json!([5]));
    let finding = json["findings"].as_array().unwrap().iter().find(|f| f["row"] == 5).unwrap();
    assert_eq!(finding["gravity"], "error");
    assert_eq!(finding["value"], "Nulle Part Ici");
    assert_eq!(json["fingerprint"].as_str().map(str::len), Some(16));
}

/// The fingerprint of the preview the page would show for `request`.
fn shown(document: &[u8], request: &PreviewRequest) -> String {
    preview_json(&session(document), request).unwrap()["fingerprint"].as_str().unwrap().to_owned()
}

fn apply_request(valid_only: bool) -> ApplyRequest {
    ApplyRequest {
        preview: preview_request(),
        valid_only,
        fingerprint: shown(&demo_document(), &preview_request()),
        at_millis: 1_764_460_800_000,
        user: "Salma".into(),
        device: Id::from_u128(7),
        device_name: "tablette".into(),
        ids: vec![Id::from_u128(1001), Id::from_u128(1002)],
    }
}

fn grid() -> Grid {
    read::any(SHEET.as_bytes()).unwrap()
}

#[test]
fn an_import_with_a_bad_row_gives_no_edits_unless_only_valid_rows_are_asked_for() {
    let refused = apply_json(&grid(), &demo_document(), &apply_request(false)).unwrap_err();
    assert!(matches!(refused, SheetsError::Refused(ImportRefused::RowsWithErrors { .. })));
    let json = apply_json(&grid(), &demo_document(), &apply_request(true)).unwrap();
    assert_eq!((json["created"].as_u64(), json["updated"].as_u64()), (Some(1), Some(0)));
    assert!(json["findings"].is_array(), "the dataset's findings on the records written come back: {json}");

    // The app reads the edits and applies them through its own `Dataset::apply`.
    let batch = document::import_edits(json["edits"].as_str().unwrap().as_bytes()).unwrap();
    let mut dataset = demo::dataset();
    let author = apply_request(true).author().unwrap();
    dataset.apply(batch, &taawun_core::dataset::EditContext::recorded(author)).unwrap();
    let created = dataset.cooperatives().get(Id::from_u128(1001)).unwrap();
    assert_eq!(created.data.name_fr, "Coopérative Zitoun Nord");
    assert_eq!(dataset.cooperatives().all().len(), demo::dataset().cooperatives().all().len() + 1);
}

#[test]
fn an_import_is_refused_when_it_would_write_other_than_the_preview_shown() {
    let mut request = apply_request(true);
    request.preview.update_existing = true;
    let shown_then = request.fingerprint.clone();
    // The data changed after the preview: the cooperative of the sheet's ICE now exists.
    let mut dataset = demo::dataset();
    let mut existing = dataset.cooperatives().live().next().unwrap().data.clone();
    existing.ice = Some(taawun_core::ice::Ice::parse("001561191000066", taawun_core::ice::IceCheck::Warn).unwrap());
    existing.register_number = None;
    let author = request.author().unwrap();
    dataset
        .apply(
            taawun_core::dataset::Edit::CreateCooperative { id: Id::from_u128(4242), cooperative: existing },
            &taawun_core::dataset::EditContext::recorded(author),
        )
        .unwrap();
    let changed = document::export(&dataset);
    match apply_json(&grid(), &changed, &request) {
        Err(SheetsError::Changed { shown, now }) => assert!(shown == shown_then && now != shown_then),
        other => panic!("the import must be refused: {other:?}"),
    }
}

#[test]
fn a_near_spelling_blocks_its_row_until_the_suggestions_are_accepted() {
    let sheet = "Nom;Commune;Secteur\nCoopérative Gueznaya;Gueznaya;Apiculture\n";
    let session = open_session(&demo_document(), sheet.as_bytes()).unwrap();
    let mut request = preview_request();
    let json = preview_json(&session, &request).unwrap();
    assert_eq!(json["errors"], serde_json::json!([2]));
    assert_eq!(json["findings"][0]["suggestion"], "Gueznaia");
    request.accept_suggestions = true;
    let json = preview_json(&session, &request).unwrap();
    assert_eq!(json["errors"], serde_json::json!([]));
    assert_eq!((json["findings"][0]["gravity"].as_str(), json["importable"].as_u64()), (Some("warning"), Some(1)));
}

#[test]
fn an_import_without_enough_ids_is_refused() {
    let mut request = apply_request(true);
    request.ids.clear();
    assert!(matches!(apply_json(&grid(), &demo_document(), &request), Err(SheetsError::Ids { given: 0 })));
}

#[test]
fn a_field_remapped_to_another_column_leaves_the_first_one() {
    let json = preview_json(&session(&demo_document()), &preview_request()).unwrap();
    let remapped = remap(json["mapping"].as_str().unwrap(), 2, "name_fr").unwrap();
    let mapping: ColumnMapping = serde_json::from_str(&remapped).unwrap();
    let fields: Vec<_> = mapping.columns.iter().map(|c| c.field).collect();
    assert_eq!(fields[0], None);
    assert_eq!(fields[2], Some(import::Field::NameFr));
}
