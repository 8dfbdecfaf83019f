//! One fixture per situation of issue 10's import (and of the audit that followed it), each
//! built here with its expected preview: keys that clash, projects found by register number,
//! ICEs that lost their zeros on a project sheet, totals rows and names that only look like
//! one, years typed in date columns, the dataset's own rules, the fingerprint of a preview,
//! the import as one batch of edits, workbooks that unpack too far, and every exported sheet
//! read back cell by cell.

use std::str::FromStr;

use calamine::{Data, Reader, Xlsx};
use rust_decimal::Decimal;
use rust_xlsxwriter::Workbook;

use super::{accepting, author, cooperative_with_ice, created, options, with_rulebook};
use crate::dataset::{Dataset, Edit, EditContext};
use crate::date::Date;
use crate::id::Id;
use crate::lang::Lang;
use crate::reference::ReferenceData;
use crate::register::RegisterNumber;
use crate::spreadsheet::export::{self, Table};
use crate::spreadsheet::import::{self, ColumnMapping, Field, Gravity, ImportKind, ImportOptions, Incoming, Preview, RowAction, RowChoice};
use crate::spreadsheet::read::{self, Grid};
use crate::spreadsheet::{Cell, write};

fn csv(text: &str) -> Grid {
    read::csv(text.as_bytes()).unwrap()
}

fn preview_of(dataset: &Dataset, grid: &Grid, kind: ImportKind, options: &ImportOptions) -> Preview {
    let mapping = ColumnMapping::guess(kind, grid, None).unwrap();
    import::preview(dataset, grid, &mapping, options).unwrap()
}

fn said(preview: &Preview) -> Vec<(usize, Gravity, Option<&str>, &str)> {
    preview.findings.iter().map(|f| (f.row, f.gravity, f.column.as_deref(), f.value.as_str())).collect()
}

fn recorded() -> EditContext {
    EditContext::recorded(author())
}

/// A dataset with one cooperative under `ice` and the register number `number` of Tangier's
/// court.
fn with_cooperative(id: u128, ice: &str, number: &str) -> Dataset {
    let mut dataset = Dataset::new(ReferenceData::builtin());
    let mut cooperative = cooperative_with_ice(ice);
    cooperative.register_number = Some(RegisterNumber::new("TPI-TNG", number).unwrap());
    dataset.apply(Edit::CreateCooperative { id: Id::from_u128(id), cooperative }, &recorded()).unwrap();
    dataset
}

#[test]
fn a_row_whose_women_outnumber_its_members_is_an_error_of_the_preview_on_the_women_cell() {
    let grid = csv("Nom;Commune;Secteur;Nombre d'adhérents;Femmes\nCoopérative Nour;Assilah;Apiculture;5;9\nCoopérative Amal;Assilah;Apiculture;9;5\n");
    let preview = preview_of(&Dataset::new(ReferenceData::builtin()), &grid, ImportKind::Cooperatives, &options());
    assert_eq!(preview.rows_with_errors(), [2], "{:?}", preview.findings);
    let women = preview.findings.iter().find(|f| f.row == 2).unwrap();
    assert_eq!((women.gravity, women.column.as_deref(), women.value.as_str()), (Gravity::Error, Some("Femmes"), "9"));
    assert!(women.message(Lang::Fr).contains("dépasse le total"), "{}", women.message(Lang::Fr));
    assert!(matches!(preview.rows[0].action, RowAction::Nothing));
    assert_eq!(preview.importable(), 1);
}

#[test]
fn a_project_without_contributions_is_previewed_with_a_warning_to_complete_them_not_an_error() {
    let mut dataset = with_cooperative(0xc1, "001561191000066", "12/2020");
    let rulebook = with_rulebook(&mut dataset);
    let grid = csv("ICE;Intitulé du projet;Programme;Axe;Année;Coût total\n001561191000066;Miellerie;P3;P3-ESS;2024;150000\n");
    let preview = preview_of(&dataset, &grid, ImportKind::Projects, &ImportOptions { rulebook: Some(rulebook), ..options() });
    assert_eq!(preview.rows_with_errors(), Vec::<usize>::new(), "{:?}", preview.findings);
    let cost = preview.findings.iter().find(|f| f.column.as_deref() == Some("Coût total")).expect("the sum of contributions is said");
    assert_eq!((cost.gravity, cost.value.as_str()), (Gravity::Warning, "150000"));
}

