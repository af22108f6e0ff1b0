//! The bytes of a ZIM file (openZIM's format, version 6.1, the one libzim
//! 8 writes and every Kiwix reads): entries in, one file out.
//!
//! Layout, front to back: the 80-byte header; the MIME type list; the
//! directory entries (dirents); the path pointer list; the clusters; the
//! cluster pointer list; the MD5 checksum of everything before it. Every
//! part is found through the header's pointers, so the order is ours to
//! choose: this one lets the clusters be compressed in parallel and
//! written as they come, with no content held beyond a batch of them.
//!
//! The title listings (`X/listing/titleOrdered/v0`, every entry by title,
//! which the header points into; `v1`, the front articles, which readers
//! use for suggestions and random pages) are entries in an uncompressed
//! cluster, as the format requires. Not written: a Xapian index.

use md5::{Digest as _, Md5};
use rayon::prelude::*;
use sha2::Sha256;
use std::collections::BTreeMap;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::PathBuf;

/// `ZIM\x04`, little-endian.
const MAGIC: u32 = 0x044d_495a;
const MAJOR_VERSION: u16 = 6;
/// 6.1: the namespaces C, M, W and X, and the title listings in X.
const MINOR_VERSION: u16 = 1;
const HEADER_SIZE: u64 = 80;
/// The MIME type index that marks a redirect.
const REDIRECT_MIME: u16 = 0xffff;
/// No main page, no layout page.
const NO_ENTRY: u32 = u32::MAX;
const COMPRESSION_NONE: u8 = 1;
const COMPRESSION_ZSTD: u8 = 5;
/// The cluster flag for 64-bit blob offsets.
const EXTENDED: u8 = 0x10;
/// Clusters are closed once their content reaches this size, as libzim
/// does: big enough to compress well, small enough that a reader opening
/// one page decompresses little else.
const CLUSTER_SIZE: usize = 2 << 20;
/// zstd level: 19 (libzim's) takes minutes for a large archive and saves a
/// few percent; this level keeps a ZIM within seconds of the build.
const ZSTD_LEVEL: i32 = 9;
/// How many clusters are held in memory at once, compressed in parallel.
const BATCH: usize = 32;

const LISTING_ALL: &str = "listing/titleOrdered/v0";
const LISTING_FRONT: &str = "listing/titleOrdered/v1";
const LISTING_MIME: &str = "application/octet-stream+zimlisting";

/// The namespaces of the new scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Namespace {
    /// The site's files.
    Content,
    /// Metadata: `Title`, `Language`, `Illustration_48x48@1`, …
    Metadata,
    /// Well-known entries: `mainPage`.
    WellKnown,
    /// Indexes and listings.
    Index,
}

impl Namespace {
    fn byte(self) -> u8 {
        match self {
            Namespace::Content => b'C',
            Namespace::Metadata => b'M',
            Namespace::WellKnown => b'W',
            Namespace::Index => b'X',
        }
    }
}

/// Where an entry's bytes are: read when its cluster is compressed, so
/// that a large site is never in memory at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Bytes(Vec<u8>),
    File(PathBuf),
}

impl Content {
    fn read(&self) -> io::Result<Vec<u8>> {
        match self {
            Content::Bytes(bytes) => Ok(bytes.clone()),
            Content::File(path) => std::fs::read(path)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
        }
    }

    fn len(&self) -> io::Result<u64> {
        match self {
            Content::Bytes(bytes) => Ok(bytes.len() as u64),
            Content::File(path) => Ok(std::fs::metadata(path)?.len()),
        }
    }
}

/// What an entry is: data of a MIME type, or a pointer to another entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Item {
        mime: String,
        content: Content,
        /// Worth compressing (text), or not (images, already compressed).
        compress: bool,
        /// Listed for suggestions and random pages: the site's pages.
        front_article: bool,
    },
    Redirect {
        target: (Namespace, String),
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub namespace: Namespace,
    pub path: String,
    /// Empty: the path is the title.
    pub title: String,
    pub body: Body,
}

