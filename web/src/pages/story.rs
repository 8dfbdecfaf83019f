//! The success story of a project, on the project's page: mark the project as a model, tell its
//! story in Arabic or French with the figures behind it (jobs, turnover before and after), and
//! add photos, downscaled in the browser and each stored under its own key.
//!
//! What a story must hold is core's (`Dataset::apply` refuses a story without text or project);
//! this section only gathers the form and shows core's findings and photo errors.

use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::amount::{Amount, ParseLocale};
use taawun_core::dataset::Edit;
use taawun_core::id::Id;
use taawun_core::record::Record;
use taawun_core::story::Story;
use taawun_core::text::{self, Localised};
use wasm_bindgen::JsCast;

use crate::components::colon;
use crate::i18n::{Label, t};
use crate::state::AppState;
use crate::storage;

/// The story of `project`, if one is live.
fn story_of(state: &AppState, project: Id) -> Option<Record<Story>> {
    state.dataset.with(|d| d.stories().live().find(|s| s.data.project == project).cloned())
}

/// The photos of a story as `<img>` elements with their data URLs (a photo missing from this
/// browser's storage is said so, never silently dropped).
pub fn photo_views(photos: &[String], lang: Lang) -> impl IntoView + use<> {
    photos
        .iter()
        .map(|name| match storage::photos::load_named(name) {
            Some(photo) => view! { <img class="story-photo" src=photo.data_url().to_owned() alt=t(Label::StoryPhoto, lang) data-photo=name.clone() /> }.into_any(),
            None => view! { <span class="story-photo missing" data-photo=name.clone()>{t(Label::PhotoMissing, lang)}</span> }.into_any(),
        })
        .collect_view()
}

/// The figures behind a story, as a line: "12 emplois · chiffre d'affaires 100 000,00 DH → 250 000,00 DH".
pub fn figures_line(story: &Story, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some(jobs) = story.jobs {
        parts.push(format!("{}{}{}", t(Label::StoryJobs, lang), colon(lang), text::integer(u64::from(jobs), lang)));
    }
    let show = |a: Option<Amount>| a.map_or_else(|| "—".to_owned(), |a| text::amount(a, lang));
    if story.turnover_before.is_some() || story.turnover_after.is_some() {
        parts.push(format!("{}{}{} → {}", t(Label::StoryTurnover, lang), colon(lang), show(story.turnover_before), show(story.turnover_after)));
    }
    parts.join(" · ")
}

