//! Language, direction, stable id and word count of an article.

use unicode_bidi::{BidiClass, bidi_class};
use unicode_segmentation::UnicodeSegmentation;
use whatlang::Lang;
use xxhash_rust::xxh3::Xxh3Default;

use super::Dir;

/// How much text language detection looks at; more adds time, not accuracy.
const DETECT_SAMPLE: usize = 4096;

/// The ISO 639-1 code of the text's language (ISO 639-3 where 639-1 has none), `und` if unsure.
pub fn language(text: &str) -> String {
    let end = text
        .char_indices()
        .nth(DETECT_SAMPLE)
        .map_or(text.len(), |(i, _)| i);
    let Some(info) = whatlang::detect(&text[..end]) else {
        return "und".to_owned();
    };
    iso_639_1(info.lang()).map_or_else(|| info.lang().code().to_owned(), str::to_owned)
}

fn iso_639_1(lang: Lang) -> Option<&'static str> {
    Some(match lang {
        Lang::Vie => "vi",
        Lang::Eng => "en",
        Lang::Fra => "fr",
        Lang::Ara => "ar",
        Lang::Pes => "fa",
        Lang::Urd => "ur",
        Lang::Heb => "he",
        Lang::Cmn => "zh",
        Lang::Jpn => "ja",
        Lang::Kor => "ko",
        Lang::Deu => "de",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Nld => "nl",
        Lang::Rus => "ru",
        Lang::Ukr => "uk",
        Lang::Tur => "tr",
        Lang::Pol => "pl",
        Lang::Ind => "id",
        Lang::Tha => "th",
        Lang::Hin => "hi",
        Lang::Yid => "yi",
        _ => return None,
    })
}

/// Right to left when strong right-to-left characters outnumber left-to-right ones.
pub fn direction<'a>(texts: impl IntoIterator<Item = &'a str>) -> Dir {
    let (mut ltr, mut rtl) = (0usize, 0usize);
    for c in texts.into_iter().flat_map(str::chars) {
        match bidi_class(c) {
            BidiClass::L => ltr += 1,
            BidiClass::R | BidiClass::AL => rtl += 1,
            _ => {}
        }
    }
    if rtl > ltr { Dir::Rtl } else { Dir::Ltr }
}

/// A 16-hex-digit id from the content alone, with runs of white space folded, so that the same
/// article keeps its id when it is moved, renamed or re-saved with other line endings.
pub fn stable_id(text: &str) -> String {
    // Hashed as a stream (the same hash as of the joined string): a copy of a 50 MB file
    // was a sixth of the peak memory of loading it.
    let mut hasher = Xxh3Default::new();
    for (index, word) in text.split_whitespace().enumerate() {
        if index > 0 {
            hasher.update(b" ");
        }
        hasher.update(word.as_bytes());
    }
    format!("{:016x}", hasher.digest())
}

/// Words as Unicode word segmentation counts them.
pub fn word_count<'a>(texts: impl IntoIterator<Item = &'a str>) -> usize {
    texts.into_iter().map(|t| t.unicode_words().count()).sum()
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
    fn direction_follows_the_dominant_strong_script() {
        assert_eq!(direction(["وفد حركة طالبان في موسكو (AFP)"]), Dir::Rtl);
        assert_eq!(direction(["Taliban in Moscow: طالبان"]), Dir::Ltr);
        assert_eq!(direction(["שלום", "עולם hi"]), Dir::Rtl);
        assert_eq!(direction(["123 !?"]), Dir::Ltr);
    }

    #[test]
    fn id_ignores_white_space_layout_but_not_content() {
        assert_eq!(stable_id("a  b\nc\n"), stable_id(" a b c"));
        assert_ne!(stable_id("a b c"), stable_id("a b d"));
        assert_eq!(stable_id("x").len(), 16);
        // The streamed hash is the one-shot hash of the words joined by single spaces.
        let text = "  Việt\tNam\n\nعربي  中文 ".repeat(300);
        let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let one_shot = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(joined.as_bytes()));
        assert_eq!(stable_id(&text), one_shot);
    }

    #[test]
    fn words_are_counted_per_script() {
        assert_eq!(word_count(["Việt Nam, 2021!"]), 3);
        assert_eq!(word_count(["وفد حركة طالبان", "two words"]), 5);
    }
}
