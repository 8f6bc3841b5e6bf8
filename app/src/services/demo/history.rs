//! A year of demo history (`MINSHENG_DEMO_HISTORY=N`, `make run` asks for 3 000): N cases
//! over the 365 days before now, across the city's categories, districts, channels and
//! departments, each taken along the workflow by the same service as a staff action
//! (`cases::record`: the workflow's checks, the events, the stored figures), so the figure
//! pages, the reports and the public figures have a year to show. Departments differ: each
//! has its own share of satisfied citizens and of late answers, so the ranking has a top and a
//! bottom. Cases end where "now" cuts their story: the old ones are closed (rated, unrated,
//! reopened once), the last weeks' are spread over every state. The same N gives the same
//! cases (a fixed pseudo-random sequence), dated relative to today.
use super::DemoError;
use crate::model::calendar::WorkCalendar;
use crate::model::workflow::{Event, Rating, RejectReason, Reply, Supervision};
use crate::model::{ReportDraft, TicketNo};
use crate::services::cases;
use crate::services::AppState;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

/// A pseudo-random number in [0, 1) for case `i` and purpose `salt` (SplitMix64).
fn chance(i: usize, salt: u64) -> f64 {
    let mut z = (i as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(salt.wrapping_mul(0xBF58_476D_1CE4_E5B9));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

fn pick<T>(items: &[T], i: usize, salt: u64) -> &T {
    &items[(chance(i, salt) * items.len() as f64) as usize % items.len()]
}

/// `hour` o'clock (Beijing) on `day`.
fn at(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    crate::model::time::beijing()
        .from_local_datetime(&day.and_hms_opt(hour, minute, 0).expect("valid time"))
        .single()
        .expect("Beijing has no gaps")
        .to_utc()
}

/// How department `d` (its place in the city file) serves: its share of ratings that are
/// satisfied, and of first contacts and replies that come late.
fn profile(d: usize) -> (f64, f64) {
    let step = |n: usize| ((d * n) % 10) as f64 / 9.0;
    (0.72 + 0.26 * step(7), 0.02 + 0.16 * step(3))
}

/// The events of case `i` dispatched to `department` (and `other` if it is handed back or
/// re-assigned), with when each happens.
fn story(
    i: usize,
    created: DateTime<Utc>,
    department: &str,
    other: &str,
    quality: (f64, f64),
    calendar: &WorkCalendar,
) -> Vec<(Event, DateTime<Utc>)> {
    let (satisfied, late) = quality;
    let day = crate::model::time::beijing_date(created);
    let working = |n: u32, hour: u32| at(calendar.nth_working_day_after(day, n), hour, 30);
    let dispatched = |d: &str| Event::Dispatched {
        department: d.to_string(),
    };
    let mut log = vec![(Event::Accepted, created + Duration::minutes(40))];
    if chance(i, 1) < 0.03 {
        return vec![(
            Event::Rejected {
                reason: RejectReason::Invalid,
            },
            created + Duration::minutes(40),
        )];
    }
    log.push((dispatched(department), created + Duration::minutes(90)));
    let mut t = created + Duration::minutes(90);
    if chance(i, 2) < 0.03 {
        // Handed back within its window, dispatched again to the right department.
        t += Duration::hours(2);
        log.push((Event::HandedBack, t));
        t += Duration::hours(1);
        log.push((dispatched(other), t));
    }
    let contact = if chance(i, 3) < late {
        working(3, 10)
    } else {
        t + Duration::hours(3)
    };
    log.push((Event::FirstContact, contact.max(t + Duration::minutes(10))));
    if chance(i, 4) < 0.02 {
        t = log.last().map(|e| e.1).unwrap_or(t) + Duration::hours(2);
        log.push((
            Event::Reassigned {
                department: other.to_string(),
            },
            t,
        ));
        log.push((Event::FirstContact, t + Duration::hours(2)));
    }
    let extended = chance(i, 5) < 0.04;
    if extended {
        let t = log.last().map(|e| e.1).unwrap_or(t) + Duration::hours(1);
        log.push((
            Event::ExtensionRequested {
                until: calendar.nth_working_day_after(day, 10),
            },
            t,
        ));
        log.push((Event::ExtensionApproved, t + Duration::hours(2)));
    }
    if chance(i, 6) < 0.03 {
        let t = log.last().map(|e| e.1).unwrap_or(t) + Duration::hours(3);
        log.push((
            Event::SupervisionAdded {
                supervision: Supervision {
                    instruction: "请加快办理，三个工作日内反馈进展。".into(),
                    due: calendar.nth_working_day_after(day, 5),
                },
            },
            t,
        ));
    }
    let reply_at = if chance(i, 7) < late || extended {
        working(6, 15)
    } else {
        working(1, 15)
    };
    let mut t = reply_at.max(log.last().map(|e| e.1).unwrap_or(t) + Duration::hours(1));
    let answer = |log: &mut Vec<(Event, DateTime<Utc>)>, t: &mut DateTime<Utc>| {
        log.push((Event::ReplyDrafted { reply: reply(i) }, *t));
        *t += Duration::hours(2);
        log.push((Event::ReplyApproved, *t));
        *t += Duration::hours(20);
        log.push((Event::SecondContact, *t));
        *t += Duration::hours(6);
    };
    answer(&mut log, &mut t);
    let rated = |rating| Event::Rated {
        rating,
        comment: String::new(),
        by_phone: chance(i, 8) < 0.5,
    };
    if chance(i, 9) < 0.15 {
        return log; // not rated: closed by the rating sweep when its window ends
    }
    if chance(i, 10) < satisfied {
        let rating = if chance(i, 11) < 0.7 {
            Rating::Satisfied
        } else {
            Rating::Basic
        };
        log.push((rated(rating), t));
        return log;
    }
    // 不满意: reopened (重办) one level up and answered again, up to level 3; still 不满意
    // then, the supervisor closes it (it counts as 不满意).
    log.push((rated(Rating::Unsatisfied), t));
    for level in 1..=3u64 {
        t += Duration::hours(4);
        log.push((Event::FirstContact, t));
        t = t.max(at(
            calendar.nth_working_day_after(crate::model::time::beijing_date(t), 2),
            11,
            0,
        ));
        answer(&mut log, &mut t);
        if chance(i, 12 + level) < 0.6 {
            log.push((rated(Rating::Basic), t));
            return log;
        }
        log.push((rated(Rating::Unsatisfied), t));
    }
    log.push((Event::Closed, t + Duration::days(2)));
    log
}

fn reply(i: usize) -> Reply {
    let texts = [
        "您好，您反映的问题已转相关单位现场核查，情况属实，已于当日处理完毕，并安排专人定期巡查，防止反弹。感谢您的监督。",
        "您好，经核实，该问题属于本单位职责，已安排维修人员处理，目前已恢复正常。如仍有问题，请再次致电 12345。",
        "您好，您的建议已收悉，已纳入下一阶段工作计划，将结合实际情况逐步落实，感谢您对城市建设的关心。",
    ];
    Reply {
        text: texts[i % texts.len()].into(),
        responder: ["王明", "李娜", "张伟", "刘洋"][i % 4].into(),
        phone: "0537-2345678".into(),
    }
}

/// The `i`-th case's report: a category, district and street of the city, a kind.
fn draft(state: &AppState, i: usize) -> ReportDraft {
    let city = &state.city;
    let group = pick(&city.categories, i, 20);
    let category = pick(&group.children, i, 21);
    let district = pick(&city.districts, i, 22);
    let street = pick(&district.streets, i, 23);
    ReportDraft {
        kind: (*pick(
            &["complaint", "help", "inquiry", "suggestion", "report"],
            i,
            24,
        ))
        .into(),
        category: category.code.clone(),
        district: district.code.clone(),
        street: street.code.clone(),
        address: format!("{}附近", street.name.zh),
        description: format!(
            "演示数据：{}方面的问题，请相关部门核实处理。",
            category.name.zh
        ),
        contact_name: "演示市民".into(),
        contact_phone: format!("1390537{:04}", i % 10_000),
        confidential: chance(i, 25) < 0.1,
        publish_consent: chance(i, 26) < 0.3,
        ..ReportDraft::default()
    }
}

/// Seeds `count` cases over the year before `now`. Returns how many were written.
pub async fn seed(state: &AppState, count: usize, now: DateTime<Utc>) -> Result<usize, DemoError> {
    let started = std::time::Instant::now();
    let first = now - Duration::days(365);
    let departments = &state.city.departments;
    for i in 0..count {
        // Spread over the year, in the day's working hours (08:00–20:00 Beijing).
        let day = crate::model::time::beijing_date(
            first + Duration::seconds((i as i64) * 365 * 86_400 / count.max(1) as i64),
        );
        let created = at(
            day,
            8 + (chance(i, 30) * 12.0) as u32,
            (chance(i, 31) * 60.0) as u32,
        );
        if created > now {
            break;
        }
        let report = crate::model::report::validate(&draft(state, i), &state.city)
            .map_err(|error| DemoError::History(format!("case {i}: {error:?}")))?;
        let code = crate::services::intake::new_query_code();
        let channel = *pick(&["phone", "phone", "phone", "web", "web", "api"], i, 32);
        let no = crate::storage::cases::insert(
            &state.db,
            crate::storage::cases::NewCase {
                report: &report,
                day,
                created_at: created,
                channel,
                photos: &[],
                snap: None,
                notices: &[],
                progress_sms: None,
                key: None,
            },
            |no| state.codes.hash(no, &code),
        )
        .await
        .map_err(|error| DemoError::History(format!("case {i}: {error}")))?;
        let department = state
            .city
            .suggest_department(&report.category, &report.district)
            .map(|d| d.code.clone())
            .unwrap_or_else(|| pick(departments, i, 33).code.clone());
        let index = departments
            .iter()
            .position(|d| d.code == department)
            .unwrap_or(0);
        let other = departments[(index + 1) % departments.len()].code.clone();
        let events = story(
            i,
            created,
            &department,
            &other,
            profile(index),
            &state.calendar,
        );
        walk(state, &no, events, now).await?;
        if i % 500 == 499 {
            tracing::info!(
                cases = i + 1,
                of = count,
                seconds = started.elapsed().as_secs(),
                "demo history"
            );
        }
    }
    // The reports of the last week and month were made at start from part of the history.
    let today = crate::model::time::beijing_date(now);
    for kind in crate::model::figures::report::ReportKind::ALL {
        crate::services::reports::generate(state, kind, kind.last_ended(today), now)
            .await
            .map_err(|error| DemoError::History(format!("reports: {error}")))?;
    }
    Ok(count)
}

/// Records the events of a case in turn, up to `now`; an unrated reply is closed as the sweep
/// would have closed it when its window ended.
async fn walk(
    state: &AppState,
    no: &TicketNo,
    events: Vec<(Event, DateTime<Utc>)>,
    now: DateTime<Utc>,
) -> Result<(), DemoError> {
    let workflow = |error| DemoError::Workflow {
        ticket_no: no.clone(),
        error,
    };
    let mut events = std::collections::VecDeque::from(events);
    while let Some((event, when)) = events.pop_front() {
        if when > now {
            break;
        }
        let next = match cases::record_as_usual(state, no, event.clone(), "演示数据", when).await
        {
            Ok(next) => next,
            // Someone (the rating sweep) acted on the case meanwhile: read it again.
            Err(cases::CaseError::Changed) => {
                events.push_front((event, when));
                continue;
            }
            // A step the workflow refuses at that moment (a window passed): the story goes on
            // without it.
            Err(cases::CaseError::Refused(_)) => continue,
            Err(error) => return Err(workflow(error)),
        };
        // The rating window ended with nobody rating: the sweep's closing, at its time.
        if events.is_empty() {
            if let Some(due) = next.rating_due.filter(|due| *due <= now) {
                events.push_back((Event::ClosedUnrated, due));
            }
        }
    }
    Ok(())
}
