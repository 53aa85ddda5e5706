"""Report text in English and Spanish, and number formatting shared by the renderers.

Respondent answers, wordings and study notes are shown in the language they were written
in; only the report's own words are translated. Numbers use a decimal point in both
languages (as INEGI publishes).
"""

from __future__ import annotations

import math
import re
from typing import Any, Literal

from tut.report.i18n_decisions import DECISION_TEXT

Lang = Literal["en", "es"]
LANGS: tuple[Lang, ...] = ("en", "es")

TEXT: dict[str, tuple[str, str]] = {
    # headings
    "report-title": ("Wording comparison report", "Informe de comparación de redacciones"),
    "illustrative-banner": (
        "ILLUSTRATIVE EXAMPLE: the interviews in this study are invented; no real respondent "
        "said them. The microdata are synthetic. Do not cite these results.",
        "EJEMPLO ILUSTRATIVO: las entrevistas de este estudio son inventadas; ninguna persona "
        "real las dijo. Los microdatos son sintéticos. No cite estos resultados.",
    ),
    "contents": ("Contents", "Contenido"),
    "sec-summary": ("Summary", "Resumen"),
    "sec-wordings": ("The wordings side by side", "Las redacciones lado a lado"),
    "sec-interviews": ("What the interviews revealed", "Lo que revelaron las entrevistas"),
    "sec-agreement": ("Inter-coder agreement", "Acuerdo entre codificadores"),
    "sec-microdata": ("What the microdata measured", "Lo que midieron los microdatos"),
    "sec-methods": ("Methods", "Métodos"),
    "sec-provenance": ("Provenance and reproduction", "Procedencia y reproducción"),
    "sec-rules": ("How the summary is decided", "Cómo se decide el resumen"),
    "sec-frame": ("Codes of the coding frame", "Códigos del marco de codificación"),
    "sub-readings": ("How respondents read each wording", "Cómo entendieron cada redacción"),
    "sub-distribution": ("Codes per wording", "Códigos por redacción"),
    "sub-quotes": ("Quotes per code", "Citas por código"),
    "sub-estimates": ("Estimates by wording and domain", "Estimaciones por redacción y dominio"),
    "sub-differences": ("Differences between wordings", "Diferencias entre redacciones"),
    "sub-gaps": (
        "The {first} − {second} gap and how the wording changes it",
        "La brecha {first} − {second} y cómo la cambia la redacción",
    ),
    "sub-nonresponse": ("Item non-response by wording", "No respuesta al reactivo por redacción"),
    "sub-chart-estimates": (
        "Estimates with {level} confidence intervals, by wording and sex",
        "Estimaciones con intervalos de confianza al {level}, por redacción y sexo",
    ),
    "sub-chart-codes": (
        "Share of coded answers with each code, by wording",
        "Porcentaje de respuestas codificadas con cada código, por redacción",
    ),
    "sub-diff": ("Word-level differences", "Diferencias palabra por palabra"),
    "sub-flags": ("Wording-check flags", "Alertas de la revisión de redacción"),
    "cirf-objectives": ("Research objectives", "Objetivos de la investigación"),
    "cirf-design": ("Research design", "Diseño de la investigación"),
    "cirf-ethics": ("Ethics", "Ética"),
    "cirf-sample": ("Sample", "Muestra"),
    "cirf-collection": ("Data collection and protocol", "Recolección de datos y protocolo"),
    "cirf-interviewers": ("Interviewers", "Entrevistadores"),
    "cirf-analysis": ("Coding and analysis", "Codificación y análisis"),
    "cirf-limitations": ("Strengths and limitations", "Fortalezas y limitaciones"),
    "cirf-intro": (
        "Reported following the Cognitive Interviewing Reporting Framework (CIRF; Boeije and "
        "Willis 2013, Methodology 9(3): 87-95).",
        "Se informa según el Cognitive Interviewing Reporting Framework (CIRF; Boeije y Willis "
        "2013, Methodology 9(3): 87-95).",
    ),
    # table headers and labels
    "wording": ("Wording", "Redacción"),
    "variant": ("Variant", "Variante"),
    "language": ("Language", "Idioma"),
    "text-status": ("Text status", "Tipo de texto"),
    "status": ("Status", "Estado"),
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
    "only-in": ("only in", "solo en"),
    "reference": ("reference, in use", "referencia, en uso"),
    "alternative": ("alternative", "alternativa"),
    "code": ("Code", "Código"),
    "role": ("Role", "Papel"),
    "role-target": ("target concept", "concepto buscado"),
    "role-off-target": ("off target", "fuera del concepto"),
    "role-boundary": ("boundary case", "caso límite"),
    "alpha": ("alpha", "alfa"),
    "ci": ("CI", "IC"),
    "ci-level": ("{level} CI", "IC {level}"),
    "verdict": ("Verdict", "Veredicto"),
    "units": ("Units", "Unidades"),
    "pairable": ("Pairable values", "Valores apareables"),
    "p-below": ("P(alpha < 0.667)", "P(alfa < 0.667)"),
    "respondents": ("Respondents", "Personas entrevistadas"),
    "segments": ("Segments", "Segmentos"),
    "coded": ("Coded (consensus)", "Codificados (consenso)"),
    "unresolved": ("Unresolved", "Sin resolver"),
    "on-target": ("Read as target concept", "Entendida como el concepto"),
    "off-target": ("Read off target", "Entendida fuera del concepto"),
    "net-fit": ("Net fit", "Ajuste neto"),
    "probe": ("Probe", "Sondeo"),
    "respondent": ("Respondent", "Persona"),
    "quote": ("Answer", "Respuesta"),
    "flag-unreliable": (
        "unreliable code: alpha below 0.667",
        "código no confiable: alfa menor que 0.667",
    ),
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
    "verdict-reliable": ("reliable", "confiable"),
    "verdict-tentative": ("tentative", "tentativo"),
    "verdict-unreliable": ("unreliable", "no confiable"),
    "verdict-undefined": ("undefined", "no definido"),
    "agreement-method": ("Method", "Método"),
    "method-alpha": ("Krippendorff's alpha", "alfa de Krippendorff"),
    "method-sets": (
        "sets of codes compared with the MASI distance (Passonneau 2006), each code also as "
        "present/absent",
        "conjuntos de códigos comparados con la distancia MASI (Passonneau 2006), y cada "
        "código como presente/ausente",
    ),
    "method-bootstrap": (
        "intervals from a bootstrap over units (segments with all their codes), {n} "
        "resamples, seed {seed}; per code, no interval when the code is on fewer than 5 "
        "segments coded by two or more coders, or missing from fewer than 5 (too few uses)",
        "intervalos de un bootstrap sobre unidades (segmentos con todos sus códigos), {n} "
        "remuestreos, semilla {seed}; por código, sin intervalo si el código está en menos "
        "de 5 segmentos codificados por dos o más codificadores, o falta en menos de 5 "
        "(muy pocos usos)",
    ),
    "too-few-uses": ("too few uses", "muy pocos usos"),
    "method-units": (
        "{n} segments coded by two or more coders; {once} coded once, left out",
        "{n} segmentos codificados por dos o más codificadores; {once} codificados una vez, "
        "excluidos",
    ),
    "method-analytic": (
        "intervals by Gwet's linearisation",
        "intervalos por la linealización de Gwet",
    ),
    "agreement-verdict-source": (
        "Verdicts: alpha ≥ 0.800 reliable, ≥ 0.667 tentative, below that unreliable "
        "(Krippendorff 2004, Content Analysis, 2nd ed., p. 241).",
        "Veredictos: alfa ≥ 0.800 confiable, ≥ 0.667 tentativo, menor no confiable "
        "(Krippendorff 2004, Content Analysis, 2a ed., p. 241).",
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
    "codes-unreliable-plain": (
        "Codes below the 0.667 floor, flagged ⚠ wherever they appear: {codes}.",
        "Códigos bajo el umbral de 0.667, marcados ⚠ donde aparecen: {codes}.",
    ),
    "outcome": ("Outcome", "Resultado"),
    "domain": ("Domain", "Dominio"),
    "all": ("All", "Total"),
    "estimate": ("Estimate", "Estimación"),
    "se": ("SE", "EE"),
    "cv": ("CV %", "CV %"),
    "n": ("n", "n"),
    "reliability": ("Precision", "Precisión"),
    "diff": ("Difference (b − a)", "Diferencia (b − a)"),
    "p": ("p", "p"),
    "p-holm": ("p (Holm)", "p (Holm)"),
    "holm": ("Holm", "Holm"),
    "ratio": ("Ratio b/a", "Razón b/a"),
    "effect": ("Effect size", "Tamaño del efecto"),
    "gap": ("Gap", "Brecha"),
    "did": ("Change in gap (DiD)", "Cambio en la brecha (DiD)"),
    "missing-rate": ("Missing", "Faltantes"),
    "weighted-rate": ("Weighted rate", "Tasa ponderada"),
    "participation": ("Participation", "Participación"),
    "mean-participants": ("Mean among participants", "Media entre participantes"),
    "no-microdata": (
        "No microdata comparison was given (--data).",
        "No se indicó una comparación de microdatos (--data).",
    ),
    "caveats": ("Caveats", "Advertencias"),
    "precision-note": (
        "* CV 15-30% (moderate precision), ** CV 30% or more (low precision: do not publish); "
        "p (Holm): adjusted across the domains of each outcome. Every estimate with its SE, CV, "
        "design effect and weighted population is in report.json.",
        "* CV de 15 a 30% (precisión moderada), ** CV de 30% o más (precisión baja: no "
        "publicar); p (Holm): ajustado entre los dominios de cada resultado. Cada estimación "
        "con su EE, CV, efecto de diseño y población ponderada está en report.json.",
    ),
    "datasets": ("Data sets", "Conjuntos de datos"),
    "design": ("Design", "Diseño"),
    "rows": ("Rows", "Filas"),
    "file": ("File", "Archivo"),
    "sha256": ("SHA-256", "SHA-256"),
    "bytes": ("Bytes", "Bytes"),
    "software": ("Software", "Software"),
    "generated": ("Generated", "Generado"),
    "seed": ("Seed", "Semilla"),
    "command": ("Command", "Comando"),
    "spec": ("Comparison spec", "Especificación de la comparación"),
    "pseudonymised-note": (
        "Respondent ids are replaced by pseudonyms (R01, R02 ...).",
        "Los identificadores de las personas se reemplazaron por seudónimos (R01, R02 ...).",
    ),
    "sample-line": (
        "{respondents} respondents, {interviews} interviews, {segments} coded segments "
        "(answers to one probe after one wording).",
        "{respondents} personas, {interviews} entrevistas, {segments} segmentos codificados "
        "(respuestas a un sondeo después de una redacción).",
    ),
    "by-language": ("By language", "Por idioma"),
    "wordings-per-respondent": (
        "Wordings heard per respondent",
        "Redacciones escuchadas por persona",
    ),
    "consensus-line": (
        "Consensus codes: {adjudicated} adjudicated, {agreed} agreed by all coders, "
        "{single} coded once, {unresolved} unresolved (left out of the distributions).",
        "Códigos de consenso: {adjudicated} adjudicados, {agreed} con acuerdo de todos, "
        "{single} codificados una vez, {unresolved} sin resolver (fuera de las distribuciones).",
    ),
    "coders-line": (
        "Coders: {coders}. Adjudication: {adjudicators}.",
        "Codificadores: {coders}. Adjudicación: {adjudicators}.",
    ),
    "protocol-line": (
        "Protocol {protocol} (version {version}); coding frame {frame}.",
        "Protocolo {protocol} (versión {version}); marco de codificación {frame}.",
    ),
    "probes-asked": ("Probes asked", "Sondeos aplicados"),
    "kind": ("Kind", "Tipo"),
    "mode": ("Mode", "Modalidad"),
    "text": ("Text", "Texto"),
    "definition": ("Definition", "Definición"),
    "label": ("Label", "Etiqueta"),
    "background": ("Background", "Formación"),
    # summary
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
    "why-better": (
        "Better means: more respondents read the wording as the concept the survey wants "
        "(responsibility, availability, a general idea of what the child is doing: Stewart and "
        "Allard 2015) and fewer read it as mere presence, hands-on care only, or did not "
        "understand it. The microdata do not say which wording is right; they show how much "
        "switching would change the published numbers.",
        "Mejor significa: más personas entienden la redacción como el concepto que busca la "
        "encuesta (responsabilidad, disponibilidad, una idea general de lo que hace el niño: "
        "Stewart y Allard 2015) y menos la entienden como simple presencia, solo cuidado "
        "activo, o no la entienden. Los microdatos no dicen qué redacción es la correcta; "
        "muestran cuánto cambiarían las cifras publicadas con el cambio.",
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
    "footer": (
        "Made with tut {version}. Citation URLs are shown as text; this file loads nothing "
        "from the network.",
        "Hecho con tut {version}. Las direcciones de las citas se muestran como texto; este "
        "archivo no carga nada de la red.",
    ),
    "true": ("yes", "sí"),
    "false": ("no", "no"),
    # the one-page summary
    "key-numbers": ("Key numbers", "Cifras clave"),
    "key-interviews": (
        "Interviews, {language} ({paired} heard both)",
        "Entrevistas en {language} ({paired} oyeron ambas)",
    ),
    "key-read-target": ("Read as the target concept", "Entendida como el concepto buscado"),
    "key-read-off": ("Read off target", "Entendida fuera del concepto"),
    "key-net-fit": ("Net fit (on minus off target)", "Ajuste neto (dentro menos fuera)"),
    "key-agreement": ("Inter-coder agreement", "Acuerdo entre codificadores"),
    "key-alpha": ("Krippendorff's alpha (95% CI)", "Alfa de Krippendorff (IC 95%)"),
    "key-alpha-verdict": (
        "{verdict} ({coders} coders, {units} segments)",
        "{verdict} ({coders} codificadores, {units} segmentos)",
    ),
    "key-microdata": ("Microdata ({rows} records)", "Microdatos ({rows} registros)"),
    "key-difference": ("Difference", "Diferencia"),
    "key-gap": ("{first} − {second} gap", "Brecha {first} − {second}"),
    "key-nonresponse": ("Item non-response", "No respuesta al reactivo"),
    "key-reference": ("{variant} (in use)", "{variant} (en uso)"),
    "main-caveats": ("Read with care", "Tome en cuenta"),
    "caveat-illustrative": (
        "The interviews are invented and the microdata synthetic: this report shows how tut "
        "works, not evidence about any wording.",
        "Las entrevistas son inventadas y los microdatos sintéticos: este informe muestra cómo "
        "funciona tut, no es evidencia sobre ninguna redacción.",
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
        "{respondents} respondents, a purposive sample: the interviews show how a wording can "
        "be read, not how often.",
        "{respondents} personas, muestra intencional: las entrevistas muestran cómo puede "
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
    # compact sections and the appendix
    "sec-appendix": ("Appendix: full tables", "Anexo: tablas completas"),
    "app-estimates": (
        "Estimates in cross-classified domains",
        "Estimaciones en dominios cruzados",
    ),
    "app-gaps": ("Gaps within domains", "Brechas dentro de los dominios"),
    "main-domains-note": (
        "Cross-classified domains (e.g. sex by age group) and gaps within domains are in the "
        "appendix.",
        "Los dominios cruzados (por ejemplo, sexo por grupo de edad) y las brechas dentro de "
        "los dominios están en el anexo.",
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
    "wording-meta": (
        "{language} · text: {text_status} · {status} · version {version}",
        "{language} · texto: {text_status} · {status} · versión {version}",
    ),
    "outcomes-shared": ("outcomes", "resultados"),
    "nr-difference": ("Difference ({b} − {a})", "Diferencia ({b} − {a})"),
    "sample-attributes": ("Who was interviewed", "Quiénes fueron entrevistados"),
    "missing-codes": ("Missing codes", "Códigos de faltante"),
    "chart-on-first-page": (
        "The chart of estimates by wording and sex is on the first page.",
        "La gráfica de estimaciones por redacción y sexo está en la primera página.",
    ),
    "frame-in-appendix": (
        "Every code of the frame, with its definition, is in the appendix.",
        "Todos los códigos del marco, con su definición, están en el anexo.",
    ),
    "frame-revised": (
        "The coding frame was revised during the study; every code is read under version "
        "{version} (codes given under a merged code count as the code it was merged into):",
        "El marco de codificación se revisó durante el estudio; todo código se lee en la "
        "versión {version} (los códigos fusionados cuentan como el código en que se fusionaron):",
    ),
    "app-confusion": (
        "Which codes coders swap (all pairs of coders, {segments} segment-pairs)",
        "Qué códigos intercambian los codificadores (todas las parejas, {segments} pares)",
    ),
    "confusion-note": (
        "A code both coders gave counts on the diagonal; a code one gave where the other gave "
        "another counts in that cell; an extra code with nothing on the other side counts "
        "against (none). Rows and columns are folded together, so the table is symmetric.",
        "Un código que ambos dieron cuenta en la diagonal; un código que uno dio donde el otro "
        "dio otro cuenta en esa celda; un código de más sin contraparte cuenta contra (none). "
        "Filas y columnas se suman, así que la tabla es simétrica.",
    ),
}
TEXT.update(DECISION_TEXT)

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


LABELS_ES: dict[str, str] = {
    # value labels and domain names of tut's synthetic demo data (tut demo-data)
    "Female": "Mujer",
    "Male": "Hombre",
    "Yes": "Sí",
    "No": "No",
    "sex": "sexo",
    "age group": "grupo de edad",
    "child under 13": "menor de 13 en el hogar",
    # units
    "minutes per day": "minutos al día",
    "hours per week": "horas a la semana",
    "hours per day": "horas al día",
    "minutes per week": "minutos a la semana",
    "proportion": "proporción",
    # outcome labels and caveats of the demo spec
    "Secondary childcare, children under 13": "Cuidado pasivo de niñas y niños menores de 13",
    "Any secondary childcare": "Algún cuidado pasivo",
    "Secondary childcare (weekly equivalent)": "Cuidado pasivo (equivalente semanal)",
    "one diary day times 7 is not a measured week (weekday/weekend mix differs)": (
        "un día de diario por 7 no es una semana medida (la mezcla de días entre semana y de "
        "fin de semana difiere)"
    ),
    # respondent attributes of the example study
    "yes": "sí",
    "no": "no",
    # missing-value labels of the demo data, and the comparison stage's own
    "Blank": "En blanco",
    "Don't know": "No sabe",
    "Refused": "No contestó",
    "system missing": "sin dato",
}
"""Spanish for labels that come from data files and specs tut itself ships (the demo data,
the example study): a Spanish report should not say "Female". Other labels are shown as
written in the user's files."""

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


def label(text: str, lang: Lang) -> str:
    """A label from a data file or spec, in Spanish when tut knows it (see LABELS_ES)."""
    return LABELS_ES.get(text, text) if lang == "es" else text


def missing_code(text: str, lang: Lang) -> str:
    """A missing code as the comparison stage names it ("-2 Don't know"), label translated."""
    code, _, rest = text.partition(" ")
    if rest and code.lstrip("-").replace(".", "").isdigit():
        return f"{code} {label(rest, lang)}"
    return label(text, lang)


def named(names: dict[str, tuple[str, str]], key: str, lang: Lang) -> str:
    """The display name of an id from one of the tables above (the id itself if unknown)."""
    return pick(names.get(key, (key, key)), lang)


_COMPARE_CAVEATS_ES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"^(?P<ds>[^:]+): (?P<o>\S+) converted from (?P<u>.+?) to (?P<to>.+?) "
            r"\(x (?P<f>[^)]+)\): (?P<c>.*)$"
        ),
        "{ds}: {o} convertido de {u} a {to} (× {f}): {c}",
    ),
    (
        re.compile(r"^(?P<ds>[^:]+): (?P<n>\d+) rows have no variant .*$"),
        "{ds}: {n} filas no tienen redacción (respuesta no válida o vacía) y quedan fuera de "
        "todas las estimaciones",
    ),
    (
        re.compile(r"^(?P<n>\d+) estimates rest on fewer than 30 respondents\.$"),
        "{n} estimaciones se basan en menos de 30 personas.",
    ),
    (
        re.compile(r"^Tests and intervals use a t distribution .*$"),
        "Las pruebas e intervalos usan una distribución t con los grados de libertad del diseño.",
    ),
    (
        re.compile(r"^The two datasets are independent samples.*$"),
        "Los dos conjuntos de datos son muestras independientes: las diferencias entre sus "
        "redacciones usan Var = V1 + V2. Verifique que universo, periodo de referencia y edad "
        "de los niños y niñas coincidan antes de leerlas como efectos de la redacción.",
    ),
)


def caveat_text(text: str, lang: Lang) -> str:
    """A caveat of the comparison stage (written in English) in the report language."""
    if lang != "es":
        return text
    for pattern, spanish in _COMPARE_CAVEATS_ES:
        m = pattern.match(text)
        if m:
            return spanish.format(**{k: label(v, lang) for k, v in m.groupdict().items()})
    return text


def key_text(key: str, lang: Lang) -> str:
    return pick(KEY_NAMES[key], lang) if key in KEY_NAMES else key


def t(key: str, lang: Lang, **params: Any) -> str:
    """The text for ``key`` in ``lang``, with ``params`` filled in (already formatted)."""
    en, es = TEXT[key]
    text = es if lang == "es" else en
    return text.format(**params) if params else text


def pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[1] if lang == "es" else pair[0]


# --- numbers --------------------------------------------------------------------------------


def num(x: float | None, digits: int = 2) -> str:
    if x is None or (isinstance(x, float) and (math.isnan(x) or math.isinf(x))):
        return "–"
    return f"{x:,.{digits}f}"


def signed(x: float | None, digits: int = 1) -> str:
    if x is None or math.isnan(x):
        return "–"
    return f"{x:+,.{digits}f}"


def alpha(x: float | None) -> str:
    return num(x, 3)


def pval(p: float | None) -> str:
    if p is None or math.isnan(p):
        return "–"
    if p < 0.001:
        return "<0.001"
    return f"{p:.3f}"


def p_is(p: float | None) -> str:
    """A p-value for running text: "= 0.012" or "< 0.001" (never "= <0.001")."""
    shown = pval(p)
    return shown.replace("<", "< ") if shown.startswith("<") else f"= {shown}"


def signed_pct(x: float | None, digits: int = 0) -> str:
    if x is None or math.isnan(x):
        return "–"
    return f"{100 * x:+.{digits}f}%"


def pct(x: float | None, digits: int = 0) -> str:
    if x is None or math.isnan(x):
        return "–"
    return f"{100 * x:.{digits}f}%"


def points(x: float | None) -> str:
    """A change in shares, in percentage points."""
    if x is None or math.isnan(x):
        return "–"
    return f"{100 * x:+.0f} pp"


def interval(ci: tuple[float, float] | list[float] | None, digits: int = 2) -> str:
    if not ci or ci[0] is None or ci[1] is None:
        return "–"
    return f"[{num(ci[0], digits)}, {num(ci[1], digits)}]"


def level_text(level: float) -> str:
    return f"{100 * level:g}%"
