//! When each source file last changed, from the archive's git history:
//! what feeds give as an entry's `updated`. Read in one pass over the
//! history (one `git log`), not one command per file. An archive that is
//! no git repository, or a machine with no git, has no history: feeds
//! then fall back to the documents' own dates, silently.
//!
//! Not for anything that must not depend on git: the times are those of
//! commits, so the same commit gives the same output.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

/// The time of the last commit that changed each file, by its path
/// relative to the archive's root (`content/2020/sessions/ws-1.md`, as
/// `Version::source` names it), in seconds since 1970 (UTC).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeTimes(HashMap<String, i64>);

impl ChangeTimes {
    /// Reads the history of `root/content`; empty where there is none.
    pub fn read(root: &Path) -> ChangeTimes {
        let output = Command::new("git")
            .arg("-C")
            .arg(root)
            .args([
                "log",
                "--format=%x01%ct",
                "--name-only",
                "--relative",
                "-z",
                "--",
                "content",
            ])
            .output();
        match output {
            Ok(output) if output.status.success() => Self::parse(&output.stdout),
            _ => ChangeTimes::default(),
        }
    }

    /// Parses `git log --format=%x01%ct --name-only -z`: each commit's
    /// `\x01` and time, then the files it changed, each ended by a NUL.
    fn parse(log: &[u8]) -> ChangeTimes {
        let mut times: HashMap<String, i64> = HashMap::new();
        let mut commit_time = None;
        for field in log.split(|&b| b == 0) {
            let field = field.strip_prefix(b"\n").unwrap_or(field);
            if let Some(time) = field.strip_prefix(b"\x01") {
                commit_time = std::str::from_utf8(time)
                    .ok()
                    .and_then(|t| t.trim().parse().ok());
                continue;
            }
            let (Some(time), Ok(path)) = (commit_time, std::str::from_utf8(field)) else {
                continue;
            };
            if !path.is_empty() {
                let newest = times.entry(path.to_string()).or_insert(time);
                *newest = (*newest).max(time);
            }
        }
        ChangeTimes(times)
    }

    /// When the file at `source` last changed, if the history knows it.
    pub fn of(&self, source: &str) -> Option<i64> {
        self.0.get(source).copied()
    }
}

/// A time as RFC 3339 wants it in UTC: `2021-12-10T14:03:22Z`.
pub fn rfc3339(seconds: i64) -> String {
    let (days, second_of_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        second_of_day / 3600,
        second_of_day / 60 % 60,
        second_of_day % 60
    )
}

/// The calendar date of a day counted from 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_in_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_639_145_002), "2021-12-10T14:03:22Z");
        assert_eq!(rfc3339(-1), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn each_file_keeps_the_time_of_its_newest_commit() {
        let log = b"\x011700000300\0\ncontent/2020/sessions/ws-1.md\0\x011700000100\0\ncontent/2020/sessions/ws-1.md\0content/2020/meeting.yaml\0\x011700000200\0\n";
        let times = ChangeTimes::parse(log);
        assert_eq!(
            times.of("content/2020/sessions/ws-1.md"),
            Some(1_700_000_300)
        );
        assert_eq!(times.of("content/2020/meeting.yaml"), Some(1_700_000_100));
        assert_eq!(times.of("content/2021/meeting.yaml"), None);
    }

    #[test]
    fn a_folder_outside_git_has_no_history() {
        let folder = std::env::temp_dir().join(format!("igf-no-git-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let times = ChangeTimes::read(&folder);
        std::fs::remove_dir_all(&folder).unwrap();
        assert_eq!(times, ChangeTimes::default());
    }
}
