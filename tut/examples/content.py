"""What the illustrative interviews say, and what each answer was meant to show.

ILLUSTRATIVE: every answer here was written for the example; no real respondent said it.
Answers are drawn from pools keyed by wording and probe, then filled with the respondent's
own details (who the child is, who else was at home). Each pool entry carries the codes of
the *intended interpretation*; the example coders start from these and drift (see
:mod:`tut.examples.build_example`). Views are how a respondent understood the wording:

- ``presence``: the child was around (co-presence only);
- ``responsibility``: the respondent was the adult in charge;
- ``oncall``: available to help while doing something else;
- ``monitoring``: watching or keeping an eye on the child;
- ``active``: only hands-on care counts;
- ``confused``: unsure what is asked.

The target concept of supervisory care (Stewart and Allard 2015: "a general idea of what
the child is doing and be available to help if necessary") is responsibility, on-call or
monitoring.
"""

from __future__ import annotations

from dataclasses import dataclass

Entry = tuple[str, tuple[str, ...]]
"""Answer template and the codes of its intended interpretation."""

VIEWS = ("presence", "responsibility", "oncall", "monitoring", "active", "confused")

# How likely each view is after each wording: the story the example tells is that the
# candidate rewording moves respondents from co-presence and confusion to responsibility.
VIEW_WEIGHTS: dict[str, dict[str, float]] = {
    "atus-incare-en": {
        "presence": 0.32,
        "responsibility": 0.14,
        "oncall": 0.10,
        "monitoring": 0.06,
        "active": 0.18,
        "confused": 0.20,
    },
    "cand-responsible-en": {
        "presence": 0.10,
        "responsibility": 0.42,
        "oncall": 0.20,
        "monitoring": 0.10,
        "active": 0.07,
        "confused": 0.11,
    },
    "enut-child-pendiente-es": {
        "presence": 0.24,
        "responsibility": 0.10,
        "oncall": 0.16,
        "monitoring": 0.18,
        "active": 0.14,
        "confused": 0.18,
    },
    "cand-responsible-es": {
        "presence": 0.10,
        "responsibility": 0.42,
        "oncall": 0.20,
        "monitoring": 0.08,
        "active": 0.09,
        "confused": 0.11,
    },
}

# --- comprehension: meaning and paraphrase, per wording -------------------------------------

