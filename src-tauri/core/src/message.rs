//! Everything the core says to a person is a [`Message`]: a stable key and
//! its arguments, never a sentence built in Rust. The sentences live in one
//! catalogue per language (`src-tauri/core/messages/<lang>.json`, i18next's
//! format: `{{name}}` for an argument, `_one` / `_other` for counts), which
//! the CLI renders here ([`Message::render`]) and the UI loads as its `core`
//! namespace, so both say the same words in the clinician's language.
//! English is the fallback for a key a catalogue lacks.
//!
//! Build one with [`msg!`](crate::msg): `msg!("case.not_found", id = 12)`.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use serde::Serialize;
use ts_rs::TS;

/// A sentence for a person: `key` names it in the catalogues, `args` fill
/// its `{{…}}` places.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Message {
    pub key: String,
    #[ts(type = "{ [name: string]: string | number | Message }")]
    pub args: BTreeMap<String, Arg>,
}

/// One argument of a message: text, a number, or a message of its own
/// (rendered in the same language: "Line 12: {{reason}}").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Arg {
    Text(String),
    Number(i64),
    Message(Box<Message>),
}

impl From<Message> for Arg {
    fn from(m: Message) -> Arg {
        Arg::Message(Box::new(m))
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(n as i64)
            }
        }
    )*};
}
number_arg!(i64, i32, u32, u64, usize);

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}

impl Arg {
    fn render(&self, lang: Lang) -> String {
        match self {
            Arg::Text(s) => s.clone(),
            Arg::Number(n) => n.to_string(),
            Arg::Message(m) => m.render(lang),
        }
    }
}

/// `msg!("key")` or `msg!("key", name = value, …)`: a [`Message`].
#[macro_export]
macro_rules! msg {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::message::Message::new($key)$(.arg(stringify!($name), $value))*
    };
}

/// The languages Casebook speaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    /// Traditional Chinese as written in Taiwan.
    ZhTw,
}

impl Lang {
    /// The language a locale name asks for (`zh_TW.UTF-8`, `zh-Hant`,
    /// `zh-HK` → Traditional Chinese; anything else → English).
    pub fn from_locale(locale: &str) -> Lang {
        let l = locale.to_ascii_lowercase().replace('_', "-");
        let traditional = ["zh-tw", "zh-hant", "zh-hk", "zh-mo"];
        if traditional.iter().any(|t| l.starts_with(t)) {
            Lang::ZhTw
        } else {
            Lang::En
        }
    }

    /// The catalogue's file name without `.json`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhTw => "zh-TW",
        }
    }
}

type Catalogue = BTreeMap<String, String>;

fn parse(text: &str) -> Catalogue {
    serde_json::from_str(text).expect("a message catalogue is a flat JSON object of strings")
}

/// The catalogue of `lang` (the English one for a language without one).
pub fn catalogue(lang: Lang) -> &'static Catalogue {
    static EN: OnceLock<Catalogue> = OnceLock::new();
    static ZH_TW: OnceLock<Catalogue> = OnceLock::new();
    match lang {
        Lang::En => EN.get_or_init(|| parse(include_str!("../messages/en.json"))),
        Lang::ZhTw => ZH_TW.get_or_init(|| parse(include_str!("../messages/zh-TW.json"))),
    }
}

impl Message {
    pub fn new(key: &str) -> Message {
        Message {
            key: key.to_string(),
            args: BTreeMap::new(),
        }
    }

    pub fn arg(mut self, name: &str, value: impl Into<Arg>) -> Message {
        self.args.insert(name.to_string(), value.into());
        self
    }

