"""Inter-coder agreement: alpha per slice with its interval and verdict."""

from __future__ import annotations

from collections.abc import Sequence

from tut.report import i18n
from tut.report.html.cells import (
    FLAG,
    e,
    frame_sentence,
    group_row,
    num_td,
    table,
    td,
    verdict_text,
)
from tut.report.i18n import Lang, t
from tut.report.model import AlphaRow, Report
from tut.report.phrases import agreement_method, code_list, code_names, variant_names


def alpha_rows(
    rows: Sequence[AlphaRow], lang: Lang, names: dict[str, str] | None = None
) -> list[str]:
    """Alpha per slice; ``names`` shows codes and wordings by their labels."""
    names = names or {}
    out = []
    scope = ""
    for row in rows:
        if row.scope != scope:
            scope = row.scope
            out.append(group_row(t("scope-" + row.scope, lang), 7))
        flagged = not row.reliable_enough
        mark = f"{FLAG} " if flagged else ""
        out.append(
            f'<tr{" class=flagged" if flagged else ""} data-scope="{e(row.scope)}" '
            f'data-key="{e(row.key)}">'
            + (
                f"<td>{e(names[row.key])}</td>"
                if row.key in names
                else f"<td><code>{e(i18n.key_text(row.key, lang))}</code></td>"
            )
            + num_td(row.value, mark + i18n.alpha(row.value), "alpha")
            + num_td(
                None,
                t("too-few-uses", lang) if row.too_few_uses else i18n.interval(row.ci, 3),
                "ci",
            )
            + num_td(row.p_below_tentative, i18n.num(row.p_below_tentative, 3), "p_below_tentative")
            + f"{td(verdict_text(row, lang))}"
            + num_td(row.n_units, str(row.n_units), "n_units")
            + num_td(row.n_pairable, str(row.n_pairable), "n_pairable")
            + "</tr>"
        )
    return out


def agreement_section(r: Report, lang: Lang) -> list[str]:
    a = r.agreement
    out = [f"<p>{frame_sentence(r, lang)}</p>"]
    if r.summary.unreliable_codes:
        text = t(
            "codes-unreliable-plain", lang, codes=code_list(r, r.summary.unreliable_codes, lang)
        )
        out.append(f'<p class="warn">{e(text)}</p>')
    rows = alpha_rows(
        [a.overall, *a.by_code, *a.by_variant, *a.by_probe, *a.by_pair, *a.by_time, *a.intra],
        lang,
        {**variant_names(r, lang), **code_names(r, lang)},
    )
    out.append(
        table(
            [
                ("", False),
                (t("alpha", lang), True),
                (t("ci-level", lang, level="95%"), True),
                (t("p-below", lang), True),
                (t("verdict", lang), False),
                (t("units", lang), True),
                (t("pairable", lang), True),
            ],
            rows,
        )
    )
    out.append(
        f'<p class="note">{e(t("agreement-method", lang))}: {e(agreement_method(a, lang))}. '
        f"{e(t('agreement-verdict-source', lang))}</p>"
    )
    return out
