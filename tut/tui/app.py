"""The Textual app and the two factories used by the CLI and the tests.

``make_coding_app`` and ``make_adjudication_app`` open the study and the user's own journal
(taking its lock) and return an app whose first screen is ready; the journal is closed when
the app exits. Tests build the app the same way and drive it with ``app.run_test()``.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import cast

from rich.console import RenderableType
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from tut.coding.model import SegmentCoding
from tut.coding.practice import PRACTICE, need_training
from tut.coding.store import JOURNALS, CoderJournal, replay_adjudications
from tut.coding.study import StudyData, assign_recode, open_study
from tut.errors import TutError
from tut.project import Project
from tut.safe_text import visible
from tut.tui.adjudication_session import AdjudicationSession
from tut.tui.commands import TutCommands
from tut.tui.i18n import Labels, detect_lang
from tut.tui.screens.keys import TakesTypeAhead, translate_bindings
from tut.tui.session import CodingSession
from tut.tui.texts import TextLookup

DARK, LIGHT = "textual-dark", "textual-light"


class TutApp(App[None]):
    """Shows one main screen (coding or adjudication) and closes the journal on exit."""

    CSS_PATH = [
        "app.tcss",
        "screens/coding.tcss",
        "screens/adjudication.tcss",
        "screens/modals.tcss",
    ]
    COMMANDS = App.COMMANDS | {TutCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-slim"), (80, "-roomy")]
    """Below 80 columns (down to 60) the dialogs take the whole width (modals.tcss)."""
    BINDINGS = [Binding("ctrl+t", "toggle_theme", "key_theme", show=False)]

    def __init__(
        self,
        main_screen: Callable[[], Screen[None]],
        labels: Labels,
        *,
        title: str,
        on_close: Callable[[], None] | None = None,
        theme: str = DARK,
    ) -> None:
        super().__init__()
        translate_bindings(self, labels)
        self._main_screen = main_screen
        self.labels = labels
        self.title = title
        self._on_close = on_close
        self.theme = theme
        self._quitting = False
        """``exit`` was called (see ``on_event``)."""

    def get_default_screen(self) -> Screen[None]:
        return self._main_screen()

    def exit(
        self, result: None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        """Quit: keys and clicks typed ahead of ``q`` are read after it but do nothing."""
        self._quitting = True
        super().exit(result, return_code, message)

    async def on_event(self, event: events.Event) -> None:
        """Input read after quitting is dropped: ``exit`` only queues the exit behind what
        was typed ahead, so a fast ``q`` then Enter recorded one more decision (typed slowly
        the app is gone) and an ``f`` opened a find dialog the closing app never builds (no
        fields, no Escape: the app looked stuck)."""
        if self._quitting and isinstance(event, events.InputEvent):
            event.stop()
            return
        await super().on_event(event)

    async def _on_key(self, event: events.Key) -> None:
        """Keys no widget took: text typed ahead of a focus change goes to the text box now
        focused (``typed_ahead`` of the note box, find and picker), the rest to the bindings
        (none once quitting: a key that comes back here passes ``on_event`` first)."""
        screen = self.screen
        if isinstance(screen, TakesTypeAhead) and screen.typed_ahead(event):
            event.prevent_default()  # App's own _on_key (the bindings) is not called

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK

    def action_help_quit(self) -> None:
        """ctrl+c (a reflex to quit): say which key quits, in the coder's language."""
        self.notify(self.labels("ctrl_c_quit"), title=self.labels("key_quit"))

    def action_command_palette(self) -> None:
        """Textual's palette, with the search prompt in the coder's language."""
        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(
                CommandPalette(
                    placeholder=self.labels("palette_placeholder"), id="--command-palette"
                )
            )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own palette commands, translated; quit goes through the screen, which
        saves an open memo first (the screen's own commands include tut's help)."""
        labels = self.labels
        yield SystemCommand(labels("palette_theme"), "ctrl+t", self.action_toggle_theme)
        yield SystemCommand(
            labels("palette_quit"), labels("help_quit"), getattr(screen, "action_quit", self.exit)
        )
        yield SystemCommand(
            labels("palette_screenshot"), "", lambda: self.set_timer(0.1, self.deliver_screenshot)
        )

    def close_journal(self) -> None:
        """Release the journal and its lock (idempotent)."""
        if self._on_close is not None:
            close, self._on_close = self._on_close, None
            close()

    def on_unmount(self) -> None:
        self.close_journal()


def _project_of(study_dir: Path) -> Project:
    """``coded_responses/NAME`` sits in the project folder."""
    return Project(study_dir.resolve().parent.parent)


def make_coding_app(
    study_dir: Path,
    coder: str,
    *,
    lang: str | None = None,
    recode: int | None = None,
    seed: int | None = None,
    project: Project | None = None,
    auto_advance: bool = False,
    practice: bool = False,
) -> TutApp:
    """The coding UI for one coder; ``recode=N`` gives round 2 on a blind sample of N;
    ``practice=True`` the calibration round on the study's training set (own journal)."""
    from tut.tui.screens.coding import CodingScreen
    from tut.tui.screens.practice import PracticeScreen

    study_dir = Path(study_dir)
    labels = Labels(detect_lang(lang))
    data = open_study(study_dir)
    segments = data.segments
    round_ = 1
    if recode is not None:
        round_ = 2
        ids = recode_sample(data, coder, recode, seed)
        wanted = set(ids)
        segments = [s for s in data.segments if s.id in wanted]
    reference: dict[str, tuple[str, ...]] | None = None
    if practice:
        training = need_training(study_dir)
        reference = training.reference_under(data.frame)
        segments = [s for s in data.segments if s.id in reference]
    journal = CoderJournal.open(
        study_dir, coder, data.frame, round=round_, segment_ids=[s.id for s in segments],
        study_segment_ids=known_segments(data), folder=PRACTICE if practice else JOURNALS,
    )
    try:
        session = CodingSession(segments, data.frame.codable(), journal)  # current version
        texts = TextLookup(data.protocol, data.wordings, project or _project_of(study_dir))
    except BaseException:
        journal.close()
        raise
    if reference is not None:
        practice_reference = reference
        return TutApp(
            lambda: PracticeScreen(session, texts, labels, practice_reference,
                                   study_name=data.name, auto_advance=auto_advance),
            labels,
            title=visible(f"tut code {data.name} --practice"),
            on_close=journal.close,
        )
    return TutApp(
        lambda: CodingScreen(
            session, texts, labels, study_name=data.name, auto_advance=auto_advance
        ),
        labels,
        title=visible(f"tut code {data.name}"),
        on_close=journal.close,
    )


