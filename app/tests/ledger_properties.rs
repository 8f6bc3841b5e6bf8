//! The points ledger under random sequences of verdicts, payout batches and payments, on the
//! real SQLite storage, against a reference model written here from the rules alone: every
//! verdict awards what the model expects (the rate, cut to the day's and week's caps), every
//! batch holds exactly the payable awards not yet in one, every payment succeeds once, and at
//! the end each reporter's earned, in-batch and paid points and each batch's total match.
#![cfg(feature = "ssr")]
use app::model::reward::{award, week_of, NoAward, RewardRules, Verdict};
use app::model::{MobilePhone, TicketKind, ValidReport};
use app::storage::cases::{self, NewCase, NewSnap};
use app::storage::payouts;
use app::storage::rewards::{self, NewVerdict};
use app::storage::Db;
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use proptest::prelude::*;

const RULES: RewardRules = RewardRules {
    daily_cap: 10,
    weekly_cap: 24,
    fen_per_point: 50,
};
const REPORTERS: i64 = 3;
/// Reporter 3 never claimed (no real name, no payout account): batches leave their awards.
const UNCLAIMED: i64 = 3;

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
    /// Pay a batch that does not exist.
    PayUnknown,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0..REPORTERS, 0u64..12, 1u32..7, any::<bool>())
            .prop_map(|(r, d, rate, valid)| Op::Snap { r, d, rate, valid }),
        1 => Just(Op::Batch),
        1 => (0usize..8).prop_map(Op::Pay),
        1 => Just(Op::PayUnknown),
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
        let claimed = r != UNCLAIMED;
        app::with_pool!(db, |pool| {
            sqlx::query(
            "INSERT INTO reporters (id, mobile, nickname, password_hash, real_name, payout_account, created_at) \
             VALUES ($1, $2, $3, 'x', $4, $5, $6)",
        )
        .bind(r)
        .bind(format!("1370000000{r}"))
        .bind(format!("r{r}"))
        .bind(claimed.then_some("测试"))
        .bind(claimed.then(|| format!("ACCOUNT{r:04}")))
        .bind(Utc::now())
        .execute(pool)
        .await
        .unwrap();
        });
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
    let no = cases::insert(
        db,
        NewCase {
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
            notices: &[],
            progress_sms: None,
            key: None,
        },
        |_| "hash".into(),
    )
    .await
    .unwrap();
    app::with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT id FROM tickets WHERE ticket_no = $1"
    )
    .bind(no.as_str())
    .fetch_one(pool)
    .await
    .unwrap())
}

/// The rules, restated without the production code: what each step should do.
#[derive(Default)]
struct Model {
    /// (reporter, day, points, batch index)
    awards: Vec<(i64, NaiveDate, i64, Option<usize>)>,
    /// Whether each batch is paid.
    batches: Vec<bool>,
}

impl Model {
    fn earned(&self, r: i64, from: NaiveDate, to: NaiveDate) -> i64 {
        self.awards
            .iter()
            .filter(|a| a.0 == r && a.1 >= from && a.1 <= to)
            .map(|a| a.2)
            .sum()
    }

    /// The points a valid snap of `rate` by `r` on `day` earns: the rate, cut so neither the
    /// day's nor the week's total passes its cap.
    fn verdict(&mut self, r: i64, day: NaiveDate, rate: u32, valid: bool) -> Result<u32, NoAward> {
        if !valid {
            return Err(NoAward::NotValid);
        }
        let monday = day - Days::new(u64::from(day.weekday().num_days_from_monday()));
        let day_left = i64::from(RULES.daily_cap) - self.earned(r, day, day);
        let week_left = i64::from(RULES.weekly_cap) - self.earned(r, monday, monday + Days::new(6));
        let points = i64::from(rate).min(day_left).min(week_left).max(0);
        if points == 0 {
            return Err(NoAward::CapReached);
        }
        self.awards.push((r, day, points, None));
        Ok(points as u32)
    }

    /// A new batch takes every claimed reporter's award not in a batch; none, no batch.
    fn batch(&mut self) -> bool {
        let index = self.batches.len();
        let mut any = false;
        for a in self.awards.iter_mut() {
            if a.0 != UNCLAIMED && a.3.is_none() {
                a.3 = Some(index);
                any = true;
            }
        }
        if any {
            self.batches.push(false);
        }
        any
    }

