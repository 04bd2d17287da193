use serde_json::json;

use super::*;

fn run(document: &str, kind: Kind) -> Draft {
    draft(&Subject {
        name: "Member",
        document,
        kind,
        list: false,
        siblings: &["Member", "BillingMode", "TypeId"],
    })
}

#[test]
fn enumerations_after_valid_values() {
    let d = run(
        "Whether to renew. Valid values: 0 (do not renew), 1 (renew automatically).",
        Kind::Integer,
    );
    assert_eq!(d.allowed, Some(vec![json!(0), json!(1)]));
    let d = run("Billing mode. Valid values: `PREPAID`: monthly subscription; `POSTPAID_BY_HOUR`: pay as you go.", Kind::String);
    assert_eq!(
        d.allowed,
        Some(vec![json!("PREPAID"), json!("POSTPAID_BY_HOUR")])
    );
    let d = run("<p>Role. Valid values:</p><ul><li>Primary: the primary node</li><li>Standby: the standby node</li></ul>", Kind::String);
    assert_eq!(d.allowed, Some(vec![json!("Primary"), json!("Standby")]));
    let d = run("Sort order. Valid values: ASC, DESC.", Kind::String);
    assert_eq!(d.allowed, Some(vec![json!("ASC"), json!("DESC")]));
}

#[test]
fn lists_whose_items_open_with_values_and_inline_pairs() {
    let d = run("<p>Instance type.</p><ul><li>2: Redis 2.8.</li><li>6: Redis 4.0.</li><li>8: Redis 5.0.</li></ul>", Kind::Integer);
    assert_eq!(d.allowed, Some(vec![json!(2), json!(6), json!(8)]));
    let d = run("Whether to enable. 0: no; 1: yes.", Kind::Integer);
    assert_eq!(d.allowed, Some(vec![json!(0), json!(1)]));
    // A clock time is not a pair; an open list is not a set.
    assert_eq!(
        run("Backup starts at 02:00 and ends at 04:00.", Kind::Integer).allowed,
        None
    );
    assert_eq!(
        run("Valid values: 1, 2, 3, etc.", Kind::Integer).allowed,
        None
    );
    assert_eq!(
        run("Values such as `ap-guangzhou`, `ap-beijing`.", Kind::String).allowed,
        None
    );
    // Words in a meaning are not values.
    let d = run(
        "Valid values: 0: do not renew or notify, 1: renew.",
        Kind::Integer,
    );
    assert_eq!(d.allowed, Some(vec![json!(0), json!(1)]));
}

#[test]
fn bounds_lengths_defaults_and_units() {
    let d = run(
        "Number of shards. Value range: 1-100. Default value: 3.",
        Kind::Integer,
    );
    assert_eq!((d.minimum, d.maximum), (Some(json!(1)), Some(json!(100))));
    assert_eq!(d.default, Some(json!(3)));
    let d = run(
        "Page size. Maximum value: 100. It must be at least 1.",
        Kind::Integer,
    );
    assert_eq!((d.minimum, d.maximum), (Some(json!(1)), Some(json!(100))));
    let d = run(
        "Instance name, which can contain up to 60 characters.",
        Kind::String,
    );
    assert_eq!((d.min_length, d.max_length), (None, Some(60)));
    let d = run("Description. Length: 1-128 characters.", Kind::String);
    assert_eq!((d.min_length, d.max_length), (Some(1), Some(128)));
    let d = run("Disk size in GB.", Kind::Integer);
    assert_eq!(d.unit.as_deref(), Some("GB"));
    let d = run("Timeout. Unit: seconds.", Kind::Integer);
    assert_eq!(d.unit.as_deref(), Some("seconds"));
    // A count of items is not a bound on the value.
    let d = run("Up to 100 instances can be queried.", Kind::Integer);
    assert_eq!(d.maximum, None);
    // Lengths are not value bounds.
    let d = run("The length cannot exceed 64.", Kind::Integer);
    assert_eq!(d.maximum, None);
}

