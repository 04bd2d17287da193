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
//!   absolute on `https://www.tencentcloud.com`; `#fragment` and other
//!   relative links keep only their text), `<img>` → `![alt](src)`;
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
//! Finally lines lose trailing whitespace, runs of blank lines become one
//! blank line, leading and trailing blank lines go, and so does the
//! whitespace that starts the document (a document starting with a tab or
//! four spaces would be an indented code block, which rustdoc compiles as a
//! doctest); a fenced code block without a language gets `text` for the
//! same reason (```` ``` ```` → ```` ```text ````; ```` ```json ```` stays).
//! A document without `<` gets only this last step. The result is deterministic, and the
//! conversion never panics: it is a single pass over the text with no
//! failure paths (malformed markup just stays text).

/// Converts a description `document` to Markdown for rustdoc. See the
/// module documentation for the rules.
pub fn to_markdown(doc: &str) -> String {
    if !doc.contains('<') {
        return normalize(doc);
    }
    let doc = if doc.contains('\r') {
        std::borrow::Cow::Owned(doc.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(doc)
    };
    let mut converter = Converter::default();
    converter.run(&doc);
    normalize(&converter.finish())
}

/// Base for root-relative links (`href="/document/..."`).
const SITE: &str = "https://www.tencentcloud.com";

/// Longest tag (attributes included) recognised; longer is text.
const MAX_TAG_LEN: usize = 2000;

/// Trims trailing whitespace of lines, turns runs of blank lines into one
/// blank line, drops leading and trailing blank lines and the document's
/// leading whitespace, and tags fenced code blocks that have no language as
/// `text`.
fn normalize(text: &str) -> String {
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
        out.push_str(line);
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

// ---------------------------------------------------------------------------
// Tags and entities

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagKind {
    Para,
    Quote,
    Br,
    Hr,
    List { ordered: bool },
    Item,
    Bold,
    Italic,
    Code,
    Pre,
    Link,
    Img,
    Table,
    TableSection,
    Row,
    Cell,
    Sup,
    Inline,
}

fn tag_kind(name: &str) -> Option<TagKind> {
    const KINDS: &[(&str, TagKind)] = &[
        ("p", TagKind::Para),
        ("div", TagKind::Para),
        ("section", TagKind::Para),
        ("article", TagKind::Para),
        ("header", TagKind::Para),
        ("footer", TagKind::Para),
        ("center", TagKind::Para),
        ("h1", TagKind::Para),
        ("h2", TagKind::Para),
        ("h3", TagKind::Para),
        ("h4", TagKind::Para),
        ("h5", TagKind::Para),
        ("h6", TagKind::Para),
        ("dl", TagKind::Para),
        ("dt", TagKind::Para),
        ("dd", TagKind::Para),
        ("caption", TagKind::Para),
        ("blockquote", TagKind::Quote),
        ("dx-alert", TagKind::Quote),
        ("br", TagKind::Br),
        ("hr", TagKind::Hr),
        ("ul", TagKind::List { ordered: false }),
        ("ol", TagKind::List { ordered: true }),
        ("li", TagKind::Item),
        ("b", TagKind::Bold),
        ("strong", TagKind::Bold),
        ("i", TagKind::Italic),
        ("em", TagKind::Italic),
        ("code", TagKind::Code),
        ("tt", TagKind::Code),
        ("kbd", TagKind::Code),
        ("samp", TagKind::Code),
        ("pre", TagKind::Pre),
        ("a", TagKind::Link),
        ("img", TagKind::Img),
        ("table", TagKind::Table),
        ("thead", TagKind::TableSection),
        ("tbody", TagKind::TableSection),
        ("tfoot", TagKind::TableSection),
        ("tr", TagKind::Row),
        ("td", TagKind::Cell),
        ("th", TagKind::Cell),
        ("span", TagKind::Inline),
        ("font", TagKind::Inline),
        ("u", TagKind::Inline),
        ("s", TagKind::Inline),
        ("del", TagKind::Inline),
        ("ins", TagKind::Inline),
        ("sup", TagKind::Sup),
        ("sub", TagKind::Inline),
        ("small", TagKind::Inline),
        ("big", TagKind::Inline),
        ("mark", TagKind::Inline),
        ("abbr", TagKind::Inline),
        ("label", TagKind::Inline),
        ("cite", TagKind::Inline),
        ("var", TagKind::Inline),
        ("nobr", TagKind::Inline),
    ];
    KINDS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, kind)| *kind)
}

#[derive(Debug)]
struct Tag {
    kind: TagKind,
    closing: bool,
    self_closing: bool,
    attrs: Vec<(String, String)>,
    /// Bytes of source the tag spans.
    len: usize,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Parses a known HTML tag at the start of `s` (which starts with `<`).
/// Anything else (unknown name, bad attribute syntax, no `>`) is `None`.
fn parse_tag(s: &str) -> Option<Tag> {
    let b = s.as_bytes();
    let closing = b.get(1) == Some(&b'/');
    let mut i = if closing { 2 } else { 1 };
    let name_start = i;
    if !b.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-') {
        i += 1;
    }
    let kind = tag_kind(&s[name_start..i])?;
    let mut attrs = Vec::new();
    let mut self_closing = false;
    let mut need_space = true;
    loop {
        if i > MAX_TAG_LEN {
            return None;
        }
        let before = i;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        match *b.get(i)? {
            b'>' => {
                i += 1;
                break;
            }
            b'/' if b.get(i + 1) == Some(&b'>') => {
                self_closing = true;
                i += 2;
                break;
            }
            c if !closing && (c.is_ascii_alphabetic() || c == b'_' || c == b':') => {
                if need_space && i == before {
                    return None;
                }
                let start = i;
                while i < b.len()
                    && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'_' | b':' | b'.' | b'-'))
                {
                    i += 1;
                }
                let name = s[start..i].to_ascii_lowercase();
                let mut j = i;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                let mut value = String::new();
                if b.get(j) == Some(&b'=') {
                    j += 1;
                    while j < b.len() && b[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    match *b.get(j)? {
                        q @ (b'"' | b'\'') => {
                            let end = j + 1 + s[j + 1..].find(q as char)?;
                            value = decode_entities(&s[j + 1..end]);
                            j = end + 1;
                        }
                        _ => {
                            let start = j;
                            while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                                if matches!(b[j], b'"' | b'\'' | b'<' | b'=' | b'`') {
                                    return None;
                                }
                                j += 1;
                            }
                            if j == start {
                                return None;
                            }
                            value = decode_entities(&s[start..j]);
                        }
                    }
                    i = j;
                }
                attrs.push((name, value));
                need_space = true;
                continue;
            }
            _ => return None,
        }
    }
    Some(Tag {
        kind,
        closing,
        self_closing,
        attrs,
        len: i,
    })
}

