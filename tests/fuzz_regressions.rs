//! Every input with which a fuzz target (`fuzz/`) found a bug, replayed:
//! `tests/fixtures/fuzz/<target>/` holds them, and each test here asserts
//! what the target found broken. A new crash goes into its target's folder.

mod common;

use common::fixture;
use igf_archive::serve::{Request, parse_request};
use std::fs;

/// The inputs saved for `target`, by file name.
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let folder = fixture("fuzz").join(target);
    let mut found: Vec<(String, Vec<u8>)> = fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|entry| {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            (name, fs::read(entry.path()).unwrap())
        })
        .collect();
    found.sort();
    assert!(!found.is_empty(), "no inputs for {target}");
    found
}

/// An unclosed `<style>`, `<template>` or `<textarea>` in raw HTML took
/// the rest of the body with it when sanitised: every heading of the table
/// of contents must still be on the page. A scheme over 32 characters
/// was taken for a relative link: every address must be a safe one.
#[test]
fn markdown_safe_keeps_every_heading_and_only_safe_addresses() {
    for (name, bytes) in inputs("markdown_safe") {
        let text = String::from_utf8_lossy(&bytes);
        let (body, _) = igf_archive::markdown::render(&text, "doc.md", 1, true);
        let html = body.html.expect("asked for HTML").text;
        for entry in &body.toc {
            let heading = format!("<h{} id=\"{}\">", entry.level, entry.id);
            assert!(
                html.contains(&heading),
                "{name}: {heading} is gone:\n{html}"
            );
        }
        for address in html.split("href=\"").skip(1) {
            let address = &address[..address.find('"').unwrap_or(address.len())];
            let scheme = address.split([':', '/', '?', '#']).next().unwrap_or("");
            let relative = match (address.find(['/', '?', '#']), address.find(':')) {
                (_, None) => true,
                (Some(delimiter), Some(colon)) => delimiter < colon,
                (None, Some(_)) => false,
            };
            assert!(
                relative || matches!(scheme, "http" | "https" | "mailto"),
                "{name}: unsafe address {address}"
            );
        }
    }
}

/// `%+1` was decoded as a byte: a malformed request must be refused.
#[test]
fn serve_request_refuses_malformed_escapes() {
    for (name, bytes) in inputs("serve_request") {
        let request = parse_request(&bytes);
        assert!(matches!(request, Request::Bad(_)), "{name}: {request:?}");
    }
}

/// libyaml breaks lines at U+2028, which put errors past the file's end:
/// a problem's line must be one the file has.
#[test]
fn site_config_problems_point_at_lines_of_the_file() {
    for (name, bytes) in inputs("site_config") {
        let text = String::from_utf8_lossy(&bytes);
        let lines = text.lines().count().max(1);
        if let Err(problems) = igf_archive::config::parse(&text) {
            for problem in problems {
                assert!(
                    problem.line <= lines,
                    "{name}: line {} of {lines}",
                    problem.line
                );
            }
        }
    }
}
