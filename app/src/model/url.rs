//! Where a `back=` or `next=` parameter may send the browser: only a path on this site.

/// `path` if it is a path on this site: starts with one `/`, no backslash, no whitespace or
/// control character anywhere (browsers drop tabs and newlines, so `/\t/evil.com` would
/// become `//evil.com`), no scheme. Anything else is `None`.
pub fn same_site_path(path: &str) -> Option<&str> {
    let mut chars = path.chars();
    if chars.next() != Some('/') {
        return None;
    }
    if matches!(chars.next(), Some('/') | Some('\\')) {
        return None;
    }
    if path.len() > 2000
        || path
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
    {
        return None;
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_on_this_site_are_followed() {
        for good in [
            "/",
            "/track?no=1",
            "/rewards/me",
            "/staff/case?no=20261101-000001",
        ] {
            assert_eq!(same_site_path(good), Some(good));
        }
        for bad in [
            "//evil.com",
            "/\\evil.com",
            "/\t/evil.com",
            "/\n/evil.com",
            "/\r//evil.com",
            "/ /evil.com",
            "/\u{3000}/evil.com",
            "https://evil.com",
            "evil.com",
            "",
            "/a\\b",
            "/\u{7f}",
        ] {
            assert_eq!(same_site_path(bad), None, "{bad:?}");
        }
    }
}
