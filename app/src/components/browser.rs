//! Browser-only helpers (web-sys): shrinking photos on a canvas, sending a report (through
//! `public/outbox.js`, with upload progress),
//! geolocation, the clipboard. Compiled only into the WASM bundle.
use gloo_file::ObjectUrl;
use js_sys::{Function, Promise};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, CanvasRenderingContext2d, File, FormData, HtmlCanvasElement, HtmlImageElement,
};

thread_local! {
    /// Shrunk photos waiting to be sent, by picker id. Kept outside the reactive graph because
    /// a `Blob` lives in this one browser thread.
    static PHOTOS: RefCell<HashMap<u32, Blob>> = RefCell::new(HashMap::new());
}

pub fn keep_photo(id: u32, blob: Blob) {
    PHOTOS.with(|p| p.borrow_mut().insert(id, blob));
}

pub fn drop_photo(id: u32) {
    PHOTOS.with(|p| p.borrow_mut().remove(&id));
}

pub fn photo(id: u32) -> Option<Blob> {
    PHOTOS.with(|p| p.borrow().get(&id).cloned())
}

/// Decodes a photo (the browser applies its EXIF orientation), scales it to at most `max_px`
/// on the long side and re-encodes it as JPEG: a several-MB phone photo becomes a few hundred KB.
pub async fn shrink_photo(file: &File, max_px: u32, quality: f64) -> Result<Blob, JsValue> {
    let url = ObjectUrl::from(gloo_file::Blob::from(web_sys::Blob::from(file.clone())));
    let img = HtmlImageElement::new()?;
    img.set_src(&url);
    JsFuture::from(img.decode()).await?;
    let (w, h) = (img.natural_width().max(1), img.natural_height().max(1));
    let scale = (f64::from(max_px) / f64::from(w.max(h))).min(1.0);
    let (nw, nh) = (
        ((f64::from(w) * scale).round() as u32).max(1),
        ((f64::from(h) * scale).round() as u32).max(1),
    );
    let canvas: HtmlCanvasElement = document().create_element("canvas")?.unchecked_into();
    canvas.set_width(nw);
    canvas.set_height(nh);
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d context"))?
        .unchecked_into();
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, f64::from(nw), f64::from(nh));
    ctx.draw_image_with_html_image_element_and_dw_and_dh(
        &img,
        0.0,
        0.0,
        f64::from(nw),
        f64::from(nh),
    )?;
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let callback = Closure::once_into_js(move |blob: JsValue| {
            if blob.is_null() {
                let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("encoding failed"));
            } else {
                let _ = resolve.call1(&JsValue::NULL, &blob);
            }
        });
        let _ = canvas.to_blob_with_type_and_encoder_options(
            callback.unchecked_ref(),
            "image/jpeg",
            &JsValue::from_f64(quality),
        );
    });
    Ok(JsFuture::from(promise).await?.unchecked_into())
}

/// Sends a report through `public/outbox.js`, which keeps it on the phone until the server
/// has answered and sends it under an Idempotency-Key (one ticket however often it is sent).
/// `Ok(None)`: no connection, kept to be sent when one returns; `Ok(Some)`: the server's
/// status and body. `summary` names the report in the list of those waiting.
pub async fn send_report(
    form: &FormData,
    summary: &str,
    on_progress: impl Fn(f64) + 'static,
) -> Result<Option<(u16, String)>, JsValue> {
    let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &JsValue::from_str(k));
    let outbox = get(&js_sys::global(), "minshengOutbox")?;
    let send: Function = get(&outbox, "send")?.dyn_into()?;
    let progress = Closure::<dyn Fn(f64)>::new(on_progress);
    let args = js_sys::Array::of4(form, &"web".into(), &summary.into(), progress.as_ref());
    let promise: Promise = send.apply(&outbox, &args)?.dyn_into()?;
    let answer = JsFuture::from(promise).await;
    drop(progress);
    let answer = answer?;
    if get(&answer, "queued")?.is_truthy() {
        return Ok(None);
    }
    let status = get(&answer, "status")?.as_f64().unwrap_or_default() as u16;
    Ok(Some((
        status,
        get(&answer, "body")?.as_string().unwrap_or_default(),
    )))
}

/// The device position, if the citizen allows it.
pub async fn locate() -> Result<(f64, f64), JsValue> {
    let geo = window().navigator().geolocation()?;
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let ok = Closure::once_into_js(move |pos: JsValue| {
            // Read through Reflect: web-sys marks the typed GeolocationPosition unstable.
            let get = |o: &JsValue, k: &str| {
                js_sys::Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::NULL)
            };
            let coords = get(&pos, "coords");
            let pair = js_sys::Array::of2(&get(&coords, "latitude"), &get(&coords, "longitude"));
            let _ = resolve.call1(&JsValue::NULL, &pair);
        });
        let options = web_sys::PositionOptions::new();
        options.set_enable_high_accuracy(true);
        options.set_timeout(15_000);
        let _ = geo.get_current_position_with_error_callback_and_options(
            ok.unchecked_ref(),
            Some(&reject),
            &options,
        );
    });
    let pair: js_sys::Array = JsFuture::from(promise).await?.unchecked_into();
    Ok((
        pair.get(0).as_f64().unwrap_or(f64::NAN),
        pair.get(1).as_f64().unwrap_or(f64::NAN),
    ))
}

pub async fn copy_text(text: &str) -> Result<(), JsValue> {
    JsFuture::from(window().navigator().clipboard().write_text(text))
        .await
        .map(|_| ())
}

pub fn preview_url(blob: &Blob) -> String {
    web_sys::Url::create_object_url_with_blob(blob).unwrap_or_default()
}

pub fn revoke_url(url: &str) {
    let _ = web_sys::Url::revoke_object_url(url);
}

fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

fn document() -> web_sys::Document {
    window().document().expect("a document")
}

/// After a successful report: the address bar shows `/report/done` (so reloading does not offer
/// a blank form as if nothing was sent), the page title changes and the view scrolls to the top.
pub fn show_done(title: &str, path: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(path));
    }
    if let Some(document) = window.document() {
        document.set_title(title);
    }
    window.scroll_to_with_x_and_y(0.0, 0.0);
}
