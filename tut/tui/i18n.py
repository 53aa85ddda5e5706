"""Labels and help of the coding UI in English and Spanish.

Coders in national statistics offices of Latin America code Spanish interviews, so every
label, key description and the help screen exist in both languages. The language comes from
``--lang`` or else from the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal

Lang = Literal["en", "es"]
LANGS: tuple[Lang, ...] = ("en", "es")


def detect_lang(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> Lang:
    """``--lang`` if given, else Spanish when the locale says so, else English."""
    if explicit:
        code = explicit.lower().split("_")[0].split("-")[0]
        return "es" if code == "es" else "en"
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return "es" if value.lower().startswith("es") else "en"
    return "en"


EN: dict[str, str] = {
    # panels
    "segments": "Segments",
    "wording": "Wording read",
    "probe": "Probe",
    "answer": "Answer",
    "notes": "Interviewer notes",
    "attributes": "Respondent",
    "codes": "Codes",
    "definition": "Definition",
    "include": "Include",
    "exclude": "Exclude",
    "examples": "Examples",
    "memo": "Memo",
    "memo_placeholder": "m to write a memo (Esc saves)",
    "col_status": "",
    "col_respondent": "Resp",
    "col_variant": "Variant",
    "col_probe": "Probe",
    "mode_exclusive": "one per segment",
    "mode_multiple": "several allowed",
    "coded": "coded",
    "coder": "coder",
    "round": "round",
    "recode_banner": "round {round}, blind recode",
    "study": "study",
    "filter": "filter",
    "no_filter": "all segments",
    "uncoded_only": "uncoded only",
    "auto_on": "auto-advance on",
    "auto_off": "auto-advance off",
    "saved_at": "✓ saved {time}",
    "no_segments": "No segment matches the filter (Esc clears it).",
    "no_code_highlighted": "Highlight a code to read its definition.",
    "not_coded": "not coded yet",
    # wording status
    "status_variable-label": "variable label, not the text read out",
    "status_paraphrase": "paraphrase, not the text read out",
    "status_secondary-source": "secondary source, not checked against the questionnaire",
    "wording_missing": "(wording {variant} not found in the registry)",
    "probe_missing": "(probe {probe} not found in the protocol)",
    # key descriptions (footer, help, command palette)
    "key_next": "Next",
    "key_prev": "Previous",
    "key_next_uncoded": "Uncoded",
    "key_prev_uncoded": "Prev. uncoded",
    "key_advance": "Next",
    "key_picker": "Codes",
    "key_memo": "Memo",
    "key_undo": "Undo",
    "key_redo": "Redo",
    "key_find": "Find",
    "key_clear_filter": "Clear filter",
    "key_help": "Help",
    "key_quit": "Quit",
    "key_theme": "Theme",
    "key_auto": "Auto-advance",
    "key_toggle": "Toggle code",
    "key_pick_coder": "Take coder",
    "key_rationale": "Rationale",
    "key_record": "Record",
    "key_summary": "Agreement",
    "key_close": "Close",
    "key_first": "First",
    "key_last": "Last",
    "key_page_down": "Page down",
    "key_page_up": "Page up",
    "key_scroll_answer": "Scroll answer",
    "ctrl_c_quit": "Press q to quit: everything shown as saved is already on disk.",
    "palette": "palette",
    "palette_placeholder": "Search for commands…",
    "palette_quit": "Quit",
    "palette_theme": "Dark / light theme",
    "palette_screenshot": "Save a screenshot (SVG) in the current folder",
    # notifications
    "refused": "Code refused",
    "store_error": "Not saved",
    "nothing_to_undo": "Nothing to undo.",
    "nothing_to_redo": "Nothing to redo.",
    "undone": "Undone on {segment}: codes back to {codes}.",
    "redone": "Redone on {segment}: {codes}.",
    "memo_undone": "Memo on {segment} undone: {memo}",
    "too_small": (
        "The terminal is too small: {width}x{height}. The coding screen needs at least "
        "{min_width}x{min_height} (columns x rows); enlarge the window or make the font "
        "smaller. q quits."
    ),
    "memo_redone": "Memo on {segment} redone: {memo}",
    "no_codes": "none",
    "all_coded": "Every segment in view is coded.",
    "memo_saved": "Memo saved.",
    "journal_warning": "Journal warning",
    "journal_torn": (
        "{file} line {line}: torn last line ({size} bytes), skipped. The program was stopped "
        "while writing it, so it was never shown as saved; the bytes stay in the file."
    ),
    "journal_bad_line": (
        "{file} line {line}: not a valid event ({size} bytes), skipped; the line stays in "
        "the file as it is."
    ),
    "journal_unknown_code": (
        "{file} line {line}: code {id} is not in this study's frame, skipped; the line "
        "stays in the file as it is."
    ),
    "journal_unknown_segment": (
        "{file} line {line}: segment {id} is not in this study, skipped; the line stays in "
        "the file as it is."
    ),
    "hotkey_clash": "Hotkeys ignored (the screen needs these keys)",
    "auto_now_on": "Auto-advance on: a code key saves and moves to the next segment.",
    "auto_now_off": "Auto-advance off: code keys toggle; Enter moves on.",
    # find screen
    "find_title": "Find and filter segments",
    "find_text": "Text in the answer or notes (ignores case and accents)",
    "find_ids": "search ids too",
    "find_count": "{count:,} of {total:,} segments match",
    "find_variant": "Variant",
    "find_probe": "Probe",
    "find_any": "any",
    "find_apply": "Apply (Enter)",
    "find_clear": "Clear",
    "find_cancel": "Cancel (Esc)",
    # picker
    "picker_title": "Pick a code",
    "picker_placeholder": "Type to search codes (fuzzy); Enter toggles, Esc closes",
    "picker_none": "No code matches.",
    # adjudication
    "disagreements": "Disagreements",
    "coders_codes": "Each coder's codes",
    "consensus": "Consensus",
    "rationale": "Rationale",
    "rationale_placeholder": "m to write why (required), Esc to leave",
    "adjudicated": "adjudicated",
    "open": "open",
    "draft": "draft, not saved",
    "recorded": "recorded {time}",
    "need_rationale": "Write a rationale first (m).",
    "need_codes": "Choose the consensus codes first (a code key, or p to take a coder's).",
    "took_codes": "Consensus set to {coder}'s codes.",
    "recorded_note": "Adjudication recorded for {segment}.",
    "no_disagreements": "No disagreements: nothing to adjudicate yet.",
    "coder_col": "Coder",
    "codes_col": "Codes",
    "all_adjudicated": "Every disagreement is adjudicated.",
    "key_revise": "Revise decision",
    "help_revise": "revise the decision recorded here (yours, or another adjudicator's): a new rationale is required; the journal keeps what it revises",
    "help_coders_panel": "Tab reaches each coder's codes (arrows scroll); ≠ marks a coder whose codes differ from the majority's, ⚖ a recorded decision",
    "help_undo_draft": "undo / redo a change of the consensus draft",
    "revising_state": "revising {who}'s decision",
    "conflict_state": "≠ conflict",
    "decided_by": "decided by {who}",
    "decision_row": "{codes} · {time} UTC · “{rationale}”",
    "decision_revised": "(revised)",
    "decision_revises": "(revises {who})",
    "revise_first": "You recorded this unit already: R revises your decision (with a new rationale).",
    "nothing_to_revise": "No decision recorded here to revise: Enter records one.",
    "revising_note": "Revising {who}'s decision: set the codes, write why (required), Enter records.",
    "conflict_note": "Conflict on {segment}: your decision differs from {who}'s. Both are kept and shown; R revises theirs.",
    # summary
    "summary_title": "Agreement so far",
    "summary_units": "Units coded by two or more coders: {units}",
    "summary_overall": "Same codes (all coders): {percent}",
    "summary_alpha": "{coefficient}: {value} {interval} ({method})",
    "summary_scope": (
        "Round-1 codes saved so far, adjudications not counted; per-code intervals: "
        "bootstrap over units, seed {seed} (tut agreement STUDY --by code --seed {seed} "
        "shows the same)."
    ),
    "summary_interval": "95% interval",
    "summary_too_few": "too few uses",
    "summary_alpha_wait": "Krippendorff's alpha: computing…",
    "summary_alpha_none": "Krippendorff's alpha: not available",
    "summary_code": "Code",
    "summary_agree": "% agree",
    "summary_present": "used",
    "summary_none": "No unit has been coded by two coders yet.",
    "summary_coders": "Coders: {coders}",
    "summary_help": (
        "Per code: % of units where all coders agree whether the code applies; α on "
        "presence/absence; used = units where someone used it."
    ),
    # help screen
    "help_title": "Keys",
    "help_coding_intro": (
        "Each change is written to your own journal and shown as saved only after it is on "
        "disk. You see only your own codes."
    ),
    "help_adjudication_intro": (
        "Only units where coders disagree are listed. Set the consensus with the code keys "
        "or take a coder's codes, write a rationale, then record it."
    ),
    "help_move": "next / previous segment",
    "help_pages": "page down / up, first / last (the selection moves: a code goes to the row shown)",
    "help_scroll_answer": "scroll a long answer",
    "help_next_uncoded": "next / previous uncoded segment",
    "help_hotkey": "toggle that code (exclusive frames: replace the code)",
    "help_shift_hotkey": "toggle the code and go to the next segment",
    "help_enter": "go to the next segment (codes are already saved)",
    "help_space": "toggle the highlighted code",
    "help_picker": "fuzzy code picker (for frames with many codes)",
    "help_memo": "write a memo; Esc saves it and returns",
    "help_undo": "undo / redo the last code or memo change (marked as undo / redo in the journal)",
    "help_find": "find text in answers and notes (any case or accents), filter by variant or probe; Enter applies; Esc clears the filter",
    "help_auto": "auto-advance: a code key also moves to the next segment",
    "help_theme": "dark / light theme",
    "help_palette": "command palette",
    "help_tab": "move between the list, the codes and the memo",
    "help_mouse": "The mouse works too: click a segment, click a code to toggle it; the wheel over the list moves the selection.",
    "help_quit": "quit (everything shown as saved is on disk)",
    "help_help": "this help",
    "help_pick_coder": "take the next coder's codes as the consensus",
    "help_next_open": "next unit not yet adjudicated",
    "key_space": "Space",
    "help_rationale": "write the rationale; Esc returns",
    "help_record": "record the adjudication in your journal and go on",
    "help_summary": "agreement summary",
    "help_close": "Esc closes this screen.",
    "palette_filter_variant": "Filter: variant {variant}",
    "palette_filter_probe": "Filter: probe {probe}",
    "palette_uncoded": "Filter: uncoded segments only",
}

ES: dict[str, str] = {
    "segments": "Segmentos",
    "wording": "Redacción leída",
    "probe": "Sondeo",
    "answer": "Respuesta",
    "notes": "Notas del entrevistador",
    "attributes": "Informante",
    "codes": "Códigos",
    "definition": "Definición",
    "include": "Incluir",
    "exclude": "Excluir",
    "examples": "Ejemplos",
    "memo": "Memo",
    "memo_placeholder": "m para escribir un memo (Esc lo guarda)",
    "col_status": "",
    "col_respondent": "Inf.",
    "col_variant": "Variante",
    "col_probe": "Sondeo",
    "mode_exclusive": "uno por segmento",
    "mode_multiple": "admite varios",
    "coded": "codificados",
    "coder": "codificador",
    "round": "ronda",
    "recode_banner": "ronda {round}, a ciegas",
    "study": "estudio",
    "filter": "filtro",
    "no_filter": "todos los segmentos",
    "uncoded_only": "solo sin codificar",
    "auto_on": "avance automático sí",
    "auto_off": "avance automático no",
    "saved_at": "✓ guardado {time}",
    "no_segments": "Ningún segmento cumple el filtro (Esc lo quita).",
    "no_code_highlighted": "Resalte un código para leer su definición.",
    "not_coded": "sin codificar",
    "status_variable-label": "etiqueta de variable, no el texto leído",
    "status_paraphrase": "paráfrasis, no el texto leído",
    "status_secondary-source": "fuente secundaria, no cotejada con el cuestionario",
    "wording_missing": "(redacción {variant} no encontrada en el registro)",
    "probe_missing": "(sondeo {probe} no encontrado en el protocolo)",
    "key_next": "Siguiente",
    "key_prev": "Anterior",
    "key_next_uncoded": "Sin código",
    "key_prev_uncoded": "Ant. sin código",
    "key_advance": "Siguiente",
    "key_picker": "Códigos",
    "key_memo": "Memo",
    "key_undo": "Deshacer",
    "key_redo": "Rehacer",
    "key_find": "Buscar",
    "key_clear_filter": "Quitar filtro",
    "key_help": "Ayuda",
    "key_quit": "Salir",
    "key_theme": "Tema",
    "key_auto": "Avance automático",
    "key_toggle": "Marcar código",
    "key_pick_coder": "Tomar",
    "key_rationale": "Justificar",
    "key_record": "Registrar",
    "key_summary": "Acuerdo",
    "key_close": "Cerrar",
    "key_first": "Primero",
    "key_last": "Último",
    "key_page_down": "Página siguiente",
    "key_page_up": "Página anterior",
    "key_scroll_answer": "Desplazar respuesta",
    "ctrl_c_quit": "Pulse q para salir: todo lo mostrado como guardado ya está en disco.",
    "palette": "comandos",
    "palette_placeholder": "Buscar comandos…",
    "palette_quit": "Salir",
    "palette_theme": "Tema oscuro / claro",
    "palette_screenshot": "Guardar una captura (SVG) en la carpeta actual",
    "refused": "Código rechazado",
    "store_error": "No guardado",
    "nothing_to_undo": "Nada que deshacer.",
    "nothing_to_redo": "Nada que rehacer.",
    "undone": "Deshecho en {segment}: códigos de nuevo {codes}.",
    "redone": "Rehecho en {segment}: {codes}.",
    "memo_undone": "Memo de {segment} deshecho: {memo}",
    "too_small": (
        "La terminal es demasiado pequeña: {width}x{height}. La pantalla de codificación "
        "necesita al menos {min_width}x{min_height} (columnas x filas); agrande la ventana "
        "o reduzca la letra. q sale."
    ),
    "memo_redone": "Memo de {segment} rehecho: {memo}",
    "no_codes": "ninguno",
    "all_coded": "Todos los segmentos a la vista están codificados.",
    "memo_saved": "Memo guardado.",
    "journal_warning": "Aviso del diario",
    "journal_torn": (
        "{file} línea {line}: última línea cortada ({size} bytes), omitida. El programa se "
        "detuvo mientras la escribía, así que nunca se mostró como guardada; los bytes quedan "
        "en el archivo."
    ),
    "journal_bad_line": (
        "{file} línea {line}: no es un evento válido ({size} bytes), omitida; la línea queda "
        "en el archivo tal cual."
    ),
    "journal_unknown_code": (
        "{file} línea {line}: el código {id} no está en el marco de este estudio, omitida; "
        "la línea queda en el archivo tal cual."
    ),
    "journal_unknown_segment": (
        "{file} línea {line}: el segmento {id} no está en este estudio, omitida; la línea "
        "queda en el archivo tal cual."
    ),
    "hotkey_clash": "Teclas de código ignoradas (la pantalla las usa)",
    "auto_now_on": "Avance automático: una tecla de código guarda y pasa al siguiente segmento.",
    "auto_now_off": "Sin avance automático: las teclas marcan códigos; Enter avanza.",
    "find_title": "Buscar y filtrar segmentos",
    "find_text": "Texto en la respuesta o las notas (ignora mayúsculas y acentos)",
    "find_ids": "buscar también en los ids",
    "find_count": "{count:,} de {total:,} segmentos coinciden",
    "find_variant": "Variante",
    "find_probe": "Sondeo",
    "find_any": "cualquiera",
    "find_apply": "Aplicar (Enter)",
       "key_revise": "Revisar decisión",
    "help_revise": "revisar la decisión registrada aquí (suya o de otro adjudicador): se pide una nueva justificación; el diario guarda qué revisa",
    "help_coders_panel": "Tab lleva a los códigos de cada codificador (flechas desplazan); ≠ marca a quien difiere de la mayoría, ⚖ una decisión registrada",
    "help_undo_draft": "deshacer / rehacer un cambio del borrador de consenso",
    "revising_state": "revisando la decisión de {who}",
    "conflict_state": "≠ conflicto",
    "decided_by": "decidido por {who}",
    "decision_row": "{codes} · {time} UTC · “{rationale}”",
    "decision_revised": "(revisada)",
    "decision_revises": "(revisa a {who})",
    "revise_first": "Ya registró esta unidad: R revisa su decisión (con una nueva justificación).",
    "nothing_to_revise": "No hay decisión registrada que revisar: Enter registra una.",
    "revising_note": "Revisando la decisión de {who}: elija los códigos, escriba por qué (obligatorio), Enter registra.",
    "conflict_note": "Conflicto en {segment}: su decisión difiere de la de {who}. Se guardan y muestran ambas; R revisa la otra.",
 "find_clear": "Limpiar",
    "find_cancel": "Cancelar (Esc)",
    "picker_title": "Elegir un código",
    "picker_placeholder": "Escriba para buscar códigos; Enter marca, Esc cierra",
    "picker_none": "Ningún código coincide.",
    "disagreements": "Desacuerdos",
    "coders_codes": "Códigos de cada codificador",
    "consensus": "Consenso",
    "rationale": "Justificación",
    "rationale_placeholder": "m para escribir por qué (obligatorio), Esc para salir",
    "adjudicated": "adjudicados",
    "open": "pendiente",
    "draft": "borrador, sin guardar",
    "recorded": "registrado {time}",
    "need_rationale": "Escriba primero una justificación (m).",
    "need_codes": "Elija primero los códigos de consenso (tecla de código, o p para tomar los de un codificador).",
    "took_codes": "Consenso = códigos de {coder}.",
    "recorded_note": "Adjudicación registrada para {segment}.",
    "no_disagreements": "Sin desacuerdos: nada que adjudicar todavía.",
    "coder_col": "Codificador",
    "codes_col": "Códigos",
    "all_adjudicated": "Todos los desacuerdos están adjudicados.",
    "summary_title": "Acuerdo hasta ahora",
    "summary_units": "Unidades codificadas por dos o más codificadores: {units}",
    "summary_overall": "Mismos códigos (todos): {percent}",
    "summary_alpha": "{coefficient}: {value} {interval} ({method})",
    "summary_scope": (
        "Códigos de la ronda 1 guardados hasta ahora, sin las adjudicaciones; intervalos por "
        "código: bootstrap sobre unidades, semilla {seed} (tut agreement STUDY --by code "
        "--seed {seed} muestra lo mismo)."
    ),
    "summary_interval": "intervalo 95%",
    "summary_too_few": "muy pocos usos",
    "summary_alpha_wait": "Alfa de Krippendorff: calculando…",
    "summary_alpha_none": "Alfa de Krippendorff: no disponible",
    "summary_code": "Código",
    "summary_agree": "% acuerdo",
    "summary_present": "usado",
    "summary_none": "Ninguna unidad tiene todavía dos codificadores.",
    "summary_coders": "Codificadores: {coders}",
    "summary_help": (
        "Por código: % de unidades donde todos coinciden en si el código aplica; α sobre "
        "presencia/ausencia; usado = unidades donde alguien lo usó."
    ),
    "help_title": "Teclas",
    "help_coding_intro": (
        "Cada cambio se escribe en su propio diario y se muestra como guardado solo cuando ya "
        "está en disco. Usted ve solo sus propios códigos."
    ),
    "help_adjudication_intro": (
        "Solo se listan las unidades en que los codificadores discrepan. Fije el consenso con "
        "las teclas de código o tome los de un codificador, escriba la justificación y regístrela."
    ),
    "help_move": "segmento siguiente / anterior",
    "help_pages": "página abajo / arriba, primero / último (la selección se mueve: el código va a la fila mostrada)",
    "help_scroll_answer": "desplazar una respuesta larga",
    "help_next_uncoded": "siguiente / anterior segmento sin codificar",
    "help_hotkey": "marcar o desmarcar ese código (marco exclusivo: reemplaza el código)",
    "help_shift_hotkey": "marcar el código y pasar al siguiente segmento",
    "help_enter": "pasar al siguiente segmento (los códigos ya están guardados)",
    "help_space": "marcar o desmarcar el código resaltado",
    "help_picker": "buscador de códigos (para marcos con muchos códigos)",
    "help_memo": "escribir un memo; Esc lo guarda y vuelve",
    "help_undo": "deshacer / rehacer el último cambio de códigos o de memo (marcado como tal en el diario)",
    "help_find": "buscar texto en respuestas y notas (sin importar mayúsculas ni acentos), filtrar por variante o sondeo; Enter aplica; Esc quita el filtro",
    "help_auto": "avance automático: una tecla de código también pasa al siguiente",
    "help_theme": "tema oscuro / claro",
    "help_palette": "paleta de comandos",
    "help_tab": "moverse entre la lista, los códigos y el memo",
    "help_mouse": "El ratón también funciona: clic en un segmento, clic en un código para marcarlo; la rueda sobre la lista mueve la selección.",
    "help_quit": "salir (todo lo mostrado como guardado está en disco)",
    "help_help": "esta ayuda",
    "help_pick_coder": "tomar los códigos del siguiente codificador como consenso",
    "help_next_open": "siguiente unidad sin adjudicar",
    "key_space": "Espacio",
    "help_rationale": "escribir la justificación; Esc vuelve",
    "help_record": "registrar la adjudicación en su diario y seguir",
    "help_summary": "resumen de acuerdo",
    "help_close": "Esc cierra esta pantalla.",
    "palette_filter_variant": "Filtro: variante {variant}",
    "palette_filter_probe": "Filtro: sondeo {probe}",
    "palette_uncoded": "Filtro: solo segmentos sin codificar",
}

CATALOG: dict[Lang, dict[str, str]] = {"en": EN, "es": ES}


class Labels:
    """The label catalogue of one language; ``labels("key", name=...)`` formats a label."""

    def __init__(self, lang: Lang = "en") -> None:
        self.lang: Lang = lang
        self._texts = CATALOG[lang]

    def __call__(self, name: str, /, **values: object) -> str:
        text = self._texts.get(name) or EN.get(name) or name
        return text.format(**values) if values else text

    def code_label(self, label: str, label_es: str = "") -> str:
        """A code's label in the coder's language (Spanish when the frame has one)."""
        return label_es if self.lang == "es" and label_es else label
