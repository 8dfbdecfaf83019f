//! Unit tests of the spreadsheet module: formula neutralisation (r28), CSV round trips (r29), the
//! XLSX round trip through calamine, and import fixtures built here (title rows, merged cells,
//! totals row, duplicates, Windows-1256 `;` CSV, serial dates, near spellings, ICE zeros lost,
//! update by key, all or nothing).

mod cases;

use std::io::{Cursor, Read};
use std::str::FromStr;

use calamine::{Data, Reader, Xlsx};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook};

use super::export::{self, Table};
use super::import::{self, ColumnMapping, Field, Gravity, ImportKind, ImportOptions, ImportRefused, Incoming, RowAction, RowChoice};
use super::read::{self, Value};
use super::write::{self, CsvOptions, Separator};
use super::{Cell, Sheet};
use crate::cooperative::{Contact, Cooperative, CooperativeStatus, Gender, LegalForm, Members};
use crate::dataset::{Dataset, Edit, EditContext};
use crate::date::Date;
use crate::ice::{Ice, IceCheck};
use crate::id::Id;
use crate::lang::Lang;
use crate::meeting::Attendee;
use crate::record::{Author, Timestamp};
use crate::reference::ReferenceData;
use crate::visit::{ObservedState, Visit};

const FORMULAS: [&str; 9] = ["=HYPERLINK(\"http://evil.example\",\"clic\")", "+1", "-2+3", "@SUM(A1)", "\tcaché", "\rretour", "\nligne", "\0nul", "=1,2"];

fn sheet(rows: Vec<Vec<Cell>>) -> Sheet {
    let width = rows.first().map_or(1, Vec::len);
    Sheet { name: "Essai".into(), headers: (1..=width).map(|i| format!("col {i}")).collect(), rows, right_to_left: false }
}

fn money(text: &str) -> Cell {
    Cell::Money(Decimal::from_str(text).unwrap())
}

fn author() -> Author {
    Author { at: Timestamp::from_millis(1_750_000_000_000).unwrap(), user: "Salma".into(), device: Id::from_u128(0x7ab), device_name: "tablette".into() }
}

fn csv_rows(bytes: &[u8], separator: u8) -> Vec<Vec<String>> {
    let mut reader = ::csv::ReaderBuilder::new().has_headers(false).delimiter(separator).from_reader(bytes);
    reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect()
}

#[test]
fn r28_formula_starts_are_neutralised_and_quoted_and_amounts_stay_signed_numbers() {
    let mut row: Vec<Cell> = FORMULAS.iter().map(|t| Cell::Text((*t).into())).collect();
    row.push(money("-1500.5"));
    row.push(money("12"));
    let sheet = sheet(vec![row]);
    let bytes = write::csv(&sheet, CsvOptions { separator: Separator::Comma, bom: false });
    let raw = String::from_utf8(bytes.clone()).unwrap();
    // RFC 4180: a field with a quote, separator or line break is quoted, its quotes doubled.
    assert!(raw.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"clic\"\")\""), "{raw}");
    assert!(raw.contains("\"'\rretour\"") && raw.contains("\"'\nligne\"") && raw.contains("\"'=1,2\""), "{raw}");
    assert!(raw.ends_with(",-1500.50,12.00\r\n"), "amounts are bare numbers with their sign: {raw}");
    let rows = csv_rows(&bytes, b',');
    for (field, original) in rows[1].iter().zip(FORMULAS) {
        assert_eq!(field, &format!("'{original}"));
    }
    assert_eq!(&rows[1][9..], ["-1500.50", "12.00"]);

    let semicolon = String::from_utf8(write::csv(&sheet, CsvOptions { separator: Separator::Semicolon, bom: false })).unwrap();
    assert!(semicolon.ends_with(";-1500,50;12,00\r\n"), "{semicolon}");

    let workbook = write::xlsx(std::slice::from_ref(&sheet), Date::new(2025, 7, 9).unwrap()).unwrap();
    let range = first_sheet(&workbook);
    for (c, original) in FORMULAS.iter().enumerate() {
        let Some(Data::String(cell)) = range.get((1, c)) else { panic!("column {c} is a string cell, never a formula: {:?}", range.get((1, c))) };
        // XLSX stores CR and NUL as `_x000D_` escapes, which calamine leaves as they are.
        if !original.contains(['\r', '\0']) {
            assert_eq!(cell, original, "the text is written as it is, no ' added");
        }
    }
    assert_eq!(range.get((1, 9)), Some(&Data::Float(-1500.5)));
    assert_eq!(range.get((1, 10)), Some(&Data::Float(12.0)));
    let xml = sheet_xml(&workbook, 1);
    assert!(!xml.contains("<f>"), "no cell holds a formula: {xml}");
    let styles = styles_xml(&workbook);
    assert!(styles.contains("quotePrefix=\"1\""), "risky text carries Excel's quote prefix: {styles}");
}

