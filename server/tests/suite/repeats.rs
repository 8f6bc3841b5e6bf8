//! Repeat complaints (重复投诉) over HTTP: linked at intake, decided by the operator, counted.
use crate::common;

use app::model::repeat::{RepeatReason, RepeatStatus};
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
    let (status, body) = submit(&server, form(again, vec![])).await;
    let second = created(status, &body).ticket_no;
    let operator = sign_in(&server, "operator").await;
    assert!(queue(&server, &operator, "repeats")
        .await
        .iter()
        .any(|(n, _)| *n == second));
    let seen = detail(&server, &operator, &second, false).await;
    let link = seen
        .repeats
        .iter()
        .find(|l| l.earlier_no == first)
        .expect("linked to the first case");
    assert_eq!(
        link.reasons,
        [
            RepeatReason::SameMobile,
            RepeatReason::Nearby,
            RepeatReason::SimilarText
        ]
    );
    assert_eq!(link.status, RepeatStatus::Pending);
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
    let seen = detail(&server, &operator, &second, false).await;
    let link = seen
        .repeats
        .iter()
        .find(|l| l.earlier_no == first)
        .expect("still linked to the first case");
    assert_eq!(
        (link.status, link.decided_by.as_deref()),
        (RepeatStatus::Confirmed, Some("operator"))
    );
    let supervisor = sign_in(&server, "supervisor").await;
    let stats = supervisor_stats(&server, &supervisor).await;
    assert!(
        stats
            .repeats_by_department
            .iter()
            .any(|(department, n)| department.contains("任城区") && *n == 1),
        "{stats:?}"
    );
}
