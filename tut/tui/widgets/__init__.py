"""Widgets grouped by the screen region they fill (segments, answer, codebook, status...)."""
