//! Description `document` text to Markdown for rustdoc.
//!
//! The published documents are Markdown with HTML mixed in: some are pure
//! HTML (`<p>`, `<ul><li>`, `<a href>`, tables), many are Markdown
//! (`[text](url)`, `**bold**`, backticks, `- item` lines) with a few tags
//! (`<br>`, `<li>` without `<ul>`, `<code>`), and the text holds `<...>`
//! placeholders that are not HTML at all (`<Region>`, `<Task id>`,
//! `<Common request parameters>`), comparisons (`a < b`), and tag typos
//! (`<ur>`, `<l/i>`, `<li<li>`).
//!
//! [`to_markdown`] therefore treats its input as Markdown in which only
//! *known* HTML elements are converted, the way a Markdown renderer treats
//! inline HTML, and keeps everything else as it was:
//!
//! - text between tags passes through unchanged: line breaks stay (they are
//!   Markdown structure), `**`, `_`, `[` are never escaped, and Markdown
//!   code spans closed on the same line (`` `<br>` ``) and backslash
//!   escapes are copied verbatim, tags inside included;
//! - `<p>`, `<div>`, headings, `<br>` → paragraphs separated by a blank
//!   line (`<br>` in a table cell or link → a space or line break);
//!   `<blockquote>` and `<dx-alert>` → `> ` quotes;
//! - `<ul>`/`<ol>`/`<li>` → `- item` / `1. item` lines, nested lists
//!   indented; an `<li>` without a list opens one; a missing `</li>` is
//!   implied by the next `<li>`;
//! - `<b>`/`<strong>` → `**…**`, `<i>`/`<em>` → `*…*`, `<code>` → a code
//!   span, `<pre>` → a fenced block tagged `text` (so rustdoc does not
//!   compile it), `<a href>` → `[text](url)` (root-relative URLs are made
//!   absolute on the edition's site, `https://www.tencentcloud.com` or
//!   `https://cloud.tencent.com`; `#fragment` and other relative links keep
//!   only their text), `<img>` → `![alt](src)`;
//! - tables → Markdown (GFM) tables, the first row as header;
//! - `<sup>` → `^` (`2<sup>20</sup>` → `2^20`);
//! - `<span>`, `<font>`, `<sub>`, `<thead>`… are dropped, their text kept;
//!   `<!-- comments -->` are dropped;
//! - entities are decoded (`&lt;` `&gt;` `&amp;` `&quot;` `&#39;` `&nbsp;`
//!   `&emsp;` and the usual named and numeric ones; `&nbsp;`-like spaces
//!   become plain spaces); an unknown one such as `Q&A;` stays as written;
//! - anything that looks like a tag but is not a known element is kept as
//!   text, with its `<` written `\<` so that Markdown and rustdoc show it
//!   instead of swallowing it as inline HTML (`<Region>` → `\<Region>`);
//!   `<https://…>` autolinks stay as they are.
//!
//! Finally Markdown links with a root-relative target (`[text](/document/...)`)
//! get the edition's site, lines lose trailing whitespace, runs of blank lines become one
//! blank line, leading and trailing blank lines go, and so does the
//! whitespace that starts the document (a document starting with a tab or
//! four spaces would be an indented code block, which rustdoc compiles as a
//! doctest); a fenced code block without a language gets `text` for the
//! same reason (```` ``` ```` → ```` ```text ````; ```` ```json ```` stays).
//! A document without `<` gets only this last step. The result is deterministic, and the
//! conversion never panics: it is a single pass over the text with no
//! failure paths (malformed markup just stays text).

mod convert;
mod out;
mod tag;
#[cfg(test)]
mod tests;

use convert::Converter;

/// Converts a description `document` of the international edition to
/// Markdown for rustdoc. See the module documentation for the rules.
pub fn to_markdown(doc: &str) -> String {
    to_markdown_on(doc, codegen::spec::Edition::Intl.site())
}

/// Converts a description `document` to Markdown for rustdoc, root-relative
/// links made absolute on `site` (the edition's, `https://cloud.tencent.com`).
pub fn to_markdown_on(doc: &str, site: &'static str) -> String {
    if !doc.contains('<') {
        return normalize(doc, site);
    }
    let doc = if doc.contains('\r') {
        std::borrow::Cow::Owned(doc.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(doc)
    };
    let mut converter = Converter::default();
    converter.site = site;
    converter.run(&doc);
    normalize(&converter.finish(), site)
}

/// Longest tag (attributes included) recognised; longer is text.
const MAX_TAG_LEN: usize = 2000;

/// Trims trailing whitespace of lines, turns runs of blank lines into one
/// blank line, drops leading and trailing blank lines and the document's
/// leading whitespace, and tags fenced code blocks that have no language as
/// `text`.
fn normalize(text: &str, site: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut blank = false;
    // The open fence: its character and length.
    let mut fence: Option<(char, usize)> = None;
    for line in text.split('\n') {
        let line = line.trim_end();
        if line.is_empty() {
            blank = true;
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if blank {
                out.push('\n');
            }
        }
        blank = false;
        let line = if out.is_empty() {
            line.trim_start()
        } else {
            line
        };
        if fence.is_none() {
            absolute_links(line, site, &mut out);
        } else {
            out.push_str(line);
        }
        if let Some((c, len, info)) = fence_line(line) {
            match fence {
                None => {
                    fence = Some((c, len));
                    if info.is_empty() {
                        out.push_str("text");
                    }
                }
                Some((open_c, open_len)) if c == open_c && len >= open_len && info.is_empty() => {
                    fence = None;
                }
                Some(_) => {}
            }
        }
    }
    out
}

/// Copies a line, the targets of its Markdown links made absolute when
/// they are root-relative (`[DescribeVpcEx](/document/api/215/1372)` on the
/// edition's site) or protocol-relative (`](//host/...)`, on https), so that
/// rustdoc shows them as links. Inside code spans nothing changes.
fn absolute_links(line: &str, site: &str, out: &mut String) {
    let mut in_code = false;
    let mut rest = line;
    while let Some(i) = rest.find(['`', ']']) {
        let (before, at) = rest.split_at(i);
        out.push_str(before);
        if let Some(after) = at.strip_prefix('`') {
            in_code = !in_code;
            out.push('`');
            rest = after;
            continue;
        }
        if !in_code {
            if let Some(path) = at.strip_prefix("](//") {
                out.push_str("](https://");
                rest = path;
                continue;
            }
            if let Some(path) = at.strip_prefix("](/") {
                out.push_str("](");
                out.push_str(site);
                out.push('/');
                rest = path;
                continue;
            }
        }
        out.push(']');
        rest = &at[1..];
    }
    out.push_str(rest);
}

/// A code fence line: indentation (any: inside a list item a fence is
/// indented with the item), 3 or more backticks or tildes, and an info
/// string (empty on a closing fence). Returns the fence character, its
/// length and the info string.
fn fence_line(line: &str) -> Option<(char, usize, &str)> {
    let rest = line.trim_start();
    let c = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = rest.chars().take_while(|x| *x == c).count();
    if len < 3 {
        return None;
    }
    let info = rest[len..].trim();
    if c == '`' && info.contains('`') {
        return None;
    }
    Some((c, len, info))
}
