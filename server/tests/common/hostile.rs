//! Hostile uploads against the real server: the attack corpus, the attacks, a run with a
//! citizen's report in the middle of them, and its figures.
use super::raw::*;
use super::*;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Attack {
    /// Sends the headers and half the body, then closes the connection.
    DisconnectMidUpload,
    /// Sends a whole report with a large photo and closes before the answer: its decode must
    /// keep its permit until it ends.
    DisconnectAfterUpload,
    /// Sends the body one byte a second.
    SlowBody,
    /// A PNG header claiming 30000 × 30000.
    PixelFloodPng,
    /// A JPEG frame header claiming 30000 × 30000.
    PixelFloodJpeg,
    /// A progressive JPEG claiming 7000 × 7000 in a few kilobytes.
    ProgressiveBomb,
    /// A real 7000 × 7000 one-bit PNG: 50 KB on the wire, 49 megapixels to decode.
    PngBomb,
    /// A real progressive JPEG of 24 megapixels.
    HeavyProgressive,
}

/// The files the attacks send, made once.
pub struct Corpus {
    pub big_photo: Vec<u8>,
    pub flood_png: Vec<u8>,
    pub flood_jpeg: Vec<u8>,
    pub progressive_bomb: Vec<u8>,
    pub png_bomb: Vec<u8>,
    pub heavy_progressive: Vec<u8>,
}

pub fn progressive_jpeg(img: &image::RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = jpeg_encoder::Encoder::new(&mut out, 80);
    enc.set_progressive(true);
    enc.encode(
        img.as_raw(),
        img.width() as u16,
        img.height() as u16,
        jpeg_encoder::ColorType::Rgb,
    )
    .unwrap();
    out
}

/// Rewrites the dimensions in a JPEG's frame header.
pub fn claim_size(mut jpeg: Vec<u8>, w: u16, h: u16) -> Vec<u8> {
    let sof = jpeg
        .windows(2)
        .position(|m| m[0] == 0xFF && matches!(m[1], 0xC0 | 0xC2))
        .unwrap();
    jpeg[sof + 5..sof + 7].copy_from_slice(&h.to_be_bytes());
    jpeg[sof + 7..sof + 9].copy_from_slice(&w.to_be_bytes());
    jpeg
}

