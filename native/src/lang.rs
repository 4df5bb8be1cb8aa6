//! The language of a document's prose and of each of its paragraphs (whatlang: trigram profiles for 69
//! languages, no model files, fast enough to run on every paragraph).
//!
//! A paragraph too short to judge takes the document's language; a document too short to judge is
//! `und` (undetermined) and Python decides what that means (the configured default language).

use std::sync::OnceLock;

use regex::Regex;
use whatlang::{Detector, Script};

use crate::analysis::{Block, Region};

/// Fewer letters than this say too little about a language (whatlang mistakes short English often).
pub const MIN_LETTERS: usize = 60;
/// A document's first guess is taken as its language from this many letters on: a two-line note whose
/// mojibake reads as French is not judged French (and then English once the mojibake is repaired).
pub const DOCUMENT_MIN_LETTERS: usize = 200;
/// ... or, between MIN_LETTERS and that, when whatlang's lead is at least this clear.
pub const DOCUMENT_MIN_CONFIDENCE: f64 = 0.5;
/// A document's language is judged on at most this many bytes of prose, sampled across it.
const SAMPLE_BYTES: usize = 24_000;
/// A paragraph's language is judged on at most its first this many bytes of prose.
const PARAGRAPH_BYTES: usize = 4_000;
/// whatlang (~2 MB/s) reads at most this many bytes of a paragraph or sample: enough to tell a language.
const DETECT_BYTES: usize = 1_000;

#[derive(Clone, Debug, PartialEq)]
pub struct LangGuess {
    /// ISO 639-3 code (`eng`, `spa`, ...) or `und`.
    pub lang: &'static str,
    /// Unicode script name (`Latin`, `Cyrillic`, ...) or `und`.
    pub script: &'static str,
    pub confidence: f64,
    /// whatlang's own judgement that the guess is reliable, and enough letters to trust it.
    pub reliable: bool,
    /// True when the paragraph was too short and took the document's language.
    pub inherited: bool,
}

impl LangGuess {
    pub fn undetermined() -> Self {
        LangGuess {
            lang: "und",
            script: "und",
            confidence: 0.0,
            reliable: false,
            inherited: false,
        }
    }
}

fn blank_line() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| Regex::new(r"\n[ \t]*\r?\n").expect("blank-line pattern compiles"))
}

/// Paragraph boundaries: blank lines and regions that span lines (code blocks, front matter, HTML
/// blocks, directives).
fn paragraphs(text: &str, regions: &[Region]) -> Vec<(usize, usize)> {
    let mut breaks: Vec<(usize, usize)> = blank_line()
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    breaks.extend(
        regions
            .iter()
            .filter(|r| text[r.start..r.end].contains('\n'))
            .map(|r| (r.start, r.end)),
    );
    breaks.sort_unstable();
    let mut out = Vec::new();
    let mut from = 0;
    for (start, end) in breaks
        .into_iter()
        .chain(std::iter::once((text.len(), text.len())))
    {
        if start > from {
            out.push((from, start));
        }
        from = from.max(end);
    }
    out
}

/// The prose of `text[start..end]`: the parts no region covers, joined by spaces.
fn prose_of(
    text: &str,
    start: usize,
    end: usize,
    regions: &[Region],
    limit: usize,
    out: &mut String,
) {
    let first = regions.partition_point(|r| r.end <= start);
    let mut from = start;
    for region in regions[first..].iter().take_while(|r| r.start < end) {
        push_limited(out, &text[from..region.start.max(from)], limit);
        from = from.max(region.end);
    }
    if from < end {
        push_limited(out, &text[from..end], limit);
    }
}

fn push_limited(out: &mut String, piece: &str, limit: usize) {
    if out.len() >= limit || piece.is_empty() {
        return;
    }
    let mut cut = piece.len().min(limit - out.len());
    while !piece.is_char_boundary(cut) {
        cut -= 1;
    }
    out.push_str(&piece[..cut]);
    out.push(' ');
}

/// A script's name with a static lifetime (whatlang's `name` borrows the value).
fn static_name(script: Script) -> &'static str {
    Script::all()
        .iter()
        .find(|s| **s == script)
        .map_or("und", |s| s.name())
}

fn letters(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphabetic()).count()
}

