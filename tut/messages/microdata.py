"""What building a table from linked files, diary episodes and derived variables found
(shown among the comparison's caveats), English and Spanish; :mod:`tut.messages` files them
under ``microdata.``. File names, keys and variable names are shown as written."""

from __future__ import annotations

MICRODATA_NOTES: dict[str, tuple[str, str]] = {
    "joined": (
        "{file} joined on {keys}: {matched:,} respondents matched{no_partner}{unused}",
        "{file} unido por {keys}: {matched:,} personas con su fila{no_partner}{unused}",
    ),
    "joined-no-partner": (
        ", {count:,} have no row there (its variables are missing for them)",
        ", {count:,} no tienen fila allí (sus variables quedan faltantes para ellas)",
    ),
    "joined-unused": (
        ", {count:,} of its rows match no respondent (left out; first: {first})",
        ", {count:,} de sus filas no corresponden a ninguna persona (quedan fuera; la primera: "
        "{first})",
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
        "{name}: {count:,} respondents have an episode without a duration; their total is "
        "missing",
        "{name}: {count:,} personas tienen un episodio sin duración; su total queda faltante",
    ),
    "episodes-unmatched": (
        "{count:,} respondents of {source} are not in {base} (their episodes are left out; "
        "first: {first})",
        "{count:,} personas de {source} no están en {base} (sus episodios quedan fuera; la "
        "primera: {first})",
    ),
    "episode-rows": (
        "{source}: one row per episode; {count:,} respondents",
        "{source}: una fila por episodio; {count:,} personas",
    ),
    "derive-division-by-zero": (
        "derive {name}: {count:,} rows divide by zero and are left missing",
        "derive {name}: {count:,} filas dividen entre cero y quedan faltantes",
    ),
    "derive-missing": (
        "derive {name}: {count:,} rows missing (an input is empty or a non-answer code)",
        "derive {name}: {count:,} filas faltantes (una entrada está vacía o es un código de no "
        "respuesta)",
    ),
}
"""Note key -> (English, Spanish)."""
