"""The comparison spec: which files, which wording each respondent got, what to estimate.

The YAML is checked against ``tut/schemas/compare-spec.schema.json`` first (every problem
with its line), then turned into the frozen dataclasses of :mod:`tut.compare.model`, which
remember where each key sits.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from tut.compare.model import (
    ComparisonSpec,
    Condition,
    Conversion,
    DatasetSpec,
    DomainSpec,
    GapSpec,
    OutcomeSpec,
    ReplicateSpec,
    TaylorSpec,
    VariantSpec,
)
from tut.errors import Problem, TutError, number_text
from tut.microdata.assembly_spec import assembly_from_spec
from tut.safe_text import visible
from tut.texts import text_in, translations
from tut.yamlio import YamlDocument, load_yaml, schema_problems

SCHEMA = "compare-spec"


def load_spec(path: str | Path) -> ComparisonSpec:
    """Read, validate and parse a comparison spec file."""
    doc = load_yaml(path)
    return parse_spec(doc)


def parse_spec(doc: YamlDocument) -> ComparisonSpec:
    """Schema check (all problems at once), then the checks a schema cannot express."""
    problems = schema_problems(doc, SCHEMA)
    if problems:
        raise TutError(problems)
    data: dict[str, Any] = doc.data
    where = doc.place
    file = str(doc.path)
    problems = []
    datasets: list[DatasetSpec] = []
    names: set[str] = set()
    for i, raw in enumerate(data["datasets"]):
        ds = _dataset(doc, raw, f"/datasets/{i}", names, problems)
        if ds is not None:
            datasets.append(ds)
    if problems:
        raise TutError(problems)

    spec_ids = [v for d in datasets for v in d.variant.ids]
    if len(datasets) == 2 and set(datasets[0].variant.ids) & set(datasets[1].variant.ids):
        common = sorted(set(datasets[0].variant.ids) & set(datasets[1].variant.ids))
        problems.append(Problem(file, where("/datasets/1/variant"),
                                f"variant {common[0]} appears in both datasets",
                                "each wording variant belongs to one dataset; "
                                "use distinct ids for the two surveys"))
    pairs = _pairs(data.get("compare"), list(dict.fromkeys(spec_ids)), file, where, problems)
    gap = _gap(data, datasets, file, where, problems)
    if len(datasets) == 2:
        _check_outcomes_match(datasets, file, where, problems)
    ci_level, key, warnings = _ci_level(data, file, where, problems)
    if not level_ok(ci_level):  # the schema lets .nan and 0.9999999999999999 through
        problems.append(Problem(file, where(f"/{key}"),
                                f"{key} {number_text(ci_level)} is not a confidence level tut "
                                "can use", LEVEL_FIX))
    if problems:
        raise TutError(problems)
    return ComparisonSpec(
        path=doc.path,
        title=text_in(data.get("title", "")),
        texts_es=spanish_texts(data),
        ci_level=ci_level,
        warnings=warnings,
        test=data.get("test", "normal"),
        datasets=tuple(datasets),
        pairs=pairs,
        gap=gap,
        lines=dict(doc.lines),
        adjust=tuple(data.get("adjust", ())),
    )


def _dataset(
    doc: YamlDocument, raw: dict[str, Any], ptr: str, names: set[str], problems: list[Problem]
) -> DatasetSpec | None:
    """One dataset, with the top-level outcomes, domains and missing codes it inherits;
    None (and its problems added) when it cannot be built."""
    data: dict[str, Any] = doc.data
    file, where = str(doc.path), doc.place
    raw_outcomes, optr = _inherit(raw, "outcomes", data.get("outcomes"), ptr)
    if raw_outcomes is None:
        problems.append(Problem(file, where(ptr), "no outcomes to estimate",
                                "add an outcomes list at the top level or in this dataset"))
        return None
    raw_domains, dptr = _inherit(raw, "domains", data.get("domains"), ptr)
    raw_missing, mptr = _inherit(raw, "missing", data.get("missing"), ptr)
    name = raw.get("name") or Path(raw["file"]).stem
    if name in names:
        problems.append(Problem(file, where(f"{ptr}/name"), f"two datasets are called {name!r}",
                                "give each dataset its own name"))
    names.add(name)
    design_problems = _design_problems(raw["design"], f"{ptr}/design")
    if design_problems:
        problems.extend(Problem(file, where(p), what, fix) for p, what, fix in design_problems)
        return None
    outcomes = tuple(_outcome(o, f"{optr}/{j}") for j, o in enumerate(raw_outcomes))
    problems.extend(_outcome_problems(outcomes, file, where))
    domains = tuple(_domain(d, f"{dptr}/{j}") for j, d in enumerate(raw_domains or []))
    dnames = [d.name for d in domains]
    for j, dname in enumerate(dnames):
        if dname in dnames[:j]:
            problems.append(Problem(file, where(f"{dptr}/{j}"), f"domain {dname!r} is listed twice",
                                    "list each domain once (use name: to tell apart)"))
    variant = _variant(raw["variant"], f"{ptr}/variant")
    if variant.variable is not None and len(variant.codes) < 1:
        problems.append(Problem(file, where(f"{ptr}/variant/map"), "empty map"))
    return DatasetSpec(
        name=name,
        file=(doc.path.parent / raw["file"]),
        variant=variant,
        weight=raw["weight"],
        design=_design(raw["design"], f"{ptr}/design"),
        outcomes=outcomes,
        domains=domains,
        missing={k: tuple(v) for k, v in (raw_missing or {}).items()},
        missing_pointer=mptr,
        pointer=ptr,
        assembly=assembly_from_spec(raw, doc.path.parent, ptr),
    )


def _outcome_problems(
    outcomes: tuple[OutcomeSpec, ...], file: str, where: Callable[[str], str]
) -> list[Problem]:
    out: list[Problem] = []
    seen: set[str] = set()
    for o in outcomes:
        if o.name in seen:
            out.append(Problem(file, where(f"{o.pointer}/name"),
                               f"outcome name {o.name!r} is used twice",
                               "give each outcome its own name"))
        seen.add(o.name)
        if o.convert is not None and not (0 < o.convert.factor < float("inf")):
            out.append(Problem(file, where(f"{o.pointer}/convert/factor"),
                               f"the factor {clipped(o.convert.factor_text)} is not a positive "
                               "number", "write a positive number or a fraction such as 7/60"))
        if o.convert is not None and o.kind == "proportion":
            out.append(Problem(file, where(f"{o.pointer}/convert"),
                               "a proportion has no unit to convert",
                               "remove convert, or make the outcome kind: mean"))
        if o.quantiles and o.kind != "mean":
            out.append(Problem(file, where(f"{o.pointer}/quantiles"),
                               f"quantiles are for means, not a {o.kind}",
                               "remove quantiles, or make the outcome kind: mean"))
        if o.categorical and (o.kind != "mean" or o.convert is not None):
            out.append(Problem(file, where(f"{o.pointer}/categorical"),
                               "categorical is for the codes of a kind: mean outcome without "
                               "convert", "make the outcome kind: mean without convert, or "
                               "remove categorical"))
        if o.categorical and o.quantiles:
            out.append(Problem(file, where(f"{o.pointer}/quantiles"),
                               "a categorical outcome's codes have no quantiles (each "
                               "category's share is estimated)", "remove quantiles"))
        if (o.kind == "ratio") != (o.denominator is not None):
            out.append(Problem(file, where(f"{o.pointer}/kind"),
                               "kind: ratio needs a denominator" if o.kind == "ratio" else
                               f"a denominator is for kind: ratio, not {o.kind}",
                               "give denominator: VARIABLE with kind: ratio, or neither"))
    return out


def _gap(
    data: dict[str, Any], datasets: list[DatasetSpec], file: str, where: Callable[[str], str],
    problems: list[Problem],
) -> GapSpec | None:
    if "gap" not in data:
        return None
    g = data["gap"]
    gap = GapSpec(g["domain"], g["first"], g["second"])
    for d in datasets:
        if gap.domain not in [x.name for x in d.domains]:
            problems.append(Problem(file, where("/gap/domain"),
                                    f"gap domain {gap.domain!r} is not among the domains of "
                                    f"dataset {d.name!r}", "add it under domains"))
    if gap.first == gap.second:
        problems.append(Problem(file, where("/gap/second"), "first and second are the same",
                                "name two different categories, e.g. Female and Male"))
    return gap


LEVEL_MAX = 0.9999
"""Above this the interval's quantile runs out of floating-point precision."""
LEVEL_FIX = f"write a number above 0.5 and at most {LEVEL_MAX}, such as 0.95 or 0.90"


