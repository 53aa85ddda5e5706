"""What a comparison produces: estimates, differences between variants, gaps, non-response.

Plain frozen dataclasses; :meth:`ComparisonResult.to_dict` is the ``--json`` output
(``{"estimates", "differences", "gaps", "missing", ...}``) that the report stage reads.
Domains are tuples of (domain name, category label) pairs, ``()`` for the whole population.
The share of one category of a categorical outcome is a proportion outcome named
``"<outcome>: <category>"`` here, written in the JSON as ``outcome``, ``category`` and ``code``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from tut.compare.model import Category
from tut.messages import Message, render

Domain = tuple[tuple[str, str], ...]
Reliability = Literal["high", "moderate", "low", "undetermined"]

HIGH_MIN_N = 30
"""Fewer respondents than this are never flagged high: a CV from a handful of answers is
itself too uncertain to vouch for the estimate."""


def reliability(
    cv_percent: float | None, n: int | None = None, se: float | None = None
) -> Reliability | None:
    """INEGI-style precision flag: CV below 15% high, 15-30% moderate, 30% or more low.

    ``undetermined`` when the SE is 0 or missing with a non-zero estimate or fewer than two
    respondents (nothing measured the spread); below :data:`HIGH_MIN_N` respondents at best
    moderate. None when there is no CV (an estimate of 0).
    """
    if (n is not None and n < 2) or (se is not None and not se > 0):
        return "undetermined"
    if cv_percent is None or math.isnan(cv_percent):
        return None
    if cv_percent < 15 and (n is None or n >= HIGH_MIN_N):
        return "high"
    if cv_percent < 30:
        return "moderate"
    return "low"


@dataclass(frozen=True)
class Interval:
    """An estimate with its design-based standard error and confidence interval."""

    estimate: float
    se: float
    low: float
    high: float

    def to_dict(self, prefix: str = "") -> dict[str, Any]:
        key = prefix.rstrip("_") if prefix else "estimate"
        return {
            key: _num(self.estimate),
            f"{prefix}se": _num(self.se),
            f"{prefix}ci": [_num(self.low), _num(self.high)],
        }


def finite(value: Interval) -> Interval | None:
    """The interval, or None when its estimate or SE is not a finite number."""
    return value if math.isfinite(value.estimate) and math.isfinite(value.se) else None


@dataclass(frozen=True)
class Estimate:
    """One outcome, for one variant, in one domain."""

    dataset: str
    outcome: str
    variant: str
    domain: Domain
    kind: str
    unit: str
    value: Interval
    cv: float | None
    """Coefficient of variation, percent."""
    n: int
    """Unweighted respondents with an answer."""
    weighted_n: float
    deff: float | None
    """Design effect against simple random sampling with replacement (R: deff="replace")."""
    sd: float | None
    """Weighted standard deviation in the domain (for Cohen's d)."""
    participation: Interval | None = None
    mean_participants: Interval | None = None
    n_participants: int | None = None
    total: Interval | None = None
    """The weighted total of the values in the domain (R: ``svytotal``)."""
    ci_logit: tuple[float, float] | None = None
    """Proportions: ``svyciprop(method = "logit")``."""
    ci_beta: tuple[float, float] | None = None
    """Proportions: ``svyciprop(method = "beta")`` (Korn-Graubard)."""
    quantiles: tuple[Any, ...] = ()
    """:class:`tut.compare.quantiles.Quantile` of each quantile the spec asks for."""
    category: Category | None = None
    """The share of one category of a categorical outcome (``outcome`` is then
    ``"<outcome>: <category>"``)."""

    @property
    def reliability(self) -> Reliability | None:
        return reliability(self.cv, self.n, self.value.se)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "dataset": self.dataset,
            **outcome_keys(self.outcome, self.category),
            "variant": self.variant,
            "domain": dict(self.domain),
            "kind": self.kind,
            "unit": self.unit,
            **self.value.to_dict(),
            "cv": _num(self.cv),
            "reliability": self.reliability,
            "n": self.n,
            "weighted_n": _num(self.weighted_n),
            "deff": _num(self.deff),
        }
        if self.total is not None:
            out.update(self.total.to_dict("total_"))
        if self.ci_logit is not None:
            out["ci_logit"] = [_num(x) for x in self.ci_logit]
        if self.ci_beta is not None:
            out["ci_beta"] = [_num(x) for x in self.ci_beta]
        if self.quantiles:
            out["quantiles"] = [q.to_dict() for q in self.quantiles]
        if self.participation is not None:
            out.update(self.participation.to_dict("participation_"))
        if self.mean_participants is not None:
            out.update(self.mean_participants.to_dict("mean_participants_"))
            out["n_participants"] = self.n_participants
        return out


