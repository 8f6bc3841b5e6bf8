//! 周通报 and 月排名 (issue 14, item 3): made when their week or month ends, on demand by the
//! `server bulletin` / `server ranking` commands and from the console; kept as generated; read
//! as a printable page and as an `.xlsx` sheet by supervisors and administrators only; never
//! a reporter's name, number or address. On the suite's engine (SQLite, and PostgreSQL in its
//! pass).
use crate::common;

use app::model::figures::report::{ReportKind, ReportsView};
use common::staff::*;
use common::*;
use std::io::Read;

/// Every XML part of an `.xlsx` workbook (its cells' strings and numbers), as one text.
fn xlsx_text(bytes: &[u8]) -> String {
    let mut book = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an .xlsx is a zip");
    let mut text = String::new();
    for i in 0..book.len() {
        let mut part = book.by_index(i).unwrap();
        if part.name().unwrap().ends_with(".xml") {
            part.read_to_string(&mut text).unwrap();
        }
    }
    text
}

/// The supervisor puts case `no` on the 督办 list, due on `due`.
async fn supervise(server: &TestServer, supervisor: &str, no: &str, due: &str) {
    let params = [("note", "限期整改"), ("date", due)];
    let (status, answer) = act(server, supervisor, no, "supervision_added", &params).await;
    assert_eq!(status, 200, "{answer}");
}

async fn reports(server: &TestServer, cookie: &str, params: &[(&str, &str)]) -> (u16, Body) {
    post(server, cookie, "/api/fn/staff/reports", params).await
}

