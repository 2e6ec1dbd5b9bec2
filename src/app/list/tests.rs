use super::*;

fn list(len: usize) -> ListState {
    ListState {
        visible: (0..len).collect(),
        ..ListState::default()
    }
}

#[test]
fn the_selection_moves_within_the_view_and_the_view_scrolls_only_at_its_edges() {
    // 29 rows in a view of 6, as in a 100×8 terminal.
    let mut l = list(29);
    for row in 1..=10 {
        l.select(row, 6);
    }
    assert_eq!((l.selected, l.offset), (10, 5));
    // Going up moves the selection, not the rows, until the top of the view.
    l.select(9, 6);
    assert_eq!((l.selected, l.offset), (9, 5));
    for row in (5..9).rev() {
        l.select(row, 6);
    }
    assert_eq!((l.selected, l.offset), (5, 5));
    l.select(4, 6);
    assert_eq!((l.selected, l.offset), (4, 4));
    l.select(usize::MAX, 6);
    assert_eq!((l.selected, l.offset), (28, 23));
}

#[test]
fn a_shorter_list_pulls_the_view_back() {
    let mut l = list(29);
    l.select(28, 6);
    l.visible.truncate(3);
    l.select(2, 6);
    assert_eq!((l.selected, l.offset), (2, 0));
    let mut empty = list(0);
    empty.select(5, 6);
    assert_eq!((empty.selected, empty.offset), (0, 0));
}
