//! The notice rules: validation, what a notice covers, when it is in force.
use super::*;

fn city() -> City {
    crate::model::city::tests::tiny_city()
}

fn draft(city: &City) -> NoticeDraft {
    let d = &city.districts[0];
    NoticeDraft {
        kind: "water".into(),
        places: vec![d.streets[0].code.clone()],
        categories: vec![city.categories[0].children[0].code.clone()],
        starts: "2026-12-01T09:00".into(),
        ends: "2026-12-01T17:00".into(),
        text: "计划停水，无需重复反映".into(),
    }
}

#[test]
fn a_notice_whose_end_is_before_its_start_is_refused() {
    let city = city();
    let mut d = draft(&city);
    d.ends = "2026-12-01T08:00".into();
    assert_eq!(
        validate(&d, &city),
        Err(vec![NoticeProblem::EndBeforeStart])
    );
    d.ends = d.starts.clone();
    assert_eq!(
        validate(&d, &city),
        Err(vec![NoticeProblem::EndBeforeStart])
    );
    d.ends = "2028-12-01T08:00".into();
    assert_eq!(
        validate(&d, &city),
        Err(vec![NoticeProblem::TooLong { max_days: 366 }])
    );
}

#[test]
fn every_problem_of_a_notice_is_listed_at_once() {
    let city = city();
    let d = NoticeDraft {
        kind: "flood".into(),
        places: vec!["nowhere".into()],
        categories: vec!["nothing".into()],
        starts: "tomorrow".into(),
        ends: "1999-01-01T00:00".into(),
        text: "  ".into(),
    };
    assert_eq!(
        validate(&d, &city),
        Err(vec![
            NoticeProblem::Kind,
            NoticeProblem::Places,
            NoticeProblem::Categories,
            NoticeProblem::Starts,
            NoticeProblem::Ends,
            NoticeProblem::Text { max: 300 },
        ])
    );
    let no_place = NoticeDraft {
        places: vec![" ".into()],
        ..draft(&city)
    };
    assert_eq!(validate(&no_place, &city), Err(vec![NoticeProblem::Places]));
}

#[test]
fn times_are_read_as_beijing_wall_clock() {
    let city = city();
    let v = validate(&draft(&city), &city).unwrap();
    assert_eq!(v.starts_at.to_rfc3339(), "2026-12-01T01:00:00+00:00");
    assert_eq!(local_time_input(v.starts_at), "2026-12-01T09:00");
}

#[test]
fn a_street_notice_covers_its_street_and_a_report_that_knows_only_the_district() {
    let city = city();
    let d = &city.districts[0];
    let v = validate(&draft(&city), &city).unwrap();
    let leaf = city.categories[0].children[0].code.as_str();
    let street = d.streets[0].code.as_str();
    assert!(v.scope.covers(&city, Some(leaf), &d.code, Some(street)));
    assert!(v.scope.covers(&city, None, &d.code, Some(street)));
    assert!(v.scope.covers(&city, Some(leaf), &d.code, None));
    if let Some(other) = d.streets.get(1) {
        assert!(!v
            .scope
            .covers(&city, Some(leaf), &d.code, Some(&other.code)));
    }
    let other_district = &city.districts[1].code;
    assert!(!v.scope.covers(&city, Some(leaf), other_district, None));
    assert!(
        !v.scope
            .covers(&city, Some(leaf), other_district, Some(street)),
        "a street of another district is not this district's"
    );
    assert!(!v.scope.covers(&city, Some(leaf), "nowhere", Some(street)));
    let other_leaf = city.categories[0].children[1].code.as_str();
    assert!(!v
        .scope
        .covers(&city, Some(other_leaf), &d.code, Some(street)));
}

#[test]
fn a_group_or_no_category_covers_every_leaf_below_it() {
    let city = city();
    let d = &city.districts[0];
    let group = &city.categories[0];
    let scope = Scope {
        places: vec![d.code.clone()],
        categories: vec![group.code.clone()],
    };
    let (water, power) = (&group.children[0].code, &group.children[1].code);
    assert!(scope.covers(&city, Some(water), &d.code, Some(&d.streets[0].code)));
    assert!(scope.covers(&city, Some(power), &d.code, None));
    let water_only = Scope {
        places: vec![d.code.clone()],
        categories: vec![water.clone()],
    };
    assert!(!water_only.covers(&city, Some(power), &d.code, None));
    let every = Scope {
        places: vec![d.code.clone()],
        categories: vec![],
    };
    assert!(every.covers(&city, Some(power), &d.code, None));
}

#[test]
fn only_a_notice_in_force_matches_a_report() {
    let city = city();
    let v = validate(&draft(&city), &city).unwrap();
    let mut n = Notice {
        id: 1,
        kind: v.kind,
        scope: v.scope,
        starts_at: v.starts_at,
        ends_at: v.ends_at,
        text: v.text,
        published_at: v.starts_at,
        withdrawn_at: None,
    };
    let d = &city.districts[0];
    let leaf = city.categories[0].children[0].code.clone();
    let at = |h: u32| parse_local_time(&format!("2026-12-01T{h:02}:00")).unwrap();
    let hits = |n: &Notice, h| n.matches(&city, at(h), Some(&leaf), &d.code, None);
    assert!(!hits(&n, 8));
    assert_eq!(n.phase(at(8)), NoticePhase::Upcoming);
    assert!(n.is_public(at(8)));
    assert!(hits(&n, 9));
    assert!(hits(&n, 16));
    assert!(!hits(&n, 17));
    assert!(!n.is_public(at(17)));
    n.withdrawn_at = Some(at(10));
    assert!(!hits(&n, 12));
    assert!(!n.is_public(at(12)));
}

#[test]
fn notice_ids_from_a_browser_are_numbers_or_nothing() {
    assert_eq!(parse_ids("3, 1,3,x,-2,,99999999999999999999"), vec![1, 3]);
    assert_eq!(parse_ids(""), Vec::<i64>::new());
    assert_eq!(parse_ids(&"7,".repeat(10_000)), vec![7]);
}
