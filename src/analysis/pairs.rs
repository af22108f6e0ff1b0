//! The filter of a document's word pairs, for phrase queries: a Bloom
//! filter of the pairs of terms that follow each other in it, hashed as
//! `search.js` hashes them (word positions would be five times larger).

/// Bloom filters: bits per word pair and hash functions (about 9% false
/// positives for one pair, 1% for a three-word phrase).
const BLOOM_BITS_PER_PAIR: usize = 5;
pub const BLOOM_HASHES: u32 = 3;

/// A Bloom filter of `count` distinct word pairs, given as their two
/// hashes, base64.
pub(super) fn bloom_filter(count: usize, pairs: impl Iterator<Item = (u32, u32)>) -> String {
    use base64::Engine as _;
    let bytes = (count * BLOOM_BITS_PER_PAIR).div_ceil(8).max(8);
    let mut filter = vec![0u8; bytes];
    let bits = (bytes * 8) as u32;
    for (h1, h2) in pairs {
        for bit in bits_of(h1, h2, bits) {
            filter[(bit / 8) as usize] |= 1 << (bit % 8);
        }
    }
    base64::engine::general_purpose::STANDARD.encode(filter)
}

/// FNV-1a over UTF-16 code units, as `search.js` computes it.
pub fn fnv(text: &str) -> u32 {
    let mut hash: u32 = 2_166_136_261;
    for unit in text.encode_utf16() {
        hash ^= u32::from(unit);
        hash = hash.wrapping_mul(16_777_619);
    }
    hash
}

/// MurmurHash3's finaliser: every input bit moves every output bit.
fn mix(mut h: u32) -> u32 {
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^ (h >> 16)
}

/// The two hashes of a word pair (for double hashing), from the words'
/// own hashes; the order of the words matters.
pub(super) fn pair_hashes(first: u32, second: u32) -> (u32, u32) {
    let h1 = mix(first.wrapping_mul(0x9e37_79b1) ^ second);
    let h2 = mix(h1 ^ 0x27d4_eb2f) | 1;
    (h1, h2)
}

fn bits_of(h1: u32, h2: u32, bits: u32) -> impl Iterator<Item = u32> {
    (0..BLOOM_HASHES).map(move |i| h1.wrapping_add(i.wrapping_mul(h2)) % bits)
}

/// The bit positions the pair of terms `first`, `second` sets in a filter
/// of `bits` bits.
pub fn pair_bits(first: &str, second: &str, bits: u32) -> impl Iterator<Item = u32> {
    let (h1, h2) = pair_hashes(fnv(first), fnv(second));
    bits_of(h1, h2, bits)
}
