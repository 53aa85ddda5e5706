"""Alpha on sets of codes against NLTK's AnnotationTask, an independent implementation
(Artstein and Poesio 2008; NLTK's ``masi_distance`` uses Passonneau's 2/3 and 1/3)."""

from __future__ import annotations

import numpy as np
import pytest
from nltk.metrics.agreement import AnnotationTask
from nltk.metrics.distance import jaccard_distance, masi_distance

from tut.agreement import set_alpha

CODES = ("presence", "responsibility", "on-call", "monitoring", "sleeping")


def _sets(coders: int, units: int, seed: int) -> list[list[frozenset[str]]]:
    """Every coder codes every unit (NLTK's alpha has no missing values): one to three
    codes, mostly the unit's own codes."""
    rng = np.random.default_rng(seed)
    out: list[list[frozenset[str]]] = [[] for _ in range(coders)]
    for _ in range(units):
        truth = set(rng.choice(CODES, size=rng.integers(1, 3), replace=False))
        for row in out:
            mine = set(truth) if rng.random() < 0.7 else set()
            while not mine or rng.random() < 0.2:
                mine.add(str(rng.choice(CODES)))
            row.append(frozenset(mine))
    return out


@pytest.mark.parametrize(("coders", "seed"), [(2, 1), (3, 2), (5, 3)])
@pytest.mark.parametrize(
    ("distance", "nltk_distance"), [("masi", masi_distance), ("jaccard", jaccard_distance)]
)
def test_set_alpha_equals_nltk(
    coders: int, seed: int, distance: str, nltk_distance: object
) -> None:
    sets = _sets(coders, 60, seed)
    triples = [(f"c{c}", f"u{u}", cell) for c, row in enumerate(sets) for u, cell in enumerate(row)]
    theirs = AnnotationTask(data=triples, distance=nltk_distance).alpha()
    ours = set_alpha(sets, distance)  # type: ignore[arg-type]
    assert ours.value == pytest.approx(theirs, abs=1e-12)
