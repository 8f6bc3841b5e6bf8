//! 市城市管理局's 24 cases (one of them dispatched first to 水务 and handed back).
use super::histories::*;
use app::model::workflow::Event;

pub fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    // ── 市城市管理局 (U): 24 cases ──────────────────────────────────────────────────────
    // U-a ×6: dispatched Mon 12 Oct 10:00; contact 15:00 (due end of 13th: on time); reply
    // released Wed 14th 16:00 (due end of 16th: on time); 满意 on the 15th, closed.
    for n in 0..6 {
        let created = format!("10-12 09:0{n}");
        cases.push(case(
            ROAD,
            &created,
            U,
            "10-12 10:00",
            answered(
                "10-12 15:00",
                "10-14 16:00",
                Some((Satisfied, "10-15 10:00")),
            ),
        ));
    }
    // U-b ×2: the same, 基本满意.
    for n in 0..2 {
        let created = format!("10-12 09:1{n}");
        cases.push(case(
            ROAD,
            &created,
            U,
            "10-12 10:00",
            answered("10-12 15:00", "10-14 16:00", Some((Basic, "10-15 10:00"))),
        ));
    }
    // U-c: the same, 不满意 → 重办 level 1, answered again, 基本满意 on the 20th: closed then,
    // not first-time.
    cases.push(case(
        ROAD,
        "10-12 09:20",
        U,
        "10-12 10:00",
        with(
            answered(
                "10-12 15:00",
                "10-14 16:00",
                Some((Unsatisfied, "10-15 10:00")),
            ),
            answered("10-16 09:00", "10-19 15:00", Some((Basic, "10-20 09:00"))),
        ),
    ));
    // U-d: the same, never rated: closed unrated by the sweep on the 22nd (window 7 days
    // from the 14th 16:00).
    cases.push(case(
        ROAD,
        "10-12 09:21",
        U,
        "10-12 10:00",
        with(
            answered("10-12 15:00", "10-14 16:00", None),
            vec![(Event::ClosedUnrated, "10-22 09:00")],
        ),
    ));
    // U-e ×2: dispatched Fri 9 Oct 10:00. The 10th is the 调休 Saturday, a working day: the
    // first contact is due by its end, the reply by the end of Wed 14th (10, 12, 13, 14).
    // Contact Mon 12th 09:00: late; reply released the 15th: late. 满意 on the 16th.
    for n in 0..2 {
        let created = format!("10-09 09:0{n}");
        cases.push(case(
            ROAD,
            &created,
            U,
            "10-09 10:00",
            answered(
                "10-12 09:00",
                "10-15 10:00",
                Some((Satisfied, "10-16 10:00")),
            ),
        ));
    }
    // U-f: received and dispatched Wed 30 Sep (September's), contact Thu 8 Oct 09:00 (the
    // first working day after the holiday, due by its end: on time, settled in October),
    // reply by the end of Mon 12th (8, 9, 10, 12) released the 12th 17:00: on time; 满意 on
    // the 13th. In October: response, on time, the closing; not received nor dispatched.
    cases.push(case(
        ROAD,
        "09-30 08:00",
        U,
        "09-30 09:00",
        answered(
            "10-08 09:00",
            "10-12 17:00",
            Some((Satisfied, "10-13 09:00")),
        ),
    ));
    // U-g: dispatched Mon 26 Oct 10:00 and left: the contact was due by the end of the 27th
    // (late, settled the 28th), the reply by the end of Fri 30th (late, settled the 31st).
    // Not replied, not closed.
    cases.push(case(ROAD, "10-26 09:00", U, "10-26 10:00", vec![]));
    // U-h: dispatched to 任城区 Tue 13th, contacted by it on time, re-assigned (改派) to U on
    // the 14th, which answers by the 16th (its own deadline: end of the 20th) and is rated
    // 满意: U's case (the last to hold it), contact on time, not first-time.
    cases.push(case(
        ROAD,
        "10-13 09:00",
        R,
        "10-13 10:00",
        with(
            vec![
                (Event::FirstContact, "10-13 14:00"),
                (
                    Event::Reassigned {
                        department: U.into(),
                    },
                    "10-14 10:00",
                ),
            ],
            answered(
                "10-14 15:00",
                "10-16 16:00",
                Some((Satisfied, "10-19 09:00")),
            ),
        ),
    ));
    // U-i: 督办 on the 13th due the 15th, answered (reply released) the 15th 11:00: in time.
    cases.push(case(
        ROAD,
        "10-12 11:00",
        U,
        "10-12 12:00",
        with(
            vec![
                (Event::FirstContact, "10-12 16:00"),
                (supervise("2026-10-15"), "10-13 09:00"),
            ],
            released("10-15 11:00", Some((Satisfied, "10-16 09:00"))),
        ),
    ));
    // U-j: 督办 on Tue 20th due Wed 21st; the reply comes Thu 22nd (its own deadline, end of
    // the 23rd, is met) so the 督办 is late (settled the 22nd). Then 不满意 twice (重办 levels
    // 1 and 2) and 满意 on the 29th: closed then, not first-time.
    cases.push(case(
        ROAD,
        "10-19 09:00",
        U,
        "10-19 10:00",
        with(
            vec![
                (Event::FirstContact, "10-19 15:00"),
                (supervise("2026-10-21"), "10-20 09:00"),
            ],
            with(
                released("10-22 10:00", Some((Unsatisfied, "10-23 09:00"))),
                with(
                    answered(
                        "10-23 14:00",
                        "10-26 10:00",
                        Some((Unsatisfied, "10-27 09:00")),
                    ),
                    answered(
                        "10-27 14:00",
                        "10-28 10:00",
                        Some((Satisfied, "10-29 09:00")),
                    ),
                ),
            ),
        ),
    ));
    // U-k ×6: dispatched Tue 27th, contact the same day, reply the 29th (due end of Mon 2
    // Nov: on time), rated 满意 on 2 November: closed in November. In October: received,
    // response, on time, replied and closed (by dispatch date; closed as of now).
    for n in 0..6 {
        let created = format!("10-27 09:0{n}");
        cases.push(case(
            ROAD,
            &created,
            U,
            "10-27 10:00",
            answered(
                "10-27 14:00",
                "10-29 10:00",
                Some((Satisfied, "11-02 09:00")),
            ),
        ));
    }
    // W-f (U's in the end): a water case dispatched to 水务 on the 13th, handed back (回退)
    // the same afternoon, dispatched to U on the 14th 09:00: U's contact is the one that
    // counts (due end of the 15th: on time), its reply (utility: 2 working days, end of the
    // 16th) released the 16th 10:00: on time; 满意 on the 19th; not first-time.
    cases.push(case(
        WATER,
        "10-13 09:00",
        W,
        "10-13 10:00",
        with(
            vec![(Event::HandedBack, "10-13 15:00"), (to(U), "10-14 09:00")],
            answered(
                "10-14 10:00",
                "10-16 10:00",
                Some((Satisfied, "10-19 09:00")),
            ),
        ),
    ));

    cases
}
