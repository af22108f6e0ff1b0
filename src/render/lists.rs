//! The pages that list documents — a track's, a year's takeaways, its
//! programme, its messages and outputs — have compiled twins here, as the
//! document pages do (`document.rs`): the same bytes as the built-in
//! theme's templates from the same context. Their entries are made once
//! and reused; what tera cost was the walk of its stack for each `{{ }}`
//! and each entry of each loop. A theme that overrides any of `theme::LIST_TEMPLATES`
//! has these pages rendered by tera.

use super::document::{
    Values, link, open_toc, render, truthy, url, write_footer, write_head, write_header,
};
use super::entries::{array, list, text, write_local_text};
use crate::text::escape_html_into as escape;
use serde_json::Value;

/// Writes the page `template` renders from `context`, if it is one of
/// these pages.
pub fn write(template: &str, context: &tera::Context, room: usize) -> Option<String> {
    let main: fn(&mut String, &Values) = match template {
        "track.html" => write_track,
        "takeaways.html" => write_takeaways,
        "sessions.html" => write_sessions,
        "list.html" => write_list,
        _ => return None,
    };
    let page = Values::of(context);
    let mut out = String::with_capacity(room);
    write_head(&mut out, &page, |out| {
        if template == "track.html" {
            write_track_feed(out, &page);
        }
    });
    write_header(&mut out, &page);
    out.push_str("\n<main id=\"main\" tabindex=\"-1\">\n");
    main(&mut out, &page);
    write_footer(&mut out, &page);
    Some(out)
}

/// `track.html`'s `head` block: the track's own feed.
fn write_track_feed(out: &mut String, page: &Values) {
    out.push_str("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"");
    escape(out, text(&page.get("track")["title"], "text"));
    out.push_str("\" href=\"");
    url(out, page, page.string("feed"));
    out.push_str("\">");
}

/// `{{ entry | safe }}` for each entry.
fn write_entries(out: &mut String, entries: &[Value], before_each: &str) {
    for entry in entries {
        out.push_str(before_each);
        out.push_str(entry.as_str().unwrap_or_default());
    }
}

/// `<section class="{class}" aria-labelledby="{prefix}{{ id }}">` and its
/// heading's opening, `<h2 id="{prefix}{{ id }}"`, left open for its
/// attributes.
fn open_section(out: &mut String, class: &str, prefix: &str, id: &Value) {
    out.push_str("\n<section class=\"");
    out.push_str(class);
    out.push_str("\" aria-labelledby=\"");
    out.push_str(prefix);
    render(out, id);
    out.push_str("\">\n  <h2 id=\"");
    out.push_str(prefix);
    render(out, id);
}

/// `<p>{{ t.no_documents }}</p>`.
fn write_no_documents(out: &mut String, page: &Values) {
    out.push_str("<p>");
    escape(out, text(page.t, "no_documents"));
    out.push_str("</p>");
}

/// The page's title and the line that links to its meeting.
fn write_intro(out: &mut String, page: &Values, intro: &str) {
    out.push_str("\n<h1>");
    escape(out, page.string("page_title"));
    out.push_str("</h1>\n<p class=\"intro\">");
    escape(out, intro);
    out.push(' ');
    let meeting = page.get("meeting");
    link(out, page, text(meeting, "url"), "");
    write_local_text(out, &meeting["title"]);
    out.push_str("</a></p>\n");
}

/// `track.html`'s `main` block: a track's documents, by year.
fn write_track(out: &mut String, page: &Values) {
    let track = page.get("track");
    out.push_str("\n<h1>");
    write_local_text(out, &track["title"]);
    let meeting = page.get("meeting");
    if truthy(meeting) {
        out.push_str(" · ");
        escape(out, text(meeting, "label"));
    }
    out.push_str("</h1>\n");
    let description = &track["description"];
    if truthy(description) && truthy(&description["text"]) {
        out.push_str("<p class=\"intro\">");
        write_local_text(out, description);
        out.push_str("</p>");
    }
    out.push('\n');
    let all_years = page.string("all_years_url");
    if !all_years.is_empty() {
        out.push_str("<p>");
        link(out, page, all_years, "");
        escape(out, text(page.t, "track_all_years"));
        out.push_str("</a></p>");
    }
    let one_year = truthy(page.get("year"));
    for year in array(page.get("years")) {
        open_section(out, "track-year", "year-", &year["year"]);
        if one_year {
            out.push_str("\" class=\"visually-hidden\">");
            escape(out, text(year, "label"));
        } else {
            out.push_str("\">");
            link(out, page, text(year, "url"), "");
            escape(out, text(year, "label"));
            out.push_str("</a>");
            if truthy(&year["track_title"]) {
                out.push_str(": ");
                write_local_text(out, &year["track_title"]);
            }
        }
        out.push_str("</h2>\n  ");
        let mut empty = true;
        for kind in ["messages", "outputs", "sessions"] {
            let entries = list(year, kind);
            if !entries.is_empty() {
                empty = false;
                out.push_str("\n  <h3>");
                escape(out, text(page.t, kind));
                out.push_str("</h3>");
                write_entries(out, entries, "");
                out.push_str("\n  ");
            }
            out.push_str("\n  ");
        }
        if empty {
            write_no_documents(out, page);
        }
        out.push_str("\n</section>");
    }
    out.push('\n');
}

/// `takeaways.html`'s `main` block: a year's takeaways, by track.
fn write_takeaways(out: &mut String, page: &Values) {
    write_intro(out, page, text(page.t, "takeaways_intro"));
    open_toc(out, page, "takeaways-toc");
    let tracks = array(page.get("tracks"));
    for track in tracks {
        out.push_str("<li><a href=\"#track-");
        render(out, &track["id"]);
        out.push_str("\">");
        write_local_text(out, &track["title"]);
        out.push_str("</a></li>");
    }
    out.push_str("</ul>\n</nav>");
    for track in tracks {
        open_section(out, "track-takeaways", "track-", &track["id"]);
        out.push_str("\">");
        write_local_text(out, &track["title"]);
        out.push_str("</h2>\n  ");
        let sessions = list(track, "sessions");
        if sessions.is_empty() {
            write_no_documents(out, page);
        }
        write_entries(out, sessions, "\n  ");
        out.push_str("\n</section>");
    }
    out.push('\n');
}

/// `sessions.html`'s `main` block: a year's programme, by day and type.
fn write_sessions(out: &mut String, page: &Values) {
    write_intro(out, page, text(page.t, "sessions_intro"));
    let days = array(page.get("days"));
    if days.is_empty() {
        write_no_documents(out, page);
    }
    for day in days {
        open_section(out, "day", "day-", &day["id"]);
        out.push_str("\">");
        render(out, &day["label"]);
        out.push_str("</h2>");
        for group in list(day, "types") {
            out.push_str("\n  <h3 class=\"type-heading\">");
            render(out, &group["label"]);
            out.push_str("</h3>");
            write_entries(out, list(group, "sessions"), "");
        }
        out.push_str("\n</section>");
    }
    out.push('\n');
}

/// `list.html`'s `main` block: a year's messages or outputs.
fn write_list(out: &mut String, page: &Values) {
    write_intro(out, page, page.string("intro"));
    let items = array(page.get("items"));
    if items.is_empty() {
        write_no_documents(out, page);
    }
    write_entries(out, items, "");
    out.push('\n');
}
