"""Lines `tut study status` prints, English and Spanish; :mod:`tut.messages` files them under
``cli.``. The English templates give exactly the text the command printed before."""

from __future__ import annotations

CLI_STUDY_TEXT: dict[str, tuple[str, str]] = {
    "status-heading": (
        "Study {name}: protocol {protocol}, frame {frame}{version} ({mode})",
        "Estudio {name}: protocolo {protocol}, marco {frame}{version} ({mode})",
    ),
    "status-version": (" version {version}", " versión {version}"),
    "status-mode-exclusive": ("exclusive", "excluyente"),
    "status-mode-multiple": ("multiple", "múltiple"),
    "status-segments": (
        "Segments: {segments} ({variants:|variant|variants}, {probes:|probe|probes})",
        "Segmentos: {segments} ({variants:|variante|variantes}, {probes:|sondeo|sondeos})",
    ),
    "status-no-coders": ("Coders: none yet", "Codificadores: ninguno todavía"),
    "status-coders": ("Coders:", "Codificadores:"),
    "status-last": ("last {time} UTC", "último {time} UTC"),
    "status-recode": ("recode {done}/{assigned}", "recodificación {done}/{assigned}"),
    "status-double-coded": (
        "Coded by two or more coders: {count}",
        "Codificados por dos o más codificadores: {count}",
    ),
    "status-disagreements": (
        "Disagreements: {count} (adjudicated segments: {adjudicated}, still open: {open})",
        "Desacuerdos: {count} (segmentos adjudicados: {adjudicated}, aún abiertos: {open})",
    ),
    "status-withdrawn": (
        "Withdrawn (consent): {respondents:|respondent|respondents}, "
        "{segments:|segment|segments} left out of exports, agreement and the report",
        "Retirados (consentimiento): {respondents:|persona|personas}, "
        "{segments:|segmento|segmentos} fuera de las exportaciones, del acuerdo y del informe",
    ),
    "status-adjudicated-by": ("Adjudicated by: {who}", "Adjudicado por: {who}"),
    "status-conflicts": (
        "Conflicts: {count:|segment|segments} adjudicated differently by two adjudicators (no "
        "final codes until they agree, or one revises the other's decision)",
        "Conflictos: {count:|segmento adjudicado|segmentos adjudicados} de forma distinta por dos "
        "adjudicadores (sin códigos finales hasta que coincidan, o uno revise la decisión del otro)",
    ),
}
"""CLI key -> (English, Spanish): `tut study status`."""
