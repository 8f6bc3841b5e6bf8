//! A citizen's report: the raw form (`ReportDraft`), the rules it must meet, and the checked
//! result (`ValidReport`). The browser runs `validate` as the citizen types; the server runs it
//! again as the authority.
use super::city::City;
use super::ticket::TicketKind;
use serde::{Deserialize, Serialize};

pub const DESCRIPTION_MIN_CHARS: usize = 10;
pub const DESCRIPTION_MAX_CHARS: usize = 2000;
pub const ADDRESS_MIN_CHARS: usize = 2;
pub const ADDRESS_MAX_CHARS: usize = 200;
pub const NAME_MAX_CHARS: usize = 40;
pub const MAX_PHOTOS: usize = 6;

/// The form as submitted: every value a string, exactly as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportDraft {
    pub kind: String,
    pub category: String,
    pub district: String,
    pub street: String,
    pub address: String,
    pub latitude: String,
    pub longitude: String,
    pub description: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub confidential: bool,
    pub publish_consent: bool,
    pub photo_count: usize,
}

/// Every form field a problem can be pinned to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Kind,
    Category,
    District,
    Street,
    Address,
    Position,
    Description,
    ContactName,
    ContactPhone,
    Photos,
    /// The submission as a whole (body too large, malformed upload).
    Form,
}

impl Field {
    /// The form and multipart field name.
    pub fn name(self) -> &'static str {
        match self {
            Field::Kind => "kind",
            Field::Category => "category",
            Field::District => "district",
            Field::Street => "street",
            Field::Address => "address",
            Field::Position => "position",
            Field::Description => "description",
            Field::ContactName => "contact_name",
            Field::ContactPhone => "contact_phone",
            Field::Photos => "photos",
            Field::Form => "form",
        }
    }
}

/// What is wrong with a field. Messages live in the i18n layer, in the user's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Problem {
    Required,
    TooShort {
        min: usize,
        actual: usize,
    },
    TooLong {
        max: usize,
        actual: usize,
    },
    UnknownChoice,
    StreetNotInDistrict,
    InvalidPhone,
    InvalidPosition,
    PositionOutsideCity,
    TooManyPhotos {
        max: usize,
    },
    /// `photo` counts from 1, as the citizen sees them.
    PhotoTooLarge {
        photo: usize,
        max_bytes: u64,
    },
    PhotoNotImage {
        photo: usize,
    },
    PhotoTypeMismatch {
        photo: usize,
        declared: String,
        actual: String,
    },
    PhotoUnreadable {
        photo: usize,
    },
    PhotoTooManyPixels {
        photo: usize,
        max_megapixels: u64,
    },
    BodyTooLarge {
        max_bytes: u64,
    },
    MalformedUpload,
    TooManySubmissions,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    #[serde(flatten)]
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: Field, problem: Problem) -> Self {
        Self { field, problem }
    }
}

/// A Chinese mobile number, normalised to its 11 digits (`13812345678`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MobilePhone(String);