/// Decodes the entity at the start of `s` (which starts with `&`): the
/// character and the bytes it spans. Unknown names and invalid numbers are
/// `None`.
fn parse_entity(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (radix, start) = match b.get(2) {
            Some(b'x' | b'X') => (16, 3),
            _ => (10, 2),
        };
        let digits = b[start..]
            .iter()
            .take(8)
            .take_while(|c| c.is_ascii_hexdigit() && (radix == 16 || c.is_ascii_digit()))
            .count();
        if digits == 0 || b.get(start + digits) != Some(&b';') {
            return None;
        }
        let n = u32::from_str_radix(&s[start..start + digits], radix).ok()?;
        let c = char::from_u32(n).filter(|c| *c != '\0')?;
        return Some((c, start + digits + 1));
    }
    let len = b[1..]
        .iter()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if len == 0 || b.get(1 + len) != Some(&b';') {
        return None;
    }
    let c = match &s[1..1 + len] {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "deg" => '°',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "harr" => '↔',
        "yen" => '¥',
        "euro" => '€',
        "pound" => '£',
        "cent" => '¢',
        "sect" => '§',
        "para" => '¶',
        "micro" => 'µ',
        "sup2" => '²',
        "sup3" => '³',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        _ => return None,
    };
    Some((c, len + 2))
}

/// Decodes every entity in an attribute value.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match parse_entity(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether `s` (after a `<`) could be read as inline HTML by a Markdown
/// renderer, so a literal `<` before it needs escaping.
fn could_open_html(s: &str) -> bool {
    s.as_bytes()
        .first()
        .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?'))
}

/// The length of a web autolink (`<https://...>`) at the start of `s`.
fn autolink_len(s: &str) -> Option<usize> {
    let lower_prefix =
        |p: &str| s.len() > p.len() && s.as_bytes()[1..=p.len()].eq_ignore_ascii_case(p.as_bytes());
    if !["http://", "https://", "mailto:", "ftp://"]
        .iter()
        .any(|p| lower_prefix(p))
    {
        return None;
    }
    let end =
        1 + s[1..].find(|c: char| c == '>' || c == '<' || c.is_whitespace() || c.is_control())?;
    (s.as_bytes()[end] == b'>').then_some(end + 1)
}

/// Whether `s` starts like an entity (`name;` or `#123;`), so a decoded
/// `&` before it must stay `&amp;`.
fn looks_like_entity(s: &str) -> bool {
    let body = s.strip_prefix('#').unwrap_or(s);
    let n = body
        .bytes()
        .take(32)
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    n > 0 && body.as_bytes().get(n) == Some(&b';')
}

/// Makes a link target usable in Markdown, or `None` when it leads nowhere
/// from rustdoc (fragments, relative paths, `javascript:`).
fn link_target(href: &str) -> Option<String> {
    let href = href.trim();
    let lower = href.to_ascii_lowercase();
    let absolute = if lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("mailto:")
        || lower.starts_with("ftp://")
    {
        href.to_owned()
    } else if let Some(rest) = href.strip_prefix("//") {
        format!("https://{rest}")
    } else if href.starts_with('/') {
        format!("{SITE}{href}")
    } else {
        return None;
    };
    let mut out = String::with_capacity(absolute.len());
    for c in absolute.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c if c.is_whitespace() || c.is_control() => {}
            c => out.push(c),
        }
    }
    Some(out)
}

// ---------------------------------------------------------------------------
// Output

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    None,
    Line,
    Blank,
}

#[derive(Debug)]
enum Prefix {
    Quote { started: bool },
    Item { marker: String, emitted: bool },
}

/// Markdown being written, line by line, with the prefixes of open quotes
/// and list items applied at the start of each line.
#[derive(Debug)]
struct Out {
    s: String,
    prefixes: Vec<Prefix>,
    pending: Break,
    line_has_content: bool,
    /// Line breaks read from text since the last content or tag.
    newlines: u8,
    /// Leading whitespace kept for the next content on this line.
    indent: String,
    /// The pending break was asked for by a tag: the next line's leading
    /// whitespace is markup noise, not Markdown indentation.
    break_from_tag: bool,
    last: Option<char>,
}

impl Default for Out {
    fn default() -> Self {
        Out {
            s: String::new(),
            prefixes: Vec::new(),
            pending: Break::None,
            line_has_content: false,
            newlines: 0,
            indent: String::new(),
            break_from_tag: false,
            last: None,
        }
    }
}

impl Out {
    /// Asks for at least this break before the next content.
    fn request(&mut self, b: Break) {
        if self.line_has_content {
            self.line_has_content = false;
        }
        if self.pending < b {
            self.pending = b;
        }
        self.newlines = 0;
        self.indent.clear();
        self.break_from_tag = true;
    }

    /// A paragraph break, or a line break when the innermost list item has
    /// no content yet (so `<li><p>` stays a tight item).
    fn request_block(&mut self) {
        match self.prefixes.last() {
            Some(Prefix::Item { emitted: false, .. }) => self.request(Break::Line),
            _ => self.request(Break::Blank),
        }
    }

    /// Turns a pending paragraph break into a line break (end of a list
    /// item: items stay tight).
    fn tighten(&mut self) {
        if self.pending == Break::Blank {
            self.pending = Break::Line;
        }
    }

    fn text(&mut self, t: &str, keep_indent: bool) {
        for c in t.chars() {
            match c {
                '\n' => {
                    if self.line_has_content {
                        self.line_has_content = false;
                        if self.pending < Break::Line {
                            self.pending = Break::Line;
                        }
                        self.newlines = 1;
                    } else if self.newlines > 0 {
                        self.pending = Break::Blank;
                    }
                    self.indent.clear();
                }
                ' ' | '\t' if !self.line_has_content => {
                    if keep_indent && !self.break_from_tag {
                        self.indent.push(c);
                    }
                }
                c => {
                    if !self.line_has_content {
                        self.start_line();
                    }
                    self.s.push(c);
                    self.last = Some(c);
                }
            }
        }
    }

