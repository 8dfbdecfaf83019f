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

#[test]
fn the_preview_guesses_the_mapping_under_the_title_and_lists_the_bad_row() {
    let json = preview_json(&demo_document(), SHEET.as_bytes(), &preview_request()).unwrap();
    let mapping: ColumnMapping = serde_json::from_str(json["mapping"].as_str().unwrap()).unwrap();
    assert_eq!(mapping.header_row, 2, "the empty line under the title counts as a row");
    assert_eq!(json["row_count"], 2);
    assert_eq!(json["errors"], serde_json::json!([5]));
    let finding = json["findings"].as_array().unwrap().iter().find(|f| f["row"] == 5).unwrap();
    assert_eq!(finding["gravity"], "error");
    assert_eq!(finding["value"], "Nulle Part Ici");
}

fn apply_request(valid_only: bool) -> ApplyRequest {
    ApplyRequest {
        preview: preview_request(),
        valid_only,
        at_millis: 1_764_460_800_000,
        user: "Salma".into(),
        device: Id::from_u128(7),
        device_name: "tablette".into(),
        ids: vec![Id::from_u128(1001), Id::from_u128(1002)],
    }
}

#[test]
fn an_import_with_a_bad_row_writes_nothing_unless_only_valid_rows_are_asked_for() {
    let refused = apply_bytes(&demo_document(), SHEET.as_bytes(), &apply_request(false)).unwrap_err();
    assert!(matches!(refused, SheetsError::Refused(ImportRefused::RowsWithErrors { .. })));
    let after = apply_bytes(&demo_document(), SHEET.as_bytes(), &apply_request(true)).unwrap();
    let dataset = document::import(&after).unwrap().dataset;
    let created = dataset.cooperatives().get(Id::from_u128(1001)).unwrap();
    assert_eq!(created.data.name_fr, "Coopérative Zitoun Nord");
    assert_eq!(dataset.cooperatives().all().len(), demo::dataset().cooperatives().all().len() + 1);
}

#[test]
fn an_import_without_enough_ids_is_refused() {
    let mut request = apply_request(true);
    request.ids.clear();
    assert!(matches!(apply_bytes(&demo_document(), SHEET.as_bytes(), &request), Err(SheetsError::Ids { given: 0 })));
}

#[test]
fn a_field_remapped_to_another_column_leaves_the_first_one() {
    let json = preview_json(&demo_document(), SHEET.as_bytes(), &preview_request()).unwrap();
    let remapped = remap(json["mapping"].as_str().unwrap(), 2, "name_fr").unwrap();
    let mapping: ColumnMapping = serde_json::from_str(&remapped).unwrap();
    let fields: Vec<_> = mapping.columns.iter().map(|c| c.field).collect();
    assert_eq!(fields[0], None);
    assert_eq!(fields[2], Some(import::Field::NameFr));
}
