//! Demo data for a first run: a handful of cases across the demo city, seeded through the
//! same intake path as real ones, when the database is empty.
use super::cases::CaseError;
use super::intake::{new_query_code, submit_with_code, Channel, SubmitError};
use super::photos::Upload;
use super::AppState;
use crate::model::accounts::AccountError;
use crate::model::{QueryCode, ReportDraft, TicketNo};
use crate::storage::cases;
use chrono::{DateTime, Duration, Utc};

/// The documented demo case: look it up on /track with this code.
pub const DEMO_TICKET_NO: &str = "20261101-000001";
pub const DEMO_QUERY_CODE: &str = "TRACKME2";

/// Why the demo data could not be seeded (the demo accounts or the demo cases). The server
/// does not start without it when `MINSHENG_DEMO_DATA` is on.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    /// A demo staff account was refused (e.g. a city file without its department).
    #[error("demo account {username}: {error}")]
    Account {
        username: &'static str,
        #[source]
        error: AccountError,
    },
    /// A demo case was refused by the intake (its `Debug` form lists every field problem).
    #[error("demo case {index}: {error:?}")]
    Case {
        index: usize,
        #[source]
        error: SubmitError,
    },
    /// A case of the demo history could not be made.
    #[error("demo history: {0}")]
    History(String),
    /// A demo notice could not be published.
    #[error("demo notice: {0}")]
    Notice(String),
    /// A demo knowledge-base article could not be written.
    #[error("demo article: {0}")]
    Article(String),
    /// A workflow step of a demo case failed.
    #[error("demo workflow {ticket_no}: {error}")]
    Workflow {
        ticket_no: TicketNo,
        #[source]
        error: CaseError,
    },
}

mod history;
pub use history::seed as seed_history;

/// The demo knowledge base: articles for the demo city's categories (`demo/help_articles.toml`).
const HELP_ARTICLES: &str = include_str!("demo/help_articles.toml");

