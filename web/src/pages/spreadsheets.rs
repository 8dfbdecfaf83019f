//! Spreadsheets (`#/data/spreadsheets`): export a table as XLSX or CSV, and import cooperatives or
//! projects from the prefecture's own files — column mapping guessed and editable (remembered on
//! this device), a preview with every row's findings, the user's choices, and nothing written
//! before Confirm, then one undoable change. The work is done by the spreadsheet module
//! (`crate::sheets`), loaded when this page opens.

use js_sys::{Array, JSON, Reflect};
use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::document;
use taawun_core::id::Id;
use taawun_core::text::Localised;
use wasm_bindgen::{JsCast, JsValue};

use crate::components::colon;
use crate::download;
use crate::i18n::{Label, t};
use crate::sheets::{self, SheetsError};
use crate::state::AppState;

/// The tables the export offers: `(code, Arabic name, French name)`; the codes are core's
/// `spreadsheet::export::Table` names.
const TABLES: [(&str, &str, &str); 6] = [
    ("cooperatives", "التعاونيات", "Coopératives"),
    ("projects", "المشاريع", "Projets"),
    ("contributions", "المساهمات", "Contributions"),
    ("disbursements", "الصرف", "Décaissements"),
    ("visits", "زيارات المواكبة", "Visites de suivi"),
    ("attendance", "الحضور في اللقاءات", "Présences aux réunions"),
];

/// A field a column may be mapped to, named in the user's language.
#[derive(Debug, Clone, PartialEq)]
struct FieldName {
    field: String,
    name: String,
}

/// One row of the preview table.
#[derive(Debug, Clone, PartialEq)]
struct PreviewRow {
    row: usize,
    action: String,
    cells: Vec<String>,
}

/// One finding on a row.
#[derive(Debug, Clone, PartialEq)]
struct RowFinding {
    row: usize,
    column: Option<String>,
    value: String,
    gravity: String,
    reason: String,
    suggestion: Option<String>,
}

/// One column of the file and the field it is mapped to (`""` for none).
#[derive(Debug, Clone, PartialEq)]
struct Column {
    header: String,
    field: String,
}

/// The spreadsheet module's preview.
///
/// Read from the module's JSON through the browser's `JSON.parse` rather than serde: serde's
/// generic code for these types would land in the start download.
#[derive(Debug, Clone, PartialEq)]
struct Preview {
    /// The mapping as JSON, opaque here: sent back as is, changed only by the module.
    mapping: String,
    columns: Vec<Column>,
    fields: Vec<FieldName>,
    headers: Vec<String>,
    rows: Vec<PreviewRow>,
    row_count: usize,
    importable: usize,
    errors: Vec<usize>,
    findings: Vec<RowFinding>,
    /// The digest of what importing would write, sent back at confirm time.
    fingerprint: String,
}

/// What an import wrote, and what core's checks say about the records written.
#[derive(Debug, Clone, PartialEq)]
struct Done {
    written: usize,
    /// `(level, message)`, the level `block` or `warn`.
    findings: Vec<(String, String)>,
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn text_of(object: &JsValue, key: &str) -> String {
    get(object, key).as_string().unwrap_or_default()
}

fn number_of(object: &JsValue, key: &str) -> usize {
    get(object, key).as_f64().map_or(0, |n| n as usize)
}

fn items_of(object: &JsValue, key: &str) -> Vec<JsValue> {
    get(object, key).dyn_into::<Array>().map(|a| a.to_vec()).unwrap_or_default()
}

impl Preview {
    /// Reads the module's preview JSON.
    fn parse(text: &str) -> Option<Preview> {
        let json = JSON::parse(text).ok()?;
        Some(Preview {
            mapping: text_of(&json, "mapping"),
            columns: items_of(&json, "columns").iter().map(|c| Column { header: text_of(c, "header"), field: text_of(c, "field") }).collect(),
            fields: items_of(&json, "fields").iter().map(|f| FieldName { field: text_of(f, "field"), name: text_of(f, "name") }).collect(),
            headers: items_of(&json, "headers").iter().filter_map(JsValue::as_string).collect(),
            rows: items_of(&json, "rows")
                .iter()
                .map(|r| PreviewRow {
                    row: number_of(r, "row"),
                    action: text_of(r, "action"),
                    cells: items_of(r, "cells").iter().filter_map(JsValue::as_string).collect(),
                })
                .collect(),
            row_count: number_of(&json, "row_count"),
            importable: number_of(&json, "importable"),
            errors: items_of(&json, "errors").iter().filter_map(JsValue::as_f64).map(|n| n as usize).collect(),
            findings: items_of(&json, "findings")
                .iter()
                .map(|f| RowFinding {
                    row: number_of(f, "row"),
                    column: get(f, "column").as_string(),
                    value: text_of(f, "value"),
                    gravity: text_of(f, "gravity"),
                    reason: text_of(f, "reason"),
                    suggestion: get(f, "suggestion").as_string(),
                })
                .collect(),
            fingerprint: text_of(&json, "fingerprint"),
        })
    }
}

/// A JSON string literal (quotes and escapes) for `text`.
fn quoted(text: &str) -> String {
    JSON::stringify(&JsValue::from_str(text)).ok().and_then(|s| s.as_string()).unwrap_or_else(|| "\"\"".to_owned())
}

/// Where the module stands.
#[derive(Debug, Clone, PartialEq)]
enum Module {
    Loading,
    Ready(f64),
    Unavailable,
}

fn pick(lang: Lang, ar: &'static str, fr: &'static str) -> &'static str {
    if lang == Lang::Ar { ar } else { fr }
}

