"""Registry files mangled at random (hypothesis), for the "never a crash" tests of the
wording and protocol registries."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from tut.yamlio import YamlDocument


def junk(keys: Sequence[str]) -> st.SearchStrategy[Any]:
    """Small values of the wrong kind: None, booleans, numbers, short text, and lists and
    mappings of them under keys the schema knows (``keys``) or does not."""
    return st.recursive(
        st.none() | st.booleans() | st.integers(-3, 3) | st.text("ab-", max_size=3),
        lambda inner: st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(list(keys)), inner, max_size=3),
        max_leaves=6,
    )


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(
        node, list) else ()
    for key, child in items:
        yield from _paths(child, (*prefix, key))


def _replace(node: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copy = dict(node) if isinstance(node, dict) else list(node)
    copy[path[0]] = _replace(node[path[0]], path[1:], value)
    return copy


def mangled(
    data: st.DataObject, docs: Sequence[YamlDocument], keys: Sequence[str]
) -> list[YamlDocument]:
    """``docs`` with one to three values (a whole document included) replaced by junk, named
    ``mangled-<i>.yaml`` and keeping the originals' line numbers."""
    trees = [doc.data for doc in docs]
    for _ in range(data.draw(st.integers(1, 3))):
        which = data.draw(st.sampled_from(range(len(trees))))
        path = data.draw(st.sampled_from(list(_paths(trees[which]))))
        trees[which] = _replace(trees[which], path, data.draw(junk(keys)))
    return [YamlDocument(Path(f"mangled-{i}.yaml"), tree, docs[i].lines)
            for i, tree in enumerate(trees)]
