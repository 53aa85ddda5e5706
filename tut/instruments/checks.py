"""Automatic wording checks a questionnaire reviewer would make, in English and Spanish.

In the spirit of the Question Appraisal System (QAS-99: Willis & Lessler, 1999): long
sentences, double-barrelled questions, vague quantifiers, undefined key terms, a missing
reference period and negations. The checks are deliberately simple word and phrase rules;
they point a reviewer at places to look, they do not replace cognitive testing.

Everything here is pure: :func:`check_variant` takes a :class:`Variant` and returns
:class:`WordingFlag` objects, so the CLI and the report show the same results.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from tut.instruments.diff import tokenize
from tut.instruments.model import Variant
from tut.messages import language, text
from tut.messages.checks import CHECK_ABOUT, CHECK_TEXT

Severity = Literal["info", "warning"]

CHECKS: dict[str, str] = {check: english for check, (english, _es) in CHECK_ABOUT.items()}
"""Check ids and what each looks for (shown by ``tut instruments check --help`` and the report;
both languages in :data:`tut.messages.checks.CHECK_ABOUT`)."""

VERB_WINDOW = 5
"""Most words between two verbs joined by 'and'/'or' for them to be read as two questions
('did you cook and did you ...', 'cuidó usted a algún niño y le ayudó')."""

LONG_SENTENCE_WORDS = 25
"""Rule of thumb: keep a question to about 20 words; flag a sentence above 25 so that fills
and short preambles do not trigger it."""


MESSAGES: dict[str, tuple[str, str]] = CHECK_TEXT
"""Message of each flag kind in English and Spanish (:mod:`tut.messages.checks`), filled from
the flag's ``params``."""


def render_message(key: str, params: dict[str, Any], lang: str = "en") -> str:
    """The message of a flag kind in ``lang`` (``es``/``es-MX``; anything else is English).

    Lists in ``params`` (example words) are quoted the way each language quotes words."""
    quote = "«{}»" if language(lang) == "es" else "'{}'"
    values = {
        k: ", ".join(quote.format(x) for x in v) if isinstance(v, list | tuple) else v
        for k, v in params.items()
    }
    return text(f"check.{key}", lang, **values)


@dataclass(frozen=True)
class WordingFlag:
    """One thing a reviewer should look at in a wording."""

    check: str
    """Id of the check, a key of :data:`CHECKS`."""
    severity: Severity
    message: str
    """The message in English (kept for readers of older results; see :meth:`message_in`)."""
    evidence: str
    """The words that triggered the flag, in context (the match between « »)."""
    key: str = ""
    """Kind of message, a key of :data:`MESSAGES` (empty for a flag made with a message only)."""
    params: dict[str, Any] = field(default_factory=dict)
    """Numbers and words the message is filled with, e.g. ``{"words": 40, "limit": 25}``."""

    def message_in(self, lang: str) -> str:
        """The message in ``lang`` (``en`` or ``es``); a flag with no key has only English."""
        if self.key not in MESSAGES:
            return self.message
        return render_message(self.key, self.params, lang)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _flag(check: str, severity: Severity, key: str, evidence: str, **params: Any) -> WordingFlag:
    """A flag whose English ``message`` is rendered from its key and params."""
    return WordingFlag(check, severity, render_message(key, params), evidence, key, params)


@dataclass(frozen=True)
class Lexicon:
    """Word lists for one language (lowercase; phrases may have several words)."""

    vague_quantifiers: tuple[str, ...]
    number_questions: tuple[str, ...]
    """Question stems that ask for a number ('how many'); a quantifier inside them is not vague."""
    frequency_questions: tuple[str, ...]
    """Stems that ask for a frequency without a unit ('how often'); flagged on their last word."""
    negations: tuple[str, ...]
    concord: tuple[str, ...]
    """Negative words that repeat an earlier negation instead of adding one (Spanish 'no …
    nada', 'no … ni'); a double negative needs two negations that do not agree."""
    weak_negations: tuple[str, ...]
    """Words that negate ('without', 'sin') without making a question negative by themselves;
    they count only towards a double negative."""
    not_negations: tuple[str, ...]
    """Phrases where a negation word does not negate a question ('yes or no', an exclusion
    clause such as 'not including')."""
    period_patterns: tuple[str, ...]
    """Regular expressions for expressions that set a reference period."""
    and_or: tuple[str, ...]
    follow_ups: tuple[str, ...]
    """Regular expressions for a second question tacked on ('and if so, ...')."""
    conjunctions: tuple[str, ...]
    question_verbs: tuple[str, ...]
    """Verbs that start or carry a question; two of them joined by a conjunction make two
    questions."""
    fillers: tuple[str, ...]
    """Words allowed between a conjunction and the second verb ('or did *you* ...')."""
    example_markers: tuple[str, ...]
    """Words that start a list of examples ('for *example* cooking or watching TV'): verbs
    joined after them illustrate one question, they do not ask two."""
    explanation_markers: tuple[str, ...]
    """Signs that a term is being explained right where it is used."""
    instruction_markers: tuple[str, ...]
    """Signs that interviewer instructions explain a term."""
    domain_terms: tuple[str, ...]
    """Supervisory-care terms known to be read in different ways."""


