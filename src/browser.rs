//! The browser's services the widget uses, in one place: the clock, random bytes, the text of a
//! JS exception, and the page's query string.

use claimmark_core::model::Timestamp;
use wasm_bindgen::JsCast;

/// Now, as core wants it.
pub fn now() -> Timestamp {
    Timestamp::from_js_millis(js_sys::Date::now())
}

/// 16 random bytes for a new id, from the browser's CSPRNG when there is one.
pub fn random_bytes() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    let crypto = gloo::utils::window().crypto().ok();
    if crypto.and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok()).is_none() {
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes
}

/// The message of a JS exception, or its string form.
pub fn js_error_text(value: &wasm_bindgen::JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}

/// The parameters of the page's query string that the widget reads. A parameter that is missing
/// or blank is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// `?article=<path>`: the plain-text article to show instead of the seed article.
    pub article: Option<String>,
    /// `?mode=teacher` or `?mode=student`: the classroom's views.
    pub mode: Option<String>,
    /// `?exercise=<path>`: the exercise a student opens.
    pub exercise: Option<String>,
    /// `?open=<id>`: an article of the reader's library.
    pub open: Option<String>,
    /// `?view=library`: the library.
    pub view: Option<String>,
}

impl Query {
    /// The query of the page's address (`window.location.search`).
    pub fn current() -> Query {
        Query::parse(&gloo::utils::window().location().search().unwrap_or_default())
    }

    /// Reads a query string (with or without its leading `?`).
    pub fn parse(search: &str) -> Query {
        let params = web_sys::UrlSearchParams::new_with_str(search).ok();
        let get = |name: &str| {
            params.as_ref().and_then(|params| params.get(name)).filter(|value| !value.trim().is_empty())
        };
        Query {
            article: get("article"),
            mode: get("mode"),
            exercise: get("exercise"),
            open: get("open"),
            view: get("view"),
        }
    }
}
