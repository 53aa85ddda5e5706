"""Messages of the wording checks (``tut instruments check``, the report's flags), English and
Spanish; :mod:`tut.messages` files them under ``check.``.

A flag carries a language-neutral key and its numbers and words, so the same result reads
in either language (the CLI with ``--lang``, the Spanish report) without losing "40 words".
Lists in a flag's parameters (example words) are quoted by
:func:`tut.instruments.checks.render_message` the way each language quotes words."""

from __future__ import annotations

CHECK_ABOUT: dict[str, tuple[str, str]] = {
    "long-sentence": (
        "a sentence has more words than respondents can hold in mind",
        "una oración tiene más palabras de las que una persona retiene al oírla",
    ),
    "double-barrelled": (
        "two questions in one ('and/or', two verbs joined by and/or, 'and if so')",
        "dos preguntas en una (dos verbos o ideas unidos por «y/o»)",
    ),
    "vague-quantifier": (
        "words like 'often' or 'a menudo' that respondents read differently",
        "palabras como «a menudo» que cada persona entiende distinto",
    ),
    "undefined-term": (
        "a key term with no definition, in the wording or for the interviewer",
        "un término clave sin definición, ni en la redacción ni para quien entrevista",
    ),
    "reference-period": (
        "the wording does not say which period to think about",
        "la redacción no dice a qué periodo referirse",
    ),
    "negation": (
        "negative wording (and double negatives) that is easy to misread",
        "redacción negativa (o doble negación), fácil de malinterpretar",
    ),
    "text-status": (
        "the text checked is not what respondents heard",
        "el texto revisado no es el que escucharon las personas",
    ),
    "language": (
        "no word lists for this language: only sentence length is checked",
        "no hay listas de palabras para este idioma: solo se revisa la longitud",
    ),
}
"""What each check looks for (``check-about.<id>``: ``tut instruments check --help``, the
report's explanation of a flag); the evidence is shown after it in the wording's language."""

CHECK_TEXT: dict[str, tuple[str, str]] = {
    "long-sentence": (
        "sentence of {words} words (more than {limit}); respondents may lose the start by the end",
        "oración de {words} palabras (más de {limit}); la persona puede perder el principio al "
        "llegar al final",
    ),
    "and-or": (
        "'{phrase}' asks two things at once; respondents answer one of them",
        "«{phrase}» pregunta dos cosas a la vez; la persona responde solo una de ellas",
    ),
    "follow-up": (
        "'{phrase}' adds a second question to the first; ask it separately",
        "«{phrase}» añade una segunda pregunta a la primera; hágala por separado",
    ),
    "two-verbs": (
        "two verbs joined by '{conjunction}' ('{first}' … '{second}'): it may ask two questions "
        "in one",
        "dos verbos unidos por «{conjunction}» («{first}» … «{second}»): puede hacer dos "
        "preguntas en una",
    ),
    "vague-quantifier": (
        "vague quantifier '{phrase}': respondents give it different values",
        "cuantificador vago «{phrase}»: cada persona le da un valor distinto",
    ),
    "frequency-no-unit": (
        "'{phrase}' asks for a frequency without a unit (times a day? a week?); unless the answer "
        "options are counts, answers come back as vague quantifiers ({examples})",
        "«{phrase}» pide una frecuencia sin unidad (¿veces al día?, ¿a la semana?); salvo que las "
        "opciones de respuesta sean conteos, las respuestas llegan como cuantificadores vagos "
        "({examples})",
    ),
    "negation": (
        "negative wording '{phrase}': check that a 'yes' or 'no' answer cannot be read two ways",
        "redacción negativa «{phrase}»: verifique que un «sí» o un «no» no pueda entenderse de "
        "dos maneras",
    ),
    "double-negative": (
        "{count} negations in one sentence: a double negative is easy to misread",
        "{count} negaciones en una oración: una doble negación es fácil de malinterpretar",
    ),
    "no-reference-period": (
        "no reference period in the wording nor in the variant's reference_period",
        "no hay periodo de referencia ni en la redacción ni en el reference_period de la variante",
    ),
    "period-not-stated": (
        "the wording does not state the reference period ({period}); respondents must carry it "
        "over from earlier questions",
        "la redacción no dice el periodo de referencia ({period}); la persona tiene que traerlo "
        "de preguntas anteriores",
    ),
    "undefined-term": (
        "key term '{term}' is not defined (add a definition, or explain it in the wording or the "
        "interviewer instructions)",
        "el término clave «{term}» no está definido (agregue una definición, o explíquelo en la "
        "redacción o en las instrucciones para quien entrevista)",
    ),
    "text-status-variable-label": (
        "checked text is a data-file variable label, not the read-out text: the flags describe "
        "this text, not necessarily what respondents heard",
        "el texto revisado es una etiqueta de variable del archivo de datos, no el texto leído: "
        "las alertas describen este texto, no necesariamente lo que escucharon las personas",
    ),
    "text-status-paraphrase": (
        "checked text is a paraphrase, not the read-out text: the flags describe this text, not "
        "necessarily what respondents heard",
        "el texto revisado es una paráfrasis, no el texto leído: las alertas describen este "
        "texto, no necesariamente lo que escucharon las personas",
    ),
    "text-status-secondary-source": (
        "checked text is a third-party copy of the wording (verify it before quoting): the flags "
        "describe this text, not necessarily what respondents heard",
        "el texto revisado es una copia de terceros de la redacción (verifíquela antes de "
        "citarla): las alertas describen este texto, no necesariamente lo que escucharon las "
        "personas",
    ),
    "language": (
        "no wording checks for language '{language}' (supported: {supported}); only sentence "
        "length was checked",
        "no hay revisiones de redacción para el idioma «{language}» (disponibles: {supported}); "
        "solo se revisó la longitud de las oraciones",
    ),
}
