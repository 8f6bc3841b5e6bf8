//! The one way texts are declared. Every entry gives the Chinese and the English side by side,
//! so a text missing in one language does not compile:
//!
//! ```ignore
//! texts! {
//!     /// The rewards pages.
//!     pub struct RewardTexts {
//!         snap_nav: "随手拍", "Snap";
//!     }
//!     impl {
//!         fn caps(daily: u32, weekly: u32) -> String {
//!             zh: format!("每日最多 {daily} 分，每周最多 {weekly} 分。"),
//!             en: format!("At most {daily} points a day and {weekly} a week."),
//!         }
//!     }
//! }
//! ```
//!
//! Plain texts become `&'static str` fields (`locale.rewards().snap_nav`); texts that carry
//! values become methods with typed arguments (`locale.rewards().caps(5, 20)`), whose
//! placeholders `format!` checks at compile time (a placeholder without its argument does not
//! compile; an argument a language forgets is an unused variable, which CI refuses). Labels of
//! an enum are methods that `match` it once per language, so a new variant without its label
//! does not compile either. Numbers a rule or the configuration decides are arguments or the
//! rule's own constants, never digits in the text.

/// See the module documentation.
macro_rules! texts {
    (
        $(#[$struct_meta:meta])*
        pub struct $name:ident {
            $( $(#[$field_meta:meta])* $key:ident: $zh:literal, $en:literal; )*
        }
        $(
            impl {
                $(
                    $(#[$fn_meta:meta])*
                    fn $fn_name:ident($($arg:ident: $arg_ty:ty),* $(,)?) -> $ret:ty {
                        zh: $fn_zh:expr,
                        en: $fn_en:expr $(,)?
                    }
                )*
            }
        )?
    ) => {
        $(#[$struct_meta])*
        pub struct $name {
            #[allow(dead_code)]
            locale: $crate::i18n::Locale,
            $( $(#[$field_meta])* pub $key: &'static str, )*
        }

        impl $name {
            const ZH: $name = $name { locale: $crate::i18n::Locale::Zh, $($key: $zh,)* };
            const EN: $name = $name { locale: $crate::i18n::Locale::En, $($key: $en,)* };

            /// The texts in `locale`.
            pub fn of(locale: $crate::i18n::Locale) -> &'static $name {
                match locale {
                    $crate::i18n::Locale::Zh => &Self::ZH,
                    $crate::i18n::Locale::En => &Self::EN,
                }
            }

            $($(
                $(#[$fn_meta])*
                pub fn $fn_name(&self, $($arg: $arg_ty),*) -> $ret {
                    match self.locale {
                        $crate::i18n::Locale::Zh => $fn_zh,
                        $crate::i18n::Locale::En => $fn_en,
                    }
                }
            )*)?
        }
    };
}

pub(crate) use texts;
