//! The knowledge base (知识库): articles per category (question, answer, responsible
//! department, valid until) that answer a citizen before a case is filed, on `/help` and under
//! the report form's description.
//!
//! The rules here are pure: what makes an article valid, which words mean the same (停水, 没水,
//! 断水), which words carry no meaning (的, 怎么), and how articles are ranked (BM25 over the
//! words the server's segmenter found). The server segments with jieba and keeps the words in
//! the database (`storage::help`); the browser never does.
use super::city::City;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The longest question, in characters.
pub const QUESTION_MAX_CHARS: usize = 100;
/// The longest answer, in characters.
pub const ANSWER_MAX_CHARS: usize = 3000;
/// A search reads at most this many characters of what it is given; the rest is ignored (a
/// description of 2 000 characters answers as quickly as one of 20).
pub const QUERY_MAX_CHARS: usize = 200;
/// A search uses at most this many distinct words of the query (the rarest count most, and a
/// query is cut to its first words before that).
pub const QUERY_MAX_TERMS: usize = 16;
/// Answers shown under the report form's description.
pub const SUGGESTIONS: usize = 3;
/// The fewest characters of a description worth searching for.
pub const SUGGEST_MIN_CHARS: usize = 2;
/// A word of the question counts this many times as much as a word of the answer.
pub const QUESTION_WEIGHT: u32 = 3;

/// Words that mean the same to a citizen: every word of a group is indexed and searched as the
/// group's first word. Phrases (灯不亮) are taught to the segmenter as words so that they stay
/// whole.
pub const SYNONYMS: &[&[&str]] = &[
    &["停水", "没水", "断水", "无水", "不来水", "没有水", "水停了"],
    &["停电", "没电", "断电", "没有电", "电停了"],
    &["停气", "没气", "断气", "没有燃气", "燃气停了"],
    &["燃气", "煤气", "天然气"],
    &["供暖", "暖气", "取暖", "暖气不热", "不供暖"],
    &["路灯", "灯不亮", "路灯不亮", "路灯坏了", "街灯"],
    &["噪声", "噪音", "吵闹", "太吵", "扰民"],
    &["垃圾", "废弃物", "垃圾桶", "垃圾箱"],
    &["工资", "薪水", "薪资", "工钱", "欠薪"],
    &["社保", "社会保险", "养老保险"],
    &["医保", "医疗保险", "医保卡"],
    &["公积金", "住房公积金"],
    &["身份证", "居民身份证"],
    &["户口", "户籍", "落户"],
    &["停车", "泊车", "车位", "停车位"],
    &["摆摊", "占道经营", "地摊", "流动摊贩", "小摊"],
    &["物业", "物业公司", "物业费"],
    &["宽带", "网速", "网络", "上网"],
    &["公交", "公交车", "公共汽车", "巴士"],
    &["出租车", "的士", "打车", "网约车"],
    &["井盖", "窨井盖", "下水道井盖"],
    &["坑洼", "坑", "大坑", "坑洞", "路坑"],
    &["油烟", "餐饮油烟"],
    &["违建", "违法建设", "私搭乱建", "违章建筑"],
    &["退费", "退款", "退钱"],
    &["缴费", "交费", "缴纳", "付费", "交钱"],
    &["水费", "水价"],
    &["电费", "电价"],
    &["学位", "入学", "上学", "报名"],
    &["居住证", "暂住证"],
];

