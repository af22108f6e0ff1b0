//! The crate's structure, checked from its source: no top-level module
//! imports one that imports it back, and no source file (nor the theme's
//! scripts and style sheet) grows past `MAX_LINES`.
//!
//! Each allow-list below records what is wrong today and may only shrink:
//! a new cycle or a new long file fails, and so does an entry that is no
//! longer true, so that fixing one means deleting its line here.
//!
//! How the source is read: every `src/**/*.rs` but `src/main.rs` (the binary)
//! belongs to its top-level module (`src/render.rs` and `src/render/*.rs` are
//! `render`; `src/lib.rs` is the crate root, `lib`). Its edges are its paths
//! `crate::x…` and `crate::{x…, y…}` (`$crate::` too; `super::` does not
//! count), and in `src/lib.rs` also the plain paths `x::…` to a module; an
//! item of the crate root (`crate::build`) is an edge to `lib`. Comments and
//! string literals are skipped, and so is a file's test module: everything
//! from an unindented `#[cfg(test)]` line that introduces a `mod` (which is
//! where this codebase keeps its tests), and the file of a `#[cfg(test)]
//! mod name;`.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// Edges `(from, to)` between top-level modules that lie on a cycle today.
/// Remove an entry once its edge is gone or no longer closes a cycle; the
/// test says which. Empty: the last cycles were removed, keep it so.
const KNOWN_CYCLES_TO_REMOVE: &[(&str, &str)] = &[];

/// The longest a file of `src/` may be.
const MAX_LINES: usize = 600;

/// Files of `src/` longer than `MAX_LINES` today, to split; remove an entry
/// once the file is short enough (or gone).
const KNOWN_LONG_FILES: &[&str] = &[];

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = Graph::read(&src());
    let cyclic = graph.cycle_edges();
    let allowed: BTreeSet<(String, String)> = KNOWN_CYCLES_TO_REMOVE
        .iter()
        .map(|&(a, b)| (a.to_owned(), b.to_owned()))
        .collect();
    let mut problems = String::new();

    let new: Vec<_> = cyclic.difference(&allowed).collect();
    if !new.is_empty() {
        writeln!(
            problems,
            "modules that import each other (a cycle) through a new edge; \
             move what both need into a third module, or pass it in:"
        )
        .unwrap();
        for (from, to) in new {
            let mut cycle = vec![from.clone()];
            cycle.extend(graph.path(to, from));
            writeln!(problems, "\n  cycle {}:", cycle.join(" -> ")).unwrap();
            for step in cycle.windows(2) {
                let (a, b) = (&step[0], &step[1]);
                let mark = if (a, b) == (from, to) { " (new)" } else { "" };
                writeln!(problems, "    {a} -> {b}{mark}").unwrap();
                for at in &graph.edges[a][b] {
                    writeln!(problems, "      {at}").unwrap();
                }
            }
        }
    }

    for (from, to) in &allowed {
        if cyclic.contains(&(from.clone(), to.clone())) {
            continue;
        }
        let why = if graph.has_edge(from, to) {
            "no longer on a cycle"
        } else {
            "gone"
        };
        writeln!(
            problems,
            "the edge {from} -> {to} is {why}: remove ({from:?}, {to:?}) from KNOWN_CYCLES_TO_REMOVE"
        )
        .unwrap();
    }

    assert!(problems.is_empty(), "{problems}");
}

#[test]
fn no_source_file_is_over_the_limit() {
    let lines: BTreeMap<String, usize> = (rust_files(&src()).into_iter())
        .chain(theme_code())
        .map(|(name, path)| (name, read(&path).lines().count()))
        .collect();
    let mut problems = String::new();
    for (name, &count) in &lines {
        if count > MAX_LINES && !KNOWN_LONG_FILES.contains(&name.as_str()) {
            writeln!(
                problems,
                "{name} has {count} lines, over {MAX_LINES}: split it by what its parts do"
            )
            .unwrap();
        }
    }
    for &name in KNOWN_LONG_FILES {
        let why = match lines.get(name) {
            None => "gone".to_owned(),
            Some(&count) if count <= MAX_LINES => format!("{count} lines now"),
            Some(_) => continue,
        };
        writeln!(
            problems,
            "{name} is {why}: remove {name:?} from KNOWN_LONG_FILES"
        )
        .unwrap();
    }
    assert!(problems.is_empty(), "{problems}");
}

