//! The error codes of one service version, from the official Python SDK's
//! `tencentcloud/<service>/v<YYYYMMDD>/errorcodes.py`.
//!
//! The file is a license header, then one assignment per code with its
//! description in the comment line(s) above:
//!
//! ```text
//! # CAM signature/authentication error.
//! AUTHFAILURE = 'AuthFailure'
//! ```
//!
//! Accepted variations: comments of several lines (joined with `\n`), blank
//! lines between a comment and its assignment (vpc 2017-03-12 has one),
//! codes without a comment (empty description), double-quoted strings, a
//! trailing `# comment` after the string, `\r\n` line ends and a byte-order
//! mark. A comment block separated from the next one by a blank line
//! belongs to no code; the comment block that opens the file (the license
//! header) is never a description unless an assignment follows it directly.
//! Any other line is an error naming its line number, so that a change of
//! format is noticed rather than read as "no codes".

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// A line of `errorcodes.py` that is not a comment, blank or `NAME = 'Code'`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct SyntaxError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Reading an `errorcodes.py` failed.
#[derive(Debug, thiserror::Error)]
pub enum ErrorCodesError {
    /// The file could not be read (missing, unreadable, not UTF-8).
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A line could not be understood.
    #[error("{}:{}: {}", path.display(), error.line, error.message)]
    Syntax {
        /// The file.
        path: PathBuf,
        /// Which line and why.
        error: SyntaxError,
    },
}

/// Reads an `errorcodes.py`: `(code, description)` pairs in file order, see
/// [`parse_error_codes`].
pub fn read_error_codes(path: &Path) -> Result<Vec<(String, String)>, ErrorCodesError> {
    let text = std::fs::read_to_string(path).map_err(|source| ErrorCodesError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_error_codes(&text).map_err(|error| ErrorCodesError::Syntax {
        path: path.to_path_buf(),
        error,
    })
}

/// Parses the text of an `errorcodes.py` into `(code, description)` pairs,
/// e.g. `("AuthFailure", "CAM signature/authentication error.")`, in file
/// order. A code listed twice keeps its first entry. Descriptions are
/// trimmed; a code without a comment has an empty description.
pub fn parse_error_codes(text: &str) -> Result<Vec<(String, String)>, SyntaxError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut codes = Vec::new();
    let mut seen = HashSet::new();
    // The comment block being collected, its first line, and whether a blank
    // line followed it.
    let mut block: Vec<&str> = Vec::new();
    let mut block_start = 0;
    let mut blank_after_block = false;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if !block.is_empty() {
                if block_start == 1 {
                    // The file header.
                    block.clear();
                } else {
                    blank_after_block = true;
                }
            }
            continue;
        }
        if let Some(comment) = trimmed.strip_prefix('#') {
            if blank_after_block || block.is_empty() {
                block.clear();
                blank_after_block = false;
                block_start = number;
            }
            block.push(comment.trim());
            continue;
        }
        let code = parse_assignment(trimmed).map_err(|message| SyntaxError {
            line: number,
            message,
        })?;
        let description = block.join("\n").trim().to_owned();
        block.clear();
        blank_after_block = false;
        if seen.insert(code.clone()) {
            codes.push((code, description));
        }
    }
    Ok(codes)
}

