"""Wrapped text drawn line by line, for the panels that change on every key (answer, definition).

A ``Static`` inside a scrolling container has an automatic height, so each new text makes
Textual lay out the whole screen again, and the new height makes it do so a second time;
at 80x24 that was most of the 20-30 ms of CPU a key cost. This view wraps the text itself
and only repaints. It has no scrollbar (showing or hiding one is a new layout): a ``▲`` or
``▼`` in its right column says there is more text above or below.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

MORE_ABOVE, MORE_BELOW = "▲", "▼"


def fit_id(text: str, width: int) -> str:
    """``text`` (an id) within ``width``: whole dash-separated parts and ``-…`` for the rest,
    never a part cut in the middle (a title cut by Textual ended in ``week-…`` at best)."""
    if len(text) <= width or width <= 0:
        return text
    kept = ""
    for part in text.split("-"):
        longer = f"{kept}-{part}" if kept else part
        if len(longer) + 2 > width:
            break
        kept = longer
    return f"{kept}-…" if kept else text[: max(1, width - 1)] + "…"


def break_id(text: str, width: int) -> str:
    """``text`` (an id) with line breaks after its dashes where it does not fit ``width``:
    wrapping only breaks at spaces, so a long id was cut anywhere (``other-interpretati``,
    ``on)``). A part longer than the width is still cut, there is no better place."""
    if len(text) <= width or width <= 0:
        return text
    lines: list[str] = []
    line = ""
    for part in text.split("-"):
        piece = part if not line else "-" + part
        if line and len(line) + len(piece) + 1 > width:  # keep room for the trailing dash
            lines.append(line + "-")
            line = part
        else:
            line += piece
    lines.append(line)
    return "\n".join(lines)


class TextView(ScrollView, can_focus=False):
    """Shows one :class:`~textual.content.Content`, word-wrapped to the panel's width."""

    COMPONENT_CLASSES = {"text-view--more"}

    DEFAULT_CSS = """
    TextView {
        overflow-x: hidden;
        overflow-y: scroll;
        scrollbar-size-vertical: 0;
        & > .text-view--more { color: $text-accent; text-style: bold; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._content = Content("")
        self._strips: list[Strip] = []
        self._drawn_for: tuple[int, str, object] | None = None
        """(width, theme, style) the strips were drawn for; anything else redraws them."""

    @property
    def plain(self) -> str:
        """The text shown, without styles."""
        return self._content.plain

    @property
    def line_count(self) -> int:
        """Lines the text takes at the current width (more than the height: it scrolls)."""
        self._wrap()
        return len(self._strips)

    @property
    def more_below(self) -> bool:
        return round(self.scroll_y) + self.scrollable_content_region.height < self.line_count

    def update(self, content: Content) -> None:
        """Show new text from its first line (a repaint, never a new layout)."""
        self._content = content
        self._drawn_for = None
        self.scroll_to(y=0, animate=False, immediate=True)
        self._wrap()
        self.refresh()

    def content_for(self, width: int) -> Content:
        """The text to wrap at ``width`` (a subclass may lay ids out to fit the width)."""
        return self._content

    def _text_width(self) -> int:
        return self.scrollable_content_region.width - 1  # the last column holds ▲ / ▼

    def _wrap(self) -> None:
        width = self._text_width()
        key = (width, self.app.theme, self.visual_style)
        if key == self._drawn_for:
            return
        self._drawn_for = key
        if width <= 0:
            self._strips = []
        else:
            content = self.content_for(width)
            self._strips = Visual.to_strips(self, content, width, None, self.visual_style)
        size = Size(max(width, 0), len(self._strips))
        if size != self.virtual_size:
            # The scroll range only: no scrollbar is drawn, so nothing else changes size.
            self.set_reactive(Widget.virtual_size, size)

    def on_resize(self) -> None:
        self._drawn_for = None
        self._wrap()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        self._wrap()
        width = self._text_width()
        style = self.visual_style.rich_style
        if width <= 0:
            return Strip.blank(self.scrollable_content_region.width, style)
        top = round(self.scroll_y)
        index = top + y
        if 0 <= index < len(self._strips):
            line = self._strips[index].crop_extend(0, width, style)
        else:
            line = Strip.blank(width, style)
        mark = " "
        if y == 0 and top > 0:
            mark = MORE_ABOVE
        elif y == self.scrollable_content_region.height - 1 and index < len(self._strips) - 1:
            mark = MORE_BELOW
        mark_style = style + self.get_component_rich_style("text-view--more")
        return Strip.join([line, Strip([Segment(mark, mark_style)], 1)])
