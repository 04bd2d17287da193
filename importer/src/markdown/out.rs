//! The Markdown being written, line by line, with the prefixes of open
//! quotes and list items.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Break {
    None,
    Line,
    Blank,
}

#[derive(Debug)]
pub(super) enum Prefix {
    Quote { started: bool },
    Item { marker: String, emitted: bool },
}

/// Markdown being written, line by line, with the prefixes of open quotes
/// and list items applied at the start of each line.
#[derive(Debug)]
pub(super) struct Out {
    pub(super) s: String,
    pub(super) prefixes: Vec<Prefix>,
    pending: Break,
    line_has_content: bool,
    /// Line breaks read from text since the last content or tag.
    newlines: u8,
    /// Leading whitespace kept for the next content on this line.
    indent: String,
    /// The pending break was asked for by a tag: the next line's leading
    /// whitespace is markup noise, not Markdown indentation.
    break_from_tag: bool,
    pub(super) last: Option<char>,
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
    pub(super) fn request(&mut self, b: Break) {
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
    pub(super) fn request_block(&mut self) {
        match self.prefixes.last() {
            Some(Prefix::Item { emitted: false, .. }) => self.request(Break::Line),
            _ => self.request(Break::Blank),
        }
    }

    /// Turns a pending paragraph break into a line break (end of a list
    /// item: items stay tight).
    pub(super) fn tighten(&mut self) {
        if self.pending == Break::Blank {
            self.pending = Break::Line;
        }
    }

    pub(super) fn text(&mut self, t: &str, keep_indent: bool) {
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

    pub(super) fn start_line(&mut self) {
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
