//! The archive in figures: counts of a meeting's session reports (by
//! track, type and day), of what they state (takeaways, calls to action,
//! participants, women's share), of translations and of outputs and
//! messages per track. Plain numbers only; how they are drawn and labelled
//! is the render stage's job (`render/figures.rs`).
//!
//! Session reports are counted in their original language: a translation
//! repeats its original's front matter, so it adds no session.

use crate::content::{Archive, Kind, SessionMeta, SessionType};
use crate::date::Date;

/// Women's share is counted in bins of this many percentage points; the
/// last bin, 90–100, includes 100.
pub const SHARE_BIN: u32 = 10;
pub const SHARE_BINS: usize = 10;

/// One meeting's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct YearFigures {
    pub year: u16,
    /// Session reports.
    pub sessions: usize,
    /// Per track of `meeting.yaml`, in its order: a report on two tracks
    /// counts on both.
    pub by_track: Vec<TrackFigures>,
    /// Per session type that has reports, in the order of `SessionType::ALL`.
    pub by_type: Vec<(SessionType, usize)>,
    /// Per day that has reports, in date order.
    pub by_day: Vec<(Date, usize)>,
    pub with_takeaways: usize,
    pub with_calls: usize,
    pub participants: Participants,
    pub women_share: WomenShare,
    /// Per language of `site.yaml`, in its order: documents of every kind.
    pub languages: Vec<LanguageFigures>,
    pub outputs: usize,
    pub messages: usize,
}

/// What a track had in a meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackFigures {
    pub id: String,
    pub sessions: usize,
    pub participants: Participants,
    pub outputs: usize,
    pub messages: usize,
}

/// Participant counts of some reports.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Participants {
    /// Reports that state a count.
    pub stated: usize,
    pub sum: u64,
    pub median: Option<Median>,
}

/// The shares of women some reports state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WomenShare {
    pub stated: usize,
    /// Reports per bin of `SHARE_BIN` points: 0–9, 10–19, …, 90–100.
    pub bins: [usize; SHARE_BINS],
    pub median: Option<Median>,
}

/// A median, kept as twice its value so that the mean of the two middle
/// values of an even count stays exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Median {
    pub twice: u64,
}

impl std::fmt::Display for Median {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.twice % 2 {
            0 => write!(f, "{}", self.twice / 2),
            _ => write!(f, "{}.5", self.twice / 2),
        }
    }
}

/// The documents of a meeting in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct LanguageFigures {
    pub lang: String,
    /// Documents written first in it.
    pub originals: usize,
    /// Documents translated into it.
    pub translations: usize,
}

/// The median of some values, `None` when there are none.
pub fn median(mut values: Vec<u64>) -> Option<Median> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(Median {
            twice: 2 * values[n / 2],
        }),
        _ => Some(Median {
            twice: values[n / 2 - 1] + values[n / 2],
        }),
    }
}

/// The bin of a women's share in percent.
pub fn share_bin(percent: u32) -> usize {
    ((percent / SHARE_BIN) as usize).min(SHARE_BINS - 1)
}

fn participants<'s>(sessions: impl Iterator<Item = &'s SessionMeta>) -> Participants {
    let counts: Vec<u64> = sessions
        .filter_map(|s| s.participants)
        .map(u64::from)
        .collect();
    Participants {
        stated: counts.len(),
        sum: counts.iter().sum(),
        median: median(counts),
    }
}

fn women_share<'s>(sessions: impl Iterator<Item = &'s SessionMeta>) -> WomenShare {
    let mut share = WomenShare::default();
    let mut values = Vec::new();
    for percent in sessions.filter_map(|s| s.women_share) {
        share.bins[share_bin(percent)] += 1;
        values.push(u64::from(percent));
    }
    share.stated = values.len();
    share.median = median(values);
    share
}

