//! The verifier's section of a snap case (随手拍核验) in the console: reporter and record,
//! exact and near-duplicate photos beside this case's, and the verdict form.
use crate::api::staff::staff_snap_review;
use crate::api::staff::StaffVerifySnap;
use crate::i18n::use_locale;
use crate::model::reward::Verdict;
use crate::model::reward_view::SnapReview;
use leptos::prelude::*;
use server_fn::ServerFn;

#[component]
pub fn SnapReviewSection(no: String, verified: bool) -> impl IntoView {
    let key = no.clone();
    let data = Resource::new(move || key.clone(), staff_snap_review);
    view! {
        <Suspense fallback=|| ()>
            {move || data.get().map(|result| match result {
                Ok(Some(review)) => view! { <Review review no=no.clone() verified/> }.into_any(),
                _ => ().into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Review(review: SnapReview, no: String, verified: bool) -> impl IntoView {
    let locale = use_locale();
    let r = locale.rewards();
    let record = r.record(review.record.0, review.record.1);
    let matches = review.matches.clone();
    view! {
        <section class="card snap-review" data-testid="snap-review"
            data-verdict=review.verdict.map(|v| v.code()).unwrap_or("")>
            <h2>{r.review_title}</h2>
            {verified.then(|| view! { <p class="alert ok" role="status" data-testid="verified">{r.verified_done}</p> })}
            <p>{review.category.clone()}" · "{r.rate_of_category}": "{review.rate}</p>
            <p>{r.reporter}": "<strong data-testid="snap-reporter">{review.reporter.clone().unwrap_or_else(|| r.anonymous.to_string())}</strong>
                {review.reporter.is_some().then(|| format!(" · {record}"))}</p>
            {review.mostly_invalid.then(|| view! { <p class="alert error" data-testid="flag-mostly-invalid">{r.mostly_invalid_flag}</p> })}
            {review.exact_repeat_of.clone().map(|no| view! {
                <p class="alert error" data-testid="exact-repeat">{r.exact_repeat_flag(&no)}</p>
            })}
            <h3>{r.near_title}</h3>
            {if matches.is_empty() {
                view! { <p class="muted" data-testid="no-matches">{r.no_matches}</p> }.into_any()
            } else {
                view! {
                    <ul class="matches">
                        {matches.into_iter().map(|m| view! {
                            <li class="match" data-testid="near-match" data-earlier=m.earlier_ticket_no.clone() data-distance=m.distance.to_string()>
                                <figure><img src=m.new_thumb_url.clone() alt="" loading="lazy"/><figcaption>{r.this_photo}" "{m.photo}</figcaption></figure>
                                <figure><a href=m.earlier_display_url.clone()><img src=m.earlier_thumb_url.clone() alt="" loading="lazy"/></a>
                                    <figcaption>{r.earlier_photo}": "<a href=crate::routes::staff_case(&m.earlier_ticket_no)>{m.earlier_ticket_no.clone()}</a>
                                        " · "{locale.datetime(m.earlier_created_at)}</figcaption></figure>
                                <p class="muted">{r.near_distance(m.distance)}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {match review.verdict {
                Some(v) => view! {
                    <p data-testid="snap-verdict">{r.verdict_label}": "<strong>{locale.rewards().verdict(v)}</strong>
                        {(!review.verdict_note.is_empty()).then(|| format!(" · {}", review.verdict_note))}
                        " · "{r.verified_by}": "{review.verified_by.clone().unwrap_or_default()}
                        " · "{r.points_credited}": "<strong data-testid="snap-points">{review.points.unwrap_or(0)}</strong></p>
                }.into_any(),
                None => view! {
                    <form method="post" action=StaffVerifySnap::PATH data-testid="verify-form">
                        <input type="hidden" name="ticket_no" value=no.clone()/>
                        <fieldset class="chips" role="radiogroup">
                            <legend>{r.verdict_label}</legend>
                            {Verdict::ALL.into_iter().map(|v| view! {
                                <label class="chip"><input type="radio" name="verdict" value=v.code() required
                                    data-testid=format!("verdict-{}", v.code())/><span>{locale.rewards().verdict(v)}</span></label>
                            }).collect_view()}
                        </fieldset>
                        <label class="field"><span class="label">{r.note_label}</span>
                            <input name="note" maxlength="200"/></label>
                        <button type="submit" class="button primary" data-testid="verify-submit">{r.verify_submit}</button>
                    </form>
                }.into_any(),
            }}
        </section>
    }
}
