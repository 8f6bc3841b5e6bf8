//! Every page of the portal as a value: its path, whether it carries an interactive island
//! (and so needs the WASM bundle), and the links built to it. The router in `lib.rs` mounts
//! these paths; a server test checks that the router and `Page::ALL` list the same pages.
//! Server functions are reached through their own `PATH` (`server_fn::ServerFn`), never a
//! string written by hand.

/// A page of the portal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Home,
    Report,
    ReportDone,
    Track,
    PublicBoard,
    Mine,
    Snap,
    Rewards,
    RewardsJoin,
    RewardsSignIn,
    RewardsReset,
    RewardsMe,
    Staff,
    StaffCase,
    StaffAccounts,
    StaffPayouts,
}

impl Page {
    pub const ALL: [Page; 16] = [
        Page::Home,
        Page::Report,
        Page::ReportDone,
        Page::Track,
        Page::PublicBoard,
        Page::Mine,
        Page::Snap,
        Page::Rewards,
        Page::RewardsJoin,
        Page::RewardsSignIn,
        Page::RewardsReset,
        Page::RewardsMe,
        Page::Staff,
        Page::StaffCase,
        Page::StaffAccounts,
        Page::StaffPayouts,
    ];

    pub fn path(self) -> &'static str {
        match self {
            Page::Home => "/",
            Page::Report => "/report",
            Page::ReportDone => "/report/done",
            Page::Track => "/track",
            Page::PublicBoard => "/public",
            Page::Mine => "/mine",
            Page::Snap => "/snap",
            Page::Rewards => "/rewards",
            Page::RewardsJoin => "/rewards/join",
            Page::RewardsSignIn => "/rewards/signin",
            Page::RewardsReset => "/rewards/reset",
            Page::RewardsMe => "/rewards/me",
            Page::Staff => "/staff",
            Page::StaffCase => "/staff/case",
            Page::StaffAccounts => "/staff/accounts",
            Page::StaffPayouts => "/staff/payouts",
        }
    }

    /// Whether the page has an interactive island. The others are plain HTML: a citizen
    /// opening a tracking link on a slow phone downloads no WASM at all.
    pub fn has_islands(self) -> bool {
        matches!(self, Page::Report | Page::Mine)
    }

    /// The page at `path` (a trailing `/` ignored).
    pub fn at(path: &str) -> Option<Page> {
        let path = match path.trim_end_matches('/') {
            "" => "/",
            p => p,
        };
        Page::ALL.into_iter().find(|p| p.path() == path)
    }
}

/// The intake endpoint (served by the server crate, not a server function): the report form,
/// `/snap` and other channels send reports here.
pub const INTAKE: &str = "/api/v1/reports";

/// The one owner of "my cases" in the browser's local storage, loaded by every page that
/// keeps cases (/report, /mine, /track, /snap) before its own scripts.
pub const MY_CASES_SCRIPT: &str = "/my_cases.js";

/// `s` percent-encoded for a query value: letters, digits, `-_.~/` as they are, every
/// other byte as `%XX` (a space is `%20`, never `+`).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The reporter's sign-in page, going on to `next` once signed in.
pub fn reporter_sign_in(next: Page) -> String {
    format!(
        "{}?next={}",
        Page::RewardsSignIn.path(),
        encode(next.path())
    )
}

/// The console page of a case: `/staff/case?no=…`.
pub fn staff_case(ticket_no: &str) -> String {
    format!("{}?no={}", Page::StaffCase.path(), encode(ticket_no.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_is_found_at_its_own_path() {
        for page in Page::ALL {
            assert_eq!(Page::at(page.path()), Some(page));
            assert_eq!(Page::at(&format!("{}/", page.path())), Some(page));
        }
        assert_eq!(Page::at("/nowhere"), None);
    }

    #[test]
    fn a_case_link_carries_the_ticket_number_encoded() {
        assert_eq!(
            staff_case(" 20261101-000001 "),
            "/staff/case?no=20261101-000001"
        );
        assert_eq!(staff_case("a&b=c"), "/staff/case?no=a%26b%3Dc");
    }
}