/// Words that say nothing about what an article is about.
pub const STOP_WORDS: &[&str] = &[
    "的",
    "了",
    "是",
    "我",
    "我们",
    "你",
    "您",
    "他",
    "她",
    "它",
    "在",
    "有",
    "和",
    "与",
    "及",
    "或",
    "吗",
    "呢",
    "啊",
    "吧",
    "呀",
    "哦",
    "嗯",
    "怎么",
    "怎么办",
    "怎样",
    "如何",
    "什么",
    "哪里",
    "哪儿",
    "哪个",
    "为什么",
    "请问",
    "一下",
    "可以",
    "能",
    "能否",
    "要",
    "想",
    "这",
    "那",
    "这个",
    "那个",
    "都",
    "也",
    "就",
    "还",
    "被",
    "把",
    "给",
    "去",
    "到",
    "对",
    "很",
    "又",
    "从",
    "向",
    "让",
    "里",
    "上",
    "下",
    "个",
    "些",
    "吗",
    "谁",
    "多少",
    "是否",
    "需要",
    "应该",
    "已经",
    "一直",
    "现在",
    "今天",
    "问题",
    "情况",
    "反映",
    "请",
    "帮忙",
    "麻烦",
    "家",
    "没有",
    "不",
    "会",
    "说",
    "看",
    "得",
    "着",
    "过",
    "地",
];

/// The word a search uses for `word`: its synonym group's first word, or the word itself.
pub fn canonical(word: &str) -> &str {
    SYNONYMS
        .iter()
        .find(|group| group.contains(&word))
        .map(|group| group[0])
        .unwrap_or(word)
}

/// Whether a segment of text is a word a search should use: not a stop word, not punctuation
/// or space, not a lone Latin letter or digit.
pub fn is_meaningful(word: &str) -> bool {
    if STOP_WORDS.contains(&word) {
        return false;
    }
    let alphanumeric = word.chars().filter(|c| c.is_alphanumeric()).count();
    alphanumeric > 0 && (alphanumeric > 1 || !word.is_ascii())
}

/// At most `QUERY_MAX_CHARS` characters of a query, cut at a character boundary.
pub fn clip_query(query: &str) -> &str {
    match query.char_indices().nth(QUERY_MAX_CHARS) {
        Some((at, _)) => &query[..at],
        None => query,
    }
}

/// An article as staff write it (a form's text).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ArticleDraft {
    /// A category leaf or group code of the city file.
    pub category: String,
    /// A department code of the city file.
    pub department: String,
    pub question: String,
    pub answer: String,
    /// `YYYY-MM-DD` or empty (no end).
    pub valid_until: String,
}

/// What is wrong with a draft (every problem is reported at once).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ArticleProblem {
    #[error("unknown category")]
    Category,
    #[error("unknown department")]
    Department,
    #[error("the question is empty or longer than {max} characters")]
    Question { max: usize },
    #[error("the answer is empty or longer than {max} characters")]
    Answer { max: usize },
    #[error("the valid-until date is not a date")]
    ValidUntil,
    #[error("the valid-until date has passed")]
    ValidUntilPast,
}

/// An article that met every rule (only `validate` builds one).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValidArticle {
    pub category: String,
    pub department: String,
    pub question: String,
    pub answer: String,
    pub valid_until: Option<NaiveDate>,
}

/// Whether `code` is a category group or leaf of the city file.
pub fn is_category(city: &City, code: &str) -> bool {
    city.categories
        .iter()
        .any(|g| g.code == code || g.children.iter().any(|c| c.code == code))
}

/// Checks a draft against the city file on `today` (Beijing date).
pub fn validate(
    draft: &ArticleDraft,
    city: &City,
    today: NaiveDate,
) -> Result<ValidArticle, Vec<ArticleProblem>> {
    let mut problems = Vec::new();
    let category = draft.category.trim();
    if !is_category(city, category) {
        problems.push(ArticleProblem::Category);
    }
    let department = draft.department.trim();
    if city.department(department).is_none() {
        problems.push(ArticleProblem::Department);
    }
    let question = draft.question.trim();
    if question.is_empty() || question.chars().count() > QUESTION_MAX_CHARS {
        problems.push(ArticleProblem::Question {
            max: QUESTION_MAX_CHARS,
        });
    }
    let answer = draft.answer.trim();
    if answer.is_empty() || answer.chars().count() > ANSWER_MAX_CHARS {
        problems.push(ArticleProblem::Answer {
            max: ANSWER_MAX_CHARS,
        });
    }
    let valid_until = match draft.valid_until.trim() {
        "" => None,
        text => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(date) if date < today => {
                problems.push(ArticleProblem::ValidUntilPast);
                None
            }
            Ok(date) => Some(date),
            Err(_) => {
                problems.push(ArticleProblem::ValidUntil);
                None
            }
        },
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ValidArticle {
        category: category.to_string(),
        department: department.to_string(),
        question: question.to_string(),
        answer: answer.to_string(),
        valid_until,
    })
}

