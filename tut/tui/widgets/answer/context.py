"""What the respondent heard and said: the wording read, the probe, the answer."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.visual import Visual

from tut.coding.model import Segment
from tut.safe_text import visible
from tut.tui.i18n import Labels
from tut.tui.safe import plain
from tut.tui.session import found_spans
from tut.tui.texts import ProbeText, WordingText
from tut.tui.widgets.text_view import TextView, fit_id


class WordingPanel(TextView):
    """The wording read, flagged when the registry only has a label or a paraphrase.

    As tall as the wording up to the CSS ``max-height``; a longer wording scrolls (mouse
    wheel) and a ``▼`` in its last line says there is more."""

    _shown: tuple[str, str] = ("", "")

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """``height: auto``: as many rows as the wording takes (``max-height`` caps it)."""
        if width <= 1:
            return 1
        strips = Visual.to_strips(self, self._content, width - 1, None, self.visual_style)
        return max(1, len(strips))

    def show(self, seg: Segment, wording: WordingText, labels: Labels) -> None:
        if self._shown == (seg.variant_id, labels.lang):
            return  # same wording as the segment before: no relayout
        self._shown = (seg.variant_id, labels.lang)
        self.border_title = plain(f"{labels('wording')} · {seg.variant_id}")
        parts: list[Content] = []
        if wording.text:
            parts.append(Content.styled(visible(wording.text, multiline=True), "bold"))
        else:
            parts.append(
                Content.from_markup(
                    "[i $text-muted]$missing[/]",
                    missing=labels("wording_missing", variant=seg.variant_id),
                )
            )
        if wording.text and not wording.is_read_out_text:
            # on the same line as the text when it fits: one more line for the answer
            note = labels(f"status_{wording.text_status}")
            parts.append(Content.from_markup("[$text-warning]⚠ $note[/]", note=note))
        self.update(Content("  ").join(parts))
        self.refresh(layout=True)  # a new wording may take more or fewer lines


def probe_as_asked(text: str, term: str = "") -> Content:
    """The probe in italics, with ``[TERM]`` replaced by the wording's key phrase (underlined:
    the interviewer filled it in) when the wording's key terms are known."""
    text, term = visible(text, multiline=True), visible(term)
    if not term or "[TERM]" not in text:
        return Content.styled(text, "italic")
    pieces: list[Content | tuple[str, str]] = []
    for k, piece in enumerate(text.split("[TERM]")):
        if k:
            pieces.append((term, "italic underline"))
        pieces.append((piece, "italic"))
    return Content.assemble(*pieces)


class AnswerPanel(TextView):
    """The probe asked, the answer excerpt, interviewer's notes and respondent's attributes."""

    _title: tuple[str, Segment] | None = None

    def _retitle(self) -> None:
        """``Answer · respondent · segment``: the respondent left out when the segment id
        starts with it, a long id cut after a whole part (``ES18-enut-child-…``)."""
        if self._title is None:
            return
        head, seg = self._title
        resp, sid = visible(seg.respondent_id), visible(seg.id)
        prefix = f"{head} · " if sid.startswith(resp) else f"{head} · {resp} · "
        room = self.size.width - len(prefix) - 4  # the rule's ends around the title
        self.border_title = plain(prefix + (fit_id(sid, room) if room > 8 else sid))

    def on_resize(self) -> None:  # TextView's own on_resize re-wraps the text
        self._retitle()

    def show(
        self,
        seg: Segment | None,
        labels: Labels,
        probe: ProbeText | None = None,
        highlight: str = "",
        term: str = "",
    ) -> None:
        if seg is None:
            self._title = None
            self.border_title = labels("answer")
            self.update(Content.from_markup("[i $text-muted]$msg[/]", msg=labels("no_segments")))
            return
        self._title = (labels("answer"), seg)
        self._retitle()
        ptext = probe.text if probe and probe.text else labels("probe_missing", probe=seg.probe_id)
        parts = [
            Content.assemble(
                (f"{labels('probe')} ({visible(seg.probe_id)}): ", "$text-accent"),
                probe_as_asked(ptext, term),
            )
        ]
        answer = plain(seg.answer, multiline=True)
        for start, end in found_spans(answer.plain, highlight) if highlight else ():
            answer = answer.stylize("reverse", start, end)
        parts.append(answer)
        if seg.notes:
            parts.append(
                Content.from_markup(
                    "[i $text-muted]$nlabel: $notes[/]",
                    nlabel=labels("notes"),
                    notes=visible(seg.notes, multiline=True),
                )
            )
        if seg.attributes:
            attrs = visible(" · ".join(f"{k}: {v}" for k, v in seg.attributes.items()))
            parts.append(
                Content.from_markup(
                    "[$text-muted]$alabel: $attrs[/]", alabel=labels("attributes"), attrs=attrs
                )
            )
        self.update(Content("\n").join(parts))
