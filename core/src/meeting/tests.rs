//! Cases of meetings: invitations by filters, turnout, edits through the dataset, and the
//! attendance of two tablets merged as a union.

use super::*;
use crate::dataset::{Edit, EditContext};
use crate::document;
use crate::finding::Code;
use crate::merge;
use crate::record::{Author, Timestamp};
use crate::text::Localised;

const DOOR: Id = Id::from_u128(0xd00);
const HALL: Id = Id::from_u128(0x4a11);

fn author(device: Id, minute: i64) -> Author {
    Author { at: Timestamp::from_millis(1_752_051_600_000 + minute * 60_000).unwrap(), user: "Salma".into(), device, device_name: "tablette".into() }
}

fn copy(data: &Dataset) -> Dataset {
    document::import(&document::export(data)).unwrap().dataset
}

fn coop_check_in(id: Id, people: u32, minute: i64) -> CheckIn {
    CheckIn::new(Attendee::Cooperative(id), people, 0, author(DOOR, minute).at).unwrap()
}

/// The demo with a new, empty meeting inviting every cooperative; returns the meeting's id.
fn with_empty_meeting() -> (Dataset, Id) {
    let mut data = crate::demo::dataset();
    let mut meeting = Meeting::new("لقاء", "Rencontre", Date::new(2025, 10, 1).unwrap(), "Tanger");
    meeting.invite(&select_invitees(&data, &InvitationFilter::default()));
    let id = Id::from_u128(0x5eed);
    data.apply(Edit::CreateMeeting { id, meeting }, &EditContext::form(author(DOOR, 0))).unwrap();
    (data, id)
}

/// Checks in on one device: the meeting as that device has it, with `check_in` added.
fn check_in_on(data: &mut Dataset, device: Id, id: Id, check_in: CheckIn, minute: i64) {
    let record = data.meetings().get(id).unwrap();
    let mut meeting = record.data.clone();
    meeting.attendance.check_in(check_in).unwrap();
    let edit = Edit::UpdateMeeting { id, base_revision: record.meta.revision, meeting };
    data.apply(edit, &EditContext::form(author(device, minute))).unwrap();
}

fn merged(current: &Dataset, incoming: &Dataset) -> (Dataset, usize) {
    let plan = merge::plan(current, incoming);
    let conflicts = plan.summary().conflicts;
    let mut result = current.clone();
    if conflicts == 0 {
        merge::apply(&mut result, &plan, &author(DOOR, 99)).unwrap();
    }
    (result, conflicts)
}

#[test]
fn check_ins_on_two_tablets_are_both_kept_by_the_merge_without_a_question() {
    let (data, id) = with_empty_meeting();
    let cooperatives: Vec<Id> = data.cooperatives().live().map(|c| c.id).take(3).collect();
    let (mut door, mut hall) = (copy(&data), copy(&data));
    check_in_on(&mut door, DOOR, id, coop_check_in(cooperatives[0], 2, 1), 1);
    check_in_on(&mut hall, HALL, id, coop_check_in(cooperatives[1], 3, 2), 2);
    check_in_on(&mut hall, HALL, id, CheckIn::new(Attendee::WalkIn("Invitée".into()), 1, 1, author(HALL, 3).at).unwrap(), 3);

    let (at_door, conflicts) = merged(&door, &hall);
    assert_eq!(conflicts, 0);
    let (in_hall, _) = merged(&hall, &door);
    let meeting = &at_door.meetings().get(id).unwrap().data;
    assert_eq!(meeting.attendance.len(), 3);
    assert!(meeting.attendance.is_present(cooperatives[0]) && meeting.attendance.is_present(cooperatives[1]));
    assert_eq!(meeting.attendance, in_hall.meetings().get(id).unwrap().data.attendance);
    assert_eq!(meeting.turnout(&at_door).present, 2);
}

