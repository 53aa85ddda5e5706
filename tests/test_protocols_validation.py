"""Bad protocol files: every problem is reported, each with its JSON pointer and YAML line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tut.errors import TutError
from tut.project import shipped_dir
from tut.protocols.registry import build_registry, load_protocols
from tut.yamlio import parse_yaml

FIXTURES = Path(__file__).parent / "fixtures" / "protocols"
BAD = FIXTURES / "bad-many-problems.yaml"


def line_with(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing ``needle``: found independently of tut."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[occurrence - 1]


def all_problems(*paths: Path):
    with pytest.raises(TutError) as err:
        load_protocols([shipped_dir("protocols"), *paths])
    return err.value.problems


# (pointer, words in the message, (needle, occurrence) locating the line in the fixture)
EXPECTED = [
    # a missing key is placed at the first line; an unknown key at its own line
    ("/", "'title' is a required property", ("# Broken on purpose", 1)),
    ("/id", "'Bad_Protocol' is not valid here", ("id: Bad_Protocol", 1)),
    ("/version", "'one' is not valid here", ("version: one", 1)),
    ("/colour", "unknown key 'colour'", ("colour: blue", 1)),
    ("/variants", "non-unique", ("variants:", 1)),
    ("/probes/1/id", "probe id 'meaning' is used twice", ("- id: meaning", 2)),
    ("/probes/1/kind", "'guessing' is not one of", ("kind: guessing", 1)),
    ("/probes_by_variant/atus-incare-en/1", "unknown probe 'no-such-probe'",
     ("atus-incare-en: [meaning, no-such-probe]", 1)),
    ("/probes_by_variant/not-tested-variant", "not among the tested variants",
     ("not-tested-variant:", 1)),
    ("/frames/0/mode", "'several' is not one of", ("mode: several", 1)),
    ("/frames/0/families/0/codes/1/id", "code id 'presence-only' is used twice",
     ("- id: presence-only", 2)),
    ("/frames/0/families/0/codes/1/hotkey", "hotkey '1'", ('hotkey: "1"', 2)),
    ("/frames/0/families/0/codes/2/hotkey", "reserved", ("hotkey: q", 1)),
    ("/frames/0/families/0/codes/3/hotkey", "too long", ("hotkey: ab", 1)),
    ("/frames/0/families/0/codes/4", "'definition' is a required property", ("- id: no-definition", 1)),
    ("/frames/0/families/1", "no codes and no families", ("- id: empty-family", 1)),
    ("/frames/1/from", "no protocol 'no-such-protocol'", ("from: no-such-protocol", 1)),
]


def test_every_problem_is_reported_in_file_order_with_pointer_and_line():
    text = BAD.read_text(encoding="utf-8")
    problems = all_problems(BAD)
    assert all(p.file == str(BAD) for p in problems)
    got = [(p.place, p.what) for p in problems]
    assert len(got) == len(EXPECTED), "\n".join(f"{place}: {what}" for place, what in got)
    for (place, what), (pointer, words, (needle, nth)) in zip(got, EXPECTED, strict=True):
        assert place == f"line {line_with(text, needle, nth)} ({pointer})"
        assert words in what
    assert all(p.fix for p in problems), "every problem says how to fix it"


def test_hotkey_problems_suggest_free_keys():
    problems = {p.place.split(" (")[1].rstrip(")"): p for p in all_problems(BAD)}
    fix = problems["/frames/0/families/0/codes/2/hotkey"].fix
    assert fix.startswith("use a free key, in quotes:")
    suggested = fix.split(":")[1].split()
    assert suggested and all(k.startswith('"') and k.endswith('"') for k in suggested)
    assert '"1"' not in suggested, "a key already used is not suggested"


def test_a_digit_hotkey_written_without_quotes_says_to_quote_it(tmp_path):
    unquoted = tmp_path / "p.yaml"
    unquoted.write_text(
        "id: digit-keys\ntitle: t\nversion: '1'\nvariants: [atus-incare-en]\nprobes:\n"
        "  - {id: meaning, kind: comprehension, mode: scripted, text: What?}\n"
        "frames:\n  - id: f\n    label: F\n    mode: exclusive\n    families:\n"
        "      - id: fam\n        label: Fam\n        codes:\n"
        "          - {id: c1, label: C1, definition: d, hotkey: 1}\n",
        encoding="utf-8",
    )
    problems = [p for p in all_problems(unquoted) if p.place.endswith("/hotkey)")]
    assert [(p.what, p.fix) for p in problems] == [
        ("1 was read as a number, not as text", 'put it in quotes: "1"')
    ]


def test_problems_of_several_files_are_all_reported():
    syntax = FIXTURES / "bad-syntax.yaml"
    duplicate = FIXTURES / "duplicate-shipped-id.yaml"
    problems = all_problems(BAD, syntax, duplicate)
    files = {p.file for p in problems}
    assert files == {str(BAD), str(syntax), str(duplicate)}
    [syntax_problem] = [p for p in problems if p.file == str(syntax)]
    assert syntax_problem.place.startswith("line ") and "YAML syntax" in syntax_problem.what


def test_missing_path_is_reported_with_the_others(tmp_path):
    problems = all_problems(tmp_path / "nothing-here.yaml", BAD)
    assert any(p.file.endswith("nothing-here.yaml") and "not found" in p.what for p in problems)
    assert any(p.file == str(BAD) for p in problems)


FRAME = """\
id: p{n}
title: P
version: "1"
variants: [v]
probes: [{{id: a, kind: general, text: Anything?}}]
frames:
{frames}
"""

ONE_FRAME = """\
  - id: f
    label: F
    mode: multiple
    families:
      - id: fam
        label: Fam
        codes:
          - {id: x, label: X, definition: D., hotkey: " "}
          - {id: y, label: Y, definition: D., hotkey: x}
        families:
          - id: fam
            label: Nested with the same id
            codes:
              - {id: z, label: Z, definition: D., hotkey: x}
