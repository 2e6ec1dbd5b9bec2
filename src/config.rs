//! Settings from `config.toml`: every key optional, unknown keys an error with line and column.

mod edit;

pub use edit::{EditError, set_top_level};

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use serde::{Deserialize, Deserializer};
use thiserror::Error;

use crate::keymap::Keymap;
use crate::text::{BidiMode, Shaping};
use crate::theme::Theme;

/// The documented example is also the source of the default key bindings.
const EXAMPLE: &str = include_str!("../config.example.toml");

/// lectern's settings. Every field has a default; see `config.example.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Folders and files that make up the library; empty means the bundled articles.
    pub library: Vec<PathBuf>,
    /// Files larger than this many bytes are skipped with a warning.
    pub max_file_size: u64,
    /// Who reorders right-to-left text: lectern (`app`) or a bidi-aware terminal (`terminal`).
    pub bidi: BidiMode,
    /// Arabic letters as they are (`off`, for terminals that shape) or as presentation forms.
    pub shaping: Shaping,
    /// Key bindings per screen, the user's laid over the defaults key by key.
    pub keys: Keys,
    /// Colours.
    pub theme: Theme,
    /// Timeouts of `lectern add`'s fetches.
    pub network: crate::net::Settings,
    /// How feeds are fetched and how long read feed articles are kept.
    pub feeds: crate::feed::fetch::Settings,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            library: Vec::new(),
            max_file_size: 8 * 1024 * 1024,
            bidi: BidiMode::default(),
            shaping: Shaping::default(),
            keys: Keys::default(),
            theme: Theme::default(),
            network: crate::net::Settings::default(),
            feeds: crate::feed::fetch::Settings::default(),
        }
    }
}

/// The key bindings in force: the defaults from `config.example.toml` with the user's on top.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys(pub Keymap);

static DEFAULT_KEYS: LazyLock<Keymap> = LazyLock::new(|| {
    #[derive(Deserialize)]
    struct KeysOnly {
        #[serde(default)]
        keys: Keymap,
    }
    toml::from_str::<KeysOnly>(EXAMPLE)
        .map(|k| k.keys)
        .unwrap_or_default()
});

impl Default for Keys {
    fn default() -> Self {
        Self(DEFAULT_KEYS.clone())
    }
}

impl<'de> Deserialize<'de> for Keys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let user = Keymap::deserialize(deserializer)?;
        Ok(Self(DEFAULT_KEYS.clone().merged(user)))
    }
}

/// A configuration file that could not be used.
#[derive(Debug, Error)]
pub enum ConfigError {
    /// The file named with `--config` could not be read.
    #[error("{path}: {reason}")]
    Read {
        /// The file.
        path: String,
        /// Why, in words (the OS error without its number).
        reason: String,
    },
    /// A syntax error, an unknown key or a bad value.
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        /// The file.
        path: String,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column (in characters) of the problem.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

/// Where the configuration is read from when `--config` is not given.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "lectern")
        .map(|dirs| dirs.config_dir().join("config.toml"))
}

impl Config {
    /// Reads `explicit` (which must exist), else the default file if there is one, else defaults.
    ///
    /// # Errors
    /// The file cannot be read, or it is not valid TOML for [`Config`].
    pub fn load(explicit: Option<&Path>) -> Result<Self, ConfigError> {
        let path = match explicit {
            Some(path) => path.to_owned(),
            None => match default_path() {
                Some(path) if path.exists() => path,
                _ => return Ok(Self::default()),
            },
        };
        let text = std::fs::read_to_string(&path).map_err(|error| ConfigError::Read {
            path: path.display().to_string(),
            reason: match error.kind() {
                std::io::ErrorKind::NotFound => "no such file".to_owned(),
                std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
                std::io::ErrorKind::IsADirectory => "is a folder, not a file".to_owned(),
                _ => error.to_string(),
            },
        })?;
        let mut config = Self::parse(&text, &path.display().to_string())?;
        config.library = config.library.iter().map(|p| expand_home(p)).collect();
        Ok(config)
    }

    /// Parses configuration text; `path` only names the file in errors.
    ///
    /// # Errors
    /// Syntax errors, unknown keys and bad values, with line and column.
    pub fn parse(text: &str, path: &str) -> Result<Self, ConfigError> {
        if let Some((line, message)) = repeated_table(text) {
            return Err(ConfigError::Invalid {
                path: path.to_owned(),
                line,
                column: 1,
                message,
            });
        }
        toml::from_str(text).map_err(|error| {
            let offset = error.span().map_or(0, |span| span.start);
            let (line, column) = line_and_column(text, offset);
            ConfigError::Invalid {
                path: path.to_owned(),
                line,
                column,
                message: error.message().trim().to_owned(),
            }
        })
    }
}

/// The first table header that repeats an earlier one (`[keys.reader]` twice), with its line
/// and a message naming the first; TOML's own error says only "duplicate key".
fn repeated_table(text: &str) -> Option<(usize, String)> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        // `[a.b]`, but not an array of tables (`[[feed]]`) nor an inline array.
        let Some(name) = line.strip_prefix('[').filter(|rest| !rest.starts_with('[')) else {
            continue;
        };
        let Some(name) = name
            .split('#')
            .next()
            .and_then(|n| n.trim_end().strip_suffix(']'))
        else {
            continue;
        };
        let name: String = name
            .split('.')
            .map(|part| part.trim().trim_matches('"'))
            .collect::<Vec<_>>()
            .join(".");
        if let Some(first) = seen.insert(name.clone(), index + 1) {
            let message = format!(
                "[{name}] is repeated: the first [{name}] is at line {first}; put its keys in one table"
            );
            return Some((index + 1, message));
        }
    }
    None
}

