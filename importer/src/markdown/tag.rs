//! Recognising HTML tags and entities in description text: which elements
//! are known, a tag's attributes, entity decoding, autolinks and link targets.

use super::MAX_TAG_LEN;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TagKind {
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

pub(super) fn tag_kind(name: &str) -> Option<TagKind> {
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
pub(super) struct Tag {
    pub(super) kind: TagKind,
    pub(super) closing: bool,
    pub(super) self_closing: bool,
    attrs: Vec<(String, String)>,
    /// Bytes of source the tag spans.
    pub(super) len: usize,
}

impl Tag {
    pub(super) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Parses a known HTML tag at the start of `s` (which starts with `<`).
/// Anything else (unknown name, bad attribute syntax, no `>`) is `None`.
pub(super) fn parse_tag(s: &str) -> Option<Tag> {
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
pub(super) fn parse_entity(s: &str) -> Option<(char, usize)> {
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
pub(super) fn decode_entities(s: &str) -> String {
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
pub(super) fn could_open_html(s: &str) -> bool {
    s.as_bytes()
        .first()
        .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?'))
}

/// The length of a web autolink (`<https://...>`) at the start of `s`.
pub(super) fn autolink_len(s: &str) -> Option<usize> {
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
pub(super) fn looks_like_entity(s: &str) -> bool {
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
pub(super) fn link_target(href: &str, site: &str) -> Option<String> {
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
        format!("{site}{href}")
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
