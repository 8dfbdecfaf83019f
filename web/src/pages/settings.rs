//! Settings (`#/settings`): the language, the user's and the device's names (kept in this
//! browser, recorded with each change), the rulebook of each call (saving one
//! lists the findings it creates on the call's projects) and the reference data, whose entries
//! are retired rather than deleted. Every change goes through `AppState::apply`.

use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::amount::{Amount, ParseLocale};
use taawun_core::dataset::Edit;
use taawun_core::finding::Finding;
use taawun_core::fold;
use taawun_core::id::Id;
use taawun_core::members::MemberCount;
use taawun_core::rate::Rate;
use taawun_core::record::{RecordKind, RecordRef};
use taawun_core::reference::{Commune, CommuneKind, Funder, FunderRole, NewEntry, ReferenceChange, Sector, Table};
use taawun_core::rules::{AgeBand, CeilingRule, CountRule, PeriodRule, Rulebook, Severity, ShareRule};
use taawun_core::text;

use crate::components::fields::{AmountField, Choice, Kind, SelectField, TextField};
use crate::components::{FieldProblems, Problem, ProblemSummary, Problems, label_problem, unreadable};
use crate::i18n::{Label, endonym, t};
use crate::pages::list::sorted_by_key;
use crate::route::Route;
use crate::state::AppState;

/// The settings page.
#[component]
pub fn Settings(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let save_user = move |ev: leptos::ev::Event| state.set_user(&event_target_value(&ev));
    let save_device_name = move |ev: leptos::ev::Event| state.set_device_name(&event_target_value(&ev));
    view! {
        <h1 id="page-title" tabindex="-1">{move || t(Label::SettingsTitle, lang.get())}</h1>
        <section aria-labelledby="language-title">
            <h2 id="language-title">{move || t(Label::Language, lang.get())}</h2>
            <div class="choice-row" role="radiogroup" aria-labelledby="language-title">
                {Lang::ALL.into_iter().map(|choice| view! {
                    <label class="radio" lang=choice.code()>
                        <input type="radio" name="language" id=format!("language-{}", choice.code())
                            prop:checked=move || lang.get() == choice on:change=move |_| state.set_lang(choice) />
                        {endonym(choice)}
                    </label>
                }).collect_view()}
            </div>
            <div class="field">
                <label for="user-name">{move || t(Label::YourName, lang.get())}</label>
                <input id="user-name" type="text" autocomplete="name" dir="auto" aria-describedby="user-name-hint"
                    prop:value=move || state.user.get() on:change=save_user />
                <p class="hint" id="user-name-hint">{move || t(Label::YourNameHint, lang.get())}</p>
            </div>
            <div class="field">
                <label for="device-name">{move || t(Label::DeviceName, lang.get())}</label>
                <input id="device-name" type="text" dir="auto" aria-describedby="device-name-hint"
                    prop:value=move || state.device_name.get() on:change=save_device_name />
                <p class="hint" id="device-name-hint">{move || t(Label::DeviceNameHint, lang.get())}</p>
            </div>
        </section>
        <Rulebooks state />
        <ReferenceTables state />
    }
}