@dataclass(frozen=True)
class Test:
    """A Wald test of a contrast: estimate, SE, CI, p-value and Holm-adjusted p-value."""

    value: Interval
    statistic: float
    p: float
    p_holm: float | None = None


@dataclass(frozen=True)
class Difference:
    """Variant b minus variant a for one outcome in one domain."""

    outcome: str
    a: str
    b: str
    domain: Domain
    unit: str
    test: Test
    independent: bool
    """True when a and b come from two surveys (Var = V_a + V_b)."""
    ratio: Interval | None
    """b / a with a delta-method SE."""
    effect_size: float | None
    effect_size_kind: str
    """``cohens_h`` for proportions, ``cohens_d`` for means."""
    participation: Test | None = None
    cohens_h_participation: float | None = None
    category: Category | None = None
    """As :attr:`Estimate.category`."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            **outcome_keys(self.outcome, self.category),
            "a": self.a,
            "b": self.b,
            "domain": dict(self.domain),
            "unit": self.unit,
            "diff": _num(self.test.value.estimate),
            "se": _num(self.test.value.se),
            "ci": [_num(self.test.value.low), _num(self.test.value.high)],
            "statistic": _num(self.test.statistic),
            "p": _num(self.test.p),
            "p_holm": _num(self.test.p_holm),
            "independent": self.independent,
        }
        if self.ratio is not None:
            out.update(self.ratio.to_dict("ratio_"))
        out[self.effect_size_kind] = _num(self.effect_size)
        if self.participation is not None:
            p = self.participation
            out.update(p.value.to_dict("participation_diff_"))
            out["participation_p"] = _num(p.p)
            out["participation_p_holm"] = _num(p.p_holm)
            out["cohens_h_participation"] = _num(self.cohens_h_participation)
        return out


@dataclass(frozen=True)
class Gap:
    """``first - second`` (e.g. Female - Male) under one variant, or its change between
    variants (difference in differences) when ``a`` is set."""

    outcome: str
    domain: Domain
    """The context (e.g. ``{}`` or ``{"child": "Yes"}``) within which the gap is taken."""
    gap_domain: str
    first: str
    second: str
    unit: str
    test: Test
    variant: str | None = None
    a: str | None = None
    b: str | None = None
    category: Category | None = None
    """As :attr:`Estimate.category`."""

    @property
    def kind(self) -> str:
        return "gap" if self.variant is not None else "did"

    def to_dict(self) -> dict[str, Any]:
        v = self.test.value
        out: dict[str, Any] = {
            "kind": self.kind,
            **outcome_keys(self.outcome, self.category),
            "domain": dict(self.domain),
            "gap_domain": self.gap_domain,
            "first": self.first,
            "second": self.second,
            "unit": self.unit,
        }
        if self.variant is not None:
            out.update(variant=self.variant, gap=_num(v.estimate))
        else:
            out.update(a=self.a, b=self.b, did=_num(v.estimate))
        out.update(
            se=_num(v.se), ci=[_num(v.low), _num(v.high)], statistic=_num(self.test.statistic),
            p=_num(self.test.p),
        )
        if self.test.p_holm is not None:
            out["p_holm"] = _num(self.test.p_holm)
        return out


@dataclass(frozen=True)
class MissingCount:
    """Item non-response of one outcome under one variant."""

    dataset: str
    outcome: str
    variable: str
    variant: str
    n: int
    """Respondents given this variant."""
    n_missing: int
    weighted_rate: Interval
    codes: dict[str, int]
    """``"-2 Don't know"`` -> count; ``"system missing"`` for empty cells."""

    @property
    def rate(self) -> float:
        return self.n_missing / self.n if self.n else math.nan

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "outcome": self.outcome,
            "variable": self.variable,
            "variant": self.variant,
            "n": self.n,
            "n_missing": self.n_missing,
            "rate": _num(self.rate),
            **self.weighted_rate.to_dict("weighted_rate_"),
            "codes": dict(self.codes),
        }


@dataclass(frozen=True)
class NonresponseDifference:
    """Weighted item non-response rate under b minus under a."""

    outcome: str
    a: str
    b: str
    test: Test
    independent: bool

    def to_dict(self) -> dict[str, Any]:
        v = self.test.value
        return {
            "outcome": self.outcome,
            "a": self.a,
            "b": self.b,
            "diff": _num(v.estimate),
            "se": _num(v.se),
            "ci": [_num(v.low), _num(v.high)],
            "p": _num(self.test.p),
            "independent": self.independent,
        }


@dataclass(frozen=True)
class DatasetInfo:
    """What was read and how its variance was estimated."""

    name: str
    file: str
    rows: int
    variants: tuple[str, ...]
    design: str
    degf: int
    excluded: int = 0
    """Rows whose ballot is a declared non-answer or empty (kept in the design, not estimated)."""
    design_message: Message | None = None
    """``design`` as a catalogue message, to word it in the reader's language."""
    synthetic: bool = False
    """The file is `tut demo-data` output (invented data), as its labels mark it."""

    def design_text(self, lang: str = "en") -> str:
        """How the variance was estimated, in ``lang``."""
        return render(self.design_message, lang) if self.design_message else self.design


