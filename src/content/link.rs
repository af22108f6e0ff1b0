//! Resolving links between documents (`@/2020/sessions/ws-1.md`): where
//! each leads, for the render stage to write its address, and, for every
//! document, which documents cite it.

use super::{Archive, LinkTarget};
use crate::diagnostics::Diagnostic;

/// How many broken links get a "did you mean": each is compared with every
/// document's path, so their number bounds the work on a broken archive.
const SUGGESTED_LINKS: usize = 20;

pub fn link(mut archive: Archive) -> (Archive, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut citations: Vec<(usize, usize)> = Vec::new();
    let mut link_paths: Vec<String> = Vec::new();
    let mut all_targets: Vec<Vec<Vec<Option<LinkTarget>>>> = Vec::new();
    for (source_index, document) in archive.documents.iter().enumerate() {
        let mut targets_of_versions = Vec::with_capacity(document.versions.len());
        for version in &document.versions {
            let mut targets = Vec::with_capacity(version.body.links.len());
            for link in &version.body.links {
                let resolved = archive.resolve(&link.target);
                targets.push(resolved.as_ref().map(|(index, named)| LinkTarget {
                    index: *index,
                    lang: named.clone().unwrap_or_else(|| {
                        archive.documents[*index]
                            .version_for(&version.lang)
                            .lang
                            .clone()
                    }),
                }));
                match resolved {
                    Some((target, _)) if target != source_index => {
                        citations.push((target, source_index))
                    }
                    Some(_) => {}
                    None => {
                        let file = link.target.split('#').next().unwrap_or(&link.target);
                        let mut d = Diagnostic::error(
                            &version.source,
                            link.at,
                            format!(
                                "link to a missing document: content/{}",
                                crate::text::truncate(file, 120)
                            ),
                        )
                        .expected("the path of an existing file under content/, e.g. @/2020/sessions/ws-123.md");
                        if diagnostics.len() < SUGGESTED_LINKS {
                            if link_paths.is_empty() {
                                link_paths =
                                    archive.documents.iter().map(|d| d.link_path()).collect();
                            }
                            let candidates: Vec<&str> =
                                link_paths.iter().map(String::as_str).collect();
                            if let Some(s) = crate::yaml::did_you_mean(file, &candidates) {
                                d = d.hint(format!("did you mean `@/{s}`?"));
                            }
                        }
                        diagnostics.push(d);
                    }
                }
            }
            targets_of_versions.push(targets);
        }
        all_targets.push(targets_of_versions);
    }
    for (document, targets) in archive.documents.iter_mut().zip(all_targets) {
        for (version, targets) in document.versions.iter_mut().zip(targets) {
            version.link_targets = targets;
        }
    }
    citations.sort_unstable();
    citations.dedup();
    for (target, source) in citations {
        archive.documents[target].cited_by.push(source);
    }
    (archive, diagnostics)
}
