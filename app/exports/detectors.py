"""Koers' own detectors for what a Dutch de-identification library does not find.

Every detector takes a text (NFC-normalised, see `normalise`) and returns `Span`s: character
ranges of that text with the kind of identifier they hold. Kinds and their neutral tags are in
`KINDS`. The detectors are plain regular expressions and word lists, deny by default: a
capitalised word in the middle of a sentence is a name unless Koers knows it as a field word,
and a word with letters Dutch does not use (ł, ş, ı, ß ...) is a name wherever it stands.

Known names (of the case's household, the danger person, the school ...) are matched with
`KnownTerms`: text and terms are normalised (NFC) and folded the same way (case, accents,
Turkish dotted and dotless i, ß = ss), so "İnce", "Strauß" and a decomposed "Zoë" are found.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from app.exports import common_words

# --- kinds ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """A kind of identifier: its tag on the sheet, its Dutch words for the heading (singular,
    plural) and its weight when two findings overlap (the higher names the merged span)."""

    tag: str
    one: str
    many: str
    priority: int


KINDS: dict[str, Kind] = {
    "label": Kind("", "naam", "namen", 100),  # a household member's sheet label ("kind 1")
    "danger": Kind("", "naam", "namen", 100),  # the danger person ("[ex-partner]")
    "bsn": Kind("[bsn]", "BSN", "BSN's", 90),
    "iban": Kind("[iban]", "rekeningnummer", "rekeningnummers", 90),
    "kenteken": Kind("[kenteken]", "kenteken", "kentekens", 85),
    "handle": Kind("[handle]", "account", "accounts", 85),
    "e-mail": Kind("[e-mail]", "e-mailadres", "e-mailadressen", 85),
    "url": Kind("[url]", "link", "links", 85),
    "telefoon": Kind("[telefoon]", "telefoonnummer", "telefoonnummers", 80),
    "codewoord": Kind("[codewoord]", "codewoord", "codewoorden", 80),
    "school": Kind("[school]", "school", "scholen", 70),
    "werkgever": Kind("[werkgever]", "werkgever", "werkgevers", 70),
    "adres": Kind("[adres]", "adres", "adressen", 65),
    "postcode": Kind("[postcode]", "postcode", "postcodes", 66),
    "bijnaam": Kind("[bijnaam]", "bijnaam", "bijnamen", 60),
    "persoon": Kind("[persoon]", "naam", "namen", 50),
    "instelling": Kind("[instelling]", "instelling", "instellingen", 45),
    "plaats": Kind("[plaats]", "plaats", "plaatsen", 40),
    "datum": Kind("[datum]", "datum", "data", 30),
    "naam": Kind("[naam]", "naam", "namen", 20),
    "leeftijd": Kind("[leeftijd]", "leeftijd", "leeftijden", 15),
    "nummer": Kind("[nummer]", "nummer", "nummers", 10),
    # Blanked by the worker in the review.
    "weggelaten": Kind("[weggelaten]", "woord door de begeleider", "woorden door de begeleider", 5),
}
PERSON_KINDS = frozenset({"label", "danger", "persoon", "naam", "bijnaam"})


@dataclass(frozen=True, slots=True)
class Span:
    """Characters [start, end) of a text hold an identifier of `kind`; `tag` is what the
    sheet prints instead (the kind's own tag unless a label such as "kind 1" is given)."""

    start: int
    end: int
    kind: str
    tag: str = ""

    @property
    def printed(self) -> str:
        return self.tag or KINDS[self.kind].tag

    @property
    def priority(self) -> int:
        return KINDS[self.kind].priority


# --- normalising and folding ---------------------------------------------------------------

# Letters that casefold and accent stripping leave apart from their plain Latin twin.
_EXTRA_FOLD = {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "æ": "ae", "œ": "oe", "ŀ": "l"}


def normalise(text: str) -> str:
    """NFC without invisible format characters (soft hyphen, direction marks and overrides,
    zero-width spaces and joiners, word joiner: Unicode category Cf), the form in which every
    span of this module is counted. A name with an invisible character inside ("Ver\u200emaat",
    as text pasted from a chat app carries) is then the name the detectors know."""
    return "".join(c for c in unicodedata.normalize("NFC", text) if unicodedata.category(c) != "Cf")


def fold(text: str) -> tuple[str, list[int]]:
    """`text` case-folded with its accents dropped, and for each folded character the index
    of the character of `text` it came from. "İnce" -> "ince", "Strauß" -> "strauss",
    "Zoë" -> "zoe", whether "ë" came as one code point or as "e" and a combining mark."""
    out: list[str] = []
    index: list[int] = []
    for position, char in enumerate(text):
        for piece in char.casefold():
            piece = _EXTRA_FOLD.get(piece, piece)
            for plain in unicodedata.normalize("NFKD", piece):
                if unicodedata.category(plain) == "Mn":
                    continue
                out.append(plain)
                index.append(position)
    return "".join(out), index


def folded(term: str) -> str:
    """`term` folded as `fold` folds a text (whitespace collapsed)."""
    return " ".join(fold(normalise(term))[0].split())


# What may follow a known name and still be that name: a possessive or plural s, and the
# Dutch diminutives a family uses ("Raoultje", "Loïsje", "Zoëtje", "Kimmie", "Sammy").
_NAME_ENDINGS = r"'s|’s|s|['’-]?(?:tje|je|pje|kje|etje|ke|ie|tie|y|ey)(?:s)?"


class KnownTerms:
    """Names, places and schools the vault knows for this case, each with its kind and tag,
    found in a text whatever their case, accents or Unicode form. Longer terms win ("Raoul
    Terpstravelt" before "Raoul"); a possessive or plural s or a diminutive may follow
    ("Raouls", "Raoultje", "Loïsje", "Zoëtje")."""

    def __init__(self, terms: Iterable[tuple[str, str, str]]) -> None:
        """`terms`: (text, kind, tag) triples; the first triple of a folded text wins."""
        self._by_folded: dict[str, tuple[str, str]] = {}
        for text, kind, tag in terms:
            key = folded(text)
            if key and key not in self._by_folded:
                self._by_folded[key] = (kind, tag)
        alternatives = sorted(self._by_folded, key=len, reverse=True)
        body = "|".join(
            r"[\s-]+".join(re.escape(part) for part in re.split(r"[\s-]+", key))
            for key in alternatives
        )
        self._pattern = (
            re.compile(rf"(?<!\w)({body})(?:{_NAME_ENDINGS})?(?!\w)") if alternatives else None
        )

    def __bool__(self) -> bool:
        return self._pattern is not None

    def find(self, text: str) -> list[Span]:
        if self._pattern is None:
            return []
        flat, index = fold(text)
        spans = []
        for match in self._pattern.finditer(flat):
            key = " ".join(re.split(r"[\s-]+", match.group(1)))
            kind, tag = self._by_folded.get(key) or self._lookup_hyphened(match.group(1))
            start, end = index[match.start()], index[match.end() - 1] + 1
            spans.append(Span(start, end, kind, tag))
        return spans

    def _lookup_hyphened(self, found: str) -> tuple[str, str]:
        for key, value in self._by_folded.items():
            if re.sub(r"[\s-]+", " ", key) == re.sub(r"[\s-]+", " ", found):
                return value
        return ("persoon", "")


# --- word lists ----------------------------------------------------------------------------

_UPPER = "".join(sorted({c for c in map(chr, range(0x41, 0x250)) if c.isupper()}))
UP = "[" + re.escape(_UPPER) + "]"
_LETTERS_NOT_DUTCH = (
    set("ąćęłńśźżığşţțșăčďěňřťůžđőűãõñøåæœßðþħŀ")
    | {c.upper() for c in "ąćęłńśźżğşţțșăčďěňřťůžđőűãõñøåæœðþħŀ"}
    | {"İ"}
)

MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
WEEKDAYS = "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo"
_NUMBER_WORDS = (
    "een|eén|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien"
    "|vijftien|zestien|zeventien|achttien|negentien|twintig|eenentwintig|tweeëntwintig"
    "|drieëntwintig|vierentwintig|vijfentwintig|zesentwintig|zevenentwintig|achtentwintig"
    "|negenentwintig|dertig|eenendertig|eerste|tweede|derde|vierde|vijfde|zesde|zevende"
    "|achtste|negende|tiende|elfde|twaalfde|dertiende|veertiende|vijftiende|zestiende"
    "|zeventiende|achttiende|negentiende|twintigste|eenentwintigste|dertigste|eenendertigste"
)

# Capitalised words Koers keeps in the middle of a sentence: the field's organisations,
# countries, languages, platforms, feasts, months. Everything else capitalised is a name.
FIELD_WORDS = frozenset(
    """
    veilig thuis raad kinderbescherming jeugdbescherming jeugdzorg ggz ggd wmo zrm bsn iban
    politie wijkagent om openbaar ministerie rechtbank kinderrechter advocaat slachtofferhulp
    uwv duo svb cjg buurtteam wijkteam sociaal veiligheidshuis zorg huisarts take break
    oranje huis blijf groep fier kadera moviera sterk perspektief csg mda mdt vt amhk
    jbrb wsnp pgb aow ww bbz ziektewet zvw wlz jw vog zzp hbo mbo vmbo havo vwo roc
    nederland nederlands nederlandse turkije turks turkse marokko marokkaans marokkaanse
    suriname surinaams surinaamse polen pools poolse duitsland duits duitse syrië syrisch
    syrische eritrea eritrees eritrese afghanistan afghaans afghaanse irak iraaks iraakse
    iran iraans iraanse belgië belgisch belgische engels engelse arabisch koerdisch berbers
    tigrinya somalisch somalië somali antillen antilliaans antilliaanse curaçao aruba
    europa europees europese afrika azië amerika oekraïne oekraïens oekraïense roemenië
    roemeens bulgarije bulgaars ghana nigeria indonesië indonesisch kaapverdië spanje
    instagram facebook whatsapp snapchat tiktok telegram signal google youtube twitter
    marktplaats messenger sms
    ramadan suikerfeest offerfeest kerst kerstmis pasen pinksteren sinterklaas oud nieuw
    koran islam god allah jezus bijbel moskee kerk
    u uw ik
    januari februari maart april mei juni juli augustus september oktober november december
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
    """.split()
)
# Words that start a sentence so often that they are not worth a second look.
COMMON_STARTS = frozenset(
    """
    de het een ik je jij ze zij hij we wij u er daar dat dit die deze toen nu na voor sinds
    op in bij met volgens tijdens gisteren vandaag morgen vorige afgelopen ook wel niet geen
    haar zijn hun mijn ons onze als omdat maar en of want dus wat wie waar hoe waarom welke
    verder daarna daarnaast bovendien eerder later inmiddels vanwege door om over tot van
    mevrouw meneer moeder vader cliënt client kind kinderen zus broer oma opa tante oom
    sommige soms vaak nooit altijd elke iedere alle niemand iemand iets niets alles
    """.split()
)
TITLES = (
    "dhr|mevr|mw|mr|dr|drs|ir|ing|prof|meneer|mevrouw|juf|juffrouw|meester|mama|papa|opa|oma"
    "|tante|oom|zus|zusje|broer|broertje|neef|nicht|vriend|vriendin|vriendje|buurman|buurvrouw"
    "|moeder|vader|stiefvader|stiefmoeder|schoonmoeder|schoonvader|zwager|schoonzus|zoon"
    "|dochter|ex|partner|collega|baas|leidinggevende|manager|chef|teamleider|mentor|docent"
    "|coach|begeleider|voogd|pleegmoeder|pleegvader|kleinzoon|kleindochter|nichtje|neefje"
    "|heet|genaamd|genoemd"
)
_ABBREVIATIONS = frozenset(
    "dhr mevr mw mr dr drs ir ing prof st nr tel bijv evt ca vs resp mbt ivm tav oa ie dwz".split()
)

SCHOOL_WORDS = (
    "basisschool|school|daltonschool|montessorischool|jenaplanschool|vrijeschool|kindcentrum"
    "|ikc|college|lyceum|gymnasium|atheneum|scholengemeenschap|mavo|roc|hogeschool"
    "|universiteit|academie|kinderopvang|kinderdagverblijf|kdv|bso|peuterspeelzaal"
    "|peuteropvang|crèche|creche|praktijkschool|speciaal onderwijs|sbo|vso|cluster-?\\d"
    "|vakschool|vakcollege|mbo-school|mbo-instelling|hbo-instelling"
)
EMPLOYER_WORDS = (
    "bakkerij|slagerij|kapsalon|kapper|garage|autobedrijf|autogarage|transportbedrijf"
    "|transport|schoonmaakbedrijf|bouwbedrijf|installatiebedrijf|aannemersbedrijf|aannemer"
    "|supermarkt|restaurant|café|cafetaria|snackbar|shoarmazaak|pizzeria|hotel|winkel"
    "|tuincentrum|fabriek|distributiecentrum|magazijn|callcenter|uitzendbureau|thuiszorg"
    "|verpleeghuis|zorgcentrum|kantoor|firma|bedrijf|onderneming|groothandel|drukkerij"
    "|timmerbedrijf|loodgietersbedrijf|schildersbedrijf|hoveniersbedrijf|koeriersdienst"
    "|taxibedrijf|taxicentrale|beveiligingsbedrijf|pakketdienst|nagelstudio|sportschool"
    "|barbershop|kledingwinkel|bloemenwinkel|apotheek|praktijk|tandartspraktijk|stichting"
    "|vereniging|schoonmaakdienst|uitzendbureau|keuken|koffiebar|lunchroom|salon"
)
_LEGAL = r"(?:B\.?V\.?|N\.?V\.?|V\.?O\.?F\.?|C\.?V\.?|Holding|Groep|&\s*Zn\.?|en\s+Zonen)"
# School words that are abbreviations ("obs de springplank", "bso dribbel"): a word after
# them is the school's name even in lower case.
SCHOOL_ABBREVIATIONS = "obs|cbs|rkbs|pcbs|ikc|sbo|so|vso|bso|kdv|psz|roc"
STREET_SUFFIX = (
    "straat|laan|weg|plein|gracht|kade|singel|dijk|dreef|steeg|pad|hof|park|plantsoen|erf"
    "|markt|wal|haven|baan|boulevard|allee|ring|kwartier|hoek|veld|burcht|gaarde|wetering"
    "|vliet|zoom|hage|hout|akker|oord|straatje|steegje|pleintje"
)

# Name particles (folded): never a name on their own ("de", "ter info"), part of one beside a
# surname ("de Akkerer", "ter Boscher").
PARTICLES = frozenset(
    """
    de der den des van ter ten te het 't in op la le les el al bin ben ibn von vom zu zum
    zur da das di del della dos du
    """.split()
)


def is_particle(word: str) -> bool:
    """Whether `word` is a name particle ("de", "Ter", "’t"), whatever its case."""
    return folded(word).replace("’", "'") in PARTICLES


def surname_forms(name: str) -> list[str]:
    """The ways a name is written without its first name: from each particle on that follows
    a name word ("Esra de Akkerer" -> "de Akkerer"; "Anna van der Berg de Vries" -> "van der
    Berg de Vries", "de Vries"). Single words are the caller's."""
    words = name.split()
    return [
        " ".join(words[i:])
        for i in range(1, len(words) - 1)
        if is_particle(words[i]) and not is_particle(words[i - 1])
    ]


_KOERS_WORDS = (
    FIELD_WORDS
    | COMMON_STARTS
    | PARTICLES
    | frozenset(TITLES.split("|"))
    | frozenset(f"{MONTHS}|{WEEKDAYS}|{_NUMBER_WORDS}".split("|"))
)


def is_common_word(word: str) -> bool:
    """Whether `word` (any case) is an ordinary Dutch word: the library's whitelist and
    Koers' vocabulary (app/exports/common_words.py) or Koers' own word lists here."""
    return common_words.is_common(word) or common_words.key(word) in _KOERS_WORDS


_PARTICLE = r"(?:de|het|'t|’t|van|der|den|ter|ten|la|le|el|al|von|zu|&)"
_CAP = rf"{UP}[\w'’]*(?:-[\w'’]+)*"
# A name of one or more capitalised words, particles allowed between them.
NAME = rf"{_CAP}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_CAP})*"
_ARTICLE = r"(?:(?:[Dd]e|[Hh]et|'t|’t)[ \t]+)?"
_QUOTED = r"[\"“„«‘'][^\"”“»’'\n]{1,40}[\"”“»’']"


# --- regex detectors -----------------------------------------------------------------------


def _spans(pattern: re.Pattern[str], text: str, kind: str, group: int | str = 0) -> list[Span]:
    found = []
    for match in pattern.finditer(text):
        start, end = match.span(group)
        if start >= 0 and end > start:
            found.append(Span(start, end, kind))
    return found


IBAN = re.compile(
    r"(?<![\w])[A-Za-z]{2}\d{2}[ ]?(?:[A-Za-z0-9]{4}[ ]?){2,7}[A-Za-z0-9]{1,4}(?![\w])"
)


def iban(text: str) -> list[Span]:
    """IBANs, with or without spaces, whatever their country; at least one digit after the
    bank code, so words are not taken for one."""
    found = []
    for match in IBAN.finditer(text):
        value = match.group(0)
        compact = value.replace(" ", "")
        if 15 <= len(compact) <= 34 and sum(c.isdigit() for c in compact) >= 8:
            found.append(Span(match.start(), match.end(), "iban"))
    return found


# Dutch licence plates, sidecodes 1-14 (L: letter, D: digit).
_SIDECODES = [
    "LL-DD-DD", "DD-DD-LL", "DD-LL-DD", "LL-DD-LL", "LL-LL-DD", "DD-LL-LL", "DD-LLL-D",
    "D-LLL-DD", "LL-DDD-L", "L-DDD-LL", "LLL-DD-L", "L-DD-LLL", "D-LL-DDD", "DDD-LL-D",
]  # fmt: skip


def _sidecode(code: str, separator: str) -> str:
    groups = []
    for group in code.split("-"):
        letter, count = ("[A-Za-z]", len(group)) if group[0] == "L" else (r"\d", len(group))
        groups.append(f"{letter}{{{count}}}")
    return separator.join(groups)


PLATE = re.compile(
    r"(?<![\w-])(?:" + "|".join(_sidecode(code, r"[- ]") for code in _SIDECODES) + ")(?![\\w-])"
)
PLATE_PLAIN = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(_sidecode(code, "").replace("[A-Za-z]", "[A-Z]") for code in _SIDECODES)
    + r")(?![\w-])"
)
PLATE_AFTER_WORD = re.compile(
    r"(?i:kenteken(?:plaat|nummer)?|nummerbord)\s*:?\s*"
    r"([A-Za-z0-9]{1,3}[- ]?[A-Za-z0-9]{1,3}[- ]?[A-Za-z0-9]{1,3})(?!\w)"
)


