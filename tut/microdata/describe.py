"""What is in a microdata file, and which variables look like the survey design.

Before writing a comparison spec a methodologist needs the weight, the replicate
weights, the strata and the PSUs. Survey files name them in a handful of ways (ATUS
``TUFNWGTP`` and ``TUFWGT001``..``TUFWGT160``, IPUMS ``PERWT``, INEGI
``fac_per``/``EST_DIS``/``UPM_DIS``,
NHANES-style ``strata``/``psu``), so tut recognises them by name and label, groups
numbered replicate weights, and says why it matched so the user can judge.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Literal

from tut.microdata.codebook import STATA_MISSING_TAGS, Codebook, Variable

DesignRole = Literal["weight", "replicate_weights", "strata", "psu"]

_ROLE_ORDER: dict[DesignRole, int] = {"weight": 0, "replicate_weights": 1, "strata": 2, "psu": 3}

# Name patterns, matched against the lower-cased name.
_WEIGHT_NAME = re.compile(
    r"wgt|weight|wght|(^|_)wt(_|$|\d)|wt\d*$|^pw(t|gt)?\d*$|^fac(tor)?(_|$)|^fe(xp)?(_|$)|fexp|^pond|ponder|^peso|^expan"
)
_REPLICATE_PREFIX = re.compile(r"rep|rwt|repw|wgt|weight|wght|(^|_)wt|^fac|pond|peso|^pw")
_STRATA_NAME = re.compile(r"^(v?strat(a|um|o)?|estrato|est_dis|est|estr|sdmvstra|str)(_|$|\d)|strat")
_PSU_NAME = re.compile(r"^(v?psu|upm|upm_dis|cluster|clus|conglomerado|secu|sdmvpsu)(_|$|\d)|(^|_)upm(_|$)|(^|_)psu(_|$)")

# Label patterns (English and Spanish, as INEGI and BLS word them).
_WEIGHT_LABEL = re.compile(
    r"\bweight\b|factor de expansi[oó]n|expansion factor|factor de ponderaci[oó]n|ponderador|\bpeso\b",
    re.I,
)
_STRATA_LABEL = re.compile(r"strat|estrato", re.I)
_PSU_LABEL = re.compile(
    r"primary sampling unit|unidad primaria de muestreo|\bpsu\b|\bupm\b|conglomerado|\bcluster\b", re.I
)
_NOT_A_WEIGHT_LABEL = re.compile(r"\b(kg|kilo|pounds|lbs|body)\b|peso corporal|al nacer", re.I)

_NUMBERED = re.compile(r"^(?P<prefix>.*?)(?P<num>\d+)$")


@dataclass(frozen=True)
class DesignVariable:
    """One survey-design ingredient tut recognised in the file."""

    role: DesignRole
    names: tuple[str, ...]
    """The variable(s); replicate weights in number order."""
    summary: str
    """How to show it: ``TUFNWGTP`` or ``160 replicate weights TUFWGT001..TUFWGT160``."""
    reason: str
    """Why it matched, so the user can judge (name or label pattern)."""


@dataclass(frozen=True)
class Description:
    """A file's codebook plus the design variables recognised in it."""

    codebook: Codebook
    design: tuple[DesignVariable, ...]
    missing_in_data: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Stata: variable -> the extended missing tags (``.a``) that occur in its data."""

    def by_role(self, role: DesignRole) -> list[DesignVariable]:
        return [d for d in self.design if d.role == role]

    def missing_of(self, v: Variable) -> list[str]:
        """What a user should know is missing in ``v``: SPSS/CSV declarations; for Stata
        the tags in the data and those its value labels name, in ``.a``..``.z`` order."""
        if self.codebook.format != "dta":
            return v.describe_missing()
        tags = set(self.missing_in_data.get(v.name, ())) | set(v.missing_tags)
        return [t for t in STATA_MISSING_TAGS if t in tags]

    def stata_missing_text(self, v: Variable) -> str:
        """``.a=apple, .h, .z=.zebra``; a labelled tag no value holds says so."""
        found = self.missing_in_data.get(v.name, ())
        parts = []
        for tag in self.missing_of(v):
            text = f"{tag}={v.value_labels[tag]}" if tag in v.value_labels else tag
            parts.append(text if tag in found else f"{text} (labelled, not in the data)")
        return ", ".join(parts)

    def as_dict(self, *, variables: bool = True) -> dict[str, Any]:
        """JSON-ready; value-label codes become strings (JSON keys must be)."""
        book = self.codebook
        kinds: dict[str, int] = defaultdict(int)
        for v in book.variables.values():
            kinds[v.kind] += 1
        out: dict[str, Any] = {
            "file": str(book.path),
            "format": book.format,
            "rows": book.n_rows,
            "n_variables": len(book.variables),
            "file_label": book.file_label,
            "encoding": book.encoding,
            "reader": book.reader,
            "table": book.table,
            "notes": list(book.notes),
            "kinds": dict(kinds),
            "design": [
                {"role": d.role, "variables": list(d.names), "summary": d.summary, "reason": d.reason}
                for d in self.design
            ],
            "user_missing": {
                v.name: self.missing_of(v) for v in book.variables.values() if self.missing_of(v)
            },
        }
        if book.format == "dta":
            out["missing_in_data"] = {n: list(t) for n, t in self.missing_in_data.items()}
        if variables:
            out["variables"] = [_variable_dict(v, self.missing_of(v))
                                for v in book.variables.values()]
        return out


def _code_key(code: float | str) -> str:
    if isinstance(code, float) and code.is_integer():
        return str(int(code))
    return str(code)


def _variable_dict(v: Variable, missing: list[str]) -> dict[str, Any]:
    return {
        "name": v.name,
        "label": v.label,
        "kind": v.kind,
        "format": v.format,
        "measure": v.measure,
        "value_labels": {_code_key(k): lab for k, lab in v.value_labels.items()},
        "missing_values": [_code_key(x) if isinstance(x, str) else x for x in v.missing_values],
        "missing_ranges": [[lo, hi] for lo, hi in v.missing_ranges],
        "missing": missing,
    }


def _replicate_sets(book: Codebook) -> list[DesignVariable]:
    groups: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for v in book.variables.values():
        if v.kind != "numeric":
            continue
        m = _NUMBERED.match(v.name)
        if m and m.group("prefix"):
            groups[m.group("prefix")].append((int(m.group("num")), v.name))
    sets = []
    for prefix, members in groups.items():
        low = prefix.lower()
        if not _REPLICATE_PREFIX.search(low):
            continue
        strong = bool(re.search(r"rep|rwt", low))
        if len(members) < (2 if strong else 4):
            continue
        members.sort()
        names = tuple(n for _, n in members)
        numbers = [k for k, _ in members]
        gaps = sorted(set(range(numbers[0], numbers[-1] + 1)) - set(numbers))
        summary = f"{len(names)} replicate weights {names[0]}..{names[-1]}"
        if gaps:
            shown = ", ".join(map(str, gaps[:5])) + (", ..." if len(gaps) > 5 else "")
            summary += f" (numbers missing: {shown})"
        sets.append(
            DesignVariable("replicate_weights", names, summary,
                           f"{len(names)} numbered variables named {prefix}<n>")
        )
    return sets


_ROLES: tuple[tuple[DesignRole, re.Pattern[str], re.Pattern[str], str], ...] = (
    ("weight", _WEIGHT_NAME, _WEIGHT_LABEL, "a weight"),
    ("strata", _STRATA_NAME, _STRATA_LABEL, "strata"),
    ("psu", _PSU_NAME, _PSU_LABEL, "a PSU"),
)


def _role(v: Variable) -> tuple[DesignRole, str] | None:
    """A name match of any role wins over a label match: ``psu`` labelled 'Primary
    sampling unit (within stratum)' is a PSU, not strata."""
    body_weight = bool(v.label and _NOT_A_WEIGHT_LABEL.search(v.label))
    for by_label in (False, True):
        for role, name_re, label_re, words in _ROLES:
            if role == "weight" and body_weight:
                continue
            if by_label:
                if v.label and label_re.search(v.label):
                    return role, f"label {v.label!r} looks like {words}"
            elif name_re.search(v.name.lower()):
                return role, f"name {v.name} looks like {words}"
    return None


def recognise_design(book: Codebook) -> tuple[DesignVariable, ...]:
    """Weight, replicate weights, strata and PSU variables, by name and label."""
    found: list[DesignVariable] = _replicate_sets(book)
    in_sets = {n for d in found for n in d.names}
    for v in book.variables.values():
        if v.name in in_sets or v.kind not in ("numeric", "string"):
            continue
        hit = _role(v)
        # Strata and PSUs may be text codes (ENUT's EST_DIS is '09-U-1'); a weight may not.
        if hit is not None and (v.kind == "numeric" or hit[0] in ("strata", "psu")):
            found.append(DesignVariable(hit[0], (v.name,), v.name, hit[1]))
    order = {n: i for i, n in enumerate(book.variables)}
    found.sort(key=lambda d: (_ROLE_ORDER[d.role], order[d.names[0]]))
    return tuple(found)


def describe(
    book: Codebook, missing_in_data: dict[str, tuple[str, ...]] | None = None
) -> Description:
    """Everything ``tut microdata describe`` shows: the metadata, plus for a Stata file the
    extended missing tags found in its data (:mod:`tut.microdata.stata_missing`)."""
    return Description(codebook=book, design=recognise_design(book),
                       missing_in_data=dict(missing_in_data or {}))