    fn start_line(&mut self) {
        if !self.s.is_empty() {
            self.s.push('\n');
            if self.pending == Break::Blank {
                let mut markers = String::new();
                for p in &self.prefixes {
                    if let Prefix::Quote { started: true } = p {
                        markers.push_str("> ");
                    }
                }
                self.s.push_str(markers.trim_end());
                self.s.push('\n');
            }
        }
        for p in &mut self.prefixes {
            match p {
                Prefix::Quote { started } => {
                    *started = true;
                    self.s.push_str("> ");
                }
                Prefix::Item { marker, emitted } => {
                    if *emitted {
                        for _ in 0..marker.len() {
                            self.s.push(' ');
                        }
                    } else {
                        *emitted = true;
                        self.s.push_str(marker);
                    }
                }
            }
        }
        self.s.push_str(&self.indent);
        self.indent.clear();
        self.pending = Break::None;
        self.newlines = 0;
        self.break_from_tag = false;
        self.line_has_content = true;
        self.last = None;
    }
}

// ---------------------------------------------------------------------------
// The converter

#[derive(Debug)]
enum FrameKind {
    Bold,
    Italic,
    Code,
    Link(Option<String>),
    /// A table cell and its `rowspan`.
    Cell(u32),
    Pre,
}

#[derive(Debug)]
struct Frame {
    kind: FrameKind,
    buf: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Para,
    Quote,
    List {
        ordered: bool,
        next: u64,
        implicit: bool,
    },
    Item,
}

#[derive(Debug, Default)]
struct Table {
    rows: Vec<Vec<String>>,
    row: Option<Vec<String>>,
    /// Per column, how many more rows a `rowspan` cell above covers.
    spans: Vec<u32>,
}

impl Table {
    /// Fills the columns of the current row that a cell above spans.
    fn skip_spanned(&mut self) {
        let row = self.row.get_or_insert_with(Vec::new);
        while let Some(n) = self.spans.get_mut(row.len()) {
            if *n == 0 {
                break;
            }
            *n -= 1;
            row.push(String::new());
        }
    }
}

#[derive(Debug, Default)]
struct Converter {
    out: Out,
    /// Open inline elements (and table cells, `<pre>`), each collecting its
    /// text until it closes.
    frames: Vec<Frame>,
    /// Open block elements.
    blocks: Vec<Block>,
    table: Option<Table>,
    /// The last emphasis ended with punctuation: a letter right after it
    /// needs a space, or Markdown would not close the emphasis.
    space_if_alnum: bool,
}

impl Converter {
    fn run(&mut self, s: &str) {
        let mut i = 0;
        while i < s.len() {
            let raw = self.in_raw();
            let next =
                s[i..].find(|c: char| c == '<' || c == '&' || (!raw && (c == '`' || c == '\\')));
            let Some(offset) = next else {
                self.emit(&s[i..]);
                break;
            };
            if offset > 0 {
                self.emit(&s[i..i + offset]);
                i += offset;
            }
            let rest = &s[i..];
            match rest.as_bytes()[0] {
                b'<' => i += self.at_lt(rest),
                b'&' => i += self.at_amp(rest),
                b'\\' => i += self.at_backslash(rest),
                _ => i += self.at_backtick(rest),
            }
        }
    }

    fn finish(mut self) -> String {
        self.close_frames_above(0);
        self.finish_table();
        self.close_blocks_to(0);
        self.out.s
    }

    /// Inside `<code>` or `<pre>`: text is literal.
    fn in_raw(&self) -> bool {
        matches!(
            self.frames.last().map(|f| &f.kind),
            Some(FrameKind::Code | FrameKind::Pre)
        )
    }

    fn in_pre(&self) -> bool {
        matches!(self.frames.last().map(|f| &f.kind), Some(FrameKind::Pre))
    }

    fn in_cell(&self) -> bool {
        self.frames
            .iter()
            .any(|f| matches!(f.kind, FrameKind::Cell(_)))
    }

    // -- tokens ------------------------------------------------------------

    fn at_lt(&mut self, rest: &str) -> usize {
        if let Some(tag) = parse_tag(rest) {
            let len = tag.len;
            self.tag(tag);
            return len;
        }
        if let Some(comment) = rest.strip_prefix("<!--") {
            return match comment.find("-->") {
                Some(end) => 4 + end + 3,
                None => rest.len(),
            };
        }
        if let Some(len) = autolink_len(rest) {
            self.emit(&rest[..len]);
            return len;
        }
        if !self.in_raw() && could_open_html(&rest[1..]) {
            self.emit("\\<");
        } else {
            self.emit("<");
        }
        1
    }

    fn at_amp(&mut self, rest: &str) -> usize {
        let Some((c, len)) = parse_entity(rest) else {
            self.emit("&");
            return 1;
        };
        let after = &rest[len..];
        if self.in_raw() {
            let mut buf = [0u8; 4];
            self.emit(c.encode_utf8(&mut buf));
            return len;
        }
        match c {
            '<' if could_open_html(after) => self.emit("\\<"),
            '&' if looks_like_entity(after) => self.emit("&amp;"),
            '`' | '*' | '_' | '[' | ']' | '\\' => {
                let escaped = format!("\\{c}");
                self.emit(&escaped);
            }
            c => {
                let mut buf = [0u8; 4];
                self.emit(c.encode_utf8(&mut buf));
            }
        }
        len
    }

    /// A Markdown backslash escape (a backslash before ASCII punctuation) is
    /// copied as it is, so the escaped character starts nothing.
    fn at_backslash(&mut self, rest: &str) -> usize {
        let len = match rest.as_bytes().get(1) {
            Some(c) if c.is_ascii_punctuation() => 2,
            _ => 1,
        };
        self.emit(&rest[..len]);
        len
    }

    /// A Markdown code span (closed on the same line) is copied verbatim;
    /// an unmatched run of backticks is literal.
    fn at_backtick(&mut self, rest: &str) -> usize {
        let n = rest.bytes().take_while(|&b| b == b'`').count();
        // Spans are matched within one line: a span over several lines can
        // be cut by block structure (a line starting with `<li>` opens an
        // HTML block in CommonMark), which is not worth modelling.
        let limit = n + rest[n..].find('\n').unwrap_or(rest.len() - n);
        let mut search = n;
        while let Some(offset) = rest[search..limit].find('`') {
            let start = search + offset;
            let run = rest[start..].bytes().take_while(|&b| b == b'`').count();
            if run == n {
                let end = start + run;
                self.emit(&rest[..end]);
                return end;
            }
            search = start + run;
            if search >= limit {
                break;
            }
        }
        self.emit(&rest[..n]);
        n
    }

