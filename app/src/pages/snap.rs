//! `/snap` (随手拍): the camera-first report. Tap "take a photo" (the phone's camera opens),
//! the position is taken at once and placed in its district on the server (correctable, or
//! chosen by hand when the position is denied), an optional line of text, and tapping one of
//! the big category buttons sends. From the home page: three taps. The photos go through the
//! same pipeline as the report form (shrunk in the browser, checked on the server).
use crate::api::intake::Created;
use crate::api::page_city;
use crate::api::rewards::reporter_nickname;
use crate::components::field::FieldErrors;
use crate::components::photo_picker::{PhotoItem, PhotoPicker};
use crate::i18n::use_locale;
use crate::model::snap::{validate_snap, SnapDraft, SNAP_MAX_PHOTOS, SNAP_TEXT_MAX_CHARS};
use crate::model::{City, Field, FieldError};
use crate::pages::report_done::Done;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SnapPage() -> impl IntoView {
    let locale = use_locale();
    let r = locale.rewards();
    let nickname = Resource::new(|| (), |_| reporter_nickname());
    view! {
        <Title text=r.snap_title/>
        <noscript><p class="alert error">{locale.texts().needs_javascript}</p></noscript>
        <Suspense fallback=|| ()>
            {move || nickname.get().map(|n| match page_city() {
                Ok(city) => view! { <SnapForm city nickname=n.ok().flatten()/> }.into_any(),
                Err(e) => view! { <p class="alert error">{e.message(locale)}</p> }.into_any(),
            })}
        </Suspense>
    }
}

#[derive(Clone, Copy, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Place {
    Locating,
    /// Placed by the position; the district came from the server.
    Located,
    /// No position, or outside every district: choose by hand.
    Manual,
}

#[derive(Clone, Copy, PartialEq)]
enum Sending {
    Idle,
    Busy,
    NetworkError,
}

