//! How stored figures are sliced (department, district, category, channel) and what one case
//! adds to the stored cells, as a change from its previous contribution.
use super::Figures;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The ways figures are sliced: every case falls in one key of each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Slice {
    /// Every case (the key is empty).
    All,
    /// The department the case's figures belong to (empty before any dispatch).
    Department,
    District,
    /// The category's group (read from the leaves: not stored).
    Group,
    /// The category (a leaf of the tree).
    Category,
    /// How the case came in (form, snap, API, phone).
    Channel,
}

impl Slice {
    pub const ALL: [Slice; 6] = [
        Slice::All,
        Slice::Department,
        Slice::District,
        Slice::Group,
        Slice::Category,
        Slice::Channel,
    ];
    /// The slices kept in storage (a group is the sum of its leaves).
    pub const STORED: [Slice; 5] = [
        Slice::All,
        Slice::Department,
        Slice::District,
        Slice::Category,
        Slice::Channel,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Slice::All => "all",
            Slice::Department => "department",
            Slice::District => "district",
            Slice::Group => "group",
            Slice::Category => "category",
            Slice::Channel => "channel",
        }
    }

    pub fn parse(code: &str) -> Option<Slice> {
        Slice::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// The channels cases come in by (the intake's web form, 随手拍, the API, the demo data, and
/// cases taken on the phone), the keys of `Slice::Channel`.
pub const CHANNELS: [&str; 5] = ["web", "snap", "api", "phone", "demo"];

/// Where a case falls in each stored slice.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSlices {
    pub department: String,
    pub district: String,
    pub category: String,
    pub channel: String,
}

impl CaseSlices {
    pub fn key(&self, slice: Slice) -> &str {
        match slice {
            Slice::All | Slice::Group => "",
            Slice::Department => &self.department,
            Slice::District => &self.district,
            Slice::Category => &self.category,
            Slice::Channel => &self.channel,
        }
    }
}

/// One stored cell of figures: a slice's key on a day, as the stored columns.
pub type Cell = ((Slice, String, NaiveDate), crate::model::figures::Columns);

/// The stored cells a case fills: each of its days in each stored slice.
pub fn cells(slices: &CaseSlices, days: &[(NaiveDate, Figures)]) -> Vec<Cell> {
    Slice::STORED
        .into_iter()
        .flat_map(|slice| {
            days.iter()
                .map(move |(day, f)| ((slice, slices.key(slice).to_string(), *day), f.columns()))
        })
        .collect()
}

/// What to add to the stored cells when a case's cells go from `old` to `new`: the
/// differences that are not zero, in key order (writers touch shared rows in one order).
pub fn change(old: Vec<Cell>, new: Vec<Cell>) -> Vec<Cell> {
    let mut sum: std::collections::BTreeMap<
        (Slice, String, NaiveDate),
        crate::model::figures::Columns,
    > = Default::default();
    for (sign, cells) in [(-1, old), (1, new)] {
        for (key, columns) in cells {
            let entry = sum.entry(key).or_default();
            for (a, b) in entry.iter_mut().zip(columns) {
                *a += sign * b;
            }
        }
    }
    sum.into_iter()
        .filter(|(_, c)| c.iter().any(|n| *n != 0))
        .collect()
}
