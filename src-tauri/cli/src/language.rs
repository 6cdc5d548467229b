//! The language the CLI speaks: `--lang`, else the system's locale
//! (`LC_ALL`, `LC_MESSAGES`, `LANG`): `zh_TW.UTF-8` and the other Traditional
//! Chinese locales → 繁體中文, anything else → English. Every sentence is a
//! message key of the core's catalogues (`casebook_core::message`).

use std::sync::OnceLock;

use casebook_core::{CoreError, Lang, Message};

static CHOSEN: OnceLock<Lang> = OnceLock::new();

/// Settles the language once, from `--lang` or the environment.
pub fn choose(flag: Option<&str>) {
    let locale = match flag {
        Some(flag) => flag.to_string(),
        None => ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default(),
    };
    let _ = CHOSEN.set(Lang::from_locale(&locale));
}

pub fn lang() -> Lang {
    CHOSEN.get().copied().unwrap_or_default()
}

/// `message` in the CLI's language.
pub fn say(message: Message) -> String {
    message.render(lang())
}

/// A core error in the CLI's language.
pub fn fail(e: CoreError) -> String {
    say(e.message())
}