    // -- text --------------------------------------------------------------

    fn emit(&mut self, t: &str) {
        if t.is_empty() {
            return;
        }
        if self.space_if_alnum {
            self.space_if_alnum = false;
            if t.chars().next().is_some_and(char::is_alphanumeric) {
                self.emit(" ");
            }
        }
        if let Some(frame) = self.frames.last_mut() {
            frame.buf.push_str(t);
            return;
        }
        if self.table.is_some() {
            if t.trim().is_empty() {
                return;
            }
            self.frames.push(Frame {
                kind: FrameKind::Cell(1),
                buf: t.to_owned(),
            });
            return;
        }
        if let Some(Block::List { implicit, .. }) = self.blocks.last().copied() {
            if t.trim().is_empty() {
                return;
            }
            if implicit {
                let len = self.blocks.len();
                self.close_blocks_to(len - 1);
            } else {
                self.out.request(Break::Blank);
            }
        }
        let keep_indent = self.blocks.is_empty();
        self.out.text(t, keep_indent);
    }

    /// The character before the next output, for emphasis flanking.
    fn previous_char(&self) -> Option<char> {
        match self.frames.last() {
            Some(frame) => frame.buf.chars().next_back(),
            None => self.out.last,
        }
    }

    /// Emits whitespace that sat inside an element's edge, unless the
    /// output already ends in whitespace (or a line start).
    fn emit_edge_space(&mut self, space: &str) {
        if !space.is_empty() && self.previous_char().is_some_and(|c| !c.is_whitespace()) {
            self.emit(space);
        }
    }

    // -- tags --------------------------------------------------------------

    fn tag(&mut self, tag: Tag) {
        if self.in_pre() {
            match (tag.kind, tag.closing) {
                (TagKind::Pre, true) => self.close_pre(),
                (TagKind::Br, _) => self.emit("\n"),
                (TagKind::Para | TagKind::Quote | TagKind::List { .. } | TagKind::Item, _)
                | (TagKind::Table | TagKind::Row | TagKind::Cell, _) => {
                    self.close_pre();
                    self.tag(tag);
                }
                _ => {}
            }
            return;
        }
        if matches!(self.frames.last().map(|f| &f.kind), Some(FrameKind::Code)) {
            match (tag.kind, tag.closing) {
                (TagKind::Code, true) => self.close_frame(|k| matches!(k, FrameKind::Code)),
                (TagKind::Br, _) => self.emit(" "),
                (
                    TagKind::Para
                    | TagKind::Quote
                    | TagKind::List { .. }
                    | TagKind::Item
                    | TagKind::Pre
                    | TagKind::Table
                    | TagKind::Row
                    | TagKind::Cell,
                    _,
                ) => {
                    self.close_frame(|k| matches!(k, FrameKind::Code));
                    self.tag(tag);
                }
                _ => {}
            }
            return;
        }
        let cell = self.in_cell();
        match tag.kind {
            TagKind::Para | TagKind::Quote | TagKind::Hr if cell => self.emit(" "),
            TagKind::List { .. } | TagKind::Item if cell => self.emit(" "),
            TagKind::Pre if cell => {}
            TagKind::Para => {
                if tag.closing {
                    self.close_block(|b| matches!(b, Block::Para));
                } else {
                    self.close_inline_frames();
                    if self.blocks.last() == Some(&Block::Para) {
                        let len = self.blocks.len();
                        self.close_blocks_to(len - 1);
                    }
                    self.out.request_block();
                    if !tag.self_closing {
                        self.blocks.push(Block::Para);
                    }
                }
            }
            TagKind::Quote => {
                if tag.closing {
                    self.close_block(|b| matches!(b, Block::Quote));
                } else if !tag.self_closing {
                    self.close_inline_frames();
                    self.out.request_block();
                    self.blocks.push(Block::Quote);
                    self.out.prefixes.push(Prefix::Quote { started: false });
                }
            }
            TagKind::Br => self.br(cell),
            TagKind::Hr => {
                self.close_inline_frames();
                self.out.request(Break::Blank);
                self.out.text("---", false);
                self.out.request(Break::Blank);
            }
            TagKind::List { ordered } => {
                if tag.closing {
                    self.close_block(|b| matches!(b, Block::List { .. }));
                } else if !tag.self_closing {
                    self.close_inline_frames();
                    let start = tag
                        .attr("start")
                        .and_then(|s| s.trim().parse::<u64>().ok())
                        .unwrap_or(1);
                    self.open_list(ordered, start, false);
                }
            }
            TagKind::Item => {
                if tag.closing {
                    self.close_block(|b| matches!(b, Block::Item));
                } else {
                    self.open_item();
                }
            }
            TagKind::Bold | TagKind::Italic | TagKind::Code | TagKind::Link => {
                self.inline(&tag);
            }
            TagKind::Img => {
                if !tag.closing {
                    let alt = tag.attr("alt").unwrap_or("").trim().to_owned();
                    match tag.attr("src").and_then(link_target) {
                        Some(src) => self.emit(&format!("![{alt}]({src})")),
                        None => self.emit(&alt),
                    }
                }
            }
            TagKind::Pre => {
                if !tag.closing && !tag.self_closing {
                    self.close_inline_frames();
                    self.frames.push(Frame {
                        kind: FrameKind::Pre,
                        buf: String::new(),
                    });
                }
            }
            TagKind::Table => {
                if tag.closing {
                    self.finish_table();
                } else if self.table.is_none() {
                    self.close_inline_frames();
                    self.table = Some(Table::default());
                }
            }
            TagKind::Row => {
                self.ensure_table();
                self.finish_cell();
                self.finish_row();
                if !tag.closing {
                    if let Some(table) = &mut self.table {
                        table.row = Some(Vec::new());
                    }
                }
            }
            TagKind::Cell => {
                self.ensure_table();
                self.finish_cell();
                if !tag.closing && !tag.self_closing {
                    let rowspan = tag
                        .attr("rowspan")
                        .and_then(|n| n.trim().parse::<u32>().ok())
                        .unwrap_or(1)
                        .clamp(1, 1000);
                    self.frames.push(Frame {
                        kind: FrameKind::Cell(rowspan),
                        buf: String::new(),
                    });
                }
            }
            TagKind::Sup => {
                if !tag.closing && !tag.self_closing {
                    self.emit("^");
                }
            }
            TagKind::TableSection | TagKind::Inline => {}
        }
    }

