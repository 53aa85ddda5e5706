"""Published reliability tables and the documented JSON keys, shared by the agreement tests."""

from __future__ import annotations

import numpy as np

NA = np.nan

# Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability", Annenberg School for
# Communication, University of Pennsylvania (repository.upenn.edu/asc_papers/43), section C:
# 4 observers x 12 units with missing values. irrCAC's ``cac.raw4raters`` is the same table
# with units as rows, except that its single value on unit 12 is given to another coder.
KRIPPENDORFF_2011 = np.array(
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, NA, NA, NA],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NA, 3],
        [NA, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NA],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NA],
    ]
)
CAC_RAW4RATERS = np.array(
    [
        [1, 1, NA, 1],
        [2, 2, 3, 2],
        [3, 3, 3, 3],
        [3, 3, 3, 3],
        [2, 2, 2, 2],
        [1, 2, 3, 4],
        [4, 4, 4, 4],
        [1, 1, 2, 1],
        [2, 2, 2, 2],
        [NA, 5, 5, 5],
        [NA, NA, 1, 1],
        [NA, NA, 3, NA],
    ]
).T  # coders x units
"""The table of ``tests/fixtures/agreement/krippendorff2011.csv`` (coders A to D)."""

JSON_KEYS_TWO = [
    "krippendorff_alpha",
    "cohen_kappa",
    "cohen_kappa_linear",
    "cohen_kappa_quadratic",
    "fleiss_kappa",
    "conger_kappa",
    "gwet_ac1",
    "brennan_prediger",
    "scott_pi",
    "percent_agreement",
    "n_units",
    "n_coders",
    "n_pairable",
    "n_pairable_units",
    "n_single_coded_units",
]
"""The documented keys of an agreement report's JSON for two coders, in order."""
JSON_KEYS_MORE = [k for k in JSON_KEYS_TWO if not k.startswith("cohen")]
"""The same for three or more coders: Cohen's kappa is for two coders only."""
