//! Hand-made histories and the figures they must give.
use super::*;
use crate::model::calendar::fixtures::{beijing as at, national_day_2026 as calendar};
use crate::model::calendar::Limits;
use crate::model::workflow::{Reply, Supervision};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn reply() -> Event {
    Event::ReplyDrafted {
        reply: Reply {
            text: "经现场核查，占道摊贩已于11月24日清理，城管中队每日早晚巡查两次，防止反弹。"
                .into(),
            responder: "王明".into(),
            phone: "0537-2345678".into(),
        },
    }
}

fn rated(rating: Rating) -> Event {
    Event::Rated {
        rating,
        comment: String::new(),
        by_phone: false,
    }
}

fn dispatched(department: &str) -> Event {
    Event::Dispatched {
        department: department.into(),
    }
}

/// A case received, accepted and dispatched to `department` at 8, 9 and 10 o'clock on `date`,
/// then `then`.
fn opened(
    date: &str,
    department: &str,
    then: &[(Event, &'static str)],
) -> Vec<(Event, &'static str)> {
    let mut log = vec![
        (Event::Created, leak(format!("{date}T08:00:00"))),
        (Event::Accepted, leak(format!("{date}T09:00:00"))),
        (dispatched(department), leak(format!("{date}T10:00:00"))),
    ];
    log.extend_from_slice(then);
    log
}

/// The figures of a history (Beijing times), as of `now`. Every event carries a note, as the
/// ones that need one must.
fn figures_of(log: &[(Event, &str)], now: &str) -> CaseFigures {
    let cal = calendar();
    let rules = Rules {
        calendar: &cal,
        limits: Limits::default(),
        category: "city.road-occupation",
    };
    let log: Vec<(Event, DateTime<Utc>)> = log.iter().map(|(e, t)| (e.clone(), at(t))).collect();
    CaseFigures::of(log.iter().map(|(e, t)| (e, "说明", *t)), &rules, at(now))
}

fn settled(on_time: bool, t: &str) -> Option<Settled> {
    Some(Settled { on_time, at: at(t) })
}

#[test]
fn a_case_answered_across_the_national_day_week_is_on_time() {
    // Dispatched Wednesday 30 September. Working days after it: Thu 8, Fri 9, Sat 10 (调休),
    // Mon 12 October: the reply is due by the end of the 12th, first contact by the end of
    // the 8th.
    let f = figures_of(
        &opened(
            "2026-09-30",
            "cgj",
            &[
                (Event::FirstContact, "2026-10-08T09:00:00"),
                (reply(), "2026-10-12T15:00:00"),
                (Event::ReplyApproved, "2026-10-12T23:59:00"),
                (rated(Rating::Basic), "2026-10-13T10:00:00"),
            ],
        ),
        "2026-11-30T12:00:00",
    );
    assert_eq!(f.response, settled(true, "2026-10-08T09:00:00"));
    assert_eq!(f.reply, settled(true, "2026-10-12T23:59:00"));
    assert_eq!(f.closed_at, Some(at("2026-10-13T10:00:00")));
    assert_eq!(f.closing_rating, Some(Rating::Basic));
    assert!(f.accepted && f.replied && !f.reworked);
    assert_eq!(f.department.as_deref(), Some("cgj"));
}

#[test]
fn a_deadline_not_yet_passed_settles_nothing_and_a_passed_one_settles_late_at_the_deadline() {
    // Dispatched Friday 20 November: contact due by the end of Monday 23rd, the reply by the
    // end of Thursday 26th.
    let log = opened("2026-11-20", "cgj", &[]);
    let early = figures_of(&log, "2026-11-23T18:00:00");
    assert_eq!((early.response, early.reply), (None, None));
    // At the very end of Monday the contact is late; the reply is not due yet.
    let boundary = figures_of(&log, "2026-11-24T00:00:00");
    assert_eq!(boundary.response, settled(false, "2026-11-24T00:00:00"));
    assert_eq!(boundary.reply, None);
    let late = figures_of(&log, "2026-11-27T08:00:00");
    assert_eq!(late.response, settled(false, "2026-11-24T00:00:00"));
    assert_eq!(late.reply, settled(false, "2026-11-27T00:00:00"));
    // A reply released after the deadline does not make it on time.
    let mut answered = log.to_vec();
    answered.extend([
        (Event::FirstContact, "2026-11-25T09:00:00"),
        (reply(), "2026-11-27T09:00:00"),
        (Event::ReplyApproved, "2026-11-27T10:00:00"),
    ]);
    let f = figures_of(&answered, "2026-11-30T12:00:00");
    assert_eq!(f.reply, settled(false, "2026-11-27T00:00:00"));
    assert!(f.replied);
}

#[test]
fn an_extension_approved_in_time_moves_the_deadline_and_one_approved_late_does_not() {
    let start = opened(
        "2026-11-20",
        "cgj",
        &[
            (Event::FirstContact, "2026-11-20T11:00:00"),
            (
                Event::ExtensionRequested {
                    until: day("2026-12-04"),
                },
                "2026-11-24T10:00:00",
            ),
        ],
    );
    let mut in_time = start.to_vec();
    in_time.extend([
        (Event::ExtensionApproved, "2026-11-25T10:00:00"),
        (reply(), "2026-12-03T10:00:00"),
        (Event::ReplyApproved, "2026-12-03T11:00:00"),
    ]);
    let f = figures_of(&in_time, "2026-12-31T12:00:00");
    assert_eq!(f.reply, settled(true, "2026-12-03T11:00:00"));
    let mut too_late = start.to_vec();
    too_late.extend([
        (Event::ExtensionApproved, "2026-11-27T10:00:00"),
        (reply(), "2026-12-03T10:00:00"),
        (Event::ReplyApproved, "2026-12-03T11:00:00"),
    ]);
    let f = figures_of(&too_late, "2026-12-31T12:00:00");
    assert_eq!(f.reply, settled(false, "2026-11-27T00:00:00"));
}

#[test]
fn a_reopened_case_closed_satisfied_counts_satisfied_but_not_resolved_first_time() {
    let f = figures_of(
        &opened(
            "2026-11-02",
            "cgj",
            &[
                (Event::FirstContact, "2026-11-02T11:00:00"),
                (reply(), "2026-11-03T10:00:00"),
                (Event::ReplyApproved, "2026-11-03T11:00:00"),
                (rated(Rating::Unsatisfied), "2026-11-04T10:00:00"),
                (Event::FirstContact, "2026-11-04T11:00:00"),
                (reply(), "2026-11-05T10:00:00"),
                (Event::ReplyApproved, "2026-11-05T11:00:00"),
                (rated(Rating::Satisfied), "2026-11-06T10:00:00"),
            ],
        ),
        "2026-11-30T12:00:00",
    );
    assert!(f.reworked);
    assert_eq!(f.closing_rating, Some(Rating::Satisfied));
    assert_eq!(f.closed_at, Some(at("2026-11-06T10:00:00")));
    // The first reply is the one timed.
    assert_eq!(f.reply, settled(true, "2026-11-03T11:00:00"));
}

#[test]
fn a_handed_back_case_belongs_to_the_department_that_answered_and_its_contact_is_timed_from_there()
{
    let f = figures_of(
        &opened(
            "2026-11-02",
            "a",
            &[
                (Event::HandedBack, "2026-11-02T16:00:00"),
                (dispatched("b"), "2026-11-04T10:00:00"),
                (Event::FirstContact, "2026-11-05T10:00:00"),
            ],
        ),
        "2026-11-30T12:00:00",
    );
    assert_eq!(f.department.as_deref(), Some("b"));
    assert_eq!(f.first_dispatch, Some(at("2026-11-02T10:00:00")));
    assert_eq!(f.response, settled(true, "2026-11-05T10:00:00"));
    assert!(f.reworked);
    // Dispatched to b on Wednesday 4th: the reply was due by the end of Tuesday 10th.
    assert_eq!(f.reply, settled(false, "2026-11-11T00:00:00"));
}

#[test]
fn a_reply_nobody_rated_closes_unrated_and_a_supervisor_closing_an_unresolved_case_keeps_its_rating(
) {
    let answered = opened(
        "2026-11-02",
        "cgj",
        &[
            (Event::FirstContact, "2026-11-02T11:00:00"),
            (reply(), "2026-11-03T10:00:00"),
            (Event::ReplyApproved, "2026-11-03T11:00:00"),
        ],
    );
    let mut unrated = answered.to_vec();
    unrated.push((Event::ClosedUnrated, "2026-11-10T12:00:00"));
    let f = figures_of(&unrated, "2026-11-30T12:00:00");
    assert_eq!(f.closed_at, Some(at("2026-11-10T12:00:00")));
    assert_eq!(f.closing_rating, None);

    let mut unresolved = answered.to_vec();
    for level in 0..3 {
        let d = 4 + level * 2;
        unresolved.extend([
            (
                rated(Rating::Unsatisfied),
                leak(format!("2026-11-{d:02}T09:00:00")),
            ),
            (
                Event::FirstContact,
                leak(format!("2026-11-{d:02}T10:00:00")),
            ),
            (reply(), leak(format!("2026-11-{:02}T10:00:00", d + 1))),
            (
                Event::ReplyApproved,
                leak(format!("2026-11-{:02}T11:00:00", d + 1)),
            ),
        ]);
    }
    unresolved.extend([
        (rated(Rating::Unsatisfied), "2026-11-12T09:00:00"),
        (Event::Closed, "2026-11-13T09:00:00"),
    ]);
    let f = figures_of(&unresolved, "2026-11-30T12:00:00");
    assert_eq!(f.closed_at, Some(at("2026-11-13T09:00:00")));
    assert_eq!(f.closing_rating, Some(Rating::Unsatisfied));
    assert!(f.reworked);
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

#[test]
fn a_supervision_is_met_by_a_reply_by_its_due_date_and_missed_when_the_date_passes() {
    let supervise = |due: &str| Event::SupervisionAdded {
        supervision: Supervision {
            instruction: "三日内答复".into(),
            due: day(due),
        },
    };
    let f = figures_of(
        &opened(
            "2026-11-02",
            "cgj",
            &[
                (supervise("2026-11-04"), "2026-11-02T12:00:00"),
                (Event::FirstContact, "2026-11-03T10:00:00"),
                (reply(), "2026-11-04T20:00:00"),
                (Event::ReplyApproved, "2026-11-04T23:00:00"),
            ],
        ),
        "2026-11-30T12:00:00",
    );
    assert_eq!(
        f.supervisions,
        vec![SupervisionFigure {
            due: day("2026-11-04"),
            outcome: settled(true, "2026-11-04T23:00:00"),
        }]
    );
    let f = figures_of(
        &opened(
            "2026-11-02",
            "cgj",
            &[(supervise("2026-11-03"), "2026-11-02T12:00:00")],
        ),
        "2026-11-30T12:00:00",
    );
    assert_eq!(
        f.supervisions[0].outcome,
        settled(false, "2026-11-04T00:00:00")
    );
}

#[test]
fn a_period_counts_each_case_by_the_date_that_settles_each_figure() {
    let november = Period {
        first: day("2026-11-01"),
        last: day("2026-11-30"),
    };
    // Received 31 October late in the evening (Beijing), dispatched and answered in November.
    let f = figures_of(
        &[
            (Event::Created, "2026-10-31T23:30:00"),
            (Event::Accepted, "2026-11-02T09:00:00"),
            (dispatched("cgj"), "2026-11-02T10:00:00"),
            (Event::FirstContact, "2026-11-02T11:00:00"),
            (reply(), "2026-11-03T10:00:00"),
            (Event::ReplyApproved, "2026-11-03T11:00:00"),
            (rated(Rating::Satisfied), "2026-11-04T10:00:00"),
        ],
        "2026-11-30T12:00:00",
    );
    let mut figures = Figures::default();
    figures.add(&f, false, &november);
    assert_eq!(figures.received, 0, "received in October");
    assert_eq!(figures.repeats, Rate::default());
    assert_eq!(figures.response, Rate { num: 1, den: 1 });
    assert_eq!(figures.on_time, Rate { num: 1, den: 1 });
    assert_eq!(figures.replied, Rate { num: 1, den: 1 });
    assert_eq!(figures.closed, Rate { num: 1, den: 1 });
    assert_eq!(figures.first_time, Rate { num: 1, den: 1 });
    assert_eq!(figures.satisfied, Rate { num: 1, den: 1 });
    assert_eq!(figures.unsatisfied, Rate { num: 0, den: 1 });
    assert_eq!(figures.rated, Rate { num: 1, den: 1 });
    let mut october = Figures::default();
    october.add(
        &f,
        true,
        &Period {
            first: day("2026-10-01"),
            last: day("2026-10-31"),
        },
    );
    assert_eq!(
        (october.received, october.repeats),
        (1, Rate { num: 1, den: 1 })
    );
    assert_eq!(october.closed, Rate::default());
}

#[test]
fn rates_round_half_up_to_a_tenth_of_a_per_cent() {
    assert_eq!(
        Rate {
            num: 927,
            den: 1000
        }
        .per_mille(),
        Some(927)
    );
    assert_eq!(Rate { num: 2, den: 3 }.per_mille(), Some(667));
    assert_eq!(Rate { num: 1, den: 3 }.per_mille(), Some(333));
    assert_eq!(
        Rate { num: 1, den: 16 }.per_mille(),
        Some(63),
        "62.5 rounds up"
    );
    assert_eq!(Rate { num: 0, den: 0 }.per_mille(), None);
}

/// The stored form of the figures (days, running deadlines, cells).
mod stored;
