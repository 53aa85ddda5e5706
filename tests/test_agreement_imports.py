"""The agreement engine stands alone: it imports with tut.coding and tut.microdata blocked, and
every one of its modules imports (a module that fails to import fails this test)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import tut.agreement

BLOCKED = ("tut.coding", "tut.microdata", "textual")

CODE = """
import importlib, pkgutil, sys

class Blocked:
    def find_spec(self, name, path=None, target=None):
        if any(name == b or name.startswith(b + ".") for b in BLOCKED):
            raise ImportError(f"{name} is blocked")
        return None

sys.meta_path.insert(0, Blocked())
import tut.agreement
names = sorted(m.name for m in pkgutil.iter_modules(tut.agreement.__path__))
for name in names:
    importlib.import_module("tut.agreement." + name)
from tut.agreement import agreement_report, krippendorff_alpha
report = agreement_report([[1, 2, 3, 3], [1, 2, 3, 2]], bootstrap=50, seed=1)
assert report["krippendorff_alpha"].bootstrap is not None
print(" ".join(names))
"""


def test_agreement_imports_without_the_code_store_or_microdata() -> None:
    done = subprocess.run(
        [sys.executable, "-c", f"BLOCKED = {BLOCKED!r}\n{CODE}"],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(tut.agreement.__file__).parents[2],
    )
    assert done.returncode == 0, done.stderr
    imported = done.stdout.split()
    for module in ("alpha", "coefficients", "unit_bootstrap", "bootstrap", "report", "table"):
        assert module in imported