/// English function words that are not common words of the other languages whatlang confuses English
/// with (`in`, `is`, `was`, `on`, `a` are: Dutch, German, French, Italian).
fn is_english_function_word(word: &str) -> bool {
    if word.len() > 6 || !word.is_ascii() {
        return false;
    }
    let mut lower = [0u8; 6];
    for (slot, byte) in lower.iter_mut().zip(word.bytes()) {
        *slot = byte.to_ascii_lowercase();
    }
    matches!(
        &lower[..word.len()],
        b"the"
            | b"and"
            | b"of"
            | b"to"
            | b"that"
            | b"with"
            | b"this"
            | b"it"
            | b"are"
            | b"be"
            | b"have"
            | b"has"
            | b"from"
            | b"which"
            | b"they"
            | b"you"
            | b"not"
            | b"by"
            | b"at"
            | b"been"
            | b"were"
            | b"would"
            | b"will"
            | b"their"
            | b"what"
            | b"when"
            | b"can"
            | b"but"
            | b"for"
            | b"its"
            | b"our"
            | b"we"
            | b"he"
            | b"she"
            | b"his"
            | b"her"
            | b"there"
            | b"these"
            | b"those"
            | b"should"
    )
}
/// A share of English function words that no paragraph of another language reaches.
const ENGLISH_SHARE: f64 = 0.15;
const ENGLISH_MIN_WORDS: usize = 8;

/// Whether `prose` is English by its function words: whatlang's trigrams mistake English full of
/// names, jargon or mojibake (`doesnÃ¢â‚¬â„¢t`) for Portuguese or Latin; its `the`/`and`/`of` do not lie.
fn english_by_function_words(prose: &str) -> bool {
    let mut words = 0usize;
    let mut function = 0usize;
    // One-letter words are left out: mojibake (`doesnÃ¢â‚¬â„¢t`) and clitics (`doesn’t`) split into them.
    for word in prose
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().nth(1).is_some())
    {
        words += 1;
        function += usize::from(is_english_function_word(word));
    }
    words >= ENGLISH_MIN_WORDS && function as f64 >= ENGLISH_SHARE * words as f64
}

fn guess(detector: &Detector, prose: &str) -> LangGuess {
    // English prose, the common case, is told by its function words at a fraction of whatlang's cost.
    if english_by_function_words(prose) {
        return LangGuess {
            lang: "eng",
            script: "Latin",
            confidence: 1.0,
            reliable: letters(prose) >= MIN_LETTERS,
            inherited: false,
        };
    }
    let prose = truncated(prose, DETECT_BYTES);
    let script = whatlang::detect_script(prose);
    let script_name = script.map_or("und", static_name);
    let mut guess = match detector.detect(prose) {
        Some(info) => LangGuess {
            lang: info.lang().code(),
            script: script_name,
            confidence: info.confidence(),
            reliable: info.is_reliable() && letters(prose) >= MIN_LETTERS,
            inherited: false,
        },
        None => LangGuess {
            script: script_name,
            ..LangGuess::undetermined()
        },
    };
    if guess.lang != "eng" && script == Some(Script::Latin) && english_by_function_words(prose) {
        guess.lang = "eng";
    }
    guess
}

/// At most `limit` bytes of `text`, cut at a character boundary.
fn truncated(text: &str, limit: usize) -> &str {
    let mut cut = text.len().min(limit);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    &text[..cut]
}

/// Prose blocks with their language, and the document's language.
pub fn detect_blocks(text: &str, regions: &[Region]) -> (Vec<Block>, LangGuess) {
    let detector = Detector::new();
    let mut blocks = Vec::new();
    let mut prose_texts = Vec::new();
    for (start, end) in paragraphs(text, regions) {
        let mut prose = String::new();
        prose_of(text, start, end, regions, PARAGRAPH_BYTES, &mut prose);
        if prose.chars().any(char::is_alphabetic) {
            blocks.push(Block {
                start,
                end,
                lang: LangGuess::undetermined(),
            });
            prose_texts.push(prose);
        }
    }
    let sampled = sample(&prose_texts);
    let mut document = guess(&detector, &sampled);
    // Over a whole document, whatlang's first choice is right even when it hesitates between neighbours
    // (Dutch judged Italian or German at confidence 0.2 is still not English): with enough letters the
    // document's guess is taken as it is.
    let enough = letters(&sampled);
    document.reliable = document.lang != "und"
        && (document.reliable
            || enough >= DOCUMENT_MIN_LETTERS
            || (enough >= MIN_LETTERS && document.confidence >= DOCUMENT_MIN_CONFIDENCE));
    for (block, prose) in blocks.iter_mut().zip(&prose_texts) {
        let own = (letters(prose) >= MIN_LETTERS).then(|| guess(&detector, prose));
        // A paragraph departs from its document's language only when whatlang is sure of it, or when it is
        // written in another script (which is never in doubt).
        block.lang = match own {
            // agreeing with its document, a paragraph is as sure of its language as the document is
            Some(guess) if guess.lang == document.lang => LangGuess {
                reliable: guess.reliable || document.reliable,
                ..guess
            },
            Some(guess) if guess.reliable || guess.script != document.script => guess,
            _ => LangGuess {
                inherited: true,
                ..document.clone()
            },
        };
        // A script other than the document's is plain to see even in a short paragraph.
        if block.lang.inherited {
            if let Some(script) = whatlang::detect_script(prose) {
                if static_name(script) != document.script && script != Script::Latin {
                    block.lang = LangGuess {
                        lang: "und",
                        script: static_name(script),
                        confidence: 0.0,
                        reliable: false,
                        inherited: false,
                    };
                }
            }
        }
    }
    (blocks, document)
}

