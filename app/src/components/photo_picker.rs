//! Photo picker: camera or gallery, previews, remove before sending. Each photo is shrunk in
//! the browser (≤ 2048 px, JPEG) as soon as it is picked.
use crate::i18n::use_texts;
use crate::model::report::MAX_PHOTOS;
use leptos::prelude::*;

/// Long side of a photo after shrinking in the browser.
pub const BROWSER_MAX_PX: u32 = 2048;
/// JPEG quality of the browser's re-encoding.
pub const BROWSER_JPEG_QUALITY: f64 = 0.85;

/// A picked photo: its id (the shrunk blob is kept by `components::browser`) and a preview URL.
#[derive(Clone, Debug, PartialEq)]
pub struct PhotoItem {
    pub id: u32,
    pub preview_url: String,
}

#[component]
pub fn PhotoPicker(
    photos: RwSignal<Vec<PhotoItem>>,
    /// How many photos are still being shrunk.
    preparing: RwSignal<usize>,
) -> impl IntoView {
    let t = use_texts();
    let full = move || photos.with(Vec::len) + preparing.get() >= MAX_PHOTOS;
    // Until the island runs, the file input is the browser's own, visible: without WASM the
    // form is a plain post and the input (`photos`) is what carries the chosen files and shows
    // how many there are. Once the island runs, the previews show them instead.
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));

    #[cfg(feature = "hydrate")]
    let on_change = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(list) = input.files() else { return };
        let room =
            MAX_PHOTOS.saturating_sub(photos.with_untracked(Vec::len) + preparing.get_untracked());
        let files: Vec<web_sys::File> = (0..list.length())
            .filter_map(|i| list.get(i))
            .take(room)
            .collect();
        input.set_value("");
        for file in files {
            preparing.update(|n| *n += 1);
            leptos::task::spawn_local(async move {
                let shrunk =
                    super::browser::shrink_photo(&file, BROWSER_MAX_PX, BROWSER_JPEG_QUALITY).await;
                // A file the browser cannot decode is sent as is: the server names the problem.
                let blob = shrunk.unwrap_or_else(|_| file.clone().unchecked_into());
                let id = next_id();
                let preview_url = super::browser::preview_url(&blob);
                super::browser::keep_photo(id, blob);
                photos.update(|p| p.push(PhotoItem { id, preview_url }));
                preparing.update(|n| *n -= 1);
            });
        }
    };
    #[cfg(not(feature = "hydrate"))]
    let on_change = move |_: leptos::ev::Event| {};

    let remove = move |id: u32| {
        photos.update(|p| {
            if let Some(i) = p.iter().position(|x| x.id == id) {
                let _item = p.remove(i);
                #[cfg(feature = "hydrate")]
                {
                    super::browser::revoke_url(&_item.preview_url);
                    super::browser::drop_photo(id);
                }
            }
        });
    };

    view! {
        <div class="photo-picker">
            <ul class="thumbs editable" data-testid="photo-previews">
                <For each=move || photos.get() key=|p| p.id let:item>
                    <li>
                        <img src=item.preview_url.clone() alt="" width="96" height="96"/>
                        <button type="button" class="remove" on:click=move |_| remove(item.id) data-testid="photo-remove">
                            {t.remove}
                        </button>
                    </li>
                </For>
            </ul>
            <Show when=move || { preparing.get() > 0 }>
                <p class="muted" data-testid="photos-preparing">{t.preparing_photos}</p>
            </Show>
            <label class="button add-photo" class:disabled=full>
                {t.add_photo}
                <input type="file" name="photos" accept="image/*" capture="environment" multiple
                    class:visually-hidden=live prop:disabled=full on:change=on_change data-testid="photo-input"/>
            </label>
            <p class="hint">{crate::i18n::use_locale().hints().photos()}</p>
        </div>
    }
}

#[cfg(feature = "hydrate")]
fn next_id() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
