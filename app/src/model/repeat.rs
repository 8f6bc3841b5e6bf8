//! Repeat complaints (重复投诉): when is an earlier case a possible repeat of a new one.
//! The operator confirms or dismisses each link; confirmed repeats count against the
//! department that handled the earlier case.
use super::position::Position;
use std::collections::HashSet;

/// Earlier cases are looked at this many days back.
pub const WINDOW_DAYS: i64 = 30;
/// Same category within this distance, when both cases have a position.
pub const NEARBY_METERS: f64 = 200.0;
/// Same street and texts at least this similar (Jaccard over character bigrams).
pub const SIMILAR_TEXT: f64 = 0.3;
/// At most this many earlier cases are linked to a new one (the most recent).
pub const MAX_LINKS: usize = 10;

coded_enum! {
    /// Why an earlier case may be repeated by a new one.
    pub enum RepeatReason {
        SameMobile = "same_mobile",
        Nearby = "nearby",
        SimilarText = "similar_text",
    }
}

coded_enum! {
    /// The operator's decision on a possible repeat.
    pub enum RepeatStatus {
        Pending = "pending",
        Confirmed = "confirmed",
        Dismissed = "dismissed",
    }
}

/// What the comparison needs of a case.
#[derive(Clone, Debug)]
pub struct CaseFacts<'a> {
    pub phone: &'a str,
    pub category: &'a str,
    pub district: &'a str,
    pub street: &'a str,
    pub position: Option<Position>,
    pub text: &'a str,
}

/// The reasons `earlier` may be a case `new` repeats (empty: not a repeat).
pub fn reasons(new: &CaseFacts, earlier: &CaseFacts) -> Vec<RepeatReason> {
    let mut out = Vec::new();
    if !new.phone.is_empty() && new.phone == earlier.phone {
        out.push(RepeatReason::SameMobile);
    }
    if new.category == earlier.category {
        if let (Some(a), Some(b)) = (new.position, earlier.position) {
            if distance_m(a, b) <= NEARBY_METERS {
                out.push(RepeatReason::Nearby);
            }
        }
    }
    if !new.street.is_empty()
        && new.district == earlier.district
        && new.street == earlier.street
        && similarity(new.text, earlier.text) >= SIMILAR_TEXT
    {
        out.push(RepeatReason::SimilarText);
    }
    out
}

/// Great-circle distance in metres (haversine; exact enough within a city).
pub fn distance_m(a: Position, b: Position) -> f64 {
    const EARTH_M: f64 = 6_371_000.0;
    let (la1, la2) = (a.latitude.to_radians(), b.latitude.to_radians());
    let dla = la2 - la1;
    let dlo = (b.longitude - a.longitude).to_radians();
    let h = (dla / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlo / 2.0).sin().powi(2);
    2.0 * EARTH_M * h.sqrt().asin()
}

/// Latitude and longitude bounds of a square of `meters` around `p`, for an index query.
pub fn bounds(p: Position, meters: f64) -> (f64, f64, f64, f64) {
    let dlat = meters / 111_320.0;
    let dlon = meters / (111_320.0 * p.latitude.to_radians().cos().max(0.01));
    (
        p.latitude - dlat,
        p.latitude + dlat,
        p.longitude - dlon,
        p.longitude + dlon,
    )
}

/// The character bigrams of a text's letters, digits and CJK characters. Chinese has no
/// spaces; overlapping bigrams compare short complaints well without a segmentation
/// dictionary ("门口占道经营" and "占道经营在门口" share 门口, 占道, 道经, 经营).
fn bigrams(text: &str) -> HashSet<(char, char)> {
    let chars: Vec<char> = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Jaccard similarity of the two texts' bigram sets, 0 (nothing shared) to 1 (same set).
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (bigrams(a), bigrams(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(&b).count() as f64;
    shared / a.union(&b).count() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts<'a>(
        phone: &'a str,
        street: &'a str,
        pos: Option<(f64, f64)>,
        text: &'a str,
    ) -> CaseFacts<'a> {
        CaseFacts {
            phone,
            category: "city.road-occupation",
            district: "rencheng",
            street,
            position: pos.map(|(latitude, longitude)| Position {
                latitude,
                longitude,
            }),
            text,
        }
    }

    #[test]
    fn the_same_mobile_a_nearby_case_of_the_same_kind_or_a_similar_text_on_the_street_is_a_possible_repeat(
    ) {
        let new = facts(
            "13800000001",
            "guhuai",
            Some((35.4150, 116.5870)),
            "幸福路口早市占道经营，车辆无法通行",
        );
        // Same mobile, elsewhere, other text.
        let a = facts("13800000001", "other", None, "噪音扰民");
        assert_eq!(reasons(&new, &a), vec![RepeatReason::SameMobile]);
        // About 150 m north, same category.
        let b = facts("13900000002", "other", Some((35.41635, 116.5870)), "有摊位");
        assert_eq!(reasons(&new, &b), vec![RepeatReason::Nearby]);
        // About 300 m away: not nearby.
        let c = facts("13900000002", "other", Some((35.4177, 116.5870)), "有摊位");
        assert!(reasons(&new, &c).is_empty());
        // Same street, similar words in another order.
        let d = facts(
            "13900000003",
            "guhuai",
            None,
            "早市在幸福路口占道经营，车辆通行困难",
        );
        assert_eq!(reasons(&new, &d), vec![RepeatReason::SimilarText]);
        // Same street, unrelated text.
        let e = facts(
            "13900000003",
            "guhuai",
            None,
            "小区供暖温度不达标，室内只有十五度",
        );
        assert!(reasons(&new, &e).is_empty());
    }

    #[test]
    fn text_similarity_is_symmetric_and_bounded() {
        assert_eq!(similarity("占道经营", "占道经营"), 1.0);
        assert_eq!(similarity("", "占道经营"), 0.0);
        let (x, y) = ("幸福路口早市占道经营", "早市占道");
        assert!((similarity(x, y) - similarity(y, x)).abs() < 1e-12);
        assert!(similarity(x, y) > 0.0 && similarity(x, y) < 1.0);
    }

    #[test]
    fn the_search_box_contains_every_point_within_the_radius() {
        let p = Position {
            latitude: 35.415,
            longitude: 116.587,
        };
        let (la0, la1, lo0, lo1) = bounds(p, NEARBY_METERS);
        for q in [
            (la0, p.longitude),
            (la1, p.longitude),
            (p.latitude, lo0),
            (p.latitude, lo1),
        ] {
            let d = distance_m(
                p,
                Position {
                    latitude: q.0,
                    longitude: q.1,
                },
            );
            assert!((d - NEARBY_METERS).abs() < 2.0, "{d}");
        }
    }
}
