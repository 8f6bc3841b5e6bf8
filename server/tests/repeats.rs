//! Repeat complaints (重复投诉) over HTTP: linked at intake, decided by the operator, counted.
mod common;

use common::staff::*;
use common::*;

#[tokio::test]
async fn a_repeat_complaint_is_linked_for_the_operator_who_confirms_it_and_it_counts_for_the_department(
) {
    let server = demo_server(&[]);
    let (first, _) = replied_case(&server, fields()).await;
    // Same mobile, same place, similar words: a possible repeat of the first.
    let mut again = fields();
    for (k, v) in again.iter_mut() {
        if *k == "description" {
            *v = "人行道上摊贩还是占道经营，行人只能走机动车道，上次反映后没有解决。".into();
        }
    }
    let (status, created) = submit(&server, form(again, vec![])).await;
    assert_eq!(status, 201);
    let second = created["ticket_no"].as_str().unwrap().to_string();
    let operator = sign_in(&server, "operator").await;
    assert!(queue(&server, &operator, "repeats")
        .await
        .iter()
        .any(|(n, _)| *n == second));
    let (_, seen) = case(&server, &operator, &second, false).await;
    let links = seen["repeats"].as_array().unwrap();
    let link = links
        .iter()
        .find(|l| l["earlier_no"] == first.as_str())
        .expect("linked to the first case");
    let reasons: Vec<&str> = link["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert_eq!(reasons, ["same_mobile", "nearby", "similar_text"]);
    assert_eq!(link["status"], "pending");
    // A department cannot decide; the operator confirms.
    let handler = sign_in(&server, "rencheng.handler").await;
    let decide = |who: String, decision: &'static str| {
        let (server, second, first) = (&server, second.clone(), first.clone());
        async move {
            post(
                server,
                &who,
                "/api/fn/staff/repeat",
                &[
                    ("ticket_no", &second),
                    ("earlier", &first),
                    ("decision", decision),
                ],
            )
            .await
            .0
        }
    };
    assert_eq!(decide(handler, "confirmed").await, 403);
    assert_eq!(decide(operator.clone(), "confirmed").await, 200);
    let (_, seen) = case(&server, &operator, &second, false).await;
    let link = seen["repeats"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["earlier_no"] == first.as_str())
        .cloned()
        .unwrap();
    assert_eq!(
        (link["status"].as_str(), link["decided_by"].as_str()),
        (Some("confirmed"), Some("operator"))
    );
    let supervisor = sign_in(&server, "supervisor").await;
    let stats = supervisor_stats(&server, &supervisor).await;
    let by_department = stats["repeats_by_department"].as_array().unwrap();
    assert!(
        by_department
            .iter()
            .any(|d| d[0].as_str().unwrap().contains("任城区") && d[1] == 1),
        "{stats}"
    );
}
