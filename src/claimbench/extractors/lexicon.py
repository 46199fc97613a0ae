"""Word lists for the rule-based extractor, written from general knowledge of German and of news.

Nothing here is taken from the benchmark's gold data. The lists are deliberately small and
general: calendar words, number words, reporting verbs and attribution phrases, and a gazetteer of
frequently reported countries, cities, organisations, media and office holders.
"""

from __future__ import annotations

# --- calendar ---------------------------------------------------------------------------------

MONTHS: dict[str, int] = {
    "januar": 1, "jänner": 1, "jan.": 1, "februar": 2, "feber": 2, "feb.": 2, "märz": 3, "mär.": 3,
    "april": 4, "apr.": 4, "mai": 5, "juni": 6, "jun.": 6, "juli": 7, "jul.": 7, "august": 8, "aug.": 8,
    "september": 9, "sep.": 9, "sept.": 9, "oktober": 10, "okt.": 10, "november": 11, "nov.": 11,
    "dezember": 12, "dez.": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5,
    "sonnabend": 5, "sonntag": 6,
}  # fmt: skip

# TIMEX3 part-of-day codes for compounds such as "Montagabend" or "heute Morgen"
DAY_PARTS: dict[str, str] = {
    "morgen": "MO", "vormittag": "MO", "mittag": "MI", "nachmittag": "AF", "abend": "EV", "nacht": "NI",
}  # fmt: skip

SEASONS: dict[str, str] = {
    "frühjahr": "SP", "frühjahrs": "SP", "frühling": "SP", "frühlings": "SP", "sommer": "SU", "sommers": "SU",
    "herbst": "FA", "herbstes": "FA", "herbsts": "FA", "winter": "WI", "winters": "WI",
}  # fmt: skip

# first month of each season (northern hemisphere, meteorological)
SEASON_START_MONTH: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

# fixed-date holidays: (month, day)
HOLIDAYS: dict[str, tuple[int, int]] = {
    "heiligabend": (12, 24), "weihnachten": (12, 25), "silvester": (12, 31), "neujahr": (1, 1),
    "neujahrstag": (1, 1),
}  # fmt: skip

# TIMEX3 duration unit of a German time noun (any inflection, lower case)
TIME_UNITS: dict[str, str] = {
    "jahrzehnt": "DE", "jahrzehnte": "DE", "jahrzehnten": "DE", "jahrzehnts": "DE", "jahrzehntes": "DE",
    "jahrhundert": "CE", "jahrhunderte": "CE", "jahrhunderten": "CE", "jahrhunderts": "CE",
    "jahr": "Y", "jahre": "Y", "jahren": "Y", "jahres": "Y", "jahrs": "Y",
    "monat": "M", "monate": "M", "monaten": "M", "monats": "M", "monates": "M",
    "woche": "W", "wochen": "W",
    "tag": "D", "tage": "D", "tagen": "D", "tages": "D", "tags": "D",
    "stunde": "H", "stunden": "H", "minute": "MIN", "minuten": "MIN", "sekunde": "S", "sekunden": "S",
}  # fmt: skip

# --- numbers ----------------------------------------------------------------------------------

# German number words are written without "ß" here; the parser folds "ß" to "ss" (Swiss spelling).
NUMBER_UNITS: dict[str, int] = {
    "ein": 1, "eins": 1, "eine": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6,
    "sieben": 7, "acht": 8, "neun": 9,
}  # fmt: skip
NUMBER_TEENS: dict[str, int] = {
    "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16,
    "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
}  # fmt: skip
NUMBER_TENS: dict[str, int] = {
    "zwanzig": 20, "dreissig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70,
    "achtzig": 80, "neunzig": 90,
}  # fmt: skip

# multipliers written after a number ("5,6 Milliarden", "1,2 Mrd.")
SCALES: dict[str, float] = {
    "tausend": 1e3, "tsd": 1e3, "million": 1e6, "millionen": 1e6, "mio": 1e6, "milliarde": 1e9,
    "milliarden": 1e9, "mrd": 1e9, "billion": 1e12, "billionen": 1e12, "bio": 1e12,
}  # fmt: skip
SCALE_ABBREVIATIONS = frozenset({"tsd", "mio", "mrd", "bio"})

# fractions of a whole, read as percent ("zwei Drittel" -> 66.7 percent)
FRACTIONS: dict[str, int] = {"hälfte": 2, "drittel": 3, "viertel": 4, "fünftel": 5, "zehntel": 10}

# vague plural number words: (value, qualifier); value follows the guideline's convention
# (the smallest plural reading: "Hunderte" -> at least 200)
VAGUE_NUMBERS: dict[str, tuple[float, str]] = {
    "dutzende": (24.0, ">="), "hunderte": (200.0, ">="), "tausende": (2000.0, ">="),
    "zehntausende": (20000.0, ">="), "hunderttausende": (200000.0, ">="),
}  # fmt: skip
# a scale word used alone as a vague number ("Millionen Menschen")
VAGUE_SCALES: dict[str, float] = {"millionen": 2e6, "milliarden": 2e9}
# "im Milliardenwert": an amount of money of at least this order
MONEY_COMPOUNDS: dict[str, float] = {
    "millionenwert": 1e6, "millionenhöhe": 1e6, "millionenbetrag": 1e6, "milliardenwert": 1e9,
    "milliardenhöhe": 1e9, "milliardenbetrag": 1e9,
}  # fmt: skip

