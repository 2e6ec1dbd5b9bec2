//! Which language a text is in: by its script where the script decides alone, by whatlang's
//! trigrams among lectern's languages otherwise, and `und` when the text is too short to tell.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;
use whatlang::{Detector, Lang};

const LANGUAGES_TOML: &str = include_str!("../../../assets/languages.toml");

/// How much text language detection looks at; more adds time, not accuracy.
const DETECT_SAMPLE: usize = 4096;

/// Fewer letters than this, in a script that several languages share (Latin, Arabic,
/// Cyrillic), cannot be told apart: "OK", "Video", "iPhone 15".
const MIN_LETTERS: usize = 12;

/// Fewer Han characters than this, without kana, may as well be a Japanese headline.
const MIN_HAN: usize = 4;

/// `assets/languages.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Table {
    detect: Vec<String>,
    iso639_1: HashMap<String, String>,
}

/// The detector restricted to the allowed languages, and the code table.
struct Languages {
    detector: Detector,
    iso639_1: HashMap<String, String>,
}

fn languages() -> &'static Languages {
    static LANGUAGES: LazyLock<Languages> = LazyLock::new(|| {
        let table: Table = toml::from_str(LANGUAGES_TOML).unwrap_or_default();
        let mut allowed: Vec<Lang> = (table.iso639_1.iter())
            .filter(|(_, short)| table.detect.contains(short))
            .filter_map(|(long, _)| Lang::from_code(long.as_str()))
            .collect();
        allowed.sort_by_key(Lang::code);
        allowed.dedup();
        let detector = if allowed.is_empty() {
            Detector::new()
        } else {
            Detector::with_allowlist(allowed)
        };
        Languages {
            detector,
            iso639_1: table.iso639_1,
        }
    });
    &LANGUAGES
}

/// A language code as lectern shows it: the two-letter ISO 639-1 code, lowercase, where one
/// exists ("ENG" and "eng" → "en"); any other code ("yue", "zh-Hant") stays as written.
pub fn normalize_code(code: &str) -> String {
    let code = code.trim();
    let key = code.to_lowercase();
    if let Some(short) = languages().iso639_1.get(&key) {
        short.clone()
    } else if key.len() == 2 && key.bytes().all(|b| b.is_ascii_lowercase()) {
        key
    } else {
        code.to_owned()
    }
}

/// Letters of the text by the scripts that decide a language alone.
#[derive(Debug, Default)]
struct Letters {
    hebrew: usize,
    thai: usize,
    hangul: usize,
    kana: usize,
    han: usize,
    /// Every other letter (Latin, Arabic, Cyrillic, …): whatlang tells these languages apart.
    shared: usize,
}

fn count_letters(text: &str) -> Letters {
    let mut letters = Letters::default();
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        let slot = match c {
            '\u{0590}'..='\u{05FF}' | '\u{FB1D}'..='\u{FB4F}' => &mut letters.hebrew,
            '\u{0E00}'..='\u{0E7F}' => &mut letters.thai,
            '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{AC00}'..='\u{D7AF}' => {
                &mut letters.hangul
            }
            '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}' => {
                &mut letters.kana
            }
            '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' => {
                &mut letters.han
            }
            '\u{20000}'..='\u{2FFFF}' => &mut letters.han,
            _ => &mut letters.shared,
        };
        *slot += 1;
    }
    letters
}