MEANING: dict[str, dict[str, list[Entry]]] = {
    "atus-incare-en": {
        "presence": [
            (
                "In my care... I guess it means {child} {was} with me. Like, in the same room.",
                ("presence-only",),
            ),
            (
                "That the kids were around me while I did it. If they were there, they were in "
                "my care.",
                ("presence-only",),
            ),
            (
                "Just that I was there with {her}. I wasn't doing anything with {her}, I was "
                "just there.",
                ("presence-only",),
            ),
            (
                "If {child} {was} home and I was home, then yes, I'd say in my care.",
                ("presence-only",),
            ),
            ("Where {she} could see me, I suppose. Being around.", ("presence-only",)),
        ],
        "responsibility": [
            (
                "It means I'm the one in charge. If something happens, it's on me.",
                ("responsibility",),
            ),
            (
                "That I was the adult responsible for {child} at that point, even if I wasn't "
                "watching every second.",
                ("responsibility",),
            ),
            (
                "Nobody else was looking after {her}, so it was my job. That's in my care.",
                ("responsibility",),
            ),
        ],
        "oncall": [
            (
                "That I'd hear {her} if {she} needed me. I'm not with {her}, but I'm available.",
                ("on-call",),
            ),
            (
                "Kind of on standby. {She_was} upstairs, I'm downstairs, and if there's a "
                "shout I go.",
                ("on-call", "location-other-room"),
            ),
            (
                "I know roughly what {she} {is} up to and I can get there fast if I have to.",
                ("on-call",),
            ),
        ],
        "monitoring": [
            (
                "Keeping an eye on {her}. Checking every few minutes that {she} {is} OK.",
                ("monitoring",),
            ),
            (
                "Watching {her} while I do something else, like from the kitchen window.",
                ("monitoring", "location-other-room"),
            ),
        ],
        "active": [
            (
                "When I'm actually taking care of {her}: feeding, bathing, helping with homework.",
                ("active-care",),
            ),
            (
                "In my care means I'm doing something for the child. Watching TV next to {her} "
                "isn't care.",
                ("active-care",),
            ),
            ("Looking after {her} properly. Hands on.", ("active-care",)),
        ],
        "confused": [
            (
                "Hmm. Does it mean legally, like custody? Because then it's always, isn't it?",
                ("status-not-time",),
            ),
            (
                "I'm not sure. In my care... all the time? I don't know what you want there.",
                ("confusion",),
            ),
            (
                "Sorry, which children? My nephew was here too but he's not mine.",
                ("confusion", "scope-which-children"),
            ),
            ("I don't really know. I just said yes to most of them.", ("no-interpretation",)),
        ],
    },
    "cand-responsible-en": {
        "presence": [
            (
                "Responsible... I guess if {child} {was} with me, in the same room.",
                ("presence-only",),
            ),
            ("Being there with {her}. If I'm home, {she} {is} with me.", ("presence-only",)),
        ],
        "responsibility": [
            (
                "That I'm the one who has to make sure {she} {is} OK. {adult_cap} was at work, so "
                "it was me.",
                ("responsibility",),
            ),
            (
                "Responsible means it's my job at that moment. Even if I'm cooking, I'm the one "
                "in charge.",
                ("responsibility",),
            ),
            (
                "The person who'd get the blame if something went wrong, honestly.",
                ("responsibility",),
            ),
            (
                "It's clearer than the first one. It's about who's in charge, not who's in the "
                "room.",
                ("responsibility",),
            ),
            (
                "Whether it was on me. Like, {adult} was out, so {child} {was} my responsibility.",
                ("responsibility",),
            ),
        ],
        "oncall": [
            (
                "That I'm keeping an ear out. If {she} {needs} something, {she} {comes} to me.",
                ("on-call",),
            ),
            (
                "I'm the one {she}'d call for. I'm available even if I'm doing my own thing.",
                ("on-call",),
            ),
            (
                "Keeping an eye on things while I do other stuff. I know where {she} {is}.",
                ("monitoring",),
            ),
        ],
        "monitoring": [
            (
                "That I'm watching {her}. Not doing things with {her}, but watching.",
                ("monitoring",),
            ),
            ("Checking in on {her}. Popping my head in now and then.", ("monitoring",)),
        ],
        "active": [
            ("Doing things for {her}: making lunch, getting {her} dressed.", ("active-care",)),
            ("When I'm actually looking after {her}, not just in the house.", ("active-care",)),
        ],
        "confused": [
            (
                "Responsible like financially? I'm always responsible for {her}.",
                ("status-not-time",),
            ),
            ("I'm not sure how that's different from the last question.", ("confusion",)),
        ],
    },
    "enut-child-pendiente-es": {
        "presence": [
            ("Pues que estaba ahí con {ella}, en la casa.", ("presence-only",)),
            ("Que {nino} {estaba} conmigo mientras hacía mis cosas.", ("presence-only",)),
            (
                "Nada más estar ahí, ¿no? Yo estaba en la cocina y {ella} en la sala.",
                ("presence-only", "location-other-room"),
            ),
        ],
        "responsibility": [
            ("Que yo era {la_que} respondía por {ella} en ese rato.", ("responsibility",)),
            ("Que me tocaba a mí, porque {adulto} no estaba.", ("responsibility",)),
        ],
        "oncall": [
            ("Estar al pendiente es estar {atenta}, por si se ofrece algo.", ("on-call",)),
            ("Pues oír si lloran, asomarse de vez en cuando.", ("on-call", "monitoring")),
            ("Que aunque esté haciendo otra cosa, tengo un ojo puesto en {ella}.", ("monitoring",)),
            (
                "Estaba al pendiente pero no {la} estaba cuidando, o sea, no {le} estaba "
                "haciendo nada.",
                ("on-call",),
            ),
        ],
        "monitoring": [
            (
                "Estar al pendiente es estar{la} vigilando, que no se vaya{n} a lastimar.",
                ("monitoring",),
            ),
            ("Echarle{s} un ojo mientras hago el quehacer.", ("monitoring",)),
            (
                "Estar al pendiente de {ella}, de lo que está{n} haciendo, aunque yo esté en "
                "otra cosa.",
                ("monitoring",),
            ),
        ],
        "active": [
            ("Cuando uno {la} atiende: la comida, el baño, la tarea.", ("active-care",)),
            (
                "Cuidar es darle{s} de comer, cambiar{la}. Al pendiente... también eso, ¿no?",
                ("active-care",),
            ),
        ],
        "confused": [
            ("¿Al pendiente de qué? ¿De que haga la tarea?", ("confusion",)),
            (
                "No sé bien. Yo siempre estoy al pendiente de {nino}.",
                ("confusion", "status-not-time"),
            ),
            (
                "¿Cuenta si estaba al pendiente por teléfono? {nino_cap} {estaba} con {adulto}.",
                ("confusion", "worry-mental-load"),
            ),
        ],
    },
    "cand-responsible-es": {
        "presence": [
            ("Que {estaba} conmigo.", ("presence-only",)),
            ("A cargo... pues que {ella} {estaba} ahí en la casa conmigo.", ("presence-only",)),
        ],
        "responsibility": [
            ("Que yo estaba a cargo; si le pasa algo, es mi responsabilidad.", ("responsibility",)),
            (
                "Que yo era {encargada} en ese momento, aunque estuviera lavando.",
                ("responsibility",),
            ),
            ("Ésta se entiende mejor: quién estaba a cargo de {ella}.", ("responsibility",)),
            (
                "Que era yo {la_que} tenía que ver por {ella}, porque {adulto} no estaba.",
                ("responsibility",),
            ),
        ],
        "oncall": [
            ("Que yo tenía que estar {atenta} por si me necesitaba{n}.", ("on-call",)),
            ("Que estaba disponible para {ella}, aunque estuviera en lo mío.", ("on-call",)),
        ],
        "monitoring": [
            ("Que yo {la} estaba vigilando, viendo qué hacía{n}.", ("monitoring",)),
        ],
        "active": [
            ("Que {la} estaba atendiendo.", ("active-care",)),
            ("Que estaba haciendo algo por {ella}, como darle{s} de comer.", ("active-care",)),
        ],
        "confused": [
            ("¿A cargo como que yo pago sus cosas? Siempre estoy a cargo.", ("status-not-time",)),
            ("Se me hace igual que la otra pregunta, no sé la diferencia.", ("confusion",)),
        ],
    },
}

