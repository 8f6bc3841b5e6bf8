//! Fuzzing by property: arbitrary and mutated input into every parser a stranger reaches —
//! query strings, form fields, the redactor, the photo pipeline — never panics, and what the
//! parsers accept stays inside their bounds. `bench/fuzz` runs the same properties with many
//! more cases (`PROPTEST_CASES`); crashers found there become cases in `regressions()` below.
#![cfg(feature = "ssr")]

use app::model::board::Month;
use app::model::position::Position;
use app::model::redact::{mask_identity, redact_public, Known};
use app::model::reward::parse_nickname;
use app::model::time::{parse_day, FIRST_YEAR, LAST_YEAR};
use app::model::url::same_site_path;
use app::model::{QueryCode, TicketNo};
use app::services::photos::{inspect, process, Upload};
use app::services::UploadLimits;
use chrono::Datelike;
use proptest::prelude::*;

fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Everything a query string or form field can carry, biased towards what breaks parsers:
/// digits, dashes, signs, full-width forms, control characters, very long numbers.
fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9+\\-:/ .]{0,24}",
        "[+-]?[0-9]{1,12}-[0-9]{1,4}(-[0-9]{1,4})?",
        "[\\x00-\\x1f/\\\\%a-z.]{0,16}",
        "[０-９－／]{0,16}",
    ]
}

/// Checks one query-string or form value against every parser.
fn parse_everything(s: &str) {
    if let Some(m) = Month::parse(s) {
        // The months around it exist: the board and leaderboard compute them.
        let first = m.first_day();
        assert!((FIRST_YEAR..=LAST_YEAR).contains(&first.year()));
        let _ = m.next().first_day();
        let _ = app::model::calendar::end_of_day(first);
    }
    if let Some(d) = parse_day(s) {
        assert!((FIRST_YEAR..=LAST_YEAR).contains(&d.year()));
        let _ = app::model::calendar::end_of_day(d);
    }
    if let Ok(no) = TicketNo::parse(s) {
        let _ = no.day();
    }
    let _ = QueryCode::parse(s);
    if let Some(p) = same_site_path(s) {
        assert!(p.starts_with('/') && !p.starts_with("//"));
        assert!(!p.chars().any(|c| c.is_control() || c == '\\'));
    }
    let _ = Position::parse(s, s);
    let _ = parse_nickname(s);
    let _ = app::services::followup::parse_handle(s);
    let _ = app::components::flash::parse(s);
}

proptest! {
    #![proptest_config(cases(3000))]

    #[test]
    fn no_query_string_or_form_value_panics_a_parser(s in hostile_text()) {
        parse_everything(&s);
    }

    #[test]
    fn the_redactor_takes_any_text(text in any::<String>(), name in "\\PC{0,6}", number in "[0-9 -]{0,14}") {
        let known = Known { names: &[name.as_str()], numbers: &[number.as_str()] };
        let _ = redact_public(&text, &known);
        let _ = mask_identity(&text, &known);
    }
}

/// A small valid picture of each format, to mutate.
fn seeds() -> Vec<(Vec<u8>, &'static str)> {
    let img = image::RgbImage::from_fn(48, 32, |x, y| {
        image::Rgb([(x * 5) as u8, (y * 7) as u8, 90])
    });
    let mut out = Vec::new();
    for (format, mime) in [
        (image::ImageFormat::Jpeg, "image/jpeg"),
        (image::ImageFormat::Png, "image/png"),
        (image::ImageFormat::WebP, "image/webp"),
    ] {
        let mut bytes = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(img.clone())
            .write_to(&mut bytes, format)
            .expect("encode seed");
        out.push((bytes.into_inner(), mime));
    }
    out
}

/// Runs the photo pipeline as the intake does: the cheap checks, then the decode.
fn pipeline(bytes: Vec<u8>, mime: &str) {
    let limits = UploadLimits {
        max_pixels: 4_000_000,
        ..UploadLimits::default()
    };
    let upload = Upload {
        file_name: None,
        content_type: Some(mime.to_string()),
        bytes,
    };
    if let Ok(inspected) = inspect(1, &upload, &limits) {
        if let Ok(done) = process(1, &inspected, &limits) {
            assert!(done.width.max(done.height) <= limits.display_px);
            assert!(!done.thumb.is_empty());
        }
    }
}

proptest! {
    #![proptest_config(cases(400))]

    #[test]
    fn no_mutated_photo_panics_the_pipeline(
        seed in 0usize..3,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..12),
        cut in proptest::option::of(any::<prop::sample::Index>()),
    ) {
        let (mut bytes, mime) = seeds().swap_remove(seed);
        for (at, value) in edits {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()).max(1));
        }
        pipeline(bytes, mime);
    }

    #[test]
    fn no_arbitrary_bytes_panic_the_pipeline(bytes in proptest::collection::vec(any::<u8>(), 0..4096), mime in prop_oneof![Just("image/jpeg"), Just("image/png"), Just("image/webp")]) {
        pipeline(bytes, mime);
    }
}

/// Inputs that once crashed a worker (kept so they never do again).
#[test]
fn regressions() {
    for s in [
        "262142-12",
        "+262142-12",
        "-262143-01",
        "262142-12-31",
        "/\t/evil.com",
        "%F0%9F",
        "20261301-000001",
        "99999999-999999",
    ] {
        parse_everything(s);
    }
}
