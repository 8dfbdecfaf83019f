//! The success story of a project, on the project's page: mark the project as a model, tell its
//! story in Arabic or French with the figures behind it (jobs, turnover before and after), and
//! add photos, downscaled in the browser and each stored under its own key.
//!
//! What a story must hold is core's (`Dataset::apply` refuses a story without text or project);
//! this section only gathers the form and shows core's findings and photo errors. It is written
//! as a flat fragment (`charts::tree::Markup`) with three listeners on its container (input,
//! change, click), which costs far less of the start download than typed view trees.

use std::rc::Rc;

use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::amount::{Amount, ParseLocale};
use taawun_core::dataset::Edit;
use taawun_core::id::Id;
use taawun_core::record::{Record, RecordKind, RecordRef};
use taawun_core::story::Story;
use taawun_core::text::{self, Localised};
use wasm_bindgen::JsCast;

use crate::charts::tree::{Fragment, Markup};
use crate::components::colon;
use crate::i18n::{Label, t};
use crate::state::AppState;
use crate::storage;

/// The story of `project`, if one is live.
fn story_of(state: &AppState, project: Id) -> Option<Record<Story>> {
    state.dataset.with_untracked(|d| d.stories().live().find(|s| s.data.project == project).cloned())
}

/// Writes the photos of a story as `<img>` elements with their data URLs; a photo missing from
/// this browser's storage is said so, never silently dropped.
pub fn photos_markup(m: &mut Markup, photos: &[String], lang: Lang) {
    m.open("div").attr("class", "story-photos");
    for name in photos {
        match storage::photos::load_named(name) {
            Some(photo) => {
                m.open("img").attr("class", "story-photo").attr_string("src", photo.data_url().to_owned());
                m.attr("alt", t(Label::StoryPhoto, lang)).attr_string("data-photo", name.clone()).close();
            }
            None => {
                m.open("span").attr("class", "story-photo missing").attr_string("data-photo", name.clone()).text(t(Label::PhotoMissing, lang)).close();
            }
        }
    }
    m.close();
}

/// The figures behind a story, as a line: "Emplois créés : 12 · Chiffre d'affaires annuel : 100 000,00 DH → 250 000,00 DH".
pub fn figures_line(story: &Story, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some(jobs) = story.jobs {
        parts.push(format!("{}{}{}", t(Label::StoryJobs, lang), colon(lang), text::integer(u64::from(jobs), lang)));
    }
    let show = |a: Option<Amount>| a.map_or_else(|| "—".to_owned(), |a| text::amount(a, lang));
    if story.turnover_before.is_some() || story.turnover_after.is_some() {
        // The arrow points the way the line reads: from before to after.
        let arrow = if lang.is_rtl() { "←" } else { "→" };
        parts.push(format!("{}{}{} {arrow} {}", t(Label::StoryTurnover, lang), colon(lang), show(story.turnover_before), show(story.turnover_after)));
    }
    parts.join(" · ")
}

/// The form's values as typed (kept by the `input` listener, so redrawing keeps them).
#[derive(Clone, Default)]
struct Form {
    story_ar: String,
    story_fr: String,
    jobs: String,
    before: String,
    after: String,
    photos: Vec<String>,
}

/// Reads the form into a story, or the messages of what could not be read.
fn story_from(form: &Form, project: Id, lang: Lang) -> Result<Story, Vec<String>> {
    let mut unreadable = Vec::new();
    let mut amount = |text: &str, label: Label| {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        Amount::parse(text, ParseLocale::Moroccan).map_err(|e| unreadable.push(format!("{}{}{}", t(label, lang), colon(lang), e.message(lang)))).ok()
    };
    let turnover_before = amount(&form.before, Label::StoryTurnoverBefore);
    let turnover_after = amount(&form.after, Label::StoryTurnoverAfter);
    let jobs = form.jobs.trim();
    let jobs = if jobs.is_empty() {
        None
    } else {
        jobs.parse::<u32>().map_err(|_| unreadable.push(format!("{}{}{}", t(Label::StoryJobs, lang), colon(lang), t(Label::NotAWholeNumber, lang)))).ok()
    };
    if !unreadable.is_empty() {
        return Err(unreadable);
    }
    Ok(Story { project, story_ar: form.story_ar.clone(), story_fr: form.story_fr.clone(), jobs, turnover_before, turnover_after, photos: form.photos.clone() })
}