fn problem_text(problem: &SheetsError, lang: Lang) -> String {
    match problem {
        SheetsError::Unavailable => t(Label::SheetsUnavailable, lang).to_owned(),
        SheetsError::Refused(message) => message.clone(),
    }
}

fn select_value(ev: &leptos::ev::Event) -> String {
    ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()).map(|s| s.value()).unwrap_or_default()
}

/// The spreadsheets page.
#[component]
pub fn Spreadsheets(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let module = RwSignal::new(Module::Loading);
    leptos::task::spawn_local(async move {
        let loaded = match sheets::load().await {
            Ok(()) => sheets::max_file_bytes().await.map(Module::Ready).unwrap_or(Module::Unavailable),
            Err(_) => Module::Unavailable,
        };
        module.set(loaded);
    });

    view! {
        <h1 id="page-title" tabindex="-1">{move || t(Label::SheetsTitle, lang.get())}</h1>
        {move || match module.get() {
            Module::Loading => view! { <p role="status" id="sheets-loading">{t(Label::SheetsLoading, lang.get())}</p> }.into_any(),
            Module::Unavailable => view! { <p class="banner" role="alert" id="sheets-unavailable">{t(Label::SheetsUnavailable, lang.get())}</p> }.into_any(),
            Module::Ready(limit) => view! { <ExportSection state /> <ImportSection state limit /> }.into_any(),
        }}
    }
}