/// What the file holds, for the build's summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub entries: usize,
    pub clusters: usize,
    pub bytes: u64,
}

/// An entry once placed: its index is its position in path order.
struct Placed {
    entry: Entry,
    mime_index: u16,
    /// (cluster, blob) for items; the target's index for redirects.
    location: Location,
}

enum Location {
    Blob { cluster: u32, blob: u32 },
    Redirect(u32),
}

/// Writes `entries` as a ZIM file to `out`, which must be empty and
/// readable (the checksum is computed over what was written). The main
/// page is `W/mainPage`, when there is one. The same entries give the same
/// bytes: the UUID is a hash of the content, not random.
pub fn write<F: Read + Write + Seek>(entries: Vec<Entry>, out: &mut F) -> io::Result<Written> {
    let mut entries = entries;
    entries.push(listing_entry(LISTING_ALL));
    if entries.iter().any(is_front_article) {
        entries.push(listing_entry(LISTING_FRONT));
    }
    entries.sort_by(|a, b| (a.namespace, &a.path).cmp(&(b.namespace, &b.path)));
    if let Some(pair) = entries
        .windows(2)
        .find(|w| (w[0].namespace, &w[0].path) == (w[1].namespace, &w[1].path))
    {
        return Err(invalid(format!(
            "two entries have the path {}",
            pair[0].path
        )));
    }
    let count = u32::try_from(entries.len()).map_err(|_| invalid("too many entries"))?;
    let by_title = title_order(&entries);
    let listings = listing_contents(&entries, &by_title);
    let mimes = mime_list(&entries);
    let (placed, clusters) = place(entries, &mimes, listings)?;

    let mime_bytes = mime_list_bytes(&mimes);
    let dirents: Vec<Vec<u8>> = placed.iter().map(dirent_bytes).collect();
    let dirents_start = HEADER_SIZE + mime_bytes.len() as u64;
    let path_pointers_start = dirents_start + dirents.iter().map(|d| d.len() as u64).sum::<u64>();
    let clusters_start = path_pointers_start + 8 * u64::from(count);

    let mut identity = Sha256::new();
    out.write_all(&[0; HEADER_SIZE as usize])?;
    let mut write_hashed = |out: &mut F, bytes: &[u8]| -> io::Result<()> {
        sha2::Digest::update(&mut identity, bytes);
        out.write_all(bytes)
    };
    write_hashed(out, &mime_bytes)?;
    let mut offset = dirents_start;
    let mut pointers = Vec::with_capacity(dirents.len() * 8);
    for dirent in &dirents {
        pointers.extend_from_slice(&offset.to_le_bytes());
        offset += dirent.len() as u64;
    }
    write_hashed(out, &dirents.concat())?;
    write_hashed(out, &pointers)?;
    drop(dirents);

    let mut cluster_offsets = Vec::with_capacity(clusters.len());
    let mut title_listing_position = None;
    let mut position = clusters_start;
    for batch in clusters.chunks(BATCH) {
        let encoded: Vec<io::Result<EncodedCluster>> =
            batch.par_iter().map(|c| encode(c, &placed)).collect();
        for (cluster, encoded) in batch.iter().zip(encoded) {
            let encoded = encoded?;
            if let Some(blob) = cluster.listing_blob {
                title_listing_position = Some(position + 1 + encoded.blob_offsets[blob]);
            }
            cluster_offsets.extend_from_slice(&position.to_le_bytes());
            position += encoded.bytes.len() as u64;
            write_hashed(out, &encoded.bytes)?;
        }
    }
    let cluster_pointers_start = position;
    write_hashed(out, &cluster_offsets)?;
    let checksum_position = cluster_pointers_start + cluster_offsets.len() as u64;

    let main_page = placed
        .iter()
        .position(|p| p.entry.namespace == Namespace::WellKnown && p.entry.path == "mainPage")
        .map_or(NO_ENTRY, |i| i as u32);
    let header = Header {
        uuid: uuid(identity.finalize().as_slice()),
        entries: count,
        clusters: clusters.len() as u32,
        path_pointers: path_pointers_start,
        title_pointers: title_listing_position
            .ok_or_else(|| invalid("the title listing was not written"))?,
        cluster_pointers: cluster_pointers_start,
        main_page,
        checksum: checksum_position,
    };
    out.seek(SeekFrom::Start(0))?;
    out.write_all(&header.bytes())?;
    let digest = md5_of(out, checksum_position)?;
    out.seek(SeekFrom::Start(checksum_position))?;
    out.write_all(&digest)?;
    out.flush()?;
    Ok(Written {
        entries: placed.len(),
        clusters: clusters.len(),
        bytes: checksum_position + 16,
    })
}