def plates(text: str) -> list[Span]:
    """Dutch licence plates (sidecodes 1-14) with dashes or spaces, or unbroken in capitals,
    and whatever follows the word "kenteken"."""
    found = []
    for pattern in (PLATE, PLATE_PLAIN):
        for match in pattern.finditer(text):
            value = match.group(0)
            if any(c.isalpha() for c in value) and any(c.isdigit() for c in value):
                found.append(Span(match.start(), match.end(), "kenteken"))
    for match in PLATE_AFTER_WORD.finditer(text):
        value = match.group(1)
        if any(c.isdigit() for c in value):
            found.append(Span(match.start(1), match.end(1), "kenteken"))
    return found


HANDLE = re.compile(r"(?<![\w@.])@[\w][\w.]{1,40}")
# A word with an underscore, or letters, a dot and digits ("raoul.t_2024", "lisa.b99"), is a
# user name: Dutch has no such words.
USER_NAME = re.compile(r"(?<![\w@.])(?:\w[\w.]*_[\w.]*\w|[^\W\d_]+\.[^\W\d_]*\d+)(?![\w@])")
_PLATFORM = (
    r"(?i:instagram|insta|tiktok|snapchat|snap|facebook|fb|twitter|telegram|youtube"
    r"|onlyfans|discord|x)"
)
HANDLE_AFTER_PLATFORM = re.compile(
    _PLATFORM
    + r"(?:[ \t]+(?:(?i:als|heet|hij|zij|ze|onder|de|naam|account|is|hem|haar|:)[ \t]*)){0,4}"
    r"[ \t]*:?[ \t]*([\w][\w.]*[_\d.][\w.]*|[\w]+_[\w]*)"
)


