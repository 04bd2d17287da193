//! Closing and opening blocks and inline frames, and writing what they
//! collected: lists, quotes, emphasis, code spans, links, `<pre>`, tables.

use super::*;

impl Converter {
    pub(super) fn open_list(&mut self, ordered: bool, next: u64, implicit: bool) {
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

    pub(super) fn open_item(&mut self) {
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
    pub(super) fn close_blocks_while_para(&mut self) {
        while self.blocks.last() == Some(&Block::Para) {
            let len = self.blocks.len();
            self.close_blocks_to(len - 1);
        }
    }

    /// Closes the nearest open block matching `is`, and every block above
    /// it. A stray closing tag closes nothing (a stray `</p>` still breaks
    /// the paragraph).
    pub(super) fn close_block(&mut self, is: impl Fn(&Block) -> bool) {
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

    pub(super) fn close_blocks_to(&mut self, len: usize) {
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
    pub(super) fn close_inline_frames(&mut self) {
        let floor = self
            .frames
            .iter()
            .rposition(|f| matches!(f.kind, FrameKind::Cell(_)))
            .map_or(0, |i| i + 1);
        self.close_frames_above(floor);
    }

    /// Closes the nearest frame matching `is` (not looking past a table
    /// cell) and the frames above it. Nothing when there is none.
    pub(super) fn close_frame(&mut self, is: impl Fn(&FrameKind) -> bool) {
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

    pub(super) fn close_frames_above(&mut self, len: usize) {
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

    pub(super) fn close_pre(&mut self) {
        if let Some(index) = self
            .frames
            .iter()
            .rposition(|f| matches!(f.kind, FrameKind::Pre))
        {
            self.close_frames_above(index);
        }
    }

    pub(super) fn emphasis(&mut self, buf: &str, marker: &str) {
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

    pub(super) fn code_span(&mut self, buf: &str) {
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

    pub(super) fn link(&mut self, buf: &str, href: Option<String>) {
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

    pub(super) fn pre_block(&mut self, buf: &str) {
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

    pub(super) fn ensure_table(&mut self) {
        if self.table.is_none() {
            self.close_inline_frames();
            self.table = Some(Table::default());
        }
    }

    pub(super) fn finish_cell(&mut self) {
        if let Some(index) = self
            .frames
            .iter()
            .rposition(|f| matches!(f.kind, FrameKind::Cell(_)))
        {
            self.close_frames_above(index);
        }
    }

    pub(super) fn push_cell(&mut self, buf: &str, rowspan: u32) {
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

    pub(super) fn finish_row(&mut self) {
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

    pub(super) fn finish_table(&mut self) {
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
