"""The fuzzy code picker (``/``): type a few letters of a code, Enter toggles it.

Frames grow to dozens of codes; nobody remembers every hotkey. Matching uses Textual's
fuzzy matcher on the label, the id, the family and the definition's first words.
"""

from __future__ import annotations

from collections.abc import Collection

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.fuzzy import Matcher
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tut.protocols.model import Code, CodingFrame
from tut.safe_text import visible
from tut.tui.i18n import Labels
from tut.tui.safe import highlighted
from tut.tui.screens.keys import TypeAheadDialog


class CodePicker(TypeAheadDialog[str | None]):
    """Returns the chosen code id (or ``None`` on Esc)."""

    BOX = "#picker-input"

    BINDINGS = [
        Binding("escape", "cancel", "key_close"),
        Binding("down", "cursor(1)", show=False, priority=True),
        Binding("up", "cursor(-1)", show=False, priority=True),
    ]

    def __init__(self, frame: CodingFrame, checked: Collection[str], labels: Labels) -> None:
        super().__init__()
        self.frame = frame
        self.checked = frozenset(checked)
        self.labels = labels
        self._filled_for: str | None = None
        """The text the option list was last filled for."""

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box") as box:
            box.border_title = self.labels("picker_title")
            yield Input(
                placeholder=self.labels("picker_placeholder"), id="picker-input", compact=True
            )
            yield OptionList(id="picker-options", markup=False)
            yield Static(id="picker-definition", markup=False)

    def on_mount(self) -> None:
        self.type_kept_keys()
        if self.is_current:  # not closed by an Enter typed ahead
            self._fill(self.query_one("#picker-input", Input).value.strip())

    def _haystack(self, code: Code) -> str:
        label = self.labels.code_label(code.label, code.label_es)
        return visible(f"{label} {code.id} {code.family}")

    def _fill(self, query: str) -> None:
        self._filled_for = query
        options = self.query_one("#picker-options", OptionList)
        codes = list(self.frame.codes)
        if query:
            matcher = Matcher(query)
            scored = [(matcher.match(self._haystack(c)), i, c) for i, c in enumerate(codes)]
            codes = [c for s, _, c in sorted(scored, key=lambda t: (-t[0], t[1])) if s > 0]
        else:
            matcher = None
        items = []
        for code in codes:
            label = visible(self.labels.code_label(code.label, code.label_es))
            mark = "✓" if code.id in self.checked else "·"
            shown = highlighted(matcher, label) if matcher else Content(label)
            items.append(
                Option(
                    Content.assemble(
                        (visible((code.hotkey or " ")[:1]), "bold $text-accent"),
                        f" {mark} ",
                        shown,
                    ),
                    id=code.id,
                )
            )
        options.set_options(items)
        if items:
            options.highlighted = 0
        self._show_definition()

    def _show_definition(self) -> None:
        options = self.query_one("#picker-options", OptionList)
        note = self.query_one("#picker-definition", Static)
        opt = options.highlighted_option
        if opt is None or opt.id is None:
            note.update(self.labels("picker_none"))
            return
        code = self.frame.code(opt.id)
        note.update(
            Content.assemble(
                (visible(code.id), "bold"),
                " — ",
                visible(code.definition_in(self.labels.lang), multiline=True),
            )
        )

    @on(Input.Changed, "#picker-input")
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value.strip())

    @on(OptionList.OptionHighlighted, "#picker-options")
    def _highlighted(self) -> None:
        self._show_definition()

    def enter_typed_ahead(self) -> bool:
        """Enter typed right after ``/`` and a code's letters, before the box had the focus."""
        if self.focused not in (None, self.query_one(self.BOX, Input)):
            return False
        self._submitted()
        return True

    @on(Input.Submitted, "#picker-input")
    def _submitted(self) -> None:
        query = self.query_one("#picker-input", Input).value.strip()
        if query != self._filled_for:  # Enter typed right after the letters: list them first
            self._fill(query)
        opt = self.query_one("#picker-options", OptionList).highlighted_option
        if opt is not None and opt.id is not None:
            self._close(opt.id)

    @on(OptionList.OptionSelected, "#picker-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._close(event.option.id)

    def action_cursor(self, step: int) -> None:
        options = self.query_one("#picker-options", OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    def action_cancel(self) -> None:
        self._close(None)
