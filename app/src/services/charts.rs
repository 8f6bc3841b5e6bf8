//! The figures' charts, drawn on the server as SVG (plotters): the weekly volume with the
//! on-time and satisfaction rates, and the satisfaction ranking as bars. No script, no font
//! files: the browser draws the text with its own fonts, and the page prints.
use crate::i18n::FigureTexts;
use crate::model::figures::{Figures, Rate};
use chrono::NaiveDate;
use plotters::prelude::*;

const BAR: RGBColor = RGBColor(0x1f, 0x6f, 0xb2);
const ON_TIME: RGBColor = RGBColor(0x2e, 0x7d, 0x32);
const SATISFIED: RGBColor = RGBColor(0xc6, 0x28, 0x28);
const FONT: &str = "sans-serif";

fn percent(rate: Rate) -> Option<f64> {
    rate.per_mille().map(|m| m as f64 / 10.0)
}

/// Weekly bars of cases received (left axis) and lines of 及时率 and 满意率 (right axis, %).
pub fn weekly(weeks: &[(NaiveDate, Figures)], t: &FigureTexts) -> String {
    let mut svg = String::new();
    if let Err(e) = draw_weekly(&mut svg, weeks, t) {
        tracing::warn!(error = %e, "weekly chart");
        svg.clear();
    }
    svg
}

fn draw_weekly(
    svg: &mut String,
    weeks: &[(NaiveDate, Figures)],
    t: &FigureTexts,
) -> Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::with_string(svg, (720, 320)).into_drawing_area();
    root.fill(&WHITE)?;
    let n = weeks.len().max(1) as f64;
    let top = weeks
        .iter()
        .map(|(_, f)| f.received)
        .max()
        .unwrap_or(0)
        .max(1) as f64
        * 1.15;
    let mut chart = ChartBuilder::on(&root)
        .margin(12)
        .x_label_area_size(28)
        .y_label_area_size(48)
        .right_y_label_area_size(44)
        .build_cartesian_2d(0f64..n, 0f64..top)?
        .set_secondary_coord(0f64..n, 0f64..100f64);
    let label = |x: &f64| {
        let i = x.floor() as usize;
        weeks
            .get(i)
            .filter(|_| (x - i as f64 - 0.5).abs() < 0.01)
            .map(|(d, _)| d.format("%m-%d").to_string())
            .unwrap_or_default()
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(weeks.len().min(14) * 2 + 1)
        .x_label_formatter(&label)
        .y_desc(t.received)
        .label_style((FONT, 13))
        .axis_desc_style((FONT, 13))
        .draw()?;
    chart
        .configure_secondary_axes()
        .y_label_formatter(&|y| format!("{y:.0}%"))
        .label_style((FONT, 13))
        .draw()?;
    chart.draw_series(weeks.iter().enumerate().map(|(i, (_, f))| {
        let x = i as f64;
        Rectangle::new(
            [(x + 0.15, 0.0), (x + 0.85, f.received as f64)],
            BAR.filled(),
        )
    }))?;
    for (name, color, rate) in [
        (
            t.on_time,
            ON_TIME,
            (|f: &Figures| f.on_time) as fn(&Figures) -> Rate,
        ),
        (t.satisfied, SATISFIED, |f: &Figures| f.satisfied),
    ] {
        let points: Vec<(f64, f64)> = weeks
            .iter()
            .enumerate()
            .filter_map(|(i, (_, f))| percent(rate(f)).map(|p| (i as f64 + 0.5, p)))
            .collect();
        chart
            .draw_secondary_series(LineSeries::new(points.clone(), color.stroke_width(2)))?
            .label(name)
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], color.stroke_width(2)));
        chart.draw_secondary_series(
            points
                .into_iter()
                .map(|p| Circle::new(p, 3, color.filled())),
        )?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.3))
        .label_font((FONT, 13))
        .draw()?;
    root.present()?;
    Ok(())
}

/// Horizontal bars of 满意率, best first, for the ranked rows (label, rate).
pub fn ranking(rows: &[(String, Rate)]) -> String {
    let mut svg = String::new();
    if let Err(e) = draw_ranking(&mut svg, rows) {
        tracing::warn!(error = %e, "ranking chart");
        svg.clear();
    }
    svg
}

fn draw_ranking(
    svg: &mut String,
    rows: &[(String, Rate)],
) -> Result<(), Box<dyn std::error::Error>> {
    let height = 40 + 28 * rows.len().max(1) as u32;
    let root = SVGBackend::with_string(svg, (720, height)).into_drawing_area();
    root.fill(&WHITE)?;
    let n = rows.len().max(1) as f64;
    let low = rows
        .iter()
        .filter_map(|(_, r)| percent(*r))
        .fold(100f64, f64::min);
    let start = ((low - 10.0) / 10.0).floor().clamp(0.0, 9.0) * 10.0;
    let mut chart = ChartBuilder::on(&root)
        .margin(12)
        .x_label_area_size(24)
        .y_label_area_size(220)
        .build_cartesian_2d(start..100f64, 0f64..n)?;
    let label = |y: &f64| {
        let i = y.floor() as usize;
        rows.len()
            .checked_sub(i + 1)
            .and_then(|j| rows.get(j))
            .filter(|_| (y - i as f64 - 0.5).abs() < 0.01)
            .map(|(l, r)| format!("{l}  {:.1}%", percent(*r).unwrap_or(0.0)))
            .unwrap_or_default()
    };
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(rows.len() * 2 + 1)
        .y_label_formatter(&label)
        .x_label_formatter(&|x| format!("{x:.0}%"))
        .label_style((FONT, 13))
        .draw()?;
    // Best at the top: row 0 is drawn highest.
    chart.draw_series(rows.iter().enumerate().map(|(i, (_, r))| {
        let y = n - 1.0 - i as f64;
        Rectangle::new(
            [
                (start, y + 0.2),
                (percent(*r).unwrap_or(start).max(start), y + 0.8),
            ],
            BAR.filled(),
        )
    }))?;
    root.present()?;
    Ok(())
}
