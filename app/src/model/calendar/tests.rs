use super::*;

/// The national 2026 calendar as shipped with the server.
fn cn_2026() -> CalendarYear {
    CalendarYear {
        year: 2026,
        holidays: [
            (1, 1..=3),
            (2, 15..=23),
            (4, 4..=6),
            (5, 1..=5),
            (6, 19..=21),
            (9, 25..=27),
            (10, 1..=7),
        ]
        .into_iter()
        .flat_map(|(m, days)| days.map(move |d| date(m, d)))
        .collect(),
        workdays: vec![
            date(1, 4),
            date(2, 14),
            date(2, 28),
            date(5, 9),
            date(9, 20),
            date(10, 10),
        ],
    }
}

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn beijing_time(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&format!("{s}+08:00"))
        .unwrap()
        .to_utc()
}

fn calendar() -> WorkCalendar {
    WorkCalendar::from_years([&cn_2026()]).unwrap()
}

/// The data file the server ships (TOML is read on the server only).
#[cfg(feature = "ssr")]
#[test]
fn the_shipped_2026_calendar_file_is_the_state_council_notice() {
    let file: CalendarFile =
        toml::from_str(include_str!("../../../calendar/cn-2026.toml")).unwrap();
    assert_eq!(file.years, vec![cn_2026()]);
    assert_eq!(file.years[0].holidays.len(), 33);
}

#[test]
fn weekends_and_holidays_do_not_count_and_make_up_saturdays_do() {
    let c = calendar();
    assert!(!c.is_working_day(date(11, 21)), "an ordinary Saturday");
    assert!(c.is_working_day(date(11, 23)), "an ordinary Monday");
    assert!(!c.is_working_day(date(10, 5)), "National Day, a Monday");
    assert!(c.is_working_day(date(10, 10)), "make-up Saturday");
    assert!(c.is_working_day(date(9, 20)), "make-up Sunday");
    // Friday 20 Nov + 4 working days: Mon 23 … Thu 26.
    let due = c.due_at(beijing_time("2026-11-20T10:00:00"), 4);
    assert_eq!(due, beijing_time("2026-11-27T00:00:00"));
}

#[test]
fn a_case_dispatched_at_2359_on_the_eve_of_labour_day_is_due_after_the_make_up_saturday() {
    let c = calendar();
    // 1–5 May off; Wed 6, Thu 7, Fri 8 and the make-up Saturday 9 May are the 4 days.
    let eve = c.due_at(beijing_time("2026-04-30T23:59:00"), 4);
    assert_eq!(eve, beijing_time("2026-05-10T00:00:00"));
    assert_eq!(c.due_at(beijing_time("2026-04-30T09:00:00"), 4), eve);
    // One minute later it is a holiday: day 0 is 1 May and the count is the same.
    assert_eq!(c.due_at(beijing_time("2026-05-01T00:00:00"), 4), eve);
    // Counted in Beijing time: 16:30 UTC on 30 April is already 1 May there.
    let utc = DateTime::parse_from_rfc3339("2026-04-30T16:30:00Z")
        .unwrap()
        .to_utc();
    assert_eq!(c.due_at(utc, 4), eve);
}

#[test]
fn spring_festival_hand_back_and_reply_deadlines() {
    let c = calendar();
    let dispatched = beijing_time("2026-02-13T10:00:00"); // Friday before the festival
    let limits = Limits::default();
    // Hand back within 1 working day: the make-up Saturday 14 Feb.
    assert_eq!(
        c.due_at(dispatched, limits.hand_back),
        beijing_time("2026-02-15T00:00:00")
    );
    // Reply within 4: Sat 14, then 15–23 off, Tue 24, Wed 25, Thu 26.
    assert_eq!(
        c.due_at(dispatched, limits.reply_days("city.road-occupation")),
        beijing_time("2026-02-27T00:00:00")
    );
    // Water, power, gas and heating within 2: Sat 14 and Tue 24.
    assert_eq!(
        c.due_at(dispatched, limits.reply_days("utility.water")),
        beijing_time("2026-02-25T00:00:00")
    );
}

#[test]
fn a_city_can_add_its_own_holiday_and_working_day() {
    let city = CalendarYear {
        year: 2026,
        holidays: vec![date(11, 23)], // a local festival, Monday
        workdays: vec![date(10, 7)],  // a local working day inside National Day
    };
    let c = WorkCalendar::from_years([&cn_2026(), &city]).unwrap();
    assert!(!c.is_working_day(date(11, 23)));
    assert!(c.is_working_day(date(10, 7)));
    assert_eq!(
        c.due_at(beijing_time("2026-11-20T10:00:00"), 1),
        beijing_time("2026-11-25T00:00:00")
    );
}

#[test]
fn a_calendar_file_with_contradictions_or_dates_of_another_year_is_refused() {
    let mut both = cn_2026();
    both.workdays.push(date(1, 2));
    assert_eq!(
        WorkCalendar::from_years([&both]),
        Err(CalendarError::BothHolidayAndWorkday(date(1, 2)))
    );
    let mut wrong_year = cn_2026();
    wrong_year.year = 2027;
    assert!(matches!(
        WorkCalendar::from_years([&wrong_year]),
        Err(CalendarError::OutsideYear { .. })
    ));
}

#[test]
fn years_without_a_published_calendar_count_monday_to_friday() {
    let c = calendar();
    assert!(c.covers(2026) && !c.covers(2027));
    let due = c.due_at(beijing_time("2027-01-01T12:00:00"), 1); // a Friday
    assert_eq!(due, beijing_time("2027-01-05T00:00:00"));
}

#[test]
fn countdown_is_in_working_days_and_negative_when_overdue() {
    let c = calendar();
    let due = c.due_at(beijing_time("2026-04-30T15:00:00"), 4); // end of Sat 9 May
    assert_eq!(
        c.working_days_left(beijing_time("2026-04-30T15:00:00"), due),
        4
    );
    assert_eq!(
        c.working_days_left(beijing_time("2026-05-03T12:00:00"), due),
        4
    );
    assert_eq!(
        c.working_days_left(beijing_time("2026-05-09T23:59:00"), due),
        0
    );
    assert_eq!(
        c.working_days_left(beijing_time("2026-05-10T09:00:00"), due),
        0
    );
    assert_eq!(
        c.working_days_left(beijing_time("2026-05-11T09:00:00"), due),
        -1
    );
}

proptest::proptest! {
    #[test]
    fn a_deadline_is_the_end_of_a_working_day_exactly_n_working_days_later(
        day in 0u32..730, minute in 0u32..1440, n in 1u32..15,
    ) {
        let c = calendar();
        let start = beijing_time("2026-01-01T00:00:00")
            + chrono::Duration::days(day.into())
            + chrono::Duration::minutes(minute.into());
        let due = c.due_at(start, n);
        proptest::prop_assert!(due > start);
        let last = beijing_date(due - chrono::Duration::seconds(1));
        proptest::prop_assert!(c.is_working_day(last));
        proptest::prop_assert_eq!(c.working_days_left(start, due), i64::from(n));
        proptest::prop_assert_eq!(due.with_timezone(&beijing()).time(), NaiveTime::MIN);
    }
}