/// A PNG that is only a header claiming `w` × `h` (and one empty data chunk).
pub fn png_header(w: u32, h: u32) -> Vec<u8> {
    let mut png = huge_png(8, 8);
    png[16..20].copy_from_slice(&w.to_be_bytes());
    png[20..24].copy_from_slice(&h.to_be_bytes());
    let crc = crc32fast::hash(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}

impl Corpus {
    fn new(heavy: bool) -> Corpus {
        let gradient = |w: u32, h: u32| {
            image::RgbImage::from_fn(w, h, |x, y| {
                image::Rgb([(x / 8) as u8, (y / 8) as u8, ((x ^ y) & 0x3F) as u8])
            })
        };
        Corpus {
            big_photo: jpeg(&gradient(3000, 2000), None),
            flood_png: png_header(30_000, 30_000),
            flood_jpeg: claim_size(jpeg(&halves(64, 64), None), 30_000, 30_000),
            progressive_bomb: claim_size(progressive_jpeg(&halves(64, 64)), 7000, 7000),
            png_bomb: huge_png(7000, 7000),
            heavy_progressive: if heavy {
                progressive_jpeg(&gradient(6000, 4000))
            } else {
                progressive_jpeg(&gradient(2400, 1600))
            },
        }
    }
}

/// What one attack saw: the status the server answered (none: closed or not waited for) and
/// how long it took.
#[derive(Debug)]
pub struct Outcome {
    pub attack: Attack,
    pub status: Option<u16>,
    pub elapsed: Duration,
}

pub async fn attack(url: &str, corpus: &Corpus, kind: Attack, cutoff: Duration) -> Outcome {
    let start = Instant::now();
    let one = |name: &str, mime: &str, bytes: &Vec<u8>| multipart(&[(name, mime, bytes.clone())]);
    let body = match kind {
        Attack::DisconnectMidUpload | Attack::DisconnectAfterUpload | Attack::SlowBody => {
            one("big.jpg", "image/jpeg", &corpus.big_photo)
        }
        Attack::PixelFloodPng => one("flood.png", "image/png", &corpus.flood_png),
        Attack::PixelFloodJpeg => one("flood.jpg", "image/jpeg", &corpus.flood_jpeg),
        Attack::ProgressiveBomb => one("bomb.jpg", "image/jpeg", &corpus.progressive_bomb),
        Attack::PngBomb => one("bomb.png", "image/png", &corpus.png_bomb),
        Attack::HeavyProgressive => one("heavy.jpg", "image/jpeg", &corpus.heavy_progressive),
    };
    let mut stream = connect(url).await;
    let sent = async {
        stream.write_all(&head(body.len())).await?;
        match kind {
            Attack::DisconnectMidUpload => {
                stream.write_all(&body[..body.len() / 2]).await?;
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            Attack::DisconnectAfterUpload => {
                stream.write_all(&body).await?;
                stream.flush().await?;
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            Attack::SlowBody => {}
            _ => stream.write_all(&body).await?,
        }
        std::io::Result::Ok(())
    }
    .await;
    let status = match (kind, sent) {
        (_, Err(_)) => None,
        (Attack::DisconnectMidUpload | Attack::DisconnectAfterUpload, _) => None,
        (Attack::SlowBody, _) => {
            // One byte a second until the server answers or closes (bounded by `cutoff`).
            let (mut reader, mut writer) = stream.into_split();
            let trickle = async {
                for byte in body.iter().take(cutoff.as_secs() as usize + 5) {
                    if writer.write_all(&[*byte]).await.is_err() {
                        break;
                    }
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
                std::future::pending::<()>().await
            };
            let answer = async {
                let mut answer = Vec::new();
                let _ = reader.read_to_end(&mut answer).await;
                String::from_utf8_lossy(&answer)
                    .split_whitespace()
                    .nth(1)
                    .and_then(|s| s.parse().ok())
            };
            tokio::select! {
                status = answer => status,
                _ = trickle => None,
                _ = tokio::time::sleep(cutoff + Duration::from_secs(5)) => Some(0),
            }
        }
        _ => status_of(&mut stream).await,
    };
    Outcome {
        attack: kind,
        status,
        elapsed: start.elapsed(),
    }
}

/// A report as the web form sends it: two photos the browser shrank to 2048 px.
pub async fn citizen_report(server: &TestServer) -> (u16, Body, Duration) {
    let photos = (0..2)
        .map(|i| Photo::jpeg("IMG_2048.jpg", noise_jpeg(2048, 1536, 40 + i)))
        .collect();
    let start = Instant::now();
    let (status, body) = submit(server, form(fields(), photos)).await;
    (status, body, start.elapsed())
}

pub fn strip_ansi(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The most photo decodes the server ran at once, from its debug log.
pub fn peak_decodes(server: &TestServer) -> usize {
    server
        .log_lines()
        .iter()
        .map(|l| strip_ansi(l))
        .filter(|l| l.contains("photo decode started"))
        .filter_map(|l| {
            let at = l.find("peak=")? + 5;
            l[at..].split_whitespace().next()?.parse().ok()
        })
        .max()
        .unwrap_or(0)
}

pub fn panics(server: &TestServer) -> Vec<String> {
    server
        .log_lines()
        .into_iter()
        .filter(|l| l.contains("panicked"))
        .collect()
}

pub fn peak_rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

pub struct Run {
    pub citizen_status: u16,
    pub citizen_latency: Duration,
    pub outcomes: Vec<Outcome>,
    pub peak_decodes: usize,
    pub peak_rss_kib: u64,
    pub panics: Vec<String>,
}

/// Starts `attacks` at once (each repeated `rounds` times), sends the citizen's report one
/// second in, and waits for everything to end.
pub async fn hostile_run(
    server: &TestServer,
    attacks: Vec<Attack>,
    rounds: usize,
    heavy: bool,
    body_timeout: Duration,
) -> Run {
    let corpus = std::sync::Arc::new(Corpus::new(heavy));
    let mut tasks = Vec::new();
    for kind in attacks {
        let corpus = corpus.clone();
        let url = server.url.clone();
        tasks.push(tokio::spawn(async move {
            let mut seen = Vec::new();
            for _ in 0..rounds {
                seen.push(attack(&url, &corpus, kind, body_timeout).await);
            }
            seen
        }));
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (citizen_status, body, citizen_latency) = citizen_report(server).await;
    let created = created(citizen_status, &body);
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.extend(task.await.expect("attack task"));
    }
    // The citizen's case and photos are there.
    let case = look_up_created(server, &created).await;
    assert_eq!(case.photos.len(), 2, "{case:?}");
    let health = reqwest::get(server.at("/healthz"))
        .await
        .expect("server alive");
    assert_eq!(health.status().as_u16(), 200);
    Run {
        citizen_status,
        citizen_latency,
        outcomes,
        peak_decodes: peak_decodes(server),
        peak_rss_kib: peak_rss_kib(server.pid()),
        panics: panics(server),
    }
}

pub fn report(run: &Run) {
    use std::collections::BTreeMap;
    let mut by_kind: BTreeMap<Attack, BTreeMap<String, (usize, Duration)>> = BTreeMap::new();
    for o in &run.outcomes {
        let status = o.status.map_or("no answer".to_string(), |s| s.to_string());
        let e = by_kind
            .entry(o.attack)
            .or_default()
            .entry(status)
            .or_insert((0, Duration::ZERO));
        e.0 += 1;
        e.1 = e.1.max(o.elapsed);
    }
    println!(
        "  normal report under hostile load: {} in {:.2} s (target < 5 s)",
        run.citizen_status,
        run.citizen_latency.as_secs_f64()
    );
    println!(
        "  server peak RSS (VmHWM): {} MiB (target < 1024 MiB)",
        run.peak_rss_kib / 1024
    );
    println!(
        "  photo decodes in flight, most at once: {} (permits: {} cores)",
        run.peak_decodes,
        cores()
    );
    println!("  panics in the server log: {}", run.panics.len());
    for (kind, statuses) in by_kind {
        for (status, (n, slowest)) in statuses {
            println!(
                "    {kind:?}: {n} × {status} (slowest {:.1} s)",
                slowest.as_secs_f64()
            );
        }
    }
}

pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

pub fn check(run: &Run, body_timeout: Duration) {
    assert!(run.panics.is_empty(), "{:?}", run.panics);
    assert!(
        run.citizen_latency < Duration::from_secs(5),
        "normal report took {:?}",
        run.citizen_latency
    );
    assert!(
        run.peak_decodes <= cores(),
        "{} decodes at once with {} permits",
        run.peak_decodes,
        cores()
    );
    for o in &run.outcomes {
        let want: &[u16] = match o.attack {
            Attack::DisconnectMidUpload | Attack::DisconnectAfterUpload => continue,
            Attack::SlowBody => &[408],
            // Refused for what they are, or at once as busy when the uploads in flight are
            // all taken (abandoned uploads still finish their decode and hold theirs).
            Attack::PixelFloodPng | Attack::PixelFloodJpeg => &[422, 503],
            Attack::ProgressiveBomb => &[422, 503],
            // Legitimate pictures, only big: stored, or refused for memory or for busy.
            Attack::PngBomb | Attack::HeavyProgressive => &[201, 422, 503],
        };
        assert!(
            o.status.is_some_and(|s| want.contains(&s)),
            "{:?} answered {:?} after {:?}",
            o.attack,
            o.status,
            o.elapsed
        );
        if o.attack == Attack::SlowBody {
            assert!(o.elapsed < body_timeout + Duration::from_secs(3), "{o:?}");
        }
    }
}

pub fn env_for(body_timeout: Duration) -> Vec<(&'static str, String)> {
    vec![
        ("MINSHENG_SUBMISSIONS_PER_MINUTE", "100000".into()),
        ("MINSHENG_LOOKUPS_PER_MINUTE", "100000".into()),
        (
            "MINSHENG_BODY_TIMEOUT_SECS",
            body_timeout.as_secs().to_string(),
        ),
        ("RUST_LOG", "warn,app::services::photos=debug".into()),
    ]
}

pub fn start(env: &[(&'static str, String)]) -> TestServer {
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    TestServer::start_with(&env)
}
