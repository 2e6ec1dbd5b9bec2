//! The reader: a header, then the visible rows of the article's cached layout.

use ratatui::buffer::Buffer;

use super::{put_line, put_text, style};
use crate::app::geometry::ReaderAreas;
use crate::app::{App, Reader};
use crate::article::Block;
use crate::text::lay_out_line;
use crate::theme::Part;
use ratatui::style::{Modifier, Style};
use std::ops::Range;

/// Draws the header and the text rows of `reader` in its areas.
pub fn draw(app: &App, reader: &Reader, areas: ReaderAreas, buf: &mut Buffer) {
    let meta = &reader.article.meta;
    let accent = style(app, Part::Accent);
    let rows = usize::from(areas.headline.height);
    // On a screen too short for the whole headline, its last row shown ends with an ellipsis.
    let cut;
    let lines = if rows < reader.headline.len() {
        let width = usize::from(areas.headline.width);
        let options = app.layout_options(meta.dir);
        cut = crate::app::headline(&meta.title, width, options, rows);
        &cut
    } else {
        &reader.headline
    };
    for (row, line) in (0..areas.headline.height).zip(lines) {
        put_line(buf, areas.headline, areas.headline.y + row, line, |_| {
            accent
        });
    }
    let mut details: Vec<String> = Vec::new();
    details.extend(meta.source.clone());
    details.extend(meta.shown_date());
    details.push(meta.lang.clone());
    details.push(crate::text::counted(meta.words, "word"));
    details.extend(meta.url.as_deref().and_then(host).map(str::to_owned));
    if reader.raw {
        details.push("raw text".to_owned());
    }
    if app.store.is_bookmarked(&meta.id) {
        details.push("bookmarked".to_owned());
    }
    let width = usize::from(areas.details.width);
    // The details are lectern's own words and numbers: laid out left to right, so a date
    // reads 2024-03-06 even under an Arabic title.
    let details = lay_out_line(
        &details.join(" · "),
        width,
        &app.layout_options(crate::article::Dir::Ltr),
    );
    let dim = style(app, Part::Dim);
    put_line(buf, areas.details, areas.details.y, &details, |_| dim);
    let rule = "─".repeat(usize::from(areas.rule.width));
    put_text(buf, areas.rule, areas.rule.x, areas.rule.y, &rule, dim);

    let text = areas.text;
    let lines = reader.layout.lines.iter().skip(reader.scroll);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let found = style(app, Part::Highlight);
    let current = found.add_modifier(Modifier::REVERSED);
    for (row, line) in (0..text.height).zip(lines) {
        let heading = !reader.raw && reader.article.block(line.paragraph) == Block::Heading;
        let shown = if heading { bold } else { Style::default() };
        // Hits are byte ranges of the paragraph: each glyph knows its own, so a hit lights
        // up the same letters whatever order the line shows them in.
        let hits: Vec<(&Range<usize>, bool)> = (reader.find.iter())
            .flat_map(|find| find.hits_in(line.paragraph))
            .collect();
        put_line(buf, text, text.y + row, line, |glyph| {
            let hit = hits.iter().find(|(range, _)| {
                glyph.source.start < range.end && range.start < glyph.source.end
            });
            match hit {
                Some((_, true)) => shown.patch(current),
                Some((_, false)) => shown.patch(found),
                None => shown,
            }
        });
    }
}

/// The host of an `http(s)` address: `www.example.org` of `https://www.example.org/a/b`.
fn host(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..end];
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::host;

    #[test]
    fn the_host_is_the_part_between_the_scheme_and_the_path() {
        assert_eq!(host("https://www.example.org/a/b"), Some("www.example.org"));
        assert_eq!(
            host("http://news.example:8080?x=1"),
            Some("news.example:8080")
        );
        assert_eq!(host("https://user@example.org#top"), Some("example.org"));
        assert_eq!(host("ftp://example.org/"), None);
        assert_eq!(host("https:///path"), None);
    }
}