fn invalid(message: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message.into())
}

fn is_front_article(entry: &Entry) -> bool {
    matches!(
        entry.body,
        Body::Item {
            front_article: true,
            ..
        }
    ) && entry.namespace == Namespace::Content
}

fn listing_entry(path: &str) -> Entry {
    Entry {
        namespace: Namespace::Index,
        path: path.into(),
        title: String::new(),
        body: Body::Item {
            mime: LISTING_MIME.into(),
            content: Content::Bytes(Vec::new()),
            compress: false,
            front_article: false,
        },
    }
}

/// Entry indexes in title order (namespace, then title or path, bytewise,
/// as libzim compares them); ties in path order, for stable bytes.
fn title_order(entries: &[Entry]) -> Vec<u32> {
    let shown = |e: &Entry| -> (u8, String) {
        let title = if e.title.is_empty() {
            &e.path
        } else {
            &e.title
        };
        (e.namespace.byte(), title.clone())
    };
    let mut order: Vec<u32> = (0..entries.len() as u32).collect();
    order.sort_by_cached_key(|&i| (shown(&entries[i as usize]), i));
    order
}

/// The bytes of the two title listings: entry indexes, 32 bits each.
fn listing_contents(entries: &[Entry], by_title: &[u32]) -> BTreeMap<String, Vec<u8>> {
    let bytes = |indexes: &mut dyn Iterator<Item = &u32>| -> Vec<u8> {
        indexes.flat_map(|i| i.to_le_bytes()).collect()
    };
    let mut listings = BTreeMap::new();
    listings.insert(LISTING_ALL.to_string(), bytes(&mut by_title.iter()));
    let mut front = by_title
        .iter()
        .filter(|&&i| is_front_article(&entries[i as usize]));
    listings.insert(LISTING_FRONT.to_string(), bytes(&mut front));
    listings
}

/// The MIME types of the items, sorted; an item's type is its position.
fn mime_list(entries: &[Entry]) -> Vec<String> {
    let mut mimes: Vec<String> = entries
        .iter()
        .filter_map(|e| match &e.body {
            Body::Item { mime, .. } => Some(mime.clone()),
            Body::Redirect { .. } => None,
        })
        .collect();
    mimes.sort();
    mimes.dedup();
    mimes
}

fn mime_list_bytes(mimes: &[String]) -> Vec<u8> {
    let mut bytes = Vec::new();
    for mime in mimes {
        bytes.extend_from_slice(mime.as_bytes());
        bytes.push(0);
    }
    bytes.push(0);
    bytes
}

/// The items of one cluster, in blob order, as indexes into the entries.
struct Cluster {
    /// Stored as it is (images, listings), not compressed.
    stored: bool,
    items: Vec<usize>,
    /// The blob of the full title listing, which the header points into.
    listing_blob: Option<usize>,
}

