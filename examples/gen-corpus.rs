//! Writes a synthetic IGF archive for benchmarks.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- DIR N [--hugo HUGODIR] [--english-only]
//! cargo run --release --example gen-corpus -- DIR N --multilingual
//! ```
//!
//! DIR gets a complete archive that `igf-archive build --root DIR` builds
//! without errors or warnings: `site.yaml` with the six UN languages, twenty
//! meetings (2006–2025) with 4–6 tracks each, N English session reports of
//! about 1,200 words, translations of about one report in ten, the IGF
//! Messages of every track and 2–4 outputs a year. With `--hugo`, HUGODIR
//! gets the same session reports and translations as a minimal multilingual
//! Hugo site, so that both tools can be timed on the same text. With
//! `--english-only`, both get the same English reports and nothing else:
//! no translations, and English the only language of either site, to
//! measure what the other five languages cost.
//!
//! With `--multilingual`, for the search evaluation (benches/search-eval),
//! the translations get rare words too, shaped like each language's: French
//! and Spanish with accents and plural endings, Russian stems with case
//! endings, Arabic with the article ال, hamza and bare alef spelt both ways,
//! Chinese two- and three-character words without spaces. DIR then also
//! gets `known-items.jsonl`: for each report and translation, its language,
//! page, title words and how many documents of its language hold each, and
//! its key takeaways as lists of words (`,` where a comma falls), for
//! known-item queries that do not have to re-segment Chinese. The English
//! text is the same as without the option; the default output is unchanged.
//!
//! The text is random but shaped like real text: English words follow a
//! Zipf-like distribution over a list of common words plus an unbounded tail
//! of made-up rare words, so the number of distinct words keeps growing with
//! N (Heaps' law), as it does in a real archive. Everything comes from a
//! small seeded PRNG and integer or exactly-rounded arithmetic, so the same
//! N gives the same bytes on every run and every machine.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[path = "gen-corpus/multilingual.rs"]
mod multilingual;
use multilingual::{Item, KnownItems, Tail, Trace};

const SEED: u64 = 0x16F0_2006_2025_0001;
const FIRST_YEAR: u32 = 2006;
const YEARS: u32 = 20;
const OUTPUT_TYPES: [&str; 5] = ["bpf", "policy-network", "dc", "summary", "other"];
/// Percent of English words drawn from the tail of rare words.
const RARE_PERCENT: u64 = 12;
/// The tail of rare words (see `rare_index`): its first band holds
/// 2^RARE_FIRST_BAND words, and each band is RARE_BAND_STAY/1000 as likely
/// as the one before.
const RARE_FIRST_BAND: u32 = 7;
const RARE_BAND_STAY: u64 = 630;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(options) = Options::parse(&args) else {
        eprintln!("usage: gen-corpus DIR N [--hugo HUGODIR] [--english-only | --multilingual]");
        return ExitCode::from(2);
    };
    match generate(&options) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-corpus: {e}");
            ExitCode::FAILURE
        }
    }
}

struct Options {
    dir: PathBuf,
    reports: usize,
    hugo: Option<PathBuf>,
    english_only: bool,
    /// Rare words in every language, and `known-items.jsonl`.
    multilingual: bool,
}

impl Options {
    fn parse(args: &[String]) -> Option<Options> {
        let mut positional = Vec::new();
        let mut hugo = None;
        let mut english_only = false;
        let mut multilingual = false;
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            if arg == "--hugo" {
                hugo = Some(PathBuf::from(args.next()?));
            } else if arg == "--english-only" {
                english_only = true;
            } else if arg == "--multilingual" {
                multilingual = true;
            } else if arg.starts_with('-') {
                return None;
            } else {
                positional.push(arg);
            }
        }
        let [dir, n] = positional.as_slice() else {
            return None;
        };
        if english_only && multilingual {
            return None;
        }
        Some(Options {
            dir: PathBuf::from(dir),
            reports: n.parse().ok()?,
            hugo,
            english_only,
            multilingual,
        })
    }
}

// ---------------------------------------------------------------------------
// Randomness

/// splitmix64: tiny, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    /// A generator for one document, from the numbers that name it.
    fn for_parts(parts: &[u64]) -> Rng {
        let mut rng = Rng(SEED);
        for &p in parts {
            rng.0 ^= p;
            rng.0 = rng.next();
        }
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in 0..n.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// A number in lo..=hi.
    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below((hi - lo + 1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// A float in [0, 1), from 53 random bits (exactly rounded everywhere).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// `count` distinct items, in the order of `items`.
    fn sample<T: Copy>(&mut self, items: &[T], count: usize) -> Vec<T> {
        let mut order: Vec<usize> = (0..items.len()).collect();
        for i in 0..count {
            let j = i + self.below((order.len() - i) as u64) as usize;
            order.swap(i, j);
        }
        let mut chosen = order[..count].to_vec();
        chosen.sort_unstable();
        chosen.into_iter().map(|i| items[i]).collect()
    }

    /// An index drawn with the given cumulative weights.
    fn weighted(&mut self, cumulative: &[f64]) -> usize {
        let total = cumulative.last().copied().unwrap_or(0.0);
        let u = self.unit() * total;
        cumulative
            .partition_point(|&c| c <= u)
            .min(cumulative.len() - 1)
    }
}

/// Cumulative Zipf–Mandelbrot weights 1/(rank + 2.5) for a list of `n`
/// words (the 2.5 keeps "the" at a realistic share).
fn zipf_table(n: usize) -> Vec<f64> {
    let mut sum = 0.0;
    (1..=n)
        .map(|rank| {
            sum += 1.0 / (rank as f64 + 2.5);
            sum
        })
        .collect()
}

/// The index of a rare word. The tail is cut into doubling bands, the
/// first of `2^RARE_FIRST_BAND` words; each further band is
/// `RARE_BAND_STAY`/1000 as likely as the one before and holds twice the
/// words, so a word's frequency falls like rank^-(1 - log2 0.63) =
/// rank^-1.67, and the number of distinct rare words in n words grows like
/// n^0.6. The first band's words are about as frequent as the last common
/// words.
fn rare_index(rng: &mut Rng) -> u64 {
    let mut band = RARE_FIRST_BAND;
    while band < 40 && rng.below(1000) < RARE_BAND_STAY {
        band += 1;
    }
    let start = (1u64 << band) - (1u64 << RARE_FIRST_BAND);
    start + rng.below(1u64 << band)
}

/// A made-up word of three or more consonant-vowel syllables, a different
/// one for each index: the index in bijective base 70, one syllable per
/// digit, each digit shifted by the one before so that neighbouring indices
/// do not all share their last syllables.
fn rare_word(index: u64, out: &mut String) {
    const CONSONANTS: &[u8] = b"bdfgklmnprstvz";
    const VOWELS: &[u8] = b"aeiou";
    let base = (CONSONANTS.len() * VOWELS.len()) as u64;
    // Skip the words of one and two syllables.
    let mut n = index + 1 + base + base * base;
    let mut previous = 0;
    while n > 0 {
        n -= 1;
        let digit = n % base;
        let shown = ((digit + 31 * previous + 17) % base) as usize;
        out.push(CONSONANTS[shown / VOWELS.len()] as char);
        out.push(VOWELS[shown % VOWELS.len()] as char);
        previous = digit;
        n /= base;
    }
}

// ---------------------------------------------------------------------------
// Languages and text

/// How text is written in one language.
struct Language {
    code: &'static str,
    /// As the language menu shows it, and the archive's title in it.
    name: &'static str,
    archive_title: &'static str,
    right_to_left: bool,
    words: &'static [&'static str],
    /// Only English has a tail of rare words; the other lists are small.
    rare_words: bool,
    /// Words are separated by spaces (all but Chinese).
    spaced: bool,
    comma: &'static str,
    stop: &'static str,
    question: &'static str,
    /// The two sections of a 2020 session report.
    sections: [&'static str; 2],
}

const ENGLISH: Language = Language {
    code: "en",
    name: "English",
    archive_title: "IGF Outputs Archive (benchmark)",
    right_to_left: false,
    words: words::EN,
    rare_words: true,
    spaced: true,
    comma: ",",
    stop: ".",
    question: "?",
    sections: [
        "Key policy questions and related issues",
        "Summary of issues discussed",
    ],
};

const TRANSLATIONS: [Language; 5] = [
    Language {
        code: "fr",
        name: "Français",
        archive_title: "Archives des documents finaux de l'IGF (banc d'essai)",
        right_to_left: false,
        words: words::FR,
        rare_words: false,
        spaced: true,
        comma: ",",
        stop: ".",
        question: " ?",
        sections: [
            "Principales questions de politique publique et enjeux connexes",
            "Résumé des questions examinées",
        ],
    },
    Language {
        code: "es",
        name: "Español",
        archive_title: "Archivo de documentos finales del IGF (prueba)",
        right_to_left: false,
        words: words::ES,
        rare_words: false,
        spaced: true,
        comma: ",",
        stop: ".",
        question: "?",
        sections: [
            "Principales cuestiones de política y temas conexos",
            "Resumen de los temas debatidos",
        ],
    },
    Language {
        code: "ru",
        name: "Русский",
        archive_title: "Архив итоговых документов IGF (тест)",
        right_to_left: false,
        words: words::RU,
        rare_words: false,
        spaced: true,
        comma: ",",
        stop: ".",
        question: "?",
        sections: [
            "Ключевые вопросы политики и связанные с ними проблемы",
            "Краткое изложение обсуждавшихся вопросов",
        ],
    },
    Language {
        code: "zh",
        name: "中文",
        archive_title: "互联网治理论坛成果档案（测试）",
        right_to_left: false,
        words: words::ZH,
        rare_words: false,
        spaced: false,
        comma: "，",
        stop: "。",
        question: "？",
        sections: ["关键政策问题及相关议题", "讨论议题摘要"],
    },
    Language {
        code: "ar",
        name: "العربية",
        archive_title: "أرشيف الوثائق الختامية لمنتدى إدارة الإنترنت (اختبار)",
        right_to_left: true,
        words: words::AR,
        rare_words: false,
        spaced: true,
        comma: "،",
        stop: ".",
        question: "؟",
        sections: [
            "أسئلة السياسات الرئيسية والقضايا ذات الصلة",
            "موجز القضايا التي نوقشت",
        ],
    },
];

/// The sites' languages: English, then the translations. Per-language
/// tables (meeting and track titles) are in this order.
fn site_languages() -> impl Iterator<Item = &'static Language> {
    std::iter::once(&ENGLISH).chain(&TRANSLATIONS)
}

/// A language's place in `site_languages()`, for seeds.
fn language_index(lang: &Language) -> u64 {
    site_languages()
        .position(|l| l.code == lang.code)
        .expect("a language of the site") as u64
}

/// Builds one document's Markdown, counting the words it writes.
struct Composer<'a> {
    lang: &'a Language,
    zipf: &'a [f64],
    rng: Rng,
    md: String,
    words: usize,
    /// A translation's rare words (`--multilingual`).
    tail: Option<&'a Tail>,
    /// The words written, kept for `known-items.jsonl` (`--multilingual`).
    trace: Option<Trace>,
}

