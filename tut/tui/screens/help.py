"""The help screen: every key of the current screen, in the coder's language."""

from __future__ import annotations

from typing import Literal

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tut.tui.i18n import Labels

HelpMode = Literal["coding", "adjudication"]

KEYS: dict[HelpMode, list[tuple[str, str]]] = {
    "coding": [
        ("j k ↓ ↑", "help_move"),
        ("PgDn PgUp Home End", "help_pages"),
        ("shift+↓ ↑", "help_scroll_answer"),
        ("n  p", "help_next_uncoded"),
        ("1-9 0 a-z", "help_hotkey"),
        ("A-Z", "help_shift_hotkey"),
        ("Enter", "help_enter"),
        ("Space", "help_space"),
        ("/", "help_picker"),
        ("m", "help_memo"),
        ("u  r ctrl+r", "help_undo"),
        ("f ctrl+f  Esc", "help_find"),
        ("ctrl+a", "help_auto"),
        ("Tab", "help_tab"),
        ("ctrl+t", "help_theme"),
        ("ctrl+p", "help_palette"),
        ("?", "help_help"),
        ("q", "help_quit"),
    ],
    "adjudication": [
        ("j k ↓ ↑", "help_move"),
        ("PgDn PgUp Home End", "help_pages"),
        ("n", "help_next_open"),
        ("shift+↓ ↑", "help_scroll_answer"),
        ("1-9 0 a-z", "help_hotkey"),
        ("p", "help_pick_coder"),
        ("m", "help_rationale"),
        ("Enter", "help_record"),
        ("R", "help_revise"),
        ("u  r", "help_undo_draft"),
        ("f ctrl+f  Esc", "help_find"),
        ("Space", "help_space"),
        ("/", "help_picker"),
        ("ctrl+g", "help_summary"),
        ("Tab", "help_coders_panel"),
        ("ctrl+t", "help_theme"),
        ("ctrl+p", "help_palette"),
        ("?", "help_help"),
        ("q", "help_quit"),
    ],
}


class HelpScreen(ModalScreen[None]):
    """Keys and what they do; Esc, q or ? closes."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "key_close"),
    ]

    def __init__(self, mode: HelpMode, labels: Labels) -> None:
        super().__init__()
        self.mode = mode
        self.labels = labels

    def compose(self) -> ComposeResult:
        labels = self.labels
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column(ratio=1)
        for keys, desc in KEYS[self.mode]:
            table.add_row(keys.replace("Space", labels("key_space")), labels(desc))
        intro = labels("help_coding_intro" if self.mode == "coding" else "help_adjudication_intro")
        with Vertical(id="help-box") as box:
            box.border_title = labels("help_title")
            box.border_subtitle = labels("help_close")
            with VerticalScroll():
                yield Static(intro, id="help-intro", markup=False)
                yield Static(table, id="help-keys")
                yield Static(labels("help_mouse"), id="help-mouse", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
