//! One cooperative: its page (details, projects, disbursements, findings) and its form, whose
//! values are read by core's parsers and saved through `AppState::apply`.

use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::cooperative::{Contact, Cooperative, CooperativeStatus, Gender, LegalForm, Members, MilieuOverride};
use taawun_core::dataset::Edit;
use taawun_core::date::Date;
use taawun_core::fold;
use taawun_core::ice::{Ice, IceCheck};
use taawun_core::id::Id;
use taawun_core::members::MemberCount;
use taawun_core::phone::Phone;
use taawun_core::record::{RecordKind, RecordRef};
use taawun_core::reference::{Milieu, ReferenceData};
use taawun_core::register::RegisterNumber;
use taawun_core::stats;
use taawun_core::text;

use crate::components::fields::{CheckField, Choice, Kind, SelectField, TextField};
use crate::components::{FindingList, Problem, ProblemSummary, Problems, colon, focus, unreadable};
use crate::i18n::{Label, t};
use crate::pages::list::sorted_by_key;
use crate::route::{self, Route};
use crate::state::AppState;

fn cooperative_ref(id: Id) -> RecordRef {
    RecordRef { kind: RecordKind::Cooperative, id }
}

/// A term and its value in a description list.
fn item(lang: Lang, label: Label, value: String) -> impl IntoView {
    view! {
        <div class="item">
            <dt>{t(label, lang)}</dt>
            <dd><bdi>{value}</bdi></dd>
        </div>
    }
}

/// A term and a value written left to right whatever the language (numbers, codes, addresses).
fn item_ltr(lang: Lang, label: Label, value: String) -> impl IntoView {
    view! {
        <div class="item">
            <dt>{t(label, lang)}</dt>
            <dd><bdi dir="ltr">{value}</bdi></dd>
        </div>
    }
}

