//! The Data page's "Open data" section: what the open exports publish and never publish (law
//! 09-08), the publisher settings (stored apart from the dataset, `storage::publisher`), and the
//! two downloads, 360Giving JSON and IATI 2.03 XML, made by `crate::open_data`.
//!
//! The settings are checked by core's exporters, not here: an export refused for a missing or
//! malformed setting shows core's message, which names the setting, and marks its field.

use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::open_data::{self as core_open_data, ApprovalDate, OpenDataError, Organisation, OrganisationType, PublisherSettings, Setting};
use taawun_core::record::Timestamp;
use taawun_core::reference::FunderRole;
use taawun_core::text::Localised;

use crate::components::colon;
use crate::download;
use crate::i18n::{Label, endonym, t};
use crate::open_data::{self, ExportFile};
use crate::state::AppState;
use crate::storage::StorageError;
use crate::storage::publisher::{self, PublisherProblem};

/// The id of the field holding `setting`.
fn field_of(setting: Setting) -> &'static str {
    match setting {
        Setting::Giving360Prefix => "publisher-prefix",
        Setting::FunderReference => "publisher-funder-reference",
        Setting::FunderName => "publisher-funder-name-fr",
        Setting::ReportingOrgReference => "publisher-reporting-reference",
        Setting::ReportingOrgName => "publisher-reporting-name-fr",
        Setting::ExtendingOrgReference => "publisher-extending-reference",
        Setting::ExtendingOrgName => "publisher-extending-name-fr",
    }
}

/// The setting an export was refused for, if it was refused for one.
fn setting_of(error: &OpenDataError) -> Option<Setting> {
    match error {
        OpenDataError::MissingSetting { setting } | OpenDataError::InvalidSetting { setting, .. } => Some(*setting),
        _ => None,
    }
}

/// Trimmed text, `None` when blank.
fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The organisations of the settings, each with the id stem of its fields and its title.
#[derive(Clone, Copy)]
enum Role {
    Funder,
    Reporting,
    Extending,
}

impl Role {
    fn stem(self) -> &'static str {
        match self {
            Role::Funder => "funder",
            Role::Reporting => "reporting",
            Role::Extending => "extending",
        }
    }

    fn title(self) -> Label {
        match self {
            Role::Funder => Label::PublisherFunder,
            Role::Reporting => Label::PublisherReporting,
            Role::Extending => Label::PublisherExtending,
        }
    }

    fn of(self, settings: &mut PublisherSettings) -> &mut Organisation {
        match self {
            Role::Funder => &mut settings.funder,
            Role::Reporting => &mut settings.reporting_org,
            Role::Extending => &mut settings.extending_org,
        }
    }

    fn read(self, settings: &PublisherSettings) -> &Organisation {
        match self {
            Role::Funder => &settings.funder,
            Role::Reporting => &settings.reporting_org,
            Role::Extending => &settings.extending_org,
        }
    }
}

/// The publisher settings being edited, what became of reading and saving them, and the last
/// export's refusal.
#[derive(Clone, Copy)]
struct Editor {
    settings: RwSignal<PublisherSettings>,
    unreadable: RwSignal<Option<PublisherProblem>>,
    save_failed: RwSignal<Option<StorageError>>,
    refused: RwSignal<Option<OpenDataError>>,
}

impl Editor {
    fn load() -> Editor {
        let (settings, problem) = match publisher::load_publisher() {
            Ok(Some(settings)) => (settings, None),
            Ok(None) => (PublisherSettings::tanger_assilah(), None),
            Err(problem) => (PublisherSettings::tanger_assilah(), Some(problem)),
        };
        Editor { settings: RwSignal::new(settings), unreadable: RwSignal::new(problem), save_failed: RwSignal::new(None), refused: RwSignal::new(None) }
    }

    /// Applies a change the user made, then stores the settings. Only here is the stored value
    /// written, so an unreadable one is replaced only by the user's own choice.
    fn change(self, edit: impl FnOnce(&mut PublisherSettings)) {
        self.settings.update(edit);
        self.refused.set(None);
        match self.settings.with_untracked(publisher::save_publisher) {
            Ok(()) => {
                self.save_failed.set(None);
                self.unreadable.set(None);
            }
            Err(error) => self.save_failed.set(Some(error)),
        }
    }

    /// `"true"` when the last export was refused for `setting`.
    fn invalid(self, setting: Setting) -> impl Fn() -> &'static str + Copy {
        move || if self.refused.with(|r| r.as_ref().and_then(setting_of)) == Some(setting) { "true" } else { "false" }
    }
}

