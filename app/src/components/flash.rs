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

/// The `Set-Cookie` value that keeps `fields` for the next page (form-urlencoded, which
/// leaves nothing a cookie value may not hold).
pub fn keep_cookie(fields: &[(&str, &str)], secure: bool) -> String {
    let mut value = form_urlencoded::Serializer::new(String::new());
    let mut kept = 0;
    for (k, v) in fields {
        let pair: usize = form_urlencoded::byte_serialize(k.as_bytes())
            .chain(form_urlencoded::byte_serialize(v.as_bytes()))
            .map(str::len)
            .sum();
        if kept + pair + 2 > MAX_KEPT_BYTES {
            break;
        }
        kept += pair + 2;
        value.append_pair(k, v);
    }
    format!(
        "{FORM_COOKIE}={}; Path=/; Max-Age={FORM_COOKIE_SECONDS}; HttpOnly; SameSite=Strict{}",
        value.finish(),
        if secure { "; Secure" } else { "" }
    )
}

/// Parses the cookie's value into its fields.
pub fn parse(value: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(value.as_bytes())
        .into_owned()
        .collect()
}

/// The value of `field` the user typed before the form came back with an error (server side;
/// the forms are rendered there). Reading clears the cookie for the next page.
#[cfg(feature = "ssr")]
pub fn kept(field: &str) -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    let raw = crate::services::accounts::cookie_value(&parts.headers, FORM_COOKIE)?;
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
