"""Reads a ZIM file back with libzim (openZIM's own reader, through its
Python binding) and compares it with the site folder it was made from.

    python3 tests/zim/readback.py FILE.zim SITE_DIR EXPECTED.json

EXPECTED.json holds "metadata", what the file must carry ({"Title": ...});
"site_titles", the site's names, which page titles must not repeat; and
"suggest": [[query, path], ...], title suggestions that must find a page.
Checks: the file's own integrity check and checksum; every file of the
site is an entry with the same bytes, and nothing else is; MIME types;
every page but 404.html has a title that is not its path; the main page is
the language chooser; the metadata and the 48x48 illustration. Prints one
line per failure and exits 1 if there is any.
"""

import json
import os
import sys

from libzim.reader import Archive
from libzim.suggestion import SuggestionSearcher

zim_path, site, expected_path = sys.argv[1:4]
with open(expected_path, encoding="utf-8") as f:
    expected = json.load(f)
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


archive = Archive(zim_path)
check(archive.has_checksum, "the file has no checksum")
check(archive.check(), "libzim's integrity check (with the checksum) fails")
check(archive.has_new_namespace_scheme, "the file does not use the C/M/W/X namespaces")

files = {}
for folder, _, names in os.walk(site):
    for name in names:
        full = os.path.join(folder, name)
        files[os.path.relpath(full, site).replace(os.sep, "/")] = full

MIME = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "application/javascript",
    ".json": "application/json",
    ".csv": "text/csv",
    ".txt": "text/plain",
}
titled = 0
for path, full in sorted(files.items()):
    if not archive.has_entry_by_path(path):
        check(False, f"{path} is not in the ZIM file")
        continue
    entry = archive.get_entry_by_path(path)
    check(not entry.is_redirect, f"{path} is a redirect")
    item = entry.get_item()
    with open(full, "rb") as f:
        on_disk = f.read()
    check(bytes(item.content) == on_disk, f"{path}: the bytes differ from the site's")
    extension = os.path.splitext(path)[1]
    if extension in MIME:
        check(item.mimetype == MIME[extension], f"{path}: MIME type {item.mimetype}")
    if extension == ".html" and path != "404.html":
        check(entry.title not in ("", path), f"{path} has no title of its own ({entry.title!r})")
        for site_title in expected["site_titles"]:
            check(not entry.title.endswith(" · " + site_title), f"{path}: the title keeps the site's name: {entry.title!r}")
        titled += 1

# Entries in C are the site's files; other entries are metadata, the main
# page's redirect and the title listings.
check(archive.entry_count == len(files), f"{archive.entry_count} content entries for {len(files)} files")
check(archive.article_count == titled, f"{archive.article_count} front articles for {titled} pages")
check(archive.has_main_entry, "no main page")
if archive.has_main_entry:
    check(archive.main_entry.get_item().path == "index.html", "the main page is not index.html")

for key, value in expected["metadata"].items():
    found = archive.get_metadata(key).decode("utf-8") if key in archive.metadata_keys else None
    check(found == value, f"metadata {key}: {found!r}, expected {value!r}")
check(48 in archive.get_illustration_sizes(), "no 48x48 illustration")
if 48 in archive.get_illustration_sizes():
    png = bytes(archive.get_illustration_item(48).content)
    check(png[:8] == b"\x89PNG\r\n\x1a\n", "the illustration is not a PNG")

for query, path in expected["suggest"]:
    search = SuggestionSearcher(archive).suggest(query)
    found = list(search.getResults(0, 50))
    check(path in found, f"the suggestion {query!r} does not find {path}: {found}")

for failure in failures:
    print("FAIL", failure)
print(f"{len(files)} files, {titled} titled pages, {len(failures)} failure(s)")
sys.exit(1 if failures else 0)
