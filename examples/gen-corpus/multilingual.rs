//! What `gen-corpus --multilingual` adds for the search evaluation
//! (benches/search-eval): rare words shaped like each translation's
//! language, and `known-items.jsonl`, the words of every report's title and
//! key takeaways with how rare each title word is in its language.
//!
//! Nothing here runs without the option, so the default corpus is the same
//! bytes as before it existed.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::{Language, Rng, TRANSLATIONS};

/// How one translation's rare words are made: a made-up stem from the
/// index (the same word for the same index everywhere), then a spelling
/// or ending chosen for each occurrence, as real text varies them.
pub struct Tail {
    /// The stem's digits: one syllable (one character in Chinese) each.
    syllables: Vec<String>,
    /// Letters that close a stem (Russian stems end in a consonant).
    closings: &'static [&'static str],
    /// Endings drawn for each occurrence; "" repeated makes it likelier.
    endings: &'static [&'static str],
    arabic: bool,
}

impl Tail {
    /// The five translations' tails, in the order of `TRANSLATIONS`.
    pub fn all() -> Vec<Tail> {
        TRANSLATIONS.iter().map(|l| Tail::of(l.code)).collect()
    }

    fn of(code: &str) -> Tail {
        let pairs = |consonants: &[&str], vowels: &[&str]| -> Vec<String> {
            consonants
                .iter()
                .flat_map(|c| vowels.iter().map(move |v| format!("{c}{v}")))
                .collect()
        };
        match code {
            "fr" => Tail {
                syllables: pairs(
                    &[
                        "b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "ch",
                    ],
                    &["a", "e", "i", "o", "u", "é", "è", "ou", "ai", "eu"],
                ),
                closings: &[""],
                endings: &["", "", "", "s", "e", "es"],
                arabic: false,
            },
            "es" => Tail {
                syllables: pairs(
                    &[
                        "b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "ll", "ñ",
                    ],
                    &["a", "e", "i", "o", "u", "ia", "ue", "á", "é", "ó"],
                ),
                closings: &[""],
                endings: &["", "", "", "s"],
                arabic: false,
            },
            "ru" => Tail {
                syllables: pairs(
                    &[
                        "б", "в", "г", "д", "ж", "з", "к", "л", "м", "н", "п", "р", "с", "т", "ф",
                        "х", "ч", "ш",
                    ],
                    &["а", "е", "и", "о", "у", "ы", "я"],
                ),
                closings: &["н", "к", "т", "р", "л", "в", "д", "м"],
                endings: &["", "", "а", "у", "ом", "ы", "ов", "ами", "ах", "е"],
                arabic: false,
            },
            "zh" => Tail {
                syllables: ZH_CHARACTERS.chars().map(String::from).collect(),
                closings: &[""],
                endings: &[""],
                arabic: false,
            },
            "ar" => Tail {
                syllables: pairs(
                    &[
                        "ب", "ت", "ج", "ح", "د", "ر", "ز", "س", "ش", "ص", "ط", "ع", "ف", "ق", "ك",
                        "ل", "م", "ن", "ه", "ئ", "ؤ",
                    ],
                    &["", "ا", "و", "ي"],
                ),
                closings: &[""],
                endings: &["", "", "", "ة", "ات"],
                arabic: true,
            },
            _ => unreachable!("a translation without a tail: {code}"),
        }
    }

    /// Rare word `index`, as it is written this time.
    pub fn word(&self, index: u64, rng: &mut Rng, out: &mut String) {
        let base = self.syllables.len() as u64;
        // Skip the words of one syllable (one character in Chinese).
        let mut n = index + 1 + base;
        let mut previous = 0;
        let mut stem = String::new();
        while n > 0 {
            n -= 1;
            let digit = n % base;
            let shown = ((digit + 31 * previous + 17) % base) as usize;
            stem.push_str(&self.syllables[shown]);
            previous = digit;
            n /= base;
        }
        stem.push_str(self.closings[(index % self.closings.len() as u64) as usize]);
        if self.arabic {
            // One word in three starts with hamza on alef (أ, إ) or a bare
            // alef; one time in four the hamza is left out, as people write.
            let initial = ["أ", "إ", "ا", "", "", "", "", "", ""][(index % 9) as usize];
            let initial = if initial != "ا" && !initial.is_empty() && rng.chance(25) {
                "ا"
            } else {
                initial
            };
            if rng.chance(50) {
                out.push_str("ال");
            }
            out.push_str(initial);
        }
        out.push_str(&stem);
        out.push_str(self.endings[rng.below(self.endings.len() as u64) as usize]);
    }
}