# A name given as what someone is called on a platform, also without digits ("op TikTok heet
# hij raoulterp"), and letters glued to digits anywhere ("dennis88": no Dutch word is).
HANDLE_NAMED = re.compile(
    _PLATFORM + r"[ \t]+(?:\w+[ \t]+){0,3}?(?i:heet|als|onder|naam|account|is)[ \t]+"
    r"(?:(?i:hij|zij|ze|hem|haar)[ \t]+)?:?[ \t]*([a-zà-ÿ][\w.]{2,40}\w)(?![\w@])"
)
LETTERS_DIGITS = re.compile(r"(?<![\w@.#/-])[^\W\d_]{3,}\d{2,}(?![\w@])")


def handles(text: str) -> list[Span]:
    """Social-media handles: "@name", a user name (with _ . or digits) after a platform, a
    lower-case name given as someone's name on a platform, letters glued to digits."""
    found = []
    for match in HANDLE.finditer(text):
        end = match.end()
        while end > match.start() + 2 and text[end - 1] == ".":
            end -= 1
        found.append(Span(match.start(), end, "handle"))
    found += _spans(HANDLE_AFTER_PLATFORM, text, "handle", 1)
    found += _spans(USER_NAME, text, "handle")
    found += [
        Span(*match.span(1), "handle")
        for match in HANDLE_NAMED.finditer(text)
        if not is_common_word(match.group(1))
    ]
    found += _spans(LETTERS_DIGITS, text, "handle")
    return found


