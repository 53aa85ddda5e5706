"""Find and filter: text in the answers, and variant / probe filters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.widgets import Button, Checkbox, Input, Label, Select, Static
from textual.widgets._select import SelectOverlay

from tut.tui.i18n import Labels
from tut.tui.safe import plain
from tut.tui.screens.keys import TypeAheadDialog
from tut.tui.session import SegmentFilter


class StateCheckbox(Checkbox):
    """A checkbox whose box is empty when off: Textual's shows an X either way and tells
    the states apart by colour only, unreadable on a monochrome terminal or a screen reader."""

    def __init__(self, label: str, value: bool = False, **kwargs: Any) -> None:
        super().__init__(label, value, **kwargs)
        self.BUTTON_INNER = "X" if value else " "

    def watch_value(self) -> None:
        self.BUTTON_INNER = "X" if self.value else " "
        super().watch_value()


class FindScreen(TypeAheadDialog[SegmentFilter | None]):
    """Returns the new filter (an empty one clears it) or ``None`` on Esc.

    Enter applies the filter from any field (a button does what it says); the number of
    segments that match is shown as the coder types.
    """

    BOX = "#find-text"
    BINDINGS = [
        Binding("escape", "cancel", "key_close"),
        Binding("enter", "apply", "find_apply", show=False, priority=True),
    ]

    def __init__(
        self,
        current: SegmentFilter,
        variants: list[str],
        probes: list[str],
        labels: Labels,
        count: Callable[[SegmentFilter], int] | None = None,
        total: int = 0,
    ) -> None:
        super().__init__()
        self.current = current
        self.variants = variants
        self.probes = probes
        self.labels = labels
        self.count = count
        self.total = total

    def compose(self) -> ComposeResult:
        labels = self.labels
        with Vertical(id="find-box") as box:
            box.border_title = labels("find_title")
            yield Label(labels("find_text"))
            yield Input(value=self.current.text, id="find-text")
            yield Static(id="find-count", markup=False)
            with Horizontal(id="find-selects"):
                with Vertical():
                    yield Label(labels("find_variant"))
                    yield Select(
                        [(plain(v), v) for v in self.variants],
                        value=self.current.variant_id or Select.NULL,
                        prompt=labels("find_any"),
                        id="find-variant",
                        compact=True,
                    )
                with Vertical():
                    yield Label(labels("find_probe"))
                    yield Select(
                        [(plain(p), p) for p in self.probes],
                        value=self.current.probe_id or Select.NULL,
                        prompt=labels("find_any"),
                        id="find-probe",
                        compact=True,
                    )
            with Horizontal(id="find-boxes"):
                yield StateCheckbox(
                    labels("uncoded_only"), self.current.uncoded_only, id="find-uncoded",
                    compact=True,
                )
                yield StateCheckbox(
                    labels("find_ids"), self.current.ids, id="find-ids", compact=True
                )
            with Horizontal(id="find-buttons"):
                yield Button(labels("find_apply"), variant="primary", id="find-apply", compact=True)
                yield Button(labels("find_clear"), id="find-clear", compact=True)
                yield Button(labels("find_cancel"), id="find-cancel", compact=True)

    def _value(self) -> SegmentFilter:
        variant = self.query_one("#find-variant", Select).value
        probe = self.query_one("#find-probe", Select).value
        return SegmentFilter(
            text=self.query_one("#find-text", Input).value.strip(),
            variant_id=variant if isinstance(variant, str) else "",
            probe_id=probe if isinstance(probe, str) else "",
            uncoded_only=self.query_one("#find-uncoded", Checkbox).value,
            ids=self.query_one("#find-ids", Checkbox).value,
        )

    def on_mount(self) -> None:
        self.type_kept_keys()
        self._show_count()

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _show_count(self) -> None:
        if self.count is None or not self.is_current:  # closed by an Enter typed ahead
            return
        try:
            flt = self._value()
        except NoMatches:  # never built: pushed as the app closed (TutApp.on_event)
            return
        matches = self.count(flt)
        self.query_one("#find-count", Static).update(
            self.labels("find_count", count=matches, total=self.total)
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter in an open drop-down list picks the option, not the filter; an Enter typed
        before any field had the focus waits for the letters typed before it (``typed_ahead``)."""
        if action == "apply" and (self.focused is None or isinstance(self.focused, SelectOverlay)):
            return False
        return True

    def enter_typed_ahead(self) -> bool:
        """Enter typed right after ``f`` (and the text), before the dialog had the focus (it
        reaches the app after the dialog opened, past its priority Enter: applied here)."""
        if isinstance(self.focused, SelectOverlay):
            return False
        self.action_apply()
        return True

    def action_apply(self) -> None:
        if isinstance(self.focused, Button):
            self.focused.press()
            return
        self._apply()

    @on(Button.Pressed, "#find-apply")
    def _apply(self) -> None:
        self._close(self._value())

    @on(Button.Pressed, "#find-clear")
    def _clear(self) -> None:
        self._close(SegmentFilter())

    @on(Button.Pressed, "#find-cancel")
    def action_cancel(self) -> None:
        self._close(None)