#[component]
fn Rulebooks(state: AppState) -> impl IntoView {
    let lang = state.lang;
    // The calls in the order of their names (so "2019" comes before "2025"), in the language.
    let ids = Memo::new(move |_| {
        let lang = lang.get();
        state.dataset.with(|d| {
            let calls: Vec<(Id, String)> = d.rulebooks().live().map(|r| (r.id, r.data.name(lang).to_owned())).collect();
            sorted_by_key(calls, |(_, name)| fold::sort_key(name)).into_iter().map(|(id, _)| id).collect::<Vec<_>>()
        })
    });
    let year = RwSignal::new(js_sys::Date::new_0().get_full_year().to_string());
    let problems = Problems::new();
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(year) = MemberCount::parse(&year.get_untracked()).ok().map(MemberCount::get).filter(|y| (1900..=2199).contains(y)) else {
            problems.show_unreadable(vec![label_problem("new_call_year", Label::InvalidYear)]);
            return;
        };
        let Some(id) = state.new_id() else {
            problems.show_findings(&crate::state::no_device().findings, None);
            return;
        };
        let rulebook = Rulebook::default_for_programme_3(&format!("{} {year}", t(Label::Call, Lang::Ar)), &format!("{} {year}", t(Label::Call, Lang::Fr)));
        match state.apply(Edit::CreateRulebook { id, rulebook }) {
            Ok(_) => problems.clear(),
            Err(refused) => problems.show_findings(&refused.findings, None),
        }
    };
    view! {
        <section aria-labelledby="rulebooks-title">
            <h2 id="rulebooks-title">{move || t(Label::Rulebooks, lang.get())}</h2>
            <For each=move || ids.get() key=|id| *id let:id>
                <RulebookEditor state id />
            </For>
            <form class="inline-form" id="new-call" novalidate on:submit=create>
                <h3>{move || t(Label::NewCall, lang.get())}</h3>
                <ProblemSummary state problems />
                <TextField state path="new_call_year" label=Label::CallYear value=year problems kind=Kind::Number />
                <button type="submit" class="primary" id="create-call">{move || t(Label::CreateCall, lang.get())}</button>
            </form>
        </section>
    }
}

/// A share rule as typed: its rate and severity.
#[derive(Clone, Copy)]
struct ShareDraft {
    rate: RwSignal<String>,
    severity: RwSignal<String>,
}

fn severity_code(severity: Severity) -> &'static str {
    match severity {
        Severity::Block => "block",
        Severity::Warn => "warn",
        Severity::Off => "off",
    }
}

fn severity_of(code: &str) -> Severity {
    match code {
        "block" => Severity::Block,
        "off" => Severity::Off,
        _ => Severity::Warn,
    }
}

fn percent_text(rate: Rate) -> String {
    rate.to_percent().normalize().to_string().replace('.', ",")
}

impl ShareDraft {
    fn new(rule: ShareRule) -> ShareDraft {
        ShareDraft { rate: RwSignal::new(percent_text(rule.rate)), severity: RwSignal::new(severity_code(rule.severity).to_owned()) }
    }

    fn read(&self, path: &str, problems: &mut Vec<Problem>) -> Option<ShareRule> {
        let rate = Rate::parse(&self.rate.get_untracked()).map_err(|e| problems.push(unreadable(&format!("{path}.rate"), &e))).ok()?;
        Some(ShareRule { rate, severity: severity_of(&self.severity.get_untracked()) })
    }
}