POSTCODE = re.compile(r"(?<![\w-])[1-9]\d{3}[ ]?(?!SA|SD|SS)[A-Z]{2}(?![\w])")
POSTCODE_LOWER = re.compile(r"(?<![\w-])[1-9]\d{3}[a-z]{2}(?![\w])")


def postcodes(text: str) -> list[Span]:
    """Dutch postcodes: "1234 AB", "1234AB" and "1234ab" (not "1234 ab": "2024 en")."""
    return _spans(POSTCODE, text, "postcode") + _spans(POSTCODE_LOWER, text, "postcode")


BSN_LIKE = re.compile(
    r"(?<![\w.-])(\d{3}[. -]?\d{3}[. -]?\d{3}|\d{4}[. -]?\d{2}[. -]?\d{3})(?![\w-]|\.\d)"
)


def bsn_valid(digits: str) -> bool:
    """The eleven-test of a BSN: 9x1 + 8x2 + ... + 2x8 - 1x9 divisible by 11 (not 0)."""
    if len(digits) != 9 or not digits.isdigit() or int(digits) == 0:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def numbers(text: str) -> list[Span]:
    """BSNs (nine digits passing the eleven-test, dots, dashes or spaces allowed) and other runs of
    seven or more digits (client numbers, file numbers)."""
    found = []
    for match in BSN_LIKE.finditer(text):
        digits = re.sub(r"\D", "", match.group(1))
        found.append(Span(*match.span(1), "bsn" if bsn_valid(digits) else "nummer"))
    found += _spans(re.compile(r"(?<![\w])\d{7,}(?![\w])"), text, "nummer")
    return found


PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\d[\d\s\-().]{7,}\d(?!\w)")


def phones(text: str, known_digits: Iterable[str] = ()) -> list[Span]:
    """Ten or more digits in any layout; shorter runs only when they are a known number."""
    known = {d for d in known_digits if d}
    found = []
    for match in PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        if len(digits) >= 10 or digits in known:
            found.append(Span(match.start(), match.end(), "telefoon"))
    return found


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# An address written so that a machine would not read it: "naam(at)mail(dot)com",
# "naam [at] mail punt nl", "naam apenstaartje mail.nl".
_AT_WORD = (
    r"(?:[ \t]*[(\[{][ \t]*(?:at|apenstaartje|a)[ \t]*[)\]}][ \t]*"
    r"|[ \t]+(?:at|apenstaartje)[ \t]+)"
)
_DOT_WORD = r"(?:\.|[ \t]*[(\[{][ \t]*(?:dot|punt)[ \t]*[)\]}][ \t]*|[ \t]+(?:dot|punt)[ \t]+)"
EMAIL_WRITTEN_OUT = re.compile(rf"(?i:[\w.+-]+{_AT_WORD}[\w-]+(?:{_DOT_WORD}[\w-]+)+)")
URL = re.compile(r"(?i:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)]")


def addresses_online(text: str) -> list[Span]:
    return (
        _spans(EMAIL, text, "e-mail")
        + _spans(EMAIL_WRITTEN_OUT, text, "e-mail")
        + _spans(URL, text, "url")
    )


