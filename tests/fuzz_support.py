"""Shared pieces of the fuzz suites (tests/test_fuzz_*.py): byte mutations of real files, the
hostile tokens they splice in, the settings, and the check of a command's outcome.

Each suite runs ``TUT_FUZZ_EXAMPLES`` examples per reader (default 25, a few seconds);
``TUT_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz_*.py`` is the long run.
"""

from __future__ import annotations

import hashlib
import os
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("TUT_FUZZ_EXAMPLES", "25"))

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=10),  # every hostile input is refused in well under a second
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large],
    derandomize=EXAMPLES <= 25,  # the quick run is the same on every machine
)
CLI_FUZZ = settings(FUZZ, max_examples=max(3, EXAMPLES // 6), deadline=timedelta(seconds=60))
"""A command with a good file does its whole job (a study of 360 segments is created)."""
SLOW_CLI_FUZZ = settings(CLI_FUZZ, max_examples=max(2, EXAMPLES // 12))
"""For commands that take seconds when the input is good (a whole report)."""

TOKENS: tuple[bytes, ...] = (
    b"\x00", b"\xff", b"\xe9", b"\xc3", b"\xef\xbb\xbf", b"\x1b[31m", "\u202e".encode(),
    b"\n", b"\r\n", b"\r", b"\t", b"  ", b'"', b"'", b'""', b",", b";", b":", b": ", b"- ",
    b"[", b"]", b"{", b"}", b"[[[[[[[[", b"&a ", b"*a", b"&a [*a]", b"<<: *a", b"!!binary ",
    b"!!python/object:os.system ", b"!x ", b"? ", b"|", b">", b"#", b"---\n", b"...\n",
    b"%YAML 1.1\n", b"NaN", b"nan", b".inf", b"-Infinity", b"inf", b"1e999", b"9" * 5000,
    b"2026-13-45", b"0x", b"~", b"null", b"true", b"<a>", b"</a>", b"<!DOCTYPE a>",
    b'<!ENTITY e SYSTEM "file:///etc/passwd">', b"&e;", b"&amp;", b"<![CDATA[", b"]]>",
    b"<?xml", b"\\", b"\\u0000", b"{}", b"[]", b"NA", b".", b"*",
)


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A seed file with one to six edits: bytes flipped, tokens spliced in, spans dropped,
    lines repeated, dropped or swapped, the end cut off."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "token", "delete", "repeat", "drop", "swap", "cut"]))
        at = draw(st.integers(0, len(data)))
        if op == "flip" and data:
            data[min(at, len(data) - 1)] = draw(st.integers(0, 255))
        elif op == "token":
            token = draw(st.sampled_from(TOKENS)) * draw(st.sampled_from([1, 1, 1, 3, 200]))
            data[at:at] = token
        elif op == "delete":
            del data[at:at + draw(st.integers(1, 64))]
        elif op == "cut":
            del data[at:]
        else:
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if op == "repeat":
                lines[i:i] = [lines[i]] * draw(st.sampled_from([1, 2, 50]))
            elif op == "drop":
                del lines[i]
            else:
                lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


def assert_refused_cleanly(code: int, err: str) -> None:
    """A command either succeeded or printed ``error:`` lines and exited 2: no traceback, no
    'internal error' (exit 1)."""
    assert "Traceback" not in err, err
    assert code in (0, 2), (code, err)
    if code == 2:
        lines = [line for line in err.splitlines() if line.strip()]
        assert lines and all(line.startswith(("error: ", "warning: ")) for line in lines), err
        assert any(line.startswith("error: ") for line in lines), err


def fingerprint(folder: Path) -> dict[str, str]:
    """Hash of every file under ``folder``: what was saved must not change when input is refused."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }
