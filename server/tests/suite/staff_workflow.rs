//! The staff workflow over HTTP against the real server and database: each role's allowed and
//! refused actions, confidentiality of the reporter, re-assignment.
use crate::common;

use app::model::workflow::EventKind;
use common::staff::*;
use common::*;

const REPLY: &str =
    "经现场核查，古槐路东门的占道摊贩已于今日清理完毕，执法中队每日早晚巡查两次，防止反弹。";

#[tokio::test]
async fn each_role_does_only_its_own_steps_and_a_refused_step_changes_nothing() {
    let server = demo_server(&[]);
    let no = new_case(&server).await;
    let operator = sign_in(&server, "operator").await;
    let handler = sign_in(&server, "rencheng.handler").await;
    let head = sign_in(&server, "rencheng.head").await;
    let other_handler = sign_in(&server, "water.handler").await;
    let supervisor = sign_in(&server, "supervisor").await;
    let admin = sign_in(&server, "admin").await;

    // Only the operator accepts.
    for who in [&handler, &head, &supervisor, &admin] {
        let (status, answer) = act(&server, who, &no, "accepted", &[]).await;
        assert!(status == 403 || status == 404, "{status} {answer}");
    }
    assert_eq!(server.events_of(&no).await, 1, "refusals recorded nothing");
    assert_eq!(act(&server, &operator, &no, "accepted", &[]).await.0, 200);

    // The routing table proposes the district government; the operator dispatches there.
    let seen = detail(&server, &operator, &no, false).await;
    assert_eq!(seen.suggested_department.as_deref(), Some("dept-rencheng"));
    let (status, answer) = act(
        &server,
        &operator,
        &no,
        "dispatched",
        &[("department", "dept-nowhere")],
    )
    .await;
    assert_eq!(
        (status, staff_error(&answer)),
        (409, Some(StaffError::Refused(Refusal::UnknownDepartment)))
    );
    assert_eq!(
        act(
            &server,
            &operator,
            &no,
            "dispatched",
            &[("department", "dept-rencheng")]
        )
        .await
        .0,
        200
    );

    // Another department neither sees nor touches it; the operator cannot handle it.
    assert_eq!(case(&server, &other_handler, &no, false).await.0, 404);
    assert_eq!(
        act(&server, &other_handler, &no, "first_contact", &[])
            .await
            .0,
        404
    );
    assert_eq!(
        act(&server, &operator, &no, "first_contact", &[]).await.0,
        403
    );
    // Replying before the first contact is out of order.
    let reply = [
        ("text", REPLY),
        ("responder", "孙丽"),
        ("phone", "0537-2213456"),
    ];
    let (status, answer) = act(&server, &handler, &no, "reply_drafted", &reply).await;
    assert!(
        matches!(
            (status, staff_error(&answer)),
            (409, Some(StaffError::Refused(Refusal::NotNow { .. })))
        ),
        "{answer}"
    );
    assert_eq!(
        act(
            &server,
            &handler,
            &no,
            "first_contact",
            &[("note", "电话联系")]
        )
        .await
        .0,
        200
    );

    // A boilerplate reply and a reply without a phone are refused.
    let (status, answer) = act(
        &server,
        &handler,
        &no,
        "reply_drafted",
        &[
            ("text", "已处理。"),
            ("responder", "孙丽"),
            ("phone", "0537-2213456"),
        ],
    )
    .await;
    assert!(
        matches!(
            (status, staff_error(&answer)),
            (409, Some(StaffError::Refused(Refusal::ReplyTooShort { min: 20, actual })))
                if actual < 20
        ),
        "{answer}"
    );
    let (status, answer) = act(
        &server,
        &handler,
        &no,
        "reply_drafted",
        &[("text", REPLY), ("responder", "孙丽"), ("phone", "")],
    )
    .await;
    assert_eq!(
        (status, staff_error(&answer)),
        (409, Some(StaffError::Refused(Refusal::ResponderPhone)))
    );
    assert_eq!(
        act(&server, &handler, &no, "reply_drafted", &reply).await.0,
        200
    );

    // Only the head approves; sending back needs a reason.
    assert_eq!(
        act(&server, &handler, &no, "reply_approved", &[]).await.0,
        403
    );
    let (status, answer) = act(&server, &head, &no, "reply_sent_back", &[]).await;
    assert_eq!(
        (status, staff_error(&answer)),
        (409, Some(StaffError::Refused(Refusal::NoteRequired)))
    );
    assert_eq!(
        act(
            &server,
            &head,
            &no,
            "reply_sent_back",
            &[("note", "写明巡查安排")]
        )
        .await
        .0,
        200
    );
    assert_eq!(
        act(&server, &handler, &no, "reply_drafted", &reply).await.0,
        200
    );

    // A page that is out of date cannot act.
    let (status, answer) = post(
        &server,
        &head,
        "/api/fn/staff/act",
        &[
            ("ticket_no", no.as_str()),
            ("version", "2"),
            ("action", "reply_approved"),
        ],
    )
    .await;
    assert_eq!(
        (status, staff_error(&answer)),
        (409, Some(StaffError::Changed))
    );
    assert_eq!(
        act(&server, &supervisor, &no, "reply_approved", &[])
            .await
            .0,
        403
    );
    let before = server.events_of(&no).await;
    assert_eq!(act(&server, &head, &no, "reply_approved", &[]).await.0, 200);
    assert_eq!(server.events_of(&no).await, before + 1);

    // Supervisors supervise; an administrator sees no cases at all.
    assert_eq!(
        act(
            &server,
            &supervisor,
            &no,
            "supervision_added",
            &[("note", "三日内回访"), ("date", "2099-01-01")]
        )
        .await
        .0,
        200
    );
    assert_eq!(case(&server, &admin, &no, false).await.0, 403);

    // The department finishes the two contacts; it cannot close the case itself: the
    // citizen's rating (here given by phone to the operator) closes it.
    assert_eq!(
        act(&server, &handler, &no, "second_contact", &[]).await.0,
        200
    );
    assert_eq!(
        act(&server, &handler, &no, "closed", &[("note", "x")])
            .await
            .0,
        403
    );
    assert_eq!(
        act(&server, &operator, &no, "rated", &[("rating", "satisfied")])
            .await
            .0,
        200
    );
    let seen = detail(&server, &operator, &no, false).await;
    assert_eq!(seen.status, Status::Closed);
    assert_eq!(seen.supervision, None, "closing ends the supervision");
}