    /// Paying succeeds once per batch.
    fn pay(&mut self, index: usize) -> bool {
        !std::mem::replace(&mut self.batches[index], true)
    }

    fn points(&self, r: i64) -> (i64, i64, i64) {
        let mine = self.awards.iter().filter(|a| a.0 == r);
        let in_batch = |paid: bool| {
            mine.clone()
                .filter(|a| a.3.is_some_and(|b| self.batches[b] == paid))
                .map(|a| a.2)
                .sum::<i64>()
        };
        (
            mine.clone().map(|a| a.2).sum(),
            in_batch(false),
            in_batch(true),
        )
    }

    fn batch_total(&self, index: usize) -> (i64, i64) {
        let items: Vec<_> = self.awards.iter().filter(|a| a.3 == Some(index)).collect();
        let mut reporters: Vec<i64> = items.iter().map(|a| a.0).collect();
        reporters.sort_unstable();
        reporters.dedup();
        (reporters.len() as i64, items.iter().map(|a| a.2).sum())
    }
}

async fn run(ops: Vec<Op>) -> Result<(), TestCaseError> {
    let (db, path) = fresh_db().await;
    let monday = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    let mut model = Model::default();
    let mut batches: Vec<i64> = Vec::new();
    for op in ops {
        match op {
            Op::Snap { r, d, rate, valid } => {
                let reporter = r + 1;
                let day = monday + Days::new(d);
                let at = day.and_hms_opt(2, 0, 0).unwrap().and_utc();
                let ticket = new_snap(&db, reporter, at).await;
                let verdict = if valid {
                    Verdict::Valid
                } else {
                    Verdict::Invalid
                };
                let outcome = rewards::record_verdict(
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
                .expect("a first verdict is recorded");
                prop_assert_eq!(
                    outcome,
                    model.verdict(reporter, day, rate, valid),
                    "verdict on day {} of reporter {}",
                    d,
                    reporter
                );
            }
            Op::Batch => {
                let made =
                    payouts::create_batch(&db, RULES.fen_per_point, "admin", Utc::now()).await;
                match (made, model.batch()) {
                    (Ok(id), true) => batches.push(id),
                    (Err(payouts::BatchError::NothingToPay), false) => {}
                    (made, expected) => {
                        prop_assert!(false, "batch: {made:?}, model expected one: {expected}")
                    }
                }
            }
            Op::Pay(n) if !batches.is_empty() => {
                let index = n % batches.len();
                let paid =
                    payouts::mark_paid(&db, batches[index], "admin", monday, Utc::now()).await;
                match (paid, model.pay(index)) {
                    (Ok(()), true) | (Err(payouts::BatchError::AlreadyPaid), false) => {}
                    (paid, expected) => {
                        prop_assert!(false, "pay: {paid:?}, model expected success: {expected}")
                    }
                }
            }
            Op::Pay(_) => {}
            Op::PayUnknown => {
                let paid = payouts::mark_paid(&db, 1_000_000, "admin", monday, Utc::now()).await;
                prop_assert!(
                    matches!(paid, Err(payouts::BatchError::NotFound)),
                    "{paid:?}"
                );
            }
        }
    }
    for r in 1..=REPORTERS {
        let points = rewards::points(&db, r).await.unwrap();
        let (earned, in_batch, paid) = model.points(r);
        prop_assert_eq!(points.earned, earned, "earned of reporter {}", r);
        prop_assert_eq!(points.in_batch, in_batch, "in a batch, reporter {}", r);
        prop_assert_eq!(points.paid, paid, "paid to reporter {}", r);
        prop_assert_eq!(
            rewards::ledger_sum(&db, r).await.unwrap(),
            earned - paid,
            "the ledger's sum is the balance"
        );
    }
    for (index, id) in batches.iter().enumerate() {
        let row = payouts::batch(&db, *id).await.unwrap().expect("batch row");
        prop_assert_eq!((row.reporters, row.points), model.batch_total(index));
        prop_assert_eq!(
            row.paid_at.is_some(),
            model.batches[index],
            "batch {} paid",
            index
        );
    }
    let payouts_rows: i64 = app::with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM points_ledger WHERE kind = 'payout'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    let expected_rows: usize = (0..model.batches.len())
        .filter(|b| model.batches[*b])
        .map(|b| model.batch_total(b).0 as usize)
        .sum();
    prop_assert_eq!(
        payouts_rows as usize,
        expected_rows,
        "one payout row per reporter and paid batch"
    );
    db.close().await;
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