#[test]
fn rules_naming_another_member_are_conditional() {
    let d = run(
        "Purchase duration. If BillingMode is 1, valid values: 1, 2, 3.",
        Kind::Integer,
    );
    assert!(d.conditional);
    assert_eq!(d.allowed, Some(vec![json!(1), json!(2), json!(3)]));
    assert!(!run("If the value is empty, all are returned.", Kind::Integer).conditional);
}

#[test]
fn structures_and_illustrations_draft_nothing() {
    let d = draft(&Subject {
        name: "Tags",
        document: "Valid values: 0, 1.",
        kind: Kind::Object,
        list: false,
        siblings: &[],
    });
    assert!(d.is_empty());
    assert!(run("For example, 1-100 characters.", Kind::String).is_empty());
}

#[test]
fn what_the_first_held_out_set_taught() {
    // A bound in another unit than the value's is not a bound as written.
    let d = run(
        "Retention time, in minutes. Maximum: 30 days.",
        Kind::Integer,
    );
    assert_eq!((d.unit.as_deref(), d.maximum), (Some("minutes"), None));
    // Thousands separators.
    let d = run("Page size. Default: 15; maximum: 1,000.", Kind::Integer);
    assert_eq!((d.default, d.maximum), (Some(json!(15)), Some(json!(1000))));
    // A code span left open still ends with its token.
    let d = run(
        "Policy. Valid values: `years` (yearly); `quarters (quarterly); `months` (monthly).",
        Kind::String,
    );
    assert_eq!(
        d.allowed,
        Some(vec![json!("years"), json!("quarters"), json!("months")])
    );
    // The enumeration ends with its sentence, whatever case follows.
    let d = run(
        "Mode. valid values: keep_all, drop_all. default value: keep_all.",
        Kind::String,
    );
    assert_eq!(d.allowed, Some(vec![json!("keep_all"), json!("drop_all")]));
    assert_eq!(d.default, Some(json!("keep_all")));
    // A rule for one case only, and a function of another member, are not lengths.
    assert_eq!(
        run(
            "If no rule is set, use a minimum of 8 characters.",
            Kind::String
        )
        .min_length,
        None
    );
    assert_eq!(
        run("`weekly` when length(Days) = 2.", Kind::String).max_length,
        None
    );
}

#[test]
fn chinese_wording_drafts_the_same_kinds() {
    let d = run(
        "置放群组的亲和度，取值范围是：1-10，默认为1。单位：个。",
        Kind::Integer,
    );
    assert_eq!((d.minimum, d.maximum), (Some(json!(1)), Some(json!(10))));
    assert_eq!(d.default, Some(json!(1)));
    let d = run("名称，长度1-60个字符，支持中、英文。", Kind::String);
    assert_eq!((d.min_length, d.max_length), (Some(1), Some(60)));
    let d = run(
        "带宽包名称。名称长度小于60，只包含数字、字母和下划线。",
        Kind::String,
    );
    assert_eq!(d.max_length, Some(59));
    let d = run(
        "硬盘介质类型。取值范围：<br><li>CLOUD_PREMIUM：表示高性能云硬盘</li><li>CLOUD_SSD：表示SSD云硬盘</li>",
        Kind::String,
    );
    assert_eq!(
        d.allowed,
        Some(vec![json!("CLOUD_PREMIUM"), json!("CLOUD_SSD")])
    );
    let d = run("检查间隔（秒），可选值有15 60 120 300", Kind::Integer);
    assert_eq!(
        d.allowed,
        Some(vec![json!(15), json!(60), json!(120), json!(300)])
    );
    assert_eq!(d.unit.as_deref(), Some("秒"));
    let d = run(
        "购买时长，单位：月。只有当BillingMode为1时生效。",
        Kind::Integer,
    );
    assert_eq!(d.unit.as_deref(), Some("月"));
    assert!(d.conditional);
}

