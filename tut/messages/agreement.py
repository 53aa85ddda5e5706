"""Words of the agreement stage: why a coefficient is undefined, how an interval was made,
the coefficients' names and the verdicts, English and Spanish; :mod:`tut.messages` files them
under ``agreement.``.

The agreement stage's notes (``Coefficient.reason_note``, ``.method_note``, ``.label_note``,
``Verdict.note``, ``AgreementReport.warning_notes``) are these keys and their parameters; the
English of the JSON output is worded from the templates here, like every other language.
"""

from __future__ import annotations

AGREEMENT_TEXT: dict[str, tuple[str, str]] = {
    # why a coefficient is undefined
    "fewer-than-two-coders": (
        "fewer than two coders coded anything",
        "menos de dos codificadores codificaron algo",
    ),
    "nothing-pairable": (
        "no unit was coded by two or more coders",
        "ninguna unidad fue codificada por dos o más codificadores",
    ),
    "linear-weights-text": (
        "linear weights need ordered categories; text categories have no order",
        "los pesos lineales necesitan categorías ordenadas; las categorías de texto no tienen "
        "orden",
    ),
    "quadratic-weights-text": (
        "quadratic weights need ordered categories; text categories have no order",
        "los pesos cuadráticos necesitan categorías ordenadas; las categorías de texto no "
        "tienen orden",
    ),
    "linear-weights-nominal": (
        "linear weights need ordered categories; the level is nominal",
        "los pesos lineales necesitan categorías ordenadas; el nivel es nominal",
    ),
    "quadratic-weights-nominal": (
        "quadratic weights need ordered categories; the level is nominal",
        "los pesos cuadráticos necesitan categorías ordenadas; el nivel es nominal",
    ),
    "weighted-kappa-text": (
        "weighted kappa needs ordered categories; text categories have no order",
        "la kappa ponderada necesita categorías ordenadas; las categorías de texto no tienen "
        "orden",
    ),
    "weighted-kappa-nominal": (
        "weighted kappa needs ordered categories; the level is nominal",
        "la kappa ponderada necesita categorías ordenadas; el nivel es nominal",
    ),
    "chance-agreement-one": (
        "chance agreement is 1 (every code falls in one category), so the coefficient is 0/0",
        "el acuerdo por azar es 1 (todos los códigos caen en una categoría), así que el "
        "coeficiente es 0/0",
    ),
    "cohen-two-coders": (
        "Cohen's kappa is for two coders; these data have {coders} (see Conger's)",
        "la kappa de Cohen es para dos codificadores; estos datos tienen {coders} (véase la de "
        "Conger)",
    ),
    "one-category-chance-undefined": (
        "only one category: chance agreement is undefined",
        "una sola categoría: el acuerdo por azar no está definido",
    ),
    "one-category-chance-one": (
        "only one category: chance agreement is 1",
        "una sola categoría: el acuerdo por azar es 1",
    ),
    "no-variation": (
        "every code in the data is the same value: there is no variation to agree on",
        "todos los códigos de los datos son el mismo valor: no hay variación sobre la que "
        "coincidir",
    ),
    "no-expected-disagreement": (
        "all pairable values are the same: expected disagreement is 0, alpha is 0/0",
        "todos los valores emparejables son iguales: el desacuerdo esperado es 0, alfa es 0/0",
    ),
    "too-many-values": (
        "{values} distinct values: this coefficient treats each as a category; use "
        "Krippendorff's alpha",
        "{values} valores distintos: este coeficiente trata cada uno como una categoría; use "
        "el alfa de Krippendorff",
    ),
    "study-two-coders": (
        "agreement needs at least two coders; this study has {coders}",
        "el acuerdo necesita al menos dos codificadores; este estudio tiene {coders}",
    ),
    "exclusive-several-codes": (
        "coder {coder} put {codes} codes on segment {segment}, but the frame is exclusive (one "
        "code per segment)",
        "el codificador {coder} puso {codes} códigos en el segmento {segment}, pero el marco es "
        "excluyente (un código por segmento)",
    ),
    "needs-two-coders": (
        "agreement needs at least two coders",
        "el acuerdo necesita al menos dos codificadores",
    ),
    # a warning on the whole table
    "pairs-bootstrap-narrow": (
        "units have more than two coders: the pair bootstrap treats the pairs within a unit as "
        "independent, so its interval is too narrow (use the bootstrap over units)",
        "hay unidades con más de dos codificadores: el bootstrap de pares trata los pares de "
        "una unidad como independientes, así que su intervalo es demasiado estrecho (use el "
        "bootstrap sobre unidades)",
    ),
    # a note on how a defined coefficient was computed
    "scott-pi-fleiss": (
        "more than two coders: Fleiss' (1971) generalisation, equal to Fleiss' kappa",
        "más de dos codificadores: generalización de Fleiss (1971), igual a la kappa de Fleiss",
    ),
    # names of the coefficients (tut.agreement.coefficients.NAMES) and of alpha by level
    "coefficient-krippendorff_alpha": ("Krippendorff's alpha", "Alfa de Krippendorff"),
    "coefficient-cohen_kappa": ("Cohen's kappa", "Kappa de Cohen"),
    "coefficient-cohen_kappa_linear": (
        "Cohen's kappa, linear weights",
        "Kappa de Cohen, pesos lineales",
    ),
    "coefficient-cohen_kappa_quadratic": (
        "Cohen's kappa, quadratic weights",
        "Kappa de Cohen, pesos cuadráticos",
    ),
    "coefficient-fleiss_kappa": ("Fleiss' kappa", "Kappa de Fleiss"),
    "coefficient-conger_kappa": ("Conger's kappa", "Kappa de Conger"),
    "coefficient-gwet_ac1": ("Gwet's AC1", "AC1 de Gwet"),
    "coefficient-gwet_ac2": ("Gwet's AC2", "AC2 de Gwet"),
    "coefficient-brennan_prediger": ("Brennan-Prediger", "Brennan-Prediger"),
    "coefficient-scott_pi": ("Scott's pi", "Pi de Scott"),
    "coefficient-percent_agreement": ("Percent agreement", "Porcentaje de acuerdo"),
    "alpha-nominal": ("Krippendorff's alpha (nominal)", "Alfa de Krippendorff (nominal)"),
    "alpha-ordinal": ("Krippendorff's alpha (ordinal)", "Alfa de Krippendorff (ordinal)"),
    "alpha-interval": ("Krippendorff's alpha (interval)", "Alfa de Krippendorff (de intervalo)"),
    "alpha-ratio": ("Krippendorff's alpha (ratio)", "Alfa de Krippendorff (de razón)"),
    "alpha-distance": (
        "Krippendorff's alpha ({distance} distance)",
        "Alfa de Krippendorff (distancia {distance})",
    ),
    # how an interval was made, or why there is none
    "too-few-uses": (
        "too few uses: an interval needs the code on at least {uses} segments two or more "
        "coders coded, and at least {uses} such segments without it",
        "muy pocos usos: un intervalo necesita el código en al menos {uses} segmentos que "
        "codificaron dos o más codificadores, y al menos {uses} de esos segmentos sin él",
    ),
    "ci-gwet": ("Gwet linearisation, t({df})", "linealización de Gwet, t({df})"),
    "ci-bootstrap-units": (
        "bootstrap over units, {resamples} resamples, seed {seed}",
        "bootstrap sobre unidades, {resamples} remuestreos, semilla {seed}",
    ),
    "ci-bootstrap-pairs": (
        "bootstrap over pairs of values (Hayes and Krippendorff 2007), {resamples} resamples, "
        "seed {seed}",
        "bootstrap sobre pares de valores (Hayes y Krippendorff 2007), {resamples} remuestreos, "
        "semilla {seed}",
    ),
    "ci-bootstrap-shared": (
        "bootstrap over the study's units, one set of {resamples} resamples for every group "
        "(group sizes vary), seed {seed}",
        "bootstrap sobre las unidades del estudio, un mismo conjunto de {resamples} remuestreos "
        "para todos los grupos (el tamaño de los grupos varía), semilla {seed}",
    ),
    # verdict labels (tut.agreement.verdicts.label_message): the CLI, the TUI and the report
    "verdict-reliable": ("reliable", "confiable"),
    "verdict-tentative": ("tentative", "tentativo"),
    "verdict-unreliable": ("unreliable", "no confiable"),
    "verdict-undefined": ("undefined", "no definido"),
    "verdict-no-benchmark": ("no benchmark", "sin referencia"),
    "verdict-poor": ("poor", "pobre"),
    "verdict-slight": ("slight", "leve"),
    "verdict-fair": ("fair", "aceptable"),
    "verdict-moderate": ("moderate", "moderado"),
    "verdict-substantial": ("substantial", "considerable"),
    "verdict-almost-perfect": ("almost perfect", "casi perfecto"),
    # what a verdict's interval adds (tut.agreement.verdicts); a band's {label}, {low} and
    # {high} are verdict labels
    "not-chance-corrected": (
        "percent agreement is not chance-corrected",
        "el porcentaje de acuerdo no está corregido por azar",
    ),
    "no-interval": ("no interval", "sin intervalo"),
    "interval-crosses-both": (
        "interval crosses {low} and {high}",
        "el intervalo cruza {low} y {high}",
    ),
    "interval-crosses": ("interval crosses {threshold}", "el intervalo cruza {threshold}"),
    "interval-above": (
        "interval: all at or above {threshold}",
        "intervalo: todo en {threshold} o más",
    ),
    "interval-below": (
        "interval: all below {threshold}",
        "intervalo: todo por debajo de {threshold}",
    ),
    "interval-between": (
        "interval: all between {low} and {high}",
        "intervalo: todo entre {low} y {high}",
    ),
    "interval-bands": ("interval: {low} to {high}", "intervalo: de {low} a {high}"),
    "interval-band": ("interval: all {label}", "intervalo: todo {label}"),
}
"""Agreement key -> (English, Spanish)."""