/// Export of one table.
#[component]
fn ExportSection(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let table = RwSignal::new("cooperatives".to_owned());
    let format = RwSignal::new("xlsx".to_owned());
    let bom = RwSignal::new(true);
    let problem: RwSignal<Option<SheetsError>> = RwSignal::new(None);
    let export = move |_| {
        let request = format!(
            r#"{{"table":{},"format":{},"bom":{},"lang":"{}","today":{}}}"#,
            quoted(&table.get_untracked()),
            quoted(&format.get_untracked()),
            bom.get_untracked(),
            lang.get_untracked().code(),
            quoted(&download::today()),
        );
        let document = state.dataset.with_untracked(document::export);
        leptos::task::spawn_local(async move {
            match sheets::export_table(&document, &request).await {
                Ok(bytes) => {
                    let extension = format.get_untracked();
                    let mime = if extension == "csv" { "text/csv" } else { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
                    let name = format!("taawun-{}-{}.{extension}", table.get_untracked(), download::today());
                    let offered = download::offer(&bytes, &name, mime);
                    problem.set(offered.err().map(|e| SheetsError::Refused(e.0)));
                }
                Err(error) => problem.set(Some(error)),
            }
        });
    };
    view! {
        <section aria-labelledby="sheets-export-title">
            <h2 id="sheets-export-title">{move || t(Label::SheetsExport, lang.get())}</h2>
            <div class="form-row">
                <label for="sheets-table">{move || t(Label::SheetsTable, lang.get())}</label>
                <select id="sheets-table" on:change=move |ev| table.set(select_value(&ev))>
                    {move || TABLES.iter().map(|(code, ar, fr)| {
                        let code = *code;
                        view! { <option value=code selected=move || table.get() == code>{pick(lang.get(), ar, fr)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="form-row">
                <label for="sheets-format">{move || t(Label::SheetsFormat, lang.get())}</label>
                <select id="sheets-format" on:change=move |ev| format.set(select_value(&ev))>
                    <option value="xlsx">"XLSX (Excel)"</option>
                    <option value="csv">"CSV"</option>
                </select>
            </div>
            <p id="sheets-format-hint" class="hint">{move || t(Label::SheetsFormatHint, lang.get())}</p>
            <div class="form-row" hidden=move || format.get() != "csv">
                <label>
                    <input type="checkbox" id="sheets-bom" prop:checked=move || bom.get() on:change=move |ev| bom.set(event_target_checked(&ev)) />
                    {move || t(Label::SheetsBom, lang.get())}
                </label>
            </div>
            <button type="button" class="primary" id="sheets-export" on:click=export>{move || t(Label::SheetsDownload, lang.get())}</button>
            {move || problem.get().map(|p| view! { <p class="banner" role="alert" id="sheets-export-problem">{problem_text(&p, lang.get())}</p> })}
        </section>
    }
}

/// Import of cooperatives or projects.
#[component]
fn ImportSection(state: AppState, limit: f64) -> impl IntoView {
    let lang = state.lang;
    let kind = RwSignal::new("cooperatives".to_owned());
    let rulebook = RwSignal::new(state.dataset.with_untracked(|d| d.rulebooks().live().next().map(|r| r.id.to_string()).unwrap_or_default()));
    let file_name = RwSignal::new(String::new());
    // Whether the module holds a file of this page (it keeps the file's cells between calls).
    let opened = StoredValue::new(false);
    let checking = RwSignal::new(false);
    let accept = RwSignal::new(false);
    let progress: RwSignal<Option<f64>> = RwSignal::new(None);
    let preview: RwSignal<Option<Preview>> = RwSignal::new(None);
    let problem: RwSignal<Option<String>> = RwSignal::new(None);
    let update_existing = RwSignal::new(false);
    let valid_only = RwSignal::new(false);
    let done: RwSignal<Option<Done>> = RwSignal::new(None);
    // Leaving the page lets the module drop the file and the data it keeps.
    on_cleanup(|| leptos::task::spawn_local(sheets::close()));

    // The request both the preview and the import send: the same reading of the same file.
    let request = move |mapping: Option<String>| {
        let kind_now = kind.get_untracked();
        let optional = |text: Option<String>| text.map_or_else(|| "null".to_owned(), |t| quoted(&t));
        let remembered = crate::storage::load_sheet_mapping(&kind_now);
        let rulebook_now = rulebook.get_untracked();
        let rulebook_now = (kind_now == "projects" && !rulebook_now.is_empty()).then_some(rulebook_now);
        format!(
            r#"{{"kind":{},"lang":"{}","mapping":{},"remembered":{},"update_existing":{},"rulebook":{},"accept_suggestions":{}}}"#,
            quoted(&kind_now),
            lang.get_untracked().code(),
            optional(mapping),
            optional(remembered),
            update_existing.get_untracked(),
            optional(rulebook_now),
            accept.get_untracked(),
        )
    };
    // A preview of the open file: only the request crosses to the module, which kept the file's
    // cells and the data when the file was opened.
    let show = move |outcome: Result<String, SheetsError>| match outcome {
        Ok(text) => match Preview::parse(&text) {
            Some(view) => {
                problem.set(None);
                preview.set(Some(view));
            }
            None => problem.set(Some(problem_text(&SheetsError::Unavailable, lang.get_untracked()))),
        },
        Err(error) => {
            preview.set(None);
            problem.set(Some(problem_text(&error, lang.get_untracked())));
        }
    };
    let run_preview = move |mapping: Option<String>| {
        if !opened.get_value() {
            return;
        }
        let request = request(mapping);
        leptos::task::spawn_local(async move {
            checking.set(true);
            sheets::next_turn().await;
            let outcome = sheets::preview(&request).await;
            checking.set(false);
            show(outcome);
        });
    };
    let current_mapping = move || preview.with_untracked(|p| p.as_ref().map(|p| p.mapping.clone()));

    let on_file = move |ev: leptos::ev::Event| {
        let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let Some(chosen) = input.as_ref().and_then(|i| i.files()).and_then(|files| files.get(0)) else { return };
        file_name.set(chosen.name());
        preview.set(None);
        done.set(None);
        opened.set_value(false);
        // Refused from its size before a byte is read: a huge file would exhaust a tablet's memory.
        if chosen.size() > limit {
            let lang = lang.get_untracked();
            problem.set(Some(format!("{}{}{} / {}", t(Label::SheetsTooLarge, lang), colon(lang), chosen.size(), limit)));
            return;
        }
        problem.set(None);
        leptos::task::spawn_local(async move {
            let read = sheets::read_file(&chosen, |share| progress.set(Some(share))).await;
            progress.set(None);
            match read {
                Ok(bytes) => {
                    // The file and the data cross to the module once; the page paints "checking
                    // the rows" before the module starts.
                    checking.set(true);
                    sheets::next_turn().await;
                    let document = state.dataset.with_untracked(document::export);
                    let outcome = sheets::open(&document, &bytes, &request(None)).await;
                    checking.set(false);
                    opened.set_value(outcome.is_ok());
                    show(outcome);
                }
                Err(error) => problem.set(Some(problem_text(&error, lang.get_untracked()))),
            }
        });
    };

    let set_field = move |column: usize, field: String| {
        let Some(mapping) = current_mapping() else { return };
        leptos::task::spawn_local(async move {
            // Core's rule (a field goes to one column) is applied by the module.
            match sheets::remap(&mapping, column, &field).await {
                Ok(mapping) => run_preview(Some(mapping)),
                Err(error) => problem.set(Some(problem_text(&error, lang.get_untracked()))),
            }
        });
    };

    let confirm = move |_| {
        if !opened.get_value() {
            return;
        }
        let Some(shown) = preview.get_untracked() else { return };
        let Some(author) = state.author() else {
            problem.set(Some(t(Label::NoRandom, lang.get_untracked()).to_owned()));
            return;
        };
        let ids: Option<Vec<String>> = (0..shown.row_count).map(|_| state.new_id().map(|id: Id| id.to_string())).collect();
        let Some(ids) = ids else {
            problem.set(Some(t(Label::NoRandom, lang.get_untracked()).to_owned()));
            return;
        };
        let ids: Vec<String> = ids.iter().map(|id| quoted(id)).collect();
        let request = format!(
            r#"{{"preview":{},"valid_only":{},"fingerprint":{},"at_millis":{},"user":{},"device":{},"device_name":{},"ids":[{}]}}"#,
            request(Some(shown.mapping.clone())),
            valid_only.get_untracked(),
            quoted(&shown.fingerprint),
            js_sys::Date::now() as i64,
            quoted(&author.user),
            quoted(&author.device.to_string()),
            quoted(&author.device_name),
            ids.join(","),
        );
        let kind_now = kind.get_untracked();
        leptos::task::spawn_local(async move {
            checking.set(true);
            sheets::next_turn().await;
            // The data as it is now: the module previews again against it and refuses if the
            // import would write anything but what the preview showed.
            let document = state.dataset.with_untracked(document::export);
            let result = sheets::apply(&document, &request).await;
            checking.set(false);
            let json = match result {
                Ok(text) => JSON::parse(&text).unwrap_or(JsValue::NULL),
                Err(error) => {
                    problem.set(Some(problem_text(&error, lang.get_untracked())));
                    return;
                }
            };
            let batch = match document::import_edits(text_of(&json, "edits").as_bytes()) {
                Ok(batch) => batch,
                Err(error) => {
                    problem.set(Some(error.message(lang.get_untracked())));
                    return;
                }
            };
            // Through the one entry point, all or nothing; one change the undo banner takes back.
            match state.import(batch) {
                Ok(_) => {
                    // A preference: failing to remember the mapping must not fail the import.
                    let _ = crate::storage::save_sheet_mapping(&kind_now, &shown.mapping);
                    let findings = items_of(&json, "findings").iter().map(|f| (text_of(f, "level"), text_of(f, "message"))).collect();
                    done.set(Some(Done { written: number_of(&json, "created") + number_of(&json, "updated"), findings }));
                    preview.set(None);
                    opened.set_value(false);
                    problem.set(None);
                    sheets::close().await;
                }
                Err(refused) => {
                    let lang = lang.get_untracked();
                    let reasons: Vec<String> = refused.findings.iter().filter(|f| f.blocks()).map(|f| f.message.get(lang).to_owned()).collect();
                    problem.set(Some(reasons.join(" ; ")));
                }
            }
        });
    };

    let mapping_view = move || {
        let lang = lang.get();
        preview.get().map(|shown| {
            let columns: Vec<(String, Option<String>)> =
                shown.columns.iter().map(|c| (c.header.clone(), (!c.field.is_empty()).then(|| c.field.clone()))).collect();
            let fields = shown.fields.clone();
            view! {
                <h3>{t(Label::SheetsMapping, lang)}</h3>
                <table class="data-table" id="sheets-mapping">
                    <thead><tr><th>{t(Label::SheetsColumn, lang)}</th><th>{t(Label::SheetsField, lang)}</th></tr></thead>
                    <tbody>
                        {columns.into_iter().enumerate().map(|(index, (header, field))| {
                            let fields = fields.clone();
                            let chosen = field.clone().unwrap_or_default();
                            view! {
                                <tr>
                                    <td><bdi>{header.clone()}</bdi></td>
                                    <td>
                                        <select id=format!("sheets-map-{index}") aria-label=header on:change=move |ev| set_field(index, select_value(&ev))>
                                            <option value="" selected=chosen.is_empty()>{t(Label::SheetsNotImported, lang)}</option>
                                            {fields.into_iter().map(|f| {
                                                let selected = f.field == chosen;
                                                view! { <option value=f.field.clone() selected=selected>{f.name}</option> }
                                            }).collect_view()}
                                        </select>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }
        })
    };

    let preview_view = move || {
        let lang = lang.get();
        preview.get().map(|shown| {
            let action = move |code: &str| match code {
                "create" => t(Label::SheetsCreate, lang),
                "update" => t(Label::SheetsUpdate, lang),
                "error" => t(Label::SheetsRowError, lang),
                _ => t(Label::SheetsSkip, lang),
            };
            let can_import = shown.importable > 0 && (shown.errors.is_empty() || valid_only.get());
            view! {
                <div class="preview" id="sheets-preview" role="region" aria-labelledby="sheets-preview-title">
                    <h3 id="sheets-preview-title">{t(Label::SheetsPreview, lang)}</h3>
                    <p id="sheets-counts">
                        {t(Label::SheetsRows, lang)}{colon(lang)}<span id="sheets-row-count">{shown.row_count}</span>" · "
                        {t(Label::SheetsImportable, lang)}{colon(lang)}<span id="sheets-importable">{shown.importable}</span>" · "
                        {t(Label::SheetsWithErrors, lang)}{colon(lang)}<span id="sheets-error-count">{shown.errors.len()}</span>
                    </p>
                    <div class="table-scroll">
                        <table class="data-table" id="sheets-rows">
                            <thead><tr>
                                <th>{t(Label::SheetsRow, lang)}</th>
                                <th>{t(Label::SheetsAction, lang)}</th>
                                {shown.headers.iter().map(|h| view! { <th><bdi>{h.clone()}</bdi></th> }).collect_view()}
                            </tr></thead>
                            <tbody>
                                {shown.rows.iter().map(|row| view! {
                                    <tr class=format!("sheet-row-{}", row.action) data-row=row.row>
                                        <td>{row.row}</td>
                                        <td>{action(&row.action)}</td>
                                        {row.cells.iter().map(|c| view! { <td><bdi>{c.clone()}</bdi></td> }).collect_view()}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <h4>{t(Label::SheetsFindings, lang)}</h4>
                    <table class="data-table" id="sheets-findings">
                        <thead><tr>
                            <th>{t(Label::SheetsRow, lang)}</th>
                            <th>{t(Label::SheetsColumn, lang)}</th>
                            <th>{t(Label::SheetsValue, lang)}</th>
                            <th>{t(Label::SheetsReason, lang)}</th>
                            <th>{t(Label::SheetsSuggestion, lang)}</th>
                        </tr></thead>
                        <tbody>
                            {shown.findings.iter().map(|f| view! {
                                <tr class=format!("finding-{}", f.gravity) data-row=f.row>
                                    <td>{f.row}</td>
                                    <td><bdi>{f.column.clone().unwrap_or_default()}</bdi></td>
                                    <td><bdi>{f.value.clone()}</bdi></td>
                                    <td>{f.reason.clone()}</td>
                                    <td class="suggestion"><bdi>{f.suggestion.clone().unwrap_or_default()}</bdi></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <fieldset>
                        <legend>{t(Label::SheetsAction, lang)}</legend>
                        <label><input type="radio" name="sheets-mode" id="sheets-mode-create" prop:checked=move || !update_existing.get()
                            on:change=move |_| { update_existing.set(false); run_preview(current_mapping()); } />{t(Label::SheetsModeCreate, lang)}</label>
                        <label><input type="radio" name="sheets-mode" id="sheets-mode-update" prop:checked=move || update_existing.get()
                            on:change=move |_| { update_existing.set(true); run_preview(current_mapping()); } />{t(Label::SheetsModeUpdate, lang)}</label>
                    </fieldset>
                    <label>
                        <input type="checkbox" id="sheets-accept-suggestions" prop:checked=move || accept.get()
                            on:change=move |ev| { accept.set(event_target_checked(&ev)); run_preview(current_mapping()); } />
                        {t(Label::SheetsAcceptSuggestions, lang)}
                    </label>
                    <label>
                        <input type="checkbox" id="sheets-valid-only" prop:checked=move || valid_only.get() on:change=move |ev| valid_only.set(event_target_checked(&ev)) />
                        {t(Label::SheetsValidOnly, lang)}
                    </label>
                    <div class="actions">
                        <button type="button" class="primary" id="sheets-confirm" disabled=!can_import on:click=confirm>{t(Label::SheetsConfirm, lang)}</button>
                        <button type="button" id="sheets-cancel" on:click=move |_| {
                            preview.set(None);
                            opened.set_value(false);
                            leptos::task::spawn_local(sheets::close());
                        }>{t(Label::Cancel, lang)}</button>
                    </div>
                </div>
            }
        })
    };

    view! {
        <section aria-labelledby="sheets-import-title">
            <h2 id="sheets-import-title">{move || t(Label::SheetsImport, lang.get())}</h2>
            <p id="sheets-import-hint">{move || t(Label::SheetsImportHint, lang.get())}</p>
            <div class="form-row">
                <label for="sheets-kind">{move || t(Label::SheetsKind, lang.get())}</label>
                <select id="sheets-kind" on:change=move |ev| { kind.set(select_value(&ev)); run_preview(None); }>
                    <option value="cooperatives">{move || t(Label::NavCooperatives, lang.get())}</option>
                    <option value="projects">{move || t(Label::NavProjects, lang.get())}</option>
                </select>
            </div>
            <div class="form-row" hidden=move || kind.get() != "projects">
                <label for="sheets-rulebook">{move || t(Label::SheetsRulebook, lang.get())}</label>
                <select id="sheets-rulebook" on:change=move |ev| { rulebook.set(select_value(&ev)); run_preview(current_mapping()); }>
                    {move || {
                        let lang = lang.get();
                        state.dataset.with(|d| d.rulebooks().live().map(|r| {
                            let id = r.id.to_string();
                            let name = r.data.name(lang).to_owned();
                            view! { <option value=id.clone() selected=rulebook.get_untracked() == id>{name}</option> }
                        }).collect_view())
                    }}
                </select>
            </div>
            <div class="file-picker">
                <input type="file" id="sheets-file" class="visually-hidden" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby="sheets-import-hint" on:change=on_file />
                <label for="sheets-file" class="button">{move || t(Label::ChooseFile, lang.get())}</label>
                <span class="file-name">{move || file_name.get()}</span>
            </div>
            {move || progress.get().map(|share| view! {
                <label>{t(Label::SheetsReading, lang.get())}
                    <progress id="sheets-progress" max="100" value=(share * 100.0).round().to_string()></progress>
                </label>
            })}
            {move || checking.get().then(|| view! { <p role="status" id="sheets-checking">{t(Label::SheetsChecking, lang.get())}"…"</p> })}
            {move || problem.get().map(|p| view! { <p class="banner" role="alert" id="sheets-problem">{p}</p> })}
            {move || done.get().map(|d| {
                let lang = lang.get();
                let findings = (!d.findings.is_empty()).then(|| view! {
                    <h3>{t(Label::SheetsImportFindings, lang)}</h3>
                    <ul id="sheets-import-findings">
                        {d.findings.iter().map(|(level, message)| view! { <li class=format!("finding-{level}")>{message.clone()}</li> }).collect_view()}
                    </ul>
                });
                view! {
                    <p class="status ok" role="status" id="sheets-done">{t(Label::SheetsImported, lang)}{colon(lang)}{d.written}</p>
                    {findings}
                }
            })}
            {mapping_view}
            {preview_view}
        </section>
    }
}