impl<'a> Composer<'a> {
    fn new(lang: &'a Language, zipf: &'a [f64], rng: Rng) -> Self {
        Composer {
            lang,
            zipf,
            rng,
            md: String::new(),
            words: 0,
            tail: None,
            trace: None,
        }
    }

    /// With `--multilingual`: rare words in a translation too, and a trace
    /// of the words written.
    fn multilingual(mut self, tails: Option<&'a [Tail]>) -> Self {
        if tails.is_some() {
            self.tail = multilingual::tail_of(tails, self.lang);
            self.trace = Some(Trace::default());
        }
        self
    }

    fn word(&mut self, out: &mut String) {
        self.words += 1;
        let start = out.len();
        if self.lang.rare_words && self.rng.chance(RARE_PERCENT) {
            let index = rare_index(&mut self.rng);
            rare_word(index, out);
        } else if let Some(tail) = self.tail.filter(|_| self.rng.chance(RARE_PERCENT)) {
            let index = rare_index(&mut self.rng);
            tail.word(index, &mut self.rng, out);
        } else {
            let i = self.rng.weighted(self.zipf);
            out.push_str(self.lang.words[i]);
        }
        if let Some(trace) = &mut self.trace {
            trace.word(&out[start..]);
        }
    }

    fn mark(&mut self, mark: &str) {
        if let Some(trace) = &mut self.trace {
            trace.mark(mark);
        }
    }

    fn separator(&self) -> &'static str {
        if self.lang.spaced { " " } else { "" }
    }

    /// `n` words, and in the given style the odd comma or bold pair of words.
    fn run(&mut self, n: usize, style: Style) -> String {
        let mut out = String::new();
        let bold_at = if style == Style::Inline && n > 5 && self.rng.chance(4) {
            Some(self.rng.between(1, n - 3))
        } else {
            None
        };
        for i in 0..n {
            if i > 0 {
                if style != Style::Bare && i + 2 < n && self.rng.chance(6) {
                    out.push_str(self.lang.comma);
                    self.mark(",");
                }
                out.push_str(self.separator());
            }
            if bold_at == Some(i) {
                out.push_str("**");
            }
            self.word(&mut out);
            if bold_at.map(|b| b + 1) == Some(i) {
                out.push_str("**");
            }
        }
        out
    }

    /// A few words, as they are, without punctuation.
    fn plain(&mut self, min: usize, max: usize) -> String {
        let n = self.rng.between(min, max);
        self.run(n, Style::Bare)
    }

    /// A capitalised run of words without final punctuation.
    fn phrase(&mut self, min: usize, max: usize) -> String {
        let n = self.rng.between(min, max);
        capitalise(&self.run(n, Style::Bare))
    }

    /// A sentence of running text, which may hold bold words.
    fn sentence(&mut self) -> String {
        self.sentence_in(Style::Inline)
    }

    /// A sentence without Markdown, for front matter and meeting.yaml.
    fn plain_sentence(&mut self) -> String {
        self.sentence_in(Style::Commas)
    }

    fn sentence_in(&mut self, style: Style) -> String {
        let n = self.rng.between(6, 26);
        let mut s = capitalise(&self.run(n, style));
        s.push_str(self.lang.stop);
        self.mark(".");
        s
    }

    /// A sentence that cites another document: `… ([WS #12](@/…)).`
    fn citing_sentence(&mut self, label: &str, target: &str) -> String {
        let n = self.rng.between(8, 20);
        let mut s = capitalise(&self.run(n, Style::Inline));
        let _ = write!(s, " ([{label}](@/{target})){}", self.lang.stop);
        s
    }

    fn paragraph_text(&mut self, citation: Option<(&str, &str)>) -> String {
        let count = self.rng.between(2, 6);
        let cite_at = self.rng.between(0, count - 1);
        let mut sentences = Vec::with_capacity(count);
        for i in 0..count {
            sentences.push(match citation {
                Some((label, target)) if i == cite_at => self.citing_sentence(label, target),
                _ => self.sentence(),
            });
        }
        sentences.join(self.separator())
    }

    fn heading(&mut self, level: usize, text: &str) {
        let _ = writeln!(self.md, "{} {text}\n", "#".repeat(level));
    }

    fn paragraph(&mut self, citation: Option<(&str, &str)>) {
        let text = self.paragraph_text(citation);
        let _ = writeln!(self.md, "{text}\n");
    }

    /// A bullet list of sentences, or of questions.
    fn bullets(&mut self, count: usize, questions: bool) {
        for _ in 0..count {
            let item = if questions {
                let mut q = self.phrase(6, 16);
                q.push_str(self.lang.question);
                q
            } else {
                self.sentence()
            };
            let _ = writeln!(self.md, "- {item}");
        }
        self.md.push('\n');
    }

    fn table(&mut self) {
        let columns = self.rng.between(2, 4);
        let rows = self.rng.between(3, 6);
        let header: Vec<String> = (0..columns).map(|_| self.phrase(1, 3)).collect();
        let _ = writeln!(self.md, "| {} |", header.join(" | "));
        let _ = writeln!(self.md, "|{}", "---|".repeat(columns));
        for _ in 0..rows {
            let mut cells = vec![self.phrase(1, 4)];
            for _ in 1..columns {
                cells.push(if self.rng.chance(40) {
                    self.rng.below(1000).to_string()
                } else {
                    self.plain(1, 3)
                });
            }
            let _ = writeln!(self.md, "| {} |", cells.join(" | "));
        }
        self.md.push('\n');
    }

    /// A short YAML or JSON snippet (English only: its keys are words).
    fn code_block(&mut self) {
        let lines = self.rng.between(3, 8);
        let json = self.rng.chance(50);
        let mut pairs = Vec::with_capacity(lines);
        for _ in 0..lines {
            let key = self.run(1, Style::Bare);
            let value = if self.rng.chance(50) {
                self.rng.below(10_000).to_string()
            } else {
                format!("\"{}\"", self.plain(1, 3))
            };
            pairs.push((key, value));
        }
        if json {
            self.md.push_str("```json\n{\n");
            for (i, (key, value)) in pairs.iter().enumerate() {
                let comma = if i + 1 < pairs.len() { "," } else { "" };
                let _ = writeln!(self.md, "  \"{key}_{i}\": {value}{comma}");
            }
            self.md.push_str("}\n```\n\n");
        } else {
            self.md.push_str("```yaml\n");
            for (key, value) in &pairs {
                let _ = writeln!(self.md, "{key}: {value}");
            }
            self.md.push_str("```\n\n");
        }
    }
}

/// What a run of words may hold besides words.
#[derive(Clone, Copy, PartialEq)]
enum Style {
    Bare,
    Commas,
    /// Commas and the odd **bold** pair of words.
    Inline,
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A YAML double-quoted string.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

// ---------------------------------------------------------------------------
// The plan: meetings and sessions, decided before any text is written

struct Meeting {
    year: u32,
    tracks: Vec<&'static Track>,
    month: u32,
    first_day: u32,
    last_day: u32,
}

struct Track {
    id: &'static str,
    /// Titles in the order of `site_languages()`.
    titles: [&'static str; 1 + TRANSLATIONS.len()],
}

struct Session {
    year: u32,
    number: usize,
    kind: &'static SessionType,
    tracks: Vec<&'static str>,
    month: u32,
    day: u32,
    takeaways: usize,
    calls: usize,
    translations: Vec<usize>,
}

struct SessionType {
    id: &'static str,
    prefix: &'static str,
    code: &'static str,
    weight: u64,
}

impl Session {
    fn slug(&self) -> String {
        format!("{}-{}", self.kind.prefix, self.number)
    }

