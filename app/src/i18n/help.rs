//! The knowledge base's (知识库) texts: `/help`, the answers under the report form's
//! description and the staff page.
use super::texts::texts;
use super::Locale;
use crate::model::help::ArticleProblem;

texts! {
    /// What the knowledge base says around its articles.
    pub struct HelpTexts {
        title: "常见问题解答", "Questions and answers";
        nav: "常见问题", "Q&A";
        intro: "热线整理的常见问题和办事指南。先搜一搜，也许不用等待答复。", "Common questions and how-tos from the hotline. Search first: the answer may already be here.";
        search_label: "搜索问题", "Search";
        search_placeholder: "例：家里停水了怎么办", "E.g. the water is off at home";
        search: "搜索", "Search";
        nothing_found: "没有找到相关解答。可以换个说法，或直接反映问题。", "Nothing found. Try other words, or report the problem.";
        report_anyway: "反映问题", "Report a problem";
        categories: "按类别浏览", "Browse by category";
        department: "责任单位", "Responsible";
        valid_until: "有效期至", "Valid until";
        suggest_title: "这些解答也许有帮助", "These answers may help";
        suggest_hint: "没有解决？继续填写并提交即可。", "Not answered? Go on and send the report.";
        staff_title: "知识库", "Knowledge base";
        staff_search: "查找条目", "Find articles";
        new_article: "新建条目", "New article";
        edit_article: "修改条目", "Edit article";
        label_category: "类别", "Category";
        label_department: "责任单位", "Responsible department";
        label_question: "问题", "Question";
        label_answer: "解答", "Answer";
        label_valid_until: "有效期至（可不填）", "Valid until (optional)";
        save: "保存", "Save";
        retire: "停用", "Retire";
        saved: "条目已保存。", "The article is saved.";
        retired_done: "条目已停用，搜索不再显示。", "The article is retired: no search shows it any more.";
        retired: "已停用", "retired";
        expired: "已过期", "expired";
        revision: "版本", "Revision";
        edited: "修改", "Edited";
        history: "修改记录", "History";
        none: "还没有条目。", "No articles yet.";
        read_only: "知识库由热线受理员和督办员维护。", "The hotline's operators and supervisors keep the knowledge base.";
        open: "打开", "Open";
    }
}

/// Why an article cannot be saved, in `locale`. A function of its own rather than a text of
/// [`HelpTexts`]: the error texts reach the browser's WASM, the page texts need not.
pub fn article_problem(locale: Locale, problem: ArticleProblem) -> String {
    match locale {
        Locale::Zh => match problem {
            ArticleProblem::Category => "请选择类别。".to_string(),
            ArticleProblem::Department => "请选择责任单位。".to_string(),
            ArticleProblem::Question { max } => format!("请填写问题，最多 {max} 字。"),
            ArticleProblem::Answer { max } => format!("请填写解答，最多 {max} 字。"),
            ArticleProblem::ValidUntil => "有效期请按 年-月-日 填写。".to_string(),
            ArticleProblem::ValidUntilPast => "有效期不能早于今天。".to_string(),
        },
        Locale::En => match problem {
            ArticleProblem::Category => "Choose a category.".to_string(),
            ArticleProblem::Department => "Choose the responsible department.".to_string(),
            ArticleProblem::Question { max } => {
                format!("Write the question, at most {max} characters.")
            }
            ArticleProblem::Answer { max } => {
                format!("Write the answer, at most {max} characters.")
            }
            ArticleProblem::ValidUntil => {
                "Give the valid-until date as year-month-day.".to_string()
            }
            ArticleProblem::ValidUntilPast => {
                "The valid-until date cannot be before today.".to_string()
            }
        },
    }
}