PARAPHRASE: dict[str, dict[str, list[Entry]]] = {
    "en": {
        "presence": [
            ("You're asking which things I did while {child} {was} with me.", ("presence-only",)),
            ("Who was around while I did each thing.", ("presence-only",)),
        ],
        "responsibility": [
            (
                "Which of my activities I was in charge of {her} at the same time.",
                ("responsibility",),
            ),
            (
                "When was I the grown-up responsible for {her} while doing other things.",
                ("responsibility",),
            ),
        ],
        "oncall": [
            (
                "When was I keeping an eye on {her}, or able to help if {she} needed me.",
                ("on-call",),
            ),
        ],
        "monitoring": [
            ("When I was keeping an eye on {her} while I did other things.", ("monitoring",)),
        ],
        "active": [
            ("When was I taking care of the children.", ("active-care",)),
            ("Which activities were childcare.", ("active-care",)),
        ],
        "confused": [
            (
                "Um... something about the children and the activities? Can you say it again?",
                ("confusion",),
            ),
            ("I'd have to hear it again, it's a long question.", ("no-interpretation",)),
        ],
    },
    "es": {
        "presence": [
            ("Que con quién estaba yo mientras hacía cada cosa.", ("presence-only",)),
            ("Cuánto tiempo {estaba} {nino} conmigo en la casa.", ("presence-only",)),
        ],
        "responsibility": [
            (
                "En qué ratos yo estaba a cargo de {nino} mientras hacía otras cosas.",
                ("responsibility",),
            ),
        ],
        "oncall": [
            ("Cuándo estaba yo al pendiente de {nino} mientras hacía otra cosa.", ("on-call",)),
            ("Las horas que estuve echándole un ojo a {nino}.", ("monitoring",)),
        ],
        "monitoring": [
            ("Cuánto tiempo estuve vigilando a {nino} mientras hacía mis cosas.", ("monitoring",)),
        ],
        "active": [
            ("Cuánto tiempo cuidé a {nino}.", ("active-care",)),
        ],
        "confused": [
            ("Algo de los niños... ¿me la repite?", ("confusion",)),
            ("No sabría decirle con mis palabras.", ("no-interpretation",)),
        ],
    },
}