/// The story section of a project's page.
#[component]
pub fn StorySection(state: AppState, project: Id) -> impl IntoView {
    let lang = state.lang;
    let editing = RwSignal::new(false);
    let (story_ar, story_fr, jobs, before, after) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let photos: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    let problems: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    let photo_problem: RwSignal<Option<String>> = RwSignal::new(None);
    let busy = RwSignal::new(false);

    let open_form = move |_| {
        let current = story_of(&state, project).map(|r| r.data);
        // Written as the project form writes amounts: the Moroccan form parse reads back.
        let written = |a: Option<Amount>| a.map(|a| text::amount(a, Lang::Fr)).unwrap_or_default();
        story_ar.set(current.as_ref().map(|s| s.story_ar.clone()).unwrap_or_default());
        story_fr.set(current.as_ref().map(|s| s.story_fr.clone()).unwrap_or_default());
        jobs.set(current.as_ref().and_then(|s| s.jobs).map(|j| j.to_string()).unwrap_or_default());
        before.set(current.as_ref().map(|s| written(s.turnover_before)).unwrap_or_default());
        after.set(current.as_ref().map(|s| written(s.turnover_after)).unwrap_or_default());
        photos.set(current.map(|s| s.photos).unwrap_or_default());
        problems.set(Vec::new());
        photo_problem.set(None);
        editing.set(true);
    };

    let on_photo = move |ev: leptos::ev::Event| {
        let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let Some(file) = input.as_ref().and_then(|i| i.files()).and_then(|files| files.get(0)) else { return };
        let Some(id) = state.new_id() else { return };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let outcome = crate::photo::downscale(file, id).await;
            let lang_now = lang.get_untracked();
            match outcome {
                Ok(photo) => match storage::photos::save(&photo) {
                    Ok(()) => {
                        photos.update(|p| p.push(photo.id().to_string()));
                        photo_problem.set(None);
                    }
                    Err(_) => photo_problem.set(Some(t(Label::PhotoNoRoom, lang_now).to_owned())),
                },
                Err(error) => photo_problem.set(Some(error.message(lang_now))),
            }
            busy.set(false);
            if let Some(input) = input {
                input.set_value("");
            }
        });
    };

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang_now = lang.get_untracked();
        let mut unreadable = Vec::new();
        let amount = |text: String, label: Label, unreadable: &mut Vec<String>| {
            let text = text.trim().to_owned();
            if text.is_empty() {
                return None;
            }
            Amount::parse(&text, ParseLocale::Moroccan).map_err(|e| unreadable.push(format!("{}{}{}", t(label, lang_now), colon(lang_now), e.message(lang_now)))).ok()
        };
        let jobs_text = jobs.get_untracked().trim().to_owned();
        let jobs_value = if jobs_text.is_empty() {
            None
        } else {
            jobs_text.parse::<u32>().map_err(|_| unreadable.push(format!("{}{}{}", t(Label::StoryJobs, lang_now), colon(lang_now), t(Label::NotAWholeNumber, lang_now)))).ok()
        };
        let turnover_before = amount(before.get_untracked(), Label::StoryTurnoverBefore, &mut unreadable);
        let turnover_after = amount(after.get_untracked(), Label::StoryTurnoverAfter, &mut unreadable);
        if !unreadable.is_empty() {
            problems.set(unreadable);
            return;
        }
        let story = Story {
            project,
            story_ar: story_ar.get_untracked(),
            story_fr: story_fr.get_untracked(),
            jobs: jobs_value,
            turnover_before,
            turnover_after,
            photos: photos.get_untracked(),
        };
        let edit = match story_of(&state, project) {
            Some(record) => Edit::UpdateStory { id: record.id, base_revision: record.meta.revision, story },
            None => match state.new_id() {
                Some(id) => Edit::CreateStory { id, story },
                None => {
                    problems.set(vec![t(Label::NoRandom, lang_now).to_owned()]);
                    return;
                }
            },
        };
        match state.apply(edit) {
            Ok(_) => {
                problems.set(Vec::new());
                editing.set(false);
            }
            Err(refused) => problems.set(refused.findings.iter().map(|f| f.message.get(lang_now).to_owned()).collect()),
        }
    };

    move || {
        let lang_now = lang.get();
        let current = story_of(&state, project);
        let shown = current.as_ref().map(|record| {
            let story = record.data.clone();
            view! {
                <div class="story" id="project-story">
                    <p class="story-model">{t(Label::StoryModel, lang_now)}</p>
                    <blockquote class="story-text"><bdi>{story.text(lang_now).to_owned()}</bdi></blockquote>
                    <p class="story-figures">{figures_line(&story, lang_now)}</p>
                    <div class="story-photos">{photo_views(&story.photos, lang_now)}</div>
                </div>
            }
        });
        let form = editing.get().then(|| {
            let field = move |id: &'static str, label: Label, value: RwSignal<String>, hint: Option<Label>| {
                view! {
                    <div class="field">
                        <label for=id>{t(label, lang_now)}</label>
                        <input type="text" id=id prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
                        {hint.map(|h| view! { <p class="hint">{t(h, lang_now)}</p> })}
                    </div>
                }
            };
            let area = move |id: &'static str, label: Label, value: RwSignal<String>, dir: &'static str, code: &'static str| {
                view! {
                    <div class="field wide">
                        <label for=id>{t(label, lang_now)}</label>
                        <textarea id=id rows="4" dir=dir lang=code prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
                    </div>
                }
            };
            view! {
                <form class="inline-form story-form" id="story-form" novalidate on:submit=save>
                    <div class="grid">
                        {area("story-ar", Label::StoryAr, story_ar, "rtl", "ar")}
                        {area("story-fr", Label::StoryFr, story_fr, "ltr", "fr")}
                        {field("story-jobs", Label::StoryJobs, jobs, None)}
                        {field("story-before", Label::StoryTurnoverBefore, before, Some(Label::Optional))}
                        {field("story-after", Label::StoryTurnoverAfter, after, Some(Label::Optional))}
                    </div>
                    <div class="file-picker">
                        <input type="file" id="story-photo-input" class="visually-hidden" accept="image/*" on:change=on_photo />
                        <label for="story-photo-input" class="button">{t(Label::AddPhoto, lang_now)}</label>
                        <span class="hint">{t(Label::PhotoHint, lang_now)}</span>
                        {move || busy.get().then(|| view! { <span id="story-photo-busy" role="status">{t(Label::PhotoWorking, lang_now)}</span> })}
                    </div>
                    {move || photo_problem.get().map(|message| view! { <p class="banner" role="alert" id="story-photo-error">{message}</p> })}
                    <ul class="story-photo-list" id="story-photo-list">
                        {move || photos.get().into_iter().map(|name| {
                            let remove = name.clone();
                            let image = storage::photos::load_named(&name).map(|p| p.data_url().to_owned()).unwrap_or_default();
                            view! {
                                <li data-photo=name.clone()>
                                    <img class="story-photo" src=image alt=t(Label::StoryPhoto, lang_now) />
                                    <button type="button" class="remove-photo" on:click=move |_| photos.update(|p| p.retain(|x| *x != remove))>
                                        {t(Label::RemoveLine, lang_now)}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {move || {
                        let list = problems.get();
                        (!list.is_empty()).then(|| view! {
                            <ul class="banner" role="alert" id="story-problems">{list.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                        })
                    }}
                    <div class="actions">
                        <button type="submit" class="primary" id="story-save" disabled=move || busy.get()>{t(Label::Save, lang_now)}</button>
                        <button type="button" id="story-cancel" on:click=move |_| editing.set(false)>{t(Label::Cancel, lang_now)}</button>
                    </div>
                </form>
            }
        });
        let button_label = if current.is_some() { Label::EditStory } else { Label::MarkAsModel };
        view! {
            <section aria-labelledby="story-title" class="story-section">
                <h2 id="story-title">{t(Label::SuccessStory, lang_now)}</h2>
                {shown}
                {(!editing.get()).then(|| view! { <button type="button" id="story-edit" on:click=open_form>{t(button_label, lang_now)}</button> })}
                {form}
            </section>
        }
    }
}
