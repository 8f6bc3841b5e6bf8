//! `/snap` (随手拍): the camera-first report, server rendered with `public/snap.js` (a few KB,
//! no WASM: this is the page people open on the street, on a phone network). Tap "take a
//! photo" (the phone's camera opens); the position is asked for at once and placed in its
//! district on the server (shown, correctable, or chosen by hand when denied); an optional line
//! of text; tapping one of the big category buttons sends. From the home page: three taps.
//! The photos are shrunk in the browser as on the report form and checked on the server.
use crate::api::page_city;
use crate::api::rewards::reporter_nickname;
use crate::i18n::use_locale;
use crate::model::snap::{SNAP_MAX_PHOTOS, SNAP_TEXT_MAX_CHARS};
use crate::model::{City, Field, Status};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SnapPage() -> impl IntoView {
    let locale = use_locale();
    let nickname = Resource::new(|| (), |_| reporter_nickname());
    view! {
        <Title text=locale.texts().snap_title/>
        <noscript><p class="alert error">{locale.texts().needs_javascript}</p></noscript>
        <Suspense fallback=|| ()>
            {move || nickname.get().map(|n| match page_city() {
                Ok(city) => view! { <SnapForm city nickname=n.ok().flatten()/> }.into_any(),
                Err(e) => view! { <p class="alert error">{e.message(locale)}</p> }.into_any(),
            })}
        </Suspense>
        <crate::components::outbox::OutboxList/>
        <script src=crate::assets::asset_url(crate::routes::MY_CASES_SCRIPT) defer></script>
        <crate::components::outbox::OutboxScript/>
        <script src=crate::assets::asset_url(crate::routes::NOTICES_SCRIPT) defer></script>
        <crate::components::help_answer::HelpScript/>
        <script src=crate::assets::asset_url(crate::routes::SNAP_SCRIPT) defer></script>
    }
}

#[component]
fn SnapForm(city: City, nickname: Option<String>) -> impl IntoView {
    let locale = use_locale();
    let r = locale.rewards();
    let t = locale.texts();
    let signed_in = nickname.is_some();
    let streets: Vec<(String, String, String)> = city
        .districts
        .iter()
        .flat_map(|d| {
            d.streets.iter().map(|s| {
                (
                    d.code.clone(),
                    s.code.clone(),
                    s.name.get(locale).to_string(),
                )
            })
        })
        .collect();
    // snap.js asks this server function for the district of the phone's position.
    let district_url = <crate::api::rewards::DistrictAt as server_fn::ServerFn>::PATH;
    view! {
        <form id="snap-form" method="post" action=crate::routes::INTAKE enctype="multipart/form-data" novalidate
            data-testid="snap-form" data-max-photos=SNAP_MAX_PHOTOS.to_string()
            data-district-url=district_url
            data-track-url=crate::routes::Page::Track.path()
            data-new-signature=crate::model::public_case::signature(Status::Submitted, 1)
            data-text-remove=t.remove data-text-photo-first=r.photo_first
            data-text-place-first=r.place_first data-text-network=t.network_error>
            <h1 class="page-title">{locale.texts().snap_title}</h1>
            <p class="muted">{r.snap_intro}</p>
            {match nickname {
                Some(n) => view! { <p class="reporter-bar" data-testid="snap-reporter">{r.signed_in_as}<strong>{n}</strong></p> }.into_any(),
                None => view! {
                    <p class="hint" data-testid="snap-anonymous">{r.anonymous_note}" "
                        <a href=crate::routes::reporter_sign_in(crate::routes::Page::Snap)>{locale.texts().sign_in}</a>" · "<a href=crate::routes::Page::RewardsJoin.path()>{r.join_title}</a></p>
                }.into_any(),
            }}
            <section class="card snap-photo photo-picker">
                <ul class="thumbs editable" data-part="photo-previews" data-testid="photo-previews"></ul>
                <label class="button add-photo">
                    {r.take_photo}
                    <input type="file" accept="image/*" capture="environment" multiple class="visually-hidden" data-part="photo-input" data-testid="photo-input"/>
                </label>
            </section>
            <section class="card snap-place" data-testid="snap-place">
                <input type="hidden" name="latitude"/>
                <input type="hidden" name="longitude"/>
                <p class="muted" data-part="snap-locating" data-testid="snap-locating">{locale.texts().locating}</p>
                <p data-part="snap-district" data-testid="snap-district" hidden>
                    "📍 "<strong></strong>" ("{r.place_auto}") "
                    <button type="button" class="button link" data-part="change-place" data-testid="change-place">{r.place_change}</button>
                </p>
                <div data-part="snap-manual" data-testid="snap-manual" hidden>
                    <p class="hint" data-part="locate-failed" data-testid="locate-failed">{r.snap_locate_failed}</p>
                    <label class="field">
                        <span class="label required">{locale.field(Field::District)}</span>
                        <select name="district" data-part="district" data-testid="district">
                            <option value="">{t.choose}</option>
                            {city.districts.iter().map(|d| view! { <option value=d.code.clone()>{d.name.get(locale).to_string()}</option> }).collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span class="label">{r.street_optional}</span>
                        <select name="street" data-part="street" data-testid="street">
                            <option value="">{t.choose}</option>
                            {streets.into_iter().map(|(district, code, name)| view! {
                                <option value=code data-district=district>{name}</option>
                            }).collect_view()}
                        </select>
                    </label>
                </div>
            </section>
            <crate::components::notice_match::NoticeBox part="snap-notices"/>
            {signed_in.then(|| view! {
                <label class="check">
                    <input type="checkbox" name="no_progress_sms" data-testid="snap-no-sms"/>
                    <span><strong>{t.label_no_sms}</strong></span>
                </label>
            })}
            <label class="field">
                <input name="description" maxlength=SNAP_TEXT_MAX_CHARS.to_string() placeholder=r.text_placeholder data-testid="snap-text"/>
            </label>
            <crate::components::help_answer::HelpBox/>
            <p class="label">{r.tap_to_send}</p>
            <div class="snap-buttons" role="group" data-testid="snap-buttons">
                {city.snap_categories.iter().map(|b| view! {
                    <button type="submit" name="snap" value=b.code.clone() class="snap-button" data-testid=format!("snap-{}", b.code)>
                        <span class="icon" aria-hidden="true">{b.icon.clone()}</span>
                        <span>{b.name.get(locale).to_string()}</span>
                    </button>
                }).collect_view()}
            </div>
            <div class="alert error" role="alert" data-part="snap-errors" data-testid="snap-errors" hidden></div>
            <p class="muted" role="status" data-part="snap-sending" data-testid="snap-sending" hidden>{r.sending}</p>
            <p class="alert info" role="status" data-part="snap-queued" data-testid="snap-queued" hidden>{locale.offline().queued}</p>
        </form>
        <section id="snap-done" class="card done" hidden>
            <p class="alert ok" role="status" data-testid="snap-done">{r.snap_done}" "{signed_in.then_some(r.snap_done_points)}</p>
            <dl class="codes">
                <dt>{t.ticket_no}</dt>
                <dd class="code" data-part="ticket-no" data-testid="ticket-no"></dd>
                <dt>{t.query_code}</dt>
                <dd class="code" data-part="query-code" data-testid="query-code"></dd>
            </dl>
            <p class="alert warn">{t.done_keep_code}</p>
            <figure class="qr"></figure>
            <a class="button primary block" href=crate::routes::Page::Track.path() data-part="track-link" data-testid="track-link">{t.done_track_now}</a>
            <a class="button block" href=crate::routes::Page::Snap.path()>{r.snap_again}</a>
        </section>
    }
}