def _ci_level(
    data: dict[str, Any], file: str, where: Callable[[str], str], problems: list[Problem]
) -> tuple[float, str, tuple[str, ...]]:
    """The confidence level, its key, and a deprecation warning for the old key ``level``
    (in tut ``level`` is the level of measurement; it still works here, for now)."""
    if "level" not in data:
        return float(data.get("ci_level", 0.95)), "ci_level", ()
    if "ci_level" in data:
        problems.append(Problem(file, where("/level"), "level and ci_level both given",
                                "remove level: ci_level is its new name"))
    warning = (f"{file}:{where('/level')}: 'level' is now 'ci_level' (the confidence level; "
               "it still works for now: rename it)")
    return float(data["level"]), "level", (warning,)


def level_ok(level: float) -> bool:
    """A confidence level an interval can be computed for (NaN is not)."""
    return 0.5 < level <= LEVEL_MAX


def check_variant_ids(spec: ComparisonSpec, known: Collection[str]) -> None:
    """Every variant id the spec names must be a wording of the instruments registry.

    The report shows each variant's wording from the registry, and a typo in a ballot map
    would otherwise silently become a wording of its own. All unknown ids are reported
    at once, each at its key.
    """
    problems: list[Problem] = []
    for d in spec.datasets:
        v = d.variant
        if v.single is not None:
            places = [(v.pointer, v.single)]
        else:
            places = [(f"{v.pointer}/map/{pointer_key(code)}", vid) for code, vid in v.codes.items()]
        for pointer, vid in places:
            if vid in known:
                continue
            close = difflib.get_close_matches(vid, list(known), n=3, cutoff=0.6)
            hint = "did you mean " + ", ".join(repr(c) for c in close) + "? " if close else ""
            problems.append(Problem(
                str(spec.path), spec.place(pointer),
                f"variant {vid!r} is not in the instruments registry",
                f"{hint}'tut instruments list' shows the known ids; a new wording goes in "
                "the project's instruments/ folder first",
            ))
    if problems:
        raise TutError(problems)


