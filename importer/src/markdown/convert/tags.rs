//! What each HTML tag does to the conversion: inside `<pre>` and code spans
//! only a few tags matter; elsewhere block tags open and close blocks, table
//! tags build the table, inline tags open frames. Inside a table cell,
//! blocks flatten to spaces.

use super::*;

impl Converter {
    pub(in crate::markdown) fn tag(&mut self, tag: Tag) {
        if self.in_pre() {
            return self.tag_in_pre(tag);
        }
        if matches!(self.frames.last().map(|f| &f.kind), Some(FrameKind::Code)) {
            return self.tag_in_code(tag);
        }
        let cell = self.in_cell();
        match tag.kind {
            TagKind::Para | TagKind::Quote | TagKind::Hr if cell => self.emit(" "),
            TagKind::List { .. } | TagKind::Item if cell => self.emit(" "),
            TagKind::Pre if cell => {}
            TagKind::Para | TagKind::Quote | TagKind::List { .. } | TagKind::Item => {
                self.block_tag(&tag)
            }
            TagKind::Br => self.br(cell),
            TagKind::Hr => {
                self.close_inline_frames();
                self.out.request(Break::Blank);
                self.out.text("---", false);
                self.out.request(Break::Blank);
            }
            TagKind::Bold | TagKind::Italic | TagKind::Code | TagKind::Link => {
                self.inline(&tag);
            }
            TagKind::Img => {
                if !tag.closing {
                    let alt = tag.attr("alt").unwrap_or("").trim().to_owned();
                    match tag.attr("src").and_then(|h| link_target(h, self.site)) {
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
            TagKind::Table | TagKind::Row | TagKind::Cell => self.table_tag(&tag),
            TagKind::Sup => {
                if !tag.closing && !tag.self_closing {
                    self.emit("^");
                }
            }
            TagKind::TableSection | TagKind::Inline => {}
        }
    }

    /// Inside `<pre>`: line breaks are kept, a block or table tag ends the
    /// preformatted text, the rest is ignored.
    fn tag_in_pre(&mut self, tag: Tag) {
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
    }

    /// Inside a code span: a line break is a space, a block or table tag
    /// ends the span, the rest is ignored.
    fn tag_in_code(&mut self, tag: Tag) {
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
    }

    /// Paragraphs, quotes, lists and items, outside table cells.
    fn block_tag(&mut self, tag: &Tag) {
        match tag.kind {
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
            _ => {}
        }
    }

    /// `<table>`, `<tr>`, `<td>`/`<th>`.
    fn table_tag(&mut self, tag: &Tag) {
        match tag.kind {
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
            _ => {}
        }
    }
}
