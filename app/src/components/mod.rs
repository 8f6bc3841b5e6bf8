#[cfg(feature = "hydrate")]
pub mod browser;
pub mod field;
pub mod layout;
pub mod locator;
pub mod photo_picker;
pub mod report_state;
pub mod staff;