DATES = [
    re.compile(
        rf"(?i:(?:(?:{WEEKDAYS})\.?[ \t]+)?(?:\d{{1,2}}(?:e|de|ste)?|{_NUMBER_WORDS})[ \t]+"
        rf"(?:van[ \t]+)?(?:{MONTHS})\.?(?:[ \t]+(?:'\d{{2}}|\d{{4}}))?)(?!\w)"
    ),
    re.compile(rf"(?i:(?:begin|eind|half|medio|midden)?[ \t]*(?:{MONTHS})\.?[ \t]+\d{{4}})(?!\w)"),
    # A year written out: "tweeduizend vijfentwintig", "negentienhonderdnegentig".
    re.compile(
        r"(?i:tweeduizend|negentienhonderd)[a-zë]*(?:[ \t]+[a-zë]*"
        r"(?:een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|tien|tig))?(?!\w)"
    ),
    re.compile(r"(?<![\w/.-])\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})(?![\w/-])"),
    re.compile(r"(?<![\w/.-])\d{4}-\d{2}-\d{2}(?![\w-])"),
    re.compile(rf"(?i:(?:{WEEKDAYS})\.?)[ \t]+\d{{1,2}}[-/]\d{{1,2}}(?![\w/-])"),
    re.compile(r"(?i:(?:op|sinds|tot|vanaf|per|voor|na)[ \t]+)(\d{1,2}[-/]\d{1,2})(?![\w/-])"),
    re.compile(r"(?i:geboren|geb\.)(?:[ \t]+(?:op|in))?[ \t]*:?[ \t]*(\d{4})(?!\w)"),
]


def dates(text: str) -> list[Span]:
    """Dates: "4 februari", "dinsdag 4 februari 2025", "de vierde van maart", "maart 2024",
    "04-02-2025", "2025-02-04", "op 4/2", and the year after "geboren"."""
    found = []
    for pattern in DATES:
        group = 1 if pattern.groups else 0
        found += _spans(pattern, text, "datum", group)
    return found


STREET = re.compile(
    rf"(?:{UP}[\w'’]*[ \t]+(?:{_PARTICLE}[ \t]+)*)*{UP}[\w'’-]*(?i:{STREET_SUFFIX})"
    rf"(?:[ \t]+(?i:nr\.?|nummer)?[ \t]*\d{{1,5}}(?:[ \t]?-?[ \t]?[A-Za-z](?![\w])"
    r"|[ \t]?-[ \t]?\d{1,4}|[ \t]+(?:hs|bis|bg|I{1,3})(?![\w]))?)?"
    r"(?![\w])"
)
HOUSE_NUMBER = re.compile(r"(?i:huisnummer|huisnr\.?)[ \t]*:?[ \t]*(\d{1,5}[A-Za-z]?)(?!\w)")


# A street typed in lower case ("in de keulsestraat 4"): only the suffixes no everyday word
# ends in often; an everyday word ("schoolplein", "hoofdstraat"?) is kept when the common
# word lists hold it.
LOWER_STREET = re.compile(
    r"(?<![\w@./-])([a-zà-ÿ][a-zà-ÿ'’-]{2,}(?:straat|laan|plein|gracht|kade|singel|dreef"
    r"|steeg|straatweg|dijk))(?:[ \t]+\d{1,5}[a-z]?)?(?![\w@])"
)


# Everyday words with a street's ending that the common word lists lack.
EVERYDAY_STREET_WORDS = frozenset(
    "schoolplein speelplein zijstraat winkelstraat dorpsplein marktplein kerkplein".split()
)


def streets(text: str) -> list[Span]:
    """Streets (a capitalised word ending in straat, laan, weg, plein, gracht ...) with the
    house number after them, a lower-case street that is no common word, and a number after
    "huisnummer"."""
    lower = [
        Span(match.start(), match.end(), "adres")
        for match in LOWER_STREET.finditer(text)
        if not is_common_word(match.group(1)) and match.group(1) not in EVERYDAY_STREET_WORDS
    ]
    return _spans(STREET, text, "adres") + lower + _spans(HOUSE_NUMBER, text, "adres", 1)


_SCHOOL_AFTER = re.compile(
    rf"(?<!\w)(?i:{SCHOOL_WORDS}|{SCHOOL_ABBREVIATIONS})[ \t]+({_ARTICLE}{NAME}|{_QUOTED})"
)
_EMPLOYER_AFTER = re.compile(rf"(?<!\w)(?i:{EMPLOYER_WORDS})[ \t]+({_ARTICLE}{NAME}|{_QUOTED})")
_WITH_LEGAL = re.compile(rf"(?:{NAME})[ \t]+{_LEGAL}(?![\w])")
_WORKS_AT = re.compile(
    r"(?i:werkt|werkte|werkzaam|in[ \t]+dienst|baan|stage|stageplek|bijbaan|vrijwilliger|"
    r"vrijwilligerswerk|solliciteerde|ontslagen|gewerkt|werken)[ \t]+(?i:bij|voor)[ \t]+"
    rf"({_ARTICLE}{NAME}|{_QUOTED})"
)
_AT_SCHOOL = re.compile(
    r"(?i:zit|zat|zitten|gaat|ging|naar school)[ \t]+(?i:op|naar)[ \t]+"
    rf"((?:[Dd]e|[Hh]et|'t|’t)[ \t]+{NAME}|{UP}[\w'’]*(?:[ \t]+{_CAP})*)"
)
_NAME_SEQUENCE = re.compile(rf"(?<![\w]){NAME}")
_SCHOOL_IN_NAME = re.compile(rf"(?i:(?:\w*)(?:{SCHOOL_WORDS}))$|^(?i:{SCHOOL_WORDS})")
_EMPLOYER_IN_NAME = re.compile(rf"(?i:\w*(?:{EMPLOYER_WORDS}))$")


