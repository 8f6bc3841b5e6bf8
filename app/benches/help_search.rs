//! The knowledge base's search against 10 000 articles: the demo's articles among generated
//! ones, asked the relevance set (`server/tests/suite/help_relevance.toml`) and the prefixes a
//! citizen's description goes through while typed, through the service the report form calls
//! (segmentation, the index, ranking, the rows). Prints p50, p99 and the share of the relevance
//! set found in the first three.
//! `cargo bench -p app --features ssr --bench help_search` (`HELP_ARTICLES` to change the size,
//! `SEED_DATABASE_URL=postgres://…` for an empty PostgreSQL database instead of an SQLite file).
use app::i18n::Locale;
use app::model::city::City;
use app::model::help::{validate, ArticleDraft, ValidArticle};
use app::services::{help, AppState};
use app::storage::photos::PhotoStore;
use std::time::Instant;

#[path = "help_filler.rs"]
mod filler;
#[path = "support/mod.rs"]
mod support;

#[derive(serde::Deserialize)]
struct Articles {
    article: Vec<ArticleDraft>,
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

/// A small deterministic generator (xorshift), so every run indexes the same articles.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let count: usize = std::env::var("HELP_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let dir = std::env::temp_dir().join(format!("minsheng-help-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (db, url) = support::open(&dir.join("minsheng.db")).await;
    let seeder = support::Seeder::new(b"bench-secret");
    let city = seeder.city.clone();
    let state = AppState::offline(
        db,
        PhotoStore::open(dir.join("photos")).unwrap(),
        seeder.city,
        seeder.calendar,
        seeder.limits,
        seeder.codes,
    );
    let now = support::now();
    let today = app::model::time::beijing_date(now);
    let demo: Articles =
        toml::from_str(include_str!("../src/services/demo/help_articles.toml")).unwrap();
    let set: RelevanceSet =
        toml::from_str(include_str!("../../server/tests/suite/help_relevance.toml")).unwrap();
    let real: Vec<ValidArticle> = demo
        .article
        .iter()
        .map(|d| validate(d, &city, today).unwrap())
        .collect();

    // Generated articles. By default other matters (`help_filler.rs`) asked and answered in
    // the hotline's register, per district; `HELP_FILLER=copies` instead shuffles sentences of
    // the demo answers together (each demo sentence in about 200 articles, 40 of them in the
    // question): a stress of near-copies in which the expected article is no longer the only
    // right one.
    let copies = std::env::var("HELP_FILLER").is_ok_and(|v| v == "copies");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let generated: Vec<ValidArticle> = if copies {
        copied_articles(&real, &city, count, &mut rng)
    } else {
        other_articles(&city, real.len()..count, &mut rng)
    };
    let start = Instant::now();
    help::import(&state, &real, "bench", now).await.unwrap();
    for chunk in generated.chunks(500) {
        help::import(&state, chunk, "bench", now).await.unwrap();
    }
    println!(
        "indexed {} articles ({} demo, {} generated: {}) in {:.1} s into {}",
        real.len() + generated.len(),
        real.len(),
        generated.len(),
        if copies {
            "near-copies of the demo's sentences"
        } else {
            "other matters"
        },
        start.elapsed().as_secs_f64(),
        app::storage::redacted_url(&url)
    );

    // The relevance set against all of them.
    let mut hits = 0;
    for q in &set.query {
        let found = help::suggest(&state, &q.text, "", Locale::Zh, now)
            .await
            .unwrap();
        if found.iter().any(|a| a.question == q.expected) {
            hits += 1;
        } else {
            println!(
                "  not in the first three: {} (first: {})",
                q.text,
                found.first().map_or("nothing", |a| a.question.as_str())
            );
        }
    }
    println!(
        "relevance set: {hits} of {} expected articles in the first three ({:.1} %, target >= 90 %)",
        set.query.len(),
        100.0 * hits as f64 / set.query.len() as f64
    );

