"""``--help`` of every command in English and Spanish; :mod:`tut.messages` files them under
``help.`` and :mod:`tut.cli.help_lang` shows the Spanish when asked (``--lang es``,
``TUT_LANG=es``).

Keys follow the command path: ``study.status`` is the help of ``tut study status``,
``study.status.--json`` that of its option (by its longest name), ``tut`` the top-level help
and ``tut.NAME`` the line about command NAME in ``tut --help``. The English is the help as
the command defines it (``tests/test_cli_help_es.py`` checks it still is, so a changed help
cannot keep an outdated Spanish); option names, metavars, file names and examples stay as
written in the Spanish.
"""

from __future__ import annotations

_DICTIONARY_EXAMPLE = (
    "  file_label: ENUT extract           # optional\n"
    "  encoding: utf-8                    # optional; latin1, windows-1252 ...\n"
    "  delimiter: \",\"                     # optional\n"
    "  null_values: [\"NA\"]                # optional; an empty cell is always missing\n"
    "  variables:                         # columns left out are read unlabelled\n"
    "    sexo: {label: Sexo, value_labels: {1: Hombre, 2: Mujer}}\n"
    "    cuidado_min:\n"
    "      label: Minutos al pendiente\n"
    "      missing_values: [-1, -2]       # codes that are not answers\n"
    "      missing_ranges: [[900, HI]]    # inclusive; LO and HI are open ends\n"
    "    folio: {kind: string}            # numeric (default), string, date, datetime, time"
)
"""The data dictionary in the microdata help: YAML, the same in both languages."""