# --- judgement probes: the same dilemmas whatever the wording --------------------------------

SLEEPING: dict[str, dict[str, list[Entry]]] = {
    "en": {
        "counts": [
            (
                "Yes. {She_is} asleep but I'm still the one there if {she} {wakes} up.",
                ("counts-sleeping", "on-call"),
            ),
            (
                "Of course. Sleeping is when you have to be most careful with a little one.",
                ("counts-sleeping", "responsibility"),
            ),
            (
                "Yes, I'd count it. I'm not going anywhere while {she} {is} asleep.",
                ("counts-sleeping", "responsibility"),
            ),
            (
                "I suppose so, {she} {was} in the house with me.",
                ("counts-sleeping", "presence-only"),
            ),
            (
                "Yeah, the nap counts. I had the monitor on the whole time.",
                ("counts-sleeping", "on-call"),
            ),
        ],
        "excludes": [
            (
                "No, if {she} {is} sleeping I'm not doing anything for {her}.",
                ("excludes-sleeping", "active-care"),
            ),
            ("No. Asleep is asleep, that's my time.", ("excludes-sleeping",)),
            (
                "Not at night. During a nap maybe... no, I wouldn't count that either.",
                ("excludes-sleeping",),
            ),
            ("I left the nap out. {She} didn't need me then.", ("excludes-sleeping",)),
        ],
        "unsure": [
            ("I didn't think about that. Should I? I don't know.", ("confusion",)),
            (
                "Hmm, I counted the afternoon nap but not the night. Is that wrong?",
                ("counts-sleeping", "confusion"),
            ),
        ],
    },
    "es": {
        "counts": [
            ("Sí, aunque {este} {dormida} uno sigue al pendiente.", ("counts-sleeping", "on-call")),
            (
                "Sí, porque si despierta{n} yo soy {la_que} va.",
                ("counts-sleeping", "responsibility"),
            ),
            ("Pues sí, {estaba} en la casa conmigo.", ("counts-sleeping", "presence-only")),
            (
                "Sí, la siesta sí la conté; tenía la puerta abierta para oír{la}.",
                ("counts-sleeping", "on-call", "location-other-room"),
            ),
        ],
        "excludes": [
            ("No, {dormida} no necesita{n} nada.", ("excludes-sleeping",)),
            ("No, cuando duerme{n} yo aprovecho para hacer mis cosas.", ("excludes-sleeping",)),
            ("En la noche no, yo también estoy {yo_dormida}.", ("excludes-sleeping",)),
        ],
        "unsure": [
            ("No sé, no lo pensé. ¿Se cuenta?", ("confusion",)),
        ],
    },
}

