//! One project: its page (funding, disbursements, status changes, findings) and its form with the
//! contributions table, whose sums, INDH share and gap to the total cost come from core's
//! `FundingSummary` while the user types.

use leptos::prelude::*;
use taawun_core::Lang;
use taawun_core::amount::{Amount, ParseLocale};
use taawun_core::dataset::{Dataset, Edit};
use taawun_core::date::Date;
use taawun_core::fold;
use taawun_core::id::Id;
use taawun_core::members::MemberCount;
use taawun_core::project::{Call, Contribution, ContributionKind, Disbursement, FundingSummary, Gap, Jobs, Project, ProjectStatus, Tranche};
use taawun_core::record::{RecordKind, RecordRef};
use taawun_core::stats;
use taawun_core::text;

use crate::components::fields::{AmountField, Choice, Kind, SelectField, TextField};
use crate::components::{FieldProblems, FindingList, Problem, ProblemSummary, Problems, colon, focus, label_problem, unreadable};
use crate::i18n::{Label, t};
use crate::pages::cooperative::reference_choices;
use crate::pages::list::sorted_by_key;
use crate::route::{self, Route};
use crate::state::AppState;

fn project_ref(id: Id) -> RecordRef {
    RecordRef { kind: RecordKind::Project, id }
}

fn funder_name(dataset: &Dataset, code: &str, lang: Lang) -> String {
    dataset.reference().funder(code).map_or_else(|| code.to_owned(), |f| f.name(lang).to_owned())
}

fn kind_label(kind: ContributionKind) -> Label {
    match kind {
        ContributionKind::Cash => Label::Cash,
        ContributionKind::InKind => Label::InKind,
    }
}

/// The sums under a contributions table, from core's `FundingSummary`.
fn summary_view(summary: FundingSummary, lang: Lang) -> impl IntoView + use<> {
    let amount = |value: Option<Amount>| value.map_or_else(|| "—".to_owned(), |a| text::amount(a, lang));
    let share = summary.indh_share.map(|r| format!(" ({})", text::percent(r, lang))).unwrap_or_default();
    let gap = match summary.gap {
        None => None,
        Some(Gap::Balanced) => Some(("gap balanced", t(Label::Balanced, lang).to_owned())),
        Some(Gap::Missing(a)) => Some(("gap missing", format!("{}{}{}", t(Label::GapMissing, lang), colon(lang), text::amount(a, lang)))),
        Some(Gap::Excess(a)) => Some(("gap excess", format!("{}{}{}", t(Label::GapExcess, lang), colon(lang), text::amount(a, lang)))),
    };
    view! {
        <dl class="summary-figures" id="funding-summary">
            <div class="item"><dt>{t(Label::SumOfLines, lang)}</dt><dd id="sum-total">{amount(summary.total)}</dd></div>
            <div class="item"><dt>{t(Label::Cash, lang)}</dt><dd id="sum-cash">{amount(summary.cash)}</dd></div>
            <div class="item"><dt>{t(Label::InKind, lang)}</dt><dd id="sum-in-kind">{amount(summary.in_kind)}</dd></div>
            <div class="item"><dt>{t(Label::Indh, lang)}</dt><dd id="sum-indh">{amount(summary.indh)}{share}</dd></div>
            <div class="item"><dt>{t(Label::OwnContribution, lang)}</dt><dd id="sum-own">{amount(summary.own)}</dd></div>
        </dl>
        {gap.map(|(class, text)| view! { <p class=class id="funding-gap" role="status">{text}</p> })}
    }
}