_FILL_PERIOD = (
    r"\[[^\]]*(?:DATE|DAY|WEEK|MONTH|YEAR|PERIOD|FECHA|DÍA|DIA|SEMANA|MES|AÑO|PERIODO)[^\]]*\]"
)
"""A CAPI fill that inserts the reference date or period, e.g. ``[REF_MONTH]``, ``[FECHA]``."""


ENGLISH = Lexicon(
    vague_quantifiers=(
        "often", "usually", "a lot", "lots of", "some", "sometimes", "regularly", "frequently",
        "rarely", "seldom", "occasionally", "many", "much", "several", "a few", "a little",
        "most of the time", "normally", "generally", "typically", "mostly", "hardly",
        "recently",
    ),
    number_questions=("how many", "how much"),
    frequency_questions=("how often",),
    negations=("not", "never", "no", "none", "nobody", "nothing", "neither", "nor", "no one"),
    concord=("nor",),
    weak_negations=("without",),
    not_negations=("yes or no", "yes/no", "not including", "not counting"),
    period_patterns=(
        r"yesterday", r"today", r"tonight", r"last night", r"this (?:morning|week|month|year)",
        r"(?:last|past|previous) (?:\w+ )?(?:day|days|week|weeks|month|months|year|years)",
        r"in the (?:last|past)", r"diary day", r"reference (?:day|week|month|year|period)",
        r"before the interview",
        r"(?:last|this|on|past) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
        r"|weekend)",
        r"(?:\d+|two|three|four|five|six|seven|ten|twelve|fourteen|thirty) "
        r"(?:days|weeks|months|years) (?:before|ago)",
        r"since (?:the|last|yesterday|\d+|january|february|march|april|may|june|july|august"
        r"|september|october|november|december|monday|tuesday|wednesday|thursday|friday"
        r"|saturday|sunday)",
        r"since(?= \[)",
        _FILL_PERIOD,
    ),
    and_or=("and/or", "and / or"),
    follow_ups=(r"and,? if (?:so|yes)", r"and,? if you did"),
    conjunctions=("and", "or"),
    question_verbs=(
        "did", "do", "does", "were", "was", "are", "is", "have", "has", "had", "will", "would",
        "can", "could", "care", "cared", "look", "looked", "watch", "watched", "help", "helped",
        "mind", "minded", "supervise", "supervised", "spend", "spent", "keep", "kept",
        "provide", "provided", "take", "took", "feed", "fed", "play", "played",
        "caring", "looking", "watching", "helping", "minding", "supervising", "keeping",
        "providing", "taking", "feeding", "spending", "playing",
    ),
    fillers=("you", "also", "then", "to"),
    example_markers=("example", "instance", "such", "like", "including", "e"),
    explanation_markers=("—", "–", " - ", "that is", "i.e.", "meaning", "which means", "(", ":"),
    instruction_markers=(
        "means", "mean", "that is", "i.e.", "say:", "include", "count", "definition", ":",
    ),
    domain_terms=(
        "in your care", "in my care", "look after", "looking after", "looked after", "on call",
        "responsible for", "passive care", "supervise", "supervising", "supervision",
        "keep an eye on", "keeping an eye on", "kept an eye on", "watch over", "watching over",
    ),
)