#[test]
fn an_import_gives_the_edits_it_wrote_as_one_batch_that_replays_to_the_same_data() {
    let dataset = with_cooperative(0xc1, "001561191000066", "12/2020");
    let grid = csv(
        "ICE;Nom;Commune;Secteur;Nombre d'adhérents\n1561191000066;Coopérative existante;Assilah;Apiculture;14\n;Coopérative Nouvelle;Assilah;Apiculture;8\n",
    );
    let preview = preview_of(&dataset, &grid, ImportKind::Cooperatives, &options());
    let mut imported_here = dataset.clone();
    let imported = import::apply(&mut imported_here, &preview, author(), RowChoice::AllRows, || Id::from_u128(0xd1)).unwrap();
    assert_eq!((imported.created, imported.updated), (vec![Id::from_u128(0xd1)], vec![Id::from_u128(0xc1)]));
    let Edit::Batch(edits) = &imported.edit else { panic!("one batch: {:?}", imported.edit) };
    assert_eq!(edits.len(), 2);

    // What an app does with it: read it from the module's JSON and apply it through its own
    // `Dataset::apply`.
    let bytes = crate::document::export_edits(std::slice::from_ref(&imported.edit), &author()).unwrap();
    let batch = crate::document::import_edits(&bytes).unwrap();
    assert_eq!(batch, imported.edit);
    let mut replayed = dataset.clone();
    replayed.apply(batch, &recorded()).unwrap();
    assert_eq!(replayed, imported_here);
}

#[test]
fn a_batch_is_written_all_or_nothing() {
    let dataset = with_cooperative(0xc1, "001561191000066", "12/2020");
    let fresh = cooperative_with_ice("000000000000017");
    let taken = Edit::Batch(vec![
        Edit::CreateCooperative { id: Id::from_u128(0xd1), cooperative: fresh.clone() },
        Edit::CreateCooperative { id: Id::from_u128(0xc1), cooperative: fresh.clone() },
    ]);
    let mut refused = dataset.clone();
    assert!(refused.apply(taken, &recorded()).is_err(), "the second id is taken");
    assert_eq!(refused, dataset, "the first creation was not kept");
    let mut done = dataset.clone();
    let applied = done.apply(Edit::Batch(vec![Edit::CreateCooperative { id: Id::from_u128(0xd1), cooperative: fresh }]), &recorded()).unwrap();
    assert_eq!((applied.record, applied.rollback), (None, None));
    assert!(done.cooperatives().get(Id::from_u128(0xd1)).is_some());
    let delete = Edit::Delete { target: crate::record::RecordRef { kind: crate::record::RecordKind::Cooperative, id: Id::from_u128(0xc1) }, base_revision: 1 };
    assert_eq!(crate::document::export_edits(&[delete], &author()), Err(crate::document::UnsupportedEdit { index: 0 }));
}

#[test]
fn the_fingerprint_of_a_preview_changes_when_the_import_would_write_otherwise() {
    let mut dataset = with_cooperative(0xc1, "001561191000066", "12/2020");
    let grid = csv("ICE;Nombre d'adhérents\n1561191000066;14\n");
    let shown = preview_of(&dataset, &grid, ImportKind::Cooperatives, &options());
    assert_eq!(shown.fingerprint(), preview_of(&dataset, &grid, ImportKind::Cooperatives, &options()).fingerprint(), "the same reading, the same fingerprint");
    let record = dataset.cooperatives().get(Id::from_u128(0xc1)).unwrap().clone();
    let mut changed = record.data.clone();
    changed.notes = "modifiée ailleurs".into();
    dataset.apply(Edit::UpdateCooperative { id: record.id, base_revision: record.meta.revision, cooperative: changed }, &recorded()).unwrap();
    assert_ne!(shown.fingerprint(), preview_of(&dataset, &grid, ImportKind::Cooperatives, &options()).fingerprint(), "the record changed since");
}