@dataclass(frozen=True)
class ComparisonResult:
    """Everything ``tut compare`` reports."""

    title: str
    ci_level: float
    """Confidence level of every interval."""
    test: str
    datasets: tuple[DatasetInfo, ...]
    estimates: tuple[Estimate, ...]
    differences: tuple[Difference, ...]
    gaps: tuple[Gap, ...]
    missing: tuple[MissingCount, ...]
    nonresponse_differences: tuple[NonresponseDifference, ...]
    caveats: tuple[Message, ...] = field(default=())
    """Caveats as catalogue messages (:mod:`tut.compare.caveats`); :meth:`caveat_texts` words them."""
    adjusted: tuple[Any, ...] = ()
    """:class:`tut.compare.glm.AdjustedDifference` per outcome and pair (spec ``adjust``)."""
    rao_scott: tuple[Any, ...] = ()
    """:class:`tut.compare.chisq.RaoScott` per proportion or categorical outcome, pair and
    domain (the whole population and each domain category)."""
    texts_es: Mapping[str, str] = field(default_factory=dict)
    """The spec's texts in Spanish (title, outcome labels, units, domain category labels),
    by their English text."""

    def text_in(self, text: str, lang: str = "en") -> str:
        """A text of the spec (its title, an outcome's label or unit, a domain category) in
        ``lang``, as the spec gives it (``{en: ..., es: ...}``); else as written."""
        return self.texts_es.get(text, text) if lang == "es" else text

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The JSON of ``tut compare``: caveats as text in ``lang`` and as key and values."""
        return {
            "title": self.text_in(self.title, lang),
            "ci_level": self.ci_level,
            "test": self.test,
            "datasets": [
                {
                    "name": d.name, "file": d.file, "rows": d.rows, "variants": list(d.variants),
                    "design": d.design_text(lang), "degf": d.degf, "excluded": d.excluded,
                    "synthetic": d.synthetic,
                }
                for d in self.datasets
            ],
            "estimates": [e.to_dict() for e in self.estimates],
            "differences": [d.to_dict() for d in self.differences],
            "gaps": [g.to_dict() for g in self.gaps],
            "missing": [m.to_dict() for m in self.missing],
            "nonresponse_differences": [d.to_dict() for d in self.nonresponse_differences],
            "caveats": self.caveat_texts(lang),
            "caveat_messages": [c.to_dict() for c in self.caveats],
            **({"adjusted_differences": [a.to_dict() for a in self.adjusted]}
               if self.adjusted else {}),
            **({"rao_scott": [t.to_dict() for t in self.rao_scott]} if self.rao_scott else {}),
        }

    def caveat_texts(self, lang: str = "en") -> list[str]:
        """The caveats in ``lang`` (English unless Spanish)."""
        return [render(c, lang) for c in self.caveats]

    def estimate(self, outcome: str, variant: str, **domain: str) -> Estimate:
        """Look one estimate up by outcome, variant and domain labels."""
        want = dict(domain)
        for e in self.estimates:
            if e.outcome == outcome and e.variant == variant and dict(e.domain) == want:
                return e
        raise KeyError((outcome, variant, want))

    def difference(self, outcome: str, a: str, b: str, **domain: str) -> Difference:
        want = dict(domain)
        for d in self.differences:
            if (d.outcome, d.a, d.b) == (outcome, a, b) and dict(d.domain) == want:
                return d
        raise KeyError((outcome, a, b, want))


def outcome_keys(outcome: str, category: Category | None) -> dict[str, str]:
    """``outcome``, and for a category's share its outcome, ``category`` and ``code``."""
    return {"outcome": outcome} if category is None else category.to_dict()


def _num(x: float | None) -> float | None:
    """JSON has no NaN: undefined numbers become null."""
    if x is None:
        return None
    x = float(x)
    return None if math.isnan(x) or math.isinf(x) else x