# qualifier phrases before a number, lower case, longest first where they share a prefix
QUALIFIER_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("deutlich", "mehr", "als"), ">"), (("weit", "mehr", "als"), ">"), (("mehr", "als"), ">"),
    (("weit", "über"), ">"), (("über",), ">"),
    (("weniger", "als"), "<"), (("unter",), "<"), (("knapp",), "<"), (("fast",), "<"), (("beinahe",), "<"),
    (("nahezu",), "<"),
    (("mindestens",), ">="), (("wenigstens",), ">="),
    (("bis", "zu"), "<="), (("höchstens",), "<="), (("maximal",), "<="),
    (("rund",), "~"), (("etwa",), "~"), (("ungefähr",), "~"), (("circa",), "~"), (("ca", "."), "~"),
    (("zirka",), "~"), (("gut",), "~"), (("annähernd",), "~"), (("schätzungsweise",), "~"),
)  # fmt: skip

# words allowed between "bis" and the upper bound of a range ("457 Millionen bis maximal 1,2 Milliarden")
RANGE_BOUND_WORDS = frozenset({"zu", "maximal", "höchstens", "rund", "etwa", "knapp", "über"})

CURRENCIES: dict[str, str] = {
    "prozent": "percent", "%": "percent", "prozentpunkte": "percent", "prozentpunkten": "percent",
    "dollar": "USD", "us-dollar": "USD", "usd": "USD", "$": "USD",
    "euro": "EUR", "eur": "EUR", "€": "EUR",
    # currencies outside the closed unit list are "money"
    "franken": "money", "chf": "money", "rubel": "money", "pfund": "money", "yen": "money", "yuan": "money",
    "won": "money", "hrywnja": "money", "hrywnjas": "money", "rupien": "money",
}  # fmt: skip
# symbols and codes that may stand before the amount ("$ 5", "CHF 12.50")
PREFIX_CURRENCIES = frozenset({"$", "€", "usd", "eur", "chf"})

# endings of nouns that count people ("Elitesoldaten", "Zivilisten", "Nordkoreaner")
PERSON_NOUN_ENDINGS: tuple[str, ...] = (
    "soldaten", "soldat", "menschen", "personen", "leute", "einwohner", "bewohner", "bürger", "bürgern",
    "tote", "toten", "todesopfer", "opfer", "verletzte", "verletzten", "verwundete", "verwundeten",
    "gefangene", "gefangenen", "zivilisten", "kinder", "kindern", "frauen", "männer", "männern",
    "befragte", "befragten", "teilnehmer", "teilnehmende", "mitarbeiter", "mitarbeitende", "beschäftigte",
    "beschäftigten", "arbeiter", "arbeitskräfte", "flüchtlinge", "geflüchtete", "migranten", "kämpfer",
    "söldner", "rekruten", "offiziere", "generäle", "wähler", "wählerinnen", "studenten", "studierende",
    "schüler", "patienten", "mitglieder", "abgeordnete", "abgeordneten", "angehörige", "angehörigen",
    "freiwillige", "freiwilligen", "polizisten", "ärzte", "helfer", "häftlinge", "geiseln", "piloten",
    "ingenieure", "experten", "spezialisten", "innen", "aner", "ainer", "russen", "deutsche", "deutschen",
    "chinesen", "franzosen", "briten", "türken", "israelis", "palästinenser", "iraner", "iraker", "syrer",
)  # fmt: skip

# --- function words -----------------------------------------------------------------------------

DETERMINERS = frozenset({
    "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen",
    "dieser", "diese", "dieses", "diesem", "diesen", "jener", "jene", "jenes", "kein", "keine", "keiner",
    "seine", "seiner", "seinem", "seinen", "seines", "ihre", "ihrer", "ihrem", "ihren", "ihres",
    "unsere", "unserer", "welche", "welcher", "alle", "aller", "allen", "beide", "beiden", "beider",
    "mehrere", "mehrerer", "einige", "einiger", "viele", "vieler", "zahlreiche", "zahlreicher",
})  # fmt: skip
PREPOSITIONS = frozenset({
    "in", "im", "am", "an", "auf", "aus", "bei", "beim", "mit", "nach", "von", "vom", "zu", "zum", "zur",
    "für", "gegen", "ohne", "um", "über", "unter", "vor", "hinter", "neben", "zwischen", "durch", "seit",
    "bis", "ab", "trotz", "wegen", "während", "laut", "gemäß", "innerhalb", "außerhalb", "nahe", "ins",
})  # fmt: skip
PRONOUN_SOURCES = frozenset({"er", "sie", "ihm", "ihr", "deren", "dessen"})
# possessive/relative words that stand for a source in "nach deren Erkenntnissen"
POSSESSIVE_SOURCES = frozenset({"deren", "dessen", "seinen", "ihren", "seiner", "ihrer", "eigenen"})