    fn code(&self) -> String {
        format!("{} #{}", self.kind.code, self.number)
    }

    fn link_path(&self) -> String {
        format!("{}/sessions/{}.md", self.year, self.slug())
    }
}

fn plan_meeting(year: u32) -> Meeting {
    let mut rng = Rng::for_parts(&[1, u64::from(year)]);
    let count = rng.between(4, 6);
    let all: Vec<&'static Track> = TRACKS.iter().collect();
    let first_day = rng.between(2, 20) as u32;
    Meeting {
        year,
        tracks: rng.sample(&all, count),
        month: if rng.chance(50) { 11 } else { 12 },
        first_day,
        last_day: first_day + rng.between(3, 5) as u32,
    }
}

/// Report `i` goes to year `i % 20`, as that year's report number `i / 20 + 1`.
fn plan_session(i: usize, meetings: &[Meeting]) -> Session {
    let meeting = &meetings[i % YEARS as usize];
    let number = i / YEARS as usize + 1;
    let mut rng = Rng::for_parts(&[2, u64::from(meeting.year), number as u64]);
    let total: u64 = SESSION_TYPES.iter().map(|t| t.weight).sum();
    let mut roll = rng.below(total);
    let kind = SESSION_TYPES
        .iter()
        .find(|t| {
            let hit = roll < t.weight;
            roll = roll.saturating_sub(t.weight);
            hit
        })
        .unwrap_or(&SESSION_TYPES[0]);
    let ids: Vec<&'static str> = meeting.tracks.iter().map(|t| t.id).collect();
    let track_count = rng.between(1, 2);
    let translations = if rng.chance(10) {
        let count = rng.between(1, 5);
        rng.sample(&[0, 1, 2, 3, 4], count)
    } else {
        Vec::new()
    };
    Session {
        year: meeting.year,
        number,
        kind,
        tracks: rng.sample(&ids, track_count),
        month: meeting.month,
        day: rng.between(meeting.first_day as usize, meeting.last_day as usize) as u32,
        takeaways: rng.between(1, 3),
        calls: rng.between(0, 2),
        translations,
    }
}

// ---------------------------------------------------------------------------
// Writing files

/// Writes files under a root folder and counts them.
struct Writer {
    root: PathBuf,
    files: usize,
    markdown_bytes: u64,
}

impl Writer {
    /// A writer for a folder that must not exist yet or be empty, so that
    /// no file of an earlier corpus is left behind.
    fn new(root: &Path) -> Result<Writer, String> {
        if let Ok(mut entries) = fs::read_dir(root)
            && entries.next().is_some()
        {
            return Err(format!("{} is not empty", root.display()));
        }
        Ok(Writer {
            root: root.to_path_buf(),
            files: 0,
            markdown_bytes: 0,
        })
    }

