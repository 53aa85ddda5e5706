"""Report text of the decisions (headline, findings, rules, warnings), English and Spanish.

Kept apart from the rest of the report's words (the ``report_*`` modules beside it) so the
wording of verdicts can be read and reviewed in one place; :mod:`tut.messages` files it
under ``report.`` with the rest.
Variant names in these texts are the wordings' short labels, filled in by the renderers.
"""

from __future__ import annotations

DECISION_TEXT: dict[str, tuple[str, str]] = {
    # headlines: the report language's own comparison
    "headline-better": (
        "{alternative} measures supervisory care better than {reference}.",
        "{alternative} mide el cuidado pasivo mejor que {reference}.",
    ),
    "headline-better-tentative": (
        "Tentatively, {alternative} measures supervisory care better than {reference}.",
        "De forma tentativa, {alternative} mide el cuidado pasivo mejor que {reference}.",
    ),
    "headline-worse": (
        "{reference}, the wording in use, measures supervisory care better than {alternative}.",
        "{reference}, la redacción en uso, mide el cuidado pasivo mejor que {alternative}.",
    ),
    "headline-worse-tentative": (
        "Tentatively, {reference}, the wording in use, measures supervisory care better than "
        "{alternative}.",
        "De forma tentativa, {reference}, la redacción en uso, mide el cuidado pasivo mejor "
        "que {alternative}.",
    ),
    "headline-suggestive-better": (
        "{alternative} may measure supervisory care better than {reference}: the difference is "
        "large but too few respondents to be sure (p {p}).",
        "{alternative} podría medir el cuidado pasivo mejor que {reference}: la diferencia es "
        "grande, pero hay muy pocas personas para estar seguros (p {p}).",
    ),
    "headline-suggestive-better-tentative": (
        "Tentatively, {alternative} may measure supervisory care better than {reference}: the "
        "difference is large but too few respondents to be sure (p {p}).",
        "De forma tentativa, {alternative} podría medir el cuidado pasivo mejor que "
        "{reference}: la diferencia es grande, pero hay muy pocas personas para estar seguros "
        "(p {p}).",
    ),
    "headline-suggestive-worse": (
        "{reference}, the wording in use, may measure supervisory care better than "
        "{alternative}, but too few respondents to be sure (p {p}).",
        "{reference}, la redacción en uso, podría medir el cuidado pasivo mejor que "
        "{alternative}, pero hay muy pocas personas para estar seguros (p {p}).",
    ),
    "headline-suggestive-worse-tentative": (
        "Tentatively, {reference}, the wording in use, may measure supervisory care better "
        "than {alternative}, but too few respondents to be sure (p {p}).",
        "De forma tentativa, {reference}, la redacción en uso, podría medir el cuidado pasivo "
        "mejor que {alternative}, pero hay muy pocas personas para estar seguros (p {p}).",
    ),
    "headline-no-difference": (
        "No clear difference: {alternative} does not measure supervisory care clearly better "
        "or worse than {reference}.",
        "Sin diferencia clara: {alternative} no mide el cuidado pasivo claramente mejor ni "
        "peor que {reference}.",
    ),
    "headline-no-difference-tentative": (
        "Tentatively, no clear difference: {alternative} does not measure supervisory care "
        "clearly better or worse than {reference}.",
        "De forma tentativa, sin diferencia clara: {alternative} no mide el cuidado pasivo "
        "claramente mejor ni peor que {reference}.",
    ),
    "headline-no-comparison": (
        "No wordings were compared: the study has no pair of wordings in one language.",
        "No se compararon redacciones: el estudio no tiene un par de redacciones en un idioma.",
    ),
    "headline-no-readings": (
        "Inconclusive: a wording has no coded comprehension answers.",
        "No concluyente: una redacción no tiene respuestas de comprensión codificadas.",
    ),
    # findings per language
    "finding-better": ("better", "mejor"),
    "finding-worse": ("worse", "peor"),
    "finding-suggestive-better": (
        "suggestive: may be better, not confirmed by the test",
        "indicio: podría ser mejor, sin confirmación de la prueba",
    ),
    "finding-suggestive-worse": (
        "suggestive: may be worse, not confirmed by the test",
        "indicio: podría ser peor, sin confirmación de la prueba",
    ),
    "finding-no-clear-difference": ("no clear difference", "sin diferencia clara"),
    "finding-inconclusive": ("inconclusive", "no concluyente"),
    "finding-tentative": ("tentatively", "de forma tentativa"),
    "finding-line": (
        "{language}: {alternative} vs {reference}: {finding}.",
        "{language}: {alternative} frente a {reference}: {finding}.",
    ),
    "reason-target": (
        "{alt_target} of {alt_n:|respondent|respondents} read {alternative} as the target concept, against "
        "{ref_target} of {ref_n} for {reference} ({delta}; it matters from {margin}).",
        "{alt_target} de {alt_n:|persona|personas} {alt_target:entendió|entendieron} {alternative} como el concepto buscado, "
        "frente a {ref_target} de {ref_n} con {reference} ({delta}; importa desde {margin}).",
    ),
    "reason-off-target": (
        "Off-target readings: {alt_off} of {alt_n} with {alternative}, {ref_off} of {ref_n} "
        "with {reference}.",
        "Lecturas fuera del concepto: {alt_off} de {alt_n} con {alternative}, {ref_off} de "
        "{ref_n} con {reference}.",
    ),
    "reason-mcnemar": (
        "Among the {paired} respondents who heard both, exact McNemar test p {p} (the test "
        "supports a difference when p < {level}).",
        "Entre las {paired} personas que escucharon ambas, prueba exacta de McNemar p {p} (la "
        "prueba respalda una diferencia cuando p < {level}).",
    ),
    "reason-fisher": (
        "Different respondents heard each wording: Fisher's exact test p {p} (the test "
        "supports a difference when p < {level}).",
        "Cada redacción la escucharon personas distintas: prueba exacta de Fisher p {p} (la "
        "prueba respalda una diferencia cuando p < {level}).",
    ),
    "test-mcnemar": ("McNemar", "McNemar"),
    "test-fisher": ("Fisher", "Fisher"),
    "reason-codes-flagged": (
        "Codes this decision rests on that are not reliable on their own: {codes}. The finding "
        "is tentative.",
        "Códigos en los que se basa esta decisión y que no son confiables por sí solos: "
        "{codes}. El hallazgo es tentativo.",
    ),
    # the key numbers
    "key-decision": (
        "Verdict (matters from ±{margin} pp; exact test)",
        "Veredicto (importa desde ±{margin} pp; prueba exacta)",
    ),
    "key-test": ("{test} p {p}", "{test} p {p}"),
    "key-share-note": (
        "Shares of respondents, 95% Wilson intervals; off target = 100% − on target.",
        "Porcentajes de personas, intervalos de Wilson al 95%; fuera = 100% − dentro.",
    ),
    "key-share-note-both": (
        "Shares are of respondents, with 95% Wilson intervals.",
        "Los porcentajes son de personas, con intervalos de Wilson al 95%.",
    ),
    # the rules
    "rule-1": (
        "Reading of a wording: a respondent reads it as the target concept when a consensus code "
        "on one of their comprehension answers (probes of kind comprehension or paraphrase) is a "
        "target code ({target}); off target when one is an off-target code ({off}). Shares are "
        "of respondents, with 95% Wilson intervals.",
        "Lectura de una redacción: una persona la entiende como el concepto buscado cuando un "
        "código de consenso en alguna de sus respuestas de comprensión (sondeos de comprensión o "
        "paráfrasis) es un código del concepto ({target}); fuera del concepto cuando es uno de "
        "({off}). Los porcentajes son de personas, con intervalos de Wilson al 95%.",
    ),
    "rule-2": (
        "Within a language, an alternative is better than the wording in use when both hold: "
        "an exact test supports the difference in the share read on target at p < {p} (McNemar "
        "for respondents who heard both wordings, Fisher for different respondents), and the "
        "difference is at least {margin}. Worse mirrors better. A difference of {margin} or "
        "more that the test does not support is suggestive; anything smaller is no clear "
        "difference. The answer is hedged (tentatively) when the frame's alpha is below 0.800 "
        "or a code the decision rests on has alpha below 0.667.",
        "En un idioma, una alternativa es mejor que la redacción en uso cuando se cumplen "
        "ambas: una prueba exacta respalda la diferencia en el porcentaje entendido dentro del "
        "concepto con p < {p} (McNemar si las mismas personas escucharon ambas, Fisher si "
        "fueron personas distintas), y la diferencia es de al menos {margin}. Peor es lo "
        "inverso. Una diferencia de {margin} o más que la prueba no respalda es un indicio; "
        "una menor es sin diferencia clara. La respuesta se matiza (de forma tentativa) cuando "
        "el alfa del marco es menor que 0.800 o un código en que se basa tiene alfa menor que "
        "0.667.",
    ),
    "rule-4": (
        "In the microdata, a difference is significant when its Holm-adjusted p-value is below "
        "{p}. It matters (the one rule that decides) when it is at least {min_day} minutes a "
        "day ({h_week} hours a week) or {relative} of the reference estimate. Cohen's d (or h) "
        "is shown as context: it compares the change with the spread between respondents and "
        "decides nothing.",
        "En los microdatos, una diferencia es significativa cuando su p ajustado por Holm es "
        "menor que {p}. Importa (la única regla que decide) cuando es de al menos {min_day} "
        "minutos al día ({h_week} horas a la semana) o {relative} de la estimación de "
        "referencia. La d (o h) de Cohen se muestra como contexto: compara el cambio con la "
        "dispersión entre personas y no decide nada.",
    ),
    # the microdata
    "micro-judgement-sig-sub": (
        "The change is statistically significant and large enough to matter by the report's "
        "rule ({by}).",
        "El cambio es estadísticamente significativo y lo bastante grande para importar según "
        "la regla del informe ({by}).",
    ),
    "micro-judgement-sig": (
        "The change is statistically significant but below the report's rule for mattering "
        "({rule}).",
        "El cambio es estadísticamente significativo pero no alcanza la regla del informe para "
        "importar ({rule}).",
    ),
    "micro-judgement-none": (
        "The change is not statistically significant.",
        "El cambio no es estadísticamente significativo.",
    ),
    "matters-minutes": (
        "at least {min_day} minutes a day",
        "al menos {min_day} minutos al día",
    ),
    "matters-hours": ("at least {h_week} hours a week", "al menos {h_week} horas a la semana"),
    "matters-relative": (
        "at least {relative} of the reference estimate",
        "al menos {relative} de la estimación de referencia",
    ),
    "matters-rule": (
        "{min_day} minutes a day, {h_week} hours a week or {relative} of the estimate",
        "{min_day} minutos al día, {h_week} horas a la semana o {relative} de la estimación",
    ),
    "effect-words": (
        "{kind} = {value} ({size}), for context only",
        "{kind} = {value} ({size}), solo como contexto",
    ),
    "effect-negligible": (
        "under Cohen's 0.2 for a small effect",
        "menor que el 0.2 de Cohen para un efecto pequeño",
    ),
    "effect-small": ("small by Cohen's benchmarks", "pequeño según Cohen"),
    "effect-medium": ("medium by Cohen's benchmarks", "mediano según Cohen"),
    "effect-large": ("large by Cohen's benchmarks", "grande según Cohen"),
    "chart-readings": (
        "{language}: share of respondents per wording, 95% Wilson intervals",
        "{language}: porcentaje de personas por redacción, intervalos de Wilson al 95%",
    ),
    "sub-chart-readings": (
        "How respondents read each wording, by language",
        "Cómo entendieron cada redacción, por idioma",
    ),
    "app-wording-ids": (
        "Wordings and their ids in the registry",
        "Redacciones y sus identificadores en el registro",
    ),
    "registry-id": ("Registry id", "Identificador en el registro"),
    # warnings about the coding (page 1 and the CLI)
    "warn-unresolved": (
        "Segments not adjudicated (coders disagree): {segments} (respondents: {respondents}); "
        "they are left out of the readings (run tut adjudicate).",
        "Segmentos sin adjudicar (los codificadores discrepan): {segments} (personas: "
        "{respondents}); quedan fuera de las lecturas (use tut adjudicate).",
    ),
    "warn-conflicts": (
        "Segments with conflicting adjudications (adjudicators decided differently): "
        "{segments}; they are left out of the readings.",
        "Segmentos con adjudicaciones en conflicto (los adjudicadores decidieron distinto): "
        "{segments}; quedan fuera de las lecturas.",
    ),
    "warn-withdrawn": (
        "Respondents who withdrew consent: {respondents}; their answers are left out of the "
        "report.",
        "Personas que retiraron su consentimiento: {respondents}; sus respuestas quedan fuera "
        "del informe.",
    ),
}
"""Message key -> (English, Spanish)."""
