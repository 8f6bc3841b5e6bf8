//! How figures are written on the figure pages and in the reports: a rate as a percentage
//! with one decimal, a change with its sign, the rates in the tables' column order.
use crate::i18n::{rates, use_locale, FigureTexts};
use crate::model::figures::{count_change, Figures, Rate};
use leptos::prelude::*;

/// A rate as a percentage with one decimal ("92.7%"), or a dash without cases.
pub fn percent(rate: Rate, t: &FigureTexts) -> String {
    match rate.per_mille() {
        Some(m) => format!("{}.{}%", m / 10, m % 10),
        None => t.no_rate.to_string(),
    }
}

/// The change of a count against an earlier one ("+12.5%"), or a dash.
pub fn count_change_text(now: u64, before: u64) -> String {
    count_change(now, before).map_or_else(|| "—".into(), |n| signed_tenths(n, "%"))
}

/// The change of a rate in percentage points ("+1.2"), or a dash.
pub fn rate_change_text(now: Rate, before: Rate) -> String {
    now.change_since(before)
        .map_or_else(|| "—".into(), |n| signed_tenths(n, ""))
}

fn signed_tenths(n: i64, unit: &str) -> String {
    let sign = match n.signum() {
        1 => "+",
        -1 => "−",
        _ => "±",
    };
    let n = n.unsigned_abs();
    format!("{sign}{}.{}{unit}", n / 10, n % 10)
}

/// The figures of every case in the period (or the head's department), with 环比 and 同比.
#[component]
pub fn Summary(now: Figures, previous: Figures, year_before: Figures) -> impl IntoView {
    let locale = use_locale();
    let t = locale.figures();
    let rows = rates(&now, t)
        .into_iter()
        .zip(rates(&previous, t))
        .zip(rates(&year_before, t))
        .map(|(((name, r), (_, p)), (_, y))| {
            (
                name,
                percent(r, t),
                rate_change_text(r, p),
                rate_change_text(r, y),
            )
        })
        .collect::<Vec<_>>();
    view! {
        <table class="figures-summary" data-testid="figures-summary">
            <thead><tr><th scope="col"></th><th scope="col"></th><th scope="col">{t.previous}</th><th scope="col">{t.year_before}</th></tr></thead>
            <tbody>
                <tr data-testid="summary-received">
                    <th scope="row">{t.received}</th>
                    <td class="num">{now.received}</td>
                    <td class="num">{count_change_text(now.received, previous.received)}</td>
                    <td class="num">{count_change_text(now.received, year_before.received)}</td>
                </tr>
                {rows.into_iter().map(|(name, value, p, y)| view! {
                    <tr>
                        <th scope="row">{name}</th>
                        <td class="num">{value}</td>
                        <td class="num">{p}</td>
                        <td class="num">{y}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