    fn write(&mut self, path: &str, text: &str) -> Result<(), String> {
        let path = self.root.join(path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        self.files += 1;
        if path.extension().is_some_and(|e| e == "md") {
            self.markdown_bytes += text.len() as u64;
        }
        Ok(())
    }
}

/// The Zipf tables of the six languages, computed once, and with
/// `--multilingual` the translations' rare words.
struct Vocabulary {
    english: Vec<f64>,
    translations: Vec<Vec<f64>>,
    tails: Option<Vec<Tail>>,
}

impl Vocabulary {
    fn new(multilingual: bool) -> Vocabulary {
        check_word_lists();
        Vocabulary {
            english: zipf_table(ENGLISH.words.len()),
            translations: TRANSLATIONS
                .iter()
                .map(|l| zipf_table(l.words.len()))
                .collect(),
            tails: multilingual.then(Tail::all),
        }
    }
}

fn generate(options: &Options) -> Result<String, String> {
    let mut archive = Writer::new(&options.dir)?;
    let mut hugo = match &options.hugo {
        Some(dir) => Some(Writer::new(dir)?),
        None => None,
    };
    let vocabulary = Vocabulary::new(options.multilingual);
    let mut known = options.multilingual.then(KnownItems::default);
    let meetings: Vec<Meeting> = (0..YEARS).map(|y| plan_meeting(FIRST_YEAR + y)).collect();
    let mut sessions: Vec<Session> = (0..options.reports)
        .map(|i| plan_session(i, &meetings))
        .collect();
    if options.english_only {
        // Cleared after planning, so that every draw is the one the full
        // corpus makes and the English reports are the same.
        sessions.iter_mut().for_each(|s| s.translations.clear());
    }

    // The sites' languages: English, or all of them.
    let languages = if options.english_only {
        1
    } else {
        site_languages().count()
    };
    archive.write("site.yaml", &site_yaml(languages))?;
    if let Some(hugo) = &mut hugo {
        write_hugo_skeleton(hugo, &meetings, languages)?;
    }
    for meeting in &meetings {
        let year: Vec<&Session> = sessions.iter().filter(|s| s.year == meeting.year).collect();
        let files = Files {
            archive: &mut archive,
            hugo: hugo.as_mut(),
            known: known.as_mut(),
        };
        write_year(meeting, &year, &vocabulary, files)?;
    }
    if let Some(known) = &known {
        archive.write("known-items.jsonl", &known.to_jsonl())?;
    }
    Ok(summary(&archive, hugo.as_ref()))
}

/// Where a year goes: the archive, the Hugo site, the known items.
struct Files<'a> {
    archive: &'a mut Writer,
    hugo: Option<&'a mut Writer>,
    known: Option<&'a mut KnownItems>,
}

/// One year of the archive: its meeting, Messages, outputs, and reports
/// with their translations.
fn write_year(
    meeting: &Meeting,
    year: &[&Session],
    vocabulary: &Vocabulary,
    files: Files,
) -> Result<(), String> {
    let Files {
        archive,
        mut hugo,
        mut known,
    } = files;
    let tails = vocabulary.tails.as_deref();
    let english = &vocabulary.english;
    let dir = format!("content/{}", meeting.year);
    archive.write(
        &format!("{dir}/meeting.yaml"),
        &meeting_yaml(meeting, english),
    )?;
    for track in &meeting.tracks {
        let text = messages(meeting, track, year, english);
        archive.write(&format!("{dir}/messages/{}.md", track.id), &text)?;
    }
    let outputs = Rng::for_parts(&[3, u64::from(meeting.year)]).between(2, 4);
    for k in 1..=outputs {
        let (slug, text) = output(meeting, k, year, english);
        archive.write(&format!("{dir}/outputs/{slug}.md"), &text)?;
    }
    for session in year {
        let path = format!("{dir}/sessions/{}", session.slug());
        let versions = std::iter::once((&ENGLISH, english, path.clone())).chain(
            session.translations.iter().map(|&t| {
                let path = format!("{path}.{}", TRANSLATIONS[t].code);
                (&TRANSLATIONS[t], &vocabulary.translations[t], path)
            }),
        );
        for (lang, zipf, path) in versions {
            let (body, body_trace) = report_body(session, year, lang, zipf, tails);
            let (front, item) = front_matter(session, lang, zipf, tails);
            if let (Some(known), Some((item, mut trace)), Some(body_trace)) =
                (known.as_deref_mut(), item, body_trace)
            {
                trace.words.extend(body_trace.words);
                known.add(item, trace.words);
            }
            archive.write(&format!("{path}.md"), &format!("---\n{front}---\n{body}"))?;
            if let Some(hugo) = hugo.as_deref_mut() {
                hugo.write(&format!("{path}.md"), &hugo_page(&front, &body, lang))?;
            }
        }
    }
    Ok(())
}

fn summary(archive: &Writer, hugo: Option<&Writer>) -> String {
    let mb = |bytes: u64| bytes as f64 / 1_000_000.0;
    let mut line = format!(
        "gen-corpus: wrote {} files ({:.1} MB of Markdown) into {}",
        archive.files,
        mb(archive.markdown_bytes),
        archive.root.display()
    );
    if let Some(hugo) = hugo {
        let _ = write!(
            line,
            ", and {} files ({:.1} MB of Markdown) into {}",
            hugo.files,
            mb(hugo.markdown_bytes),
            hugo.root.display()
        );
    }
    line
}

// ---------------------------------------------------------------------------
// The archive's files

/// `site.yaml` for the first `languages` of `site_languages()`.
fn site_yaml(languages: usize) -> String {
    let mut t = String::from("# A synthetic archive written by examples/gen-corpus.rs.\ntitle:\n");
    for lang in site_languages().take(languages) {
        let _ = writeln!(t, "  {}: {}", lang.code, quoted(lang.archive_title));
    }
    t.push_str("base_url: https://bench.example.org\ndefault_language: en\nlanguages:\n");
    for lang in site_languages().take(languages) {
        let rtl = if lang.right_to_left {
            ", direction: rtl"
        } else {
            ""
        };
        let _ = writeln!(t, "  {}: {{name: {}{rtl}}}", lang.code, lang.name);
    }
    t
}

fn meeting_yaml(m: &Meeting, zipf: &[f64]) -> String {
    let n = m.year - 2005;
    let titles: [String; 1 + TRANSLATIONS.len()] = [
        format!("{} Internet Governance Forum", ordinal(n)),
        format!("{n}e Forum sur la gouvernance de l'Internet"),
        format!("{n}.º Foro para la Gobernanza de Internet"),
        format!("{n}-й Форум по вопросам управления Интернетом"),
        format!("第{n}届互联网治理论坛"),
        format!("المنتدى {n} لإدارة الإنترنت"),
    ];
    let mut t = format!("number: {n}\ntitle:\n");
    for (lang, title) in site_languages().zip(&titles) {
        let _ = writeln!(t, "  {}: {}", lang.code, quoted(title));
    }
    let mut c = Composer::new(&ENGLISH, zipf, Rng::for_parts(&[4, u64::from(m.year)]));
    let _ = writeln!(t, "theme: {}", quoted(&c.phrase(4, 8)));
    let _ = writeln!(
        t,
        "location: {}",
        quoted(LOCATIONS[(m.year - FIRST_YEAR) as usize])
    );
    let _ = writeln!(
        t,
        "dates: {{start: {}, end: {}}}",
        iso_date(m.year, m.month, m.first_day),
        iso_date(m.year, m.month, m.last_day)
    );
    t.push_str("tracks:\n");
    for track in &m.tracks {
        let _ = writeln!(t, "  {}:\n    title:", track.id);
        for (lang, title) in site_languages().zip(track.titles) {
            let _ = writeln!(t, "      {}: {}", lang.code, quoted(title));
        }
        let description: Vec<String> = (0..3).map(|_| c.plain_sentence()).collect();
        let description = description.join(" ");
        let _ = writeln!(t, "    description: {}", quoted(&description));
    }
    t
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn iso_date(year: u32, month: u32, day: u32) -> String {
    format!("{year}-{month:02}-{day:02}")
}

/// A session report's (or its translation's) front matter, without the
/// `---` lines around it, and with `--multilingual` (`tails`) what it says
/// for `known-items.jsonl`.
fn front_matter(
    s: &Session,
    lang: &'static Language,
    zipf: &[f64],
    tails: Option<&[Tail]>,
) -> (String, Option<(Item, Trace)>) {
    let seed = [6, u64::from(s.year), s.number as u64, language_index(lang)];
    let mut c = Composer::new(lang, zipf, Rng::for_parts(&seed)).multilingual(tails);
    let mut t = String::new();
    let _ = writeln!(t, "code: {}", quoted(&s.code()));
    let title = c.phrase(4, 11);
    let title_words = c.trace.as_mut().map(Trace::take_run);
    let _ = writeln!(t, "title: {}", quoted(&title));
    let _ = writeln!(t, "type: {}", s.kind.id);
    let _ = writeln!(t, "tracks: [{}]", s.tracks.join(", "));
    let _ = writeln!(t, "date: {}", iso_date(s.year, s.month, s.day));
    let mut takeaway_words = Vec::new();
    let key_takeaways: Vec<String> = (0..s.takeaways)
        .map(|_| {
            let text = takeaway(&mut c);
            takeaway_words.extend(c.trace.as_mut().map(Trace::take_run));
            text
        })
        .collect();
    write_list(&mut t, "key_takeaways", &key_takeaways);
    write_list(&mut t, "calls_to_action", &takeaways(&mut c, s.calls));
    if lang.code == ENGLISH.code && c.rng.chance(60) {
        let organisers = c.rng.between(1, 3);
        let names: Vec<String> = (0..organisers).map(|_| quoted(&c.phrase(2, 4))).collect();
        let _ = writeln!(t, "organizers: [{}]", names.join(", "));
        let _ = writeln!(t, "participants: {}", c.rng.between(15, 400));
    }
    let known = title_words.zip(c.trace).map(|(title_words, trace)| {
        let item = Item {
            lang: lang.code,
            year: s.year,
            slug: s.slug(),
            title,
            title_words,
            takeaways: takeaway_words,
        };
        (item, trace)
    });
    (t, known)
}

/// Takeaways and calls to action: one or two sentences, under 60 words.
fn takeaways(c: &mut Composer, count: usize) -> Vec<String> {
    (0..count).map(|_| takeaway(c)).collect()
}

fn takeaway(c: &mut Composer) -> String {
    let first = c.plain_sentence();
    if c.rng.chance(50) {
        first
    } else {
        format!("{first}{}{}", c.separator(), c.plain_sentence())
    }
}

/// A YAML list of strings, left out when empty.
fn write_list(t: &mut String, key: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(t, "{key}:");
    for item in items {
        let _ = writeln!(t, "  - {}", quoted(item));
    }
}

/// About 1,200 words: the two sections of a 2020 report, the second cut
/// into `###` parts with lists, the odd table and code block, and now and
/// then a link to another report of the same year.
/// With `--multilingual` (`tails`), also the trace of its words.
fn report_body(
    s: &Session,
    year: &[&Session],
    lang: &Language,
    zipf: &[f64],
    tails: Option<&[Tail]>,
) -> (String, Option<Trace>) {
    let mut c = Composer::new(
        lang,
        zipf,
        Rng::for_parts(&[7, u64::from(s.year), s.number as u64, language_index(lang)]),
    )
    .multilingual(tails);
    let target = c.rng.between(1000, 1400);
    c.heading(2, lang.sections[0]);
    c.paragraph(None);
    let questions = c.rng.between(3, 5);
    c.bullets(questions, true);
    c.heading(2, lang.sections[1]);
    c.paragraph(None);
    while c.words < target {
        let title = c.phrase(2, 6);
        c.heading(3, &title);
        for _ in 0..c.rng.between(1, 3) {
            let cited = cited_session(&mut c.rng, s, year);
            let link = cited.map(|o| (o.code(), o.link_path()));
            c.paragraph(link.as_ref().map(|(l, p)| (l.as_str(), p.as_str())));
        }
        if c.rng.chance(35) {
            let count = c.rng.between(3, 6);
            c.bullets(count, false);
        }
        if c.rng.chance(10) {
            c.table();
        }
        if lang.rare_words && c.rng.chance(6) {
            c.code_block();
        }
    }
    (c.md, c.trace)
}

/// Another report of the same year, for one paragraph in eight.
fn cited_session<'a>(rng: &mut Rng, s: &Session, year: &[&'a Session]) -> Option<&'a Session> {
    if year.len() < 2 || !rng.chance(12) {
        return None;
    }
    let other = year[rng.below(year.len() as u64) as usize];
    (other.number != s.number).then_some(other)
}

/// The IGF Messages of one track: questions, each with bullets that cite
/// the year's reports of that track.
fn messages(m: &Meeting, track: &Track, year: &[&Session], zipf: &[f64]) -> String {
    let track_index = TRACKS.iter().position(|t| t.id == track.id).unwrap_or(0);
    let mut c = Composer::new(
        &ENGLISH,
        zipf,
        Rng::for_parts(&[8, u64::from(m.year), track_index as u64]),
    );
    let of_track: Vec<&Session> = year
        .iter()
        .copied()
        .filter(|s| s.tracks.contains(&track.id))
        .collect();
    for _ in 0..c.rng.between(2, 4) {
        let mut question = c.phrase(6, 14);
        question.push('?');
        c.heading(2, &question);
        for _ in 0..c.rng.between(3, 6) {
            let mut bullet = format!("{} {}", c.sentence(), c.sentence());
            if !of_track.is_empty() {
                let count = c.rng.between(1, 2).min(of_track.len());
                let cites: Vec<String> = c
                    .rng
                    .sample(&of_track, count)
                    .iter()
                    .map(|s| format!("[{}](@/{})", s.code(), s.link_path()))
                    .collect();
                let _ = write!(bullet, " ({})", cites.join(", "));
            }
            let _ = writeln!(c.md, "- {bullet}");
        }
        c.md.push('\n');
    }
    format!(
        "---\ntrack: {}\ntitle: {}\n---\n{}",
        track.id,
        quoted(&format!("IGF {} Messages: {}", m.year, track.titles[0])),
        c.md
    )
}

/// Output `k` of a year: about 2,000 words under `##` headings.
fn output(m: &Meeting, k: usize, year: &[&Session], zipf: &[f64]) -> (String, String) {
    let mut c = Composer::new(
        &ENGLISH,
        zipf,
        Rng::for_parts(&[9, u64::from(m.year), k as u64]),
    );
    let kind = *c.rng.pick(&OUTPUT_TYPES);
    let subject = c.phrase(2, 5);
    let title = match kind {
        "bpf" => format!("Best Practice Forum on {subject}"),
        "policy-network" => format!("Policy Network on {subject}"),
        "dc" => format!("Dynamic Coalition on {subject}"),
        "summary" => format!("IGF {} summary: {subject}", m.year),
        _ => subject,
    };
    let ids: Vec<&'static str> = m.tracks.iter().map(|t| t.id).collect();
    let track_count = c.rng.between(1, 3);
    let tracks = c.rng.sample(&ids, track_count);
    let target = c.rng.between(1800, 2200);
    let mut footnote = false;
    for heading in OUTPUT_SECTIONS {
        c.heading(2, heading);
        for _ in 0..c.rng.between(2, 4) {
            let cited = year.get(c.rng.below(year.len().max(1) as u64) as usize);
            let link = cited
                .filter(|_| c.rng.chance(20))
                .map(|s| (s.code(), s.link_path()));
            c.paragraph(link.as_ref().map(|(l, p)| (l.as_str(), p.as_str())));
        }
        if c.words < target && c.rng.chance(50) {
            let sub = c.phrase(2, 5);
            c.heading(3, &sub);
            c.paragraph(None);
            c.bullets(4, false);
        }
        if c.rng.chance(20) {
            c.table();
        }
        if !footnote && c.rng.chance(20) {
            footnote = true;
            let sentence = c.sentence();
            let _ = writeln!(c.md, "{sentence}[^1]\n");
        }
    }
    while c.words < target {
        c.paragraph(None);
    }
    if footnote {
        let note = c.sentence();
        let _ = writeln!(c.md, "[^1]: {note}");
    }
    let text = format!(
        "---\ntitle: {}\ntype: {kind}\ntracks: [{}]\n---\n{}",
        quoted(&title),
        tracks.join(", "),
        c.md
    );
    (format!("{kind}-{k}"), text)
}