#[test]
fn a_project_sheet_whose_ice_lost_its_zeros_finds_the_cooperative_and_says_so() {
    let mut dataset = with_cooperative(0xc1, "001561191000066", "12/2020");
    let rulebook = with_rulebook(&mut dataset);
    let grid = csv("ICE;Intitulé du projet;Programme;Axe;Année;Coût total\n1561191000066;Miellerie;P3;P3-ESS;2024;150000\n");
    let preview = preview_of(&dataset, &grid, ImportKind::Projects, &ImportOptions { rulebook: Some(rulebook), ..options() });
    let RowAction::Create(Incoming::Project(project)) = &preview.rows[0].action else { panic!("{:?}", preview.findings) };
    assert_eq!(project.cooperative, Id::from_u128(0xc1));
    let ice = preview.findings.iter().find(|f| f.column.as_deref() == Some("ICE")).expect("the lost zeros are said");
    assert_eq!((ice.gravity, ice.value.as_str(), ice.suggestion.as_deref()), (Gravity::Warning, "1561191000066", Some("001561191000066")));
}

#[test]
fn a_row_whose_ice_and_register_number_name_two_cooperatives_is_an_error() {
    let mut dataset = with_cooperative(0xc1, "001561191000066", "12/2020");
    let mut other = cooperative_with_ice("000000000000017");
    other.name_fr = "Coopérative voisine".into();
    other.register_number = Some(RegisterNumber::new("TPI-TNG", "99/2019").unwrap());
    dataset.apply(Edit::CreateCooperative { id: Id::from_u128(0xc2), cooperative: other }, &recorded()).unwrap();
    let grid = csv("ICE;Tribunal;Numéro d'inscription;Nombre d'adhérents\n001561191000066;TPI-TNG;99/2019;14\n001561191000066;TPI-TNG;12/2020;15\n");
    let preview = preview_of(&dataset, &grid, ImportKind::Cooperatives, &options());
    assert_eq!(preview.rows_with_errors(), [2, 3], "row 3 repeats row 2's ICE: {:?}", preview.findings);
    let clash = preview.findings.iter().find(|f| f.row == 2 && f.gravity == Gravity::Error).unwrap();
    assert!(clash.message(Lang::Fr).contains("Coopérative voisine"), "{}", clash.message(Lang::Fr));
    assert!(clash.value.contains("Coopérative existante"), "{}", clash.value);

    let alone = csv("ICE;Tribunal;Numéro d'inscription;Nombre d'adhérents\n001561191000066;TPI-TNG;12/2020;15\n");
    let agreeing = preview_of(&dataset, &alone, ImportKind::Cooperatives, &options());
    assert!(matches!(agreeing.rows[0].action, RowAction::Update { id, .. } if id == Id::from_u128(0xc1)), "{:?}", agreeing.findings);
}

#[test]
fn projects_find_their_cooperative_by_court_and_register_number_headed_in_either_language() {
    assert_eq!(import::guess_field(ImportKind::Projects, "Numéro d'inscription"), Some(Field::RegisterNumber));
    assert_eq!(import::guess_field(ImportKind::Projects, "رقم التسجيل"), Some(Field::RegisterNumber));
    assert_eq!(import::guess_field(ImportKind::Projects, "المحكمة"), Some(Field::Court));
    assert_eq!(import::guess_field(ImportKind::Projects, "Tribunal"), Some(Field::Court));
    let mut dataset = with_cooperative(0xc1, "001561191000066", "012/2020");
    let rulebook = with_rulebook(&mut dataset);
    let grid = csv(
        "المحكمة;رقم التسجيل;عنوان المشروع;البرنامج;المحور;السنة;الكلفة الإجمالية\nالمحكمة الابتدائية بطنجة;012/2020;معصرة الزيتون;P3;P3-ESS;2024;90000\nTPI-TNG;404/2020;مخبزة;P3;P3-ESS;2024;1000\n",
    );
    let preview = preview_of(&dataset, &grid, ImportKind::Projects, &ImportOptions { rulebook: Some(rulebook), ..options() });
    let RowAction::Create(Incoming::Project(press)) = &preview.rows[0].action else { panic!("{:?}", preview.findings) };
    assert_eq!((press.cooperative, press.title_ar.as_str()), (Id::from_u128(0xc1), "معصرة الزيتون"));
    assert_eq!(preview.rows_with_errors(), [3]);
    let unknown = preview.findings.iter().find(|f| f.row == 3 && f.gravity == Gravity::Error).unwrap();
    assert_eq!((unknown.column.as_deref(), unknown.value.as_str()), (Some("رقم التسجيل"), "404/2020"));
}

