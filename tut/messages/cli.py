"""Lines the commands print around their results (the note prefix, the report's verdicts),
English and Spanish; :mod:`tut.messages` files them under ``cli.``. The ``error:`` and
``warning:`` prefixes stay as they are in every language (scripts look for them)."""

from __future__ import annotations

CLI_TEXT: dict[str, tuple[str, str]] = {
    "note": ("note:", "nota:"),
    "rule-include": ("include:", "incluir:"),
    "rule-exclude": ("exclude:", "excluir:"),
    "rule-example": ("example:", "ejemplo:"),
    "report-verdict": (
        "{language}: {alternative} vs {reference}: {finding}; {test} p {p} (read as the target "
        "concept: {alt_target} of {alt_n} against {ref_target} of {ref_n}, {delta}; it matters "
        "from {margin}).",
        "{language}: {alternative} frente a {reference}: {finding}; {test} p {p} (entendida como "
        "el concepto buscado: {alt_target} de {alt_n} frente a {ref_target} de {ref_n}, {delta}; "
        "importa desde {margin}).",
    ),
    "report-verdict-untested": (
        "{language}: {alternative} vs {reference}: {finding}.",
        "{language}: {alternative} frente a {reference}: {finding}.",
    ),
}
"""CLI key -> (English, Spanish)."""
