//! Ranking the knowledge base's articles for a query: BM25 over the index's postings, and the
//! lift of the category the citizen chose.
use std::collections::HashMap;

/// One word of one article, as the index holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct Posting {
    pub term: String,
    pub article: i64,
    pub weight: u32,
    /// The article's length (sum of its words' weights).
    pub length: u32,
}

/// The collection a ranking is made against.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Collection {
    /// Articles in the index.
    pub articles: u64,
    /// Their mean length.
    pub mean_length: f64,
}

const K1: f64 = 1.2;
const B: f64 = 0.75;
/// An article of the category the citizen chose ranks this much higher (the same group: half).
const CATEGORY_BOOST: f64 = 1.5;

/// Ranks the articles that hold at least one of the query's words (BM25: rare words count
/// more than common ones, repeated words less and less, long articles a little less), best
/// first; ties by id.
pub fn rank(postings: &[Posting], collection: Collection) -> Vec<(i64, f64)> {
    let mut df: HashMap<&str, u64> = HashMap::new();
    for p in postings {
        *df.entry(p.term.as_str()).or_insert(0) += 1;
    }
    let n = collection.articles.max(1) as f64;
    let mean = collection.mean_length.max(1.0);
    let mut scores: HashMap<i64, f64> = HashMap::new();
    for p in postings {
        let df = df[p.term.as_str()] as f64;
        let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
        let tf = f64::from(p.weight);
        let norm = K1 * (1.0 - B + B * f64::from(p.length) / mean);
        *scores.entry(p.article).or_insert(0.0) += idf * tf * (K1 + 1.0) / (tf + norm);
    }
    let mut ranked: Vec<(i64, f64)> = scores.into_iter().collect();
    sort(&mut ranked);
    ranked
}

fn sort(ranked: &mut [(i64, f64)]) {
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
}

/// The ranking with the citizen's chosen category (a leaf or group code) lifted: articles of
/// that leaf rank `CATEGORY_BOOST` times higher, of its group half as much more. `category_of`
/// gives an article's category (`None`: unknown, not lifted).
pub fn prefer(
    mut ranked: Vec<(i64, f64)>,
    chosen: &str,
    category_of: impl Fn(i64) -> Option<String>,
) -> Vec<(i64, f64)> {
    let group = chosen.split('.').next().unwrap_or(chosen);
    for (id, score) in ranked.iter_mut() {
        if let Some(category) = category_of(*id) {
            if category == chosen {
                *score *= CATEGORY_BOOST;
            } else if category.split('.').next() == Some(group) {
                *score *= 1.0 + (CATEGORY_BOOST - 1.0) / 2.0;
            }
        }
    }
    sort(&mut ranked);
    ranked
}
