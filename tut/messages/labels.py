"""Spanish for the labels of data files and specs tut itself ships (the demo data, the example
study), so a Spanish report or CLI line does not say "Female". :mod:`tut.messages` files each
as ``label.<English label>``."""

from __future__ import annotations

LABELS_ES: dict[str, str] = {
    # value labels and domain names of tut's synthetic demo data (tut demo-data)
    "Female": "Mujer",
    "Male": "Hombre",
    "Yes": "Sí",
    "No": "No",
    "sex": "sexo",
    "age group": "grupo de edad",
    "child under 13": "menor de 13 en el hogar",
    # units
    "minutes per day": "minutos al día",
    "hours per week": "horas a la semana",
    "hours per day": "horas al día",
    "minutes per week": "minutos a la semana",
    "proportion": "proporción",
    # outcome labels and caveats of the demo spec
    "Secondary childcare, children under 13": "Cuidado pasivo de niñas y niños menores de 13",
    "Any secondary childcare": "Algún cuidado pasivo",
    "Secondary childcare (weekly equivalent)": "Cuidado pasivo (equivalente semanal)",
    "one diary day times 7 is not a measured week (weekday/weekend mix differs)": (
        "un día de diario por 7 no es una semana medida (la mezcla de días entre semana y de "
        "fin de semana difiere)"
    ),
    # respondent attributes of the example study
    "yes": "sí",
    "no": "no",
    # missing-value labels of the demo data, and the comparison stage's own
    "Blank": "En blanco",
    "Don't know": "No sabe",
    "Refused": "No contestó",
    "system missing": "sin dato",
}
"""Spanish for labels that come from data files and specs tut itself ships (the demo data,
the example study): a Spanish report should not say "Female". Other labels are shown as
written in the user's files."""
