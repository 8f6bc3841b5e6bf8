//! The citizen's view of a case on `/track`: status, facts, public timeline, photos and, once
//! a reply is released, the rating form. Plain HTML from the server (the rating form posts
//! without JavaScript). `public/live.js` keeps the case in "my cases" and follows it: it reads
//! the card's `data-ticket`, `data-code`, `data-signature` and `data-final`, and swaps in a
//! fresh card when the signature changes.
use crate::api::followup::RateCase;
use crate::i18n::use_locale;
use crate::model::public_case::{PublicCase, PublicStep};
use crate::model::workflow::{Rating, RejectReason};
use leptos::prelude::*;
use server_fn::ServerFn;

#[component]
pub fn CaseCard(case: PublicCase, code: String) -> impl IntoView {
    let locale = use_locale();
    let t = locale.texts();
    let f = locale.followup();
    let photos = case.photos.clone();
    let rating_form = if case.can_rate {
        Some(view! { <RatingForm ticket_no=case.ticket_no.clone() code=code.clone() rating_due=case.rating_due/> }.into_any())
    } else {
        // A supporter's code: the reply waits for the reporter's rating.
        case.status
            .awaits_rating()
            .then(|| view! { <p class="muted" data-testid="supporter-no-rating">{f.only_reporter_rates}</p> }.into_any())
    };
    view! {
        <section class="card case" data-testid="case" data-ticket=case.ticket_no.clone() data-code=code
            data-signature=case.signature() data-final=case.status.is_final().to_string()>
            <h2 class="ticket-no">{case.ticket_no.clone()}</h2>
            <p class="status" data-testid="case-status" data-status=case.status.code()>{locale.workflow().status(case.status)}</p>
            {(case.level > 0).then(|| view! {
                <p class="flag reopened" data-testid="case-level">{locale.texts().reopened}" · "{locale.workflow().level(case.level)}</p>
            })}
            {(case.supporters > 0).then(|| view! {
                <p class="muted" data-testid="case-supporters">
                    <strong>{case.supporters}</strong>{f.supporters}
                </p>
            })}
            <dl class="facts">
                <dt>{t.label_kind}</dt><dd data-testid="case-kind">{locale.kind(case.kind)}</dd>
                <dt>{t.label_category}</dt><dd>{case.category.get(locale).to_string()}</dd>
                <dt>{t.label_district}</dt><dd>{case.district.get(locale).to_string()}</dd>
                <dt>{t.submitted_at}</dt><dd>{locale.datetime(case.submitted_at)}</dd>
            </dl>
            {rating_form}
            <h3>{t.track_timeline}</h3>
            <ol class="timeline" data-testid="timeline">
                {case.timeline.iter().map(|e| view! {
                    <li data-step=e.step.kind().code()>
                        <time>{locale.datetime(e.at)}</time>
                        <Step step=e.step.clone()/>
                    </li>
                }).collect_view()}
            </ol>
            {(!photos.is_empty()).then(|| view! {
                <h3>{t.label_photos}</h3>
                <ul class="thumbs" data-testid="case-photos">
                    {photos.iter().map(|p| view! {
                        <li>
                            <a href=p.display_url.clone() target="_blank" rel="noopener">
                                <img src=p.thumb_url.clone() alt=t.label_photos loading="lazy" width="160" height="120"/>
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}

/// 满意 / 基本满意 / 不满意 with an optional comment: a plain form to `/api/fn/rate`.
#[component]
fn RatingForm(
    ticket_no: String,
    code: String,
    rating_due: Option<chrono::DateTime<chrono::Utc>>,
) -> impl IntoView {
    let locale = use_locale();
    let f = locale.followup();
    // What the citizen wrote, if the rating came back refused.
    let comment = crate::components::flash::kept("comment").unwrap_or_default();
    view! {
        <form method="post" action=RateCase::PATH class="rating" data-testid="rating-form">
            <h3>{f.rate_title}</h3>
            <p class="muted">{f.rate_intro}</p>
            <input type="hidden" name="ticket_no" value=ticket_no/>
            <input type="hidden" name="code" value=code/>
            <fieldset class="choices">
                {Rating::ALL.into_iter().map(|r| view! {
                    <label class="choice">
                        <input type="radio" name="rating" value=r.code() required data-testid=format!("rate-{}", r.code())/>
                        " "{locale.workflow().rating(r)}
                    </label>
                }).collect_view()}
            </fieldset>
            <label class="field">
                <span class="label">{f.rate_comment}</span>
                <textarea name="comment" rows="3" maxlength=crate::model::workflow::COMMENT_MAX_CHARS.to_string() data-testid="rate-comment">{comment}</textarea>
            </label>
            {rating_due.map(|due| view! { <p class="muted">{f.rate_due}{locale.datetime(due)}</p> })}
            <button type="submit" class="button primary" data-testid="rate-submit">{f.rate_submit}</button>
        </form>
    }
}

/// One step of the public timeline.
#[component]
fn Step(step: PublicStep) -> impl IntoView {
    let locale = use_locale();
    let t = locale.texts();
    let f = locale.followup();
    match step {
        PublicStep::Submitted => view! { <span>{t.step_submitted}</span> }.into_any(),
        PublicStep::Accepted => view! { <span>{t.step_accepted}</span> }.into_any(),
        PublicStep::Rejected { reason, note } => {
            let duplicate = match reason {
                RejectReason::Duplicate { of } => Some(of),
                RejectReason::Invalid => None,
            };
            view! {
                <span>{t.step_rejected}</span>
                {duplicate.map(|of| view! { <p>{t.step_duplicate_of}<strong>{of}</strong></p> })}
                {(!note.is_empty()).then(|| view! { <p class="note">{note}</p> })}
            }
            .into_any()
        }
        PublicStep::Dispatched { department } => view! {
            <span>{t.step_dispatched}<strong>{department.get(locale).to_string()}</strong></span>
        }
        .into_any(),
        PublicStep::Contacted => view! { <span>{t.step_contacted}</span> }.into_any(),
        PublicStep::Extended { until } => view! {
            <span>{t.step_extended}<strong>{until.format("%Y-%m-%d").to_string()}</strong></span>
        }
        .into_any(),
        // A supporter of a case not on the board sees that a reply came, not its text.
        PublicStep::Replied { text, responder } => view! {
            <span>{t.step_replied}</span>
            {(!text.is_empty()).then(|| view! { <blockquote class="reply" data-testid="case-reply">{text}</blockquote> })}
            {(!responder.is_empty()).then(|| view! {
                <p class="muted">{t.responder}": "<span data-testid="case-responder">{responder}</span></p>
            })}
        }
        .into_any(),
        PublicStep::FollowedUp => view! { <span>{t.step_followed_up}</span> }.into_any(),
        PublicStep::Rated {
            rating,
            comment,
            by_phone,
            reopened_at_level,
            to_supervisor,
        } => view! {
            <span data-testid="case-rating" data-rating=rating.code()>
                {f.step_rated}<strong>{locale.workflow().rating(rating)}</strong>{by_phone.then_some(f.step_by_phone)}
            </span>
            {(!comment.is_empty()).then(|| view! { <p class="note">{comment}</p> })}
            {reopened_at_level.map(|level| view! {
                <p data-testid="case-reopened">{f.step_reopened}{locale.workflow().level(level)}</p>
            })}
            {to_supervisor.then(|| view! { <p>{f.step_to_supervisor}</p> })}
        }
        .into_any(),
        PublicStep::Closed { note } => view! {
            <span>{t.step_closed}</span>
            {(!note.is_empty()).then(|| view! { <p class="note">{f.step_closed_note}{note}</p> })}
        }
        .into_any(),
        PublicStep::ClosedUnrated => view! { <span>{f.step_closed_unrated}</span> }.into_any(),
    }
}
