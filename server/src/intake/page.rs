//! `POST /report`: the report form sent as a plain HTML post (no JavaScript, or WASM that did
//! not load): the same intake as `POST /api/v1/reports` (`receive`), answered with the report
//! page itself. Taken: the ticket number and query code, shown once (a reload posts again under
//! the form's Idempotency-Key and answers the same ticket). Refused: the form filled in as sent,
//! with every problem in the citizen's language, and the status the API would give.
use super::{receive, Answer};
use crate::listener::BodyDeadline;
use crate::ServerState;
use app::api::report_answers::{FormPost, Refill};
use app::model::Field;
use app::services::intake::Channel;
use axum::extract::{ConnectInfo, FromRequest, Multipart, Request, State};
use axum::http::header::{CACHE_CONTROL, RETRY_AFTER};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::Extension;
use std::net::SocketAddr;

pub async fn submit_page(
    State(state): State<ServerState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    deadline: Option<Extension<BodyDeadline>>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let head = parts.clone();
    let multipart = Multipart::from_request(Request::from_parts(parts, body), &state).await;
    let (answer, read) = receive(
        &state,
        peer,
        deadline,
        &head.headers,
        multipart,
        Some(Channel::Web),
    )
    .await;
    let retry_after = answer.retry_after();
    let (status, post) = match answer {
        Answer::Created { created, .. } => (StatusCode::OK, FormPost::Created(created)),
        Answer::Refused { status, errors } => {
            let photos_sent = read.draft.photo_count.max(read.uploads.len());
            let photo_problem = errors.iter().any(|e| e.field == Field::Photos);
            let refill = Refill {
                photos_sent: photos_sent.max(usize::from(photo_problem)),
                draft: read.draft,
                errors,
            };
            (status, FormPost::Refused(Box::new(refill)))
        }
        Answer::Failed => {
            let problem = app::model::Problem::ServerFault;
            let refill = Refill {
                photos_sent: read.draft.photo_count,
                draft: read.draft,
                errors: vec![app::model::FieldError::new(Field::Form, problem)],
            };
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                FormPost::Refused(Box::new(refill)),
            )
        }
    };
    // The page is rendered as for a GET of the same address, with the answer in its context.
    let mut page = axum::http::Request::from_parts(head, axum::body::Body::empty());
    *page.method_mut() = Method::GET;
    let context = {
        let state = state.clone();
        move || {
            crate::page_context(&state)();
            leptos::prelude::provide_context(post.clone());
        }
    };
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_to_stream_with_context(context, move || {
        app::shell(options.clone())
    });
    let mut response = render(page).await;
    *response.status_mut() = status;
    // A ticket's query code is shown once: never kept by a cache.
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(value) = retry_after {
        headers.insert(RETRY_AFTER, value);
    }
    response
}
