"""How the report's tables are arranged, for the document builder (:mod:`tut.report.document`).

The first page's key numbers, the grouping of wordings by language (quotes side by side),
the split of the microdata domains between the main text and the appendix, and item
non-response per variable: decided once here, so every format shows the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tut.agreement.verdicts import label_message
from tut.compare.results import ComparisonResult, Domain, Gap, MissingCount, NonresponseDifference
from tut.instruments.model import base_language
from tut.report import i18n
from tut.report.i18n import Lang, t
from tut.report.model import CodeCount, MicrodataFinding, Report, VariantCoding
from tut.report.outcomes import OutcomeBlock, outcome_blocks
from tut.report.phrases import (
    ci_text,
    effect_name,
    finding_verdict,
    ordered_findings,
    outcome_labels,
    outcome_name,
    spec_label,
    spec_texts,
    unit_text,
    value_text,
    variant_names,
)
from tut.report.svg import Share

ROLE_ORDER = ("target", "off-target", "boundary")


@dataclass(frozen=True)
class KeyRow:
    """One row of the first page's key numbers: a label and three cells (reference,
    alternative, difference); ``head`` rows name the columns of the block below them."""

    cells: tuple[str, str, str, str]
    head: bool = False
    flagged: bool = False
    """The row rests on a frame or code below the reliability floor."""


def _share(n: int, of: int, ci: Sequence[float] | None = None) -> str:
    text = f"{n}/{of} ({i18n.pct(n / of if of else None)}"
    if ci:
        text += f"; {i18n.pct(ci[0])}–{i18n.pct(ci[1])}"
    return text + ")"


def key_rows(r: Report, lang: Lang) -> list[KeyRow]:
    """The key numbers: readings per language (the report's own language first), the
    frame's alpha, the microdata contrast."""
    rows: list[KeyRow] = []
    frame_flag = not r.agreement.overall.reliable_enough
    names = variant_names(r, lang)
    for f in ordered_findings(r, lang):
        ref, alt = f.reference_reading, f.alternative_reading
        lang_name = i18n.named(i18n.LANGUAGE_NAMES, f.language, lang)
        lang_name = lang_name.lower() if lang == "es" else lang_name  # "en inglés"
        flagged = frame_flag or bool(f.rule_codes)
        rows.append(
            KeyRow(
                (
                    t("key-interviews", lang, language=lang_name, paired=f.paired),
                    t("key-reference", lang, variant=names.get(f.reference, f.reference)),
                    names.get(f.alternative, f.alternative),
                    t("key-difference", lang),
                ),
                head=True,
            )
        )
        rows.append(
            KeyRow(
                (
                    t("key-read-target", lang),
                    _share(ref.target, ref.respondents, ref.target_ci),
                    _share(alt.target, alt.respondents, alt.target_ci),
                    i18n.points(f.delta),
                ),
                flagged=flagged,
            )
        )
        if f.show_off_target:
            rows.append(
                KeyRow(
                    (
                        t("key-read-off", lang),
                        _share(ref.off_target, ref.respondents, ref.off_target_ci),
                        _share(alt.off_target, alt.respondents, alt.off_target_ci),
                        i18n.points(alt.off_target_share - ref.off_target_share),
                    ),
                    flagged=flagged,
                )
            )
        verdict = finding_verdict(f, lang)
        margin = f"{100 * f.params.get('margin', 0):.0f}"
        rows.append(
            KeyRow((t("key-decision", lang, margin=margin), "", "", verdict), flagged=flagged)
        )
    o = r.agreement.overall
    rows.append(KeyRow((t("key-agreement", lang), "", "", ""), head=True))
    verdict = t(
        "key-alpha-verdict",
        lang,
        verdict=label_message(o.verdict).text(lang),
        coders=len(r.agreement.coders),
        units=o.n_units,
    )
    rows.append(
        KeyRow(
            (
                t("key-alpha", lang),
                f"{i18n.alpha(o.value)} {i18n.interval(o.ci, 3)}" if o.value is not None else "–",
                "",
                verdict if o.value is not None else f"{verdict}: {o.note_in(lang)}",
            ),
            flagged=frame_flag,
        )
    )
    res = r.comparison
    for m in r.summary.microdata:
        rows += _micro_rows(m, res, outcome_labels(r, lang), lang, names)
    return rows


def share_note(r: Report, lang: Lang) -> str:
    """How the key numbers' shares are read (and why the off-target row may be missing)."""
    if any(not f.show_off_target for f in r.summary.languages):
        return t("key-share-note", lang)
    return t("key-share-note-both", lang)


def _micro_rows(
    m: MicrodataFinding,
    res: ComparisonResult | None,
    labels: dict[str, str],
    lang: Lang,
    names: dict[str, str],
) -> list[KeyRow]:
    lv = i18n.level_text(res.ci_level if res is not None else 0.95)
    rows = sum(d.rows for d in res.datasets) if res is not None else 0
    head = t("key-microdata", lang, rows=f"{rows:,}")
    a, b = names.get(m.a, m.a), names.get(m.b, m.b)
    out = [KeyRow((head, a, b, t("key-difference", lang)), head=True)]
    name = outcome_name(m.outcome, labels, lang)
    unit = unit_text(m.unit, m.kind, lang, spec_texts(res, lang))

    def est(x: float | None, ci: Sequence[float] | None, sign: bool = False) -> str:
        return f"{value_text(x, m.kind, sign=sign)} {ci_text(ci, m.kind, sign=sign)}"

    holm = f" ({t('holm', lang)} {i18n.pval(m.p_holm)})" if m.p_holm is not None else ""
    diff = (
        f"{est(m.diff, m.ci, sign=True)}; p {i18n.p_is(m.p)}{holm}; "
        f"{effect_name(m.effect_size_kind, lang)} {i18n.num(m.effect_size, 2)}"
    )
    out.append(
        KeyRow(
            (
                f"{name} ({unit}, {t('ci-level', lang, level=lv)})",
                est(m.estimate_a, m.ci_a),
                est(m.estimate_b, m.ci_b),
                diff,
            )
        )
    )
    if m.did is not None:
        texts = spec_texts(res, lang)
        first, second = spec_label(m.gap_first, lang, texts), spec_label(m.gap_second, lang, texts)
        out.append(
            KeyRow(
                (
                    t("key-gap", lang, first=first, second=second),
                    est(m.gap_a, m.gap_a_ci, sign=True),
                    est(m.gap_b, m.gap_b_ci, sign=True),
                    f"{est(m.did, m.did_ci, sign=True)}; p {i18n.p_is(m.did_p)}",
                )
            )
        )
    if m.nonresponse_a is not None or m.nonresponse_b is not None:
        change = value_text(m.nonresponse_diff, "proportion", digits=1, sign=True)
        out.append(
            KeyRow(
                (
                    t("key-nonresponse", lang),
                    i18n.pct(m.nonresponse_a, 1),
                    i18n.pct(m.nonresponse_b, 1),
                    f"{change}; p {i18n.p_is(m.nonresponse_p)}"
                    if m.nonresponse_diff is not None
                    else "–",
                )
            )
        )
    return out


def language_groups(r: Report) -> list[tuple[str, list[str]]]:
    """Variants grouped by base language in the study's order (for quotes side by side)."""
    languages = {w.id: base_language(w.language) if w.language else "" for w in r.wordings}
    groups: dict[str, list[str]] = {}
    for c in r.coding:
        groups.setdefault(languages.get(c.variant, ""), []).append(c.variant)
    return list(groups.items())


def codes_by_role(r: Report) -> list[tuple[str, list[CodeCount]]]:
    """Codes that occur in any variant, target codes first, in the frame's order."""
    seen: dict[str, CodeCount] = {}
    for c in r.coding:
        for cc in c.codes:
            seen.setdefault(cc.code, cc)
    ordered = [seen[fc["id"]] for fc in r.frame_codes if fc["id"] in seen]
    return [
        (role, [cc for cc in ordered if cc.role == role])
        for role in ROLE_ORDER
        if any(cc.role == role for cc in ordered)
    ]


def is_main_domain(domain: Domain) -> bool:
    """The whole population and one-variable domains go in the main text; cross-classified
    domains (sex by age group ...) in the appendix."""
    return len(domain) <= 1


def main_outcomes(result: ComparisonResult) -> list[tuple[OutcomeBlock, list[Domain]]]:
    """Every outcome with its domains for the main text."""
    return [(b, [d for d in b.domains if is_main_domain(d)]) for b in outcome_blocks(result)]


def appendix_outcomes(result: ComparisonResult) -> list[tuple[OutcomeBlock, list[Domain]]]:
    """The outcomes that have cross-classified domains, with those domains (the appendix)."""
    out = []
    for block in outcome_blocks(result):
        cross = [d for d in block.domains if not is_main_domain(d)]
        if cross:
            out.append((block, cross))
    return out


def main_gaps(result: ComparisonResult) -> list[Gap]:
    return [g for g in result.gaps if not g.domain]


def appendix_gaps(result: ComparisonResult) -> list[Gap]:
    return [g for g in result.gaps if g.domain]


@dataclass(frozen=True)
class NonresponseGroup:
    """Item non-response of one variable (several outcomes may be built from it)."""

    dataset: str
    variable: str
    outcomes: tuple[str, ...]
    rows: tuple[MissingCount, ...]
    differences: tuple[NonresponseDifference, ...]


def nonresponse_groups(result: ComparisonResult) -> list[NonresponseGroup]:
    """One group per variable: outcomes built from the same variable with the same counts
    are listed together instead of repeating identical rows."""
    per_outcome: dict[str, list[MissingCount]] = {}
    for m in result.missing:
        per_outcome.setdefault(m.outcome, []).append(m)
    merged: dict[tuple[object, ...], list[str]] = {}
    for outcome, counts in per_outcome.items():
        key = (
            counts[0].dataset,
            counts[0].variable,
            tuple((m.variant, m.n, m.n_missing, tuple(m.codes.items())) for m in counts),
        )
        merged.setdefault(key, []).append(outcome)
    groups = []
    for (dataset, variable, _sig), outcomes in merged.items():
        first = outcomes[0]
        groups.append(
            NonresponseGroup(
                str(dataset),
                str(variable),
                tuple(outcomes),
                tuple(per_outcome[first]),
                tuple(d for d in result.nonresponse_differences if d.outcome == first),
            )
        )
    return groups


def code_count(coding: VariantCoding, code: str) -> tuple[int, float]:
    """How many consensus-coded answers to one wording carry ``code``, and their share."""
    hit = next((x for x in coding.codes if x.code == code), None)
    return (hit.count, hit.share) if hit else (0, 0.0)


@dataclass(frozen=True)
class SharePanel:
    """One language's panel of the readings chart: title, text alternative and bars."""

    language: str
    title: str
    desc: str
    shares: tuple[Share, ...]


def share_panels(r: Report, lang: Lang) -> list[SharePanel]:
    """Per language compared (the report's own first), the share of respondents who read
    each wording on target (and off target when that adds something), as in the key numbers."""
    names = variant_names(r, lang)
    on_name, off_name = t("key-read-target", lang), t("key-read-off", lang)
    panels = []
    for f in ordered_findings(r, lang):
        shares: list[Share] = []
        words: list[str] = []
        for rd in (f.reference_reading, f.alternative_reading):
            name = names.get(rd.variant, rd.variant)
            flagged = bool(f.rule_codes) or not r.agreement.overall.reliable_enough
            lo, hi = rd.target_ci or (None, None)
            shares.append(Share(name, on_name, rd.target_share, lo, hi, flagged))
            words.append(
                f"{name}: {on_name.lower()} {rd.target}/{rd.respondents} "
                f"({i18n.pct(rd.target_share)}; {i18n.pct(lo)}–{i18n.pct(hi)})"
            )
            if f.show_off_target:
                lo, hi = rd.off_target_ci or (None, None)
                shares.append(Share(name, off_name, rd.off_target_share, lo, hi, flagged))
                words.append(
                    f"{name}: {off_name.lower()} {rd.off_target}/{rd.respondents} "
                    f"({i18n.pct(rd.off_target_share)})"
                )
        language = i18n.named(i18n.LANGUAGE_NAMES, f.language, lang)
        title = t("chart-readings", lang, language=language)
        panels.append(SharePanel(f.language, title, "; ".join(words) + ".", tuple(shares)))
    return panels
