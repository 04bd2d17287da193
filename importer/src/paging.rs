//! Drafting an action's pagination facts from its member names.
//!
//! The description says nothing about paging, but Tencent Cloud's list
//! actions follow a few conventions: `Offset`/`Limit` (a row offset, or a
//! page number when the description says so), `PageNumber`/`PageSize`, and a
//! string token echoed between request and response. A draft is marked
//! `drafted` for review; where the conventions do not settle it (two lists,
//! a position without a page size) no draft is made and the report says why.

use codegen::spec::{Field, Output, PageStyle, Pagination};

const POSITIONS: [&str; 5] = ["Offset", "PageNumber", "PageNo", "PageIndex", "Page"];
const SIZES: [&str; 3] = ["Limit", "PageSize", "MaxResults"];
const TOKENS: [&str; 5] = ["NextToken", "Context", "Cursor", "Marker", "ScrollId"];
const TOTALS: [&str; 3] = ["TotalCount", "Total", "TotalNum"];

fn is_number(ty: &str) -> bool {
    ty == "Integer" || ty == "UInt64"
}

fn number_param<'a>(params: &'a [Field], names: &[&str]) -> Option<&'a Field> {
    params
        .iter()
        .find(|p| names.contains(&p.name.as_str()) && is_number(&p.ty) && !p.array && !p.disabled)
}

/// The draft for an action: `Ok(None)` when it does not page, `Err` with the
/// reason when it seems to page but the names do not settle how.
pub fn draft(params: &[Field], outputs: &[Output]) -> Result<Option<Pagination>, String> {
    let token = params.iter().find(|p| {
        TOKENS.contains(&p.name.as_str())
            && p.ty == "String"
            && !p.array
            && outputs
                .iter()
                .any(|o| o.name == p.name && o.ty == "String" && !o.array)
    });
    let position = number_param(params, &POSITIONS);
    let size = number_param(params, &SIZES);
    let (style, input, first_page) = match (token, position, size) {
        (Some(t), _, _) => (PageStyle::Token, t, None),
        (None, Some(p), Some(_)) => {
            let text = p.description.to_ascii_lowercase();
            let counts_pages = p.name != "Offset"
                || ["which page", "page number for", "from page 0"]
                    .iter()
                    .any(|w| text.contains(w));
            if counts_pages {
                let zero = ["from 0", "page 0"].iter().any(|w| text.contains(w));
                (PageStyle::Page, p, Some(u64::from(!zero)))
            } else {
                (PageStyle::Offset, p, None)
            }
        }
        (None, Some(p), None) => {
            return Err(format!("has {} but no page size parameter", p.name));
        }
        (None, None, _) => return Ok(None),
    };
    let lists: Vec<&Output> = outputs.iter().filter(|o| o.array && !o.disabled).collect();
    let items = match lists.as_slice() {
        [one] => one,
        [] => return Err(format!("has {} but no list output", input.name)),
        many => {
            let names: Vec<&str> = many.iter().map(|o| o.name.as_str()).collect();
            return Err(format!("lists several outputs: {}", names.join(", ")));
        }
    };
    let total = outputs
        .iter()
        .find(|o| TOTALS.contains(&o.name.as_str()) && is_number(&o.ty) && !o.array);
    Ok(Some(Pagination {
        style,
        input: Some(input.name.clone()),
        page_size: size.map(|s| s.name.clone()),
        first_page,
        items: Some(items.name.clone()),
        total: total.map(|t| t.name.clone()),
        next_token: token.map(|t| t.name.clone()),
        drafted: true,
        notes: None,
    }))
}

/// The pagination a re-import writes: a reviewed one is kept, a draft is
/// replaced by the new draft.
pub fn merge(old: Option<&Pagination>, fresh: Option<Pagination>) -> Option<Pagination> {
    match old {
        Some(p) if !p.drafted => Some(p.clone()),
        _ => fresh,
    }
}