/// One rulebook, editable; saving it lists the findings the change creates.
#[component]
fn RulebookEditor(state: AppState, id: Id) -> impl IntoView {
    let lang = state.lang;
    let Some(record) = state.dataset.with_untracked(|d| d.rulebooks().get(id).cloned()) else {
        return ().into_any();
    };
    let rules = record.data.clone();
    let base = StoredValue::new(record.meta.revision);
    let name_ar = RwSignal::new(rules.name_ar.clone());
    let name_fr = RwSignal::new(rules.name_fr.clone());
    let max_indh = ShareDraft::new(rules.max_indh_share);
    let min_own = ShareDraft::new(rules.min_own_share);
    let max_in_kind = ShareDraft::new(rules.max_in_kind_share_of_own);
    let min_women_youth = ShareDraft::new(rules.min_women_youth_share);
    let ceiling_cooperative = RwSignal::new(text::amount(rules.indh_ceiling.cooperative, Lang::Fr));
    let ceiling_union = RwSignal::new(text::amount(rules.indh_ceiling.union, Lang::Fr));
    let ceiling_gie = RwSignal::new(text::amount(rules.indh_ceiling.gie, Lang::Fr));
    let ceiling_severity = RwSignal::new(severity_code(rules.indh_ceiling.severity).to_owned());
    let min_members = RwSignal::new(rules.min_members.minimum.to_string());
    let min_members_severity = RwSignal::new(severity_code(rules.min_members.severity).to_owned());
    let first_year = RwSignal::new(rules.programme_period.first_year.to_string());
    let last_year = RwSignal::new(rules.programme_period.last_year.to_string());
    let period_severity = RwSignal::new(severity_code(rules.programme_period.severity).to_owned());
    let min_age = RwSignal::new(rules.youth_ages.min_age.to_string());
    let max_age = RwSignal::new(rules.youth_ages.max_age.to_string());
    let problems = Problems::new();
    let created: RwSignal<Option<Vec<Finding>>> = RwSignal::new(None);
    let prefix = format!("rulebook-{id}");

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut unread = Vec::new();
        let number = |path: &str, value: RwSignal<String>, unread: &mut Vec<Problem>| {
            MemberCount::parse(&value.get_untracked()).map(MemberCount::get).map_err(|e| unread.push(unreadable(path, &e))).ok()
        };
        let amount = |path: &str, value: RwSignal<String>, unread: &mut Vec<Problem>| {
            Amount::parse(&value.get_untracked(), ParseLocale::Moroccan).map_err(|e| unread.push(unreadable(path, &e))).ok()
        };
        let year = |path: &str, value: RwSignal<String>, unread: &mut Vec<Problem>| {
            let year = number(path, value, unread)?;
            u16::try_from(year).ok().or_else(|| {
                unread.push(label_problem(path, Label::InvalidYear));
                None
            })
        };
        let age = |path: &str, value: RwSignal<String>, unread: &mut Vec<Problem>| number(path, value, unread).map(|a| u8::try_from(a).unwrap_or(u8::MAX));
        let max_indh_share = max_indh.read("max_indh_share", &mut unread);
        let min_own_share = min_own.read("min_own_share", &mut unread);
        let max_in_kind_share_of_own = max_in_kind.read("max_in_kind_share_of_own", &mut unread);
        let min_women_youth_share = min_women_youth.read("min_women_youth_share", &mut unread);
        let ceilings = (
            amount("indh_ceiling.cooperative", ceiling_cooperative, &mut unread),
            amount("indh_ceiling.union", ceiling_union, &mut unread),
            amount("indh_ceiling.gie", ceiling_gie, &mut unread),
        );
        let minimum = number("min_members.minimum", min_members, &mut unread);
        let years = (year("programme_period.first_year", first_year, &mut unread), year("programme_period.last_year", last_year, &mut unread));
        let ages = (age("youth_ages.min_age", min_age, &mut unread), age("youth_ages.max_age", max_age, &mut unread));
        let (
            Some(max_indh_share),
            Some(min_own_share),
            Some(max_in_kind_share_of_own),
            Some(min_women_youth_share),
            (Some(cooperative), Some(union), Some(gie)),
            Some(minimum),
            (Some(first), Some(last)),
            (Some(min_age_value), Some(max_age_value)),
        ) = (max_indh_share, min_own_share, max_in_kind_share_of_own, min_women_youth_share, ceilings, minimum, years, ages)
        else {
            problems.show_unreadable(unread);
            return;
        };
        let rulebook = Rulebook {
            name_ar: name_ar.get_untracked().trim().to_owned(),
            name_fr: name_fr.get_untracked().trim().to_owned(),
            max_indh_share,
            indh_ceiling: CeilingRule { cooperative, union, gie, severity: severity_of(&ceiling_severity.get_untracked()) },
            min_own_share,
            max_in_kind_share_of_own,
            min_women_youth_share,
            youth_ages: AgeBand { min_age: min_age_value, max_age: max_age_value },
            min_members: CountRule { minimum, severity: severity_of(&min_members_severity.get_untracked()) },
            programme_period: PeriodRule { first_year: first, last_year: last, severity: severity_of(&period_severity.get_untracked()) },
        };
        match state.apply(Edit::UpdateRulebook { id, base_revision: base.get_value(), rulebook }) {
            Ok(applied) => {
                problems.clear();
                base.set_value(applied.revision);
                created.set(Some(applied.new_findings));
            }
            Err(refused) => {
                created.set(None);
                problems.show_findings(&refused.findings, Some(taawun_core::record::RecordRef { kind: taawun_core::record::RecordKind::Rulebook, id }));
            }
        }
    };
    let severities = Signal::derive(move || {
        let lang = lang.get();
        vec![
            Choice::new("block", t(Label::SeverityBlock, lang)),
            Choice::new("warn", t(Label::SeverityWarn, lang)),
            Choice::new("off", t(Label::SeverityOff, lang)),
        ]
    });
    let share_row = move |path: &'static str, label: Label, draft: ShareDraft| {
        view! {
            <fieldset class="rule">
                <legend>{move || t(label, lang.get())}</legend>
                <div class="grid">
                    <TextField state path=format!("{path}.rate") label=Label::Rate value=draft.rate problems />
                    <SelectField state path=format!("{path}.severity") label=Label::Severity value=draft.severity problems choices=severities />
                </div>
            </fieldset>
        }
    };
    let title = move || {
        let lang = lang.get();
        let (ar, fr) = (name_ar.get(), name_fr.get());
        match lang {
            Lang::Ar if !ar.trim().is_empty() => ar,
            Lang::Fr if !fr.trim().is_empty() => fr,
            _ => {
                if fr.trim().is_empty() {
                    ar
                } else {
                    fr
                }
            }
        }
    };
    let created_view = move || {
        let lang = lang.get();
        created.get().map(|findings| {
            if findings.is_empty() {
                return view! { <p class="status" role="status">{t(Label::NoNewFindings, lang)}</p> }.into_any();
            }
            let items = state.dataset.with(|d| {
                findings
                    .iter()
                    .map(|f| {
                        let project = f.record.and_then(|r| d.projects().get(r.id)).map(|p| (p.id, p.data.title(lang).to_owned()));
                        (project, f.message.get(lang).to_owned())
                    })
                    .collect::<Vec<_>>()
            });
            view! {
                <div class="created-findings" role="status">
                    <p>{t(Label::NewFindingsAfterEdit, lang)}</p>
                    <ul class="findings">
                        {items.into_iter().map(|(project, message)| view! {
                            <li class="finding">
                                {project.map(|(pid, title)| view! { <a href=Route::Project(pid).href()><bdi>{title}</bdi></a>" — " })}
                                {message}
                            </li>
                        }).collect_view()}
                    </ul>
                </div>
            }
            .into_any()
        })
    };
    view! {
        <details class="rulebook" id=prefix.clone()>
            <summary><bdi>{title}</bdi></summary>
            <form class="record-form" novalidate on:submit=save>
                <ProblemSummary state problems />
                <div class="grid">
                    <TextField state path="name_fr" label=Label::NameFr value=name_fr problems />
                    <TextField state path="name_ar" label=Label::NameAr value=name_ar problems />
                </div>
                {share_row("max_indh_share", Label::RuleMaxIndhShare, max_indh)}
                <fieldset class="rule">
                    <legend>{move || t(Label::RuleIndhCeiling, lang.get())}</legend>
                    <div class="grid">
                        <AmountField state path="indh_ceiling.cooperative" label=Label::CeilingCooperative value=ceiling_cooperative problems />
                        <AmountField state path="indh_ceiling.union" label=Label::CeilingUnion value=ceiling_union problems />
                        <AmountField state path="indh_ceiling.gie" label=Label::CeilingGie value=ceiling_gie problems />
                        <SelectField state path="indh_ceiling.severity" label=Label::Severity value=ceiling_severity problems choices=severities />
                    </div>
                </fieldset>
                {share_row("min_own_share", Label::RuleMinOwnShare, min_own)}
                {share_row("max_in_kind_share_of_own", Label::RuleMaxInKind, max_in_kind)}
                {share_row("min_women_youth_share", Label::RuleMinWomenYouth, min_women_youth)}
                <fieldset class="rule">
                    <legend>{move || t(Label::RuleMinMembers, lang.get())}</legend>
                    <div class="grid">
                        <TextField state path="min_members.minimum" label=Label::MembersTotal value=min_members problems kind=Kind::Number />
                        <SelectField state path="min_members.severity" label=Label::Severity value=min_members_severity problems choices=severities />
                    </div>
                </fieldset>
                <fieldset class="rule">
                    <legend>{move || t(Label::RuleProgrammePeriod, lang.get())}</legend>
                    <div class="grid">
                        <TextField state path="programme_period.first_year" label=Label::FirstYear value=first_year problems kind=Kind::Number />
                        <TextField state path="programme_period.last_year" label=Label::LastYear value=last_year problems kind=Kind::Number />
                        <SelectField state path="programme_period.severity" label=Label::Severity value=period_severity problems choices=severities />
                    </div>
                    <FieldProblems state path="programme_period" problems />
                </fieldset>
                <fieldset class="rule">
                    <legend>{move || t(Label::YouthAges, lang.get())}</legend>
                    <div class="grid">
                        <TextField state path="youth_ages.min_age" label=Label::MinAge value=min_age problems kind=Kind::Number />
                        <TextField state path="youth_ages.max_age" label=Label::MaxAge value=max_age problems kind=Kind::Number />
                    </div>
                    <FieldProblems state path="youth_ages" problems />
                </fieldset>
                <div class="actions">
                    <button type="submit" class="primary">{move || t(Label::Save, lang.get())}</button>
                </div>
                {created_view}
            </form>
            <crate::components::history::History state target=RecordRef { kind: RecordKind::Rulebook, id } id=format!("rulebook-history-{id}") />
        </details>
    }
    .into_any()
}

