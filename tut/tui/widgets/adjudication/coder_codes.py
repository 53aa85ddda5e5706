"""Each coder's codes on one unit, side by side, for the adjudicator."""

from __future__ import annotations

from collections.abc import Mapping

from textual.widgets import DataTable

from tut.protocols.model import CodingFrame
from tut.tui.i18n import Labels


class CoderCodes(DataTable[str]):
    """One row per coder: the coder id and the labels of their codes; click a row to take it."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True, show_header=False)

    def show(
        self,
        by_coder: Mapping[str, tuple[str, ...]],
        frame: CodingFrame,
        labels: Labels,
        taken_from: str = "",
    ) -> None:
        self.clear(columns=True)
        self.add_column(labels("coder_col"), key="coder")
        self.add_column(labels("codes_col"), key="codes")
        for coder in sorted(by_coder):
            names = []
            for cid in by_coder[coder]:
                try:
                    code = frame.code(cid)
                    names.append(f"{code.hotkey} {labels.code_label(code.label, code.label_es)}")
                except KeyError:
                    names.append(cid)
            mark = "▶ " if coder == taken_from else "  "
            self.add_row(mark + coder, "; ".join(names) or "—", key=coder)
