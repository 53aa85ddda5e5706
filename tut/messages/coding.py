"""Words of the coding stage: segment statuses, the labels of exported tables (SPSS/Stata/CSV
variable and value labels), the practice round's note and the journal lines set aside when a
coder's journal is read (one text per kind, for the CLI and the TUI), English and Spanish;
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
    # a journal line set aside when the journal is read (the file keeps it as it is)
    "journal-torn": (
        "{file}:line {line}: torn last line ({size} bytes), skipped: the process was stopped "
        "while writing it, so it was never shown as saved; the bytes are kept in the file",
        "{file}:línea {line}: última línea cortada ({size} bytes), omitida: el proceso se "
        "detuvo mientras la escribía, así que nunca se mostró como guardada; los bytes quedan "
        "en el archivo",
    ),
    "journal-bad-line": (
        "{file}:line {line}: not a valid event, skipped ({detail}; probably a write cut short "
        "by an earlier crash; the line is kept as it is)",
        "{file}:línea {line}: no es un evento válido, omitida ({detail}; probablemente una "
        "escritura cortada por un fallo anterior; la línea queda tal cual)",
    ),
    "journal-unknown-code": (
        "{file}:line {line}: code {code} is not in the frame, skipped (the line is kept as it "
        "is)",
        "{file}:línea {line}: el código {code} no está en el marco, omitida (la línea queda tal "
        "cual)",
    ),
    "journal-unknown-segment": (
        "{file}:line {line}: segment {segment} is not in this study, skipped (the line is kept "
        "as it is)",
        "{file}:línea {line}: el segmento {segment} no está en este estudio, omitida (la línea "
        "queda tal cual)",
    ),
    "journal-more": (
        "{file}: {n:,|more line|more lines} set aside as above, not shown (the file keeps "
        "{n:it|them} as {n:it is|they are})",
        "{file}: {n:,|línea más omitida|líneas más omitidas} como las de arriba, no se "
        "{n:muestra|muestran} (el archivo {n:la|las} conserva tal cual)",
    ),
    "journal-copied": (
        "{second}: holds codes of coder {coder} as {first} does; both are read (a copied "
        "journal?)",
        "{second}: contiene códigos del codificador {coder}, como {first}; se leen ambos "
        "(¿un diario copiado?)",
    ),
}
"""Coding key -> (English, Spanish)."""