def known_segments(data: StudyData) -> frozenset[str]:
    """Segments a journal line may name: the study's, and those withdrawn from it."""
    return frozenset(data.segment_ids) | data.withdrawn_segment_ids


def recode_sample(data: StudyData, coder: str, n: int, seed: int | None) -> list[str]:
    """The coder's saved recode sample, or a new one of ``n`` drawn (and saved) now."""
    saved = data.recode_sample(coder)
    if saved:
        return saved
    return assign_recode(data, coder, n, seed if seed is not None else random.randrange(10**6))


def fresh_codings(data: StudyData) -> dict[str, dict[str, SegmentCoding]]:
    """Round-1 codes of every coder as they are now on disk (lock-free read)."""
    data.refresh()
    return data.codings(1)


def make_adjudication_app(
    study_dir: Path,
    adjudicator: str,
    *,
    lang: str | None = None,
    project: Project | None = None,
) -> TutApp:
    """The adjudication UI: units where round-1 coders disagree, recorded in own journal."""
    from tut.tui.screens.adjudication import AdjudicationScreen

    study_dir = Path(study_dir)
    labels = Labels(detect_lang(lang))
    data = open_study(study_dir)
    codings = data.codings(1)
    if adjudicator in codings:
        raise TutError.at(
            study_dir,
            "",
            f"'{adjudicator}' coded this study, so cannot adjudicate it",
            "adjudicate under another id",
        )
    disagreements = {d.segment_id: d.by_coder for d in data.disagreements(1)}
    known = known_segments(data)
    # coders' journals and the adjudicator's own: damaged lines, and lines naming a code or
    # segment this study does not have (set aside when the study is read)
    skipped = data.skipped
    journal = CoderJournal.open(
        study_dir, adjudicator, data.frame, segment_ids=data.segment_ids,
        study_segment_ids=known,
    )
    try:
        others = {who: replay_adjudications(data.journals[who].events)
                  for who in data.adjudicators if who != adjudicator}
        session = AdjudicationSession(
            data.segments, data.frame.codable(), disagreements, journal, others
        )
        texts = TextLookup(data.protocol, data.wordings, project or _project_of(study_dir))
    except BaseException:
        journal.close()
        raise
    return TutApp(
        lambda: AdjudicationScreen(
            session,
            texts,
            labels,
            lambda: fresh_codings(data),
            study_name=data.name,
            skipped=skipped,
        ),
        labels,
        title=visible(f"tut adjudicate {data.name}"),
        on_close=journal.close,
    )