#[test]
fn a_phone_number_in_a_workbook_keeps_its_plus_with_the_quote_prefix_and_no_quote() {
    let sheet = sheet(vec![vec![Cell::Code("+212661234567".into()), Cell::Text("Coopérative Al Amal".into())]]);
    let workbook = write::xlsx(std::slice::from_ref(&sheet), Date::new(2025, 7, 9).unwrap()).unwrap();
    let range = first_sheet(&workbook);
    assert_eq!(range.get((1, 0)), Some(&Data::String("+212661234567".into())));
    assert_eq!(range.get((1, 1)), Some(&Data::String("Coopérative Al Amal".into())));
    // The phone's cell has a style with the prefix; the name's has none.
    let xml = sheet_xml(&workbook, 1);
    let style_of = |cell: &str| xml.split(&format!("<c r=\"{cell}\"")).nth(1).and_then(|rest| rest.split('>').next()).map(str::to_owned).unwrap_or_default();
    assert!(style_of("A2").contains(" s=\""), "{xml}");
    assert_ne!(style_of("A2"), style_of("B2"), "{xml}");
    let csv = String::from_utf8(write::csv(&sheet, CsvOptions { separator: Separator::Comma, bom: false })).unwrap();
    assert!(csv.contains("'+212661234567"), "CSV, which has no cell formats, keeps its ': {csv}");
}

fn styles_xml(bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    archive.by_name("xl/styles.xml").unwrap().read_to_string(&mut xml).unwrap();
    xml
}

#[test]
fn r29_names_with_commas_quotes_line_breaks_and_arabic_survive_a_csv_write_and_read() {
    let names = ["Coopérative \"Al Amal\", Tanger", "تعاونية «النور»، طنجة\nالمدينة", "Dar, \"Chaoui\"\r\nsuite", "'Ain Dalia", "  espaces  "];
    let rows: Vec<Vec<Cell>> = names.iter().map(|n| vec![Cell::Text((*n).into()), Cell::Code("001561191000066".into())]).collect();
    for separator in [Separator::Comma, Separator::Semicolon] {
        for bom in [false, true] {
            let bytes = write::csv(&sheet(rows.clone()), CsvOptions { separator, bom });
            let grid = read::csv(&bytes).unwrap();
            let read: Vec<String> = grid.rows[1..].iter().map(|r| r[0].as_text()).collect();
            let expected: Vec<String> = names.iter().map(|n| n.trim().to_owned()).collect();
            assert_eq!(read, expected, "{separator:?} bom {bom}");
            assert!(grid.rows[1..].iter().all(|r| r[1] == Value::Text("001561191000066".into())));
        }
    }
}

fn first_sheet(bytes: &[u8]) -> calamine::Range<Data> {
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let name = workbook.sheet_names()[0].clone();
    workbook.worksheet_range(&name).unwrap()
}

fn sheet_xml(bytes: &[u8], index: usize) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    archive.by_name(&format!("xl/worksheets/sheet{index}.xml")).unwrap().read_to_string(&mut xml).unwrap();
    xml
}

#[test]
fn an_arabic_workbook_reads_back_with_its_text_numbers_zeros_and_right_to_left_sheets() {
    let dataset = crate::demo::dataset();
    let sheets: Vec<Sheet> = Table::ALL.iter().map(|t| export::sheet(&dataset, *t, Lang::Ar)).collect();
    let day = Date::new(2025, 7, 9).unwrap();
    let bytes = write::xlsx(&sheets, day).unwrap();
    assert_eq!(bytes, write::xlsx(&sheets, day).unwrap(), "the same sheets give the same bytes");
    assert!(sheet_xml(&bytes, 1).contains("rightToLeft=\"1\""));

    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(&bytes)).unwrap();
    assert_eq!(workbook.sheet_names(), ["التعاونيات", "المشاريع", "المساهمات", "الصرف", "الزيارات", "الحضور"]);
    let cooperatives = workbook.worksheet_range("التعاونيات").unwrap();
    assert_eq!(cooperatives.get((0, 0)), Some(&Data::String("الاسم بالعربية".into())));
    let live: Vec<_> = dataset.cooperatives().live().collect();
    for (r, record) in live.iter().enumerate() {
        assert_eq!(cooperatives.get((r + 1, 0)), Some(&Data::String(record.data.name_ar.clone())));
        match &record.data.ice {
            Some(ice) => assert_eq!(cooperatives.get((r + 1, 5)), Some(&Data::String(ice.as_str().to_owned()))),
            None => assert_eq!(cooperatives.get((r + 1, 5)), Some(&Data::Empty)),
        }
    }
    assert!(live.iter().any(|r| r.data.ice.as_ref().is_some_and(|i| i.as_str().starts_with('0'))), "the demo has ICEs with leading zeros");

    let projects = workbook.worksheet_range("المشاريع").unwrap();
    for (r, record) in dataset.projects().live().enumerate() {
        let Some(Data::Float(cost)) = projects.get((r + 1, 7)) else { panic!("row {r}: the total cost is a number") };
        assert_eq!(Decimal::from_str(&cost.to_string()).unwrap(), record.data.total_cost.to_decimal());
    }
    let styles = {
        let mut archive = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
        let mut xml = String::new();
        archive.by_name("xl/styles.xml").unwrap().read_to_string(&mut xml).unwrap();
        xml
    };
    assert!(styles.contains("formatCode=\"#,##0.00\"") && styles.contains("formatCode=\"dd/mm/yyyy\""), "{styles}");

    let french = write::xlsx(&[export::sheet(&dataset, Table::Cooperatives, Lang::Fr)], day).unwrap();
    assert!(!sheet_xml(&french, 1).contains("rightToLeft"));
}