/// Gives every entry its MIME index and place, and groups the items into
/// clusters: compressible ones by MIME type, then path (alike content
/// compresses better together), the rest on their own.
fn place(
    entries: Vec<Entry>,
    mimes: &[String],
    mut listings: BTreeMap<String, Vec<u8>>,
) -> io::Result<(Vec<Placed>, Vec<Cluster>)> {
    let index_of = |namespace: Namespace, path: &str| {
        entries
            .binary_search_by(|e| (e.namespace, e.path.as_str()).cmp(&(namespace, path)))
            .ok()
    };
    let mut order: Vec<(bool, &str, usize, u64)> = Vec::new();
    let mut locations: Vec<Option<Location>> = Vec::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        match &entry.body {
            Body::Item {
                mime,
                compress,
                content,
                ..
            } => {
                let size = match (entry.namespace, listings.get(&entry.path)) {
                    (Namespace::Index, Some(listing)) => listing.len() as u64,
                    _ => content.len()?,
                };
                order.push((!compress, mime, index, size));
                locations.push(None);
            }
            Body::Redirect { target } => {
                let target_index = index_of(target.0, &target.1).ok_or_else(|| {
                    invalid(format!("{} redirects to a missing entry", entry.path))
                })?;
                locations.push(Some(Location::Redirect(target_index as u32)));
            }
        }
    }
    order.sort();
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut filled = 0;
    for (stored, _, index, size) in order {
        let open = clusters
            .last()
            .is_some_and(|c| c.stored == stored && filled + size as usize <= CLUSTER_SIZE);
        if !open {
            clusters.push(Cluster {
                stored,
                items: Vec::new(),
                listing_blob: None,
            });
            filled = 0;
        }
        let cluster_number = clusters.len() - 1;
        let cluster = &mut clusters[cluster_number];
        if entries[index].namespace == Namespace::Index && entries[index].path == LISTING_ALL {
            cluster.listing_blob = Some(cluster.items.len());
        }
        locations[index] = Some(Location::Blob {
            cluster: cluster_number as u32,
            blob: cluster.items.len() as u32,
        });
        cluster.items.push(index);
        filled += size as usize;
    }
    let placed = entries
        .into_iter()
        .zip(locations)
        .map(|(mut entry, location)| {
            let mime_index = match &entry.body {
                Body::Item { mime, .. } => mimes.binary_search(mime).unwrap_or(0) as u16,
                Body::Redirect { .. } => REDIRECT_MIME,
            };
            if let (Namespace::Index, Body::Item { content, .. }) =
                (entry.namespace, &mut entry.body)
                && let Some(listing) = listings.remove(&entry.path)
            {
                *content = Content::Bytes(listing);
            }
            Placed {
                entry,
                mime_index,
                location: location.unwrap_or(Location::Redirect(0)),
            }
        })
        .collect();
    Ok((placed, clusters))
}

fn dirent_bytes(placed: &Placed) -> Vec<u8> {
    let entry = &placed.entry;
    let mut bytes = Vec::with_capacity(16 + entry.path.len() + entry.title.len() + 2);
    bytes.extend_from_slice(&placed.mime_index.to_le_bytes());
    bytes.push(0); // no parameters
    bytes.push(entry.namespace.byte());
    bytes.extend_from_slice(&0u32.to_le_bytes()); // revision
    match placed.location {
        Location::Blob { cluster, blob } => {
            bytes.extend_from_slice(&cluster.to_le_bytes());
            bytes.extend_from_slice(&blob.to_le_bytes());
        }
        Location::Redirect(target) => bytes.extend_from_slice(&target.to_le_bytes()),
    }
    bytes.extend_from_slice(entry.path.as_bytes());
    bytes.push(0);
    if entry.title != entry.path {
        bytes.extend_from_slice(entry.title.as_bytes());
    }
    bytes.push(0);
    bytes
}

struct EncodedCluster {
    bytes: Vec<u8>,
    /// Each blob's offset from the start of the cluster's data.
    blob_offsets: Vec<u64>,
}