/// The snap form, an island.
#[island]
pub fn SnapForm(city: City, nickname: Option<String>) -> impl IntoView {
    let locale = crate::current_locale();
    provide_context(locale);
    let r = locale.rewards();
    let t = locale.texts();
    Effect::new(|_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    let city = StoredValue::new(city);
    let photos = RwSignal::new(Vec::<PhotoItem>::new());
    let preparing = RwSignal::new(0usize);
    let place = RwSignal::new(Place::Locating);
    let latitude = RwSignal::new(String::new());
    let longitude = RwSignal::new(String::new());
    let district = RwSignal::new(String::new());
    let street = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let sending = RwSignal::new(Sending::Idle);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let done = RwSignal::new(None::<Created>);

    // Ask for the position as soon as the page is ready.
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match crate::components::browser::locate().await {
                Ok((lat, lng)) if lat.is_finite() && lng.is_finite() => {
                    latitude.set(format!("{lat:.6}"));
                    longitude.set(format!("{lng:.6}"));
                    match crate::api::rewards::district_at(lat, lng).await {
                        Ok(Some(code)) => {
                            district.set(code);
                            place.set(Place::Located);
                        }
                        _ => place.set(Place::Manual),
                    }
                }
                _ => place.set(Place::Manual),
            }
        });
    });

    let draft = move |category: &str| SnapDraft {
        category: category.to_string(),
        district: district.get_untracked(),
        street: street.get_untracked(),
        latitude: latitude.get_untracked(),
        longitude: longitude.get_untracked(),
        text: text.get_untracked(),
        photo_count: photos.with_untracked(Vec::len),
    };
    let send = move |category: String| {
        if sending.get_untracked() == Sending::Busy || preparing.get_untracked() > 0 {
            return;
        }
        let d = draft(&category);
        if let Err(found) = city.with_value(|c| validate_snap(&d, c, None)) {
            errors.set(found);
            return;
        }
        errors.set(Vec::new());
        sending.set(Sending::Busy);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            use crate::api::intake::Refused;
            use crate::components::browser;
            let Ok(data) = web_sys::FormData::new() else {
                return;
            };
            for (name, value) in [
                ("snap", d.category.as_str()),
                ("district", &d.district),
                ("street", &d.street),
                ("latitude", &d.latitude),
                ("longitude", &d.longitude),
                ("description", &d.text),
            ] {
                let _ = data.append_with_str(name, value);
            }
            for (i, item) in photos.get_untracked().iter().enumerate() {
                if let Some(blob) = browser::photo(item.id) {
                    let _ = data.append_with_blob_and_filename(
                        "photos",
                        &blob,
                        &format!("snap-{}.jpg", i + 1),
                    );
                }
            }
            match browser::post_form(crate::components::report_state::INTAKE_URL, &data, |_| {})
                .await
            {
                Ok((201, body)) => match serde_json::from_str::<Created>(&body) {
                    Ok(case) => {
                        for item in photos.get_untracked() {
                            browser::revoke_url(&item.preview_url);
                            browser::drop_photo(item.id);
                        }
                        photos.set(Vec::new());
                        sending.set(Sending::Idle);
                        done.set(Some(case));
                    }
                    Err(_) => sending.set(Sending::NetworkError),
                },
                Ok((_, body)) => {
                    sending.set(Sending::Idle);
                    match serde_json::from_str::<Refused>(&body) {
                        Ok(refused) => {
                            errors.set(refused.errors.into_iter().map(|e| e.error).collect())
                        }
                        Err(_) => sending.set(Sending::NetworkError),
                    }
                }
                Err(_) => sending.set(Sending::NetworkError),
            }
        });
    };

    let districts = city.with_value(|c| {
        c.districts
            .iter()
            .map(|d| (d.code.clone(), d.name.get(locale).to_string()))
            .collect::<Vec<_>>()
    });
    let streets = move || {
        let d = district.get();
        city.with_value(|c| {
            c.district(&d)
                .map(|d| {
                    d.streets
                        .iter()
                        .map(|s| (s.code.clone(), s.name.get(locale).to_string()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let district_name = move || {
        let d = district.get();
        city.with_value(|c| c.district(&d).map(|d| d.name.get(locale).to_string()))
            .unwrap_or_default()
    };
    let buttons = city.with_value(|c| c.snap_categories.clone());
    let has = move |field: Field| errors.with(|e| e.iter().any(|e| e.field == field));

    view! {
        <div hidden=move || done.with(Option::is_some)>
            <h1 class="page-title">{r.snap_title}</h1>
            <p class="muted">{r.snap_intro}</p>
            {match nickname.clone() {
                Some(n) => view! { <p class="reporter-bar" data-testid="snap-reporter">{r.signed_in_as}<strong>{n}</strong></p> }.into_any(),
                None => view! {
                    <p class="hint" data-testid="snap-anonymous">{r.anonymous_note}" "
                        <a href="/rewards/signin?next=/snap">{r.signin}</a>" · "<a href="/rewards/join">{r.join_title}</a></p>
                }.into_any(),
            }}
            <section class="card snap-photo" class:invalid=move || has(Field::Photos)>
                <PhotoPicker photos preparing max=SNAP_MAX_PHOTOS label=r.take_photo/>
                <FieldErrors field=Field::Photos errors=errors/>
            </section>
            <section class="card snap-place" data-testid="snap-place">
                {move || match place.get() {
                    Place::Locating => view! { <p class="muted">{r.locating}</p> }.into_any(),
                    Place::Located => view! {
                        <p data-testid="snap-district" data-district=move || district.get()>
                            "📍 "<strong>{district_name}</strong>" ("{r.place_auto}") "
                            <button type="button" class="button link" on:click=move |_| place.set(Place::Manual) data-testid="change-place">{r.place_change}</button>
                        </p>
                    }.into_any(),
                    Place::Manual => ().into_any(),
                }}
                <Show when=move || place.get() == Place::Manual>
                    {move || latitude.with(String::is_empty).then(|| view! { <p class="hint">{r.locate_failed}</p> })}
                    <label class="field" class:invalid=move || has(Field::District)>
                        <span class="label required">{locale.field(Field::District)}</span>
                        <select name="district" data-testid="district" prop:value=move || district.get()
                            on:change=move |ev| { district.set(event_target_value(&ev)); street.set(String::new()); }>
                            <option value="">{t.choose}</option>
                            {districts.iter().map(|(code, name)| view! { <option value=code.clone()>{name.clone()}</option> }).collect_view()}
                        </select>
                        <FieldErrors field=Field::District errors=errors/>
                    </label>
                    <label class="field" class:invalid=move || has(Field::Street)>
                        <span class="label">{move || if latitude.with(String::is_empty) { locale.field(Field::Street) } else { r.street_optional }}</span>
                        <select name="street" data-testid="street" prop:value=move || street.get()
                            on:change=move |ev| street.set(event_target_value(&ev))>
                            <option value="">{t.choose}</option>
                            {move || streets().into_iter().map(|(code, name)| view! { <option value=code>{name}</option> }).collect_view()}
                        </select>
                        <FieldErrors field=Field::Street errors=errors/>
                    </label>
                </Show>
                <FieldErrors field=Field::Position errors=errors/>
            </section>
            <label class="field">
                <input name="text" maxlength=SNAP_TEXT_MAX_CHARS.to_string() placeholder=r.text_placeholder
                    prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev)) data-testid="snap-text"/>
                <FieldErrors field=Field::Description errors=errors/>
            </label>
            <p class="label">{r.tap_to_send}</p>
            <div class="snap-buttons" role="group" data-testid="snap-buttons">
                {buttons.into_iter().map(|b| {
                    let code = b.code.clone();
                    view! {
                        <button type="button" class="snap-button" prop:disabled=move || sending.get() == Sending::Busy
                            on:click=move |_| send(code.clone()) data-testid=format!("snap-{}", b.code)>
                            <span class="icon" aria-hidden="true">{b.icon.clone()}</span>
                            <span>{b.name.get(locale).to_string()}</span>
                        </button>
                    }
                }).collect_view()}
            </div>
            <FieldErrors field=Field::Category errors=errors/>
            <FieldErrors field=Field::Form errors=errors/>
            <Show when=move || sending.get() == Sending::Busy>
                <p class="muted" role="status" data-testid="snap-sending">{r.sending}</p>
            </Show>
            <Show when=move || sending.get() == Sending::NetworkError>
                <p class="alert error" role="alert">{t.network_error}</p>
            </Show>
        </div>
        {move || done.get().map(|case| view! {
            <p class="alert ok" role="status" data-testid="snap-done">{r.snap_done}" "
                {nickname.is_some().then_some(r.snap_done_points)}</p>
            <Done case/>
            <a class="button block" href="/snap">{r.snap_again}</a>
        })}
    }
}
