"""The segment list: a Line API widget that draws only the rows on screen.

A study can hold 20,000 segments; one widget per row (or a DataTable rebuilt on every
filter) would make opening and filtering slow. This list keeps no per-row state: it asks
for the segment at a row index when that row is drawn, so opening, moving and filtering
cost the same for 20 or 20,000 segments.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.segment import Segment as RichSegment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tut.coding.model import Segment
from tut.safe_text import visible


def fit(text: str, width: int, *, middle: bool = False) -> str:
    """Cut ``text`` to ``width`` cells with an ellipsis (in the middle keeps a ``-en`` suffix)."""
    if width <= 0:
        return ""
    if len(text) <= width:
        return text.ljust(width)
    if width == 1:
        return "…"
    if middle and width >= 7:
        tail = min(3, width // 3)
        return text[: width - tail - 1] + "…" + text[-tail:]
    return text[: width - 1] + "…"


def shorten_id(text: str, width: int) -> str:
    """Shorten each dash-separated part, longest first, keeping every part and the last one
    (the language) whole as long as possible: ``atus-incare-en`` -> ``at-inc-en`` at 9."""
    if len(text) <= width:
        return text
    parts = text.split("-")
    sizes = [len(p) for p in parts]
    last = len(parts) - 1

    def order(i: int) -> tuple[int, int, int]:
        # longest first; on a tie the first part (the source), then the middle ones, the
        # language last
        return (sizes[i], 0 if i == last else (2 if i == 0 else 1), -i)

    while sum(sizes) + last > width:
        i = max((k for k in range(len(parts)) if sizes[k] > 1), key=order, default=None)
        if i is None:
            return fit(text, width, middle=True)
        sizes[i] -= 1
    return "-".join(p[:n] for p, n in zip(parts, sizes, strict=True))


def short_ids(ids: Iterable[str], width: int) -> dict[str, str]:
    """Each id within ``width`` cells, distinct from the others' whenever the part-wise cut
    manages it (else the middle is cut, keeping the ends)."""
    wanted = sorted(set(ids))
    out = {i: shorten_id(i, width) for i in wanted}
    seen: dict[str, int] = {}
    for short in out.values():
        seen[short] = seen.get(short, 0) + 1
    for i, short in out.items():
        if seen[short] > 1 or len(short) > width:
            out[i] = fit(i, width, middle=True).rstrip()
    return out


class SegmentList(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows of respondent, probe, variant and a done mark; the cursor row is highlighted.

    The list never scrolls away from its cursor on its own: it has none of ScrollView's
    keys (End scrolled the list and left the selection, and the next code, behind), the
    mouse wheel asks the screen to move the selection, and a scroll by the scrollbar asks
    for the nearest row in view (``Wheel``, ``Scrolled``). The screen owns the selection.
    """

    COMPONENT_CLASSES = {
        "segment-list--header",
        "segment-list--cursor",
        "segment-list--done",
        "segment-list--open",
    }

    DEFAULT_CSS = """
    SegmentList {
        overflow-x: hidden;
        & > .segment-list--header { text-style: bold; color: $text-muted; }
        & > .segment-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
        & > .segment-list--done { color: $success; }
        & > .segment-list--open { color: $text-muted; }
        &:blur > .segment-list--cursor { background: $block-cursor-blurred-background; color: $foreground; text-style: none; }
    }
    """

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    class Clicked(Message):
        """A row was clicked."""

        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    class Wheel(Message):
        """The mouse wheel turned over the list: move the selection by ``delta`` rows."""

        def __init__(self, delta: int) -> None:
            self.delta = delta
            super().__init__()

    class Scrolled(Message):
        """The list was scrolled (scrollbar) so that the cursor row is out of sight."""

    def __init__(
        self,
        headers: tuple[str, str, str] = ("Resp.", "Probe", "Variant"),
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.headers = headers
        self._count = 0
        self._row_at: Callable[[int], Segment] = lambda i: Segment("", "", "", "", "", "")
        self._done: Callable[[str], bool] = lambda sid: False
        self._resp_w = 5
        self._probe_w = 7
        self._variants: tuple[str, ...] = ()
        self._short: dict[str, str] = {}
        self._short_width = -1
        self.done_mark = "✓"
        self.open_mark = "·"

    def set_rows(
        self,
        count: int,
        row_at: Callable[[int], Segment],
        done: Callable[[str], bool],
        *,
        widths: tuple[int, int] | None = None,
        variants: Iterable[str] = (),
    ) -> None:
        """Show ``count`` rows; ``row_at(i)`` gives the segment of row ``i`` when drawn.

        ``variants`` are all the variant ids the rows may show, so narrow columns can cut
        them to forms that still tell them apart.
        """
        self._count = count
        self._row_at = row_at
        self._done = done
        if widths is not None:
            self._resp_w, self._probe_w = widths
        if variants:
            self._variants = tuple(variants)
            self._short_width = -1
        self.virtual_size = Size(0, count + 1)
        self.refresh()

    @property
    def row_count(self) -> int:
        return self._count

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_row(old)
        self.refresh_row(new)
        self.scroll_to_row(new)
        self.place_toasts()

    def place_toasts(self) -> None:
        """Toasts stand over this list (app.tcss): at its top while the cursor row is in
        its lower half, else at its bottom, so they never hide the selected row."""
        height = self.scrollable_content_region.height - 1  # rows below the header
        lower = height > 0 and self.cursor - round(self.scroll_y) >= height / 2
        if self.is_attached and self.screen.has_class("-toasts-top") != lower:
            self.screen.set_class(lower, "-toasts-top")

    def refresh_row(self, index: int) -> None:
        self.refresh_line(index + 1)

    def visible_rows(self) -> range:
        """Row indexes in sight below the header line."""
        top = round(self.scroll_y)
        height = self.scrollable_content_region.height - 1
        return range(top, max(top, min(self._count, top + height)))

    def nearest_visible(self, index: int) -> int:
        """``index`` if it is in sight, else the row in sight closest to it."""
        rows = self.visible_rows()
        if not rows or index in rows:
            return index
        return rows.start if index < rows.start else rows.stop - 1

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._count and self.nearest_visible(self.cursor) != self.cursor:
            self.post_message(self.Scrolled())

    def _on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        event.prevent_default()
        self.post_message(self.Wheel(1))

    def _on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        event.prevent_default()
        self.post_message(self.Wheel(-1))

    def scroll_to_row(self, index: int) -> None:
        """Keep the cursor row visible (the header line is always there)."""
        height = self.scrollable_content_region.height - 1
        if height <= 0:
            return
        top = round(self.scroll_y)
        if index < top:
            self.scroll_to(y=index, animate=False, immediate=True, force=True)
        elif index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False, immediate=True, force=True)

    def on_resize(self) -> None:
        self.scroll_to_row(self.cursor)

    def _columns(self, width: int) -> tuple[int, int, int]:
        resp = min(self._resp_w, max(4, width // 4))
        probe = min(self._probe_w, max(5, width // 3))
        variant = max(0, width - 2 - resp - 1 - probe - 1)
        return resp, probe, variant

    def short_variant(self, variant_id: str, width: int) -> str:
        if width != self._short_width:
            self._short = short_ids(self._variants, width)
            self._short_width = width
        return self._short.get(variant_id) or shorten_id(variant_id, width)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        resp_w, probe_w, var_w = self._columns(width)
        if y == 0:
            h_resp, h_probe, h_var = self.headers
            text = "  " + fit(h_resp, resp_w) + " " + fit(h_probe, probe_w) + " " + fit(h_var, var_w)
            style = self.get_component_rich_style("segment-list--header")
            return Strip([RichSegment(fit(text, width), style)], width)
        index = round(self.scroll_y) + y - 1
        base = self.rich_style
        if index >= self._count:
            return Strip.blank(width, base)
        seg = self._row_at(index)
        done = self._done(seg.id)
        mark = self.done_mark if done else self.open_mark
        body = (  # ids come from files: shown with their control characters made visible
            fit(visible(seg.respondent_id), resp_w)
            + " "
            + fit(visible(seg.probe_id), probe_w)
            + " "
            + fit(visible(self.short_variant(seg.variant_id, var_w)), var_w)
        )
        if index == self.cursor:
            style = self.get_component_rich_style("segment-list--cursor")
            # a pointer as well as the colour, for monochrome terminals and text captures
            return Strip([RichSegment(fit(mark + "▸" + body, width), style)], width)
        mark_style: Style = self.get_component_rich_style(
            "segment-list--done" if done else "segment-list--open"
        )
        return Strip(
            [RichSegment(mark + " ", base + mark_style), RichSegment(fit(body, width - 2), base)],
            width,
        )

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        index = round(self.scroll_y) + offset.y - 1
        if 0 <= index < self._count:
            self.post_message(self.Clicked(index))