#[component]
fn ReferenceTables(state: AppState) -> impl IntoView {
    let lang = state.lang;
    view! {
        <section aria-labelledby="reference-title">
            <h2 id="reference-title">{move || t(Label::ReferenceData, lang.get())}</h2>
            <ReferenceTable state table=Table::Communes label=Label::Communes />
            <ReferenceTable state table=Table::Sectors label=Label::Sectors />
            <ReferenceTable state table=Table::Funders label=Label::Funders />
            <crate::components::history::ReferenceHistory state />
        </section>
    }
}

/// One entry of a reference table as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    code: String,
    name: String,
    retired: bool,
}

#[component]
fn ReferenceTable(state: AppState, table: Table, label: Label) -> impl IntoView {
    let lang = state.lang;
    let entries = Memo::new(move |_| {
        let lang = lang.get();
        state.dataset.with(|d| {
            let r = d.reference();
            let entry = |code: &str, name: &str, retired: bool| Entry { code: code.to_owned(), name: name.to_owned(), retired };
            match table {
                Table::Communes => r.communes().iter().map(|e| entry(&e.code, e.name(lang), e.retired)).collect::<Vec<_>>(),
                Table::Sectors => r.sectors().iter().map(|e| entry(&e.code, e.name(lang), e.retired)).collect(),
                Table::Funders => r.funders().iter().map(|e| entry(&e.code, e.name(lang), e.retired)).collect(),
                Table::Programmes => r.programmes().iter().map(|e| entry(&e.code, e.name(lang), e.retired)).collect(),
                Table::Axes => r.axes().iter().map(|e| entry(&e.code, e.name(lang), e.retired)).collect(),
                Table::Courts => r.courts().iter().map(|e| entry(&e.code, e.name(lang), e.retired)).collect(),
            }
        })
    });
    let problems = Problems::new();
    let table_path = format!("@reference.{table}");
    let change = move |change: ReferenceChange| match state.apply(Edit::Reference(change)) {
        Ok(_) => problems.clear(),
        Err(refused) => problems.show_findings(&refused.findings, None),
    };
    let (code, name_fr, name_ar, extra) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (code_v, fr, ar, extra_v) = (
            code.get_untracked().trim().to_owned(),
            name_fr.get_untracked().trim().to_owned(),
            name_ar.get_untracked().trim().to_owned(),
            extra.get_untracked(),
        );
        let entry = match table {
            Table::Funders => NewEntry::Funder(Funder {
                code: code_v,
                name_fr: fr,
                name_ar: ar,
                role: match extra_v.as_str() {
                    "indh" => FunderRole::Indh,
                    "own" => FunderRole::OwnContribution,
                    _ => FunderRole::Partner,
                },
                retired: false,
            }),
            Table::Sectors => {
                NewEntry::Sector(Sector { code: code_v, name_fr: fr, name_ar: ar, parent: (!extra_v.is_empty()).then_some(extra_v), retired: false })
            }
            _ => NewEntry::Commune(Commune {
                code: code_v,
                name_fr: fr,
                name_ar: ar,
                kind: if extra_v == "urban" { CommuneKind::UrbanCommune } else { CommuneKind::RuralCommune },
                parent: None,
                retired: false,
            }),
        };
        match state.apply(Edit::Reference(ReferenceChange::Add(entry))) {
            Ok(_) => {
                problems.clear();
                for field in [code, name_fr, name_ar] {
                    field.set(String::new());
                }
            }
            Err(refused) => problems.show_findings(&refused.findings, None),
        }
    };
    let extra_choices = Signal::derive(move || {
        let lang = lang.get();
        match table {
            Table::Funders => vec![
                Choice::new("partner", FunderRole::Partner.name(lang)),
                Choice::new("own", FunderRole::OwnContribution.name(lang)),
                Choice::new("indh", FunderRole::Indh.name(lang)),
            ],
            Table::Sectors => {
                let mut choices = vec![Choice::new("", t(Label::NoCourt, lang))];
                choices.extend(state.dataset.with(|d| {
                    d.reference()
                        .sectors()
                        .iter()
                        .filter(|s| s.parent.is_none() && !s.retired)
                        .map(|s| Choice::new(s.code.clone(), s.name(lang)))
                        .collect::<Vec<_>>()
                }));
                choices
            }
            _ => vec![Choice::new("rural", CommuneKind::RuralCommune.name(lang)), Choice::new("urban", CommuneKind::UrbanCommune.name(lang))],
        }
    });
    let extra_label = match table {
        Table::Funders => Label::Role,
        Table::Sectors => Label::ParentSector,
        _ => Label::CommuneKind,
    };
    if table == Table::Funders {
        extra.set("partner".into());
    } else if table == Table::Communes {
        extra.set("rural".into());
    }
    let key = table.to_string();
    view! {
        <details class="reference" id=format!("reference-{key}")>
            <summary>{move || t(label, lang.get())}</summary>
            <ul class="entries">
                <For each=move || entries.get() key=|e| (e.code.clone(), e.name.clone(), e.retired) let:entry>
                    {
                        let code_value = entry.code.clone();
                        let toggle = move |_| {
                            let code = code_value.clone();
                            change(if entry.retired { ReferenceChange::Reinstate { table, code } } else { ReferenceChange::Retire { table, code } });
                        };
                        view! {
                            <li class=if entry.retired { "entry retired" } else { "entry" } data-code=entry.code.clone()>
                                <span class="code" translate="no" dir="ltr">{entry.code.clone()}</span>
                                <bdi class="name">{entry.name.clone()}</bdi>
                                {entry.retired.then(|| view! { <span class="badge">{move || t(Label::Retired, lang.get())}</span> })}
                                <button type="button" class="retire" on:click=toggle>
                                    {move || t(if entry.retired { Label::Reinstate } else { Label::Retire }, lang.get())}
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
            <form class="inline-form" novalidate on:submit=add>
                <h3>{move || t(Label::AddEntry, lang.get())}</h3>
                <FieldProblems state path=table_path.clone() problems />
                <div class="grid">
                    <TextField state path=format!("{key}.code") label=Label::Code value=code problems />
                    <TextField state path=format!("{key}.name_fr") label=Label::NameFr value=name_fr problems />
                    <TextField state path=format!("{key}.name_ar") label=Label::NameAr value=name_ar problems />
                    <SelectField state path=format!("{key}.extra") label=extra_label value=extra problems choices=extra_choices />
                </div>
                <button type="submit">{move || t(Label::Add, lang.get())}</button>
            </form>
        </details>
    }
}
