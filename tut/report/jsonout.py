"""``report.json``: every number behind the report, in plain JSON (no NaN)."""

from __future__ import annotations

import math
from dataclasses import asdict, fields, is_dataclass
from typing import Any

from tut.report.i18n import Lang
from tut.report.model import AlphaRow, Report
from tut.report.phrases import caveat_line, headline_text, shown_file

FORMAT = "tut-report/1"


def _clean(value: Any) -> Any:
    """JSON-safe: tuples to lists, NaN and infinities to null."""
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def _plain(obj: Any) -> Any:
    if isinstance(obj, AlphaRow):
        return _plain(obj.to_json())
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _plain(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    return obj


def report_json(report: Report, lang: Lang = "en") -> dict[str, Any]:
    """The report as a JSON-ready dict; the microdata part is ``tut compare --json``'s.
    ``summary.headline`` is the answer the ``lang`` report leads with, with its text."""
    r = report
    coding = []
    for c in r.coding:
        item = _plain(c)
        item["reading"].update(
            target_share=c.reading.target_share,
            off_target_share=c.reading.off_target_share,
            net_fit=c.reading.net_fit,
        )
        coding.append(item)
    summary = _plain(r.summary)
    key, params = r.summary.headlines.get(lang, r.summary.headline)
    summary["headline"] = {"key": key, "params": params, "text": headline_text(r, lang)}
    summary["headlines"] = {
        k: {"key": h[0], "params": h[1]} for k, h in r.summary.headlines.items()
    }
    for part in ("warnings", "microdata_caveats"):
        summary[part] = [
            {"key": k, "params": p, "text": caveat_line(k, p, lang, r)}
            for k, p in getattr(r.summary, part)
        ]
    out: dict[str, Any] = {
        "format": FORMAT,
        "title": r.title,
        "study": asdict(r.study),
        "protocol": {"id": r.protocol_id, "version": r.protocol_version, "frame": r.frame_id},
        "pseudonymised": r.pseudonymised,
        "summary": summary,
        "rules": r.rules,
        "wordings": _plain(r.wordings),
        "pairs": _plain(r.pairs),
        "coding": coding,
        "agreement": _plain(r.agreement),
        "comparison": _comparison(r, lang),
        "comparison_outcome": r.comparison_outcome,
        "sample": r.sample,
        "probes": list(r.probes),
        "notes": _plain(r.notes),
        "frame_codes": list(r.frame_codes),
        "frame_version": r.frame_version,
        "frame_revisions": list(r.frame_revisions),
        "confusion": r.confusion,
        "provenance": _plain(r.provenance),
    }
    return _clean(out)


def _comparison(r: Report, lang: Lang) -> dict[str, Any] | None:
    """The comparison's JSON with each data file named as provenance names it (no machine path)."""
    if r.comparison is None:
        return None
    out = r.comparison.to_dict(lang)
    for d in out["datasets"]:
        d["file"] = shown_file(d["file"], r)
    return out
