//! The city a deployment serves: districts and streets, and the two-level category tree.
//! Loaded from a configuration file on the server; a real city replaces the demo file.
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

pub use super::reward::{RewardRules, SnapCategory};
pub use super::routing::{ReplyTemplate, Route};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct City {
    /// The places and categories a report names (the top of the city file).
    #[serde(flatten)]
    pub places: Places,
    /// The departments cases are dispatched to (承办单位).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub departments: Vec<Place>,
    /// Which department a category (group or leaf), optionally in one district, goes to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routing: Vec<Route>,
    /// Reply templates per category (group or leaf): a convenience for handlers. A template
    /// marks what must be filled in with 【…】; a reply still containing 【 or 】 is refused.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reply_templates: Vec<ReplyTemplate>,
    /// The big buttons of 随手拍 (`/snap`), each filed under a category leaf, with its points.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub snap_categories: Vec<SnapCategory>,
    /// Caps and the value of a point for the reward scheme.
    #[serde(default, skip_serializing_if = "is_default")]
    pub rewards: RewardRules,
    /// Progress messages to citizens: templates per language and the cap per mobile.
    #[serde(default, skip_serializing_if = "is_default")]
    pub sms: super::progress::SmsSettings,
}

/// Parts equal to their default are left out of the JSON (and read back as the default).
/// The city's name, bounds, districts with their streets, and categories: all a report form
/// needs of the city file (the form's island gets exactly this, so that decoding the rest of the
/// file — departments, routing, rewards, messages — never goes into the WASM).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Places {
    pub name: Name,
    /// Rough bounding box; a reported position outside it is refused.
    #[serde(default)]
    pub bounds: Option<Bounds>,
    pub districts: Vec<District>,
    pub categories: Vec<CategoryGroup>,
}

impl std::ops::Deref for City {
    type Target = Places;

    fn deref(&self) -> &Places {
        &self.places
    }
}

impl std::ops::DerefMut for City {
    fn deref_mut(&mut self) -> &mut Places {
        &mut self.places
    }
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// A name in Chinese with its English rendering.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Name {
    pub zh: String,
    pub en: String,
}