/// Up to SAMPLE_BYTES of the document's prose, taken from paragraphs spread evenly across it.
fn sample(paragraphs: &[String]) -> String {
    let total: usize = paragraphs.iter().map(String::len).sum();
    let step = total.div_ceil(SAMPLE_BYTES).max(1);
    let mut out = String::new();
    for prose in paragraphs.iter().step_by(step) {
        push_limited(&mut out, prose, SAMPLE_BYTES);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Kind;

    const ENGLISH: &str = "The council met on Monday and agreed a budget for the coming year, \
        after a long debate about schools, roads and the new library in the town centre.";
    const SPANISH: &str =
        "El consejo se reunió el lunes y aprobó un presupuesto para el próximo año, \
        después de un largo debate sobre las escuelas, las carreteras y la nueva biblioteca.";
    const GERMAN: &str = "Der Rat hat sich am Montag getroffen und nach einer langen Debatte über \
        Schulen, Straßen und die neue Bibliothek einen Haushalt für das kommende Jahr beschlossen.";

    #[test]
    fn each_paragraph_gets_its_language() {
        let text = format!("{ENGLISH}\n\n{SPANISH}\n\n{ENGLISH}\n\n{GERMAN}\n");
        let (blocks, doc) = detect_blocks(&text, &[]);
        let langs: Vec<_> = blocks.iter().map(|b| b.lang.lang).collect();
        assert_eq!(langs, vec!["eng", "spa", "eng", "deu"]);
        assert_eq!(doc.lang, "eng");
        assert!(blocks.iter().all(|b| b.lang.reliable));
    }

    #[test]
    fn english_with_mojibake_and_names_stays_english() {
        let prose =
            "Succesffully recieved, the teh report\r\nThe Mona Lisa doesnÃ¢â‚¬â„¢t have eyebrows.";
        assert_eq!(guess(&Detector::new(), prose).lang, "eng");
        assert!(!english_by_function_words(SPANISH) && !english_by_function_words(GERMAN));
    }

    #[test]
    fn a_document_is_its_first_guess_and_a_paragraph_departs_only_when_sure() {
        let dutch =
            "De regering heeft gisteren besloten om de belastingen op brandstof te verlagen, \
            nadat de prijzen maandenlang waren gestegen en veel automobilisten klaagden.";
        let (blocks, doc) = detect_blocks(dutch, &[]);
        assert!(
            blocks[0].lang.reliable,
            "its paragraph agrees, and is as sure: {:?}",
            blocks[0]
        );
        assert_ne!(doc.lang, "eng");
        assert!(
            doc.reliable,
            "a document with enough letters is judged: {doc:?}"
        );
        let text =
            format!("{ENGLISH}\n\nGoal! Goal! Goal! Rooney, Gerrard, Lampard, Terry, Cole.\n");
        let (blocks, _) = detect_blocks(&text, &[]);
        assert_eq!(blocks[1].lang.lang, "eng");
    }

    #[test]
    fn short_paragraphs_take_the_documents_language() {
        let text = format!("Install\n\n{ENGLISH}\n");
        let (blocks, doc) = detect_blocks(&text, &[]);
        assert_eq!(blocks[0].lang.lang, doc.lang);
        assert!(blocks[0].lang.inherited);
    }

    #[test]
    fn another_script_shows_even_in_a_short_paragraph() {
        let text = format!("{ENGLISH}\n\nПривет, мир\n");
        let (blocks, _) = detect_blocks(&text, &[]);
        assert_eq!(blocks[1].lang.script, "Cyrillic");
        assert_eq!(blocks[1].lang.lang, "und");
    }

    #[test]
    fn code_regions_split_paragraphs_and_are_not_judged() {
        let text = format!("{ENGLISH}\n```\nfn main() {{}}\n```\n{ENGLISH}");
        let start = text.find("```").unwrap();
        let end = text.rfind("```").unwrap() + 3;
        let (blocks, _) = detect_blocks(&text, &[Region::new(Kind::Code, start, end)]);
        assert_eq!(blocks.len(), 2);
        assert!(blocks[0].end <= start && blocks[1].start >= end);
    }
}