#[test]
fn a_totals_row_is_skipped_but_a_cooperative_named_total_is_read() {
    let grid =
        csv("Nom;Commune;Secteur;Nombre d'adhérents\nTotal Bio;Assilah;Apiculture;12\nالمجموع النسوي;Assilah;Apiculture;7\nTotal;;;19\nالمجموع العام;;;19\n");
    let preview = preview_of(&Dataset::new(ReferenceData::builtin()), &grid, ImportKind::Cooperatives, &options());
    assert_eq!(created(&preview, 2).name_fr, "Total Bio");
    assert_eq!(created(&preview, 3).name_ar, "المجموع النسوي");
    let skipped: Vec<usize> = preview.findings.iter().filter(|f| f.gravity == Gravity::Skipped).map(|f| f.row).collect();
    assert_eq!(skipped, [4, 5]);
    assert_eq!(preview.importable(), 2);

    let keyed = csv("ICE;Nom;Nombre d'adhérents\n001561191000066;Total;12\n");
    let preview = preview_of(&Dataset::new(ReferenceData::builtin()), &keyed, ImportKind::Cooperatives, &options());
    assert!(!preview.findings.iter().any(|f| f.gravity == Gravity::Skipped), "a row with a key is never a totals row: {:?}", preview.findings);
}

#[test]
fn a_year_typed_in_a_date_column_is_refused_with_the_date_it_would_have_been() {
    let grid = csv("Nom;Commune;Secteur;Date de création\nA;Assilah;Apiculture;2019\nB;Assilah;Apiculture;43466\nC;Assilah;Apiculture;01/01/2019\n");
    let preview = preview_of(&Dataset::new(ReferenceData::builtin()), &grid, ImportKind::Cooperatives, &options());
    assert_eq!(preview.rows_with_errors(), [2]);
    let year = preview.findings.iter().find(|f| f.row == 2).unwrap();
    assert_eq!((year.column.as_deref(), year.value.as_str()), (Some("Date de création"), "2019"));
    assert!(year.message(Lang::Fr).contains("11/07/1905"), "{}", year.message(Lang::Fr));
    assert_eq!(created(&preview, 3).created_on, Date::new(2019, 1, 1).ok(), "a serial after 1950 is a date");
    assert_eq!(created(&preview, 4).created_on, Date::new(2019, 1, 1).ok());

    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, h) in ["Nom", "Commune", "Secteur", "Date de création"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["A", "Assilah", "Apiculture"].iter().enumerate() {
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    sheet.write_number(1, 3, 2019.0).unwrap();
    let grid = read::xlsx(&workbook.save_to_buffer().unwrap()).unwrap();
    let preview = preview_of(&Dataset::new(ReferenceData::builtin()), &grid, ImportKind::Cooperatives, &options());
    assert_eq!(preview.rows_with_errors(), [2], "a year in a number cell too: {:?}", preview.findings);
}

#[test]
fn a_workbook_that_unpacks_beyond_the_limit_is_refused_before_it_is_unpacked() {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
    zip.start_file("xl/sharedStrings.xml", deflated).unwrap();
    let zeros = vec![b'0'; 1 << 20];
    for _ in 0..=(read::MAX_UNPACKED_BYTES >> 20) {
        zip.write_all(&zeros).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < read::MAX_BYTES, "the file itself is small: {}", bytes.len());
    assert!(matches!(read::any(&bytes), Err(read::ReadError::UnpacksTooLarge { bytes, limit }) if bytes > limit), "{:?}", read::any(&bytes).err());
}

#[test]
fn a_cell_beyond_the_rows_or_columns_an_import_reads_is_refused() {
    for (row, column) in [(read::MAX_ROWS as u32, 0u16), (0, read::MAX_COLUMNS as u16)] {
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.write_string(0, 0, "Nom").unwrap();
        sheet.write_string(row, column, "loin").unwrap();
        let error = read::xlsx(&workbook.save_to_buffer().unwrap()).unwrap_err();
        assert_eq!(
            error,
            read::ReadError::TooManyCells { row: row as usize + 1, column: column as usize + 1, max_rows: read::MAX_ROWS, max_columns: read::MAX_COLUMNS }
        );
    }
}

#[test]
fn every_sheet_of_an_exported_workbook_reads_back_cell_by_cell_in_both_languages() {
    let dataset = crate::demo::dataset();
    for lang in Lang::ALL {
        let sheets: Vec<_> = Table::ALL.iter().map(|t| export::sheet(&dataset, *t, lang)).collect();
        let bytes = write::xlsx(&sheets, Date::new(2025, 7, 9).unwrap()).unwrap();
        let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(&bytes)).unwrap();
        for sheet in &sheets {
            let range = workbook.worksheet_range(&sheet.name).unwrap();
            assert_eq!(range.height(), sheet.rows.len() + 1, "{}", sheet.name);
            for (c, header) in sheet.headers.iter().enumerate() {
                assert_eq!(range.get((0, c)), Some(&Data::String(header.clone())), "{} header {c}", sheet.name);
            }
            for (r, row) in sheet.rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    let read = range.get((r + 1, c)).cloned().unwrap_or(Data::Empty);
                    let at = format!("{} row {} column {c}", sheet.name, r + 2);
                    match cell {
                        Cell::Empty => assert_eq!(read, Data::Empty, "{at}"),
                        // XLSX escapes CR and NUL, which calamine does not undo.
                        Cell::Text(text) | Cell::Code(text) if text.contains(['\r', '\0']) => assert!(matches!(read, Data::String(_)), "{at}"),
                        Cell::Text(text) | Cell::Code(text) => assert_eq!(read, Data::String(text.clone()), "{at}"),
                        Cell::Money(value) => {
                            let Data::Float(float) = read else { panic!("{at}: a number cell, found {read:?}") };
                            assert_eq!(Decimal::from_str(&float.to_string()).unwrap(), *value, "{at}");
                        }
                        Cell::Count(n) => assert_eq!(read, Data::Float(*n as f64), "{at}"),
                        Cell::Date(day) => {
                            let Data::DateTime(when) = read else { panic!("{at}: a date cell, found {read:?}") };
                            assert_eq!(read::date_of_serial(when.as_f64()), Some(*day), "{at}");
                        }
                    }
                }
            }
        }
    }
}

