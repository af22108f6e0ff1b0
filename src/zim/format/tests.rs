use super::*;

fn item(namespace: Namespace, path: &str, title: &str, mime: &str, bytes: &[u8]) -> Entry {
    Entry {
        namespace,
        path: path.into(),
        title: title.into(),
        body: Body::Item {
            mime: mime.into(),
            content: Content::Bytes(bytes.to_vec()),
            compress: mime.starts_with("text/"),
            front_article: mime == "text/html",
        },
    }
}

fn sample() -> Vec<Entry> {
    vec![
        item(
            Namespace::Content,
            "b.html",
            "Zebra",
            "text/html",
            b"<p>b</p>",
        ),
        item(
            Namespace::Content,
            "a.html",
            "Aardvark",
            "text/html",
            b"<p>a</p>",
        ),
        item(Namespace::Content, "i.png", "", "image/png", b"\x89PNG"),
        item(Namespace::Metadata, "Title", "", "text/plain", b"T"),
        Entry {
            namespace: Namespace::WellKnown,
            path: "mainPage".into(),
            title: String::new(),
            body: Body::Redirect {
                target: (Namespace::Content, "a.html".into()),
            },
        },
    ]
}

fn written(entries: Vec<Entry>) -> io::Result<Vec<u8>> {
    let mut out = io::Cursor::new(Vec::new());
    write(entries, &mut out)?;
    Ok(out.into_inner())
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap())
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap())
}

#[test]
fn the_same_entries_give_the_same_bytes_in_any_order() {
    let first = written(sample()).unwrap();
    let mut reversed = sample();
    reversed.reverse();
    assert_eq!(first, written(reversed).unwrap());
    let mut changed = sample();
    changed[0] = item(
        Namespace::Content,
        "b.html",
        "Zebra",
        "text/html",
        b"<p>B</p>",
    );
    let other = written(changed).unwrap();
    assert_ne!(first[8..24], other[8..24], "a changed site keeps its UUID");
}

#[test]
fn the_header_points_at_the_parts_and_the_checksum_closes_the_file() {
    let bytes = written(sample()).unwrap();
    assert_eq!(u32_at(&bytes, 0), MAGIC);
    // 5 entries and the two title listings.
    assert_eq!(u32_at(&bytes, 24), 7);
    let checksum_at = u64_at(&bytes, 72) as usize;
    assert_eq!(bytes.len(), checksum_at + 16);
    let digest: [u8; 16] = Md5::digest(&bytes[..checksum_at]).into();
    assert_eq!(bytes[checksum_at..], digest);
    assert_eq!(u64_at(&bytes, 56), HEADER_SIZE);
    // The MIME list, sorted, then an empty string.
    assert!(
        bytes[80..].starts_with(
            b"application/octet-stream+zimlisting\0image/png\0text/html\0text/plain\0\0"
        )
    );
    // The path pointers lead to dirents in namespace, then path order.
    let path_pointers = u64_at(&bytes, 32) as usize;
    let paths: Vec<String> = (0..7)
        .map(|i| {
            let dirent = u64_at(&bytes, path_pointers + 8 * i) as usize;
            let namespace = bytes[dirent + 3] as char;
            let redirect = u16::from_le_bytes([bytes[dirent], bytes[dirent + 1]]) == REDIRECT_MIME;
            let start = dirent + if redirect { 12 } else { 16 };
            let end = start + bytes[start..].iter().position(|&b| b == 0).unwrap();
            format!(
                "{namespace}/{}",
                String::from_utf8_lossy(&bytes[start..end])
            )
        })
        .collect();
    assert_eq!(
        paths,
        [
            "C/a.html",
            "C/b.html",
            "C/i.png",
            "M/Title",
            "W/mainPage",
            "X/listing/titleOrdered/v0",
            "X/listing/titleOrdered/v1"
        ]
    );
    // The main page is W/mainPage, which redirects to entry 0, C/a.html.
    assert_eq!(u32_at(&bytes, 64), 4);
    // The full title listing: titles (or paths) in namespace order.
    let titles = u64_at(&bytes, 40) as usize;
    let order: Vec<u32> = (0..7).map(|i| u32_at(&bytes, titles + 4 * i)).collect();
    assert_eq!(order, [0, 1, 2, 3, 4, 5, 6]);
}

#[test]
fn a_missing_redirect_target_or_a_repeated_path_is_an_error() {
    let mut entries = sample();
    entries.push(Entry {
        namespace: Namespace::Content,
        path: "old.html".into(),
        title: String::new(),
        body: Body::Redirect {
            target: (Namespace::Content, "gone.html".into()),
        },
    });
    let error = written(entries).unwrap_err();
    assert!(error.to_string().contains("old.html"), "{error}");
    let mut entries = sample();
    entries.push(item(Namespace::Content, "a.html", "", "text/html", b""));
    let error = written(entries).unwrap_err();
    assert!(error.to_string().contains("two entries"), "{error}");
}

#[test]
fn compressed_clusters_are_zstd_and_images_stay_uncompressed() {
    let bytes = written(sample()).unwrap();
    let clusters = u32_at(&bytes, 28) as usize;
    let pointers = u64_at(&bytes, 48) as usize;
    let kinds: Vec<u8> = (0..clusters)
        .map(|i| bytes[u64_at(&bytes, pointers + 8 * i) as usize])
        .collect();
    assert!(kinds.contains(&COMPRESSION_ZSTD), "{kinds:?}");
    assert!(kinds.contains(&COMPRESSION_NONE), "{kinds:?}");
}
