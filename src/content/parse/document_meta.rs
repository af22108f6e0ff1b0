//! A document's front matter into its `Meta`, as its kind has it: a
//! session report's, a track's IGF Messages', a BPF or Policy Network
//! output's.

use super::fields::{date_field, non_empty, string_list, track_list, url_field};
use crate::content::{Kind, MessagesMeta, Meta, OutputMeta, OutputType, SessionMeta, SessionType};
use crate::diagnostics::Diagnostic;
use crate::yaml::Fields;

pub const SESSION_FIELDS: &[&str] = &[
    "code",
    "title",
    "type",
    "tracks",
    "date",
    "key_takeaways",
    "calls_to_action",
    "participants",
    "room",
    "organizers",
    "moderator",
    "rapporteur",
    "speakers",
    "women_share",
    "video",
    "transcript",
];
pub const MESSAGES_FIELDS: &[&str] = &["track", "title"];
pub const OUTPUT_FIELDS: &[&str] = &["title", "type", "tracks"];

/// The fields a document of `kind` may have; `Fields::finish` reports the
/// others.
pub(super) fn known_fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Session => SESSION_FIELDS,
        Kind::Messages => MESSAGES_FIELDS,
        Kind::Output => OUTPUT_FIELDS,
    }
}

/// The metadata of a document of `kind`, from its front matter; `None`
/// when a field is missing or wrong (the diagnostics say which).
pub(super) fn document_meta(kind: Kind, fields: &mut Fields) -> Option<Meta> {
    match kind {
        Kind::Session => session_meta(fields).map(Meta::Session),
        Kind::Messages => messages_meta(fields).map(Meta::Messages),
        Kind::Output => output_meta(fields).map(Meta::Output),
    }
}

fn session_meta(f: &mut Fields) -> Option<SessionMeta> {
    let code = f.required::<String>(
        "code",
        "the session's code on the schedule, e.g. \"WS #123\"",
    );
    let title = f.required::<String>("title", "the session's title as a string");
    let session_type = f.required::<String>(
        "type",
        &format!("one of: {}", SessionType::NAMES.join(", ")),
    );
    let tracks = track_list(f, "tracks");
    let date = date_field(f, "date");
    let key_takeaways = string_list(f, "key_takeaways", true);
    let calls_to_action = string_list(f, "calls_to_action", false);
    let participants = f.optional::<u32>("participants", "a whole number of participants");
    let room = f.optional::<String>("room", "a string");
    let organizers = f
        .optional::<Vec<String>>("organizers", "a list of strings")
        .unwrap_or_default();
    let moderator = f.optional::<String>("moderator", "a string");
    let rapporteur = f.optional::<String>("rapporteur", "a string");
    let speakers = f
        .optional::<Vec<String>>("speakers", "a list of strings")
        .unwrap_or_default();
    let women_share = f.optional::<u32>("women_share", "a whole percentage from 0 to 100");
    let video = url_field(f, "video");
    let transcript = url_field(f, "transcript");

    check_session_type(f, session_type.as_deref());
    check_women_share(f, women_share);
    Some(SessionMeta {
        code: non_empty(f, "code", code?)?,
        title: non_empty(f, "title", title?)?,
        session_type: SessionType::from_name(&session_type?)?,
        tracks: tracks?,
        date: date?,
        key_takeaways: key_takeaways?,
        calls_to_action: calls_to_action.unwrap_or_default(),
        participants,
        room,
        organizers,
        moderator,
        rapporteur,
        speakers,
        women_share: women_share.filter(|s| *s <= 100),
        video: video?,
        transcript: transcript?,
    })
}

/// An error for a session type that is not one of `SessionType::NAMES`.
fn check_session_type(f: &mut Fields, session_type: Option<&str>) {
    if let Some(t) = session_type
        && SessionType::from_name(t).is_none()
    {
        let message = if t.trim().is_empty() {
            "`type` is empty".to_string()
        } else {
            format!("unknown session type `{t}`")
        };
        let mut d = Diagnostic::error(f.path(), f.position("type"), message)
            .field("type")
            .expected(format!("one of: {}", SessionType::NAMES.join(", ")));
        if let Some(s) = crate::yaml::did_you_mean(t, SessionType::NAMES) {
            d = d.hint(format!("did you mean `{s}`?"));
        }
        f.diagnostics.push(d);
    }
}

/// An error for a share of women over 100%.
fn check_women_share(f: &mut Fields, women_share: Option<u32>) {
    if let Some(share) = women_share
        && share > 100
    {
        f.diagnostics.push(
            Diagnostic::error(
                f.path(),
                f.position("women_share"),
                format!("`women_share` is {share}, more than 100%"),
            )
            .field("women_share")
            .expected("a whole percentage from 0 to 100"),
        );
    }
}

fn messages_meta(f: &mut Fields) -> Option<MessagesMeta> {
    let track = f.required::<String>("track", "the id of one track of this year's meeting.yaml");
    let title = f.required::<String>("title", "a string");
    Some(MessagesMeta {
        track: track?,
        title: non_empty(f, "title", title?)?,
    })
}

fn output_meta(f: &mut Fields) -> Option<OutputMeta> {
    let title = f.required::<String>("title", "a string");
    let output_type =
        f.required::<String>("type", &format!("one of: {}", OutputType::NAMES.join(", ")));
    let tracks = track_list(f, "tracks");
    if let Some(t) = &output_type
        && OutputType::from_name(t).is_none()
    {
        let mut d = Diagnostic::error(
            f.path(),
            f.position("type"),
            format!("unknown output type `{t}`"),
        )
        .field("type")
        .expected(format!("one of: {}", OutputType::NAMES.join(", ")));
        if let Some(s) = crate::yaml::did_you_mean(t, OutputType::NAMES) {
            d = d.hint(format!("did you mean `{s}`?"));
        }
        f.diagnostics.push(d);
    }
    Some(OutputMeta {
        title: non_empty(f, "title", title?)?,
        output_type: OutputType::from_name(&output_type?)?,
        tracks: tracks?,
    })
}
