//! A place on the map, from the browser's geolocation (optional in a report).
use super::problem::Problem;
use serde::{Deserialize, Serialize};

/// Degrees, WGS 84 as browsers report them.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Position {
    pub latitude: f64,
    pub longitude: f64,
}

impl Position {
    /// Both empty: no position (it is optional). Otherwise both must be numbers on the globe.
    pub fn parse(lat: &str, lng: &str) -> Result<Option<Position>, Problem> {
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
}