OTHER_ADULT: dict[str, dict[str, list[Entry]]] = {
    "en": {
        "excludes": [
            (
                "No. When {adult} got home, {adult_they} took over, so I didn't count it.",
                ("excludes-other-adult", "responsibility"),
            ),
            ("If {adult} was there, I wouldn't count it for me.", ("excludes-other-adult",)),
            ("I left out the evening because {adult} was home.", ("excludes-other-adult",)),
        ],
        "includes": [
            (
                "Yes, {child} {is} still in my care even if {adult} is there. We share it.",
                ("includes-other-adult", "responsibility"),
            ),
            ("Sure, I was there, so I counted it.", ("includes-other-adult", "presence-only")),
            (
                "Both of us were there, so both of us, I'd say yes.",
                ("includes-other-adult", "presence-only"),
            ),
            (
                "Yes. {adult_cap} was there but I was the one listening out.",
                ("includes-other-adult", "on-call"),
            ),
        ],
        "unsure": [
            (
                "That's tricky. {adult_cap} was in the other room. I'm not sure who it counts for.",
                ("confusion",),
            ),
            ("I didn't know whether to count it. I think I did.", ("confusion",)),
        ],
    },
    "es": {
        "excludes": [
            (
                "No, cuando llegó {adulto} ya se hizo cargo.",
                ("excludes-other-adult", "responsibility"),
            ),
            ("No lo conté porque estaba {adulto}.", ("excludes-other-adult",)),
        ],
        "includes": [
            ("Sí, los dos estábamos al pendiente.", ("includes-other-adult", "on-call")),
            ("Sí, yo estaba ahí también.", ("includes-other-adult", "presence-only")),
            (
                "Sí, aunque estuviera {adulto}, yo también respondo por {ella}.",
                ("includes-other-adult", "responsibility"),
            ),
        ],
        "unsure": [
            ("Ahí no sé: {adulto} estaba, pero no {la} cuida, nomás está.", ("confusion",)),
        ],
    },
}

# --- recall and response mapping --------------------------------------------------------------

RECALL: dict[str, dict[str, list[Entry]]] = {
    "en": {
        "presence": [
            (
                "I went through the day: breakfast, school run, then after school {she} {was} with "
                "me till bedtime.",
                ("presence-only",),
            ),
        ],
        "responsibility": [
            (
                "I thought about when I was alone with {her}. That was after three, until {adult} "
                "got home.",
                ("responsibility", "excludes-other-adult"),
            ),
        ],
        "oncall": [
            (
                "I counted when {she} {was} playing in {her_pos} room and I was {activity}, "
                "because "
                "I could hear {her}.",
                ("on-call", "location-other-room"),
            ),
        ],
        "monitoring": [
            (
                "I thought of the times I could see {her} from where I was, like the park and the "
                "living room.",
                ("monitoring",),
            ),
        ],
        "active": [
            (
                "I only thought about the times I was doing something with {her}, like dinner and "
                "bath.",
                ("active-care",),
            ),
        ],
        "confused": [
            (
                "Honestly I estimated. Every day is the same, so I just said all afternoon.",
                ("no-interpretation",),
            ),
        ],
    },
    "es": {
        "presence": [
            ("Sumé las horas que {estaba} en la casa conmigo.", ("presence-only",)),
        ],
        "responsibility": [
            (
                "Conté cuando estoy {sola} con {ella}, porque {adulto} trabaja.",
                ("responsibility", "excludes-other-adult"),
            ),
        ],
        "oncall": [
            (
                "Conté cuando {estaba} en el patio y yo {actividad}, porque {la} estaba oyendo.",
                ("on-call", "location-other-room"),
            ),
        ],
        "monitoring": [
            (
                "Pensé en los ratos que {la} estaba viendo desde la cocina.",
                ("monitoring", "location-other-room"),
            ),
        ],
        "active": [
            ("Nada más conté cuando {le} doy de comer y {la} baño.", ("active-care",)),
        ],
        "confused": [
            ("Calculé, la verdad. Todos los días es lo mismo.", ("no-interpretation",)),
        ],
    },
}

