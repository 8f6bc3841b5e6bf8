//! The knowledge base (知识库), against the real server and database: citizens typing in their
//! own words find the demo articles (the relevance set); any search text answers; hotline
//! staff write, revise and retire articles, each save a revision in the history, a save on an
//! old revision refused; bad articles are refused whole and store nothing; past-dated and
//! retired articles answer no citizen; the public answers carry no staff names.
use crate::common;
use app::model::help::{HelpAnswer, HelpListing, StaffHelpListing};
use common::staff::{demo_server, sign_in};
use common::*;

/// The three answers the report form shows for a description.
pub(super) async fn answers(server: &TestServer, query: &str, category: &str) -> Vec<HelpAnswer> {
    let (status, body) = post(
        server,
        "",
        "/api/fn/help_answers",
        &[("query", query), ("category", category)],
    )
    .await;
    assert_eq!(status, 200, "{query:?}: {body}");
    body.json()
}

pub(super) async fn staff_help(
    server: &TestServer,
    cookie: &str,
    query: &str,
    article: &str,
) -> StaffHelpListing {
    let mut fields = vec![("query", query)];
    if !article.is_empty() {
        fields.push(("article", article));
    }
    let (status, body) = post(server, cookie, "/api/fn/staff/help", &fields).await;
    assert_eq!(status, 200, "{body}");
    body.json()
}

pub(super) async fn save(
    server: &TestServer,
    cookie: &str,
    fields: &[(&str, &str)],
) -> (u16, Body) {
    post(server, cookie, "/api/fn/staff/save_article", fields).await
}

pub(super) async fn articles(server: &TestServer) -> i64 {
    server
        .scalar("SELECT COUNT(*) FROM help_articles", &[])
        .await
}

#[derive(serde::Deserialize)]
struct RelevanceSet {
    query: Vec<Relevance>,
}

#[derive(serde::Deserialize)]
struct Relevance {
    text: String,
    expected: String,
}

#[tokio::test]
async fn citizens_typing_in_their_own_words_find_the_answer_among_the_first_three() {
    let server = demo_server(&[]);
    let set: RelevanceSet = toml::from_str(include_str!("help_relevance.toml")).unwrap();
    assert!(set.query.len() >= 40, "{} queries", set.query.len());
    let mut misses = Vec::new();
    for q in &set.query {
        let found = answers(&server, &q.text, "").await;
        assert!(found.len() <= 3, "{}: {} answers", q.text, found.len());
        if !found.iter().any(|a| a.question == q.expected) {
            let got: Vec<&str> = found.iter().map(|a| a.question.as_str()).collect();
            misses.push(format!("{} → {got:?} (expected {})", q.text, q.expected));
        }
    }
    let hits = set.query.len() - misses.len();
    println!(
        "relevance: {hits} of {} in the first three ({:.1} %)",
        set.query.len(),
        100.0 * hits as f64 / set.query.len() as f64
    );
    for miss in &misses {
        println!("  missed: {miss}");
    }
    assert!(
        hits * 10 >= set.query.len() * 9,
        "{hits} of {} in the first three; missed:\n{}",
        set.query.len(),
        misses.join("\n")
    );

    // Words of one meaning find the same article; the chosen category lifts its own.
    for words in ["停水了", "没水了", "断水了"] {
        let found = answers(&server, words, "").await;
        assert_eq!(found[0].question, "家里突然停水了怎么办？", "{words}");
    }
    let lit = answers(&server, "怎么交费", "utility.power").await;
    assert_eq!(lit[0].question, "电费如何缴纳？阶梯电价怎么计算？");
    let water = answers(&server, "怎么交费", "utility.water").await;
    assert_eq!(water[0].question, "水费怎么缴纳？居民水价标准是多少？");

    // `/help` finds the same, lists the categories, and names no staff.
    let html = page(
        &server,
        "/help?q=%E8%B7%AF%E7%81%AF%E4%B8%8D%E4%BA%AE",
        "zh-CN",
    )
    .await;
    assert!(html.contains("路灯不亮、损坏向谁反映？"), "{html}");
    assert!(html.contains("data-testid=\"help-category-utility\""));
    assert!(!html.contains("operator"));
    let (status, body) = post(
        &server,
        "",
        "/api/fn/help",
        &[("query", ""), ("category", "utility")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let listed: HelpListing = body.json();
    let demo = include_str!("../../../app/src/services/demo/help_articles.toml");
    let utility = demo.matches("\ncategory = \"utility.").count();
    assert!(utility >= 10, "{utility} demo utility articles");
    assert_eq!(listed.answers.len(), utility, "the demo's utility articles");
    assert!(listed
        .answers
        .iter()
        .all(|a| a.category.starts_with("公用事业")));
    assert!(!body.to_string().contains("operator"));
}

#[tokio::test]
async fn a_search_of_any_length_or_content_answers_and_never_errors() {
    let server = demo_server(&[]);
    let long = "停水".repeat(20_000);
    let mixed = "路灯'; DROP TABLE help_terms; --%_\\\"<script>😀\u{0}\u{202e}".repeat(50);
    for query in [
        "",
        " ",
        "，。！",
        "的了吗",
        "a",
        long.as_str(),
        mixed.as_str(),
        "SELECT * FROM help_articles",
        "%",
        "_",
    ] {
        let found = answers(&server, query, "").await;
        assert!(found.len() <= 3);
        for category in ["nope", "%", "utility.water", &"x".repeat(10_000)] {
            answers(&server, query, category).await;
        }
        let (status, body) = post(
            &server,
            "",
            "/api/fn/help",
            &[("query", query), ("category", "'; --")],
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
    // The long query read its first characters: it still found the water article.
    assert_eq!(
        answers(&server, &long, "").await[0].question,
        "家里突然停水了怎么办？"
    );
    assert!(answers(&server, "", "").await.is_empty());
    assert!(answers(&server, "的了吗", "").await.is_empty());
    assert_eq!(
        server
            .scalar("SELECT COUNT(*) FROM help_terms WHERE term = 'drop'", &[])
            .await,
        0
    );
    // The page answers the same texts.
    let html = page(&server, &format!("/help?q={}", "%25".repeat(3000)), "zh-CN").await;
    assert!(html.contains("data-testid=\"help-nothing\""));
}

#[tokio::test]
async fn an_article_past_its_date_answers_no_citizen_but_staff_still_find_it() {
    let server = demo_server(&[]);
    let operator = sign_in(&server, "operator").await;
    let question = "暖气不热怎么办？供暖期是什么时候？";
    assert_eq!(answers(&server, "暖气不热", "").await[0].question, question);
    let db = server.writable_database().await;
    app::with_pool!(&db, |pool| {
        sqlx::query("UPDATE help_articles SET valid_until = $1 WHERE question = $2")
            .bind(chrono::NaiveDate::from_ymd_opt(2020, 3, 15).unwrap())
            .bind(question)
            .execute(pool)
            .await
            .unwrap();
    });
    assert!(answers(&server, "暖气不热", "")
        .await
        .iter()
        .all(|a| a.question != question));
    let staff = staff_help(&server, &operator, "暖气不热", "").await;
    assert_eq!(staff.articles[0].answer.question, question);
}