    fn br(&mut self, cell: bool) {
        match self.frames.last().map(|f| &f.kind) {
            Some(FrameKind::Bold | FrameKind::Italic | FrameKind::Link(_)) => self.emit("\n"),
            Some(_) => self.emit(" "),
            None if cell => self.emit(" "),
            None => {
                if self.table.is_none() {
                    self.out.request_block();
                }
            }
        }
    }

    fn inline(&mut self, tag: &Tag) {
        let matches = |kind: &FrameKind| match tag.kind {
            TagKind::Bold => matches!(kind, FrameKind::Bold),
            TagKind::Italic => matches!(kind, FrameKind::Italic),
            TagKind::Code => matches!(kind, FrameKind::Code),
            _ => matches!(kind, FrameKind::Link(_)),
        };
        if tag.closing {
            self.close_frame(matches);
            return;
        }
        if tag.self_closing {
            return;
        }
        let kind = match tag.kind {
            TagKind::Bold => FrameKind::Bold,
            TagKind::Italic => FrameKind::Italic,
            TagKind::Code => FrameKind::Code,
            _ => {
                // A link inside a link is not possible: close the outer one.
                self.close_frame(matches);
                FrameKind::Link(tag.attr("href").and_then(link_target))
            }
        };
        self.frames.push(Frame {
            kind,
            buf: String::new(),
        });
    }

    // -- blocks ------------------------------------------------------------

    fn open_list(&mut self, ordered: bool, next: u64, implicit: bool) {
        if self.blocks.last() == Some(&Block::Item) {
            self.out.request(Break::Line);
        } else {
            self.out.request_block();
        }
        self.blocks.push(Block::List {
            ordered,
            next,
            implicit,
        });
    }

    fn open_item(&mut self) {
        self.close_inline_frames();
        // A previous item of the same list is closed by this one.
        let nearest = self
            .blocks
            .iter()
            .rposition(|b| matches!(b, Block::Item | Block::List { .. }));
        if let Some(index) = nearest {
            if self.blocks[index] == Block::Item {
                self.close_blocks_to(index);
            }
        }
        self.close_blocks_while_para();
        if !matches!(self.blocks.last(), Some(Block::List { .. })) {
            self.open_list(false, 1, true);
        }
        let Some(Block::List { ordered, next, .. }) = self.blocks.last_mut() else {
            return;
        };
        let marker = if *ordered {
            format!("{next}. ")
        } else {
            "- ".to_owned()
        };
        *next += 1;
        self.out.request(Break::Line);
        self.blocks.push(Block::Item);
        self.out.prefixes.push(Prefix::Item {
            marker,
            emitted: false,
        });
    }

    /// Closes paragraphs on top of the block stack (an `<li>` inside a
    /// `<p>` ends the paragraph).
    fn close_blocks_while_para(&mut self) {
        while self.blocks.last() == Some(&Block::Para) {
            let len = self.blocks.len();
            self.close_blocks_to(len - 1);
        }
    }

    /// Closes the nearest open block matching `is`, and every block above
    /// it. A stray closing tag closes nothing (a stray `</p>` still breaks
    /// the paragraph).
    fn close_block(&mut self, is: impl Fn(&Block) -> bool) {
        self.close_inline_frames();
        match self.blocks.iter().rposition(is) {
            Some(index) => self.close_blocks_to(index),
            None => {
                if self.blocks.last() != Some(&Block::Item) {
                    self.out.request(Break::Blank);
                }
            }
        }
    }

    fn close_blocks_to(&mut self, len: usize) {
        while self.blocks.len() > len {
            match self.blocks.pop() {
                Some(Block::Para) => self.out.request_block(),
                Some(Block::Quote) => {
                    self.out.prefixes.pop();
                    self.out.request(Break::Blank);
                }
                Some(Block::List { .. }) => self.out.request(Break::Blank),
                Some(Block::Item) => {
                    self.out.prefixes.pop();
                    self.out.request(Break::Line);
                    self.out.tighten();
                }
                None => {}
            }
        }
    }

    // -- frames ------------------------------------------------------------

    /// Closes the inline frames above the innermost table cell (all of them
    /// outside tables), rendering each into its parent.
    fn close_inline_frames(&mut self) {
        let floor = self
            .frames
            .iter()
            .rposition(|f| matches!(f.kind, FrameKind::Cell(_)))
            .map_or(0, |i| i + 1);
        self.close_frames_above(floor);
    }

    /// Closes the nearest frame matching `is` (not looking past a table
    /// cell) and the frames above it. Nothing when there is none.
    fn close_frame(&mut self, is: impl Fn(&FrameKind) -> bool) {
        for index in (0..self.frames.len()).rev() {
            let kind = &self.frames[index].kind;
            if is(kind) {
                self.close_frames_above(index);
                return;
            }
            if matches!(kind, FrameKind::Cell(_)) {
                return;
            }
        }
    }

    fn close_frames_above(&mut self, len: usize) {
        while self.frames.len() > len {
            let Some(frame) = self.frames.pop() else {
                return;
            };
            match frame.kind {
                FrameKind::Bold => self.emphasis(&frame.buf, "**"),
                FrameKind::Italic => self.emphasis(&frame.buf, "*"),
                FrameKind::Code => self.code_span(&frame.buf),
                FrameKind::Link(href) => self.link(&frame.buf, href),
                FrameKind::Pre => self.pre_block(&frame.buf),
                FrameKind::Cell(rowspan) => self.push_cell(&frame.buf, rowspan),
            }
        }
    }

    fn close_pre(&mut self) {
        if let Some(index) = self
            .frames
            .iter()
            .rposition(|f| matches!(f.kind, FrameKind::Pre))
        {
            self.close_frames_above(index);
        }
    }

    fn emphasis(&mut self, buf: &str, marker: &str) {
        let trimmed = buf.trim();
        if trimmed.is_empty() {
            self.emit(buf);
            return;
        }
        let start = buf.len() - buf.trim_start().len();
        let (lead, trail) = (&buf[..start], &buf[start + trimmed.len()..]);
        if trimmed.len() > 2 * marker.len()
            && trimmed.starts_with(marker)
            && trimmed.ends_with(marker)
        {
            // Already emphasised in Markdown.
            self.emit(buf);
            return;
        }
        self.emit_edge_space(lead);
        let opens_with_punct = trimmed.starts_with(|c: char| c.is_ascii_punctuation());
        if lead.is_empty()
            && opens_with_punct
            && self.previous_char().is_some_and(char::is_alphanumeric)
        {
            self.emit(" ");
        }
        self.emit(&format!("{marker}{trimmed}{marker}"));
        if trail.is_empty() {
            self.space_if_alnum = trimmed.ends_with(|c: char| c.is_ascii_punctuation());
        } else {
            self.emit(trail);
        }
    }

