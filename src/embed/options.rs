//! The options of one embedded instance, read where they cross from the page.
//!
//! A page gives options in three places, read in this order for each option: the object passed to
//! `claimmark.mount`, a `<script type="application/json" class="claimmark-config">` child, and
//! `data-*` attributes (`articleId` → `data-article-id`). Each source is read into a
//! [`GivenOptions`] by serde, the three are merged field by field, and [`Options::from_given`]
//! checks the values. `www/claimmark.d.ts` declares the same names; a test holds the two together.
//!
//! The JS object crosses as JSON (`JSON.stringify`, then `serde_json`, which the bundle has for
//! storage anyway), except its two options that hold JS objects, `sidebar` and `storage`, which are
//! taken aside as they are. `serde-wasm-bindgen` would read the object directly, but reading these
//! options and writing the event payloads with it cost the publisher bundle 12.8 KB gzipped, most
//! of it core's float formatting, which its type errors use (measured 2026-12-04 with
//! tools/build-embed.sh, when the budget had 0.8 KB left).

use claimmark_core::model::ClaimKind;
use js_sys::{Object, Reflect};
use serde::de::value::MapDeserializer;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

use crate::state::Mode;

type JsonMap = serde_json::Map<String, serde_json::Value>;

/// Everything a publisher can set for one instance, checked.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Options {
    pub article_id: Option<String>,
    pub title: Option<String>,
    pub mode: Mode,
    /// Detected claim kinds shown; `None` shows all.
    pub kinds: Option<Vec<ClaimKind>>,
    pub namespace: Option<String>,
    pub organisation: Option<String>,
    /// A fact-check (backup or W3C export) loaded at start; in `read-only` mode it is all there is.
    pub annotations: Option<String>,
    /// Rendered mode: the article's plain text, or where to fetch it.
    pub article_text: Option<String>,
    pub article_url: Option<String>,
    /// In-place mode: which elements are paragraphs.
    pub paragraphs: String,
}

/// The options one source gives, as the page wrote them. An unknown name is an error (a typo
/// would otherwise be ignored without a word).
///
/// Every text option reads as [`Text`] does. `sidebar` is an element (JS only) or a selector, and
/// `storage` a host object with the `Storage` methods (JS only), kept as the JS value it is.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GivenOptions {
    #[serde(default)]
    pub article_id: Text,
    #[serde(default)]
    pub title: Text,
    #[serde(default)]
    pub mode: Text,
    #[serde(default)]
    pub kinds: Text,
    #[serde(default)]
    pub namespace: Text,
    #[serde(default)]
    pub organisation: Text,
    /// The American spelling of `organisation`, read after it.
    #[serde(default)]
    pub organization: Text,
    #[serde(default)]
    pub annotations: Text,
    #[serde(default)]
    pub article_text: Text,
    #[serde(default)]
    pub article_url: Text,
    #[serde(default)]
    pub paragraphs: Text,
    /// The selector, when the page gave one.
    #[serde(default)]
    pub sidebar: Selector,
    /// The element, when the page's JS gave one.
    #[serde(skip)]
    pub sidebar_element: Option<Element>,
    /// Read as the JS value it is (see [`GivenOptions::from_js`]); elsewhere only its name counts.
    #[serde(default, rename = "storage")]
    _storage: IgnoredAny,
    #[serde(skip)]
    pub storage: JsValue,
}

/// An option's value as text: a string as it is, a number or a boolean as JS formats it in an
/// attribute, an array as its strings joined with commas (`kinds: ['date', 'money']`). Null,
/// undefined and any other value read as absent, as a missing attribute does.
///
/// One type for every text option, so that serde's code for reading a field exists once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Text(pub Option<String>);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        deserializer.deserialize_any(TextVisitor { in_array: false }).map(Text)
    }
}

/// A string option that is nothing else: any other value reads as absent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selector(pub Option<String>);

impl<'de> Deserialize<'de> for Selector {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Selector, D::Error> {
        deserializer.deserialize_any(TextVisitor { in_array: true }).map(Selector)
    }
}