/// Writes the demo knowledge-base articles when the knowledge base is empty, as the demo
/// operator. Returns how many were written.
pub async fn seed_help_if_empty(state: &AppState, now: DateTime<Utc>) -> Result<usize, DemoError> {
    use crate::model::help::{validate, ArticleDraft};
    #[derive(serde::Deserialize)]
    struct File {
        article: Vec<ArticleDraft>,
    }
    let failed = |e: &dyn std::fmt::Display| DemoError::Article(e.to_string());
    if !super::help::is_empty(state).await.map_err(|e| failed(&e))? {
        return Ok(0);
    }
    let file: File = toml::from_str(HELP_ARTICLES).map_err(|e| failed(&e))?;
    let today = crate::model::time::beijing_date(now);
    let articles = file
        .article
        .iter()
        .map(|draft| {
            validate(draft, &state.city, today)
                .map_err(|problems| failed(&format!("{}: {problems:?}", draft.question)))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let ids = super::help::import(state, &articles, "operator", now)
        .await
        .map_err(|e| failed(&e))?;
    Ok(ids.len())
}

struct DemoCase {
    kind: &'static str,
    category: &'static str,
    district: &'static str,
    street: &'static str,
    address: &'static str,
    description: &'static str,
    name: &'static str,
    phone: &'static str,
    photos: &'static [&'static [u8]],
}

// Real photographs (CC0, see app/demo/README.md).
const GRAVEL: &[u8] = include_bytes!("../../demo/gravel.jpg");
const BRICK: &[u8] = include_bytes!("../../demo/brick.jpg");
const GRASS: &[u8] = include_bytes!("../../demo/grass.jpg");

const CASES: &[DemoCase] = &[
    DemoCase {
        kind: "complaint",
        category: "city.road-occupation",
        district: "rencheng",
        street: "rencheng-yuehe",
        address: "红星中路与建设路交叉口东北角",
        description:
            "早晚高峰有流动摊贩占用人行道经营，行人只能走机动车道，存在安全隐患，希望城管部门管理。",
        name: "李女士",
        phone: "13805371234",
        photos: &[GRAVEL, BRICK],
    },
    DemoCase {
        kind: "help",
        category: "utility.water",
        district: "yanzhou",
        street: "yanzhou-gulou",
        address: "鼓楼街道建设东路 12 号院",
        description: "小区从昨天晚上开始停水，没有看到停水通知，家里有老人，请尽快恢复供水。",
        name: "王先生",
        phone: "13905375678",
        photos: &[],
    },
    DemoCase {
        kind: "report",
        category: "environment.air",
        district: "qufu",
        street: "qufu-lucheng",
        address: "鲁城街道南外环附近",
        description: "夜间有工厂排放刺鼻气味，持续两周，周边居民晚上无法开窗。",
        name: "赵先生",
        phone: "15866661234",
        photos: &[GRASS],
    },
    DemoCase {
        kind: "suggestion",
        category: "traffic.public-transport",
        district: "zoucheng",
        street: "zoucheng-gangshan",
        address: "钢山街道火车站公交站",
        description: "建议增加晚上九点以后从火车站出发的公交班次，方便夜间到站旅客。",
        name: "孙女士",
        phone: "18653731234",
        photos: &[],
    },
];

fn demo_photo(bytes: &[u8]) -> Upload {
    Upload {
        file_name: Some("IMG_demo.jpg".into()),
        content_type: Some("image/jpeg".into()),
        bytes: bytes.to_vec(),
    }
}

/// Seeds the demo cases if there are no tickets yet. Returns how many were added. The
/// documented case keeps its number (filed on 1 November 2026) but its workflow runs in the
/// hours before `now`, so on a first start its reply waits for a rating for the whole rating
/// window.
pub async fn seed_if_empty(state: &AppState, now: DateTime<Utc>) -> Result<usize, DemoError> {
    if cases::count(&state.db).await? > 0 {
        return Ok(0);
    }
    let mut created = Vec::new();
    let first_day: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-11-01T02:15:00Z")
        .expect("valid")
        .to_utc();
    for (i, case) in CASES.iter().enumerate() {
        let draft = ReportDraft {
            kind: case.kind.into(),
            category: case.category.into(),
            district: case.district.into(),
            street: case.street.into(),
            address: case.address.into(),
            description: case.description.into(),
            contact_name: case.name.into(),
            contact_phone: case.phone.into(),
            confidential: i % 2 == 1,
            publish_consent: i % 2 == 0,
            ..ReportDraft::default()
        };
        let uploads = case.photos.iter().map(|p| demo_photo(p)).collect();
        let code = if i == 0 {
            QueryCode::parse(DEMO_QUERY_CODE).expect("valid demo code")
        } else {
            new_query_code()
        };
        let at = first_day + Duration::days(i as i64) + Duration::minutes(37 * i as i64);
        let submitted = submit_with_code(state, draft, uploads, Channel::Demo, at, code)
            .await
            .map_err(|error| DemoError::Case { index: i, error })?;
        created.push((submitted.ticket_no, at));
    }
    advance(state, &created, now).await?;
    Ok(CASES.len())
}

/// Moves the demo cases along the workflow with the demo accounts, so every queue and the
/// citizen's timeline have something to show: the documented case is replied to (in the 12
/// hours before `now`, so its reply waits for a rating), the water case is being handled, the
/// air case waits for dispatch, the last one is new.
async fn advance(
    state: &AppState,
    created: &[(TicketNo, DateTime<Utc>)],
    now: DateTime<Utc>,
) -> Result<(), DemoError> {
    use crate::model::workflow::{Event, Reply};
    // An account that cannot be read counts as missing.
    let staff = |name: &'static str| async move {
        super::staff::by_username(state, name).await.ok().flatten()
    };
    let (Some(operator), Some(rencheng), Some(head), Some(water)) = (
        staff("operator").await,
        staff("rencheng.handler").await,
        staff("rencheng.head").await,
        staff("water.handler").await,
    ) else {
        return Ok(()); // a city file without the demo departments: leave the cases new
    };
    let reply = Reply {
        text: "您好，您反映的红星中路与建设路交叉口占道经营问题，任城区综合执法局越河中队到现场核查，情况属实。已劝离流动摊贩 6 处，并在早晚高峰安排队员定点值守，防止反弹。感谢您的监督。".into(),
        responder: "孙丽".into(),
        phone: "0537-2213456".into(),
    };
    let steps: [(usize, &super::staff::Staff, Event, &str); 9] = [
        (0, &operator, Event::Accepted, ""),
        (
            0,
            &operator,
            Event::Dispatched {
                department: "dept-rencheng".into(),
            },
            "",
        ),
        (
            0,
            &rencheng,
            Event::FirstContact,
            "电话联系市民，了解具体时段和位置。",
        ),
        (0, &rencheng, Event::ReplyDrafted { reply }, ""),
        (0, &head, Event::ReplyApproved, ""),
        (1, &operator, Event::Accepted, ""),
        (
            1,
            &operator,
            Event::Dispatched {
                department: "dept-water".into(),
            },
            "",
        ),
        (1, &water, Event::FirstContact, "已联系，抢修人员在途。"),
        (2, &operator, Event::Accepted, ""),
    ];
    for (n, (case, who, event, note)) in steps.into_iter().enumerate() {
        let (ticket_no, at) = &created[case];
        let workflow = |error| DemoError::Workflow {
            ticket_no: ticket_no.clone(),
            error,
        };
        let version = super::cases::load(state, ticket_no)
            .await
            .map_err(workflow)?
            .map(|l| l.row.version)
            .unwrap_or(1);
        let when = if case == 0 {
            (now - Duration::hours(12)).max(*at) + Duration::minutes(30 * n as i64)
        } else {
            *at + Duration::hours(2 + n as i64)
        };
        super::cases::act(state, who, ticket_no, version, event, note, when)
            .await
            .map_err(workflow)?;
    }
    Ok(())
}

