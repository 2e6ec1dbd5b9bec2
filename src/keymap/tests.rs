use super::*;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn key(text: &str) -> Key {
    text.parse().unwrap()
}

#[test]
fn user_bindings_override_key_by_key() {
    let defaults: Keymap =
        toml::from_str("[list]\nj = \"down\"\nk = \"up\"\nx = \"toggle_read\"").unwrap();
    let user: Keymap = toml::from_str("[list]\nj = \"page_down\"\nx = \"none\"").unwrap();
    let merged = defaults.merged(user);
    assert_eq!(merged.list.get(&key("j")), Some(&Action::PageDown));
    assert_eq!(merged.list.get(&key("k")), Some(&Action::Up));
    assert_eq!(merged.list.get(&key("x")), None);
}

#[test]
fn unknown_action_is_an_error_naming_it() {
    let error = toml::from_str::<Keymap>("[reader]\nj = \"scroll_dwn\"").unwrap_err();
    assert!(error.to_string().contains("scroll_dwn"), "{error}");
    let error = toml::from_str::<Keymap>("[reader]\n\"ctrl-dd\" = \"down\"").unwrap_err();
    assert!(error.to_string().contains("ctrl-dd"), "{error}");
}

#[test]
fn an_action_of_another_screen_is_an_error() {
    let error = toml::from_str::<Keymap>("[list]\nr = \"toggle_raw\"").unwrap_err();
    assert!(
        error
            .to_string()
            .contains("`toggle_raw` does nothing in [keys.list]"),
        "{error}"
    );
    assert!(toml::from_str::<Keymap>("[prompt]\nj = \"open\"").is_err());
    assert!(toml::from_str::<Keymap>("[reader]\nr = \"toggle_raw\"").is_ok());
}

#[test]
fn the_prompt_types_unbound_characters_and_never_alt_chords() {
    let map: Keymap = toml::from_str("[prompt]\nenter = \"accept\"").unwrap();
    let resolve = |code, modifiers| map.resolve(Mode::Prompt, KeyEvent::new(code, modifiers));
    assert_eq!(
        resolve(KeyCode::Char('j'), KeyModifiers::NONE),
        Some(Action::Type('j'))
    );
    assert_eq!(
        resolve(KeyCode::Char('J'), KeyModifiers::SHIFT),
        Some(Action::Type('J'))
    );
    assert_eq!(resolve(KeyCode::Char('b'), KeyModifiers::ALT), None);
    assert_eq!(resolve(KeyCode::Char('w'), KeyModifiers::CONTROL), None);
    assert_eq!(
        resolve(KeyCode::Enter, KeyModifiers::NONE),
        Some(Action::Accept)
    );
    assert_eq!(
        resolve(KeyCode::Char('c'), KeyModifiers::CONTROL),
        Some(Action::Quit)
    );
    // Outside the prompt an unbound letter does nothing.
    let list = map.resolve(
        Mode::List,
        KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE),
    );
    assert_eq!(list, None);
}

#[test]
fn the_help_box_closes_on_its_keys_only() {
    let map: Keymap = toml::from_str("[list]\nf1 = \"help\"\nj = \"down\"").unwrap();
    let resolve = |k: &str| map.resolve_key(Mode::Help, key(k));
    assert_eq!(resolve("esc"), Some(Action::Help));
    assert_eq!(resolve("q"), Some(Action::Help));
    assert_eq!(resolve("f1"), Some(Action::Help));
    assert_eq!(resolve("j"), None);
}

#[test]
fn in_the_list_of_links_an_unbound_digit_opens_that_link() {
    let map: Keymap = toml::from_str("[links]\nenter = \"open\"\n9 = \"down\"").unwrap();
    let resolve = |k: &str| map.resolve_key(Mode::Links, key(k));
    assert_eq!(resolve("3"), Some(Action::OpenLink(3)));
    assert_eq!((resolve("0"), resolve("9")), (None, Some(Action::Down)));
    assert_eq!(resolve("enter"), Some(Action::Open));
    assert!(toml::from_str::<Keymap>("[links]\nr = \"toggle_raw\"").is_err());
}

#[test]
fn keys_for_puts_the_preferred_key_first() {
    let map: Keymap =
        toml::from_str("[list]\nl = \"open\"\nenter = \"open\"\nright = \"open\"").unwrap();
    let keys = map.keys_for(Mode::List, &Action::Open, Some(key("enter")));
    assert_eq!(keys[0], key("enter"));
    assert_eq!(keys.len(), 3);
    assert!(map.keys_for(Mode::List, &Action::Help, None).is_empty());
}
