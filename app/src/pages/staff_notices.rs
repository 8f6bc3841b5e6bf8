//! `/staff/notices`: hotline staff publish notices (公告) of cuts, closures and events for
//! districts or streets and categories, withdraw them early, and see what each saved: how
//! often citizens' forms showed it, the reports filed anyway, and those who saw it and did not
//! file. Plain HTML forms: works without JavaScript.
use crate::api::notices::{staff_notices, StaffPublishNotice, StaffWithdrawNotice};
use crate::components::notice::NoticeItem;
use crate::components::staff::{staff_page, FormOutcome, StaffBar};
use crate::i18n::use_locale;
use crate::model::notice::{
    ChoiceTree, NoticeKind, NoticePhase, NoticesPage, StaffNotice, NOTICE_TEXT_MAX_CHARS,
};
use crate::routes::Page;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

#[component]
pub fn StaffNoticesPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).filter(|v| !v.is_empty());
    let data = Resource::new(|| (), |_| staff_notices());
    staff_page(
        locale.notices().staff_title,
        || Page::StaffNotices.path().into(),
        data,
        move |page| view! { <Notices page error=param("error") done=param("done")/> }.into_any(),
    )
}

#[component]
fn Notices(page: NoticesPage, error: Option<String>, done: Option<String>) -> impl IntoView {
    let locale = use_locale();
    let n = locale.notices();
    let done = done.and_then(|d| match d.as_str() {
        "published" => Some(n.published),
        "withdrawn" => Some(n.withdrawn_done),
        _ => None,
    });
    let may_publish = page.may_publish;
    view! {
        <StaffBar me=page.me.clone()/>
        <FormOutcome error done=None/>
        {done.map(|d| view! { <p class="alert ok" role="status" data-testid="staff-done">{d}</p> })}
        <section class="card" data-testid="staff-notices">
            <h1>{n.staff_title}</h1>
            {page.notices.is_empty().then(|| view! { <p class="muted">{n.none}</p> })}
            {page.notices.into_iter().map(|s| view! { <StaffNoticeItem notice=s may_publish/> }).collect_view()}
        </section>
        {if may_publish {
            view! { <PublishForm places=page.places categories=page.categories/> }.into_any()
        } else {
            view! { <p class="card muted">{n.read_only}</p> }.into_any()
        }}
    }
}

#[component]
fn StaffNoticeItem(notice: StaffNotice, may_publish: bool) -> impl IntoView {
    let n = use_locale().notices();
    let locale = use_locale();
    let id = notice.line.id;
    let open = matches!(
        notice.line.phase,
        NoticePhase::Current | NoticePhase::Upcoming
    );
    let saved = notice.saved();
    view! {
        <div class="staff-notice" data-testid="staff-notice" data-id=id.to_string()>
            <NoticeItem line=notice.line/>
            <p class="muted small">
                {n.published_by}": "{notice.published_by}" · "{locale.datetime(notice.published_at)}
                {notice.withdrawn_by.map(|w| format!(" · {}: {w}", n.withdrawn_by))}
            </p>
            <dl class="notice-counts">
                <dt>{n.seen}</dt><dd data-testid="notice-seen">{notice.seen}</dd>
                <dt>{n.filed}</dt><dd data-testid="notice-filed">{notice.filed}</dd>
                <dt>{n.saved}</dt><dd data-testid="notice-saved">{saved}</dd>
            </dl>
            {(may_publish && open).then(|| view! {
                <form method="post" action=StaffWithdrawNotice::PATH class="inline">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <button type="submit" class="button" data-testid="withdraw-notice">{n.withdraw}</button>
                </form>
            })}
        </div>
    }
}

#[component]
fn PublishForm(places: ChoiceTree, categories: ChoiceTree) -> impl IntoView {
    let locale = use_locale();
    let n = locale.notices();
    let kept = crate::components::flash::kept;
    let kind = kept("kind").unwrap_or_default();
    // Checkbox groups: each district (or category group) with its streets (or leaves).
    let boxes = |name: &'static str, tree: ChoiceTree, whole: Option<&'static str>| {
        tree.into_iter()
            .map(|(code, label, children)| {
                let whole_label = match whole {
                    Some(w) => format!("{label}（{w}）"),
                    None => label.clone(),
                };
                view! {
                    <fieldset class="checks">
                        <legend>{label}</legend>
                        <label class="check"><input type="checkbox" name=name value=code.clone() data-testid=format!("{}-{code}", name.trim_end_matches("[]"))/><span>{whole_label}</span></label>
                        {children.into_iter().map(|(c, l)| view! {
                            <label class="check"><input type="checkbox" name=name value=c.clone() data-testid=format!("{}-{c}", name.trim_end_matches("[]"))/><span>{l}</span></label>
                        }).collect_view()}
                    </fieldset>
                }
            })
            .collect_view()
    };
    view! {
        <section class="card narrow">
            <h2>{n.publish_title}</h2>
            <form method="post" action=StaffPublishNotice::PATH data-testid="publish-notice">
                <label class="field"><span class="label required">{n.label_kind}</span>
                    <select name="kind" required data-testid="notice-kind">
                        {NoticeKind::ALL.into_iter().map(|k| view! {
                            <option value=k.code() selected=kind == k.code()>{n.kind(k)}</option>
                        }).collect_view()}
                    </select></label>
                <div class="field"><span class="label required">{n.label_places}</span>
                    {boxes("places[]", places, Some(n.whole_district))}</div>
                <div class="field"><span class="label">{n.label_categories}</span>
                    {boxes("categories[]", categories, None)}</div>
                <label class="field"><span class="label required">{n.label_starts}</span>
                    <input type="datetime-local" name="starts" required value=kept("starts").unwrap_or_default() data-testid="notice-starts"/></label>
                <label class="field"><span class="label required">{n.label_ends}</span>
                    <input type="datetime-local" name="ends" required value=kept("ends").unwrap_or_default() data-testid="notice-ends"/></label>
                <label class="field"><span class="label required">{n.label_text}</span>
                    <textarea name="text" rows="4" required maxlength=NOTICE_TEXT_MAX_CHARS.to_string() placeholder=n.placeholder_text data-testid="notice-text-input">{kept("text").unwrap_or_default()}</textarea></label>
                <button type="submit" class="button primary" data-testid="publish-notice-submit">{n.publish}</button>
            </form>
        </section>
    }
}
