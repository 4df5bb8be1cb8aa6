//! AR09's line model: the features of each line of a document, and gradient-boosted trees that score
//! them (`corpusclean.text.boilerplate_model` names the features and loads the trees;
//! `tools/train_boilerplate.py` learns them from these same features, so training and runs agree).

use std::collections::HashSet;
use std::sync::OnceLock;

use regex::Regex;

use crate::fingerprints::bare;

/// The number of features per line (`boilerplate_model.FEATURES`).
pub const FEATURES: usize = 29;
/// A line of this many words ending a sentence is prose: the main block is built from them.
const PROSE_WORDS: usize = 8;

const STOP_WORDS: &str = "a an the and or but if of to in on at by for with from as is are was were be \
been being it its this that these those he she they we you i his her their our your my me him them us not \
no so than then there here which who whom what when where why how all any some more most such can could \
would should will shall may might must do does did have has had into over under about after before \
between through during because while also only very just";
// Words of a page's widgets, not of articles' prose (general web vocabulary, not any one site's).
const WEB_WORDS: &str = "home login log sign subscribe share shares comment comments reply replies \
copyright privacy terms contact search menu navigation rss tweet facebook twitter instagram linkedin \
pinterest youtube posted tags tag categories category archive archives next previous prev older newer \
advertisement advertise cookie cookies email print related popular permalink register username password \
skip sitemap faq feedback newsletter follow like trackback embed loading";

struct Patterns {
    word: Regex,
    sentence_end: Regex,
    date: Regex,
    link: Regex,
    separators: Regex,
    stop: HashSet<&'static str>,
    web: HashSet<&'static str>,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| Patterns {
        word: Regex::new(r"[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*").expect("word pattern"),
        sentence_end: Regex::new(r#"[.!?…]["'”’)\]]*$"#).expect("sentence end pattern"),
        date: Regex::new(
            // ASCII word boundaries: Unicode ones keep the regex crate off its fast engines
            r"(?i)(?-u:\b)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?-u:\b)|(?-u:\b)\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*(?-u:\b)|(?-u:\b)\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?-u:\b)|(?-u:\b)\d{1,2}:\d{2}(?-u:\b)",
        )
        .expect("date pattern"),
        // an address or a Markdown link, not a name (`fark.com`)
        link: Regex::new(r"(?i)https?://|www\.|\]\(|\]\[").expect("link pattern"),
        separators: Regex::new(r"\s[|»›•·/>]\s|^\||\|$").expect("separator pattern"),
        stop: STOP_WORDS.split_whitespace().collect(),
        web: WEB_WORDS.split_whitespace().collect(),
    })
}

/// The run of lines with the most prose: the maximum-sum span where a prose line scores its words and
/// any other line -2 (Kadane); None when the document has no prose line.
fn main_block(counts: &[usize], prose: &[bool]) -> Option<(usize, usize)> {
    let (mut best, mut span, mut total, mut start) = (0i64, None, 0i64, 0usize);
    for (i, (&n, &is_prose)) in counts.iter().zip(prose).enumerate() {
        if total <= 0 {
            total = 0;
            start = i;
        }
        total += if is_prose { n as i64 } else { -2 };
        if total > best {
            best = total;
            span = Some((start, i));
        }
    }
    span
}