#[test]
fn an_amount_a_spreadsheet_number_cannot_hold_exactly_is_refused() {
    let error = write::xlsx(&[sheet(vec![vec![money("999999999999999.99")]])], Date::new(2025, 1, 1).unwrap()).unwrap_err();
    assert!(matches!(error, write::WriteError::AmountNotExact { row: 2, column: 1, .. }), "{error:?}");
}

#[test]
fn the_headers_of_both_languages_are_recognised() {
    for lang in Lang::ALL {
        let headers = Table::Cooperatives.headers(lang);
        let fields: Vec<Option<Field>> = headers.iter().map(|h| import::guess_field(ImportKind::Cooperatives, h)).collect();
        assert!(fields.iter().all(Option::is_some), "{lang:?}: {headers:?} → {fields:?}");
        let mut distinct = fields.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), fields.len(), "{lang:?}: {fields:?}");
    }
    let cases = [
        ("Nombre d'adhérents femmes", Field::MembersWomen),
        ("N° ICE", Field::Ice),
        ("اسم التعاونية", Field::Name),
        ("الجماعة الترابية", Field::Commune),
        ("Raison sociale", Field::Name),
        ("عدد المنخرطين", Field::MembersTotal),
    ];
    for (header, field) in cases {
        assert_eq!(import::guess_field(ImportKind::Cooperatives, header), Some(field), "{header}");
    }
    assert_eq!(import::guess_field(ImportKind::Projects, "الكلفة الإجمالية (درهم)"), Some(Field::TotalCost));
}

/// The register as people keep it: a merged title over two rows, the header, the commune merged
/// over two cooperatives, an empty row, a repeated row, an ICE typed as a number, creation
/// dates as serial numbers, a totals row.
fn kept_workbook() -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let plain = Format::new();
    sheet.merge_range(0, 0, 0, 5, "Liste des coopératives — Préfecture de Tanger-Assilah", &plain).unwrap();
    sheet.write_string(1, 0, "Situation au 30/06/2025").unwrap();
    for (c, h) in ["Raison sociale", "Commune", "Secteur", "ICE", "Date de création", "Nombre d'adhérents", "Femmes"].iter().enumerate() {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    sheet.write_string(3, 0, "Coopérative Al Amal").unwrap();
    sheet.merge_range(3, 1, 4, 1, "Sebt Azzinat", &plain).unwrap();
    sheet.write_string(3, 2, "Apiculture").unwrap();
    sheet.write_number(3, 3, 1_561_191_000_066.0).unwrap();
    sheet.write_number(3, 4, 45_123.0).unwrap();
    sheet.write_number(3, 5, 12.0).unwrap();
    sheet.write_number(3, 6, 7.0).unwrap();
    sheet.write_string(4, 0, "تعاونية النور").unwrap();
    sheet.write_string(4, 2, "الحليب").unwrap();
    sheet.write_string(4, 4, "09/07/2019").unwrap();
    sheet.write_string(4, 5, "20").unwrap();
    sheet.write_string(4, 6, "11").unwrap();
    // Row 6 is empty.
    sheet.write_string(6, 0, "Coopérative Al Amal").unwrap();
    sheet.write_string(6, 1, "Sebt Azzinat").unwrap();
    sheet.write_string(6, 2, "Apiculture").unwrap();
    sheet.write_number(6, 3, 1_561_191_000_066.0).unwrap();
    sheet.write_number(6, 4, 45_123.0).unwrap();
    sheet.write_number(6, 5, 12.0).unwrap();
    sheet.write_number(6, 6, 7.0).unwrap();
    sheet.write_string(7, 0, "Total").unwrap();
    sheet.write_number(7, 5, 32.0).unwrap();
    sheet.write_number(7, 6, 18.0).unwrap();
    workbook.save_to_buffer().unwrap()
}

fn options() -> ImportOptions {
    ImportOptions { update_existing: true, rulebook: None, call_year: None, accept_suggestions: false }
}

fn accepting() -> ImportOptions {
    ImportOptions { accept_suggestions: true, ..options() }
}

fn created(preview: &import::Preview, row: usize) -> Cooperative {
    match &preview.rows.iter().find(|r| r.row == row).unwrap().action {
        RowAction::Create(Incoming::Cooperative(c)) | RowAction::Update { record: Incoming::Cooperative(c), .. } => (**c).clone(),
        other => panic!("row {row}: {other:?}"),
    }
}

