//! Who sees what of a case: the one rule every page, server function, API answer, photo and
//! export goes through. Pure: the callers say who is asking and what kind of case it is; the
//! rule says which fields that audience may have.
//!
//! | audience | may see |
//! |---|---|
//! | public (board, nearby, figures, any API) | only cases not confidential and with publication consent: category, district, street, dates, status, the request redacted, the reply and thumbnails of board cases; distances in bands |
//! | supporter (joined "me too") | status, public steps and supporter count; texts and photos only of a board case (its published text) |
//! | reporter (own ticket + code) | the whole public timeline, own photos, the released reply |
//! | department handling it | the case; for a confidential case never the reporter's name or numbers, also not inside the text |
//! | hotline staff | everything; every view of contact details logged |
use serde::{Deserialize, Serialize};

/// Who is asking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Audience {
    /// Anyone, with no code: the board, "similar reports near you", figures, APIs.
    Public,
    /// A citizen who joined the case ("me too") and holds a supporter code.
    Supporter,
    /// The citizen who reported it, with the ticket's own query code.
    Reporter,
    /// Staff of the department handling the case.
    Department,
    /// Hotline staff: operators, supervisors.
    Hotline,
}

/// What the rule needs to know about a case.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CaseFacts {
    /// The reporter asked for confidentiality (保密).
    pub confidential: bool,
    /// The reporter allowed publication without personal data.
    pub publish_consent: bool,
    /// The case is on the public board now (a released reply, consent, not confidential, not
    /// withdrawn by staff).
    pub on_board: bool,
}

impl CaseFacts {
    /// Whether the public may know the case exists at all (in lists such as "nearby").
    pub fn public_may_list(&self) -> bool {
        !self.confidential && self.publish_consent
    }
}

/// How a text of the case (the request, the reply, notes and comments in the timeline) is
/// shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    /// Not at all.
    Hidden,
    /// Only as published: redacted for the public (or staff's edit of a board case).
    Published,
    /// The original with the reporter's name and numbers masked (a confidential case's
    /// department).
    IdentityMasked,
    /// As written.
    Full,
}

/// How far apart a viewer may learn a case is from a position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Distance {
    None,
    /// `< 100 m`, `100–500 m`: never to the metre.
    Band,
    Exact,
}

/// How a photo may be cached on its way to the viewer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhotoCache {
    /// Shared caches (CDN, proxies) may keep it: only photos of board cases.
    Shared,
    /// Only the viewer's own browser, for a short time.
    Private,
}

/// The reporter's name and numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Contact {
    Never,
    /// Shown on request, and every showing is logged.
    Logged,
}

/// The fields of a case an audience may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Visible {
    /// The case may be answered at all (listed, opened, joined).
    pub case: bool,
    /// The request text.
    pub request: Text,
    /// The released reply and the texts inside the timeline (rejection and closing notes,
    /// rating comments, the responder's name).
    pub reply: Text,
    pub photos: Option<PhotoCache>,
    /// How far the case is from a position.
    pub distance: Distance,
    pub contact: Contact,
    /// A handle that joins the case ("me too").
    pub join_handle: bool,
}

const NOTHING: Visible = Visible {
    case: false,
    request: Text::Hidden,
    reply: Text::Hidden,
    photos: None,
    distance: Distance::None,
    contact: Contact::Never,
    join_handle: false,
};

/// What hotline staff see: everything, contact details on request (logged).
const EVERYTHING: Visible = Visible {
    case: true,
    request: Text::Full,
    reply: Text::Full,
    photos: Some(PhotoCache::Private),
    distance: Distance::Exact,
    contact: Contact::Logged,
    join_handle: false,
};

/// The one rule: what `audience` may see of a case with `facts`. Steps, status and the
/// supporter count go with `case`; the street, address and position with an exact distance.
pub fn visible(audience: Audience, facts: CaseFacts) -> Visible {
    let board_text = if facts.on_board {
        Text::Published
    } else {
        Text::Hidden
    };
    let board_photos = facts.on_board.then_some(PhotoCache::Shared);
    match audience {
        Audience::Public if !facts.public_may_list() => NOTHING,
        Audience::Public => Visible {
            // The reporter consented to publication without personal data.
            request: Text::Published,
            reply: board_text,
            photos: board_photos,
            distance: Distance::Band,
            contact: Contact::Never,
            join_handle: true,
            ..EVERYTHING
        },
        Audience::Supporter => Visible {
            request: board_text,
            reply: board_text,
            photos: board_photos,
            distance: Distance::None,
            contact: Contact::Never,
            ..EVERYTHING
        },
        Audience::Reporter => Visible {
            contact: Contact::Never,
            ..EVERYTHING
        },
        Audience::Department if facts.confidential => Visible {
            request: Text::IdentityMasked,
            contact: Contact::Never,
            ..EVERYTHING
        },
        Audience::Department | Audience::Hotline => EVERYTHING,
    }
}

