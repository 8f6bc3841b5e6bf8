//! What happens to each seeded case: the events of an old, closed case and of a recent one.
use app::model::workflow::{Event, Rating, Reply, Supervision};
use chrono::NaiveDate;

pub fn reply() -> Reply {
    Reply {
        text: "经现场核查，问题已处理完毕，后续将加强巡查，防止问题反弹。".into(),
        responder: "王明".into(),
        phone: "0537-2345678".into(),
    }
}

/// The events of an old case `i`, which ended: six in ten rated satisfied or basically
/// satisfied, two left unrated (the sweep closes them), one reopened after an unsatisfied
/// rating and rated after the second reply, one rated unsatisfied at level 1 and then satisfied.
pub fn closed_story(i: usize, department: &str) -> Vec<Event> {
    let rated = |rating| Event::Rated {
        rating,
        comment: String::new(),
        by_phone: i.is_multiple_of(2),
    };
    let mut events = vec![
        Event::Accepted,
        Event::Dispatched {
            department: department.to_string(),
        },
        Event::FirstContact,
        Event::ReplyDrafted { reply: reply() },
        Event::ReplyApproved,
    ];
    match i % 10 {
        6 | 7 => {}
        8 | 9 => events.extend([
            Event::SecondContact,
            rated(Rating::Unsatisfied),
            Event::FirstContact,
            Event::ReplyDrafted { reply: reply() },
            Event::ReplyApproved,
            Event::SecondContact,
            rated(Rating::Satisfied),
        ]),
        n => events.extend([
            Event::SecondContact,
            rated(if n % 2 == 0 {
                Rating::Satisfied
            } else {
                Rating::Basic
            }),
        ]),
    }
    events
}

/// The events that bring a recent case `i` to its state (a spread over every status).
pub fn story(i: usize, department: &str) -> Vec<Event> {
    let dispatch = Event::Dispatched {
        department: department.to_string(),
    };
    let mut events = match i % 10 {
        0 => vec![],
        1 => vec![Event::Accepted],
        2 => vec![Event::Accepted, dispatch.clone(), Event::HandedBack],
        3 | 4 => vec![Event::Accepted, dispatch],
        5 | 6 => vec![Event::Accepted, dispatch, Event::FirstContact],
        7 => vec![
            Event::Accepted,
            dispatch,
            Event::FirstContact,
            Event::ReplyDrafted { reply: reply() },
        ],
        8 => vec![
            Event::Accepted,
            dispatch,
            Event::FirstContact,
            Event::ReplyDrafted { reply: reply() },
            Event::ReplyApproved,
        ],
        _ => vec![
            Event::Accepted,
            dispatch,
            Event::FirstContact,
            Event::ReplyDrafted { reply: reply() },
            Event::ReplyApproved,
            Event::SecondContact,
            Event::Rated {
                rating: [Rating::Satisfied, Rating::Basic, Rating::Unsatisfied][i % 3],
                comment: String::new(),
                by_phone: i.is_multiple_of(2),
            },
        ],
    };
    if i % 23 == 5 {
        events.push(Event::ExtensionRequested {
            until: NaiveDate::from_ymd_opt(2027, 1, 20).unwrap(),
        });
    }
    if i % 37 == 3 {
        events.push(Event::SupervisionAdded {
            supervision: Supervision {
                instruction: "三日内反馈办理进展".into(),
                due: NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(),
            },
        });
    }
    events
}
