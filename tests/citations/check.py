"""Checks the citations of a built igf-archive site.

    python3 tests/citations/check.py <site-dir>

Every document page's CSL-JSON download (a `data:` URL in its "Cite this"
block) and every `data/*-cite.json` must be valid against the CSL-JSON
schema (csl-data.json beside this file). Every page's BibTeX download must
parse with pybtex in strict mode, hold one entry whose key is the JSON's id,
and give back the JSON's title and URL once its LaTeX is decoded
(pylatexenc). Prints each problem and a count; exit status 1 if any, 2 if
the tools are missing.
"""

import base64
import html
import json
import pathlib
import re
import sys

try:
    import jsonschema
    import pybtex.errors
    from pybtex.database import parse_string
    from pylatexenc import latex2text
except ImportError as missing:
    print(f"missing: {missing.name} (pip install jsonschema pybtex pylatexenc)")
    sys.exit(2)

HERE = pathlib.Path(__file__).parent
SCHEMA = json.loads((HERE / "csl-data.json").read_text(encoding="utf-8"))


def latex_decoder():
    """pylatexenc's decoder, taught the text-mode commands that write
    characters BibTeX cannot take as they are."""
    db = latex2text.get_default_latex_context_db()
    spec = latex2text.MacroTextSpec
    db.add_context_category(
        "igf-archive",
        prepend=True,
        macros=[
            spec("textbraceleft", simplify_repl="{"),
            spec("textbraceright", simplify_repl="}"),
            spec("textbackslash", simplify_repl="\\"),
            spec("textasciitilde", simplify_repl="~"),
            spec("textasciicircum", simplify_repl="^"),
        ],
    )
    return latex2text.LatexNodes2Text(latex_context=db, keep_braced_groups=False)


DOWNLOAD = re.compile(r'<a href="data:([^;"]+);charset=utf-8;base64,([^"]*)"[^>]*download="([^"]+)"')


def downloads(page):
    """The citation files a page offers: {mime type: (file name, text)}."""
    found = {}
    for mime, data, name in DOWNLOAD.findall(page.read_text(encoding="utf-8")):
        found[mime] = (html.unescape(name), base64.b64decode(data).decode("utf-8"))
    return found


def main(site):
    pybtex.errors.set_strict_mode(True)
    validator = jsonschema.Draft7Validator(SCHEMA)
    decode = latex_decoder()
    problems = []
    checked = 0
    for path in sorted((site / "data").glob("*-cite.json")):
        for error in validator.iter_errors(json.loads(path.read_text(encoding="utf-8"))):
            problems.append(f"{path}: {error.json_path}: {error.message}")
        checked += 1
    for path in sorted(site.glob("*/*/*/*/index.html")):
        files = downloads(path)
        if not files:
            continue
        csl_name, csl = files.get("application/vnd.citationstyles.csl+json", ("", "[]"))
        bib_name, text = files.get("application/x-bibtex", ("", ""))
        items = json.loads(csl)
        checked += 2
        for error in validator.iter_errors(items):
            problems.append(f"{path} CSL-JSON: {error.json_path}: {error.message}")
        try:
            entries = parse_string(text, "bibtex").entries
        except Exception as error:  # pybtex raises several kinds
            problems.append(f"{path} BibTeX: pybtex: {error}")
            continue
        if len(items) != 1:
            problems.append(f"{path}: {len(items)} CSL-JSON items, expected 1")
            continue
        (item,) = items
        if (csl_name, bib_name) != (item["id"] + ".json", item["id"] + ".bib"):
            problems.append(f"{path}: saved as {csl_name!r} and {bib_name!r}, not after {item['id']!r}")
        if list(entries.keys()) != [item["id"]]:
            problems.append(f"{path}: keys {list(entries.keys())}, expected {item['id']}")
            continue
        fields = entries[item["id"]].fields
        title = decode.latex_to_text(fields["title"])
        if title != item["title"]:
            problems.append(f"{path}: title decodes to {title!r}, expected {item['title']!r}")
        if fields["url"] != item["URL"]:
            problems.append(f"{path}: url {fields['url']!r}, expected {item['URL']!r}")
    for problem in problems:
        print(problem)
    print(f"{checked} citations checked, {len(problems)} problems")
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(pathlib.Path(sys.argv[1])))
