//! Component tests of opening a page's HTML (`library::parse_html`, the browser's `DOMParser`
//! into core's tree) and of the library's storage, in headless Chromium.
#![cfg(target_arch = "wasm32")]

use claimmark_core::article::Article;
use claimmark_core::library::{Placement, StoredArticle};
use claimmark_core::model::Timestamp;
use claimmark_core::open::html::extract;
use claimmark_widget::library;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn canary() -> Option<String> {
    js_sys::Reflect::get(&gloo::utils::window(), &"__cm_canary".into()).ok().and_then(|v| v.as_string())
}

#[wasm_bindgen_test]
fn hostile_html_is_parsed_inert_and_its_text_kept() {
    let html = r#"<html><head><script>window.__cm_canary = 'script'</script>
        <meta property="article:published_time" content="2021-06-30"></head>
        <body><article><h1>Fares rise 5% 🚌</h1>
        <img src="x" onerror="window.__cm_canary = 'onerror'">
        <p>Bus fares rise <a href="javascript:window.__cm_canary='link'">5%</a> in July.</p>
        <svg><script>window.__cm_canary = 'svg'</script></svg>
        </article></body></html>"#;
    let tree = library::parse_html(html).expect("Chromium parses HTML");
    let opened = extract("page.html", &tree).expect("the page has an article");
    assert_eq!(opened.article.title, "Fares rise 5% 🚌");
    assert_eq!(opened.article.body, "Bus fares rise 5% in July.");
    assert_eq!(opened.published.map(|d| d.to_string()).as_deref(), Some("2021-06-30"));
    assert_eq!(canary(), None, "nothing from the page ran");
}

#[wasm_bindgen_test]
fn a_stored_article_is_listed_found_by_its_text_and_removed() {
    let article = Article::parse("Wasm test article\n\nThe fund holds €4.5 billion 🏦.").unwrap();
    let (before, _) = library::load();
    let Placement::New(id) = before.place(&article) else { panic!("a new text gets a new id") };
    let entry = StoredArticle::new(&article, &id, None, None, Timestamp::from_millis(1));
    library::save(&entry).expect("storage works");
    let (after, unreadable) = library::load();
    let removed = library::remove(&entry).expect("it was stored");
    assert!(unreadable.is_empty());
    assert_eq!(after.place(&article), Placement::Existing(id.clone()));
    assert_eq!(after.get(&id).map(StoredArticle::article).map(|a| a.body), Some(article.body.clone()));
    assert!(library::load().0.get(&id).is_none());
    library::restore_removed(&removed).expect("undo works");
    assert!(library::load().0.get(&id).is_some());
    library::remove(&entry);
}
