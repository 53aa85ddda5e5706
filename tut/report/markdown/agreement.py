"""Inter-coder agreement: alpha per slice with its interval and verdict."""

from __future__ import annotations

from collections.abc import Sequence

from tut.report import i18n
from tut.report.i18n import Lang, t
from tut.report.markdown.cells import FLAG, code, md, mtable
from tut.report.model import AlphaRow, Report
from tut.report.phrases import agreement_method, code_list, code_names, frame_text, variant_names


def alpha_md(
    rows: Sequence[AlphaRow], lang: Lang, names: dict[str, str] | None = None
) -> list[list[str]]:
    """Alpha per slice; ``names`` shows codes and wordings by their labels."""
    names = names or {}
    out = []
    for row in rows:
        mark = f"{FLAG} " if not row.reliable_enough else ""
        out.append(
            [
                md(t("scope-" + row.scope, lang)),
                md(names[row.key]) if row.key in names else code(i18n.key_text(row.key, lang)),
                mark + i18n.alpha(row.value),
                t("too-few-uses", lang) if row.too_few_uses else i18n.interval(row.ci, 3),
                i18n.num(row.p_below_tentative, 3),
                md(t("verdict-" + row.verdict, lang)),
                str(row.n_units),
                str(row.n_pairable),
            ]
        )
    return out


def agreement_section(r: Report, lang: Lang) -> list[str]:
    L: list[str] = []
    a = r.agreement
    L += [f"## {md(t('sec-agreement', lang))}", "", md(frame_text(r, lang)[0]), ""]
    if r.summary.unreliable_codes:
        codes = code_list(r, r.summary.unreliable_codes, lang)
        L += [md(t("codes-unreliable-plain", lang, codes=codes)), ""]
    L.append(
        mtable(
            [
                "",
                "",
                t("alpha", lang),
                t("ci-level", lang, level="95%"),
                t("p-below", lang),
                t("verdict", lang),
                t("units", lang),
                t("pairable", lang),
            ],
            alpha_md(
                [
                    a.overall,
                    *a.by_code,
                    *a.by_variant,
                    *a.by_probe,
                    *a.by_pair,
                    *a.by_time,
                    *a.intra,
                ],
                lang,
                {**variant_names(r, lang), **code_names(r, lang)},
            ),
        )
    )
    L += [
        "",
        md(f"{t('agreement-method', lang)}: {agreement_method(a, lang)}.")
        + " "
        + md(t("agreement-verdict-source", lang)),
        "",
    ]
    return L