#[tokio::test]
async fn a_confidential_reporter_is_hidden_from_the_department_and_every_view_is_logged() {
    let server = demo_server(&[]);
    let no = new_case(&server).await; // fields() asks for confidentiality
    let operator = sign_in(&server, "operator").await;
    let handler = sign_in(&server, "rencheng.handler").await;
    dispatch(&server, &operator, &no, "dept-rencheng").await;

    let (status, answer) = case(&server, &handler, &no, true).await;
    assert_eq!(status, 200);
    let seen: CaseDetail = answer.json();
    assert_eq!(seen.contact, Contact::Confidential);
    // Nowhere on the wire, not only not in the contact.
    let text = answer.text();
    assert!(
        !text.contains("张三") && !text.contains("13805371234"),
        "{text}"
    );
    let response = reqwest::Client::new()
        .get(server.at(&format!("/staff/case?no={no}&contact=1")))
        .header("Cookie", &handler)
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["cache-control"], "no-store");
    let page = response.text().await.unwrap();
    assert!(
        page.contains("contact-confidential")
            && !page.contains("张三")
            && !page.contains("1380537")
    );
    assert_eq!(
        server.count("contact_views").await,
        0,
        "nothing was shown, nothing logged"
    );

    // The operator sees the details on request only, and the view is logged with who.
    let (status, answer) = case(&server, &operator, &no, false).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer.json::<CaseDetail>().contact, Contact::OnRequest);
    assert!(!answer.text().contains("张三"), "{answer}");
    let seen = detail(&server, &operator, &no, true).await;
    assert_eq!(
        seen.contact,
        Contact::Shown {
            name: "张三".into(),
            phone: "13805371234".into()
        }
    );
    assert_eq!(server.count("contact_views").await, 1);
    let seen = detail(&server, &operator, &no, false).await;
    assert!(
        seen.contact_views[0].who.contains("operator"),
        "{:?}",
        seen.contact_views
    );
}

#[tokio::test]
async fn the_operator_reassigns_a_case_and_only_the_new_department_sees_it() {
    let server = demo_server(&[]);
    let no = new_case(&server).await;
    let operator = sign_in(&server, "operator").await;
    let rencheng = sign_in(&server, "rencheng.handler").await;
    let urban = sign_in(&server, "urban.handler").await;
    dispatch(&server, &operator, &no, "dept-rencheng").await;
    assert_eq!(
        act(&server, &rencheng, &no, "first_contact", &[]).await.0,
        200
    );

    // Departments cannot move cases themselves; the same department is no re-assignment.
    let to_urban = [("department", "dept-urban"), ("note", "属于市城管局职责")];
    assert_eq!(
        act(&server, &rencheng, &no, "reassigned", &to_urban)
            .await
            .0,
        403
    );
    let (status, answer) = act(
        &server,
        &operator,
        &no,
        "reassigned",
        &[("department", "dept-rencheng"), ("note", "x")],
    )
    .await;
    assert_eq!(
        (status, staff_error(&answer)),
        (409, Some(StaffError::Refused(Refusal::SameDepartment)))
    );
    assert_eq!(
        act(&server, &operator, &no, "reassigned", &to_urban)
            .await
            .0,
        200
    );

    assert_eq!(case(&server, &rencheng, &no, false).await.0, 404);
    let seen = detail(&server, &urban, &no, false).await;
    assert_eq!(
        seen.status,
        Status::Dispatched,
        "the new department starts with its own first contact"
    );
    assert!(
        seen.actions.contains(&EventKind::FirstContact),
        "{:?}",
        seen.actions
    );
}