    // Timing: every query of the set and every prefix of it a citizen types through (two
    // characters and up), 10 rounds, one at a time, after a cold round.
    let mut queries: Vec<String> = Vec::new();
    for q in &set.query {
        let chars: Vec<char> = q.text.chars().collect();
        for n in 2..=chars.len() {
            queries.push(chars[..n].iter().collect());
        }
    }
    queries.push("停水".repeat(5_000));
    for q in &queries {
        help::suggest(&state, q, "", Locale::Zh, now).await.unwrap();
    }
    let mut times = Vec::new();
    let mut slowest: Vec<(f64, &str)> = Vec::new();
    for _ in 0..10 {
        for q in &queries {
            let t = Instant::now();
            std::hint::black_box(help::suggest(&state, q, "", Locale::Zh, now).await.unwrap());
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            times.push(ms);
            slowest.push((ms, q));
        }
    }
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    slowest.truncate(3);
    times.sort_by(f64::total_cmp);
    let at = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    let p99 = at(0.99);
    println!(
        "the form's three answers, {} searches: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms {}",
        times.len(),
        at(0.5),
        p99,
        times[times.len() - 1],
        if p99 < 20.0 {
            "ok (p99 < 20 ms)"
        } else {
            "OVER 20 ms"
        }
    );
    for (ms, q) in slowest {
        println!(
            "  slowest: {ms:.2} ms for {}",
            q.chars().take(24).collect::<String>()
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Articles `ids` about the filler's matters: a question of one aspect of a matter in a
/// district, answered by that aspect's sentence and three others of the same matter.
fn other_articles(city: &City, ids: std::ops::Range<usize>, rng: &mut Rng) -> Vec<ValidArticle> {
    let leaves: Vec<&str> = city
        .categories
        .iter()
        .flat_map(|g| g.children.iter().map(|c| c.code.as_str()))
        .collect();
    ids.map(|_| {
        let t = rng.next() % filler::TOPICS.len();
        let department = &city.departments[t % city.departments.len()];
        let place = &city.districts[rng.next() % city.districts.len()].name.zh;
        let fill = |text: &str, rng: &mut Rng| {
            text.replace("{t}", filler::TOPICS[t])
                .replace("{p}", place)
                .replace("{d}", &department.name.zh)
                .replace("{k}", &(2 + rng.next() % 29).to_string())
        };
        let aspect = rng.next() % filler::ASPECTS.len();
        let mut answer = vec![fill(filler::ASPECTS[aspect].1, rng)];
        for _ in 0..3 {
            let other = rng.next() % filler::ASPECTS.len();
            answer.push(fill(filler::ASPECTS[other].1, rng));
        }
        ValidArticle {
            category: leaves[t % leaves.len()].to_string(),
            department: department.code.clone(),
            question: fill(filler::ASPECTS[aspect].0, rng),
            answer: answer.join("。") + "。",
            valid_until: None,
        }
    })
    .collect()
}

/// The stress corpus: sentences of the demo answers shuffled together, with the city's street
/// names, under every category and department, up to `count` articles in all.
fn copied_articles(
    real: &[ValidArticle],
    city: &City,
    count: usize,
    rng: &mut Rng,
) -> Vec<ValidArticle> {
    let sentences: Vec<&str> = real
        .iter()
        .flat_map(|a| a.answer.split(['。', '；']))
        .filter(|s| s.chars().count() > 6)
        .collect();
    let streets: Vec<String> = city
        .districts
        .iter()
        .flat_map(|d| d.streets.iter().map(|s| s.name.zh.clone()))
        .collect();
    (real.len()..count)
        .map(|i| {
            let base = &real[rng.next() % real.len()];
            let street = &streets[rng.next() % streets.len()];
            let answer: Vec<&str> = (0..4)
                .map(|_| sentences[rng.next() % sentences.len()])
                .collect();
            ValidArticle {
                category: real[rng.next() % real.len()].category.clone(),
                department: base.department.clone(),
                question: format!(
                    "{street}第 {i} 号办事指南：{}",
                    sentences[rng.next() % sentences.len()]
                ),
                answer: answer.join("。"),
                valid_until: None,
            }
        })
        .collect()
}
