//! A new demo city with a year of history (issue 14, item 8: `MINSHENG_DEMO_HISTORY`, which
//! `make run` sets): the figure pages, the ranking and the public figures have a year to show,
//! written through the workflow so that the stored figures equal a rebuild from the events.
use crate::common;

use app::model::figures::public::PublicFigures;
use app::model::figures::{FiguresPage, NamedPeriod};
use common::staff::*;
use common::*;

#[tokio::test]
async fn a_new_demo_city_shows_a_year_of_figures_rankings_and_public_months() {
    let server = demo_server(&[
        ("MINSHENG_DEMO_HISTORY", "300"),
        ("RUST_LOG", "warn,server=info"),
    ]);
    let written = |server: &TestServer| {
        server
            .log_lines()
            .iter()
            .any(|l| l.contains("demo history written") || l.contains("demo history stopped"))
    };
    for _ in 0..1200 {
        if written(&server) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let log = server.log_text();
    assert!(log.contains("demo history written"), "{log}");

    let supervisor = sign_in(&server, "supervisor").await;
    let today = app::model::time::beijing_date(chrono::Utc::now());
    let figures = async |period: &str| {
        let (status, body) = post(
            &server,
            &supervisor,
            "/api/fn/staff/figures",
            &[("period", period), ("by", "department")],
        )
        .await;
        assert_eq!(status, 200, "{body}");
        body.json::<FiguresPage>()
    };
    // The last 365 days: 300 history cases (a few rejected) besides the demo's own.
    let year = format!("{}..{today}", today - chrono::Days::new(364));
    let page = figures(&year).await;
    let total = page.total.clone().unwrap();
    assert!(
        (280..=305).contains(&(total.received + total.rejected)),
        "{total:?}"
    );
    // Every month of the year has cases; the old ones are closed and most are rated.
    let eleven_months_ago = NamedPeriod::month_of(today - chrono::Days::new(330)).code();
    let old = figures(&eleven_months_ago).await.total.unwrap();
    assert!(old.received >= 15, "{old:?}");
    assert!(old.closed.num * 10 >= old.closed.den * 9, "{old:?}");
    assert!(old.rated.num * 10 >= old.rated.den * 7, "{old:?}");
    // Departments differ: several are ranked over the year, not all with the same rate, and
    // some answers came late, some were reopened.
    let ranked: Vec<u64> = page
        .rows
        .iter()
        .filter(|r| r.rank.is_some())
        .filter_map(|r| r.figures.satisfied.per_mille())
        .collect();
    assert!(ranked.len() >= 3, "{:?}", page.rows);
    assert!(ranked.iter().min() < ranked.iter().max(), "{ranked:?}");
    assert!(total.on_time.num < total.on_time.den, "{total:?}");
    assert!(total.first_time.num < total.first_time.den, "{total:?}");
    assert!(!page.weeks_chart.is_empty() && !page.ranking_chart.is_empty());

    // The public page of last month publishes figures (the city had enough cases).
    let last_month = NamedPeriod::month_of(today).previous().code();
    let (status, body) = post(&server, "", "/api/fn/figures", &[("month", &last_month)]).await;
    assert_eq!(status, 200, "{body}");
    let public: PublicFigures = body.json();
    assert!(public.total.received.is_some(), "{public:?}");

    // The year's hotspots count every day of it (eleven whole months from the monthly
    // counts, the days around them from the cases), against the 365 days before.
    assert!(!page.hotspots.is_empty());
    let db = server.database().await;
    let before = format!(
        "{}..{}",
        today - chrono::Days::new(729),
        today - chrono::Days::new(365)
    );
    let count = async |range: &str, p: &app::model::figures::hotspot::Place| -> u64 {
        let (first, last) = range.split_once("..").unwrap();
        let n: i64 = app::with_pool!(&db, |pool| {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM figure_cases WHERE accepted AND received_day >= $1 \
                 AND received_day <= $2 AND category = $3 AND district = $4 AND street = $5",
            )
            .bind(first)
            .bind(last)
            .bind(&p.category)
            .bind(&p.district)
            .bind(&p.street)
            .fetch_one(pool)
            .await
            .unwrap()
        });
        n as u64
    };
    for spot in &page.hotspots {
        assert_eq!(spot.cases, count(&year, &spot.place).await, "{spot:?}");
        assert_eq!(spot.before, count(&before, &spot.place).await, "{spot:?}");
    }
    // ...not only its last month's: the busiest places gathered cases before it.
    let recent = format!("{}..{today}", today - chrono::Days::new(30));
    let mut older = 0;
    for spot in &page.hotspots {
        older += spot.cases - count(&recent, &spot.place).await;
    }
    assert!(older > 0, "{:?}", page.hotspots);

    // Written through the workflow: the stored figures equal a rebuild from the events.
    server.command(&["figures", "rebuild"]);
    assert_eq!(figures(&year).await, page);
}