// ---------------------------------------------------------------------------
// The Hugo site

fn write_hugo_skeleton(
    hugo: &mut Writer,
    meetings: &[Meeting],
    languages: usize,
) -> Result<(), String> {
    hugo.write("config.toml", &hugo_config(languages))?;
    hugo.write("layouts/_default/single.html", HUGO_SINGLE)?;
    hugo.write("layouts/_default/list.html", HUGO_LIST)?;
    hugo.write("layouts/index.html", HUGO_INDEX)?;
    hugo.write(
        "content/_index.md",
        "---\ntitle: \"IGF Outputs Archive (benchmark)\"\n---\n",
    )?;
    for m in meetings {
        hugo.write(
            &format!("content/{}/_index.md", m.year),
            &format!("---\ntitle: \"IGF {}\"\n---\n", m.year),
        )?;
        hugo.write(
            &format!("content/{}/sessions/_index.md", m.year),
            &format!("---\ntitle: \"IGF {} session reports\"\n---\n", m.year),
        )?;
    }
    Ok(())
}

/// A report (or its translation, `lang`) as a Hugo page: the same front
/// matter under Hugo's names (`type` is Hugo's own, so it becomes
/// `session_type`), and links through Hugo's `ref` shortcode.
fn hugo_page(front_matter: &str, body: &str, lang: &Language) -> String {
    let mut t = String::from("---\n");
    for line in front_matter.lines() {
        if let Some(kind) = line.strip_prefix("type: ") {
            let _ = writeln!(t, "session_type: {kind}");
        } else {
            t.push_str(line);
            t.push('\n');
        }
    }
    t.push_str("---\n");
    t.push_str(&hugo_links(body, lang));
    t
}

/// `[x](@/2020/sessions/ws-1.md)` → `[x]({{< ref "/2020/sessions/ws-1.md" >}})`.
/// A translation links to the English report, which always exists (as
/// igf-archive links to the original where there is no translation).
fn hugo_links(body: &str, lang: &Language) -> String {
    let mut out = String::with_capacity(body.len() + 64);
    let mut rest = body;
    while let Some(start) = rest.find("](@/") {
        let target_start = start + "](@/".len();
        let Some(len) = rest[target_start..].find(')') else {
            break;
        };
        out.push_str(&rest[..start]);
        let target = &rest[target_start..target_start + len];
        if lang.code == ENGLISH.code {
            let _ = write!(out, "]({{{{< ref \"/{target}\" >}}}})");
        } else {
            let _ = write!(out, "]({{{{< ref path=\"/{target}\" lang=\"en\" >}}}})");
        }
        rest = &rest[target_start + len + 1..];
    }
    out.push_str(rest);
    out
}

/// Hugo's configuration: one site for each of the first `languages` of
/// `site_languages()`.
fn hugo_config(languages: usize) -> String {
    let mut t = String::from(HUGO_CONFIG);
    for (weight, lang) in site_languages().take(languages).enumerate() {
        let (code, name) = (lang.code, lang.name);
        let _ = write!(
            t,
            "\n[languages.{code}]\nweight = {}\nlanguageCode = \"{code}\"\nlanguageName = \"{name}\"\n",
            weight + 1
        );
        if lang.right_to_left {
            t.push_str("languageDirection = \"rtl\"\n");
        }
    }
    t
}

const HUGO_CONFIG: &str = r#"# A minimal Hugo site written by examples/gen-corpus.rs: the same session
# reports (and translations) as the igf-archive corpus beside it, one site
# per language as igf-archive makes, simple templates, no search.
baseURL = "https://bench.example.org/"
title = "IGF Outputs Archive (benchmark)"
disableKinds = ["taxonomy", "term"]
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
"#;

const HUGO_SINGLE: &str = r#"<!DOCTYPE html>
<html lang="{{ .Lang }}">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
<main>
<h1>{{ .Title }}</h1>
<p>{{ .Params.code }} · {{ .Params.session_type }} · {{ .Date.Format "2006-01-02" }} · {{ delimit .Params.tracks ", " }}</p>
{{ with .Params.key_takeaways }}<h2>Key takeaways</h2>
<ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
{{ with .Params.calls_to_action }}<h2>Calls to action</h2>
<ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
{{ .Content }}
</main>
</body>
</html>
"#;

const HUGO_LIST: &str = r#"<!DOCTYPE html>
<html lang="{{ .Lang }}">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
<main>
<h1>{{ .Title }}</h1>
<ul>
{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}{{ range .RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Params.code }}: {{ .Title }}</a></li>
{{ end }}</ul>
</main>
</body>
</html>
"#;

