//! Where a position is: the district whose boundary (from the city file) contains it.
use crate::model::city::{City, District};
use geo::{Contains, Coord, LineString, Point, Polygon};

/// The district containing the point, if any district's boundary does.
pub fn district_at(city: &City, latitude: f64, longitude: f64) -> Option<&District> {
    let point = Point::new(longitude, latitude);
    city.districts.iter().find(|d| {
        d.boundary.len() >= 3 && {
            let ring: Vec<Coord> = d
                .boundary
                .iter()
                .map(|[x, y]| Coord { x: *x, y: *y })
                .collect();
            Polygon::new(LineString::from(ring), vec![]).contains(&point)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo_city() -> City {
        let text = include_str!("../../city/demo-city.toml");
        let city: City = toml::from_str(text).expect("demo city parses");
        city.check().expect("demo city is valid");
        city
    }

    #[test]
    fn a_position_in_the_city_centre_is_placed_in_rencheng() {
        let city = demo_city();
        assert_eq!(
            district_at(&city, 35.41, 116.59).map(|d| d.code.as_str()),
            Some("rencheng")
        );
        assert_eq!(
            district_at(&city, 35.60, 117.00).map(|d| d.code.as_str()),
            Some("qufu")
        );
        assert_eq!(
            district_at(&city, 34.80, 117.10).map(|d| d.code.as_str()),
            Some("weishan")
        );
    }

    #[test]
    fn the_diagonal_edge_between_rencheng_and_yanzhou_decides() {
        let city = demo_city();
        // The shared edge runs from (116.55, 35.55) to (116.65, 35.52).
        assert_eq!(
            district_at(&city, 35.525, 116.60).map(|d| d.code.as_str()),
            Some("rencheng")
        );
        assert_eq!(
            district_at(&city, 35.56, 116.62).map(|d| d.code.as_str()),
            Some("yanzhou")
        );
    }

    #[test]
    fn a_position_outside_every_boundary_has_no_district() {
        let city = demo_city();
        assert!(district_at(&city, 36.5, 115.0).is_none());
        assert!(district_at(&city, 35.0, 116.0).is_none());
    }
}
