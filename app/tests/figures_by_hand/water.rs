//! 市水务集团's 14 cases (replies within 2 working days), and the 2 rejected cases.
use super::histories::*;
use app::model::workflow::{Event, RejectReason};

pub fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    // ── 市水务集团 (W): 14 cases (reply within 2 working days) ─────────────────────────
    // W-a ×5: dispatched Fri 9th 09:00, contact 14:00, reply released on the 调休 Saturday
    // 10th 15:00 (due end of Mon 12th: 10, 12); 满意 on Sunday 11th.
    for n in 0..5 {
        let created = format!("10-09 08:0{n}");
        cases.push(case(
            WATER,
            &created,
            W,
            "10-09 09:00",
            answered(
                "10-09 14:00",
                "10-10 15:00",
                Some((Satisfied, "10-11 10:00")),
            ),
        ));
    }
    // W-b1..3: dispatched Mon 12th 10:00, contact 11:00 (on time), reply due end of Wed 14th,
    // released Thu 15th 10:00: late.
    // W-b1: 满意 on the 16th.
    cases.push(case(
        WATER,
        "10-12 09:00",
        W,
        "10-12 10:00",
        answered(
            "10-12 11:00",
            "10-15 10:00",
            Some((Satisfied, "10-16 09:00")),
        ),
    ));
    // W-b2: 不满意 on the 16th (重办), answered again the 19th, never rated: closed unrated on
    // the 26th (window from the 19th 10:00). A case closed unrated is not rated, whatever
    // it was rated before; not first-time.
    cases.push(case(
        WATER,
        "10-12 09:01",
        W,
        "10-12 10:00",
        with(
            answered(
                "10-12 11:00",
                "10-15 10:00",
                Some((Unsatisfied, "10-16 09:00")),
            ),
            with(
                answered("10-16 10:00", "10-19 10:00", None),
                vec![(Event::ClosedUnrated, "10-26 12:00")],
            ),
        ),
    ));
    // W-b3: never rated: closed unrated on the 22nd.
    cases.push(case(
        WATER,
        "10-12 09:02",
        W,
        "10-12 10:00",
        with(
            answered("10-12 11:00", "10-15 10:00", None),
            vec![(Event::ClosedUnrated, "10-22 12:00")],
        ),
    ));
    // W-c: dispatched Mon 12th 14:00 (reply due end of the 14th); extension to the 20th asked
    // on the 13th and approved the same day, before the deadline: the reply released the 20th
    // 11:00 is on time. 基本满意 on the 21st.
    cases.push(case(
        WATER,
        "10-12 13:00",
        W,
        "10-12 14:00",
        vec![
            (Event::FirstContact, "10-12 16:00"),
            (
                Event::ExtensionRequested {
                    until: day("2026-10-20"),
                },
                "10-13 10:00",
            ),
            (Event::ExtensionApproved, "10-13 15:00"),
            (reply(), "10-20 09:00"),
            (Event::ReplyApproved, "10-20 11:00"),
            (rated(Basic), "10-21 09:00"),
        ],
    ));
    // W-d: dispatched Mon 12th 16:00 (reply due end of the 14th); extension asked on the 14th,
    // approved on the 15th, after the deadline: the reply had already become late (settled
    // at the end of the 14th, dated the 15th). Released the 22nd; 满意 on the 23rd.
    cases.push(case(
        WATER,
        "10-12 15:00",
        W,
        "10-12 16:00",
        vec![
            (Event::FirstContact, "10-13 09:00"),
            (
                Event::ExtensionRequested {
                    until: day("2026-10-23"),
                },
                "10-14 10:00",
            ),
            (Event::ExtensionApproved, "10-15 09:00"),
            (reply(), "10-22 09:00"),
            (Event::ReplyApproved, "10-22 10:00"),
            (rated(Satisfied), "10-23 09:00"),
        ],
    ));
    // W-g ×4: received and dispatched Wed 30 Sep 15:00, contact 16:00 (September's), reply
    // due by the end of Fri 9 Oct (8, 9), released the 9th 10:00: on time; 基本满意 the same
    // evening. In October: on time and the closing.
    for n in 0..4 {
        let created = format!("09-30 14:0{n}");
        cases.push(case(
            WATER,
            &created,
            W,
            "09-30 15:00",
            answered("09-30 16:00", "10-09 10:00", Some((Basic, "10-09 18:00"))),
        ));
    }

    // ── Rejected (no department, key ""): 2 cases ───────────────────────────────────────
    // Received Wed 14th, rejected: in no figure but the count of rejections.
    cases.push(Case {
        category: WATER,
        events: vec![
            (Event::Created, t("10-14 09:00")),
            (
                Event::Rejected {
                    reason: RejectReason::Invalid,
                },
                t("10-14 09:30"),
            ),
        ],
    });
    // (the duplicate names the first case of the fixture: its number is filled in below)
    cases.push(Case {
        category: ROAD,
        events: vec![
            (Event::Created, t("10-14 09:05")),
            (
                Event::Rejected {
                    reason: RejectReason::Duplicate { of: String::new() },
                },
                t("10-14 09:35"),
            ),
        ],
    });

    cases
}