HELP_TEXT: dict[str, tuple[str, str]] = {
    "tut": (
        (
            "tut: test how time-use surveys ask about supervisory care.\n"
            "\n"
            "Wordings and protocols, coding of cognitive interviews, inter-coder agreement,\n"
            "microdata estimates per wording variant, and the wording-comparison report."
        ),
        (
            "tut: prueba cómo las encuestas de uso del tiempo preguntan por el cuidado pasivo.\n"
            "\n"
            "Redacciones y protocolos, codificación de entrevistas cognitivas, acuerdo entre\n"
            "codificadores, estimaciones con microdatos por variante de redacción, y el informe que\n"
            "compara las redacciones."
        ),
    ),
    "tut.--debug": (
        "Show tracebacks for errors.",
        "Muestra el rastreo (traceback) de los errores.",
    ),
    "tut.--project": (
        "Project folder (default: the current directory).",
        "Carpeta del proyecto (por defecto: la carpeta actual).",
    ),
    "tut.--version": ("Show the version and exit.", "Muestra la versión y termina."),
    "tut.adjudicate": (
        "Settle the segments where coders disagree.",
        "Resuelve los segmentos en que los codificadores no coinciden.",
    ),
    "tut.agreement": (
        "Inter-coder agreement of a study or any table.",
        "Acuerdo entre codificadores de un estudio o de cualquier tabla.",
    ),
    "tut.code": (
        "Code a study's segments in the terminal (blind).",
        "Codifica los segmentos de un estudio en la terminal (a ciegas).",
    ),
    "tut.compare": (
        "Design-based estimates per wording variant.",
        "Estimaciones basadas en el diseño por variante de redacción.",
    ),
    "tut.demo": (
        "Run the bundled example study end to end.",
        "Ejecuta de principio a fin el estudio de ejemplo incluido.",
    ),
    "tut.demo-data": (
        "Write the synthetic split-ballot microdata.",
        "Escribe los microdatos sintéticos de boleta dividida.",
    ),
    "tut.init": (
        "Lay out a project folder DIRECTORY (instruments, protocols, coded_responses, data).",
        "Prepara una carpeta de proyecto DIRECTORY.",
    ),
    "tut.instruments": (
        "Wording variants: list, show, validate, diff, check.",
        "Variantes de redacción: list, show, validate, diff, check.",
    ),
    "tut.microdata": (
        "Describe SPSS/Stata/CSV microdata files.",
        "Describe archivos de microdatos SPSS/Stata/CSV.",
    ),
    "tut.protocols": (
        "Cognitive-interview protocols and coding frames.",
        "Protocolos de entrevista cognitiva y marcos de codificación.",
    ),
    "tut.report": (
        "Write the wording-comparison report.",
        "Escribe el informe que compara las redacciones.",
    ),
    "tut.study": (
        "Coding studies: import segments, status, export, recode.",
        "Estudios de codificación: importar segmentos, estado, exportar, recodificar.",
    ),
    "adjudicate": (
        "Settle the units of study NAME where coders disagree, with a rationale for each.",
        (
            "Resuelve las unidades del estudio NAME en que los codificadores no coinciden, con una "
            "justificación para cada una."
        ),
    ),
    "adjudicate.--adjudicator": (
        "Your id (names your own journal).",
        "Su identificador (da nombre a su propia bitácora).",
    ),
    "adjudicate.--lang": (
        "Language of labels and help (default: from LC_ALL / LANG).",
        "Idioma de las etiquetas y la ayuda (por defecto: según LC_ALL / LANG).",
    ),
    "agreement": (
        (
            "Inter-coder agreement of STUDY, or of any reliability --table.\n"
            "\n"
            "Every coefficient (Krippendorff's alpha, Cohen's kappa for two coders, Fleiss, Conger,\n"
            "Gwet's AC1, Brennan-Prediger, Scott's pi, percent agreement) with its interval and a\n"
            "verdict from its published benchmark."
        ),
        (
            "Acuerdo entre codificadores del estudio STUDY, o de cualquier tabla de confiabilidad --table.\n"
            "\n"
            "Cada coeficiente (alfa de Krippendorff, kappa de Cohen para dos codificadores, Fleiss,\n"
            "Conger, AC1 de Gwet, Brennan-Prediger, pi de Scott, porcentaje de acuerdo) con su\n"
            "intervalo y un veredicto según su referencia publicada."
        ),
    ),
    "agreement.--bootstrap": (
        (
            "Intervals from a bootstrap with N resamples: over units, every coefficient (default), or "
            "over pairs of values, alpha only (--bootstrap-method pairs)."
        ),
        (
            "Intervalos por bootstrap con N remuestreos: sobre unidades, todos los coeficientes (por "
            "defecto), o sobre pares de valores, solo alfa (--bootstrap-method pairs)."
        ),
    ),
    "agreement.--bootstrap-method": (
        (
            "units: resample units (segments) with all their codes; pairs: Hayes and Krippendorff's "
            "(2007) KALPHA bootstrap of pairs of values, alpha only (too narrow when units have more "
            "than two coders)."
        ),
        (
            "units: remuestrea unidades (segmentos) con todos sus códigos; pairs: bootstrap KALPHA de "
            "pares de valores de Hayes y Krippendorff (2007), solo alfa (demasiado estrecho cuando las "
            "unidades tienen más de dos codificadores)."
        ),
    ),
    "agreement.--by": (
        (
            "Break a study's agreement down: per wording variant, probe, coder pair, code "
            "(present/absent), or time (each coder's first vs last third of work)."
        ),
        (
            "Desglosa el acuerdo de un estudio: por variante de redacción, sondeo, par de "
            "codificadores, código (presente/ausente) o tiempo (primer frente a último tercio del "
            "trabajo de cada codificador)."
        ),
    ),
    "agreement.--confusion": (
        "Which codes coders swap: a code x code table per pair of coders and pooled.",
        (
            "Qué códigos intercambian los codificadores: una tabla código x código por par de "
            "codificadores y en conjunto."
        ),
    ),
    "agreement.--encoding": (
        "Text encoding of a CSV --table that is not UTF-8 (latin-1, windows-1252).",
        (
            "Codificación de caracteres de una tabla CSV de --table que no está en UTF-8 (latin-1, "
            "windows-1252)."
        ),
    ),
    "agreement.--json": ("Print JSON instead of a table.", "Imprime JSON en lugar de una tabla."),
    "agreement.--lang": (
        "Language of the tables, verdicts and notes (--json stays in English).",
        "Idioma de las tablas, los veredictos y las notas (--json queda en inglés).",
    ),
    "agreement.--layout": (
        "How the --table is laid out.",
        "Cómo está organizada la tabla de --table.",
    ),
    "agreement.--level": (
        "Level of measurement of the --table codes (required with --table).",
        "Nivel de medición de los códigos de --table (obligatorio con --table).",
    ),
    "agreement.--missing": (
        "Cell text that means 'not coded' (besides empty/NA).",
        "Texto de celda que significa 'sin codificar' (además de vacío/NA).",
    ),
    "agreement.--pair": (
        "With --confusion: only this pair of coders.",
        "Con --confusion: solo este par de codificadores.",
    ),
    "agreement.--seed": (
        "Seed for the bootstrap (default: one is drawn and printed, to repeat the run).",
        "Semilla del bootstrap (por defecto: se sortea una y se muestra, para repetir la ejecución).",
    ),
    "agreement.--table": (
        "A reliability table (CSV, .sav or .dta) instead of a study.",
        "Una tabla de confiabilidad (CSV, .sav o .dta) en lugar de un estudio.",
    ),
    "code": (
        "Code the segments of study NAME as coder ID (keyboard: ? for help, q to quit).",
        (
            "Codifica los segmentos del estudio NAME como el codificador ID (teclado: ? para ayuda, q "
            "para salir)."
        ),
    ),
    "code.--auto-advance": (
        "A code key also moves to the next segment (ctrl+a).",
        "Una tecla de código también pasa al siguiente segmento (ctrl+a).",
    ),
    "code.--coder": (
        "Your coder id (names your own journal).",
        "Su identificador de codificador (da nombre a su propia bitácora).",
    ),
    "code.--lang": (
        "Language of labels and help (default: from LC_ALL / LANG).",
        "Idioma de las etiquetas y la ayuda (por defecto: según LC_ALL / LANG).",
    ),
    "code.--practice": (
        (
            "Calibration: code the study's training set in a practice journal (never in agreement or "
            "consensus) and see the reference codes after each answer."
        ),
        (
            "Calibración: codifique el conjunto de entrenamiento del estudio en una bitácora de "
            "práctica (nunca entra en el acuerdo ni en el consenso) y vea los códigos de referencia "
            "después de cada respuesta."
        ),
    ),
    "code.--recode": (
        (
            "Round 2: recode a random sample of N of your own earlier segments, blind to your first "
            "codes (the sample is drawn once and kept)."
        ),
        (
            "Ronda 2: recodifique una muestra aleatoria de N de sus propios segmentos anteriores, sin "
            "ver sus primeros códigos (la muestra se sortea una vez y se conserva)."
        ),
    ),
    "code.--seed": ("Seed for the --recode sample.", "Semilla de la muestra de --recode."),
    "compare": (
        (
            "Estimate each outcome per wording variant and domain, and how the variants differ.\n"
            "\n"
            "SPEC is a comparison spec (YAML): one split-ballot survey or two surveys, their\n"
            "weights and design (strata/PSU or replicate weights), outcomes, domains, missing codes.\n"
            "Standard errors are design-based (Taylor linearisation or replicates, as R's survey).\n"
            "Variant ids must be wordings of the instruments registry (tut instruments list).\n"
            "Every key of the spec: README, \"Comparing wordings in microdata\"; tut demo-data\n"
            "writes a spec that runs."
        ),
        (
            "Estima cada resultado por variante de redacción y dominio, y en qué difieren las variantes.\n"
            "\n"
            "SPEC es una especificación de la comparación (YAML): una encuesta de boleta dividida o dos\n"
            "encuestas, sus pesos y su diseño (estratos/UPM o pesos replicados), resultados, dominios y\n"
            "códigos de valores faltantes. Los errores estándar se basan en el diseño (linealización de\n"
            "Taylor o réplicas, como el paquete survey de R). Los identificadores de variante deben ser\n"
            "redacciones del registro de instrumentos (tut instruments list). Todas las claves de la\n"
            "especificación: README, \"Comparing wordings in microdata\"; tut demo-data escribe una\n"
            "especificación que funciona."
        ),
    ),
    "compare.--ci-level": (
        "Confidence level (default: the spec's ci_level, else 0.95; INEGI: 0.90).",
        "Nivel de confianza (por defecto: el ci_level de la especificación, si no 0.95; INEGI: 0.90).",
    ),
    "compare.--json": ("Print JSON instead of a table.", "Imprime JSON en lugar de una tabla."),
    "compare.--lang": (
        (
            "Language of the caveats (the notes under the tables, and their text in the JSON); the "
            "tables themselves are in English."
        ),
        (
            "Idioma de las advertencias (las notas bajo las tablas, y su texto en el JSON); las tablas "
            "mismas quedan en inglés."
        ),
    ),
    "compare.--out": (
        "Also write the full results as JSON to this file.",
        "Escribe además los resultados completos como JSON en este archivo.",
    ),
    "demo": (
        (
            "Run the example study end to end: agreement, comparison and the report.\n"
            "\n"
            "Copies the ILLUSTRATIVE example study (40 invented cognitive interviews, three coders,\n"
            "an adjudication) into a project folder, writes SYNTHETIC split-ballot microdata, then\n"
            "computes inter-coder agreement, the estimates per wording, and the report. Prints the\n"
            "answer and where the report is, and how to open the study in the coding screen."
        ),
        (
            "Ejecuta de principio a fin el estudio de ejemplo: acuerdo, comparación y el informe.\n"
            "\n"
            "Copia el estudio de ejemplo ILUSTRATIVO (40 entrevistas cognitivas inventadas, tres\n"
            "codificadores, una adjudicación) en una carpeta de proyecto, escribe microdatos SINTÉTICOS\n"
            "de boleta dividida, y luego calcula el acuerdo entre codificadores, las estimaciones por\n"
            "redacción y el informe. Muestra la respuesta y dónde está el informe, y cómo abrir el\n"
            "estudio en la pantalla de codificación."
        ),
    ),
    "demo-data": (
        (
            "Write SYNTHETIC split-ballot time-use microdata (not real data) and a matching spec.\n"
            "\n"
            "Respondents got wording A (atus-incare-en) or B (cand-responsible-en) at random; B\n"
            "truly raises reported supervisory care, more for fathers. truth.json holds the true\n"
            "effects. Then: tut compare OUT/spec.yaml"
        ),
        (
            "Escribe microdatos SINTÉTICOS de uso del tiempo de boleta dividida (no son datos reales) y "
            "una especificación que les corresponde.\n"
            "\n"
            "A cada informante le tocó al azar la redacción A (atus-incare-en) o la B\n"
            "(cand-responsible-en); B realmente eleva el cuidado pasivo declarado, más en los padres varones.\n"
            "truth.json guarda los efectos verdaderos. Después: tut compare OUT/spec.yaml"
        ),
    ),
    "demo-data.--force": (
        "Replace files there that were edited since tut wrote them.",
        "Reemplaza los archivos de esa carpeta que se editaron después de que tut los escribió.",
    ),
    "demo-data.--n": ("Number of respondents.", "Número de informantes."),
    "demo-data.--out": (
        "Folder to write demo.sav, demo.dta, truth.json and spec.yaml into.",
        "Carpeta donde escribir demo.sav, demo.dta, truth.json y spec.yaml.",
    ),
    "demo-data.--seed": ("Random seed.", "Semilla aleatoria."),
    "demo.--lang": ("Language of the report.", "Idioma del informe."),
    "demo.--out": (
        (
            "Folder for the demo project (new or empty; a previous demo folder is reused without losing "
            "anything)."
        ),
        (
            "Carpeta del proyecto de demostración (nueva o vacía; una carpeta de demostración anterior "
            "se reutiliza sin perder nada)."
        ),
    ),
    "init": (
        "Lay out a project folder DIRECTORY (instruments, protocols, coded_responses, data).",
        "Prepara una carpeta de proyecto DIRECTORY (instruments, protocols, coded_responses, data).",
    ),
    "instruments": (
        (
            "Work with the wording-variants registry (instruments/*.yaml).\n"
            "\n"
            "The wordings shipped with tut are always listed, together with the YAML files in the\n"
            "project's own instruments/ folder."
        ),
        (
            "Trabaja con el registro de variantes de redacción (instruments/*.yaml).\n"
            "\n"
            "Las redacciones incluidas con tut siempre se listan, junto con los archivos YAML de la\n"
            "carpeta instruments/ del propio proyecto."
        ),
    ),
    "instruments.check": (
        (
            "Wording checks in the spirit of QAS-99, for English and Spanish.\n"
            "\n"
            "Give a variant ID, or --all for every variant (with --json: what the report stores).\n"
            "\n"
            "Checks:\n"
            "\n"
            "\b\n"
            "  long-sentence: a sentence has more words than respondents can hold in mind\n"
            "  double-barrelled: two questions in one ('and/or', two verbs joined by and/or, 'and if so')\n"
            "  vague-quantifier: words like 'often' or 'a menudo' that respondents read differently\n"
            "  undefined-term: a key term with no definition, in the wording or for the interviewer\n"
            "  reference-period: the wording does not say which period to think about\n"
            "  negation: negative wording (and double negatives) that is easy to misread\n"
            "  text-status: the text checked is not what respondents heard\n"
            "  language: no word lists for this language: only sentence length is checked"
        ),
        (
            "Revisiones de la redacción en el espíritu de QAS-99, para inglés y español.\n"
            "\n"
            "Indique un ID de variante, o --all para todas las variantes (con --json: lo que guarda el "
            "informe).\n"
            "\n"
            "Revisiones:\n"
            "\n"
            "\b\n"
            "  long-sentence: una oración tiene más palabras de las que el informante puede retener\n"
            "  double-barrelled: dos preguntas en una ('y/o', dos verbos unidos por y/o, 'y en ese caso')\n"
            "  vague-quantifier: palabras como 'often' o 'a menudo' que cada informante entiende distinto\n"
            "  undefined-term: un término clave sin definición, en la redacción o para el entrevistador\n"
            "  reference-period: la redacción no dice en qué periodo pensar\n"
            "  negation: redacción negativa (y dobles negaciones) fácil de malinterpretar\n"
            "  text-status: el texto revisado no es lo que escucharon los informantes\n"
            "  language: no hay listas de palabras para este idioma: solo se revisa la longitud de las "
            "oraciones"
        ),
    ),
    "instruments.check.--all": (
        "Check every variant in the registry.",
        "Revisa todas las variantes del registro.",
    ),
    "instruments.check.--json": (
        "Print JSON instead of a table.",
        "Imprime JSON en lugar de una tabla.",
    ),
    "instruments.check.--lang": (
        "Language of the output (the JSON keeps English plus key and params).",
        "Idioma de la salida (el JSON conserva el inglés más la clave y los parámetros).",
    ),
    "instruments.diff": (
        (
            "Word-level difference of two wordings, and the metadata fields that differ.\n"
            "\n"
            "In a terminal, deleted words are red and struck through and inserted words green;\n"
            "otherwise (or with --plain) they are marked [-like this-] and {+like this+}."
        ),
        (
            "Diferencia palabra por palabra entre dos redacciones, y los campos de metadatos que difieren.\n"
            "\n"
            "En una terminal, las palabras borradas aparecen en rojo y tachadas y las insertadas en\n"
            "verde; si no (o con --plain) se marcan [-like this-] y {+like this+}."
        ),
    ),
    "instruments.diff.--json": (
        "Print JSON instead of a table.",
        "Imprime JSON en lugar de una tabla.",
    ),
    "instruments.diff.--plain": (
        "Mark changes as [-deleted-]{+inserted+} instead of colours.",
        "Marca los cambios como [-deleted-]{+inserted+} en lugar de con colores.",
    ),
    "instruments.export": (
        (
            "Write the wording variants as DDI Codebook 2.5: one var per microdata variable a\n"
            "wording produced, read-out texts as qstnLit, labels and paraphrases marked as such."
        ),
        (
            "Escribe las variantes de redacción como DDI Codebook 2.5: un var por cada variable de "
            "microdatos que produjo una redacción, los textos leídos como qstnLit, y las etiquetas y "
            "paráfrasis marcadas como tales."
        ),
    ),
    "instruments.export.--family": (
        "Only this instrument family (repeat; default: every variant).",
        "Solo esta familia de instrumentos (repetible; por defecto: todas las variantes).",
    ),
    "instruments.export.--force": ("Replace an existing file.", "Reemplaza un archivo existente."),
    "instruments.export.--format": (
        "ddi: a DDI Codebook 2.5 codeBook (NADA, IHSN, IPUMS-style catalogues).",
        "ddi: un codeBook de DDI Codebook 2.5 (catálogos tipo NADA, IHSN, IPUMS).",
    ),
    "instruments.export.--microdata": (
        (
            "A data file (.sav, .dta, .csv with dictionary ...) whose labels and categories describe "
            "the variables the wordings produced."
        ),
        (
            "Un archivo de datos (.sav, .dta, .csv con diccionario ...) cuyas etiquetas y categorías "
            "describen las variables que produjeron las redacciones."
        ),
    ),
    "instruments.export.--out": (
        "File to write (default: the XML on standard output).",
        "Archivo a escribir (por defecto: el XML en la salida estándar).",
    ),
    "instruments.list": (
        "List wording variants: id, language, text status, status and wording.",
        "Lista las variantes de redacción: id, idioma, estado del texto, estado y redacción.",
    ),
    "instruments.list.--family": (
        "Only variants of this instrument family.",
        "Solo variantes de esta familia de instrumentos.",
    ),
    "instruments.list.--json": (
        "Print JSON instead of a table.",
        "Imprime JSON en lugar de una tabla.",
    ),
    "instruments.list.--language": (
        "Only variants in LANG (es also matches es-MX).",
        "Solo variantes en LANG (es también incluye es-MX).",
    ),
    "instruments.show": (
        "Show one variant: its wording, what kind of text it is, and all its metadata.",
        "Muestra una variante: su redacción, qué tipo de texto es y todos sus metadatos.",
    ),
    "instruments.show.--json": (
        "Print JSON instead of a table.",
        "Imprime JSON en lugar de una tabla.",
    ),
    "instruments.validate": (
        (
            "Check registry files against the schema; report every problem with its line.\n"
            "\n"
            "Without PATHS, checks every registry file (shipped and the project's own). With PATHS\n"
            "(files or folders), checks those together with the registry, so duplicate ids and\n"
            "translation_of links are checked against every known variant. Exit code 2 on problems."
        ),
        (
            "Revisa los archivos del registro contra el esquema; informa cada problema con su línea.\n"
            "\n"
            "Sin PATHS, revisa todos los archivos del registro (los incluidos y los del proyecto). Con\n"
            "PATHS (archivos o carpetas), los revisa junto con el registro, de modo que los ids\n"
            "duplicados y los enlaces translation_of se comparan con todas las variantes conocidas.\n"
            "Código de salida 2 si hay problemas."
        ),
    ),
    "microdata": (
        (
            "Look inside survey microdata (.sav, .zsav, .por, .dta, .csv with a dictionary, or an\n"
            "IPUMS extract's .xml DDI codebook with its fixed-width .dat.gz beside it).\n"
            "\n"
            "\b\n"
            "A .csv needs a data dictionary beside it, DATA.dictionary.yaml (or .yml, .json):\n"
            + _DICTIONARY_EXAMPLE
        ),
        (
            "Examina microdatos de encuestas (.sav, .zsav, .por, .dta, .csv con un diccionario, o el "
            "libro de códigos DDI .xml de un extracto de IPUMS con su .dat.gz de ancho fijo al lado).\n"
            "\n"
            "\b\n"
            "Un .csv necesita un diccionario de datos al lado, DATA.dictionary.yaml (o .yml, .json):\n"
            + _DICTIONARY_EXAMPLE
        ),
    ),
    "microdata.describe": (
        (
            "Rows, variables, labels, missing codes and survey-design variables of FILE.\n"
            "\n"
            "Reads metadata only (a .dta's numeric columns are also read once, for the extended\n"
            "missing values .a-.z its data holds), so it is quick on large files. Weights, replicate "
            "weights,\n"
            "strata and PSUs are recognised by name and label (wgt, weight, fac_, pond,\n"
            "TUFNWGTP, TUFWGT001.., estrato, EST_DIS, psu, upm, UPM_DIS, cluster, ...); check them\n"
            "before using them in a comparison spec. --json always includes every variable."
        ),
        (
            "Filas, variables, etiquetas, códigos de valores faltantes y variables del diseño de la "
            "encuesta de FILE.\n"
            "\n"
            "Solo lee los metadatos (las columnas numéricas de un .dta también se leen una vez, por los\n"
            "valores faltantes extendidos .a-.z que contengan sus datos), así que es rápido con archivos\n"
            "grandes. Los pesos, pesos replicados, estratos y UPM se reconocen por nombre y etiqueta\n"
            "(wgt, weight, fac_, pond, TUFNWGTP, TUFWGT001.., estrato, EST_DIS, psu, upm, UPM_DIS,\n"
            "cluster, ...); revíselos antes de usarlos en una especificación de comparación. --json\n"
            "siempre incluye todas las variables."
        ),
    ),
    "microdata.describe.--ddi": (
        (
            "A DDI Codebook 2.5 for FILE: its labels and question texts, next to the registry's wording "
            "for the same variable."
        ),
        (
            "Un DDI Codebook 2.5 de FILE: sus etiquetas y textos de pregunta, junto a la redacción del "
            "registro para la misma variable."
        ),
    ),
    "microdata.describe.--dictionary": (
        "Data dictionary of a .csv (default: FILE.dictionary.yaml beside it).",
        "Diccionario de datos de un .csv (por defecto: FILE.dictionary.yaml a su lado).",
    ),
    "microdata.describe.--json": (
        "Print JSON instead of a table.",
        "Imprime JSON en lugar de una tabla.",
    ),
    "microdata.describe.--table": (
        "Record type of a hierarchical IPUMS extract (household, person, activity, ...).",
        "Tipo de registro de un extracto jerárquico de IPUMS (household, person, activity, ...).",
    ),
    "microdata.describe.--variables": (
        "Also list every value label of every variable (the table shows the first few).",
        "Lista también cada etiqueta de valor de cada variable (la tabla muestra las primeras).",
    ),
    "protocols": (
        (
            "Cognitive-interview protocols: probes after each wording and the coding frames.\n"
            "\n"
            "Shipped protocols are always available; your own go in the project's protocols/ folder."
        ),
        (
            "Protocolos de entrevista cognitiva: sondeos después de cada redacción y los marcos de "
            "codificación.\n"
            "\n"
            "Los protocolos incluidos siempre están disponibles; los suyos van en la carpeta protocols/\n"
            "del proyecto."
        ),
    ),
    "protocols.frame": (
        "Print coding frame FRAME as a codebook: hotkeys, definitions, include/exclude, examples.",
        (
            "Imprime el marco de codificación FRAME como libro de códigos: teclas rápidas, "
            "definiciones, incluir/excluir, ejemplos."
        ),
    ),
    "protocols.frame.--json": (
        "Print JSON instead of a table.",
        "Imprime JSON en lugar de una tabla.",
    ),
    "protocols.frame.--lang": (
        "Language of definitions and include/exclude rules (English where the frame has no Spanish).",
        (
            "Idioma de las definiciones y de las reglas de incluir/excluir (en inglés donde el marco no "
            "tiene español)."
        ),
    ),
    "protocols.frame.--protocol": (
        "Protocol the frame belongs to (needed when several define that frame id).",
        "Protocolo al que pertenece el marco (necesario cuando varios definen ese id de marco).",
    ),
    "protocols.import-codebook": (
        (
            "Turn a QDA codebook (.qdc, or the codebook of a .qdpx project) into a draft protocol\n"
            "whose frame keeps the code tree, with hotkeys assigned; it validates as written."
        ),
        (
            "Convierte un libro de códigos QDA (.qdc, o el libro de códigos de un proyecto .qdpx) en un "
            "protocolo borrador cuyo marco conserva el árbol de códigos, con teclas rápidas asignadas; "
            "se valida tal como se escribe."
        ),
    ),
    "protocols.import-codebook.--force": (
        "Replace an existing file.",
        "Reemplaza un archivo existente.",
    ),
    "protocols.import-codebook.--out": (
        "The draft protocol to write, e.g. protocols/NAME.yaml (its name is the id).",
        "El protocolo borrador a escribir, p. ej. protocols/NAME.yaml (su nombre es el id).",
    ),
    "protocols.import-codebook.--variant": (
        "A wording variant the protocol tests (repeat; default: a placeholder).",
        (
            "Una variante de redacción que el protocolo prueba (repetible; por defecto: un marcador de "
            "posición)."
        ),
    ),
    "protocols.list": (
        "List the protocols: id, version, tested variants, probes and frames.",
        "Lista los protocolos: id, versión, variantes probadas, sondeos y marcos.",
    ),
    "protocols.list.--json": (
        "Print JSON instead of a table.",
        "Imprime JSON en lugar de una tabla.",
    ),
    "protocols.show": (
        "Show protocol ID: probes (per tested variant, in its language) and coding frames.",
        "Muestra el protocolo ID: sondeos (por variante probada, en su idioma) y marcos de codificación.",
    ),
    "protocols.show.--frame": (
        "Show this coding frame in full: definitions, include/exclude rules, examples.",
        "Muestra este marco de codificación completo: definiciones, reglas de incluir/excluir, ejemplos.",
    ),
    "protocols.show.--json": (
        "Print JSON instead of a table.",
        "Imprime JSON en lugar de una tabla.",
    ),
    "protocols.show.--lang": (
        "Language of definitions and include/exclude rules (English where the frame has no Spanish).",
        (
            "Idioma de las definiciones y de las reglas de incluir/excluir (en inglés donde el marco no "
            "tiene español)."
        ),
    ),
    "protocols.validate": (
        (
            "Check protocol files in PATHS (default: the shipped and the project's protocols).\n"
            "\n"
            "Every problem is reported with its line and JSON pointer; exit code 2 if any. Files are\n"
            "checked against the other protocols of the project (duplicate ids, borrowed frames) and,\n"
            "when the instruments registry is readable, against its variant ids."
        ),
        (
            "Revisa los archivos de protocolo en PATHS (por defecto: los protocolos incluidos y los del "
            "proyecto).\n"
            "\n"
            "Cada problema se informa con su línea y su puntero JSON; código de salida 2 si hay alguno.\n"
            "Los archivos se revisan frente a los demás protocolos del proyecto (ids duplicados, marcos\n"
            "prestados) y, cuando el registro de instrumentos se puede leer, frente a sus ids de variante."
        ),
    ),
    "report": (
        (
            "Write the wording-comparison report of STUDY (a study name or folder).\n"
            "\n"
            "One page the expert group can trust: which wording measures supervisory care better and\n"
            "why (interview codes per wording, inter-coder agreement with verdicts, estimates from\n"
            "the microdata), then methods (CIRF) and provenance (file hashes, versions, seed).\n"
            "report.html is self-contained: it loads nothing from the network and prints on A4."
        ),
        (
            "Escribe el informe que compara las redacciones del estudio STUDY (un nombre o carpeta de "
            "estudio).\n"
            "\n"
            "Una página en la que el grupo de expertos puede confiar: qué redacción mide mejor el\n"
            "cuidado pasivo y por qué (códigos de las entrevistas por redacción, acuerdo entre\n"
            "codificadores con veredictos, estimaciones con los microdatos), luego los métodos (CIRF) y\n"
            "la procedencia (hashes de archivos, versiones, semilla). report.html es autocontenido: no\n"
            "carga nada de la red y se imprime en A4."
        ),
    ),
    "report.--bootstrap": (
        "Bootstrap resamples for the agreement intervals (0: analytic).",
        "Remuestreos bootstrap para los intervalos del acuerdo (0: analíticos).",
    ),
    "report.--data": (
        (
            "Comparison spec (YAML) of the microdata, as for 'tut compare'. Without it the report has "
            "no microdata section."
        ),
        (
            "Especificación de la comparación (YAML) de los microdatos, como para 'tut compare'. Sin "
            "ella el informe no tiene sección de microdatos."
        ),
    ),
    "report.--force": (
        "Replace report files that were edited since tut wrote them.",
        "Reemplaza los archivos del informe que se editaron después de que tut los escribió.",
    ),
    "report.--format": (
        (
            "Write only these formats (repeatable; default: html, md and json). docx is a Word document "
            "with the same content: headings, tables and the charts as images."
        ),
        (
            "Escribe solo estos formatos (repetible; por defecto: html, md y json). docx es un "
            "documento de Word con el mismo contenido: títulos, tablas y las gráficas como imágenes."
        ),
    ),
    "report.--lang": (
        "Language of the report text (answers and wordings stay as written).",
        "Idioma del texto del informe (las respuestas y las redacciones quedan como están escritas).",
    ),
    "report.--out": (
        "Folder for report.html, report.md and report.json (other files there are left alone).",
        "Carpeta para report.html, report.md y report.json (los demás archivos de ahí no se tocan).",
    ),
    "report.--outcome": (
        "Outcome of the spec the summary and chart use (default: the first).",
        "Resultado de la especificación que usan el resumen y la gráfica (por defecto: el primero).",
    ),
    "report.--pseudonymise": (
        "Replace respondent ids by stable pseudonyms (R01, R02 ...).",
        "Reemplaza los ids de informante por seudónimos estables (R01, R02 ...).",
    ),
    "report.--seed": (
        "Seed of the bootstrap (reported, so the report can be reproduced).",
        "Semilla del bootstrap (queda registrada, para poder reproducir el informe).",
    ),
    "study": (
        "Coding studies: interview segments, coders' journals, status and export.",
        (
            "Estudios de codificación: segmentos de entrevista, bitácoras de los codificadores, estado "
            "y exportación."
        ),
    ),
    "study.add": (
        "Add interviews to study NAME (checked as 'study init' does; all or nothing).",
        "Agrega entrevistas al estudio NAME (revisadas como lo hace 'study init'; todo o nada).",
    ),
    "study.add.--encoding": (
        "Encoding of the segments file when it is not UTF-8 (latin-1, windows-1252).",
        (
            "Codificación de caracteres del archivo de segmentos cuando no está en UTF-8 (latin-1, "
            "windows-1252)."
        ),
    ),
    "study.add.--segments": (
        "CSV or JSONL of the new interviews, with the columns of 'study init'.",
        "CSV o JSONL de las entrevistas nuevas, con las columnas de 'study init'.",
    ),
    "study.calibration": (
        "Each trainee's agreement with the reference codes on study NAME's training set.",
        (
            "El acuerdo de cada persona en formación con los códigos de referencia en el conjunto de "
            "entrenamiento del estudio NAME."
        ),
    ),
    "study.calibration.--json": (
        "Print JSON instead of a table.",
        "Imprime JSON en lugar de una tabla.",
    ),
    "study.export": (
        "Write a units x coders table of study NAME (value labels in .sav/.dta).",
        "Escribe una tabla unidades x codificadores del estudio NAME (etiquetas de valor en .sav/.dta).",
    ),
    "study.export.--code-level": (
        "One row per segment x code, one 0/1 column per coder.",
        "Una fila por segmento x código, una columna 0/1 por codificador.",
    ),
    "study.export.--force": (
        "Overwrite an existing export.",
        "Sobrescribe una exportación existente.",
    ),
    "study.export.--format": (
        "qdpx: a REFI-QDA project (NVivo, MAXQDA, ATLAS.ti, QualCoder); qdc: its codebook alone.",
        "qdpx: un proyecto REFI-QDA (NVivo, MAXQDA, ATLAS.ti, QualCoder); qdc: solo su libro de códigos.",
    ),
    "study.export.--lang": (
        "Language of the variable and value labels.",
        "Idioma de las etiquetas de variable y de valor.",
    ),
    "study.export.--out": (
        "Output file (default: coded_responses/NAME/exports/NAME.FORMAT).",
        "Archivo de salida (por defecto: coded_responses/NAME/exports/NAME.FORMAT).",
    ),
    "study.export.--round": (
        "2 exports the blind recodes (intra-coder reliability).",
        "2 exporta las recodificaciones a ciegas (confiabilidad intra-codificador).",
    ),
    "study.init": (
        "Create study NAME under coded_responses/ from a segments file (or a REFI-QDA project).",
        (
            "Crea el estudio NAME en coded_responses/ a partir de un archivo de segmentos (o de un "
            "proyecto REFI-QDA)."
        ),
    ),
    "study.init.--codes": (
        "With --from-qdpx: YAML 'QDA code name: code-id' for codes named otherwise.",
        "Con --from-qdpx: YAML 'QDA code name: code-id' para los códigos que tienen otro nombre.",
    ),
    "study.init.--description": (
        "One line saying what this study is for.",
        "Una línea que dice para qué es este estudio.",
    ),
    "study.init.--encoding": (
        "Encoding of the segments file when it is not UTF-8 (latin-1, windows-1252).",
        (
            "Codificación de caracteres del archivo de segmentos cuando no está en UTF-8 (latin-1, "
            "windows-1252)."
        ),
    ),
    "study.init.--frame": (
        "Coding frame id (default: the protocol's first).",
        "Id del marco de codificación (por defecto: el primero del protocolo).",
    ),
    "study.init.--from-qdpx": (
        "A REFI-QDA project instead: coded selections become segments, codings become coders' journals.",
        (
            "En su lugar, un proyecto REFI-QDA: las selecciones codificadas pasan a ser segmentos y las "
            "codificaciones, bitácoras de los codificadores."
        ),
    ),
    "study.init.--probe": (
        "With --from-qdpx: the probe of selections that do not name one.",
        "Con --from-qdpx: el sondeo de las selecciones que no indican uno.",
    ),
    "study.init.--protocol": (
        "Protocol id (see 'tut protocols list').",
        "Id del protocolo (vea 'tut protocols list').",
    ),
    "study.init.--segments": (
        "CSV or JSONL with respondent_id, interview_id, variant_id, probe_id, answer.",
        "CSV o JSONL con respondent_id, interview_id, variant_id, probe_id, answer.",
    ),
    "study.init.--variant": (
        "With --from-qdpx: the variant of selections that do not name one.",
        "Con --from-qdpx: la variante de las selecciones que no indican una.",
    ),
    "study.list": ("Studies in this project.", "Estudios de este proyecto."),
    "study.list.--json": ("Print JSON instead of a table.", "Imprime JSON en lugar de una tabla."),
    "study.recode": (
        "Draw a blind recode sample of CODER's earlier segments (intra-coder reliability).",
        (
            "Sortea una muestra de recodificación a ciegas de los segmentos anteriores de CODER "
            "(confiabilidad intra-codificador)."
        ),
    ),
    "study.recode.--coder": (
        "Coder whose own earlier segments are drawn.",
        "Codificador cuyos propios segmentos anteriores se sortean.",
    ),
    "study.recode.--force": (
        "Replace an earlier sample (round-2 codes are kept).",
        "Reemplaza una muestra anterior (los códigos de la ronda 2 se conservan).",
    ),
    "study.recode.--n": ("How many segments.", "Cuántos segmentos."),
    "study.recode.--seed": (
        "Random seed (reproducible draws).",
        "Semilla aleatoria (sorteos reproducibles).",
    ),
    "study.revise-frame": (
        (
            "Revise the coding frame of study NAME: one step, a new frame version, with a rationale.\n"
            "\n"
            "Journals are never changed: codes given under a merged code are read as the code it was\n"
            "merged into; a retired code cannot be given any more but old codes stay readable."
        ),
        (
            "Revisa el marco de codificación del estudio NAME: un paso, una nueva versión del marco, "
            "con una justificación.\n"
            "\n"
            "Las bitácoras nunca se modifican: los códigos dados con un código fusionado se leen como el\n"
            "código en que se fusionó; un código retirado ya no se puede dar, pero los códigos antiguos\n"
            "siguen siendo legibles."
        ),
    ),
    "study.revise-frame.--add": (
        "Add a new code (with --label, --definition).",
        "Agrega un código nuevo (con --label, --definition).",
    ),
    "study.revise-frame.--by": (
        "Who decided it (your name; kept with the revision).",
        "Quién lo decidió (su nombre; se guarda con la revisión).",
    ),
    "study.revise-frame.--definition": (
        "Definition of the new or relabelled code.",
        "Definición del código nuevo o reetiquetado.",
    ),
    "study.revise-frame.--definition-es": ("Spanish definition.", "Definición en español."),
    "study.revise-frame.--family": (
        "Family a new code goes under (default: the first).",
        "Familia en la que va un código nuevo (por defecto: la primera).",
    ),
    "study.revise-frame.--hotkey": (
        "Hotkey of the new or relabelled code.",
        "Tecla rápida del código nuevo o reetiquetado.",
    ),
    "study.revise-frame.--into": (
        "The code merged codes are read as (new or existing).",
        "El código en el que se fusionan los códigos (nuevo o existente).",
    ),
    "study.revise-frame.--json": (
        "Print JSON instead of a table.",
        "Imprime JSON en lugar de una tabla.",
    ),
    "study.revise-frame.--label": (
        "Label of the new or relabelled code.",
        "Etiqueta del código nuevo o reetiquetado.",
    ),
    "study.revise-frame.--label-es": ("Spanish label.", "Etiqueta en español."),
    "study.revise-frame.--merge": (
        "Merge these codes (with --into C).",
        "Fusiona estos códigos (con --into C).",
    ),
    "study.revise-frame.--rationale": (
        "Why (kept with the revision, listed in the report).",
        "Por qué (se guarda con la revisión y aparece en el informe).",
    ),
    "study.revise-frame.--relabel": (
        "Change a code's label, definition or hotkey.",
        "Cambia la etiqueta, la definición o la tecla rápida de un código.",
    ),
    "study.revise-frame.--retire": (
        "Retire a code: no longer given, old codes kept.",
        "Retira un código: ya no se da, los códigos antiguos se conservan.",
    ),
    "study.segments": (
        (
            "Turn transcripts marked with WORDING, PROBE, R:, I:, NOTE: and @respondent lines into\n"
            "a segments file to review, then import with 'tut study init --segments'."
        ),
        (
            "Convierte transcripciones marcadas con líneas WORDING, PROBE, R:, I:, NOTE: y @respondent "
            "en un archivo de segmentos para revisar, que luego se importa con 'tut study init "
            "--segments'."
        ),
    ),
    "study.segments.--force": ("Replace an existing file.", "Reemplaza un archivo existente."),
    "study.segments.--out": (
        "Segments file to write (.csv, or .jsonl to keep every answer exactly).",
        "Archivo de segmentos a escribir (.csv, o .jsonl para conservar cada respuesta exactamente).",
    ),
    "study.segments.--protocol": (
        "Protocol id (variants and probes).",
        "Id del protocolo (variantes y sondeos).",
    ),
    "study.segments.--transcripts": (
        "Folder of interview transcripts (.txt, .docx), one per interview.",
        "Carpeta de transcripciones de entrevistas (.txt, .docx), una por entrevista.",
    ),
    "study.status": (
        "How far study NAME is: progress per coder, disagreements, adjudications.",
        "Qué tan avanzado va el estudio NAME: avance por codificador, desacuerdos, adjudicaciones.",
    ),
    "study.status.--json": (
        "Print JSON instead of a table.",
        "Imprime JSON en lugar de una tabla.",
    ),
    "study.status.--lang": (
        "Language of the lines (--json stays in English).",
        "Idioma de las líneas (--json queda en inglés).",
    ),
    "study.training": (
        (
            "Choose the training set of study NAME for calibration ('tut code NAME --practice').\n"
            "\n"
            "Each segment needs reference codes: adjudicated, or agreed by every coder (two or more)."
        ),
        (
            "Elige el conjunto de entrenamiento del estudio NAME para la calibración ('tut code NAME "
            "--practice').\n"
            "\n"
            "Cada segmento necesita códigos de referencia: adjudicados, o acordados por todos los\n"
            "codificadores (dos o más)."
        ),
    ),
    "study.training.--force": (
        "Replace the training set (practice codes are kept).",
        "Reemplaza el conjunto de entrenamiento (los códigos de práctica se conservan).",
    ),
    "study.training.--sample": (
        "Or draw N adjudicated segments at random.",
        "O sortea N segmentos adjudicados al azar.",
    ),
    "study.training.--seed": ("Seed for --sample.", "Semilla para --sample."),
    "study.training.--segments": (
        "The training segments, by id.",
        "Los segmentos de entrenamiento, por id.",
    ),
    "study.withdraw": (
        (
            "Record that a respondent withdrew consent: their answers and codes leave exports,\n"
            "agreement, status and the report; the coders' journals are kept as they are."
        ),
        (
            "Registra que un informante retiró su consentimiento: sus respuestas y códigos salen de las "
            "exportaciones, del acuerdo, del estado y del informe; las bitácoras de los codificadores "
            "se conservan tal como están."
        ),
    ),
    "study.withdraw.--reason": (
        "Why (kept with the time in withdrawals.json).",
        "Por qué (se guarda con la hora en withdrawals.json).",
    ),
    "study.withdraw.--respondent": (
        "Respondent id as in the segments file.",
        "Id del informante como en el archivo de segmentos.",
    ),
}
"""Help key -> (English, Spanish)."""
