"""Report words every section uses: headings, table headers, units and labels.

Each key maps to (English, Spanish); :mod:`tut.messages` files them under ``report.``
and :data:`tut.report.i18n.TEXT` is the report's view of them.
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
    "synthetic-banner": (
        "SYNTHETIC MICRODATA: the survey data of this report were invented by tut demo-data "
        "(dataset {datasets}); they are not a real survey. Do not cite or circulate these "
        "results.",
        "MICRODATOS SINTÉTICOS: los datos de encuesta de este informe los inventó tut "
        "demo-data (conjunto {datasets}); no son una encuesta real. No cite ni difunda estos "
        "resultados.",
    ),
    "contents": ("Contents", "Contenido"),
    "sub-readings": ("How respondents read each wording", "Cómo entendieron cada redacción"),
    "sub-chart-estimates": (
        "Estimates with {level} confidence intervals, by wording and sex",
        "Estimaciones con intervalos de confianza al {level}, por redacción y sexo",
    ),
    "wording": ("Wording", "Redacción"),
    "variant": ("Variant", "Variante"),
    "language": ("Language", "Idioma"),
    "status": ("Status", "Estado"),
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
    "probe": ("Probe", "Sondeo"),
    "respondent": ("Respondent", "Persona"),
    "quote": ("Answer", "Respuesta"),
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
    "caveats": ("Caveats", "Advertencias"),
    "design": ("Design", "Diseño"),
    "file": ("File", "Archivo"),
    "kind": ("Kind", "Tipo"),
    "mode": ("Mode", "Modalidad"),
    "text": ("Text", "Texto"),
    "definition": ("Definition", "Definición"),
    "label": ("Label", "Etiqueta"),
    "footer": (
        "Made with tut {version}. Citation URLs are shown as text; this file loads nothing "
        "from the network.",
        "Hecho con tut {version}. Las direcciones de las citas se muestran como texto; este "
        "archivo no carga nada de la red.",
    ),
    "true": ("yes", "sí"),
    "false": ("no", "no"),
    "key-numbers": ("Key numbers", "Cifras clave"),
    "key-gap": ("{first} − {second} gap", "Brecha {first} − {second}"),
}
