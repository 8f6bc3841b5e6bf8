//! The knowledge base's staff side, against the real server and database: hotline staff write,
//! revise and retire articles, each save a revision in the history, a save on an old revision
//! refused; bad articles are refused whole and store nothing. Helpers in `help.rs`.
use super::help::{answers, articles, save, staff_help};
use crate::common;
use app::model::help::ArticleProblem;
use common::staff::{demo_server, sign_in};
use common::*;

#[tokio::test]
async fn hotline_staff_write_revise_and_retire_an_article_and_its_history_keeps_every_save() {
    let server = demo_server(&[]);
    let operator = sign_in(&server, "operator").await;
    let supervisor = sign_in(&server, "supervisor").await;
    let before = articles(&server).await;
    let question = "古槐路夜市什么时候开放？";
    let (status, body) = save(
        &server,
        &operator,
        &[
            ("category", "city.road-occupation"),
            ("department", "dept-urban"),
            ("question", question),
            ("answer", "古槐路夜市每天 18:00 至 23:00 开放，摊位由街道统一安排，其他时段占道摆摊将被劝离。"),
            ("valid_until", ""),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(articles(&server).await, before + 1);
    let found = answers(&server, "古槐路夜市几点开", "").await;
    assert_eq!(found[0].question, question);
    let id = found[0].id.to_string();
    assert_eq!(found[0].department, "市城市管理局");

    // The supervisor revises it: revision 2; the operator's save on revision 1 is refused.
    let revised = "古槐路夜市每天 17:30 至 22:30 开放（冬季），摊位由街道统一安排。";
    let fields = |revision: &'static str, answer: &'static str| {
        [
            ("id", id.as_str()),
            ("revision", revision),
            ("category", "city.road-occupation"),
            ("department", "dept-urban"),
            ("question", question),
            ("answer", answer),
            ("valid_until", "2099-12-31"),
        ]
    };
    let (status, body) = save(&server, &supervisor, &fields("1", revised)).await;
    assert_eq!(status, 200, "{body}");
    let stale = fields("1", "旧版本上的修改不应覆盖别人的修改。");
    let (status, body) = save(&server, &operator, &stale).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(staff_error(&body).unwrap(), StaffError::Changed);

    let opened = staff_help(&server, &operator, "", &id).await;
    assert!(opened.may_edit);
    let editing = opened.editing.expect("the article is open");
    assert_eq!(editing.revision, 2);
    assert_eq!(editing.answer.answer, revised);
    assert_eq!(editing.edited_by, "supervisor");
    let history: Vec<(i64, &str)> = opened
        .history
        .iter()
        .map(|r| (r.revision, r.edited_by.as_str()))
        .collect();
    assert_eq!(history, vec![(2, "supervisor"), (1, "operator")]);
    assert!(opened.history[1].answer.contains("18:00"));
    assert_eq!(
        answers(&server, "古槐路夜市几点开", "").await[0].answer,
        revised
    );

    // A department's handler reads but may not edit.
    let handler = sign_in(&server, "urban.handler").await;
    assert!(!staff_help(&server, &handler, "夜市", "").await.may_edit);
    let (status, body) = post(
        &server,
        &handler,
        "/api/fn/staff/retire_article",
        &[("id", &id), ("revision", "2")],
    )
    .await;
    assert_eq!(status, 403, "{body}");

    // Retired: no citizen finds it; staff still do, with its whole history.
    let (status, body) = post(
        &server,
        &operator,
        "/api/fn/staff/retire_article",
        &[("id", &id), ("revision", "2")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(answers(&server, "古槐路夜市几点开", "")
        .await
        .iter()
        .all(|a| a.question != question));
    let staff_found = staff_help(&server, &operator, "", &id).await;
    assert!(staff_found.editing.unwrap().retired);
    assert_eq!(staff_found.history.len(), 3);
    assert_eq!(
        server
            .scalar(
                "SELECT COUNT(*) FROM help_terms WHERE article_id = CAST($1 AS BIGINT)",
                &[&id]
            )
            .await,
        0
    );
    search_counts_agree_with_the_index(&server).await;
}

/// What a search reads instead of counting (migration 0021's triggers) agrees with the index
/// after every kind of write: how many articles hold each word, the articles and their lengths.
async fn search_counts_agree_with_the_index(server: &TestServer) {
    let wrong_words = server
        .scalar(
            "SELECT COUNT(*) FROM (SELECT term, COUNT(*) AS n FROM help_terms GROUP BY term) t \
             FULL OUTER JOIN help_words w ON w.term = t.term \
             WHERE t.n IS NULL OR w.articles IS NULL OR t.n <> w.articles",
            &[],
        )
        .await;
    assert_eq!(wrong_words, 0);
    assert!(server.scalar("SELECT COUNT(*) FROM help_words", &[]).await > 100);
    let totals = server
        .scalar(
            "SELECT COUNT(*) FROM help_totals WHERE id = 1 \
             AND articles = (SELECT COUNT(*) FROM help_articles WHERE NOT retired) \
             AND length = (SELECT SUM(length) FROM help_articles) \
             AND length = (SELECT SUM(weight) FROM help_terms)",
            &[],
        )
        .await;
    assert_eq!(totals, 1);
}

#[tokio::test]
async fn a_bad_article_is_refused_whole_and_stores_nothing() {
    let server = demo_server(&[]);
    let operator = sign_in(&server, "operator").await;
    let before = articles(&server).await;
    let terms = server.scalar("SELECT COUNT(*) FROM help_terms", &[]).await;
    let long = "问".repeat(101);
    let (status, body) = save(
        &server,
        &operator,
        &[
            ("category", "nope"),
            ("department", ""),
            ("question", &long),
            ("answer", "  "),
            ("valid_until", "2020-01-01"),
        ],
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        staff_error(&body).unwrap(),
        StaffError::Article {
            problems: vec![
                ArticleProblem::Category,
                ArticleProblem::Department,
                ArticleProblem::Question { max: 100 },
                ArticleProblem::Answer { max: 3000 },
                ArticleProblem::ValidUntilPast,
            ]
        }
    );
    // A revision of an article that does not exist, and a stranger with no session.
    let (status, _) = save(
        &server,
        &operator,
        &[
            ("id", "999999"),
            ("revision", "1"),
            ("category", "other.other"),
            ("department", "dept-urban"),
            ("question", "不存在的条目"),
            ("answer", "不应写入。"),
            ("valid_until", ""),
        ],
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = save(
        &server,
        "",
        &[
            ("category", "other.other"),
            ("department", "dept-urban"),
            ("question", "陌生人的条目"),
            ("answer", "不应写入。"),
            ("valid_until", ""),
        ],
    )
    .await;
    assert_eq!(status, 401);
    assert_eq!(articles(&server).await, before);
    assert_eq!(
        server.scalar("SELECT COUNT(*) FROM help_terms", &[]).await,
        terms
    );

    // The plain form post comes back to the editor with the problems and what was typed.
    let html_post = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(server.at("/api/fn/staff/save_article"))
        .header("Cookie", &operator)
        .header("Accept", "text/html")
        .form(&[
            ("category", "other.other"),
            ("department", "dept-urban"),
            ("question", ""),
            ("answer", "只有解答。"),
            ("valid_until", ""),
        ])
        .send()
        .await
        .unwrap();
    assert!(
        html_post.status().is_redirection(),
        "{}",
        html_post.status()
    );
    let to = html_post.headers()["location"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        to.starts_with("/staff/help?") && to.contains("error="),
        "{to}"
    );
}