/// The "Open data" section of the Data page.
#[component]
pub fn OpenData(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let editor = Editor::load();
    let offered: RwSignal<Option<String>> = RwSignal::new(None);
    let offer_failed = RwSignal::new(false);

    let run = move |make: fn(&taawun_core::dataset::Dataset, &PublisherSettings) -> Result<ExportFile, OpenDataError>| {
        let made = state.dataset.with_untracked(|dataset| editor.settings.with_untracked(|settings| make(dataset, settings)));
        match made {
            Ok(file) => {
                editor.refused.set(None);
                let ok = download::offer(&file.bytes, &file.name, file.mime).is_ok();
                offer_failed.set(!ok);
                offered.set(ok.then_some(file.name));
            }
            Err(error) => {
                offered.set(None);
                editor.refused.set(Some(error));
            }
        }
    };
    let export_360 = move |_| run(|dataset, settings| open_data::export_360(dataset, settings, &download::today()));
    let export_iati = move |_| {
        run(|dataset, settings| {
            let now = Timestamp::from_millis(js_sys::Date::now() as i64).unwrap_or(Timestamp::EPOCH);
            open_data::export_iati(dataset, settings, now, &download::today())
        })
    };

    let lines = move |list: fn(Lang) -> Vec<&'static str>| list(lang.get()).into_iter().map(|line| view! { <li>{line}</li> }).collect_view();

    view! {
        <section aria-labelledby="open-data-title" id="open-data">
            <h2 id="open-data-title">{move || t(Label::OpenDataTitle, lang.get())}</h2>
            <p>{move || t(Label::OpenDataHint, lang.get())}</p>
            <div class="open-data-scope">
                <div>
                    <h3>{move || t(Label::OpenDataPublished, lang.get())}</h3>
                    <ul id="open-data-published">{move || lines(core_open_data::published_fields)}</ul>
                </div>
                <div>
                    <h3>{move || t(Label::OpenDataWithheld, lang.get())}</h3>
                    <ul id="open-data-withheld">{move || lines(core_open_data::withheld_fields)}</ul>
                </div>
            </div>
            <PublisherForm state editor />
            <div class="actions">
                <button type="button" class="primary" id="export-360giving" on:click=export_360>{move || t(Label::Export360Giving, lang.get())}</button>
                <button type="button" class="primary" id="export-iati" on:click=export_iati>{move || t(Label::ExportIati, lang.get())}</button>
            </div>
            {move || editor.refused.get().map(|error| {
                let lang = lang.get();
                let field = setting_of(&error).map(field_of);
                view! {
                    <div class="banner" role="alert" id="open-data-refused">
                        <p>{t(Label::OpenDataRefused, lang)}{colon(lang)}{error.message(lang)}</p>
                        {field.map(|field| view! {
                            <button type="button" class="link" id="open-data-go-to-setting" on:click=move |_| crate::components::focus(field)>
                                {t(Label::OpenDataGoToSetting, lang)}
                            </button>
                        })}
                    </div>
                }
            })}
            {move || offer_failed.get().then(|| view! { <p class="banner" role="alert" id="open-data-offer-failed">{t(Label::ExportFailed, lang.get())}</p> })}
            {move || offered.get().map(|name| view! {
                <p class="status ok" role="status" id="open-data-offered">{t(Label::OpenDataOffered, lang.get())}{colon(lang.get())}<bdi dir="ltr">{name}</bdi></p>
            })}
        </section>
    }
}

