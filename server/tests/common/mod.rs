//! Test harness: the real server binary on a random port with a fresh data directory, and
//! real image files made here.
#![allow(dead_code)]
pub mod rewards;
pub mod staff;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

pub struct TestServer {
    pub url: String,
    pub data: tempfile::TempDir,
    child: Child,
    /// What the server printed after it started listening (its log).
    log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl TestServer {
    pub fn start() -> TestServer {
        Self::start_with(&[])
    }

    pub fn start_with(env: &[(&str, &str)]) -> TestServer {
        Self::start_in(tempfile::tempdir().expect("temp dir"), env)
    }

    /// Stops the server and starts a new one on the same data directory.
    pub fn restart(self) -> TestServer {
        self.restart_with(&[])
    }

    /// Kills the server with SIGKILL (no shutdown of any kind) and starts a new one on the
    /// same data directory with `env`.
    pub fn restart_with(mut self, env: &[(&str, &str)]) -> TestServer {
        let data = std::mem::replace(&mut self.data, tempfile::tempdir().expect("temp dir"));
        drop(self);
        Self::start_in(data, env)
    }

    /// The server process id (for `/proc/PID/status`).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Every line the server wrote so far, standard output and standard error.
    pub fn log_lines(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    pub fn start_in(data: tempfile::TempDir, env: &[(&str, &str)]) -> TestServer {
        // The benchmarks run the tests against a release build of the server.
        let binary = std::env::var("MINSHENG_TEST_SERVER_BIN")
            .unwrap_or_else(|_| env!("CARGO_BIN_EXE_server").to_string());
        let mut cmd = Command::new(binary);
        cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("MINSHENG_ADDR", "127.0.0.1:0")
            .env("MINSHENG_DATA_DIR", data.path())
            .env("LEPTOS_SITE_ROOT", data.path().join("site"))
            .env("RUST_LOG", "warn")
            .env_remove("DATABASE_URL")
            .env_remove("MINSHENG_DEMO_DATA")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("server binary starts");
        let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        // Standard error (panics) goes to the log too, and on to the test's output.
        let stderr = child.stderr.take().expect("stderr");
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                eprintln!("{line}");
                sink.lock().unwrap().push(line);
            }
        });
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let url = loop {
            match lines.next() {
                Some(Ok(line)) => {
                    if let Some(url) = line.strip_prefix("listening on ") {
                        break url.trim().to_string();
                    }
                }
                _ => panic!("server exited before listening"),
            }
        };
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        TestServer {
            url,
            data,
            child,
            log,
        }
    }

    /// Runs a `server` subcommand on this server's data directory; returns its standard output.
    pub fn command(&self, args: &[&str]) -> String {
        let out = Command::new(env!("CARGO_BIN_EXE_server"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("MINSHENG_DATA_DIR", self.data.path())
            .env("RUST_LOG", "warn")
            .env_remove("DATABASE_URL")
            .args(args)
            .output()
            .expect("server command runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The first one-time code the shipped message sender wrote to the log for `mobile`.
    pub fn sms_code(&self, mobile: &str) -> Option<String> {
        self.nth_sms_code(mobile, 1)
    }

    /// The `n`-th (from 1) one-time code written to the log for `mobile`, waiting a little for
    /// the log line to arrive.
    pub fn nth_sms_code(&self, mobile: &str, n: usize) -> Option<String> {
        let prefix = format!("SMS to {mobile}: 民声验证码 ");
        for _ in 0..100 {
            let found = self
                .log
                .lock()
                .unwrap()
                .iter()
                .filter_map(|line| {
                    let rest = &line[line.find(&prefix)? + prefix.len()..];
                    Some(rest.chars().take(6).collect::<String>())
                })
                .nth(n - 1);
            if found.is_some() {
                return found;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        None
    }

    /// Every message text the log sender wrote for `mobile`, oldest first.
    pub fn sms_texts(&self, mobile: &str) -> Vec<String> {
        let prefix = format!("SMS to {mobile}: ");
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter_map(|line| Some(line[line.find(&prefix)? + prefix.len()..].to_string()))
            .collect()
    }

    /// Waits until the log has `n` messages for `mobile` (a little while at most) and returns
    /// how many it has.
    pub fn wait_for_sms(&self, mobile: &str, n: usize) -> usize {
        for _ in 0..50 {
            let have = self.sms_texts(mobile).len();
            if have >= n {
                return have;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        self.sms_texts(mobile).len()
    }

    /// Everything the server logged so far.
    pub fn log_text(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }

    /// Stops the server; its data directory stays for `start_in`.
    pub fn stop(mut self) -> tempfile::TempDir {
        std::mem::replace(&mut self.data, tempfile::tempdir().expect("temp dir"))
    }

    /// Changes the database file directly (of a stopped server, or beside a running one).
    pub async fn execute_in(data: &std::path::Path, sql: &str) {
        let url = format!("sqlite://{}", data.join("minsheng.db").display());
        let pool = sqlx::SqlitePool::connect(&url)
            .await
            .expect("open database");
        sqlx::raw_sql(sql).execute(&pool).await.expect("statement");
        pool.close().await;
    }

    pub fn at(&self, path: &str) -> String {
        format!("{}{}", self.url, path)
    }

    /// Rows in a table, read straight from the database file.
    pub async fn count(&self, table: &str) -> i64 {
        self.scalar(&format!("SELECT COUNT(*) FROM {table}"), &[])
            .await
    }

    /// The events recorded for one ticket.
    pub async fn events_of(&self, ticket_no: &str) -> i64 {
        self.scalar(
            "SELECT COUNT(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id \
             WHERE t.ticket_no = $1",
            &[ticket_no],
        )
        .await
    }

    /// One number read straight from the database file.
    pub async fn scalar(&self, sql: &str, binds: &[&str]) -> i64 {
        let url = format!(
            "sqlite://{}?mode=ro",
            self.data.path().join("minsheng.db").display()
        );
        let pool = sqlx::SqlitePool::connect(&url)
            .await
            .expect("open database");
        let mut query = sqlx::query_scalar(sql);
        for b in binds {
            query = query.bind(*b);
        }
        let n: i64 = query.fetch_one(&pool).await.expect("query");
        pool.close().await;
        n
    }

    /// Every file under the photo directory (temporary files included).
    pub fn photo_files(&self) -> Vec<PathBuf> {
        fn walk(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                if e.path().is_dir() {
                    walk(&e.path(), out);
                } else {
                    out.push(e.path());
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.data.path().join("photos"), &mut out);
        out
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A valid report's text fields.
pub fn fields() -> Vec<(&'static str, String)> {
    vec![
        ("kind", "complaint".into()),
        ("category", "city.road-occupation".into()),
        ("district", "rencheng".into()),
        ("street", "rencheng-guhuai".into()),
        ("address", "古槐路 88 号东门".into()),
        ("latitude", "35.4150".into()),
        ("longitude", "116.5870".into()),
        (
            "description",
            "人行道上长期有摊贩占道经营，行人只能走机动车道。".into(),
        ),
        ("contact_name", "张三".into()),
        ("contact_phone", "138 0537 1234".into()),
        ("confidential", "true".into()),
        ("publish_consent", "false".into()),
    ]
}

pub struct Photo {
    pub name: &'static str,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

impl Photo {
    /// A file sent as `image/jpeg` (whatever `bytes` really are).
    pub fn jpeg(name: &'static str, bytes: Vec<u8>) -> Photo {
        Photo {
            name,
            mime: "image/jpeg",
            bytes,
        }
    }
}

pub fn form(fields: Vec<(&'static str, String)>, photos: Vec<Photo>) -> reqwest::multipart::Form {
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in fields {
        form = form.text(k, v);
    }
    for p in photos {
        let part = reqwest::multipart::Part::bytes(p.bytes)
            .file_name(p.name)
            .mime_str(p.mime)
            .unwrap();
        form = form.part("photos", part);
    }
    form
}

pub async fn submit(
    server: &TestServer,
    form: reqwest::multipart::Form,
) -> (u16, serde_json::Value) {
    submit_as(server, form, "zh-CN").await
}

pub async fn submit_as(
    server: &TestServer,
    form: reqwest::multipart::Form,
    lang: &str,
) -> (u16, serde_json::Value) {
    let response = reqwest::Client::new()
        .post(server.at("/api/v1/reports"))
        .header("Accept-Language", lang)
        .multipart(form)
        .send()
        .await
        .expect("request");
    let status = response.status().as_u16();
    (status, response.json().await.expect("json answer"))
}

/// A server-rendered page as a browser with the language choice `lang` (cookie) gets it.
pub async fn page(server: &TestServer, path: &str, lang: &str) -> String {
    let response = reqwest::Client::new()
        .get(server.at(path))
        .header("Cookie", format!("lang={lang}"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status().as_u16(), 200, "{path}");
    response.text().await.expect("page text")
}

/// Looks up the case a `201` answer of the intake endpoint names; it must be found.
pub async fn look_up_created(
    server: &TestServer,
    created: &serde_json::Value,
) -> serde_json::Value {
    let (status, case) = lookup(
        server,
        created["ticket_no"].as_str().expect("ticket_no"),
        created["query_code"].as_str().expect("query_code"),
    )
    .await;
    assert_eq!(status, 200, "{case}");
    case
}

/// Looks a case up through the lookup server function, as the browser does.
pub async fn lookup(server: &TestServer, no: &str, code: &str) -> (u16, serde_json::Value) {
    post(
        server,
        "",
        "/api/fn/lookup",
        &[("ticket_no", no), ("code", code)],
    )
    .await
}

/// Asks for the status of the cases a browser keeps (`my cases`): a JSON body.
pub async fn my_cases(server: &TestServer, cases: serde_json::Value) -> (u16, serde_json::Value) {
    let response = reqwest::Client::new()
        .post(server.at("/api/fn/my-cases"))
        .header("Content-Type", "application/json")
        .body(serde_json::json!({ "cases": cases }).to_string())
        .send()
        .await
        .expect("request");
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
    )
}

/// Posts a form (with a `Cookie` header unless empty) and reads the JSON answer, or the text
/// when it is not JSON.
pub async fn post(
    server: &TestServer,
    cookie: &str,
    path: &str,
    form: &[(&str, &str)],
) -> (u16, serde_json::Value) {
    let mut request = reqwest::Client::new().post(server.at(path)).form(form);
    if !cookie.is_empty() {
        request = request.header("Cookie", cookie);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
    )
}

/// A picture whose left half is red and right half blue.
pub fn halves(w: u32, h: u32) -> image::RgbImage {
    image::RgbImage::from_fn(w, h, |x, _| {
        if x < w / 2 {
            image::Rgb([220, 20, 20])
        } else {
            image::Rgb([20, 20, 220])
        }
    })
}

pub fn jpeg(img: &image::RgbImage, app1: Option<Vec<u8>>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = jpeg_encoder::Encoder::new(&mut out, 90);
    if let Some(exif) = app1 {
        enc.add_app_segment(1, exif).unwrap();
    }
    enc.encode(
        img.as_raw(),
        img.width() as u16,
        img.height() as u16,
        jpeg_encoder::ColorType::Rgb,
    )
    .unwrap();
    out
}

pub fn encode(img: &image::RgbImage, format: image::ImageFormat) -> Vec<u8> {
    let mut c = std::io::Cursor::new(Vec::new());
    img.write_to(&mut c, format).unwrap();
    c.into_inner()
}

/// An EXIF block (big-endian TIFF) with an orientation and GPS coordinates, as a phone writes.
pub fn exif_with_orientation_and_gps(orientation: u16) -> Vec<u8> {
    let mut t: Vec<u8> = b"MM\0\x2a\0\0\0\x08".to_vec();
    // IFD0 at 8: 2 entries.
    let ifd0_len = 2 + 2 * 12 + 4;
    let gps_at = 8 + ifd0_len as u32;
    t.extend(2u16.to_be_bytes());
    t.extend([0x01, 0x12, 0, 3, 0, 0, 0, 1]);
    t.extend(orientation.to_be_bytes());
    t.extend([0, 0]);
    t.extend([0x88, 0x25, 0, 4, 0, 0, 0, 1]);
    t.extend(gps_at.to_be_bytes());
    t.extend(0u32.to_be_bytes());
    // GPS IFD: latitude ref 'N' and latitude 35/1, 24/1, 54/1.
    let gps_len = 2 + 2 * 12 + 4;
    let rationals_at = gps_at + gps_len as u32;
    t.extend(2u16.to_be_bytes());
    t.extend([0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    t.extend([0, 2, 0, 5, 0, 0, 0, 3]);
    t.extend(rationals_at.to_be_bytes());
    t.extend(0u32.to_be_bytes());
    for v in [35u32, 24, 54] {
        t.extend(v.to_be_bytes());
        t.extend(1u32.to_be_bytes());
    }
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend(t);
    exif
}

/// A real, valid PNG of `w` × `h` one-bit pixels (all black): tiny on disk, huge in memory.
pub fn huge_png(w: u32, h: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut crc = crc32fast::Hasher::new();
        crc.update(kind);
        crc.update(data);
        out.extend(kind);
        out.extend(data);
        out.extend(crc.finalize().to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([1, 0, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    let row = vec![0u8; 1 + (w as usize).div_ceil(8)];
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    for _ in 0..h {
        z.write_all(&row).unwrap();
    }
    chunk(&mut out, b"IDAT", &z.finish().unwrap());
    chunk(&mut out, b"IEND", &[]);
    out
}

/// Noise compresses badly: a JPEG of about `w*h/2` bytes.
pub fn noise_jpeg(w: u32, h: u32, seed: u32) -> Vec<u8> {
    let mut s = seed.wrapping_mul(2654435761).max(1);
    let img = image::RgbImage::from_fn(w, h, |_, _| {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        image::Rgb([s as u8, (s >> 8) as u8, (s >> 16) as u8])
    });
    jpeg(&img, None)
}

/// The open road-occupation cases "near" a position on Guhuai road in Rencheng, as the report
/// form asks for them (an empty `street` looks by position only).
pub async fn nearby_at(
    server: &TestServer,
    street: &str,
    latitude: &str,
    longitude: &str,
) -> serde_json::Value {
    let (status, list) = post(
        server,
        "",
        "/api/fn/nearby",
        &[
            ("category", "city.road-occupation"),
            ("district", "rencheng"),
            ("street", street),
            ("latitude", latitude),
            ("longitude", longitude),
        ],
    )
    .await;
    assert_eq!(status, 200, "{list}");
    list
}