# finite verbs and auxiliaries frequent enough to list; anything else is guessed from its ending
COMMON_VERBS = frozenset({
    "ist", "sind", "war", "waren", "wäre", "wären", "sei", "seien", "hat", "haben", "hatte", "hatten",
    "hätte", "hätten", "habe", "wird", "werden", "wurde", "wurden", "würde", "würden", "worden", "kann",
    "können", "konnte", "konnten", "könnte", "könnten", "muss", "müssen", "musste", "mussten", "soll",
    "sollen", "sollte", "sollten", "will", "wollen", "wollte", "wollten", "darf", "dürfen", "durfte",
    "dürfte", "gibt", "gab", "gaben", "geht", "ging", "gingen", "kam", "kamen", "kommt", "liegt", "lag",
    "lagen", "steht", "stand", "standen", "bleibt", "blieb", "blieben", "fiel", "fielen", "starb",
    "starben", "nennt", "nannte", "bringt", "brachte", "hält", "hielt", "lässt", "ließ", "sieht", "sah",
    "sahen", "gilt", "galt", "traf", "trifft", "begann", "beginnt", "sprach", "spricht", "nahm", "nimmt",
    "gewann", "verlor", "stieg", "sank", "schrieb", "rief", "bot", "zog", "trat", "erhielt", "fand",
    "findet", "wuchs", "betrug", "beträgt", "kämpfen", "kämpften", "leben", "liefern", "glauben",
    "erwarten", "sehen", "stehen", "liegen", "zählen", "gehören", "fordern", "planen", "gelten",
})  # fmt: skip
# lower-case words ending like verbs ("-t", "-te") that are not verbs
NON_VERBS = frozenset({
    "nicht", "jetzt", "seit", "erst", "bereits", "zuletzt", "meist", "fast", "nachts", "recht", "selbst",
    "längst", "zunächst", "damit", "somit", "weit", "bereit", "mit", "halt", "sonst", "einst", "oft",
    "mittlerweile", "heute", "gut", "tot", "laut", "gestalt", "insgesamt", "bisher", "erneut", "zuerst",
    "meiste", "meisten", "letzte", "letzten", "erste", "ersten", "beste", "besten", "weitere", "weiteren",
    "nächste", "nächsten", "gesamte", "gesamten", "geplante", "geplanten", "sogenannte", "sogenannten",
    "rote", "harte", "breite", "weite", "mitte", "arbeit", "acht", "nacht", "macht", "kraft",
    "direkt", "exakt", "konkret", "korrekt", "abstrakt", "strikt", "perfekt", "intakt", "bekannt",
    "konkrete", "direkte", "erneute", "erneuten", "laute", "bislang", "geheime", "geheimen", "zuvor",
    "westlichen", "östlichen", "dritte", "dritten", "achte", "zweite", "zweiten", "vierte", "fünfte",
    "sechste", "siebte", "zehnte", "hunderte", "tausende", "dutzende", "zehntausende",
})  # fmt: skip

# sentence-initial words that carry no content; a claim span starts after them (guideline 4)
LEADING_DISCOURSE_WORDS = frozenset({
    "und", "aber", "doch", "denn", "zudem", "außerdem", "zusätzlich", "konkret", "ebenso", "ferner",
})  # fmt: skip
LEADING_DISCOURSE_PHRASES: tuple[tuple[str, ...], ...] = (("dazu", "kommt"), ("hinzu", "kommt"))

# author evaluation rather than a checkable proposition (guideline 1)
EVALUATIVE_WORDS = frozenset({
    "wirkt", "wirken", "wirkte", "wirkten", "erscheint", "erscheinen", "scheint", "scheinen", "schien",
    "bemerkenswert", "auffällig", "offensichtlich", "symbolisch", "symbolträchtig", "meines", "meiner",
})  # fmt: skip

# lines that are navigation or metadata of a web page, never claims
BOILERPLATE_PREFIXES: tuple[str, ...] = (
    "das könnte dich auch interessieren", "das könnte sie auch interessieren", "lesen sie auch",
    "lies auch", "mehr zum thema", "auch interessant", "weitere nachrichten", "mehr dazu", "siehe auch",
    "foto:", "bild:", "video:", "quelle:", "anzeige", "werbung", "teilen", "kommentare",
)  # fmt: skip
# labels scraped together with the following text ("InhaltRussland ist ...")
GLUED_LABELS: tuple[str, ...] = ("TLDR", "Inhalt", "Zusammenfassung", "Fazit", "Kurz gesagt", "Das Wichtigste")

# --- attribution ----------------------------------------------------------------------------------

# finite forms of reporting verbs (cue words)
REPORTING_VERBS = frozenset({
    "sagt", "sagte", "sagten", "sagen", "erklärt", "erklärte", "erklärten", "berichtet", "berichtete",
    "berichteten", "berichten", "schreibt", "schrieb", "schrieben", "schreiben", "meldet", "meldete",
    "meldeten", "melden", "teilt", "teilte", "teilten", "bestätigt", "bestätigte", "bestätigten", "betont",
    "betonte", "betonten", "warnt", "warnte", "warnten", "behauptet", "behauptete", "behaupteten",
    "verkündet", "verkündete", "kündigte", "kündigt", "äußerte", "äußert", "versicherte", "versichert",
    "zitiert", "zitierte", "bekräftigte", "bekräftigt", "unterstrich", "unterstreicht", "lobt", "lobte",
    "würdigt", "würdigte", "kritisierte", "kritisiert", "forderte", "fordert", "räumte", "räumt",
    "dementierte", "dementiert", "bestritt", "bestreitet", "meinte", "meint", "schätzt", "schätzte",
    "schätzen", "vermutet", "vermutete", "informierte", "informiert", "mitteilte", "hieß", "heißt", "argumentiert", "argumentierte", "erläuterte", "erläutert", "ergänzte", "ergänzt",
    "sprach", "spricht", "nannte", "nennt", "bezeichnete", "bezeichnet", "drohte", "droht",
})  # fmt: skip

