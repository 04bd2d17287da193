//! The import holds a service version's signing name and default host
//! against the official Python SDK's client file: the international
//! edition's SDK calls `<service>.intl.tencentcloudapi.com`, the Chinese
//! site's `<service>.tencentcloudapi.com`.

use std::path::Path;

use codegen::spec::{Endpoints, ServiceSpec};
use importer::client_file;

fn spec(service: &str, signing_name: Option<&str>) -> ServiceSpec {
    spec_on(service, signing_name, "intl.tencentcloudapi.com")
}

fn spec_on(service: &str, signing_name: Option<&str>, root_domain: &str) -> ServiceSpec {
    let wire = signing_name.unwrap_or(service);
    ServiceSpec {
        schema: "../../spec.schema.json".into(),
        service: service.into(),
        version: "2018-04-19".into(),
        signing_name: signing_name.map(str::to_owned),
        product: service.into(),
        endpoints: Endpoints {
            default: format!("{wire}.{root_domain}"),
            regional: format!("{wire}.{{region}}.tencentcloudapi.com"),
            international: format!("{wire}.intl.tencentcloudapi.com"),
        },
        curated: Vec::new(),
        notes: None,
        waiters: Vec::new(),
    }
}

#[test]
fn a_spec_signing_as_its_folder_name_is_caught() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("client-file");
    let file = dir.join("autoscaling/v20180419/autoscaling_client.py");
    std::fs::create_dir_all(file.parent().expect("parent")).expect("dir");
    std::fs::write(
        &file,
        "class AutoscalingClient(AbstractClient):\n    _apiVersion = '2018-04-19'\n    _endpoint = 'as.intl.tencentcloudapi.com'\n    _service = 'as'\n",
    )
    .expect("write");
    let wrong = client_file::check(&dir, &spec("autoscaling", None), "v20180419")
        .expect_err("autoscaling signs as `as`");
    assert!(
        wrong.contains("signs as \"autoscaling\", the official SDK as \"as\"")
            && wrong.contains("calls \"autoscaling.intl.tencentcloudapi.com\""),
        "{wrong}"
    );
    assert_eq!(
        client_file::check(&dir, &spec("autoscaling", Some("as")), "v20180419"),
        Ok(Some(()))
    );
    assert_eq!(
        client_file::check(&dir, &spec("cvm", None), "v20170312"),
        Ok(None),
        "no client file, nothing to hold against"
    );
}

#[test]
fn a_chinese_site_spec_is_held_against_the_chinese_site_host() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("client-file-cn");
    let file = dir.join("autoscaling/v20180419/autoscaling_client.py");
    std::fs::create_dir_all(file.parent().expect("parent")).expect("dir");
    std::fs::write(
        &file,
        "class AutoscalingClient(AbstractClient):\n    _endpoint = 'as.tencentcloudapi.com'\n    _service = 'as'\n",
    )
    .expect("write");
    assert_eq!(
        client_file::check(
            &dir,
            &spec_on("autoscaling", Some("as"), "tencentcloudapi.com"),
            "v20180419"
        ),
        Ok(Some(()))
    );
    let wrong = client_file::check(&dir, &spec("autoscaling", Some("as")), "v20180419")
        .expect_err("an international default host against the Chinese site's SDK");
    assert!(
        wrong.contains("calls \"as.intl.tencentcloudapi.com\" by default, the official SDK \"as.tencentcloudapi.com\""),
        "{wrong}"
    );
}
