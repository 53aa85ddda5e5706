"""Report words of the methods (CIRF headings), provenance and appendix.

Each key maps to (English, Spanish); :mod:`tut.messages` files them under ``report.``
and :data:`tut.report.i18n.TEXT` is the report's view of them.
"""

from __future__ import annotations

METHODS_TEXT: dict[str, tuple[str, str]] = {
    "sec-methods": ("Methods", "Métodos"),
    "sec-provenance": ("Provenance and reproduction", "Procedencia y reproducción"),
    "sec-rules": ("How the summary is decided", "Cómo se decide el resumen"),
    "sec-frame": ("Codes of the coding frame", "Códigos del marco de codificación"),
    "cirf-objectives": ("Research objectives", "Objetivos de la investigación"),
    "cirf-design": ("Research design", "Diseño de la investigación"),
    "cirf-ethics": ("Ethics", "Ética"),
    "cirf-sample": ("Sample", "Muestra"),
    "cirf-collection": ("Data collection and protocol", "Recolección de datos y protocolo"),
    "cirf-interviewers": ("Interviewers", "Entrevistadores"),
    "cirf-analysis": ("Coding and analysis", "Codificación y análisis"),
    "cirf-limitations": ("Strengths and limitations", "Fortalezas y limitaciones"),
    "cirf-intro": (
        "Reported following the Cognitive Interviewing Reporting Framework (CIRF; Boeije and "
        "Willis 2013, Methodology 9(3): 87-95).",
        "Se informa según el Cognitive Interviewing Reporting Framework (CIRF; Boeije y Willis "
        "2013, Methodology 9(3): 87-95).",
    ),
    "sha256": ("SHA-256", "SHA-256"),
    "bytes": ("Bytes", "Bytes"),
    "software": ("Software", "Software"),
    "generated": ("Generated", "Generado"),
    "seed": ("Seed", "Semilla"),
    "command": ("Command", "Comando"),
    "spec": ("Comparison spec", "Especificación de la comparación"),
    "pseudonymised-note": (
        "Respondent ids are replaced by pseudonyms (R01, R02 ...).",
        "Los identificadores de las personas se reemplazaron por seudónimos (R01, R02 ...).",
    ),
    "sample-line": (
        "{respondents:|respondent|respondents}, {interviews:|interview|interviews}, "
        "{segments:|coded segment|coded segments} (answers to one probe after one wording).",
        "{respondents:|persona|personas}, {interviews:|entrevista|entrevistas}, "
        "{segments:|segmento codificado|segmentos codificados} (respuestas a un sondeo después "
        "de una redacción).",
    ),
    "by-language": ("By language", "Por idioma"),
    "wordings-per-respondent": (
        "Wordings heard per respondent",
        "Redacciones escuchadas por persona",
    ),
    "coders-line": (
        "Coders: {coders}. Adjudication: {adjudicators}.",
        "Codificadores: {coders}. Adjudicación: {adjudicators}.",
    ),
    "protocol-line": (
        "Protocol {protocol} (version {version}); coding frame {frame}.",
        "Protocolo {protocol} (versión {version}); marco de codificación {frame}.",
    ),
    "probes-asked": ("Probes asked", "Sondeos aplicados"),
    "background": ("Background", "Formación"),
    "sec-appendix": ("Appendix: full tables", "Anexo: tablas completas"),
    "app-estimates": (
        "Estimates in cross-classified domains",
        "Estimaciones en dominios cruzados",
    ),
    "app-gaps": ("Gaps within domains", "Brechas dentro de los dominios"),
    "sample-attributes": ("Who was interviewed", "Quiénes fueron entrevistados"),
    "frame-in-appendix": (
        "Every code of the frame, with its definition, is in the appendix.",
        "Todos los códigos del marco, con su definición, están en el anexo.",
    ),
    "frame-revised": (
        "The coding frame was revised during the study; every code is read under version "
        "{version} (codes given under a merged code count as the code it was merged into):",
        "El marco de codificación se revisó durante el estudio; todo código se lee en la "
        "versión {version} (los códigos fusionados cuentan como el código en que se fusionaron):",
    ),
    "app-confusion": (
        "Which codes coders swap (all pairs of coders, {segments} segment-pairs)",
        "Qué códigos intercambian los codificadores (todas las parejas, {segments} pares)",
    ),
    "confusion-note": (
        "A code both coders gave counts on the diagonal; a code one gave where the other gave "
        "another counts in that cell; an extra code with nothing on the other side counts "
        "against (none). Rows and columns are folded together, so the table is symmetric.",
        "Un código que ambos dieron cuenta en la diagonal; un código que uno dio donde el otro "
        "dio otro cuenta en esa celda; un código de más sin contraparte cuenta contra (none). "
        "Filas y columnas se suman, así que la tabla es simétrica.",
    ),
}
