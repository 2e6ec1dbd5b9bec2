//! Arabic shaping into presentation forms, for terminals that do not shape.
//!
//! Works in logical order on grapheme clusters, before reordering. Each
//! letter takes its isolated, final, initial or medial form from whether it
//! joins the letters before and after it (ArabicShaping.txt joining types;
//! marks are transparent because they are inside their base's cluster; ZWJ
//! forces a join, ZWNJ prevents one). Lam followed by an alef becomes one of
//! the ligatures U+FEF5-U+FEFC: one unit, one cell, for two letters.

mod tables;

use super::classes::is_hidden;
use super::units::Unit;
use compact_str::CompactString;
use tables::{FORMS, JOINING, Joining};
use unicode_normalization::char::is_combining_mark;

const ZWJ: char = '\u{200D}';
const ZWNJ: char = '\u{200C}';
const LAM: char = '\u{644}';

/// How one cluster takes part in joining.
#[derive(Debug, Clone, Copy, Default)]
struct Join {
    /// Skipped when looking for neighbours (a lone mark, an invisible
    /// format character).
    transparent: bool,
    /// Can join the cluster before it (types D, R, C).
    right: bool,
    /// Can join the cluster after it (types D, C).
    left: bool,
    /// The last ZWJ or ZWNJ after the base, which decides the join after it.
    joiner: Option<char>,
    /// The base letter, when it has presentation forms.
    forms: Option<[char; 4]>,
}

/// `units` with Arabic letters in their presentation forms and lam-alef
/// pairs merged into ligatures.
pub(crate) fn shape(text: &str, units: Vec<Unit>) -> Vec<Unit> {
    if !text.contains(|c| matches!(c, '\u{621}'..='\u{6D3}')) {
        return units;
    }
    let joins: Vec<Join> = units.iter().map(|unit| join(unit, text)).collect();
    let mut shaped: Vec<Unit> = Vec::with_capacity(units.len());
    let mut units = units.into_iter().enumerate().peekable();
    while let Some((index, mut unit)) = units.next() {
        let Some(forms) = joins[index].forms else {
            shaped.push(unit);
            continue;
        };
        let joins_before = joins_before(&joins, index);
        let cluster = &text[unit.source.clone()];
        let ligature = units.peek().and_then(|(_, next)| {
            let alef = text[next.source.clone()].chars().next()?;
            let is_lam = cluster.starts_with(LAM) && joins[index].joiner.is_none();
            is_lam.then(|| lam_alef(alef, joins_before)).flatten()
        });
        if let (Some(ligature), Some((_, alef))) = (ligature, units.peek()) {
            // Marks of both letters follow the ligature, in logical order.
            let mut shown = CompactString::default();
            shown.push(ligature);
            shown.push_str(after_base(cluster));
            shown.push_str(after_base(&text[alef.source.clone()]));
            unit.source.end = alef.source.end;
            unit.shown = Some(shown);
            unit.width = 1;
            units.next();
        } else {
            let form = pick_form(forms, joins_before, joins_after(&joins, index));
            let mut shown = CompactString::default();
            shown.push(form);
            shown.push_str(after_base(cluster));
            unit.shown = Some(shown);
        }
        shaped.push(unit);
    }
    shaped
}

fn join(unit: &Unit, text: &str) -> Join {
    let cluster = &text[unit.source.clone()];
    let mut chars = cluster.chars();
    let Some(base) = chars.next() else {
        return Join::default();
    };
    let joiner = chars.rfind(|&c| c == ZWJ || c == ZWNJ);
    let kind = match base {
        ZWJ => Some(Joining::Causing),
        ZWNJ => None,
        // Letters first: most clusters of Arabic text are one.
        _ => joining(base),
    };
    if kind.is_none() && !base.is_ascii() && (is_combining_mark(base) || is_hidden(base)) {
        return Join {
            transparent: true,
            ..Join::default()
        };
    }
    Join {
        transparent: false,
        right: kind.is_some(),
        left: matches!(kind, Some(Joining::Dual | Joining::Causing)),
        joiner,
        // Non-joining letters (hamza) keep their base form, as FriBidi does;
        // a stand-in (an unsanitised control) is not a letter.
        forms: if unit.shown.is_none() && kind.is_some() {
            forms(base)
        } else {
            None
        },
    }
}

