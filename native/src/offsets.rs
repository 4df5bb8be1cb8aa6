//! Byte offsets (inside the crate) to code-point offsets (Python's `str` indices), converted once per
//! document in one walk over the text.

/// Code-point indices of `positions` (byte offsets on char boundaries, any order) in `text`.
pub fn char_indices(text: &str, positions: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..positions.len()).collect();
    order.sort_unstable_by_key(|&i| positions[i]);
    let mut out = vec![0; positions.len()];
    let bytes = text.as_bytes();
    let (mut byte, mut chars) = (0usize, 0usize);
    for i in order {
        let target = positions[i].min(bytes.len());
        while byte < target {
            // A UTF-8 continuation byte (0b10xxxxxx) does not start a code point.
            if bytes[byte] & 0xC0 != 0x80 {
                chars += 1;
            }
            byte += 1;
        }
        out[i] = chars;
    }
    out
}

/// Byte offsets of the code-point indices `positions` (any order) in `text`; past the end, its length.
pub fn byte_indices(text: &str, positions: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..positions.len()).collect();
    order.sort_unstable_by_key(|&i| positions[i]);
    let mut out = vec![text.len(); positions.len()];
    let mut chars = text
        .char_indices()
        .map(|(byte, _)| byte)
        .enumerate()
        .peekable();
    for i in order {
        while let Some(&(index, byte)) = chars.peek() {
            if index == positions[i] {
                out[i] = byte;
                break;
            }
            chars.next();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multibyte_characters_and_crlf_count_as_python_indices() {
        let text = "é\r\n€x𝄞y";
        let byte_of = |c: char| text.find(c).unwrap();
        let got = char_indices(
            text,
            &[byte_of('y'), 0, byte_of('x'), text.len(), byte_of('\n')],
        );
        assert_eq!(got, vec![6, 0, 4, 7, 2]);
    }

    #[test]
    fn code_point_indices_back_to_bytes() {
        let text = "é\r\n€x𝄞y";
        assert_eq!(
            byte_indices(text, &[6, 0, 4, 7, 2, 99]),
            vec![12, 0, 7, 13, 3, 13]
        );
        assert_eq!(char_indices(text, &byte_indices(text, &[5, 3])), vec![5, 3]);
    }
}
