//! The portal's public address (`MINSHENG_PUBLIC_URL`): its origin, and whether it is this
//! machine only.

/// `scheme://host[:port]` of the address, lower case.
pub fn origin(public_url: &str) -> String {
    let (scheme, rest) = public_url.split_once("://").unwrap_or(("", public_url));
    let authority = rest.split('/').next().unwrap_or("");
    if scheme.is_empty() {
        authority.to_ascii_lowercase()
    } else {
        format!("{scheme}://{authority}").to_ascii_lowercase()
    }
}

/// Whether the address is this machine only (`127.0.0.1`, `localhost`, `[::1]`): a
/// development or demo portal, the only kind whose log may show one-time codes.
pub fn is_local(public_url: &str) -> bool {
    let origin = origin(public_url);
    let authority = origin.split_once("://").map_or(origin.as_str(), |(_, a)| a);
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => authority.rsplit_once(':').map_or(authority, |(h, _)| h),
    };
    matches!(host, "127.0.0.1" | "localhost" | "::1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_origin_drops_the_path_and_case() {
        assert_eq!(
            origin("https://12345.Example.gov.cn/portal/"),
            "https://12345.example.gov.cn"
        );
        assert_eq!(origin("http://127.0.0.1:3000"), "http://127.0.0.1:3000");
    }

    #[test]
    fn only_a_portal_on_this_machine_counts_as_local() {
        for url in [
            "http://127.0.0.1:3000",
            "http://localhost",
            "http://[::1]:3000/",
        ] {
            assert!(is_local(url), "{url}");
        }
        for url in [
            "http://12345.example.gov.cn",
            "https://127.0.0.1.evil.com",
            "http://10.0.0.5:3000",
        ] {
            assert!(!is_local(url), "{url}");
        }
    }
}