/// The publisher settings form; every change is stored at once.
#[component]
fn PublisherForm(state: AppState, editor: Editor) -> impl IntoView {
    let lang = state.lang;
    let value = move |read: fn(&PublisherSettings) -> String| move || editor.settings.with(read);
    let set_prefix = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        editor.change(|s| s.giving360_prefix = optional(&text));
    };
    let set_language = move |ev: leptos::ev::Event| {
        let language = if event_target_value(&ev) == Lang::Ar.code() { Lang::Ar } else { Lang::Fr };
        editor.change(|s| s.language = language);
    };
    let set_cooperative_type = move |ev: leptos::ev::Event| {
        if let Some(kind) = organisation_type(&event_target_value(&ev)) {
            editor.change(|s| s.cooperative_type = kind);
        }
    };
    let set_approval = move |ev: leptos::ev::Event| {
        let approval = if event_target_value(&ev) == ApprovalDate::PlannedStart.code() { ApprovalDate::PlannedStart } else { ApprovalDate::ActualStart };
        editor.change(|s| s.approval_date = approval);
    };
    let approval_options = move || {
        let lang = lang.get();
        let current = editor.settings.with(|s| s.approval_date);
        [(ApprovalDate::ActualStart, Label::ApprovalActualStart), (ApprovalDate::PlannedStart, Label::ApprovalPlannedStart)]
            .into_iter()
            .map(|(choice, label)| view! { <option value=choice.code() selected=current == choice>{t(label, lang)}</option> })
            .collect_view()
    };

    view! {
        <fieldset id="publisher-settings">
            <legend>{move || t(Label::PublisherTitle, lang.get())}</legend>
            <p class="hint">{move || t(Label::PublisherHint, lang.get())}</p>
            {move || editor.unreadable.get().map(|problem| {
                let lang = lang.get();
                let (reason, stored) = match problem {
                    PublisherProblem::Unavailable => (t(Label::StorageUnavailable, lang).to_owned(), String::new()),
                    PublisherProblem::Unreadable { reason, stored } => (reason, stored),
                };
                view! {
                    <div class="banner" role="alert" id="publisher-unreadable">
                        <p>{t(Label::PublisherUnreadable, lang)}</p>
                        <details><summary>{t(Label::Details, lang)}</summary>
                            <p dir="ltr"><code>{reason}</code></p>
                            <pre dir="ltr">{stored}</pre>
                        </details>
                    </div>
                }
            })}
            {move || editor.save_failed.get().map(|error| view! {
                <p class="banner" role="alert" id="publisher-save-failed">
                    {t(Label::PublisherSaveFailed, lang.get())}{colon(lang.get())}{crate::safety::describe_storage_error(&error, lang.get())}
                </p>
            })}
            <div class="field">
                <label for="publisher-prefix">{move || t(Label::PublisherPrefix, lang.get())}</label>
                <input id="publisher-prefix" type="text" dir="ltr" autocomplete="off" placeholder="360G-…" aria-describedby="publisher-prefix-hint"
                    aria-invalid=editor.invalid(Setting::Giving360Prefix)
                    prop:value=value(|s| s.giving360_prefix.clone().unwrap_or_default()) on:change=set_prefix />
                <p class="hint" id="publisher-prefix-hint">{move || t(Label::PublisherPrefixHint, lang.get())}</p>
            </div>
            <div class="field">
                <label for="publisher-language">{move || t(Label::PublisherLanguage, lang.get())}</label>
                <select id="publisher-language" on:change=set_language>
                    {move || {
                        let current = editor.settings.with(|s| s.language);
                        Lang::ALL.into_iter().map(|choice| view! { <option value=choice.code() selected=current == choice>{endonym(choice)}</option> }).collect_view()
                    }}
                </select>
            </div>
            <OrganisationFields state editor role=Role::Funder />
            <OrganisationFields state editor role=Role::Reporting />
            <OrganisationFields state editor role=Role::Extending />
            <div class="field">
                <label for="publisher-cooperative-type">{move || t(Label::PublisherCooperativeType, lang.get())}</label>
                <select id="publisher-cooperative-type" on:change=set_cooperative_type>
                    {move || type_options(lang.get(), editor.settings.with(|s| s.cooperative_type))}
                </select>
            </div>
            <div class="field">
                <label for="publisher-approval">{move || t(Label::PublisherApproval, lang.get())}</label>
                <select id="publisher-approval" on:change=set_approval>{approval_options}</select>
            </div>
            <PartnerTypes state editor />
        </fieldset>
    }
}

