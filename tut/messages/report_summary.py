"""Report words of the first page (headline, key numbers, caveats) and the wordings.

Each key maps to (English, Spanish); :mod:`tut.messages` files them under ``report.``
and :data:`tut.report.i18n.TEXT` is the report's view of them.
"""

from __future__ import annotations

SUMMARY_TEXT: dict[str, tuple[str, str]] = {
    "sec-summary": ("Summary", "Resumen"),
    "sec-wordings": ("The wordings side by side", "Las redacciones lado a lado"),
    "sub-diff": ("Word-level differences", "Diferencias palabra por palabra"),
    "sub-flags": ("Wording-check flags", "Alertas de la revisión de redacción"),
    "text-status": ("Text status", "Tipo de texto"),
    "source": ("Source", "Fuente"),
    "citation": ("Citation", "Referencia"),
    "key-terms": ("Key terms", "Términos clave"),
    "not-read-out": (
        "Not the text respondents heard ({status}).",
        "No es el texto que escucharon las personas ({status}).",
    ),
    "no-flags": ("No flags.", "Sin alertas."),
    "no-wording": ("Wording not found in the registry.", "Redacción no encontrada en el registro."),
    "similarity": ("similarity", "similitud"),
    "alternative": ("alternative", "alternativa"),
    "method-alpha": ("Krippendorff's alpha", "alfa de Krippendorff"),
    "method-sets": (
        "sets of codes compared with the MASI distance (Passonneau 2006), each code also as "
        "present/absent",
        "conjuntos de códigos comparados con la distancia MASI (Passonneau 2006), y cada "
        "código como presente/ausente",
    ),
    "method-bootstrap": (
        "intervals from a bootstrap over units (segments with all their codes), {n} "
        "resamples, seed {seed}; variants, probes, coder pairs and thirds share one set of "
        "resamples of the study's segments (a group's size varies from resample to resample); "
        "per code, no interval when the code is on fewer than 5 "
        "segments coded by two or more coders, or missing from fewer than 5 (too few uses)",
        "intervalos de un bootstrap sobre unidades (segmentos con todos sus códigos), {n} "
        "remuestreos, semilla {seed}; variantes, sondeos, pares de codificadores y tercios "
        "comparten un mismo conjunto de remuestreos de los segmentos del estudio (el tamaño "
        "de cada grupo varía de un remuestreo a otro); "
        "por código, sin intervalo si el código está en menos "
        "de 5 segmentos codificados por dos o más codificadores, o falta en menos de 5 "
        "(muy pocos usos)",
    ),
    "method-units": (
        "{n:|segment|segments} coded by two or more coders; {once} coded once, left out",
        "{n:|segmento codificado|segmentos codificados} por dos o más codificadores; "
        "{once} {once:codificado|codificados} una vez, {once:excluido|excluidos}",
    ),
    "method-analytic": (
        "intervals by Gwet's linearisation",
        "intervalos por la linealización de Gwet",
    ),
    "frame-unreliable-plain": (
        "The coding frame is NOT reliable (alpha {alpha} < 0.667). The interview numbers "
        "below are shown for transparency only and are flagged.",
        "El marco de codificación NO es confiable (alfa {alpha} < 0.667). Las cifras de las "
        "entrevistas se muestran solo por transparencia y están marcadas.",
    ),
    "frame-undefined-plain": (
        "Inter-coder agreement could not be computed ({why}); the interview numbers are flagged.",
        "No se pudo calcular el acuerdo entre codificadores ({why}); las cifras de las "
        "entrevistas están marcadas.",
    ),
    "frame-tentative-plain": (
        "The coding frame is tentatively reliable (alpha {alpha}, {ci}): conclusions from the "
        "interviews are tentative.",
        "El marco de codificación es confiable de forma tentativa (alfa {alpha}, {ci}): las "
        "conclusiones de las entrevistas son tentativas.",
    ),
    "frame-reliable-plain": (
        "The coding frame is reliable (alpha {alpha}, {ci}).",
        "El marco de codificación es confiable (alfa {alpha}, {ci}).",
    ),
    "holm": ("Holm", "Holm"),
    "effect": ("Effect size", "Tamaño del efecto"),
    "consensus-line": (
        "Consensus codes: {adjudicated} adjudicated, {agreed} agreed by all coders, "
        "{single} coded once, {unresolved} unresolved (left out of the distributions).",
        "Códigos de consenso: {adjudicated} {adjudicated:adjudicado|adjudicados}, {agreed} con "
        "acuerdo de todos, {single} {single:codificado|codificados} una vez, {unresolved} sin "
        "resolver (fuera de las distribuciones).",
    ),
    "headline-inconclusive": (
        "Inconclusive: the coding frame is not reliable (alpha {alpha} < 0.667), so the "
        "interviews cannot say which wording measures supervisory care better.",
        "No concluyente: el marco de codificación no es confiable (alfa {alpha} < 0.667), así "
        "que las entrevistas no pueden decir qué redacción mide mejor el cuidado pasivo.",
    ),
    "headline-undefined": (
        "Inconclusive: inter-coder agreement could not be computed ({why}), so the interviews "
        "cannot say which wording measures supervisory care better.",
        "No concluyente: no se pudo calcular el acuerdo entre codificadores ({why}), así que "
        "las entrevistas no pueden decir qué redacción mide mejor el cuidado pasivo.",
    ),
    "caveat-other-wordings": (
        "The microdata compare wordings the interviews did not test: {wordings}. Their "
        "findings are about that change of wording, not the one the interviews compared.",
        "Los microdatos comparan redacciones que las entrevistas no probaron: {wordings}. Sus "
        "resultados tratan de ese cambio de redacción, no del que compararon las entrevistas.",
    ),
    "headline-no-targets": (
        "Inconclusive: the study notes name no target-concept codes, so no reading counts as "
        "the concept to measure (create coded_responses/{study}/methods.yaml with "
        "concept: target_codes: [...]; README, \"Study notes\").",
        "No concluyente: las notas del estudio no indican códigos del concepto buscado, así "
        "que ninguna lectura cuenta como el concepto a medir (cree "
        "coded_responses/{study}/methods.yaml con concept: target_codes: [...]; README, "
        "\"Study notes\").",
    ),
    "reason-frame-unreliable": (
        "The coding frame is not reliable (alpha {alpha} < 0.667): no conclusion is drawn.",
        "El marco de codificación no es confiable (alfa {alpha} < 0.667): no se concluye nada.",
    ),
    "reason-frame-undefined": (
        "Inter-coder agreement could not be computed ({why}): no conclusion is drawn.",
        "No se pudo calcular el acuerdo entre codificadores ({why}): no se concluye nada.",
    ),
    "reason-no-targets": (
        "The study notes name no target-concept codes (methods.yaml, concept.target_codes).",
        "Las notas del estudio no indican códigos del concepto buscado (methods.yaml, "
        "concept.target_codes).",
    ),
    "reason-frame-tentative": (
        "The frame is only tentatively reliable (alpha {alpha}): treat this as tentative.",
        "El marco solo es confiable de forma tentativa (alfa {alpha}): tómelo como tentativo.",
    ),
    "reason-no-readings": (
        "One of the wordings has no coded comprehension answers.",
        "Una de las redacciones no tiene respuestas de comprensión codificadas.",
    ),
    "micro-line": (
        "In the microdata, {b} instead of {a} changes {outcome} by {diff} {unit} ({level} CI "
        "{ci}; p {p}, Holm p {p_holm}), {relative} on the estimate under {a}; {effect}.",
        "En los microdatos, {b} en lugar de {a} cambia {outcome} en {diff} {unit} (IC {level} "
        "{ci}; p {p}, p de Holm {p_holm}), {relative} sobre la estimación con {a}; {effect}.",
    ),
    "micro-short": (
        "In the microdata, {b} instead of {a} changes {outcome} by {diff} {unit} ({relative} "
        "on {a}).",
        "En los microdatos, {b} en lugar de {a} cambia {outcome} en {diff} {unit} ({relative} "
        "sobre {a}).",
    ),
    "micro-gap-short": (
        "It changes the {first} − {second} gap from {gap_a} to {gap_b} (p {did_p}).",
        "Cambia la brecha {first} − {second} de {gap_a} a {gap_b} (p {did_p}).",
    ),
    "micro-gap": (
        "Gap {first} − {second}: {gap_a} under {a}, {gap_b} under {b}; the wording changes the "
        "gap by {did} ({level} CI {did_ci}; p {did_p}).",
        "Brecha {first} − {second}: {gap_a} con {a}, {gap_b} con {b}; la redacción cambia la "
        "brecha en {did} (IC {level} {did_ci}; p {did_p}).",
    ),
    "rule-3": (
        "If the frame's alpha is below 0.667 the finding is inconclusive; codes whose own alpha "
        "is below 0.667 are flagged ⚠ (Krippendorff 2004).",
        "Si el alfa del marco es menor que 0.667 el hallazgo no es concluyente; los códigos con "
        "alfa propio menor que 0.667 se marcan ⚠ (Krippendorff 2004).",
    ),
    "rule-consensus": (
        "Consensus codes: adjudicated codes; else the codes all coders agree on; else those of "
        "the only coder; segments still in disagreement are left out and counted.",
        "Códigos de consenso: los adjudicados; si no, los que comparten todos los codificadores; "
        "si no, los del único codificador; los segmentos aún en desacuerdo se excluyen y cuentan.",
    ),
    "key-interviews": (
        "Interviews, {language} ({paired} heard both)",
        "Entrevistas en {language} ({paired} oyeron ambas)",
    ),
    "key-read-target": ("Read as the target concept", "Entendida como el concepto buscado"),
    "key-read-off": ("Read off target", "Entendida fuera del concepto"),
    "key-agreement": ("Inter-coder agreement", "Acuerdo entre codificadores"),
    "key-alpha": ("Krippendorff's alpha (95% CI)", "Alfa de Krippendorff (IC 95%)"),
    "key-alpha-verdict": (
        "{verdict} ({coders:|coder|coders}, {units:|segment|segments})",
        "{verdict} ({coders:|codificador|codificadores}, {units:|segmento|segmentos})",
    ),
    "key-microdata": ("Microdata ({rows} records)", "Microdatos ({rows} registros)"),
    "key-difference": ("Difference", "Diferencia"),
    "key-nonresponse": ("Item non-response", "No respuesta al reactivo"),
    "key-reference": ("{variant} (in use)", "{variant} (en uso)"),
    "main-caveats": ("Read with care", "Tome en cuenta"),
    "better-means": (
        "Better means: more respondents read the wording as the concept the survey wants "
        "(responsible, available, a general idea of what the child is doing: Stewart and "
        "Allard 2015), fewer as mere presence or hands-on care only. The microdata show how "
        "much switching changes the published numbers, not which wording is right. Rules: "
        "Methods.",
        "Mejor significa: más personas entienden la redacción como el concepto que busca la "
        "encuesta (estar a cargo, disponible, con una idea general de lo que hace el niño o la "
        "niña: Stewart y Allard 2015) y menos como simple presencia o solo cuidado activo. Los "
        "microdatos muestran cuánto cambiarían las cifras publicadas, no qué redacción es la "
        "correcta. Reglas: Métodos.",
    ),
    "wording-meta": (
        "{language} · text: {text_status} · {status} · version {version}",
        "{language} · texto: {text_status} · {status} · versión {version}",
    ),
    "caveat-frame-tentative": (
        "Coders agree only tentatively (alpha {alpha}, between 0.667 and 0.800): treat the "
        "interview findings as tentative.",
        "El acuerdo entre codificadores es solo tentativo (alfa {alpha}, entre 0.667 y 0.800): "
        "tome los hallazgos de las entrevistas como tentativos.",
    ),
    "caveat-frame-unreliable": (
        "Coders do NOT agree well enough (alpha {alpha} < 0.667): the interview numbers cannot "
        "be trusted and no wording is preferred.",
        "Los codificadores NO coinciden lo suficiente (alfa {alpha} < 0.667): las cifras de las "
        "entrevistas no son confiables y no se prefiere ninguna redacción.",
    ),
    "caveat-frame-undefined": (
        "Inter-coder agreement could not be computed ({why}).",
        "No se pudo calcular el acuerdo entre codificadores ({why}).",
    ),
    "caveat-rule-codes": (
        "Codes the decision rests on that coders did not apply reliably (alpha < 0.667): {codes}.",
        "Códigos de la decisión que no se aplicaron de forma confiable (alfa < 0.667): {codes}.",
    ),
    "caveat-other-codes": (
        "Other codes below 0.667, flagged ⚠ in the tables: {codes}.",
        "Otros códigos bajo 0.667, marcados ⚠ en las tablas: {codes}.",
    ),
    "caveat-sample": (
        "{respondents:|respondent|respondents}, a purposive sample: the interviews show how a "
        "wording can be read, not how often.",
        "{respondents:|persona|personas}, muestra intencional: las entrevistas muestran cómo puede "
        "entenderse una redacción, no con qué frecuencia.",
    ),
    "caveat-nonresponse": (
        "Item non-response differs between wordings: {b} {rate_b} against {a} {rate_a} "
        "({diff}, p {p}).",
        "La no respuesta al reactivo difiere entre redacciones: {b} {rate_b} frente a {a} "
        "{rate_a} ({diff}, p {p}).",
    ),
    "caveat-low-precision": (
        "Some domain estimates have low precision (CV 30% or more, marked **): do not publish "
        "them.",
        "Algunas estimaciones por dominio tienen precisión baja (CV de 30% o más, marcadas **): "
        "no las publique.",
    ),
}