/// A cooperative's page.
#[component]
pub fn CooperativePage(state: AppState, id: Id) -> impl IntoView {
    let lang = state.lang;
    let record = Memo::new(move |_| state.dataset.with(|d| d.cooperatives().get(id).filter(|r| r.is_live()).cloned()));
    let findings = Signal::derive(move || {
        state.dataset.with(|d| {
            let mut all = d.findings_for(cooperative_ref(id));
            for project in d.projects_of(id) {
                all.extend(d.findings_for(RecordRef { kind: RecordKind::Project, id: project.id }));
            }
            all
        })
    });
    let deleting = RwSignal::new(false);
    let refusal = Problems::new();
    let delete = move |_| {
        let Some(record) = record.get_untracked() else { return };
        let edit = Edit::Delete { target: cooperative_ref(id), base_revision: record.meta.revision };
        match state.apply(edit) {
            Ok(_) => route::navigate(&Route::Cooperatives.href()),
            Err(refused) => {
                refusal.show_findings(&refused.findings, Some(cooperative_ref(id)));
                deleting.set(false);
            }
        }
    };

    move || {
        let lang_now = lang.get();
        let Some(record) = record.get() else {
            return view! { <h1 id="page-title" tabindex="-1">{t(Label::PageNotFound, lang_now)}</h1> }.into_any();
        };
        let c = record.data.clone();
        let (name, other) = (c.name(lang_now).to_owned(), c.name(if lang_now == Lang::Ar { Lang::Fr } else { Lang::Ar }).to_owned());
        let other_lang = if lang_now == Lang::Ar { "fr" } else { "ar" };
        let details = state.dataset.with(|d| details_view(d.reference(), &c, lang_now));
        let projects = state.dataset.with(|d| {
            d.projects_of(id)
                .map(|p| {
                    (
                        p.id,
                        p.data.title(lang_now).to_owned(),
                        stats::project_year(&p.data),
                        p.data.status.name(lang_now),
                        text::amount(p.data.total_cost, lang_now),
                    )
                })
                .collect::<Vec<_>>()
        });
        let payments = state.dataset.with(|d| {
            d.projects_of(id)
                .flat_map(|p| {
                    let title = p.data.title(lang_now).to_owned();
                    let reference = d.reference();
                    p.data.disbursements.iter().map(move |x| {
                        let funder = reference.funder(&x.funder).map_or_else(|| x.funder.clone(), |f| f.name(lang_now).to_owned());
                        (x.paid_on, title.clone(), funder, text::amount(x.amount, lang_now))
                    })
                })
                .collect::<Vec<_>>()
        });
        let payments = sorted_by_key(payments, |p| p.0.to_string());
        let may_open = c.status.may_receive_new_project();
        view! {
            <div class="page-head">
                <h1 id="page-title" tabindex="-1"><bdi>{name.clone()}</bdi></h1>
                <div class="actions">
                    <a class="button" id="edit-cooperative" href=Route::EditCooperative(id).href()>{t(Label::Edit, lang_now)}</a>
                    {may_open.then(|| view! {
                        <a class="button primary" id="new-project-here" href=Route::NewProject.href_with(&[("cooperative", id.to_string())])>
                            {t(Label::NewProjectForCooperative, lang_now)}
                        </a>
                    })}
                </div>
            </div>
            {(other != name).then(|| view! { <p class="other-name"><bdi lang=other_lang>{other}</bdi></p> })}
            {details}
            <section aria-labelledby="findings-title">
                <h2 id="findings-title">{t(Label::Findings, lang_now)}</h2>
                <FindingList state findings />
            </section>
            <section aria-labelledby="projects-title">
                <h2 id="projects-title">{t(Label::Projects, lang_now)}</h2>
                {if projects.is_empty() {
                    view! { <p class="muted">{t(Label::NoProjects, lang_now)}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap"><table id="cooperative-projects">
                            <thead><tr>
                                <th scope="col">{t(Label::Project, lang_now)}</th>
                                <th scope="col">{t(Label::Year, lang_now)}</th>
                                <th scope="col">{t(Label::Status, lang_now)}</th>
                                <th scope="col" class="num">{t(Label::TotalCost, lang_now)}</th>
                            </tr></thead>
                            <tbody>
                                {projects.into_iter().map(|(pid, title, year, status, cost)| view! {
                                    <tr>
                                        <td><a href=Route::Project(pid).href()><bdi>{title}</bdi></a></td>
                                        <td>{year}</td>
                                        <td>{status}</td>
                                        <td class="num">{cost}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    }.into_any()
                }}
            </section>
            <section aria-labelledby="payments-title">
                <h2 id="payments-title">{t(Label::Disbursements, lang_now)}</h2>
                {if payments.is_empty() {
                    view! { <p class="muted">{t(Label::NoDisbursements, lang_now)}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap"><table>
                            <thead><tr>
                                <th scope="col">{t(Label::Date, lang_now)}</th>
                                <th scope="col">{t(Label::Project, lang_now)}</th>
                                <th scope="col">{t(Label::Funder, lang_now)}</th>
                                <th scope="col" class="num">{t(Label::Amount, lang_now)}</th>
                            </tr></thead>
                            <tbody>
                                {payments.into_iter().map(|(date, title, funder, amount)| view! {
                                    <tr>
                                        <td>{text::date(date, lang_now)}</td>
                                        <td><bdi>{title}</bdi></td>
                                        <td>{funder}</td>
                                        <td class="num">{amount}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    }.into_any()
                }}
            </section>
            <crate::pages::visits::VisitHistory state cooperative=id />
            <crate::components::history::History state target=cooperative_ref(id) />
            <section class="danger">
                <ProblemSummary state problems=refusal />
                {move || if deleting.get() {
                    view! {
                        <button type="button" class="danger" id="confirm-delete" on:click=delete>{t(Label::ConfirmDelete, lang.get())}</button>
                        <button type="button" on:click=move |_| deleting.set(false)>{t(Label::Cancel, lang.get())}</button>
                    }.into_any()
                } else {
                    view! { <button type="button" id="delete-cooperative" on:click=move |_| deleting.set(true)>{t(Label::Delete, lang.get())}</button> }.into_any()
                }}
            </section>
        }
        .into_any()
    }
}

fn details_view(reference: &ReferenceData, c: &Cooperative, lang: Lang) -> impl IntoView + use<> {
    let commune = reference.commune(&c.commune).map_or_else(|| c.commune.clone(), |x| x.name(lang).to_owned());
    let sector = reference.sector(&c.sector).map_or_else(|| c.sector.clone(), |x| x.name(lang).to_owned());
    let milieu = match (&c.milieu_override, c.milieu(reference)) {
        (Some(o), _) => format!("{} ({})", o.milieu.name(lang), o.reason),
        (None, Some(m)) => m.name(lang).to_owned(),
        (None, None) => "—".to_owned(),
    };
    let form = match c.legal_form {
        LegalForm::Cooperative => t(Label::LegalFormCooperative, lang),
        LegalForm::Union => t(Label::LegalFormUnion, lang),
    };
    let register = c
        .register_number
        .as_ref()
        .map(|r| format!("{} — {}", r.number(), reference.court(r.court()).map_or(r.court(), |x| x.name(lang))))
        .unwrap_or_else(|| "—".into());
    let share = |rate: Option<taawun_core::rate::Rate>| rate.map(|r| format!(" ({})", text::percent(r, lang))).unwrap_or_default();
    let members = format!(
        "{} — {} {}{} — {} {}{}",
        text::integer(u64::from(c.members.total), lang),
        t(Label::MembersWomen, lang),
        text::integer(u64::from(c.members.women), lang),
        share(c.women_share()),
        t(Label::MembersYouth, lang),
        text::integer(u64::from(c.members.youth), lang),
        share(c.youth_share()),
    );
    let president = match c.president_gender {
        Gender::Female => t(Label::GenderFemale, lang),
        Gender::Male => t(Label::GenderMale, lang),
    };
    let dash = |value: Option<String>| value.filter(|v| !v.trim().is_empty()).unwrap_or_else(|| "—".into());
    view! {
        <dl class="details" id="cooperative-details">
            {item(lang, Label::Status, c.status.name(lang).to_owned())}
            {item(lang, Label::LegalForm, form.to_owned())}
            {item(lang, Label::Commune, commune)}
            {item(lang, Label::Milieu, milieu)}
            {item(lang, Label::Sector, sector)}
            {item(lang, Label::Members, members)}
            {item(lang, Label::PresidentGender, president.to_owned())}
            {item(lang, Label::WomenLed, t(if c.is_women_led() { Label::Yes } else { Label::No }, lang).to_owned())}
            {item(lang, Label::RegisterNumber, register)}
            {item_ltr(lang, Label::Ice, dash(c.ice.as_ref().map(|i| i.as_str().to_owned())))}
            {item(lang, Label::CreatedOn, dash(c.created_on.map(|d| text::date(d, lang))))}
            {item_ltr(lang, Label::Phone, dash(c.contact.phone.as_ref().map(Phone::national)))}
            {item_ltr(lang, Label::Email, dash(c.contact.email.clone()))}
            {item(lang, Label::Address, dash(Some(c.contact.address.clone())))}
            {item(lang, Label::Notes, dash(Some(c.notes.clone())))}
        </dl>
    }
}

/// What the form holds while it is typed: text as typed, read by core on save.
#[derive(Clone, Copy)]
struct Draft {
    name_ar: RwSignal<String>,
    name_fr: RwSignal<String>,
    legal_form: RwSignal<String>,
    court: RwSignal<String>,
    register: RwSignal<String>,
    ice: RwSignal<String>,
    created_on: RwSignal<String>,
    commune: RwSignal<String>,
    overridden: RwSignal<bool>,
    milieu: RwSignal<String>,
    reason: RwSignal<String>,
    sector: RwSignal<String>,
    total: RwSignal<String>,
    women: RwSignal<String>,
    youth: RwSignal<String>,
    gender: RwSignal<String>,
    status: RwSignal<String>,
    phone: RwSignal<String>,
    email: RwSignal<String>,
    address: RwSignal<String>,
    notes: RwSignal<String>,
}

fn milieu_code(milieu: Milieu) -> &'static str {
    match milieu {
        Milieu::Rural => "rural",
        Milieu::Urban => "urban",
    }
}

impl Draft {
    fn new(c: Option<&Cooperative>) -> Draft {
        let s = |value: String| RwSignal::new(value);
        let c = c.cloned();
        let get = |f: &dyn Fn(&Cooperative) -> String| s(c.as_ref().map(f).unwrap_or_default());
        Draft {
            name_ar: get(&|c| c.name_ar.clone()),
            name_fr: get(&|c| c.name_fr.clone()),
            legal_form: s(match c.as_ref().map(|c| c.legal_form) {
                Some(LegalForm::Union) => "union".into(),
                _ => "cooperative".into(),
            }),
            court: get(&|c| c.register_number.as_ref().map(|r| r.court().to_owned()).unwrap_or_default()),
            register: get(&|c| c.register_number.as_ref().map(|r| r.number().to_owned()).unwrap_or_default()),
            ice: get(&|c| c.ice.as_ref().map(|i| i.as_str().to_owned()).unwrap_or_default()),
            created_on: get(&|c| c.created_on.map(|d| d.to_string()).unwrap_or_default()),
            commune: get(&|c| c.commune.clone()),
            overridden: RwSignal::new(c.as_ref().is_some_and(|c| c.milieu_override.is_some())),
            milieu: get(&|c| c.milieu_override.as_ref().map(|o| milieu_code(o.milieu).to_owned()).unwrap_or_else(|| "urban".into())),
            reason: get(&|c| c.milieu_override.as_ref().map(|o| o.reason.clone()).unwrap_or_default()),
            sector: get(&|c| c.sector.clone()),
            total: get(&|c| c.members.total.to_string()),
            women: get(&|c| c.members.women.to_string()),
            youth: get(&|c| c.members.youth.to_string()),
            gender: s(match c.as_ref().map(|c| c.president_gender) {
                Some(Gender::Male) => "male".into(),
                _ => "female".into(),
            }),
            status: s(c.as_ref().map_or(CooperativeStatus::Active, |c| c.status).code().to_owned()),
            phone: get(&|c| c.contact.phone.as_ref().map(Phone::national).unwrap_or_default()),
            email: get(&|c| c.contact.email.clone().unwrap_or_default()),
            address: get(&|c| c.contact.address.clone()),
            notes: get(&|c| c.notes.clone()),
        }
    }

    /// Reads what was typed with core's parsers; every value it cannot read is a problem at its path.
    fn read(&self) -> Result<Cooperative, Vec<Problem>> {
        let mut problems = Vec::new();
        let count = |path: &str, value: RwSignal<String>, problems: &mut Vec<Problem>| {
            let typed = value.get_untracked();
            if typed.trim().is_empty() {
                return 0;
            }
            MemberCount::parse(&typed).map(MemberCount::get).unwrap_or_else(|e| {
                problems.push(unreadable(path, &e));
                0
            })
        };
        let members = Members {
            total: count("members.total", self.total, &mut problems),
            women: count("members.women", self.women, &mut problems),
            youth: count("members.youth", self.youth, &mut problems),
        };
        let register_text = self.register.get_untracked();
        let register_number = if register_text.trim().is_empty() {
            None
        } else {
            RegisterNumber::new(&self.court.get_untracked(), &register_text).map_err(|e| problems.push(unreadable("register_number", &e))).ok()
        };
        let optional = |text: String| if text.trim().is_empty() { None } else { Some(text) };
        let ice = optional(self.ice.get_untracked()).and_then(|text| Ice::parse(&text, IceCheck::Warn).map_err(|e| problems.push(unreadable("ice", &e))).ok());
        let created_on =
            optional(self.created_on.get_untracked()).and_then(|text| Date::parse(&text).map_err(|e| problems.push(unreadable("created_on", &e))).ok());
        let phone = optional(self.phone.get_untracked()).and_then(|text| Phone::parse(&text).map_err(|e| problems.push(unreadable("contact.phone", &e))).ok());
        let milieu_override = self.overridden.get_untracked().then(|| MilieuOverride {
            milieu: if self.milieu.get_untracked() == "rural" { Milieu::Rural } else { Milieu::Urban },
            reason: self.reason.get_untracked().trim().to_owned(),
        });
        let status_code = self.status.get_untracked();
        let status = CooperativeStatus::ALL.into_iter().find(|s| s.code() == status_code).unwrap_or(CooperativeStatus::Active);
        let cooperative = Cooperative {
            name_ar: self.name_ar.get_untracked().trim().to_owned(),
            name_fr: self.name_fr.get_untracked().trim().to_owned(),
            legal_form: if self.legal_form.get_untracked() == "union" { LegalForm::Union } else { LegalForm::Cooperative },
            register_number,
            ice,
            created_on,
            commune: self.commune.get_untracked(),
            milieu_override,
            sector: self.sector.get_untracked(),
            members,
            president_gender: if self.gender.get_untracked() == "male" { Gender::Male } else { Gender::Female },
            status,
            contact: Contact { phone, email: optional(self.email.get_untracked().trim().to_owned()), address: self.address.get_untracked().trim().to_owned() },
            notes: self.notes.get_untracked().trim().to_owned(),
        };
        if problems.is_empty() { Ok(cooperative) } else { Err(problems) }
    }
}

/// The choices of a reference list: entries in use (not retired) plus the current value, sorted
/// by name in the language's order, after a "choose" entry.
pub fn reference_choices(lang: Lang, entries: Vec<(String, String, bool)>, current: &str) -> Vec<Choice> {
    let list: Vec<(String, String)> =
        entries.into_iter().filter(|(code, _, retired)| !retired || code == current).map(|(code, name, _)| (code, name)).collect();
    let list = sorted_by_key(list, |c| fold::sort_key(&c.1));
    let mut choices = vec![Choice::new("", t(Label::ChooseOne, lang))];
    choices.extend(list.into_iter().map(|(code, name)| Choice::new(code, name)));
    choices
}

/// The form creating (`id` = `None`) or editing a cooperative.
#[component]
pub fn CooperativeForm(state: AppState, id: Option<Id>) -> impl IntoView {
    let lang = state.lang;
    let existing = state.dataset.with_untracked(|d| id.and_then(|id| d.cooperatives().get(id).filter(|r| r.is_live()).cloned()));
    if id.is_some() && existing.is_none() {
        return view! { <h1 id="page-title" tabindex="-1">{move || t(Label::PageNotFound, lang.get())}</h1> }.into_any();
    }
    let original_status = existing.as_ref().map(|r| r.data.status);
    let base_revision = existing.as_ref().map(|r| r.meta.revision).unwrap_or(0);
    let draft = Draft::new(existing.as_ref().map(|r| &r.data));
    let problems = Problems::new();
    // The new record's id is drawn once, so findings about it can be placed on this form.
    let target = StoredValue::new(id.or_else(|| state.new_id()));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let cooperative = match draft.read() {
            Ok(cooperative) => cooperative,
            Err(unreadable) => {
                problems.show_unreadable(unreadable);
                request_animation_frame(|| focus("problem-summary"));
                return;
            }
        };
        let Some(record_id) = target.get_value() else {
            problems.show_findings(&crate::state::no_device().findings, None);
            return;
        };
        let edit = match id {
            None => Edit::CreateCooperative { id: record_id, cooperative },
            Some(id) => Edit::UpdateCooperative { id, base_revision, cooperative },
        };
        match state.apply(edit) {
            Ok(_) => {
                problems.clear();
                route::navigate(&Route::Cooperative(record_id).href());
            }
            Err(refused) => {
                problems.show_findings(&refused.findings, Some(cooperative_ref(record_id)));
                request_animation_frame(|| focus("problem-summary"));
            }
        }
    };

    let communes = Signal::derive(move || {
        let lang = lang.get();
        let current = draft.commune.get();
        state.dataset.with(|d| {
            let reference = d.reference();
            let selectable: Vec<(String, String, bool)> = reference
                .communes()
                .iter()
                .filter(|c| c.code == current || reference.selectable_communes().any(|s| s.code == c.code))
                .map(|c| (c.code.clone(), c.name(lang).to_owned(), false))
                .collect();
            reference_choices(lang, selectable, &current)
        })
    });
    let sectors = Signal::derive(move || {
        let lang = lang.get();
        let current = draft.sector.get();
        state.dataset.with(|d| {
            let entries = d
                .reference()
                .sectors()
                .iter()
                .map(|s| {
                    let parent = s.parent.as_deref().and_then(|p| d.reference().sector(p)).map(|p| format!("{} — ", p.name(lang))).unwrap_or_default();
                    (s.code.clone(), format!("{parent}{}", s.name(lang)), s.retired)
                })
                .collect();
            reference_choices(lang, entries, &current)
        })
    });
    let courts = Signal::derive(move || {
        let lang = lang.get();
        let current = draft.court.get();
        state.dataset.with(|d| {
            let mut choices = vec![Choice::new("", t(Label::NoCourt, lang))];
            choices.extend(d.reference().courts().iter().filter(|c| !c.retired || c.code == current).map(|c| Choice::new(c.code.clone(), c.name(lang))));
            choices
        })
    });
    let statuses = Signal::derive(move || {
        let lang = lang.get();
        CooperativeStatus::ALL
            .into_iter()
            .map(|s| Choice { value: s.code().to_owned(), text: s.name(lang).to_owned(), disabled: original_status.is_some_and(|o| !o.can_become(s)) })
            .collect::<Vec<_>>()
    });
    let forms = Signal::derive(move || {
        let lang = lang.get();
        vec![Choice::new("cooperative", t(Label::LegalFormCooperative, lang)), Choice::new("union", t(Label::LegalFormUnion, lang))]
    });
    let genders = Signal::derive(move || {
        let lang = lang.get();
        vec![Choice::new("female", t(Label::GenderFemale, lang)), Choice::new("male", t(Label::GenderMale, lang))]
    });
    let milieux = Signal::derive(move || {
        let lang = lang.get();
        vec![Choice::new("rural", Milieu::Rural.name(lang)), Choice::new("urban", Milieu::Urban.name(lang))]
    });
    let commune_milieu = move || {
        let lang = lang.get();
        let code = draft.commune.get();
        state.dataset.with(|d| d.reference().commune(&code).map(|c| format!("{}{}{}", t(Label::CommuneMilieu, lang), colon(lang), c.milieu().name(lang))))
    };
    let title = if id.is_some() { Label::EditCooperativeTitle } else { Label::NewCooperativeTitle };
    let cancel = id.map_or_else(|| Route::Cooperatives.href(), |id| Route::Cooperative(id).href());

    view! {
        <h1 id="page-title" tabindex="-1">{move || t(title, lang.get())}</h1>
        <form id="cooperative-form" class="record-form" novalidate on:submit=submit>
            <ProblemSummary state problems />
            <fieldset>
                <legend>{move || t(Label::Identity, lang.get())}</legend>
                <div class="grid">
                    <TextField state path="name_fr" label=Label::NameFr value=draft.name_fr problems />
                    <TextField state path="name_ar" label=Label::NameAr value=draft.name_ar problems />
                    <SelectField state path="legal_form" label=Label::LegalForm value=draft.legal_form problems choices=forms />
                    <SelectField state path="status" label=Label::Status value=draft.status problems choices=statuses />
                    <SelectField state path="register_number.court" label=Label::Court value=draft.court problems choices=courts />
                    <TextField state path="register_number" label=Label::RegisterNumber value=draft.register problems />
                    <TextField state path="ice" label=Label::Ice value=draft.ice problems kind=Kind::Number />
                    <TextField state path="created_on" label=Label::CreatedOn value=draft.created_on problems kind=Kind::Date hint=Label::DateHint />
                </div>
            </fieldset>
            <fieldset>
                <legend>{move || t(Label::Place, lang.get())}</legend>
                <div class="grid">
                    <SelectField state path="commune" label=Label::Commune value=draft.commune problems choices=communes required=true />
                    <SelectField state path="sector" label=Label::Sector value=draft.sector problems choices=sectors required=true />
                </div>
                <p class="hint" id="commune-milieu">{commune_milieu}</p>
                <CheckField state path="milieu_override" label=Label::MilieuDiffers value=draft.overridden problems />
                <Show when=move || draft.overridden.get()>
                    <div class="grid">
                        <SelectField state path="milieu_override.milieu" label=Label::Milieu value=draft.milieu problems choices=milieux />
                        <TextField state path="milieu_override.reason" label=Label::MilieuReason value=draft.reason problems />
                    </div>
                </Show>
            </fieldset>
            <fieldset>
                <legend>{move || t(Label::Members, lang.get())}</legend>
                <div class="grid">
                    <TextField state path="members.total" label=Label::MembersTotal value=draft.total problems kind=Kind::Number />
                    <TextField state path="members.women" label=Label::MembersWomen value=draft.women problems kind=Kind::Number />
                    <TextField state path="members.youth" label=Label::MembersYouth value=draft.youth problems kind=Kind::Number />
                    <SelectField state path="president_gender" label=Label::PresidentGender value=draft.gender problems choices=genders />
                </div>
            </fieldset>
            <fieldset>
                <legend>{move || t(Label::Contact, lang.get())}</legend>
                <div class="grid">
                    <TextField state path="contact.phone" label=Label::Phone value=draft.phone problems kind=Kind::Phone />
                    <TextField state path="contact.email" label=Label::Email value=draft.email problems kind=Kind::Email />
                    <TextField state path="contact.address" label=Label::Address value=draft.address problems />
                </div>
                <TextField state path="notes" label=Label::Notes value=draft.notes problems kind=Kind::Long />
            </fieldset>
            <div class="actions sticky">
                <button type="submit" class="primary" id="save">{move || t(Label::Save, lang.get())}</button>
                <a class="button" href=cancel>{move || t(Label::Cancel, lang.get())}</a>
            </div>
        </form>
    }
    .into_any()
}