# "laut X", "nach Angaben X", "gemäß X": the source follows the cue
PREPOSITIONAL_CUES: tuple[tuple[str, ...], ...] = (
    ("nach", "angaben"), ("nach", "erkenntnissen"), ("nach", "informationen"), ("nach", "einschätzung"),
    ("nach", "schätzungen"), ("nach", "berichten"), ("nach", "darstellung"), ("nach", "aussage"),
    ("nach", "aussagen"), ("nach", "auskunft"), ("nach", "worten"), ("nach", "ansicht"),
    ("nach", "auffassung"), ("nach", "daten"), ("nach", "zahlen"), ("laut",), ("gemäß",),
)  # fmt: skip
CUE_NOUNS = frozenset(words[1] for words in PREPOSITIONAL_CUES if len(words) == 2)
# "X zufolge": the source precedes the cue
POSTPOSITIONAL_CUES = frozenset({"zufolge"})
# nouns that are no source on their own ("Berichten zufolge": a hedge, not an attribution)
SOURCELESS_NOUNS = frozenset({
    "berichten", "medienberichten", "angaben", "informationen", "schätzungen", "einschätzungen",
    "gerüchten", "spekulationen", "beobachtern",
})  # fmt: skip
ANAPHORIC_CUES = frozenset({"demnach", "dementsprechend"})
RELATIVE_CUES = frozenset({"wonach"})

# adverbs and particles that may stand between a reporting verb and its subject
SKIPPABLE_ADVERBS = frozenset({
    "demnach", "auch", "zudem", "dabei", "nun", "jetzt", "bereits", "außerdem", "weiter", "damals",
    "später", "zuvor", "gestern", "heute", "zuletzt", "erneut", "dazu", "ebenfalls", "jedoch", "aber",
})  # fmt: skip

# --- entities ---------------------------------------------------------------------------------------

# (regular expression, type, canonical name); names that inflect get an optional genitive "s"
COUNTRIES: tuple[tuple[str, str], ...] = (
    ("Deutschland", "Deutschland"), ("Bundesrepublik", "Deutschland"), ("Russland", "Russland"),
    ("Russische Föderation", "Russland"), ("Russischen Föderation", "Russland"), ("Ukraine", "Ukraine"),
    ("Nordkorea", "Nordkorea"), ("Südkorea", "Südkorea"), ("China", "China"), ("Volksrepublik China", "China"),
    ("Japan", "Japan"), ("USA", "USA"), ("US", "USA"), ("Amerika", "USA"), ("Vereinigte Staaten", "USA"),
    ("Vereinigten Staaten", "USA"), ("Frankreich", "Frankreich"), ("Großbritannien", "Großbritannien"),
    ("Vereinigtes Königreich", "Großbritannien"), ("Vereinigten Königreich", "Großbritannien"),
    ("Italien", "Italien"), ("Spanien", "Spanien"), ("Polen", "Polen"), ("Belarus", "Belarus"),
    ("Weißrussland", "Belarus"), ("Iran", "Iran"), ("Irak", "Irak"), ("Israel", "Israel"), ("Syrien", "Syrien"),
    ("Türkei", "Türkei"), ("Indien", "Indien"), ("Pakistan", "Pakistan"), ("Afghanistan", "Afghanistan"),
    ("Kasachstan", "Kasachstan"), ("Georgien", "Georgien"), ("Moldau", "Moldau"), ("Moldawien", "Moldau"),
    ("Rumänien", "Rumänien"), ("Ungarn", "Ungarn"), ("Österreich", "Österreich"), ("Schweiz", "Schweiz"),
    ("Niederlande", "Niederlande"), ("Belgien", "Belgien"), ("Schweden", "Schweden"), ("Finnland", "Finnland"),
    ("Norwegen", "Norwegen"), ("Dänemark", "Dänemark"), ("Estland", "Estland"), ("Lettland", "Lettland"),
    ("Litauen", "Litauen"), ("Tschechien", "Tschechien"), ("Slowakei", "Slowakei"), ("Serbien", "Serbien"),
    ("Kroatien", "Kroatien"), ("Griechenland", "Griechenland"), ("Portugal", "Portugal"), ("Kanada", "Kanada"),
    ("Mexiko", "Mexiko"), ("Brasilien", "Brasilien"), ("Argentinien", "Argentinien"), ("Ägypten", "Ägypten"),
    ("Saudi-Arabien", "Saudi-Arabien"), ("Katar", "Katar"), ("Jemen", "Jemen"), ("Libanon", "Libanon"),
    ("Taiwan", "Taiwan"), ("Vietnam", "Vietnam"), ("Mongolei", "Mongolei"), ("Venezuela", "Venezuela"),
    ("Kuba", "Kuba"), ("Südafrika", "Südafrika"), ("Nigeria", "Nigeria"), ("Äthiopien", "Äthiopien"),
    ("Sudan", "Sudan"), ("Libyen", "Libyen"), ("Australien", "Australien"), ("Neuseeland", "Neuseeland"),
    ("Armenien", "Armenien"), ("Aserbaidschan", "Aserbaidschan"), ("Bulgarien", "Bulgarien"),
    ("Slowenien", "Slowenien"), ("Irland", "Irland"), ("Luxemburg", "Luxemburg"), ("Liechtenstein", "Liechtenstein"),
    ("Sowjetunion", "Sowjetunion"), ("UdSSR", "Sowjetunion"), ("Palästina", "Palästina"),
)  # fmt: skip