def clipped(text: object, limit: int = 60) -> str:
    """User text inside a message: control characters made visible, long text cut."""
    shown = visible(str(text))
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def pointer_key(key: str) -> str:
    """A key as it appears in a JSON pointer."""
    return key.replace("~", "~0").replace("/", "~1")


def _inherit(raw: dict[str, Any], key: str, top: Any, ptr: str) -> tuple[Any, str]:
    """A dataset's own ``key`` wins over the top-level one."""
    if key in raw:
        return raw[key], f"{ptr}/{key}"
    return top, f"/{key}"


DesignProblem = tuple[str, str, str]
"""(pointer, what, fix) of a design problem the schema cannot express."""


def _design_problems(raw: dict[str, Any], ptr: str) -> list[DesignProblem]:
    """What is missing or contradictory in a design, each at its key with what to write."""
    if "replicates" not in raw:
        return []
    if {"strata", "psu", "lonely_psu"} & set(raw):
        return [(ptr, "design has both replicates and strata/psu",
                 "give strata/psu (Taylor linearisation) or replicates, not both")]
    r = raw["replicates"]
    rp = f"{ptr}/replicates"
    out: list[DesignProblem] = []
    if "columns" in r and "prefix" in r:
        out.append((rp, "replicates has both columns and prefix",
                    "keep prefix (repwt for repwt1..repwt160) or columns (a list), not both"))
    if "columns" not in r and "prefix" not in r:
        out.append((rp, "replicates needs columns (a list) or prefix",
                    "add prefix: repwt for repwt1..repwt160, or columns: [rw1, rw2, ...]"))
    if r["type"] == "fay" and "rho" not in r:
        out.append((f"{rp}/type", "replicates of type fay need rho, Fay's coefficient",
                    "add rho: 0.5 under replicates (the value of ATUS and of the Census "
                    "Bureau's successive difference replicates), or the rho of your survey"))
    if r["type"] != "fay" and "rho" in r:
        out.append((f"{rp}/rho", f"rho only applies to type fay, not {r['type']}",
                    "remove rho, or set type: fay"))
    if r["type"] == "jkn" and "rscales" not in r:
        out.append((f"{rp}/type",
                    "replicates of type jkn need rscales, one factor per replicate weight",
                    "add rscales: [...] with (n_h - 1)/n_h of the stratum each replicate "
                    "drops a PSU from, e.g. [0.5, 0.5, 0.667, 0.667, 0.667] for strata of 2 "
                    "and 3 PSUs; or use type: jk1 for an unstratified jackknife"))
    # The schema's bounds let .nan and .inf through.
    rho = r.get("rho")
    if rho is not None and not 0 <= rho < 1:
        out.append((f"{rp}/rho", f"rho {number_text(rho)} is not a Fay coefficient",
                    "write a number from 0 to below 1, such as 0.5"))
    scale = r.get("scale")
    if scale is not None and not 0 < scale < math.inf:
        out.append((f"{rp}/scale", f"scale {number_text(scale)} is not a positive number",
                    "write a positive number such as 0.025, or remove scale to use the type's"))
    for j, x in enumerate(r.get("rscales") or []):
        if not 0 <= x < math.inf:
            out.append((f"{rp}/rscales/{j}", f"rscale {number_text(x)} is not a number of 0 or "
                        "more", "write a finite number, (n_h - 1)/n_h of the replicate's stratum"))
            break
    return out


