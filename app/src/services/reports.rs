//! 周通报 and 月排名: generated on demand (`server bulletin`, `server ranking`, the button on
//! `/staff/reports`) and on schedule (the week and the month just ended, by the `reports`
//! job), kept as generated, read as a printable page and as an `.xlsx` sheet.
use super::figures::{by_key, label};
use super::AppState;
use crate::model::figures::report::{
    CaseList, ListedCase, Report, ReportKind, ReportParts, ReportRow, LISTED_CASES,
};
use crate::model::figures::{Figures, NamedPeriod, PeriodError, Slice};
use crate::model::queue::Queue;
use crate::model::staff::Role;
use crate::services::staff::Staff;
use crate::storage::reports as stored;
use chrono::{DateTime, Utc};

/// Why a report cannot be made or read.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Only supervisors and administrators read and make reports.
    #[error("not a role that reads reports")]
    WrongRole,
    #[error("unknown report {0:?}: write bulletin (周通报) or ranking (月排名)")]
    Kind(String),
    #[error(transparent)]
    Period(#[from] PeriodError),
    #[error("no {kind} has been generated for {period}")]
    NotGenerated { kind: &'static str, period: String },
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error("stored report unreadable: {0}")]
    Body(#[from] serde_json::Error),
    #[error("writing the .xlsx sheet: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}

/// The report kind and period named by `kind` and `period` (both typed by a person).
pub fn named(kind: &str, period: &str) -> Result<(ReportKind, NamedPeriod), ReportError> {
    let kind = ReportKind::parse(kind.trim())
        .ok_or_else(|| ReportError::Kind(kind.chars().take(20).collect()))?;
    Ok((kind, kind.period(period)?))
}

fn may_read(staff: &Staff) -> Result<(), ReportError> {
    match staff.role {
        Role::Supervisor | Role::Admin => Ok(()),
        _ => Err(ReportError::WrongRole),
    }
}

/// Generates the report of `period` as of `now` and stores it (replacing an earlier one).
pub async fn generate(
    state: &AppState,
    kind: ReportKind,
    period: NamedPeriod,
    now: DateTime<Utc>,
) -> Result<Report, ReportError> {
    let report = build(state, kind, period, now).await?;
    stored::put(
        &state.db,
        kind.code(),
        &period.code(),
        now,
        &serde_json::to_string(&report)?,
    )
    .await?;
    Ok(report)
}

/// `generate` for a signed-in supervisor or administrator.
pub async fn generate_as(
    state: &AppState,
    staff: &Staff,
    kind: &str,
    period: &str,
    now: DateTime<Utc>,
) -> Result<Report, ReportError> {
    may_read(staff)?;
    let (kind, period) = named(kind, period)?;
    generate(state, kind, period, now).await
}

/// A stored report.
pub async fn read(
    state: &AppState,
    staff: &Staff,
    kind: &str,
    period: &str,
) -> Result<Report, ReportError> {
    may_read(staff)?;
    let (kind, period) = named(kind, period)?;
    let body = stored::get(&state.db, kind.code(), &period.code())
        .await?
        .ok_or_else(|| ReportError::NotGenerated {
            kind: kind.code(),
            period: period.code(),
        })?;
    Ok(serde_json::from_str(&body)?)
}

/// The newest stored reports.
pub async fn list(
    state: &AppState,
    staff: &Staff,
) -> Result<Vec<crate::model::figures::report::ReportEntry>, ReportError> {
    may_read(staff)?;
    Ok(stored::list(&state.db, 60)
        .await?
        .into_iter()
        .filter_map(|r| {
            Some(crate::model::figures::report::ReportEntry {
                kind: ReportKind::parse(&r.kind)?,
                period: r.period,
                generated_at: r.generated_at,
            })
        })
        .collect())
}

/// Generates the reports of the week and the month that have ended by `now` when they are
/// not stored yet (the scheduled job). Returns what it generated.
pub async fn generate_due(
    state: &AppState,
    now: DateTime<Utc>,
) -> Result<Vec<(ReportKind, String)>, ReportError> {
    let today = crate::model::time::beijing_date(now);
    let mut made = Vec::new();
    for kind in ReportKind::ALL {
        let period = kind.last_ended(today);
        if stored::get(&state.db, kind.code(), &period.code())
            .await?
            .is_none()
        {
            generate(state, kind, period, now).await?;
            made.push((kind, period.code()));
        }
    }
    Ok(made)
}

/// The figures of every department for the period, the period before and a year before, and
/// the overdue and 督办 lists as of `now`.
async fn build(
    state: &AppState,
    kind: ReportKind,
    period: NamedPeriod,
    now: DateTime<Utc>,
) -> Result<Report, ReportError> {
    let locale = crate::i18n::Locale::Zh;
    let read = |p: NamedPeriod| by_key(state, Slice::Department, p.period, now);
    let (previous, year_before) = (
        read(period.previous()).await?,
        read(period.year_before()).await?,
    );
    let before = |keys: &std::collections::BTreeMap<String, Figures>, key: &str| {
        keys.get(key).cloned().unwrap_or_default()
    };
    let rows = read(period)
        .await?
        .into_iter()
        .map(|(key, figures)| ReportRow {
            label: label(state, Slice::Department, &key, locale),
            previous: before(&previous, &key),
            year_before: before(&year_before, &key),
            figures,
            key,
            rank: None,
        })
        .collect();
    let today = crate::model::time::beijing_date(now);
    let list = |queue: Queue| async move {
        let rows =
            crate::storage::queues::queue(&state.db, queue, None, now, LISTED_CASES as i64, 0)
                .await?;
        let total = crate::storage::queues::queue_count(&state.db, queue, None, now).await?;
        let cases = rows
            .into_iter()
            .map(|r| {
                let due = match queue {
                    Queue::Supervised => r.supervision_due,
                    _ => r.reply_due.map(crate::model::time::beijing_date),
                };
                ListedCase {
                    ticket_no: r.ticket_no,
                    department: label(
                        state,
                        Slice::Department,
                        r.department.as_deref().unwrap_or(""),
                        locale,
                    ),
                    category: state.city.category_label(&r.category, locale),
                    district: state.city.district_label(&r.district, locale),
                    due,
                    days_late: due.map_or(0, |d| (today - d).num_days().max(0)),
                    level: r.level,
                }
            })
            .collect();
        Ok::<_, sqlx::Error>(CaseList {
            cases,
            total: total.max(0) as u64,
        })
    };
    Ok(Report::of(ReportParts {
        kind,
        period,
        generated_at: now,
        rows,
        previous: Figures::sum(previous.values()),
        year_before: Figures::sum(year_before.values()),
        overdue: list(Queue::Overdue).await?,
        supervised: list(Queue::Supervised).await?,
    }))
}

/// The report as an `.xlsx` workbook: the ranking with 环比 and 同比, the 红黑榜, the overdue
/// and the 督办 cases, one sheet each. Rates are numbers formatted as percentages, changes
/// numbers in percentage points (rates) or per cent (counts).
pub fn xlsx(report: &Report, locale: crate::i18n::Locale) -> Result<Vec<u8>, ReportError> {
    use crate::i18n::rates;
    use crate::model::figures::count_change;
    use rust_xlsxwriter::{Format, Workbook, Worksheet};
    let t = locale.figures();
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0.0%");
    let points = Format::new().set_num_format("+0.0;-0.0;0.0");
    let mut book = Workbook::new();
    let title = format!("{} {}", t.report_kind(report.kind), report.period.code());

    let sheet = book.add_worksheet();
    sheet.set_name(t.ranking_sheet)?;
    sheet.write_string_with_format(0, 0, &title, &bold)?;
    sheet.write_string(
        1,
        0,
        format!(
            "{} {} – {} · {} {}",
            t.period,
            report.period.period.first,
            report.period.period.last,
            t.generated,
            report.generated_at.format("%Y-%m-%d %H:%M UTC")
        ),
    )?;
    sheet.write_string(2, 0, t.rank_rule)?;
    // Header: rank, department, received, 环比 and 同比 of received, then each rate with its
    // 环比 and 同比 in points.
    let names = rates(&Figures::default(), t).map(|(name, _)| name);
    let mut head: Vec<String> = vec![
        t.rank.into(),
        t.slice(Slice::Department).into(),
        t.received.into(),
        format!("{} {}", t.received, t.previous),
        format!("{} {}", t.received, t.year_before),
    ];
    for name in names {
        head.push(name.into());
        head.push(format!("{name} {}", t.previous));
        head.push(format!("{name} {}", t.year_before));
    }
    let header_row = 4;
    for (c, h) in head.iter().enumerate() {
        sheet.write_string_with_format(header_row, c as u16, h, &bold)?;
    }
    let write_line = |sheet: &mut Worksheet,
                      r: u32,
                      rank: Option<u32>,
                      name: &str,
                      now: &Figures,
                      previous: &Figures,
                      year_before: &Figures|
     -> Result<(), rust_xlsxwriter::XlsxError> {
        match rank {
            Some(n) => sheet.write_number(r, 0, n)?,
            None => sheet.write_string(r, 0, t.not_ranked)?,
        };
        sheet.write_string(r, 1, name)?;
        sheet.write_number(r, 2, now.received as f64)?;
        let mut c = 3u16;
        for before in [previous, year_before] {
            if let Some(change) = count_change(now.received, before.received) {
                sheet.write_number_with_format(r, c, change as f64 / 1000.0, &percent)?;
            }
            c += 1;
        }
        for ((_, rate), ((_, p), (_, y))) in rates(now, t)
            .into_iter()
            .zip(rates(previous, t).into_iter().zip(rates(year_before, t)))
        {
            if let Some(m) = rate.per_mille() {
                sheet.write_number_with_format(r, c, m as f64 / 1000.0, &percent)?;
            }
            for (i, before) in [p, y].into_iter().enumerate() {
                if let Some(change) = rate.change_since(before) {
                    sheet.write_number_with_format(
                        r,
                        c + 1 + i as u16,
                        change as f64 / 10.0,
                        &points,
                    )?;
                }
            }
            c += 3;
        }
        Ok(())
    };
    let mut r = header_row + 1;
    for row in &report.rows {
        write_line(
            sheet,
            r,
            row.rank,
            &row.label,
            &row.figures,
            &row.previous,
            &row.year_before,
        )?;
        r += 1;
    }
    write_line(
        sheet,
        r,
        None,
        t.total,
        &report.total,
        &report.previous,
        &report.year_before,
    )?;
    sheet.autofit();

    let sheet = book.add_worksheet();
    sheet.set_name(t.honour_sheet)?;
    sheet.write_string_with_format(0, 0, t.red_list, &bold)?;
    sheet.write_string_with_format(0, 3, t.black_list, &bold)?;
    for (col, keys) in [(0u16, &report.red), (3, &report.black)] {
        for (i, key) in keys.iter().enumerate() {
            if let Some(row) = report.rows.iter().find(|r| &r.key == key) {
                let r = i as u32 + 1;
                if let Some(n) = row.rank {
                    sheet.write_number(r, col, n)?;
                }
                sheet.write_string(r, col + 1, &row.label)?;
                if let Some(m) = row.figures.satisfied.per_mille() {
                    sheet.write_number_with_format(r, col + 2, m as f64 / 1000.0, &percent)?;
                }
            }
        }
    }
    sheet.autofit();

    for (name, list) in [
        (t.overdue_sheet, &report.overdue),
        (t.supervised_sheet, &report.supervised),
    ] {
        let sheet = book.add_worksheet();
        sheet.set_name(name)?;
        sheet.write_string_with_format(0, 0, t.listed(list.cases.len(), list.total), &bold)?;
        for (c, h) in [
            t.ticket,
            t.slice(Slice::Department),
            t.slice(Slice::Category),
            t.slice(Slice::District),
            t.due,
            t.days_late,
            t.level,
        ]
        .into_iter()
        .enumerate()
        {
            sheet.write_string_with_format(1, c as u16, h, &bold)?;
        }
        for (i, case) in list.cases.iter().enumerate() {
            let r = i as u32 + 2;
            sheet.write_string(r, 0, &case.ticket_no)?;
            sheet.write_string(r, 1, &case.department)?;
            sheet.write_string(r, 2, &case.category)?;
            sheet.write_string(r, 3, &case.district)?;
            if let Some(due) = case.due {
                sheet.write_string(r, 4, due.to_string())?;
            }
            sheet.write_number(r, 5, case.days_late as f64)?;
            sheet.write_number(r, 6, case.level as f64)?;
        }
        sheet.autofit();
    }
    Ok(book.save_to_buffer()?)
}
