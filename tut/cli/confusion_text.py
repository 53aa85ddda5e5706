"""``tut agreement --confusion``: the confusion matrices as plain text that fits 80 columns.

Layout only: the counts come from :func:`tut.agreement.confusion.confusion`; the frame
gives each code its hotkey (the column heads) and label (the legend).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tut.agreement.confusion import DEFINITION, NONE, Confusion, ConfusionMatrix
from tut.protocols.model import CodingFrame


def short_keys(codes: Sequence[str], hotkeys: Mapping[str, str]) -> dict[str, str]:
    """A short id per code for the column heads: its hotkey, else its number in the frame;
    ``-`` for (none)."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for n, code in enumerate(codes, start=1):
        key = "-" if code == NONE else hotkeys.get(code, "")
        if not key or key in taken:
            key = str(n)
            while key in taken:
                key += "'"
        taken.add(key)
        out[code] = key
    return out


def render(m: ConfusionMatrix, keys: Mapping[str, str], width: int = 80) -> list[str]:
    """The matrix as text rows, codes nobody used left out, columns split to fit ``width``."""
    k = len(m.codes)
    shown = [i for i in range(k)
             if any(m.counts[i][j] or m.counts[j][i] for j in range(k))]
    if not shown:
        return ["  (no segment coded by both)"]
    cell = max(3, *(len(keys[m.codes[i]]) + 1 for i in shown),
               *(len(str(m.counts[i][j])) + 1 for i in shown for j in shown))
    head = max(4, *(len(keys[m.codes[i]]) for i in shown)) + 2
    per_block = max(1, (width - head) // cell)
    lines: list[str] = []
    for start in range(0, len(shown), per_block):
        cols = shown[start:start + per_block]
        lines.append(" " * head + "".join(keys[m.codes[j]].rjust(cell) for j in cols))
        for i in shown:
            row = "".join((str(m.counts[i][j]) if m.counts[i][j] else ".").rjust(cell) for j in cols)
            lines.append(f"  {keys[m.codes[i]].ljust(head - 2)}{row}")
    return lines


def legend(codes: Sequence[str], keys: Mapping[str, str], labels: Mapping[str, str],
           width: int = 80) -> list[str]:
    """``key  code-id  Label`` per code, cut to ``width``."""
    wide = max(len(keys[c]) for c in codes)
    ids = max(len(c) for c in codes)
    out = []
    for c in codes:
        text = f"  {keys[c].ljust(wide)}  {c.ljust(ids)}" + (f"  {labels[c]}" if labels.get(c) else "")
        text = text.rstrip()
        out.append(text if len(text) <= width else text[: width - 1] + "…")
    return out


def confusion_text(name: str, frame: CodingFrame, result: Confusion, width: int = 80) -> list[str]:
    """The pooled table, each pair's, the most frequent swaps and a legend, in ``width``."""
    used = [c for c in result.pooled.codes
            if any(result.pooled.cell(c, o) for o in result.pooled.codes)]
    hotkeys = {c.id: c.hotkey for c in frame.codes}
    keys = short_keys(result.pooled.codes, hotkeys)
    labels = {c.id: c.label for c in frame.codes} | {NONE: "no counterpart on the other side"}
    out = _wrapped(f"Confusion study {name}: frame {frame.id} version {frame.version}, "
                   f"{len(result.pairs)} pair(s) of coders", width)
    if len(result.pairs) > 1:
        p = result.pooled
        out += ["", f"Pooled over pairs ({p.segments} segment-pairs; symmetric):",
                *render(p, keys, width)]
    for m in result.pairs:
        out += ["", *_wrapped(f"{m.coders[0]} (rows) x {m.coders[1]} (columns), {m.segments} "
                              "segments both coded:", width), *render(m, keys, width)]
    swaps = result.pooled.swaps[:10]
    if swaps:
        out += ["", "Most swapped (pooled):"]
        out += [f"  {n:>4}  {a} / {b}"[:width] for a, b, n in swaps]
    if used:
        out += ["", "Codes:", *legend(used, keys, labels, width)]
    out += ["", *_wrapped(DEFINITION, width)]
    return out


def _wrapped(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines
