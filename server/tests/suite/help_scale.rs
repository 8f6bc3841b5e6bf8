//! The knowledge base's search when the query's words are common: thousands of articles hold
//! 办理 and 材料, so a search reads only those words' best postings (`help::plan`) and ranks
//! the best articles found again with every word they hold. The citizen's answers are still
//! the ones reading every posting gives.
use super::help::answers;
use crate::common;
use app::model::help::{self, ValidArticle, POSTINGS_READ_WHOLE};
use app::services::help::words;
use app::storage::help::{self as store, Indexed};
use common::staff::demo_server;

#[tokio::test]
async fn answers_stay_the_best_when_thousands_of_articles_share_the_words_typed() {
    let server = demo_server(&[]);
    // Articles of another matter each, all of them holding 办理 and 材料 (some several times,
    // some at length), written as the staff editor writes them: article, words, one transaction.
    let filler: Vec<ValidArticle> = (0..POSTINGS_READ_WHOLE as usize + 300)
        .map(|i| ValidArticle {
            category: "other.other".into(),
            department: "dept-urban".into(),
            question: format!("第{i}号事项的办理材料"),
            answer: "请携带办理材料到窗口提交，工作人员当场审核。".repeat(1 + i % 4)
                + &"材料不齐的可以补交。".repeat(i % 3),
            valid_until: None,
        })
        .collect();
    let terms: Vec<_> = filler
        .iter()
        .map(|a| help::article_terms(&words(&a.question), &words(&a.answer)))
        .collect();
    let rows: Vec<Indexed> = filler
        .iter()
        .zip(&terms)
        .map(|(article, (terms, length))| Indexed {
            article,
            terms,
            length: *length,
        })
        .collect();
    let db = server.writable_database().await;
    store::insert(&db, &rows, "test", chrono::Utc::now())
        .await
        .unwrap();

    for (typed, expected) in [
        (
            "外地人办理居住证要准备哪些材料",
            Some("外地人怎么办理居住证？"),
        ),
        ("办理材料", None),
        ("去窗口提交办理材料需要审核吗", None),
        ("身份证丢了补办要什么材料", Some("身份证丢了怎么补办？")),
    ] {
        let words = help::query_terms(words(help::clip_query(typed)));
        let (held, collection) =
            tokio::try_join!(store::word_articles(&db, &words), store::collection(&db)).unwrap();
        assert!(
            !help::plan(&words, &held).common.is_empty(),
            "{typed}: some of its words are common"
        );
        // BM25 over every posting of every word typed.
        let every = store::postings(&db, &words, None).await.unwrap();
        let exact: Vec<i64> = help::rank(&every, &held, collection)
            .into_iter()
            .take(help::SUGGESTIONS)
            .map(|(id, _)| id)
            .collect();
        let shown = answers(&server, typed, "").await;
        assert_eq!(
            shown.iter().map(|a| a.id).collect::<Vec<_>>(),
            exact,
            "{typed}"
        );
        if let Some(expected) = expected {
            assert_eq!(shown[0].question, expected, "{typed}");
        }
    }
    db.close().await;
}