/// A distance as the public may read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DistanceBand {
    /// Under 100 m.
    Near,
    /// 100 to 500 m.
    Within500,
    /// Farther, or on the same street without a position.
    Farther,
}

impl DistanceBand {
    /// Below this many metres a case is `Near`.
    pub const NEAR_METRES: u32 = 100;
    /// Up to this many metres a case is `Within500`.
    pub const WITHIN_METRES: u32 = 500;

    pub fn of(metres: f64) -> DistanceBand {
        if metres < f64::from(Self::NEAR_METRES) {
            DistanceBand::Near
        } else if metres <= f64::from(Self::WITHIN_METRES) {
            DistanceBand::Within500
        } else {
            DistanceBand::Farther
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Audience; 5] = [
        Audience::Public,
        Audience::Supporter,
        Audience::Reporter,
        Audience::Department,
        Audience::Hotline,
    ];

    fn facts(confidential: bool, publish_consent: bool, on_board: bool) -> CaseFacts {
        CaseFacts {
            confidential,
            publish_consent,
            on_board,
        }
    }

    #[test]
    fn the_public_never_learns_a_confidential_or_unconsented_case_exists() {
        for f in [
            facts(true, true, false),
            facts(false, false, false),
            facts(true, false, false),
        ] {
            assert_eq!(visible(Audience::Public, f), NOTHING, "{f:?}");
        }
        let open = visible(Audience::Public, facts(false, true, false));
        assert!(open.case && open.join_handle);
        assert_eq!(open.distance, Distance::Band);
        assert_eq!(open.contact, Contact::Never);
        assert_eq!((open.request, open.reply), (Text::Published, Text::Hidden));
        assert_eq!(open.photos, None);
    }

    #[test]
    fn a_supporter_sees_steps_but_texts_and_photos_only_of_a_board_case() {
        let off = visible(Audience::Supporter, facts(false, true, false));
        assert!(off.case);
        assert_eq!(
            (off.request, off.reply, off.photos),
            (Text::Hidden, Text::Hidden, None)
        );
        let on = visible(Audience::Supporter, facts(false, true, true));
        assert_eq!((on.request, on.reply), (Text::Published, Text::Published));
        assert_eq!(on.photos, Some(PhotoCache::Shared));
    }

    #[test]
    fn a_department_never_sees_a_confidential_reporter() {
        let v = visible(Audience::Department, facts(true, false, false));
        assert_eq!(v.contact, Contact::Never);
        assert_eq!(v.request, Text::IdentityMasked);
        let v = visible(Audience::Department, facts(false, false, false));
        assert_eq!(v.contact, Contact::Logged);
    }

    #[test]
    fn only_board_cases_are_cached_by_shared_caches_and_contact_is_only_for_staff() {
        for a in ALL {
            for c in [false, true] {
                for p in [false, true] {
                    for b in [false, true] {
                        let f = facts(c, p, b && !c && p);
                        let v = visible(a, f);
                        if v.photos == Some(PhotoCache::Shared) {
                            assert!(f.on_board && !f.confidential, "{a:?} {f:?}");
                        }
                        if v.contact == Contact::Logged {
                            assert!(matches!(a, Audience::Department | Audience::Hotline));
                        }
                        if a == Audience::Public || a == Audience::Supporter {
                            assert_ne!(v.distance, Distance::Exact);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn distances_are_told_in_bands() {
        assert_eq!(DistanceBand::of(3.0), DistanceBand::Near);
        assert_eq!(DistanceBand::of(99.9), DistanceBand::Near);
        assert_eq!(DistanceBand::of(100.0), DistanceBand::Within500);
        assert_eq!(DistanceBand::of(500.0), DistanceBand::Within500);
        assert_eq!(DistanceBand::of(501.0), DistanceBand::Farther);
    }
}