/// The parser itself, on the forms the crate uses.
#[test]
fn edges_are_read_from_paths_not_from_comments_strings_or_tests() {
    let modules: BTreeSet<String> = ["config", "content", "render", "sync"]
        .map(String::from)
        .into();
    let source = r##"//! See crate::render.
use crate::config::SiteConfig;
use crate::{
    content::{Archive, Kind},
    build_helper,
};
use super::theme;
pub(crate) fn f<'a>(x: &'a str) -> char {
    let _ = "crate::render";
    let _ = r#"crate::render "quoted""#;
    /* crate::render /* nested */ */
    let _ = $crate::sync::lock;
    let _ = my_crate::render::x;
    '"'
}
#[cfg(test)]
#[allow(unused)]
mod tests {
    use crate::render;
}
"##;
    let found = edges_in(source, "content", &modules);
    let expected =
        [("config", 2), ("content", 4), ("lib", 5), ("sync", 12)].map(|(m, l)| (m.to_owned(), l));
    assert_eq!(found, expected);
    let root: Vec<String> = edges_in(
        "mod config;\nuse sync::lock;\nfn f() { config::load(); std::sync::x(); }\n",
        "lib",
        &modules,
    )
    .into_iter()
    .map(|(to, _)| to)
    .collect();
    assert_eq!(root, ["sync", "config"]);
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The theme's own scripts and style sheet, plain files held to the same
/// limit as the Rust source.
fn theme_code() -> Vec<(String, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static");
    let mut files: Vec<(String, PathBuf)> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "js" || e == "css"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            (format!("themes/default/static/{name}"), path)
        })
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every `.rs` file under `dir`, by its `/`-separated path from the crate
/// (`src/render/pages.rs`).
fn rust_files(dir: &Path) -> BTreeMap<String, PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|entry| entry.unwrap())
        .filter(|entry| entry.file_type().is_file())
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "rs"))
        .map(|entry| {
            let relative = entry.path().strip_prefix(dir).unwrap();
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            (format!("src/{name}"), entry.into_path())
        })
        .collect()
}

/// The top-level module a file of `src/` belongs to, or `None` for the
/// binary.
fn module_of(name: &str) -> Option<String> {
    let first = name.strip_prefix("src/")?.split('/').next()?;
    match first.strip_suffix(".rs").unwrap_or(first) {
        "main" => None,
        module => Some(module.to_owned()),
    }
}

struct Graph {
    /// from → to → where (`src/x.rs:12`), every edge between two different
    /// top-level modules.
    edges: BTreeMap<String, BTreeMap<String, Vec<String>>>,
}

impl Graph {
    fn read(src: &Path) -> Graph {
        let files = rust_files(src);
        let mut test_only = BTreeSet::new();
        for (name, path) in &files {
            for module in out_of_line_test_modules(&read(path)) {
                // Declared in `dir/x.rs` or in `dir/mod.rs` (`lib.rs`):
                // the module is the file `…/module.rs` or a folder.
                let stem = name.strip_suffix(".rs").unwrap();
                let dir = match stem.rsplit_once('/') {
                    Some((dir, "mod" | "lib")) => dir.to_owned(),
                    _ => stem.to_owned(),
                };
                test_only.insert(format!("{dir}/{module}.rs"));
                test_only.insert(format!("{dir}/{module}/"));
            }
        }
        let modules: BTreeSet<String> = files
            .keys()
            .filter_map(|name| module_of(name))
            .filter(|m| m != "lib")
            .collect();
        let mut edges: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
        for (name, path) in &files {
            let Some(from) = module_of(name) else {
                continue;
            };
            if test_only
                .iter()
                .any(|t| name == t || (t.ends_with('/') && name.starts_with(t.as_str())))
            {
                continue;
            }
            for (to, line) in edges_in(&read(path), &from, &modules) {
                if to != from {
                    edges
                        .entry(from.clone())
                        .or_default()
                        .entry(to)
                        .or_default()
                        .push(format!("{name}:{line}"));
                }
            }
        }
        Graph { edges }
    }

    fn has_edge(&self, from: &str, to: &str) -> bool {
        self.edges.get(from).is_some_and(|e| e.contains_key(to))
    }

