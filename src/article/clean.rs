//! Separates an article from the page furniture that scraping left around it.

use super::blocks::{atx, is_fenced};
use super::furniture::{Furniture, Kind};

mod byline;
mod caption;
mod lines;
mod meta;
mod tail;

use lines::{has_letter, is_image, is_link_like, paragraphs, word_count};
use meta::{agency_prefix, is_dateline, is_slug_of};

/// What cleaning finds in a body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// The first line that is not furniture.
    pub title: Option<String>,
    /// The outlet, when a line names it.
    pub source: Option<String>,
    /// A short line that only gives the date and time ("Thứ năm, 21/10/2021 11:05 AM").
    pub dateline: Option<String>,
    /// The author line ("By Jane Doe, Reuters", or a name alone next to the date or agency).
    pub byline: Option<String>,
    /// The agency the byline names, if any ("Reuters"): a source for who wants one.
    pub byline_agency: Option<String>,
    /// The body paragraphs, furniture removed.
    pub paragraphs: Vec<String>,
}

impl Cleaned {
    /// Takes `line` as the byline, with the agency it names.
    fn set_byline(&mut self, line: &str, furniture: &Furniture) {
        if self.byline.is_none() {
            self.byline_agency = byline::agency(line, furniture);
            self.byline = Some(line.to_owned());
        }
    }

    /// Moves the last paragraph to the byline when it is a name alone and was the line just
    /// before the date or agency now read.
    fn take_name_before(&mut self, previous_pushed: bool, furniture: &Furniture) {
        let is_name = self.paragraphs.last().is_some_and(|p| byline::is_name(p));
        if previous_pushed
            && is_name
            && self.byline.is_none()
            && let Some(name) = self.paragraphs.pop()
        {
            self.set_byline(&name, furniture);
        }
    }
}

/// How many paragraphs down datelines, bylines and agency lines are looked for.
const HEAD_PARAGRAPHS: usize = 3;

