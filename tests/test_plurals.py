"""Counts in what tut prints take the singular for 1, in English and Spanish: "1 segment,
1 variant", "(4 variants, 1 probe)", "1 stratum, 6 PSUs"."""

from __future__ import annotations

from pathlib import Path

from tut.project import init_project


def _one_segment_study(root: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    init_project(root)
    segments = root / "segments.csv"
    segments.write_text("segment_id,respondent_id,interview_id,variant_id,probe_id,answer\n"
                        "s1,r1,i1,atus-incare-en,meaning,I was watching the kids\n", encoding="utf-8")
    result = run_cli("--project", str(root), "study", "init", "one", "--protocol",
                     "supervisory-care-wording-test", "--segments", str(segments))
    assert result.code == 0, result.err
    assert ": 1 segment, 1 variant, frame" in result.out


def test_a_study_of_one_segment_is_counted_in_the_singular(tmp_path, run_cli):
    _one_segment_study(tmp_path / "proj", run_cli)
    en = run_cli("--project", str(tmp_path / "proj"), "study", "status", "one")
    assert "Segments: 1 (1 variant, 1 probe)" in en.out
    es = run_cli("--project", str(tmp_path / "proj"), "study", "status", "one", "--lang", "es")
    assert "Segmentos: 1 (1 variante, 1 sondeo)" in es.out
    listed = run_cli("--project", str(tmp_path / "proj"), "study", "list")
    assert "  1 segment  coders: -" in listed.out


def test_protocols_validate_counts_one_protocol_in_one_file(tmp_path, run_cli):
    init_project(tmp_path)
    result = run_cli("--project", str(tmp_path), "protocols", "validate")
    assert result.code == 0, result.err
    assert result.out.startswith("ok: 1 protocol in 1 file (2 frames, ")


def test_a_taylor_design_without_strata_is_one_stratum(tmp_path, run_cli):
    assert run_cli("demo-data", "--out", str(tmp_path)).code == 0
    taylor = (tmp_path / "spec-taylor.yaml").read_text(encoding="utf-8")
    assert "      strata: stratum\n" in taylor
    spec = tmp_path / "spec-one.yaml"
    spec.write_text(taylor.replace("      strata: stratum\n", ""), encoding="utf-8")
    en = run_cli("compare", str(spec))
    assert en.code == 0, en.err
    assert "Taylor linearisation: 1 stratum, 6 PSUs with replacement" in en.out


def test_agreement_counts_one_unit_coded_once_in_both_languages(tmp_path, run_cli):
    table = tmp_path / "codes.csv"
    table.write_text("unit,ana,bob\nu1,1,2\nu2,1,\n", encoding="utf-8")
    en = run_cli("agreement", "--table", str(table), "--level", "nominal")
    assert en.code == 0, en.err
    assert "(1 coded by two or more coders, 1 coded once), 2 pairable values" in " ".join(
        en.out.split())
    es = run_cli("agreement", "--table", str(table), "--level", "nominal", "--lang", "es")
    assert ("(1 codificada por dos o más codificadores, 1 codificada una vez)"
            in " ".join(es.out.split()))


def test_the_report_counts_one_respondent_in_the_singular():
    from tut.messages import Message, render

    one = Message("report.sample-line", {"respondents": 1, "interviews": 1, "segments": 2})
    assert render(one, "en").startswith("1 respondent, 1 interview, 2 coded segments (")
    assert render(one, "es").startswith("1 persona, 1 entrevista, 2 segmentos codificados (")
    target = Message("report.reason-target", {
        "alt_target": 1, "alt_n": 4, "alternative": "B", "ref_target": 0, "ref_n": 1,
        "reference": "A", "delta": "+25 points", "margin": "10 points"})
    assert render(target, "es").startswith("1 de 4 personas entendió B como")


def test_a_count_written_out_as_text_is_still_one():
    from tut.messages import plural

    assert plural("1", "segment") == "1 segment"
    assert plural(1, "estrato") == "1 estrato" and plural(0, "estrato") == "0 estratos"
    assert plural(1200, "segment", spec=",") == "1,200 segments"


def test_agreement_notes_under_the_table_count_units_and_pairs_in_the_singular() -> None:
    from tut.messages import text

    assert text("cli.agreement-dropped-units", "en", count=1) == (
        "1 unit no coder coded was left out.")
    assert text("cli.agreement-dropped-units", "es", count=2) == (
        "2 unidades que ningún codificador codificó quedaron fuera.")
    assert text("cli.agreement-single-coded", "es", count=1, units="u1").startswith(
        "1 unidad codificada por un solo codificador")
    assert text("cli.confusion-heading", "en", name="s", frame="f", version=1,
                pairs=1).endswith(", 1 pair of coders")
