"""Find and filter: text in the answers, and variant / probe filters."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select

from tut.tui.i18n import Labels
from tut.tui.safe import plain
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


class FindScreen(ModalScreen[SegmentFilter | None]):
    """Returns the new filter (an empty one clears it) or ``None`` on Esc."""

    BINDINGS = [Binding("escape", "cancel", "key_close")]

    def __init__(
        self, current: SegmentFilter, variants: list[str], probes: list[str], labels: Labels
    ) -> None:
        super().__init__()
        self.current = current
        self.variants = variants
        self.probes = probes
        self.labels = labels

    def compose(self) -> ComposeResult:
        labels = self.labels
        with Vertical(id="find-box") as box:
            box.border_title = labels("find_title")
            yield Label(labels("find_text"))
            yield Input(value=self.current.text, id="find-text")
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
            yield StateCheckbox(
                labels("uncoded_only"), self.current.uncoded_only, id="find-uncoded", compact=True
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
        )

    @on(Input.Submitted)
    @on(Button.Pressed, "#find-apply")
    def _apply(self) -> None:
        self.dismiss(self._value())

    @on(Button.Pressed, "#find-clear")
    def _clear(self) -> None:
        self.dismiss(SegmentFilter())

    @on(Button.Pressed, "#find-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
