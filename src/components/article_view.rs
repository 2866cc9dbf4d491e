//! The article as a reading page: headline, byline, paragraphs.

use yew::prelude::*;

use crate::app::ArticleRef;

#[derive(Properties, PartialEq, Clone)]
pub struct ArticleViewProps {
    pub article: ArticleRef,
}

#[component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    let article = &props.article.0;
    html! {
        <article class="cm-article" aria-labelledby="cm-headline">
            <header class="cm-article-header">
                <h1 id="cm-headline" class="cm-headline">{ article.title.clone() }</h1>
                if let Some(byline) = &article.byline {
                    <p class="cm-byline">{ byline.clone() }</p>
                }
            </header>
            <div class="cm-body">
                { for article.paragraphs.iter().enumerate().map(|(i, p)| html! {
                    <p key={i} data-start={p.start.0.to_string()}>{ p.text.clone() }</p>
                }) }
            </div>
        </article>
    }
}
