"""Report words every section uses: headings, table headers, units and labels.

Each key maps to (English, Spanish); :data:`tut.report.i18n.TEXT` joins the areas.
"""

from __future__ import annotations

COMMON_TEXT: dict[str, tuple[str, str]] = {
    "report-title": ("Wording comparison report", "Informe de comparación de redacciones"),
    "illustrative-banner": (
        "ILLUSTRATIVE EXAMPLE: the interviews in this study are invented; no real respondent "
        "said them. The microdata are synthetic. Do not cite these results.",
        "EJEMPLO ILUSTRATIVO: las entrevistas de este estudio son inventadas; ninguna persona "
        "real las dijo. Los microdatos son sintéticos. No cite estos resultados.",
    ),
    "contents": ("Contents", "Contenido"),
    "sub-readings": ("How respondents read each wording", "Cómo entendieron cada redacción"),
    "sub-differences": ("Differences between wordings", "Diferencias entre redacciones"),
    "sub-chart-estimates": (
        "Estimates with {level} confidence intervals, by wording and sex",
        "Estimaciones con intervalos de confianza al {level}, por redacción y sexo",
    ),
    "sub-chart-codes": (
        "Share of coded answers with each code, by wording",
        "Porcentaje de respuestas codificadas con cada código, por redacción",
    ),
    "wording": ("Wording", "Redacción"),
    "variant": ("Variant", "Variante"),
    "language": ("Language", "Idioma"),
    "status": ("Status", "Estado"),
    "only-in": ("only in", "solo en"),
    "reference": ("reference, in use", "referencia, en uso"),
    "code": ("Code", "Código"),
    "role": ("Role", "Papel"),
    "alpha": ("alpha", "alfa"),
    "ci": ("CI", "IC"),
    "ci-level": ("{level} CI", "IC {level}"),
    "respondents": ("Respondents", "Personas entrevistadas"),
    "segments": ("Segments", "Segmentos"),
    "coded": ("Coded (consensus)", "Codificados (consenso)"),
    "unresolved": ("Unresolved", "Sin resolver"),
    "off-target": ("Read off target", "Entendida fuera del concepto"),
    "net-fit": ("Net fit", "Ajuste neto"),
    "probe": ("Probe", "Sondeo"),
    "respondent": ("Respondent", "Persona"),
    "quote": ("Answer", "Respuesta"),
    "flag-unreliable": (
        "unreliable code: alpha below 0.667",
        "código no confiable: alfa menor que 0.667",
    ),
    "agreement-method": ("Method", "Método"),
    "outcome": ("Outcome", "Resultado"),
    "all": ("All", "Total"),
    "se": ("SE", "EE"),
    "cv": ("CV %", "CV %"),
    "reliability": ("Precision", "Precisión"),
    "diff": ("Difference (b − a)", "Diferencia (b − a)"),
    "p": ("p", "p"),
    "ratio": ("Ratio b/a", "Razón b/a"),
    "gap": ("Gap", "Brecha"),
    "did": ("Change in gap (DiD)", "Cambio en la brecha (DiD)"),
    "participation": ("Participation", "Participación"),
    "mean-participants": ("Mean among participants", "Media entre participantes"),
    "caveats": ("Caveats", "Advertencias"),
    "design": ("Design", "Diseño"),
    "file": ("File", "Archivo"),
    "kind": ("Kind", "Tipo"),
    "mode": ("Mode", "Modalidad"),
    "text": ("Text", "Texto"),
    "definition": ("Definition", "Definición"),
    "label": ("Label", "Etiqueta"),
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
    "footer": (
        "Made with tut {version}. Citation URLs are shown as text; this file loads nothing "
        "from the network.",
        "Hecho con tut {version}. Las direcciones de las citas se muestran como texto; este "
        "archivo no carga nada de la red.",
    ),
    "true": ("yes", "sí"),
    "false": ("no", "no"),
    "key-numbers": ("Key numbers", "Cifras clave"),
    "key-net-fit": ("Net fit (on minus off target)", "Ajuste neto (dentro menos fuera)"),
    "key-gap": ("{first} − {second} gap", "Brecha {first} − {second}"),
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
}
