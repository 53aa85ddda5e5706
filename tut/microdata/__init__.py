"""Microdata: read SPSS/Stata/CSV survey files and IPUMS extracts (metadata first, then only
needed columns).

The names below load on first use, so importing a light submodule (the spec's
:mod:`tut.microdata.assembly_spec`) does not load polars.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tut.microdata.codebook import DTYPES, Codebook, Variable
    from tut.microdata.readers import iter_batches, read_codebook, read_columns

__all__ = ["DTYPES", "Codebook", "Variable", "iter_batches", "read_codebook", "read_columns"]

_HOME = {
    "DTYPES": "tut.microdata.codebook",
    "Codebook": "tut.microdata.codebook",
    "Variable": "tut.microdata.codebook",
    "iter_batches": "tut.microdata.readers",
    "read_codebook": "tut.microdata.readers",
    "read_columns": "tut.microdata.readers",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(importlib.import_module(_HOME[name]), name)
    raise AttributeError(f"module 'tut.microdata' has no attribute {name!r}")