/// The IATI organisation type of each co-funding partner of the reference data (its funders of
/// role partner, retired ones included while a setting names them); "not stated" removes it.
#[component]
fn PartnerTypes(state: AppState, editor: Editor) -> impl IntoView {
    let lang = state.lang;
    let partners = move || {
        let chosen = editor.settings.with(|s| s.partner_types.clone());
        state.dataset.with(|dataset| {
            dataset
                .reference()
                .funders()
                .iter()
                .filter(|f| f.role == FunderRole::Partner && (!f.retired || chosen.contains_key(&f.code)))
                .map(|f| (f.code.clone(), f.name(lang.get()).to_owned(), chosen.get(&f.code).copied()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <fieldset id="publisher-partner-types">
            <legend>{move || t(Label::PublisherPartnerTypes, lang.get())}</legend>
            <p class="hint">{move || t(Label::PublisherPartnerTypesHint, lang.get())}</p>
            {move || partners().into_iter().map(|(code, name, current)| {
                let id = format!("publisher-partner-{code}");
                let key = code.clone();
                let set = move |ev: leptos::ev::Event| {
                    let kind = organisation_type(&event_target_value(&ev));
                    let key = key.clone();
                    editor.change(move |s| match kind {
                        Some(kind) => {
                            s.partner_types.insert(key, kind);
                        }
                        None => {
                            s.partner_types.remove(&key);
                        }
                    });
                };
                let lang = lang.get();
                view! {
                    <div class="field">
                        <label for=id.clone()>{name}</label>
                        <select id=id on:change=set>
                            <option value="" selected=current.is_none()>{t(Label::PublisherTypeNotStated, lang)}</option>
                            {OrganisationType::ALL.into_iter().map(|kind| view! {
                                <option value=kind.code() selected=current == Some(kind)>{format!("{} – {}", kind.code(), kind.name(lang))}</option>
                            }).collect_view()}
                        </select>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// The IATI organisation type with this code.
fn organisation_type(code: &str) -> Option<OrganisationType> {
    OrganisationType::ALL.into_iter().find(|kind| kind.code() == code)
}

fn type_options(lang: Lang, current: OrganisationType) -> impl IntoView {
    OrganisationType::ALL
        .into_iter()
        .map(|kind| view! { <option value=kind.code() selected=current == kind>{format!("{} – {}", kind.code(), kind.name(lang))}</option> })
        .collect_view()
}

/// The fields of one organisation: identifier, names in French and Arabic, IATI type.
#[component]
fn OrganisationFields(state: AppState, editor: Editor, role: Role) -> impl IntoView {
    let lang = state.lang;
    let stem = role.stem();
    let id = move |field: &str| format!("publisher-{stem}-{field}");
    let (reference_setting, name_setting) = match role {
        Role::Funder => (Setting::FunderReference, Setting::FunderName),
        Role::Reporting => (Setting::ReportingOrgReference, Setting::ReportingOrgName),
        Role::Extending => (Setting::ExtendingOrgReference, Setting::ExtendingOrgName),
    };
    let text = move |read: fn(&Organisation) -> String| move || editor.settings.with(|s| read(role.read(s)));
    let set = move |write: fn(&mut Organisation, String)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            editor.change(|s| write(role.of(s), value));
        }
    };
    let set_type = move |ev: leptos::ev::Event| {
        if let Some(kind) = organisation_type(&event_target_value(&ev)) {
            editor.change(|s| role.of(s).kind = kind);
        }
    };
    view! {
        <fieldset class="organisation" id=id("fields")>
            <legend>{move || t(role.title(), lang.get())}</legend>
            <div class="field">
                <label for=id("reference")>{move || t(Label::PublisherReference, lang.get())}</label>
                <input id=id("reference") type="text" dir="ltr" autocomplete="off" aria-invalid=editor.invalid(reference_setting)
                    aria-describedby=matches!(role, Role::Funder).then_some("publisher-funder-reference-hint")
                    prop:value=text(|o| o.reference.clone().unwrap_or_default()) on:change=set(|o, v| o.reference = optional(&v)) />
                {matches!(role, Role::Funder).then(|| view! {
                    <p class="hint" id="publisher-funder-reference-hint">{move || t(Label::PublisherFunderReferenceHint, lang.get())}</p>
                })}
            </div>
            <div class="field">
                <label for=id("name-fr")>{move || t(Label::PublisherNameFr, lang.get())}</label>
                <input id=id("name-fr") type="text" lang="fr" dir="ltr" autocomplete="off" aria-invalid=editor.invalid(name_setting)
                    prop:value=text(|o| o.name_fr.clone()) on:change=set(|o, v| o.name_fr = v) />
            </div>
            <div class="field">
                <label for=id("name-ar")>{move || t(Label::PublisherNameAr, lang.get())}</label>
                <input id=id("name-ar") type="text" lang="ar" dir="rtl" autocomplete="off"
                    prop:value=text(|o| o.name_ar.clone()) on:change=set(|o, v| o.name_ar = v) />
            </div>
            <div class="field">
                <label for=id("type")>{move || t(Label::PublisherType, lang.get())}</label>
                <select id=id("type") on:change=set_type>{move || type_options(lang.get(), editor.settings.with(|s| role.read(s).kind))}</select>
            </div>
        </fieldset>
    }
}
