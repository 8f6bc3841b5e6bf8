//! `server backup DIR`: an online copy of an embedded deployment (database, photos, secret
//! key) into an empty directory, checked before it is called done. Restoring is copying the
//! directory's contents into a stopped server's data directory (README, "Backups").
use crate::services::AppState;
use crate::storage::backup::{self, CopyError};
use crate::storage::photos::PhotoKey;
use std::path::{Path, PathBuf};

/// What a finished backup holds.
#[derive(Debug)]
pub struct Backup {
    pub cases: i64,
    pub photo_files: usize,
    pub bytes: u64,
    pub secret_key: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{} is not empty: a backup goes into a new or empty directory", .0.display())]
    NotEmpty(PathBuf),
    #[error(transparent)]
    Copy(#[from] CopyError),
    #[error("{}: {error}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        error: std::io::Error,
    },
    #[error("the copied database: {0}")]
    Check(#[from] sqlx::Error),
    /// The copy does not hold what it must (corrupt copy, photo missing or altered).
    #[error("the backup is not sound: {0}")]
    Unsound(String),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |error| BackupError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// The database file of a backup directory.
pub const DATABASE_FILE: &str = "minsheng.db";

/// Copies the database (one consistent snapshot), then every photo file and the secret key
/// of `data_dir`, into `dir`, and checks the copy: SQLite's integrity check, every photo its
/// cases refer to present, every copied photo's content matching its name (SHA-256).
/// Photos are copied after the snapshot, so each photo the snapshot refers to exists already.
pub async fn backup(state: &AppState, data_dir: &Path, dir: &Path) -> Result<Backup, BackupError> {
    if std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some()) {
        return Err(BackupError::NotEmpty(dir.to_path_buf()));
    }
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let db_file = dir.join(DATABASE_FILE);
    backup::copy_into(&state.db, &db_file).await?;

    let photos = dir.join("photos");
    let (mut photo_files, mut bytes) = (0, 0);
    for key in state.photos.keys().await.map_err(io(dir))? {
        let target = photos.join(&key.as_str()[..2]).join(key.as_str());
        std::fs::create_dir_all(target.parent().unwrap_or(&photos)).map_err(io(&target))?;
        let Some(content) = state.photos.get(&key).await.map_err(io(dir))? else {
            continue; // removed meanwhile: not one the snapshot refers to
        };
        if PhotoKey::for_bytes(&content) != key {
            return Err(BackupError::Unsound(format!(
                "photo {} does not match its name",
                key.as_str()
            )));
        }
        std::fs::write(&target, &content).map_err(io(&target))?;
        photo_files += 1;
        bytes += content.len() as u64;
    }
    let secret = data_dir.join("secret.key");
    let secret_key = secret.exists();
    if secret_key {
        std::fs::copy(&secret, dir.join("secret.key")).map_err(io(&secret))?;
    }

    let copy = backup::contents(&db_file).await?;
    if !copy.intact {
        return Err(BackupError::Unsound(
            "SQLite's integrity check failed".into(),
        ));
    }
    for key in &copy.photo_keys {
        let path = photos.join(key.get(..2).unwrap_or_default()).join(key);
        let content = std::fs::read(&path)
            .map_err(|_| BackupError::Unsound(format!("photo {key} of a case is missing")))?;
        if PhotoKey::for_bytes(&content).as_str() != key {
            return Err(BackupError::Unsound(format!("photo {key} was altered")));
        }
    }
    bytes += std::fs::metadata(&db_file).map_err(io(&db_file))?.len();
    Ok(Backup {
        cases: copy.cases,
        photo_files,
        bytes,
        secret_key,
    })
}
