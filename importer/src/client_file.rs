//! The official Python SDK's client file of a service version
//! (`tencentcloud/<service>/v<YYYYMMDD>/<service>_client.py`) names the
//! service as the SDKs sign and address it: `_service = 'as'` and
//! `_endpoint = 'as.intl.tencentcloudapi.com'` (international edition) or
//! `'as.tencentcloudapi.com'` (Chinese site). The import holds the spec's
//! signing name and default host against it.

use std::path::Path;

use codegen::spec::ServiceSpec;

/// `_service` and `_endpoint` of a client file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientNames {
    /// The signing name (`_service`).
    pub service: String,
    /// The host the SDK calls (`_endpoint`).
    pub endpoint: String,
}

/// Reads the class attributes `_service` and `_endpoint` (single or double
/// quoted) of a client file's text; `None` when either is missing.
pub fn parse(text: &str) -> Option<ClientNames> {
    let value = |name: &str| {
        text.lines().find_map(|line| {
            let rest = line
                .trim()
                .strip_prefix(name)?
                .trim_start()
                .strip_prefix('=')?;
            let rest = rest.trim();
            let quote = rest.chars().next().filter(|c| *c == '\'' || *c == '"')?;
            let inner = &rest[1..];
            inner.find(quote).map(|end| inner[..end].to_owned())
        })
    };
    Some(ClientNames {
        service: value("_service")?,
        endpoint: value("_endpoint")?,
    })
}

/// Where the spec disagrees with the client file of `dir` (the Python
/// SDK's `tencentcloud` folder): `Ok(None)` when there is no client file
/// for the service version, `Ok(Some(()))` when both names agree.
pub fn check(dir: &Path, spec: &ServiceSpec, version_dir: &str) -> Result<Option<()>, String> {
    let file = dir
        .join(&spec.service)
        .join(version_dir)
        .join(format!("{}_client.py", spec.service));
    let Ok(text) = std::fs::read_to_string(&file) else {
        return Ok(None);
    };
    let names =
        parse(&text).ok_or_else(|| format!("{}: no `_service` and `_endpoint`", file.display()))?;
    let mut problems = Vec::new();
    if names.service != spec.signing_name() {
        problems.push(format!(
            "signs as \"{}\", the official SDK as \"{}\"",
            spec.signing_name(),
            names.service
        ));
    }
    if names.endpoint != spec.endpoints.default {
        problems.push(format!(
            "calls \"{}\" by default, the official SDK \"{}\"",
            spec.endpoints.default, names.endpoint
        ));
    }
    if problems.is_empty() {
        Ok(Some(()))
    } else {
        Err(format!("{}: {}", file.display(), problems.join("; ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_class_attributes() {
        let text = "class AutoscalingClient(AbstractClient):\n    _apiVersion = '2018-04-19'\n    _endpoint = 'as.intl.tencentcloudapi.com'\n    _service = \"as\"\n";
        assert_eq!(
            parse(text),
            Some(ClientNames {
                service: "as".into(),
                endpoint: "as.intl.tencentcloudapi.com".into()
            })
        );
        assert_eq!(parse("_service = 'as'\n"), None);
        assert_eq!(parse("_service_name = 'x'\n_endpoint = 'y'\n"), None);
    }
}
