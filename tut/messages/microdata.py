"""What building a table from linked files, diary episodes and derived variables found
(shown among the comparison's caveats), English and Spanish; :mod:`tut.messages` files them
under ``microdata.``. File names, keys and variable names are shown as written."""

from __future__ import annotations

MICRODATA_NOTES: dict[str, tuple[str, str]] = {
    "joined": (
        "{file} joined on {keys}: {matched:,|respondent|respondents} matched{no_partner}{unused}",
        "{file} unido por {keys}: {matched:,|persona|personas} con su fila{no_partner}{unused}",
    ),
    "joined-no-partner": (
        ", {count:,} {count:has|have} no row there (its variables are missing for them)",
        ", {count:,} no {count:tiene|tienen} fila allí (sus variables quedan faltantes para "
        "{count:ella|ellas})",
    ),
    "joined-unused": (
        ", {count:,} of its rows {count:matches|match} no respondent (left out; first: {first})",
        ", {count:,} de sus filas no {count:corresponde|corresponden} a ninguna persona "
        "({count:queda|quedan} fuera; la primera: {first})",
    ),
    "episode-summed": (
        "{name}: {count:,} episode of {source} summed per respondent",
        "{name}: {count:,} episodio de {source} sumado por persona",
    ),
    "episodes-summed": (
        "{name}: {count:,} episodes of {source} summed per respondent",
        "{name}: {count:,} episodios de {source} sumados por persona",
    ),
    "episode-no-duration": (
        "{name}: {count:,|respondent has|respondents have} an episode without a duration; "
        "their total is missing",
        "{name}: {count:,|persona tiene|personas tienen} un episodio sin duración; su total "
        "queda faltante",
    ),
    "episodes-unmatched": (
        "{count:,|respondent|respondents} of {source} {count:is|are} not in {base} (their "
        "episodes are left out; first: {first})",
        "{count:,|persona|personas} de {source} no {count:está|están} en {base} (sus episodios "
        "quedan fuera; la primera: {first})",
    ),
    "episode-rows": (
        "{source}: one row per episode; {count:,|respondent|respondents}",
        "{source}: una fila por episodio; {count:,|persona|personas}",
    ),
    "derive-division-by-zero": (
        "derive {name}: {count:,|row divides|rows divide} by zero and {count:is|are} left "
        "missing",
        "derive {name}: {count:,|fila divide|filas dividen} entre cero y "
        "{count:queda faltante|quedan faltantes}",
    ),
    "derive-missing": (
        "derive {name}: {count:,|row|rows} missing (an input is empty or a non-answer code)",
        "derive {name}: {count:,|fila faltante|filas faltantes} (una entrada está vacía o es un "
        "código de no respuesta)",
    ),
}
"""Note key -> (English, Spanish)."""
