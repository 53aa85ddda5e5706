"""The report printed on A4 by a real browser: the first page is a summary that stands alone,
and the rest is compact. Needs headless Chromium and pdftotext (`.ci/run` installs both); skipped
without them on a developer's machine, failed without them in CI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tut.cli import main
from tut.examples import EXAMPLE_STUDY
from tut.report.i18n import t

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")
MAX_PAGES = 20
"""The demo report prints on 18 pages (29 before quotes and domain tables were compacted)."""


def _print(html: Path, pdf: Path, profile: Path) -> None:
    assert CHROMIUM
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.resolve().as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


def _pages(pdf: Path) -> list[str]:
    assert PDFTOTEXT
    text = subprocess.run(
        [PDFTOTEXT, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    if not (CHROMIUM and PDFTOTEXT):
        why = "headless Chromium and pdftotext are needed to print the report"
        if os.environ.get("CI"):
            pytest.fail(f"{why}; .ci/run installs them (apt-get install chromium poppler-utils)")
        pytest.skip(why)
    root = tmp_path_factory.mktemp("print")
    assert main(["demo-data", "--out", str(root / "data"), "--n", "3000"]) == 0
    out = {}
    for lang in ("en", "es"):
        args = ["report", str(EXAMPLE_STUDY), "--data", str(root / "data" / "spec.yaml")]
        args += ["--out", str(root / lang), "--lang", lang, "--bootstrap", "200"]
        assert main(args) == 0
        pdf = root / f"{lang}.pdf"
        _print(root / lang / "report.html", pdf, root / "profile")
        data = json.loads((root / lang / "report.json").read_text(encoding="utf-8"))
        out[lang] = (_pages(pdf), data)
    return out


@pytest.mark.parametrize("lang", ["en", "es"])
def test_first_page_is_the_whole_summary(printed, lang):
    pages, data = printed[lang]
    first, second = pages[0], pages[1]
    assert data["summary"]["headline"]["text"] in first
    # key numbers of interviews, agreement and microdata, with intervals
    overall = data["agreement"]["overall"]
    assert f"{overall['value']:.3f} [{overall['ci'][0]:.3f}, {overall['ci'][1]:.3f}]" in first
    m = data["summary"]["microdata"][0]
    assert f"{m['diff']:+.1f} [{m['ci'][0]:+.1f}, {m['ci'][1]:+.1f}]" in first
    assert f"{m['did']:+.1f} [{m['did_ci'][0]:+.1f}, {m['did_ci'][1]:+.1f}]" in first
    for f in data["summary"]["languages"]:
        reading = f["alternative_reading"]
        assert f"{reading['target']}/{reading['respondents']}" in first
    # the chart (its axis unit) and the caveats, then nothing of the next section
    assert t("main-caveats", lang) in first
    assert ("minutes per day" if lang == "en" else "minutos al día") in first
    assert t("better-means", lang).split(":")[0] in first
    assert t("sec-wordings", lang) not in first
    assert second.startswith(t("sec-wordings", lang))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_rest_is_compact(printed, lang):
    pages, _data = printed[lang]
    assert len(pages) <= MAX_PAGES
    appendix = next(i for i, p in enumerate(pages) if p.startswith(t("sec-appendix", lang)))
    assert appendix > 1 and t("sec-provenance", lang) in " ".join(pages[:appendix])
