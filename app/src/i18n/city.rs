//! The city's names (districts, streets, categories, departments) in the user's language:
//! the city file gives each a `Name { zh, en }`; choosing between them happens here only.
use super::Locale;
use crate::model::city::{City, Name};

impl Name {
    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::Zh => &self.zh,
            Locale::En => &self.en,
        }
    }
}

impl City {
    pub fn category_label(&self, code: &str, locale: Locale) -> String {
        match self.category(code) {
            Some((g, c)) => format!("{} / {}", g.name.get(locale), c.name.get(locale)),
            None => code.to_string(),
        }
    }

    pub fn district_label(&self, code: &str, locale: Locale) -> String {
        self.district(code)
            .map(|d| d.name.get(locale).to_string())
            .unwrap_or_else(|| code.to_string())
    }

    pub fn street_label(&self, district: &str, street: &str, locale: Locale) -> String {
        self.street_name(district, street).get(locale).to_string()
    }

    pub fn department_label(&self, code: &str, locale: Locale) -> String {
        self.department(code)
            .map(|d| d.name.get(locale).to_string())
            .unwrap_or_else(|| code.to_string())
    }

    /// A district's or a street's name (the codes are unique across the file); the code
    /// itself if the file no longer has it.
    pub fn place_label(&self, code: &str, locale: Locale) -> String {
        let street = self
            .districts
            .iter()
            .flat_map(|d| &d.streets)
            .find(|s| s.code == code);
        match (self.district(code), street) {
            (Some(d), _) => d.name.get(locale).to_string(),
            (None, Some(s)) => s.name.get(locale).to_string(),
            (None, None) => code.to_string(),
        }
    }

    /// A category group's or leaf's name.
    pub fn category_or_group_label(&self, code: &str, locale: Locale) -> String {
        match self.categories.iter().find(|g| g.code == code) {
            Some(g) => g.name.get(locale).to_string(),
            None => self
                .category(code)
                .map(|(_, c)| c.name.get(locale).to_string())
                .unwrap_or_else(|| code.to_string()),
        }
    }
}
