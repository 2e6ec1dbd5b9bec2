//! Changing settings in the user's `config.toml` the way a person would by hand: their
//! comments, order and other keys stay, a symlinked file is written through the link, and its
//! mode is kept. The file is replaced atomically, never left half written.

use std::io::Write;
use std::path::Path;

use toml_edit::{DocumentMut, Item, Value};

/// Why the configuration file could not be changed.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// The file exists but is not valid TOML: it is left as it is.
    #[error("{path}: not changed, it is not valid TOML: {reason}")]
    Invalid {
        /// The file.
        path: String,
        /// What the parser said.
        reason: String,
    },
    /// Reading or writing failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or its folder.
        path: String,
        /// Why.
        source: std::io::Error,
    },
}

/// Sets each top-level `key = "value"` of `settings` in the file at `path` (created, with its
/// folder, when missing). A key already there keeps its place and the comments around it.
///
/// # Errors
/// The file is not TOML, or cannot be read or written.
pub fn set_top_level(path: &Path, settings: &[(&str, &str)]) -> Result<(), EditError> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| EditError::Io { path, source }
    };
    // Through a symlink to the file it names, so a config kept in a dotfiles folder stays there.
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => return Err(io(&path)(error)),
    };
    let mut doc: DocumentMut =
        text.parse()
            .map_err(|error: toml_edit::TomlError| EditError::Invalid {
                path: path.display().to_string(),
                reason: error.message().to_owned(),
            })?;
    for (key, value) in settings {
        match doc.get_mut(key).and_then(Item::as_value_mut) {
            Some(old) => {
                let decor = old.decor().clone();
                *old = Value::from(*value);
                *old.decor_mut() = decor;
            }
            None => doc[key] = toml_edit::value(*value),
        }
    }
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.to_owned(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&folder).map_err(io(&folder))?;
    let mut file = tempfile::NamedTempFile::new_in(&folder).map_err(io(&folder))?;
    if let Ok(metadata) = std::fs::metadata(&path) {
        file.as_file()
            .set_permissions(metadata.permissions())
            .map_err(io(&path))?;
    }
    file.write_all(doc.to_string().as_bytes())
        .and_then(|()| file.as_file().sync_all())
        .map_err(io(&path))?;
    file.persist(&path)
        .map_err(|error| io(&path)(error.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_order_and_other_keys_stay() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let before = "# my settings\nlibrary = [\"~/news\"]\n\n# who reorders\nbidi = \"terminal\"  # my terminal\n\n[theme]\naccent = \"red\"\n";
        std::fs::write(&path, before).unwrap();
        set_top_level(&path, &[("bidi", "app"), ("shaping", "forms")]).unwrap();
        let after = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            after,
            "# my settings\nlibrary = [\"~/news\"]\n\n# who reorders\nbidi = \"app\"  # my terminal\nshaping = \"forms\"\n\n[theme]\naccent = \"red\"\n"
        );
    }

    #[test]
    fn a_missing_file_and_folder_are_created() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lectern/config.toml");
        set_top_level(&path, &[("bidi", "terminal"), ("shaping", "off")]).unwrap();
        let after = std::fs::read_to_string(&path).unwrap();
        assert_eq!(after, "bidi = \"terminal\"\nshaping = \"off\"\n");
    }

    #[test]
    fn a_broken_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "bidi = = \"app\"\n").unwrap();
        let error = set_top_level(&path, &[("bidi", "app")]).unwrap_err();
        assert!(error.to_string().contains("not valid TOML"), "{error}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "bidi = = \"app\"\n"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_written_through_and_the_mode_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("dotfiles.toml");
        std::fs::write(&real, "bidi = \"app\"\n").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("config.toml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        set_top_level(&link, &[("shaping", "forms")]).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            std::fs::read_to_string(&real).unwrap(),
            "bidi = \"app\"\nshaping = \"forms\"\n"
        );
        let mode = std::fs::metadata(&real).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
