"""Inter-coder agreement: every coefficient methodologists report, with intervals and verdicts.

Pure functions on (M coders, N units) arrays (NaN or None = missing); the TUI and the report
call these, the CLI reads tables and studies and prints them.

- :func:`agreement_report` -> :class:`AgreementReport` (all coefficients, ``to_json()``)
- one coefficient each: :func:`krippendorff_alpha`, :func:`cohen_kappa`, :func:`fleiss_kappa`,
  :func:`conger_kappa`, :func:`gwet_ac1`, :func:`gwet_ac2`, :func:`brennan_prediger`,
  :func:`scott_pi`, :func:`percent_agreement` -> :class:`Coefficient`
- every coefficient on the units two or more coders coded (``all_units=True``: irrCAC's way)
- :func:`unit_bootstrap`: every coefficient's interval from resampled units (the default
  bootstrap); :func:`bootstrap_alpha`: Hayes and Krippendorff's (2007) pair bootstrap
- sets of codes: :func:`set_alpha` (MASI / Jaccard), :func:`per_code_agreement`
- studies: :func:`tut.coding.agreement.study_agreement` (the study adapter lives with the
  code store: this package depends only on numpy, scipy and krippendorff)
- :func:`verdict` -> :class:`Verdict` (Krippendorff 2004; Landis and Koch 1977)
"""

from tut.agreement.alpha import BOOTSTRAP_METHODS, krippendorff_alpha
from tut.agreement.bootstrap import bootstrap_alpha
from tut.agreement.coefficients import (
    AlphaBootstrap,
    Bootstrap,
    Coefficient,
    brennan_prediger,
    cohen_kappa,
    conger_kappa,
    fleiss_kappa,
    gwet_ac1,
    gwet_ac2,
    percent_agreement,
    scott_pi,
)
from tut.agreement.data import LEVELS, ReliabilityData, ReliabilityDataError, reliability_data
from tut.agreement.multicode import per_code_agreement, set_alpha, set_report
from tut.agreement.report import AgreementReport, agreement_report
from tut.agreement.unit_bootstrap import unit_bootstrap
from tut.agreement.verdicts import Verdict, verdict

__all__ = [
    "BOOTSTRAP_METHODS",
    "LEVELS",
    "AgreementReport",
    "AlphaBootstrap",
    "Bootstrap",
    "Coefficient",
    "ReliabilityData",
    "ReliabilityDataError",
    "Verdict",
    "agreement_report",
    "bootstrap_alpha",
    "brennan_prediger",
    "cohen_kappa",
    "conger_kappa",
    "fleiss_kappa",
    "gwet_ac1",
    "gwet_ac2",
    "krippendorff_alpha",
    "per_code_agreement",
    "percent_agreement",
    "reliability_data",
    "scott_pi",
    "set_alpha",
    "set_report",
    "unit_bootstrap",
    "verdict",
]
