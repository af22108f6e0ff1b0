//! Code blocks highlighted as CSS classes by syntect, so that the theme's
//! stylesheet colours them and dark mode can too.

use std::sync::OnceLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// syntect's built-in syntax definitions: loaded on first use (it takes
/// tens of milliseconds), then only read, by every render of the process.
static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();

/// A code block's HTML: highlighted as CSS classes when its language is
/// known to syntect, else escaped.
pub(super) fn highlight(code: &str, lang: &str) -> String {
    let escaped_lang = lang
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '+')
        .collect::<String>();
    let mut html = format!("<pre class=\"code\" data-lang=\"{escaped_lang}\"><code>");
    let highlighted = (!escaped_lang.is_empty())
        .then(|| {
            let syntaxes = SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines);
            let syntax = syntaxes.find_syntax_by_token(&escaped_lang)?;
            let mut generator = ClassedHTMLGenerator::new_with_class_style(
                syntax,
                syntaxes,
                ClassStyle::SpacedPrefixed { prefix: "hl-" },
            );
            for line in LinesWithEndings::from(code) {
                generator
                    .parse_html_for_line_which_includes_newline(line)
                    .ok()?;
            }
            Some(generator.finalize())
        })
        .flatten();
    match highlighted {
        Some(spans) => html.push_str(&spans),
        None => pulldown_cmark::html::push_html(
            &mut html,
            std::iter::once(pulldown_cmark::Event::Text(code.into())),
        ),
    }
    html.push_str("</code></pre>\n");
    html
}