    fn code_span(&mut self, buf: &str) {
        let content: String = buf
            .chars()
            .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
            .collect();
        let trimmed = content.trim();
        if trimmed.is_empty() {
            self.emit(&content);
            return;
        }
        let start = content.len() - content.trim_start().len();
        let (lead, trail) = (&content[..start], &content[start + trimmed.len()..]);
        let mut longest = 0;
        let mut run = 0;
        for c in trimmed.chars() {
            if c == '`' {
                run += 1;
                longest = longest.max(run);
            } else {
                run = 0;
            }
        }
        let fence = "`".repeat(longest + 1);
        let pad = if trimmed.starts_with('`') || trimmed.ends_with('`') {
            " "
        } else {
            ""
        };
        self.emit_edge_space(lead);
        self.emit(&format!("{fence}{pad}{trimmed}{pad}{fence}{trail}"));
    }

    fn link(&mut self, buf: &str, href: Option<String>) {
        let text = buf.split_whitespace().collect::<Vec<_>>().join(" ");
        let Some(url) = href else {
            self.emit(buf);
            return;
        };
        let start = buf.len() - buf.trim_start().len();
        let (lead, trail) = (&buf[..start], &buf[buf.trim_end().len()..]);
        self.emit_edge_space(lead);
        if text.is_empty() || text == url {
            self.emit(&format!("<{url}>"));
        } else {
            self.emit(&format!("[{text}]({url})"));
        }
        self.emit(trail);
    }

    fn pre_block(&mut self, buf: &str) {
        let lines: Vec<&str> = buf.split('\n').map(str::trim_end).collect();
        let first = lines.iter().position(|l| !l.is_empty());
        let last = lines.iter().rposition(|l| !l.is_empty());
        let (Some(first), Some(last)) = (first, last) else {
            return;
        };
        let body = lines[first..=last].join("\n");
        let mut longest = 0;
        for line in &lines {
            let run = line.trim_start().bytes().take_while(|&b| b == b'`').count();
            longest = longest.max(run);
        }
        let fence = "`".repeat(longest.max(2) + 1);
        self.out.request_block();
        self.out
            .text(&format!("{fence}text\n{body}\n{fence}"), true);
        self.out.request(Break::Blank);
    }

    // -- tables ------------------------------------------------------------

    fn ensure_table(&mut self) {
        if self.table.is_none() {
            self.close_inline_frames();
            self.table = Some(Table::default());
        }
    }

    fn finish_cell(&mut self) {
        if let Some(index) = self
            .frames
            .iter()
            .rposition(|f| matches!(f.kind, FrameKind::Cell(_)))
        {
            self.close_frames_above(index);
        }
    }

    fn push_cell(&mut self, buf: &str, rowspan: u32) {
        let mut cell = String::with_capacity(buf.len());
        let mut escaped = false;
        for word in buf.split_whitespace() {
            if !cell.is_empty() {
                cell.push(' ');
            }
            for c in word.chars() {
                if c == '|' && !escaped {
                    cell.push('\\');
                }
                escaped = c == '\\' && !escaped;
                cell.push(c);
            }
        }
        if let Some(table) = &mut self.table {
            table.skip_spanned();
            let row = table.row.get_or_insert_with(Vec::new);
            let column = row.len();
            row.push(cell);
            if table.spans.len() <= column {
                table.spans.resize(column + 1, 0);
            }
            table.spans[column] = rowspan - 1;
        }
    }

    fn finish_row(&mut self) {
        if let Some(table) = &mut self.table {
            if table.row.as_ref().is_some_and(|row| !row.is_empty()) {
                table.skip_spanned();
            }
            if let Some(row) = table.row.take() {
                if !row.is_empty() {
                    table.rows.push(row);
                }
            }
        }
    }

