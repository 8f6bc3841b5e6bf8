//! The figure pages (issue 14): what a supervisor, a department head and the public read of
//! the service-quality figures, counted by hand on a few cases; who is refused; bad periods and
//! slices refused with the reason. On the suite's engine (SQLite, and PostgreSQL in its pass).
use crate::common;

use app::model::figures::{FiguresPage, Rate};
use common::staff::*;
use common::*;

/// The operator confirms or dismisses `no` as a repeat of `earlier`.
async fn decide_repeat(
    server: &TestServer,
    operator: &str,
    no: &str,
    earlier: &str,
    decision: &str,
) {
    let params = [
        ("ticket_no", no),
        ("earlier", earlier),
        ("decision", decision),
    ];
    let (status, answer) = post(server, operator, "/api/fn/staff/repeat", &params).await;
    assert_eq!(status, 200, "{answer}");
}

async fn figures(server: &TestServer, cookie: &str, params: &[(&str, &str)]) -> (u16, Body) {
    post(server, cookie, "/api/fn/staff/figures", params).await
}

#[tokio::test]
async fn a_supervisor_reads_every_department_and_a_head_only_their_own_with_its_rank() {
    let server = demo_server(&[]);
    let operator = sign_in(&server, "operator").await;
    // Two cases replied by the urban-management bureau (no demo case goes there), one rated
    // satisfied, one unsatisfied (reopened); one case dispatched to the water company; one
    // rejected.
    let (a, code_a) = urban_replied_case(&server, &operator).await;
    let (b, code_b) = urban_replied_case(&server, &operator).await;
    assert_eq!(rate(&server, &a, &code_a, "satisfied").await.0, 200);
    assert_eq!(rate(&server, &b, &code_b, "unsatisfied").await.0, 200);
    let c = new_case(&server).await;
    dispatch(&server, &operator, &c, "dept-water").await;
    let d = new_case(&server).await;
    let (status, answer) = act(
        &server,
        &operator,
        &d,
        "rejected",
        &[("reason", "invalid"), ("note", "无效诉求")],
    )
    .await;
    assert_eq!(status, 200, "{answer}");

    // b, from the same mobile at the same place, is confirmed as a repeat of a.
    decide_repeat(&server, &operator, &b, &a, "confirmed").await;
    // Today only: the demo data's cases are older.
    let today = app::model::time::beijing_date(chrono::Utc::now());
    let today = format!("{today}..{today}");
    let supervisor = sign_in(&server, "supervisor").await;
    let (status, body) = figures(
        &server,
        &supervisor,
        &[("by", "department"), ("period", &today)],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let page: FiguresPage = body.json();
    let row = |key: &str| {
        page.rows
            .iter()
            .find(|r| r.key == key)
            .unwrap_or_else(|| panic!("no row {key}: {:?}", page.rows))
            .figures
            .clone()
    };
    let rate = |num, den| Rate { num, den };
    let urban = row("dept-urban");
    // Both accepted and dispatched today; both contacted and answered in time today.
    assert_eq!(urban.received, 2);
    assert_eq!(urban.response, rate(2, 2));
    assert_eq!(urban.on_time, rate(2, 2));
    assert_eq!(urban.replied, rate(2, 2));
    // a closed by its rating; b reopened by its 不满意, not closed.
    assert_eq!(urban.closed, rate(1, 2));
    assert_eq!(urban.first_time, rate(1, 1));
    assert_eq!(urban.satisfied, rate(1, 1));
    assert_eq!(urban.unsatisfied, rate(0, 1));
    assert_eq!(urban.rated, rate(1, 1));
    assert_eq!(urban.supervision, rate(0, 0));
    assert_eq!(urban.repeats, rate(1, 2));
    // Stored with the days: a rebuild from the events and the links gives the same figures.
    server.command(&["figures", "rebuild"]);
    let (_, again) = figures(
        &server,
        &supervisor,
        &[("by", "department"), ("period", &today)],
    )
    .await;
    assert_eq!(again.json::<FiguresPage>().rows, page.rows);
    // c waits for its first contact and reply: on time so far, so in neither rate yet.
    let water = row("dept-water");
    assert_eq!(water.received, 1);
    assert_eq!((water.response, water.on_time), (rate(0, 0), rate(0, 0)));
    assert_eq!((water.replied, water.closed), (rate(0, 1), rate(0, 1)));
    // d, rejected before any dispatch: counted as rejected only.
    let undispatched = row("");
    assert_eq!((undispatched.received, undispatched.rejected), (0, 1));
    let total = page.total.clone().expect("a supervisor sees the total");
    assert_eq!((total.received, total.rejected), (3, 1));
    // The demo's documented case is replied to in the hours before the server started (its
    // reply waits for a rating): in today's closed rate unless that was still yesterday.
    let demo = public_case(
        &server,
        app::services::demo::DEMO_TICKET_NO,
        app::services::demo::DEMO_QUERY_CODE,
    )
    .await;
    let demo_today = demo.timeline.iter().any(|e| {
        matches!(e.step, app::model::public_case::PublicStep::Replied { .. })
            && app::model::time::beijing_date(e.at)
                == app::model::time::beijing_date(chrono::Utc::now())
    });
    assert_eq!(total.closed, rate(1, 3 + u64::from(demo_today)));
    assert!(page.weeks_chart.starts_with("<svg"), "{}", page.weeks_chart);
    // Hotspots: the three accepted cases at one street, none the day before: new, but too
    // few to be flagged as rising, and nothing before: not a place that keeps coming back.
    let spot = &page.hotspots[0];
    assert_eq!(
        (
            spot.cases,
            spot.before,
            spot.change_percent,
            spot.riser,
            spot.repeated
        ),
        (3, 0, None, false, false)
    );
    assert!(spot.label.contains("占道经营"), "{}", spot.label);

    // The Rencheng head: their department only, with its rank among the departments.
    let head = sign_in(&server, "urban.head").await;
    let (status, body) = figures(&server, &head, &[("by", "district"), ("period", &today)]).await;
    assert_eq!(status, 200, "{body}");
    let own: FiguresPage = body.json();
    assert_eq!(
        own.rows.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(),
        vec!["dept-urban"]
    );
    assert_eq!(own.rows[0].figures, urban);
    assert!(own.total.is_none() && own.ranking_chart.is_empty());
    let html = page_with_cookie(&server, &head, "/staff/figures").await;
    assert!(html.contains("data-testid=\"own-rank\""), "{html}");
    assert!(
        !html.contains("dept-water") && !html.contains("自来水"),
        "{html}"
    );

    // A head asks for no other department (their own is what they see anyway).
    let other = [("key", "dept-water"), ("period", today.as_str())];
    assert_eq!(figures(&server, &head, &other).await.0, 403);
    let mine = [("key", "dept-urban"), ("period", today.as_str())];
    let (status, body) = figures(&server, &head, &mine).await;
    assert_eq!((status, body.json::<FiguresPage>().rows), (200, own.rows));

    // The supervisor opens one department from the table: its row alone with its rank among
    // all, its weeks and comparisons; the same for one category, with its places only.
    let html = page_with_cookie(
        &server,
        &supervisor,
        &format!("/staff/figures?by=department&period={today}"),
    )
    .await;
    assert!(html.contains("key=dept-urban"), "{html}");
    let urban_rank = page
        .rows
        .iter()
        .find(|r| r.key == "dept-urban")
        .unwrap()
        .rank;
    let (status, body) = figures(
        &server,
        &supervisor,
        &[
            ("by", "department"),
            ("key", "dept-urban"),
            ("period", &today),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let alone: FiguresPage = body.json();
    assert_eq!(alone.focus.as_deref(), Some("dept-urban"));
    assert_eq!(
        alone
            .rows
            .iter()
            .map(|r| (r.key.as_str(), &r.figures, r.rank))
            .collect::<Vec<_>>(),
        vec![("dept-urban", &urban, urban_rank)]
    );
    assert!(alone.total.is_none() && alone.hotspots.is_empty());
    let weekly: u64 = alone.weeks.iter().map(|(_, f)| f.received).sum();
    assert_eq!(weekly, 2, "the department's weeks: {:?}", alone.weeks);
    let (status, body) = figures(
        &server,
        &supervisor,
        &[
            ("by", "category"),
            ("key", "city.road-occupation"),
            ("period", &today),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let alone: FiguresPage = body.json();
    assert_eq!(alone.rows.len(), 1);
    assert_eq!(alone.rows[0].figures.received, 3);
    assert!(!alone.hotspots.is_empty());
    assert!(alone
        .hotspots
        .iter()
        .all(|h| h.place.category == "city.road-occupation"));
    // A category group with no case today: none of the road-occupation places either.
    let (status, body) = figures(
        &server,
        &supervisor,
        &[("by", "group"), ("key", "utility"), ("period", &today)],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.json::<FiguresPage>().hotspots.is_empty());
    // A district with no case today: no row and none of Rencheng's places.
    let (status, body) = figures(
        &server,
        &supervisor,
        &[("by", "district"), ("key", "yanzhou"), ("period", &today)],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let alone: FiguresPage = body.json();
    assert!(
        alone.rows.is_empty() && alone.hotspots.is_empty(),
        "{alone:?}"
    );
    let html = page_with_cookie(
        &server,
        &supervisor,
        &format!("/staff/figures?by=category&key=city.road-occupation&period={today}"),
    )
    .await;
    assert!(
        html.contains("data-testid=\"own-rank\"") && html.contains("figures-every-key"),
        "{html}"
    );

    // Handlers and operators read no figures; a stranger is asked to sign in.
    let handler = sign_in(&server, "urban.handler").await;
    assert_eq!(figures(&server, &handler, &[]).await.0, 403);
    assert_eq!(figures(&server, &operator, &[]).await.0, 403);
    assert_eq!(figures(&server, "", &[]).await.0, 401);

    // The supervisor's page draws the trend and the ranking.
    let html = page_with_cookie(&server, &supervisor, "/staff/figures?by=department").await;
    assert!(html.contains("data-testid=\"weeks-chart\""), "{html}");
    assert!(html.contains("<svg"), "{html}");

    // Dismissed after all: the repeat leaves the figures, and a rebuild agrees.
    decide_repeat(&server, &operator, &b, &a, "dismissed").await;
    let urban_repeats = async || {
        let (_, body) = figures(
            &server,
            &supervisor,
            &[("by", "department"), ("period", &today)],
        )
        .await;
        let page: FiguresPage = body.json();
        let urban = page.rows.iter().find(|r| r.key == "dept-urban").unwrap();
        urban.figures.repeats
    };
    assert_eq!(urban_repeats().await, rate(0, 2));
    server.command(&["figures", "rebuild"]);
    assert_eq!(urban_repeats().await, rate(0, 2));
}

#[tokio::test]
async fn an_unknown_period_or_slice_and_a_too_long_range_are_refused_with_the_reason() {
    let server = demo_server(&[]);
    let supervisor = sign_in(&server, "supervisor").await;
    for (params, needle) in [
        (vec![("period", "2026-13")], "2026-W48"),
        (vec![("period", "2025-01-01..2026-12-31")], "400"),
        (vec![("period", "2026-11-30..2026-11-01")], "早于"),
        (vec![("by", "street")], "分组"),
        (
            vec![("by", "department"), ("key", "dept-nowhere")],
            "统计表",
        ),
        (vec![("by", "channel"), ("key", "fax")], "统计表"),
    ] {
        let (status, body) = figures(&server, &supervisor, &params).await;
        assert_eq!(status, 422, "{params:?}: {body}");
        let (shown, html) = page_status(
            &server,
            &supervisor,
            &format!(
                "/staff/figures?{}",
                params
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join("&")
            ),
        )
        .await;
        assert_eq!(shown, 422, "{params:?}");
        assert!(html.contains("staff-error"), "{params:?}: {html}");
        assert!(
            html.contains(needle),
            "{params:?} should say {needle}: {html}"
        );
    }
    // Each period kind reads.
    for period in [
        "2026-W48",
        "2026-11",
        "2026-Q4",
        "2026",
        "2026-09-28..2026-10-08",
    ] {
        let (status, body) = figures(&server, &supervisor, &[("period", period)]).await;
        assert_eq!(status, 200, "{period}: {body}");
        assert_eq!(body.json::<FiguresPage>().period.code(), period);
    }
}

#[tokio::test]
async fn the_public_sees_a_months_figures_and_none_from_fewer_than_ten_cases() {
    let server = demo_server(&[("MINSHENG_SUBMISSIONS_PER_MINUTE", "1000")]);
    let operator = sign_in(&server, "operator").await;
    // Eleven cases at the urban bureau, two at the water company, this month.
    for department in std::iter::repeat_n("dept-urban", 11).chain(["dept-water"; 2]) {
        let no = new_case(&server).await;
        dispatch(&server, &operator, &no, department).await;
    }
    let month = app::model::time::beijing_date(chrono::Utc::now())
        .format("%Y-%m")
        .to_string();
    let (status, body) = post(&server, "", "/api/fn/figures", &[("month", &month)]).await;
    assert_eq!(status, 200, "{body}");
    let figures: app::model::figures::public::PublicFigures = body.json();
    assert_eq!(figures.month, month);
    let department = |key: &str| figures.departments.iter().find(|r| r.key == key).cloned();
    let urban = department("dept-urban").expect("the urban bureau is published");
    assert_eq!(urban.received, Some(11));
    assert_eq!(urban.replied, Some(0));
    assert_eq!(urban.closed, Some(0));
    // Nobody rated: no satisfaction figure; the water company's two cases: nothing at all.
    assert_eq!(urban.satisfied, None);
    assert_eq!(department("dept-water"), None, "{:?}", figures.departments);
    assert_eq!(figures.total.received, Some(13));

    // The page: figures, no reporter's name, number or address, no case text.
    let html = page(&server, &format!("/figures?month={month}"), "zh-CN").await;
    assert!(
        html.contains("data-testid=\"public-departments\""),
        "{html}"
    );
    for secret in [
        "张三",
        "13805371234",
        "0537 1234",
        "古槐路 88",
        "摊贩",
        "rencheng-guhuai",
    ] {
        assert!(!html.contains(secret), "{secret} on the public figures");
    }
    // A month that is not one.
    let (status, _) = post(&server, "", "/api/fn/figures", &[("month", "2026-13")]).await;
    assert_eq!(status, 422);
}
