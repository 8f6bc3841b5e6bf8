//! What the load benchmarks share: the seeded reports.
use app::model::{City, ReportDraft};

/// The `i`-th seeded report: kinds, categories, districts and streets taken in turn.
pub fn seed_draft(city: &City, i: usize) -> ReportDraft {
    let district = &city.districts[i % city.districts.len()];
    let group = &city.categories[(i / 3) % city.categories.len()];
    ReportDraft {
        kind: ["complaint", "help", "inquiry", "suggestion"][i % 4].into(),
        category: group.children[i % group.children.len()].code.clone(),
        district: district.code.clone(),
        street: district.streets[i % district.streets.len()].code.clone(),
        address: format!("测试路 {} 号", i % 500),
        description: format!("第 {i} 号测试诉求：路灯不亮，晚上通行不便，请尽快维修。"),
        contact_name: "测试".into(),
        contact_phone: format!("138{:08}", i),
        ..ReportDraft::default()
    }
}