/// 1-based line and column (in characters) of a byte offset.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// `~/news` means the news folder in the home directory.
fn expand_home(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), directories::BaseDirs::new()) {
        (Ok(rest), Some(dirs)) => dirs.home_dir().join(rest),
        _ => path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_table_names_both_places() {
        let text = "# keys\n[keys.reader]\nj = \"down\"\n\n[keys.list]\n[ keys . \"reader\" ]  # again\nk = \"up\"\n";
        let message = Config::parse(text, "c.toml").unwrap_err().to_string();
        assert_eq!(
            message,
            "c.toml:6:1: [keys.reader] is repeated: the first [keys.reader] is at line 2; put its keys in one table"
        );
        // Arrays of tables repeat by design.
        assert_eq!(
            repeated_table("[[feed]]\nurl = \"a\"\n[[feed]]\nurl = \"b\"\n"),
            None
        );
    }

    #[test]
    fn a_missing_file_is_named_once() {
        let message = Config::load(Some(Path::new("/nonexistent/lectern.toml")))
            .unwrap_err()
            .to_string();
        assert_eq!(message, "/nonexistent/lectern.toml: no such file");
    }

    #[test]
    fn empty_text_gives_defaults() {
        assert_eq!(Config::parse("", "c.toml").unwrap(), Config::default());
    }

    #[test]
    fn keys_are_read() {
        let config = Config::parse(
            "library = [\"/news\", \"~/more\"]\nmax_file_size = 1024\n",
            "c",
        )
        .unwrap();
        assert_eq!(
            config.library,
            [PathBuf::from("/news"), PathBuf::from("~/more")]
        );
        assert_eq!(config.max_file_size, 1024);
    }

    #[test]
    fn network_timeouts_are_read_and_checked() {
        let config = Config::parse("[network]\ntimeout = 2\n", "c").unwrap();
        assert_eq!(config.network.timeout, 2);
        assert_eq!(config.network.connect_timeout, 10);
        let message = Config::parse("[network]\ntimout = 2\n", "c")
            .unwrap_err()
            .to_string();
        assert!(
            message.starts_with("c:2:1: unknown field `timout`"),
            "{message}"
        );
    }

    #[test]
    fn unknown_key_names_file_line_and_column() {
        let error =
            Config::parse("library = []\n  libary = [\"x\"]\n", "/home/me/c.toml").unwrap_err();
        let message = error.to_string();
        assert!(
            message.starts_with("/home/me/c.toml:2:3: unknown field `libary`"),
            "{message}"
        );
    }

    #[test]
    fn bad_value_and_syntax_error_name_line_and_column() {
        let message = Config::parse("max_file_size = \"big\"\n", "c")
            .unwrap_err()
            .to_string();
        assert!(message.starts_with("c:1:17: invalid type"), "{message}");
        let message = Config::parse("library = [\n", "c").unwrap_err().to_string();
        // toml reports the end of line 1, just after the `[` that is never closed (column 12).
        assert!(message.starts_with("c:1:12: unclosed array"), "{message}");
    }

    #[test]
    fn user_keys_are_laid_over_the_defaults() {
        let config = Config::parse("[keys.list]\nj = \"page_down\"\nx = \"none\"\n", "c").unwrap();
        let list = &config.keys.0.list;
        assert_eq!(
            list.get(&"j".parse().unwrap()),
            Some(&crate::action::Action::PageDown)
        );
        assert_eq!(
            list.get(&"k".parse().unwrap()),
            Some(&crate::action::Action::Up)
        );
        assert_eq!(list.get(&"x".parse().unwrap()), None);
        assert_eq!(config.keys.0.reader, DEFAULT_KEYS.reader);
    }

    #[test]
    fn rescan_is_still_the_reload_key_of_an_older_config() {
        let config = Config::parse("[keys.list]\nF5 = \"rescan\"\n", "c").unwrap();
        let reload = Some(&crate::action::Action::Reload);
        assert_eq!(config.keys.0.list.get(&"F5".parse().unwrap()), reload);
        assert_eq!(config.keys.0.list.get(&"R".parse().unwrap()), reload);
    }

    #[test]
    fn an_unknown_action_names_it_with_line_and_column() {
        let message = Config::parse("[keys.reader]\nj = \"scroll_dwn\"\n", "c")
            .unwrap_err()
            .to_string();
        assert!(
            message.starts_with("c:2:5: unknown variant `scroll_dwn`"),
            "{message}"
        );
    }

    #[test]
    fn an_action_bound_on_a_screen_where_it_does_nothing_names_line_and_column() {
        let message = Config::parse("[keys.list]\nj = \"down\"\nr = \"toggle_raw\"\n", "c")
            .unwrap_err()
            .to_string();
        assert!(
            message.starts_with("c:3:5: `toggle_raw` does nothing in [keys.list]"),
            "{message}"
        );
    }

    #[test]
    fn the_example_file_lists_every_default() {
        assert!(DEFAULT_KEYS.list.len() > 20 && DEFAULT_KEYS.reader.len() > 20);
        let example = include_str!("../config.example.toml");
        assert_eq!(
            Config::parse(example, "config.example.toml").unwrap(),
            Config::default()
        );
    }

    #[test]
    fn home_is_expanded() {
        let home = directories::BaseDirs::new().unwrap().home_dir().to_owned();
        assert_eq!(expand_home(Path::new("~/news")), home.join("news"));
        assert_eq!(expand_home(Path::new("/abs")), PathBuf::from("/abs"));
    }
}