#[test]
fn a_register_kept_by_hand_in_excel_is_previewed_row_by_row() {
    let grid = read::any(&kept_workbook()).unwrap();
    let dataset = Dataset::new(ReferenceData::builtin());
    let mapping = ColumnMapping::guess(ImportKind::Cooperatives, &grid, None).unwrap();
    assert_eq!(mapping.header_row, 2, "the title rows are passed over");
    let unaccepted = import::preview(&dataset, &grid, &mapping, &options()).unwrap();
    assert_eq!(unaccepted.rows_with_errors(), [4, 5], "the near spelling of the merged commune waits for the user: {:?}", unaccepted.findings);
    let preview = import::preview(&dataset, &grid, &mapping, &accepting()).unwrap();

    assert_eq!(preview.rows.iter().map(|r| r.row).collect::<Vec<_>>(), [4, 5, 7, 8], "the empty row 6 is left out");
    let al_amal = created(&preview, 4);
    assert_eq!(al_amal.name_fr, "Coopérative Al Amal");
    assert_eq!(al_amal.ice.as_ref().map(Ice::as_str), Some("001561191000066"));
    assert_eq!(al_amal.created_on, Date::new(2023, 7, 16).ok(), "serial 45123");
    assert_eq!((al_amal.members.total, al_amal.members.women), (12, 7));
    assert_eq!(al_amal.commune, "AZN");
    let nour = created(&preview, 5);
    assert_eq!(nour.name_ar, "تعاونية النور");
    assert_eq!(nour.commune, "AZN", "the merged commune belongs to both rows");
    assert_eq!(nour.sector, "AGR-LAI");
    assert_eq!(nour.created_on, Date::new(2019, 7, 9).ok());

    let said: Vec<(usize, Gravity, Option<&str>)> = preview.findings.iter().map(|f| (f.row, f.gravity, f.column.as_deref())).collect();
    assert!(said.contains(&(4, Gravity::Warning, Some("ICE"))), "{said:?}");
    assert!(said.contains(&(4, Gravity::Warning, Some("Commune"))), "near spelling: {said:?}");
    assert!(said.contains(&(7, Gravity::Skipped, None)), "duplicate of row 4: {said:?}");
    assert!(said.contains(&(8, Gravity::Skipped, None)), "totals row: {said:?}");
    let ice = preview.findings.iter().find(|f| f.row == 4 && f.column.as_deref() == Some("ICE")).unwrap();
    assert_eq!(ice.suggestion.as_deref(), Some("001561191000066"));
    assert!(ice.message(Lang::Fr).contains("zéro"), "{}", ice.message(Lang::Fr));
    let commune = preview.findings.iter().find(|f| f.row == 4 && f.column.as_deref() == Some("Commune")).unwrap();
    assert_eq!(commune.suggestion.as_deref(), Some("Sebt Azzinate"));
    assert!(preview.findings.iter().find(|f| f.row == 7).unwrap().message(Lang::Ar).contains('4'));
    assert_eq!(preview.importable(), 2);
}

#[test]
fn a_windows_1256_csv_with_semicolons_and_arabic_headers_is_read() {
    let text = "سجل التعاونيات;;;;\r\nاسم التعاونية;الجماعة;القطاع;تاريخ التأسيس;عدد المنخرطين\r\nتعاونية الأمل;جماعة سبت الزينات;الفلاحة;01/02/2018;15\r\nتعاونية الوفاء;اصيلة;الفلاحه;45123;9\r\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1256.encode(text);
    assert!(!unmappable);
    let grid = read::csv(&bytes).unwrap();
    assert_eq!((grid.encoding, grid.separator), ("windows-1256", Some(';')));
    let mapping = ColumnMapping::guess(ImportKind::Cooperatives, &grid, None).unwrap();
    assert_eq!(mapping.header_row, 1);
    let preview = import::preview(&Dataset::new(ReferenceData::builtin()), &grid, &mapping, &options()).unwrap();
    let amal = created(&preview, 3);
    assert_eq!((amal.name_ar.as_str(), amal.commune.as_str(), amal.sector.as_str()), ("تعاونية الأمل", "AZN", "AGR"));
    assert_eq!(amal.created_on, Date::new(2018, 2, 1).ok());
    let wafa = created(&preview, 4);
    assert_eq!((wafa.commune.as_str(), wafa.created_on), ("ASL", Date::new(2023, 7, 16).ok()));
    assert!(preview.findings.iter().all(|f| f.gravity != Gravity::Error), "{:?}", preview.findings);
}

#[test]
fn a_utf8_csv_with_commas_and_a_bom_is_read_the_same() {
    let text = "\u{feff}Nom,Commune,Secteur\r\nCoopérative Nour,Assilah,Agriculture\r\n";
    let grid = read::csv(text.as_bytes()).unwrap();
    assert_eq!((grid.encoding, grid.separator), ("utf-8", Some(',')));
    assert_eq!(grid.rows[0][0], Value::Text("Nom".into()));
}

#[test]
fn csv_rows_are_numbered_as_a_spreadsheet_shows_them_across_empty_lines_and_line_breaks_in_cells() {
    let text = "Liste 2025\r\n\r\nNom;Notes\r\n\"Coop A\";\"deux\r\nlignes\"\r\n\r\nCoop B;x\r\n";
    let grid = read::csv(text.as_bytes()).unwrap();
    assert!(grid.rows[4].is_empty(), "{:?}", grid.rows);
    assert_eq!(grid.rows[3][0], Value::Text("Coop A".into()));
    assert!(grid.rows[4].is_empty());
    assert_eq!(grid.rows[5][0], Value::Text("Coop B".into()));
}

