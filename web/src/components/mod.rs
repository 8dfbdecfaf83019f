//! Pieces shared by the pages: form fields that show their findings beside them, the amount field
//! that echoes how core read it, and the list of a form's problems.

pub mod fields;
pub mod history;
pub mod who;

use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::document::{JsonPath, Step};
use taawun_core::finding::{Finding, Level, Text};
use taawun_core::record::RecordRef;
use taawun_core::text::Localised;

use crate::i18n::{Label, t};
use crate::state::AppState;

/// Something to tell the user about one field (or the whole form, when `path` matches no field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The field's path inside its record (`contributions[1].amount`), "" for the record itself,
    /// or the full path prefixed with `@` for a finding on another record.
    pub path: String,
    /// Whether it stops the save.
    pub level: Level,
    /// What to say, in both languages.
    pub text: Text,
}

/// The problems a form shows: findings from core and values core could not read.
#[derive(Clone, Copy)]
pub struct Problems(pub RwSignal<Vec<Problem>>);

impl Problems {
    /// No problem yet.
    pub fn new() -> Problems {
        Problems(RwSignal::new(Vec::new()))
    }

    /// Problems at exactly this field path.
    pub fn at(&self, path: &str) -> Vec<Problem> {
        self.0.with(|all| all.iter().filter(|p| p.path == path).cloned().collect())
    }

    /// Whether any problem stops the save.
    pub fn any_blocking(&self) -> bool {
        self.0.with(|all| all.iter().any(|p| p.level == Level::Block))
    }

    /// Replaces the problems with these findings, placed relative to `own` (the edited record).
    pub fn show_findings(&self, findings: &[Finding], own: Option<RecordRef>) {
        self.0.set(findings.iter().map(|f| problem_of(f, own)).collect());
    }

    /// Replaces the problems with these values that could not be read.
    pub fn show_unreadable(&self, unreadable: Vec<Problem>) {
        self.0.set(unreadable);
    }

    /// Forgets every problem.
    pub fn clear(&self) {
        self.0.set(Vec::new());
    }
}

/// The path of a finding relative to its record (`projects[3].contributions[1]` → `contributions[1]`).
pub fn relative_path(path: &JsonPath) -> String {
    let steps = path.steps();
    let tail = match steps {
        [Step::Key(_), Step::Index(_), rest @ ..] => rest,
        _ => return format!("@{path}"),
    };
    let mut relative = JsonPath::root();
    for step in tail {
        relative = match step {
            Step::Key(key) => relative.key(key),
            Step::Index(index) => relative.index(*index),
        };
    }
    if tail.is_empty() { String::new() } else { relative.to_string() }
}

/// A finding as a problem of the form editing `own`.
pub fn problem_of(finding: &Finding, own: Option<RecordRef>) -> Problem {
    let path = if finding.record.is_some() && finding.record == own { relative_path(&finding.path) } else { format!("@{}", finding.path) };
    Problem { path, level: finding.level, text: finding.message.clone() }
}

/// A value the user typed that core could not read, as a blocking problem at `path`.
pub fn unreadable(path: &str, error: &impl Localised) -> Problem {
    Problem { path: path.to_owned(), level: Level::Block, text: Text { ar: error.message(Lang::Ar), fr: error.message(Lang::Fr) } }
}

/// A blocking problem whose text is one of the interface's labels.
pub fn label_problem(path: &str, label: Label) -> Problem {
    Problem { path: path.to_owned(), level: Level::Block, text: Text { ar: t(label, Lang::Ar).to_owned(), fr: t(label, Lang::Fr).to_owned() } }
}

/// The id of the input for a field path: `contributions[1].amount` → `f-contributions-1-amount`.
pub fn field_id(path: &str) -> String {
    let mut id = String::from("f-");
    for c in path.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            id.push(c);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_end_matches('-').to_owned()
}

/// The problems of one field, shown under it; their list's id is `{field id}-problems`.
#[component]
pub fn FieldProblems(state: AppState, #[prop(into)] path: String, problems: Problems) -> impl IntoView {
    let id = format!("{}-problems", field_id(&path));
    view! {
        <ul class="problems" id=id>
            {move || {
                let lang = state.lang.get();
                problems
                    .at(&path)
                    .into_iter()
                    .map(|p| {
                        let class = if p.level == Level::Block { "finding block" } else { "finding warn" };
                        let level = if p.level == Level::Block { Label::Blocking } else { Label::Warning };
                        view! {
                            <li class=class>
                                <span class="level">{t(level, lang)}{colon(lang)}</span>
                                {p.text.get(lang).to_owned()}
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

/// Every problem of a form, at its top, each with a button that moves to its field.
#[component]
pub fn ProblemSummary(state: AppState, problems: Problems) -> impl IntoView {
    let shown = move || !problems.0.with(Vec::is_empty);
    view! {
        <Show when=shown>
            <div class="summary" role="alert" tabindex="-1" id="problem-summary">
                <p>{move || {
                    let label = if problems.any_blocking() { Label::FormRefused } else { Label::WarningsKept };
                    t(label, state.lang.get())
                }}</p>
                <ul>
                    {move || {
                        let lang = state.lang.get();
                        problems
                            .0
                            .get()
                            .into_iter()
                            .map(|p| {
                                let target = field_id(&p.path);
                                let class = if p.level == Level::Block { "finding block" } else { "finding warn" };
                                view! {
                                    <li class=class>
                                        <button type="button" class="link" on:click=move |_| focus(&target)>
                                            {p.text.get(lang).to_owned()}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}

/// The separator after a label: French puts a space before the colon, Arabic does not.
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "\u{a0}: ",
        Lang::Ar => ": ",
    }
}

/// Moves the keyboard focus to the element with this id, if there is one.
pub fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(element) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id))
        && let Some(element) = element.dyn_ref::<web_sys::HtmlElement>()
    {
        let _ = element.focus();
    }
}

/// A list of findings of the stored data (a record's page), in the user's language.
#[component]
pub fn FindingList(state: AppState, findings: Signal<Vec<Finding>>) -> impl IntoView {
    view! {
        {move || {
            let lang = state.lang.get();
            let list = findings.get();
            if list.is_empty() {
                view! { <p class="muted">{t(Label::NoFindings, lang)}</p> }.into_any()
            } else {
                view! {
                    <ul class="findings">
                        {list
                            .into_iter()
                            .map(|f| {
                                let class = if f.level == Level::Block { "finding block" } else { "finding warn" };
                                let level = if f.level == Level::Block { Label::Blocking } else { Label::Warning };
                                view! {
                                    <li class=class>
                                        <span class="level">{t(level, lang)}{colon(lang)}</span>
                                        {f.message.get(lang).to_owned()}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }
        }}
    }
}
