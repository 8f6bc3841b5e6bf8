//! Properties over arbitrary sequences of events.
use super::*;
use proptest::prelude::*;

fn any_event() -> impl Strategy<Value = Event> {
    let dept = prop_oneof![Just("a".to_string()), Just("b".to_string())];
    prop_oneof![
        Just(Event::Created),
        Just(Event::Accepted),
        Just(Event::Rejected {
            reason: RejectReason::Invalid
        }),
        Just(Event::Rejected {
            reason: RejectReason::Duplicate {
                of: "20261101-000001".into()
            }
        }),
        dept.prop_map(|department| Event::Dispatched { department }),
        Just(Event::FirstContact),
        Just(Event::HandedBack),
        (0i64..40).prop_map(|d| Event::ExtensionRequested {
            until: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap() + chrono::Days::new(d as u64)
        }),
        Just(Event::ExtensionApproved),
        Just(Event::ExtensionRefused),
        Just(Event::ReplyDrafted { reply: reply() }),
        Just(Event::ReplyDrafted {
            reply: Reply {
                text: "短".into(),
                ..reply()
            }
        }),
        Just(Event::ReplySentBack),
        Just(Event::ReplyApproved),
        Just(Event::SecondContact),
        Just(Event::Closed),
        (0usize..3, any::<bool>()).prop_map(|(r, by_phone)| Event::Rated {
            rating: Rating::ALL[r],
            comment: "评价".into(),
            by_phone,
        }),
        Just(Event::ClosedUnrated),
        Just(Event::SupervisionAdded {
            supervision: Supervision {
                instruction: "三日内反馈".into(),
                due: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            }
        }),
        Just(Event::SupervisionLifted),
        prop_oneof![Just("a".to_string()), Just("b".to_string())]
            .prop_map(|department| Event::Reassigned { department }),
    ]
}

/// The structural invariants every reachable state keeps.
fn check_invariants(s: &CaseState) -> Result<(), TestCaseError> {
    let Some(status) = s.status else {
        prop_assert_eq!(s, &CaseState::default());
        return Ok(());
    };
    prop_assert_eq!(s.department.is_some(), status.has_department(), "{:?}", s);
    prop_assert_eq!(s.draft.is_some(), status == Status::ReplyDrafted);
    // A released reply stays on record when the case is reopened.
    if matches!(
        status,
        Status::Replied | Status::FollowedUp | Status::Unresolved
    ) {
        prop_assert!(s.reply.is_some());
    }
    if s.reply.is_some() {
        prop_assert!(
            s.level > 0
                || matches!(
                    status,
                    Status::Replied | Status::FollowedUp | Status::Closed | Status::Unresolved
                )
        );
    }
    prop_assert!(s.level <= MAX_LEVEL);
    if status == Status::Unresolved {
        prop_assert_eq!(s.level, MAX_LEVEL);
    }
    prop_assert_eq!(s.rating_due.is_some(), status.awaits_rating(), "{:?}", s);
    prop_assert_eq!(s.rejection.is_some(), status == Status::Rejected);
    if status.reply_clock_runs() {
        // A reopened case is the department's own: no hand-back window.
        prop_assert!(s.reply_due.is_some() && (s.hand_back_due.is_some() || s.level > 0));
    }
    if s.pending_extension.is_some() {
        prop_assert!(status.reply_clock_runs());
    }
    if status.is_final() {
        prop_assert!(s.supervision.is_none());
    }
    prop_assert_eq!(
        s.handed_back,
        status == Status::Accepted && s.hand_backs > 0
    );
    prop_assert!(s.hand_backs <= MAX_HAND_BACKS);
    prop_assert!(s.extension_requests <= MAX_EXTENSION_REQUESTS);
    prop_assert!(s.reworks <= MAX_REWORKS);
    prop_assert!(s.supervisions <= MAX_SUPERVISIONS);
    prop_assert!(s.reassignments <= MAX_REASSIGNMENTS);
    Ok(())
}

/// The steps that move a case forward from any state to closed.
fn forward(s: &CaseState) -> Vec<(Event, &'static str)> {
    match s.status {
        None => vec![(Event::Created, "")],
        Some(Status::Submitted) => vec![(Event::Accepted, "")],
        Some(Status::Accepted) => vec![(
            Event::Dispatched {
                department: "a".into(),
            },
            "",
        )],
        Some(Status::Dispatched) => vec![(Event::FirstContact, "")],
        Some(Status::Handling) => vec![(Event::ReplyDrafted { reply: reply() }, "")],
        Some(Status::ReplyDrafted) => vec![(Event::ReplyApproved, "")],
        Some(Status::Replied) => vec![(Event::SecondContact, "")],
        Some(Status::FollowedUp) => vec![(
            Event::Rated {
                rating: Rating::Satisfied,
                comment: String::new(),
                by_phone: false,
            },
            "",
        )],
        Some(Status::Unresolved) => vec![(Event::Closed, "已解释政策依据")],
        Some(Status::Rejected | Status::Closed) => vec![],
    }
}

proptest! {
    #[test]
    fn no_sequence_of_events_reaches_an_illegal_state_and_every_state_can_still_close(
        events in proptest::collection::vec((any_event(), 0i64..3, any::<bool>()), 0..80)
    ) {
        let cal = calendar();
        let rules = Rules { calendar: &cal, limits: Limits::default(), category: "utility.water" };
        let mut state = CaseState::default();
        let mut now = at("2026-11-20T09:00:00");
        let mut loops = 0u32;
        for (event, days, with_note) in events {
            now += chrono::Duration::hours(days * 9);
            let note = if with_note { "原因说明" } else { "" };
            // A refused event leaves the state as it was.
            if let Ok(next) = state.apply(&event, note, now, &rules) {
                if matches!(event.kind(), EventKind::HandedBack | EventKind::ExtensionRequested
                    | EventKind::ReplySentBack | EventKind::SupervisionAdded | EventKind::Reassigned)
                    || matches!(event, Event::Rated { rating: Rating::Unsatisfied, .. }) {
                    loops += 1;
                }
                state = next;
            }
            check_invariants(&state)?;
        }
        // The loops are bounded whatever happens.
        prop_assert!(loops <= MAX_HAND_BACKS + MAX_EXTENSION_REQUESTS + MAX_REWORKS + MAX_SUPERVISIONS + MAX_REASSIGNMENTS + u32::from(MAX_LEVEL));
        // From wherever we are, the forward steps reach closed (or it was rejected).
        let mut steps = 0;
        while let Some((event, note)) = forward(&state).into_iter().next() {
            state = state.apply(&event, note, now, &rules).map_err(|e| TestCaseError::fail(format!("{e:?} in {state:?}")))?;
            check_invariants(&state)?;
            steps += 1;
            prop_assert!(steps <= 8);
        }
        prop_assert!(matches!(state.status, Some(Status::Closed | Status::Rejected)));
    }

    #[test]
    fn a_refused_event_never_changes_the_state_and_the_fold_equals_step_by_step(
        events in proptest::collection::vec(any_event(), 0..40)
    ) {
        let cal = calendar();
        let rules = Rules { calendar: &cal, limits: Limits::default(), category: "city.noise" };
        let now = at("2026-11-20T09:00:00");
        let mut state = CaseState::default();
        let mut log = Vec::new();
        for event in events {
            if let Ok(next) = state.apply(&event, "说明", now, &rules) {
                state = next;
                log.push(event);
            }
        }
        let folded = CaseState::from_events(log.iter().map(|e| (e, "说明", now)), &rules);
        prop_assert_eq!(folded, Ok(state));
    }
}
