//! Ratings, 重办 levels, the rating window and who records what on a replied case.
use super::*;

#[test]
fn an_unsatisfied_citizen_reopens_the_case_three_levels_up_and_then_it_goes_to_the_supervisor() {
    let mut r = replied();
    for level in 1..=MAX_LEVEL {
        r.now += chrono::Duration::days(1);
        r.go(rated(Rating::Unsatisfied), "").unwrap();
        assert_eq!(r.state.status, Some(Status::Dispatched), "level {level}");
        assert_eq!(r.state.level, level);
        assert_eq!(r.state.department.as_deref(), Some("a"));
        assert_eq!(
            r.state.reply_due,
            Some(r.cal.due_at(r.now, Limits::default().reply)),
            "a fresh deadline"
        );
        assert!(r.state.reply.is_some(), "the earlier reply stays on record");
        // A reopened case is the department's own: it cannot be handed back.
        assert!(matches!(
            r.go(Event::HandedBack, "不是我们的"),
            Err(Refusal::NotNow { .. })
        ));
        r.reply_again();
    }
    r.go(rated(Rating::Unsatisfied), "").unwrap();
    assert_eq!(r.state.status, Some(Status::Unresolved));
    assert_eq!(r.state.level, MAX_LEVEL);
    let supervisor = actor(Role::Supervisor, None);
    assert_eq!(
        available_actions(&supervisor, &r.state),
        vec![EventKind::Closed, EventKind::SupervisionAdded]
    );
    // The supervisor sends it back under supervision, due when the supervision is.
    let due = NaiveDate::from_ymd_opt(2026, 12, 30).unwrap();
    r.go(
        Event::SupervisionAdded {
            supervision: Supervision {
                instruction: "主要领导现场办理".into(),
                due,
            },
        },
        "",
    )
    .unwrap();
    assert_eq!(r.state.status, Some(Status::Dispatched));
    assert_eq!(r.state.reply_due, Some(end_of_day(due)));
    r.reply_again();
    r.go(rated(Rating::Unsatisfied), "").unwrap();
    assert_eq!(r.state.status, Some(Status::Unresolved));
    // … or closes it with an explanation.
    assert_eq!(r.go(Event::Closed, ""), Err(Refusal::NoteRequired));
    r.go(Event::Closed, "诉求超出政策范围，已当面解释").unwrap();
    assert_eq!(r.state.status, Some(Status::Closed));
    assert_eq!(r.state.rating, Some(Rating::Unsatisfied));
}

#[test]
fn one_rating_per_released_reply_and_a_satisfied_rating_closes_the_case() {
    let mut r = replied();
    r.go(rated(Rating::Satisfied), "").unwrap();
    assert_eq!(r.state.status, Some(Status::Closed));
    assert!(matches!(
        r.go(rated(Rating::Unsatisfied), ""),
        Err(Refusal::NotNow { .. })
    ));
    // Nothing to rate before a reply is released.
    let mut early = Run::new();
    early.go(Event::Created, "").unwrap();
    assert!(matches!(
        early.go(rated(Rating::Satisfied), ""),
        Err(Refusal::NotNow { .. })
    ));
    let long = Event::Rated {
        rating: Rating::Basic,
        comment: "很".repeat(COMMENT_MAX_CHARS + 1),
        by_phone: false,
    };
    assert_eq!(
        replied().go(long, ""),
        Err(Refusal::CommentTooLong { max: 500 })
    );
}

#[test]
fn an_unrated_reply_closes_as_not_rated_only_after_the_rating_window() {
    let mut r = replied();
    let released = r.now;
    assert_eq!(
        r.state.rating_due,
        Some(released + chrono::Duration::days(7))
    );
    r.now = released + chrono::Duration::days(7) - chrono::Duration::seconds(1);
    assert_eq!(
        r.go(Event::ClosedUnrated, ""),
        Err(Refusal::RatingWindowOpen)
    );
    r.go(Event::SecondContact, "").unwrap();
    r.now = released + chrono::Duration::days(7);
    r.go(Event::ClosedUnrated, "").unwrap();
    assert_eq!(r.state.status, Some(Status::Closed));
    assert!(r.state.closed_unrated);
    assert_eq!(r.state.rating, None);
}

#[test]
fn only_an_operator_records_a_rating_given_by_phone_and_only_a_supervisor_closes_unresolved() {
    let r = replied();
    assert_eq!(
        authorize(&actor(Role::Operator, None), &r.state, EventKind::Rated),
        Ok(())
    );
    for who in [
        actor(Role::Handler, Some("a")),
        actor(Role::Head, Some("a")),
        actor(Role::Supervisor, None),
    ] {
        assert_eq!(
            authorize(&who, &r.state, EventKind::Rated),
            Err(Refusal::WrongRole)
        );
        assert!(!available_actions(&who, &r.state).contains(&EventKind::Closed));
    }
    assert!(available_actions(&actor(Role::Operator, None), &r.state).contains(&EventKind::Rated));
}
