"""The package's shape, read from its source: imports flow one way through the pipeline.

Every ``import`` counts, including those inside functions, so a cycle cannot hide in a
function-local import. Stages (instruments, protocols, coding, agreement, microdata,
compare, report) never import the front ends (``cli``, ``tui``), and an earlier stage
never imports a later one.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import tut

ROOT = Path(tut.__file__).parent

# Each stage may import the stages before it, never one after it; the front ends and the
# demo sit on top. Shared leaf modules (errors, files, userfiles, messages ...) are not stages.
# The agreement engine is a library under the coding stage: tut.coding adapts a study to it.
PIPELINE = ("instruments", "protocols", "agreement", "coding", "microdata", "compare", "report")
FRONT_ENDS = ("cli", "tui", "demo")
# agreement stands alone (numpy, scipy, krippendorff) and reads tables through tut.userfiles;
# microdata reads reliability tables into tut.agreement's objects (SPSS/Stata readers).
ALLOWED_BACKWARD = {("microdata", "agreement")}


def modules(root: Path = ROOT) -> dict[str, Path]:
    found = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(path: Path, known: dict[str, Path]) -> Iterator[tuple[str, int]]:
    """Every tut module ``path`` imports (anywhere in the file), with its line."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in known:
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            subs = [f"{node.module}.{a.name}" for a in node.names]
            found = [s for s in subs if s in known]
            yield from ((s, node.lineno) for s in found)
            if len(found) < len(subs) and node.module in known:
                yield node.module, node.lineno


def graph(root: Path = ROOT) -> dict[str, dict[str, int]]:
    known = modules(root)
    return {m: dict(imports(p, known)) for m, p in known.items()}


def stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def find_cycles(g: dict[str, dict[str, int]]) -> list[list[str]]:
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for n in sorted(g[m]):
            if state.get(n) == 1:
                cycles.append(path[path.index(n):] + [n])
            elif n not in state:
                visit(n, [*path, n])
        state[m] = 2

    for m in sorted(g):
        if m not in state:
            visit(m, [m])
    return cycles


def test_no_import_cycles_even_through_function_local_imports() -> None:
    cycles = find_cycles(graph())
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def test_a_cycle_hidden_in_a_function_is_found(tmp_path: Path) -> None:
    pkg = tmp_path / "tut"
    (pkg / "coding").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "coding" / "__init__.py").write_text("")
    (pkg / "coding" / "a.py").write_text("from tut.coding import b\n")
    (pkg / "coding" / "b.py").write_text("def f():\n    from tut.coding.a import x\n")
    assert find_cycles(graph(pkg)) == [["tut.coding.a", "tut.coding.b", "tut.coding.a"]]


def test_stages_import_earlier_stages_only_and_never_the_front_ends() -> None:
    wrong = []
    for m, deps in graph().items():
        a = stage(m)
        for d, line in deps.items():
            b = stage(d)
            if a == b or a in FRONT_ENDS or a not in PIPELINE:
                continue
            backward = b in PIPELINE and PIPELINE.index(b) > PIPELINE.index(a)
            if b in FRONT_ENDS or (backward and (a, b) not in ALLOWED_BACKWARD):
                wrong.append(f"{m} (line {line}) imports {d}")
    assert not wrong, "\n".join(wrong)


def test_the_agreement_engine_imports_no_other_stage() -> None:
    """tut.agreement depends on numpy, scipy and krippendorff (and tut's leaves: errors,
    files read with limits, and the message catalogue its notes are worded from)."""
    leaves = {"errors", "userfiles", "messages"}
    outside = [
        f"{m} imports {d}"
        for m, deps in graph().items()
        if stage(m) == "agreement"
        for d in deps
        if stage(d) != "agreement" and stage(d) not in leaves
    ]
    assert not outside, outside


def test_the_message_catalogue_is_a_leaf() -> None:
    """Every stage words its notes from tut.messages, so it may import nothing of tut."""
    inside = [
        f"{m} imports {d}"
        for m, deps in graph().items()
        if stage(m) == "messages"
        for d in deps
        if stage(d) != "messages"
    ]
    assert not inside, inside
