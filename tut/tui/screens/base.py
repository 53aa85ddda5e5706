"""What the coding and adjudication screens share: the panels, their sizes on short and
tall terminals, scrolling a long answer, and drawing the wording and answer of a segment."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import OptionList, Static

from tut.coding.model import Event, Segment
from tut.coding.store import SkippedLine
from tut.messages import render
from tut.protocols.model import Code, CodingFrame
from tut.safe_text import visible
from tut.tui.i18n import Labels
from tut.tui.screens.keys import RESERVED_KEYS, translate_bindings
from tut.tui.session import RowCursor
from tut.tui.texts import TextLookup
from tut.tui.widgets.answer import AnswerPanel, MemoBox, WordingPanel
from tut.tui.widgets.codebook import CodeBook, CodeDefinition
from tut.tui.widgets.segments import SegmentList
from tut.tui.widgets.status import KeyHints, StatusBar
from tut.tui.widgets.text_view import break_id


def usable_hotkeys(codes: tuple[Code, ...]) -> tuple[dict[str, Code], list[str]]:
    """Hotkey -> code, leaving out keys the screen needs for itself (reported back)."""
    keys: dict[str, Code] = {}
    clashes = []
    for code in codes:
        key = code.hotkey
        if not key:
            continue
        if key in RESERVED_KEYS or key in keys:
            clashes.append(f"{key} ({code.id})")
            continue
        keys[key] = code
    return keys, clashes


def column_widths(segments: Sequence[Segment]) -> tuple[int, int]:
    """Respondent and probe column widths from the longest ids (within limits)."""
    resp = max((len(x.respondent_id) for x in segments), default=4)
    probe = max((len(x.probe_id) for x in segments), default=5)
    return min(10, max(4, resp)), min(16, max(5, probe))


SHORT = 32
"""Terminals with fewer rows get the fixed, tight layout (80x24)."""
LIST_WIDTH, LOW = 80, 24
"""Narrower than this the segment list is left out (the answer's title names the segment);
lower, the wording and codes get fewer rows (classes ``-tiny`` and ``-low``)."""
MIN_WIDTH, MIN_HEIGHT = 60, 20
"""Below this the panels would cut the answer or the codes: the screen says so instead."""


def frame_rows(screen_rows: int, code_rows: int, *, answer_rows: int, other_rows: int) -> int:
    """Rows for the codes panel of a tall screen: the whole frame when the answer still gets
    ``answer_rows``, else what is left (never less than 45% of the screen)."""
    main = screen_rows - 2  # status line and footer
    room = main - other_rows - answer_rows
    return max(min(code_rows + 1, room), round(0.45 * main) if code_rows + 1 > room else 0)


def notify_skipped(screen: Screen[None], skipped: Iterable[SkippedLine], labels: Labels) -> None:
    """Say which journal lines were skipped (torn by a crash, or damaged), in the user's
    language: nothing is dropped silently."""
    for line in skipped:
        text = visible(render(line.message(line.path.name), labels.lang))
        screen.notify(text, title=labels("journal_warning"), severity="warning", timeout=15)


def wrap_for_toast(text: str, width: int) -> str:
    """``text`` with each word wider than ``width`` (an id such as
    ``EN01-atus-incare-en-meaning``) broken after its dashes; Textual would cut it anywhere
    (it wraps the rest at spaces itself)."""
    if width < 10:
        return text
    return re.sub(rf"\S{{{width + 1},}}", lambda m: break_id(m.group(), width), text)


def codes_title(labels: Labels, frame: CodingFrame, codes: Sequence[str], head: str = "") -> str:
    """The codes panel's title: the frame's rule while nothing is chosen, then the chosen
    codes, so they are in sight even when the list is scrolled past them (80x24)."""
    head = head or labels("codes")
    if not codes:
        mode = "mode_exclusive" if frame.mode == "exclusive" else "mode_multiple"
        return f"{head} · {labels(mode)}"
    names = (labels.code_label(frame.code(c).label, frame.code(c).label_es) for c in codes)
    return visible(f"{head} ✓ " + " · ".join(names))


def saved_time(event: Event) -> str:
    """The journal's UTC time shown in local time, to the second."""
    try:
        return datetime.fromisoformat(event.time).astimezone().strftime("%H:%M:%S")
    except ValueError:
        return event.time


class SegmentScreen(Screen[None]):
    """A list of segments on the left; on the right the wording read, the probe and answer,
    the codes with the highlighted code's definition, and a note box (memo or rationale)."""

    BINDINGS = [
        Binding("j,down", "move(1)", "key_next", show=False),
        Binding("k,up", "move(-1)", "key_prev", show=False),
        Binding("pagedown", "page(1)", "key_page_down", show=False),
        Binding("pageup", "page(-1)", "key_page_up", show=False),
        Binding("home", "edge(0)", "key_first", show=False),
        Binding("end", "edge(1)", "key_last", show=False),
        Binding("shift+down,ctrl+down", "scroll_answer(1)", "key_scroll_answer", show=False),
        Binding("shift+up,ctrl+up", "scroll_answer(-1)", "key_scroll_answer", show=False),
    ]

    NOTE_ID = "memo"
    """Id of the note box under the codes."""
    ANSWER_ROWS = 10
    """Lines the answer keeps on a tall terminal before the codes may take the rest."""
    OTHER_ROWS = 8
    """Rows of the other panels on the right (wording up to 5, note box 3)."""

    def __init__(self, texts: TextLookup, labels: Labels) -> None:
        super().__init__()
        translate_bindings(self, labels)
        self.texts = texts
        self.labels = labels
        self._shown_id = ""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Toasts often name ids, codes and reasons from files: always shown as text. They
        sit over the segment list (never over the answer or the codes, see app.tcss), and
        are wrapped to its width here, at spaces and dashes: never inside an id."""
        # the toast's coloured edge and padding; on a narrow screen toasts span the screen
        width = (self.size.width if self.has_class("-tiny") else self.seglist.size.width) - 3
        super().notify(
            wrap_for_toast(visible(message, multiline=True), width),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def compose(self) -> ComposeResult:
        labels = self.labels
        yield Static(id="too-small", markup=False)
        yield StatusBar(id="status")
        with Horizontal(id="main"):
            yield SegmentList(
                (labels("col_respondent"), labels("col_probe"), labels("col_variant")),
                id="segments",
            )
            with Vertical(id="detail"):
                yield WordingPanel(id="wording")
                yield AnswerPanel(id="answer")
                yield from self.compose_above_codes()
                with Horizontal(id="frame"):
                    yield CodeBook(id="codebook")
                    yield CodeDefinition(id="definition")
                yield MemoBox(self.note_placeholder(), id=self.NOTE_ID)
        yield KeyHints(compact=True)

    def compose_above_codes(self) -> ComposeResult:
        """Panels between the answer and the codes (the coders' codes in adjudication)."""
        yield from ()

    def note_placeholder(self) -> str:
        return self.labels("memo_placeholder")

    @property
    def seglist(self) -> SegmentList:
        return self.query_one("#segments", SegmentList)

    @property
    def codebook(self) -> CodeBook:
        return self.query_one("#codebook", CodeBook)

    @property
    def note_box(self) -> MemoBox:
        return self.query_one(f"#{self.NOTE_ID}", MemoBox)

    @property
    def answer(self) -> AnswerPanel:
        return self.query_one("#answer", AnswerPanel)

    def on_resize(self, event: events.Resize) -> None:
        """Small terminals (80x24) get fixed, tighter panels, narrower or lower ones down to
        60x20 fewer panels; tall ones fit the frame; smaller than 60x20, the screen says so
        instead of drawing cut panels."""
        width, height = event.size
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        if too_small:
            self.query_one("#too-small", Static).update(
                self.labels("too_small", width=width, height=height, min_width=MIN_WIDTH,
                            min_height=MIN_HEIGHT)
            )
        if too_small != self.too_small:
            self.set_class(too_small, "-too-small")
            self.refresh_bindings()  # the footer shows the keys that work now
        self.set_class(height < SHORT, "-short")
        self.set_class(width < 100, "-narrow")
        if (width < LIST_WIDTH) != self.has_class("-tiny"):
            self.set_class(width < LIST_WIDTH, "-tiny")
            self.refresh_bindings()  # the key hints put ? and q first (KeyHints)
        self.set_class(height < LOW, "-low")
        self.fit_frame(height)

    @property
    def too_small(self) -> bool:
        return self.has_class("-too-small")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the terminal is too small nothing is shown, so no key may code or move
        (a code would go to a segment the coder cannot see); q still quits."""
        if self.too_small and action not in ("quit", "help_quit", "command_palette"):
            return False
        return True

    @on(events.DescendantFocus)
    @on(events.DescendantBlur)
    def _writing(self) -> None:
        """While the note box is open the codes (and on 20 rows the wording) give it their
        rows, never the answer (see the .tcss)."""
        self.set_class(self.focused is self.note_box, "-writing")

    # -- focus: moved before the next key is read --

    def focus_now(self, widget: Widget) -> None:
        """Give ``widget`` the focus at once: ``Widget.focus`` waits a turn of the app's
        queue, and keys typed fast in between would go to the widget left (a letter of a
        memo would code the segment)."""
        self.set_focus(widget)

    def focus_note(self) -> None:
        """``m``: open the note box (the letters typed right after it: :meth:`typed_ahead`)."""
        if self.rows.row_count:
            self.focus_now(self.note_box)

    def typed_ahead(self, event: events.Key) -> bool:
        """A letter (or Enter) that reached the screen's keys while the note box has the
        focus was typed before the box got it (right after ``m``, or the Enter that asked
        for a rationale): it is note text, so it goes to the box. True when it went there."""
        box = self.note_box
        if self.focused is not box or not (event.is_printable or event.key == "enter"):
            return False
        # written now, in the order the keys come: an Escape read next saves it with them
        box.insert("\n" if event.key == "enter" else event.character or "")
        return True

    def fit_frame(self, screen_rows: int) -> None:
        """Size ``#frame`` to the codes on tall screens (short ones keep the CSS height)."""
        frame = self.query_one("#frame")
        count = self.codebook.option_count
        if screen_rows < SHORT or not count:
            frame.styles.height = None
            return
        frame.styles.height = frame_rows(
            screen_rows, count, answer_rows=self.ANSWER_ROWS, other_rows=self.OTHER_ROWS
        )

    def show_texts(self, seg: Segment, highlight: str = "") -> None:
        """The wording read and the probe and answer of ``seg`` (skipped if already shown)."""
        if seg.id == self._shown_id:
            return
        wording = self.texts.wording(seg.variant_id)
        probe = self.texts.probe(seg.probe_id, wording.language)
        self.query_one("#wording", WordingPanel).show(seg, wording, self.labels)
        self.answer.show(seg, self.labels, probe, highlight=highlight, term=wording.key_term)
        self._shown_id = seg.id

    # -- moving: every key, click, wheel or scroll moves the one selection --

    @property
    def rows(self) -> RowCursor:
        """The session's cursor: the row highlighted, shown and coded are this one."""
        raise NotImplementedError

    def leave_row(self) -> None:
        """Keep what was typed for the row being left (the memo or the rationale)."""

    def _moved(self) -> None:
        """Draw the row under the cursor (it moved)."""
        raise NotImplementedError

    def action_move(self, delta: int) -> None:
        self.leave_row()
        if self.rows.move(delta):
            self._moved()

    def action_page(self, direction: int) -> None:
        """A list's page of rows (ten when the list is left out, below 80 columns)."""
        rows = len(self.seglist.visible_rows()) or 11
        self.action_move(direction * max(1, rows - 1))

    def action_edge(self, end: int) -> None:
        self.leave_row()
        self.rows.move_to(self.rows.row_count - 1 if end else 0)
        self._moved()

    @on(SegmentList.Clicked)
    def _row_clicked(self, event: SegmentList.Clicked) -> None:
        self.leave_row()
        self.rows.move_to(event.index)
        self._moved()

    @on(SegmentList.Wheel)
    def _wheel(self, event: SegmentList.Wheel) -> None:
        self.action_move(event.delta)

    @on(SegmentList.Scrolled)
    def _list_scrolled(self) -> None:
        """The scrollbar took the cursor row out of sight: select the nearest row in sight
        (checked now, not when the scroll happened: the rows may have changed since)."""
        index = self.seglist.nearest_visible(self.rows.cursor)
        if index != self.rows.cursor:
            self.leave_row()
            self.rows.move_to(index)
            self._moved()

    # -- the codes panel --

    def choose_code(self, code_id: str) -> None:
        """A code clicked, or Space on the highlighted code: the screen's own toggle."""
        raise NotImplementedError

    @on(OptionList.OptionSelected, "#codebook")
    def _code_clicked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and not event.option.disabled:
            self.choose_code(event.option.id)

    @on(OptionList.OptionHighlighted, "#codebook")
    def _code_highlighted(self) -> None:
        self.query_one("#definition", CodeDefinition).show(
            self.codebook.highlighted_code, self.labels
        )

    def action_toggle_highlighted(self) -> None:
        code = self.codebook.highlighted_code
        if code is not None:
            self.choose_code(code.id)

    def action_scroll_answer(self, direction: int) -> None:
        """Read a long answer without leaving the keyboard (the list keeps its cursor)."""
        self.answer.scroll_to(y=self.answer.scroll_y + direction * 3, animate=False)