/// The figures of the meeting of `year`; `None` if there is no such meeting.
pub fn year(archive: &Archive, year: u16) -> Option<YearFigures> {
    let meeting = archive.meeting(year)?;
    let sessions: Vec<&SessionMeta> = (archive.documents_of(year, Kind::Session))
        .filter_map(|(_, d)| d.original().meta.session())
        .collect();
    let on_track = |kind: Kind, id: &str| {
        (archive.documents_of(year, kind))
            .filter(|(_, d)| d.original().meta.tracks().iter().any(|t| t == id))
            .count()
    };
    let by_track = (meeting.tracks.keys())
        .map(|id| {
            let of_track = || sessions.iter().copied().filter(|s| s.tracks.contains(id));
            TrackFigures {
                id: id.clone(),
                sessions: of_track().count(),
                participants: participants(of_track()),
                outputs: on_track(Kind::Output, id),
                messages: on_track(Kind::Messages, id),
            }
        })
        .collect();
    let by_type = (SessionType::ALL.iter())
        .map(|&t| (t, sessions.iter().filter(|s| s.session_type == t).count()))
        .filter(|&(_, n)| n > 0)
        .collect();
    let mut days: Vec<Date> = sessions.iter().map(|s| s.date).collect();
    days.sort_unstable();
    days.dedup();
    let by_day = (days.into_iter())
        .map(|day| (day, sessions.iter().filter(|s| s.date == day).count()))
        .collect();
    let of_year = || {
        Kind::ALL
            .into_iter()
            .flat_map(|kind| archive.documents_of(year, kind))
    };
    let languages = (archive.config.languages.iter())
        .map(|l| LanguageFigures {
            lang: l.code.clone(),
            originals: of_year()
                .filter(|(_, d)| d.original().lang == l.code)
                .count(),
            translations: of_year()
                .filter(|(_, d)| d.versions[1..].iter().any(|v| v.lang == l.code))
                .count(),
        })
        .collect();
    Some(YearFigures {
        year,
        sessions: sessions.len(),
        by_track,
        by_type,
        by_day,
        with_takeaways: sessions
            .iter()
            .filter(|s| !s.key_takeaways.is_empty())
            .count(),
        with_calls: sessions
            .iter()
            .filter(|s| !s.calls_to_action.is_empty())
            .count(),
        participants: participants(sessions.iter().copied()),
        women_share: women_share(sessions.iter().copied()),
        languages,
        outputs: archive.documents_of(year, Kind::Output).count(),
        messages: archive.documents_of(year, Kind::Messages).count(),
    })
}

/// The figures of every meeting, oldest first, and of all of them at once.
#[derive(Debug, Clone, PartialEq)]
pub struct ArchiveFigures {
    pub years: Vec<YearFigures>,
    /// Per track id across years (`Archive::track_ids` order): sessions.
    pub by_track: Vec<(String, usize)>,
    /// Per session type with reports, across years.
    pub by_type: Vec<(SessionType, usize)>,
    /// Per language across years.
    pub languages: Vec<LanguageFigures>,
    pub participants: Participants,
    pub women_share: WomenShare,
}

/// The figures of the whole archive.
pub fn archive(archive: &Archive) -> ArchiveFigures {
    let years: Vec<YearFigures> = (archive.meetings.iter())
        .filter_map(|m| year(archive, m.year))
        .collect();
    let sessions = || {
        (archive.documents.iter())
            .filter(|d| d.kind == Kind::Session)
            .filter_map(|d| d.original().meta.session())
    };
    let by_track = (archive.track_ids().into_iter())
        .map(|id| {
            let n = (years.iter())
                .flat_map(|y| &y.by_track)
                .filter(|t| t.id == id)
                .map(|t| t.sessions)
                .sum();
            (id.to_string(), n)
        })
        .collect();
    let by_type = (SessionType::ALL.iter())
        .map(|&t| (t, sessions().filter(|s| s.session_type == t).count()))
        .filter(|&(_, n)| n > 0)
        .collect();
    let languages = (archive.config.languages.iter())
        .map(|l| {
            let of_language = years
                .iter()
                .flat_map(|y| &y.languages)
                .filter(|f| f.lang == l.code);
            LanguageFigures {
                lang: l.code.clone(),
                originals: of_language.clone().map(|f| f.originals).sum(),
                translations: of_language.map(|f| f.translations).sum(),
            }
        })
        .collect();
    ArchiveFigures {
        by_track,
        by_type,
        languages,
        participants: participants(sessions()),
        women_share: women_share(sessions()),
        years,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![7, 1, 3]).unwrap().to_string(), "3");
        assert_eq!(median(vec![10, 1, 4, 3]).unwrap().to_string(), "3.5");
    }

    #[test]
    fn a_share_of_100_falls_in_the_last_bin() {
        assert_eq!(share_bin(0), 0);
        assert_eq!(share_bin(9), 0);
        assert_eq!(share_bin(10), 1);
        assert_eq!(share_bin(99), 9);
        assert_eq!(share_bin(100), 9);
    }
}
