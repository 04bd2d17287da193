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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn param(name: &str, ty: &str, description: &str) -> Field {
        serde_json::from_value(json!({
            "name": name, "type": ty, "required": false, "description": description
        }))
        .expect("a field")
    }

    fn output(name: &str, ty: &str, array: bool) -> Output {
        serde_json::from_value(json!({
            "name": name, "type": ty, "array": array, "description": ""
        }))
        .expect("an output")
    }

    fn list_outputs() -> Vec<Output> {
        vec![
            output("TotalCount", "Integer", false),
            output("InstanceSet", "Instance", true),
            output("RequestId", "String", false),
        ]
    }

    #[test]
    fn offset_and_limit_draft_an_offset_listing() {
        let params = [
            param("Limit", "UInt64", "Page size."),
            param("Offset", "UInt64", "Data offset, which starts from 0."),
        ];
        let p = draft(&params, &list_outputs())
            .expect("settled")
            .expect("pages");
        assert_eq!(p.style, PageStyle::Offset);
        assert_eq!(p.input.as_deref(), Some("Offset"));
        assert_eq!(p.page_size.as_deref(), Some("Limit"));
        assert_eq!(p.items.as_deref(), Some("InstanceSet"));
        assert_eq!(p.total.as_deref(), Some("TotalCount"));
        assert!(p.drafted);
    }

    #[test]
    fn an_offset_described_as_a_page_number_drafts_pages() {
        let params = [
            param("Limit", "Integer", ""),
            param(
                "Offset",
                "Integer",
                "Page number for data return. Pagination starts from 0.",
            ),
        ];
        let p = draft(&params, &list_outputs())
            .expect("settled")
            .expect("pages");
        assert_eq!((p.style, p.first_page), (PageStyle::Page, Some(0)));
        let params = [
            param("PageSize", "Integer", ""),
            param(
                "PageNumber",
                "Integer",
                "Default value: 1 (the first page).",
            ),
        ];
        let p = draft(&params, &list_outputs())
            .expect("settled")
            .expect("pages");
        assert_eq!((p.style, p.first_page), (PageStyle::Page, Some(1)));
    }

    #[test]
    fn a_token_echoed_back_drafts_a_token_listing() {
        let params = [
            param("NextToken", "String", ""),
            param("Limit", "Integer", ""),
        ];
        let mut outputs = list_outputs();
        outputs.push(output("NextToken", "String", false));
        let p = draft(&params, &outputs).expect("settled").expect("pages");
        assert_eq!(p.style, PageStyle::Token);
        assert_eq!(p.next_token.as_deref(), Some("NextToken"));
    }

    #[test]
    fn unsettled_names_are_reported_not_drafted() {
        let params = [
            param("Limit", "Integer", ""),
            param("Offset", "Integer", ""),
        ];
        let mut two = list_outputs();
        two.push(output("Other", "String", true));
        let why = draft(&params, &two).expect_err("two lists");
        assert_eq!(why, "lists several outputs: InstanceSet, Other");
        let why = draft(&params[1..], &list_outputs()).expect_err("no size");
        assert_eq!(why, "has Offset but no page size parameter");
        assert_eq!(
            draft(&[param("Name", "String", "")], &list_outputs()),
            Ok(None)
        );
    }

    #[test]
    fn a_reviewed_pagination_survives_a_reimport_and_a_draft_does_not() {
        let params = [
            param("Limit", "Integer", ""),
            param("Offset", "Integer", ""),
        ];
        let fresh = draft(&params, &list_outputs()).expect("settled");
        let mut reviewed = fresh.clone().expect("pages");
        reviewed.drafted = false;
        reviewed.items = Some("Reviewed".into());
        assert_eq!(
            merge(Some(&reviewed), fresh.clone()),
            Some(reviewed.clone())
        );
        let mut stale = reviewed;
        stale.drafted = true;
        assert_eq!(merge(Some(&stale), fresh.clone()), fresh);
        assert_eq!(merge(Some(&stale), None), None);
    }
}