const HUGO_INDEX: &str = r#"<!DOCTYPE html>
<html lang="{{ .Lang }}">
<head><meta charset="utf-8"><title>{{ .Site.Title }}</title></head>
<body>
<main>
<h1>{{ .Site.Title }}</h1>
<ul>
{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>
</main>
</body>
</html>
"#;

// ---------------------------------------------------------------------------
// Fixed lists

#[rustfmt::skip]
const SESSION_TYPES: [SessionType; 13] = [
    SessionType { id: "workshop", prefix: "ws", code: "WS", weight: 50 },
    SessionType { id: "open-forum", prefix: "of", code: "OF", weight: 15 },
    SessionType { id: "lightning-talk", prefix: "lt", code: "LT", weight: 8 },
    SessionType { id: "dc", prefix: "dc", code: "DC", weight: 5 },
    SessionType { id: "nri", prefix: "nri", code: "NRI", weight: 5 },
    SessionType { id: "town-hall", prefix: "th", code: "Town Hall", weight: 4 },
    SessionType { id: "launch", prefix: "launch", code: "Launch", weight: 3 },
    SessionType { id: "main-session", prefix: "main", code: "Main Session", weight: 3 },
    SessionType { id: "bpf", prefix: "bpf", code: "BPF", weight: 2 },
    SessionType { id: "youth", prefix: "youth", code: "Youth", weight: 2 },
    SessionType { id: "high-level", prefix: "hl", code: "High-Level", weight: 1 },
    SessionType { id: "parliamentary", prefix: "parl", code: "Parliamentary", weight: 1 },
    SessionType { id: "other", prefix: "other", code: "Session", weight: 1 },
];

#[rustfmt::skip]
const TRACKS: [Track; 14] = [
    Track { id: "data", titles: ["Data", "Données", "Datos", "Данные", "数据", "البيانات"] },
    Track { id: "environment", titles: ["Environment", "Environnement", "Medio ambiente", "Окружающая среда", "环境", "البيئة"] },
    Track { id: "inclusion", titles: ["Inclusion", "Inclusion", "Inclusión", "Инклюзивность", "包容", "الشمول"] },
    Track { id: "trust", titles: ["Trust", "Confiance", "Confianza", "Доверие", "信任", "الثقة"] },
    Track { id: "access", titles: ["Access", "Accès", "Acceso", "Доступ", "接入", "الوصول"] },
    Track { id: "security", titles: ["Security", "Sécurité", "Seguridad", "Безопасность", "安全", "الأمن"] },
    Track { id: "human-rights", titles: ["Human rights", "Droits humains", "Derechos humanos", "Права человека", "人权", "حقوق الإنسان"] },
    Track { id: "emerging-technologies", titles: ["Emerging technologies", "Technologies émergentes", "Tecnologías emergentes", "Новые технологии", "新兴技术", "التكنولوجيات الناشئة"] },
    Track { id: "digital-cooperation", titles: ["Digital cooperation", "Coopération numérique", "Cooperación digital", "Цифровое сотрудничество", "数字合作", "التعاون الرقمي"] },
    Track { id: "economy", titles: ["Economic development", "Développement économique", "Desarrollo económico", "Экономическое развитие", "经济发展", "التنمية الاقتصادية"] },
    Track { id: "governance", titles: ["Internet governance", "Gouvernance de l'Internet", "Gobernanza de Internet", "Управление Интернетом", "互联网治理", "إدارة الإنترنت"] },
    Track { id: "openness", titles: ["Openness", "Ouverture", "Apertura", "Открытость", "开放", "الانفتاح"] },
    Track { id: "diversity", titles: ["Diversity", "Diversité", "Diversidad", "Разнообразие", "多样性", "التنوع"] },
    Track { id: "fragmentation", titles: ["Avoiding fragmentation", "Éviter la fragmentation", "Evitar la fragmentación", "Предотвращение фрагментации", "避免碎片化", "تجنب التجزئة"] },
];

/// Where each IGF from 2006 to 2025 met.
#[rustfmt::skip]
const LOCATIONS: [&str; 20] = [
    "Athens", "Rio de Janeiro", "Hyderabad", "Sharm El Sheikh", "Vilnius", "Nairobi", "Baku",
    "Bali", "Istanbul", "João Pessoa", "Guadalajara", "Geneva", "Paris", "Berlin", "Online",
    "Katowice", "Addis Ababa", "Kyoto", "Riyadh", "Lillestrøm",
];

const OUTPUT_SECTIONS: [&str; 6] = [
    "Executive summary",
    "Background",
    "Methodology",
    "Findings",
    "Recommendations",
    "Conclusions",
];

/// Stops the generator if a word list has an empty or repeated word, which
/// would quietly change the word frequencies.
fn check_word_lists() {
    for list in [
        words::EN,
        words::FR,
        words::ES,
        words::RU,
        words::ZH,
        words::AR,
    ] {
        let mut seen = std::collections::HashSet::new();
        for w in list {
            assert!(!w.is_empty() && !w.contains(' '), "bad word {w:?}");
            assert!(seen.insert(*w), "repeated word {w:?}");
        }
    }
}

/// Word lists, most frequent first: a base of common English words, and
/// real words of the other five languages for translations.
#[rustfmt::skip]
mod words {
    pub const EN: &[&str] = &[
        "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "be", "are",
        "this", "by", "it", "not", "from", "at", "or", "an", "their", "should", "which", "can",
        "have", "has", "more", "its", "will", "also", "all", "they", "these", "but", "was", "been",
        "such", "other", "were", "must", "between", "how", "new", "who", "need", "would", "about",
        "digital", "there", "one", "internet", "data", "access", "online", "people", "policy",
        "governance", "countries", "use", "through", "public", "rights", "users", "development",
        "local", "global", "security", "social", "information", "platforms", "technology",
        "including", "work", "different", "national", "government", "within", "support",
        "important", "role", "human", "private", "sector", "across", "many", "where", "while",
        "needs", "make", "into", "both", "only", "challenges", "over", "regional", "stakeholders",
        "international", "community", "participants", "session", "speakers", "technical", "civil",
        "society", "discussion", "cooperation", "may", "could", "each", "most", "order", "issues",
        "content", "network", "infrastructure", "services", "standards", "approach", "frameworks",
        "protection", "privacy", "trust", "inclusion", "economic", "capacity", "skills",
        "education", "women", "youth", "children", "health", "environment", "sustainable",
        "cybersecurity", "connectivity", "affordable", "meaningful", "multistakeholder", "model",
        "process", "level", "developing", "often", "further", "key", "example", "time", "ways",
        "ensure", "help", "provide", "build", "take", "share", "means", "open", "free",
        "resources", "research", "practice", "experience", "knowledge", "policies", "regulation",
        "laws", "legal", "effective", "needed", "particular", "possible", "common", "shared",
        "based", "related", "current", "future", "part", "small", "large", "clear", "strong",
        "better", "governments", "companies", "businesses", "organisations", "institutions",
        "states", "citizens", "communities", "regions", "world", "markets", "innovation",
        "artificial", "intelligence", "systems", "tools", "applications", "mobile", "broadband",
        "networks", "spectrum", "satellite", "rural", "urban", "areas", "population", "percent",
        "billion", "million", "number", "growth", "investment", "costs", "prices", "income",
        "jobs", "employment", "workers", "economy", "trade", "taxation", "competition",
        "consumers", "rules", "principles", "norms", "values", "accountability", "transparency",
        "responsibility", "oversight", "freedom", "expression", "speech", "journalism", "media",
        "literacy", "disinformation", "misinformation", "harmful", "hate", "violence", "abuse",
        "harassment", "safety", "protect", "encryption", "attacks", "threats", "incidents",
        "response", "resilience", "crisis", "pandemic", "recovery", "emergency", "climate",
        "energy", "emissions", "waste", "footprint", "devices", "hardware", "software", "code",
        "source", "interoperability", "domain", "names", "addresses", "routing", "protocols",
        "cloud", "computing", "identity", "authentication", "trustworthy", "fragmentation",
        "sovereignty", "jurisdiction", "borders", "flows", "transfer", "agreements", "treaties",
        "negotiations", "agenda", "goals", "targets", "indicators", "measurement", "evidence",
        "studies", "survey", "report", "reports", "findings", "recommendations", "outcomes",
        "messages", "forum", "workshop", "panel", "moderator", "rapporteur", "audience",
        "questions", "answers", "comments", "views", "perspectives", "consensus", "disagreement",
        "debate", "dialogue", "partnership", "partnerships", "collaboration", "coordination",
        "implementation", "strategies", "strategy", "plans", "programmes", "projects",
        "initiatives", "funding", "finance", "donors", "budget", "schools", "universities",
        "teachers", "students", "learning", "training", "libraries", "languages", "culture",
        "diversity", "gender", "equality", "disabilities", "accessibility", "elderly", "persons",
        "minorities", "indigenous", "refugees", "migrants", "marginalised", "vulnerable", "groups",
        "inclusive", "participation", "engagement", "voices", "representation", "leadership",
        "decision", "making", "power", "influence", "interests", "incentives", "risks", "benefits",
        "opportunities", "impacts", "harms", "gaps", "divide", "divides", "barriers", "obstacles",
        "solutions", "lessons", "good", "best", "promising", "successful", "innovative",
        "practical", "concrete", "specific", "general", "broad", "long", "short", "term", "medium",
        "several", "various", "certain", "few", "some", "any", "every", "no", "those", "them",
        "our", "we", "us", "you", "he", "she", "his", "her", "what", "when", "why", "then", "than",
        "so", "if", "because", "however", "therefore", "although", "though", "since", "until",
        "after", "before", "during", "without", "against", "under", "above", "out", "up", "down",
        "again", "still", "even", "just", "very", "much", "well", "already", "always", "never",
        "sometimes", "now", "today", "yesterday", "tomorrow", "year", "years", "month", "months",
        "week", "first", "second", "third", "last", "next", "early", "late", "high", "low", "full",
        "whole", "half", "own", "same", "another", "itself", "themselves",
    ];
    pub const FR: &[&str] = &[
        "de", "la", "le", "les", "et", "des", "à", "en", "du", "un", "une", "pour", "que", "qui",
        "dans", "est", "sur", "par", "au", "avec", "ne", "pas", "plus", "sont", "ont", "être",
        "aux", "leur", "leurs", "ce", "cette", "ces", "son", "sa", "ses", "comme", "aussi",
        "ainsi", "mais", "ou", "donc", "entre", "sans", "selon", "lors", "vers", "chez", "tous",
        "toutes", "tout", "très", "bien", "peut", "doit", "doivent", "peuvent", "faut", "été",
        "avoir", "fait", "faire", "notre", "nos", "nous", "ils", "elles", "il", "elle", "on",
        "internet", "données", "accès", "numérique", "numériques", "gouvernance", "sécurité",
        "confiance", "droits", "utilisateurs", "plateformes", "pays", "gouvernements", "société",
        "civile", "secteur", "privé", "communauté", "technique", "développement", "durable",
        "inclusion", "coopération", "réseau", "réseaux", "infrastructure", "infrastructures",
        "contenus", "protection", "vie", "éducation", "santé", "femmes", "jeunes", "enfants",
        "environnement", "énergie", "économie", "politique", "politiques", "cadre", "cadres",
        "réglementation", "loi", "lois", "normes", "principes", "acteurs", "parties", "prenantes",
        "session", "participants", "intervenants", "débat", "discussion", "question", "questions",
        "enjeux", "défis", "solutions", "pratiques", "expérience", "connaissances", "compétences",
        "capacités", "recherche", "innovation", "technologie", "technologies", "intelligence",
        "artificielle", "cybersécurité", "connectivité", "abordable", "ouvert", "ouverte", "libre",
        "mondial", "mondiale", "régional", "régionale", "national", "nationale", "local", "locale",
        "public", "publique", "international", "internationale", "important", "importante",
        "nécessaire", "essentiel", "essentielle", "efficace", "commun", "commune", "nouveau",
        "nouvelle", "nouveaux", "nouvelles", "meilleur", "meilleure", "grand", "grande", "petit",
        "petite", "premier", "première", "fort", "forte", "clair", "claire", "responsable",
        "transparence", "responsabilité", "liberté", "expression", "information", "désinformation",
        "pandémie", "crise", "résilience", "solidarité", "avenir", "monde", "régions", "villes",
        "communautés", "entreprises", "organisations", "institutions", "État", "États", "citoyens",
        "personnes", "handicap", "accessibilité", "langues", "diversité", "égalité", "genre",
        "fracture", "renforcer", "garantir", "protéger", "améliorer", "développer", "promouvoir",
        "soutenir", "assurer", "favoriser", "partager", "construire", "créer", "permettre",
        "examiner", "souligner", "rappeler", "proposer", "discuter", "travailler", "participer",
        "coopérer", "répondre", "adopter", "mettre", "œuvre", "respecter", "reconnaître",
        "encourager", "élaborer", "mesures", "risques", "avantages", "possibilités", "obstacles",
        "écarts", "besoins", "ressources", "financement", "investissements", "emplois",
        "travailleurs", "marchés", "consommateurs", "personnelles", "privée", "chiffrement",
        "attaques", "menaces", "incidents", "réponse", "urgence", "climat", "émissions", "déchets",
        "appareils", "logiciels", "techniques", "interopérabilité", "noms", "domaine", "adresses",
        "protocoles", "nuage", "identité", "frontières", "flux", "accords", "traités", "objectifs",
        "cibles", "indicateurs", "mesure", "preuves", "études", "enquête", "rapport", "rapports",
        "conclusions", "recommandations", "résultats", "messages", "forum", "atelier",
        "modérateur", "rapporteur", "commentaires", "points", "vue", "consensus", "dialogue",
        "partenariat", "partenariats", "collaboration", "coordination", "mise", "stratégies",
        "plans", "programmes", "projets", "initiatives", "écoles", "universités", "enseignants",
        "élèves", "apprentissage", "formation", "bibliothèques", "culture", "minorités",
        "autochtones", "réfugiés", "migrants", "groupes", "vulnérables", "inclusif", "inclusive",
        "participation", "engagement", "représentation", "décision", "pouvoir", "intérêts", "déjà",
        "toujours", "jamais", "parfois", "aujourd'hui", "année", "années", "mois", "semaine",
        "dernier", "dernière", "prochain", "prochaine", "haut", "haute", "bas", "basse", "même",
        "autre", "autres", "plusieurs", "certains", "certaines", "chaque", "aucun", "aucune",
        "quand", "pourquoi", "alors", "puis", "parce", "cependant", "toutefois", "depuis", "après",
        "avant", "pendant", "contre", "sous",
    ];
    pub const ES: &[&str] = &[
        "de", "la", "el", "los", "las", "y", "en", "a", "que", "del", "un", "una", "para", "por",
        "con", "no", "se", "es", "son", "su", "sus", "al", "lo", "como", "más", "pero", "o",
        "entre", "sin", "sobre", "según", "hacia", "desde", "también", "así", "muy", "bien",
        "puede", "pueden", "debe", "deben", "hay", "ha", "han", "sido", "ser", "estar", "tener",
        "hacer", "nuestro", "nuestra", "nuestros", "nosotros", "ellos", "ellas", "este", "esta",
        "estos", "estas", "ese", "esa", "todo", "todos", "todas", "internet", "datos", "acceso",
        "digital", "digitales", "gobernanza", "seguridad", "confianza", "derechos", "usuarios",
        "plataformas", "países", "gobiernos", "sociedad", "civil", "sector", "privado",
        "comunidad", "técnica", "desarrollo", "sostenible", "inclusión", "cooperación", "red",
        "redes", "infraestructura", "contenidos", "protección", "privacidad", "educación", "salud",
        "mujeres", "jóvenes", "niños", "niñas", "medio", "ambiente", "energía", "economía",
        "política", "políticas", "marco", "marcos", "regulación", "ley", "leyes", "normas",
        "principios", "actores", "partes", "interesadas", "sesión", "participantes", "oradores",
        "debate", "discusión", "pregunta", "preguntas", "cuestiones", "desafíos", "retos",
        "soluciones", "prácticas", "experiencia", "conocimientos", "competencias", "capacidades",
        "investigación", "innovación", "tecnología", "tecnologías", "inteligencia", "artificial",
        "ciberseguridad", "conectividad", "asequible", "abierto", "abierta", "libre", "mundial",
        "regional", "nacional", "local", "público", "pública", "internacional", "importante",
        "necesario", "necesaria", "esencial", "eficaz", "común", "nuevo", "nueva", "nuevos",
        "nuevas", "mejor", "gran", "grande", "pequeño", "pequeña", "primero", "primera", "fuerte",
        "claro", "clara", "responsable", "transparencia", "responsabilidad", "libertad",
        "expresión", "información", "desinformación", "pandemia", "crisis", "resiliencia",
        "solidaridad", "futuro", "mundo", "regiones", "ciudades", "comunidades", "empresas",
        "organizaciones", "instituciones", "Estado", "Estados", "ciudadanos", "personas",
        "discapacidad", "accesibilidad", "idiomas", "diversidad", "igualdad", "género", "brecha",
        "fortalecer", "garantizar", "proteger", "mejorar", "desarrollar", "promover", "apoyar",
        "asegurar", "fomentar", "compartir", "construir", "crear", "permitir", "examinar",
        "subrayar", "recordar", "proponer", "debatir", "trabajar", "participar", "cooperar",
        "responder", "adoptar", "aplicar", "respetar", "reconocer", "alentar", "elaborar",
        "medidas", "riesgos", "beneficios", "oportunidades", "obstáculos", "necesidades",
        "recursos", "financiación", "inversiones", "empleos", "trabajadores", "mercados",
        "consumidores", "personales", "cifrado", "ataques", "amenazas", "incidentes", "respuesta",
        "emergencia", "clima", "emisiones", "residuos", "dispositivos", "programas", "técnicas",
        "interoperabilidad", "nombres", "dominio", "direcciones", "protocolos", "nube",
        "identidad", "fronteras", "flujos", "acuerdos", "tratados", "objetivos", "metas",
        "indicadores", "medición", "pruebas", "estudios", "encuesta", "informe", "informes",
        "conclusiones", "recomendaciones", "resultados", "mensajes", "foro", "taller", "moderador",
        "relator", "audiencia", "comentarios", "opiniones", "consenso", "diálogo", "alianza",
        "alianzas", "colaboración", "coordinación", "aplicación", "estrategias", "planes",
        "proyectos", "iniciativas", "escuelas", "universidades", "docentes", "estudiantes",
        "aprendizaje", "formación", "bibliotecas", "cultura", "minorías", "indígenas",
        "refugiados", "migrantes", "grupos", "vulnerables", "inclusivo", "inclusiva",
        "participación", "compromiso", "representación", "decisiones", "poder", "intereses", "ya",
        "siempre", "nunca", "hoy", "año", "años", "mes", "meses", "semana", "último", "última",
        "próximo", "próxima", "alto", "alta", "bajo", "baja", "mismo", "misma", "otro", "otra",
        "otros", "otras", "varios", "algunas", "algunos", "cada", "ningún", "ninguna", "cuando",
        "porque", "entonces", "después", "antes", "durante", "contra",
    ];
    pub const RU: &[&str] = &[
        "и", "в", "на", "с", "по", "для", "не", "что", "как", "к", "о", "из", "от", "это", "а",
        "также", "или", "но", "все", "их", "его", "ее", "они", "мы", "который", "которые",
        "которая", "может", "могут", "должны", "должен", "необходимо", "нужно", "быть", "было",
        "были", "есть", "при", "между", "без", "через", "после", "до", "во", "время", "более",
        "очень", "уже", "Интернет", "Интернета", "данные", "данных", "доступ", "доступа",
        "цифровой", "цифровые", "цифрового", "управление", "управления", "безопасность",
        "безопасности", "доверие", "доверия", "права", "прав", "пользователи", "пользователей",
        "платформы", "платформ", "страны", "стран", "правительства", "общество", "гражданское",
        "частный", "сектор", "сообщество", "техническое", "развитие", "развития", "устойчивое",
        "устойчивого", "инклюзивность", "сотрудничество", "сотрудничества", "сеть", "сети",
        "инфраструктура", "инфраструктуры", "контент", "защита", "защиты", "неприкосновенность",
        "частной", "жизни", "образование", "здравоохранение", "женщины", "молодежь", "дети",
        "детей", "окружающая", "среда", "энергия", "экономика", "политика", "политики", "рамки",
        "регулирование", "закон", "законы", "нормы", "принципы", "участники", "заинтересованные",
        "стороны", "заседание", "докладчики", "дискуссия", "обсуждение", "вопрос", "вопросы",
        "проблемы", "вызовы", "решения", "практика", "практики", "опыт", "знания", "навыки",
        "потенциал", "исследования", "инновации", "технологии", "технологий", "искусственный",
        "интеллект", "кибербезопасность", "подключение", "доступный", "открытый", "свободный",
        "глобальный", "региональный", "национальный", "местный", "общественный", "международный",
        "важный", "важно", "необходимый", "эффективный", "общий", "новый", "новые", "новых",
        "лучший", "большой", "малый", "первый", "сильный", "ясный", "ответственный",
        "прозрачность", "ответственность", "свобода", "выражения", "информация", "дезинформация",
        "пандемия", "кризис", "устойчивость", "солидарность", "будущее", "мир", "регионы",
        "города", "сообщества", "компании", "организации", "учреждения", "государство",
        "государства", "граждане", "люди", "людей", "инвалидностью", "языки", "разнообразие",
        "равенство", "гендерное", "разрыв", "укреплять", "обеспечивать", "защищать", "улучшать",
        "развивать", "поощрять", "поддерживать", "содействовать", "делиться", "строить",
        "создавать", "позволять", "рассматривать", "подчеркнуть", "напомнить", "предложить",
        "обсуждать", "работать", "участвовать", "сотрудничать", "отвечать", "принимать",
        "осуществлять", "уважать", "признавать", "разрабатывать", "меры", "риски", "выгоды",
        "возможности", "препятствия", "потребности", "ресурсы", "финансирование", "инвестиции",
        "рабочие", "рынки", "потребители", "персональные", "шифрование", "атаки", "угрозы",
        "инциденты", "реагирование", "чрезвычайные", "климат", "выбросы", "отходы", "устройства",
        "программное", "обеспечение", "стандарты", "совместимость", "доменные", "имена", "адреса",
        "протоколы", "облако", "идентификация", "границы", "потоки", "соглашения", "договоры",
        "цели", "задачи", "показатели", "измерение", "доклад", "доклады", "выводы", "рекомендации",
        "результаты", "послания", "форум", "семинар", "модератор", "мнения", "консенсус", "диалог",
        "партнерство", "координация", "стратегии", "планы", "программы", "проекты", "инициативы",
        "школы", "университеты", "учителя", "студенты", "обучение", "подготовка", "библиотеки",
        "культура", "меньшинства", "коренные", "беженцы", "мигранты", "группы", "уязвимые",
        "участие", "вовлечение", "представительство", "решений", "интересы", "всегда", "никогда",
        "сегодня", "год", "года", "лет", "месяц", "неделя", "последний", "следующий", "высокий",
        "низкий", "тот", "же", "другой", "другие", "несколько", "некоторые", "каждый", "когда",
        "почему", "потому", "поэтому", "однако", "тогда", "против", "под", "над",
    ];
    pub const ZH: &[&str] = &[
        "的", "和", "在", "是", "了", "对", "为", "与", "中", "等", "也", "都", "更", "将", "从", "通过", "关于",
        "之间", "其中", "这些", "各种", "不同", "重要", "主要", "有效", "必要", "全球", "互联网", "治理", "数据", "安全", "信任",
        "包容", "环境", "发展", "合作", "国家", "政府", "社会", "企业", "用户", "平台", "技术", "权利", "隐私", "保护", "接入",
        "数字", "经济", "政策", "框架", "规范", "标准", "国际", "区域", "地方", "公共", "私营", "部门", "社区", "民间", "青年",
        "妇女", "儿童", "教育", "卫生", "健康", "能源", "气候", "可持续", "创新", "研究", "能力", "建设", "技能", "资源",
        "基础设施", "网络", "内容", "信息", "虚假", "疫情", "危机", "韧性", "团结", "未来", "世界", "人人", "共同", "责任", "透明",
        "开放", "自由", "表达", "人工智能", "网络安全", "连接", "可负担", "有意义", "多利益攸关方", "模式", "进程", "会议", "讨论",
        "发言", "参与者", "专家", "问题", "挑战", "解决", "方案", "实践", "经验", "知识", "需要", "应该", "必须", "可以", "能够",
        "支持", "促进", "加强", "确保", "改善", "推动", "提高", "实现", "分享", "建立", "制定", "采取", "实施", "尊重", "承认",
        "鼓励", "包括", "以及", "措施", "风险", "利益", "机会", "障碍", "需求", "资金", "投资", "就业", "工人", "市场", "消费者",
        "个人", "加密", "攻击", "威胁", "事件", "应对", "紧急", "排放", "废物", "设备", "软件", "互操作性", "域名", "地址", "协议",
        "云计算", "身份", "边界", "流动", "协定", "条约", "目标", "指标", "衡量", "证据", "报告", "结论", "建议", "成果", "论坛",
        "研讨会", "主持人", "报告员", "观众", "意见", "观点", "共识", "对话", "伙伴关系", "协作", "协调", "战略", "计划", "项目",
        "倡议", "学校", "大学", "教师", "学生", "学习", "培训", "图书馆", "文化", "少数群体", "土著", "难民", "移民", "弱势群体",
        "参与", "代表", "决策", "权力", "已经", "始终", "从未", "今天", "今年", "每年", "月份", "上周", "最后", "下一步", "高",
        "低", "同样", "其他", "若干", "一些", "每个", "何时", "为什么", "因此", "然而", "但是", "而且", "如果", "虽然", "之后",
        "之前", "期间", "反对", "根据", "作为", "进行", "开展", "提供", "形成", "面临", "关注", "强调", "指出", "认为", "表示",
        "呼吁", "希望", "继续", "进一步", "积极", "广泛", "充分", "具体", "长期", "短期", "地区", "城市", "农村", "宽带", "移动",
        "卫星", "频谱", "人口", "增长", "成本", "价格", "收入", "贸易", "税收", "竞争", "规则", "原则", "价值", "问责", "监督",
        "新闻", "媒体", "素养", "仇恨", "暴力", "骚扰", "性别", "平等", "残疾", "无障碍", "语言", "多样性", "鸿沟",
    ];
    pub const AR: &[&str] = &[
        "في", "من", "على", "إلى", "عن", "مع", "هذا", "هذه", "التي", "الذي", "أن", "إن", "كان",
        "كانت", "يجب", "يمكن", "لا", "ما", "كما", "بين", "أو", "ثم", "قد", "كل", "بعض", "جميع",
        "حيث", "عند", "خلال", "بعد", "قبل", "دون", "ضد", "نحو", "لدى", "أيضا", "الإنترنت",
        "البيانات", "الأمن", "الثقة", "الشمول", "البيئة", "التنمية", "التعاون", "الحكومات",
        "المجتمع", "المدني", "القطاع", "الخاص", "المستخدمين", "المنصات", "التكنولوجيا", "الحقوق",
        "الخصوصية", "الحماية", "الوصول", "الرقمي", "الرقمية", "الاقتصاد", "السياسات", "السياسة",
        "الأطر", "المعايير", "الدولية", "الدولي", "الإقليمية", "المحلية", "العامة", "العام",
        "الشباب", "النساء", "الأطفال", "التعليم", "الصحة", "الطاقة", "المناخ", "المستدامة",
        "الابتكار", "البحث", "القدرات", "المهارات", "الموارد", "البنية", "التحتية", "الشبكات",
        "الشبكة", "المحتوى", "المعلومات", "التضليل", "الجائحة", "الأزمة", "الصمود", "التضامن",
        "المستقبل", "العالم", "الجميع", "المشتركة", "المسؤولية", "الشفافية", "المفتوح", "الحرية",
        "التعبير", "الذكاء", "الاصطناعي", "السيبراني", "الربط", "الميسور", "المجدي", "أصحاب",
        "المصلحة", "النموذج", "العملية", "الجلسة", "النقاش", "المتحدثون", "المشاركون", "الخبراء",
        "القضايا", "التحديات", "الحلول", "الممارسات", "الخبرات", "المعرفة", "تعزيز", "ضمان",
        "حماية", "تحسين", "تطوير", "دعم", "تشجيع", "تبادل", "بناء", "وضع", "اعتماد", "تنفيذ",
        "احترام", "الاعتراف", "مشاركة", "التدابير", "المخاطر", "الفوائد", "الفرص", "العقبات",
        "الاحتياجات", "التمويل", "الاستثمار", "الوظائف", "العمال", "الأسواق", "المستهلكين",
        "الشخصية", "التشفير", "الهجمات", "التهديدات", "الحوادث", "الاستجابة", "الطوارئ",
        "الانبعاثات", "النفايات", "الأجهزة", "البرمجيات", "التشغيل", "البيني", "أسماء", "النطاقات",
        "العناوين", "البروتوكولات", "السحابة", "الهوية", "الحدود", "التدفقات", "الاتفاقات",
        "المعاهدات", "الأهداف", "المؤشرات", "القياس", "الأدلة", "الدراسات", "التقرير", "التقارير",
        "الاستنتاجات", "التوصيات", "النتائج", "الرسائل", "المنتدى", "حلقة", "العمل", "المنسق",
        "المقرر", "الجمهور", "الآراء", "التوافق", "الحوار", "الشراكة", "الشراكات", "التنسيق",
        "الاستراتيجيات", "الخطط", "البرامج", "المشاريع", "المبادرات", "المدارس", "الجامعات",
        "المعلمين", "الطلاب", "التعلم", "التدريب", "المكتبات", "الثقافة", "الأقليات", "الشعوب",
        "الأصلية", "اللاجئين", "المهاجرين", "الفئات", "الضعيفة", "القرار", "السلطة", "المصالح",
        "دائما", "اليوم", "السنة", "الأشهر", "الأسبوع", "الأخير", "المقبل", "العالي", "المنخفض",
        "نفس", "الآخر", "الأخرى", "عدة", "كيف", "لماذا", "لذلك", "لكن", "ومع", "ذلك", "إذا", "رغم",
        "أثناء", "وفقا", "باعتبارها", "إجراء", "تقديم", "تشكل", "تواجه", "الاهتمام", "أكد", "أشار",
        "يرى", "أعرب", "دعا", "يأمل", "مواصلة", "المزيد", "الفعال", "واسع", "كامل", "محدد", "طويل",
        "قصير", "المناطق", "المدن", "الريفية", "النطاق", "العريض", "المحمول", "الأقمار",
        "الصناعية", "الطيف", "السكان", "النمو", "التكاليف", "الأسعار", "الدخل", "التجارة",
        "الضرائب", "المنافسة", "القواعد", "المبادئ", "القيم", "المساءلة", "الرقابة", "الصحافة",
        "الإعلام", "محو", "الأمية", "الكراهية", "العنف", "التحرش", "النوع", "الاجتماعي",
        "المساواة", "الإعاقة", "اللغات", "التنوع", "الفجوة",
    ];
}
