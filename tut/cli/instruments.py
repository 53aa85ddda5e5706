"""`tut instruments` commands."""

from __future__ import annotations

import click


@click.group("instruments")
def group() -> None:
    """Work with the instruments registry."""
