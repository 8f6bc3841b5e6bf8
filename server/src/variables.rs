//! The environment variables the server reads: name, default and meaning.

/// Every variable, its default and meaning, for `server --help` and the README.
pub const VARIABLES: &[(&str, &str, &str)] = &[
    (
        "MINSHENG_ADDR",
        "127.0.0.1:3000",
        "address and port to listen on (LEPTOS_SITE_ADDR also works)",
    ),
    (
        "MINSHENG_DATA_DIR",
        "./data",
        "directory for the SQLite database, photos and the secret key; created on start",
    ),
    (
        "DATABASE_URL",
        "sqlite://<data dir>/minsheng.db",
        "database to use: an SQLite file (sqlite://PATH) or a PostgreSQL server (postgres://USER:PASSWORD@HOST:PORT/DB, PostgreSQL 15 or later; the database must exist, its tables are created on start)",
    ),
    (
        "MINSHENG_PHOTO_STORE",
        "<data dir>/photos",
        "where photos are kept: a directory, or a bucket of S3-compatible object storage as s3://BUCKET/PREFIX (endpoint, region and keys from AWS_ENDPOINT, AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY; AWS_ALLOW_HTTP=true for a plain-http endpoint)",
    ),
    (
        "MINSHENG_INSTANCE",
        "<host name>:<port>",
        "this instance's name among several on one database: the periodic sweeps run on one instance at a time, and a restarted instance with the same name resumes them at once (give instances on one host different names)",
    ),
    (
        "MINSHENG_DB_CONNECTIONS",
        "16",
        "PostgreSQL only: connections this instance keeps open at most (all instances together must stay under the server's max_connections)",
    ),
    (
        "MINSHENG_CITY_FILE",
        "(built-in demo city)",
        "TOML file with the city's districts, streets and categories",
    ),
    (
        "MINSHENG_CALENDAR_FILE",
        "(none)",
        "TOML file with the city's own holidays and working days, added to the built-in national calendar",
    ),
    (
        "MINSHENG_SECRET",
        "(generated into <data dir>/secret.key)",
        "key for query-code hashes; set the same value on every instance",
    ),
    (
        "MINSHENG_PUBLIC_URL",
        "http://<addr>",
        "public address of the portal, used in tracking links and QR codes",
    ),
    (
        "MINSHENG_MAX_PHOTO_MB",
        "12",
        "largest photo accepted, in MB",
    ),
    (
        "MINSHENG_MAX_UPLOAD_MB",
        "40",
        "largest submission (fields and all photos), in MB",
    ),
    (
        "MINSHENG_MAX_MEGAPIXELS",
        "50",
        "largest photo accepted, in megapixels (checked before decoding)",
    ),
    (
        "MINSHENG_DECODE_MEMORY_MB",
        "512",
        "most memory one photo may take to decode (worst case from its header: progressive JPEGs and 16-bit PNGs take more per pixel); a photo needing more is refused",
    ),
    (
        "MINSHENG_UPLOADS_IN_FLIGHT",
        "64",
        "submissions received and processed at once; more are answered 503 with Retry-After",
    ),
    (
        "MINSHENG_UPLOAD_BUFFER_MB",
        "128",
        "upload bytes held in memory at once, all submissions together (at least twice MINSHENG_MAX_UPLOAD_MB: buffers grow by doubling); more are answered 503 with Retry-After",
    ),
    (
        "MINSHENG_HEADER_TIMEOUT_SECS",
        "10",
        "seconds a client has to send a request's headers (also how long an idle connection stays open)",
    ),
    (
        "MINSHENG_BODY_TIMEOUT_SECS",
        "60",
        "seconds a client has to send a whole request body, photos included; slower uploads are cut off (408)",
    ),
    (
        "MINSHENG_MAX_CONNECTIONS",
        "1024",
        "connections served at once; more wait to be accepted",
    ),
    (
        "MINSHENG_LOOKUPS_PER_MINUTE",
        "30",
        "case lookups allowed per client address per minute",
    ),
    (
        "MINSHENG_SUBMISSIONS_PER_MINUTE",
        "10",
        "reports allowed per client address per minute",
    ),
    (
        "MINSHENG_OPEN311_PER_MINUTE",
        "60",
        "Open311 requests filed per API key per minute",
    ),
    (
        "MINSHENG_TRUST_FORWARDED_FOR",
        "false",
        "behind a load balancer: take the client address from X-Forwarded-For",
    ),
    (
        "MINSHENG_DEMO_DATA",
        "false",
        "seed demo cases and one staff account per role into an empty database",
    ),
    (
        "MINSHENG_DEMO_HISTORY",
        "0",
        "with MINSHENG_DEMO_DATA: also this many cases of history over the last year, written in the background after start (make run: 3000)",
    ),
    (
        "MINSHENG_SIGNINS_PER_MINUTE",
        "10",
        "sign-in and one-time-code attempts allowed per client address per minute (staff and reporters)",
    ),
    (
        "MINSHENG_SMS_SENDER",
        "log",
        "how text messages (one-time codes, progress messages) are delivered: `log` writes them to the server log; `command:/path/to/program` runs the program for each message with the mobile and the message's id as arguments and the text on standard input (exit status 0: sent; anything else: refused, tried again later for progress messages; killed after 15 s) — the place to call the city's SMS gateway",
    ),
    (
        "MINSHENG_SMS_RETRY_SECS",
        "30",
        "the wait before a progress message the gateway refused is tried again, doubled at each try up to an hour; given up as failed after 8 tries",
    ),
    (
        "MINSHENG_ALLOW_LOG_SENDER",
        "false",
        "with a MINSHENG_PUBLIC_URL other than this machine (127.0.0.1, localhost) the server refuses to start on the log sender unless this is true; then the log gets only the masked mobile and \"code sent\", never a code",
    ),
    (
        "MINSHENG_CODES_PER_DAY",
        "5",
        "one-time code requests per mobile per Beijing day (each sends at most one SMS)",
    ),
    (
        "MINSHENG_CODE_FAILURES_PER_DAY",
        "10",
        "wrong one-time code entries per mobile per Beijing day, over all its codes",
    ),
    (
        "MINSHENG_CODE_RESEND_SECONDS",
        "60",
        "seconds before the same mobile can ask for another one-time code",
    ),
    (
        "MINSHENG_SECURE_COOKIES",
        "true when MINSHENG_PUBLIC_URL is https",
        "mark the staff session cookie Secure (sent over HTTPS only)",
    ),
    (
        "MINSHENG_REPLY_DAYS",
        "4",
        "working days from dispatch to the reply",
    ),
    (
        "MINSHENG_REPLY_DAYS_UTILITY",
        "2",
        "working days from dispatch to the reply for water, power, gas and heating (utility.*)",
    ),
    (
        "MINSHENG_HAND_BACK_DAYS",
        "1",
        "working days a department has to hand back a case that is not its own",
    ),
    (
        "MINSHENG_RATING_DAYS",
        "7",
        "calendar days a citizen has to rate a released reply before it closes as not rated",
    ),
    ("RUST_LOG", "info", "log filter (tracing)"),
];