async fn sheet(server: &TestServer, cookie: &str, file: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(server.at(&format!("/staff/reports/{file}")))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_supervisor_generates_the_weeks_bulletin_and_reads_it_as_a_page_and_a_sheet() {
    let server = demo_server(&[
        ("MINSHENG_SIGNINS_PER_MINUTE", "1000"),
        ("MINSHENG_SUBMISSIONS_PER_MINUTE", "1000"),
    ]);
    let today = app::model::time::beijing_date(chrono::Utc::now());
    let week = app::model::figures::NamedPeriod::week_of(today).code();
    let month = app::model::figures::NamedPeriod::month_of(today).code();
    let supervisor = sign_in(&server, "supervisor").await;

    // On start the server made the reports of the week and the month that ended last.
    let last_week = ReportKind::Bulletin.last_ended(today).code();
    let last_month = ReportKind::Ranking.last_ended(today).code();
    let mut listed = Vec::new();
    for _ in 0..50 {
        let (status, body) = reports(&server, &supervisor, &[]).await;
        assert_eq!(status, 200, "{body}");
        let view: ReportsView = body.json();
        listed = view
            .reports
            .iter()
            .map(|r| (r.kind, r.period.clone()))
            .collect();
        if listed.len() == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        listed.contains(&(ReportKind::Bulletin, last_week.clone()))
            && listed.contains(&(ReportKind::Ranking, last_month.clone())),
        "{listed:?}"
    );

    // This week: ten cases answered by the urban-management bureau and rated satisfied (ten
    // rated closings: ranked), one more dispatched to the water company and put on the 督办
    // list.
    let operator = sign_in(&server, "operator").await;
    for _ in 0..10 {
        let (no, code) = urban_replied_case(&server, &operator).await;
        assert_eq!(rate(&server, &no, &code, "satisfied").await.0, 200);
    }
    let supervised = new_case(&server).await;
    dispatch(&server, &operator, &supervised, "dept-water").await;
    let due = (today + chrono::Days::new(3)).to_string();
    supervise(&server, &supervisor, &supervised, &due).await;
    let overdue_now = queue(&server, &supervisor, "overdue").await;

    // The command generates it, writes the sheet and names the page.
    let out = tempfile::tempdir().unwrap();
    let printed = server.command(&[
        "bulletin",
        "--week",
        &week,
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(printed.contains("周通报"), "{printed}");
    assert!(
        printed.contains(&format!("/staff/reports?kind=bulletin&period={week}")),
        "{printed}"
    );
    let file = out.path().join(format!("minsheng-bulletin-{week}.xlsx"));
    let written = std::fs::read(&file).expect("the sheet is written");

    let (status, body) = reports(
        &server,
        &supervisor,
        &[("kind", "bulletin"), ("period", &week)],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let view: ReportsView = body.json();
    let report = view.shown.expect("the bulletin is shown");
    let urban = report
        .rows
        .iter()
        .find(|r| r.key == "dept-urban")
        .expect("the urban bureau's row");
    assert_eq!(urban.figures.received, 10);
    assert_eq!(
        (urban.figures.satisfied.num, urban.figures.satisfied.den),
        (10, 10)
    );
    // Only the urban bureau has ten rated closings this week: first of one; on the 红榜, and
    // nobody on the 黑榜 (a department is never on both).
    assert_eq!((urban.rank, report.ranked), (Some(1), 1));
    assert_eq!(report.rows[0].key, "dept-urban");
    assert!(report.rows[1..].iter().all(|r| r.rank.is_none()));
    assert_eq!(report.red, ["dept-urban"]);
    assert!(report.black.is_empty());
    // The lists are those of the console at that moment.
    assert_eq!(
        report
            .supervised
            .cases
            .iter()
            .map(|c| c.ticket_no.as_str())
            .collect::<Vec<_>>(),
        [supervised.as_str()]
    );
    assert_eq!(report.supervised.cases[0].due.unwrap().to_string(), due);
    assert_eq!(report.overdue.total, overdue_now.len() as u64);
    assert!(!overdue_now.is_empty(), "a demo case is long overdue");
    assert!(report
        .overdue
        .cases
        .iter()
        .all(|c| overdue_now.iter().any(|(no, _)| *no == c.ticket_no) && c.days_late > 0));

    // The printable page and the sheet say the same, and nothing of any reporter.
    let html = page_with_cookie(
        &server,
        &supervisor,
        &format!("/staff/reports?kind=bulletin&period={week}"),
    )
    .await;
    let response = sheet(&server, &supervisor, &format!("bulletin-{week}.xlsx")).await;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert_eq!(response.headers()["cache-control"], "no-store");
    let served = response.bytes().await.unwrap();
    for (what, text) in [
        ("page", html.clone()),
        ("served sheet", xlsx_text(&served)),
        ("written sheet", xlsx_text(&written)),
    ] {
        for needle in ["红榜", "黑榜", "市城市管理局", supervised.as_str(), &due] {
            assert!(text.contains(needle), "{what} should show {needle}");
        }
        for secret in [
            "张三",
            "138 0537 1234",
            "13805371234",
            "古槐路 88 号",
            "摊贩占道",
        ] {
            assert!(!text.contains(secret), "{what} shows {secret}");
        }
    }
    assert!(
        html.contains("data-testid=\"report-rank\" class=\"num\">1<"),
        "{html}"
    );
    // The language switch comes back to this report.
    assert!(
        html.contains(&format!(
            "back=/staff/reports%3Fkind%3Dbulletin%26period%3D{week}"
        )),
        "{html}"
    );

    // Kept as generated: a later 督办 does not change it until it is generated again.
    let later = new_case(&server).await;
    dispatch(&server, &operator, &later, "dept-water").await;
    supervise(&server, &supervisor, &later, &due).await;
    let again = async || {
        let params = [("kind", "bulletin"), ("period", week.as_str())];
        let (_, body) = reports(&server, &supervisor, &params).await;
        body.json::<ReportsView>().shown.unwrap()
    };
    assert_eq!(again().await, report);
    // Generated again from the console: the new 督办 is listed.
    let (status, answer) = post(
        &server,
        &supervisor,
        "/api/fn/staff/generate_report",
        &[("kind", "bulletin"), ("period", &week)],
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(again().await.supervised.total, 2);

    // The month's ranking from the console (a form post goes on to the report).
    let response = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(server.at("/api/fn/staff/generate_report"))
        .header("cookie", &supervisor)
        .header("accept", "text/html")
        .form(&[("kind", "ranking"), ("period", month.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 302);
    assert_eq!(
        response.headers()["location"],
        format!("/staff/reports?kind=ranking&period={month}").as_str()
    );
    let html = page_with_cookie(
        &server,
        &supervisor,
        &format!("/staff/reports?kind=ranking&period={month}"),
    )
    .await;
    assert!(html.contains("月排名"), "{html}");
    assert!(html.contains("data-testid=\"report-row\""), "{html}");
}

#[tokio::test]
async fn only_supervisors_and_administrators_read_reports_and_bad_requests_say_why() {
    let server = demo_server(&[("MINSHENG_SIGNINS_PER_MINUTE", "1000")]);
    let today = app::model::time::beijing_date(chrono::Utc::now());
    let week = ReportKind::Bulletin.last_ended(today).code();
    let printed = server.command(&["bulletin", "--week", &week, "--out", "/tmp"]);
    assert!(printed.contains(&week), "{printed}");
    let _ = std::fs::remove_file(format!("/tmp/minsheng-bulletin-{week}.xlsx"));
    let file = format!("bulletin-{week}.xlsx");

    let admin = sign_in(&server, "admin").await;
    assert_eq!(sheet(&server, &admin, &file).await.status().as_u16(), 200);
    assert_eq!(
        reports(&server, &admin, &[("kind", "bulletin"), ("period", &week)])
            .await
            .0,
        200
    );
    for who in ["urban.head", "urban.handler", "operator"] {
        let cookie = sign_in(&server, who).await;
        assert_eq!(reports(&server, &cookie, &[]).await.0, 403, "{who}");
        assert_eq!(
            sheet(&server, &cookie, &file).await.status().as_u16(),
            403,
            "{who}"
        );
        let (status, _) = post(
            &server,
            &cookie,
            "/api/fn/staff/generate_report",
            &[("kind", "bulletin"), ("period", &week)],
        )
        .await;
        assert_eq!(status, 403, "{who}");
        assert_eq!(page_status(&server, &cookie, "/staff/reports").await.0, 403);
    }
    // A stranger: asked to sign in, whatever the file.
    assert_eq!(reports(&server, "", &[]).await.0, 401);
    for file in [
        file.as_str(),
        "ranking-2026-11.xlsx",
        "x.xlsx",
        "..%2Fsecret.key",
    ] {
        assert_eq!(
            sheet(&server, "", file).await.status().as_u16(),
            401,
            "{file}"
        );
    }

    let supervisor = sign_in(&server, "supervisor").await;
    // A report not generated yet is offered for generating; an unknown one is not found.
    let (status, body) = reports(
        &server,
        &supervisor,
        &[("kind", "ranking"), ("period", "2025-03")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let view: ReportsView = body.json();
    assert_eq!(view.missing, Some((ReportKind::Ranking, "2025-03".into())));
    for file in [
        "ranking-2025-03.xlsx",
        "weekly-2026-W48.xlsx",
        "bulletin-2026-11.xlsx",
    ] {
        assert_eq!(
            sheet(&server, &supervisor, file).await.status().as_u16(),
            404,
            "{file}"
        );
    }
    // Wrong kind or period: 422 with what to write, from the function and on the page.
    for (kind, period, needle) in [
        ("weekly", "2026-W48", "周通报"),
        ("bulletin", "2026-11", "2026-W48"),
        ("ranking", "2026-W48", "2026-11"),
        ("ranking", "2026-13", "无法识别"),
    ] {
        let params = [("kind", kind), ("period", period)];
        let (status, body) = post(
            &server,
            &supervisor,
            "/api/fn/staff/generate_report",
            &params,
        )
        .await;
        assert_eq!(status, 422, "{params:?}: {body}");
        let (status, html) = page_status(
            &server,
            &supervisor,
            &format!("/staff/reports?kind={kind}&period={period}"),
        )
        .await;
        assert_eq!(status, 422, "{params:?}");
        assert!(
            html.contains(needle),
            "{params:?} should say {needle}: {html}"
        );
    }
    // The commands refuse the same, and say how they are used.
    for args in [
        vec!["bulletin", "--week", "2026-11"],
        vec!["ranking", "--month", "2026-W48"],
        vec!["ranking"],
        vec!["bulletin", "--month", "2026-11"],
    ] {
        let (ok, _, err) = server.try_command(&args);
        assert!(!ok, "{args:?}");
        assert!(
            err.contains("2026-W48") || err.contains("2026-11"),
            "{args:?}: {err}"
        );
    }
}
