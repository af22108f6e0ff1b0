//! How the analysis keeps numbers small in memory: varints of 7-bit
//! groups, and a term's counts per field in one byte when it can.

use super::{FIELDS, Field};

/// A term's counts in each field, and whether it has positions, packed:
/// the body's count shifted left by three, with a bit for positions, one
/// for a title count and one for a highlights count, which follow (most
/// terms are in the body only: one byte).
pub fn pack_counts(out: &mut Vec<u8>, counts: [u32; FIELDS], positioned: bool) {
    let [title, highlights, body] = counts;
    let flags = u32::from(positioned) << 2 | u32::from(title > 0) << 1 | u32::from(highlights > 0);
    pack_varint(out, body << 3 | flags);
    for count in [title, highlights] {
        if count > 0 {
            pack_varint(out, count);
        }
    }
}

/// Reads what `pack_counts` wrote at `*at`, and moves past it.
pub fn unpack_counts(bytes: &[u8], at: &mut usize) -> ([u32; FIELDS], bool) {
    let flags = unpack_varint(bytes, at);
    let mut counts = [0, 0, flags >> 3];
    for (field, bit) in [(Field::Title, 2), (Field::Highlights, 1)] {
        if flags & bit != 0 {
            counts[field as usize] = unpack_varint(bytes, at);
        }
    }
    (counts, flags & 4 != 0)
}

/// A number in 7-bit groups, least significant first.
pub fn pack_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Reads a number `pack_varint` wrote at `*at`, and moves past it.
pub fn unpack_varint(bytes: &[u8], at: &mut usize) -> u32 {
    let mut value = 0;
    let mut shift = 0;
    while let Some(&byte) = bytes.get(*at) {
        *at += 1;
        value |= u32::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            break;
        }
        shift += 7;
    }
    value
}
