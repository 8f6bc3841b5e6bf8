//! The real server binary on a random port with a fresh data directory, and its log.
use sqlx::Connection;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

pub struct TestServer {
    pub url: String,
    pub data: tempfile::TempDir,
    /// The database of this server: its SQLite file, or (when the suite runs on PostgreSQL,
    /// `MINSHENG_TEST_POSTGRES`) a database made for this data directory.
    pub database_url: String,
    /// Whether dropping this server drops its PostgreSQL database too (not when `stop` or
    /// `restart` handed the data directory on).
    owns_database: bool,
    child: Child,
    /// Everything the server printed (its log), standard output and standard error.
    log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl TestServer {
    pub fn start() -> TestServer {
        Self::start_with(&[])
    }

    pub fn start_with(env: &[(&str, &str)]) -> TestServer {
        Self::start_in(tempfile::tempdir().expect("temp dir"), env)
    }

    /// The photo store of a data directory when the suite runs on object storage
    /// (`.ci/with-s3`): a prefix of the test bucket made for it the first time (kept in the
    /// directory). `None`: the server's own `<data dir>/photos`.
    pub fn photo_store_of(data: &std::path::Path) -> Option<String> {
        let bucket = std::env::var("MINSHENG_TEST_S3_BUCKET").ok()?;
        let kept = data.join("test-photo-store");
        if let Ok(url) = std::fs::read_to_string(&kept) {
            return Some(url);
        }
        let url = format!(
            "s3://{bucket}/test-{}",
            hex::encode(rand::random::<[u8; 8]>())
        );
        std::fs::write(&kept, &url).expect("keep photo store");
        Some(url)
    }

    /// The directory holding this server's stored photos: `<data dir>/photos`, or on object
    /// storage the directory the test S3 server keeps the prefix's objects in.
    pub fn photo_dir(&self) -> PathBuf {
        match Self::photo_store_of(self.data.path()) {
            Some(dir) if !dir.starts_with("s3://") => PathBuf::from(dir),
            Some(url) => {
                let root = std::env::var("MINSHENG_TEST_S3_ROOT").expect("MINSHENG_TEST_S3_ROOT");
                PathBuf::from(root).join(url.trim_start_matches("s3://"))
            }
            None => self.data.path().join("photos"),
        }
    }

    /// Stops the server and starts a new one on the same data directory.
    pub fn restart(self) -> TestServer {
        self.restart_with(&[])
    }

    /// Kills the server with SIGKILL (no shutdown of any kind) and starts a new one on the
    /// same data directory with `env`.
    pub fn restart_with(mut self, env: &[(&str, &str)]) -> TestServer {
        let data = std::mem::replace(&mut self.data, tempfile::tempdir().expect("temp dir"));
        self.owns_database = false;
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
        let database_url = Self::database_of(data.path());
        Self::start_on(data, database_url, env)
    }

    /// A server on an embedded (SQLite) database, whatever engine the suite runs on.
    pub fn start_embedded(env: &[(&str, &str)]) -> TestServer {
        let data = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", data.path().join("minsheng.db").display());
        Self::start_on(data, url, env)
    }

    /// An embedded deployment as a city runs it before it grows: SQLite and photos in the data
    /// directory's `photos/`, also when the suite runs on object storage.
    pub fn start_embedded_with_local_photos(env: &[(&str, &str)]) -> TestServer {
        let data = tempfile::tempdir().expect("temp dir");
        let photos = data.path().join("photos");
        std::fs::write(
            data.path().join("test-photo-store"),
            photos.display().to_string(),
        )
        .expect("keep photo store");
        let url = format!("sqlite://{}", data.path().join("minsheng.db").display());
        Self::start_on(data, url, env)
    }

    /// A server on `data` and the database at `database_url` (kept for restarts).
    pub fn start_on(
        data: tempfile::TempDir,
        database_url: String,
        env: &[(&str, &str)],
    ) -> TestServer {
        if database_url.starts_with("postgres") {
            std::fs::write(data.path().join("test-database-url"), &database_url)
                .expect("keep database url");
        }
        let (url, child, log) = Self::spawn(data.path(), &database_url, env);
        TestServer {
            url,
            data,
            database_url,
            owns_database: true,
            child,
            log,
        }
    }

    /// A second instance of the same deployment: its own process and port, the same database
    /// and photo directory as `first` (which owns them: this one's `data` is an empty
    /// directory of its own).
    pub fn start_beside(first: &TestServer, env: &[(&str, &str)]) -> TestServer {
        let (url, child, log) = Self::spawn(first.data.path(), &first.database_url, env);
        TestServer {
            url,
            data: tempfile::tempdir().expect("temp dir"),
            database_url: first.database_url.clone(),
            owns_database: false,
            child,
            log,
        }
    }

    #[allow(clippy::type_complexity)]
    fn spawn(
        data: &std::path::Path,
        database_url: &str,
        env: &[(&str, &str)],
    ) -> (String, Child, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
        // The benchmarks run the tests against a release build of the server.
        let binary = std::env::var("MINSHENG_TEST_SERVER_BIN")
            .unwrap_or_else(|_| env!("CARGO_BIN_EXE_server").to_string());
        let mut cmd = Command::new(binary);
        cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("MINSHENG_ADDR", "127.0.0.1:0")
            .env("MINSHENG_DATA_DIR", data)
            .env("LEPTOS_SITE_ROOT", data.join("site"))
            .env("RUST_LOG", "warn")
            .env("DATABASE_URL", database_url)
            // Tests run many servers at once: a few connections each.
            .env("MINSHENG_DB_CONNECTIONS", "6")
            .env(
                "MINSHENG_PHOTO_STORE",
                Self::photo_store_of(data)
                    .unwrap_or_else(|| data.join("photos").display().to_string()),
            )
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
                    // What it wrote while starting (background jobs start before it listens).
                    log.lock().unwrap().push(line);
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
        (url, child, log)
    }

    /// Runs a `server` subcommand on this server's data directory; returns its standard output.
    pub fn command(&self, args: &[&str]) -> String {
        let (ok, out, err) = self.try_command(args);
        assert!(ok, "{err}");
        out
    }

    /// Runs a `server` subcommand: whether it succeeded, its standard output and error.
    pub fn try_command(&self, args: &[&str]) -> (bool, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_server"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("MINSHENG_DATA_DIR", self.data.path())
            .env("RUST_LOG", "warn")
            .env("DATABASE_URL", &self.database_url)
            .env(
                "MINSHENG_PHOTO_STORE",
                Self::photo_store_of(self.data.path())
                    .unwrap_or_else(|| self.data.path().join("photos").display().to_string()),
            )
            .args(args)
            .output()
            .expect("server command runs");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
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
        self.owns_database = false;
        std::mem::replace(&mut self.data, tempfile::tempdir().expect("temp dir"))
    }

    pub fn at(&self, path: &str) -> String {
        format!("{}{}", self.url, path)
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
        walk(&self.photo_dir(), &mut out);
        out
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if self.owns_database && self.database_url.starts_with("postgres") {
            let (admin, name) = (
                std::env::var("MINSHENG_TEST_POSTGRES").unwrap_or_default(),
                self.database_url
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_string(),
            );
            on_own_runtime(move || async move {
                if let Ok(mut conn) = sqlx::PgConnection::connect(&admin).await {
                    let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                    let _ = sqlx::raw_sql(&drop).execute(&mut conn).await;
                }
            });
        }
    }
}

/// Runs a future to completion on a runtime of its own thread (the harness is called from
/// synchronous code and from inside tests' runtimes alike).
pub(super) fn on_own_runtime<F, Fut>(f: F)
where
    F: FnOnce() -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()>,
{
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime")
            .block_on(f())
    })
    .join()
    .expect("database setup");
}
