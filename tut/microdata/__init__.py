"""Microdata: read SPSS/Stata/CSV survey files (metadata first, then only needed columns)."""

from tut.microdata.codebook import DTYPES, Codebook, Variable
from tut.microdata.readers import iter_batches, read_codebook, read_columns

__all__ = ["DTYPES", "Codebook", "Variable", "iter_batches", "read_codebook", "read_columns"]