MAPPING: dict[str, dict[str, list[Entry]]] = {
    "en": {
        "presence": [
            (
                "I ticked everything from three to nine because {she} {was} home.",
                ("presence-only",),
            ),
            (
                "I said yes for bath time and dinner too, obviously {she} {was} in my care then.",
                ("presence-only", "overlap-active-care"),
            ),
        ],
        "responsibility": [
            (
                "I said yes for the whole evening. Nobody else was there, it's on me.",
                ("responsibility",),
            ),
        ],
        "oncall": [
            (
                "I marked the {activity_noun} too, because I was listening out for {her}.",
                ("on-call",),
            ),
        ],
        "monitoring": [
            (
                "Easy enough. I said yes when I was watching {her}, no when {she} {was} out of "
                "sight.",
                ("monitoring", "excludes-out-of-sight"),
            ),
        ],
        "active": [
            (
                "I didn't mark the TV, because we were just sitting there together. That's not "
                "care.",
                ("active-care",),
            ),
        ],
        "confused": [
            (
                "I wasn't sure whether to say yes for when {she} {was} outside in the yard.",
                ("confusion",),
            ),
        ],
    },
    "es": {
        "presence": [
            ("Puse las horas de la tarde, que es cuando {estaba} conmigo.", ("presence-only",)),
        ],
        "responsibility": [
            (
                "Puse las horas en que yo estaba a cargo, sin contar el fin de semana que está "
                "{adulto}.",
                ("responsibility", "excludes-other-adult"),
            ),
        ],
        "oncall": [
            (
                "Puse muchas horas, como cuarenta, porque siempre estoy al pendiente.",
                ("status-not-time",),
            ),
        ],
        "monitoring": [
            (
                "Fácil. Puse nomás cuando {la} estaba viendo; si no {la} veo, no cuenta.",
                ("monitoring", "excludes-out-of-sight"),
            ),
        ],
        "active": [
            ("Sólo puse lo de la comida y la tarea.", ("active-care",)),
        ],
        "confused": [
            (
                "No sabía si poner las horas de la escuela, porque estoy al pendiente del "
                "teléfono.",
                ("confusion", "worry-mental-load"),
            ),
        ],
    },
}

# Spontaneous probe after a visible pause (asked only where the interviewer noted one).
HESITATION: dict[str, list[Entry]] = {
    "en": [
        ("I was trying to decide if {she} counted while {she} {was} asleep.", ("confusion",)),
        (
            "I wasn't sure if you meant all the children or just mine.",
            ("confusion", "scope-which-children"),
        ),
        ("Just thinking back over yesterday, what we did.", ("no-interpretation",)),
        (
            "Whether the time at school counts. I'm still responsible for {her} there, in a way.",
            ("counts-child-away", "responsibility"),
        ),
    ],
    "es": [
        ("Estaba pensando si cuenta cuando {estaba} {dormida}.", ("confusion",)),
        (
            "Si cuenta cuando {estaba} en la escuela; yo sigo al pendiente del teléfono.",
            ("counts-child-away", "worry-mental-load"),
        ),
        ("Nada, haciendo memoria de la semana.", ("no-interpretation",)),
    ],
}

# Notes an interviewer jotted next to some answers.
NOTES = {
    "en": [
        "Long pause before answering.",
        "Asked to hear the question again.",
        "Laughed; said it was a hard one.",
        "Child present during the interview.",
        "Answered quickly, without hesitation.",
        "Looked at the show card for a while.",
    ],
    "es": [
        "Pausa larga antes de contestar.",
        "Pidió que se le repitiera la pregunta.",
        "Se rió; dijo que estaba difícil.",
        "La niña estaba presente durante la entrevista.",
        "Contestó rápido, sin dudar.",
        "Se quedó viendo la tarjeta un rato.",
    ],
}


@dataclass(frozen=True)
class Person:
    """Who a respondent cares for and lives with: the fills for the answer templates."""

    child: str
    pronoun: str
    """``f``, ``m`` or ``pl``."""
    adult: str
    adult_pronoun: str
    """``she``, ``he`` or ``they``."""
    activity: str
    activity_noun: str


