//! A snap report (随手拍): photo, position (or district and street), one of the big category
//! buttons and an optional line of text. It becomes an ordinary report (`ValidReport`) filed
//! under the button's category, kept confidential from the department.
use super::city::City;
use super::phone::MobilePhone;
use super::problem::{Field, FieldError, Problem};
use super::report::{check_place, check_position, choice, clean_text, ValidReport};
use super::ticket::TicketKind;
use serde::{Deserialize, Serialize};

/// The optional line of text.
pub const SNAP_TEXT_MAX_CHARS: usize = 100;
/// Photos per snap report.
pub const SNAP_MAX_PHOTOS: usize = 3;

/// The snap form as sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SnapDraft {
    /// A snap category code (`snap-stall`).
    pub category: String,
    pub district: String,
    /// Optional when a position is given.
    pub street: String,
    pub latitude: String,
    pub longitude: String,
    pub text: String,
    pub photo_count: usize,
    /// The notices `/snap` showed before it was sent (`ReportDraft::seen_notices`).
    #[serde(default)]
    pub seen_notices: String,
    /// `ReportDraft::no_progress_sms`.
    #[serde(default)]
    pub no_progress_sms: bool,
    /// `ReportDraft::locale`.
    #[serde(default)]
    pub locale: String,
}

/// The signed-in reporter a snap is sent by: their nickname and verified mobile become the
/// case's contact.
#[derive(Clone, Debug, PartialEq)]
pub struct SnapContact {
    pub nickname: String,
    pub mobile: MobilePhone,
}

/// Checks a snap and turns it into a report. Every problem is listed at once.
pub fn validate_snap(
    draft: &SnapDraft,
    city: &City,
    contact: Option<&SnapContact>,
) -> Result<ValidReport, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut fail = |field, problem| errors.push(FieldError::new(field, problem));
    let category = choice(&draft.category, Field::Category, &mut fail, |c| {
        city.snap_category(c)
    });
    let position = check_position(&draft.latitude, &draft.longitude, city)
        .map_err(|problem| fail(Field::Position, problem))
        .unwrap_or(None);
    let (district, street) = (draft.district.trim(), draft.street.trim());
    check_place(city, district, street, position.is_none(), &mut fail);
    if draft.photo_count == 0 {
        fail(Field::Photos, Problem::Required);
    } else if draft.photo_count > SNAP_MAX_PHOTOS {
        fail(
            Field::Photos,
            Problem::TooManyPhotos {
                max: SNAP_MAX_PHOTOS,
            },
        );
    }
    let text = clean_text(&draft.text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let chars = text.chars().count();
    if chars > SNAP_TEXT_MAX_CHARS {
        fail(
            Field::Description,
            Problem::TooLong {
                max: SNAP_TEXT_MAX_CHARS,
                actual: chars,
            },
        );
    }
    let category = match category {
        Some(c) if errors.is_empty() => c,
        _ => return Err(errors),
    };
    let description = if text.is_empty() {
        format!("随手拍：{}", category.name.zh)
    } else {
        format!("随手拍：{}。{text}", category.name.zh)
    };
    let address = position
        .map(|p| format!("{:.5}, {:.5}", p.latitude, p.longitude))
        .unwrap_or_default();
    Ok(ValidReport {
        kind: TicketKind::Report,
        category: category.category.clone(),
        district: district.to_string(),
        street: street.to_string(),
        address,
        position,
        description,
        contact_name: contact.map(|c| c.nickname.clone()).unwrap_or_default(),
        contact_phone: contact.map(|c| c.mobile.clone()),
        // The department never learns who reported a stall or a building.
        confidential: true,
        publish_consent: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::city::tests::tiny_city;

    fn snap() -> SnapDraft {
        SnapDraft {
            category: "water-leak".into(),
            district: "rencheng".into(),
            street: String::new(),
            latitude: "35.41".into(),
            longitude: "116.59".into(),
            text: "  井盖旁 一直冒水 ".into(),
            photo_count: 1,
            seen_notices: String::new(),
            no_progress_sms: false,
            locale: String::new(),
        }
    }

    fn fields(result: Result<ValidReport, Vec<FieldError>>) -> Vec<Field> {
        result.err().unwrap().into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_snap_with_a_position_becomes_a_confidential_report_of_its_category() {
        let mobile = MobilePhone::parse("13912345678").unwrap();
        let contact = SnapContact {
            nickname: "拍客".into(),
            mobile: mobile.clone(),
        };
        let r = validate_snap(&snap(), &tiny_city(), Some(&contact)).unwrap();
        assert_eq!(r.kind, TicketKind::Report);
        assert_eq!(r.category, "utility.water");
        assert_eq!(r.street, "");
        assert_eq!(r.description, "随手拍：漏水。井盖旁 一直冒水");
        assert_eq!(r.address, "35.41000, 116.59000");
        assert_eq!(r.contact_phone, Some(mobile));
        assert!(r.confidential && !r.publish_consent);
    }

    #[test]
    fn an_anonymous_snap_without_text_has_no_contact_and_a_plain_description() {
        let mut draft = snap();
        draft.text = String::new();
        let r = validate_snap(&draft, &tiny_city(), None).unwrap();
        assert_eq!(r.contact_phone, None);
        assert_eq!(r.contact_name, "");
        assert_eq!(r.description, "随手拍：漏水");
    }

    #[test]
    fn without_a_position_the_street_is_required() {
        let mut draft = snap();
        draft.latitude.clear();
        draft.longitude.clear();
        assert_eq!(
            fields(validate_snap(&draft, &tiny_city(), None)),
            vec![Field::Street]
        );
        draft.street = "guhuai".into();
        assert!(validate_snap(&draft, &tiny_city(), None).is_ok());
        draft.street = "lucheng".into();
        assert_eq!(
            fields(validate_snap(&draft, &tiny_city(), None)),
            vec![Field::Street]
        );
    }

    #[test]
    fn a_snap_needs_a_photo_a_known_button_and_a_short_line() {
        let mut draft = snap();
        draft.photo_count = 0;
        draft.category = "snap-unknown".into();
        draft.text = "长".repeat(SNAP_TEXT_MAX_CHARS + 1);
        draft.latitude = "10".into();
        let got = fields(validate_snap(&draft, &tiny_city(), None));
        for f in [
            Field::Category,
            Field::Photos,
            Field::Description,
            Field::Position,
        ] {
            assert!(got.contains(&f), "{f:?} missing from {got:?}");
        }
        draft = snap();
        draft.photo_count = SNAP_MAX_PHOTOS + 1;
        assert_eq!(
            fields(validate_snap(&draft, &tiny_city(), None)),
            vec![Field::Photos]
        );
    }
}
