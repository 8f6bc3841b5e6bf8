//! `/notices.atom`: the notices (公告) in force and to come as an Atom feed (RFC 4287), in the
//! reader's language, so newsrooms, WeChat bots and residents' committees can follow them.
use crate::ServerState;
use app::i18n::Locale;
use app::model::notice::NoticeLine;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

pub async fn feed(State(state): State<ServerState>, headers: HeaderMap) -> Response {
    let locale = Locale::from_headers(&headers);
    let now = chrono::Utc::now();
    match app::services::notices::public(&state.app, locale, now).await {
        Ok(lines) => match document(&state.app, &lines, locale, now) {
            Ok(xml) => (
                [
                    (header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"),
                    (header::CACHE_CONTROL, "public, max-age=60"),
                    (header::VARY, "Cookie, Accept-Language"),
                ],
                xml,
            )
                .into_response(),
            Err(e) => {
                tracing::error!(error = %e, "notices feed could not be written");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        },
        Err(e) => {
            tracing::error!(error = %e, "notices feed could not be read");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// The feed document. Each notice is an entry whose id stays the same for its life; its
/// `updated` is when it was published.
fn document(
    state: &app::services::AppState,
    lines: &[NoticeLine],
    locale: Locale,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<String, std::io::Error> {
    let n = locale.notices();
    let base = state.public_url.trim_end_matches('/');
    let page = format!("{base}{}", app::routes::Page::Notices.path());
    let updated = lines
        .iter()
        .map(|l| l.published_at)
        .max()
        .unwrap_or(now)
        .to_rfc3339();
    let title = format!("{} · {}", state.city.name.get(locale), n.title);
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    w.create_element("feed")
        .with_attributes([
            ("xmlns", "http://www.w3.org/2005/Atom"),
            ("xml:lang", locale.tag()),
        ])
        .write_inner_content(|w| {
            let text = |w: &mut Writer<Vec<u8>>, name: &str, value: &str| {
                w.create_element(name)
                    .write_text_content(BytesText::new(value))
                    .map(|_| ())
            };
            text(w, "id", &page)?;
            text(w, "title", &title)?;
            text(w, "subtitle", n.intro)?;
            text(w, "updated", &updated)?;
            w.create_element("link")
                .with_attributes([
                    ("rel", "self"),
                    ("href", &format!("{base}{}", app::routes::NOTICES_FEED)),
                ])
                .write_empty()?;
            w.create_element("link")
                .with_attributes([("rel", "alternate"), ("type", "text/html"), ("href", &page)])
                .write_empty()?;
            w.create_element("author")
                .write_inner_content(|w| text(w, "name", locale.open311().contact))?;
            for line in lines {
                let anchor = format!("{page}#notice-{}", line.id);
                w.create_element("entry").write_inner_content(|w| {
                    text(w, "id", &anchor)?;
                    text(w, "title", &line.headline)?;
                    text(w, "published", &line.published_at.to_rfc3339())?;
                    text(w, "updated", &line.published_at.to_rfc3339())?;
                    w.create_element("link")
                        .with_attributes([("rel", "alternate"), ("href", anchor.as_str())])
                        .write_empty()?;
                    w.create_element("category")
                        .with_attributes([("term", line.kind.code()), ("label", n.kind(line.kind))])
                        .write_empty()?;
                    let categories = if line.categories.is_empty() {
                        n.every_category.to_string()
                    } else {
                        line.categories.clone()
                    };
                    text(w, "summary", &format!("{} ({categories})", line.text))?;
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    String::from_utf8(w.into_inner()).map_err(std::io::Error::other)
}
