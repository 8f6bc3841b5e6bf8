//! A citizen's report: the raw form (`ReportDraft`), the rules it must meet, and the checked
//! result (`ValidReport`). The browser runs `validate` as the citizen types; the server runs it
//! again as the authority.
use super::city::Places;
use super::phone::MobilePhone;
use super::position::Position;
use super::problem::{Field, FieldError, Problem};
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
    /// The notices (公告) the form showed before it was sent, as ids (`12,15`): a hint for
    /// staff (`notice::parse_ids`), never an error.
    #[serde(default)]
    pub seen_notices: String,
    /// The form's opt-out of progress messages (SMS when accepted, replied, closed).
    #[serde(default)]
    pub no_progress_sms: bool,
    /// The language of the form (BCP 47 tag; empty: the request's language).
    #[serde(default)]
    pub locale: String,
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
    /// Always given on the report form; an anonymous snap report has none.
    pub contact_phone: Option<MobilePhone>,
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

/// The optional position: both empty, or numbers on the globe inside the city's bounds.
pub(super) fn check_position(
    latitude: &str,
    longitude: &str,
    city: &Places,
) -> Result<Option<Position>, Problem> {
    match Position::parse(latitude, longitude)? {
        Some(p)
            if city
                .bounds
                .is_some_and(|b| !b.contains(p.latitude, p.longitude)) =>
        {
            Err(Problem::PositionOutsideCity)
        }
        p => Ok(p),
    }
}

/// A choice from a list: required, and one of the list (`find`). Returns what was chosen.
pub(crate) fn choice<T>(
    input: &str,
    field: Field,
    fail: &mut impl FnMut(Field, Problem),
    find: impl FnOnce(&str) -> Option<T>,
) -> Option<T> {
    match input.trim() {
        "" => {
            fail(field, Problem::Required);
            None
        }
        code => {
            let found = find(code);
            if found.is_none() {
                fail(field, Problem::UnknownChoice);
            }
            found
        }
    }
}

/// The place of a report: a district of the city and one of its streets (the street may be
/// left out when `street_required` is false: a snap located by its position).
pub(crate) fn check_place(
    city: &Places,
    district: &str,
    street: &str,
    street_required: bool,
    fail: &mut impl FnMut(Field, Problem),
) {
    if district.is_empty() {
        fail(Field::District, Problem::Required);
    } else if city.district(district).is_none() {
        fail(Field::District, Problem::UnknownChoice);
    }
    if street.is_empty() {
        if street_required {
            fail(Field::Street, Problem::Required);
        }
    } else if city.district(district).is_some() && city.street(district, street).is_none() {
        fail(Field::Street, Problem::StreetNotInDistrict);
    }
}

/// Checks every field and reports every problem at once, so the citizen fixes the form in one
/// pass.
pub fn validate(draft: &ReportDraft, city: &Places) -> Result<ValidReport, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut fail = |field, problem| errors.push(FieldError::new(field, problem));

    let kind = choice(&draft.kind, Field::Kind, &mut fail, TicketKind::from_code);
    let category = draft.category.trim();
    choice(category, Field::Category, &mut fail, |c| city.category(c));
    let (district, street) = (draft.district.trim(), draft.street.trim());
    check_place(city, district, street, true, &mut fail);

    let position = check_position(&draft.latitude, &draft.longitude, city)
        .map_err(|problem| fail(Field::Position, problem))
        .unwrap_or(None);

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
            contact_phone: Some(contact_phone),
            confidential: draft.confidential,
            publish_consent: draft.publish_consent,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests;
