"""Microdata: read SPSS/Stata/CSV survey files (metadata first, then only needed columns)."""

from tut.microdata.codebook import Codebook, Variable
from tut.microdata.readers import read_codebook, read_columns

__all__ = ["Codebook", "Variable", "read_codebook", "read_columns"]
