//! Report validation: what the citizen is told about each field.
use super::*;
use crate::model::city::tests::tiny_city;

fn good() -> ReportDraft {
    ReportDraft {
        kind: "complaint".into(),
        category: "utility.water".into(),
        district: "rencheng".into(),
        street: "guhuai".into(),
        address: "  古槐路 88 号  ".into(),
        latitude: "35.41".into(),
        longitude: "116.59".into(),
        description: "小区停水三天了，没有任何通知。".into(),
        contact_name: "张三".into(),
        contact_phone: "138 1234 5678".into(),
        confidential: true,
        publish_consent: false,
        photo_count: 2,
        seen_notices: String::new(),
        no_progress_sms: false,
        locale: String::new(),
    }
}

fn problems(draft: &ReportDraft) -> Vec<(Field, Problem)> {
    validate(draft, &tiny_city())
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|e| (e.field, e.problem))
        .collect()
}

#[test]
fn a_complete_report_is_accepted_and_normalised() {
    let report = validate(&good(), &tiny_city()).unwrap();
    assert_eq!(report.kind, TicketKind::Complaint);
    assert_eq!(report.address, "古槐路 88 号");
    assert_eq!(
        report.contact_phone.as_ref().map(MobilePhone::as_str),
        Some("13812345678")
    );
    assert_eq!(
        report.position,
        Some(Position {
            latitude: 35.41,
            longitude: 116.59
        })
    );
    assert!(report.confidential && !report.publish_consent);
}

#[test]
fn an_empty_form_lists_every_required_field_at_once() {
    let fields: Vec<Field> = problems(&ReportDraft::default())
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    for f in [
        Field::Kind,
        Field::Category,
        Field::District,
        Field::Street,
        Field::Address,
        Field::Description,
        Field::ContactName,
        Field::ContactPhone,
    ] {
        assert!(fields.contains(&f), "{f:?} missing from {fields:?}");
    }
    assert!(!fields.contains(&Field::Position), "position is optional");
}

#[test]
fn description_counts_characters_not_bytes() {
    let mut d = good();
    d.description = "停水停水停水停水停".into(); // 9 chars, 27 bytes
    assert_eq!(
        problems(&d),
        vec![(Field::Description, Problem::TooShort { min: 10, actual: 9 })]
    );
    d.description = "停".repeat(10);
    assert!(problems(&d).is_empty());
    d.description = "停".repeat(2000);
    assert!(problems(&d).is_empty());
    d.description = "停".repeat(2001);
    assert_eq!(
        problems(&d),
        vec![(
            Field::Description,
            Problem::TooLong {
                max: 2000,
                actual: 2001
            }
        )]
    );
}

#[test]
fn description_of_only_spaces_and_control_characters_is_empty() {
    let mut d = good();
    d.description = " \u{0}\u{7}   \n\t ".into();
    assert_eq!(problems(&d), vec![(Field::Description, Problem::Required)]);
}

#[test]
fn unknown_choices_and_a_street_of_another_district_are_refused() {
    let mut d = good();
    d.kind = "rant".into();
    d.category = "utility".into();
    d.street = "lucheng".into();
    assert_eq!(
        problems(&d),
        vec![
            (Field::Kind, Problem::UnknownChoice),
            (Field::Category, Problem::UnknownChoice),
            (Field::Street, Problem::StreetNotInDistrict),
        ]
    );
}

#[test]
fn position_is_optional_but_must_be_a_real_place_in_the_city() {
    let mut d = good();
    d.latitude.clear();
    d.longitude.clear();
    assert_eq!(validate(&d, &tiny_city()).unwrap().position, None);
    d.latitude = "35.5".into();
    assert_eq!(
        problems(&d),
        vec![(Field::Position, Problem::InvalidPosition)]
    );
    d.longitude = "NaN".into();
    assert_eq!(
        problems(&d),
        vec![(Field::Position, Problem::InvalidPosition)]
    );
    d.longitude = "200".into();
    assert_eq!(
        problems(&d),
        vec![(Field::Position, Problem::InvalidPosition)]
    );
    d.latitude = "39.9".into();
    d.longitude = "116.4".into();
    assert_eq!(
        problems(&d),
        vec![(Field::Position, Problem::PositionOutsideCity)]
    );
}

#[test]
fn more_than_six_photos_are_refused() {
    let mut d = good();
    d.photo_count = 6;
    assert!(problems(&d).is_empty());
    d.photo_count = 7;
    assert_eq!(
        problems(&d),
        vec![(Field::Photos, Problem::TooManyPhotos { max: 6 })]
    );
}

#[test]
fn names_and_addresses_are_folded_to_one_line() {
    let mut d = good();
    d.contact_name = " 欧阳\n  明 ".into();
    d.address = "古槐路\r\n88号".into();
    let r = validate(&d, &tiny_city()).unwrap();
    assert_eq!(r.contact_name, "欧阳 明");
    assert_eq!(r.address, "古槐路 88号");
    d.contact_name = "名".repeat(41);
    assert_eq!(
        problems(&d),
        vec![(
            Field::ContactName,
            Problem::TooLong {
                max: 40,
                actual: 41
            }
        )]
    );
}

proptest::proptest! {
    #[test]
    fn any_form_input_is_either_accepted_or_refused_field_by_field(
        kind in "\\PC{0,12}", category in "\\PC{0,24}", district in "\\PC{0,12}",
        street in "\\PC{0,24}", address in "\\PC{0,40}", latitude in "\\PC{0,12}",
        longitude in "\\PC{0,12}", description in "\\PC{0,80}", name in "\\PC{0,12}",
        phone in "\\PC{0,16}", photo_count in 0usize..10,
    ) {
        let draft = ReportDraft {
            kind, category, district, street, address, latitude, longitude, description,
            contact_name: name, contact_phone: phone, confidential: false,
            publish_consent: false, photo_count, seen_notices: String::new(),
            no_progress_sms: false, locale: String::new(),
        };
        // Never panics; a refusal always names at least one field.
        if let Err(errors) = validate(&draft, &tiny_city()) {
            proptest::prop_assert!(!errors.is_empty());
        }
    }
}
