"""Words of the coding stage: segment statuses, the labels of exported tables (SPSS/Stata/CSV
variable and value labels) and the practice round's note, English and Spanish;
:mod:`tut.messages` files them under ``coding.``."""

from __future__ import annotations

CODING_TEXT: dict[str, tuple[str, str]] = {
    # a segment's status (tut study status, exports, the report)
    "status.agreed": (
        "agreed (every coder gave the same codes)",
        "acuerdo (todos los codificadores dieron los mismos códigos)",
    ),
    "status.adjudicated": ("adjudicated", "adjudicado"),
    "status.conflict": (
        "conflict (adjudicators decided differently)",
        "conflicto (los adjudicadores decidieron distinto)",
    ),
    "status.unresolved": (
        "unresolved (coders disagree, not adjudicated)",
        "sin resolver (los codificadores discrepan, sin adjudicar)",
    ),
    "status.single-coder": ("coded by one coder only", "codificado por un solo codificador"),
    "status.uncoded": ("not coded", "sin codificar"),
    # variable labels of exported tables
    "export.segment_id": (
        "Segment (answer of one respondent to one probe)",
        "Segmento (respuesta de un entrevistado a una sonda)",
    ),
    "export.respondent_id": ("Respondent", "Entrevistado"),
    "export.interview_id": ("Interview", "Entrevista"),
    "export.variant_id": ("Wording variant", "Variante de redacción"),
    "export.probe_id": ("Probe", "Sonda"),
    "export.attribute": ("Respondent attribute: {name}", "Atributo del entrevistado: {name}"),
    "export.answer": ("Answer (respondent's words)", "Respuesta (palabras del entrevistado)"),
    "export.notes": ("Interviewer notes", "Notas del entrevistador"),
    "export.coder": ("coder {coder}", "codificador {coder}"),
    "export.coder_round": ("coder {coder}, round {round}", "codificador {coder}, ronda {round}"),
    "export.coder_blind": (
        "coder {coder}, round {round} (blind)",
        "codificador {coder}, ronda {round} (a ciegas)",
    ),
    "export.memo": ("coder {coder}: memo", "codificador {coder}: nota"),
    "export.consensus": ("adjudicated consensus", "consenso adjudicado"),
    "export.adjudicator": ("Adjudicator (latest decision)", "Adjudicador (última decisión)"),
    "export.rationale": ("Adjudication rationale", "Justificación de la adjudicación"),
    "export.status": ("Status of the segment's codes", "Estado de los códigos del segmento"),
    "export.final": (
        "final codes (adjudicated, or agreed by all its coders)",
        "códigos finales (adjudicados, o acordados por todos sus codificadores)",
    ),
    "export.final_short": ("final codes", "códigos finales"),
    "export.code": ("Code of frame {frame}", "Código del marco {frame}"),
    "export.applied": ("{who}: code applied", "{who}: código aplicado"),
    "export.codes": ("{who}: codes ({frame})", "{who}: códigos ({frame})"),
    "export.yes": ("yes", "sí"),
    "export.no": ("no", "no"),
    # the practice round: what a coder sees after answering
    "practice-matches": (
        "Matches the reference. Reference codes: {codes}",
        "Coincide con la referencia. Códigos de referencia: {codes}",
    ),
    "practice-differs": (
        "Differs from the reference. Reference codes: {codes}",
        "No coincide con la referencia. Códigos de referencia: {codes}",
    ),
}
"""Coding key -> (English, Spanish)."""