    fn nodes(&self) -> BTreeSet<&str> {
        self.edges
            .iter()
            .flat_map(|(from, tos)| std::iter::once(from).chain(tos.keys()))
            .map(String::as_str)
            .collect()
    }

    /// The modules reachable from `from`.
    fn reachable(&self, from: &str) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_owned()];
        while let Some(node) = stack.pop() {
            for to in self.edges.get(&node).into_iter().flat_map(|e| e.keys()) {
                if seen.insert(to.clone()) {
                    stack.push(to.clone());
                }
            }
        }
        seen
    }

    /// Every edge that lies on a cycle: `a -> b` where `a` is reachable
    /// from `b`.
    fn cycle_edges(&self) -> BTreeSet<(String, String)> {
        let reach: BTreeMap<&str, BTreeSet<String>> = self
            .nodes()
            .into_iter()
            .map(|n| (n, self.reachable(n)))
            .collect();
        self.edges
            .iter()
            .flat_map(|(from, tos)| tos.keys().map(move |to| (from, to)))
            .filter(|(from, to)| reach[to.as_str()].contains(*from))
            .map(|(from, to)| (from.clone(), to.clone()))
            .collect()
    }

    /// A shortest path from `from` to `to`, both included.
    fn path(&self, from: &str, to: &str) -> Vec<String> {
        let mut previous: BTreeMap<String, String> = BTreeMap::new();
        let mut queue = VecDeque::from([from.to_owned()]);
        while let Some(node) = queue.pop_front() {
            if node == to {
                let mut path = vec![node];
                while let Some(p) = previous.get(path.last().unwrap()) {
                    path.push(p.clone());
                }
                path.reverse();
                return path;
            }
            for next in self.edges.get(&node).into_iter().flat_map(|e| e.keys()) {
                if next != from && !previous.contains_key(next) {
                    previous.insert(next.clone(), node.clone());
                    queue.push_back(next.clone());
                }
            }
        }
        panic!("no path from {from} to {to}")
    }
}

/// The top-level modules a file of module `from` refers to, with the line
/// of each reference, in order. `modules` are the top-level modules; a
/// `crate::` path to anything else is an item of the crate root, `lib`.
fn edges_in(source: &str, from: &str, modules: &BTreeSet<String>) -> Vec<(String, usize)> {
    let code = code_only(source);
    let code = &code[..test_module_start(&code)];
    let chars: Vec<char> = code.chars().collect();
    let line_at = |at: usize| 1 + chars[..at].iter().filter(|&&c| c == '\n').count();
    let target = |name: String| {
        if modules.contains(&name) {
            name
        } else {
            "lib".to_owned()
        }
    };
    let mut found = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        let Some((word, end)) = identifier(&chars, at) else {
            at += 1;
            continue;
        };
        let starts_path =
            at == 0 || !matches!(chars[at - 1], ':' | '.') && !is_ident(chars[at - 1]);
        let after = skip_space(&chars, end);
        let is_path = chars[after..].starts_with(&[':', ':']);
        if starts_path && is_path && word == "crate" {
            let next = skip_space(&chars, after + 2);
            if chars.get(next) == Some(&'{') {
                for (name, name_at) in group_heads(&chars, next) {
                    found.push((target(name), line_at(name_at)));
                }
            } else if let Some((name, _)) = identifier(&chars, next) {
                found.push((target(name), line_at(next)));
            }
        } else if starts_path && is_path && from == "lib" && modules.contains(&word) {
            found.push((word, line_at(at)));
        }
        at = end;
    }
    found
}