#[test]
fn chinese_modes_and_special_values_cancel_bounds() {
    // Two modes, two minima: only the shared maximum; 3640 breaks it too.
    let d = run(
        "<p>存储时间，单位天，默认为 30。</p><ul><li>标准存储时，支持1至3600天，值为3640时代表永久保存。</li><li>低频存储时，支持7至3600天，值为3640时代表永久保存。</li></ul>",
        Kind::Integer,
    );
    assert_eq!((d.minimum, d.maximum), (None, None));
    assert_eq!(d.default, Some(json!(30)));
    // 0 is allowed beside the range: no minimum.
    let d = run(
        "宽度，取值范围：0 和 [128, 4096]，单位：px。",
        Kind::Integer,
    );
    assert_eq!((d.minimum, d.maximum), (None, Some(json!(4096))));
    // A maximum of something else, in another unit, is not the value's.
    let d = run("小图的行数。大图的高度最大为15000像素。", Kind::Integer);
    assert_eq!(d.maximum, None);
    // Two defaults, one per mode: none.
    let d = run(
        "命令执行路径，对于 SHELL 命令默认为 /root，对于 POWERSHELL 命令默认为 C:\\work。",
        Kind::String,
    );
    assert_eq!(d.default, None);
    // An enumeration that leaves a value without its mark is incomplete.
    let d = run(
        "是否极速变配。0-普通升级，1-极速变配，2 极速优先。",
        Kind::Integer,
    );
    assert_eq!(d.allowed, None);
}

#[test]
fn an_english_document_quoting_chinese_keeps_the_english_rules() {
    let d = run(
        "Name, up to 60 characters; Chinese characters such as 中文 are allowed. Default value: test.",
        Kind::String,
    );
    assert_eq!(d.max_length, Some(60));
    assert_eq!(d.default, Some(json!("test")));
}

#[test]
fn english_sets_of_one_need_an_explicit_trigger() {
    let d = run(
        "Remediation type. Valid values: SCF (serverless cloud function).",
        Kind::String,
    );
    assert_eq!(d.allowed, Some(vec![json!("SCF")]));
    let d = run(
        "Billing type, which currently supports POSTPAID_BY_HOUR only.",
        Kind::String,
    );
    assert_eq!(d.allowed, Some(vec![json!("POSTPAID_BY_HOUR")]));
    // "Default value: 0" states a default, not the only value.
    let d = run("Whether to use a voucher. Default value: 0", Kind::Integer);
    assert_eq!((d.allowed, d.default), (None, Some(json!(0))));
    // "supports passing only one path": a word, not a code.
    let d = run("The path supports passing only one path.", Kind::String);
    assert_eq!(d.allowed, None);
    // "Note:" opens a remark.
    let d = run(
        "Invite a role. Note: if none, a customer. Client: customer. SubAgent: reseller.",
        Kind::String,
    );
    assert!(!d.allowed.unwrap_or_default().contains(&json!("Note")));
}

#[test]
fn english_ranges_sizes_and_modes() {
    let d = run(
        "The time to reschedule, configurable from 0s to 3600s, default 0s.",
        Kind::Integer,
    );
    assert_eq!((d.minimum, d.maximum), (Some(json!(0)), Some(json!(3600))));
    let d = run(
        "Number to create. The maximum batch creation quantity is 10.",
        Kind::Integer,
    );
    assert_eq!(d.maximum, Some(json!(10)));
    let d = run(
        "Base64-encoded command. The maximum length is 64 KB.",
        Kind::String,
    );
    assert_eq!(d.max_length, None);
    let d = run("Mobile number, a range of 1-32 digits.", Kind::String);
    assert_eq!((d.min_length, d.max_length), (Some(1), Some(32)));
    // Two ranges in one sentence depend on a mode.
    let d = run(
        "The value range is 1,000,000–10,000,000 during the beta test and can be 1,000,000–1,000,000,000 after release.",
        Kind::Integer,
    );
    assert_eq!(d.maximum, None);
    // More than the maximum is allowed, with another meaning.
    let d = run(
        "Validity in hours. If the value is less than or equal to 99999, it is valid in hours. If the input value is more than 99999, it is permanent.",
        Kind::Integer,
    );
    assert_eq!(d.maximum, None);
    // A stray full stop between list items keeps the list whole.
    let d = run(
        "Policy type. valid values:.\n\n- `SIMPLE`: a simple policy.\n\n.\n\n- `TARGET_TRACKING`: a target tracking policy.",
        Kind::String,
    );
    assert_eq!(
        d.allowed,
        Some(vec![json!("SIMPLE"), json!("TARGET_TRACKING")])
    );
}

