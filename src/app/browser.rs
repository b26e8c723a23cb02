//! The page's few conversations with the browser: localStorage, the URL fragment,
//! the clipboard, downloads and the clock. Every call tolerates a browser that says
//! no (private mode, a full quota, a denied permission): nothing here can panic.

use wasm_bindgen::{JsCast, JsValue};

use crate::i18n::Lang;
use crate::state::{LoadError, State, SET_ASIDE_KEY, STORAGE_KEY};

/// Something to tell the person about how the page started.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// The state came from a share link.
    LinkRestored,
    /// The share link was unreadable; the page started from saved work or defaults.
    LinkFailed(LoadError),
    /// Saved work was unreadable and was set aside under [`SET_ASIDE_KEY`].
    RestoreFailed(LoadError),
}

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn local_storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

/// The state to start from: a share link in the URL wins over saved work, which wins
/// over `defaults`; plus a notice when something could not be read.
pub fn initial_state(defaults: State) -> (State, Option<Notice>) {
    let mut notice = None;
    if let Some(fragment) = window().and_then(|w| w.location().hash().ok()) {
        match State::from_fragment(&fragment) {
            Some(Ok(state)) => {
                // The link has done its job: from now on the page saves as usual, and a
                // reload shows the latest edits rather than the link's snapshot.
                clear_fragment();
                return (state, Some(Notice::LinkRestored));
            }
            Some(Err(e)) => {
                clear_fragment();
                notice = Some(Notice::LinkFailed(e));
            }
            None => {}
        }
    }
    let Some(storage) = local_storage() else {
        return (defaults, notice);
    };
    let Some(text) = storage.get_item(STORAGE_KEY).ok().flatten() else {
        return (defaults, notice);
    };
    match State::from_json(&text) {
        Ok(state) => (state, notice),
        Err(e) => {
            // Set it aside rather than delete it: it may be someone's work, readable
            // by a newer version of the page.
            let _ = storage.set_item(SET_ASIDE_KEY, &text);
            let _ = storage.remove_item(STORAGE_KEY);
            (defaults, notice.or(Some(Notice::RestoreFailed(e))))
        }
    }
}

/// Save `state` for the next visit (silently skipped when storage is unavailable).
pub fn save(state: &State) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(STORAGE_KEY, &state.to_json());
    }
}

fn clear_fragment() {
    if let Some(w) = window() {
        let location = w.location();
        let url = format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        if let Ok(history) = w.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
        }
    }
}

/// Put `fragment` into the address bar (without a new history entry) and return the
/// page's full URL with it.
pub fn share_url(fragment: &str) -> Option<String> {
    let w = window()?;
    let history = w.history().ok()?;
    history
        .replace_state_with_url(&JsValue::NULL, "", Some(fragment))
        .ok()?;
    w.location().href().ok()
}

/// Copy `text` to the clipboard (best effort: the promise is not awaited).
pub fn copy_text(text: &str) {
    if let Some(w) = window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// Copy `text`, then set `done` to `true` for a moment once the browser confirms it
/// (a refused permission leaves it `false`).
pub fn copy_and_confirm(text: &str, done: leptos::prelude::RwSignal<bool>) {
    use leptos::prelude::{set_timeout, Set};
    let Some(w) = window() else {
        return;
    };
    let promise = w.navigator().clipboard().write_text(text);
    leptos::task::spawn_local(async move {
        if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
            done.set(true);
            set_timeout(
                move || done.set(false),
                std::time::Duration::from_millis(1500),
            );
        }
    });
}

/// Offer `text` as a file called `name`.
pub fn download(name: &str, mime: &str, text: &str) {
    let _ = try_download(name, mime, text);
}

fn try_download(name: &str, mime: &str, text: &str) -> Option<()> {
    let document = window()?.document()?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let anchor = document
        .create_element("a")
        .ok()?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .ok()?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Some(())
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// `at` (ms since the epoch) as local `HH:MM:SS.mmm`.
pub fn clock(at: f64) -> String {
    let d = js_sys::Date::new(&JsValue::from_f64(at));
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds(),
        d.get_milliseconds()
    )
}

/// The browser's preferred language.
pub fn preferred_lang() -> Lang {
    window()
        .and_then(|w| w.navigator().language())
        .map(|tag| Lang::from_tag(&tag))
        .unwrap_or(Lang::En)
}