/// Characters for made-up Chinese words of two and three characters.
const ZH_CHARACTERS: &str = "安邦保北本必边标表兵才材彩参层产长场超车成城程持充出传创春词从村达大代带单当导道德地典点电定东动度端段对多发法反方防访放非费分丰风服福府复改概干港高格个根工公功共构关观管光广规国果海航合和核河红后互华化话环黄汇会活机积基集计纪技济继加家价坚间建健江交教接节结金进经精景境九久局举据决军开科可空口库快宽矿扩蓝劳乐类理力立联良量林领流龙路旅律绿论码贸美门梦民明模目南能年农平普期齐企启气汽器强桥青清区全泉群人认荣融山商社深生声盛时识实世市示事势视试室收守书数水顺思司丝速随台态谈特提体天田铁通同统图土团外网望维卫文稳务物西系细线乡相详项向小新信星行型修学雪研验阳要业医依移艺易益意音银引营优邮有鱼育园原源远院月云运载责增展站章招兆哲珍真振征正证政支知织直指志制质治中众重州珠主助住专转资综组";

/// A document's words as `--multilingual` records them while writing it.
#[derive(Default)]
pub struct Trace {
    /// Every word, in lower case: for document frequencies.
    pub words: HashSet<String>,
    /// The words of the text written since the last `take_run`, and ","
    /// or "." where a comma or a full stop falls between them.
    run: Vec<String>,
}

impl Trace {
    pub fn word(&mut self, word: &str) {
        self.words.insert(word.to_lowercase());
        self.run.push(word.to_string());
    }

    pub fn mark(&mut self, mark: &str) {
        self.run.push(mark.to_string());
    }

    pub fn take_run(&mut self) -> Vec<String> {
        std::mem::take(&mut self.run)
    }
}

/// One report or translation, for known-item queries.
pub struct Item {
    pub lang: &'static str,
    pub year: u32,
    pub slug: String,
    pub title: String,
    pub title_words: Vec<String>,
    pub takeaways: Vec<Vec<String>>,
}

/// Every item, and in how many reports of each language every word is.
#[derive(Default)]
pub struct KnownItems {
    items: Vec<Item>,
    frequencies: HashMap<&'static str, HashMap<String, u32>>,
}

impl KnownItems {
    /// Adds a report (or translation) whose words are `words`.
    pub fn add(&mut self, item: Item, words: HashSet<String>) {
        let counts = self.frequencies.entry(item.lang).or_default();
        for w in words {
            *counts.entry(w).or_default() += 1;
        }
        self.items.push(item);
    }

    /// `known-items.jsonl`: one JSON object a line, in the order written.
    pub fn to_jsonl(&self) -> String {
        let mut out = String::new();
        for item in &self.items {
            let counts = &self.frequencies[item.lang];
            let frequencies: Vec<u32> = item
                .title_words
                .iter()
                .map(|w| counts.get(&w.to_lowercase()).copied().unwrap_or(0))
                .collect();
            let line = ItemLine {
                lang: item.lang,
                year: item.year,
                slug: &item.slug,
                title: &item.title,
                title_words: &item.title_words,
                title_word_documents: frequencies,
                takeaways: &item.takeaways,
            };
            let line = serde_json::to_string(&line).expect("strings and numbers serialise");
            out.push_str(&line);
            out.push('\n');
        }
        out
    }
}

/// One line of `known-items.jsonl`.
#[derive(Serialize)]
struct ItemLine<'a> {
    lang: &'a str,
    year: u32,
    /// The report's file name without `.md` (and its page's folder).
    slug: &'a str,
    title: &'a str,
    title_words: &'a [String],
    /// For each title word, how many reports of the language hold it.
    title_word_documents: Vec<u32>,
    /// Each takeaway's words, with "," and "." where they fall.
    takeaways: &'a [Vec<String>],
}

/// The tail of `lang`, if it is a translation and tails are on.
pub fn tail_of<'a>(tails: Option<&'a [Tail]>, lang: &Language) -> Option<&'a Tail> {
    let i = TRANSLATIONS.iter().position(|l| l.code == lang.code)?;
    tails.map(|t| &t[i])
}