#[test]
fn english_code_pairs_and_bracketed_lists() {
    let d = run(
        "Event type (`Read`: Read; `Write`: Write; `*`: All)",
        Kind::String,
    );
    assert_eq!(
        d.allowed,
        Some(vec![json!("Read"), json!("Write"), json!("*")])
    );
    let d = run(
        "Types of users. ADMIN: administrators; COMMON: general users.",
        Kind::String,
    );
    assert_eq!(d.allowed, Some(vec![json!("ADMIN"), json!("COMMON")]));
    let d = run(
        "Whether there are customers outside China. Valid values: [no, yes]",
        Kind::String,
    );
    assert_eq!(d.allowed, Some(vec![json!("no"), json!("yes")]));
    let d = run(
        "Category. Valid values: [WEB (website), GAME (game)]",
        Kind::String,
    );
    assert_eq!(d.allowed, Some(vec![json!("WEB"), json!("GAME")]));
    // Numbers in brackets are a range, not a list.
    let d = run(
        "Total requests. Valid values: -1, [1,99999999].",
        Kind::Integer,
    );
    assert_eq!(d.allowed, None);
    // A string holding JSON documents its keys.
    let d = run(
        "Config in JSON. `Key`: the key; `Value`: the value.",
        Kind::String,
    );
    assert_eq!(d.allowed, None);
    let d = run(
        "User alias, and its characters are less than 50.",
        Kind::String,
    );
    assert_eq!(d.max_length, Some(49));
    let d = run(
        "The maximum number of players, which cannot be less than 0.",
        Kind::Integer,
    );
    assert_eq!(d.minimum, Some(json!(0)));
}

fn pattern(document: &str) -> Option<String> {
    run(document, Kind::String).pattern
}

#[test]
fn characters_allowed_read_as_a_pattern_and_a_charset() {
    let d = run(
        "Instance name. It can contain only Chinese characters, letters, digits, underscores (\"_\"), and hyphens (\"-\"), with a length of less than 60.",
        Kind::String,
    );
    assert_eq!(d.pattern.as_deref(), Some(r"^[\p{Han}A-Za-z0-9_-]*$"));
    let cs = d.charset.expect("a charset");
    assert_eq!(
        cs.classes,
        [
            codegen::spec::CharClass::Chinese,
            codegen::spec::CharClass::Letters,
            codegen::spec::CharClass::Digits
        ]
    );
    assert_eq!(cs.chars, "_-");
    // Bracketed classes, a list before "are allowed", a written count.
    assert_eq!(
        pattern("Rule name. It can contain up to 128 bytes, supporting [a-zA-Z0-9-\\.]*."),
        Some("^[A-Za-z0-9.-]*$".into())
    );
    assert_eq!(
        pattern("Device name. It is a string of 1 to 48 characters. Letters, digits, and :_- are allowed."),
        Some("^[A-Za-z0-9:_-]*$".into())
    );
    assert_eq!(
        pattern("Product name. Naming rule: [a-zA-Z0-9:_-]{1,32}."),
        Some("^[A-Za-z0-9:_-]{1,32}$".into())
    );
    // Symbols in brackets, brackets among them.
    assert_eq!(
        pattern("Template name, which can contain 1-60 letters, digits, and symbols (-_./()+=:@)."),
        Some("^[A-Za-z0-9_./()+=:@-]*$".into())
    );
    // "upper- and lower-case letters" is one kind, lower case alone another.
    assert_eq!(
        pattern("It can contain 1–255 characters, consisting of digits, upper- and lower-case letters, half-width periods (.), and dashes (-)."),
        Some("^[A-Za-z0-9.-]*$".into())
    );
    assert_eq!(
        pattern("Device ID, consisting of lowercase english letters, numbers, and underscores, with a length not exceeding 18."),
        Some("^[a-z0-9_]*$".into())
    );
}

