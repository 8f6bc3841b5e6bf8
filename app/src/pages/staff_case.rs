//! `/staff/case?no=…`: one case for staff: the citizen's text and photos, the reporter (by
//! the confidentiality rules, every view logged), deadlines, the history, and a form for
//! each action the viewer's role may take now.
use crate::api::staff::staff_case;
use crate::api::staff::StaffAct;
use crate::components::case_notices::{CaseMessages, CaseNotices};
use crate::components::snap_review::SnapReviewSection;
use crate::components::staff::{staff_page, DueView, FormOutcome, StaffBar};
use crate::components::staff_followup::StaffFollowup;
use crate::i18n::use_locale;
use crate::model::console::{CaseDetail, Contact, HistoryItem};
use crate::model::workflow::Rating;
use crate::model::workflow::{
    Event, EventKind, RejectReason, NOTE_MAX_CHARS, REPLY_MAX_CHARS, REPLY_MIN_CHARS,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

/// What the viewer typed into a form that was refused, to put back.
#[derive(Clone, Default)]
struct Typed {
    note: Option<String>,
    text: Option<String>,
    responder: Option<String>,
    phone: Option<String>,
    template: Option<usize>,
}

#[component]
pub fn StaffCasePage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).filter(|v| !v.is_empty());
    let data = Resource::new(
        move || (param("no").unwrap_or_default(), param("contact").is_some()),
        |(no, reveal)| async move { staff_case(no, Some(reveal)).await },
    );
    let kept = crate::components::flash::kept;
    let typed_once = Typed {
        note: kept("note"),
        text: kept("text"),
        responder: kept("responder"),
        phone: kept("phone"),
        template: param("template").and_then(|t| t.parse().ok()),
    };
    let typed = move || typed_once.clone();
    staff_page(
        locale.staff().console,
        move || crate::routes::staff_case(&param("no").unwrap_or_default()),
        data,
        move |case| {
            view! {
                <CaseView case typed=typed() error=param("error") done=param("done") verified=param("verified").is_some()/>
            }
            .into_any()
        },
    )
}

