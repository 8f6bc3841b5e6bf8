//! Rate limits per client address.
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

/// The key a client address is rate limited under: IPv4 as is, IPv6 by its /64 network.
pub fn rate_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(std::net::Ipv6Addr::from(
                u128::from(v6) & !((1u128 << 64) - 1),
            )),
        },
    }
}

/// Per-client-address rate limiter.
pub type ClientLimiter = DefaultKeyedRateLimiter<IpAddr>;

pub fn per_minute_limiter<K: std::hash::Hash + Eq + Clone>(
    per_minute: u32,
) -> Arc<DefaultKeyedRateLimiter<K>> {
    let n = NonZeroU32::new(per_minute.max(1)).expect("at least 1");
    Arc::new(RateLimiter::keyed(Quota::per_minute(n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ipv6_household_is_one_client_and_mapped_ipv4_is_ipv4() {
        let a: IpAddr = "2001:db8:1:2:aaaa:bbbb:cccc:dddd".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(rate_key(a), rate_key(b));
        assert_ne!(rate_key(a), rate_key(other));
        assert_eq!(rate_key(a), "2001:db8:1:2::".parse::<IpAddr>().unwrap());
        let mapped: IpAddr = "::ffff:203.0.113.7".parse().unwrap();
        assert_eq!(rate_key(mapped), "203.0.113.7".parse::<IpAddr>().unwrap());
        let v4: IpAddr = "203.0.113.7".parse().unwrap();
        assert_eq!(rate_key(v4), v4);
    }
}