#[test]
fn first_and_last_characters_go_into_the_pattern_only() {
    let d = run(
        "Package name. It can only contain Chinese, letters, digits, underscores, and hyphens. It must start with a Chinese character or a letter and end with a Chinese character, letter, or digit.",
        Kind::String,
    );
    assert_eq!(
        d.pattern.as_deref(),
        Some(r"^[\p{Han}A-Za-z][\p{Han}A-Za-z0-9_-]*[\p{Han}A-Za-z0-9]$")
    );
    // The charset holds what is allowed anywhere, which the pattern implies.
    assert_eq!(d.charset.expect("a charset").chars, "_-");
    assert_eq!(
        pattern("Alias name, which must be unique in the function, can contain 1 to 64 letters, digits, `_`, and `-`, and must begin with a letter"),
        Some("^[A-Za-z][A-Za-z0-9_-]*$".into())
    );
}

#[test]
fn character_rules_not_read_whole_draft_nothing() {
    // A piece that is no kind of character, a rule the pattern cannot hold,
    // a password's complexity, a list of one, a part of the value.
    for document in [
        "The name can contain letters, digits and special characters.",
        "Log set name. It can contain letters and digits, and cannot start or end with a hyphen.",
        "Password, which must contain at least letters and digits.",
        "Chinese is supported.",
        "The custom part only supports lowercase letters, digits, and -.",
        "Supports up to 1,000 English letters, digits, spaces, commas, and periods. Chinese is supported.",
    ] {
        let d = run(document, Kind::String);
        assert_eq!((d.pattern, d.charset), (None, None), "{document}");
    }
    // Integers and lists have no characters to draft.
    assert_eq!(
        run("It can contain only digits.", Kind::Integer).pattern,
        None
    );
}

#[test]
fn one_date_or_time_format_is_a_pattern_documented_only() {
    let d = run(
        "Switch start time in the format of `HH:MM:SS`, such as 01:00:00.",
        Kind::String,
    );
    assert_eq!(d.pattern.as_deref(), Some("^[0-9]{2}:[0-9]{2}:[0-9]{2}$"));
    assert_eq!(d.charset, None);
    assert_eq!(
        pattern("Parameter format: YYYY-MM-DD HH:mm:ss, for example 2026-03-06 00:00:00."),
        Some("^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$".into())
    );
    // Two formats, or one with a zone the pattern would have to spell.
    assert_eq!(
        pattern("Time in the format of YYYY-MM-DD or YYYY-MM-DD HH:MM:SS."),
        None
    );
    assert_eq!(
        pattern("Time in the format of `YYYY-MM-DDThh:mm:ss+08:00`."),
        None
    );
}

#[test]
fn chinese_character_rules() {
    assert_eq!(
        pattern("<p>命令名称。名称仅支持中文、英文、数字、下划线、分隔符&quot;-&quot;、小数点，最大长度不能超60个字节。</p>"),
        Some(r"^[\p{Han}A-Za-z0-9_.-]*$".into())
    );
    assert_eq!(
        pattern("要修改实例名称，不能为空, 3-64个字符，只能包含数字、字母、“-”和“_”。"),
        Some("^[A-Za-z0-9_-]*$".into())
    );
    // The list runs on past the clause and is read there too.
    assert_eq!(
        pattern("<p>实例名称。命名要求：仅支持长度小于60的中文、英文或者数字，短划线&quot;-&quot;、下划线&quot;_&quot;。</p>"),
        Some(r"^[\p{Han}A-Za-z0-9_-]*$".into())
    );
    assert_eq!(
        pattern(
            "创建通用资源组的名称，必须以字母开头，可包含字母、数字、下划线（_），最多 64 个字符。"
        ),
        Some("^[A-Za-z][A-Za-z0-9_]*$".into())
    );
    // Punctuation of a kind, a negative rule on an edge, a list running on
    // into words not read: nothing.
    for document in [
        "仅支持中文、英文，短划线和其他符号。",
        "只能由中文、字母、数字、中文标点和英文标点组成。",
        "只能包含字母、数字及分隔符（“-”、“_”），且不能以分隔符开头或结尾。",
    ] {
        assert_eq!(pattern(document), None, "{document}");
    }
}