/// The ISO 639-1 code of the text's language (another code only where 639-1 has none), `und`
/// when the text is too short or too bare to tell.
pub fn language(text: &str) -> String {
    let end = text
        .char_indices()
        .nth(DETECT_SAMPLE)
        .map_or(text.len(), |(i, _)| i);
    let text = &text[..end];
    let letters = count_letters(text);
    let cjk = letters.kana + letters.han;
    let most = [
        letters.hebrew,
        letters.thai,
        letters.hangul,
        cjk,
        letters.shared,
    ]
    .into_iter()
    .max()
    .unwrap_or(0);
    let code = if most == 0 {
        None
    } else if letters.shared == most {
        whatlang_code(text, letters.shared)
    } else if letters.hebrew == most {
        Some("he")
    } else if letters.thai == most {
        Some("th")
    } else if letters.hangul == most {
        Some("ko")
    } else if letters.kana > 0 && letters.kana * 20 >= cjk {
        // Kana are Japanese alone; a Chinese text may quote a Japanese name, hence 5%.
        Some("ja")
    } else {
        (letters.han >= MIN_HAN).then_some("zh")
    };
    code.unwrap_or("und").to_owned()
}

fn whatlang_code(text: &str, letters: usize) -> Option<&'static str> {
    if letters < MIN_LETTERS {
        return None;
    }
    let lang = languages().detector.detect_lang(text)?;
    let code = lang.code();
    Some(languages().iso639_1.get(code).map_or(code, String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_of_short_news_sentences() {
        let cases = [
            (
                "Taliban đồng ý làm việc với Nga, Trung Quốc và Iran về vấn đề an ninh khu vực.",
                "vi",
            ),
            (
                "The ten countries also called on the Taliban to respect the rights of women.",
                "en",
            ),
            (
                "Les dix pays ont aussi appelé les talibans à respecter les droits des femmes.",
                "fr",
            ),
            (
                "وطالبت الدول المشاركة في المحادثات حركة طالبان بانتهاج سياسات معتدلة في شؤون أفغانستان",
                "ar",
            ),
            (
                "کشورهای شرکت کننده از طالبان خواستند که به حقوق زنان و کودکان احترام بگذارند",
                "fa",
            ),
            (
                "شرکاء نے طالبان سے مطالبہ کیا کہ وہ خواتین اور بچوں کے حقوق کا احترام کریں اور",
                "ur",
            ),
            (
                "המדינות המשתתפות קראו לטליבאן לכבד את זכויות הנשים והילדים באפגניסטן",
                "he",
            ),
            (
                "与会国家呼吁塔利班尊重妇女和儿童的权利，并采取温和的政策。",
                "zh",
            ),
            (
                "参加国はタリバンに対し、女性と子どもの権利を尊重するよう求めた。",
                "ja",
            ),
        ];
        for (text, lang) in cases {
            assert_eq!(language(text), lang, "{text}");
        }
        assert_eq!(language("12 34 !!"), "und");
    }

    #[test]
    fn short_english_is_english_or_unknown_never_latvian() {
        // Before the allowlist these came out as Afrikaans and Latvian.
        assert_eq!(language("New bridge opens after ten years of delays"), "en");
        assert_eq!(language("Fire at a market leaves no one hurt"), "en");
        // Still French (whatlang's trigrams on five words), but a language lectern reads.
        assert_eq!(language("Bank raises savings rates").len(), 2);
        for short in ["OK", "Video", "iPhone 15", "", "  "] {
            assert_eq!(language(short), "und", "{short}");
        }
    }

    #[test]
    fn scripts_that_decide_alone() {
        assert_eq!(language("Apple משיקה מחשב חדש"), "he");
        assert_eq!(language("ราคาน้ำมันลดลง"), "th");
        assert_eq!(language("휘발유 가격 하락"), "ko");
        // Kanji with a little kana is Japanese; Han alone is Chinese, once there is enough.
        assert_eq!(language("市場で火事　けが人なし"), "ja");
        assert_eq!(language("银行上调存款利率"), "zh");
        assert_eq!(language("東京"), "und");
    }

    #[test]
    fn codes_are_two_letters_where_they_exist() {
        assert_eq!(normalize_code("ENG"), "en");
        assert_eq!(normalize_code(" pes "), "fa");
        assert_eq!(normalize_code("vi"), "vi");
        assert_eq!(normalize_code("yue"), "yue");
        assert_eq!(normalize_code("EN"), "en");
        assert_eq!(normalize_code("zh-Hant"), "zh-Hant");
    }
}