def organisations(text: str) -> list[Span]:
    """Schools and employers: the name after a word such as basisschool, college, bakkerij
    (the word itself stays: "basisschool [school]"), a capitalised name holding such a word
    ("Het Baken College"), a name before B.V., N.V., Groep, and what follows "werkt bij",
    "zit op"."""
    found = _spans(_SCHOOL_AFTER, text, "school", 1)
    found += _spans(_EMPLOYER_AFTER, text, "werkgever", 1)
    found += _spans(_WITH_LEGAL, text, "werkgever")
    found += _spans(_WORKS_AT, text, "werkgever", 1)
    found += _spans(_AT_SCHOOL, text, "school", 1)
    for match in _NAME_SEQUENCE.finditer(text):
        words = match.group(0).split()
        if len(words) < 2:
            continue
        if any(_SCHOOL_IN_NAME.search(w) for w in words):
            found.append(Span(match.start(), match.end(), "school"))
        elif any(_EMPLOYER_IN_NAME.search(w) for w in words):
            found.append(Span(match.start(), match.end(), "werkgever"))
    return [_trim_particles(text, span) for span in found]


_SCHOOL_WORD = re.compile(
    rf"(?<![\w-])(?i:(?P<abbreviation>{SCHOOL_ABBREVIATIONS})|{SCHOOL_WORDS})(?![\w-])"
)
_LOWER_NAME_WORDS = re.compile(
    r"[ \t]+(?P<article>(?i:de|het|'t|’t)[ \t]+)?"
    r"(?P<words>[^\W\d_][\w'’]*(?:-[\w'’]+)*(?:[ \t]+[^\W\d_][\w'’]*(?:-[\w'’]+)*){0,2})"
)


def lower_case_schools(text: str) -> list[Span]:
    """A school's name typed in lower case: after an abbreviation ("obs de springplank",
    "bso dribbel") or after any school word and an article ("kinderopvang de hummeltjes").
    The name runs over at most three words, the next only after an inflected adjective
    ("de kleine prins"), and stops at a stop word ("en", "in", "is" ...)."""
    found = []
    stop = common_words.stop_words() | PARTICLES
    for match in _SCHOOL_WORD.finditer(text):
        follows = _LOWER_NAME_WORDS.match(text, match.end())
        if follows is None or not (follows.group("article") or match.group("abbreviation")):
            continue
        if not follows["words"][0].islower():
            continue  # a capitalised name: organisations() has it
        start = follows.start("article") if follows.group("article") else follows.start("words")
        end = start
        previous = ""
        for word in re.finditer(r"[\w'’]+(?:-[\w'’]+)*", follows["words"]):
            value = word.group(0)
            # A next word only after an inflected adjective ("de kleine prins"), so a verb
            # stays ("bso dribbel vangt ...", "de springplank zit ...").
            if common_words.key(value) in stop or (previous and not previous.endswith("e")):
                break
            previous = value
            end = follows.start("words") + word.end()
        if end > start:
            found.append(Span(start, end, "school"))
    return found


_NICK_NAMED = re.compile(
    r"(?i:noemt|noemen|noemde|noemden|bijnaam|alias|roepnaam|aka|a\.k\.a\.|ook[ \t]+wel)"
    r"(?:[ \t]+(?i:ze|zij|hij|we|wij|iedereen|men|ik|hem|haar|hen|hun|is|was|luidt|:))*"
    r"[ \t]*:?[ \t]*"
    rf"({_QUOTED}|{NAME}|[\w'’-]+)"
)
_NICK_CALLED = re.compile(rf"(?i:wordt|werd|worden)[ \t]+({_QUOTED}|{NAME})[ \t]+(?i:genoemd)")
_NICK_PARENTHESIS = re.compile(
    r"((?:"
    + _QUOTED
    + "|"
    + NAME
    + r")[ \t]*)?\((?i:zo[ \t]+noem\w*)(?:[ \t]+(?i:ze|zij|hij|we|wij|iedereen|men|ik|hem|haar"
    r"|hen|hun|de|buurt|familie|kinderen))*[ \t]*:?[ \t]*([^)]*)\)"
)
_QUOTE = re.compile(r"(?<![\w])([\"“„«‘'])([^\"”“»’'\n]{1,40})([\"”“»’'])(?![\w])")


