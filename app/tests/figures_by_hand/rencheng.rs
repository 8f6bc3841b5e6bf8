//! 任城区人民政府's 20 cases.
use super::histories::*;
use app::model::workflow::Event;

pub fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    // ── 任城区人民政府 (R): 20 cases ─────────────────────────────────────────────────────
    // R-a ×8: received and dispatched Tue 29 Sep (September's: received, response, replied,
    // closed), contact the 30th; reply due by the end of the 调休 Saturday 10 Oct (30, 8, 9,
    // 10), released the 10th 16:00: on time; 满意 on Sunday 11th.
    for n in 0..8 {
        let created = format!("09-29 09:0{n}");
        cases.push(case(
            ROAD,
            &created,
            R,
            "09-29 10:00",
            answered(
                "09-30 09:00",
                "10-10 16:00",
                Some((Satisfied, "10-11 10:00")),
            ),
        ));
    }
    // R-b1..4: the same, but the reply is released Mon 12th 09:00: late — the deadline was the
    // end of Saturday the 10th (settled then, dated the 11th; a calendar without the 调休 would
    // have said on time).
    // R-b1, R-b2: 满意 on the 13th.
    for n in 0..2 {
        let created = format!("09-29 09:1{n}");
        cases.push(case(
            ROAD,
            &created,
            R,
            "09-29 10:00",
            answered(
                "09-30 16:00",
                "10-12 09:00",
                Some((Satisfied, "10-13 09:00")),
            ),
        ));
    }
    // R-b3: 不满意 at every level: 13th (level 1), 16th (level 2), 20th (level 3), 22nd
    // (unresolved), closed by the supervisor on the 23rd with its 不满意: not first-time.
    cases.push(case(
        ROAD,
        "09-29 09:12",
        R,
        "09-29 10:00",
        with(
            answered(
                "09-30 16:00",
                "10-12 09:00",
                Some((Unsatisfied, "10-13 09:00")),
            ),
            with(
                answered(
                    "10-13 15:00",
                    "10-15 10:00",
                    Some((Unsatisfied, "10-16 09:00")),
                ),
                with(
                    answered(
                        "10-16 14:00",
                        "10-19 15:00",
                        Some((Unsatisfied, "10-20 09:00")),
                    ),
                    with(
                        answered(
                            "10-20 14:00",
                            "10-21 15:00",
                            Some((Unsatisfied, "10-22 09:00")),
                        ),
                        vec![(Event::Closed, "10-23 10:00")],
                    ),
                ),
            ),
        ),
    ));
    // R-b4: never rated: closed unrated on the 19th (window from the 12th 09:00).
    cases.push(case(
        ROAD,
        "09-29 09:13",
        R,
        "09-29 10:00",
        with(
            answered("09-30 16:00", "10-12 09:00", None),
            vec![(Event::ClosedUnrated, "10-19 12:00")],
        ),
    ));
    // R-c1..3: dispatched Thu 29 Oct 10:00; the reply deadline (end of Wed 4 Nov) is
    // November's. Contact: R-c1 the 29th, R-c3 the 30th (due end of the 30th: both on time),
    // R-c2 none (late at the end of the 30th, dated the 31st). None replied.
    cases.push(case(
        ROAD,
        "10-29 09:00",
        R,
        "10-29 10:00",
        vec![(Event::FirstContact, "10-29 15:00")],
    ));
    cases.push(case(ROAD, "10-29 09:01", R, "10-29 10:00", vec![]));
    cases.push(case(
        ROAD,
        "10-29 09:02",
        R,
        "10-29 10:00",
        vec![(Event::FirstContact, "10-30 09:00")],
    ));
    // R-d: dispatched Mon 19th, contact on time, 督办 on the 20th due the 22nd, then nothing:
    // the 督办 is late (dated the 23rd), the reply too (due end of Fri 23rd, dated the 24th).
    cases.push(case(
        ROAD,
        "10-19 09:00",
        R,
        "10-19 10:00",
        vec![
            (Event::FirstContact, "10-19 14:00"),
            (supervise("2026-10-22"), "10-20 10:00"),
        ],
    ));
    // R-e ×4: received and dispatched Wed 30 Sep 16:00; first contact on Thu 8 Oct 17:00, the
    // first working day after the holiday (due by its end: on time, October's); reply released
    // Mon 12th 11:00 (due end of 12th: on time); 满意 on the 13th.
    for n in 0..4 {
        let created = format!("09-30 15:0{n}");
        cases.push(case(
            ROAD,
            &created,
            R,
            "09-30 16:00",
            answered(
                "10-08 17:00",
                "10-12 11:00",
                Some((Satisfied, "10-13 09:00")),
            ),
        ));
    }
    cases
}
