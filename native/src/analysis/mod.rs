//! Format → regions. Each format module returns the non-prose regions it knows (byte offsets); the
//! plain-text scan then marks URLs, e-mails, handles, paths and code-like tokens inside what is left.

pub mod html;
pub mod markdown;
pub mod plain;
pub mod rst;

use crate::lang::{detect_blocks, LangGuess};

/// What a non-prose region holds. Prose is everything not covered by a region.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Fenced, indented or literal code blocks; `<pre>`/`<script>`/`<style>` contents.
    Code,
    /// Inline code spans (`` `x` ``, ``` ``x`` ```), reST inline literals, roles.
    InlineCode,
    /// URLs, autolinks, link destinations and titles, e-mail addresses.
    Url,
    /// HTML blocks, inline tags and their attributes, HTML comments.
    Html,
    /// YAML (`---`) or TOML (`+++`) front matter.
    FrontMatter,
    /// Directives and extension syntax: MkDocs admonition openers, includes, template tags, reST
    /// directives and their options, targets, substitutions, reference definitions, attribute lists.
    Directive,
    /// `$...$`, `$$...$$`, `\(...\)` math.
    Math,
    /// Code-like tokens in prose: `snake_case`, `camelCase`, `f(x)`, `--flag`, `a.b.c`, paths, handles.
    Token,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Code => "code",
            Kind::InlineCode => "inline-code",
            Kind::Url => "url",
            Kind::Html => "html",
            Kind::FrontMatter => "front-matter",
            Kind::Directive => "directive",
            Kind::Math => "math",
            Kind::Token => "token",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Region {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

impl Region {
    pub fn new(kind: Kind, start: usize, end: usize) -> Self {
        Region { start, end, kind }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Plain,
    Markdown,
    Rst,
    Html,
}

impl Format {
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "plain" | "text" | "txt" => Some(Format::Plain),
            "markdown" | "md" => Some(Format::Markdown),
            "rst" | "restructuredtext" => Some(Format::Rst),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Plain => "plain",
            Format::Markdown => "markdown",
            Format::Rst => "rst",
            Format::Html => "html",
        }
    }
}

/// A prose block (a paragraph: prose between blank lines or block boundaries) and its language.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub start: usize,
    pub end: usize,
    pub lang: LangGuess,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    pub format: Format,
    /// Non-prose regions, sorted by start, never overlapping (merged).
    pub regions: Vec<Region>,
    /// Prose blocks with their language, in text order.
    pub blocks: Vec<Block>,
    /// The language of the document's prose as a whole.
    pub lang: LangGuess,
}

/// `(start, next)` of each line of `text`: `next` is past its line break (or at the end of the text).
pub fn line_bounds(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        (start < bytes.len()).then(|| {
            let next =
                memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i + 1);
            let line = (start, next);
            start = next;
            line
        })
    })
}

pub fn analyze(text: &str, format: Format) -> Analysis {
    let mut regions = match format {
        Format::Plain => Vec::new(),
        Format::Markdown => markdown::regions(text),
        Format::Rst => rst::regions(text),
        Format::Html => html::regions(text),
    };
    regions = normalize(regions);
    let tokens = plain::regions_in_prose(text, &regions);
    regions.extend(tokens);
    let regions = normalize(regions);
    let (blocks, lang) = detect_blocks(text, &regions);
    Analysis {
        format,
        regions,
        blocks,
        lang,
    }
}

/// Sorted, merged regions: overlapping or nested regions become one, keeping the kind of the region that
/// starts first (the outer one, for nested regions).
pub fn normalize(mut regions: Vec<Region>) -> Vec<Region> {
    regions.retain(|r| r.end > r.start);
    regions.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<Region> = Vec::with_capacity(regions.len());
    for region in regions {
        match out.last_mut() {
            Some(last) if region.start < last.end => last.end = last.end.max(region.end),
            _ => out.push(region),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_and_overlapping_regions_merge_into_the_outer_kind() {
        let merged = normalize(vec![
            Region::new(Kind::InlineCode, 5, 8),
            Region::new(Kind::Code, 0, 10),
            Region::new(Kind::Url, 9, 12),
            Region::new(Kind::Html, 20, 20),
        ]);
        assert_eq!(merged, vec![Region::new(Kind::Code, 0, 12)]);
    }
}
