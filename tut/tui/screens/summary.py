"""Agreement for the study so far: percent agreement at once, Krippendorff's alpha in a worker.

Percent agreement is a few dictionary passes; alpha (from :mod:`tut.agreement`, the same
function as ``tut agreement``, so the same numbers and intervals, each with its method) may
take longer on a big study, so it runs in a thread worker and arrives as a message. The
screen says which data it covers: round-1 codes saved so far, adjudications not counted.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from tut.agreement.coefficients import Coefficient, Note
from tut.agreement.data import ReliabilityDataError
from tut.coding.agreement import codings_agreement
from tut.coding.agreement_tables import error_note
from tut.coding.model import SegmentCoding
from tut.protocols.model import CodingFrame
from tut.safe_text import visible
from tut.tui.i18n import Labels
from tut.tui.messages import AlphaComputed
from tut.tui.safe import plain_cell
from tut.tui.session import AgreementSummary, percent_agreement


def _pct(value: float) -> str:
    return "—" if math.isnan(value) else f"{value:.1f}%"


SEED = 1
"""Seed of the per-code bootstrap, as the report's default: ``tut agreement STUDY --by code
--seed 1`` shows the same numbers."""


def _interval(ci: tuple[float, float] | None) -> str:
    return "" if ci is None else f"[{ci[0]:.3f}, {ci[1]:.3f}]"


def agreement_so_far(
    codings: Mapping[str, Mapping[str, SegmentCoding]], frame: CodingFrame
) -> tuple[Coefficient | None, dict[str, tuple[str, str]], Note]:
    """The study's headline coefficient (alpha; MASI alpha for several codes per segment)
    and per code (alpha, interval or "too few uses"), from the same function as
    ``tut agreement STUDY --by code``; or why there is none."""
    coders = sorted(codings)
    units = sorted({sid for c in coders for sid, sc in codings[c].items() if sc.is_coded})
    if len(coders) < 2 or not units:
        return None, {}, Note("")
    try:
        result = codings_agreement(units, frame, codings, "code", seed=SEED)
    except ReliabilityDataError as exc:
        return None, {}, error_note(exc)
    main = result.overall.get(result.main)
    per_code: dict[str, tuple[str, str]] = {}
    for g in result.groups:
        c = g.report["krippendorff_alpha"]
        value = "—" if c.value is None else f"{c.value:.2f}"
        per_code[g.group] = (value, "few" if g.too_few_uses else _interval(c.ci))
    if main is None or not main.defined:
        return None, per_code, main.reason_note if main is not None else Note("")
    return main, per_code, Note("")


class SummaryScreen(ModalScreen[None]):
    """Percent agreement per code and overall (and alpha once the worker is done)."""

    BINDINGS = [Binding("escape,q,ctrl+g", "close", "key_close")]

    def __init__(
        self,
        codings: Mapping[str, Mapping[str, SegmentCoding]],
        frame: CodingFrame,
        labels: Labels,
    ) -> None:
        super().__init__()
        self.codings = codings
        self.frame = frame
        self.labels = labels
        self.summary: AgreementSummary = percent_agreement(codings, frame)
        self.alpha: float | None = None
        self.alpha_per_code: dict[str, tuple[str, str]] = {}

    def compose(self) -> ComposeResult:
        labels = self.labels
        s = self.summary
        with Vertical(id="summary-box") as box:
            box.border_title = labels("summary_title")
            box.border_subtitle = labels("help_close")
            coders = visible(", ".join(s.coders) or "—")
            yield Static(labels("summary_coders", coders=coders), markup=False)
            yield Static(labels("summary_units", units=s.units), markup=False)
            yield Static(labels("summary_overall", percent=_pct(s.percent)), markup=False)
            yield Static(labels("summary_alpha_wait"), id="summary-alpha", markup=False)
            yield Static(labels("summary_scope", seed=SEED), id="summary-scope", markup=False)
            yield Static(labels("summary_help"), id="summary-help", markup=False)
            yield DataTable(id="summary-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#summary-table", DataTable)
        labels = self.labels
        code_width = max(12, min(48, self.app.size.width - 40))
        table.add_column(labels("summary_code"), key="code", width=code_width)
        table.add_column(
            labels("summary_agree"), key="agree", width=max(8, len(labels("summary_agree")))
        )
        table.add_column("α", key="alpha", width=6)
        table.add_column(labels("summary_interval"), key="interval", width=16)
        table.add_column(
            labels("summary_present"), key="used", width=max(6, len(labels("summary_present")))
        )
        for ca in self.summary.per_code:
            code = self.frame.code(ca.code_id)
            name = f"{code.hotkey} {labels.code_label(code.label, code.label_es)}".strip()
            table.add_row(
                plain_cell(name), _pct(ca.percent), "…", "", str(ca.used), key=ca.code_id
            )
        if self.summary.units:
            self.compute_alpha()
        else:
            self.query_one("#summary-alpha", Static).update(labels("summary_none"))

    @work(thread=True, exclusive=True, group="alpha")
    def compute_alpha(self) -> None:
        main, per_code, note = agreement_so_far(self.codings, self.frame)
        self.alpha_per_code = per_code
        lang = self.labels.lang
        if main is None or main.value is None:
            self.post_message(AlphaComputed(None, note.text(lang)))
            return
        shown = self.labels(
            "summary_alpha",
            coefficient=main.label_note.text(lang),
            value=f"{main.value:.3f}",
            interval=_interval(main.ci),
            method=main.method_note.text(lang) or "—",
        )
        self.post_message(AlphaComputed(main.value, shown))

    @on(AlphaComputed)
    def _alpha_ready(self, message: AlphaComputed) -> None:
        self.alpha = message.alpha
        label = self.query_one("#summary-alpha", Static)
        if message.alpha is None:
            label.update(self.labels("summary_alpha_none") + (f" ({message.note})" if message.note else ""))
        else:
            label.update(message.note)
        table = self.query_one("#summary-table", DataTable)
        for code_id, (value, interval) in self.alpha_per_code.items():
            if code_id not in table.rows:
                continue  # a code used but not in the frame
            table.update_cell(code_id, "alpha", value)
            shown = self.labels("summary_too_few") if interval == "few" else interval
            table.update_cell(code_id, "interval", shown)
        table.refresh()

    def action_close(self) -> None:
        self.dismiss(None)
