use super::*;

fn md(s: &str) -> String {
    to_markdown(s)
}

#[test]
fn plain_text_passes_through() {
    let text = "Valid values:\n- `a`: **first** [link](https://x.y/a_b)\n- b_c\n\n  indented *em*";
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

#[test]
fn root_relative_markdown_links_stay_links_on_the_editions_site() {
    let cn = codegen::spec::Edition::Cn.site();
    assert_eq!(
        to_markdown_on("参见[DescribeVpcEx](/document/api/215/1372)。", cn),
        "参见[DescribeVpcEx](https://cloud.tencent.com/document/api/215/1372)。"
    );
    assert_eq!(
        md("See [overview](/document/product/362/15633) and [x](//example.com/a)."),
        "See [overview](https://www.tencentcloud.com/document/product/362/15633) and [x](https://example.com/a)."
    );
    // An HTML link on the Chinese site's documents points there too.
    assert_eq!(
        to_markdown_on("<a href=\"/document/api/1\">接口</a>", cn),
        "[接口](https://cloud.tencent.com/document/api/1)"
    );
    // Code spans and fenced blocks are text, not links.
    assert_eq!(md("`a](/b` stays"), "`a](/b` stays");
    assert_eq!(md("```\n[x](/y)\n```"), "```text\n[x](/y)\n```");
}
