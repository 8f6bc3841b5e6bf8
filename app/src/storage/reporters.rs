//! Reporter accounts (市民通). Their sessions are in `sessions`, one-time codes in `codes`.
use super::sessions::Kind;
use super::Db;
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ReporterRow {
    pub id: i64,
    pub mobile: String,
    pub nickname: String,
    pub password_hash: String,
    pub real_name: Option<String>,
    pub payout_account: Option<String>,
}

const COLUMNS: &str = "r.id, r.mobile, r.nickname, r.password_hash, r.real_name, r.payout_account";

pub async fn by_mobile(db: &Db, mobile: &str) -> Result<Option<ReporterRow>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM reporters r WHERE r.mobile = $1"
        ))
        .bind(mobile)
        .fetch_optional(pool)
        .await
    })
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<ReporterRow>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM reporters r WHERE r.id = $1"
        ))
        .bind(id)
        .fetch_optional(pool)
        .await
    })
}

pub async fn nickname_taken(db: &Db, nickname: &str) -> Result<bool, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM reporters WHERE nickname = $1)")
            .bind(nickname)
            .fetch_one(pool)
            .await
    })
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
    crate::with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        if !super::codes::use_up((&mut *tx).into(), new.mobile, new.code_hash, now).await? {
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
    })
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
    crate::with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        if !super::codes::use_up((&mut *tx).into(), mobile, code_hash, now).await? {
            return Ok(None);
        }
        // RETURNING takes plain column names (no table alias).
        let row: Option<ReporterRow> = sqlx::query_as(&format!(
            "UPDATE reporters SET password_hash = $1 WHERE mobile = $2 RETURNING {}",
            COLUMNS.replace("r.", "")
        ))
        .bind(password_hash)
        .bind(mobile)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        super::sessions::end_all((&mut *tx).into(), Kind::Reporter, row.id).await?;
        tx.commit().await?;
        Ok(Some(row))
    })
}

/// Uses the one-time code sent to the account's mobile and sets the real name and payout
/// account, in one transaction. `false`: the code was used or expired meanwhile.
pub async fn set_payout(
    db: &Db,
    reporter_id: i64,
    mobile: &str,
    code_hash: &str,
    real_name: &str,
    account: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        if !super::codes::use_up((&mut *tx).into(), mobile, code_hash, now).await? {
            return Ok(false);
        }
        sqlx::query("UPDATE reporters SET real_name = $1, payout_account = $2 WHERE id = $3")
            .bind(real_name)
            .bind(account)
            .bind(reporter_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    })
}
