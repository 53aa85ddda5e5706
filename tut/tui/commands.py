"""The command palette (ctrl+p): the current screen's own commands, fuzzy searched."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tut.safe_text import visible
from tut.tui.safe import highlighted, plain

PaletteCommand = tuple[str, str, Callable[[], object]]
"""(name, help, callback)."""


class HasPaletteCommands(Protocol):
    def palette_commands(self) -> list[PaletteCommand]: ...


class TutCommands(Provider):
    """Lists what the screen offers (filters by variant or probe, theme, help...)."""

    def _commands(self) -> list[PaletteCommand]:
        get = getattr(self.screen, "palette_commands", None)
        return list(get()) if callable(get) else []

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(plain(name), callback, text=name, help=visible(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                # not matcher.highlight: it reads the name (a variant or probe id) as markup
                shown = highlighted(matcher, visible(name))
                yield Hit(score, shown, callback, text=name, help=visible(help_text))
