"""The crash-safe code store: one append-only JSON Lines journal per coder.

INTERFACE CONTRACT (filled in by the store implementation; the TUI codes against it):

- ``replay(events) -> dict[str, SegmentCoding]``: pure; current state per segment for one
  coder and one round (latest ``set``/``clear``/``memo`` wins).
- ``CoderJournal.open(study_dir, coder, frame, *, round=1) -> CoderJournal``: takes an
  exclusive file lock (a second process for the same coder gets a ``TutError``), reads the
  journal, reports a torn last line via ``journal.warnings`` (never silently dropped).
- ``journal.set_codes(segment_id, codes) -> Event``: validates codes against the frame
  (unknown code or several codes in an exclusive frame -> ``TutError``), appends one JSON
  line, flush + fsync, then returns; only then may the UI show the code as saved.
- ``journal.clear(segment_id) -> Event``, ``journal.memo(segment_id, text) -> Event``.
- ``journal.state -> dict[str, SegmentCoding]`` (current round), ``journal.events``.
- ``journal.close()``; also a context manager.
- Adjudication uses the same class with ``coder`` = the adjudicator and
  ``journal.adjudicate(segment_id, codes, rationale) -> Event``.
"""

from __future__ import annotations
