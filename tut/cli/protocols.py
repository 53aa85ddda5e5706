"""`tut protocols` commands."""

from __future__ import annotations

import click


@click.group("protocols")
def group() -> None:
    """Work with the protocols registry."""
