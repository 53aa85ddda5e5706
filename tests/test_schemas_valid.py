"""Every JSON Schema shipped in tut/schemas is a valid Draft 2020-12 schema.

``load_schema`` does not check this at run time (it cost every command that reads a spec or
the registry a meta-validation), so a broken schema must fail here.
"""

from __future__ import annotations

from importlib import resources

import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from tut.yamlio import load_schema

SHIPPED = sorted(
    p.name.removesuffix(".schema.json")
    for p in resources.files("tut.schemas").iterdir()
    if p.name.endswith(".schema.json")
)


def test_the_shipped_schemas_are_found() -> None:
    assert {"compare-spec", "instrument", "protocol"} <= set(SHIPPED)


@pytest.mark.parametrize("name", SHIPPED)
def test_each_shipped_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = load_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_a_broken_schema_is_caught_by_the_check() -> None:
    with pytest.raises(SchemaError):
        Draft202012Validator.check_schema({"type": "no-such-type"})
