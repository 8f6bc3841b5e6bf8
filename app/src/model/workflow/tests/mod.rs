//! State-machine tests: hand-written cases here, properties over arbitrary event sequences in
//! `properties.rs`.
use super::*;
use crate::model::staff::{Actor, Role};
mod properties;
mod rating;

use super::super::calendar::fixtures::{beijing as at, national_day_2026 as calendar};

fn reply() -> Reply {
    Reply {
        text: "经现场核查，占道摊贩已于11月24日清理，城管中队每日早晚巡查两次，防止反弹。".into(),
        responder: "王明".into(),
        phone: "0537-2345678".into(),
    }
}

fn actor(role: Role, department: Option<&str>) -> Actor {
    Actor {
        username: role.code().into(),
        role,
        department: department.map(String::from),
    }
}

fn rated(rating: Rating) -> Event {
    Event::Rated {
        rating,
        comment: String::new(),
        by_phone: false,
    }
}

/// A case created, dispatched to `a`, contacted, replied and released at `r.now`.
fn replied() -> Run {
    let mut r = Run::dispatched("a");
    r.reply_again();
    r
}

struct Run {
    cal: WorkCalendar,
    state: CaseState,
    now: DateTime<Utc>,
}

impl Run {
    fn new() -> Run {
        Run {
            cal: calendar(),
            state: CaseState::default(),
            now: at("2026-11-20T10:00:00"),
        }
    }
    /// A case created, accepted and dispatched to `department` at `now`.
    fn dispatched(department: &str) -> Run {
        let mut r = Run::new();
        for e in [
            Event::Created,
            Event::Accepted,
            Event::Dispatched {
                department: department.into(),
            },
        ] {
            r.go(e, "").unwrap();
        }
        r
    }
    fn rules(&self) -> Rules<'_> {
        Rules {
            calendar: &self.cal,
            limits: Limits::default(),
            category: "city.road-occupation",
        }
    }
    fn reply_again(&mut self) {
        for e in [
            Event::FirstContact,
            Event::ReplyDrafted { reply: reply() },
            Event::ReplyApproved,
        ] {
            self.go(e, "").unwrap();
        }
    }
    fn go(&mut self, e: Event, note: &str) -> Result<(), Refusal> {
        let next = self.state.apply(&e, note, self.now, &self.rules())?;
        self.state = next;
        Ok(())
    }
}

#[test]
fn a_case_goes_from_submission_to_closed_with_a_reworked_reply() {
    let mut r = Run::dispatched("cgj");
    // Friday 20 Nov: reply due at the end of Thursday 26 Nov, hand back by Monday 23.
    assert_eq!(r.state.reply_due, Some(at("2026-11-27T00:00:00")));
    assert_eq!(r.state.hand_back_due, Some(at("2026-11-24T00:00:00")));
    r.go(Event::FirstContact, "").unwrap();
    r.go(Event::ReplyDrafted { reply: reply() }, "").unwrap();
    assert_eq!(r.go(Event::ReplySentBack, ""), Err(Refusal::NoteRequired));
    r.go(Event::ReplySentBack, "写明巡查频次").unwrap();
    assert_eq!(r.state.status, Some(Status::Handling));
    r.go(Event::ReplyDrafted { reply: reply() }, "").unwrap();
    r.go(Event::ReplyApproved, "").unwrap();
    assert_eq!(r.state.reply, Some(reply()));
    r.go(Event::SecondContact, "").unwrap();
    r.go(rated(Rating::Basic), "").unwrap();
    assert_eq!(r.state.status, Some(Status::Closed));
    assert_eq!(r.state.rating, Some(Rating::Basic));
    assert_eq!(
        r.go(Event::Accepted, ""),
        Err(Refusal::NotNow {
            status: Some(Status::Closed)
        })
    );
}

#[test]
fn a_handed_back_case_returns_to_the_operator_and_is_redispatched_with_new_deadlines() {
    let mut r = Run::dispatched("a");
    assert_eq!(r.go(Event::HandedBack, ""), Err(Refusal::NoteRequired));
    r.go(Event::HandedBack, "不属于本单位职责").unwrap();
    assert_eq!(r.state.status, Some(Status::Accepted));
    assert!(r.state.handed_back && r.state.department.is_none() && r.state.reply_due.is_none());
    r.now = at("2026-11-23T09:00:00");
    r.go(
        Event::Dispatched {
            department: "b".into(),
        },
        "",
    )
    .unwrap();
    assert_eq!(r.state.reply_due, Some(at("2026-11-28T00:00:00")));
    assert!(!r.state.handed_back);
}

#[test]
fn hand_back_after_one_working_day_is_refused() {
    let mut r = Run::dispatched("a");
    // Dispatched Friday: Monday is the one working day; Tuesday is too late.
    r.now = at("2026-11-23T23:59:00");
    assert!(r
        .state
        .clone()
        .apply(&Event::HandedBack, "不属于", r.now, &r.rules())
        .is_ok());
    r.now = at("2026-11-24T00:00:00");
    assert_eq!(
        r.go(Event::HandedBack, "不属于"),
        Err(Refusal::HandBackWindowClosed { working_days: 1 })
    );
}

