//! A tiny HTTP server standing in for the metadata service, STS or a proxy.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

/// One request a fake received.
#[derive(Debug, Clone)]
pub struct Seen {
    /// The request target as sent: a path, or an absolute URL through a proxy.
    pub target: String,
    /// The path.
    pub path: String,
    /// Headers, names lowercased.
    pub headers: BTreeMap<String, String>,
    /// The body.
    pub body: String,
}

type Handler = dyn Fn(&Seen, usize) -> (u16, String) + Send + Sync;

/// A tiny HTTP server: `handler(request, n)` answers the n-th request
/// (from 1) to the same path.
pub struct Fake {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Fake {
    pub async fn start(
        handler: impl Fn(&Seen, usize) -> (u16, String) + Send + Sync + 'static,
    ) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let handler: Arc<Handler> = Arc::new(handler);
        let shared = seen.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (seen, handler) = (shared.clone(), handler.clone());
                tokio::spawn(async move {
                    let service = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                        let (seen, handler) = (seen.clone(), handler.clone());
                        async move {
                            let target = req.uri().to_string();
                            let path = req.uri().path().to_owned();
                            let headers = req
                                .headers()
                                .iter()
                                .map(|(k, v)| {
                                    (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned())
                                })
                                .collect();
                            let body = req.into_body().collect().await.map(|b| b.to_bytes());
                            let body =
                                String::from_utf8_lossy(&body.unwrap_or_default()).into_owned();
                            let request = Seen {
                                target,
                                path,
                                headers,
                                body,
                            };
                            let n = {
                                let mut all = seen.lock().unwrap();
                                all.push(request.clone());
                                all.iter().filter(|s| s.path == request.path).count()
                            };
                            let (status, body) = handler(&request, n);
                            Ok::<_, std::convert::Infallible>(
                                hyper::Response::builder()
                                    .status(status)
                                    .body(Full::new(Bytes::from(body)))
                                    .unwrap(),
                            )
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Self { addr, seen }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn hits(&self, path: &str) -> usize {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.path == path)
            .count()
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}
