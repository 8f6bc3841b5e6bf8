//! Staff roles and who may act on a case. Pure: the server checks these on every staff
//! request, the console uses them to show only the actions a role may take.
use serde::{Deserialize, Serialize};

coded_enum! {
    /// The roles of the hotline and its departments.
    pub enum Role {
        /// 受理员: accepts or rejects new cases, dispatches them, re-dispatches handed-back ones.
        Operator = "operator",
        /// 承办人: handles the department's cases: contacts, hand back, extension, reply draft.
        Handler = "handler",
        /// 审核人: the department head who approves a reply before it reaches the citizen.
        Head = "head",
        /// 督办员: supervises overdue and difficult cases, decides extension requests.
        Supervisor = "supervisor",
        /// 管理员: manages staff accounts.
        Admin = "admin",
    }
}

impl Role {
    /// Handlers and heads belong to exactly one department; the other roles to none.
    pub fn has_department(self) -> bool {
        matches!(self, Role::Handler | Role::Head)
    }

    /// The hotline's own staff: they see every case, decide repeat complaints and edit what
    /// the public board shows.
    pub fn is_hotline(self) -> bool {
        matches!(self, Role::Operator | Role::Supervisor)
    }
}

/// Who is acting: a role, and for department roles the department.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub username: String,
    pub role: Role,
    pub department: Option<String>,
}

impl Actor {
    /// Whether this actor works in `department`.
    pub fn in_department(&self, department: Option<&str>) -> bool {
        self.role.has_department()
            && department.is_some()
            && self.department.as_deref() == department
    }
}

/// Fewest characters in a staff username.
pub const USERNAME_MIN_CHARS: usize = 3;

/// Most characters in a staff username.
pub const USERNAME_MAX_CHARS: usize = 32;

/// Most characters in a staff member's display name.
pub const DISPLAY_NAME_MAX_CHARS: usize = 30;

/// A staff member's display name, trimmed: present and at most 30 characters.
pub fn parse_display_name(input: &str) -> Option<&str> {
    let name = input.trim();
    let ok = !name.is_empty() && name.chars().count() <= DISPLAY_NAME_MAX_CHARS;
    ok.then_some(name)
}

/// A staff username: 3–32 characters of a-z, 0-9, '.', '_' and '-'.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Username(String);

impl Username {
    pub fn parse(input: &str) -> Option<Username> {
        let s = input.trim().to_ascii_lowercase();
        let ok = (USERNAME_MIN_CHARS..=USERNAME_MAX_CHARS).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
        ok.then_some(Username(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The shortest password a staff account may have.
pub const MIN_PASSWORD_CHARS: usize = 10;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_codes() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        assert_eq!(Role::from_code("mayor"), None);
    }

    #[test]
    fn only_handlers_and_heads_act_for_a_department() {
        let handler = Actor {
            username: "h".into(),
            role: Role::Handler,
            department: Some("water".into()),
        };
        assert!(handler.in_department(Some("water")));
        assert!(!handler.in_department(Some("power")));
        assert!(!handler.in_department(None));
        let supervisor = Actor {
            role: Role::Supervisor,
            department: Some("water".into()),
            ..handler
        };
        assert!(!supervisor.in_department(Some("water")));
    }

    #[test]
    fn usernames_are_lower_case_and_plain() {
        assert_eq!(Username::parse(" Wang.Li ").unwrap().as_str(), "wang.li");
        for bad in ["", "ab", "王力", "a b c", "x".repeat(33).as_str()] {
            assert!(Username::parse(bad).is_none(), "{bad}");
        }
    }
}