def _design(raw: dict[str, Any], ptr: str) -> TaylorSpec | ReplicateSpec:
    if "replicates" in raw:
        r = raw["replicates"]
        return ReplicateSpec(
            columns=tuple(r["columns"]) if "columns" in r else None,
            prefix=r.get("prefix"),
            count=r.get("count"),
            type=r["type"],
            rho=r.get("rho"),
            scale=r.get("scale"),
            rscales=tuple(float(x) for x in r["rscales"]) if "rscales" in r else None,
            mse=r.get("mse"),
            pointer=f"{ptr}/replicates",
            combined=r.get("combined_weights", True),
        )
    return TaylorSpec(
        strata=raw.get("strata"),
        psu=raw.get("psu"),
        lonely_psu=raw.get("lonely_psu", "fail"),
        lonely_psu_given="lonely_psu" in raw,
        pointer=ptr,
        fpc=raw.get("fpc"),
        ssu=raw.get("ssu"),
        fpc2=raw.get("fpc2"),
    )


def spanish_texts(data: dict[str, Any]) -> dict[str, str]:
    """The texts the spec gives in Spanish too (title, outcome labels and units, domain
    category labels, given as ``{en: ..., es: ...}``), by their English text: what a
    Spanish report and ``tut compare --lang es`` show for them."""
    outcomes, domains = [*(data.get("outcomes") or [])], [*(data.get("domains") or [])]
    for ds in data.get("datasets") or []:
        outcomes += (ds.get("outcomes") or []) if isinstance(ds, dict) else []
        domains += (ds.get("domains") or []) if isinstance(ds, dict) else []
    texts = translations(data.get("title"))
    for o in outcomes:
        if isinstance(o, dict):
            texts |= translations(o.get("label")) | translations(o.get("unit"))
            texts |= translations((o.get("convert") or {}).get("to"))
    for d in domains:
        for label in ((d.get("labels") or {}) if isinstance(d, dict) else {}).values():
            texts |= translations(label)
    return texts


def _factor(value: float | str) -> float:
    if isinstance(value, str):
        num, _, den = value.partition("/")
        if not den.strip():
            return float(num)
        return float(num) / float(den) if float(den) else float("nan")  # n/0: refused later
    return float(value)


