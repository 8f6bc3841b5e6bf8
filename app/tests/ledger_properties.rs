//! The points ledger under random sequences of verdicts, payout batches and payments, on the
//! real SQLite storage: every balance is the ledger's sum, no award is paid twice, and the
//! daily and weekly caps hold whatever the order.
#![cfg(feature = "ssr")]
use app::model::reward::{award, week_of, RewardRules, Verdict};
use app::model::{MobilePhone, TicketKind, ValidReport};
use app::storage::payouts;
use app::storage::rewards::{self, NewVerdict};
use app::storage::tickets::{self, NewSnap, NewTicket};
use app::storage::Db;
use chrono::{DateTime, Days, NaiveDate, Utc};
use proptest::prelude::*;

const RULES: RewardRules = RewardRules {
    daily_cap: 10,
    weekly_cap: 24,
    fen_per_point: 50,
};
const REPORTERS: i64 = 3;

#[derive(Clone, Debug)]
enum Op {
    /// A snap by reporter `r` on day `d` (from a Monday) of category rate `rate`, verified
    /// valid or not.
    Snap {
        r: i64,
        d: u64,
        rate: u32,
        valid: bool,
    },
    Batch,
    /// Pay the n-th batch (modulo the batches so far).
    Pay(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0..REPORTERS, 0u64..12, 1u32..7, any::<bool>())
            .prop_map(|(r, d, rate, valid)| Op::Snap { r, d, rate, valid }),
        1 => Just(Op::Batch),
        1 => (0usize..8).prop_map(Op::Pay),
    ]
}

async fn fresh_db() -> (Db, std::path::PathBuf) {
    let path = std::env::temp_dir().join(format!(
        "minsheng-ledger-{}-{}.db",
        std::process::id(),
        rand_suffix()
    ));
    let db = Db::open(&format!("sqlite://{}", path.display()))
        .await
        .expect("database");
    for r in 1..=REPORTERS {
        sqlx::query(
            "INSERT INTO reporters (id, mobile, nickname, password_hash, real_name, payout_account, created_at) \
             VALUES ($1, $2, $3, 'x', '测试', $4, $5)",
        )
        .bind(r)
        .bind(format!("1370000000{r}"))
        .bind(format!("r{r}"))
        .bind(format!("ACCOUNT{r:04}"))
        .bind(Utc::now())
        .execute(&db.pool)
        .await
        .unwrap();
    }
    (db, path)
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed) ^ (Utc::now().timestamp_nanos_opt().unwrap_or(0) as u64)
}

async fn new_snap(db: &Db, reporter: i64, at: DateTime<Utc>) -> i64 {
    let report = ValidReport {
        kind: TicketKind::Report,
        category: "city.appearance".into(),
        district: "rencheng".into(),
        street: String::new(),
        address: String::new(),
        position: None,
        description: "随手拍：乱堆乱放".into(),
        contact_name: format!("r{reporter}"),
        contact_phone: MobilePhone::parse("13700000001"),
        confidential: true,
        publish_consent: false,
    };
    let no = tickets::insert(
        db,
        NewTicket {
            report: &report,
            day: at.date_naive(),
            created_at: at,
            channel: "snap",
            photos: &[],
            snap: Some(NewSnap {
                reporter_id: Some(reporter),
                snap_category: "snap-clutter",
                exact_repeat_of: None,
                matches: &[],
            }),
        },
        |_| "hash".into(),
    )
    .await
    .unwrap();
    sqlx::query_scalar("SELECT id FROM tickets WHERE ticket_no = $1")
        .bind(no.as_str())
        .fetch_one(&db.pool)
        .await
        .unwrap()
}

