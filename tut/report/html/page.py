"""The page shell: head, print CSS, table of contents and the sections in order."""

from __future__ import annotations

from tut import __version__
from tut.report import i18n
from tut.report.html.agreement import agreement_section
from tut.report.html.appendix import appendix_section
from tut.report.html.cells import e
from tut.report.html.interviews import interviews_section
from tut.report.html.methods import methods_section, provenance_section
from tut.report.html.microdata import microdata_section
from tut.report.html.summary import summary_section
from tut.report.html.wordings import wordings_section
from tut.report.i18n import Lang, t
from tut.report.model import Report

SECTIONS = (
    "summary",
    "wordings",
    "interviews",
    "agreement",
    "microdata",
    "methods",
    "provenance",
    "appendix",
)


SECTION_TITLES = {s: f"sec-{s}" for s in SECTIONS}


CSS = """
:root { --ink:#1b1f24; --muted:#5b6470; --rule:#d5dae0; --accent:#0b5cad; --warn:#9a4a00;
        --bg-warn:#fff4e5; --del:#fde2e1; --ins:#dff3e4; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink);
       max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; line-height: 1.4;
       font-size: 15px; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem;
     margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
h4 { font-size: .95rem; margin: .9rem 0 .3rem; }
p { margin: .4rem 0; }
.meta, .note, figcaption { color: var(--muted); font-size: .86rem; }
.banner { background: var(--bg-warn); border: 1px solid var(--warn); color: var(--warn);
          padding: .45rem .7rem; font-weight: 600; margin: .6rem 0; }
.headline { font-size: 1.15rem; font-weight: 600; border-left: 4px solid var(--accent);
            padding: .35rem .7rem; background: #eef4fb; margin: .6rem 0; }
.warn { color: var(--warn); }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .9rem; font-size: .84rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .2rem .35rem; text-align: left;
         vertical-align: top; }
th { background: #f3f5f7; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
tr.flagged td { background: var(--bg-warn); }
tr.group th { background: #e8edf3; text-align: left; }
td.nowrap, th.nowrap { white-space: nowrap; }
table.key td:first-child { width: 28%; }
table.key td:nth-child(2), table.key td:nth-child(3) { width: 22%; }
table.key td, table.key th { padding-top: .12rem; padding-bottom: .12rem; }
table.key tr.head th { background: #e8edf3; }
table.key td { font-variant-numeric: tabular-nums; }
table.kv th { width: 22%; }
code { font-family: "SFMono-Regular", Consolas, "Liberation Mono", monospace; font-size: .85em; }
blockquote { margin: .25rem 0 .4rem; padding: .25rem .7rem; border-left: 3px solid var(--rule);
             background: #fafbfc; }
.wording { font-size: 1rem; }
del { background: var(--del); text-decoration: line-through; }
ins { background: var(--ins); text-decoration: none; }
ul.quotes { list-style: none; padding-left: 0; margin: 0; }
ul.quotes li { margin: 0 0 .25rem; }
table.quotes td { font-size: .8rem; }
table.quotes td:first-child { width: 22%; }
.who { color: var(--muted); font-size: .78rem; }
ul.flags { margin: .2rem 0 .6rem; padding-left: 1.2rem; font-size: .84rem; }
ul.caveats { margin: .3rem 0; padding-left: 1.2rem; }
ul.caveats li { margin: .1rem 0; }
nav ol { columns: 2; font-size: .9rem; }
pre { background: #f6f8fa; padding: .5rem; overflow-x: auto; font-size: .75rem;
      white-space: pre-wrap; }
figure { margin: .4rem 0; }
pre.spec { line-height: 1.3; }
.side-by-side { display: grid; grid-template-columns: 53% 45%; gap: 2%; align-items: start; }
.side-by-side > :only-child { grid-column: 1 / -1; }
#readings-chart .side-by-side { grid-template-columns: 49% 49%; }
figure.summary-chart figcaption { font-weight: 600; color: var(--ink); margin-bottom: .2rem;
                                  font-size: .86rem; }
ul.caveats { font-size: .86rem; padding-left: 1rem; }
svg.chart { max-width: 100%; height: auto; font-family: inherit; }
svg .ttl { font-size: 13px; font-weight: 600; }
svg .grp { font-size: 11px; font-weight: 600; }
svg .lg, svg .val, svg .tick, svg .axis { font-size: 10.5px; fill: #333; }
svg .grid { stroke: #e3e6ea; stroke-width: 1; }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem;
         border-top: 1px solid var(--rule); padding-top: .5rem; }
@page { size: A4; margin: 12mm 12mm 13mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; }
  nav { display: none; }
  h1 { font-size: 16pt; }
  h2 { font-size: 13pt; margin-top: 1.1rem; break-after: avoid; page-break-after: avoid; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  h3 { font-size: 10.5pt; margin-top: .8rem; }
  table { font-size: 8pt; }
  table.quotes td { font-size: 8pt; }
  pre { font-size: 7.5pt; }
  .who { font-size: 7.4pt; }
  #summary { break-after: page; page-break-after: always; }
  #summary h2 { margin-top: .4rem; }
  #summary p { font-size: 9pt; }
  #summary p.note { font-size: 8pt; }
  #summary table.key { font-size: 7.6pt; }
  .banner { font-size: 8.5pt; padding: .3rem .6rem; }
  #summary li { font-size: 8.5pt; }
  .headline { font-size: 11.5pt; }
  #appendix { break-before: page; page-break-before: always; }
  thead { display: table-header-group; }
  tr, figure, blockquote, svg, table.key, table.kv, table.keep, .wording-block {
       break-inside: avoid;
       page-break-inside: avoid; }
  .banner, .headline, tr.flagged td, del, ins, th { -webkit-print-color-adjust: exact;
                                                   print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""


def render_html(report: Report, lang: Lang = "en") -> str:
    """The whole report as one HTML document (a string)."""
    if lang not in i18n.LANGS:
        raise ValueError(f"unknown report language {lang!r}")
    r = report
    body: list[str] = []
    title = f"{t('report-title', lang)}: {r.title}"
    body.append(
        f"<header><h1>{e(t('report-title', lang))}</h1>"
        f'<p class="meta"><strong>{e(r.title)}</strong> · {e(r.protocol_id)} '
        f"· {e(r.provenance.generated)}</p></header>"
    )
    if r.notes.illustrative:
        body.append(f'<p class="banner" id="illustrative">{e(t("illustrative-banner", lang))}</p>')
    toc = "".join(f'<li><a href="#{s}">{e(t(SECTION_TITLES[s], lang))}</a></li>' for s in SECTIONS)
    body.append(f"<nav><strong>{e(t('contents', lang))}</strong><ol>{toc}</ol></nav>")
    builders = {
        "summary": summary_section,
        "wordings": wordings_section,
        "interviews": interviews_section,
        "agreement": agreement_section,
        "microdata": microdata_section,
        "methods": methods_section,
        "provenance": provenance_section,
        "appendix": appendix_section,
    }
    for s in SECTIONS:
        body.append(f'<section id="{s}"><h2>{e(t(SECTION_TITLES[s], lang))}</h2>')
        body.extend(builders[s](r, lang))
        body.append("</section>")
    body.append(f"<footer>{e(t('footer', lang, version=__version__))}</footer>")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
