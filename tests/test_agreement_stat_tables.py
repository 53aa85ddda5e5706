"""SPSS and Stata reliability tables are read through tut.microdata's readers (one place for
missing codes and broken files); tut.agreement itself reads CSV only and says where the
statistics files are read."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyreadstat
import pytest

from tut.agreement import krippendorff_alpha, reliability_data
from tut.agreement.table import load_table as load_csv_or_refuse
from tut.errors import TutError
from tut.microdata.reliability_table import load_table

CODES = {"ana": [1.0, 2.0, 3.0, 3.0, 2.0, 1.0], "ben": [1.0, 2.0, 3.0, 2.0, 2.0, 1.0]}


def test_the_agreement_package_alone_names_the_reader_of_statistics_files(tmp_path: Path) -> None:
    path = tmp_path / "rel.sav"
    pyreadstat.write_sav(pd.DataFrame(CODES), str(path))
    with pytest.raises(TutError) as caught:
        load_csv_or_refuse(path, "nominal")
    assert "tut.microdata.reliability_table.load_table" in str(caught.value)
    assert load_table(path, "nominal").n_units == 6


def test_spss_missing_ranges_and_the_missing_token_are_missing(tmp_path: Path) -> None:
    frame = pd.DataFrame({"ana": CODES["ana"] + [95.0, 1.0], "ben": CODES["ben"] + [2.0, 97.0]})
    frame.loc[7, "ana"] = -1.0  # the --missing token
    path = tmp_path / "ranges.sav"
    pyreadstat.write_sav(frame, str(path), missing_ranges={c: [{"lo": 90.0, "hi": 99.0}]
                                                          for c in ("ana", "ben")})
    data = load_table(path, "nominal", missing="-1")
    assert data.categories == (1.0, 2.0, 3.0)  # 95, 97 and -1 are not codes
    assert data.single_coded_units == ("row 7",)  # 95 missing: ben's 2 stands alone
    assert data.n_units == 7  # the last row has no code left: dropped
    expected = krippendorff_alpha(reliability_data([CODES["ana"], CODES["ben"]], "nominal"))
    assert krippendorff_alpha(data).value == expected.value


def test_value_labels_do_not_replace_the_codes(tmp_path: Path) -> None:
    path = tmp_path / "labelled.dta"
    labels = {"ana": {1.0: "low", 2.0: "mid", 3.0: "high"}}
    pyreadstat.write_dta(pd.DataFrame(CODES), str(path), variable_value_labels=labels)
    assert load_table(path, "ordinal").categories == (1.0, 2.0, 3.0)