#[test]
fn the_same_cooperative_checked_in_on_both_tablets_is_present_once() {
    let (data, id) = with_empty_meeting();
    let cooperative = data.cooperatives().live().next().unwrap().id;
    let (mut door, mut hall) = (copy(&data), copy(&data));
    check_in_on(&mut door, DOOR, id, coop_check_in(cooperative, 2, 1), 1);
    check_in_on(&mut hall, HALL, id, coop_check_in(cooperative, 2, 1), 2);
    let (equal, conflicts) = merged(&door, &hall);
    assert_eq!(conflicts, 0);
    assert_eq!(equal.meetings().get(id).unwrap().data.attendance.check_ins(), &[coop_check_in(cooperative, 2, 1)]);

    // Different counts: a question for a person, never a silent choice; once settled, present
    // once with the count kept, and the other device takes the choice without being asked.
    let (mut door, mut hall) = (copy(&data), copy(&data));
    check_in_on(&mut door, DOOR, id, coop_check_in(cooperative, 4, 9), 9);
    check_in_on(&mut hall, HALL, id, coop_check_in(cooperative, 2, 1), 2);
    let mut plan = merge::plan(&door, &hall);
    assert_eq!(plan.summary().conflicts, 1);
    assert_eq!(merge::plan(&hall, &door).summary().conflicts, 1);
    plan.resolve_all(merge::Choice::Theirs);
    let mut settled = door.clone();
    merge::apply(&mut settled, &plan, &author(DOOR, 99)).unwrap();
    assert_eq!(settled.meetings().get(id).unwrap().data.attendance.check_ins(), &[coop_check_in(cooperative, 2, 1)]);
    let (other, conflicts) = merged(&hall, &settled);
    assert_eq!(conflicts, 0);
    assert_eq!(other.meetings().get(id), settled.meetings().get(id));
}

#[test]
fn a_change_of_title_on_both_tablets_is_still_a_conflict() {
    let (data, id) = with_empty_meeting();
    let (mut door, mut hall) = (copy(&data), copy(&data));
    for (copy, device, title) in [(&mut door, DOOR, "A"), (&mut hall, HALL, "B")] {
        let record = copy.meetings().get(id).unwrap();
        let mut meeting = record.data.clone();
        meeting.title_fr = title.into();
        copy.apply(Edit::UpdateMeeting { id, base_revision: record.meta.revision, meeting }, &EditContext::form(author(device, 5))).unwrap();
    }
    assert_eq!(merged(&door, &hall).1, 1);
}

#[test]
fn an_empty_meeting_has_no_one_present_out_of_no_one_and_no_breakdown() {
    let data = Dataset::new(crate::reference::ReferenceData::builtin());
    let meeting = Meeting::new("", "Rencontre", Date::new(2025, 7, 9).unwrap(), "");
    let turnout = meeting.turnout(&data);
    assert_eq!(turnout, Turnout::default());
    assert_eq!(turnout.message(Lang::Fr), "0 présentes sur 0 invitées");
    assert!(meeting.challenges_by_tag().is_empty());
    assert_eq!(meeting.title(Lang::Ar), "Rencontre");
}

#[test]
fn a_meeting_without_a_title_or_with_an_unknown_partner_is_refused_from_a_form() {
    let mut data = crate::demo::dataset();
    let mut meeting = Meeting::new(" ", "", Date::new(2025, 7, 9).unwrap(), "Tanger");
    meeting.partners = vec!["NOPE".into()];
    let refused = data.apply(Edit::CreateMeeting { id: Id::from_u128(1), meeting }, &EditContext::form(author(DOOR, 0))).unwrap_err();
    let codes: Vec<Code> = refused.findings.iter().map(|f| f.code).collect();
    assert_eq!(codes, vec![Code::UnknownCode, Code::NameMissing]);
    assert_eq!(refused.findings[0].path.to_string(), "meetings[0].partners[0]");
    assert!(data.meetings().get(Id::from_u128(1)).is_none());
}

#[test]
fn invitations_are_selected_by_commune_milieu_sector_status_and_funding() {
    let data = crate::demo::dataset();
    let everyone = select_invitees(&data, &InvitationFilter::default());
    assert_eq!(everyone.len(), 85);
    let funded = select_invitees(&data, &InvitationFilter { funded_only: true, ..InvitationFilter::default() });
    assert_eq!(funded.len(), 85);
    let rural = select_invitees(&data, &InvitationFilter { milieu: Some(Milieu::Rural), ..InvitationFilter::default() });
    assert_eq!(rural.len(), 33);
    let sector = data.cooperatives().all()[0].data.sector.clone();
    let by_sector = select_invitees(&data, &InvitationFilter { sectors: vec![sector.clone()], ..InvitationFilter::default() });
    assert!(!by_sector.is_empty() && by_sector.iter().all(|id| data.cooperatives().get(*id).unwrap().data.sector == sector));
    let commune = InvitationFilter { communes: vec!["SLY".into()], statuses: vec![CooperativeStatus::Dissolved], ..InvitationFilter::default() };
    assert!(select_invitees(&data, &commune).iter().all(|id| data.cooperatives().get(*id).unwrap().data.commune == "SLY"));
}

