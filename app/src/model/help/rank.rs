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

/// A search reads every posting of its rarer words, rarest first, while they add up to at most
/// this many; of the words beyond (held by thousands of articles: 办理, 街道) only the best
/// `BEST_OF_COMMON` each (where it counts most, `saturation`), then their postings in the best
/// articles found.
pub const POSTINGS_READ_WHOLE: u64 = 3_000;
/// How many of a common word's postings, best first, a search reads to find its articles.
pub const BEST_OF_COMMON: usize = 100;

/// Which words' postings a search reads whole and which only best first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    pub whole: Vec<String>,
    pub common: Vec<String>,
}

/// The plan for a query's words held by `articles[word]` articles each (a word no article holds
/// is left out: it has no postings to read).
pub fn plan(terms: &[String], articles: &HashMap<String, u64>) -> Plan {
    let mut held: Vec<(&String, u64)> = terms
        .iter()
        .filter_map(|t| articles.get(t).filter(|n| **n > 0).map(|n| (t, *n)))
        .collect();
    held.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(b.0)));
    let mut plan = Plan::default();
    let mut read = 0;
    for (term, n) in held {
        if read + n <= POSTINGS_READ_WHOLE {
            read += n;
            plan.whole.push(term.clone());
        } else {
            plan.common.push(term.clone());
        }
    }
    plan
}

/// How much a word's weight in an article counts, `weight / (weight + fixed + per_length ×
/// length)` (BM25 without the word's rarity, up to a constant factor): the pair
/// `(fixed, per_length)` for this collection. The order in which a search reads a common word's
/// best postings.
pub fn saturation(collection: Collection) -> (f64, f64) {
    (K1 * (1.0 - B), K1 * B / collection.mean_length.max(1.0))
}

/// What one posting adds to its article's score (BM25: the word's rarity times its saturated,
/// length-normalised weight). `articles[word]`: how many articles of the collection hold it.
pub fn counts(p: &Posting, articles: &HashMap<String, u64>, collection: Collection) -> f64 {
    let n = collection.articles.max(1) as f64;
    let df = articles
        .get(&p.term)
        .copied()
        .unwrap_or(1)
        .clamp(1, n as u64) as f64;
    let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
    let (fixed, per_length) = saturation(collection);
    let tf = f64::from(p.weight);
    idf * tf * (K1 + 1.0) / (tf + fixed + per_length * f64::from(p.length))
}

/// Ranks the articles that hold at least one of the query's words (BM25: rare words count
/// more than common ones, repeated words less and less, long articles a little less), best
/// first; ties by id. `articles[word]`: how many articles of the collection hold the word.
pub fn rank(
    postings: &[Posting],
    articles: &HashMap<String, u64>,
    collection: Collection,
) -> Vec<(i64, f64)> {
    let mut scores: HashMap<i64, f64> = HashMap::new();
    for p in postings {
        *scores.entry(p.article).or_insert(0.0) += counts(p, articles, collection);
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