async fn run(ops: Vec<Op>) -> Result<(), TestCaseError> {
    let (db, path) = fresh_db().await;
    let monday = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    let mut batches: Vec<i64> = Vec::new();
    for op in ops {
        match op {
            Op::Snap { r, d, rate, valid } => {
                let day = monday + Days::new(d);
                let at = day.and_hms_opt(2, 0, 0).unwrap().and_utc();
                let ticket = new_snap(&db, r + 1, at).await;
                let verdict = if valid {
                    Verdict::Valid
                } else {
                    Verdict::Invalid
                };
                rewards::record_verdict(
                    &db,
                    NewVerdict {
                        ticket_id: ticket,
                        verdict: verdict.code(),
                        note: "",
                        by: "operator",
                        at,
                        day,
                        week: week_of(day),
                    },
                    |reporter, earned| {
                        award(verdict, reporter.is_some(), false, rate, earned, &RULES)
                    },
                )
                .await
                .unwrap()
                .ok();
            }
            Op::Batch => {
                if let Ok(id) =
                    payouts::create_batch(&db, RULES.fen_per_point, "admin", Utc::now()).await
                {
                    batches.push(id);
                }
            }
            Op::Pay(n) if !batches.is_empty() => {
                let id = batches[n % batches.len()];
                // Paying twice is refused; that is part of what is checked.
                let _ = payouts::mark_paid(&db, id, "admin", monday, Utc::now()).await;
            }
            Op::Pay(_) => {}
        }
    }
    let scalar = |sql: &'static str| {
        let db = db.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&db.pool)
                .await
                .unwrap()
        }
    };
    for r in 1..=REPORTERS {
        let points = rewards::points(&db, r).await.unwrap();
        let sum = rewards::ledger_sum(&db, r).await.unwrap();
        prop_assert_eq!(points.balance(), sum, "balance = sum of the ledger");
        prop_assert!(points.unpaid() >= 0 && points.in_batch >= 0 && points.paid >= 0);
        prop_assert!(points.paid + points.in_batch <= points.earned);
    }
    prop_assert_eq!(
        scalar("SELECT COUNT(*) FROM (SELECT award_id FROM payout_items GROUP BY award_id HAVING COUNT(*) > 1)").await,
        0,
        "no award in two batches"
    );
    prop_assert_eq!(
        scalar(
            "SELECT COALESCE(SUM(l.points), 0) FROM payout_items i JOIN points_ledger l ON l.id = i.award_id \
             JOIN payout_batches b ON b.id = i.batch_id WHERE b.paid_at IS NOT NULL"
        )
        .await,
        -scalar("SELECT COALESCE(SUM(points), 0) FROM points_ledger WHERE kind = 'payout'").await,
        "what was paid is exactly the awards of paid batches"
    );
    prop_assert_eq!(
        scalar("SELECT COUNT(*) FROM (SELECT batch_id, reporter_id FROM points_ledger WHERE kind = 'payout' GROUP BY batch_id, reporter_id HAVING COUNT(*) > 1)").await,
        0,
        "a batch pays a reporter once"
    );
    let per_day: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT reporter_id, day, SUM(points) FROM points_ledger WHERE kind = 'award' GROUP BY reporter_id, day",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    for (r, day, points) in &per_day {
        prop_assert!(
            *points <= i64::from(RULES.daily_cap),
            "daily cap: {r} {day} {points}"
        );
        let d = NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
        let (from, to) = week_of(d);
        let week: i64 = per_day
            .iter()
            .filter(|(r2, day2, _)| {
                let d2 = NaiveDate::parse_from_str(day2, "%Y-%m-%d").unwrap();
                r2 == r && d2 >= from && d2 <= to
            })
            .map(|(_, _, p)| p)
            .sum();
        prop_assert!(
            week <= i64::from(RULES.weekly_cap),
            "weekly cap: {r} {week}"
        );
    }
    db.pool.close().await;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn ledger_invariants_hold_for_any_sequence_of_verdicts_batches_and_payments(
        ops in proptest::collection::vec(op(), 1..60)
    ) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(run(ops))?;
    }
}
