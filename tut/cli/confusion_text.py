"""``tut agreement --confusion``: the confusion matrices as plain text that fits 80 columns.

Layout only: the counts come from :func:`tut.agreement.confusion.confusion`; the frame
gives each code its hotkey (the column heads) and label (the legend).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tut.agreement.confusion import NONE, Confusion, ConfusionMatrix
from tut.messages import text
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


def render(m: ConfusionMatrix, keys: Mapping[str, str], width: int = 80,
           lang: str = "en") -> list[str]:
    """The matrix as text rows, codes nobody used left out, columns split to fit ``width``."""
    k = len(m.codes)
    shown = [i for i in range(k)
             if any(m.counts[i][j] or m.counts[j][i] for j in range(k))]
    if not shown:
        return ["  " + text("cli.confusion-nothing", lang)]
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


def confusion_text(name: str, frame: CodingFrame, result: Confusion, width: int = 80,
                   lang: str = "en") -> list[str]:
    """The pooled table, each pair's, the most frequent swaps and a legend, in ``width``, in
    ``lang`` (the codes' labels in Spanish when the frame gives them)."""
    used = [c for c in result.pooled.codes
            if any(result.pooled.cell(c, o) for o in result.pooled.codes)]
    hotkeys = {c.id: c.hotkey for c in frame.codes}
    keys = short_keys(result.pooled.codes, hotkeys)
    labels = {c.id: c.label_in(lang) for c in frame.codes}
    labels[NONE] = text("cli.confusion-none", lang)
    out = _wrapped(text("cli.confusion-heading", lang, name=name, frame=frame.id,
                        version=frame.version, pairs=len(result.pairs)), width)
    if len(result.pairs) > 1:
        p = result.pooled
        out += ["", text("cli.confusion-pooled", lang, count=p.segments),
                *render(p, keys, width, lang)]
    for m in result.pairs:
        head = text("cli.confusion-pair", lang, rows=m.coders[0], columns=m.coders[1],
                    count=m.segments)
        out += ["", *_wrapped(head, width), *render(m, keys, width, lang)]
    swaps = result.pooled.swaps[:10]
    if swaps:
        out += ["", text("cli.confusion-most-swapped", lang)]
        out += [f"  {n:>4}  {a} / {b}"[:width] for a, b, n in swaps]
    if used:
        out += ["", text("cli.confusion-codes", lang), *legend(used, keys, labels, width)]
    out += ["", *_wrapped(text("cli.confusion-definition", lang), width)]
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
