//! Calendar dates as the archive writes them (`2020-11-09`): parsing,
//! ordering and the day of the week. No time zones, no clock.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Parses an ISO 8601 calendar date, `YYYY-MM-DD`, and checks that the
    /// day exists in that month.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = &text[range];
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let date = Date {
            year: digits(0..4)? as i32,
            month: digits(5..7)?,
            day: digits(8..10)?,
        };
        let valid = (1..=12).contains(&date.month)
            && date.day >= 1
            && date.day <= days_in_month(date.year, date.month);
        valid.then_some(date)
    }

    /// 0 for Monday … 6 for Sunday (Sakamoto's method).
    pub fn weekday(&self) -> usize {
        const OFFSETS: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let y = if self.month < 3 {
            self.year - 1
        } else {
            self.year
        };
        let sunday_based =
            (y + y / 4 - y / 100 + y / 400 + OFFSETS[self.month as usize - 1] + self.day as i32)
                % 7;
        ((sunday_based + 6) % 7) as usize
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_real_dates() {
        assert_eq!(
            Date::parse("2020-11-09").map(|d| d.to_string()),
            Some("2020-11-09".into())
        );
        assert!(Date::parse("2021-02-29").is_none());
        assert!(Date::parse("2020-02-29").is_some());
        assert!(Date::parse("2020-13-01").is_none());
        assert!(Date::parse("9 November 2020").is_none());
        assert!(Date::parse("2020-1-09").is_none());
    }

    #[test]
    fn knows_the_day_of_the_week() {
        // IGF 2020's second phase opened on Monday 9 November 2020.
        assert_eq!(Date::parse("2020-11-09").unwrap().weekday(), 0);
        assert_eq!(Date::parse("2021-12-10").unwrap().weekday(), 4);
        assert_eq!(Date::parse("2000-01-01").unwrap().weekday(), 5);
    }
}