/// A project's page.
#[component]
pub fn ProjectPage(state: AppState, id: Id) -> impl IntoView {
    let lang = state.lang;
    let record = Memo::new(move |_| state.dataset.with(|d| d.projects().get(id).filter(|r| r.is_live()).cloned()));
    let findings = Signal::derive(move || state.dataset.with(|d| d.findings_for(project_ref(id))));
    let problems = Problems::new();
    let change = move |project: Project| {
        let Some(record) = record.get_untracked() else { return };
        match state.apply(Edit::UpdateProject { id, base_revision: record.meta.revision, project }) {
            Ok(_) => problems.clear(),
            Err(refused) => {
                problems.show_findings(&refused.findings, Some(project_ref(id)));
                request_animation_frame(|| focus("problem-summary"));
            }
        }
    };
    // The quick form adding one disbursement.
    let (paid_on, funder, amount) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let next_index = move || record.with(|r| r.as_ref().map_or(0, |r| r.data.disbursements.len()));
    let add_payment = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(current) = record.get_untracked() else { return };
        let k = current.data.disbursements.len();
        let mut unreadable_values = Vec::new();
        let date = Date::parse(&paid_on.get_untracked()).map_err(|e| unreadable_values.push(unreadable(&format!("disbursements[{k}].paid_on"), &e))).ok();
        let value = Amount::parse(&amount.get_untracked(), ParseLocale::Moroccan)
            .map_err(|e| unreadable_values.push(unreadable(&format!("disbursements[{k}].amount"), &e)))
            .ok();
        let (Some(paid_on_date), Some(value)) = (date, value) else {
            problems.show_unreadable(unreadable_values);
            return;
        };
        let mut project = current.data.clone();
        project.disbursements.push(Disbursement { paid_on: paid_on_date, funder: funder.get_untracked(), amount: value });
        change(project);
        if !problems.any_blocking() {
            paid_on.set(String::new());
            amount.set(String::new());
        }
    };
    let funders = Signal::derive(move || {
        let lang = lang.get();
        let current = funder.get();
        state.dataset.with(|d| {
            let entries = d.reference().funders().iter().map(|f| (f.code.clone(), f.name(lang).to_owned(), f.retired)).collect();
            reference_choices(lang, entries, &current)
        })
    });

    move || {
        let lang_now = lang.get();
        let Some(record) = record.get() else {
            return view! { <h1 id="page-title" tabindex="-1">{t(Label::PageNotFound, lang_now)}</h1> }.into_any();
        };
        let p = record.data.clone();
        let title = p.title(lang_now).to_owned();
        let (cooperative_name, programme, axis, call, summary, lines, progress, payments) = state.dataset.with(|d| {
            let reference = d.reference();
            let cooperative_name = d.cooperatives().get(p.cooperative).map(|c| c.data.name(lang_now).to_owned()).unwrap_or_default();
            let programme = reference.programme(&p.programme).map_or_else(|| p.programme.clone(), |x| x.name(lang_now).to_owned());
            let axis = reference.axis(&p.axis).map_or_else(|| p.axis.clone(), |x| x.name(lang_now).to_owned());
            let call = d.rulebooks().get(p.call.rulebook).map(|r| format!("{} ({})", r.data.name(lang_now), p.call.year)).unwrap_or_default();
            let summary = FundingSummary::of(Some(p.total_cost), &p.contributions, reference);
            let lines: Vec<(String, Label, String)> =
                p.contributions.iter().map(|c| (funder_name(d, &c.funder, lang_now), kind_label(c.kind), text::amount(c.amount, lang_now))).collect();
            let mut funders: Vec<&str> = p.contributions.iter().map(|c| c.funder.as_str()).collect();
            funders.dedup();
            let progress: Vec<(String, String, String)> = funders
                .into_iter()
                .map(|code| {
                    let show = |a: Option<Amount>| a.map_or_else(|| "—".to_owned(), |a| text::amount(a, lang_now));
                    (funder_name(d, code, lang_now), show(p.committed_by(code)), show(p.disbursed_by(code)))
                })
                .collect();
            let payments: Vec<(Date, String, String)> =
                p.disbursements.iter().map(|x| (x.paid_on, funder_name(d, &x.funder, lang_now), text::amount(x.amount, lang_now))).collect();
            let payments = sorted_by_key(payments, |x| x.0.to_string());
            (cooperative_name, programme, axis, call, summary, lines, progress, payments)
        });
        let next_statuses: Vec<ProjectStatus> = ProjectStatus::ALL.into_iter().filter(|s| *s != p.status && p.status.can_become(*s)).collect();
        let date = |d: Option<Date>| d.map_or_else(|| "—".to_owned(), |d| text::date(d, lang_now));
        let jobs = format!("{} — {} {} — {} {}", p.jobs.total, t(Label::JobsWomen, lang_now), p.jobs.women, t(Label::JobsYouth, lang_now), p.jobs.youth);
        let k = next_index();
        view! {
            <div class="page-head">
                <h1 id="page-title" tabindex="-1"><bdi>{title}</bdi></h1>
                <div class="actions">
                    <a class="button" id="edit-project" href=Route::EditProject(id).href()>{t(Label::Edit, lang_now)}</a>
                </div>
            </div>
            <p><a href=Route::Cooperative(p.cooperative).href()><bdi>{cooperative_name}</bdi></a></p>
            <ProblemSummary state problems />
            <dl class="details" id="project-details">
                <div class="item"><dt>{t(Label::Status, lang_now)}</dt><dd id="project-status">{p.status.name(lang_now)}</dd></div>
                <div class="item"><dt>{t(Label::Programme, lang_now)}</dt><dd>{programme}</dd></div>
                <div class="item"><dt>{t(Label::Axis, lang_now)}</dt><dd>{axis}</dd></div>
                <div class="item"><dt>{t(Label::Call, lang_now)}</dt><dd><bdi>{call}</bdi></dd></div>
                <div class="item"><dt>{t(Label::Year, lang_now)}</dt><dd>{stats::project_year(&p)}</dd></div>
                <div class="item"><dt>{t(Label::SubmittedOn, lang_now)}</dt><dd>{date(p.submitted_on)}</dd></div>
                <div class="item"><dt>{t(Label::ApprovedOn, lang_now)}</dt><dd>{date(p.cpdh_approved_on)}</dd></div>
                <div class="item"><dt>{t(Label::ConventionOn, lang_now)}</dt><dd>{date(p.convention_signed_on)}</dd></div>
                <div class="item"><dt>{t(Label::Jobs, lang_now)}</dt><dd>{jobs}</dd></div>
            </dl>
            {(!next_statuses.is_empty()).then(|| {
                let p = p.clone();
                view! {
                    <section aria-labelledby="status-title">
                        <h2 id="status-title">{t(Label::ChangeStatus, lang_now)}</h2>
                        <div class="actions">
                            {next_statuses.into_iter().map(|s| {
                                let mut next = p.clone();
                                next.status = s;
                                view! {
                                    <button type="button" class="status-change" data-status=s.code()
                                        on:click=move |_| change(next.clone())>{s.name(lang_now)}</button>
                                }
                            }).collect_view()}
                        </div>
                    </section>
                }
            })}
            <section aria-labelledby="funding-title">
                <h2 id="funding-title">{t(Label::Funding, lang_now)}</h2>
                <p>{t(Label::TotalCost, lang_now)}{colon(lang_now)}<strong id="project-total-cost">{text::amount(p.total_cost, lang_now)}</strong></p>
                <div class="table-wrap"><table id="project-contributions">
                    <thead><tr>
                        <th scope="col">{t(Label::Funder, lang_now)}</th>
                        <th scope="col">{t(Label::Kind, lang_now)}</th>
                        <th scope="col" class="num">{t(Label::Amount, lang_now)}</th>
                    </tr></thead>
                    <tbody>
                        {lines.into_iter().map(|(funder, kind, amount)| view! {
                            <tr><td>{funder}</td><td>{t(kind, lang_now)}</td><td class="num">{amount}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table></div>
                {summary_view(summary, lang_now)}
            </section>
            <section aria-labelledby="payments-title">
                <h2 id="payments-title">{t(Label::Disbursements, lang_now)}</h2>
                <div class="table-wrap"><table>
                    <thead><tr>
                        <th scope="col">{t(Label::Funder, lang_now)}</th>
                        <th scope="col" class="num">{t(Label::Committed, lang_now)}</th>
                        <th scope="col" class="num">{t(Label::Disbursed, lang_now)}</th>
                    </tr></thead>
                    <tbody>
                        {progress.into_iter().map(|(funder, committed, disbursed)| view! {
                            <tr><td>{funder}</td><td class="num">{committed}</td><td class="num">{disbursed}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table></div>
                {if payments.is_empty() {
                    view! { <p class="muted">{t(Label::NoDisbursements, lang_now)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="payments" id="project-payments">
                            {payments.into_iter().map(|(date, funder, amount)| view! {
                                <li>{text::date(date, lang_now)}" — "{funder}" — "<span class="num">{amount}</span></li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <form class="inline-form" id="add-payment" novalidate on:submit=add_payment>
                    <h3>{t(Label::AddDisbursement, lang_now)}</h3>
                    <div class="grid">
                        <TextField state path=format!("disbursements[{k}].paid_on") label=Label::Date value=paid_on problems kind=Kind::Date hint=Label::DateHint />
                        <SelectField state path=format!("disbursements[{k}].funder") label=Label::Funder value=funder problems choices=funders />
                        <AmountField state path=format!("disbursements[{k}].amount") label=Label::Amount value=amount problems />
                    </div>
                    <button type="submit" class="primary">{t(Label::Add, lang_now)}</button>
                </form>
            </section>
            <crate::pages::story::StorySection state project=id />
            <section aria-labelledby="findings-title">
                <h2 id="findings-title">{t(Label::Findings, lang_now)}</h2>
                <FindingList state findings />
            </section>
            <crate::components::history::History state target=project_ref(id) />
        }
        .into_any()
    }
}

/// One contribution line as typed.
#[derive(Clone, Copy)]
struct LineDraft {
    key: u64,
    funder: RwSignal<String>,
    amount: RwSignal<String>,
    kind: RwSignal<String>,
}

/// One planned tranche or disbursement as typed.
#[derive(Clone, Copy)]
struct PaymentDraft {
    key: u64,
    date: RwSignal<String>,
    funder: RwSignal<String>,
    amount: RwSignal<String>,
}

/// What the form holds while it is typed.
#[derive(Clone, Copy)]
struct Draft {
    title_ar: RwSignal<String>,
    title_fr: RwSignal<String>,
    cooperative: RwSignal<String>,
    programme: RwSignal<String>,
    axis: RwSignal<String>,
    rulebook: RwSignal<String>,
    year: RwSignal<String>,
    total_cost: RwSignal<String>,
    contributions: RwSignal<Vec<LineDraft>>,
    submitted_on: RwSignal<String>,
    approved_on: RwSignal<String>,
    convention_on: RwSignal<String>,
    tranches: RwSignal<Vec<PaymentDraft>>,
    disbursements: RwSignal<Vec<PaymentDraft>>,
    jobs_total: RwSignal<String>,
    jobs_women: RwSignal<String>,
    jobs_youth: RwSignal<String>,
    status: RwSignal<String>,
    notes: RwSignal<String>,
    next_key: StoredValue<u64>,
}

fn kind_code(kind: ContributionKind) -> &'static str {
    match kind {
        ContributionKind::Cash => "cash",
        ContributionKind::InKind => "in_kind",
    }
}

fn this_year() -> u16 {
    js_sys::Date::new_0().get_full_year().clamp(1900, 2199) as u16
}

impl Draft {
    fn new(p: Option<&Project>, cooperative: Option<Id>, rulebook: Option<Id>) -> Draft {
        let s = RwSignal::new;
        let date = |d: Option<Date>| s(d.map(|d| d.to_string()).unwrap_or_default());
        let draft = Draft {
            title_ar: s(p.map(|p| p.title_ar.clone()).unwrap_or_default()),
            title_fr: s(p.map(|p| p.title_fr.clone()).unwrap_or_default()),
            cooperative: s(p.map(|p| p.cooperative).or(cooperative).map(|id| id.to_string()).unwrap_or_default()),
            programme: s(p.map_or_else(|| "P3".to_owned(), |p| p.programme.clone())),
            axis: s(p.map(|p| p.axis.clone()).unwrap_or_default()),
            rulebook: s(p.map(|p| p.call.rulebook).or(rulebook).map(|id| id.to_string()).unwrap_or_default()),
            year: s(p.map_or_else(this_year, |p| p.call.year).to_string()),
            total_cost: s(p.map(|p| text::amount(p.total_cost, Lang::Fr)).unwrap_or_default()),
            contributions: RwSignal::new(Vec::new()),
            submitted_on: date(p.and_then(|p| p.submitted_on)),
            approved_on: date(p.and_then(|p| p.cpdh_approved_on)),
            convention_on: date(p.and_then(|p| p.convention_signed_on)),
            tranches: RwSignal::new(Vec::new()),
            disbursements: RwSignal::new(Vec::new()),
            jobs_total: s(p.map(|p| p.jobs.total.to_string()).unwrap_or_default()),
            jobs_women: s(p.map(|p| p.jobs.women.to_string()).unwrap_or_default()),
            jobs_youth: s(p.map(|p| p.jobs.youth.to_string()).unwrap_or_default()),
            status: s(p.map_or(ProjectStatus::Submitted, |p| p.status).code().to_owned()),
            notes: s(p.map(|p| p.notes.clone()).unwrap_or_default()),
            next_key: StoredValue::new(0),
        };
        match p {
            Some(p) => {
                for c in &p.contributions {
                    draft.add_line(&c.funder, &text::amount(c.amount, Lang::Fr), kind_code(c.kind));
                }
                for x in &p.tranches {
                    draft.add_payment(draft.tranches, &x.planned_on.to_string(), &x.funder, &text::amount(x.amount, Lang::Fr));
                }
                for x in &p.disbursements {
                    draft.add_payment(draft.disbursements, &x.paid_on.to_string(), &x.funder, &text::amount(x.amount, Lang::Fr));
                }
            }
            None => draft.add_line("", "", "cash"),
        }
        draft
    }

    fn key(&self) -> u64 {
        let key = self.next_key.get_value();
        self.next_key.set_value(key + 1);
        key
    }

    fn add_line(&self, funder: &str, amount: &str, kind: &str) {
        let line = LineDraft {
            key: self.key(),
            funder: RwSignal::new(funder.to_owned()),
            amount: RwSignal::new(amount.to_owned()),
            kind: RwSignal::new(kind.to_owned()),
        };
        self.contributions.update(|lines| lines.push(line));
    }

    fn add_payment(&self, list: RwSignal<Vec<PaymentDraft>>, date: &str, funder: &str, amount: &str) {
        let line = PaymentDraft {
            key: self.key(),
            date: RwSignal::new(date.to_owned()),
            funder: RwSignal::new(funder.to_owned()),
            amount: RwSignal::new(amount.to_owned()),
        };
        list.update(|lines| lines.push(line));
    }

    /// The contribution lines whose amount core can read, for the live sums.
    fn readable_lines(&self) -> Vec<Contribution> {
        self.contributions.with(|lines| {
            lines
                .iter()
                .filter_map(|l| {
                    let amount = Amount::parse(&l.amount.get(), ParseLocale::Moroccan).ok()?;
                    let kind = if l.kind.get() == "in_kind" { ContributionKind::InKind } else { ContributionKind::Cash };
                    Some(Contribution { funder: l.funder.get(), amount, kind })
                })
                .collect()
        })
    }

    /// Reads what was typed with core's parsers; every value it cannot read is a problem at its path.
    fn read(&self) -> Result<Project, Vec<Problem>> {
        let mut problems = Vec::new();
        let amount = |path: String, text: String, problems: &mut Vec<Problem>| {
            Amount::parse(&text, ParseLocale::Moroccan).map_err(|e| problems.push(unreadable(&path, &e))).ok()
        };
        let date = |path: &str, text: String, problems: &mut Vec<Problem>| {
            if text.trim().is_empty() {
                return None;
            }
            Date::parse(&text).map_err(|e| problems.push(unreadable(path, &e))).ok()
        };
        let count = |path: &str, text: String, problems: &mut Vec<Problem>| {
            if text.trim().is_empty() {
                return 0;
            }
            MemberCount::parse(&text).map(MemberCount::get).unwrap_or_else(|e| {
                problems.push(unreadable(path, &e));
                0
            })
        };
        let cooperative =
            Id::parse(&self.cooperative.get_untracked()).map_err(|_| problems.push(label_problem("cooperative", Label::CooperativeRequired))).ok();
        let rulebook = Id::parse(&self.rulebook.get_untracked()).map_err(|_| problems.push(label_problem("call.rulebook", Label::RulebookRequired))).ok();
        let year = MemberCount::parse(&self.year.get_untracked())
            .ok()
            .and_then(|y| u16::try_from(y.get()).ok())
            .filter(|y| (1900..=2199).contains(y))
            .ok_or(())
            .map_err(|_| problems.push(label_problem("call.year", Label::InvalidYear)))
            .ok();
        let total_cost = amount("total_cost".into(), self.total_cost.get_untracked(), &mut problems);
        let contributions: Vec<Contribution> = self
            .contributions
            .get_untracked()
            .iter()
            .enumerate()
            .filter_map(|(k, l)| {
                let value = amount(format!("contributions[{k}].amount"), l.amount.get_untracked(), &mut problems)?;
                let kind = if l.kind.get_untracked() == "in_kind" { ContributionKind::InKind } else { ContributionKind::Cash };
                Some(Contribution { funder: l.funder.get_untracked(), amount: value, kind })
            })
            .collect();
        let payments = |name: &str, date_key: &str, list: RwSignal<Vec<PaymentDraft>>, problems: &mut Vec<Problem>| -> Vec<(Date, String, Amount)> {
            list.get_untracked()
                .iter()
                .enumerate()
                .filter_map(|(k, x)| {
                    let when = Date::parse(&x.date.get_untracked()).map_err(|e| problems.push(unreadable(&format!("{name}[{k}].{date_key}"), &e))).ok();
                    let value = amount(format!("{name}[{k}].amount"), x.amount.get_untracked(), problems);
                    Some((when?, x.funder.get_untracked(), value?))
                })
                .collect()
        };
        let tranches = payments("tranches", "planned_on", self.tranches, &mut problems);
        let disbursements = payments("disbursements", "paid_on", self.disbursements, &mut problems);
        let jobs = Jobs {
            total: count("jobs.total", self.jobs_total.get_untracked(), &mut problems),
            women: count("jobs.women", self.jobs_women.get_untracked(), &mut problems),
            youth: count("jobs.youth", self.jobs_youth.get_untracked(), &mut problems),
        };
        let submitted_on = date("submitted_on", self.submitted_on.get_untracked(), &mut problems);
        let cpdh_approved_on = date("cpdh_approved_on", self.approved_on.get_untracked(), &mut problems);
        let convention_signed_on = date("convention_signed_on", self.convention_on.get_untracked(), &mut problems);
        let status_code = self.status.get_untracked();
        let status = ProjectStatus::ALL.into_iter().find(|s| s.code() == status_code).unwrap_or(ProjectStatus::Submitted);
        let (Some(cooperative), Some(rulebook), Some(year), Some(total_cost)) = (cooperative, rulebook, year, total_cost) else {
            return Err(problems);
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Project {
            title_ar: self.title_ar.get_untracked().trim().to_owned(),
            title_fr: self.title_fr.get_untracked().trim().to_owned(),
            cooperative,
            programme: self.programme.get_untracked(),
            axis: self.axis.get_untracked(),
            call: Call { year, rulebook },
            total_cost,
            contributions,
            submitted_on,
            cpdh_approved_on,
            convention_signed_on,
            tranches: tranches.into_iter().map(|(planned_on, funder, amount)| Tranche { planned_on, funder, amount }).collect(),
            disbursements: disbursements.into_iter().map(|(paid_on, funder, amount)| Disbursement { paid_on, funder, amount }).collect(),
            jobs,
            status,
            notes: self.notes.get_untracked().trim().to_owned(),
        })
    }
}

/// The form creating (`id` = `None`, optionally for `cooperative`) or editing a project.
#[component]
pub fn ProjectForm(state: AppState, id: Option<Id>, cooperative: Option<Id>) -> impl IntoView {
    let lang = state.lang;
    let existing = state.dataset.with_untracked(|d| id.and_then(|id| d.projects().get(id).filter(|r| r.is_live()).cloned()));
    if id.is_some() && existing.is_none() {
        return view! { <h1 id="page-title" tabindex="-1">{move || t(Label::PageNotFound, lang.get())}</h1> }.into_any();
    }
    let (has_rulebook, has_cooperative, latest_rulebook) = state.dataset.with_untracked(|d| {
        let latest = d.rulebooks().live().max_by_key(|r| r.meta.created).map(|r| r.id);
        (d.rulebooks().live().next().is_some(), d.cooperatives().live().next().is_some(), latest)
    });
    let original_status = existing.as_ref().map(|r| r.data.status);
    let base_revision = existing.as_ref().map(|r| r.meta.revision).unwrap_or(0);
    let draft = Draft::new(existing.as_ref().map(|r| &r.data), cooperative, latest_rulebook);
    let problems = Problems::new();
    let target = StoredValue::new(id.or_else(|| state.new_id()));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let project = match draft.read() {
            Ok(project) => project,
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
            None => Edit::CreateProject { id: record_id, project },
            Some(id) => Edit::UpdateProject { id, base_revision, project },
        };
        match state.apply(edit) {
            Ok(_) => {
                problems.clear();
                route::navigate(&Route::Project(record_id).href());
            }
            Err(refused) => {
                problems.show_findings(&refused.findings, Some(project_ref(record_id)));
                request_animation_frame(|| focus("problem-summary"));
            }
        }
    };

    let cooperatives = Signal::derive(move || {
        let lang = lang.get();
        let current = draft.cooperative.get();
        state.dataset.with(|d| {
            let list: Vec<(String, String)> = d
                .cooperatives()
                .live()
                .filter(|c| c.data.status.may_receive_new_project() || c.id.to_string() == current)
                .map(|c| (c.id.to_string(), c.data.name(lang).to_owned()))
                .collect();
            let list = sorted_by_key(list, |c| fold::sort_key(&c.1));
            let mut choices = vec![Choice::new("", t(Label::ChooseOne, lang))];
            choices.extend(list.into_iter().map(|(value, text)| Choice::new(value, text)));
            choices
        })
    });
    let programmes = Signal::derive(move || {
        let lang = lang.get();
        let current = draft.programme.get();
        state.dataset.with(|d| {
            let entries = d.reference().programmes().iter().map(|p| (p.code.clone(), p.name(lang).to_owned(), p.retired)).collect();
            reference_choices(lang, entries, &current)
        })
    });
    let axes = Signal::derive(move || {
        let lang = lang.get();
        let (programme, current) = (draft.programme.get(), draft.axis.get());
        state.dataset.with(|d| {
            let entries = d.reference().axes_of(&programme).map(|a| (a.code.clone(), a.name(lang).to_owned(), a.retired)).collect();
            reference_choices(lang, entries, &current)
        })
    });
    let rulebooks = Signal::derive(move || {
        let lang = lang.get();
        state.dataset.with(|d| {
            let mut choices = vec![Choice::new("", t(Label::ChooseOne, lang))];
            choices.extend(d.rulebooks().live().map(|r| Choice::new(r.id.to_string(), r.data.name(lang))));
            choices
        })
    });
    let statuses = Signal::derive(move || {
        let lang = lang.get();
        ProjectStatus::ALL
            .into_iter()
            .map(|s| Choice { value: s.code().to_owned(), text: s.name(lang).to_owned(), disabled: original_status.is_some_and(|o| !o.can_become(s)) })
            .collect::<Vec<_>>()
    });
    let funders = move |current: RwSignal<String>| {
        Signal::derive(move || {
            let lang = lang.get();
            let current = current.get();
            state.dataset.with(|d| {
                let entries = d.reference().funders().iter().map(|f| (f.code.clone(), f.name(lang).to_owned(), f.retired)).collect();
                reference_choices(lang, entries, &current)
            })
        })
    };
    let kinds = Signal::derive(move || {
        let lang = lang.get();
        vec![Choice::new("cash", t(Label::Cash, lang)), Choice::new("in_kind", t(Label::InKind, lang))]
    });
    let summary = move || {
        let total = Amount::parse(&draft.total_cost.get(), ParseLocale::Moroccan).ok();
        let lines = draft.readable_lines();
        let summary = state.dataset.with(|d| FundingSummary::of(total, &lines, d.reference()));
        summary_view(summary, lang.get())
    };
    let title = if id.is_some() { Label::EditProjectTitle } else { Label::NewProjectTitle };
    let cancel = id.map_or_else(|| Route::Projects.href(), |id| Route::Project(id).href());

    let contribution_rows = move || {
        draft
            .contributions
            .get()
            .into_iter()
            .enumerate()
            .map(|(k, line)| {
                let remove = move |_| draft.contributions.update(|lines| lines.retain(|l| l.key != line.key));
                view! {
                    <div class="line" role="group" aria-label=move || format!("{} {}", t(Label::Contributions, lang.get()), k + 1)>
                        <SelectField state path=format!("contributions[{k}].funder") label=Label::Funder value=line.funder problems choices=funders(line.funder) />
                        <AmountField state path=format!("contributions[{k}].amount") label=Label::Amount value=line.amount problems />
                        <SelectField state path=format!("contributions[{k}].kind") label=Label::Kind value=line.kind problems choices=kinds />
                        <button type="button" class="remove" aria-label=move || format!("{} {}", t(Label::RemoveLine, lang.get()), k + 1) on:click=remove>
                            {move || t(Label::RemoveLine, lang.get())}
                        </button>
                    </div>
                }
            })
            .collect_view()
    };
    let payment_rows = move |name: &'static str, date_key: &'static str, date_label: Label, list: RwSignal<Vec<PaymentDraft>>| {
        move || {
            list.get()
                .into_iter()
                .enumerate()
                .map(|(k, line)| {
                    let remove = move |_| list.update(|lines| lines.retain(|l| l.key != line.key));
                    view! {
                        <div class="line" role="group">
                            <TextField state path=format!("{name}[{k}].{date_key}") label=date_label value=line.date problems kind=Kind::Date hint=Label::DateHint />
                            <SelectField state path=format!("{name}[{k}].funder") label=Label::Funder value=line.funder problems choices=funders(line.funder) />
                            <AmountField state path=format!("{name}[{k}].amount") label=Label::Amount value=line.amount problems />
                            <button type="button" class="remove" on:click=remove>{move || t(Label::RemoveLine, lang.get())}</button>
                        </div>
                    }
                })
                .collect_view()
        }
    };

    view! {
        <h1 id="page-title" tabindex="-1">{move || t(title, lang.get())}</h1>
        {(!has_rulebook).then(|| view! { <p class="banner info" id="no-rulebook">{move || t(Label::NoRulebookYet, lang.get())}" "<a href=Route::Settings.href()>{move || t(Label::NavSettings, lang.get())}</a></p> })}
        {(!has_cooperative).then(|| view! { <p class="banner info">{move || t(Label::NoCooperativeYet, lang.get())}" "<a href=Route::NewCooperative.href()>{move || t(Label::NewCooperative, lang.get())}</a></p> })}
        <form id="project-form" class="record-form" novalidate on:submit=submit>
            <ProblemSummary state problems />
            <fieldset>
                <legend>{move || t(Label::Identity, lang.get())}</legend>
                <div class="grid">
                    <TextField state path="title_fr" label=Label::TitleFr value=draft.title_fr problems />
                    <TextField state path="title_ar" label=Label::TitleAr value=draft.title_ar problems />
                    <SelectField state path="cooperative" label=Label::Cooperative value=draft.cooperative problems choices=cooperatives required=true />
                    <SelectField state path="status" label=Label::Status value=draft.status problems choices=statuses />
                    <SelectField state path="programme" label=Label::Programme value=draft.programme problems choices=programmes />
                    <SelectField state path="axis" label=Label::Axis value=draft.axis problems choices=axes required=true />
                    <SelectField state path="call.rulebook" label=Label::Call value=draft.rulebook problems choices=rulebooks required=true />
                    <TextField state path="call.year" label=Label::CallYear value=draft.year problems kind=Kind::Number />
                </div>
            </fieldset>
            <fieldset id="funding">
                <legend>{move || t(Label::Funding, lang.get())}</legend>
                <AmountField state path="total_cost" label=Label::TotalCost value=draft.total_cost problems required=true />
                <div class="field" data-path="contributions">
                    <h3 id="contributions-title">{move || t(Label::Contributions, lang.get())}</h3>
                    <FieldProblems state path="contributions" problems />
                </div>
                <div class="lines" id="contributions" aria-labelledby="contributions-title">{contribution_rows}</div>
                <button type="button" id="add-contribution" on:click=move |_| draft.add_line("", "", "cash")>
                    {move || t(Label::AddContribution, lang.get())}
                </button>
                <div class="live-summary" aria-live="polite">{summary}</div>
            </fieldset>
            <fieldset>
                <legend>{move || t(Label::Dates, lang.get())}</legend>
                <div class="grid">
                    <TextField state path="submitted_on" label=Label::SubmittedOn value=draft.submitted_on problems kind=Kind::Date hint=Label::DateHint />
                    <TextField state path="cpdh_approved_on" label=Label::ApprovedOn value=draft.approved_on problems kind=Kind::Date hint=Label::DateHint />
                    <TextField state path="convention_signed_on" label=Label::ConventionOn value=draft.convention_on problems kind=Kind::Date hint=Label::DateHint />
                </div>
            </fieldset>
            <fieldset>
                <legend>{move || t(Label::Tranches, lang.get())}</legend>
                <FieldProblems state path="tranches" problems />
                <div class="lines">{payment_rows("tranches", "planned_on", Label::Date, draft.tranches)}</div>
                <button type="button" id="add-tranche" on:click=move |_| draft.add_payment(draft.tranches, "", "", "")>
                    {move || t(Label::AddTranche, lang.get())}
                </button>
            </fieldset>
            <fieldset>
                <legend>{move || t(Label::Disbursements, lang.get())}</legend>
                <FieldProblems state path="disbursements" problems />
                <div class="lines">{payment_rows("disbursements", "paid_on", Label::Date, draft.disbursements)}</div>
                <button type="button" id="add-disbursement" on:click=move |_| draft.add_payment(draft.disbursements, "", "", "")>
                    {move || t(Label::AddDisbursement, lang.get())}
                </button>
            </fieldset>
            <fieldset>
                <legend>{move || t(Label::Jobs, lang.get())}</legend>
                <div class="grid">
                    <TextField state path="jobs.total" label=Label::JobsTotal value=draft.jobs_total problems kind=Kind::Number />
                    <TextField state path="jobs.women" label=Label::JobsWomen value=draft.jobs_women problems kind=Kind::Number />
                    <TextField state path="jobs.youth" label=Label::JobsYouth value=draft.jobs_youth problems kind=Kind::Number />
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
