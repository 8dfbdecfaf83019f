//! The summary of a meeting for the printed report (bilan) and the attendance sheet: headings
//! and sentences in one language, built from the meeting and the registry, for the web to lay out.

use serde::Serialize;

use super::{Attendee, Meeting};
use crate::dataset::Dataset;
use crate::lang::Lang;
use crate::reference::Milieu;
use crate::text::{self, Localised, Noun};

/// A meeting's summary in one language: a title, a line saying when and where, then sections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingReport {
    /// The language of every text below.
    pub lang: Lang,
    /// The meeting's title.
    pub title: String,
    /// When and where: "mercredi 9 juillet 2025, 10:00 — Dar Chabab Hasnouna, Tanger".
    pub when_and_where: String,
    /// The sections, in print order; a section with nothing to say is left out.
    pub sections: Vec<ReportSection>,
}

/// One section of the summary: a heading and its lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportSection {
    /// Stable name for the layout and tests: `attendance`, `agenda`, `testimonials`,
    /// `challenges`, `follow_ups`, `attendance_sheet`.
    pub key: &'static str,
    /// The heading.
    pub heading: String,
    /// The lines, each a sentence or a row.
    pub lines: Vec<String>,
}

/// One line of a meeting's attendance sheet: who came, how many people, how many women.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetRow {
    /// The cooperative's name in the sheet's language, or the walk-in's name as typed.
    pub name: String,
    /// People who came.
    pub people: u32,
    /// Women among them.
    pub women: u32,
    /// Whether this is a walk-in rather than a cooperative of the registry.
    pub walk_in: bool,
}

/// The attendance sheet of `meeting` in `lang`: one row per check-in, in check-in order.
pub fn attendance_sheet(meeting: &Meeting, dataset: &Dataset, lang: Lang) -> Vec<SheetRow> {
    meeting
        .attendance
        .check_ins()
        .iter()
        .map(|c| {
            let (name, walk_in) = match c.attendee() {
                Attendee::Cooperative(id) => (dataset.cooperatives().get(*id).map_or_else(|| id.to_string(), |r| r.data.name(lang).to_owned()), false),
                Attendee::WalkIn(name) => (name.clone(), true),
            };
            SheetRow { name, people: c.people(), women: c.women(), walk_in }
        })
        .collect()
}

fn pick(lang: Lang, ar: &str, fr: &str) -> String {
    match lang {
        Lang::Ar => ar.to_owned(),
        Lang::Fr => fr.to_owned(),
    }
}