/// The features of each of a document's non-blank `lines`, in order; `shared[i]` is the corpus's part
/// for line i: (log of the number of other documents holding it, share of its site's other documents
/// holding it). The order is `boilerplate_model.FEATURES`.
pub fn features(lines: &[&str], shared: &[(f64, f64)]) -> Vec<[f64; FEATURES]> {
    let p = patterns();
    let bares: Vec<&str> = lines.iter().map(|line| bare(line)).collect();
    let tokens: Vec<Vec<&str>> = bares
        .iter()
        .map(|b| p.word.find_iter(b).map(|m| m.as_str()).collect())
        .collect();
    let counts: Vec<usize> = tokens.iter().map(Vec::len).collect();
    let ends: Vec<bool> = bares.iter().map(|b| p.sentence_end.is_match(b)).collect();
    let prose: Vec<bool> = counts
        .iter()
        .zip(&ends)
        .map(|(&n, &e)| n >= PROSE_WORDS && e)
        .collect();
    let block = main_block(&counts, &prose);
    let total = lines.len().max(1) as f64;
    let doc_words = (counts.iter().sum::<usize>() as f64).ln_1p();
    let last = lines.len().saturating_sub(1);
    (0..lines.len())
        .map(|i| {
            let (line, bare, toks, n) = (lines[i], bares[i], &tokens[i], counts[i]);
            let per_word = n.max(1) as f64;
            let lower: Vec<String> = toks.iter().map(|t| t.to_lowercase()).collect();
            let window: Vec<usize> = (i.saturating_sub(3)..(i + 4).min(lines.len()))
                .filter(|&j| j != i)
                .map(|j| counts[j])
                .collect();
            let distance = match block {
                Some((first, end)) if (first..=end).contains(&i) => 0.0,
                Some((first, end)) => i.abs_diff(first).min(i.abs_diff(end)) as f64,
                None => total,
            };
            let chars = bare.chars().count().max(1) as f64;
            let capitalised = toks
                .iter()
                .filter(|t| t.chars().next().is_some_and(char::is_uppercase))
                .count();
            let all_caps =
                n >= 2 && bare.to_uppercase() == bare && bare.chars().any(char::is_alphabetic);
            let web = lower.iter().filter(|t| p.web.contains(t.as_str())).count();
            let (corpus, site) = shared.get(i).copied().unwrap_or((0.0, 0.0));
            [
                1.0,
                (n as f64).ln_1p(),
                flag(n <= 1),
                flag((2..=3).contains(&n)),
                flag((4..=7).contains(&n)),
                flag(ends[i]),
                flag(bare.ends_with(':')),
                (bare.matches(',').count() + bare.matches('.').count()) as f64 / per_word,
                capitalised as f64 / per_word,
                flag(all_caps),
                lower.iter().filter(|t| p.stop.contains(t.as_str())).count() as f64 / per_word,
                bare.chars().filter(|c| c.is_numeric()).count() as f64 / chars,
                flag(p.date.is_match(bare)),
                flag(p.link.is_match(line)),
                flag(line.contains("![")),
                flag(bare != line.trim()),
                flag(p.separators.is_match(bare)),
                web.min(3) as f64 / 3.0,
                window.iter().filter(|&&c| c <= 4).count() as f64 / window.len().max(1) as f64,
                flag(i > 0 && ends[i - 1]),
                flag(i < last && ends[i + 1]),
                i as f64 / total,
                flag(i.min(last - i) <= 2),
                flag(block.is_some_and(|(first, end)| (first..=end).contains(&i))),
                distance.ln_1p(),
                doc_words,
                corpus,
                site,
                flag(site > 0.0) * flag(n <= 3),
            ]
        })
        .collect()
}

/// Feature indexes of the signs only a page's widgets carry: a link, an image (list, table and heading
/// marks, and separators such as ` | `, are no sign: a table of results in plain text has them).
const SIGNS: [usize; 2] = [13, 14];
const WEB_WORDS_FEATURE: usize = 17;
const SITE_SHARE: usize = 27;
const WORDS: usize = 1;
/// Web words are a sign on a widget-sized line only (`Home`, `Share this`, `Next page`): in a sentence
/// they are English (`Next up is the drum dance`, `a home button`).
const WIDGET_WORDS: f64 = 4.0;

/// Whether a line carries a sign of a web page: a link, an image, web words on a line of four words or
/// fewer, or being in `template` of its site's documents or more (other documents of the corpus sharing
/// it is no sign: a league table's headings repeat too). A line without a word is none (`* * *`, a
/// table's `|---|---|` row).
pub fn sign(row: &[f64; FEATURES], template: f64) -> bool {
    let widget = row[WEB_WORDS_FEATURE] > 0.0 && row[WORDS] <= WIDGET_WORDS.ln_1p() + 1e-9;
    row[WORDS] > 0.0
        && (SIGNS.iter().any(|&j| row[j] > 0.0) || widget || row[SITE_SHARE] >= template)
}

fn flag(value: bool) -> f64 {
    if value {
        1.0
    } else {
        0.0
    }
}

/// One tree as arrays over its node ids (children of n: 2n+1 when below the cut, 2n+2 otherwise): the
/// feature each node splits on (None for a leaf) with its cut, and each node's value.
pub struct Tree {
    pub split: Vec<Option<(usize, f64)>>,
    pub value: Vec<f64>,
}

/// Gradient-boosted trees on the logistic loss.
pub struct Forest {
    pub base: f64,
    pub trees: Vec<Tree>,
}

