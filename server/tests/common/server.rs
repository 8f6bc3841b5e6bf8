//! The real server binary on a random port with a fresh data directory, and its log.
use std::io::{BufRead, BufReader};
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
