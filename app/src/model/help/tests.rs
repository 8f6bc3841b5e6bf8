use super::*;
use crate::model::city::tests::tiny_city;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn draft() -> ArticleDraft {
    let city = tiny_city();
    ArticleDraft {
        category: city.categories[0].children[0].code.clone(),
        department: city.departments[0].code.clone(),
        question: "停水了怎么办？".into(),
        answer: "先看公告，再拨打 12345。".into(),
        valid_until: String::new(),
    }
}

#[test]
fn words_of_one_meaning_search_as_one() {
    assert_eq!(canonical("没水"), "停水");
    assert_eq!(canonical("断水"), "停水");
    assert_eq!(canonical("灯不亮"), "路灯");
    assert_eq!(canonical("古槐"), "古槐");
    // No word is in two groups: a word would otherwise mean whichever group came first.
    let mut all: Vec<&str> = SYNONYMS.iter().flat_map(|g| g.iter().copied()).collect();
    let count = all.len();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), count);
}

#[test]
fn stop_words_and_punctuation_are_not_searched() {
    assert!(!is_meaningful("的"));
    assert!(!is_meaningful("怎么办"));
    assert!(!is_meaningful("，"));
    assert!(!is_meaningful(" "));
    assert!(!is_meaningful("a"));
    assert!(is_meaningful("水"));
    assert!(is_meaningful("12345"));
}

#[test]
fn a_query_of_any_length_is_cut_at_a_character() {
    let long = "停".repeat(5000);
    assert_eq!(clip_query(&long).chars().count(), QUERY_MAX_CHARS);
    assert_eq!(clip_query("停水"), "停水");
    let words = (0..100).map(|i| format!("w{i}")).collect();
    assert_eq!(query_terms(words).len(), QUERY_MAX_TERMS);
    assert_eq!(
        query_terms(vec!["a".into(), "a".into()]),
        vec!["a".to_string()]
    );
}

#[test]
fn a_draft_with_every_problem_hears_of_each() {
    let city = tiny_city();
    let today = day("2026-12-01");
    assert!(validate(&draft(), &city, today).is_ok());
    let bad = ArticleDraft {
        category: "nope".into(),
        department: "nope".into(),
        question: " ".into(),
        answer: "x".repeat(ANSWER_MAX_CHARS + 1),
        valid_until: "2026-13-01".into(),
    };
    assert_eq!(
        validate(&bad, &city, today).unwrap_err(),
        vec![
            ArticleProblem::Category,
            ArticleProblem::Department,
            ArticleProblem::Question {
                max: QUESTION_MAX_CHARS
            },
            ArticleProblem::Answer {
                max: ANSWER_MAX_CHARS
            },
            ArticleProblem::ValidUntil,
        ]
    );
    let past = ArticleDraft {
        valid_until: "2026-11-30".into(),
        ..draft()
    };
    assert_eq!(
        validate(&past, &city, today).unwrap_err(),
        vec![ArticleProblem::ValidUntilPast]
    );
    let group = ArticleDraft {
        category: city.categories[0].code.clone(),
        valid_until: "2026-12-01".into(),
        ..draft()
    };
    let valid = validate(&group, &city, today).unwrap();
    assert_eq!(valid.valid_until, Some(today));
    assert!(in_force(valid.valid_until, false, today));
    assert!(!in_force(valid.valid_until, false, day("2026-12-02")));
    assert!(!in_force(None, true, today));
}

fn posting(term: &str, article: i64, weight: u32, length: u32) -> Posting {
    Posting {
        term: term.into(),
        article,
        weight,
        length,
    }
}

#[test]
fn a_rare_word_outranks_a_common_one() {
    // "办理" is in every article, "居住证" in one: the article with the rare word wins.
    let mut postings: Vec<Posting> = (1..=10).map(|id| posting("办理", id, 3, 20)).collect();
    postings.push(posting("居住证", 7, 1, 20));
    let collection = Collection {
        articles: 10,
        mean_length: 20.0,
    };
    let held = HashMap::from([("办理".to_string(), 10), ("居住证".to_string(), 1)]);
    let ranked = rank(&postings, &held, collection);
    assert_eq!(ranked[0].0, 7);
    assert_eq!(ranked.len(), 10);
    // Ties keep the older article first.
    assert_eq!(ranked[1].0, 1);
}

#[test]
fn the_chosen_category_lifts_its_articles() {
    let postings = vec![posting("停水", 1, 3, 10), posting("停水", 2, 3, 10)];
    let collection = Collection {
        articles: 50,
        mean_length: 10.0,
    };
    let category = |id: i64| {
        Some(
            if id == 1 {
                "housing.property"
            } else {
                "utility.water"
            }
            .to_string(),
        )
    };
    let held = HashMap::from([("停水".to_string(), 2)]);
    let ranked = rank(&postings, &held, collection);
    assert_eq!(ranked[0].0, 1);
    assert_eq!(prefer(ranked.clone(), "utility.water", category)[0].0, 2);
    // The same group lifts less than the same leaf, but still lifts.
    assert_eq!(prefer(ranked.clone(), "utility.power", category)[0].0, 2);
    assert_eq!(prefer(ranked, "utility", category)[0].0, 2);
    let (terms, length) = article_terms(&["停水".into()], &["停水".into(), "公告".into()]);
    assert_eq!(terms["停水"], QUESTION_WEIGHT + 1);
    assert_eq!(length, QUESTION_WEIGHT + 2);
}

#[test]
fn a_search_reads_the_rare_words_whole_and_the_common_ones_best_first() {
    let terms: Vec<String> = ["办理", "居住证", "街道", "没人写过", "材料"]
        .iter()
        .map(|t| t.to_string())
        .collect();
    let held = HashMap::from([
        ("办理".to_string(), 4_000),
        ("居住证".to_string(), 12),
        ("街道".to_string(), 7_000),
        ("材料".to_string(), POSTINGS_READ_WHOLE - 12),
    ]);
    let large = plan(&terms, &held);
    // Rarest first while they add up to the budget; a word no article holds is not read.
    assert_eq!(large.whole, ["居住证", "材料"]);
    assert_eq!(large.common, ["办理", "街道"]);
    // A small knowledge base is read whole.
    let small = HashMap::from([("办理".to_string(), 40), ("街道".to_string(), 45)]);
    assert_eq!(plan(&terms, &small).whole, ["办理", "街道"]);
    assert!(plan(&terms, &small).common.is_empty());
}