/// Whether an article still answers on `today`: not retired, and its date not passed.
pub fn in_force(valid_until: Option<NaiveDate>, retired: bool, today: NaiveDate) -> bool {
    !retired && valid_until.is_none_or(|d| d >= today)
}

/// The words of an article with their weights: each word of the question counts
/// `QUESTION_WEIGHT` times, each of the answer once. `question` and `answer` are the
/// segmenter's meaningful, canonical words. Also the article's length for ranking.
pub fn article_terms(question: &[String], answer: &[String]) -> (HashMap<String, u32>, u32) {
    let mut terms = HashMap::new();
    for word in question {
        *terms.entry(word.clone()).or_insert(0) += QUESTION_WEIGHT;
    }
    for word in answer {
        *terms.entry(word.clone()).or_insert(0) += 1;
    }
    let length = terms.values().sum();
    (terms, length)
}

/// The distinct words of a query, in order, at most `QUERY_MAX_TERMS`.
pub fn query_terms(words: Vec<String>) -> Vec<String> {
    let mut seen = Vec::new();
    for word in words {
        if !seen.contains(&word) {
            seen.push(word);
            if seen.len() == QUERY_MAX_TERMS {
                break;
            }
        }
    }
    seen
}

/// An article as the public reads it (`/help`, the form's answers).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HelpAnswer {
    pub id: i64,
    pub question: String,
    pub answer: String,
    /// The category's name ("公用事业 / 供水", or the group's alone).
    pub category: String,
    /// The responsible department's name.
    pub department: String,
    pub valid_until: Option<NaiveDate>,
}

/// The public `/help` page: the answers to a search, or a category's articles, and the
/// categories that have articles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HelpListing {
    pub query: String,
    pub category: String,
    pub answers: Vec<HelpAnswer>,
    /// (code, name, articles) of every category group with articles in force.
    pub categories: Vec<(String, String, u64)>,
}

/// One revision of an article, for its history on the staff page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleRevision {
    pub revision: i64,
    pub category: String,
    pub department: String,
    pub question: String,
    pub answer: String,
    pub valid_until: Option<NaiveDate>,
    pub retired: bool,
    pub edited_by: String,
    pub edited_at: chrono::DateTime<chrono::Utc>,
}

/// An article on the staff page: the public view, its codes for the edit form, its revision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffArticle {
    pub answer: HelpAnswer,
    pub category_code: String,
    pub department_code: String,
    pub revision: i64,
    pub retired: bool,
    pub edited_by: String,
    pub edited_at: chrono::DateTime<chrono::Utc>,
}

/// The staff page: articles found (or the newest edited), one opened for editing with its
/// history, and the choices of the form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffHelpListing {
    pub me: super::console::Me,
    pub may_edit: bool,
    pub query: String,
    pub articles: Vec<StaffArticle>,
    pub editing: Option<StaffArticle>,
    pub history: Vec<ArticleRevision>,
    /// (code, name) of every category group and leaf ("公用事业 / 供水").
    pub categories: Vec<(String, String)>,
    /// (code, name) of every department.
    pub departments: Vec<(String, String)>,
}

mod rank;
pub use rank::{
    counts, plan, prefer, rank, saturation, Collection, Plan, Posting, BEST_OF_COMMON,
    POSTINGS_READ_WHOLE,
};

#[cfg(test)]
mod tests;