/// The first identifier of each entry of the `{…}` group opening at `open`.
fn group_heads(chars: &[char], open: usize) -> Vec<(String, usize)> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut expect_head = false;
    let mut at = open;
    while at < chars.len() {
        match chars[at] {
            '{' => {
                depth += 1;
                expect_head = depth == 1;
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            ',' if depth == 1 => expect_head = true,
            c if expect_head && is_ident(c) => {
                let (name, end) = identifier(chars, at).unwrap();
                if name != "self" {
                    heads.push((name, at));
                }
                expect_head = false;
                at = end;
                continue;
            }
            _ => {}
        }
        at += 1;
    }
    heads
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The identifier starting at `at`, and where it ends.
fn identifier(chars: &[char], at: usize) -> Option<(String, usize)> {
    let c = *chars.get(at)?;
    if !(c.is_alphabetic() || c == '_') || (at > 0 && is_ident(chars[at - 1])) {
        return None;
    }
    let end = (at..chars.len())
        .find(|&i| !is_ident(chars[i]))
        .unwrap_or(chars.len());
    Some((chars[at..end].iter().collect(), end))
}

fn skip_space(chars: &[char], mut at: usize) -> usize {
    while chars.get(at).is_some_and(|c| c.is_whitespace()) {
        at += 1;
    }
    at
}

/// Where a file's test module starts (in bytes), or its length: an
/// unindented `#[cfg(test)]` line followed, after other attributes, by
/// `mod name {`.
fn test_module_start(code: &str) -> usize {
    let mut offset = 0;
    let lines: Vec<&str> = code.split_inclusive('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        if line.trim_end() == "#[cfg(test)]" {
            let item = lines[i + 1..]
                .iter()
                .map(|l| l.trim())
                .find(|l| !l.is_empty() && !l.starts_with("#["));
            if item.is_some_and(|l| is_mod_item(l) && l.ends_with('{')) {
                return offset;
            }
        }
        offset += line.len();
    }
    code.len()
}

fn is_mod_item(line: &str) -> bool {
    let line = line
        .strip_prefix("pub(crate) ")
        .or_else(|| line.strip_prefix("pub "))
        .unwrap_or(line);
    line.starts_with("mod ")
}

/// The names of the modules declared `#[cfg(test)] mod name;` (in a file of
/// their own).
fn out_of_line_test_modules(source: &str) -> Vec<String> {
    let code = code_only(source);
    let lines: Vec<&str> = code.lines().map(str::trim).collect();
    let mut names = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if *line != "#[cfg(test)]" {
            continue;
        }
        let item = lines[i + 1..]
            .iter()
            .find(|l| !l.is_empty() && !l.starts_with("#["));
        if let Some(item) = item.filter(|l| is_mod_item(l) && l.ends_with(';')) {
            let name = item.trim_end_matches(';').rsplit(' ').next().unwrap();
            names.push(name.to_owned());
        }
    }
    names
}

/// The source with the insides of comments and of string and character
/// literals blanked out, line breaks kept.
fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let blank = |out: &mut String, from: &[char]| {
        for &c in from {
            out.push(if c == '\n' { '\n' } else { ' ' });
        }
    };
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        let next = chars.get(at + 1).copied();
        let end = if c == '/' && next == Some('/') {
            (at..chars.len())
                .find(|&i| chars[i] == '\n')
                .unwrap_or(chars.len())
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            let mut i = at;
            loop {
                if i >= chars.len() {
                    break chars.len();
                }
                if chars[i..].starts_with(&['/', '*']) {
                    depth += 1;
                    i += 2;
                } else if chars[i..].starts_with(&['*', '/']) {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break i;
                    }
                } else {
                    i += 1;
                }
            }
        } else if let Some(end) = raw_string_end(&chars, at) {
            end
        } else if c == '"' {
            let mut i = at + 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            (i + 1).min(chars.len())
        } else if c == '\'' && next == Some('\\') {
            let mut i = at + 3;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            (i + 1).min(chars.len())
        } else if c == '\'' && chars.get(at + 2) == Some(&'\'') {
            at + 3
        } else {
            out.push(c);
            at += 1;
            continue;
        };
        blank(&mut out, &chars[at..end]);
        at = end;
    }
    out
}

/// The end of the raw string literal (`r"…"`, `br#"…"#`) starting at `at`.
fn raw_string_end(chars: &[char], at: usize) -> Option<usize> {
    let starts_token = |i: usize| i == 0 || !is_ident(chars[i - 1]);
    let r = match chars[at] {
        'r' if starts_token(at) => at,
        'b' if starts_token(at) && chars.get(at + 1) == Some(&'r') => at + 1,
        _ => return None,
    };
    let hashes = chars[r + 1..].iter().take_while(|&&c| c == '#').count();
    let open = r + 1 + hashes;
    if chars.get(open) != Some(&'"') {
        return None;
    }
    let close: Vec<char> = std::iter::once('"')
        .chain(std::iter::repeat_n('#', hashes))
        .collect();
    let end = (open + 1..chars.len())
        .find(|&i| chars[i..].starts_with(&close))
        .map_or(chars.len(), |i| i + close.len());
    Some(end)
}