# capitals that also stand for their state's government (metonymy): (name, own canonical, state)
CAPITALS: tuple[tuple[str, str, str], ...] = (
    ("Moskau", "Moskau", "Russland"), ("Kiew", "Kiew", "Ukraine"), ("Kyjiw", "Kiew", "Ukraine"),
    ("Pjöngjang", "Pjöngjang", "Nordkorea"), ("Seoul", "Seoul", "Südkorea"), ("Peking", "Peking", "China"),
    ("Washington", "Washington", "USA"), ("Berlin", "Berlin", "Deutschland"), ("Paris", "Paris", "Frankreich"),
    ("London", "London", "Großbritannien"), ("Tokio", "Tokio", "Japan"), ("Teheran", "Teheran", "Iran"),
    ("Ankara", "Ankara", "Türkei"), ("Warschau", "Warschau", "Polen"), ("Minsk", "Minsk", "Belarus"),
    ("Wien", "Wien", "Österreich"), ("Bern", "Bern", "Schweiz"), ("Rom", "Rom", "Italien"),
    ("Madrid", "Madrid", "Spanien"), ("Budapest", "Budapest", "Ungarn"), ("Jerusalem", "Jerusalem", "Israel"),
    ("Damaskus", "Damaskus", "Syrien"), ("Bagdad", "Bagdad", "Irak"), ("Neu-Delhi", "Neu-Delhi", "Indien"),
)  # fmt: skip
# seats of government that stand for the state
SEATS: tuple[tuple[str, str], ...] = (
    ("Kreml", "Russland"), ("Weißen Hauses", "USA"), ("Weißen Haus", "USA"), ("Weiße Haus", "USA"),
    ("Weißes Haus", "USA"),
)  # fmt: skip

CITIES: tuple[str, ...] = (
    "Sankt Petersburg", "St. Petersburg", "Charkiw", "Odessa", "Cherson", "Mariupol", "Donezk", "Luhansk",
    "Saporischschja", "Bachmut", "Awdijiwka", "Pokrowsk", "Dnipro", "Lwiw", "Kursk", "Belgorod", "Brjansk",
    "Wladiwostok", "Chabarowsk", "Sewastopol", "Hamburg", "München", "Köln", "Frankfurt", "Zürich", "Genf",
    "Basel", "Brüssel", "Den Haag", "New York", "Istanbul", "Tel Aviv", "Gaza", "Kaliningrad", "Nowosibirsk",
    "Jekaterinburg", "Tiflis", "Kischinau", "Vilnius", "Riga", "Tallinn", "Helsinki", "Stockholm", "Oslo",
    "Kopenhagen", "Prag", "Bratislava", "Bukarest", "Sofia", "Belgrad", "Amsterdam", "Davos", "München",
)  # fmt: skip

REGIONS: tuple[str, ...] = ("Krim", "Donbass", "Donbas", "Tschetschenien", "Transnistrien", "Bayern", "Sachsen")

LOCATIONS: tuple[str, ...] = (
    "Europa", "Asien", "Afrika", "Nordamerika", "Südamerika", "Lateinamerika", "Ostsee", "Nordsee",
    "Mittelmeer", "Pazifik", "Atlantik", "Arktis", "Antarktis", "Sibirien", "Kaukasus", "Balkan",
    "Nahost", "Fernost", "Gazastreifen", "Westjordanland", "Schwarzen Meer", "Schwarze Meer",
    "Schwarzes Meer", "koreanischen Halbinsel", "koreanische Halbinsel", "Koreanischen Halbinsel",
    "Koreanische Halbinsel", "Rhein", "Donau", "Wolga", "Dnepr", "Tumen", "Amur", "Nahen Osten", "Naher Osten",
    "Osteuropa", "Westeuropa", "Mitteleuropa", "Zentralasien", "Ostasien", "Indopazifik",
)  # fmt: skip

