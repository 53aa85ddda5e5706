"""Sentences and labels both renderers (HTML and Markdown) print, built from report objects."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from tut.report import i18n
from tut.report.i18n import Lang, t
from tut.report.model import MicrodataFinding, Report


def domain_text(domain: dict[str, str] | Sequence[tuple[str, str]], lang: Lang) -> str:
    items = list(domain.items()) if isinstance(domain, dict) else list(domain)
    if not items:
        return t("all", lang)
    return ", ".join(
        f"{i18n.pick(i18n.ATTRIBUTE_NAMES.get(k, (k, k)), lang)}: {v}" for k, v in items
    )


def domain_key(domain: dict[str, str] | Sequence[tuple[str, str]]) -> str:
    items = list(domain.items()) if isinstance(domain, dict) else list(domain)
    return json.dumps(dict(items), sort_keys=True, ensure_ascii=False)


def reason_text(key: str, params: dict[str, Any], lang: Lang) -> str:
    shown = dict(params)
    shown["delta"] = i18n.points(params.get("delta"))
    shown["margin"] = f"{100 * params.get('margin', 0):.0f} pp"
    shown["p"] = i18n.p_is(params.get("p"))
    shown["alpha"] = i18n.alpha(params.get("alpha"))
    return t(key, lang, **shown)


def micro_text(m: MicrodataFinding, level: float, lang: Lang) -> str:
    lv = i18n.level_text(level)
    text = t(
        "micro-line",
        lang,
        a=m.a,
        b=m.b,
        outcome=m.outcome,
        diff=i18n.signed(m.diff),
        unit=m.unit,
        level=lv,
        ci=i18n.interval(m.ci, 1),
        p=i18n.p_is(m.p),
        p_holm=i18n.p_is(m.p_holm),
        relative=i18n.pct(m.relative) if m.relative is not None else "–",
        effect_kind=m.effect_size_kind,
        effect=i18n.num(m.effect_size, 2),
    )
    judgement = (
        "micro-judgement-sig-sub"
        if m.significant and m.substantive
        else "micro-judgement-sig"
        if m.significant
        else "micro-judgement-none"
    )
    text += " " + t(judgement, lang)
    if m.did is not None:
        text += " " + t(
            "micro-gap",
            lang,
            gap_a=i18n.signed(m.gap_a),
            gap_b=i18n.signed(m.gap_b),
            a=m.a,
            b=m.b,
            did=i18n.signed(m.did),
            level=lv,
            did_ci=i18n.interval(m.did_ci, 1),
            did_p=i18n.p_is(m.did_p),
        )
    return text


def headline_text(r: Report, lang: Lang) -> str:
    key, params = r.summary.headline
    shown = {k: (i18n.alpha(v) if k == "alpha" else v) for k, v in params.items()}
    return t(key, lang, **shown)


def frame_text(r: Report, lang: Lang) -> tuple[str, bool]:
    """The plain sentence on the frame's reliability, and whether it is a warning."""
    o = r.agreement.overall
    if o.verdict == "undefined":
        return t("frame-undefined-plain", lang, why=o.note or "–"), True
    if o.verdict == "unreliable":
        return t("frame-unreliable-plain", lang, alpha=i18n.alpha(o.value)), True
    ci = f"{t('ci-level', lang, level='95%')} {i18n.interval(o.ci, 3)}"
    key = "frame-reliable-plain" if o.verdict == "reliable" else "frame-tentative-plain"
    return t(key, lang, alpha=i18n.alpha(o.value), ci=ci), False


def finding_title(f: Any, lang: Lang) -> str:
    lang_name = i18n.pick(i18n.LANGUAGE_NAMES.get(f.language, (f.language, f.language)), lang)
    return t(
        "finding-line",
        lang,
        language=lang_name,
        alternative=f.alternative,
        reference=f.reference,
        finding=t(f"finding-{f.finding}", lang),
    )


def rule_texts(r: Report, lang: Lang) -> list[str]:
    target = ", ".join(f["id"] for f in r.frame_codes if f["role"] == "target") or "–"
    off = ", ".join(f["id"] for f in r.frame_codes if f["role"] == "off-target") or "–"
    rules = r.rules
    return [
        t("rule-1", lang, target=target, off=off),
        t("rule-2", lang, margin=f"{100 * rules['fit_margin']:.0f} pp"),
        t("rule-3", lang),
        t(
            "rule-4",
            lang,
            p=rules["p_level"],
            min_day=f"{rules['substantive_minutes_per_day']:g}",
            h_week=f"{rules['substantive_hours_per_week']:g}",
            relative=i18n.pct(rules["substantive_relative"]),
        ),
        t("rule-consensus", lang),
    ]