SPANISH = Lexicon(
    vague_quantifiers=(
        "a menudo", "frecuentemente", "con frecuencia", "mucho", "mucha", "muchos", "muchas",
        "algunas veces", "a veces", "casi siempre", "casi nunca", "casi", "normalmente",
        "generalmente", "habitualmente", "regularmente", "por lo general", "poco", "poca",
        "pocos", "pocas", "bastante", "varias veces", "de vez en cuando", "rara vez",
        "últimamente", "recientemente",
    ),
    number_questions=("cuánto", "cuánta", "cuántos", "cuántas"),
    frequency_questions=("con qué frecuencia", "qué tan seguido", "qué tan frecuentemente",
                         "cada cuándo"),
    negations=(
        "no", "nunca", "jamás", "ningún", "ninguna", "ninguno", "ni", "nadie", "nada", "tampoco",
    ),
    concord=("ningún", "ninguna", "ninguno", "nada", "nadie", "nunca", "jamás", "ni", "tampoco"),
    weak_negations=("sin",),
    not_negations=("sí o no", "si o no", "sí/no"),
    period_patterns=(
        r"ayer", r"hoy", r"anoche", r"esta (?:mañana|semana)", r"este (?:mes|año)",
        r"(?:la|el) (?:semana|mes|año) pasad[oa]", r"(?:la|el) (?:semana|mes|año) anterior",
        r"(?:los|las) últim[oa]s (?:\w+ )?(?:días|semanas|meses|años)",
        r"durante la semana", r"(?:semana|día|mes|periodo|período) de referencia",
        r"semana del", r"antes de la entrevista",
        r"(?:el|este) (?:lunes|martes|miércoles|jueves|viernes|sábado|domingo)(?: pasado)?",
        r"hace (?:\d+|una?|dos|tres|cuatro|siete|quince|treinta) "
        r"(?:días?|semanas?|mes|meses|años?)",
        r"desde (?:el|la|hace|que|ayer|\d+|principios|inicios?|enero|febrero|marzo|abril|mayo"
        r"|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)",
        r"desde(?= \[)",
        _FILL_PERIOD,
    ),
    and_or=("y/o", "y / o"),
    follow_ups=(r"y,? si (?:es así|fue así|lo hizo|sí)", r"y,? en caso afirmativo"),
    conjunctions=("y", "e", "o", "u", "ni"),
    question_verbs=(
        "cuidar", "estar", "atender", "vigilar", "ayudar", "acompañar", "dedicar", "hacer",
        "realizar", "llevar", "dar", "cuidó", "cuidaba", "estuvo", "estaba", "estaban",
        "atendió", "vigiló", "ayudó", "acompañó", "dedicó", "hizo", "realizó", "fue", "era",
        "está", "tuvo", "tenía", "ha", "había", "hay", "pasó", "llevó", "dio", "jugar", "jugó",
        "cuidando", "vigilando", "atendiendo", "ayudando", "acompañando", "jugando",
    ),
    fillers=("usted", "también", "se", "le", "lo", "la", "les", "los", "a"),
    example_markers=("ejemplo", "como", "incluyendo", "incluso"),
    explanation_markers=("—", "–", " - ", "es decir", "o sea", "que significa", "quiere decir",
                         "(", ":"),
    instruction_markers=(
        "significa", "quiere decir", "es decir", "diga:", "incluya", "cuente", "definición", ":",
    ),
    domain_terms=(
        "a su cuidado", "a cargo de", "a su cargo", "al pendiente", "estar pendiente",
        "cuidados pasivos", "vigilar", "vigilando", "vigiló", "supervisar", "supervisando",
        "al cuidado de", "echar un ojo", "echando un ojo",
    ),
)

LEXICONS: dict[str, Lexicon] = {"en": ENGLISH, "es": SPANISH}
"""Languages the word-list checks support, by primary language subtag."""


# --- helpers ----------------------------------------------------------------------------------


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(w) for w in phrase.split())
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def _find_phrases(text: str, phrases: Iterable[str]) -> list[tuple[int, int]]:
    """Spans of the phrases in ``text``; a longer phrase wins over one inside it."""
    spans: list[tuple[int, int]] = []
    for phrase in sorted(phrases, key=len, reverse=True):
        for m in _phrase_pattern(phrase).finditer(text):
            if all(m.end() <= s or m.start() >= e for s, e in spans):
                spans.append((m.start(), m.end()))
    return sorted(spans)


def _evidence(text: str, start: int, end: int, width: int = 30) -> str:
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    pre = "…" if start > width else ""
    post = "…" if end + width < len(text) else ""
    return f"{pre}{left}«{text[start:end]}»{right}{post}".replace("\n", " ")


_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


def sentences(text: str) -> list[str]:
    """Sentences of a wording (split after . ? !)."""
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def _words(text: str) -> list[str]:
    return [t for t in tokenize(text) if re.search(r"\w", t)]


# --- the checks -------------------------------------------------------------------------------