struct TextVisitor {
    /// Only strings count (as an array's items do).
    in_array: bool,
}

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Option<String>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok((!self.in_array).then(|| v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.visit_f64(v as f64)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.visit_f64(v as f64)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        // JS formats the number, as it would in an attribute.
        Ok((!self.in_array)
            .then(|| js_sys::Number::from(v).to_string_with_radix(10).ok().map(String::from))
            .flatten())
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        if self.in_array {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(None);
        }
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(TextVisitor { in_array: true })? {
            items.extend(item);
        }
        Ok(Some(items.join(",")))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

impl<'de> de::DeserializeSeed<'de> for TextVisitor {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// A JS value that says nothing: undefined or null.
fn is_absent(value: &JsValue) -> bool {
    value.is_undefined() || value.is_null()
}

impl GivenOptions {
    /// The JS names of the options, as serde reads them.
    pub fn names() -> &'static [&'static str] {
        struct Names(&'static [&'static str]);
        impl<'de> Deserializer<'de> for &mut Names {
            type Error = de::value::Error;
            fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
                Err(de::Error::custom("not a struct"))
            }
            fn deserialize_struct<V: Visitor<'de>>(
                self,
                _: &'static str,
                fields: &'static [&'static str],
                _: V,
            ) -> Result<V::Value, Self::Error> {
                self.0 = fields;
                Err(de::Error::custom("only the names"))
            }
            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
                option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
                ignored_any
            }
        }
        let mut names = Names(&[]);
        let _ = GivenOptions::deserialize(&mut names);
        names.0
    }

    /// Reads a JSON object's entries.
    ///
    /// # Errors
    /// An option name that is not known.
    fn from_map(map: JsonMap) -> Result<GivenOptions, String> {
        // Through serde's map reader rather than serde_json's text reader, so that the bundle has
        // no code for reading the struct from an array.
        GivenOptions::deserialize(MapDeserializer::<_, serde_json::Error>::new(map.into_iter()))
            .map_err(|e| e.to_string())
    }

    /// Reads a JS object (`undefined` and `null` give nothing).
    ///
    /// # Errors
    /// A sentence naming the option that is not known, or a value that is not an object.
    pub fn from_js(value: &JsValue) -> Result<GivenOptions, String> {
        if is_absent(value) {
            return Ok(GivenOptions::default());
        }
        if !value.is_object() {
            return Err("give an object".to_owned());
        }
        // A shallow copy without the values that stay JS objects: an element of a page's framework
        // may link back to itself, which JSON.stringify refuses.
        let copy = Object::assign(&Object::new(), value.unchecked_ref());
        let take = |name: &str| {
            let value = Reflect::get(&copy, &name.into()).unwrap_or_default();
            let _ = Reflect::delete_property(&copy, &name.into());
            value
        };
        let (sidebar, storage) = (take("sidebar"), take("storage"));
        let sidebar_element = sidebar.dyn_ref::<Element>().cloned();
        if sidebar_element.is_none() && !is_absent(&sidebar) {
            let _ = Reflect::set(&copy, &"sidebar".into(), &sidebar);
        }
        if !is_absent(&storage) {
            let _ = Reflect::set(&copy, &"storage".into(), &JsValue::TRUE);
        }
        let json = js_sys::JSON::stringify(&copy)
            .map_err(|e| crate::browser::js_error_text(&e))?
            .as_string()
            .unwrap_or_default();
        let map = match serde_json::from_str(&json) {
            Ok(serde_json::Value::Object(map)) => map,
            _ => return Err("give an object".to_owned()),
        };
        let mut given = GivenOptions::from_map(map)?;
        given.sidebar_element = sidebar_element;
        given.storage = storage;
        Ok(given)
    }

    /// Reads text options from `get(name)` for each option name.
    fn from_text(get: impl Fn(&str) -> Option<String>) -> GivenOptions {
        let mut map = JsonMap::new();
        for name in GivenOptions::names() {
            if let Some(value) = get(name) {
                map.insert(name.to_string(), value.into());
            }
        }
        // Every name is one serde knows and every value a string, which it reads.
        GivenOptions::from_map(map).unwrap_or_default()
    }

    /// Reads the `data-*` attributes of `element`, one for each option name.
    pub fn from_attributes(element: &Element) -> GivenOptions {
        GivenOptions::from_text(|name| element.get_attribute(&data_attribute(name)))
    }

    /// Each option from `self` where it gives one, else from `fallback`.
    pub fn or(self, fallback: GivenOptions) -> GivenOptions {
        GivenOptions {
            article_id: Text(self.article_id.0.or(fallback.article_id.0)),
            title: Text(self.title.0.or(fallback.title.0)),
            mode: Text(self.mode.0.or(fallback.mode.0)),
            kinds: Text(self.kinds.0.or(fallback.kinds.0)),
            namespace: Text(self.namespace.0.or(fallback.namespace.0)),
            organisation: Text(self.organisation.0.or(fallback.organisation.0)),
            organization: Text(self.organization.0.or(fallback.organization.0)),
            annotations: Text(self.annotations.0.or(fallback.annotations.0)),
            article_text: Text(self.article_text.0.or(fallback.article_text.0)),
            article_url: Text(self.article_url.0.or(fallback.article_url.0)),
            paragraphs: Text(self.paragraphs.0.or(fallback.paragraphs.0)),
            sidebar: Selector(self.sidebar.0.or(fallback.sidebar.0)),
            sidebar_element: self.sidebar_element.or(fallback.sidebar_element),
            _storage: IgnoredAny,
            storage: if is_absent(&self.storage) { fallback.storage } else { self.storage },
        }
    }

    /// The `sidebar` option: the element, else the selector when it is not empty.
    pub fn sidebar(&self) -> Option<JsValue> {
        match (&self.sidebar_element, &self.sidebar.0) {
            (Some(element), _) => Some(element.into()),
            (None, Some(selector)) if !selector.trim().is_empty() => Some(selector.into()),
            _ => None,
        }
    }

    /// The `storage` option when it is an object.
    pub fn storage(&self) -> Option<&JsValue> {
        Some(&self.storage).filter(|v| v.is_object())
    }
}