#[test]
fn near_spellings_are_suggested_and_wait_until_the_user_accepts_them_and_strangers_are_refused() {
    let text = "Nom;Commune;Secteur;Milieu\nA;Gueznaya;Apiculture;urbain\nB;Tombouctou;Apiculture;rural\nC;Assilah;Apicultur;قروي\n";
    let grid = read::csv(text.as_bytes()).unwrap();
    let mapping = ColumnMapping::guess(ImportKind::Cooperatives, &grid, None).unwrap();
    let dataset = Dataset::new(ReferenceData::builtin());

    let suggested = import::preview(&dataset, &grid, &mapping, &options()).unwrap();
    assert_eq!(suggested.rows_with_errors(), [2, 3, 4], "a near spelling is not used before the user accepts it");
    let gueznaya = suggested.findings.iter().find(|f| f.row == 2).unwrap();
    assert_eq!((gueznaya.gravity, gueznaya.column.as_deref(), gueznaya.value.as_str()), (Gravity::Error, Some("Commune"), "Gueznaya"));
    assert_eq!(gueznaya.suggestion.as_deref(), Some("Gueznaia"), "the suggestion is shown with the finding");
    assert!(gueznaya.message(Lang::Fr).contains("Gueznaia"), "{}", gueznaya.message(Lang::Fr));
    let apicultur = suggested.findings.iter().find(|f| f.row == 4).unwrap();
    assert_eq!((apicultur.column.as_deref(), apicultur.suggestion.as_deref()), (Some("Secteur"), Some("Apiculture")));
    assert_eq!(suggested.importable(), 0);

    let preview = import::preview(&dataset, &grid, &mapping, &accepting()).unwrap();
    let a = created(&preview, 2);
    assert_eq!(a.commune, "GZN");
    assert!(a.milieu_override.is_none(), "Gueznaia is urban already");
    let gueznaya = preview.findings.iter().find(|f| f.row == 2).unwrap();
    assert_eq!((gueznaya.gravity, gueznaya.suggestion.as_deref()), (Gravity::Warning, Some("Gueznaia")));
    assert_eq!(preview.rows_with_errors(), [3], "Tombouctou is not in the prefecture, whatever is accepted");
    assert_eq!(preview.findings.iter().find(|f| f.row == 3).unwrap().suggestion, None);
    let c = created(&preview, 4);
    assert_eq!(c.sector, "AGR-API");
    assert!(c.milieu_override.is_some(), "Assilah is urban, the sheet says rural");
}

fn cooperative_with_ice(ice: &str) -> Cooperative {
    Cooperative {
        name_ar: "تعاونية قائمة".into(),
        name_fr: "Coopérative existante".into(),
        legal_form: LegalForm::Cooperative,
        register_number: None,
        ice: Some(Ice::parse(ice, IceCheck::Warn).unwrap()),
        created_on: None,
        commune: "SLY".into(),
        milieu_override: None,
        sector: "AGR-API".into(),
        members: Members { total: 10, women: 3, youth: 2 },
        president_gender: Gender::Female,
        status: CooperativeStatus::Active,
        contact: Contact::default(),
        notes: "gardée".into(),
    }
}

#[test]
fn a_row_with_the_ice_of_an_existing_cooperative_updates_it_by_key() {
    let mut dataset = Dataset::new(ReferenceData::builtin());
    let existing = Id::from_u128(0xc1);
    dataset.apply(Edit::CreateCooperative { id: existing, cooperative: cooperative_with_ice("001561191000066") }, &EditContext::recorded(author())).unwrap();
    let text = "ICE;Nombre d'adhérents;Femmes\n1561191000066;14;8\n";
    let grid = read::csv(text.as_bytes()).unwrap();
    let mapping = ColumnMapping::guess(ImportKind::Cooperatives, &grid, None).unwrap();

    let refusing = import::preview(&dataset, &grid, &mapping, &ImportOptions { update_existing: false, ..options() }).unwrap();
    assert_eq!(refusing.rows_with_errors(), [2], "creating a second record with the same ICE is an error");

    let preview = import::preview(&dataset, &grid, &mapping, &options()).unwrap();
    assert!(matches!(preview.rows[0].action, RowAction::Update { id, base_revision: 1, .. } if id == existing), "{:?}", preview.rows);
    let imported = import::apply(&mut dataset, &preview, author(), RowChoice::AllRows, || panic!("no record is created")).unwrap();
    assert_eq!(imported.updated, [existing]);
    let record = dataset.cooperatives().get(existing).unwrap();
    assert_eq!((record.data.members.total, record.data.members.women, record.data.members.youth), (14, 8, 2));
    assert_eq!(record.data.notes, "gardée", "fields the sheet does not have are kept");
    assert_eq!(record.meta.revision, 2);
}

