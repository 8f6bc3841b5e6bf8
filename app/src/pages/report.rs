//! `/report` (and `/report?mode=snap`, 随手拍): the citizen's report form. Validation runs here
//! as the citizen types, with the same rules the server applies; the form is sent with its
//! photos to `POST /api/v1/reports` with an upload progress bar. Without JavaScript (or when the
//! WASM does not load) the same form is a plain multipart post to `POST /report`, which answers
//! with this page: the ticket, or the form filled in again with the server's messages
//! (`FormPost`).
use crate::api::page_city;
use crate::api::report_answers::{Created, FormPost};
use crate::components::field::FieldErrors;
use crate::components::grouped_options::grouped_options;
use crate::components::help_answer::HelpBox;
use crate::components::locator::Locator;
use crate::components::nearby::Nearby;
use crate::components::notice_match::NoticeMatch;
use crate::components::photo_picker::PhotoPicker;
use crate::components::refused_post::RefusedPost;
use crate::components::report_state::{focus_first_error, FormState, Phase};
use crate::i18n::{use_locale, use_texts, Texts};
use crate::model::city::Places;
use crate::model::report::{validate, DESCRIPTION_MAX_CHARS};
use crate::model::TicketKind;
use crate::model::{Field, FieldError};
use crate::pages::report_done::Done;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// 随手拍 (`?mode=snap`) is the same form with the photos first.
fn title(t: &Texts, snap: bool) -> &'static str {
    if snap {
        t.snap_title
    } else {
        t.report_title
    }
}

/// Rendered on the server; the form inside is the interactive island.
#[component]
pub fn ReportPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let snap = query.read_untracked().get("mode").as_deref() == Some("snap");
    let refill = match use_context::<FormPost>() {
        // A plain post was taken: its ticket, shown once (a reload sends the same post again,
        // whose key answers the same ticket).
        Some(FormPost::Created(case)) => {
            // Kept in "my cases" by `my_cases.js`, if scripts run.
            let seen = crate::model::public_case::signature(crate::model::Status::Submitted, 1);
            let (no, code) = (case.ticket_no.clone(), case.query_code.clone());
            return view! {
                <Title text=t.done_title/>
                <div data-remember="" data-ticket=no data-code=code data-signature=seen>
                    <Done case live=false/>
                </div>
                <script src=crate::assets::asset_url(crate::routes::MY_CASES_SCRIPT) defer></script>
            }
            .into_any();
        }
        Some(FormPost::Refused(refill)) => Some(*refill),
        None => None,
    };
    // The key of this page's plain post (the island's own sending makes one per report).
    #[cfg(feature = "ssr")]
    let key = crate::model::idempotency::IdempotencyKey::fresh()
        .as_str()
        .to_string();
    #[cfg(not(feature = "ssr"))]
    let key = String::new();
    let offline = use_locale().offline();
    let posted = refill
        .as_ref()
        .map(|r| view! { <RefusedPost refill=r.clone()/> });
    // What the island needs of a refused post (kept small: the decoding of its props' types is
    // WASM): the values as sent. Its own checks find the problems of the fields again; the
    // others (photos, the key) are in the summary above the form.
    let refill_values = refill
        .as_ref()
        .map(|r| FormState::values_of(&r.draft))
        .unwrap_or_default();
    view! {
        <Title text=title(t, snap)/>
        <noscript><p class="alert info">{offline.without_javascript}</p></noscript>
        {posted}
        {match page_city() {
            Ok(city) => view! { <ReportForm city=city.for_form() snap queued=offline.queued.to_string() refill=refill_values key/> }.into_any(),
            Err(e) => view! { <p class="alert error">{e.message(use_locale())}</p> }.into_any(),
        }}
        <crate::components::outbox::OutboxList/>
        <script src=crate::assets::asset_url(crate::routes::MY_CASES_SCRIPT) defer></script>
        <crate::components::outbox::OutboxScript/>
        <script src=crate::assets::asset_url(crate::routes::NOTICES_SCRIPT) defer></script>
        <crate::components::help_answer::HelpScript/>
    }
    .into_any()
}

