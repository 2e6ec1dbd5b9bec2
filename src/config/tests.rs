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
    let error = Config::parse("library = []\n  libary = [\"x\"]\n", "/home/me/c.toml").unwrap_err();
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
    let example = include_str!("../../config.example.toml");
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