impl MobilePhone {
    /// Accepts `138 1234 5678`, `138-1234-5678`, `+86 13812345678`, `8613812345678` and
    /// full-width digits.
    pub fn parse(input: &str) -> Option<Self> {
        let mut digits: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '－' | '(' | ')' | '+' | '＋'))
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            })
            .collect();
        if digits.len() == 13 && digits.starts_with("86") {
            digits.drain(..2);
        }
        let b = digits.as_bytes();
        let ok = b.len() == 11
            && b.iter().all(u8::is_ascii_digit)
            && b[0] == b'1'
            && (b'3'..=b'9').contains(&b[1]);
        ok.then_some(Self(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `138****5678`, for places that must show that a number exists without showing it.
    pub fn masked(&self) -> String {
        format!("{}****{}", &self.0[..3], &self.0[7..])
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Position {
    pub latitude: f64,
    pub longitude: f64,
}

/// A report that met every rule. Only the validator builds one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValidReport {
    pub kind: TicketKind,
    pub category: String,
    pub district: String,
    pub street: String,
    pub address: String,
    pub position: Option<Position>,
    pub description: String,
    pub contact_name: String,
    pub contact_phone: MobilePhone,
    pub confidential: bool,
    pub publish_consent: bool,
}

/// Trims, drops control characters (keeping line breaks and tabs) and normalises line ends.
pub fn clean_text(input: &str) -> String {
    input
        .replace("\r\n", "\n")
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect::<String>()
        .trim()
        .to_string()
}

fn single_line(input: &str) -> String {
    clean_text(input)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn check_length(errors: &mut Vec<FieldError>, field: Field, text: &str, min: usize, max: usize) {
    let actual = text.chars().count();
    let problem = if actual == 0 {
        Problem::Required
    } else if actual < min {
        Problem::TooShort { min, actual }
    } else if actual > max {
        Problem::TooLong { max, actual }
    } else {
        return;
    };
    errors.push(FieldError::new(field, problem));
}

fn parse_position(lat: &str, lng: &str) -> Result<Option<Position>, Problem> {
    let (lat, lng) = (lat.trim(), lng.trim());
    if lat.is_empty() && lng.is_empty() {
        return Ok(None);
    }
    let latitude: f64 = lat.parse().map_err(|_| Problem::InvalidPosition)?;
    let longitude: f64 = lng.parse().map_err(|_| Problem::InvalidPosition)?;
    let valid = latitude.is_finite()
        && longitude.is_finite()
        && (-90.0..=90.0).contains(&latitude)
        && (-180.0..=180.0).contains(&longitude);
    if valid {
        Ok(Some(Position {
            latitude,
            longitude,
        }))
    } else {
        Err(Problem::InvalidPosition)
    }
}

/// Checks every field and reports every problem at once, so the citizen fixes the form in one
/// pass.
pub fn validate(draft: &ReportDraft, city: &City) -> Result<ValidReport, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut fail = |field, problem| errors.push(FieldError::new(field, problem));

    let kind = match draft.kind.trim() {
        "" => {
            fail(Field::Kind, Problem::Required);
            None
        }
        code => {
            let kind = TicketKind::from_code(code);
            if kind.is_none() {
                fail(Field::Kind, Problem::UnknownChoice);
            }
            kind
        }
    };

    let category = draft.category.trim();
    if category.is_empty() {
        fail(Field::Category, Problem::Required);
    } else if city.category(category).is_none() {
        fail(Field::Category, Problem::UnknownChoice);
    }

    let district = draft.district.trim();
    let street = draft.street.trim();
    if district.is_empty() {
        fail(Field::District, Problem::Required);
    } else if city.district(district).is_none() {
        fail(Field::District, Problem::UnknownChoice);
    }
    if street.is_empty() {
        fail(Field::Street, Problem::Required);
    } else if city.district(district).is_some() && city.street(district, street).is_none() {
        fail(Field::Street, Problem::StreetNotInDistrict);
    }

    let position = match parse_position(&draft.latitude, &draft.longitude) {
        Ok(Some(p))
            if city
                .bounds
                .is_some_and(|b| !b.contains(p.latitude, p.longitude)) =>
        {
            fail(Field::Position, Problem::PositionOutsideCity);
            None
        }
        Ok(p) => p,
        Err(problem) => {
            fail(Field::Position, problem);
            None
        }
    };

    let phone_text = draft.contact_phone.trim();
    let phone = MobilePhone::parse(phone_text);
    if phone_text.is_empty() {
        fail(Field::ContactPhone, Problem::Required);
    } else if phone.is_none() {
        fail(Field::ContactPhone, Problem::InvalidPhone);
    }

    if draft.photo_count > MAX_PHOTOS {
        fail(Field::Photos, Problem::TooManyPhotos { max: MAX_PHOTOS });
    }

    let address = single_line(&draft.address);
    check_length(
        &mut errors,
        Field::Address,
        &address,
        ADDRESS_MIN_CHARS,
        ADDRESS_MAX_CHARS,
    );
    let description = clean_text(&draft.description);
    check_length(
        &mut errors,
        Field::Description,
        &description,
        DESCRIPTION_MIN_CHARS,
        DESCRIPTION_MAX_CHARS,
    );
    let contact_name = single_line(&draft.contact_name);
    check_length(
        &mut errors,
        Field::ContactName,
        &contact_name,
        1,
        NAME_MAX_CHARS,
    );

    match (kind, phone) {
        (Some(kind), Some(contact_phone)) if errors.is_empty() => Ok(ValidReport {
            kind,
            category: category.to_string(),
            district: district.to_string(),
            street: street.to_string(),
            address,
            position,
            description,
            contact_name,
            contact_phone,
            confidential: draft.confidential,
            publish_consent: draft.publish_consent,
        }),
        _ => Err(errors),
    }
}

/// The problems of one field, for showing next to it.
pub fn problems_of(errors: &[FieldError], field: Field) -> impl Iterator<Item = &Problem> {
    errors
        .iter()
        .filter(move |e| e.field == field)
        .map(|e| &e.problem)
}

#[cfg(test)]
mod tests {
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
        assert_eq!(report.contact_phone.as_str(), "13812345678");
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
    fn chinese_mobile_numbers_in_common_spellings_are_accepted() {
        for ok in [
            "13812345678",
            "+86 138-1234-5678",
            "8619912345678",
            "１３８１２３４５６７８",
            "(138) 1234 5678",
        ] {
            assert!(MobilePhone::parse(ok).is_some(), "{ok}");
        }
        for bad in [
            "1381234567",
            "12812345678",
            "23812345678",
            "138123456789",
            "0531-12345678",
            "phone",
        ] {
            assert!(MobilePhone::parse(bad).is_none(), "{bad}");
        }
        assert_eq!(
            MobilePhone::parse("13812345678").unwrap().masked(),
            "138****5678"
        );
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

    #[test]
    fn field_errors_serialise_with_a_machine_readable_code() {
        let e = FieldError::new(Field::Description, Problem::TooShort { min: 10, actual: 3 });
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["field"], "description");
        assert_eq!(json["code"], "too_short");
        assert_eq!(json["min"], 10);
        let back: FieldError = serde_json::from_value(json).unwrap();
        assert_eq!(back, e);
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
                publish_consent: false, photo_count,
            };
            // Never panics; a refusal always names at least one field.
            if let Err(errors) = validate(&draft, &tiny_city()) {
                proptest::prop_assert!(!errors.is_empty());
            }
        }
    }
}