    fn finish_table(&mut self) {
        if self.table.is_none() {
            return;
        }
        self.finish_cell();
        self.finish_row();
        let Some(table) = self.table.take() else {
            return;
        };
        let columns = table.rows.iter().map(Vec::len).max().unwrap_or(0);
        if columns == 0 {
            return;
        }
        let mut text = String::new();
        for (r, row) in table.rows.iter().enumerate() {
            if r > 0 {
                text.push('\n');
            }
            text.push('|');
            for c in 0..columns {
                let cell = row.get(c).map_or("", String::as_str);
                text.push(' ');
                text.push_str(cell);
                text.push_str(" |");
            }
            if r == 0 {
                text.push_str("\n|");
                for _ in 0..columns {
                    text.push_str(" --- |");
                }
            }
        }
        self.out.request_block();
        self.out.text(&text, false);
        self.out.request(Break::Blank);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> String {
        to_markdown(s)
    }

    #[test]
    fn plain_text_passes_through() {
        let text =
            "Valid values:\n- `a`: **first** [link](https://x.y/a_b)\n- b_c\n\n  indented *em*";
        assert_eq!(md(text), text);
        assert_eq!(md("a  \nb\t\n\n\n\nc\n\n"), "a\nb\n\nc");
        assert_eq!(md("\n\n  lead\n    kept"), "lead\n    kept");
        assert_eq!(md("\tTotal count"), "Total count");
        assert_eq!(md(""), "");
        assert_eq!(md(" "), "");
        assert_eq!(md("Q&A; &lt;kept&gt;"), "Q&A; &lt;kept&gt;");
    }

    #[test]
    fn fences_without_a_language_are_text() {
        assert_eq!(
            md("Example:\n```\nlet x = 1;\n```\nthen\n```json\n{}\n```\n  ~~~~\n```\n~~~~~"),
            "Example:\n```text\nlet x = 1;\n```\nthen\n```json\n{}\n```\n  ~~~~text\n```\n~~~~~"
        );
        // Indented with a list item.
        assert_eq!(
            md("- Example:\n    ```\n    x\n    ```"),
            "- Example:\n    ```text\n    x\n    ```"
        );
        // Same in the HTML path; ``` with a backtick in the info is no fence.
        assert_eq!(md("<p>a</p>\n```\nb\n```"), "a\n\n```text\nb\n```");
        assert_eq!(md("``` `x` ```"), "``` `x` ```");
    }

    #[test]
    fn paragraphs_and_breaks() {
        assert_eq!(md("<p>One.</p><p>Two.</p>"), "One.\n\nTwo.");
        assert_eq!(
            md("Length: 1-255.<br>It can<br/>contain"),
            "Length: 1-255.\n\nIt can\n\ncontain"
        );
        assert_eq!(md("<p>a<p>b</p>"), "a\n\nb");
        assert_eq!(md("a</p>b"), "a\n\nb");
        assert_eq!(md("<P>Upper</P><BR>case"), "Upper\n\ncase");
    }

    #[test]
    fn lists() {
        assert_eq!(
            md("Values:<ul><li>a</li><li>b</li></ul>After."),
            "Values:\n\n- a\n- b\n\nAfter."
        );
        assert_eq!(md("<ol><li>one</li><li>two</li></ol>"), "1. one\n2. two");
        assert_eq!(md("<ol start=\"3\"><li>three</li></ol>"), "3. three");
        // No </li>, no <ul>, odd case, newlines between items.
        assert_eq!(
            md("Valid values:\n<Li>`true`: yes\n<li>`false`: no</ul>\nNote: x"),
            "Valid values:\n\n- `true`: yes\n- `false`: no\n\nNote: x"
        );
        // Nested.
        assert_eq!(
            md("<ul><li>a<ul><li>a1</li><li>a2</li></ul></li><li>b</li></ul>"),
            "- a\n  - a1\n  - a2\n- b"
        );
        // Paragraphs inside items stay tight; <br> in an item continues it.
        assert_eq!(
            md("<ul><li><p>a</p></li><li><p>b</p><p>b2</p></li></ul>"),
            "- a\n- b\n\n  b2"
        );
        assert_eq!(md("<li>x<br>y</li>"), "- x\n\n  y");
        assert_eq!(md("<li/> yes<br><li/> no"), "- yes\n- no");
        assert_eq!(md("<ul>\n  <li>a</li>\n\n  <li>b</li>\n</ul>"), "- a\n- b");
    }

    #[test]
    fn inline_elements() {
        assert_eq!(
            md("<b>Note</b>: x <strong> y </strong>z"),
            "**Note**: x **y** z"
        );
        assert_eq!(md("<B>Note: beta.</b>."), "**Note: beta.**.");
        // Emphasis ending in punctuation before a letter gets a space.
        assert_eq!(md("<b>Note:</b>This"), "**Note:** This");
        assert_eq!(md("a<b>(x)</b>"), "a **(x)**");
        assert_eq!(md("<em>it</em> and <i>it</i>"), "*it* and *it*");
        assert_eq!(md("<b>**x**</b>"), "**x**");
        assert_eq!(md("<b></b>a"), "a");
        assert_eq!(
            md("<code>a_b*c</code> and <code>x`y</code>"),
            "`a_b*c` and ``x`y``"
        );
        assert_eq!(md("<code>`x`</code>"), "`` `x` ``");
        assert_eq!(md("<code>&lt;Region&gt;</code>"), "`<Region>`");
        assert_eq!(md("<code><b>a</b><br>b</code>"), "`a b`");
        assert_eq!(
            md("<font color=red>Red</font> <span style=\"x\">s</span>"),
            "Red s"
        );
        assert_eq!(md("32 * 2<sup>20</sup> bytes"), "32 * 2^20 bytes");
    }

    #[test]
    fn links_and_images() {
        assert_eq!(
            md("See <a href=\"https://www.tencentcloud.com/document/api/1\" target=\"_blank\">API docs</a>."),
            "See [API docs](https://www.tencentcloud.com/document/api/1)."
        );
        assert_eq!(
            md("<a href = 'https://a.b/c?x=1&amp;y=2'>t</a>"),
            "[t](https://a.b/c?x=1&y=2)"
        );
        assert_eq!(
            md("<a href=\"/document/product/1\">rel</a>"),
            "[rel](https://www.tencentcloud.com/document/product/1)"
        );
        assert_eq!(md("<a href=\"#p_limit\">Limit</a>"), "Limit");
        assert_eq!(md("<a href=\"?:[a-z0-9-]{0,61}\">a-z0-9</a>"), "a-z0-9");
        assert_eq!(md("<a>no href</a>"), "no href");
        assert_eq!(md("<a href=\"https://x.y/\"></a>"), "<https://x.y/>");
        assert_eq!(
            md("<a href=\"https://x.y/a b(c)\">t</a>"),
            "[t](https://x.y/a%20b%28c%29)"
        );
        assert_eq!(
            md("<img src=\"https://x.y/i.png\" alt=\"image\">"),
            "![image](https://x.y/i.png)"
        );
        // Markdown links and autolinks already there stay.
        assert_eq!(
            md("[t](https://x.y/a_b) <https://x.y/q?a=1><br>"),
            "[t](https://x.y/a_b) <https://x.y/q?a=1>"
        );
    }

    #[test]
    fn entities() {
        assert_eq!(
            md("<p>&quot;a&quot; &amp; &#39;b&#39; &#x41;&nbsp;&emsp;c &lt; d &gt; e</p>"),
            "\"a\" & 'b' A  c < d > e"
        );
        // A decoded `<` that would read as a tag is escaped; `&amp;lt;` stays.
        assert_eq!(md("<p>&lt;Region&gt; &amp;lt;</p>"), "\\<Region> &amp;lt;");
        assert_eq!(
            md("<p>Q&A; &bogus; & &#0; &#99999999;</p>"),
            "Q&A; &bogus; & &#0; &#99999999;"
        );
        assert_eq!(md("<p>&#42;x&#42;</p>"), "\\*x\\*");
    }

    #[test]
    fn not_html_stays_text() {
        assert_eq!(md("From < To <br>"), "From < To");
        assert_eq!(md("a <= b, c<d"), "a <= b, c\\<d");
        assert_eq!(md("<Task id>."), "\\<Task id>.");
        assert_eq!(
            md("'<Custom prefix>+<A 12-character random string in ZoneId>'"),
            "'\\<Custom prefix>+\\<A 12-character random string in ZoneId>'"
        );
        assert_eq!(md("<ur><li>x</li></ur>"), "\\<ur>\n\n- x\n\n\\</ur>");
        assert_eq!(md("<li>a<l/i>\n<li>b</li>"), "- a\\<l/i>\n- b");
        assert_eq!(md("<li<li>c"), "\\<li\n\n- c");
        assert_eq!(md("<Region:ap-guangzhou>"), "\\<Region:ap-guangzhou>");
        assert_eq!(md("x <!-- hidden --> y <!-- open"), "x  y");
    }

    #[test]
    fn markdown_code_spans_are_verbatim() {
        assert_eq!(
            md("Use `<br>` and `a &lt; b`<br>next"),
            "Use `<br>` and `a &lt; b`\n\nnext"
        );
        assert_eq!(md("`unclosed <b>bold</b>"), "`unclosed **bold**");
        assert_eq!(md("``a ` b`` <b>x</b>"), "``a ` b`` **x**");
        // Spans are matched within a line: the tags after an unclosed one
        // are still converted.
        assert_eq!(md("`a\n\nb` <b>x</b>"), "`a\n\nb` **x**");
        assert_eq!(
            md("<li>`A`: `DESTROYED</li>\n<li>`B`: x</li>"),
            "- `A`: `DESTROYED\n- `B`: x"
        );
        // Backslash escapes start nothing.
        assert_eq!(
            md("()\\`\\~!<br><li>`Linux`</li>"),
            "()\\`\\~!\n\n- `Linux`"
        );
        // `\<b>` is text; the stray `</b>` that follows is dropped.
        assert_eq!(md("a \\<b>x</b> \\"), "a \\<b>x \\");
    }

    #[test]
    fn pre_blocks() {
        assert_eq!(
            md("Example:<pre> { <br> &emsp;  \"A\": 1 <br>}</pre>after"),
            "Example:\n\n```text\n {\n    \"A\": 1\n}\n```\n\nafter"
        );
        assert_eq!(
            md("<div class=\"w\"><pre class=\"p\"><code>{\n  \"A\": \"&lt;x&gt;\"\n}</code></pre></div>"),
            "```text\n{\n  \"A\": \"<x>\"\n}\n```"
        );
        assert_eq!(md("<pre>```\nx\n```</pre>"), "````text\n```\nx\n```\n````");
    }

    #[test]
    fn tables() {
        assert_eq!(
            md("<p>Types:</p><table><thead><tr><th>name</th><th>log_type</th></tr></thead><tbody><tr><td>CDB</td><td>A, <b>B</b></td></tr><tr><td>x|y</td></tr></tbody></table>After"),
            "Types:\n\n| name | log_type |\n| --- | --- |\n| CDB | A, **B** |\n| x\\|y |  |\n\nAfter"
        );
        // Rows without <table>, cells with line breaks and paragraphs.
        assert_eq!(
            md("<tr><td>a<br>b</td><td><p>c</p></td></tr>"),
            "| a b | c |\n| --- | --- |"
        );
    }

    #[test]
    fn table_rowspan_keeps_columns() {
        assert_eq!(
            md("<table><tr><th>A</th><th>B</th></tr><tr><td rowspan=\"3\">span</td></tr><tr><td>b1</td></tr><tr><td>b2</td></tr><tr><td>a3</td><td>b3</td></tr></table>"),
            "| A | B |\n| --- | --- |\n| span |  |\n|  | b1 |\n|  | b2 |\n| a3 | b3 |"
        );
    }

    #[test]
    fn quotes() {
        assert_eq!(
            md("Text<blockquote><p>One.</p><p>Two.</p></blockquote>After"),
            "Text\n\n> One.\n>\n> Two.\n\nAfter"
        );
        assert_eq!(
            md("<dx-alert infotype=\"explain\" title=\"\">Either A or B.</dx-alert>"),
            "> Either A or B."
        );
    }

    #[test]
    fn mixed_markdown_and_html() {
        let doc = "Moderation. <br>\n\n### API use \n- Go to [CMS](https://x.y/cms). **10 hours** free.\n- Limit: **< 500 MB**";
        assert_eq!(
            md(doc),
            "Moderation.\n\n### API use\n- Go to [CMS](https://x.y/cms). **10 hours** free.\n- Limit: **< 500 MB**"
        );
    }

    #[test]
    fn malformed_input_never_panics() {
        for doc in [
            "<",
            "<<",
            "<>",
            "</",
            "</>",
            "<a",
            "<a href=",
            "<a href=\"x",
            "<a href='x'",
            "<b>",
            "</b>",
            "</li></ul></ol></p>",
            "<table>",
            "<td>",
            "</td>x",
            "<pre>",
            "<code>",
            "<code>`",
            "&",
            "&#",
            "&#x;",
            "&amp",
            "`",
            "``",
            "<li><li><ul>",
            "é<é>é&é;`é",
            "<p\n>x</p\n>",
            "<br/ >",
            "<img>",
            "<a href=x>é<b>",
        ] {
            let once = md(doc);
            assert_eq!(md(doc), once, "deterministic: {doc:?}");
        }
        let long = format!("<a href=\"{}\">", "x".repeat(5000));
        assert!(md(&long).starts_with("\\<a href"));
    }

    #[test]
    fn tag_soup_never_panics() {
        const PIECES: &[&str] = &[
            "<p>",
            "</p>",
            "<br>",
            "<ul>",
            "</ul>",
            "<ol start=2>",
            "</ol>",
            "<li>",
            "</li>",
            "<li/>",
            "<b>",
            "</b>",
            "<i>",
            "</em>",
            "<code>",
            "</code>",
            "<pre>",
            "</pre>",
            "<a href=\"https://x.y\">",
            "<a href='/d'>",
            "</a>",
            "<table>",
            "</table>",
            "<tr>",
            "</tr>",
            "<td rowspan=3>",
            "<th>",
            "</td>",
            "<blockquote>",
            "</blockquote>",
            "<img src=x alt=y>",
            "<sup>",
            "<!--",
            "-->",
            "<Region>",
            "<",
            ">",
            "&",
            "&lt;",
            "&amp;",
            "&#x41;",
            "&bogus;",
            "`",
            "``",
            "\\",
            "*",
            "**",
            "_",
            "|",
            "[",
            "](",
            ")",
            "\n",
            "\n\n",
            "  ",
            "\t",
            "é",
            "漢字",
            "- ",
            "1. ",
            "```",
            "~~~",
            "#",
            "> ",
            "text",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..3000 {
            let mut doc = String::new();
            for _ in 0..(seed % 24) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                doc.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
            }
            let once = md(&doc);
            assert_eq!(md(&doc), once, "{doc:?}");
            assert!(!once.contains("\n\n\n"), "{doc:?} -> {once:?}");
            assert_eq!(once.trim(), once, "{doc:?} -> {once:?}");
        }
    }
}
