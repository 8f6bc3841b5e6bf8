//! Reporter accounts (市民通), their sessions and the one-time codes that verify a mobile.
use super::Db;
use chrono::{DateTime, Utc};
use sqlx::Row;

#[derive(Clone, Debug)]
pub struct ReporterRow {
    pub id: i64,
    pub mobile: String,
    pub nickname: String,
    pub password_hash: String,
    pub real_name: Option<String>,
    pub payout_account: Option<String>,
}

const COLUMNS: &str = "r.id, r.mobile, r.nickname, r.password_hash, r.real_name, r.payout_account";

fn row(r: sqlx::sqlite::SqliteRow) -> Result<ReporterRow, sqlx::Error> {
    Ok(ReporterRow {
        id: r.try_get("id")?,
        mobile: r.try_get("mobile")?,
        nickname: r.try_get("nickname")?,
        password_hash: r.try_get("password_hash")?,
        real_name: r.try_get("real_name")?,
        payout_account: r.try_get("payout_account")?,
    })
}

pub async fn by_mobile(db: &Db, mobile: &str) -> Result<Option<ReporterRow>, sqlx::Error> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM reporters r WHERE r.mobile = $1"
    ))
    .bind(mobile)
    .fetch_optional(&db.pool)
    .await?
    .map(row)
    .transpose()
}

pub async fn nickname_taken(db: &Db, nickname: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM reporters WHERE nickname = $1)")
        .bind(nickname)
        .fetch_one(&db.pool)
        .await
}

/// A one-time code waiting to be used.
pub struct StoredCode {
    pub code_hash: String,
    pub attempts: i64,
    pub sent_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub async fn code_of(db: &Db, mobile: &str) -> Result<Option<StoredCode>, sqlx::Error> {
    sqlx::query(
        "SELECT code_hash, attempts, sent_at, expires_at FROM mobile_codes WHERE mobile = $1",
    )
    .bind(mobile)
    .fetch_optional(&db.pool)
    .await?
    .map(|r| {
        Ok(StoredCode {
            code_hash: r.try_get("code_hash")?,
            attempts: r.try_get("attempts")?,
            sent_at: r.try_get("sent_at")?,
            expires_at: r.try_get("expires_at")?,
        })
    })
    .transpose()
}

/// Stores a new code for a mobile, replacing any earlier one.
pub async fn put_code(
    db: &Db,
    mobile: &str,
    code_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO mobile_codes (mobile, code_hash, attempts, sent_at, expires_at) \
         VALUES ($1, $2, 0, $3, $4) ON CONFLICT (mobile) DO UPDATE SET \
         code_hash = excluded.code_hash, attempts = 0, sent_at = excluded.sent_at, \
         expires_at = excluded.expires_at",
    )
    .bind(mobile)
    .bind(code_hash)
    .bind(now)
    .bind(expires_at)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Counts a wrong guess; the code is gone after `max_attempts` of them.
pub async fn wrong_guess(db: &Db, mobile: &str, max_attempts: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE mobile_codes SET attempts = attempts + 1 WHERE mobile = $1")
        .bind(mobile)
        .execute(&db.pool)
        .await?;
    sqlx::query("DELETE FROM mobile_codes WHERE mobile = $1 AND attempts >= $2")
        .bind(mobile)
        .bind(max_attempts)
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub struct NewReporter<'a> {
    pub mobile: &'a str,
    pub nickname: &'a str,
    pub password_hash: &'a str,
    /// The code hash that must still be stored, unexpired: using it deletes it.
    pub code_hash: &'a str,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error("the code is wrong, used or expired")]
    CodeGone,
    #[error("the mobile number is registered")]
    MobileTaken,
    #[error("the nickname is taken")]
    NicknameTaken,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Uses the one-time code and creates the account in one transaction: a code is used once,
/// and a refused account leaves the code usable.
pub async fn create(db: &Db, new: NewReporter<'_>, now: DateTime<Utc>) -> Result<i64, CreateError> {
    let mut tx = db.pool.begin().await?;
    let used = sqlx::query(
        "DELETE FROM mobile_codes WHERE mobile = $1 AND code_hash = $2 AND expires_at > $3",
    )
    .bind(new.mobile)
    .bind(new.code_hash)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if used != 1 {
        return Err(CreateError::CodeGone);
    }
    let inserted = sqlx::query_scalar(
        "INSERT INTO reporters (mobile, nickname, password_hash, created_at) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(new.mobile)
    .bind(new.nickname)
    .bind(new.password_hash)
    .bind(now)
    .fetch_one(&mut *tx)
    .await;
    let id: i64 = match inserted {
        Ok(id) => id,
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(if e.message().contains("mobile") {
                CreateError::MobileTaken
            } else {
                CreateError::NicknameTaken
            });
        }
        Err(e) => return Err(e.into()),
    };
    tx.commit().await?;
    Ok(id)
}

/// Uses the one-time code, sets the new password hash and ends every session of the account,
/// in one transaction. `None`: the code was used or expired meanwhile (nothing changed).
pub async fn reset_password(
    db: &Db,
    mobile: &str,
    code_hash: &str,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<ReporterRow>, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let used = sqlx::query(
        "DELETE FROM mobile_codes WHERE mobile = $1 AND code_hash = $2 AND expires_at > $3",
    )
    .bind(mobile)
    .bind(code_hash)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if used != 1 {
        return Ok(None);
    }
    // RETURNING takes plain column names (no table alias).
    let row = sqlx::query(&format!(
        "UPDATE reporters SET password_hash = $1 WHERE mobile = $2 RETURNING {}",
        COLUMNS.replace("r.", "")
    ))
    .bind(password_hash)
    .bind(mobile)
    .fetch_optional(&mut *tx)
    .await?
    .map(row)
    .transpose()?;
    let Some(row) = row else {
        return Ok(None);
    };
    sqlx::query("DELETE FROM reporter_sessions WHERE reporter_id = $1")
        .bind(row.id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some(row))
}

/// The real name and payout account given to claim payouts.
pub async fn set_payout(
    db: &Db,
    reporter_id: i64,
    real_name: &str,
    account: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE reporters SET real_name = $1, payout_account = $2 WHERE id = $3")
        .bind(real_name)
        .bind(account)
        .bind(reporter_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub async fn create_session(
    db: &Db,
    token_hash: &str,
    reporter_id: i64,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO reporter_sessions (token_hash, reporter_id, created_at, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(reporter_id)
    .bind(now)
    .bind(expires_at)
    .execute(&db.pool)
    .await?;
    Ok(())
}

pub async fn session_reporter(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<ReporterRow>, sqlx::Error> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM reporter_sessions x JOIN reporters r ON r.id = x.reporter_id \
         WHERE x.token_hash = $1 AND x.expires_at > $2"
    ))
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&db.pool)
    .await?
    .map(row)
    .transpose()
}

pub async fn delete_session(db: &Db, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM reporter_sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&db.pool)
        .await?;
    Ok(())
}
