//! The single pass over a document: text, tags, entities, code spans and
//! escapes dispatched to the open inline frames and blocks.

mod blocks;
mod tags;

use super::out::{Break, Out, Prefix};
use super::tag::*;

#[derive(Debug)]
pub(super) enum FrameKind {
    Bold,
    Italic,
    Code,
    Link(Option<String>),
    /// A table cell and its `rowspan`.
    Cell(u32),
    Pre,
}

#[derive(Debug)]
pub(super) struct Frame {
    kind: FrameKind,
    buf: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Block {
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
pub(super) struct Table {
    rows: Vec<Vec<String>>,
    row: Option<Vec<String>>,
    /// Per column, how many more rows a `rowspan` cell above covers.
    spans: Vec<u32>,
}

impl Table {
    /// Fills the columns of the current row that a cell above spans.
    pub(super) fn skip_spanned(&mut self) {
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
pub(super) struct Converter {
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
    /// The site root-relative links point to.
    pub(super) site: &'static str,
}

impl Converter {
    pub(super) fn run(&mut self, s: &str) {
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

    pub(super) fn finish(mut self) -> String {
        self.close_frames_above(0);
        self.finish_table();
        self.close_blocks_to(0);
        self.out.s
    }

    /// Inside `<code>` or `<pre>`: text is literal.
    pub(super) fn in_raw(&self) -> bool {
        matches!(
            self.frames.last().map(|f| &f.kind),
            Some(FrameKind::Code | FrameKind::Pre)
        )
    }

    pub(super) fn in_pre(&self) -> bool {
        matches!(self.frames.last().map(|f| &f.kind), Some(FrameKind::Pre))
    }

    pub(super) fn in_cell(&self) -> bool {
        self.frames
            .iter()
            .any(|f| matches!(f.kind, FrameKind::Cell(_)))
    }

    // -- tokens ------------------------------------------------------------

    pub(super) fn at_lt(&mut self, rest: &str) -> usize {
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

    pub(super) fn at_amp(&mut self, rest: &str) -> usize {
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
    pub(super) fn at_backslash(&mut self, rest: &str) -> usize {
        let len = match rest.as_bytes().get(1) {
            Some(c) if c.is_ascii_punctuation() => 2,
            _ => 1,
        };
        self.emit(&rest[..len]);
        len
    }

    /// A Markdown code span (closed on the same line) is copied verbatim;
    /// an unmatched run of backticks is literal.
    pub(super) fn at_backtick(&mut self, rest: &str) -> usize {
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

    pub(super) fn emit(&mut self, t: &str) {
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
    pub(super) fn previous_char(&self) -> Option<char> {
        match self.frames.last() {
            Some(frame) => frame.buf.chars().next_back(),
            None => self.out.last,
        }
    }

    /// Emits whitespace that sat inside an element's edge, unless the
    /// output already ends in whitespace (or a line start).
    pub(super) fn emit_edge_space(&mut self, space: &str) {
        if !space.is_empty() && self.previous_char().is_some_and(|c| !c.is_whitespace()) {
            self.emit(space);
        }
    }

    // -- tags --------------------------------------------------------------

    pub(super) fn br(&mut self, cell: bool) {
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

    pub(super) fn inline(&mut self, tag: &Tag) {
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
                FrameKind::Link(tag.attr("href").and_then(|h| link_target(h, self.site)))
            }
        };
        self.frames.push(Frame {
            kind,
            buf: String::new(),
        });
    }
}
