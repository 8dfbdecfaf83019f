//! Form fields: a label, the input, its findings beside it, and for amounts the echo of how core
//! read what was typed (`20,86 مليون` → `20 860 000,00 DH`).

use leptos::prelude::*;
use taawun_core::amount::{Amount, ParseLocale};
use taawun_core::finding::Level;
use taawun_core::text::{self, Localised};

use super::{FieldProblems, Problems, field_id};
use crate::i18n::{Label, t};
use crate::state::AppState;

/// What kind of text a field holds, for the input's type and the on-screen keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// Free text on one line.
    #[default]
    Text,
    /// Free text on several lines.
    Long,
    /// A whole number.
    Number,
    /// A date (`JJ/MM/AAAA` or `AAAA-MM-JJ`).
    Date,
    /// An e-mail address.
    Email,
    /// A phone number.
    Phone,
}

fn aria_invalid(problems: Problems, path: &str) -> &'static str {
    if problems.at(path).iter().any(|p| p.level == Level::Block) { "true" } else { "false" }
}

/// A text field bound to `value`.
#[component]
pub fn TextField(
    state: AppState,
    #[prop(into)] path: String,
    label: Label,
    value: RwSignal<String>,
    problems: Problems,
    #[prop(optional)] kind: Kind,
    #[prop(optional)] hint: Option<Label>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let id = field_id(&path);
    let described = format!("{id}-problems{}", if hint.is_some() { format!(" {id}-hint") } else { String::new() });
    let invalid_path = path.clone();
    let invalid = move || aria_invalid(problems, &invalid_path);
    let lang = state.lang;
    let input = match kind {
        Kind::Long => view! {
            <textarea id=id.clone() rows="3" aria-describedby=described.clone() aria-invalid=invalid
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        }
        .into_any(),
        _ => {
            let (input_type, mode, auto) = match kind {
                Kind::Number => ("text", "numeric", "off"),
                Kind::Date => ("text", "text", "off"),
                Kind::Email => ("email", "email", "email"),
                Kind::Phone => ("tel", "tel", "tel"),
                Kind::Text | Kind::Long => ("text", "text", "off"),
            };
            view! {
                <input id=id.clone() type=input_type inputmode=mode autocomplete=auto aria-describedby=described.clone()
                    aria-invalid=invalid aria-required=if required { "true" } else { "false" }
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
            }
            .into_any()
        }
    };
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field" data-path=path.clone()>
            <label for=id.clone()>{move || t(label, lang.get())}{required.then_some(" *")}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{move || t(h, lang.get())}</p> })}
            {input}
            <FieldProblems state path=path.clone() problems />
        </div>
    }
}

/// An amount field: accepts every form core's grammar reads, and says how it read it.
#[component]
pub fn AmountField(
    state: AppState,
    #[prop(into)] path: String,
    label: Label,
    value: RwSignal<String>,
    problems: Problems,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let id = field_id(&path);
    let echo_id = format!("{id}-echo");
    let invalid_path = path.clone();
    let invalid = move || aria_invalid(problems, &invalid_path);
    let lang = state.lang;
    let echo = move || {
        let typed = value.get();
        if typed.trim().is_empty() {
            return ().into_any();
        }
        match Amount::parse(&typed, ParseLocale::Moroccan) {
            Ok(amount) => view! { {t(Label::UnderstoodAs, lang.get())}" "<bdi>{text::amount(amount, lang.get())}</bdi> }.into_any(),
            Err(error) => view! { {error.message(lang.get())} }.into_any(),
        }
    };
    let echo_class = move || match Amount::parse(&value.get(), ParseLocale::Moroccan) {
        Ok(_) => "echo",
        Err(_) => "echo bad",
    };
    view! {
        <div class="field amount" data-path=path.clone()>
            <label for=id.clone()>{move || t(label, lang.get())}{required.then_some(" *")}</label>
            <input id=id.clone() type="text" inputmode="text" autocomplete="off" dir="auto"
                aria-describedby=format!("{echo_id} {id}-problems") aria-invalid=invalid
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
            <output id=echo_id for=id.clone() class=echo_class aria-live="polite">{echo}</output>
            <FieldProblems state path=path.clone() problems />
        </div>
    }
}

/// One choice of a select: its value, its text, and whether it may be picked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The value stored.
    pub value: String,
    /// What the user reads.
    pub text: String,
    /// Whether the choice is offered but not allowed (a status the record cannot move to).
    pub disabled: bool,
}

impl Choice {
    /// An allowed choice.
    pub fn new(value: impl Into<String>, text: impl Into<String>) -> Choice {
        Choice { value: value.into(), text: text.into(), disabled: false }
    }
}

/// A select bound to `value`; `choices` is recomputed when the language or data change.
#[component]
pub fn SelectField(
    state: AppState,
    #[prop(into)] path: String,
    label: Label,
    value: RwSignal<String>,
    problems: Problems,
    #[prop(into)] choices: Signal<Vec<Choice>>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let id = field_id(&path);
    let invalid_path = path.clone();
    let invalid = move || aria_invalid(problems, &invalid_path);
    let lang = state.lang;
    view! {
        <div class="field" data-path=path.clone()>
            <label for=id.clone()>{move || t(label, lang.get())}{required.then_some(" *")}</label>
            <select id=id.clone() aria-describedby=format!("{id}-problems") aria-invalid=invalid
                on:change=move |ev| value.set(event_target_value(&ev))>
                {move || {
                    let current = value.get();
                    choices
                        .get()
                        .into_iter()
                        .map(|c| {
                            let selected = c.value == current;
                            view! { <option value=c.value disabled=c.disabled prop:selected=selected>{c.text}</option> }
                        })
                        .collect_view()
                }}
            </select>
            <FieldProblems state path=path.clone() problems />
        </div>
    }
}

/// A checkbox bound to `value`.
#[component]
pub fn CheckField(state: AppState, #[prop(into)] path: String, label: Label, value: RwSignal<bool>, problems: Problems) -> impl IntoView {
    let id = field_id(&path);
    let lang = state.lang;
    view! {
        <div class="field check" data-path=path.clone()>
            <input id=id.clone() type="checkbox" prop:checked=move || value.get()
                on:change=move |ev| value.set(event_target_checked(&ev)) />
            <label for=id>{move || t(label, lang.get())}</label>
            <FieldProblems state path=path.clone() problems />
        </div>
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use taawun_core::Lang;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    async fn the_amount_field_echoes_how_core_read_an_amount_in_the_users_language() {
        let document = web_sys::window().unwrap().document().unwrap();
        let host = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&host).unwrap();
        let state = AppState::load();
        state.lang.set(Lang::Fr);
        let value = RwSignal::new(String::from("20,86 مليون"));
        let problems = Problems::new();
        let _mounted = leptos::mount::mount_to(host.clone().unchecked_into(), move || {
            view! { <AmountField state path="total_cost" label=Label::TotalCost value problems /> }
        });
        let echo = || host.query_selector("#f-total_cost-echo").unwrap().unwrap().text_content().unwrap().replace('\u{a0}', " ");
        assert_eq!(echo(), "Compris comme 20 860 000,00 DH");

        state.lang.set(Lang::Ar);
        leptos::task::tick().await;
        assert_eq!(echo(), "فُهم على أنه 20 860 000,00 درهم");

        value.set("12,345".into());
        leptos::task::tick().await;
        assert!(echo().contains("12,345"), "a refused amount is named in the echo: {}", echo());
    }
}
