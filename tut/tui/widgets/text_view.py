"""Wrapped text drawn line by line, for the panels that change on every key (answer, definition).

A ``Static`` inside a scrolling container has an automatic height, so each new text makes
Textual lay out the whole screen again, and the new height makes it do so a second time;
at 80x24 that was most of the 20-30 ms of CPU a key cost. This view wraps the text itself
and only repaints: the screen is laid out again only when the scrollbar has to appear or go.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget


class TextView(ScrollView, can_focus=False):
    """Shows one :class:`~textual.content.Content`, word-wrapped to the panel's width."""

    DEFAULT_CSS = """
    TextView {
        overflow-x: hidden;
        overflow-y: scroll;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._content = Content("")
        self._strips: list[Strip] = []
        self._drawn_for: tuple[int, str, object] | None = None
        """(width, theme, style key) the strips were drawn for; anything else redraws."""

    @property
    def content(self) -> Content:
        return self._content

    @property
    def plain(self) -> str:
        """The text shown, without styles (what tests and screen readers want)."""
        return self._content.plain

    @property
    def line_count(self) -> int:
        """Lines the text takes at the current width (more than the height: it scrolls)."""
        self._wrap()
        return len(self._strips)

    def update(self, content: Content) -> None:
        """Show new text from its first line; repaint only, unless the scrollbar changes."""
        self._content = content
        self._drawn_for = None
        self.scroll_to(y=0, animate=False, immediate=True)
        self._wrap()
        self.refresh()

    def _wrap(self) -> None:
        width = self.scrollable_content_region.width
        key = (width, self.app.theme, self.visual_style)
        if key == self._drawn_for:
            return
        self._drawn_for = key
        if width <= 0:
            self._strips = []
        else:
            self._strips = Visual.to_strips(self, self._content, width, None, self.visual_style)
        self._set_height(len(self._strips), width)

    def _set_height(self, lines: int, width: int) -> None:
        size = Size(width, lines)
        if size == self.virtual_size:
            return
        overflow = self.styles.overflow_y
        shows = overflow == "scroll" or (overflow == "auto" and lines > self.container_size.height)
        if self.show_vertical_scrollbar == shows:
            # Same scrollbar as before: new scroll range without a new layout.
            self.set_reactive(Widget.virtual_size, size)
            if self.show_vertical_scrollbar:
                self.vertical_scrollbar.window_virtual_size = lines
                self.vertical_scrollbar.position = self.scroll_y
        else:
            self.virtual_size = size

    def on_resize(self) -> None:
        self._drawn_for = None
        self._wrap()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        self._wrap()
        width = self.scrollable_content_region.width
        index = round(self.scroll_y) + y
        style = self.visual_style.rich_style
        if 0 <= index < len(self._strips):
            return self._strips[index].crop_extend(0, width, style)
        return Strip.blank(width, style)