#[test]
fn an_import_writes_every_row_or_nothing_unless_valid_rows_only_is_chosen() {
    let text = "Nom;Commune;Secteur;Nombre d'adhérents\nA;Assilah;Apiculture;10\nB;Assilah;Apiculture;dix\nC;Assilah;Apiculture;12\n";
    let grid = read::csv(text.as_bytes()).unwrap();
    let mapping = ColumnMapping::guess(ImportKind::Cooperatives, &grid, None).unwrap();
    let mut dataset = Dataset::new(ReferenceData::builtin());
    let before = dataset.clone();
    let preview = import::preview(&dataset, &grid, &mapping, &options()).unwrap();
    let bad = preview.findings.iter().find(|f| f.gravity == Gravity::Error).unwrap();
    assert_eq!((bad.row, bad.column.as_deref(), bad.value.as_str()), (3, Some("Nombre d'adhérents"), "dix"));

    let mut ids = (1..).map(Id::from_u128);
    let refused = import::apply(&mut dataset, &preview, author(), RowChoice::AllRows, || ids.next().unwrap()).unwrap_err();
    assert_eq!(refused, ImportRefused::RowsWithErrors { rows: vec![3] });
    assert_eq!(dataset, before);

    let imported = import::apply(&mut dataset, &preview, author(), RowChoice::ValidRowsOnly, || ids.next().unwrap()).unwrap();
    assert_eq!(imported.created.len(), 2);
    assert_eq!(dataset.cooperatives().live().count(), 2);
    assert!(dataset.history(crate::record::RecordRef { kind: crate::record::RecordKind::Cooperative, id: imported.created[0] }).len() == 1);
}

/// Adds the rulebook of a call for projects, as most calls publish it.
fn with_rulebook(dataset: &mut Dataset) -> Id {
    let id = Id::from_u128(0xa);
    let rulebook = crate::rules::Rulebook::default_for_programme_3("طلب اقتراح مشاريع 2024", "Appel à projets 2024");
    dataset.apply(Edit::CreateRulebook { id, rulebook }, &EditContext::recorded(author())).unwrap();
    id
}

#[test]
fn projects_are_imported_for_the_cooperative_of_their_ice_with_amounts_as_text_or_numbers() {
    let mut dataset = Dataset::new(ReferenceData::builtin());
    let coop = Id::from_u128(0xc1);
    dataset.apply(Edit::CreateCooperative { id: coop, cooperative: cooperative_with_ice("001561191000066") }, &EditContext::recorded(author())).unwrap();
    let rulebook = with_rulebook(&mut dataset);
    let text = "ICE;Intitulé du projet;Programme;Axe;Année;Coût total;Date de dépôt\n001561191000066;Miellerie;P3;P3-ESS;2024;\"150 000,00 DH\";12/03/2024\n001561191000066;مخزن الحليب;P3;P3-ESS;2024;85000;45123\n999999999999999;Inconnu;P3;P3-ESS;2024;1;01/01/2024\n";
    let grid = read::csv(text.as_bytes()).unwrap();
    let mapping = ColumnMapping::guess(ImportKind::Projects, &grid, None).unwrap();
    assert_eq!(import::preview(&dataset, &grid, &mapping, &options()).unwrap_err(), import::ImportError::NoRulebook);
    let preview = import::preview(&dataset, &grid, &mapping, &ImportOptions { rulebook: Some(rulebook), ..options() }).unwrap();
    assert_eq!(preview.rows_with_errors(), [4], "{:?}", preview.findings);
    let RowAction::Create(Incoming::Project(miellerie)) = &preview.rows[0].action else { panic!("{:?}", preview.rows[0]) };
    assert_eq!((miellerie.cooperative, miellerie.title_fr.as_str(), miellerie.call.year), (coop, "Miellerie", 2024));
    assert_eq!(miellerie.total_cost.to_canonical(), "150000.00");
    let RowAction::Create(Incoming::Project(milk)) = &preview.rows[1].action else { panic!() };
    assert_eq!((milk.title_ar.as_str(), milk.total_cost.to_canonical(), milk.submitted_on), ("مخزن الحليب", "85000.00".into(), Date::new(2023, 7, 16).ok()));
}

#[test]
fn a_remembered_mapping_decides_for_the_headers_it_knows() {
    let grid = read::csv("Nom;Commune;Code X\nA;Assilah;P\n".as_bytes()).unwrap();
    let mut mapping = ColumnMapping::guess(ImportKind::Cooperatives, &grid, None).unwrap();
    assert_eq!(mapping.columns[2].field, None);
    mapping.set(2, Some(Field::Sector));
    mapping.set(1, None);
    let stored = serde_json::to_string(&mapping).unwrap();
    let remembered: ColumnMapping = serde_json::from_str(&stored).unwrap();
    let again = ColumnMapping::guess(ImportKind::Cooperatives, &grid, Some(&remembered)).unwrap();
    assert_eq!(again.columns.iter().map(|c| c.field).collect::<Vec<_>>(), [Some(Field::Name), None, Some(Field::Sector)]);
}

#[test]
fn a_file_above_the_limit_is_refused_before_it_is_read() {
    let big = vec![b'a'; read::MAX_BYTES + 1];
    assert_eq!(read::any(&big), Err(read::ReadError::TooLarge { bytes: read::MAX_BYTES + 1, limit: read::MAX_BYTES }));
    assert!(matches!(read::xlsx(b"PK\x03\x04 not really"), Err(read::ReadError::NotAWorkbook { .. })));
}

