//! Photo pipeline on a 4032 × 3024 phone JPEG: milliseconds per photo on one core and peak
//! memory, beside libjpeg-turbo's `djpeg | cjpeg` on the same file.
//!
//! `cargo bench -p app --features ssr --bench photo_pipeline` (bench/run calls it).
//! With `--one FILE` it processes one photo and prints its peak memory (VmHWM), so the
//! figure is that of a process holding exactly one photo in flight.
use app::services::photos::{inspect, process, Upload};
use app::services::UploadLimits;
use std::process::Command;
use std::time::Instant;

fn phone_photo() -> Vec<u8> {
    // A photo-like picture: sky gradient, textured ground, a few shapes, mild noise.
    let (w, h) = (4032u32, 3024u32);
    let mut s: u32 = 0x9E3779B9;
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        let n = (s & 15) as i32 - 8;
        let (r, g, b) = if y < h * 2 / 5 {
            (110 + (y * 60 / h) as i32, 160 + (y * 50 / h) as i32, 230)
        } else {
            let t = ((x / 9 + y / 7) % 17) as i32;
            (100 + t * 3, 95 + t * 2, 80 + t)
        };
        let dx = x as i32 - 2600;
        let dy = y as i32 - 1900;
        let (r, g, b) = if dx * dx + dy * dy < 500 * 500 {
            (190, 50, 40)
        } else {
            (r, g, b)
        };
        let c = |v: i32| (v + n).clamp(0, 255) as u8;
        image::Rgb([c(r), c(g), c(b)])
    });
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, 92)
        .encode(
            img.as_raw(),
            w as u16,
            h as u16,
            jpeg_encoder::ColorType::Rgb,
        )
        .unwrap();
    out
}

fn run_once(bytes: Vec<u8>) -> usize {
    let limits = UploadLimits::default();
    let upload = Upload {
        file_name: Some("phone.jpg".into()),
        content_type: Some("image/jpeg".into()),
        bytes,
    };
    let inspected = inspect(1, &upload, &limits).expect("valid photo");
    let p = process(1, &inspected, &limits).expect("processed");
    p.display.len() + p.thumb.len()
}

fn vm_hwm_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse()
                    .unwrap_or(0)
            })
        })
        .unwrap_or(0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--one") {
        let bytes = std::fs::read(&args[i + 1]).unwrap();
        let before = vm_hwm_kb();
        run_once(bytes);
        println!("{} {}", before, vm_hwm_kb());
        return;
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench/out");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("phone-4032x3024.jpg");
    let bytes = phone_photo();
    std::fs::write(&file, &bytes).unwrap();
    let runs = 9;

    // Ours, on one thread.
    run_once(bytes.clone());
    let ours: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(run_once(bytes.clone()));
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    let ours_ms = median(ours);

    // Peak memory of one photo, in a fresh process.
    let exe = std::env::current_exe().unwrap();
    let out = Command::new(&exe).arg("--one").arg(&file).output().unwrap();
    let mem = String::from_utf8_lossy(&out.stdout);
    let mut it = mem
        .split_whitespace()
        .map(|v| v.parse::<f64>().unwrap_or(0.0) / 1024.0);
    let (base_mb, peak_mb) = (it.next().unwrap_or(0.0), it.next().unwrap_or(0.0));

    // Baseline: libjpeg-turbo, decode and re-encode the same file.
    let shell = format!("djpeg '{}' | cjpeg -quality 82 > /dev/null", file.display());
    let baseline: Option<f64> = Command::new("sh")
        .arg("-c")
        .arg(&shell)
        .status()
        .ok()
        .filter(|s| s.success())
        .map(|_| {
            median(
                (0..runs)
                    .map(|_| {
                        let t = Instant::now();
                        Command::new("sh").arg("-c").arg(&shell).status().unwrap();
                        t.elapsed().as_secs_f64() * 1000.0
                    })
                    .collect(),
            )
        });
    let baseline_peak = Command::new("python3")
        .arg("-c")
        .arg(format!(
            "import resource,subprocess;subprocess.run(['sh','-c',\"{}\"]);print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024)",
            shell.replace('"', "\\\"")
        ))
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse::<f64>().ok());

    println!(
        "photo pipeline, 4032x3024 JPEG ({} KB), median of {runs} runs, one thread",
        bytes.len() / 1024
    );
    println!("  minsheng decode+resize+orient+encode display+thumb: {ours_ms:8.1} ms, peak {peak_mb:.0} MB (process baseline {base_mb:.0} MB)");
    match baseline {
        Some(b) => {
            println!("  libjpeg-turbo djpeg | cjpeg -quality 82:            {b:8.1} ms, peak {:.0} MB (largest of the two processes)", baseline_peak.unwrap_or(0.0));
            println!(
                "  ratio minsheng / libjpeg-turbo: {:.2}x (target <= 2x)",
                ours_ms / b
            );
        }
        None => println!(
            "  libjpeg-turbo baseline: djpeg/cjpeg not found (apt-get install libjpeg-turbo-progs)"
        ),
    }
}
