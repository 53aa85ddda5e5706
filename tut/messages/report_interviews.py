"""Report words of the interviews and inter-coder agreement sections.

Each key maps to (English, Spanish); :mod:`tut.messages` files them under ``report.``
and :data:`tut.report.i18n.TEXT` is the report's view of them.
"""

from __future__ import annotations

INTERVIEWS_TEXT: dict[str, tuple[str, str]] = {
    "sec-interviews": ("What the interviews revealed", "Lo que revelaron las entrevistas"),
    "sec-agreement": ("Inter-coder agreement", "Acuerdo entre codificadores"),
    "sub-distribution": ("Codes per wording", "Códigos por redacción"),
    "sub-quotes": ("Quotes per code", "Citas por código"),
    "role-target": ("target concept", "concepto buscado"),
    "role-off-target": ("off target", "fuera del concepto"),
    "role-boundary": ("boundary case", "caso límite"),
    "verdict": ("Verdict", "Veredicto"),
    "units": ("Units", "Unidades"),
    "pairable": ("Pairable values", "Valores apareables"),
    "p-below": ("P(alpha < 0.667)", "P(alfa < 0.667)"),
    "on-target": ("Read as target concept", "Entendida como el concepto"),
    "flag-mark-note": (
        "⚠ marks numbers that rest on a code or frame with alpha below 0.667 (Krippendorff 2004): "
        "do not draw conclusions from them.",
        "⚠ marca cifras que dependen de un código o marco con alfa menor que 0.667 "
        "(Krippendorff 2004): no saque conclusiones de ellas.",
    ),
    "scope-overall": ("Whole frame (MASI)", "Marco completo (MASI)"),
    "scope-code": ("By code (present/absent)", "Por código (presente/ausente)"),
    "scope-variant": ("By wording", "Por redacción"),
    "scope-probe": ("By probe", "Por sondeo"),
    "scope-coder-pair": ("By coder pair", "Por par de codificadores"),
    "scope-time": ("By stretch of work", "Por tramo del trabajo"),
    "scope-intra-coder": ("Intra-coder (blind recode)", "Intra-codificador (recodificación ciega)"),
    "too-few-uses": ("too few uses", "muy pocos usos"),
    "undefined-because": ("Undefined ({rows}): {why}.", "No definido ({rows}): {why}."),
    "agreement-verdict-source": (
        "Verdicts: alpha ≥ 0.800 reliable, ≥ 0.667 tentative, below that unreliable "
        "(Krippendorff 2004, Content Analysis, 2nd ed., p. 241).",
        "Veredictos: alfa ≥ 0.800 confiable, ≥ 0.667 tentativo, menor no confiable "
        "(Krippendorff 2004, Content Analysis, 2a ed., p. 241).",
    ),
    "codes-unreliable-plain": (
        "Codes below the 0.667 floor, flagged ⚠ wherever they appear: {codes}.",
        "Códigos bajo el umbral de 0.667, marcados ⚠ donde aparecen: {codes}.",
    ),
    "quotes-note": (
        "At most {n} short quotes per code and wording, chosen by fixed rules (answers with "
        "that code alone first, one per respondent); long answers are cut at “…”. Codes no "
        "answer to a wording carried show “–”.",
        "Como máximo {n} citas breves por código y redacción, elegidas con reglas fijas "
        "(primero respuestas solo con ese código, una por persona); las respuestas largas se "
        "cortan en “…”. Los códigos que ninguna respuesta a una redacción tuvo muestran “–”.",
    ),
    "quotes-language": ("Quotes, {language}", "Citas en {language}"),
}