/// Projects whose cost is a number cell of a workbook (with cents, and a whole number) and a
/// text in the Moroccan grammar, as a prefecture's workbook mixes them.
#[test]
fn amounts_in_number_cells_of_a_workbook_are_read_exactly() {
    let mut dataset = with_cooperative(0xc1, "001561191000066", "12/2020");
    let rulebook = with_rulebook(&mut dataset);
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, h) in ["ICE", "Intitulé du projet", "Programme", "Axe", "Année", "Coût total"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (title, cost)) in [("Miellerie", Some(150_000.5)), ("Laiterie", Some(85_000.0)), ("Serre", None)].iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, "001561191000066").unwrap();
        sheet.write_string(r, 1, *title).unwrap();
        sheet.write_string(r, 2, "P3").unwrap();
        sheet.write_string(r, 3, "P3-ESS").unwrap();
        sheet.write_number(r, 4, 2024.0).unwrap();
        match cost {
            Some(cost) => sheet.write_number(r, 5, *cost).unwrap(),
            None => sheet.write_string(r, 5, "1 250 000,75 DH").unwrap(),
        };
    }
    let grid = read::xlsx(&workbook.save_to_buffer().unwrap()).unwrap();
    let preview = preview_of(&dataset, &grid, ImportKind::Projects, &ImportOptions { rulebook: Some(rulebook), ..options() });
    let costs: Vec<String> = preview
        .rows
        .iter()
        .map(|row| match &row.action {
            RowAction::Create(Incoming::Project(p)) => p.total_cost.to_canonical(),
            other => panic!("{other:?} {:?}", preview.findings),
        })
        .collect();
    assert_eq!(costs, ["150000.50", "85000.00", "1250000.75"]);
}