def check_long_sentences(wording: str, limit: int = LONG_SENTENCE_WORDS) -> list[WordingFlag]:
    flags = []
    for sentence in sentences(wording):
        n = len(_words(sentence))
        if n > limit:
            flags.append(_flag(
                "long-sentence", "warning", "long-sentence",
                sentence if len(sentence) <= 160 else sentence[:157] + "…",
                words=n, limit=limit,
            ))
    return flags


def check_double_barrelled(wording: str, lex: Lexicon) -> list[WordingFlag]:
    flags = [
        _flag("double-barrelled", "warning", "and-or", _evidence(wording, s, e),
              phrase=wording[s:e])
        for s, e in _find_phrases(wording, lex.and_or)
    ]
    for pattern in lex.follow_ups:
        for m in re.finditer(rf"(?<!\w){pattern}(?!\w)", wording, re.IGNORECASE):
            flags.append(_flag(
                "double-barrelled", "warning", "follow-up",
                _evidence(wording, m.start(), m.end()), phrase=m.group(0),
            ))
    verbs, conjunctions, fillers = set(lex.question_verbs), set(lex.conjunctions), set(lex.fillers)
    examples = set(lex.example_markers)
    for sentence in sentences(wording):
        spans = [(m.group(0), m.start(), m.end()) for m in re.finditer(r"\w+", sentence)]
        words = [w.lower() for w, _s, _e in spans]
        for k, word in enumerate(words):
            if word not in conjunctions or not any(w in verbs for w in words[:k]):
                continue
            j = k + 1
            while j < len(words) and j <= k + 2 and words[j] in fillers and words[j] not in verbs:
                j += 1
            if j < len(words) and words[j] in verbs:
                first = max(i for i in range(k) if words[i] in verbs)
                between = words[first + 1:k]
                if len(between) > VERB_WINDOW or examples.intersection(between):
                    continue
                start, end = spans[first][1], spans[j][2]
                flags.append(_flag(
                    "double-barrelled", "warning", "two-verbs", _evidence(sentence, start, end),
                    conjunction=spans[k][0], first=spans[first][0], second=spans[j][0],
                ))
    return flags


def check_vague_quantifiers(wording: str, lex: Lexicon) -> list[WordingFlag]:
    """Vague quantifiers; 'how many' asks for a number, 'how often' for a frequency with no unit."""
    asks_number = _find_phrases(wording, lex.number_questions)
    asks_frequency = _find_phrases(wording, lex.frequency_questions)
    flags = []
    for s, e in _find_phrases(wording, [*lex.vague_quantifiers, *lex.frequency_questions]):
        if any(ns <= s and e <= ne for ns, ne in asks_number):
            continue
        stem = next(((fs, fe) for fs, fe in asks_frequency if fs <= s and e <= fe), None)
        if stem is None:
            flags.append(_flag(
                "vague-quantifier", "warning", "vague-quantifier", _evidence(wording, s, e),
                phrase=wording[s:e]))
            continue
        last = list(re.finditer(r"\w+", wording[stem[0]:stem[1]]))[-1]
        s, e = stem[0] + last.start(), stem[0] + last.end()
        flags.append(_flag(
            "vague-quantifier", "warning", "frequency-no-unit", _evidence(wording, s, e),
            phrase=wording[stem[0]:stem[1]], examples=list(lex.vague_quantifiers[:2])))
    return flags


def check_negations(wording: str, lex: Lexicon) -> list[WordingFlag]:
    """Each negation is a note; two that do not agree in one sentence are a double negative."""
    flags = []
    concord, weak = set(lex.concord), set(lex.weak_negations)
    for sentence in sentences(wording):
        fixed = _find_phrases(sentence, lex.not_negations)
        spans = [(s, e) for s, e in _find_phrases(sentence, [*lex.negations, *weak])
                 if not any(fs <= s and e <= fe for fs, fe in fixed)]
        spans += [(m.start(), m.end()) for m in re.finditer(r"\w+n['’]t\b", sentence, re.I)]
        spans.sort()
        counted = strong = 0
        for s, e in spans:
            word = sentence[s:e].lower()
            if word in concord and counted:
                continue  # 'no … nada', 'no … ni': one negation, said twice
            counted += 1
            if word in weak:
                continue
            strong += 1
            flags.append(_flag(
                "negation", "info", "negation", _evidence(sentence, s, e), phrase=sentence[s:e],
            ))
        if counted >= 2 and strong:
            flags.append(_flag(
                "negation", "warning", "double-negative",
                sentence if len(sentence) <= 160 else sentence[:157] + "…", count=counted,
            ))
    return flags


