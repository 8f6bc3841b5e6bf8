//! Where a case goes: the departments of the city file, the routing table that proposes one
//! for a category and district, and the reply templates per category.
use super::city::{City, CityError, Name, Place};
use serde::{Deserialize, Serialize};

/// A routing rule: a category (group or leaf code) and optionally a district → a department.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Route {
    pub category: String,
    #[serde(default)]
    pub district: Option<String>,
    pub department: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReplyTemplate {
    pub category: String,
    pub title: Name,
    pub text: String,
}

impl City {
    /// Every routing rule and template names a category, district and department of the file.
    pub(super) fn check_routing(&self) -> Result<(), CityError> {
        let is_category = |code: &str| {
            self.categories.iter().any(|g| g.code == code) || self.category(code).is_some()
        };
        for r in &self.routing {
            if !is_category(&r.category) {
                return Err(CityError::UnknownReference(r.category.clone()));
            }
            if let Some(d) = r.district.as_deref().filter(|d| self.district(d).is_none()) {
                return Err(CityError::UnknownReference(d.to_string()));
            }
            if self.department(&r.department).is_none() {
                return Err(CityError::UnknownReference(r.department.clone()));
            }
        }
        if let Some(t) = self
            .reply_templates
            .iter()
            .find(|t| !is_category(&t.category))
        {
            return Err(CityError::UnknownReference(t.category.clone()));
        }
        Ok(())
    }

    pub fn department(&self, code: &str) -> Option<&Place> {
        self.departments.iter().find(|d| d.code == code)
    }

    /// The department the routing table proposes for a case: the most specific matching
    /// rule (a category leaf beats its group; a rule for the district beats one without).
    pub fn suggest_department(&self, category: &str, district: &str) -> Option<&Place> {
        let group = self.category(category).map(|(g, _)| g.code.as_str());
        self.routing
            .iter()
            .filter_map(|r| {
                let category_score = if r.category == category {
                    2
                } else if Some(r.category.as_str()) == group {
                    1
                } else {
                    return None;
                };
                let district_score = match r.district.as_deref() {
                    None => 0,
                    Some(d) if d == district => 1,
                    Some(_) => return None,
                };
                Some((category_score * 2 + district_score, r))
            })
            // max_by_key keeps the last of equals: reverse so the first rule in the file wins.
            .rev()
            .max_by_key(|(score, _)| *score)
            .and_then(|(_, r)| self.department(&r.department))
    }

    /// Templates for a category: those for its leaf first, then its group's.
    pub fn templates_for(&self, category: &str) -> Vec<&ReplyTemplate> {
        let group = self.category(category).map(|(g, _)| g.code.as_str());
        let mut out: Vec<&ReplyTemplate> = self
            .reply_templates
            .iter()
            .filter(|t| t.category == category)
            .collect();
        out.extend(
            self.reply_templates
                .iter()
                .filter(|t| Some(t.category.as_str()) == group),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::city::tests::tiny_city;
    use super::*;

    #[test]
    fn routing_proposes_the_most_specific_department() {
        let city = tiny_city();
        let suggest = |c, d| city.suggest_department(c, d).map(|p| p.code.as_str());
        assert_eq!(
            suggest("utility.water", "rencheng"),
            Some("water-co"),
            "leaf beats group"
        );
        assert_eq!(
            suggest("utility.power", "rencheng"),
            Some("power-co"),
            "group rule"
        );
        assert_eq!(
            suggest("utility.power", "qufu"),
            Some("qufu-gov"),
            "district beats plain group"
        );
        assert_eq!(
            suggest("utility.water", "qufu"),
            Some("water-co"),
            "leaf beats group + district"
        );
        assert_eq!(suggest("other.other", "qufu"), None);
    }

    #[test]
    fn a_routing_rule_naming_an_unknown_department_is_refused_at_start() {
        let mut city = tiny_city();
        city.routing[0].department = "nobody".into();
        assert_eq!(
            city.check(),
            Err(CityError::UnknownReference("nobody".into()))
        );
    }
}
