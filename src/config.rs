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
mod tests;
