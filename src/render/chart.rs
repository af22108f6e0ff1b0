//! The geometry of a bar chart, computed here and drawn as SVG by
//! `partials/chart.html`: markup stays in the template, the arithmetic in
//! Rust where it is typed and tested.
//!
//! Bars run along the line of text, each row's label above its bars, so
//! that a chart stays legible when it shrinks to a phone's width (its
//! `viewBox` scales; nothing is wider than the page). In a right-to-left
//! language every x is mirrored: labels start and bars grow from the right.

use crate::config::Direction;
use serde::Serialize;

/// The width of the drawing, in its own units (a `viewBox`): about a
/// column of text, so that its letters print and show at about body size.
pub const WIDTH: u32 = 400;
/// Room kept after the longest bar for its number.
const VALUE_ROOM: u32 = 56;
const LABEL_HEIGHT: u32 = 20;
const BAR_HEIGHT: u32 = 14;
const BAR_GAP: u32 = 4;
const ROW_GAP: u32 = 10;
/// From a bar's end to its number.
const VALUE_GAP: u32 = 6;

/// One row of a chart's data: a label and a value per series.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub label: String,
    /// The label's language where it is not the page's.
    pub lang: Option<&'a str>,
    /// Each series' value and how it is written.
    pub values: Vec<(f64, String)>,
}

/// A chart as its template draws it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart<'a> {
    pub width: u32,
    pub height: u32,
    /// `ltr` or `rtl`: the direction of its text.
    pub dir: &'static str,
    pub rows: Vec<ChartRow<'a>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartRow<'a> {
    pub label: String,
    pub lang: Option<&'a str>,
    /// Where the label starts (its right end in a right-to-left chart).
    pub x: u32,
    pub y: u32,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    /// Which series: the template colours each its own way.
    pub series: usize,
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    /// The number written after the bar, and where it starts.
    pub value: String,
    pub value_x: u32,
    pub value_y: u32,
}

/// Lays out `rows` as horizontal bars, every series on one scale.
pub fn layout<'a>(rows: Vec<Row<'a>>, direction: Direction) -> Chart<'a> {
    let largest = (rows.iter())
        .flat_map(|r| r.values.iter().map(|(v, _)| *v))
        .fold(0.0_f64, f64::max);
    let longest = WIDTH - VALUE_ROOM;
    let rtl = direction == Direction::Rtl;
    // In a right-to-left chart a span [x, x + w) moves to the mirror side.
    let place = |x: u32, w: u32| if rtl { WIDTH - x - w } else { x };
    let mut y = 0;
    let rows = (rows.into_iter())
        .map(|row| {
            let label_y = y + LABEL_HEIGHT - 5;
            let mut bar_y = y + LABEL_HEIGHT;
            let bars = (row.values.into_iter().enumerate())
                .map(|(series, (value, text))| {
                    let width = match largest > 0.0 {
                        true => (value / largest * f64::from(longest)).round() as u32,
                        false => 0,
                    };
                    let bar = Bar {
                        series,
                        x: place(0, width),
                        y: bar_y,
                        width,
                        height: BAR_HEIGHT,
                        value: text,
                        value_x: place(width + VALUE_GAP, 0),
                        value_y: bar_y + BAR_HEIGHT - 2,
                    };
                    bar_y += BAR_HEIGHT + BAR_GAP;
                    bar
                })
                .collect();
            let row = ChartRow {
                label: row.label,
                lang: row.lang,
                x: place(0, 0),
                y: label_y,
                bars,
            };
            y = bar_y - BAR_GAP + ROW_GAP;
            row
        })
        .collect();
    Chart {
        width: WIDTH,
        height: y.max(1),
        dir: direction.attribute(),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<Row<'static>> {
        [("a", 10.0), ("b", 5.0), ("c", 0.0)]
            .into_iter()
            .map(|(label, v)| Row {
                label: label.into(),
                lang: None,
                values: vec![(v, v.to_string())],
            })
            .collect()
    }

    #[test]
    fn the_largest_value_fills_the_room_and_others_scale() {
        let chart = layout(rows(), Direction::Ltr);
        let widths: Vec<u32> = chart.rows.iter().map(|r| r.bars[0].width).collect();
        assert_eq!(widths, [WIDTH - VALUE_ROOM, (WIDTH - VALUE_ROOM) / 2, 0]);
        assert!(chart.rows.iter().all(|r| r.bars[0].x == 0 && r.x == 0));
        let last = &chart.rows[2].bars[0];
        assert!(last.y + last.height <= chart.height);
    }

    #[test]
    fn right_to_left_mirrors_bars_and_labels() {
        let ltr = layout(rows(), Direction::Ltr);
        let rtl = layout(rows(), Direction::Rtl);
        assert_eq!(rtl.dir, "rtl");
        for (l, r) in ltr.rows.iter().zip(&rtl.rows) {
            assert_eq!(r.x, WIDTH);
            let (lb, rb) = (&l.bars[0], &r.bars[0]);
            assert_eq!(rb.x + rb.width, WIDTH - lb.x);
            assert_eq!(rb.value_x, WIDTH - lb.value_x);
        }
    }

    #[test]
    fn all_zero_draws_no_bars() {
        let zero = vec![Row {
            label: "x".into(),
            lang: None,
            values: vec![(0.0, "0".into())],
        }];
        assert_eq!(layout(zero, Direction::Ltr).rows[0].bars[0].width, 0);
    }
}