/// The story section of a project's page.
#[component]
pub fn StorySection(state: AppState, project: Id) -> impl IntoView {
    let editing = RwSignal::new(false);
    let form = RwSignal::new(Form::default());
    let problems: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    let busy = RwSignal::new(false);
    // The form's values are read untracked (typing must not redraw); a photo removed redraws.
    let photos_changed = RwSignal::new(0u32);

    let content: Rc<dyn Fn() -> Markup> = Rc::new(move || {
        let lang = state.lang.get();
        state.dataset.track();
        photos_changed.track();
        let mut m = Markup::new();
        section(&mut m, story_of(&state, project).as_ref(), editing.get(), &form.get_untracked(), busy.get(), &problems.get(), lang);
        m
    });

    let on_input = move |ev: leptos::ev::Event| {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let value = event_target_value(&ev);
        // Untracked: typing must not redraw the form under the caret.
        form.update_untracked(|f| match target.id().as_str() {
            "story-ar" => f.story_ar = value,
            "story-fr" => f.story_fr = value,
            "story-jobs" => f.jobs = value,
            "story-before" => f.before = value,
            "story-after" => f.after = value,
            _ => {}
        });
    };

    let on_change = move |ev: leptos::ev::Event| {
        let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).filter(|i| i.id() == "story-photo-input");
        let Some(file) = input.as_ref().and_then(|i| i.files()).and_then(|files| files.get(0)) else { return };
        let lang = state.lang.get_untracked();
        let Some(id) = state.new_id() else {
            problems.set(vec![t(Label::NoRandom, lang).to_owned()]);
            return;
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let outcome = crate::photo::downscale(file, id).await;
            let lang = state.lang.get_untracked();
            let problem = match outcome {
                Ok(photo) => match storage::photos::save(&photo) {
                    Ok(()) => {
                        form.update_untracked(|f| f.photos.push(photo.id().to_string()));
                        None
                    }
                    Err(_) => Some(t(Label::PhotoNoRoom, lang).to_owned()),
                },
                Err(error) => Some(error.message(lang)),
            };
            problems.set(problem.into_iter().collect());
            busy.set(false);
        });
    };

    let save = move || {
        let lang = state.lang.get_untracked();
        let story = match story_from(&form.get_untracked(), project, lang) {
            Ok(story) => story,
            Err(unreadable) => return problems.set(unreadable),
        };
        let edit = match story_of(&state, project) {
            Some(record) => Edit::UpdateStory { id: record.id, base_revision: record.meta.revision, story },
            None => match state.new_id() {
                Some(id) => Edit::CreateStory { id, story },
                None => return problems.set(vec![t(Label::NoRandom, lang).to_owned()]),
            },
        };
        match state.apply(edit) {
            Ok(_) => {
                problems.set(Vec::new());
                editing.set(false);
            }
            Err(refused) => problems.set(refused.findings.iter().map(|f| f.message.get(lang).to_owned()).collect()),
        }
    };

    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        match target.id().as_str() {
            "story-edit" => {
                // Written as the project form writes amounts, which the Moroccan form reads back.
                let written = |a: Option<Amount>| a.map(|a| text::amount(a, Lang::Fr)).unwrap_or_default();
                let current = story_of(&state, project).map(|r| r.data);
                form.set(match current {
                    Some(s) => Form {
                        jobs: s.jobs.map(|j| j.to_string()).unwrap_or_default(),
                        before: written(s.turnover_before),
                        after: written(s.turnover_after),
                        story_ar: s.story_ar,
                        story_fr: s.story_fr,
                        photos: s.photos,
                    },
                    None => Form::default(),
                });
                problems.set(Vec::new());
                editing.set(true);
            }
            "story-save" if !busy.get_untracked() => save(),
            "story-cancel" => editing.set(false),
            _ => {
                if let Some(name) = target.get_attribute("data-remove-photo") {
                    form.update_untracked(|f| f.photos.retain(|p| *p != name));
                    photos_changed.update(|n| *n += 1);
                }
            }
        }
    };

    view! {
        <div on:input=on_input on:change=on_change on:click=on_click>
            <Fragment id="story-fragment" content />
        </div>
        {move || {
            let story = state.dataset.with(|d| d.stories().live().find(|s| s.data.project == project).map(|s| s.id));
            story.map(|id| view! { <crate::components::history::History state target=RecordRef { kind: RecordKind::Story, id } id="story-history" /> })
        }}
    }
}

#[inline(never)]
fn field(m: &mut Markup, id: &'static str, label: Label, value: &str, lang: Lang) {
    m.open("div").attr("class", "field").open("label").attr("for", id).text(t(label, lang)).close();
    m.open("input").attr("type", "text").attr("id", id).attr_string("value", value.to_owned()).close().close();
}