def nicknames(text: str) -> list[Span]:
    """Nicknames: a short quoted name ("'Dikke Ricky'"), a name after "noemt hem", "bijnaam",
    "alias", "wordt ... genoemd", and the name before or inside "(zo noemt ze hem ...)"."""
    found = []
    for match in _QUOTE.finditer(text):
        inner = match.group(2)
        if inner[:2] in ("s ", "t ") or len(inner.split()) > 4:
            continue  # 's nachts, 't: no quote
        if any(w[:1].isupper() for w in inner.split()) or _named_before(text, match.start()):
            found.append(Span(match.start(), match.end(), "bijnaam"))
    found += _spans(_NICK_NAMED, text, "bijnaam", 1)
    found += _spans(_NICK_CALLED, text, "bijnaam", 1)
    for match in _NICK_PARENTHESIS.finditer(text):
        # The nickname is inside the brackets when it is given there, else just before them.
        group = 2 if match.group(2).strip() else 1
        start, end = match.span(group)
        value = text[start:end] if start >= 0 else ""
        if value.strip():
            found.append(Span(start, start + len(value.rstrip()), "bijnaam"))
    return [s for s in found if text[s.start : s.end].strip()]


def _named_before(text: str, position: int) -> bool:
    before = text[max(0, position - 40) : position].casefold()
    return bool(
        re.search(r"(noem\w*|genoemd|bijnaam|alias|roepnaam|heet)\W*(\w+\W*){0,3}$", before)
    )


_TITLED = re.compile(rf"(?<!\w)(?i:{TITLES})\.?[ \t]+({NAME})")
_CAPITALISED = re.compile(rf"(?<![\w'’@#/.-]){UP}[\w'’]*(?:-[\w'’]+)*")
_FOREIGN = re.compile(r"[\w'’-]+")
_PLACE_BEFORE = re.compile(r"(?i:in|uit|naar|te|vanuit|richting|rond|omgeving|buurt|bij)[ \t]+$")


def proper_nouns(text: str, keep: frozenset[str] = frozenset()) -> list[Span]:
    """Deny by default. A capitalised word in the middle of a sentence that is not a field
    word (FIELD_WORDS, `keep`) is a name ("[naam]"; "[plaats]" after "in", "uit", "naar");
    a capitalised name after a title or kin word ("tante Wilhelmina", "dhr. Jansen") is a
    person wherever it stands; a word with letters Dutch does not use (ł, ş, ß ..., and any
    script but Latin: Arabic, Cyrillic ...) is a name anywhere.
    A single capital letter and initials ("R.T.") are kept."""
    found = _spans(_TITLED, text, "persoon", 1)
    allowed = FIELD_WORDS | keep
    for match in _CAPITALISED.finditer(text):
        word = match.group(0)
        bare = word.rstrip("'’").removesuffix("'s").removesuffix("’s")
        if len(bare) < 2 or bare.casefold() in allowed or _initials(text, match.end()):
            continue
        if all(part.casefold() in allowed for part in bare.split("-")):
            continue
        if sentence_start(text, match.start()):
            continue
        before = text[max(0, match.start() - 30) : match.start()]
        kind = "plaats" if _PLACE_BEFORE.search(before) else "naam"
        found.append(Span(match.start(), match.end(), kind))
    for match in _FOREIGN.finditer(text):
        word = match.group(0)
        if any(c in _LETTERS_NOT_DUTCH or (c.isalpha() and ord(c) >= 0x250) for c in word):
            found.append(Span(match.start(), match.end(), "naam"))
    return found


def _initials(text: str, end: int) -> bool:
    return (
        end < len(text)
        and text[end] == "."
        and end >= 1
        and text[end - 2 : end - 1]
        in (
            "",
            ".",
            " ",
        )
    )


def sentence_start(text: str, position: int) -> bool:
    """Whether a word at `position` opens a sentence, a line, a list item or a quote that
    does: only whitespace, quotes, dashes or bullets between it and the text's start or a
    ". ! ? : …" (not the dot of "dhr." or "o.a.")."""
    i = position - 1
    while i >= 0 and text[i] in " \t\"“„«‘'*•–—-":
        i -= 1
    if i < 0 or text[i] == "\n":
        return True
    if text[i] in "!?:…":
        return True
    if text[i] == ".":
        word = re.search(r"([\w.]+)\.$", text[max(0, i - 12) : i + 1])
        if word is None:
            return True
        bare = word.group(1).replace(".", "").casefold()
        return bare not in _ABBREVIATIONS
    if text[i] == ")":
        j = text.rfind("(", 0, i)
        return j >= 0 and re.fullmatch(r"\(\w{1,3}\)", text[j : i + 1]) is not None
    return False


def _trim_particles(text: str, span: Span) -> Span:
    """A name found greedily may end in a particle ("Bakkerij Smit en de"): cut it off."""
    value = text[span.start : span.end]
    trimmed = re.sub(rf"(?:[ \t]+{_PARTICLE})+$", "", value)
    return Span(span.start, span.start + len(trimmed), span.kind, span.tag)


def all_patterns(
    text: str, known_digits: Iterable[str] = (), keep: frozenset[str] = frozenset()
) -> list[Span]:
    """Every regex detector of this module over `text`."""
    return (
        iban(text)
        + plates(text)
        + handles(text)
        + postcodes(text)
        + numbers(text)
        + phones(text, known_digits)
        + addresses_online(text)
        + dates(text)
        + streets(text)
        + organisations(text)
        + lower_case_schools(text)
        + nicknames(text)
        + proper_nouns(text, keep)
    )
