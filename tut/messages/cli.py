"""Lines the commands print around their results (the note prefix, the report's verdicts),
English and Spanish; :mod:`tut.messages` files them under ``cli.``. The ``error:`` and
``warning:`` prefixes stay as they are in every language (scripts look for them)."""

from __future__ import annotations

CLI_TEXT: dict[str, tuple[str, str]] = {
    "note": ("note:", "nota:"),
    # tut compare on files written by tut demo-data, before anything else
    "compare-synthetic": (
        "SYNTHETIC MICRODATA: {n:dataset|datasets} {datasets} {n:was|were} invented by tut "
        "demo-data, not a real survey. Do not cite or circulate these estimates.",
        "MICRODATOS SINTÉTICOS: tut demo-data inventó {n:el conjunto|los conjuntos} "
        "{datasets}; no son una encuesta real. No cite ni difunda estas estimaciones.",
    ),
    "rule-include": ("include:", "incluir:"),
    "rule-exclude": ("exclude:", "excluir:"),
    "rule-example": ("example:", "ejemplo:"),
    # a tested language's verdict ({verdict}: tut.report.phrases.finding_verdict; an untested
    # one is the report's finding-line)
    "report-verdict": (
        "{language}: {alternative} vs {reference}: {verdict} (read as the target concept: "
        "{alt_target} of {alt_n} against {ref_target} of {ref_n}, {delta}; it matters from "
        "{margin}).",
        "{language}: {alternative} frente a {reference}: {verdict} (entendida como el concepto "
        "buscado: {alt_target} de {alt_n} frente a {ref_target} de {ref_n}, {delta}; importa "
        "desde {margin}).",
    ),
}
"""CLI key -> (English, Spanish)."""
