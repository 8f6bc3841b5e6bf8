//! What reached the citizen around a case, on the staff case page: the notices (公告) in force
//! when it was filed (and whether the citizen saw them), and the progress messages sent.
use crate::i18n::use_locale;
use crate::model::notice::NoticeLine;
use crate::model::progress::SentMessage;
use leptos::prelude::*;

/// The notices a case was filed under; nothing when there were none.
#[component]
pub fn CaseNotices(notices: Vec<(NoticeLine, bool)>) -> impl IntoView {
    let n = use_locale().notices();
    (!notices.is_empty()).then(|| {
        view! {
            <section class="card notices" data-testid="case-notices">
                <h2>{n.case_title}</h2>
                {notices.into_iter().map(|(line, seen)| view! {
                    <crate::components::notice::NoticeItem line/>
                    <p class="muted small" data-testid="case-notice-seen" data-seen=seen.to_string()>
                        {if seen { n.case_seen } else { n.case_not_seen }}
                    </p>
                }).collect_view()}
            </section>
        }
    })
}

/// The progress messages of a case: which, whether and when sent, the text; nothing when none.
#[component]
pub fn CaseMessages(messages: Vec<SentMessage>) -> impl IntoView {
    let locale = use_locale();
    let s = locale.staff();
    (!messages.is_empty()).then(|| {
        view! {
            <section class="card" data-testid="messages">
                <h2>{s.section_messages}</h2>
                <ul class="plain">
                    {messages.into_iter().map(|m| view! {
                        <li data-testid="message" data-progress=m.progress.code() data-delivery=m.delivery.code()>
                            <strong>{s.progress(m.progress)}</strong>" · "{s.delivery(m.delivery)}
                            {(!m.mobile.is_empty()).then(|| format!(" · {}", m.mobile))}
                            <br/><span class="muted small">
                                {s.message_written}" "{locale.datetime(m.written_at)}
                                {m.sent_at.map(|at| format!(" · {} {}", s.message_sent, locale.datetime(at)))}
                                {(m.attempts > 1).then(|| format!(" · {} {}", s.message_tries, m.attempts))}
                            </span>
                            <p class="small">{m.text}</p>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}