def _states_period(text: str, lex: Lexicon) -> bool:
    return any(re.search(rf"(?<!\w){p}(?!\w)", text, re.IGNORECASE) for p in lex.period_patterns)


def check_reference_period(variant: Variant, lex: Lexicon) -> list[WordingFlag]:
    if _states_period(variant.wording, lex):
        return []
    shown = variant.wording if len(variant.wording) <= 160 else variant.wording[:157] + "…"
    if not variant.reference_period:
        return [_flag("reference-period", "warning", "no-reference-period", shown)]
    return [_flag("reference-period", "info", "period-not-stated", shown,
                  period=variant.reference_period)]


def _explained_in_wording(wording: str, start: int, end: int, lex: Lexicon) -> bool:
    """True when an explanation marker follows the term closely ('… — that is, …')."""
    after = wording[end:end + 80].lower()
    return any(marker in after for marker in lex.explanation_markers)


def _inside_explanation(wording: str, start: int, lex: Lexicon) -> bool:
    """True when the term is itself part of an explanation of an earlier term."""
    before = wording[:start].lower()
    return any(marker in before for marker in lex.explanation_markers if marker != "(")


def _explained_in_instructions(term: str, instructions: str, lex: Lexicon) -> bool:
    low = instructions.lower()
    return term.lower() in low and any(m in low for m in lex.instruction_markers)


def check_key_terms(variant: Variant, lex: Lexicon) -> list[WordingFlag]:
    wording = variant.wording
    defined = {k.lower() for k, v in variant.definitions.items() if v.strip()}
    listed = [t for t in variant.key_terms if t.strip()]
    listed_low = {t.lower() for t in listed}
    candidates: list[tuple[str, bool]] = [(t, True) for t in listed]
    for term in lex.domain_terms:
        if term.lower() not in listed_low and not any(term.lower() in t for t in listed_low):
            candidates.append((term, False))

    flags = []
    for term, is_listed in candidates:
        spans = _find_phrases(wording, [term])
        if not is_listed and (not spans or _inside_explanation(wording, spans[0][0], lex)):
            continue
        if term.lower() in defined:
            continue
        if spans and _explained_in_wording(wording, *spans[0], lex):
            continue
        if _explained_in_instructions(term, variant.interviewer_instructions, lex):
            continue
        evidence = _evidence(wording, *spans[0]) if spans else term
        flags.append(_flag("undefined-term", "warning", "undefined-term", evidence, term=term))
    return flags


_NOT_HEARD = ("variable-label", "paraphrase", "secondary-source")
"""Text statuses whose text respondents did not hear (one message each in :data:`MESSAGES`)."""


def check_variant(variant: Variant) -> list[WordingFlag]:
    """Every wording flag for one variant, in check order."""
    flags: list[WordingFlag] = []
    if variant.text_status in _NOT_HEARD:
        flags.append(_flag(
            "text-status", "info", f"text-status-{variant.text_status}",
            f"text_status: {variant.text_status}",
        ))
    flags += check_long_sentences(variant.wording)
    lex = LEXICONS.get(variant.base_language)
    if lex is None:
        flags.append(_flag(
            "language", "info", "language", variant.language,
            language=variant.language, supported=", ".join(LEXICONS),
        ))
        return flags
    flags += check_double_barrelled(variant.wording, lex)
    flags += check_vague_quantifiers(variant.wording, lex)
    flags += check_key_terms(variant, lex)
    flags += check_reference_period(variant, lex)
    flags += check_negations(variant.wording, lex)
    return flags


def check_variants(variants: Iterable[Variant]) -> dict[str, list[WordingFlag]]:
    """Flags for many variants, by variant id (what the report stores and shows)."""
    return {v.id: check_variant(v) for v in variants}


def checks_to_dict(variants: Iterable[Variant]) -> dict[str, Any]:
    """JSON-ready results of every check for the variants (``check --all --json``)."""
    out: dict[str, Any] = {"checks": CHECKS, "long_sentence_words": LONG_SENTENCE_WORDS,
                           "variants": {}}
    for v in variants:
        flags = check_variant(v)
        out["variants"][v.id] = {
            "language": v.language,
            "text_status": v.text_status,
            "warnings": sum(f.severity == "warning" for f in flags),
            "flags": [f.to_dict() for f in flags],
        }
    return out
