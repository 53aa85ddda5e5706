"""The coding frame: codes with their hotkeys and check marks, and the highlighted definition."""

from __future__ import annotations

from collections.abc import Collection

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tut.protocols.model import Code, CodingFrame
from tut.safe_text import visible
from tut.tui.i18n import Labels
from tut.tui.safe import plain
from tut.tui.widgets.text_view import TextView, break_id


def _families(frame: CodingFrame):  # type: ignore[no-untyped-def]
    """(depth, family) pairs, depth first; works with frames that lack ``walk``."""
    walk = getattr(frame, "walk", None)
    if callable(walk):
        yield from walk()
        return

    def rec(fam, depth):  # type: ignore[no-untyped-def]
        yield depth, fam
        for sub in fam.families:
            yield from rec(sub, depth + 1)

    for fam in frame.families:
        yield from rec(fam, 0)


class CodeBook(OptionList):
    """One option per code (family headings as disabled rows); click or Enter toggles."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.frame: CodingFrame | None = None
        self.labels = Labels()
        self._index: dict[str, int] = {}
        self._checked: frozenset[str] = frozenset()

    def set_frame(self, frame: CodingFrame, labels: Labels) -> None:
        self.frame = frame
        self.labels = labels
        options: list[Option] = []
        self._index.clear()
        show_headings = len(frame.families) > 1 or any(f.families for f in frame.families)
        for depth, fam in _families(frame):
            if show_headings:
                label = visible(labels.code_label(fam.label, getattr(fam, "label_es", "")))
                heading = Content.from_markup(
                    "[b $text-muted]$indent$label[/]", indent="  " * depth, label=label
                )
                options.append(Option(heading, id=f"family:{fam.id}", disabled=True))
            for code in fam.codes:
                self._index[code.id] = len(options)
                options.append(Option(self._prompt(code, False, depth), id=code.id))
        self.set_options(options)
        self._checked = frozenset()
        first = next(iter(self._index.values()), None)
        if first is not None:
            self.highlighted = first

    def _prompt(self, code: Code, checked: bool, depth: int = 0) -> Content:
        label = visible(self.labels.code_label(code.label, code.label_es))
        return Content.assemble(
            "  " * depth,
            (visible((code.hotkey or " ")[:1]), "bold $text-accent"),
            " ",
            ("✓ ", "bold $text-success") if checked else ("· ", "$text-muted"),
            (label, "bold $text-success") if checked else label,
        )

    def show_codes(self, codes: Collection[str]) -> None:
        """Put check marks on ``codes`` (only the rows that change are redrawn)."""
        if self.frame is None:
            return
        new = frozenset(codes)
        depth_of = {c.id: d for d, fam in _families(self.frame) for c in fam.codes}
        for code_id in new ^ self._checked:
            idx = self._index.get(code_id)
            if idx is None:
                continue
            code = self.frame.code(code_id)
            self.replace_option_prompt_at_index(
                idx, self._prompt(code, code_id in new, depth_of.get(code_id, 0))
            )
        self._checked = new

    def highlight_code(self, code_id: str) -> None:
        idx = self._index.get(code_id)
        if idx is not None:
            self.highlighted = idx

    @property
    def highlighted_code(self) -> Code | None:
        option = self.highlighted_option
        if option is None or self.frame is None or option.id is None or option.disabled:
            return None
        try:
            return self.frame.code(option.id)
        except KeyError:
            return None


class CodeDefinition(TextView):
    """Definition, include and exclude rules and examples of the highlighted code."""

    _code: Code | None = None
    _labels: Labels | None = None

    def show(self, code: Code | None, labels: Labels) -> None:
        self._code, self._labels = code, labels
        if code is None:
            self.update(
                Content.from_markup("[i $text-muted]$m[/]", m=labels("no_code_highlighted"))
            )
            return
        self.update(self._text(code, labels, 0))

    def content_for(self, width: int) -> Content:
        """The code's id is broken at its dashes when the panel is narrower than it."""
        if self._code is None or self._labels is None:
            return super().content_for(width)
        return self._text(self._code, self._labels, width)

    @staticmethod
    def _text(code: Code, labels: Labels, width: int) -> Content:
        cid = f"({visible(code.id)})"
        parts = [
            Content.from_markup(
                "[b]$label[/] [$text-muted]$cid[/]",
                label=visible(labels.code_label(code.label, code.label_es)),
                cid=break_id(cid, width) if width else cid,
            ),
            plain(code.definition_in(labels.lang), multiline=True),
        ]
        for key, items in (
            ("include", code.include_in(labels.lang)),
            ("exclude", code.exclude_in(labels.lang)),
            ("examples", code.examples),
        ):
            if items:
                parts.append(Content.from_markup("[b $text-accent]$h[/]", h=labels(key)))
                parts.extend(plain(f"• {item}", multiline=True) for item in items)
        return Content("\n").join(parts)