/// The report form and, once sent, the success view with the ticket number and query code.
/// An island: the only part of the portal that ships as WASM.
#[island]
/// `queued`: what the form says when a report is kept on the phone for later (a prop, so
/// that its text stays out of the WASM). `refill`: the values of a refused plain post
/// (`FormState::values_of`; empty for a new form). `key`: the Idempotency-Key of this page's
/// plain post.
pub fn ReportForm(
    city: Places,
    snap: bool,
    queued: String,
    refill: Vec<String>,
    key: String,
) -> impl IntoView {
    // Islands do not inherit the page's context: read the locale the server chose.
    let locale = crate::current_locale();
    provide_context(locale);
    let t = locale.texts();
    // Marks the form interactive (used by the browser tests; effects run only in the browser).
    Effect::new(|_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    let done = RwSignal::new(None::<Created>);
    let city = StoredValue::new(city);
    let form = FormState::filled(&refill);
    let preparing = RwSignal::new(0usize);
    let phase = RwSignal::new(Phase::Editing);
    let tried = RwSignal::new(!refill.is_empty());
    let touched = RwSignal::new(Vec::<Field>::new());
    let server_errors = RwSignal::new(Vec::<FieldError>::new());
    // Whether the street list is narrowed to the chosen district: only once the citizen
    // chooses one here (without JavaScript every street stays listed, by district).
    let narrowed = RwSignal::new(false);

    // Live validation with the same rules as the server.
    let local_errors = Memo::new(move |_| {
        let draft = form.draft();
        city.with_value(|c| validate(&draft, c).err().unwrap_or_default())
    });
    let shown_errors = Signal::derive(move || {
        let mut shown: Vec<FieldError> = local_errors
            .get()
            .into_iter()
            .filter(|e| tried.get() || touched.with(|t| t.contains(&e.field)))
            .collect();
        shown.extend(server_errors.get());
        shown
    });
    let touch = move |field: Field| {
        touched.update(|t| {
            if !t.contains(&field) {
                t.push(field);
            }
        })
    };
    let busy = move || matches!(phase.get(), Phase::Uploading(_) | Phase::Processing);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        server_errors.set(Vec::new());
        let ready =
            local_errors.get_untracked().is_empty() && preparing.get_untracked() == 0 && !busy();
        if !ready {
            focus_first_error();
        } else {
            #[cfg(feature = "hydrate")]
            leptos::task::spawn_local(crate::components::report_state::send(
                form,
                phase,
                server_errors,
                move |case| {
                    let title = format!("{} · {}", t.done_title, t.app_name);
                    crate::components::browser::show_done(
                        &title,
                        crate::routes::Page::ReportDone.path(),
                    );
                    done.set(Some(case));
                    crate::components::report_state::focus_first("[data-testid=done] h1");
                },
            ));
        }
    };

    let text_input = move |field: Field,
                           value: RwSignal<String>,
                           kind: &'static str,
                           autocomplete: &'static str,
                           placeholder: &'static str| {
        view! {
            <label class="field" class:invalid=move || shown_errors.with(|e| e.iter().any(|e| e.field == field))>
                <span class="label required">{locale.field(field)}</span>
                <input type=kind name=field.name() autocomplete=autocomplete placeholder=placeholder
                    value=value.get_untracked() prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                    on:blur=move |_| touch(field)
                    data-testid=field.name()/>
                <FieldErrors field errors=shown_errors/>
            </label>
        }
    };

    let kind_chips = TicketKind::ALL
        .into_iter()
        .map(|k| {
            view! {
                <label class="chip">
                    <input type="radio" name="kind" value=k.code()
                        checked=form.kind.get_untracked() == k.code() prop:checked=move || form.kind.get() == k.code()
                        on:change=move |_| { form.kind.set(k.code().to_string()); touch(Field::Kind); }/>
                    <span>{locale.kind(k)}</span>
                </label>
            }
        })
        .collect_view();

    let groups = city.with_value(|c| {
        c.categories
            .iter()
            .map(|g| (g.code.clone(), g.name.get(locale).to_string()))
            .collect::<Vec<_>>()
    });
    let districts = city.with_value(|c| {
        c.districts
            .iter()
            .map(|d| (d.code.clone(), d.name.get(locale).to_string()))
            .collect::<Vec<_>>()
    });
    // The categories of the chosen group; before one is chosen (and without JavaScript, where
    // choosing one changes nothing), every category under its group's heading.
    let categories = move || {
        let group = form.group.get();
        let chosen = form.category.get_untracked();
        city.with_value(|c| {
            let lists = c
                .categories
                .iter()
                .filter(|g| group.is_empty() || g.code == group)
                .map(|g| {
                    let places = g.children.iter().map(|p| (p.code.as_str(), &p.name));
                    (g.name.get(locale), places.collect())
                });
            grouped_options(lists.collect(), &chosen, locale)
        })
    };
    let streets = move || {
        let (district, narrow) = (form.district.get(), narrowed.get());
        let chosen = form.street.get_untracked();
        city.with_value(|c| {
            let lists = c
                .districts
                .iter()
                .filter(|d| !narrow || d.code == district)
                .map(|d| {
                    let places = d.streets.iter().map(|p| (p.code.as_str(), &p.name));
                    (d.name.get(locale), places.collect())
                });
            grouped_options(lists.collect(), &chosen, locale)
        })
    };

    let photos_section = view! {
        <fieldset class="card">
            <legend>{locale.field(Field::Photos)}</legend>
            <PhotoPicker photos=form.photos preparing/>
            <FieldErrors field=Field::Photos errors=shown_errors/>
        </fieldset>
    };
    let (photos_first, photos_last) = if snap {
        (Some(photos_section), None)
    } else {
        (None, Some(photos_section))
    };

    view! {
        <div hidden=move || done.with(Option::is_some)>
        <h1 class="page-title">{title(t, snap)}</h1>
        <form class="report-form" method="post" enctype="multipart/form-data" novalidate
            action=if snap { crate::routes::REPORT_SNAP } else { crate::routes::Page::Report.path() }
            on:submit=on_submit data-testid="report-form">
            <p class="muted">{t.report_intro}</p>
            <input type="hidden" name="idempotency_key" value=key/>
            <input type="hidden" name="locale" value=locale.tag()/>
            {photos_first}
            <fieldset class="card">
                <legend>{t.section_problem}</legend>
                <div class="field" class:invalid=move || shown_errors.with(|e| e.iter().any(|e| e.field == Field::Kind))>
                    <span class="label required">{t.label_kind}</span>
                    <div class="chips" role="radiogroup" data-testid="kind">{kind_chips}</div>
                    <FieldErrors field=Field::Kind errors=shown_errors/>
                </div>
                <label class="field">
                    <span class="label required">{t.label_category_group}</span>
                    <select name="category_group" data-testid="category_group"
                        on:change=move |ev| { form.group.set(event_target_value(&ev)); form.category.set(String::new()); }>
                        <option value="" selected=move || form.group.get().is_empty()>{t.choose}</option>
                        {groups.into_iter().map(|(code, name)| view! { <option value=code.clone() selected=move || form.group.get() == code>{name}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field" class:invalid=move || shown_errors.with(|e| e.iter().any(|e| e.field == Field::Category))>
                    <span class="label required">{t.label_category}</span>
                    <select name="category" data-testid="category" prop:value=move || form.category.get()
                        on:change=move |ev| { form.category.set(event_target_value(&ev)); touch(Field::Category); }>
                        <option value="">{t.choose}</option>
                        {categories}
                    </select>
                    <FieldErrors field=Field::Category errors=shown_errors/>
                </label>
            </fieldset>
            <fieldset class="card">
                <legend>{t.section_place}</legend>
                <label class="field" class:invalid=move || shown_errors.with(|e| e.iter().any(|e| e.field == Field::District))>
                    <span class="label required">{t.label_district}</span>
                    <select name="district" data-testid="district"
                        on:change=move |ev| { form.district.set(event_target_value(&ev)); form.street.set(String::new()); narrowed.set(true); touch(Field::District); }>
                        <option value="" selected=move || form.district.get().is_empty()>{t.choose}</option>
                        {districts.into_iter().map(|(code, name)| view! { <option value=code.clone() selected=move || form.district.get() == code>{name}</option> }).collect_view()}
                    </select>
                    <FieldErrors field=Field::District errors=shown_errors/>
                </label>
                <label class="field" class:invalid=move || shown_errors.with(|e| e.iter().any(|e| e.field == Field::Street))>
                    <span class="label required">{t.label_street}</span>
                    <select name="street" data-testid="street" prop:value=move || form.street.get()
                        on:change=move |ev| { form.street.set(event_target_value(&ev)); touch(Field::Street); }>
                        <option value="">{t.choose}</option>
                        {streets}
                    </select>
                    <FieldErrors field=Field::Street errors=shown_errors/>
                </label>
                {text_input(Field::Address, form.address, "text", "street-address", t.placeholder_address)}
                <Locator form/>
                <FieldErrors field=Field::Position errors=shown_errors/>
            </fieldset>
            <NoticeMatch form/>
            <Nearby form/>
            <div class="card">
                <label class="field" class:invalid=move || shown_errors.with(|e| e.iter().any(|e| e.field == Field::Description))>
                    <span class="label required">{t.label_description}</span>
                    <textarea name="description" rows="6" maxlength=DESCRIPTION_MAX_CHARS.to_string() placeholder=t.placeholder_description
                        prop:value=move || form.description.get()
                        on:input=move |ev| form.description.set(event_target_value(&ev))
                        on:blur=move |_| touch(Field::Description) data-testid="description">{form.description.get_untracked()}</textarea>
                    <span class="counter">{move || form.description.with(|d| d.trim().chars().count())}" / "{DESCRIPTION_MAX_CHARS}</span>
                    <FieldErrors field=Field::Description errors=shown_errors/>
                </label>
                <HelpBox/>
            </div>
            <fieldset class="card">
                <legend>{t.section_contact}</legend>
                {text_input(Field::ContactName, form.contact_name, "text", "name", "")}
                {text_input(Field::ContactPhone, form.contact_phone, "tel", "tel", "13812345678")}
                <label class="check">
                    <input type="checkbox" name="confidential" value="true" checked=form.confidential.get_untracked() prop:checked=move || form.confidential.get()
                        on:change=move |ev| form.confidential.set(event_target_checked(&ev)) data-testid="confidential"/>
                    <span><strong>{t.label_confidential}</strong><small>{t.hint_confidential}</small></span>
                </label>
                <label class="check">
                    <input type="checkbox" name="publish_consent" value="true" checked=form.publish_consent.get_untracked() prop:checked=move || form.publish_consent.get()
                        on:change=move |ev| form.publish_consent.set(event_target_checked(&ev)) data-testid="publish_consent"/>
                    <span><strong>{t.label_publish_consent}</strong><small>{t.hint_publish_consent}</small></span>
                </label>
                <label class="check">
                    <input type="checkbox" name="no_progress_sms" value="true" checked=form.no_progress_sms.get_untracked() prop:checked=move || form.no_progress_sms.get()
                        on:change=move |ev| form.no_progress_sms.set(event_target_checked(&ev)) data-testid="no_progress_sms"/>
                    <span><strong>{t.label_no_sms}</strong><small>{t.hint_no_sms}</small></span>
                </label>
            </fieldset>
            {photos_last}
            <FieldErrors field=Field::Form errors=shown_errors/>
            <Show when=move || tried.get() && !shown_errors.with(Vec::is_empty)>
                <p class="alert error" role="alert" data-testid="form-errors">{t.fix_errors}</p>
            </Show>
            <Show when=move || phase.get() == Phase::NetworkError>
                <p class="alert error" role="alert">{t.network_error}</p>
            </Show>
            <Show when=move || phase.get() == Phase::Queued>
                <p class="alert info" role="status" data-testid="report-queued">{queued.clone()}</p>
            </Show>
            <Show when=busy>
                <div class="progress" data-testid="upload-progress">
                    <progress max="100" value=move || match phase.get() { Phase::Uploading(p) => (p * 100.0).round().to_string(), _ => "100".to_string() }></progress>
                    <span>{move || match phase.get() {
                        Phase::Uploading(p) => format!("{} {}%", t.uploading, (p * 100.0).round()),
                        _ => t.processing.to_string(),
                    }}</span>
                </div>
            </Show>
            <button type="submit" class="button primary block" prop:disabled=move || busy() || phase.get() == Phase::Queued data-testid="submit">{t.submit}</button>
        </form>
        </div>
        {move || done.get().map(|case| view! { <Done case/> })}
    }
}