#[test]
fn a_row_with_the_court_and_register_number_of_an_existing_cooperative_updates_it() {
    let mut dataset = with_cooperative(0xc1, "001561191000066", "007/2021");
    let grid = csv("Tribunal;Numéro d'inscription;Nombre d'adhérents;Femmes\nTribunal de première instance de Tanger;007/2021;30;12\n");
    let refusing = preview_of(&dataset, &grid, ImportKind::Cooperatives, &ImportOptions { update_existing: false, ..options() });
    assert_eq!(refusing.rows_with_errors(), [2], "creating it again is an error");
    let preview = preview_of(&dataset, &grid, ImportKind::Cooperatives, &options());
    assert!(matches!(preview.rows[0].action, RowAction::Update { id, base_revision: 1, .. } if id == Id::from_u128(0xc1)), "{:?}", preview.findings);
    import::apply(&mut dataset, &preview, author(), RowChoice::AllRows, || panic!("no record is created")).unwrap();
    let record = dataset.cooperatives().get(Id::from_u128(0xc1)).unwrap();
    assert_eq!((record.data.members.total, record.data.members.women, record.data.notes.as_str()), (30, 12, "gardée"));
}

#[test]
fn a_comma_separated_utf8_csv_is_previewed_row_by_row() {
    let grid = csv(
        "\u{feff}Nom,Commune,Secteur,ICE,Date de création\r\n\"Coopérative \"\"Al Wafa\"\", Tanger\",Assilah,Agriculture,001561191000066,09/07/2019\r\nتعاونية البحر,أصيلة,Apiculture,,\r\n",
    );
    assert_eq!(grid.separator, Some(','));
    let preview = preview_of(&Dataset::new(ReferenceData::builtin()), &grid, ImportKind::Cooperatives, &accepting());
    assert_eq!(preview.rows_with_errors(), Vec::<usize>::new(), "{:?}", said(&preview));
    let wafa = created(&preview, 2);
    assert_eq!((wafa.name_fr.as_str(), wafa.commune.as_str(), wafa.sector.as_str()), ("Coopérative \"Al Wafa\", Tanger", "ASL", "AGR"));
    assert_eq!((wafa.ice.as_ref().map(|i| i.as_str()), wafa.created_on), (Some("001561191000066"), Date::new(2019, 7, 9).ok()));
    let bahr = created(&preview, 3);
    assert_eq!((bahr.name_ar.as_str(), bahr.commune.as_str(), bahr.sector.as_str(), bahr.ice.as_ref()), ("تعاونية البحر", "ASL", "AGR-API", None));
}

/// The preview in short, one line per row and one per finding: `4 create`, `5 skip`,
/// `  4 warning ICE «1561191000066» → 001561191000066`.
fn summary(preview: &Preview) -> String {
    let mut lines = Vec::new();
    for row in &preview.rows {
        let action = match (&row.action, row.has_error) {
            (RowAction::Create(_), _) => "create",
            (RowAction::Update { .. }, _) => "update",
            (RowAction::Nothing, true) => "error",
            (RowAction::Nothing, false) => "skip",
        };
        lines.push(format!("{} {action}", row.row));
        for f in preview.findings.iter().filter(|f| f.row == row.row) {
            let gravity = format!("{:?}", f.gravity).to_lowercase();
            let suggestion = f.suggestion.as_deref().map(|s| format!(" → {s}")).unwrap_or_default();
            lines.push(format!("  {} {gravity} {} «{}»{suggestion}", f.row, f.column.as_deref().unwrap_or("-"), f.value));
        }
    }
    lines.join("\n")
}

/// A workbook of `rows` (row, column, text or number), plus merged ranges.
fn workbook(cells: &[(u32, u16, &str)], numbers: &[(u32, u16, f64)], merged: &[(u32, u16, u32, u16, &str)]) -> Grid {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (r, c, text) in cells {
        sheet.write_string(*r, *c, *text).unwrap();
    }
    for (r, c, n) in numbers {
        sheet.write_number(*r, *c, *n).unwrap();
    }
    for (r0, c0, r1, c1, text) in merged {
        sheet.merge_range(*r0, *c0, *r1, *c1, *text, &rust_xlsxwriter::Format::new()).unwrap();
    }
    read::xlsx(&book.save_to_buffer().unwrap()).unwrap()
}