/// A cluster's bytes: its info byte, then (compressed or not) the blob
/// offsets and the blobs.
fn encode(cluster: &Cluster, placed: &[Placed]) -> io::Result<EncodedCluster> {
    let blobs = cluster
        .items
        .iter()
        .map(|&i| match &placed[i].entry.body {
            Body::Item { content, .. } => content.read(),
            Body::Redirect { .. } => Ok(Vec::new()),
        })
        .collect::<io::Result<Vec<Vec<u8>>>>()?;
    let total: u64 = blobs.iter().map(|b| b.len() as u64).sum();
    let extended = total + 4 * (blobs.len() as u64 + 1) > u64::from(u32::MAX);
    let width = if extended { 8 } else { 4 };
    let mut offsets = Vec::with_capacity(blobs.len() + 1);
    let mut at = (width * (blobs.len() + 1)) as u64;
    offsets.push(at);
    for blob in &blobs {
        at += blob.len() as u64;
        offsets.push(at);
    }
    let mut data = Vec::with_capacity(at as usize);
    for offset in &offsets {
        if extended {
            data.extend_from_slice(&offset.to_le_bytes());
        } else {
            data.extend_from_slice(&(*offset as u32).to_le_bytes());
        }
    }
    for blob in blobs {
        data.extend_from_slice(&blob);
    }
    let flag = if extended { EXTENDED } else { 0 };
    let bytes = if !cluster.stored {
        let mut bytes = vec![COMPRESSION_ZSTD | flag];
        bytes.extend(zstd::bulk::compress(&data, ZSTD_LEVEL)?);
        bytes
    } else {
        let mut bytes = vec![COMPRESSION_NONE | flag];
        bytes.extend(data);
        bytes
    };
    Ok(EncodedCluster {
        bytes,
        blob_offsets: offsets,
    })
}

struct Header {
    uuid: [u8; 16],
    entries: u32,
    clusters: u32,
    path_pointers: u64,
    title_pointers: u64,
    cluster_pointers: u64,
    main_page: u32,
    checksum: u64,
}

impl Header {
    fn bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(HEADER_SIZE as usize);
        bytes.extend_from_slice(&MAGIC.to_le_bytes());
        bytes.extend_from_slice(&MAJOR_VERSION.to_le_bytes());
        bytes.extend_from_slice(&MINOR_VERSION.to_le_bytes());
        bytes.extend_from_slice(&self.uuid);
        bytes.extend_from_slice(&self.entries.to_le_bytes());
        bytes.extend_from_slice(&self.clusters.to_le_bytes());
        bytes.extend_from_slice(&self.path_pointers.to_le_bytes());
        bytes.extend_from_slice(&self.title_pointers.to_le_bytes());
        bytes.extend_from_slice(&self.cluster_pointers.to_le_bytes());
        bytes.extend_from_slice(&HEADER_SIZE.to_le_bytes()); // the MIME list
        bytes.extend_from_slice(&self.main_page.to_le_bytes());
        bytes.extend_from_slice(&NO_ENTRY.to_le_bytes()); // no layout page
        bytes.extend_from_slice(&self.checksum.to_le_bytes());
        bytes
    }
}

/// A UUID (version 8, "custom") made of a hash of the file's content, so
/// that the same site gives the same file and a changed one a new UUID.
fn uuid(hash: &[u8]) -> [u8; 16] {
    let mut uuid = [0; 16];
    uuid.copy_from_slice(&hash[..16]);
    uuid[6] = (uuid[6] & 0x0f) | 0x80;
    uuid[8] = (uuid[8] & 0x3f) | 0x80;
    uuid
}

/// The MD5 of the first `length` bytes of `file`, as ZIM's checksum.
fn md5_of<F: Read + Seek>(file: &mut F, length: u64) -> io::Result<[u8; 16]> {
    file.seek(SeekFrom::Start(0))?;
    let mut hasher = Md5::new();
    let mut buffer = vec![0; 1 << 20];
    let mut left = length;
    while left > 0 {
        let want = buffer.len().min(left as usize);
        file.read_exact(&mut buffer[..want])?;
        hasher.update(&buffer[..want]);
        left -= want as u64;
    }
    Ok(hasher.finalize().into())
}

#[cfg(test)]
mod tests;