/// Whether cluster `index` joins the one before it.
fn joins_before(joins: &[Join], index: usize) -> bool {
    let Some(before) = joins[..index].iter().rev().find(|j| !j.transparent) else {
        return false;
    };
    joins[index].right
        && match before.joiner {
            Some(ZWJ) => true,
            Some(_) => false,
            None => before.left,
        }
}

/// Whether cluster `index` joins the one after it.
fn joins_after(joins: &[Join], index: usize) -> bool {
    let this = joins[index];
    this.left
        && match this.joiner {
            Some(ZWJ) => true,
            Some(_) => false,
            None => joins[index + 1..]
                .iter()
                .find(|j| !j.transparent)
                .is_some_and(|after| after.right),
        }
}

/// The form for a letter's joins, falling back to a form that exists.
fn pick_form(forms: [char; 4], before: bool, after: bool) -> char {
    let [isolated, final_, initial, medial] = forms;
    let wanted = match (before, after) {
        (true, true) => [medial, final_, isolated],
        (true, false) => [final_, isolated, isolated],
        (false, true) => [initial, isolated, isolated],
        (false, false) => [isolated, isolated, isolated],
    };
    wanted.into_iter().find(|&c| c != '\0').unwrap_or(isolated)
}

/// The lam-alef ligature for a lam followed by `alef`: final when the lam
/// joins the letter before it.
fn lam_alef(alef: char, joins_before: bool) -> Option<char> {
    let isolated = match alef {
        '\u{622}' => '\u{FEF5}',
        '\u{623}' => '\u{FEF7}',
        '\u{625}' => '\u{FEF9}',
        '\u{627}' => '\u{FEFB}',
        _ => return None,
    };
    char::from_u32(u32::from(isolated) + u32::from(joins_before))
}

/// A cluster without its first character.
fn after_base(cluster: &str) -> &str {
    let base_len = cluster.chars().next().map_or(0, char::len_utf8);
    &cluster[base_len..]
}

fn joining(c: char) -> Option<Joining> {
    let at = JOINING.partition_point(|&(_, last, _)| last < c);
    JOINING
        .get(at)
        .filter(|&&(first, _, _)| first <= c)
        .map(|&(_, _, kind)| kind)
}

fn forms(c: char) -> Option<[char; 4]> {
    FORMS
        .binary_search_by_key(&c, |&(letter, _)| letter)
        .ok()
        .map(|at| FORMS[at].1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn forms_decompose_to_their_letter() {
        for &(letter, forms) in FORMS {
            for form in forms.into_iter().filter(|&c| c != '\0') {
                // NFKC on both sides: U+0677 itself decomposes further.
                let form_nfkc: String = form.to_string().nfkc().collect();
                let letter_nfkc: String = letter.to_string().nfkc().collect();
                assert_eq!(form_nfkc, letter_nfkc, "{form:?} of {letter:?}");
            }
        }
        assert!(FORMS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(JOINING.windows(2).all(|w| w[0].1 < w[1].0));
    }

    #[test]
    fn joining_types_by_hand() {
        // From ArabicShaping.txt: beh D, alef R, tatweel C, hamza U.
        assert_eq!(joining('\u{628}'), Some(Joining::Dual));
        assert_eq!(joining('\u{627}'), Some(Joining::Right));
        assert_eq!(joining('\u{640}'), Some(Joining::Causing));
        assert_eq!(joining('\u{621}'), None);
        assert_eq!(joining('a'), None);
    }
}
