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
    StaffFigures,
    StaffReports,
    PublicFigures,
    Notices,
    StaffNotices,
    Help,
    StaffHelp,
}

impl Page {
    pub const ALL: [Page; 23] = [
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
        Page::StaffFigures,
        Page::StaffReports,
        Page::PublicFigures,
        Page::Notices,
        Page::StaffNotices,
        Page::Help,
        Page::StaffHelp,
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
            Page::StaffFigures => "/staff/figures",
            Page::StaffReports => "/staff/reports",
            Page::PublicFigures => "/figures",
            Page::Notices => "/notices",
            Page::StaffNotices => "/staff/notices",
            Page::Help => "/help",
            Page::StaffHelp => "/staff/help",
        }
    }

    /// Whether the page has an interactive island. The others are plain HTML: a citizen
    /// opening a tracking link on a slow phone downloads no WASM at all.
    pub fn has_islands(self) -> bool {
        matches!(self, Page::Report | Page::Mine)
    }

    /// The page with query parameters, each value percent-encoded:
    /// `Page::Staff.with(&[("done", "accept")])` is `/staff?done=accept`.
    pub fn with(self, params: &[(&str, &str)]) -> String {
        let mut url = self.path().to_string();
        for (i, (name, value)) in params.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(name);
            url.push('=');
            url.push_str(&encode(value));
        }
        url
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

/// The notices' Atom feed (served by the server crate).
pub const NOTICES_FEED: &str = "/notices.atom";

/// The stylesheet (built by cargo-leptos from `style/`).
pub const STYLESHEET: &str = "/pkg/minsheng.css";

/// The site's icon.
pub const ICON: &str = "/favicon.svg";

/// The one owner of "my cases" in the browser's local storage, loaded by every page that
/// keeps cases (/report, /mine, /track, /snap) before its own scripts.
pub const MY_CASES_SCRIPT: &str = "/my_cases.js";

/// Where the report form with the photos first (`/report?mode=snap`) posts without JavaScript.
pub const REPORT_SNAP: &str = "/report?mode=snap";

/// The script of /track that asks for news of the case shown (without WASM).
pub const LIVE_SCRIPT: &str = "/live.js";

/// The script that shows the notices (公告) covering a report being written, on /report and
/// /snap (without WASM).
pub const NOTICES_SCRIPT: &str = "/notices.js";

/// The script that shows knowledge-base answers under a report's description while the
/// citizen types, on /report and /snap (without WASM; `notices.js` loads it on the first focus
/// of a description).
pub const HELP_SCRIPT: &str = "/help.js";

/// The script of /snap that shrinks and sends the photos (without WASM).
pub const SNAP_SCRIPT: &str = "/snap.js";

/// The one owner of the reports waiting on the phone to be sent (IndexedDB), through which
/// the report form and /snap send; it also registers the service worker. Loaded by the pages
/// that send or list reports (/, /report, /snap, /mine).
pub const OUTBOX_SCRIPT: &str = "/outbox.js";

/// Puts a refused report kept on the phone back into the report form to be fixed; loaded by
/// `outbox.js` only when one is opened (`/report?draft=…`).
pub const OUTBOX_EDIT_SCRIPT: &str = "/outbox_edit.js";

/// The service worker (served by the server crate with the build's version; it must stay at
/// the site's root to control every page).
pub const SERVICE_WORKER: &str = "/sw.js";

/// The web app manifest (installable portal).
pub const MANIFEST: &str = "/manifest.webmanifest";

/// The language switch (served by the server crate): sets the cookie and goes back.
pub const SWITCH_LANGUAGE: &str = "/lang/{tag}";

/// The large-text view's switch (长辈版, served by the server crate): `{mode}` is `large` or
/// `standard`; sets the `view` cookie and goes back.
pub const SWITCH_VIEW: &str = "/view/{mode}";

/// The link that turns the large-text view on or off and comes back to `back`.
pub fn switch_view(large: bool, back: &str) -> String {
    let mode = if large { "large" } else { "standard" };
    format!(
        "{}?back={}",
        SWITCH_VIEW.replace("{mode}", mode),
        encode(back)
    )
}

/// A payout batch's sheet (served by the server crate): `{file}` is `<batch>.csv` or
/// `<batch>.xlsx`.
pub const PAYOUT_SHEET: &str = "/staff/payouts/{file}";

/// A generated report's sheet (served by the server crate): `{file}` is
/// `<kind>-<period>.xlsx`, as `report_sheet` writes it.
pub const REPORT_SHEET: &str = "/staff/reports/{file}";

/// A stored photo (served by the server crate, which decides who may load it).
pub const PHOTO: &str = "/photos/{key}";

/// The link that switches to `locale` and comes back to `back` (a same-site path).
pub fn switch_language(locale: crate::i18n::Locale, back: &str) -> String {
    format!(
        "{}?back={}",
        SWITCH_LANGUAGE.replace("{tag}", locale.tag()),
        encode(back)
    )
}

/// The sheet of payout batch `batch` as `extension` (`csv` or `xlsx`).
pub fn payout_sheet(batch: i64, extension: &str) -> String {
    PAYOUT_SHEET.replace("{file}", &format!("{batch}.{extension}"))
}

/// The `.xlsx` sheet of the report of `kind` (`bulletin`, `ranking`) for `period`.
pub fn report_sheet(kind: &str, period: &str) -> String {
    REPORT_SHEET.replace("{file}", &format!("{kind}-{period}.xlsx"))
}

/// A stored photo's URL.
pub fn photo(key: &str) -> String {
    PHOTO.replace("{key}", key)
}

/// A case's tracking page with its number and query code (a citizen's own link).
pub fn track(ticket_no: &str, query_code: &str) -> String {
    Page::Track.with(&[("no", ticket_no), ("code", query_code)])
}

/// A staff work queue, on page `page` (0 is the first).
pub fn staff_queue(queue: &str, page: u32) -> String {
    if page == 0 {
        Page::Staff.with(&[("queue", queue)])
    } else {
        Page::Staff.with(&[("queue", queue), ("page", &page.to_string())])
    }
}

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
    fn links_carry_their_values_encoded() {
        assert_eq!(
            track("20261101-000001", "AB CD&x"),
            "/track?no=20261101-000001&code=AB%20CD%26x"
        );
        assert_eq!(staff_queue("new", 0), "/staff?queue=new");
        assert_eq!(staff_queue("new", 2), "/staff?queue=new&page=2");
        assert_eq!(payout_sheet(7, "csv"), "/staff/payouts/7.csv");
        assert_eq!(photo("ab.jpg"), "/photos/ab.jpg");
        assert_eq!(
            switch_language(crate::i18n::Locale::En, "/track?no=1&code=2"),
            "/lang/en?back=/track%3Fno%3D1%26code%3D2"
        );
        assert_eq!(
            Page::RewardsSignIn.with(&[("next", "/rewards/me")]),
            "/rewards/signin?next=/rewards/me"
        );
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