impl Name {
    /// The same text in every language (a code with no name).
    pub fn same(text: &str) -> Name {
        Name {
            zh: text.to_string(),
            en: text.to_string(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bounds {
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
}

impl Bounds {
    pub fn contains(&self, lat: f64, lng: f64) -> bool {
        (self.south..=self.north).contains(&lat) && (self.west..=self.east).contains(&lng)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct District {
    pub code: String,
    pub name: Name,
    pub streets: Vec<Place>,
    /// The district's boundary, `[longitude, latitude]` points (WGS 84), to find the district
    /// of a position on the server. Not sent to browsers.
    #[serde(default, skip_serializing)]
    pub boundary: Vec<[f64; 2]>,
}

/// A street (街道), town (镇) or category leaf: a code and a name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub code: String,
    pub name: Name,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryGroup {
    pub code: String,
    pub name: Name,
    pub children: Vec<Place>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CityError {
    #[error("the city has no districts")]
    NoDistricts,
    #[error("the city has no categories")]
    NoCategories,
    #[error("district {0} has no streets")]
    EmptyDistrict(String),
    #[error("category group {0} has no categories")]
    EmptyGroup(String),
    #[error("code {0:?} is used twice")]
    DuplicateCode(String),
    #[error("code {0:?} is empty or has characters other than a-z, 0-9, '.', '_' and '-'")]
    BadCode(String),
    #[error("a routing rule or template names {0:?}, which is not a category, district or department of the file")]
    UnknownReference(String),
    #[error("snap category {0:?} must name a category leaf of the file and earn at least 1 point")]
    BadSnapCategory(String),
    #[error("district {0:?} has a boundary of fewer than 3 points or points outside the globe")]
    BadBoundary(String),
    #[error(transparent)]
    Sms(#[from] super::progress::SmsSettingsError),
}

impl City {
    /// What the report form (an island, sent into every `/report` page) needs of the city: its
    /// name, bounds, places and categories; not the departments, routing, reply templates,
    /// snap buttons, rewards or message templates, which are staff's and the server's.
    pub fn for_form(&self) -> Places {
        self.places.clone()
    }

    /// Checks a configuration file once at start, so a typo stops the server with a clear
    /// message instead of producing a form that cannot be submitted.
    pub fn check(&self) -> Result<(), CityError> {
        if self.districts.is_empty() {
            return Err(CityError::NoDistricts);
        }
        if self.categories.is_empty() {
            return Err(CityError::NoCategories);
        }
        let mut seen = HashSet::new();
        let mut claim = |code: &str| {
            let ok = !code.is_empty()
                && code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
            if !ok {
                return Err(CityError::BadCode(code.to_string()));
            }
            if seen.insert(code.to_string()) {
                Ok(())
            } else {
                Err(CityError::DuplicateCode(code.to_string()))
            }
        };
        for d in &self.districts {
            claim(&d.code)?;
            if d.streets.is_empty() {
                return Err(CityError::EmptyDistrict(d.code.clone()));
            }
            for s in &d.streets {
                claim(&s.code)?;
            }
        }
        for g in &self.categories {
            claim(&g.code)?;
            if g.children.is_empty() {
                return Err(CityError::EmptyGroup(g.code.clone()));
            }
            for c in &g.children {
                claim(&c.code)?;
            }
        }
        for d in &self.departments {
            claim(&d.code)?;
        }
        for s in &self.snap_categories {
            claim(&s.code)?;
            if self.category(&s.category).is_none() || s.points == 0 {
                return Err(CityError::BadSnapCategory(s.code.clone()));
            }
        }
        for d in &self.districts {
            let on_globe = d
                .boundary
                .iter()
                .all(|[lng, lat]| (-180.0..=180.0).contains(lng) && (-90.0..=90.0).contains(lat));
            if !on_globe || (1..3).contains(&d.boundary.len()) {
                return Err(CityError::BadBoundary(d.code.clone()));
            }
        }
        self.sms.check()?;
        self.check_routing()
    }

    pub fn snap_category(&self, code: &str) -> Option<&SnapCategory> {
        self.snap_categories.iter().find(|s| s.code == code)
    }

    pub fn department_name(&self, code: &str) -> Name {
        self.department(code)
            .map(|d| d.name.clone())
            .unwrap_or_else(|| Name::same(code))
    }
}

impl Places {
    pub fn district(&self, code: &str) -> Option<&District> {
        self.districts.iter().find(|d| d.code == code)
    }

    pub fn street(&self, district: &str, street: &str) -> Option<&Place> {
        self.district(district)?
            .streets
            .iter()
            .find(|s| s.code == street)
    }

    /// A selectable category: a leaf of the tree, with its group.
    pub fn category(&self, code: &str) -> Option<(&CategoryGroup, &Place)> {
        self.categories
            .iter()
            .find_map(|g| g.children.iter().find(|c| c.code == code).map(|c| (g, c)))
    }

    /// "城市管理 / 占道经营" for display.
    /// The names of a category, district, street or department, or the code itself where the
    /// city file no longer has it (old cases outlive configuration changes).
    pub fn category_name(&self, code: &str) -> Name {
        self.category(code)
            .map(|(_, c)| c.name.clone())
            .unwrap_or_else(|| Name::same(code))
    }

    pub fn district_name(&self, code: &str) -> Name {
        self.district(code)
            .map(|d| d.name.clone())
            .unwrap_or_else(|| Name::same(code))
    }

    pub fn street_name(&self, district: &str, street: &str) -> Name {
        self.street(district, street)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| Name::same(street))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn name(zh: &str) -> Name {
        Name {
            zh: zh.into(),
            en: zh.into(),
        }
    }

    fn place(code: &str) -> Place {
        Place {
            code: code.into(),
            name: name(code),
        }
    }

    /// A small city for model tests.
    pub fn tiny_city() -> City {
        City {
            places: Places {
                name: name("测试市"),
                bounds: Some(Bounds {
                    south: 35.0,
                    west: 116.0,
                    north: 36.0,
                    east: 117.0,
                }),
                districts: vec![
                    District {
                        code: "rencheng".into(),
                        name: name("任城区"),
                        streets: vec![place("guhuai"), place("yuehe")],
                        boundary: vec![],
                    },
                    District {
                        code: "qufu".into(),
                        name: name("曲阜市"),
                        streets: vec![place("lucheng")],
                        boundary: vec![],
                    },
                ],
                categories: vec![CategoryGroup {
                    code: "utility".into(),
                    name: name("公用事业"),
                    children: vec![place("utility.water"), place("utility.power")],
                }],
            },
            departments: vec![place("water-co"), place("power-co"), place("qufu-gov")],
            routing: vec![
                Route {
                    category: "utility".into(),
                    district: None,
                    department: "power-co".into(),
                },
                Route {
                    category: "utility.water".into(),
                    district: None,
                    department: "water-co".into(),
                },
                Route {
                    category: "utility".into(),
                    district: Some("qufu".into()),
                    department: "qufu-gov".into(),
                },
            ],
            reply_templates: vec![],
            snap_categories: vec![SnapCategory {
                code: "water-leak".into(),
                icon: "💧".into(),
                name: name("漏水"),
                category: "utility.water".into(),
                points: 2,
            }],
            rewards: RewardRules::default(),
            sms: Default::default(),
        }
    }

    #[test]
    fn a_well_formed_city_passes_its_check() {
        assert_eq!(tiny_city().check(), Ok(()));
    }

    #[test]
    fn a_city_file_with_a_duplicate_code_is_refused_at_start() {
        let mut city = tiny_city();
        city.districts[1].streets.push(place("guhuai"));
        assert_eq!(city.check(), Err(CityError::DuplicateCode("guhuai".into())));
    }

    #[test]
    fn a_city_file_with_an_empty_district_or_bad_code_is_refused() {
        let mut city = tiny_city();
        city.districts[1].streets.clear();
        assert_eq!(city.check(), Err(CityError::EmptyDistrict("qufu".into())));
        let mut city = tiny_city();
        city.categories[0].children[0].code = "Water Supply".into();
        assert!(matches!(city.check(), Err(CityError::BadCode(_))));
    }

    #[test]
    fn streets_are_found_only_in_their_own_district() {
        let city = tiny_city();
        assert!(city.street("rencheng", "guhuai").is_some());
        assert!(city.street("qufu", "guhuai").is_none());
        assert_eq!(
            city.category("utility.water").map(|(g, _)| g.code.as_str()),
            Some("utility")
        );
        assert!(
            city.category("utility").is_none(),
            "a group is not selectable"
        );
    }
}