#[inline(never)]
fn area(m: &mut Markup, id: &'static str, label: Label, value: &str, dir: &'static str, code: &'static str, lang: Lang) {
    m.open("div").attr("class", "field wide").open("label").attr("for", id).text(t(label, lang)).close();
    m.open("textarea").attr("id", id).attr("rows", "4").attr("dir", dir).attr("lang", code).text_string(value.to_owned()).close().close();
}

#[inline(never)]
fn button(m: &mut Markup, id: &'static str, class: &'static str, label: Label, lang: Lang) {
    m.open("button").attr("type", "button").attr("id", id).attr("class", class).text(t(label, lang)).close();
}

/// Writes the section: the story as told, then its form or the button that opens it.
fn section(m: &mut Markup, current: Option<&Record<Story>>, editing: bool, form: &Form, busy: bool, problems: &[String], lang: Lang) {
    m.open("section").attr("class", "story-section").attr("aria-labelledby", "story-title");
    m.open("h2").attr("id", "story-title").text(t(Label::SuccessStory, lang)).close();
    if let Some(record) = current {
        let story = &record.data;
        m.open("div").attr("class", "story").attr("id", "project-story");
        m.open("p").attr("class", "story-model").text(t(Label::StoryModel, lang)).close();
        m.open("blockquote").attr("class", "story-text").leaf("bdi", story.text(lang).to_owned()).close();
        m.open("p").attr("class", "story-figures").text_string(figures_line(story, lang)).close();
        photos_markup(m, &story.photos, lang);
        m.close();
    }
    if !editing {
        button(m, "story-edit", "", if current.is_some() { Label::EditStory } else { Label::MarkAsModel }, lang);
    } else {
        m.open("div").attr("class", "inline-form story-form").attr("id", "story-form").open("div").attr("class", "grid");
        area(m, "story-ar", Label::StoryAr, &form.story_ar, "rtl", "ar", lang);
        area(m, "story-fr", Label::StoryFr, &form.story_fr, "ltr", "fr", lang);
        field(m, "story-jobs", Label::StoryJobs, &form.jobs, lang);
        field(m, "story-before", Label::StoryTurnoverBefore, &form.before, lang);
        field(m, "story-after", Label::StoryTurnoverAfter, &form.after, lang);
        m.close();
        m.open("div").attr("class", "file-picker");
        m.open("input").attr("type", "file").attr("id", "story-photo-input").attr("class", "visually-hidden").attr("accept", "image/*").close();
        m.open("label").attr("for", "story-photo-input").attr("class", "button").text(t(Label::AddPhoto, lang)).close();
        m.open("span").attr("class", "hint").text(t(Label::PhotoHint, lang)).close();
        if busy {
            m.open("span").attr("id", "story-photo-busy").attr("role", "status").text(t(Label::PhotoWorking, lang)).close();
        }
        m.close();
        m.open("ul").attr("class", "story-photo-list").attr("id", "story-photo-list");
        for name in &form.photos {
            m.open("li").attr_string("data-photo", name.clone());
            if let Some(photo) = storage::photos::load_named(name) {
                m.open("img").attr("class", "story-photo").attr_string("src", photo.data_url().to_owned()).attr("alt", t(Label::StoryPhoto, lang)).close();
            }
            m.open("button").attr("type", "button").attr("class", "remove-photo").attr_string("data-remove-photo", name.clone());
            m.text(t(Label::RemoveLine, lang)).close().close();
        }
        m.close();
        if !problems.is_empty() {
            m.open("ul").attr("class", "banner").attr("role", "alert").attr("id", "story-problems");
            for problem in problems {
                m.leaf("li", problem.clone());
            }
            m.close();
        }
        m.open("div").attr("class", "actions");
        button(m, "story-save", "primary", Label::Save, lang);
        button(m, "story-cancel", "", Label::Cancel, lang);
        m.close().close();
    }
    m.close();
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn a_turnover_that_cannot_be_read_is_said_with_its_field_and_nothing_is_built() {
        let form = Form { story_fr: "Une histoire".into(), before: "cent mille".into(), jobs: "7".into(), ..Form::default() };
        let refused = story_from(&form, Id::from_u128(1), Lang::Fr).unwrap_err();
        assert_eq!(refused.len(), 1);
        assert!(refused[0].starts_with(t(Label::StoryTurnoverBefore, Lang::Fr)));
        let form = Form { after: "310 000,50".into(), ..form };

        let story = story_from(&Form { before: String::new(), ..form }, Id::from_u128(1), Lang::Fr).unwrap();
        assert_eq!(story.turnover_after, Amount::from_centimes(31_000_050));
        assert_eq!((story.jobs, story.turnover_before), (Some(7), None));
    }
}
