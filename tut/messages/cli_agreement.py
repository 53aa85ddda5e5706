"""Lines `tut agreement` prints (its tables' headings, verdicts, notes) and `tut agreement
--confusion`'s headings, English and Spanish; :mod:`tut.messages` files them under ``cli.``.

The English templates give exactly the text the command printed before it spoke Spanish;
numbers are filled in already formatted (``0.800``), as the table shows them.
"""

from __future__ import annotations

CLI_AGREEMENT_TEXT: dict[str, tuple[str, str]] = {
    "agreement-title": ("Agreement", "Acuerdo"),
    "agreement-level-nominal": ("nominal level", "nivel nominal"),
    "agreement-level-ordinal": ("ordinal level", "nivel ordinal"),
    "agreement-level-interval": ("interval level", "nivel de intervalo"),
    "agreement-level-ratio": ("ratio level", "nivel de razón"),
    "agreement-counts": (
        "{coders:|coder|coders}, {units:|unit|units} ({pairable_units} coded by two or more "
        "coders, {once} coded once), {pairable:|pairable value|pairable values}",
        "{coders:|codificador|codificadores}, {units:|unidad|unidades} "
        "({pairable_units:|codificada|codificadas} por dos o más codificadores, "
        "{once:|codificada|codificadas} una vez), {pairable:|valor apareable|valores apareables}",
    ),
    "agreement-table-heading": (
        "{title} {name}: {level}, {counts}",
        "{title} {name}: {level}, {counts}",
    ),
    "agreement-study-heading": (
        "{title} study {name}: frame {frame} version {version} ({mode}), coders {coders}, "
        "{segments:|segment|segments} ({pairable_units} coded by two or more coders, {once} "
        "coded once), {pairable:|pairable value|pairable values}",
        "{title} del estudio {name}: marco {frame} versión {version} ({mode}), codificadores "
        "{coders}, {segments:|segmento|segmentos} ({pairable_units:|codificado|codificados} por "
        "dos o más codificadores, {once:|codificado|codificados} una vez), "
        "{pairable:|valor apareable|valores apareables}",
    ),
    "agreement-mode-exclusive": ("one code per segment", "un código por segmento"),
    "agreement-mode-multiple": ("several codes per segment", "varios códigos por segmento"),
    # column headings
    "agreement-col-coefficient": ("Coefficient", "Coeficiente"),
    "agreement-col-value": ("Value", "Valor"),
    "agreement-col-interval": ("95% interval", "Intervalo 95%"),
    "agreement-col-se": ("SE", "EE"),
    "agreement-col-verdict": ("Verdict (source)", "Veredicto (fuente)"),
    "agreement-col-uses": ("Uses", "Usos"),
    "agreement-col-units": ("Units", "Unidades"),
    "agreement-col-pairable": ("Pairable\nvalues", "Valores\napareables"),
    "agreement-by-group": ("group", "grupo"),
    "agreement-by-variant": ("variant", "variante"),
    "agreement-by-probe": ("probe", "sondeo"),
    "agreement-by-coder-pair": ("coder-pair", "par de codificadores"),
    "agreement-by-code": ("code", "código"),
    "agreement-by-time": ("time", "tramo"),
    # verdicts (labels: agreement.verdict-* of tut.messages.agreement), then what the
    # interval adds
    "agreement-verdict-source": ("{label} ({source})", "{label} ({source})"),
    "agreement-undefined": ("undefined: {reason}", "no definido: {reason}"),
    "agreement-ci": ("{low} to {high}", "{low} a {high}"),
    "agreement-too-few-uses": ("too few uses", "muy pocos usos"),
    # the lines under the table
    "agreement-single-coded": (
        "{count:|unit|units} coded by one coder only, left out of every coefficient: {units}",
        "{count:|unidad codificada|unidades codificadas} por un solo codificador, fuera de "
        "todos los coeficientes: {units}",
    ),
    "agreement-dropped-units": (
        "{count:|unit|units} no coder coded {count:was|were} left out.",
        "{count:|unidad|unidades} que ningún codificador codificó {count:quedó|quedaron} fuera.",
    ),
    "agreement-dropped-coders": (
        "Coders with no code at all, left out: {coders}",
        "Codificadores sin ningún código, dejados fuera: {coders}",
    ),
    "agreement-p-below": ("P(alpha < {threshold}) = {p}", "P(alfa < {threshold}) = {p}"),
    "agreement-bootstrap-line": ("{label}, {method}: {probabilities}",
                                 "{label}, {method}: {probabilities}"),
    "agreement-unweighted": (
        "At the {level} only Krippendorff's alpha and the weighted Cohen's kappas use the "
        "distances between codes; Fleiss, Conger, Gwet's AC1, Brennan-Prediger, Scott's pi and "
        "percent agreement treat codes as categories (unweighted).",
        "En el {level} solo el alfa de Krippendorff y las kappas de Cohen ponderadas usan las "
        "distancias entre códigos; Fleiss, Conger, AC1 de Gwet, Brennan-Prediger, pi de Scott "
        "y el porcentaje de acuerdo tratan los códigos como categorías (sin ponderar).",
    ),
    "agreement-few-resamples": (
        "Fewer than 1,000 bootstrap resamples: the interval and probabilities are rough "
        "(Hayes and Krippendorff 2007 use at least 1,000).",
        "Menos de 1.000 remuestreos bootstrap: el intervalo y las probabilidades son "
        "aproximados (Hayes y Krippendorff 2007 usan al menos 1.000).",
    ),
    "agreement-intervals": (
        "Intervals: {methods}{seed}. SE: Gwet's linearisation; upper bounds capped at 1.",
        "Intervalos: {methods}{seed}. EE: linealización de Gwet; límites superiores "
        "acotados en 1.",
    ),
    "agreement-intervals-group": ("Intervals: {method}.", "Intervalos: {method}."),
    "agreement-method-for": ("{whom}: {method}", "{whom}: {method}"),
    "agreement-every-coefficient": ("every coefficient", "todos los coeficientes"),
    "agreement-seed-repeats": ("(--seed {seed} repeats it)", "(--seed {seed} lo repite)"),
    "agreement-ci-gwet-irrcac": (
        "Gwet (2014) linearisation, as irrCAC, t({df})",
        "linealización de Gwet (2014), como irrCAC, t({df})",
    ),
    "agreement-by-code-title": (
        "By code: each code present/absent on a segment, Krippendorff's alpha (nominal)",
        "Por código: cada código presente/ausente en un segmento, alfa de Krippendorff "
        "(nominal)",
    ),
    "agreement-by-title": ("By {by}: {coefficient}", "Por {by}: {coefficient}"),
    "agreement-uses-note": (
        "Uses: how many times the coders put the code on a segment. Too few uses: the code is "
        "on fewer than {uses} segments two or more coders coded, or missing from fewer than "
        "{uses}: no interval. A code nobody used has no alpha.",
        "Usos: cuántas veces los codificadores pusieron el código en un segmento. Muy pocos "
        "usos: el código está en menos de {uses} segmentos que codificaron dos o más "
        "codificadores, o falta en menos de {uses}: sin intervalo. Un código que nadie usó no "
        "tiene alfa.",
    ),
    # tut agreement --confusion
    "confusion-heading": (
        "Confusion study {name}: frame {frame} version {version}, {pairs:|pair|pairs} of coders",
        "Confusión del estudio {name}: marco {frame} versión {version}, {pairs:|par|pares} de "
        "codificadores",
    ),
    "confusion-pooled": (
        "Pooled over pairs ({count:|segment-pair|segment-pairs}; symmetric):",
        "Sumada sobre los pares ({count:|par|pares} de segmentos; simétrica):",
    ),
    "confusion-pair": (
        "{rows} (rows) x {columns} (columns), {count:|segment|segments} both coded:",
        "{rows} (filas) x {columns} (columnas), {count:|segmento|segmentos} que ambos "
        "codificaron:",
    ),
    "confusion-nothing": ("(no segment coded by both)", "(ningún segmento codificado por ambos)"),
    "confusion-most-swapped": ("Most swapped (pooled):", "Los más intercambiados (sumados):"),
    "confusion-codes": ("Codes:", "Códigos:"),
    "confusion-none": ("no counterpart on the other side", "sin contraparte en el otro lado"),
    "confusion-definition": (
        "On segments both coders coded: a code both gave counts on the diagonal; each code only "
        "the row coder gave counts against each code only the column coder gave; an extra code "
        "with nothing on the other side counts against (none). Pooled: every pair added with "
        "rows and columns folded together (symmetric).",
        "En los segmentos que ambos codificadores codificaron: un código que ambos dieron cuenta "
        "en la diagonal; cada código que solo dio el codificador de la fila cuenta frente a "
        "cada código que solo dio el de la columna; un código de más sin nada en el otro lado "
        "cuenta frente a (none). Sumada: todos los pares sumados, con filas y columnas juntas "
        "(simétrica).",
    ),
}
"""CLI key -> (English, Spanish): `tut agreement`."""