#[test]
fn an_exported_sheet_imports_back_to_the_same_cooperatives() {
    let dataset = crate::demo::dataset();
    let bytes = write::csv(&export::sheet(&dataset, Table::Cooperatives, Lang::Fr), CsvOptions { separator: Separator::Semicolon, bom: true });
    let grid = read::csv(&bytes).unwrap();
    let mapping = ColumnMapping::guess(ImportKind::Cooperatives, &grid, None).unwrap();
    let preview = import::preview(&Dataset::new(dataset.reference().clone()), &grid, &mapping, &options()).unwrap();
    let live: Vec<_> = dataset.cooperatives().live().collect();
    assert_eq!(preview.rows.len(), live.len());
    // Were a register number repeated, the import would refuse exactly those repeats and read
    // every other row back as it was.
    let mut seen = std::collections::BTreeSet::new();
    for (row, record) in preview.rows.iter().zip(live) {
        let repeated = record.data.register_number.as_ref().is_some_and(|r| !seen.insert(r.clone()));
        assert_eq!(row.has_error, repeated, "row {}: {:?}", row.row, preview.findings.iter().find(|f| f.row == row.row));
        if let RowAction::Create(Incoming::Cooperative(read)) = &row.action {
            // The override's reason is not a column: only the milieu travels.
            let mut expected = record.data.clone();
            if let (Some(mine), Some(theirs)) = (expected.milieu_override.as_mut(), read.milieu_override.as_ref()) {
                mine.reason = theirs.reason.clone();
            }
            assert_eq!(**read, expected, "row {}", row.row);
        }
    }
}

/// The day a workbook cell holds, read back by calamine; panics unless the cell is a date.
fn date_cell(range: &calamine::Range<Data>, at: (usize, usize)) -> Date {
    let Some(Data::DateTime(when)) = range.get(at) else { panic!("{at:?} is a date cell: {:?}", range.get(at)) };
    read::date_of_serial(when.as_f64()).unwrap()
}

/// The demo dataset and one more visit, by the test, to a cooperative whose register number
/// starts with zeros and whose notes begin like a formula.
fn demo_with_a_visit() -> (Dataset, Visit) {
    let mut dataset = crate::demo::dataset();
    let cooperative = Id::from_u128(0x5_1e1d);
    let mut kept = cooperative_with_ice("001561191000066");
    kept.name_ar = "تعاونية النحل الذهبي".into();
    kept.register_number = Some(crate::register::RegisterNumber::new("TPI-TNG", "007/2021").unwrap());
    dataset.apply(Edit::CreateCooperative { id: cooperative, cooperative: kept }, &EditContext::recorded(author())).unwrap();
    let visit = Visit {
        cooperative,
        date: Date::new(2025, 11, 3).unwrap(),
        visitor: "سلمى ومراد".into(),
        purpose: "مواكبة بعد التمويل".into(),
        state: ObservedState::InDifficulty,
        observations: "=SUM(A1) خلايا النحل متضررة".into(),
        needs: "Une balance et des ruches neuves".into(),
        next_steps: "Former deux membres à la comptabilité".into(),
        next_visit_on: Some(Date::new(2026, 1, 15).unwrap()),
    };
    dataset.apply(Edit::CreateVisit { id: Id::from_u128(0x5_1e1e), visit: visit.clone() }, &EditContext::recorded(author())).unwrap();
    (dataset, visit)
}

