//! Credential sources with temporary files and fake environments (never the
//! real process environment or home directory).
#![cfg(feature = "signing")]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tencentcloud_sdk_core::credentials::{
    Credentials, CredentialsChain, CredentialsError, Env, EnvironmentProvider, ProfileFileProvider,
    Provide, ProvideCredentials,
};

const ID: &str = "AKIDabcdefghijklmnop1234";
const KEY: &str = "KEYsecretsecretsecret99";
const TOKEN: &str = "TOKENsessionsession77";

/// A fresh directory under the system temp dir, removed on drop.
struct TempHome(PathBuf);

impl TempHome {
    fn new() -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "tc-sdk-cred-test-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        TempHome(dir)
    }

    /// Writes `~/.tencentcloud/credentials` and returns its path.
    fn write_credentials(&self, text: &str) -> PathBuf {
        let dir = self.0.join(".tencentcloud");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("credentials");
        std::fs::write(&path, text).unwrap();
        path
    }

    fn env(&self, extra: &[(&str, &str)]) -> Env {
        let mut pairs: Vec<(String, String)> = vec![("HOME".into(), self.0.display().to_string())];
        pairs.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        Env::from_pairs(pairs)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempHome {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn assert_no_secrets(text: &str) {
    for secret in [KEY, TOKEN] {
        assert!(!text.contains(secret), "secret leaked into: {text}");
    }
}

#[test]
fn debug_never_shows_key_or_token() {
    let creds = Credentials::new(ID, KEY).with_token(TOKEN);
    let shown = format!("{creds:?}");
    assert_no_secrets(&shown);
    assert!(shown.contains("AKID***1234"), "{shown}");
    assert!(shown.contains("secret_key: \"***\""), "{shown}");
    assert!(shown.contains("token: Some(\"***\")"), "{shown}");
    assert!(
        !shown.contains(ID),
        "the id is shown only partially: {shown}"
    );
    assert!(format!("{:?}", Credentials::new(ID, KEY)).contains("token: None"));
    assert_eq!(creds.secret_id(), ID);
    assert_eq!(creds.secret_key(), KEY);
    assert_eq!(creds.token(), Some(TOKEN));
    // Pretty Debug too.
    assert_no_secrets(&format!("{creds:#?}"));
}

#[test]
fn environment_provider_reads_the_documented_variables() {
    let env = Env::from_pairs([
        ("TENCENTCLOUD_SECRET_ID", ID),
        ("TENCENTCLOUD_SECRET_KEY", KEY),
        ("TENCENTCLOUD_SESSION_TOKEN", TOKEN),
        ("TENCENTCLOUD_TOKEN", "ignored-when-session-token-set"),
    ]);
    let creds = EnvironmentProvider::with_env(env)
        .provide_credentials()
        .now()
        .unwrap();
    assert_eq!(creds, Credentials::new(ID, KEY).with_token(TOKEN));

    let env = Env::from_pairs([
        ("TENCENTCLOUD_SECRET_ID", ID),
        ("TENCENTCLOUD_SECRET_KEY", KEY),
        ("TENCENTCLOUD_TOKEN", TOKEN),
    ]);
    let creds = EnvironmentProvider::with_env(env)
        .provide_credentials()
        .now()
        .unwrap();
    assert_eq!(
        creds.token(),
        Some(TOKEN),
        "TENCENTCLOUD_TOKEN is the fallback name"
    );

    let env = Env::from_pairs([
        ("TENCENTCLOUD_SECRET_ID", ID),
        ("TENCENTCLOUD_SECRET_KEY", KEY),
    ]);
    assert_eq!(
        EnvironmentProvider::with_env(env)
            .provide_credentials()
            .now()
            .unwrap()
            .token(),
        None
    );

    // A custom lookup function works as well.
    let env = Env::from_fn(|name| match name {
        "TENCENTCLOUD_SECRET_ID" => Some(ID.to_owned()),
        "TENCENTCLOUD_SECRET_KEY" => Some(KEY.to_owned()),
        _ => None,
    });
    assert_eq!(
        EnvironmentProvider::with_env(env)
            .provide_credentials()
            .now()
            .unwrap(),
        Credentials::new(ID, KEY)
    );
}

#[test]
fn environment_provider_errors_name_variables_not_values() {
    let err = EnvironmentProvider::with_env(Env::from_pairs::<&str, &str>([]))
        .provide_credentials()
        .now()
        .unwrap_err();
    assert!(matches!(err, CredentialsError::NotFound { .. }), "{err:?}");
    assert!(err.to_string().contains("TENCENTCLOUD_SECRET_ID"));

    // Empty values count as unset.
    let env = Env::from_pairs([
        ("TENCENTCLOUD_SECRET_ID", " "),
        ("TENCENTCLOUD_SECRET_KEY", ""),
    ]);
    assert!(matches!(
        EnvironmentProvider::with_env(env)
            .provide_credentials()
            .now(),
        Err(CredentialsError::NotFound { .. })
    ));

    let env = Env::from_pairs([("TENCENTCLOUD_SECRET_KEY", KEY)]);
    let err = EnvironmentProvider::with_env(env)
        .provide_credentials()
        .now()
        .unwrap_err();
    assert!(matches!(err, CredentialsError::Invalid { .. }), "{err:?}");
    let shown = err.to_string();
    assert!(shown.contains("TENCENTCLOUD_SECRET_ID is not"), "{shown}");
    assert_no_secrets(&shown);
    assert_no_secrets(&format!("{err:?}"));

    // Values that cannot go in a header are refused without being echoed.
    let env = Env::from_pairs([
        ("TENCENTCLOUD_SECRET_ID", ID),
        ("TENCENTCLOUD_SECRET_KEY", KEY),
        ("TENCENTCLOUD_TOKEN", "TOKENsession\nsession77"),
    ]);
    let err = EnvironmentProvider::with_env(env)
        .provide_credentials()
        .now()
        .unwrap_err();
    assert!(err.to_string().contains("token"), "{err}");
    assert!(!err.to_string().contains("TOKENsession"), "{err}");
}

#[test]
fn env_debug_hides_values() {
    let env = Env::from_pairs([("TENCENTCLOUD_SECRET_KEY", KEY)]);
    assert_no_secrets(&format!("{env:?}"));
    assert_no_secrets(&format!("{:?}", EnvironmentProvider::with_env(env)));
}

#[test]
fn profile_file_is_read_from_home() {
    let home = TempHome::new();
    let path = home.write_credentials(&format!(
        "# Tencent Cloud\n[other]\nsecret_id = OTHERID\nsecret_key = OTHERKEY\n\n[default]\nsecret_id = {ID}\nsecret_key = {KEY}\ntoken = {TOKEN}\n"
    ));
    let provider = ProfileFileProvider::new().with_env(home.env(&[]));
    assert_eq!(provider.path(), Some(path.clone()));
    assert_eq!(
        provider.provide_credentials().now().unwrap(),
        Credentials::new(ID, KEY).with_token(TOKEN)
    );

    // Another profile, and an explicit path.
    let other = ProfileFileProvider::with_path(&path)
        .profile("other")
        .provide_credentials()
        .now()
        .unwrap();
    assert_eq!(other, Credentials::new("OTHERID", "OTHERKEY"));
}

#[test]
fn profile_file_is_reused_for_the_refresh_interval() {
    let home = TempHome::new();
    home.write_credentials(&format!(
        "[default]\nsecret_id = {ID}\nsecret_key = {KEY}\n"
    ));
    let cached = ProfileFileProvider::new().with_env(home.env(&[]));
    let eager = ProfileFileProvider::new()
        .with_env(home.env(&[]))
        .refresh_interval(Duration::ZERO);
    let first = Credentials::new(ID, KEY);
    assert_eq!(cached.provide_credentials().now().unwrap(), first);
    assert_eq!(eager.provide_credentials().now().unwrap(), first);
    assert!(format!("{cached:?}").contains("cached: true"), "{cached:?}");
    assert_no_secrets(&format!("{cached:?}"));

    // An edit: the caching provider keeps the credentials it read (and so do
    // its clones, which share the cache); one reading every time sees it.
    home.write_credentials("[default]\nsecret_id = NEWID\nsecret_key = NEWKEY\n");
    assert_eq!(cached.provide_credentials().now().unwrap(), first);
    assert_eq!(cached.clone().provide_credentials().now().unwrap(), first);
    assert_eq!(
        eager.provide_credentials().now().unwrap(),
        Credentials::new("NEWID", "NEWKEY")
    );
    // A reconfigured clone starts afresh.
    assert_eq!(
        cached
            .clone()
            .refresh_interval(Duration::from_secs(60))
            .provide_credentials()
            .now()
            .unwrap(),
        Credentials::new("NEWID", "NEWKEY")
    );

    // Failures are not cached: once the file is fixed, the next read succeeds.
    let fresh = ProfileFileProvider::new().with_env(home.env(&[]));
    home.write_credentials("[default]\nsecret_id = NEWID\n");
    assert!(fresh.provide_credentials().now().is_err());
    assert!(format!("{fresh:?}").contains("cached: false"), "{fresh:?}");
    home.write_credentials("[default]\nsecret_id = NEWID\nsecret_key = NEWKEY\n");
    assert_eq!(
        fresh.provide_credentials().now().unwrap(),
        Credentials::new("NEWID", "NEWKEY")
    );
}

#[test]
fn profile_file_problems_are_reported_without_secrets() {
    let home = TempHome::new();
    let provider = ProfileFileProvider::new().with_env(home.env(&[]));

    // No file.
    let err = provider.provide_credentials().now().unwrap_err();
    assert!(matches!(err, CredentialsError::NotFound { .. }), "{err:?}");
    assert!(err.to_string().contains(
        &home
            .path()
            .join(".tencentcloud")
            .join("credentials")
            .display()
            .to_string()
    ));

    // No [default] section.
    home.write_credentials("[work]\nsecret_id = a\nsecret_key = b\n");
    let err = provider.provide_credentials().now().unwrap_err();
    assert!(matches!(err, CredentialsError::NotFound { .. }), "{err:?}");
    assert!(err.to_string().contains("no [default] section"), "{err}");

    // Section without a key.
    home.write_credentials(&format!("[default]\nsecret_id = {ID}\n"));
    let err = provider.provide_credentials().now().unwrap_err();
    assert!(matches!(err, CredentialsError::Invalid { .. }), "{err:?}");
    assert!(err.to_string().contains("lacks secret_key"), "{err}");

    // A malformed line holding a secret: the error gives the line number only.
    home.write_credentials(&format!("[default]\nsecret_id = {ID}\nsecret_key {KEY}\n"));
    let err = provider.provide_credentials().now().unwrap_err();
    assert!(matches!(err, CredentialsError::Invalid { .. }), "{err:?}");
    assert!(err.to_string().contains("line 3"), "{err}");
    assert_no_secrets(&err.to_string());
    assert_no_secrets(&format!("{err:?}"));

    // No home directory at all.
    let err = ProfileFileProvider::new()
        .with_env(Env::from_pairs::<&str, &str>([]))
        .provide_credentials()
        .now()
        .unwrap_err();
    assert!(matches!(err, CredentialsError::NotFound { .. }), "{err:?}");
    assert!(err.to_string().contains("HOME"), "{err}");
}

#[test]
fn default_chain_prefers_the_environment_then_the_file() {
    let home = TempHome::new();
    home.write_credentials(&format!(
        "[default]\nsecret_id = FILEID\nsecret_key = {KEY}\n"
    ));

    let env = home.env(&[
        ("TENCENTCLOUD_SECRET_ID", ID),
        ("TENCENTCLOUD_SECRET_KEY", "ENVKEY"),
    ]);
    let creds = CredentialsChain::default_chain_with_env(env)
        .provide_credentials()
        .now()
        .unwrap();
    assert_eq!(creds, Credentials::new(ID, "ENVKEY"));

    let creds = CredentialsChain::default_chain_with_env(home.env(&[]))
        .provide_credentials()
        .now()
        .unwrap();
    assert_eq!(creds, Credentials::new("FILEID", KEY));
}

/// A local address nothing listens on, standing in for the metadata service.
fn closed_local_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    format!("http://{}", listener.local_addr().unwrap())
}

#[tokio::test]
async fn default_chain_names_everything_it_tried() {
    let home = TempHome::new();
    let metadata = closed_local_url();
    let err = CredentialsChain::default_chain_with_env(
        home.env(&[("TENCENTCLOUD_METADATA_ENDPOINT", metadata.as_str())]),
    )
    .provide_credentials()
    .await
    .unwrap_err();
    let CredentialsError::NoneFound { tried } = &err else {
        panic!("{err:?}")
    };
    // With the client, the instance role and the OIDC identity are tried too.
    let sources = if cfg!(feature = "client") { 4 } else { 2 };
    assert_eq!(tried.len(), sources, "{tried:?}");
    let shown = err.to_string();
    assert!(
        shown.starts_with("no credentials found; tried: "),
        "{shown}"
    );
    assert!(
        shown.contains(
            "environment: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set"
        ),
        "{shown}"
    );
    assert!(
        shown.contains(".tencentcloud/credentials: file not found"),
        "{shown}"
    );
}

#[test]
fn a_half_configured_source_stops_the_chain() {
    let home = TempHome::new();
    home.write_credentials(&format!(
        "[default]\nsecret_id = FILEID\nsecret_key = {KEY}\n"
    ));
    // Only the key in the environment: report it rather than silently using the file's account.
    let env = home.env(&[("TENCENTCLOUD_SECRET_KEY", "ENVKEY")]);
    let err = CredentialsChain::default_chain_with_env(env)
        .provide_credentials()
        .now()
        .unwrap_err();
    assert!(matches!(err, CredentialsError::Invalid { .. }), "{err:?}");
    assert!(err.to_string().contains("environment"), "{err}");
}

#[test]
fn custom_chains_and_static_credentials() {
    #[derive(Debug)]
    struct Counting(Arc<AtomicUsize>);
    impl ProvideCredentials for Counting {
        fn provide_credentials(&self) -> Provide<'_> {
            self.0.fetch_add(1, Ordering::SeqCst);
            Provide::ready(Err(CredentialsError::NotFound {
                source_name: "counting".into(),
                reason: "never has any".into(),
            }))
        }
    }
    let calls = Arc::new(AtomicUsize::new(0));
    let chain = CredentialsChain::new(vec![Arc::new(Counting(calls.clone()))])
        .push(Credentials::new(ID, KEY));
    assert_eq!(
        chain.provide_credentials().now().unwrap(),
        Credentials::new(ID, KEY)
    );
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert_no_secrets(&format!("{chain:?}"));

    // Static credentials are checked too.
    let err = Credentials::new("", KEY)
        .provide_credentials()
        .now()
        .unwrap_err();
    assert!(err.to_string().contains("secret_id is empty"), "{err}");
}
