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
}
