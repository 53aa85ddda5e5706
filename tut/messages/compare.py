"""Caveats of the microdata comparison (``tut compare``, the report's microdata section),
English and Spanish; :mod:`tut.messages` files them under ``compare.``.

The comparison stage emits them as :class:`tut.messages.Message` (key and parameters);
dataset, outcome, variant and file names are shown as written.
"""

from __future__ import annotations

COMPARE_TEXT: dict[str, tuple[str, str]] = {
    "converted": (
        "{dataset}: {outcome} converted from {unit} to {to} (x {factor}): {caveat}",
        "{dataset}: {outcome} convertido de {unit} a {to} (× {factor}): {caveat}",
    ),
    "rows-without-variant": (
        "{dataset}: {rows:|row has|rows have} no variant (a declared non-answer or empty "
        "ballot) and {rows:is|are} left out of every estimate",
        "{dataset}: {rows:|fila no tiene|filas no tienen} redacción (respuesta no válida o "
        "vacía) y {rows:queda|quedan} fuera de todas las estimaciones",
    ),
    "variant-not-given": (
        "{dataset}: no row of {file} was given variant {variant}, so it has no estimates",
        "{dataset}: ninguna fila de {file} recibió la redacción {variant}, así que no tiene "
        "estimaciones",
    ),
    "variant-no-answers": (
        "{dataset}: variant {variant} has no respondents with an answer",
        "{dataset}: la redacción {variant} no tiene personas con respuesta",
    ),
    "lonely-stratum": (
        "{dataset}: 1 stratum has a single PSU, handled by lonely_psu={rule}",
        "{dataset}: 1 estrato tiene una sola UPM, tratada con lonely_psu={rule}",
    ),
    "lonely-strata": (
        "{dataset}: {strata} strata have a single PSU, handled by lonely_psu={rule}",
        "{dataset}: {strata} estratos tienen una sola UPM, tratadas con lonely_psu={rule}",
    ),
    "domain-labels-differ": (
        "domain {domain}: the datasets label its categories differently ({first} vs {second}); "
        "only categories with the same label are compared (set labels: in domains)",
        "dominio {domain}: los conjuntos de datos etiquetan sus categorías de forma distinta "
        "({first} frente a {second}); solo se comparan las categorías con la misma etiqueta "
        "(indique «labels:» en «domains»)",
    ),
    "independent-samples": (
        "The two datasets are independent samples: differences between their variants use "
        "Var = V1 + V2. Check that universe, reference period and the age of the children "
        "cared for agree before reading them as wording effects.",
        "Los dos conjuntos de datos son muestras independientes: las diferencias entre sus "
        "redacciones usan Var = V1 + V2. Verifique que universo, periodo de referencia y edad "
        "de los niños y niñas coincidan antes de leerlas como efectos de la redacción.",
    ),
    "t-distribution": (
        "Tests and intervals use a t distribution with the design degrees of freedom.",
        "Las pruebas e intervalos usan una distribución t con los grados de libertad del diseño.",
    ),
    "no-degrees-of-freedom": (
        "{dataset}: the design has {degf} degrees of freedom, so its t intervals and tests are "
        "undefined (shown as -); use test: normal, or a design with more PSUs than strata",
        "{dataset}: el diseño tiene {degf} grados de libertad, así que sus intervalos y pruebas "
        "t no están definidos (se muestran como -); use test: normal, o un diseño con más UPM "
        "que estratos",
    ),
    "few-respondents": (
        "Estimates that rest on fewer than 30 respondents: {count}.",
        "Estimaciones que se basan en menos de 30 personas: {count}.",
    ),
    "no-standard-error": (
        "Estimates with no standard error (shown as -): {count}. Their domain has no "
        "respondents under any replicate weight (R: all replicates contained NAs), or only "
        "lonely strata under lonely_psu: average.",
        "Estimaciones sin error estándar (se muestran como -): {count}. Su dominio no tiene "
        "personas con ningún peso replicado (R: «all replicates contained NAs»), o solo estratos "
        "con una UPM con lonely_psu: average.",
    ),
    "dropped-replicates": (
        "{dataset}: {count:|estimate has|estimates have} no respondents under some of the {replicates} "
        "replicate weights; those replicates (how many in brackets) are left out of their SE "
        "and of the differences that use them, as R's survey does: {cells}",
        "{dataset}: {count:|estimación no tiene|estimaciones no tienen} personas con algunos de los {replicates} "
        "pesos replicados; esas réplicas (cuántas, entre paréntesis) quedan fuera de su EE y de "
        "las diferencias que las usan, como en el paquete survey de R: {cells}",
    ),
    "glm-not-converged": (
        "{count:|adjusted effect|adjusted effects} (svyglm) stopped at glm.fit's 25 IRLS steps without "
        "converging, where R warns 'glm.fit: algorithm did not converge' (an answer the "
        "covariates predict perfectly): their coefficient and SE are not settled: {fits}",
        "{count:|efecto ajustado (svyglm) se detuvo|efectos ajustados (svyglm) se detuvieron} en los 25 pasos IRLS de glm.fit sin "
        "converger, donde R avisa «glm.fit: algorithm did not converge» (una respuesta que las "
        "covariables predicen a la perfección): su coeficiente y su EE no son firmes: {fits}",
    ),
    "glm-dropped": (
        "{count:|adjusted effect (svyglm) has|adjusted effects (svyglm) have} replicates without a fit (a covariate "
        "category without respondents under those replicate weights): they are left out of "
        "the SE, as R's svrVar does ('replicates gave NA results and were discarded'): {fits}",
        "{count:|efecto ajustado (svyglm) tiene|efectos ajustados (svyglm) tienen} réplicas sin ajuste (una categoría de una "
        "covariable sin personas con esos pesos replicados): quedan fuera del EE, como en "
        "svrVar de R («replicates gave NA results and were discarded»): {fits}",
    ),
    "glm-fit": ("{outcome} {b} - {a} ({where})", "{outcome} {b} - {a} ({where})"),
    "glm-full-sample": ("full sample", "muestra completa"),
    "glm-replicates": ("{count} of {replicates} replicates", "{count} de {replicates} réplicas"),
    "glm-full-and-replicates": (
        "full sample and {count} of {replicates} replicates",
        "muestra completa y {count} de {replicates} réplicas",
    ),
    "weightless-domains": (
        "{dataset}: {count:|domain has|domains have} respondents (how many in brackets) whose "
        "weights are all 0, so {count:it has|they have} no estimate: {cells}",
        "{dataset}: {count:|dominio tiene|dominios tienen} personas (cuántas, entre paréntesis) "
        "cuyos pesos son todos 0, así que no {count:tiene|tienen} estimación: {cells}",
    ),
    "cell": ("{outcome} {variant} {domain} ({count})", "{outcome} {variant} {domain} ({count})"),
    "domain-part": ("{name}={label}", "{name}={label}"),
    "domain-all": ("all", "total"),
    "and-more": ("and {count} more", "y {count} más"),
    "dataset-note": ("{dataset}: {note}", "{dataset}: {note}"),
    # how a dataset's variance is estimated (the datasets table)
    "design-taylor": (
        "Taylor linearisation: {strata:|stratum|strata}, {psus:|PSU|PSUs} with replacement, "
        "lonely PSU rule {rule}{fpc}",
        "Linealización de Taylor: {strata:|estrato|estratos}, {psus:|UPM|UPM} con reemplazo, regla para "
        "estratos con una sola UPM {rule}{fpc}",
    ),
    "design-fpc": (
        ", finite population correction from {column}",
        ", corrección por población finita de {column}",
    ),
    "design-replicates": (
        "{count} replicate weights, type {type}, scale {scale}, {centre}{rank}",
        "{count} pesos replicados, tipo {type}, escala {scale}, {centre}{rank}",
    ),
    "design-mse": ("mse", "mse"),
    "design-centred": ("centred on the replicate mean", "centrados en la media de las réplicas"),
    "design-rank": (
        "; only {rank} of them are linearly independent, so the design has {degf} degrees of "
        "freedom (as R's degf)",
        "; solo {rank} de ellos son linealmente independientes, así que el diseño tiene {degf} "
        "grados de libertad (como degf de R)",
    ),
}
"""Caveat key -> (English, Spanish)."""