impl Tree {
    /// The leaf a row ends in.
    fn leaf(&self, row: &[f64]) -> usize {
        let mut node = 0;
        while let Some(Some((feature, cut))) = self.split.get(node) {
            node = if row[*feature] < *cut {
                2 * node + 1
            } else {
                2 * node + 2
            };
        }
        node
    }

    /// The nodes a row passes through, root first, leaf last.
    fn path(&self, row: &[f64]) -> Vec<usize> {
        let mut node = 0;
        let mut path = vec![0];
        while let Some(Some((feature, cut))) = self.split.get(node) {
            node = if row[*feature] < *cut {
                2 * node + 1
            } else {
                2 * node + 2
            };
            path.push(node);
        }
        path
    }
}

impl Forest {
    pub fn probability(&self, row: &[f64]) -> f64 {
        let z: f64 = self.base
            + self
                .trees
                .iter()
                .map(|tree| tree.value.get(tree.leaf(row)).copied().unwrap_or(0.0))
                .sum::<f64>();
        1.0 / (1.0 + (-z.clamp(-60.0, 60.0)).exp())
    }

    /// The features that pushed this row most towards boilerplate, strongest first: each split credits
    /// its feature with the change of value from the node to the child the row takes.
    pub fn reasons(&self, row: &[f64], top: usize) -> Vec<usize> {
        let mut credit = vec![0.0; FEATURES];
        for tree in &self.trees {
            let path = tree.path(row);
            for pair in path.windows(2) {
                if let Some(Some((feature, _))) = tree.split.get(pair[0]) {
                    let value = |n: usize| tree.value.get(n).copied().unwrap_or(0.0);
                    credit[*feature] += value(pair[1]) - value(pair[0]);
                }
            }
        }
        let mut order: Vec<usize> = (0..FEATURES).filter(|&j| credit[j] > 0.0).collect();
        order.sort_by(|&a, &b| credit[b].total_cmp(&credit[a]));
        order.truncate(top);
        order
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_main_block_is_the_longest_run_of_prose() {
        let counts = [1, 12, 10, 1, 15, 1, 1, 1, 1];
        let prose = [false, true, true, false, true, false, false, false, false];
        assert_eq!(main_block(&counts, &prose), Some((1, 4)));
        assert_eq!(main_block(&[1, 2], &[false, false]), None);
    }

    #[test]
    fn features_read_shape_marks_and_neighbours() {
        let lines = [
            "* [Home](/)",
            "Floods hit the valley on Monday after three days of rain, the agency said.",
        ];
        let rows = features(&lines, &[(0.0, 1.0), (0.0, 0.0)]);
        assert_eq!(rows.len(), 2);
        let menu = &rows[0];
        assert_eq!(
            (menu[2], menu[13], menu[15], menu[17]),
            (1.0, 1.0, 1.0, 1.0 / 3.0)
        );
        assert_eq!((menu[27], menu[28]), (1.0, 1.0));
        assert!(sign(menu, 0.5) && !sign(&rows[1], 0.5));
        let marks = features(&["* * *", "|---|---|"], &[(0.0, 1.0), (0.0, 1.0)]);
        assert!(!sign(&marks[0], 0.5) && !sign(&marks[1], 0.5));
        let table = features(&["| Leeds | 3 | 9 |"], &[(0.0, 0.0)]);
        assert!(!sign(&table[0], 0.5));
        let web = features(
            &[
                "Share this",
                "Next up is the drum dance with adorable drums",
            ],
            &[(0.0, 0.0); 2],
        );
        assert!(sign(&web[0], 0.5) && !sign(&web[1], 0.5));
        let prose = &rows[1];
        assert_eq!((prose[5], prose[13], prose[23]), (1.0, 0.0, 1.0));
        assert_eq!(menu[20], 1.0); // the line after ends a sentence
    }

    #[test]
    fn trees_score_and_credit_the_features_on_the_path() {
        let tree = Tree {
            split: vec![Some((1, 0.5)), None, None],
            value: vec![0.0, -2.0, 2.0],
        };
        let forest = Forest {
            base: 0.0,
            trees: vec![tree],
        };
        let mut row = [0.0; FEATURES];
        row[1] = 0.9;
        assert!((forest.probability(&row) - 1.0 / (1.0 + (-2.0f64).exp())).abs() < 1e-12);
        assert_eq!(forest.reasons(&row, 3), vec![1]);
        row[1] = 0.1;
        assert!(forest.probability(&row) < 0.5);
        assert!(forest.reasons(&row, 3).is_empty());
    }
}
