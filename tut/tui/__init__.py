"""The Textual front end for coding and adjudication (``tut code``, ``tut adjudicate``).

Only this package and :mod:`tut.cli.code` import Textual. The view models in
:mod:`tut.tui.session` and the labels in :mod:`tut.tui.i18n` do not, so they can be used
(and tested) without a terminal; this ``__init__`` imports nothing on purpose.
"""