/// The demo city's notices (公告): a water cut in force on 古槐街道 (next to the street of the
/// documented demo case), a power cut tomorrow in 兖州鼓楼街道 and a road closure in force in
/// 曲阜鲁城街道. Written at start whenever no notice is in force or to come, with times around
/// `now` (whole days, Beijing time), so the demo always shows them. Returns how many were written.
pub async fn seed_notices_if_none(
    state: &AppState,
    now: DateTime<Utc>,
) -> Result<usize, DemoError> {
    use crate::model::notice::NoticeDraft;
    if !crate::storage::notices::public(&state.db, now, false)
        .await?
        .is_empty()
    {
        return Ok(0);
    }
    let Some(operator) = super::staff::by_username(state, "operator")
        .await
        .ok()
        .flatten()
    else {
        return Ok(0);
    };
    // Whole days around today (Beijing), so the demo reads the same at any hour.
    let day = |d: i64| crate::model::time::beijing_date(now + Duration::days(d));
    let drafts = [
        NoticeDraft {
            kind: "water".into(),
            places: vec!["rencheng-guhuai".into()],
            categories: vec!["utility.water".into()],
            starts: format!("{}T00:00", day(0)),
            ends: format!("{}T20:00", day(1)),
            text: "因古槐路供水管网维修，古槐街道古槐路、建设路沿线计划停水，恢复供水初期水压可能偏低。抢修正在进行，无需重复反映。".into(),
        },
        NoticeDraft {
            kind: "power".into(),
            places: vec!["yanzhou-gulou".into()],
            categories: vec!["utility.power".into()],
            starts: format!("{}T09:00", day(1)),
            ends: format!("{}T15:00", day(1)),
            text: "因线路检修，鼓楼街道龙桥路以东部分小区计划停电，请提前做好准备。".into(),
        },
        NoticeDraft {
            kind: "road".into(),
            places: vec!["qufu-lucheng".into()],
            categories: vec!["traffic".into()],
            starts: format!("{}T08:00", day(-1)),
            ends: format!("{}T18:00", day(3)),
            text: "静轩路（春秋路至大成路段）雨污分流施工，全封闭施工，请绕行春秋路。".into(),
        },
    ];
    let mut written = 0;
    for draft in &drafts {
        match super::notices::publish(state, &operator, draft, now).await {
            Ok(_) => written += 1,
            // A city file without these places or categories: no demo notice.
            Err(super::notices::NoticeError::Invalid(_)) => {}
            Err(e) => return Err(DemoError::Notice(e.to_string())),
        }
    }
    Ok(written)
}