#[test]
fn the_breakdown_counts_the_cooperatives_present_by_milieu_sector_and_women_led() {
    let data = crate::demo::dataset();
    let meeting = &data.meetings().live().next().unwrap().data;
    let turnout = meeting.turnout(&data);
    let present: Vec<&crate::cooperative::Cooperative> = data.cooperatives().live().filter(|c| meeting.attendance.is_present(c.id)).map(|c| &c.data).collect();
    assert_eq!(turnout.women_led, present.iter().filter(|c| c.is_women_led()).count());
    assert_eq!(turnout.by_sector.iter().map(|t| t.count).sum::<usize>(), present.len());
    assert!(turnout.by_sector.windows(2).all(|w| w[0].count >= w[1].count));
    let rural = present.iter().filter(|c| c.milieu(data.reference()) == Some(Milieu::Rural)).count();
    assert_eq!(turnout.by_milieu.iter().find(|t| t.key == Milieu::Rural).map(|t| t.count), Some(rural));
    assert!(turnout.women <= turnout.people);
}

#[test]
fn set_fields_are_stored_sorted_so_that_both_devices_hold_the_same_list() {
    let (mut data, id) = with_empty_meeting();
    let record = data.meetings().get(id).unwrap();
    let mut meeting = record.data.clone();
    let cooperative = meeting.invited[0];
    meeting.testimonials = vec![
        Testimonial { cooperative, lang: Lang::Fr, text: "b".into() },
        Testimonial { cooperative, lang: Lang::Ar, text: "a".into() },
        Testimonial { cooperative, lang: Lang::Ar, text: "a".into() },
    ];
    meeting.challenges = vec![Challenge { text: "x".into(), tags: vec![ChallengeTag::Other, ChallengeTag::Marketing, ChallengeTag::Other] }];
    data.apply(Edit::UpdateMeeting { id, base_revision: record.meta.revision, meeting }, &EditContext::form(author(DOOR, 1))).unwrap();
    let stored = &data.meetings().get(id).unwrap().data;
    assert_eq!(stored.testimonials.len(), 2);
    assert_eq!(stored.testimonials[0].lang, Lang::Ar);
    assert_eq!(stored.challenges[0].tags, vec![ChallengeTag::Marketing, ChallengeTag::Other]);
    assert_eq!(stored.challenges_by_tag().len(), 2);
}

#[test]
fn a_follow_up_is_overdue_only_when_not_done_after_its_due_date() {
    let mut action = FollowUp { text: "x".into(), owner: "y".into(), due_on: Date::new(2025, 9, 30).ok(), done: false };
    assert!(!action.is_overdue(Date::new(2025, 9, 30).unwrap()));
    assert!(action.is_overdue(Date::new(2025, 10, 1).unwrap()));
    action.done = true;
    assert!(!action.is_overdue(Date::new(2025, 10, 1).unwrap()));
}

#[test]
fn the_door_search_finds_a_cooperative_by_either_name_folded_or_by_its_register_number_invited_first() {
    let (data, id) = with_empty_meeting();
    let meeting = data.meetings().get(id).unwrap().data.clone();
    let all: Vec<Id> = data.cooperatives().live().map(|c| c.id).collect();
    // Everyone is invited: an empty search lists them all, in name order.
    assert_eq!(door_search(&data, &meeting, "  ", Lang::Fr).len(), all.len());
    let target = data.cooperatives().get(all[3]).unwrap().data.clone();
    let by_french = door_search(&data, &meeting, &target.name_fr.to_uppercase(), Lang::Fr);
    assert!(by_french.contains(&all[3]), "found by its French name in capitals");
    let arabic_word = target.name_ar.split(' ').next_back().unwrap().replace('ة', "ه").replace('أ', "ا");
    assert!(door_search(&data, &meeting, &arabic_word, Lang::Ar).contains(&all[3]), "found by a folded Arabic word");
    let register = target.register_number.as_ref().expect("the demo cooperatives have register numbers").number().to_owned();
    assert!(door_search(&data, &meeting, &register, Lang::Ar).contains(&all[3]));
    assert_eq!(door_search(&data, &meeting, "zzz-nobody", Lang::Fr), Vec::<Id>::new());

    // A meeting inviting one cooperative: the empty search lists it alone, and a search matching
    // several puts the invited one first.
    let mut small = Meeting::new("لقاء", "Rencontre", Date::new(2025, 10, 1).unwrap(), "Tanger");
    let matching: Vec<Id> = door_search(&data, &meeting, "a", Lang::Fr);
    let last = *matching.last().unwrap();
    small.invite(&[last]);
    assert_eq!(door_search(&data, &small, "", Lang::Fr), vec![last]);
    assert_eq!(door_search(&data, &small, "a", Lang::Fr)[0], last);
}
