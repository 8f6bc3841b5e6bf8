//! Raw HTTP over sockets: multipart bodies written by hand, requests cut off or trickled.
use super::fields;
use tokio::io::AsyncReadExt;
use tokio::net::TcpStream;

pub const BOUNDARY: &str = "minsheng-hostile-boundary-7d41c9";

/// A complete multipart report body with these photos (name, type, bytes).
pub fn multipart(photos: &[(&str, &str, Vec<u8>)]) -> Vec<u8> {
    let mut body = Vec::new();
    for (k, v) in fields() {
        body.extend(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    for (name, mime, bytes) in photos {
        body.extend(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"photos\"; \
                 filename=\"{name}\"\r\nContent-Type: {mime}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

pub fn head(len: usize) -> Vec<u8> {
    format!(
        "POST /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: zh-CN\r\n\
         Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {len}\r\n\
         Connection: close\r\n\r\n"
    )
    .into_bytes()
}

pub async fn connect(url: &str) -> TcpStream {
    TcpStream::connect(url.trim_start_matches("http://"))
        .await
        .expect("connect")
}

/// Reads the answer's status code, if the server sends one before closing.
pub async fn status_of(stream: &mut TcpStream) -> Option<u16> {
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    let line = String::from_utf8_lossy(&answer);
    line.split_whitespace().nth(1)?.parse().ok()
}
