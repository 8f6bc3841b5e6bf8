//! What is stored of a case gives the same figures as its history.
use super::*;

/// What is stored of a case (its days, its running deadlines) gives, at any later moment and
/// for any period, the figures its history gives read at that moment.
#[test]
fn stored_days_and_passing_deadlines_equal_the_history_read_at_any_moment() {
    let supervise = Event::SupervisionAdded {
        supervision: Supervision {
            instruction: "限期整改".into(),
            due: day("2026-11-06"),
        },
    };
    let histories = [
        opened("2026-11-20", "cgj", &[]),
        opened(
            "2026-11-02",
            "a",
            &[
                (supervise.clone(), "2026-11-02T12:00:00"),
                (Event::HandedBack, "2026-11-02T16:00:00"),
                (dispatched("b"), "2026-11-04T10:00:00"),
                (Event::FirstContact, "2026-11-05T10:00:00"),
            ],
        ),
        opened(
            "2026-09-30",
            "cgj",
            &[
                (Event::FirstContact, "2026-10-08T09:00:00"),
                (reply(), "2026-10-12T15:00:00"),
                (Event::ReplyApproved, "2026-10-12T23:59:00"),
                (rated(Rating::Unsatisfied), "2026-10-13T10:00:00"),
                (reply(), "2026-10-20T15:00:00"),
                (Event::ReplyApproved, "2026-10-21T09:00:00"),
                (Event::ClosedUnrated, "2026-10-31T10:00:00"),
            ],
        ),
    ];
    let cal = calendar();
    let rules = Rules {
        calendar: &cal,
        limits: Limits::default(),
        category: "city.road-occupation",
    };
    let periods: Vec<Period> = (0..120)
        .map(|i| Period::day(day("2026-09-25") + chrono::Days::new(i)))
        .chain([Period {
            first: day("2026-09-01"),
            last: day("2026-12-31"),
        }])
        .collect();
    let mut compared = 0;
    for log in &histories {
        let log: Vec<(Event, DateTime<Utc>)> =
            log.iter().map(|(e, t)| (e.clone(), at(t))).collect();
        let entries = || log.iter().map(|(e, t)| (e, "说明", *t));
        let stored = CaseFigures::replay(entries(), &rules);
        let days = stored.by_day();
        let deadlines = stored.deadlines();
        for now in [
            "2026-11-05T12:00:00",
            "2026-11-23T23:59:59",
            "2026-11-24T00:00:00",
            "2026-12-31T00:00:00",
        ] {
            let now = at(now);
            if now < log.last().unwrap().1 {
                continue;
            }
            let read = CaseFigures::of(entries(), &rules, now);
            for period in &periods {
                let mut expected = Figures::default();
                expected.add(&read, false, period);
                let mut summed = Figures::default();
                for (d, f) in &days {
                    if period.first <= *d && *d <= period.last {
                        summed.merge(f);
                    }
                }
                for (deadline, due) in &deadlines {
                    if *due <= now && period.contains(*due) {
                        summed.add_passed(*deadline, 1);
                    }
                }
                assert_eq!(summed, expected, "{period:?} at {now}");
                compared += 1;
            }
        }
    }
    assert!(compared > 600, "{compared}");
}

#[test]
fn a_case_moving_to_another_department_moves_its_cells_and_leaves_the_rest() {
    let slices = |department: &str| CaseSlices {
        department: department.into(),
        district: "rencheng".into(),
        category: "city.road-occupation".into(),
        channel: "web".into(),
    };
    let f = Figures {
        received: 1,
        repeats: Rate { num: 0, den: 1 },
        ..Figures::default()
    };
    let days = [(day("2026-11-02"), f)];
    let moved = change(cells(&slices("a"), &days), cells(&slices("b"), &days));
    let mut plus = [0; crate::model::figures::COLUMN_COUNT];
    plus[0] = 1;
    let minus = plus.map(|n| -n);
    assert_eq!(
        moved,
        vec![
            ((Slice::Department, "a".into(), day("2026-11-02")), minus),
            ((Slice::Department, "b".into(), day("2026-11-02")), plus),
        ]
    );
    assert_eq!(
        change(cells(&slices("a"), &days), cells(&slices("a"), &days)),
        vec![]
    );
}
