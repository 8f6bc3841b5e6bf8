// `sqlx::migrate!` embeds `migrations/` at compile time; without this a changed or new
// migration file would not rebuild the crate on stable Rust.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