ORGANISATIONS: tuple[tuple[str, str], ...] = (
    ("NATO", "NATO"), ("Nato", "NATO"), ("UN", "Vereinte Nationen"), ("UNO", "Vereinte Nationen"),
    ("Vereinte Nationen", "Vereinte Nationen"), ("Vereinten Nationen", "Vereinte Nationen"),
    ("EU", "Europäische Union"), ("Europäische Union", "Europäische Union"),
    ("Europäischen Union", "Europäische Union"), ("EU-Kommission", "Europäische Kommission"),
    ("Europäische Kommission", "Europäische Kommission"), ("Europäischen Kommission", "Europäische Kommission"),
    ("UN-Sicherheitsrat", "UN-Sicherheitsrat"), ("Sicherheitsrat", "UN-Sicherheitsrat"),
    ("Bundeswehr", "Bundeswehr"), ("Bundestag", "Bundestag"), ("Pentagon", "Pentagon"), ("Duma", "Duma"),
    ("Staatsduma", "Duma"), ("G7", "G7"), ("G20", "G20"), ("BRICS", "BRICS"), ("OPEC", "OPEC"),
    ("OSZE", "OSZE"), ("Europarat", "Europarat"), ("IWF", "Internationaler Währungsfonds"),
    ("Weltbank", "Weltbank"), ("WHO", "Weltgesundheitsorganisation"), ("IAEA", "IAEA"), ("IAEO", "IAEA"),
    ("Internationale Strafgerichtshof", "Internationaler Strafgerichtshof"),
    ("Internationalen Strafgerichtshof", "Internationaler Strafgerichtshof"),
    ("Rote Armee", "Rote Armee"), ("Roten Armee", "Rote Armee"), ("Wagner-Gruppe", "Gruppe Wagner"),
    ("Gruppe Wagner", "Gruppe Wagner"), ("Gazprom", "Gazprom"), ("Rosneft", "Rosneft"),
    ("Hamas", "Hamas"), ("Hisbollah", "Hisbollah"), ("Taliban", "Taliban"),
    # news agencies, media, research institutes
    ("Reuters", "Reuters"), ("AFP", "AFP"), ("dpa", "dpa"), ("DPA", "dpa"), ("AP", "AP"),
    ("Associated Press", "AP"), ("KCNA", "KCNA"), ("TASS", "TASS"), ("Tass", "TASS"), ("Interfax", "Interfax"),
    ("RIA Nowosti", "RIA Nowosti"), ("Ria Nowosti", "RIA Nowosti"), ("Yonhap", "Yonhap"), ("Xinhua", "Xinhua"),
    ("Bloomberg", "Bloomberg"), ("CNN", "CNN"), ("BBC", "BBC"), ("New York Times", "New York Times"),
    ("Washington Post", "Washington Post"), ("Wall Street Journal", "Wall Street Journal"),
    ("Financial Times", "Financial Times"), ("Guardian", "Guardian"), ("Spiegel", "Spiegel"),
    ("Bild-Zeitung", "Bild"), ("FAZ", "FAZ"), ("Süddeutsche Zeitung", "Süddeutsche Zeitung"),
    ("NZZ", "NZZ"), ("ARD", "ARD"), ("ZDF", "ZDF"), ("Tagesschau", "Tagesschau"), ("SRF", "SRF"),
    ("ORF", "ORF"), ("Kyiv Independent", "Kyiv Independent"), ("Rodong Sinmun", "Rodong Sinmun"),
    ("WZIOM", "WZIOM"), ("Lewada-Zentrum", "Lewada-Zentrum"), ("Lewada", "Lewada-Zentrum"),
    ("Forsa", "Forsa"), ("YouGov", "YouGov"), ("Infratest dimap", "Infratest dimap"),
    ("ISW", "Institute for the Study of War"), ("Institute for the Study of War", "Institute for the Study of War"),
    ("SIPRI", "SIPRI"), ("Amnesty International", "Amnesty International"),
    ("Human Rights Watch", "Human Rights Watch"),
)  # fmt: skip

EVENTS: tuple[tuple[str, str], ...] = (
    ("Kalte Krieg", "Kalter Krieg"), ("Kalten Krieg", "Kalter Krieg"), ("Kalter Krieg", "Kalter Krieg"),
    ("Kalten Krieges", "Kalter Krieg"), ("Kalten Kriegs", "Kalter Krieg"),
    ("Zweite Weltkrieg", "Zweiter Weltkrieg"), ("Zweiten Weltkrieg", "Zweiter Weltkrieg"),
    ("Zweiter Weltkrieg", "Zweiter Weltkrieg"), ("Zweiten Weltkriegs", "Zweiter Weltkrieg"),
    ("Zweiten Weltkrieges", "Zweiter Weltkrieg"), ("Erste Weltkrieg", "Erster Weltkrieg"),
    ("Ersten Weltkrieg", "Erster Weltkrieg"), ("Erster Weltkrieg", "Erster Weltkrieg"),
    ("Ersten Weltkriegs", "Erster Weltkrieg"), ("Koreakrieg", "Koreakrieg"), ("Koreakriegs", "Koreakrieg"),
    ("Holocaust", "Holocaust"), ("Olympischen Spiele", "Olympische Spiele"),
    ("Olympische Spiele", "Olympische Spiele"), ("Olympischen Spielen", "Olympische Spiele"),
)  # fmt: skip

# well-known persons: (full name, surname, canonical)
PERSONS: tuple[tuple[str, str, str], ...] = (
    ("Wladimir Putin", "Putin", "Wladimir Putin"), ("Kim Jong Un", "Kim", "Kim Jong Un"),
    ("Kim Jong-un", "Kim", "Kim Jong Un"), ("Kim Jong-Un", "Kim", "Kim Jong Un"),
    ("Donald Trump", "Trump", "Donald Trump"), ("Joe Biden", "Biden", "Joe Biden"),
    ("Barack Obama", "Obama", "Barack Obama"), ("Wolodymyr Selenskyj", "Selenskyj", "Wolodymyr Selenskyj"),
    ("Xi Jinping", "Xi", "Xi Jinping"), ("Olaf Scholz", "Scholz", "Olaf Scholz"),
    ("Friedrich Merz", "Merz", "Friedrich Merz"), ("Angela Merkel", "Merkel", "Angela Merkel"),
    ("Emmanuel Macron", "Macron", "Emmanuel Macron"), ("Mark Rutte", "Rutte", "Mark Rutte"),
    ("Jens Stoltenberg", "Stoltenberg", "Jens Stoltenberg"), ("António Guterres", "Guterres", "António Guterres"),
    ("Antonio Guterres", "Guterres", "António Guterres"), ("Sergej Lawrow", "Lawrow", "Sergej Lawrow"),
    ("Ursula von der Leyen", "von der Leyen", "Ursula von der Leyen"),
    ("Dmitri Peskow", "Peskow", "Dmitri Peskow"), ("Dmitri Medwedew", "Medwedew", "Dmitri Medwedew"),
    ("Sergej Schoigu", "Schoigu", "Sergej Schoigu"), ("Andrej Beloussow", "Beloussow", "Andrej Beloussow"),
    ("Alexander Lukaschenko", "Lukaschenko", "Alexander Lukaschenko"),
    ("Recep Tayyip Erdoğan", "Erdoğan", "Recep Tayyip Erdoğan"), ("Recep Tayyip Erdogan", "Erdogan", "Recep Tayyip Erdoğan"),
    ("Benjamin Netanjahu", "Netanjahu", "Benjamin Netanjahu"), ("Viktor Orbán", "Orbán", "Viktor Orbán"),
    ("Viktor Orban", "Orban", "Viktor Orbán"), ("Giorgia Meloni", "Meloni", "Giorgia Meloni"),
    ("Keir Starmer", "Starmer", "Keir Starmer"), ("Narendra Modi", "Modi", "Narendra Modi"),
    ("Yoon Suk Yeol", "Yoon", "Yoon Suk Yeol"), ("Lee Jae Myung", "Lee", "Lee Jae Myung"),
    ("Annalena Baerbock", "Baerbock", "Annalena Baerbock"), ("Boris Pistorius", "Pistorius", "Boris Pistorius"),
    ("Jewgeni Prigoschin", "Prigoschin", "Jewgeni Prigoschin"), ("Alexej Nawalny", "Nawalny", "Alexej Nawalny"),
    ("Kim Yo Jong", "Kim Yo Jong", "Kim Yo Jong"), ("Kim Il Sung", "Kim Il Sung", "Kim Il Sung"),
    ("Kim Jong Il", "Kim Jong Il", "Kim Jong Il"), ("Marco Rubio", "Rubio", "Marco Rubio"),
    ("Antony Blinken", "Blinken", "Antony Blinken"), ("Kamala Harris", "Harris", "Kamala Harris"),
)  # fmt: skip

