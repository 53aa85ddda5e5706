"""Each coder's codes on one unit, side by side, for the adjudicator."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.widgets import DataTable

from tut.protocols.model import CodingFrame
from tut.safe_text import visible
from tut.tui.i18n import Labels
from tut.tui.safe import plain_cell


class CoderCodes(DataTable[str | Text]):
    """One row per coder: the coder id and the labels of their codes; click a row to take it.

    The first row shows the consensus drafted so far and whether it is recorded.
    """

    CONSENSUS = "\x00consensus"
    """Row key of the consensus row (not a coder id: coder ids are plain)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True, show_header=False)

    def show(
        self,
        by_coder: Mapping[str, tuple[str, ...]],
        frame: CodingFrame,
        labels: Labels,
        taken_from: str = "",
        consensus: tuple[tuple[str, ...], str] | None = None,
    ) -> None:
        self.clear(columns=True)
        self.add_column(labels("coder_col"), key="coder")
        self.add_column(labels("codes_col"), key="codes")

        def names(codes: tuple[str, ...]) -> str:
            out = []
            for cid in codes:
                try:
                    code = frame.code(cid)
                    out.append(f"{code.hotkey} {labels.code_label(code.label, code.label_es)}")
                except KeyError:
                    out.append(cid)
            return visible("; ".join(out) or "—")

        if consensus is not None:
            draft, state = consensus
            self.add_row(
                Text("= " + labels("consensus"), style="bold"),
                Text.assemble(f"({state}) ", (names(draft), "bold")),  # state first: never cut
                key=self.CONSENSUS,
            )
        for coder in sorted(by_coder):
            mark = "▶ " if coder == taken_from else "  "
            self.add_row(plain_cell(mark + coder), plain_cell(names(by_coder[coder])), key=coder)
