use serde_json::json;

use super::*;

fn action() -> ActionSpec {
    serde_json::from_value(json!({
        "$schema": "s", "name": "DescribeThings", "description": "d", "parameters": [],
        "outputs": [
            {"name": "TotalCount", "type": "Integer", "description": "d"},
            {"name": "Ratio", "type": "Float", "description": "d", "may_be_absent": true},
            {"name": "Ready", "type": "Boolean", "description": "d", "nullable": true},
            {"name": "Things", "type": "Thing", "array": true, "description": "d"},
            {"name": "RequestId", "type": "String", "description": "d"}
        ]
    }))
    .expect("action")
}

fn thing() -> StructureSpec {
    serde_json::from_value(json!({
        "$schema": "s", "name": "Thing", "description": "d",
        "fields": [
            {"name": "Id", "type": "String", "required": false, "description": "d"},
            {"name": "Size", "type": "UInt64", "required": false, "description": "d"},
            {"name": "Tags", "type": "Integer", "array": true, "required": false, "description": "d"}
        ]
    }))
    .expect("structure")
}

fn decode(body: Value) -> Decoded {
    let thing = thing();
    let structures = BTreeMap::from([("Thing", &thing)]);
    decode_response(&body, &action(), &structures)
}

#[test]
fn a_response_that_fits_needs_no_correction() {
    let body = json!({"Response": {
        "TotalCount": 1, "Ratio": 0.5, "Ready": true, "RequestId": "r",
        "Things": [{"Id": "a", "Size": 3, "Tags": [1, 2]}]
    }});
    let d = decode(body.clone());
    assert_eq!(d.value, body["Response"]);
    assert!(d.corrections.is_empty() && d.unknown.is_empty() && d.errors.is_empty());
}

#[test]
fn strings_empty_values_and_missing_outputs_are_corrections() {
    let d = decode(json!({"Response": {
        "TotalCount": "2", "Ratio": "", "Ready": 1, "RequestId": "r",
        "Things": [{"Id": 12, "Size": "7", "Tags": [3.0], "Colour": "red"}],
        "NewOutput": {"x": 1}
    }}));
    assert_eq!(
        d.value,
        json!({"TotalCount": 2, "Ready": true, "RequestId": "r",
               "Things": [{"Id": "12", "Size": 7, "Tags": [3]}]})
    );
    let paths: Vec<&str> = d.corrections.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "TotalCount",
            "Ratio",
            "Ready",
            "Things[0].Id",
            "Things[0].Size",
            "Things[0].Tags[0]"
        ]
    );
    assert_eq!(d.corrections[0].1, "\"2\" read as an integer");
    assert_eq!(d.unknown, ["Things[0].Colour", "NewOutput"]);
    assert!(d.errors.is_empty(), "{:?}", d.errors);

    let d = decode(json!({"Response": {"RequestId": "r", "Things": null}}));
    assert_eq!(
        d.corrections,
        [
            (
                "TotalCount".to_owned(),
                "missing or null though required; read as its default".to_owned()
            ),
            (
                "Things".to_owned(),
                "missing or null though required; read as its default".to_owned()
            ),
        ]
    );
}

#[test]
fn what_the_typed_decoding_cannot_read_is_an_error_with_its_path() {
    let d = decode(json!({"Response": {
        "TotalCount": "many", "RequestId": [7],
        "Things": [{"Id": "a", "Size": -1, "Tags": [1, null]}, "b"]
    }}));
    assert_eq!(
        d.errors,
        [
            (
                "TotalCount".to_owned(),
                "\"many\" is not an integer".to_owned()
            ),
            (
                "RequestId".to_owned(),
                "expected a string, got an array".to_owned()
            ),
            (
                "Things[0].Size".to_owned(),
                "-1 is not an unsigned integer".to_owned()
            ),
            (
                "Things[0].Tags[1]".to_owned(),
                "an element with no value".to_owned()
            ),
            (
                "Things[1]".to_owned(),
                "expected an object (Thing), got a string".to_owned()
            ),
        ]
    );
    let d = decode(json!({"Error": {"Code": "X"}}));
    assert_eq!(d.errors[0].1, "the envelope has no \"Response\" object");
}

#[test]
fn an_error_answer_reads_its_code_and_message_only() {
    let d = decode(json!({"Response": {
        "Error": {"Code": "InvalidParameter", "Message": "m"}, "RequestId": "r", "TotalCount": "x"
    }}));
    assert!(d.is_error && d.errors.is_empty());
    assert_eq!(
        d.value,
        json!({"Error": {"Code": "InvalidParameter", "Message": "m"}, "RequestId": "r"})
    );
}