"""


def test_space_hotkey_duplicate_family_and_nested_duplicate_hotkey():
    doc = parse_yaml(FRAME.format(n=1, frames=ONE_FRAME), "p1.yaml")
    _registry, problems = build_registry([doc])
    whats = [p.what for p in problems]
    assert any("'space'" in w and "reserved" in w for w in whats)
    assert any("family id 'fam' is used twice" in w for w in whats)
    assert any("hotkey 'x' of code 'z' is already used by code 'y'" in w for w in whats)
    assert len(problems) == 3


CLEAN_FRAME = """\
  - id: {frame_id}
    label: Clean
    mode: exclusive
    families:
      - id: fam
        label: Fam
        codes:
          - {{id: x, label: X, definition: D., hotkey: a}}
          - {{id: y, label: Y, definition: D., hotkey: b}}
"""


def test_same_code_id_in_two_frames_is_allowed_but_not_two_frames_with_one_id():
    two = CLEAN_FRAME.format(frame_id="f") + CLEAN_FRAME.format(frame_id="g")
    registry, problems = build_registry([parse_yaml(FRAME.format(n=2, frames=two), "p2.yaml")])
    assert problems == []
    protocol = registry.get("p2")
    assert protocol.frame("g").code_ids == protocol.frame("f").code_ids == {"x", "y"}

    twice = CLEAN_FRAME.format(frame_id="f") * 2
    _registry, problems = build_registry([parse_yaml(FRAME.format(n=3, frames=twice), "p3.yaml")])
    [problem] = problems
    assert "frame id 'f' is used twice" in problem.what
    assert problem.place.endswith("(/frames/1)")


def test_borrowing_a_frame_the_source_does_not_define():
    user = FRAME.format(n=4, frames="  - {use: not-there, from: supervisory-care-wording-test}")
    shipped = sorted(shipped_dir("protocols").glob("*.yaml"))
    docs = [parse_yaml(p.read_text(encoding="utf-8"), p) for p in shipped]
    _registry, problems = build_registry([*docs, parse_yaml(user, "p4.yaml")])
    [problem] = problems
    assert problem.place == f"line {line_with(user, 'use: not-there')} (/frames/0/use)"
    assert "defines no frame 'not-there'" in problem.what


def test_empty_file_is_one_clear_problem():
    _registry, problems = build_registry([parse_yaml("", "empty.yaml")])
    [problem] = problems
    assert problem.file == "empty.yaml" and "empty" in problem.what


def test_borrowing_from_a_protocol_that_itself_borrows_names_the_real_owner():
    shipped = sorted(shipped_dir("protocols").glob("*.yaml"))
    docs = [parse_yaml(p.read_text(encoding="utf-8"), p) for p in shipped]
    middle = FRAME.format(n=5, frames="  - {use: response-process, from: supervisory-care-wording-test}")
    last = FRAME.format(n=6, frames="  - {use: response-process, from: p5}")
    registry, problems = build_registry(
        [*docs, parse_yaml(middle, "p5.yaml"), parse_yaml(last, "p6.yaml")])
    [problem] = problems
    assert problem.file == "p6.yaml" and "borrows it too" in problem.fix
    assert registry.get("p5").frame("response-process").defined_in == "supervisory-care-wording-test"


# --- any malformed file gives problems, never a crash ----------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from mangling import mangled  # noqa: E402

from tut.yamlio import load_yaml  # noqa: E402

DOCS = (
    load_yaml(shipped_dir("protocols") / "supervisory-care-wording-test.yaml"),
    load_yaml(FIXTURES / "user-availability-test.yaml"),  # borrows a frame from the first
)

KNOWN_VARIANTS = frozenset(
    v for doc in DOCS for v in doc.data["variants"]
)
KEYS = ["id", "use", "from", "codes", "families", "hotkey", "variants", "x"]


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_mangled_protocols_give_located_problems_and_never_crash(data):
    docs = mangled(data, DOCS, KEYS)
    registry, problems = build_registry(docs, known_variants=KNOWN_VARIANTS)
    assert all(p.file.startswith("mangled-") and p.place.startswith("line ") for p in problems)
    assert problems or len(registry) == 2
