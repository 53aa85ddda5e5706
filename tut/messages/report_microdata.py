"""Report words of the microdata section (estimates, gaps, nonresponse).

Each key maps to (English, Spanish); :mod:`tut.messages` files them under ``report.``
and :data:`tut.report.i18n.TEXT` is the report's view of them.
"""

from __future__ import annotations

MICRODATA_TEXT: dict[str, tuple[str, str]] = {
    "sec-microdata": ("What the microdata measured", "Lo que midieron los microdatos"),
    "sub-estimates": ("Estimates by wording and domain", "Estimaciones por redacción y dominio"),
    "sub-gaps": (
        "The {first} − {second} gap and how the wording changes it",
        "La brecha {first} − {second} y cómo la cambia la redacción",
    ),
    "sub-nonresponse": ("Item non-response by wording", "No respuesta al reactivo por redacción"),
    "domain": ("Domain", "Dominio"),
    "estimate": ("Estimate", "Estimación"),
    "n": ("n", "n"),
    "p-holm": ("p (Holm)", "p (Holm)"),
    "missing-rate": ("Missing", "Faltantes"),
    "weighted-rate": ("Weighted rate", "Tasa ponderada"),
    "no-microdata": (
        "No microdata comparison was given (--data).",
        "No se indicó una comparación de microdatos (--data).",
    ),
    "precision-note": (
        "* CV 15-30% (moderate precision), ** CV 30% or more (low precision: do not publish); "
        "p (Holm): adjusted across the domains of each outcome. Every estimate with its SE, CV, "
        "design effect and weighted population is in report.json.",
        "* CV de 15 a 30% (precisión moderada), ** CV de 30% o más (precisión baja: no "
        "publicar); p (Holm): ajustado entre los dominios de cada resultado. Cada estimación "
        "con su EE, CV, efecto de diseño y población ponderada está en report.json.",
    ),
    "datasets": ("Data sets", "Conjuntos de datos"),
    "rows": ("Rows", "Filas"),
    "main-domains-note": (
        "Cross-classified domains (e.g. sex by age group) and gaps within domains are in the "
        "appendix.",
        "Los dominios cruzados (por ejemplo, sexo por grupo de edad) y las brechas dentro de "
        "los dominios están en el anexo.",
    ),
    "outcomes-shared": ("outcomes", "resultados"),
    "nr-difference": ("Difference ({b} − {a})", "Diferencia ({b} − {a})"),
    "missing-codes": ("Missing codes", "Códigos de faltante"),
    "shares-heading": ("{outcome}: share of each category", "{outcome}: proporción de cada categoría"),
    "category": ("Category", "Categoría"),
    "diff-pp": ("{b} − {a} (pp)", "{b} − {a} (pp)"),
    "shares-note": (
        "Shares among the respondents who answered (declared missing codes left out), in %, "
        "with their Korn-Graubard interval (svyciprop, beta); the difference between wordings "
        "in percentage points with its {level} CI; p (Holm): adjusted across the domains of "
        "each category.",
        "Proporciones entre quienes respondieron (sin los códigos de faltante declarados), en "
        "%, con su intervalo de Korn-Graubard (svyciprop, beta); la diferencia entre "
        "redacciones en puntos porcentuales con su IC {level}; p (Holm): ajustado entre los "
        "dominios de cada categoría.",
    ),
    "rao-scott": (
        "Rao-Scott test of the {categories} categories by wording (svychisq F), {tested}",
        "Prueba de Rao-Scott de las {categories} categorías por redacción (F de svychisq), "
        "{tested}",
    ),
    "rao-scott-versus": ("{b} vs {a}", "{b} frente a {a}"),
    "rao-scott-result": (
        "{where}: F = {f} on {ndf} and {ddf} df, p {p}",
        "{where}: F = {f} con {ndf} y {ddf} gl, p {p}",
    ),
    "chart-on-first-page": (
        "The chart of estimates by wording and sex is on the first page.",
        "La gráfica de estimaciones por redacción y sexo está en la primera página.",
    ),
}