    /// The sentence in `lang`: its catalogue's, else English, else the key.
    pub fn render(&self, lang: Lang) -> String {
        let template = self
            .lookup(catalogue(lang), lang)
            .or_else(|| self.lookup(catalogue(Lang::En), Lang::En))
            .unwrap_or(&self.key);
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template.as_str();
        while let Some(start) = rest.find("{{") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            match after.find("}}") {
                Some(end) => {
                    let name = after[..end].trim();
                    match self.args.get(name) {
                        Some(value) => out.push_str(&value.render(lang)),
                        None => out.push_str(&rest[start..start + 2 + end + 2]),
                    }
                    rest = &after[end + 2..];
                }
                None => {
                    out.push_str(&rest[start..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// i18next's plural forms: `key_one` / `key_other` chosen by `count`
    /// (Chinese has only `_other`), else the plain key.
    fn lookup<'c>(&self, catalogue: &'c Catalogue, lang: Lang) -> Option<&'c String> {
        if let Some(Arg::Number(n)) = self.args.get("count") {
            let form = if *n == 1 && lang == Lang::En {
                "one"
            } else {
                "other"
            };
            if let Some(t) = catalogue.get(&format!("{}_{form}", self.key)) {
                return Some(t);
            }
        }
        catalogue.get(&self.key)
    }
}

impl fmt::Display for Message {
    /// English, for logs of codes, tests and the fallback text across IPC.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn arguments_fill_their_places_and_counts_pick_the_plural() {
        let m = crate::msg!("case.not_found", id = 12);
        assert_eq!(m.render(Lang::En), "There is no case 12.");
        assert_eq!(
            crate::msg!("reminder.n_overdue", count = 1).render(Lang::En),
            "1 follow-up overdue"
        );
        assert_eq!(
            crate::msg!("reminder.n_overdue", count = 3).render(Lang::En),
            "3 follow-ups overdue"
        );
    }

    #[test]
    fn an_unknown_key_shows_itself_and_a_missing_argument_its_place() {
        assert_eq!(Message::new("no.such.key").render(Lang::En), "no.such.key");
        assert_eq!(
            Message::new("case.not_found").render(Lang::En),
            "There is no case {{id}}."
        );
    }

    #[test]
    fn locales_choose_the_language() {
        for l in ["zh_TW.UTF-8", "zh-TW", "zh-Hant", "zh_HK", "zh-Hant-TW"] {
            assert_eq!(Lang::from_locale(l), Lang::ZhTw, "{l}");
        }
        for l in ["en_US.UTF-8", "C", "", "zh_CN.UTF-8", "ja_JP"] {
            assert_eq!(Lang::from_locale(l), Lang::En, "{l}");
        }
    }

    /// Every key the code uses (`msg!("…"`, in the core, the app and the
    /// CLI) is in the English catalogue, and the catalogue holds no key the
    /// code never uses (but for the families named at run time).
    #[test]
    fn the_english_catalogue_has_exactly_the_keys_the_code_uses() {
        let mut used = BTreeSet::new();
        let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut stack = vec![
            manifest.join("src"),
            manifest.join("../src"),
            manifest.join("../cli/src"),
        ];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs")
                    && !path.ends_with("src/message.rs")
                {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for part in text.split("msg!(").skip(1) {
                        let part = part.trim_start();
                        if let Some(rest) = part.strip_prefix('"') {
                            used.insert(rest.split('"').next().unwrap().to_string());
                        }
                    }
                }
            }
        }
        let known: BTreeSet<String> = catalogue(Lang::En)
            .keys()
            .map(|k| {
                k.strip_suffix("_one")
                    .or_else(|| k.strip_suffix("_other"))
                    .unwrap_or(k)
                    .to_string()
            })
            .collect();
        // Named at run time: nouns of fields, follow-up states.
        let dynamic = ["noun.", "followup.state."];
        let missing: Vec<_> = used.difference(&known).collect();
        let unused: Vec<_> = known
            .difference(&used)
            .filter(|k| !dynamic.iter().any(|d| k.starts_with(d)))
            .collect();
        assert!(missing.is_empty(), "keys missing from en.json: {missing:?}");
        assert!(
            unused.is_empty(),
            "keys in en.json no code uses: {unused:?}"
        );
    }

    /// The Traditional Chinese catalogue says every sentence the English one
    /// does (plural families by their base key: Chinese has only `_other`),
    /// with the same places to fill.
    #[test]
    fn the_chinese_catalogue_matches_the_english_one() {
        let base = |k: &str| {
            k.strip_suffix("_one")
                .or_else(|| k.strip_suffix("_other"))
                .unwrap_or(k)
                .to_string()
        };
        let places = |t: &str| -> BTreeSet<String> {
            t.split("{{")
                .skip(1)
                .filter_map(|p| p.split("}}").next())
                .map(|p| p.trim().to_string())
                .collect()
        };
        let en = catalogue(Lang::En);
        let zh = catalogue(Lang::ZhTw);
        let en_keys: BTreeSet<String> = en.keys().map(|k| base(k)).collect();
        let zh_keys: BTreeSet<String> = zh.keys().map(|k| base(k)).collect();
        assert_eq!(en_keys, zh_keys);
        for (key, text) in zh {
            let english = en
                .get(key)
                .or_else(|| en.get(&format!("{}_other", base(key))))
                .unwrap();
            assert_eq!(places(text), places(english), "{key}");
        }
        assert_eq!(
            crate::msg!("case.not_found", id = 12).render(Lang::ZhTw),
            zh["case.not_found"].replace("{{id}}", "12")
        );
    }
}
