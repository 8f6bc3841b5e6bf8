//! Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2): the documents the API answers
//! with, written once as a tree and rendered as JSON or XML by the spec's conversion (the
//! root element dropped in JSON, a container of repeated elements an array), and the reading
//! of a POSTed request into the same draft the web form makes.
use serde_json::json;

mod post;
pub use post::{field_errors, parameter, read_post, PostedRequest};

/// The specification's address, as discovery names it.
pub const SPECIFICATION: &str = "http://wiki.open311.org/GeoReport_v2";
/// Requests a query returns at most, and the days a query may span (the spec's defaults).
pub const MAX_RESULTS: usize = 1000;
pub const MAX_SPAN_DAYS: i64 = 90;

/// The attributes every service has (its definition): codes as sent in `attribute[code]`.
pub const ATTR_KIND: &str = "kind";
pub const ATTR_DISTRICT: &str = "district";
pub const ATTR_STREET: &str = "street";
pub const ATTR_CONFIDENTIAL: &str = "confidential";
pub const ATTR_PUBLISH: &str = "publish_consent";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Xml,
}

impl Format {
    /// `services.json` → ("services", Json); any other extension is none.
    pub fn split(file: &str) -> Option<(&str, Format)> {
        let (name, ext) = file.rsplit_once('.')?;
        let format = match ext {
            "json" => Format::Json,
            "xml" => Format::Xml,
            _ => return None,
        };
        Some((name, format))
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json; charset=utf-8",
            Format::Xml => "text/xml; charset=utf-8",
        }
    }
}

/// A value of a document.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    /// An empty element in XML, `null` in JSON.
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// Repeated elements named `item` (an array in JSON).
    List {
        item: &'static str,
        items: Vec<Value>,
    },
    /// Named children (an object in JSON), in order.
    Record(Vec<(&'static str, Value)>),
}

impl Value {
    pub fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }

    /// Text, or `Null` when empty.
    pub fn opt(s: impl Into<String>) -> Value {
        let s = s.into();
        if s.is_empty() {
            Value::Null
        } else {
            Value::Text(s)
        }
    }

    pub fn list(item: &'static str, items: Vec<Value>) -> Value {
        Value::List { item, items }
    }

    fn json(&self) -> serde_json::Value {
        match self {
            Value::Text(s) => json!(s),
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => json!(b),
            Value::Int(n) => json!(n),
            Value::Float(x) => json!(x),
            Value::List { items, .. } => items.iter().map(Value::json).collect(),
            Value::Record(fields) => serde_json::Value::Object(
                fields
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.json()))
                    .collect(),
            ),
        }
    }

    fn xml(&self, name: &str, out: &mut String) {
        out.push('<');
        out.push_str(name);
        out.push('>');
        match self {
            Value::Text(s) => escape(s, out),
            Value::Null => {}
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(n) => out.push_str(&n.to_string()),
            Value::Float(x) => out.push_str(&x.to_string()),
            Value::List { item, items } => {
                for v in items {
                    v.xml(item, out);
                }
            }
            Value::Record(fields) => {
                for (k, v) in fields {
                    v.xml(k, out);
                }
            }
        }
        out.push_str("</");
        out.push_str(name);
        out.push('>');
    }
}

/// Text content escaped for XML 1.0 (§2.4): the five markup characters as entities, and the
/// characters XML 1.0 cannot carry at all (controls other than tab and line ends) left out.
fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// A whole document: its root element's name and its value.
pub fn render(root: &str, value: &Value, format: Format) -> String {
    match format {
        Format::Json => value.json().to_string(),
        Format::Xml => {
            let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
            value.xml(root, &mut out);
            out
        }
    }
}

/// The spec's error list: each error's code (the HTTP status) and description.
pub fn errors(status: u16, descriptions: &[String]) -> Value {
    Value::list(
        "error",
        descriptions
            .iter()
            .map(|d| {
                Value::Record(vec![
                    ("code", Value::Int(i64::from(status))),
                    ("description", Value::text(d.clone())),
                ])
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_renders_as_an_array_in_json_and_as_repeated_elements_in_xml() {
        let v = Value::list(
            "service",
            vec![Value::Record(vec![
                ("service_code", Value::text("city.road-occupation")),
                ("metadata", Value::Bool(true)),
                ("keywords", Value::Null),
                ("description", Value::text("占道 <经营> & \"摊贩\"\u{0}")),
            ])],
        );
        let parsed: serde_json::Value =
            serde_json::from_str(&render("services", &v, Format::Json)).unwrap();
        assert_eq!(
            parsed,
            json!([{"service_code": "city.road-occupation", "metadata": true, "keywords": null,
                    "description": "占道 <经营> & \"摊贩\"\u{0}"}])
        );
        assert_eq!(
            render("services", &v, Format::Xml),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<services><service><service_code>city.road-occupation</service_code><metadata>true</metadata><keywords></keywords><description>占道 &lt;经营&gt; &amp; &quot;摊贩&quot;</description></service></services>"
        );
        assert_eq!(
            render("services", &Value::list("service", vec![]), Format::Json),
            "[]"
        );
    }
}
