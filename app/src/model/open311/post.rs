//! A POSTed Open311 request read into the web form's draft, and the intake's refusals named
//! by the Open311 parameters they came from.
use super::{ATTR_CONFIDENTIAL, ATTR_DISTRICT, ATTR_KIND, ATTR_PUBLISH, ATTR_STREET};
use crate::model::city::City;
use crate::model::problem::{Field, FieldError};
use crate::model::report::ReportDraft;

/// A POSTed request read into the web form's draft, with what Open311 adds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PostedRequest {
    pub api_key: String,
    pub service_code: String,
    pub draft: ReportDraft,
    /// Whether the request gave any location (lat/long or address_string).
    pub located: bool,
    /// `lat` without `long` or the other way round.
    pub half_position: bool,
    /// Attribute values not among the definition's (code, value).
    pub bad_values: Vec<(String, String)>,
}

/// Reads a POST form (pairs as sent, repeated keys kept). The draft goes through the same
/// validation as the web form's; the address, when only a position is given, is the street's
/// name (the position says where on it).
pub fn read_post(pairs: &[(String, String)], city: &City) -> PostedRequest {
    let mut r = PostedRequest::default();
    let (mut first, mut last, mut address) = (String::new(), String::new(), String::new());
    let (mut lat, mut long) = (String::new(), String::new());
    for (k, v) in pairs {
        let v = v.trim();
        match k.as_str() {
            "api_key" => r.api_key = v.to_string(),
            "service_code" => r.service_code = v.to_string(),
            "lat" => lat = v.to_string(),
            "long" => long = v.to_string(),
            "address_string" => address = v.to_string(),
            "description" => r.draft.description = v.to_string(),
            "first_name" => first = v.to_string(),
            "last_name" => last = v.to_string(),
            "phone" => r.draft.contact_phone = v.to_string(),
            _ => {
                let Some(code) = k
                    .strip_prefix("attribute[")
                    .and_then(|rest| rest.strip_suffix("[]").unwrap_or(rest).strip_suffix(']'))
                else {
                    continue; // email, device_id, account_id, media_url: not kept
                };
                let known = match code {
                    ATTR_KIND => {
                        r.draft.kind = v.to_string();
                        crate::model::ticket::TicketKind::from_code(v).is_some()
                    }
                    ATTR_DISTRICT => {
                        r.draft.district = v.to_string();
                        city.district(v).is_some()
                    }
                    ATTR_STREET => {
                        r.draft.street = v.to_string();
                        true // checked against the district by the validation
                    }
                    ATTR_CONFIDENTIAL | ATTR_PUBLISH => match v {
                        "true" | "false" => {
                            let yes = v == "true";
                            if code == ATTR_CONFIDENTIAL {
                                r.draft.confidential = yes;
                            } else {
                                r.draft.publish_consent = yes;
                            }
                            true
                        }
                        _ => false,
                    },
                    _ => true, // an attribute no service defines: ignored, as forms ignore fields
                };
                if !known && !v.is_empty() {
                    r.bad_values.push((code.to_string(), v.to_string()));
                }
            }
        }
    }
    r.draft.category = r.service_code.clone();
    r.half_position = lat.is_empty() != long.is_empty();
    r.located = (!lat.is_empty() && !long.is_empty()) || !address.is_empty();
    r.draft.latitude = lat;
    r.draft.longitude = long;
    // A street given by code alone: find its district.
    if r.draft.district.is_empty() {
        if let Some(d) = city
            .districts
            .iter()
            .find(|d| d.streets.iter().any(|s| s.code == r.draft.street))
        {
            r.draft.district = d.code.clone();
        }
    }
    if address.is_empty() && r.located {
        address = city
            .street(&r.draft.district, &r.draft.street)
            .map(|s| s.name.zh.clone())
            .unwrap_or_default();
    }
    r.draft.address = address;
    r.draft.contact_name = contact_name(&first, &last);
    r
}

/// 张 + 三 → 张三; John + Smith → John Smith.
fn contact_name(first: &str, last: &str) -> String {
    let cjk = |s: &str| s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    match (first.is_empty(), last.is_empty()) {
        (true, _) => last.to_string(),
        (_, true) => first.to_string(),
        _ if cjk(first) || cjk(last) => format!("{last}{first}"),
        _ => format!("{first} {last}"),
    }
}

/// The Open311 parameter a form field comes from, for error descriptions.
pub fn parameter(field: Field) -> &'static str {
    match field {
        Field::Kind => "attribute[kind]",
        Field::Category => "service_code",
        Field::District => "attribute[district]",
        Field::Street => "attribute[street]",
        Field::Address => "address_string",
        Field::Position => "lat/long",
        Field::Description => "description",
        Field::ContactName => "first_name/last_name",
        Field::ContactPhone => "phone",
        _ => "request",
    }
}

/// `parameter: message` for each refused field.
pub fn field_errors(errors: &[FieldError], message: impl Fn(&FieldError) -> String) -> Vec<String> {
    errors
        .iter()
        .map(|e| format!("{}: {}", parameter(e.field), message(e)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn city() -> City {
        let city: City = toml::from_str(include_str!("../../../city/demo-city.toml")).unwrap();
        city.check().unwrap();
        city
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_posted_request_becomes_the_web_forms_draft() {
        let city = city();
        let r = read_post(
            &pairs(&[
                ("api_key", "k"),
                ("service_code", "city.road-occupation"),
                ("lat", "35.41"),
                ("long", "116.59"),
                ("description", "人行道上有摊贩占道经营，行人无法通行。"),
                ("first_name", "三"),
                ("last_name", "张"),
                ("phone", "13800138000"),
                ("email", "x@example.com"),
                ("attribute[kind]", "complaint"),
                ("attribute[street]", "rencheng-guhuai"),
                ("attribute[confidential]", "true"),
            ]),
            &city,
        );
        assert_eq!(r.api_key, "k");
        assert!(r.located && !r.half_position && r.bad_values.is_empty());
        let d = &r.draft;
        assert_eq!(
            (d.category.as_str(), d.district.as_str(), d.street.as_str()),
            ("city.road-occupation", "rencheng", "rencheng-guhuai")
        );
        assert_eq!(
            (d.latitude.as_str(), d.longitude.as_str()),
            ("35.41", "116.59")
        );
        assert_eq!(
            d.address, "古槐街道",
            "the street's name when only a position is given"
        );
        assert_eq!(d.contact_name, "张三");
        assert!(d.confidential && !d.publish_consent);
        assert!(crate::model::report::validate(d, &city).is_ok());
    }

    #[test]
    fn a_request_without_a_location_or_with_a_value_no_list_has_is_told_so() {
        let city = city();
        let r = read_post(
            &pairs(&[
                ("service_code", "city.road-occupation"),
                ("lat", "35.41"),
                ("attribute[kind]", "shouting"),
                ("attribute[district]", "atlantis"),
                ("attribute[confidential]", "maybe"),
            ]),
            &city,
        );
        assert!(!r.located && r.half_position);
        assert_eq!(
            r.bad_values,
            vec![
                ("kind".into(), "shouting".into()),
                ("district".into(), "atlantis".into()),
                ("confidential".into(), "maybe".into())
            ]
        );
        assert_eq!(contact_name("John", "Smith"), "John Smith");
    }
}