#[test]
fn after_the_hand_back_window_the_hotline_reassigns_and_the_new_department_starts_afresh() {
    let mut r = Run::dispatched("a");
    r.go(Event::FirstContact, "").unwrap();
    r.now = at("2026-11-25T10:00:00"); // Wednesday: too late to hand back
    assert_eq!(
        r.go(Event::HandedBack, "不属于"),
        Err(Refusal::HandBackWindowClosed { working_days: 1 })
    );
    let to_a = Event::Reassigned {
        department: "a".into(),
    };
    assert_eq!(r.go(to_a, "改派"), Err(Refusal::SameDepartment));
    let to_b = Event::Reassigned {
        department: "b".into(),
    };
    assert_eq!(r.go(to_b.clone(), ""), Err(Refusal::NoteRequired));
    r.go(to_b, "应由 b 办理").unwrap();
    assert_eq!(r.state.status, Some(Status::Dispatched));
    assert_eq!(r.state.department.as_deref(), Some("b"));
    // Four working days from Wednesday 25 Nov: Thu, Fri, Mon, Tue → end of 1 Dec.
    assert_eq!(r.state.reply_due, Some(at("2026-12-02T00:00:00")));
    let operator = actor(Role::Operator, None);
    assert!(!available_actions(&operator, &r.state).contains(&EventKind::Dispatched));
    assert!(available_actions(&operator, &r.state).contains(&EventKind::Reassigned));
    assert_eq!(
        authorize(
            &actor(Role::Handler, Some("b")),
            &r.state,
            EventKind::Reassigned
        ),
        Err(Refusal::WrongRole)
    );
}

#[test]
fn a_stored_history_still_reads_after_the_city_shortens_its_hand_back_window() {
    let cal = calendar();
    let two_days = Limits {
        hand_back: 2,
        ..Limits::default()
    };
    let rules = Rules {
        calendar: &cal,
        limits: two_days,
        category: "city.noise",
    };
    let events = [
        (Event::Created, "", at("2026-11-20T09:00:00")),
        (Event::Accepted, "", at("2026-11-20T09:10:00")),
        (
            Event::Dispatched {
                department: "a".into(),
            },
            "",
            at("2026-11-20T09:20:00"),
        ),
        (Event::HandedBack, "不属于", at("2026-11-24T10:00:00")), // day 2: allowed then
    ];
    let log = || events.iter().map(|(e, n, t)| (e, *n, *t));
    assert!(CaseState::from_events(log(), &rules).is_ok());
    // The city now allows one day only: the new event would be refused, the old one reads.
    let one_day = Rules {
        limits: Limits::default(),
        ..rules
    };
    let state = CaseState::from_events(log(), &one_day).unwrap();
    assert_eq!(state.status, Some(Status::Accepted));
    let mut fresh = CaseState::default();
    for (e, n, t) in events.iter().take(3) {
        fresh = fresh.apply(e, n, *t, &one_day).unwrap();
    }
    assert_eq!(
        fresh.apply(&events[3].0, "不属于", events[3].2, &one_day),
        Err(Refusal::HandBackWindowClosed { working_days: 1 })
    );
}

#[test]
fn an_extension_whose_day_has_passed_cannot_be_approved() {
    let mut r = Run::dispatched("a");
    let until = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    r.go(Event::ExtensionRequested { until }, "需协调").unwrap();
    r.now = at("2026-12-01T09:00:00");
    assert_eq!(
        r.go(Event::ExtensionApproved, ""),
        Err(Refusal::ExtensionDate { max_days: 90 })
    );
    r.go(Event::ExtensionRefused, "日期已过，请重新申请")
        .unwrap();
}

#[test]
fn an_approved_extension_moves_the_reply_deadline_to_the_promised_date() {
    let mut r = Run::dispatched("a");
    let until = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    assert_eq!(
        r.go(Event::ExtensionRequested { until }, "需协调"),
        Err(Refusal::ExtensionDate { max_days: 90 }),
        "earlier than the current deadline"
    );
    let until = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
    r.go(Event::ExtensionRequested { until }, "需协调施工单位")
        .unwrap();
    assert_eq!(
        r.go(Event::ExtensionRequested { until }, "again"),
        Err(Refusal::ExtensionPending)
    );
    r.go(Event::ExtensionApproved, "").unwrap();
    assert_eq!(r.state.reply_due, Some(at("2026-12-11T00:00:00")));
    assert!(r.state.is_overdue(at("2026-12-11T08:00:00")));
    assert!(!r.state.is_overdue(at("2026-12-10T23:00:00")));
}

#[test]
fn only_the_right_role_of_the_right_department_may_act() {
    let r = Run::dispatched("water");
    let s = &r.state;
    assert_eq!(
        authorize(
            &actor(Role::Handler, Some("water")),
            s,
            EventKind::FirstContact
        ),
        Ok(())
    );
    assert_eq!(
        authorize(
            &actor(Role::Handler, Some("power")),
            s,
            EventKind::FirstContact
        ),
        Err(Refusal::OtherDepartment)
    );
    assert_eq!(
        authorize(&actor(Role::Operator, None), s, EventKind::FirstContact),
        Err(Refusal::WrongRole)
    );
    assert_eq!(
        authorize(
            &actor(Role::Handler, Some("water")),
            s,
            EventKind::ReplyApproved
        ),
        Err(Refusal::WrongRole)
    );
    assert_eq!(
        authorize(&actor(Role::Admin, None), s, EventKind::Accepted),
        Err(Refusal::WrongRole)
    );
    let offered = available_actions(&actor(Role::Handler, Some("water")), s);
    assert!(offered.contains(&EventKind::FirstContact));
    assert!(offered.contains(&EventKind::HandedBack));
    assert!(!offered.contains(&EventKind::ReplyDrafted), "contact first");
    assert!(available_actions(&actor(Role::Handler, Some("power")), s).is_empty());
}

#[test]
fn events_round_trip_through_json_and_their_codes() {
    for k in EventKind::ALL {
        assert_eq!(EventKind::from_code(k.code()), Some(k));
    }
    let e = Event::ReplyDrafted { reply: reply() };
    let json = serde_json::to_string(&e).unwrap();
    assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), e);
    for s in Status::ALL {
        assert_eq!(Status::from_code(s.code()), Some(s));
    }
}