#[test]
fn the_visits_sheet_reads_back_from_xlsx_and_csv_with_its_dates_zeros_and_arabic() {
    let (dataset, visit) = demo_with_a_visit();
    let sheet = export::sheet(&dataset, Table::Visits, Lang::Ar);
    assert_eq!(sheet.rows.len(), dataset.visits().live().count());
    assert!(sheet.rows.len() > 1, "the demo has visits of its own");
    assert!(sheet.right_to_left);
    let bytes = write::xlsx(std::slice::from_ref(&sheet), Date::new(2025, 11, 30).unwrap()).unwrap();
    assert!(sheet_xml(&bytes, 1).contains("rightToLeft=\"1\""));
    let range = first_sheet(&bytes);
    let headers: Vec<String> = (0..Table::Visits.headers(Lang::Ar).len()).map(|c| range.get((0, c)).unwrap().to_string()).collect();
    assert_eq!(headers, Table::Visits.headers(Lang::Ar));
    assert_eq!(headers[0], "تاريخ الزيارة");
    assert_eq!(range.height(), dataset.visits().live().count() + 1);

    let r = (1..range.height()).find(|r| range.get((*r, 2)) == Some(&Data::String("007/2021".into()))).expect("the added visit has its row");
    assert_eq!(date_cell(&range, (r, 0)), visit.date);
    assert_eq!(range.get((r, 1)), Some(&Data::String("تعاونية النحل الذهبي".into())));
    assert_eq!(range.get((r, 3)), Some(&Data::String("سلمى ومراد".into())));
    assert_eq!(range.get((r, 4)), Some(&Data::String("في وضعية صعبة".into())));
    assert_eq!(range.get((r, 5)), Some(&Data::String("مواكبة بعد التمويل".into())));
    assert_eq!(range.get((r, 6)), Some(&Data::String("=SUM(A1) خلايا النحل متضررة".into())), "a formula start is a string cell, as written");
    assert_eq!(range.get((r, 7)), Some(&Data::String("Une balance et des ruches neuves".into())), "the needs have their own column");
    assert_eq!(range.get((r, 8)), Some(&Data::String("Former deux membres à la comptabilité".into())), "so do the next steps");
    assert_eq!(date_cell(&range, (r, 9)), Date::new(2026, 1, 15).unwrap());
    for (row, record) in (1..).zip(dataset.visits().live()) {
        assert_eq!(date_cell(&range, (row, 0)), record.data.date, "every visit date is a date cell");
    }

    let french = export::sheet(&dataset, Table::Visits, Lang::Fr);
    let csv = write::csv(&french, CsvOptions { separator: Separator::Semicolon, bom: true });
    let rows = csv_rows(csv.strip_prefix("\u{feff}".as_bytes()).unwrap(), b';');
    assert_eq!(rows[0], Table::Visits.headers(Lang::Fr));
    assert_eq!(rows.len(), dataset.visits().live().count() + 1);
    let added = rows.iter().find(|row| row[2] == "007/2021").expect("the added visit is in the CSV");
    assert_eq!(
        added,
        &[
            "03/11/2025",
            "Coopérative existante",
            "007/2021",
            "سلمى ومراد",
            "en difficulté",
            "مواكبة بعد التمويل",
            "'=SUM(A1) خلايا النحل متضررة",
            "Une balance et des ruches neuves",
            "Former deux membres à la comptabilité",
            "15/01/2026"
        ]
    );
}

#[test]
fn the_attendance_sheet_has_a_row_per_check_in_of_the_demo_meeting_in_xlsx_and_csv() {
    let (dataset, _) = demo_with_a_visit();
    let meeting = &dataset.meetings().live().next().expect("the demo has its meeting").data;
    let check_ins = meeting.attendance.check_ins();
    assert!(check_ins.len() >= 60, "the demo meeting has its 60 cooperatives and its walk-ins");

    let sheet = export::sheet(&dataset, Table::Attendance, Lang::Ar);
    let bytes = write::xlsx(std::slice::from_ref(&sheet), Date::new(2025, 11, 30).unwrap()).unwrap();
    let range = first_sheet(&bytes);
    let headers: Vec<String> = (0..6).map(|c| range.get((0, c)).unwrap().to_string()).collect();
    assert_eq!(headers, ["اللقاء", "تاريخ اللقاء", "الحاضر", "رقم التسجيل", "عدد الحاضرين", "عدد النساء"]);
    assert_eq!(range.height(), check_ins.len() + 1, "one row per check-in");
    for (row, check_in) in (1..).zip(check_ins) {
        assert_eq!(range.get((row, 0)), Some(&Data::String(meeting.title_ar.clone())));
        assert_eq!(date_cell(&range, (row, 1)), meeting.date);
        match check_in.attendee() {
            Attendee::Cooperative(id) => {
                let cooperative = &dataset.cooperatives().get(*id).unwrap().data;
                assert_eq!(range.get((row, 2)), Some(&Data::String(cooperative.name(Lang::Ar).to_owned())));
                let register = cooperative.register_number.as_ref().map_or(Data::Empty, |r| Data::String(r.number().to_owned()));
                assert_eq!(range.get((row, 3)), Some(&register), "row {row}: the register number is text");
            }
            Attendee::WalkIn(name) => {
                assert_eq!(range.get((row, 2)), Some(&Data::String(name.clone())));
                assert_eq!(range.get((row, 3)), Some(&Data::Empty));
            }
        }
        assert_eq!(range.get((row, 4)), Some(&Data::Float(f64::from(check_in.people()))));
        assert_eq!(range.get((row, 5)), Some(&Data::Float(f64::from(check_in.women()))));
    }
    assert!(check_ins.iter().any(|c| matches!(c.attendee(), Attendee::WalkIn(_))), "the demo has walk-ins");

    let csv = write::csv(&export::sheet(&dataset, Table::Attendance, Lang::Fr), CsvOptions { separator: Separator::Comma, bom: false });
    let rows = csv_rows(&csv, b',');
    assert_eq!(rows[0], ["Réunion", "Date de la réunion", "Participant", "Numéro d'inscription", "Personnes", "Femmes"]);
    assert_eq!(rows.len(), check_ins.len() + 1);
    let date = format!("{:02}/{:02}/{}", meeting.date.day(), meeting.date.month(), meeting.date.year());
    assert!(rows[1..].iter().all(|row| row[0] == meeting.title_fr && row[1] == date), "{:?}", rows[1]);
    let people: u64 = rows[1..].iter().map(|row| row[4].parse::<u64>().unwrap()).sum();
    let women: u64 = rows[1..].iter().map(|row| row[5].parse::<u64>().unwrap()).sum();
    let turnout = meeting.turnout(&dataset);
    assert_eq!((people, women), (turnout.people, turnout.women));
}
