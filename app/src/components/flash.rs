//! What a citizen or staff member typed, kept across the redirect back to a form after a
//! refusal: in a short-lived, HttpOnly cookie, never in the URL (URLs reach logs, history and
//! proxies). The page that shows the form again reads it once and clears it.
#[cfg(feature = "ssr")]
use leptos::prelude::*;

/// The cookie that carries the typed values back to the form.
pub const FORM_COOKIE: &str = "minsheng_form";
/// The kept values live this long.
pub const FORM_COOKIE_SECONDS: u32 = 120;
/// At most this much of what was typed is kept (cookies are limited to about 4 KB).
const MAX_KEPT_BYTES: usize = 3000;

/// The `Set-Cookie` value that keeps `fields` for the next page.
pub fn keep_cookie(fields: &[(&str, &str)], secure: bool) -> String {
    let mut value = String::new();
    for (k, v) in fields {
        let pair = format!(
            "{}={}&",
            super::layout::percent_encode(k),
            super::layout::percent_encode(v)
        );
        if value.len() + pair.len() > MAX_KEPT_BYTES {
            break;
        }
        value.push_str(&pair);
    }
    format!(
        "{FORM_COOKIE}={value}; Path=/; Max-Age={FORM_COOKIE_SECONDS}; HttpOnly; SameSite=Strict{}",
        if secure { "; Secure" } else { "" }
    )
}

/// Parses the cookie's value into its fields.
pub fn parse(value: &str) -> Vec<(String, String)> {
    value
        .split('&')
        .filter_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            Some((percent_decode(k)?, percent_decode(v)?))
        })
        .collect()
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The value of `field` the user typed before the form came back with an error (server side;
/// the forms are rendered there). Reading clears the cookie for the next page.
#[cfg(feature = "ssr")]
pub fn kept(field: &str) -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    let raw = crate::services::staff::cookie_value(&parts.headers, FORM_COOKIE)?;
    if let (Some(res), Ok(clear)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&format!(
            "{FORM_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
        )),
    ) {
        res.append_header(http::header::SET_COOKIE, clear);
    }
    parse(&raw)
        .into_iter()
        .find(|(k, _)| k == field)
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty())
}

#[cfg(not(feature = "ssr"))]
pub fn kept(_field: &str) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_survives_the_round_trip_through_the_cookie() {
        let cookie = keep_cookie(
            &[("note", "请 核实; a=b&c 100%"), ("phone", "0537-1234567")],
            true,
        );
        assert!(cookie.ends_with("SameSite=Strict; Secure"));
        assert!(!cookie.contains(' ') || cookie.find(';') < cookie.find(' '));
        let value = cookie
            .strip_prefix("minsheng_form=")
            .unwrap()
            .split(';')
            .next()
            .unwrap();
        assert_eq!(
            parse(value),
            vec![
                ("note".to_string(), "请 核实; a=b&c 100%".to_string()),
                ("phone".to_string(), "0537-1234567".to_string())
            ]
        );
    }

    #[test]
    fn a_long_text_is_cut_to_what_a_cookie_holds() {
        let long = "长".repeat(5000);
        assert!(keep_cookie(&[("text", &long)], false).len() < 4096);
    }
}