# office holders by date: (regular expression of the description, [(from, to, canonical)]);
# dates are ISO strings, "" = open end. Written from general knowledge of who held which office.
ROLE_HOLDERS: tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...] = (
    (r"Kreml-?[Cc]hefs?|Kremlherrschers?|russischen? (?:Präsident(?:en)?|Staatschefs?|Machthabers?)|Präsident(?:en)? Russlands",
     (("2000-05-07", "2008-05-06", "Wladimir Putin"), ("2008-05-07", "2012-05-06", "Dmitri Medwedew"),
      ("2012-05-07", "", "Wladimir Putin"))),
    (r"designierten? US-Präsident(?:en)?",
     (("2016-11-09", "2017-01-19", "Donald Trump"), ("2020-11-07", "2021-01-19", "Joe Biden"),
      ("2024-11-06", "2025-01-19", "Donald Trump"))),
    (r"US-Präsident(?:en)?|amerikanischen? Präsident(?:en)?|Präsident(?:en)? der USA",
     (("2009-01-20", "2017-01-19", "Barack Obama"), ("2017-01-20", "2021-01-19", "Donald Trump"),
      ("2021-01-20", "2025-01-19", "Joe Biden"), ("2025-01-20", "", "Donald Trump"))),
    (r"ukrainischen? (?:Präsident(?:en)?|Staatschefs?)", (("2019-05-20", "", "Wolodymyr Selenskyj"),)),
    (r"nordkoreanischen? (?:Machthabers?|Staatschefs?|Diktators?|Führers?)", (("2011-12-17", "", "Kim Jong Un"),)),
    (r"chinesischen? (?:Präsident(?:en)?|Staatschefs?)", (("2013-03-14", "", "Xi Jinping"),)),
    (r"französischen? Präsident(?:en)?", (("2017-05-14", "", "Emmanuel Macron"),)),
    (r"NATO-Generalsekretärs?|Nato-Generalsekretärs?",
     (("2014-10-01", "2024-09-30", "Jens Stoltenberg"), ("2024-10-01", "", "Mark Rutte"))),
    (r"UN-Generalsekretärs?", (("2017-01-01", "", "António Guterres"),)),
    (r"russischen? Außenministers?", (("2004-03-09", "", "Sergej Lawrow"),)),
    (r"Kremlsprechers?|Kreml-Sprechers?", (("2012-05-22", "", "Dmitri Peskow"),)),
    (r"Bundeskanzlers?|Bundeskanzlerin",
     (("2005-11-22", "2021-12-07", "Angela Merkel"), ("2021-12-08", "2025-05-05", "Olaf Scholz"),
      ("2025-05-06", "", "Friedrich Merz"))),
)  # fmt: skip

# "die russische Regierung" -> the state (government metonymy); "die russische Armee" -> its forces
COUNTRY_ADJECTIVES: dict[str, str] = {
    "russisch": "Russland", "ukrainisch": "Ukraine", "nordkoreanisch": "Nordkorea", "südkoreanisch": "Südkorea",
    "chinesisch": "China", "amerikanisch": "USA", "deutsch": "Deutschland", "französisch": "Frankreich",
    "britisch": "Großbritannien", "japanisch": "Japan", "iranisch": "Iran", "israelisch": "Israel",
    "türkisch": "Türkei", "polnisch": "Polen", "belarussisch": "Belarus", "syrisch": "Syrien",
}  # fmt: skip
ARMED_FORCES: dict[str, str] = {
    "russisch": "Russische Streitkräfte", "ukrainisch": "Ukrainische Streitkräfte",
    "nordkoreanisch": "Koreanische Volksarmee", "südkoreanisch": "Südkoreanische Streitkräfte",
    "chinesisch": "Volksbefreiungsarmee", "amerikanisch": "US-Streitkräfte", "deutsch": "Bundeswehr",
    "israelisch": "Israelische Streitkräfte",
}  # fmt: skip

