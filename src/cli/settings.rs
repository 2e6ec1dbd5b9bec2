//! How the command line reads `--shaping` and `--bidi`: the layout types know nothing of
//! clap, so the names `--help` lists, and what each means, are given here.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

use crate::text::{BidiMode, Shaping};

/// Parses `--shaping`: one of the names [`Shaping`]'s `FromStr` accepts.
pub fn shaping() -> impl TypedValueParser<Value = Shaping> {
    PossibleValuesParser::new([
        PossibleValue::new("off")
            .help("Base letters, for terminals that shape (kitty, `WezTerm`, VTE, `iTerm2`)"),
        PossibleValue::new("forms").help(
            "Presentation Forms, for terminals that do not (xterm, Alacritty, Windows Terminal)",
        ),
    ])
    .try_map(|name| name.parse::<Shaping>())
}

/// Parses `--bidi`: one of the names [`BidiMode`]'s `FromStr` accepts.
pub fn bidi() -> impl TypedValueParser<Value = BidiMode> {
    PossibleValuesParser::new([
        PossibleValue::new("app")
            .help("lectern reorders lines into visual order (for terminals without bidi)"),
        PossibleValue::new("terminal").help(
            "Lines stay in logical order and are only aligned (for terminals that reorder by \
             themselves: VTE, Konsole, mlterm, mintty)",
        ),
    ])
    .try_map(|name| name.parse::<BidiMode>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{Arg, Command};

    fn command() -> Command {
        Command::new("t")
            .arg(Arg::new("shaping").long("shaping").value_parser(shaping()))
            .arg(Arg::new("bidi").long("bidi").value_parser(bidi()))
    }

    fn parse(args: &[&str]) -> Result<(Option<Shaping>, Option<BidiMode>), clap::Error> {
        let matches = command().try_get_matches_from(["t"].iter().chain(args))?;
        Ok((
            matches.get_one::<Shaping>("shaping").copied(),
            matches.get_one::<BidiMode>("bidi").copied(),
        ))
    }

    #[test]
    fn every_listed_name_gives_its_setting() {
        let cases = [
            (["--shaping", "off"], (Some(Shaping::Off), None)),
            (["--shaping", "forms"], (Some(Shaping::Forms), None)),
            (["--bidi", "app"], (None, Some(BidiMode::App))),
            (["--bidi", "terminal"], (None, Some(BidiMode::Terminal))),
        ];
        for (args, expected) in cases {
            assert_eq!(parse(&args).ok(), Some(expected), "{args:?}");
        }
    }

    #[test]
    fn an_unknown_name_is_refused_with_the_possible_values() {
        let error = parse(&["--shaping", "Forms"]).err().map(|e| e.to_string());
        let error = error.unwrap_or_default();
        assert!(error.contains("[possible values: off, forms]"), "{error}");
        let error = parse(&["--bidi", "rtl"]).err().map(|e| e.to_string());
        let error = error.unwrap_or_default();
        assert!(
            error.contains("[possible values: app, terminal]"),
            "{error}"
        );
    }
}
