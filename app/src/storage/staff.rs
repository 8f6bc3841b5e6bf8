//! Staff accounts (their sessions are in `sessions`) and the log of who viewed a
//! reporter's contact details.
use super::Db;
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct StaffRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub department: Option<String>,
    pub password_hash: String,
    pub active: bool,
}

pub struct NewStaff<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub role: &'a str,
    pub department: Option<&'a str>,
    pub password_hash: &'a str,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error("username taken")]
    Taken,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

const COLUMNS: &str =
    "s.id, s.username, s.display_name, s.role, s.department, s.password_hash, s.active";

pub async fn create(db: &Db, new: NewStaff<'_>) -> Result<i64, CreateError> {
    crate::with_pool!(db, |pool| {
        let result = sqlx::query_scalar(
            "INSERT INTO staff (username, display_name, role, department, password_hash, active, created_at) \
             VALUES ($1, $2, $3, $4, $5, TRUE, $6) RETURNING id",
        )
        .bind(new.username)
        .bind(new.display_name)
        .bind(new.role)
        .bind(new.department)
        .bind(new.password_hash)
        .bind(new.created_at)
        .fetch_one(pool)
        .await;
        match result {
            Ok(id) => Ok(id),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(CreateError::Taken),
            Err(e) => Err(e.into()),
        }
    })
}

pub async fn by_username(db: &Db, username: &str) -> Result<Option<StaffRow>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM staff s WHERE s.username = $1"
        ))
        .bind(username)
        .fetch_optional(pool)
        .await
    })
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<StaffRow>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM staff s WHERE s.id = $1"))
            .bind(id)
            .fetch_optional(pool)
            .await
    })
}

pub async fn list(db: &Db) -> Result<Vec<StaffRow>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM staff s ORDER BY s.role, s.department, s.username"
        ))
        .fetch_all(pool)
        .await
    })
}

pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_scalar("SELECT COUNT(*) FROM staff")
            .fetch_one(pool)
            .await
    })
}

/// Enables or disables an account; disabling ends all its sessions in the same transaction.
/// Returns whether the account exists.
pub async fn set_active(db: &Db, username: &str, active: bool) -> Result<bool, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let id: Option<i64> =
            sqlx::query_scalar("UPDATE staff SET active = $1 WHERE username = $2 RETURNING id")
                .bind(active)
                .bind(username)
                .fetch_optional(&mut *tx)
                .await?;
        if let (Some(id), false) = (id, active) {
            super::sessions::end_all((&mut *tx).into(), super::sessions::Kind::Staff, id).await?;
        }
        tx.commit().await?;
        Ok(id.is_some())
    })
}

pub async fn set_password(db: &Db, username: &str, hash: &str) -> Result<bool, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let id: Option<i64> = sqlx::query_scalar(
            "UPDATE staff SET password_hash = $1 WHERE username = $2 RETURNING id",
        )
        .bind(hash)
        .bind(username)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(id) = id {
            // A new password ends the sessions opened with the old one.
            super::sessions::end_all((&mut *tx).into(), super::sessions::Kind::Staff, id).await?;
        }
        tx.commit().await?;
        Ok(id.is_some())
    })
}

pub async fn log_contact_view(
    db: &Db,
    ticket_id: i64,
    staff_id: i64,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query("INSERT INTO contact_views (ticket_id, staff_id, at) VALUES ($1, $2, $3)")
            .bind(ticket_id)
            .bind(staff_id)
            .bind(at)
            .execute(pool)
            .await?;
        Ok(())
    })
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ContactView {
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub at: DateTime<Utc>,
}

pub async fn contact_views(db: &Db, ticket_id: i64) -> Result<Vec<ContactView>, sqlx::Error> {
    crate::with_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT s.username, s.display_name, s.role, v.at FROM contact_views v \
             JOIN staff s ON s.id = v.staff_id WHERE v.ticket_id = $1 ORDER BY v.id DESC LIMIT 50",
        )
        .bind(ticket_id)
        .fetch_all(pool)
        .await
    })
}
