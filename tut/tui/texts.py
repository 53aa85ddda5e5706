"""The wording read and the probe asked for a segment, looked up once per id.

Coders must see what respondents actually heard, and must be told when the only text we
have is a data-file label or a paraphrase. The study's frozen copies (taken when the study
was created) come first; the instruments registry is the fallback. If nothing can be read
the screen still opens and shows the ids: coding is never blocked by a registry problem.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tut.coding.model import WordingCopy
from tut.project import Project
from tut.protocols.model import Protocol


@dataclass(frozen=True)
class WordingText:
    variant_id: str
    text: str
    """Empty when the variant was not found."""
    text_status: str = ""
    language: str = ""
    key_term: str = ""
    """The phrase the interviewer put in for a probe's ``[TERM]`` (empty when unknown)."""

    @property
    def is_read_out_text(self) -> bool:
        return self.text_status in ("verbatim", "candidate", "")


@dataclass(frozen=True)
class ProbeText:
    probe_id: str
    text: str
    """Empty when the probe was not found."""
    kind: str = ""


class TextLookup:
    """Wordings and probe texts for the segments of one study, cached by id."""

    def __init__(
        self,
        protocol: Protocol | None,
        wordings: Mapping[str, WordingCopy] | None = None,
        project: Project | None = None,
    ) -> None:
        self.protocol = protocol
        self.wordings = dict(wordings or {})
        self.project = project
        self._wordings: dict[str, WordingText] = {}
        self._probes: dict[tuple[str, str], ProbeText] = {}

    def wording(self, variant_id: str) -> WordingText:
        if variant_id not in self._wordings:
            self._wordings[variant_id] = self._wording(variant_id)
        return self._wordings[variant_id]

    def probe(self, probe_id: str, language: str = "") -> ProbeText:
        """The probe as asked in ``language`` (the interview's), when the protocol has it."""
        key = (probe_id, language)
        if key not in self._probes:
            self._probes[key] = self._probe(probe_id, language)
        return self._probes[key]

    def _wording(self, variant_id: str) -> WordingText:
        copy = self.wordings.get(variant_id)
        if copy is not None and copy.wording:
            term = copy.key_terms[0] if copy.key_terms else ""
            return WordingText(variant_id, copy.wording, copy.text_status, copy.language, term)
        if self.project is None:
            return WordingText(variant_id, "")
        try:
            from tut.instruments.registry import registry_for

            variant = registry_for(self.project).get(variant_id)
        except Exception:  # noqa: BLE001 - a registry problem only hides the text
            return WordingText(variant_id, "")
        terms = tuple(getattr(variant, "key_terms", ()))
        return WordingText(
            variant_id, variant.wording, variant.text_status, variant.language,
            terms[0] if terms else "",
        )

    def _probe(self, probe_id: str, language: str) -> ProbeText:
        if self.protocol is None:
            return ProbeText(probe_id, "")
        try:
            probe = self.protocol.probe(probe_id)
        except KeyError:
            return ProbeText(probe_id, "")
        text = probe.text_in(language) if language else probe.text
        return ProbeText(probe_id, text, probe.kind)