#[component]
fn CaseView(
    case: CaseDetail,
    typed: Typed,
    error: Option<String>,
    done: Option<String>,
    #[prop(optional)] verified: bool,
) -> impl IntoView {
    let locale = use_locale();
    let t = locale.texts();
    let s = locale.staff();
    let case = std::sync::Arc::new(case);
    let c = case.clone();
    let department_name = {
        let departments = case.departments.clone();
        move |code: &str| {
            departments
                .iter()
                .find(|(c, _)| c == code)
                .map(|(_, n)| n.clone())
                .unwrap_or_else(|| code.to_string())
        }
    };
    view! {
        <StaffBar me=case.me.clone()/>
        <p><a href=crate::routes::Page::Staff.path()>{s.back_to_queue}</a></p>
        <FormOutcome error done/>
        <section class="card" data-testid="staff-case" data-status=case.status.code()>
            <h1 class="ticket-no">{case.ticket_no.clone()}
                {case.confidential.then(|| view! { <span class="flag" data-testid="confidential">{s.confidential_badge}</span> })}
            </h1>
            <p class="status" data-testid="staff-case-status">{locale.workflow().status(case.status)}</p>
            <dl class="facts">
                <dt>{locale.texts().label_kind}</dt><dd>{locale.kind(case.kind)}</dd>
                <dt>{locale.texts().category}</dt><dd>{case.category.clone()}</dd>
                <dt>{s.label_place}</dt><dd>{format!("{} {} {}", case.district, case.street, case.address)}</dd>
                {case.position.map(|(lat, lng)| view! {
                    <dt>{locale.texts().label_position}</dt><dd>{format!("{lat:.5}, {lng:.5}")}</dd>
                })}
                <dt>{s.label_channel}</dt><dd>{case.channel.clone()}</dd>
                <dt>{locale.texts().submitted_at}</dt><dd>{locale.datetime(case.created_at)}</dd>
            </dl>
            <h2>{s.section_request}</h2>
            <p class="description" data-testid="staff-description">{case.description.clone()}</p>
            {(!case.photos.is_empty()).then(|| view! {
                <ul class="thumbs">
                    {c.photos.iter().map(|p| view! {
                        <li><a href=p.display_url.clone() target="_blank" rel="noopener">
                            <img src=p.thumb_url.clone() alt=t.label_photos loading="lazy" width="160" height="120"/>
                        </a></li>
                    }).collect_view()}
                </ul>
            })}
        </section>

        <CaseNotices notices=case.notices.clone()/>

        <section class="card" data-testid="reporter">
            <h2>{s.section_reporter}</h2>
            {match case.contact.clone() {
                Contact::Confidential => view! {
                    <p class="alert" data-testid="contact-confidential">{s.contact_confidential}</p>
                }.into_any(),
                Contact::OnRequest => view! {
                    <p><a class="button" rel="nofollow" href=format!("{}&contact=1", crate::routes::staff_case(&case.ticket_no))
                        data-testid="contact-reveal">{s.contact_reveal}</a></p>
                    <p class="muted">{s.contact_logged}</p>
                }.into_any(),
                Contact::Shown { name, phone } => view! {
                    <dl class="facts" data-testid="contact-shown">
                        <dt>{s.name}</dt><dd data-testid="contact-name">{name}</dd>
                        <dt>{s.label_phone}</dt><dd data-testid="contact-phone">{phone}</dd>
                    </dl>
                    <p class="muted">{s.contact_logged}</p>
                }.into_any(),
            }}
            {(!case.contact_views.is_empty()).then(|| view! {
                <details data-testid="contact-views">
                    <summary>{s.contact_views}" ("{c.contact_views.len()}")"</summary>
                    <ul>
                        {c.contact_views.iter().map(|v| view! {
                            <li>{locale.datetime(v.at)}" · "{v.who.clone()}" · "{v.role.map(|r| locale.workflow().role(r))}</li>
                        }).collect_view()}
                    </ul>
                </details>
            })}
        </section>

        <section class="card" data-testid="handling">
            <h2>{s.section_handling}</h2>
            <dl class="facts">
                {case.department_label.clone().map(|d| view! { <dt>{s.department}</dt><dd data-testid="department">{d}</dd> })}
                {case.reply_due.clone().map(|due| view! { <dt>{s.reply_due}</dt><dd><DueView due/></dd> })}
                {case.hand_back_due.clone().map(|due| view! { <dt>{s.hand_back_due}</dt><dd><DueView due/></dd> })}
                {case.extended_until.map(|d| view! { <dt>{s.extended_until}</dt><dd>{d.format("%Y-%m-%d").to_string()}</dd> })}
                {case.pending_extension.map(|d| view! { <dt>{s.pending_extension}</dt><dd>{d.format("%Y-%m-%d").to_string()}</dd> })}
                {(case.hand_backs > 0).then(|| view! { <dt>{s.hand_backs}</dt><dd>{case.hand_backs}</dd> })}
                {case.supervision.clone().map(|sv| view! {
                    <dt>{s.supervision}</dt><dd data-testid="supervision">{sv.instruction}</dd>
                    <dt>{s.supervision_due}</dt><dd>{sv.due.format("%Y-%m-%d").to_string()}</dd>
                })}
                {case.rejection.clone().map(|r| match r {
                    RejectReason::Invalid => view! { <dt>{locale.texts().status}</dt><dd>{s.rejected_invalid}</dd> }.into_any(),
                    RejectReason::Duplicate { of } => view! {
                        <dt>{locale.texts().status}</dt><dd>{s.rejected_duplicate}" "<a href=crate::routes::staff_case(&of)>{of.clone()}</a></dd>
                    }.into_any(),
                })}
            </dl>
            {case.draft.clone().map(|d| view! {
                <h3>{s.draft_title}</h3>
                <blockquote class="reply" data-testid="draft">{d.text}</blockquote>
                <p class="muted">{locale.texts().responder}": "{d.responder}" · "{d.phone}</p>
            })}
            {case.reply.clone().map(|r| view! {
                <h3>{s.reply_title}</h3>
                <blockquote class="reply" data-testid="released-reply">{r.text}</blockquote>
                <p class="muted">{locale.texts().responder}": "{r.responder}" · "{r.phone}</p>
            })}
        </section>

        <StaffFollowup case=case.clone()/>
        <SnapReviewSection no=case.ticket_no.clone() verified=verified/>

        <section class="card" data-testid="actions">
            <h2>{s.section_actions}</h2>
            {if case.actions.is_empty() {
                view! { <p class="muted" data-testid="no-actions">{s.no_actions}</p> }.into_any()
            } else {
                let forms = case.actions.iter().map(|k| view! {
                    <EventForm case=case.clone() kind=*k typed=typed.clone()/>
                }).collect_view();
                view! { <div class="actions">{forms}</div> }.into_any()
            }}
        </section>

        <CaseMessages messages=case.messages.clone()/>

        <section class="card" data-testid="history">
            <h2>{s.section_history}</h2>
            <ol class="timeline history">
                {c.history.iter().cloned().map(|item| view! {
                    <HistoryRow item department_name=department_name.clone()/>
                }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn HistoryRow(
    item: HistoryItem,
    department_name: impl Fn(&str) -> String + 'static,
) -> impl IntoView {
    let locale = use_locale();
    let s = locale.staff();
    let who = match item.role {
        Some(role) => format!("{} ({})", item.actor, locale.workflow().role(role)),
        None => s.citizen.to_string(),
    };
    let detail = match &item.event {
        Event::Dispatched { department } | Event::Reassigned { department } => {
            Some(department_name(department))
        }
        Event::ExtensionRequested { until } => Some(until.format("%Y-%m-%d").to_string()),
        Event::ReplyDrafted { reply } => Some(format!(
            "{} — {} {}",
            reply.text, reply.responder, reply.phone
        )),
        Event::SupervisionAdded { supervision } => Some(format!(
            "{} ({})",
            supervision.instruction,
            supervision.due.format("%Y-%m-%d")
        )),
        Event::Rejected {
            reason: RejectReason::Duplicate { of },
        } => Some(of.clone()),
        _ => None,
    };
    view! {
        <li data-event=item.kind.code()>
            <time>{locale.datetime(item.at)}</time>
            <span><strong>{locale.workflow().event(item.kind)}</strong>" · "{who}
                " · "<span class="muted">{if item.public { s.public } else { s.internal }}</span></span>
            {detail.map(|d| view! { <p>{d}</p> })}
            {(!item.note.is_empty()).then(|| view! { <p class="note">{item.note.clone()}</p> })}
        </li>
    }
}

/// One action's form: hidden ticket, version and action, and the fields the action needs.
#[component]
fn EventForm(case: std::sync::Arc<CaseDetail>, kind: EventKind, typed: Typed) -> impl IntoView {
    let locale = use_locale();
    let s = locale.staff();
    let note = typed.note.clone().unwrap_or_default();
    let note_field = move |label: &'static str, required: bool| {
        view! {
            <label class="field">
                <span class="label">{label}</span>
                <textarea name="note" rows="2" maxlength=NOTE_MAX_CHARS.to_string() required=required data-testid=format!("{}-note", kind.code())>{note.clone()}</textarea>
            </label>
        }
    };
    let today = crate::model::time::beijing_date(chrono::Utc::now())
        .format("%Y-%m-%d")
        .to_string();
    let fields = match kind {
        EventKind::Rejected => view! {
            <fieldset class="choices">
                <label><input type="radio" name="reason" value="invalid" required/>{s.reason_invalid}</label>
                <label><input type="radio" name="reason" value="duplicate"/>{s.reason_duplicate}</label>
            </fieldset>
            <label class="field">
                <span class="label">{s.field_duplicate_of}</span>
                <input name="duplicate_of" placeholder="20261122-000123" autocomplete="off"/>
            </label>
            {note_field(s.field_reject_note, true)}
        }.into_any(),
        EventKind::Dispatched | EventKind::Reassigned => {
            let suggested = case.suggested_department.clone().filter(|d| case.department.as_deref() != Some(d.as_str()));
            let note_label = if kind == EventKind::Reassigned { s.field_reassign_reason } else { s.field_note };
            view! {
                <label class="field">
                    <span class="label">{s.department}</span>
                    <select name="department" required data-testid=format!("{}-department", kind.code())>
                        <option value="">{locale.texts().choose}</option>
                        {case.departments.iter().filter(|(code, _)| case.department.as_deref() != Some(code.as_str())).map(|(code, name)| {
                            let is_suggested = suggested.as_deref() == Some(code.as_str());
                            let label = if is_suggested { format!("{name}{}", s.suggested) } else { name.clone() };
                            view! { <option value=code.clone() selected=is_suggested>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
                {note_field(note_label, kind == EventKind::Reassigned)}
            }.into_any()
        }
        EventKind::HandedBack => note_field(s.field_hand_back_reason, true).into_any(),
        EventKind::ExtensionRequested => view! {
            <label class="field">
                <span class="label">{s.field_until}</span>
                <input type="date" name="date" min=today.clone() required data-testid="extension-date"/>
            </label>
            {note_field(s.field_note, true)}
        }.into_any(),
        EventKind::ExtensionRefused | EventKind::ReplySentBack => note_field(s.field_note, true).into_any(),
        EventKind::ReplyDrafted => {
            let template_text = typed.template.and_then(|i| case.templates.get(i)).map(|(_, text)| text.clone());
            let text = typed.text.clone().or(template_text).unwrap_or_default();
            let responder = typed.responder.clone().unwrap_or_else(|| case.me.display_name.clone());
            let phone = typed.phone.clone().unwrap_or_default();
            view! {
                {(!case.templates.is_empty()).then(|| view! {
                    <details class="templates">
                        <summary>{s.templates}</summary>
                        <ul>
                            {case.templates.iter().enumerate().map(|(i, (title, text))| view! {
                                <li>
                                    <strong>{title.clone()}</strong>
                                    <p class="muted">{text.clone()}</p>
                                    <a href=format!("{}&template={i}", crate::routes::staff_case(&case.ticket_no))>{s.use_template}</a>
                                </li>
                            }).collect_view()}
                        </ul>
                    </details>
                })}
                <label class="field">
                    <span class="label">{s.field_reply_text}</span>
                    <textarea name="text" rows="6" minlength=REPLY_MIN_CHARS.to_string() maxlength=REPLY_MAX_CHARS.to_string() required data-testid="reply-text">{text}</textarea>
                </label>
                <label class="field">
                    <span class="label">{locale.texts().responder}</span>
                    <input name="responder" required maxlength="30" value=responder data-testid="reply-responder"/>
                </label>
                <label class="field">
                    <span class="label">{s.field_phone}</span>
                    <input name="phone" type="tel" required maxlength="20" placeholder="0537-2345678" value=phone data-testid="reply-phone"/>
                </label>
            }.into_any()
        }
        EventKind::SupervisionAdded => view! {
            <label class="field">
                <span class="label">{s.field_instruction}</span>
                <textarea name="note" rows="2" maxlength=NOTE_MAX_CHARS.to_string() required data-testid="supervision-instruction"></textarea>
            </label>
            <label class="field">
                <span class="label">{s.field_due}</span>
                <input type="date" name="date" min=today required data-testid="supervision-due"/>
            </label>
        }.into_any(),
        EventKind::FirstContact | EventKind::SecondContact => note_field(s.field_note, false).into_any(),
        // A rating the citizen gave by phone during the follow-up call (回访).
        EventKind::Rated => view! {
            <fieldset class="choices">
                <legend>{locale.followup().phone_rating}</legend>
                {Rating::ALL.into_iter().map(|r| view! {
                    <label><input type="radio" name="rating" value=r.code() required data-testid=format!("phone-rate-{}", r.code())/>{locale.workflow().rating(r)}</label>
                }).collect_view()}
            </fieldset>
            {note_field(locale.followup().rate_comment, false)}
        }.into_any(),
        EventKind::Closed => note_field(s.field_note, true).into_any(),
        _ => ().into_any(),
    };
    view! {
        <form method="post" action=StaffAct::PATH class="action-form" data-testid=format!("action-{}", kind.code())>
            <input type="hidden" name="ticket_no" value=case.ticket_no.clone()/>
            <input type="hidden" name="version" value=case.version.to_string()/>
            <input type="hidden" name="action" value=kind.code()/>
            <h3>{locale.workflow().event(kind)}</h3>
            {fields}
            <button type="submit" class="button primary" data-testid=format!("submit-{}", kind.code())>{locale.workflow().event(kind)}</button>
        </form>
    }
}
