//! Component tests of the article view, in headless Chromium.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use claimmark_core::article::Article;
use claimmark_widget::components::article_view::{ArticleView, ArticleViewProps};
use claimmark_widget::state::Shared;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SEED: &str = include_str!("../../shared/seed-article.txt");

async fn render(article: Article) -> web_sys::Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    gloo::utils::body().append_child(&root).unwrap();
    let props = yew::props!(ArticleViewProps { article: Shared(Rc::new(article)) });
    yew::Renderer::<ArticleView>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    root
}

fn texts(root: &web_sys::Element, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length()).map(|i| nodes.item(i).unwrap().text_content().unwrap_or_default()).collect()
}

#[wasm_bindgen_test]
async fn seed_article_has_headline_byline_and_paragraphs() {
    let article = Article::parse(SEED).unwrap();
    let expected: Vec<String> = article.paragraphs.iter().map(|p| p.text.clone()).collect();
    let root = render(article).await;
    assert_eq!(texts(&root, "h1"), ["Evolving nature of Pak-Russia bilateral relationship"]);
    assert_eq!(texts(&root, ".cm-byline"), ["By Dr Muhammad Khan"]);
    let paragraphs = texts(&root, ".cm-body p");
    assert_eq!(paragraphs, expected);
    assert!(paragraphs.len() > 30, "only {} paragraphs", paragraphs.len());
    assert!(!paragraphs.iter().any(|p| p.starts_with("Previous article") || p.starts_with("Next article")));
}

#[wasm_bindgen_test]
async fn astral_text_is_rendered_verbatim() {
    let article = Article::parse("Emoji 😀 headline\n\nA 𝄞 paragraph with 👩‍👩‍👧 family.").unwrap();
    let root = render(article).await;
    assert_eq!(texts(&root, ".cm-body p"), ["A 𝄞 paragraph with 👩‍👩‍👧 family."]);
    // The DOM counts UTF-16 units: 𝄞 is two of them.
    let p = root.query_selector(".cm-body p").unwrap().unwrap();
    let text = p.text_content().unwrap();
    assert_eq!(claimmark_widget::dom::utf16_to_char(&text, 4), Some(claimmark_core::text::CharOffset(3)));
    assert_eq!(claimmark_widget::dom::utf16_to_char(&text, 3), None);
}

#[wasm_bindgen_test]
async fn markup_in_article_text_is_not_executed() {
    let article =
        Article::parse("<img src=x onerror=alert(1)>\n\n<script>window.__pwned = 1</script>").unwrap();
    let root = render(article).await;
    assert!(root.query_selector("img").unwrap().is_none());
    assert!(root.query_selector("script").unwrap().is_none());
    assert_eq!(texts(&root, ".cm-body p"), ["<script>window.__pwned = 1</script>"]);
}