# words before a name that make it a person ("Präsident Putin", "Sprecher Dmitri Peskow")
PERSON_TITLES = frozenset({
    "Präsident", "Präsidentin", "Präsidenten", "Kanzler", "Kanzlerin", "Minister", "Ministerin",
    "Außenminister", "Außenministerin", "Verteidigungsminister", "Verteidigungsministerin",
    "Premierminister", "Premierministerin", "Ministerpräsident", "Ministerpräsidentin", "Regierungschef",
    "Regierungschefin", "Staatschef", "Staatschefin", "Machthaber", "Diktator", "Botschafter",
    "Botschafterin", "Sprecher", "Sprecherin", "Generalsekretär", "Generalsekretärin", "General",
    "Generalleutnant", "Generalmajor", "Oberst", "Admiral", "Marschall", "Senator", "Senatorin",
    "Bürgermeister", "Bürgermeisterin", "Gouverneur", "Gouverneurin", "Oppositionsführer",
    "Oppositionsführerin", "Dr.", "Prof.", "Herr", "Frau", "Kremlsprecher", "Analyst", "Analystin",
    "Experte", "Expertin", "Politologe", "Politologin", "Militärexperte", "Militärexpertin",
})  # fmt: skip

FIRST_NAMES = frozenset({
    "Alexander", "Alexej", "Alexei", "Andrej", "Andrei", "Anton", "Boris", "Dmitri", "Dmitrij", "Fjodor",
    "Igor", "Iwan", "Jewgeni", "Juri", "Konstantin", "Maxim", "Michail", "Nikolai", "Oleg", "Pawel",
    "Pjotr", "Sergej", "Sergei", "Walentin", "Wadim", "Waleri", "Wiktor", "Wladimir", "Wolodymyr",
    "Witali", "Jelena", "Irina", "Olga", "Tatjana", "Natalja", "Maria", "Anna", "Julia", "Swetlana",
    "Andreas", "Thomas", "Michael", "Peter", "Klaus", "Wolfgang", "Hans", "Jürgen", "Stefan", "Christian",
    "Markus", "Martin", "Frank", "Jan", "Jens", "Lars", "Karl", "Heinz", "Helmut", "Gerhard", "Frank-Walter",
    "Friedrich", "Olaf", "Robert", "Christine", "Sahra", "Annalena", "Ursula", "Angela", "Sabine",
    "Katarina", "Petra", "Claudia", "Gabriel", "Lukas", "Felix", "Daniel", "David", "Simon", "Tobias",
    "Donald", "Joe", "Joseph", "Kamala", "Barack", "Hillary", "John", "James", "Mike", "Marco",
    "Antony", "Lloyd", "Pete", "Elon", "Mark", "Emmanuel", "Keir", "Rishi", "Giorgia", "Viktor", "Recep",
    "Benjamin", "Narendra", "Xi", "Li", "Wang", "Yoon", "Lee", "Moon", "Shinzo", "Fumio", "Shigeru",
    "António", "Antonio", "Josep", "Kaja", "Charles", "Olena", "Andrij", "Dmytro", "Oleksandr",
    "Walerij", "Kyrylo", "Denys", "Mychajlo", "Jewhen", "Roman", "Ramsan", "Alexandr",
})  # fmt: skip

# heads of capitalised-adjective names ("Europäische Union", "Koreanische Volksarmee")
NAME_HEAD_TYPES: dict[str, str] = {
    "union": "ORG", "nationen": "ORG", "armee": "ORG", "volksarmee": "ORG", "partei": "ORG", "rat": "ORG",
    "bank": "ORG", "agentur": "ORG", "institut": "ORG", "kommission": "ORG", "parlament": "ORG",
    "gericht": "ORG", "gerichtshof": "ORG", "streitkräfte": "ORG", "föderation": "GPE", "republik": "GPE",
    "krieg": "EVENT", "krieges": "EVENT", "kriegs": "EVENT", "revolution": "EVENT", "spiele": "EVENT",
    "meer": "LOC", "meeres": "LOC", "see": "LOC", "halbinsel": "LOC", "gebirge": "LOC", "insel": "LOC",
}  # fmt: skip
# administrative-unit words followed by a name ("Region Kursk", "Oblast Donezk")
REGION_WORDS = frozenset({"Region", "Gebiet", "Oblast", "Provinz", "Bezirk", "Kanton", "Bundesstaat", "Bundesland"})
# capitalised words that are never (part of) a name
NOT_NAMES = frozenset({
    "Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine", "Einer", "Eines", "Einem", "Einen", "Er", "Sie",
    "Es", "Wir", "Ich", "Ihr", "Im", "Am", "In", "Mit", "Nach", "Von", "Vom", "Zum", "Zur", "Auf", "Aus",
    "Bei", "Für", "Um", "Über", "Unter", "Vor", "Seit", "Bis", "Laut", "Auch", "Und", "Aber", "Doch",
    "Dies", "Diese", "Dieser", "Dieses", "Damit", "Dabei", "Dazu", "Nun", "Jetzt", "Heute", "Als", "Wie",
    "Wenn", "Weil", "Dass", "Ob", "Was", "Wer", "Wo", "So", "Da", "Denn", "Noch", "Schon", "Nicht",
    "Anfang", "Mitte", "Ende", "Jahr", "Jahre", "Jahren", "Monat", "Woche", "Tag", "Tage", "TLDR",
    "Inhalt", "Quelle", "Datum", "Foto", "Bild", "Video", "OK", "TV", "KI", "ID", "II", "III", "IV",
})  # fmt: skip
