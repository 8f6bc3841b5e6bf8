//! The follow-up section of the console's case page.
use crate::api::staff::{StaffPublish, StaffRepeat};
use crate::i18n::use_locale;
use crate::model::console::CaseDetail;
use crate::model::repeat::{RepeatReason, RepeatStatus};
use leptos::prelude::*;
use server_fn::ServerFn;

/// Rating and 重办 level, supporters, possible repeats (confirm / dismiss) and the public
/// board text (edit / withdraw).
#[component]
pub fn StaffFollowup(case: std::sync::Arc<CaseDetail>) -> impl IntoView {
    let locale = use_locale();
    let f = locale.followup();
    let no = case.ticket_no.clone();
    let repeats = (!case.repeats.is_empty()).then(|| {
        let rows = case.repeats.iter().map(|r| {
            let reasons = r.reasons.iter().map(|why| match why {
                RepeatReason::SameMobile => f.repeat_same_mobile.to_string(),
                RepeatReason::Nearby => f.repeat_nearby(),
                RepeatReason::SimilarText => f.repeat_similar_text.to_string(),
            }).collect::<Vec<_>>().join("、");
            let status = match r.status {
                RepeatStatus::Pending => f.repeat_pending,
                RepeatStatus::Confirmed => f.repeat_confirmed,
                RepeatStatus::Dismissed => f.repeat_dismissed,
            };
            let decide = |decision: RepeatStatus, label: &'static str| view! {
                <form method="post" action=StaffRepeat::PATH class="inline">
                    <input type="hidden" name="ticket_no" value=no.clone()/>
                    <input type="hidden" name="earlier" value=r.earlier_no.clone()/>
                    <input type="hidden" name="decision" value=decision.code()/>
                    <button type="submit" class="button" data-testid=format!("repeat-{}", decision.code())>{label}</button>
                </form>
            };
            view! {
                <li data-testid="repeat" data-earlier=r.earlier_no.clone() data-status=r.status.code()>
                    <a href=crate::routes::staff_case(&r.earlier_no)>{r.earlier_no.clone()}</a>
                    " · "{locale.datetime(r.created_at)}" · "{r.department_label.clone().unwrap_or_default()}
                    <p class="muted">{r.summary.clone()}</p>
                    <p><strong>{reasons}</strong>" · "{status}{r.decided_by.clone().map(|by| format!(" ({by})"))}</p>
                    {(r.status != RepeatStatus::Confirmed).then(|| decide(RepeatStatus::Confirmed, f.repeat_confirm))}
                    {(r.status != RepeatStatus::Dismissed).then(|| decide(RepeatStatus::Dismissed, f.repeat_dismiss))}
                </li>
            }
        }).collect_view();
        view! {
            <h3>{f.repeats_title}</h3>
            <ul class="repeats" data-testid="repeats">{rows}</ul>
        }
    });
    let publication = case.publication.clone().map(|p| {
        if p.eligible {
            view! {
                <h3>{f.publish_title}</h3>
                <form method="post" action=StaffPublish::PATH data-testid="publish-form">
                    <input type="hidden" name="ticket_no" value=no.clone()/>
                    <label class="field">
                        <span class="label">{f.publish_request}</span>
                        <textarea name="request" rows="4" maxlength="3000" data-testid="publish-request">{p.request}</textarea>
                    </label>
                    <label class="field">
                        <span class="label">{f.publish_reply}</span>
                        <textarea name="reply" rows="4" maxlength="3000" data-testid="publish-reply">{p.reply}</textarea>
                    </label>
                    <label class="choice"><input type="checkbox" name="hidden" value="1" checked=p.hidden data-testid="publish-hidden"/>" "{f.publish_hidden}</label>
                    {p.edited_by.map(|by| view! { <p class="muted">{by}</p> })}
                    <button type="submit" class="button" data-testid="publish-save">{f.publish_save}</button>
                </form>
            }.into_any()
        } else {
            view! { <p class="muted" data-testid="publish-ineligible">{f.publish_not_consented}</p> }.into_any()
        }
    });
    let facts = view! {
        <dl class="facts">
            {(case.level > 0).then(|| view! {
                <dt>{locale.texts().reopened}</dt><dd data-testid="level">{locale.workflow().level(case.level)}</dd>
            })}
            {case.rating.map(|r| view! {
                <dt>{f.phone_rating}</dt>
                <dd data-testid="rating">{locale.workflow().rating(r)}{case.rated_by_phone.then_some(f.step_by_phone)}</dd>
            })}
            {case.closed_unrated.then(|| view! { <dt>{f.phone_rating}</dt><dd>{f.not_rated}</dd> })}
            {case.rating_due.map(|due| view! { <dt>{f.rate_due}</dt><dd>{locale.datetime(due)}</dd> })}
            {(case.supporters > 0).then(|| view! {
                <dt>{locale.texts().status}</dt><dd data-testid="supporters">{case.supporters}{f.supporters}</dd>
            })}
        </dl>
    };
    view! {
        <section class="card" data-testid="follow-up">
            {facts}
            {repeats}
            {publication}
        </section>
    }
}