fn check(grid: &Grid, expected: &str) {
    let preview = preview_of(&Dataset::new(ReferenceData::builtin()), grid, ImportKind::Cooperatives, &options());
    assert_eq!(summary(&preview), expected.trim(), "\n{}", summary(&preview));
}

#[test]
fn title_rows_above_the_header_are_passed_over() {
    check(&csv("Préfecture de Tanger-Assilah\nListe des coopératives au 30/06/2025\nNom;Commune;Secteur\nA;Assilah;Apiculture\n"), "4 create");
}

#[test]
fn a_commune_merged_over_two_rows_belongs_to_both() {
    let header = [(0, 0, "Nom"), (0, 1, "Commune"), (0, 2, "Secteur"), (1, 0, "A"), (1, 2, "Apiculture"), (2, 0, "B"), (2, 2, "Apiculture")];
    let grid = workbook(&header, &[], &[(1, 1, 2, 1, "Assilah")]);
    check(&grid, "2 create\n3 create");
    let preview = preview_of(&Dataset::new(ReferenceData::builtin()), &grid, ImportKind::Cooperatives, &options());
    assert_eq!((created(&preview, 2).commune.as_str(), created(&preview, 3).commune.as_str()), ("ASL", "ASL"));
}

#[test]
fn empty_rows_are_left_out_and_the_rows_keep_their_numbers() {
    check(&csv("Nom;Commune;Secteur\n\nA;Assilah;Apiculture\n;;\nB;Assilah;Apiculture\n"), "3 create\n5 create");
}

#[test]
fn a_totals_row_is_skipped_and_said() {
    check(
        &csv("Nom;Commune;Secteur;Nombre d'adhérents\nA;Assilah;Apiculture;4\nB;Assilah;Apiculture;5\nTotal général;;;9\n"),
        "2 create\n3 create\n4 skip\n  4 skipped - «Total général | 9»",
    );
}

#[test]
fn a_repeated_row_is_skipped_and_a_repeated_key_is_an_error() {
    check(
        &csv("Nom;ICE;Commune;Secteur\nA;001561191000066;Assilah;Apiculture\nA;001561191000066;Assilah;Apiculture\nB;001561191000066;Assilah;Apiculture\n"),
        "2 create\n3 skip\n  3 skipped - «A | 001561191000066 | Assilah»\n4 error\n  4 error - «ice 001561191000066»",
    );
}

#[test]
fn creation_dates_as_serial_numbers_are_read_as_dates() {
    let grid = workbook(
        &[(0, 0, "Nom"), (0, 1, "Commune"), (0, 2, "Secteur"), (0, 3, "Date de création"), (1, 0, "A"), (1, 1, "Assilah"), (1, 2, "Apiculture")],
        &[(1, 3, 45_123.0)],
        &[],
    );
    check(&grid, "2 create");
    let preview = preview_of(&Dataset::new(ReferenceData::builtin()), &grid, ImportKind::Cooperatives, &options());
    assert_eq!(created(&preview, 2).created_on, Date::new(2023, 7, 16).ok());
}

#[test]
fn creation_dates_written_day_month_year_are_read_and_impossible_ones_refused() {
    check(
        &csv("Nom;Commune;Secteur;Date de création\nA;Assilah;Apiculture;09/07/2019\nB;Assilah;Apiculture;31/02/2019\n"),
        "2 create\n3 error\n  3 error Date de création «31/02/2019»",
    );
}

#[test]
fn an_ice_that_lost_its_zeros_is_repaired_and_said() {
    let grid = workbook(
        &[(0, 0, "Nom"), (0, 1, "ICE"), (0, 2, "Commune"), (0, 3, "Secteur"), (1, 0, "A"), (1, 2, "Assilah"), (1, 3, "Apiculture")],
        &[(1, 1, 1_561_191_000_066.0)],
        &[],
    );
    check(&grid, "2 create\n  2 warning ICE «1561191000066» → 001561191000066");
}

#[test]
fn a_near_spelling_is_an_error_with_its_suggestion_until_accepted() {
    check(&csv("Nom;Commune;Secteur\nA;Asilah;Apiculture\n"), "2 error\n  2 error Commune «Asilah» → Assilah");
}
