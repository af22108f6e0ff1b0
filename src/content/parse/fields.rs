//! Front-matter fields of the shapes documents and meetings share:
//! non-empty text, lists of tracks or of strings, dates and web addresses.
//! Each reports what is wrong with its field into the `Fields`' diagnostics
//! and gives `None`.

use crate::date::Date;
use crate::diagnostics::Diagnostic;
use crate::yaml::Fields;

/// `value`, unless it is blank (an error).
pub(super) fn non_empty(f: &mut Fields, key: &str, value: String) -> Option<String> {
    if value.trim().is_empty() {
        f.diagnostics.push(
            Diagnostic::error(f.path(), f.position(key), format!("`{key}` is empty"))
                .field(key)
                .expected("some text"),
        );
        return None;
    }
    Some(value)
}

/// `value`, unless its text (or its text in a language) is blank: an
/// error, as `new meeting` leaves fields for `check` to name.
pub(super) fn non_empty_text(
    f: &mut Fields,
    key: &str,
    value: Option<crate::config::Localized>,
) -> Option<crate::config::Localized> {
    use crate::config::Localized;
    let blank = match value.as_ref()? {
        Localized::Plain(text) => text.trim().is_empty().then(String::new),
        Localized::ByLanguage(texts) => (texts.iter())
            .find(|(_, text)| text.trim().is_empty())
            .map(|(lang, _)| format!(" in `{lang}`")),
    };
    if let Some(language) = blank {
        f.diagnostics.push(
            Diagnostic::error(
                f.path(),
                f.position(key),
                format!("`{key}` is empty{language}"),
            )
            .field(key)
            .expected("some text"),
        );
        return None;
    }
    value
}

/// A list of strings; `tracks: data` (one string) is accepted as a list of one.
pub(super) fn track_list(f: &mut Fields, key: &str) -> Option<Vec<String>> {
    let expected = "a list of track ids from this year's meeting.yaml, e.g. [data, trust]";
    let value = match f.take(key) {
        Some(serde_yaml::Value::String(one)) => return Some(vec![one]),
        Some(value) => value,
        None => return f.required(key, expected),
    };
    let list: Vec<String> = convert(f, key, value, expected)?;
    if list.is_empty() {
        f.diagnostics.push(
            Diagnostic::error(f.path(), f.position(key), format!("`{key}` is empty"))
                .field(key)
                .expected(expected),
        );
        return None;
    }
    Some(list)
}

/// A list of strings, one item per line; `required` makes a missing or
/// empty list an error.
pub(super) fn string_list(f: &mut Fields, key: &str, required: bool) -> Option<Vec<String>> {
    let expected = "a list of strings, one item per line starting with `- `";
    let value = match f.take(key) {
        Some(value) => value,
        None if required => return f.required(key, expected),
        None => return None,
    };
    if let serde_yaml::Value::String(_) = value {
        f.diagnostics.push(
            Diagnostic::error(
                f.path(),
                f.position(key),
                format!("`{key}` is a single string, not a list"),
            )
            .field(key)
            .expected(expected)
            .hint(format!(
                "write each item on its own line:\n{key}:\n  - \"First item\""
            )),
        );
        return None;
    }
    let list: Vec<String> = convert(f, key, value, expected)?;
    if required && list.is_empty() {
        f.diagnostics.push(
            Diagnostic::error(f.path(), f.position(key), format!("`{key}` is empty"))
                .field(key)
                .expected("at least one item"),
        );
        return None;
    }
    for (i, item) in list.iter().enumerate() {
        if item.trim().is_empty() {
            f.diagnostics.push(
                Diagnostic::error(
                    f.path(),
                    f.position(&format!("{key}.{i}")),
                    format!("item {} of `{key}` is empty", i + 1),
                )
                .field(key)
                .expected("some text"),
            );
        }
    }
    Some(list)
}

/// `value` as a `T`, or an error naming what it is instead.
fn convert<T: serde::de::DeserializeOwned>(
    f: &mut Fields,
    key: &str,
    value: serde_yaml::Value,
    expected: &str,
) -> Option<T> {
    let found = crate::yaml::describe(&value);
    match serde_yaml::from_value(value) {
        Ok(v) => Some(v),
        Err(_) => {
            f.diagnostics.push(
                Diagnostic::error(
                    f.path(),
                    f.position(key),
                    format!("`{key}` has the wrong type: found {found}"),
                )
                .field(key)
                .expected(expected),
            );
            None
        }
    }
}

/// A required ISO date (`YYYY-MM-DD`).
pub(super) fn date_field(f: &mut Fields, key: &str) -> Option<Date> {
    let text = f.required::<serde_yaml::Value>(key, "an ISO date such as 2020-11-09")?;
    let as_text = match &text {
        serde_yaml::Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    };
    let date = Date::parse(as_text.trim());
    if date.is_none() {
        let full = f.full_key(key);
        f.diagnostics.push(
            Diagnostic::error(
                f.path(),
                f.position(key),
                format!("`{as_text}` is not a date"),
            )
            .field(full)
            .expected("an ISO date, YYYY-MM-DD, such as 2020-11-09")
            .hint("write the year, month and day with hyphens: 2020-11-09"),
        );
    }
    date
}

/// A link from front matter: only web addresses, never `javascript:`.
pub(super) fn url_field(f: &mut Fields, key: &str) -> Option<Option<String>> {
    let Some(url) = f.optional::<String>(key, "a web address starting with https://") else {
        return Some(None);
    };
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return Some(Some(url.trim().to_string()));
    }
    f.diagnostics.push(
        Diagnostic::error(
            f.path(),
            f.position(key),
            format!("`{key}` is not a web address"),
        )
        .field(key)
        .expected("a web address starting with https:// or http://"),
    );
    None
}