def _outcome(raw: dict[str, Any], ptr: str) -> OutcomeSpec:
    convert = None
    if "convert" in raw:
        c = raw["convert"]
        convert = Conversion(text_in(c["to"]), _factor(c["factor"]), str(c["factor"]).strip(),
                             c["caveat"])
    return OutcomeSpec(
        name=raw["name"],
        variable=raw["variable"],
        kind=raw["kind"],
        unit=text_in(raw.get("unit", "proportion" if raw["kind"] == "proportion" else "")),
        label=text_in(raw.get("label", raw["name"])),
        condition=Condition.parse(raw["condition"]) if "condition" in raw else None,
        convert=convert,
        pointer=ptr,
        quantiles=tuple(float(q) for q in raw.get("quantiles", ())),
        denominator=raw.get("denominator"),
        categorical=bool(raw.get("categorical", False)),
    )


def _domain(raw: str | dict[str, Any], ptr: str) -> DomainSpec:
    if isinstance(raw, str):
        return DomainSpec(name=raw, variable=raw, labels={}, pointer=ptr)
    return DomainSpec(
        name=raw.get("name", raw["variable"]),
        variable=raw["variable"],
        labels={code_text(k): text_in(v) for k, v in (raw.get("labels") or {}).items()},
        pointer=ptr,
        condition=Condition.parse(raw["condition"]) if "condition" in raw else None,
    )


def _variant(raw: str | dict[str, Any], ptr: str) -> VariantSpec:
    if isinstance(raw, str):
        return VariantSpec(variable=None, codes={}, single=raw, pointer=ptr)
    return VariantSpec(
        variable=raw["variable"],
        codes={code_text(k): v for k, v in raw["map"].items()},
        single=None,
        pointer=ptr,
    )


def code_text(code: Any) -> str:
    """Codes compare as text: 1, 1.0 and "1" are the same code."""
    if isinstance(code, float) and code.is_integer():
        return str(int(code))
    text = str(code).strip()
    try:
        f = float(text)
    except ValueError:
        return text
    return str(int(f)) if f.is_integer() else repr(f)


def _pairs(
    raw: list[list[str]] | None,
    ids: list[str],
    file: str,
    where: Callable[[str], str],
    problems: list[Problem],
) -> tuple[tuple[str, str], ...]:
    if raw is None:
        return tuple((a, b) for i, a in enumerate(ids) for b in ids[i + 1:])
    pairs = []
    for i, (a, b) in enumerate(raw):
        for j, v in enumerate((a, b)):
            if v not in ids:
                problems.append(Problem(file, where(f"/compare/{i}/{j}"),
                                        f"variant {v!r} is not in any dataset",
                                        "use one of: " + ", ".join(ids)))
        if a == b:
            problems.append(Problem(file, where(f"/compare/{i}"), "a variant compared with itself",
                                    "name two different variants"))
        elif (a, b) in pairs or (b, a) in pairs:
            problems.append(Problem(file, where(f"/compare/{i}"),
                                    f"the pair {a}, {b} is listed twice",
                                    "list each pair once (differences are b - a)"))
        pairs.append((a, b))
    return tuple(pairs)


def _check_outcomes_match(
    datasets: list[DatasetSpec], file: str, where: Callable[[str], str], problems: list[Problem]
) -> None:
    """Two surveys are compared outcome by outcome, so names, kinds and units must agree."""
    first = {o.name: o for o in datasets[0].outcomes}
    for o in datasets[1].outcomes:
        other = first.get(o.name)
        if other is None:
            continue
        if other.kind != o.kind:
            problems.append(Problem(file, where(f"{o.pointer}/kind"),
                                    f"outcome {o.name!r} is a {o.kind} here but a {other.kind} "
                                    "in the first dataset", "use the same kind in both"))
        elif other.reported_unit != o.reported_unit:
            problems.append(Problem(file, where(o.pointer),
                                    f"outcome {o.name!r} is in {o.reported_unit!r} here but in "
                                    f"{other.reported_unit!r} in the first dataset",
                                    "add convert: {to, factor, caveat} to one of them so the "
                                    "units agree"))
    if not set(first) & {o.name for o in datasets[1].outcomes}:
        problems.append(Problem(file, where("/datasets/1"),
                                "the two datasets share no outcome name",
                                "give the matching outcomes the same name in both datasets"))
