//! Edge zones: the first or last N non-blank lines of a document, where scraping leaves its labels and
//! credits. The Python reference is `corpusclean.text.lines.edge_region`; a line is blank as Python's
//! `str.strip` sees it, and lines break at `\r\n`, `\n` or `\r`.

/// Python's `str.isspace` for one character: Unicode White_Space, and the information separators
/// U+001C..U+001F, which Python counts as white space too.
pub fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Each line as (start, end of its text, start of the next line), byte offsets; a final line without a
/// break is included, an empty tail after the last break is not.
pub fn lines(text: &str) -> Vec<(usize, usize, usize)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let end =
            memchr::memchr2(b'\r', b'\n', &bytes[start..]).map_or(bytes.len(), |at| start + at);
        let next = match bytes.get(end) {
            Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
            Some(_) => end + 1,
            None => end,
        };
        found.push((start, end, next));
        start = next;
    }
    found
}

/// The byte range of the zone: `top` from the start of the text to the end of its `count`-th non-blank
/// line (line break included), `bottom` from the start of the `count`-th non-blank line from the end,
/// `any` the whole text.
pub fn edge_zone(text: &str, zone: &str, count: usize) -> (usize, usize) {
    let filled = || {
        lines(text)
            .into_iter()
            .filter(|&(start, end, _)| !text[start..end].chars().all(is_python_space))
    };
    match zone {
        "top" => (
            0,
            filled().take(count).last().map_or(0, |(_, _, next)| next),
        ),
        "bottom" => {
            let all: Vec<_> = filled().collect();
            let first = all.len().saturating_sub(count);
            (
                all.get(first).map_or(text.len(), |&(start, _, _)| start),
                text.len(),
            )
        }
        _ => (0, text.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_count_non_blank_lines_from_either_edge() {
        let text = "\n Updated \r\n\r\nBody one.\rBody two.\n \u{1c}\nCredit.";
        assert_eq!(edge_zone(text, "top", 1), (0, 12));
        assert_eq!(edge_zone(text, "top", 2), (0, 24));
        assert_eq!(edge_zone(text, "bottom", 1), (text.len() - 7, text.len()));
        assert_eq!(edge_zone(text, "bottom", 9), (1, text.len()));
        assert_eq!(edge_zone(text, "any", 1), (0, text.len()));
        assert_eq!(edge_zone(" \n\n", "top", 3), (0, 0));
        assert_eq!(edge_zone(" \n\n", "bottom", 3), (3, 3));
    }

    #[test]
    fn lines_break_as_python_reads_them() {
        assert_eq!(
            lines("a\r\nb\rc\n\nd"),
            vec![(0, 1, 3), (3, 4, 5), (5, 6, 7), (7, 7, 8), (8, 9, 9)]
        );
        assert!(lines("").is_empty());
        assert_eq!(lines("x\n"), vec![(0, 1, 2)]);
    }
}
