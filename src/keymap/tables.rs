//! Reading `[keys.*]` tables: each binding is checked against its mode where it is written,
//! so that an action bound where it does nothing is an error with its line and column.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::{Deserialize, Deserializer};

use super::{Key, Keymap, Mode, allowed};
use crate::action::Action;

impl<'de> Deserialize<'de> for Keymap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize, Default)]
        #[serde(default, deny_unknown_fields)]
        struct Tables {
            list: BTreeMap<Key, Bound<ListMode>>,
            prompt: BTreeMap<Key, Bound<PromptMode>>,
            reader: BTreeMap<Key, Bound<ReaderMode>>,
            compare: BTreeMap<Key, Bound<CompareMode>>,
            links: BTreeMap<Key, Bound<LinksMode>>,
            feeds: BTreeMap<Key, Bound<FeedsMode>>,
        }
        fn plain<M>(map: BTreeMap<Key, Bound<M>>) -> BTreeMap<Key, Action> {
            map.into_iter().map(|(k, b)| (k, b.action)).collect()
        }
        let tables = Tables::deserialize(deserializer)?;
        Ok(Self {
            list: plain(tables.list),
            prompt: plain(tables.prompt),
            reader: plain(tables.reader),
            compare: plain(tables.compare),
            links: plain(tables.links),
            feeds: plain(tables.feeds),
        })
    }
}

/// A mode known when deserializing, so that a binding is checked where it is written (and
/// the error carries its line and column).
trait ModeOf {
    const MODE: Mode;
}

struct ListMode;
struct PromptMode;
struct ReaderMode;
struct CompareMode;
struct LinksMode;
struct FeedsMode;

impl ModeOf for ListMode {
    const MODE: Mode = Mode::List;
}
impl ModeOf for PromptMode {
    const MODE: Mode = Mode::Prompt;
}
impl ModeOf for ReaderMode {
    const MODE: Mode = Mode::Reader;
}
impl ModeOf for CompareMode {
    const MODE: Mode = Mode::Compare;
}
impl ModeOf for LinksMode {
    const MODE: Mode = Mode::Links;
}
impl ModeOf for FeedsMode {
    const MODE: Mode = Mode::Feeds;
}

/// An action bound in the table of mode `M`, checked to do something there.
struct Bound<M> {
    action: Action,
    mode: PhantomData<M>,
}

impl<'de, M: ModeOf> Deserialize<'de> for Bound<M> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let action = Action::deserialize(deserializer)?;
        if !allowed(M::MODE, &action) {
            return Err(serde::de::Error::custom(NotHere {
                action: action.name(),
                mode: M::MODE,
            }));
        }
        Ok(Self {
            action,
            mode: PhantomData,
        })
    }
}

/// An action bound in a table where it does nothing.
struct NotHere {
    action: String,
    mode: Mode,
}

impl fmt::Display for NotHere {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` does nothing in [keys.{}]",
            self.action,
            self.mode.table()
        )
    }
}