EN_PEOPLE: list[Person] = [
    Person("my daughter", "f", "my husband", "he", "cooking dinner", "cooking"),
    Person("my son", "m", "my wife", "she", "doing the laundry", "laundry"),
    Person("the kids", "pl", "my partner", "they", "on a work call", "work call"),
    Person("my little one", "f", "my mom", "she", "making dinner", "dinner"),
    Person("the baby", "m", "my boyfriend", "he", "folding clothes", "folding"),
    Person("my two boys", "pl", "my husband", "he", "cleaning the kitchen", "cleaning"),
    Person("my granddaughter", "f", "her mother", "she", "ironing", "ironing"),
    Person("my grandson", "m", "my daughter", "she", "watching the news", "TV news"),
    Person("my nephew", "m", "my sister", "she", "doing paperwork", "paperwork"),
    Person("the neighbour's girl", "f", "her dad", "he", "gardening", "gardening"),
    Person("my stepdaughter", "f", "my wife", "she", "answering emails", "emails"),
]

ES_PEOPLE: list[Person] = [
    Person("mi hija", "f", "mi esposo", "", "haciendo la comida", ""),
    Person("mi hijo", "m", "mi mamá", "", "lavando ropa", ""),
    Person("mis hijos", "pl", "mi pareja", "", "planchando", ""),
    Person("la niña", "f", "mi suegra", "", "viendo la novela", ""),
    Person("el bebé", "m", "mi esposo", "", "barriendo", ""),
    Person("mis nietos", "pl", "mi hija", "", "cosiendo", ""),
    Person("mi nieta", "f", "mi yerno", "", "haciendo de comer", ""),
    Person("mi sobrino", "m", "mi hermana", "", "trapeando", ""),
]

NON_PARENT = {
    "my granddaughter",
    "my grandson",
    "my nephew",
    "the neighbour's girl",
    "mis nietos",
    "mi nieta",
    "mi sobrino",
}
"""Children a respondent cares for without being a parent (has_child_u13 = no)."""


def fills(person: Person, language: str, sex: str) -> dict[str, str]:
    """Words a template may use, agreed with the child (gender, number) and the respondent."""
    p = person.pronoun
    if language == "en":
        she = {"f": "she", "m": "he", "pl": "they"}[p]
        is_ = "are" if p == "pl" else "is"
        was = "were" if p == "pl" else "was"
        return {
            "child": person.child,
            "she": she,
            "She": she.capitalize(),
            "her": {"f": "her", "m": "him", "pl": "them"}[p],
            "her_pos": {"f": "her", "m": "his", "pl": "their"}[p],
            "is": is_,
            "was": was,
            "She_is": f"{she.capitalize()} {is_}",
            "She_was": f"{she.capitalize()} {was}",
            "needs": "need" if p == "pl" else "needs",
            "comes": "come" if p == "pl" else "comes",
            "wakes": "wake" if p == "pl" else "wakes",
            "adult": person.adult,
            "adult_cap": person.adult[0].upper() + person.adult[1:],
            "adult_they": person.adult_pronoun,
            "activity": person.activity,
            "activity_noun": person.activity_noun,
        }
    woman = sex == "Female"
    plural = p == "pl"
    return {
        "nino": person.child,
        "nino_cap": person.child[0].upper() + person.child[1:],
        "ella": {"f": "ella", "m": "él", "pl": "ellos"}[p],
        "la": {"f": "la", "m": "lo", "pl": "los"}[p],
        "le": "les" if plural else "le",
        "s": "s" if plural else "",
        "n": "n" if plural else "",
        "dormida": {"f": "dormida", "m": "dormido", "pl": "dormidos"}[p],
        "estaba": "estaban" if plural else "estaba",
        "este": "estén" if plural else "esté",
        "adulto": person.adult,
        "actividad": person.activity,
        "la_que": "la que" if woman else "el que",
        "atenta": "atenta" if woman else "atento",
        "encargada": "la encargada" if woman else "el encargado",
        "sola": "sola" if woman else "solo",
        "yo_dormida": "dormida" if woman else "dormido",
    }