impl MeetingReport {
    /// The summary of `meeting` in `lang`; `with_sheet` adds the attendance sheet (one line
    /// per check-in: name, people, women). Never fails: an empty meeting gives its title, its
    /// date and the attendance line "0 of 0".
    pub fn build(meeting: &Meeting, dataset: &Dataset, lang: Lang, with_sheet: bool) -> MeetingReport {
        let mut when = text::date(meeting.date, lang);
        if let Some(time) = meeting.start_time {
            when.push_str(&format!(", {time}"));
        }
        if !meeting.place.trim().is_empty() {
            when.push_str(&format!(" — {}", meeting.place.trim()));
        }
        let name_of = |attendee: &Attendee| match attendee {
            Attendee::Cooperative(id) => dataset.cooperatives().get(*id).map_or_else(|| id.to_string(), |c| c.data.name(lang).to_owned()),
            Attendee::WalkIn(name) => name.clone(),
        };
        let funder = |code: &str| dataset.reference().funder(code).map_or_else(|| code.to_owned(), |f| f.name(lang).to_owned());
        let mut sections = Vec::new();

        let turnout = meeting.turnout(dataset);
        let mut lines = vec![turnout.message(lang)];
        let people = text::integer(turnout.people, lang);
        let women = text::integer(turnout.women, lang);
        lines.push(match lang {
            Lang::Fr => format!("{people} personnes accueillies, dont {women} femmes"),
            Lang::Ar => format!("{people} مشاركا، منهم {women} نساء"),
        });
        for tally in &turnout.by_milieu {
            let milieu = match (tally.key, lang) {
                (Milieu::Rural, Lang::Fr) => "en milieu rural",
                (Milieu::Urban, Lang::Fr) => "en milieu urbain",
                (Milieu::Rural, Lang::Ar) => "بالوسط القروي",
                (Milieu::Urban, Lang::Ar) => "بالوسط الحضري",
            };
            lines.push(format!("{} {milieu}", text::count(tally.count as u64, Noun::Cooperative, lang)));
        }
        if turnout.women_led > 0 {
            let count = text::count(turnout.women_led as u64, Noun::Cooperative, lang);
            lines.push(match lang {
                Lang::Fr => format!("{count} dirigées par des femmes ou à majorité féminine"),
                Lang::Ar => format!("{count} نسائية (ترأسها امرأة أو أغلب أعضائها نساء)"),
            });
        }
        if turnout.walk_ins + turnout.uninvited > 0 {
            let extra = text::integer((turnout.walk_ins + turnout.uninvited) as u64, lang);
            lines.push(match lang {
                Lang::Fr => format!("{extra} présences hors liste d'invitation"),
                Lang::Ar => format!("{extra} حضور من خارج لائحة المدعوين"),
            });
        }
        sections.push(ReportSection { key: "attendance", heading: pick(lang, "الحضور", "Participation"), lines });

        let lines: Vec<String> = meeting.agenda.iter().map(|p| format!("{} — {}", p.title, funder(&p.presenter))).collect();
        if !lines.is_empty() {
            sections.push(ReportSection { key: "agenda", heading: pick(lang, "المداخلات", "Interventions"), lines });
        }
        let lines: Vec<String> = meeting.testimonials.iter().map(|t| format!("{} : « {} »", name_of(&Attendee::Cooperative(t.cooperative)), t.text)).collect();
        if !lines.is_empty() {
            sections.push(ReportSection { key: "testimonials", heading: pick(lang, "شهادات", "Témoignages"), lines });
        }
        let mut lines: Vec<String> = meeting.challenges_by_tag().iter().map(|t| format!("{} : {}", t.key.name(lang), t.count)).collect();
        lines.extend(meeting.challenges.iter().map(|c| c.text.clone()));
        if !lines.is_empty() {
            sections.push(ReportSection { key: "challenges", heading: pick(lang, "الإكراهات المطروحة", "Difficultés soulevées"), lines });
        }
        let lines: Vec<String> = meeting
            .follow_ups
            .iter()
            .map(|f| {
                let due = f.due_on.map(|d| format!(" ({})", text::date(d, lang))).unwrap_or_default();
                let done = if f.done { pick(lang, " — منجز", " — fait") } else { String::new() };
                format!("{} — {}{due}{done}", f.text, f.owner)
            })
            .collect();
        if !lines.is_empty() {
            sections.push(ReportSection { key: "follow_ups", heading: pick(lang, "الإجراءات التتبعية", "Suites à donner"), lines });
        }
        if with_sheet {
            let lines = attendance_sheet(meeting, dataset, lang).into_iter().map(|row| format!("{} — {} / {}", row.name, row.people, row.women)).collect();
            sections.push(ReportSection {
                key: "attendance_sheet",
                heading: pick(lang, "لائحة الحضور (الحاضرون / النساء)", "Feuille de présence (personnes / femmes)"),
                lines,
            });
        }
        MeetingReport { lang, title: meeting.title(lang).to_owned(), when_and_where: when, sections }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::reference::ReferenceData;

    #[test]
    fn the_demo_meeting_report_says_who_came_in_both_languages_with_every_section() {
        let data = crate::demo::dataset();
        let meeting = &data.meetings().live().next().unwrap().data;
        for lang in Lang::ALL {
            let report = MeetingReport::build(meeting, &data, lang, true);
            let keys: Vec<&str> = report.sections.iter().map(|s| s.key).collect();
            assert_eq!(keys, ["attendance", "agenda", "testimonials", "challenges", "follow_ups", "attendance_sheet"]);
            assert_eq!(report.sections[0].lines[0], meeting.turnout(&data).message(lang));
            assert!(report.when_and_where.contains("10:00") && report.when_and_where.contains("Hasnouna"));
            assert_eq!(report.sections[5].lines.len(), meeting.attendance.len());
        }
        let french = MeetingReport::build(meeting, &data, Lang::Fr, false);
        assert_eq!(french.sections[0].lines[0], "60 présentes sur 85 invitées");
        assert!(french.sections[1].lines[0].ends_with("Office du développement de la coopération (ODCo)"));
    }

    #[test]
    fn the_attendance_sheet_has_one_row_per_check_in_with_the_cooperative_s_name_in_the_language() {
        let data = crate::demo::dataset();
        let meeting = &data.meetings().live().next().unwrap().data;
        let sheet = attendance_sheet(meeting, &data, Lang::Ar);
        assert_eq!(sheet.len(), meeting.attendance.len());
        let first = &meeting.attendance.check_ins()[0];
        assert_eq!((sheet[0].people, sheet[0].women), (first.people(), first.women()));
        if let Attendee::Cooperative(id) = first.attendee() {
            assert_eq!(sheet[0].name, data.cooperatives().get(*id).unwrap().data.name(Lang::Ar));
            assert!(!sheet[0].walk_in);
        }
        let people: u32 = sheet.iter().map(|r| r.people).sum();
        assert_eq!(u64::from(people), meeting.turnout(&data).people);
    }

    #[test]
    fn an_empty_meeting_gives_a_report_with_its_attendance_line_only() {
        let data = Dataset::new(ReferenceData::builtin());
        let meeting = Meeting::new("لقاء", "", Date::new(2025, 7, 9).unwrap(), " ");
        let report = MeetingReport::build(&meeting, &data, Lang::Fr, true);
        assert_eq!(report.title, "لقاء");
        assert_eq!(report.sections.iter().map(|s| s.key).collect::<Vec<_>>(), ["attendance", "attendance_sheet"]);
        assert!(report.sections[1].lines.is_empty());
        assert!(!report.when_and_where.contains('—'));
    }
}
