//! Hotspots (热点): where cases of one category gather, street by street, in a period, with
//! the change against the period before; the places rising fastest are flagged.
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A place needs this many cases in the period to be a riser (fewer: noise).
pub const MIN_RISER_CASES: u64 = 5;
/// ...and this much more than in the period before, in per cent (or be new).
pub const RISER_PERCENT: u64 = 50;
/// How many places the list shows.
pub const HOTSPOTS_SHOWN: usize = 20;
/// A category at a street.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Place {
    pub category: String,
    pub district: String,
    pub street: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hotspot {
    pub place: Place,
    /// "古槐街道 · 占道经营", filled by the service in the reader's language.
    pub label: String,
    pub cases: u64,
    pub before: u64,
    /// The change against the period before, in per cent (rounded half up); `None` when
    /// there was nothing before.
    pub change_percent: Option<i64>,
    pub riser: bool,
    /// A place that keeps coming back (反复): `MIN_RISER_CASES` or more cases in the period
    /// and in the period before.
    pub repeated: bool,
}

/// The places with the most cases in the period (most first, then the fastest rising), each
/// with its count in the period before; risers and places that keep coming back flagged.
pub fn hotspots(now: &BTreeMap<Place, u64>, before: &BTreeMap<Place, u64>) -> Vec<Hotspot> {
    let mut list: Vec<Hotspot> = now
        .iter()
        .map(|(place, &cases)| {
            let before = before.get(place).copied().unwrap_or(0);
            let change_percent = (before > 0).then(|| half_up_percent(cases, before));
            let rising = match change_percent {
                Some(p) => p >= RISER_PERCENT as i64,
                None => true,
            };
            Hotspot {
                place: place.clone(),
                label: String::new(),
                cases,
                before,
                change_percent,
                riser: cases >= MIN_RISER_CASES && rising,
                repeated: cases >= MIN_RISER_CASES && before >= MIN_RISER_CASES,
            }
        })
        .collect();
    list.sort_by(|a, b| {
        b.cases
            .cmp(&a.cases)
            .then(b.change_percent.cmp(&a.change_percent))
            .then(a.place.cmp(&b.place))
    });
    list.truncate(HOTSPOTS_SHOWN);
    list
}

/// (cases − before) / before in per cent, rounded half away from zero.
fn half_up_percent(cases: u64, before: u64) -> i64 {
    let diff = (cases as i64 - before as i64) * 100;
    let b = before as i64;
    let q = (2 * diff.abs() + b) / (2 * b);
    if diff < 0 {
        -q
    } else {
        q
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(street: &str) -> Place {
        Place {
            category: "city.road-occupation".into(),
            district: "rencheng".into(),
            street: street.into(),
        }
    }

    #[test]
    fn a_street_with_many_more_cases_than_before_is_flagged_and_a_small_one_is_not() {
        let now = BTreeMap::from([
            (place("guhuai"), 28),
            (place("jiyang"), 6),
            (place("new"), 5),
            (place("calm"), 3),
        ]);
        let before = BTreeMap::from([
            (place("guhuai"), 10),
            (place("jiyang"), 5),
            (place("calm"), 1),
        ]);
        let list = hotspots(&now, &before);
        let get = |s: &str| list.iter().find(|h| h.place.street == s).unwrap();
        assert_eq!(get("guhuai").change_percent, Some(180));
        assert!(get("guhuai").riser);
        assert_eq!(get("jiyang").change_percent, Some(20));
        assert!(!get("jiyang").riser);
        assert!(get("new").riser && get("new").change_percent.is_none());
        // +200 % but three cases: noise, not a riser.
        assert!(!get("calm").riser);
        // Busy in both periods: 古槐 (28 after 10) and 济阳 (6 after 5) keep coming back.
        let repeated: Vec<&str> = list
            .iter()
            .filter(|h| h.repeated)
            .map(|h| h.place.street.as_str())
            .collect();
        assert_eq!(repeated, ["guhuai", "jiyang"]);
        assert_eq!(list[0].place.street, "guhuai");
        assert_eq!(half_up_percent(1, 3), -67);
        assert_eq!(half_up_percent(9, 8), 13);
    }
}