impl Options {
    /// Checks the options a page gave. A value that is empty or only spaces counts as absent.
    ///
    /// # Errors
    /// A sentence naming the option and the value that is not valid.
    pub fn from_given(given: GivenOptions) -> Result<Options, String> {
        let given_text = |value: Text| value.0.filter(|v| !v.trim().is_empty());
        let mode = match given_text(given.mode) {
            Some(name) => Mode::parse(&name).ok_or_else(|| {
                format!("option `mode`: '{name}' is not one of factcheck, read-only, reader, classroom")
            })?,
            None => Mode::FactCheck,
        };
        let kinds = match given_text(given.kinds) {
            Some(list) => Some(
                list.split([',', ' '])
                    .filter(|k| !k.trim().is_empty())
                    .map(|k| {
                        ClaimKind::parse(k.trim()).ok_or_else(|| {
                            format!(
                                "option `kinds`: '{}' is not one of money, percent, date, quote, trend, other",
                                k.trim()
                            )
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            ),
            None => None,
        };
        Ok(Options {
            article_id: given_text(given.article_id),
            title: given_text(given.title),
            mode,
            kinds,
            namespace: given_text(given.namespace),
            organisation: given_text(given.organisation).or_else(|| given_text(given.organization)),
            annotations: given_text(given.annotations),
            article_text: given_text(given.article_text),
            article_url: given_text(given.article_url),
            paragraphs: given_text(given.paragraphs).unwrap_or_else(|| "p".to_owned()),
        })
    }

    /// Reads the text options with `get(name)`, where names are the JS option names (`articleId`).
    ///
    /// # Errors
    /// A sentence naming the option and the value that is not valid.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Options, String> {
        Options::from_given(GivenOptions::from_text(get))
    }

    /// In place unless the page gave article text or a url.
    pub fn in_place(&self) -> bool {
        self.article_text.is_none() && self.article_url.is_none()
    }

    /// The storage namespace: given, or one per mode so that a reader's notes never mix with a
    /// newsroom's work.
    pub fn namespace(&self) -> String {
        self.namespace.clone().unwrap_or_else(|| format!("claimmark-{}", self.mode.as_str()))
    }
}

/// `articleId` → `data-article-id`.
fn data_attribute(name: &str) -> String {
    let mut out = String::from("data-");
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('-');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// What the page gave for `element`: the JS object first, then the config block, then the
/// attributes, option by option.
///
/// # Errors
/// A config block that is not JSON, or an option name that is not known, named with its source.
pub fn given_for(element: &Element, js: &JsValue) -> Result<GivenOptions, String> {
    let from_js = GivenOptions::from_js(js).map_err(|e| format!("mount options: {e}"))?;
    let from_config = match element.query_selector("script.claimmark-config").ok().flatten() {
        Some(script) => {
            let text = script.text_content().unwrap_or_default();
            // As before options were typed: a block that is JSON but not an object gives nothing.
            match serde_json::from_str(&text) {
                Ok(serde_json::Value::Object(map)) => {
                    GivenOptions::from_map(map).map_err(|e| format!("the claimmark-config block: {e}"))?
                }
                Ok(_) => GivenOptions::default(),
                Err(e) => return Err(format!("the claimmark-config block is not valid JSON: {e}")),
            }
        }
        None => GivenOptions::default(),
    };
    Ok(from_js.or(from_config).or(GivenOptions::from_attributes(element)))
}

/// Options for `element` (see [`given_for`]), checked.
///
/// # Errors
/// As [`given_for`] and [`Options::from_given`].
pub fn options_for(element: &Element, js: &JsValue) -> Result<Options, String> {
    Options::from_given(given_for(element, js)?)
}