/// Parses `NAME = 'Code.Sub'` (or double quotes, an optional `u`/`r`
/// prefix, and a trailing comment) and returns the code.
fn parse_assignment(line: &str) -> Result<String, String> {
    let expected = || format!("expected `NAME = 'Code'`, found {line:?}");
    let (name, value) = line.split_once('=').ok_or_else(expected)?;
    let name = name.trim();
    let mut chars = name.chars();
    let identifier = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !identifier {
        return Err(expected());
    }
    let value = value.trim_start();
    let (raw, value) = match value.as_bytes().first() {
        Some(b'r' | b'R') => (true, &value[1..]),
        Some(b'u' | b'U') => (false, &value[1..]),
        _ => (false, value),
    };
    let quote = match value.chars().next() {
        Some(q @ ('\'' | '"')) => q,
        _ => return Err(expected()),
    };
    if value.starts_with(&format!("{quote}{quote}{quote}")) {
        return Err(format!("triple-quoted strings are not supported: {line:?}"));
    }
    let mut code = String::new();
    let mut rest = None;
    let mut chars = value.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        if c == quote {
            rest = Some(&value[i + c.len_utf8()..]);
            break;
        }
        if c == '\\' {
            match chars.next() {
                Some((_, escaped)) if !raw && matches!(escaped, '\\' | '\'' | '"') => {
                    code.push(escaped)
                }
                Some((_, other)) => {
                    code.push('\\');
                    code.push(other);
                }
                None => code.push('\\'),
            }
            continue;
        }
        code.push(c);
    }
    let rest = rest.ok_or_else(|| format!("unterminated string: {line:?}"))?;
    let rest = rest.trim();
    if !rest.is_empty() && !rest.starts_with('#') {
        return Err(format!("unexpected text after the string: {line:?}"));
    }
    if code.trim().is_empty() {
        return Err(format!("empty error code: {line:?}"));
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "# -*- coding: utf8 -*-\n# Copyright (c) 2017-2025 Tencent. All Rights Reserved.\n#\n# Licensed under the Apache License, Version 2.0 (the \"License\");\n# limitations under the License.\n\n\n";

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn reads_the_usual_shape() {
        let text = format!(
            "{HEADER}# The current account does not exist.\nACCOUNTNOTEXIST = 'AccountNotExist'\n\n# CAM signature/authentication error.\nAUTHFAILURE = 'AuthFailure'\n\n#   Authentication failed.  \nAUTHFAILURE_UNAUTHORIZEDOPERATION = 'AuthFailure.UnauthorizedOperation'\n"
        );
        assert_eq!(
            parse_error_codes(&text).unwrap(),
            pairs(&[
                ("AccountNotExist", "The current account does not exist."),
                ("AuthFailure", "CAM signature/authentication error."),
                (
                    "AuthFailure.UnauthorizedOperation",
                    "Authentication failed."
                ),
            ])
        );
    }

    #[test]
    fn header_is_not_a_description() {
        // The first code has no comment: it must not take the license.
        let text = format!("{HEADER}A = 'A'\n# b\nB = 'B'\n");
        assert_eq!(
            parse_error_codes(&text).unwrap(),
            pairs(&[("A", ""), ("B", "b")])
        );
    }

    #[test]
    fn comment_on_first_line_directly_above_is_a_description() {
        assert_eq!(
            parse_error_codes("# first\nA = 'A'").unwrap(),
            pairs(&[("A", "first")])
        );
    }

    #[test]
    fn variations() {
        let text = format!(
            "{HEADER}# Line one.\n# Line two.\nMULTI = 'Multi.Line'\n\n# Blank line below.\n\nGAP = \"Gap.Quoted\"\n\nNOCOMMENT = 'No.Comment'  # trailing\n# orphan\n\n# the real one\nX = u'X'\r\n#\nEMPTY = 'Empty'\n# first\nDUP = 'Multi.Line'\n"
        );
        assert_eq!(
            parse_error_codes(&text).unwrap(),
            pairs(&[
                ("Multi.Line", "Line one.\nLine two."),
                ("Gap.Quoted", "Blank line below."),
                ("No.Comment", ""),
                ("X", "the real one"),
                ("Empty", ""),
            ])
        );
    }

    #[test]
    fn escapes_and_bom() {
        assert_eq!(
            parse_error_codes("\u{feff}A = 'It\\'s'\nB = \"a'b\"\nC = r'a\\'b'").unwrap(),
            pairs(&[("It's", ""), ("a'b", ""), ("a\\'b", "")])
        );
    }

    #[test]
    fn bad_lines_are_errors_with_line_numbers() {
        for (text, line, needle) in [
            ("# c\nimport os\n", 2, "expected"),
            ("A = 'unterminated\n", 1, "unterminated"),
            ("A = ''\n", 1, "empty error code"),
            ("A = 1\n", 1, "expected"),
            ("1A = 'x'\n", 1, "expected"),
            ("A = 'x' + 'y'\n", 1, "unexpected text"),
            ("A = '''x'''\n", 1, "triple"),
            ("\n\nA: str = 'x'\n", 3, "expected"),
            ("A = '\\", 1, "unterminated"),
        ] {
            let err = parse_error_codes(text).unwrap_err();
            assert_eq!(err.line, line, "{text:?}");
            assert!(err.message.contains(needle), "{text:?}: {}", err.message);
        }
    }

    #[test]
    fn empty_file_has_no_codes() {
        assert_eq!(parse_error_codes("").unwrap(), pairs(&[]));
        assert_eq!(parse_error_codes(HEADER).unwrap(), pairs(&[]));
    }

    #[test]
    fn unreadable_file_is_a_clear_error() {
        let path = std::env::temp_dir().join(format!(
            "importer-errorcodes-missing-{}.py",
            std::process::id()
        ));
        let err = read_error_codes(&path).unwrap_err();
        assert!(matches!(err, ErrorCodesError::Io { .. }));
        assert!(
            err.to_string().contains("importer-errorcodes-missing"),
            "{err}"
        );

        std::fs::write(&path, b"# \xff\nA = 'A'\n").unwrap();
        let err = read_error_codes(&path).unwrap_err();
        assert!(
            matches!(err, ErrorCodesError::Io { .. }),
            "not UTF-8: {err}"
        );

        std::fs::write(&path, "A = 'A'\nnope\n").unwrap();
        let err = read_error_codes(&path).unwrap_err();
        assert!(
            err.to_string()
                .ends_with(".py:2: expected `NAME = 'Code'`, found \"nope\""),
            "{err}"
        );
        std::fs::remove_file(&path).unwrap();
    }
}
