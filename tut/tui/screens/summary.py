"""Agreement for the study so far: percent agreement at once, Krippendorff's alpha in a worker.

Percent agreement is a few dictionary passes; alpha (from :mod:`tut.agreement`) may take
longer on a big study, so it runs in a thread worker and arrives as a message.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from tut.coding.model import SegmentCoding
from tut.protocols.model import CodingFrame
from tut.tui.i18n import Labels
from tut.tui.messages import AlphaComputed
from tut.tui.session import AgreementSummary, percent_agreement


def _pct(value: float) -> str:
    return "—" if math.isnan(value) else f"{value:.1f}%"


def alpha_of_code_sets(
    codings: Mapping[str, Mapping[str, SegmentCoding]], frame: CodingFrame
) -> tuple[float | None, dict[str, float | None], str]:
    """Nominal alpha on whole code sets, and per code on presence/absence (coded units only)."""
    from tut.agreement.alpha import krippendorff_alpha
    from tut.agreement.data import ReliabilityDataError, reliability_data

    coders = sorted(codings)
    units = sorted({sid for c in coders for sid, sc in codings[c].items() if sc.is_coded})
    if len(coders) < 2 or not units:
        return None, {}, ""

    def cell(coder: str, sid: str) -> tuple[str, ...] | None:
        sc = codings[coder].get(sid)
        return sc.codes if sc is not None and sc.is_coded else None

    def alpha(rows: list[list[str | None]]) -> tuple[float | None, str]:
        try:
            table = np.asarray(rows, dtype=object)
            coef = krippendorff_alpha(reliability_data(table, "nominal", coders=coders))
        except (ReliabilityDataError, ValueError) as exc:
            return None, str(exc)
        return (coef.value if coef.defined else None), coef.reason

    sets = [[("+".join(codes) if (codes := cell(c, u)) is not None else None) for u in units]
            for c in coders]
    overall, note = alpha(sets)
    per_code: dict[str, float | None] = {}
    for code in frame.codes:
        rows = [
            [(None if (codes := cell(c, u)) is None else ("1" if code.id in codes else "0"))
             for u in units]
            for c in coders
        ]
        per_code[code.id], _ = alpha(rows)
    return overall, per_code, note


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
        self.alpha_per_code: dict[str, float | None] = {}

    def compose(self) -> ComposeResult:
        labels = self.labels
        s = self.summary
        with Vertical(id="summary-box") as box:
            box.border_title = labels("summary_title")
            box.border_subtitle = labels("help_close")
            yield Static(labels("summary_coders", coders=", ".join(s.coders) or "—"), markup=False)
            yield Static(labels("summary_units", units=s.units), markup=False)
            yield Static(labels("summary_overall", percent=_pct(s.percent)), markup=False)
            yield Static(labels("summary_alpha_wait"), id="summary-alpha", markup=False)
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
        table.add_column(
            labels("summary_present"), key="used", width=max(6, len(labels("summary_present")))
        )
        for ca in self.summary.per_code:
            code = self.frame.code(ca.code_id)
            name = f"{code.hotkey} {labels.code_label(code.label, code.label_es)}".strip()
            table.add_row(name, _pct(ca.percent), "…", str(ca.used), key=ca.code_id)
        if self.summary.units:
            self.compute_alpha()
        else:
            self.query_one("#summary-alpha", Static).update(labels("summary_none"))

    @work(thread=True, exclusive=True, group="alpha")
    def compute_alpha(self) -> None:
        try:
            overall, per_code, note = alpha_of_code_sets(self.codings, self.frame)
        except ImportError as exc:  # the agreement stage is optional for the UI
            self.post_message(AlphaComputed(None, str(exc)))
            return
        self.alpha_per_code = per_code
        self.post_message(AlphaComputed(overall, note))

    @on(AlphaComputed)
    def _alpha_ready(self, message: AlphaComputed) -> None:
        self.alpha = message.alpha
        label = self.query_one("#summary-alpha", Static)
        if message.alpha is None:
            label.update(self.labels("summary_alpha_none") + (f" ({message.note})" if message.note else ""))
        else:
            label.update(self.labels("summary_alpha", alpha=f"{message.alpha:.3f}"))
        table = self.query_one("#summary-table", DataTable)
        for code_id, value in self.alpha_per_code.items():
            table.update_cell(code_id, "alpha", "—" if value is None else f"{value:.2f}")
        table.refresh()

    def action_close(self) -> None:
        self.dismiss(None)
