"""Journal lines read by the fast path (a ``set`` line as tut writes it) give exactly the
events, warnings and skipped lines that JSON parsing gives; anything else takes that path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tut.coding.journal_lines import event_from_json, parse_journal, plain_set
from tut.coding.model import Event


def written(**fields: object) -> str:
    """A line as CoderJournal writes it (json.dumps, ensure_ascii=False)."""
    ev = {"seq": 1, "time": "2025-01-01T10:00:00.123+00:00", "coder": "ana", "action": "set",
          "segment_id": "r01-meaning", "codes": ["presence-only"], "round": 1} | fields
    return json.dumps(ev, ensure_ascii=False)


LINES = [
    written(),
    written(codes=[]),
    written(codes=["a", "b", "c"], seq=1234567890123, round=2),
    written(coder="Ana María", segment_id="r-ñ-😀"),
    written(coder='O"Brien'),  # escaped quote: JSON path
    written(segment_id="back\\slash"),
    written(codes=["tab\there"]),  # escaped control character
    written(action="clear"),
    written(via="undo"),
    written(memo="a note"),
    written(seq=0),
    '{"seq": 01, "time": "t", "coder": "ana", "action": "set", "segment_id": "s", "codes": [], "round": 1}',
    '{"seq": 1, "time": "t", "coder": "ana", "action": "set", "segment_id": "s", "codes": [], "round": 1} ',
    '{"seq": 1, "time": "t", "coder": "ana", "action": "set", "segment_id": "s", "codes": [], "round": 1}\r',
    '{"seq": 1,"time": "t", "coder": "ana", "action": "set", "segment_id": "s", "codes": [], "round": 1}',
    '{"seq": 1, "time": "t\x01", "coder": "ana", "action": "set", "segment_id": "s", "codes": [], "round": 1}',
    '{"seq": -1, "time": "t", "coder": "ana", "action": "set", "segment_id": "s", "codes": [], "round": 1}',
    '{"seq": 1, "time": "t", "coder": "ana", "action": "set", "segment_id": "s", "codes": ["a",], "round": 1}',
    '{"seq": 1, "time": "t", "coder": "ana", "action": "set", "segment_id": "s", "codes": [], "round": 1',
    "not json at all",
]


def by_json(line: str) -> Event | str:
    try:
        return event_from_json(json.loads(line))
    except ValueError as exc:
        return type(exc).__name__


@pytest.mark.parametrize("line", LINES)
def test_each_line_reads_as_json_parsing_reads_it(line: str, tmp_path: Path) -> None:
    got = parse_journal((line + "\n").encode("utf-8"), tmp_path / "ana.jsonl")
    expected = by_json(line)
    if isinstance(expected, Event):
        assert got.events == [expected] and got.lines == [1] and not got.skipped
        assert [vars(e) for e in got.events] == [vars(expected)]  # same fields, same types
    else:
        assert got.events == [] and [k.line for k in got.skipped] == [1]


def test_the_fast_path_takes_tuts_own_set_lines_only() -> None:
    assert plain_set(written()) and plain_set(written(codes=[])) and plain_set(written(seq=0))
    assert plain_set(written(coder="Ana María"))
    for line in (written(coder='O"Brien'), written(action="clear"), written(via="undo"),
                 LINES[11], LINES[12], LINES[13], LINES[14], LINES[15]):
        assert not plain_set(line), line


def test_a_journal_of_mixed_lines_keeps_order_and_line_numbers(tmp_path: Path) -> None:
    data = "\n".join([LINES[0], "", LINES[4], "garbage", LINES[7], LINES[2]]) + "\n"
    got = parse_journal(data.encode("utf-8"), tmp_path / "ana.jsonl")
    assert got.lines == [1, 3, 5, 6]
    assert [e.action for e in got.events] == ["set", "set", "clear", "set"]
    assert got.events[1].coder == 'O"Brien' and got.events[3].codes == ("a", "b", "c")
    assert [k.line for k in got.skipped] == [4]
