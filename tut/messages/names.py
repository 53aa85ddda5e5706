"""Display names (English, Spanish) of ids the report shows: attributes, languages,
statuses, checks, file roles. :mod:`tut.messages` files each as ``name.<table>.<id>``
(:data:`NAME_TABLES`); :mod:`tut.report.i18n` keeps the tables under their old names."""

from __future__ import annotations

ATTRIBUTE_NAMES: dict[str, tuple[str, str]] = {
    "sex": ("Sex", "Sexo"),
    "age_group": ("Age group", "Grupo de edad"),
    "has_child_u13": ("Child under 13 at home", "Niño/a menor de 13 en el hogar"),
}
LANGUAGE_NAMES: dict[str, tuple[str, str]] = {
    "en": ("English", "Inglés"),
    "es": ("Spanish", "Español"),
}
NOTE_FIELDS: dict[str, tuple[str, str]] = {
    "recruitment": ("Recruitment", "Reclutamiento"),
    "size": ("Size", "Tamaño"),
    "period": ("Period", "Periodo"),
    "location": ("Location", "Lugar"),
    "mode": ("Mode", "Modalidad"),
    "recording": ("Recording", "Registro"),
    "materials": ("Materials", "Materiales"),
    "unit": ("Unit of analysis", "Unidad de análisis"),
    "coders": ("Coders", "Codificadores"),
    "steps": ("Steps", "Pasos"),
}


KEY_NAMES: dict[str, tuple[str, str]] = {
    "first third": ("first third", "primer tercio"),
    "last third": ("last third", "último tercio"),
}
"""Group names the agreement stage uses that are words rather than ids."""


TEXT_STATUS_NAMES: dict[str, tuple[str, str]] = {
    "verbatim": ("verbatim (read out)", "textual (leída a las personas)"),
    "variable-label": ("variable label", "etiqueta de variable"),
    "secondary-source": ("secondary source", "fuente secundaria"),
    "paraphrase": ("paraphrase", "paráfrasis"),
    "candidate": ("candidate", "candidata"),
}
STATUS_NAMES: dict[str, tuple[str, str]] = {
    "in-use": ("in use", "en uso"),
    "candidate": ("candidate", "candidata"),
    "retired": ("retired", "retirada"),
}
PROBE_KINDS: dict[str, tuple[str, str]] = {
    "comprehension": ("comprehension", "comprensión"),
    "paraphrase": ("paraphrase", "paráfrasis"),
    "recall": ("recall", "recuerdo"),
    "judgement": ("judgement", "juicio"),
    "response-mapping": ("response mapping", "elección de respuesta"),
    "general": ("general", "general"),
    "scripted": ("scripted", "con guion"),
    "spontaneous": ("spontaneous", "espontáneo"),
}
CHECK_NAMES: dict[str, tuple[str, str]] = {
    "long-sentence": ("long sentence", "oración larga"),
    "double-barrelled": ("double-barrelled", "pregunta doble"),
    "vague-quantifier": ("vague quantifier", "cuantificador vago"),
    "undefined-term": ("undefined term", "término sin definir"),
    "reference-period": ("reference period", "periodo de referencia"),
    "negation": ("negation", "negación"),
    "text-status": ("text status", "tipo de texto"),
    "language": ("language", "idioma"),
}
SEVERITY_NAMES: dict[str, tuple[str, str]] = {
    "info": ("info", "información"),
    "warning": ("warning", "advertencia"),
}
FILE_ROLES: dict[str, tuple[str, str]] = {
    "study": ("study", "estudio"),
    "study notes": ("study notes", "notas del estudio"),
    "journal": ("journal", "bitácora"),
    "recode sample": ("recode sample", "muestra de recodificación"),
    "withdrawals": ("consent withdrawals", "retiros de consentimiento"),
    "comparison spec": ("comparison spec", "especificación"),
    "microdata": ("microdata", "microdatos"),
    "wordings": ("wordings registry", "registro de redacciones"),
}

NAME_TABLES: dict[str, dict[str, tuple[str, str]]] = {
    "attribute": ATTRIBUTE_NAMES,
    "language": LANGUAGE_NAMES,
    "note-field": NOTE_FIELDS,
    "group": KEY_NAMES,
    "text-status": TEXT_STATUS_NAMES,
    "status": STATUS_NAMES,
    "probe-kind": PROBE_KINDS,
    "check": CHECK_NAMES,
    "severity": SEVERITY_NAMES,
    "file-role": FILE_ROLES,
}
"""Each table of names under the part of its catalogue keys (``name.attribute.sex``)."""