/// Cleans `body` (front matter already removed). With a `given_title` (from front matter) the
/// first line is body text, unless it repeats that title.
pub fn clean(body: &str, furniture: &Furniture, given_title: Option<&str>) -> Cleaned {
    let mut out = Cleaned::default();
    let mut repeated_title = given_title.map(|t| t.trim().to_lowercase());
    out.title = given_title.map(str::to_owned);
    let mut in_related = false;
    // What the previous line was: an image (the next line is its caption), the date, an
    // agency or a byline (a name alone next to them is the author), or a body paragraph.
    let (mut after_image, mut after_meta, mut pushed) = (false, false, false);
    for paragraph in paragraphs(body) {
        let line = paragraph.trim();
        // A fenced block is the article's, as written: none of the furniture rules apply,
        // and it is never the title.
        if is_fenced(line) {
            out.paragraphs.push(line.to_owned());
            (after_image, after_meta, pushed) = (false, false, false);
            continue;
        }
        if is_image(line) {
            after_image = true;
            continue;
        }
        let line = line.strip_suffix('|').map_or(line, str::trim_end);
        // A heading is judged by its words and kept with its marks (`## `), which
        // `article::parse` turns into a heading paragraph.
        let marked = line;
        let line = atx(line).unwrap_or(line);
        let was_after_image = std::mem::take(&mut after_image);
        let was_after_meta = std::mem::take(&mut after_meta);
        let previous_pushed = std::mem::take(&mut pushed);
        if out.title.is_some() && caption::is_caption(line, furniture, was_after_image) {
            continue;
        }
        if let Some(author) = furniture.byline(line)
            && byline::is_author(author)
            && out.paragraphs.len() < HEAD_PARAGRAPHS
        {
            out.set_byline(line, furniture);
            after_meta = true;
            continue;
        }
        let kind = furniture.classify(line);
        if let Some(title) = repeated_title.take()
            && line.trim_start_matches('#').trim().to_lowercase() == title
        {
            continue;
        }
        if out.title.is_none() {
            if kind != Some(Kind::Noise) && has_letter(line) && !is_dateline(line) {
                out.title = Some(line.trim_start_matches('#').trim().to_owned());
            } else if is_dateline(line) {
                out.dateline.get_or_insert_with(|| line.to_owned());
                after_meta = true;
            }
            continue;
        }
        if in_related && is_link_like(line) && kind.is_none() {
            continue;
        }
        in_related = false;
        let near_top = out.paragraphs.len() < HEAD_PARAGRAPHS;
        match kind {
            Some(Kind::Noise) => {}
            Some(Kind::Related) => in_related = true,
            Some(Kind::End) => break,
            Some(Kind::Attribution(name)) if is_link_like(line) && word_count(line) <= 8 => {
                out.source.get_or_insert_with(|| name.to_owned());
                // A closing attribution ends the article; near the top it is a byline.
                if !near_top {
                    break;
                }
                out.take_name_before(previous_pushed, furniture);
                after_meta = true;
            }
            Some(Kind::Outlet) => {
                out.source.get_or_insert_with(|| line.to_owned());
                if near_top && (was_after_meta || previous_pushed && out.byline.is_none()) {
                    // "Sarah Kim" then "Associated Press": the author and her agency.
                    out.take_name_before(previous_pushed, furniture);
                    if out.byline_agency.is_none() && out.byline.is_some() {
                        out.byline_agency = Some(line.to_owned());
                    }
                    after_meta = true;
                } else {
                    out.paragraphs.push(marked.to_owned());
                    pushed = true;
                }
            }
            _ if out.dateline.is_none() && near_top && is_dateline(line) => {
                out.dateline = Some(line.to_owned());
                out.take_name_before(previous_pushed, furniture);
                after_meta = true;
            }
            _ if out.title.as_deref().is_some_and(|t| is_slug_of(line, t)) => {}
            _ if was_after_meta && near_top && out.byline.is_none() && byline::is_name(line) => {
                out.set_byline(line, furniture);
                after_meta = true;
            }
            _ => {
                if out.source.is_none() {
                    out.source = agency_prefix(line);
                }
                out.paragraphs.push(marked.to_owned());
                pushed = true;
            }
        }
    }
    caption::drop_repeats(&mut out.paragraphs);
    tail::drop_trailing_link_list(&mut out.paragraphs);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(body: &str) -> Cleaned {
        clean(body, Furniture::bundled(), None)
    }

    #[test]
    fn title_skips_page_furniture() {
        let c = cleaned(
            "Sorry, you need to enable JavaScript to visit this website.\n\nالعنوان هنا\n\nنص.",
        );
        assert_eq!(c.title.as_deref(), Some("العنوان هنا"));
        assert_eq!(c.paragraphs, ["نص."]);
    }

    #[test]
    fn related_block_goes_with_its_links_but_not_the_next_paragraph() {
        let c = cleaned("T\nOne.\nRead more\nLink one\nLink two\nA real paragraph that follows.\n");
        assert_eq!(c.paragraphs, ["One.", "A real paragraph that follows."]);
    }

    #[test]
    fn end_marker_cuts_the_rest_and_attribution_names_the_source() {
        let c = cleaned("T\nA.\nB.\nC.\nTheo_VOV\nAnother story.\n");
        assert_eq!(c.source.as_deref(), Some("VOV"));
        assert_eq!(c.paragraphs, ["A.", "B.", "C."]);
        let c = cleaned("T\nA.\nTin khác\nTeaser.\n");
        assert_eq!(c.paragraphs, ["A."]);
    }

    #[test]
    fn sentences_starting_like_an_attribution_stay() {
        let c = cleaned("T\nTheo ông Kabulov, nhóm này đã đồng ý.\n");
        assert_eq!(c.paragraphs, ["Theo ông Kabulov, nhóm này đã đồng ý."]);
        assert_eq!(c.source, None);
    }

    #[test]
    fn images_slugs_and_table_pipes() {
        let c =
            cleaned("Cam kết hợp tác\n![](x.jpg) |\ncam ket hop tac hinh 1\nẢnh: AFP |\nBody.\n");
        assert_eq!(c.paragraphs, ["Body."]);
        let c = cleaned("Cam kết hợp tác\nBody.\ncam ket hop tac hinh 1\nMore.\n");
        assert_eq!(c.paragraphs, ["Body.", "More."]);
    }

    #[test]
    fn trailing_link_list_is_dropped() {
        let c = cleaned(
            "T\nBody one.\nBody two.\nTram line to the airport delayed\nNew parking fees anger residents\n",
        );
        assert_eq!(c.paragraphs, ["Body one.", "Body two."]);
    }

    #[test]
    fn a_list_that_ends_the_article_stays() {
        // The old rule cut the ranking: short lines without a full stop, closing the text.
        let body = "T\nBody.\nThe ranking:\n1. Kraków\n2. Porto\n3. Brno\n";
        assert_eq!(
            cleaned(body).paragraphs,
            ["Body.", "The ranking:", "1. Kraków", "2. Porto", "3. Brno"]
        );
        let body = "T\nHe read two lines.\n« Août mûrit, septembre vendange,\nEt le vin dort jusqu'à la Saint-Jean »\n";
        assert_eq!(cleaned(body).paragraphs.len(), 3);
    }

    #[test]
    fn captions_go() {
        let c = cleaned(
            "T\nBody one.\n![](a.jpg)\nTraffic on the old bridge\nSoldiers at dawn (Reuters)\nBody two.\nẢnh minh họa: TTXVN\n",
        );
        assert_eq!(c.paragraphs, ["Body one.", "Body two."]);
        // A credit line after an image is a caption, not the closing attribution.
        let c = cleaned("T\nA.\nB.\nC.\n![](a.jpg)\nNguồn: AP\nD.\n");
        assert_eq!(c.paragraphs, ["A.", "B.", "C.", "D."]);
    }

    #[test]
    fn bylines_are_metadata() {
        let c = cleaned("T\nBy Laura Bennett, Reuters\nBody.\n");
        assert_eq!(c.byline.as_deref(), Some("By Laura Bennett, Reuters"));
        assert_eq!(c.byline_agency.as_deref(), Some("Reuters"));
        assert_eq!(c.paragraphs, ["Body."]);
        let c = cleaned("T\nNguyễn Thảo\nThứ tư, 16/10/2024 14:05\nBody.\n");
        assert_eq!(c.byline.as_deref(), Some("Nguyễn Thảo"));
        assert_eq!(c.paragraphs, ["Body."]);
        let c = cleaned("T\nSarah Kim\nAssociated Press\nBody.\n");
        assert_eq!(c.byline.as_deref(), Some("Sarah Kim"));
        assert_eq!(c.byline_agency.as_deref(), Some("Associated Press"));
        assert_eq!(c.paragraphs, ["Body."]);
        // A sentence that starts with "By" is not a byline, nor a name-like line far from a date.
        let c = cleaned("T\nBy the end of the year, prices rose.\nSarah Kim\nBody.\n");
        assert_eq!(c.byline, None);
        assert_eq!(c.paragraphs.len(), 3);
    }

    #[test]
    fn hard_wrapped_blocks_are_joined() {
        let a = "This paragraph was filled to about seventy columns by an editor that";
        let b = "wraps text, so its lines all end near the same column, and it goes";
        let body = format!("T\n\n{a}\n{b}\non.\n\nNext one.");
        assert_eq!(
            cleaned(&body).paragraphs,
            [format!("{a} {b} on."), "Next one.".to_owned()]
        );
    }

    #[test]
    fn dateline_and_agency() {
        let c =
            cleaned("T\n\nThứ năm, 21/10/2021 11:05 AM - 0 Trả lời\n\n(CLO) Taliban đã đồng ý.");
        assert_eq!(
            c.dateline.as_deref(),
            Some("Thứ năm, 21/10/2021 11:05 AM - 0 Trả lời")
        );
        assert_eq!(c.source.as_deref(), Some("CLO"));
        assert_eq!(c.paragraphs, ["(CLO) Taliban đã đồng ý."]);
    }
}
