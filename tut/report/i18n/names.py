"""Display names (English, Spanish) of ids: attributes, languages, statuses, checks, file
roles; and Spanish labels of the demo data's values (:data:`LABELS_ES`, kept in
:mod:`tut.messages.labels`)."""

from __future__ import annotations

from tut.messages.labels import LABELS_ES as LABELS_ES  # re-exported: tut.report.i18n

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
CHECK_EXPLAINED_ES: dict[str, str] = {
    "long-sentence": "una oración tiene más palabras de las que una persona retiene al oírla",
    "double-barrelled": "dos preguntas en una (dos verbos o ideas unidos por «y/o»)",
    "vague-quantifier": "palabras como «a menudo» que cada persona entiende distinto",
    "undefined-term": "un término clave sin definición, ni en la redacción ni para quien entrevista",
    "reference-period": "la redacción no dice a qué periodo referirse",
    "negation": "redacción negativa (o doble negación), fácil de malinterpretar",
    "text-status": "el texto revisado no es el que escucharon las personas",
    "language": "no hay listas de palabras para este idioma: solo se revisa la longitud",
}
"""The wording checks explained in Spanish (the instruments stage words its messages in
English); the evidence, in the wording's own language, is shown after it."""
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
