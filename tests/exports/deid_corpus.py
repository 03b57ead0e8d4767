"""Invented Dutch case-discussion sentences, each with the identifiers it holds.

Every name, street, school, plate, handle, BSN (valid eleven-test) and IBAN (valid check
digits) here is made up. The case the sentences are about is `CORPUS_CASE`: what its record
knows (client, danger person, child, address, school, code word) is a small part of what the
sentences name; most people a client talks about are not in the record.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    text: str
    identifiers: tuple[str, ...]


def s(text: str, *identifiers: str) -> Sentence:
    for identifier in identifiers:
        assert identifier in text, identifier
    return Sentence(text, identifiers)


# What the record knows (tests/exports/test_deidentify.py builds the case from it).
CLIENT = "Zoë Brinkhuizen"
DANGER = "Raoul Terpstravelt"
CHILD = "Loïs Brinkhuizen"
SCHOOL = "De Klimop"
STREET, HOUSE, POSTCODE, TOWN = "Wilgenroosstraat", "17", "3512 QX", "Veldhoven-Zuid"
CODE_WORD = "kolibrie"

CORPUS: tuple[Sentence, ...] = (
    # Spellings that slipped through once: a known name with a family's diminutive, a year in
    # words, a BSN with dashes, an address written out, lower-case streets and places, a
    # handle without digits, letters glued to digits.
    s("Raoultje belde weer en Loïsje huilde, zegt Zoëtje.", "Raoultje", "Loïsje", "Zoëtje"),
    s(
        "De melding was op twaalf maart tweeduizend vijfentwintig.",
        "twaalf maart",
        "tweeduizend vijfentwintig",
    ),
    s("Haar BSN is 123-456-782, zegt de gemeente.", "123-456-782"),
    s(
        "Mail naar z.brinkhuizen(at)gmail(dot)com voor de afspraak.",
        "z.brinkhuizen(at)gmail(dot)com",
    ),
    s("Ze werkt in de keulsestraat 12 en woont bij amersfoort.", "keulsestraat 12", "amersfoort"),
    s("Op TikTok heet hij raoulterp en hij volgt haar.", "raoulterp"),
    s("Hij stuurt berichten als dennis88 en belt anoniem.", "dennis88"),
    # The record's own people, in every spelling a worker types.
    s("Zoë is bang dat Raoul via Loïs contact zoekt.", "Zoë", "Raoul", "Loïs"),
    s("Sinds de melding slaapt zoe slecht en raoul blijft bellen.", "zoe", "raoul"),
    s("RAOUL TERPSTRAVELT stond gisteren weer bij de school.", "RAOUL TERPSTRAVELT"),
    s(
        "Mevrouw Brinkhuizen wil dat Terpstravelts moeder niet meer oppast.",
        "Brinkhuizen",
        "Terpstravelts",
    ),
    s("Loïs zit op De Klimop in groep vijf.", "Loïs", "De Klimop"),
    s(
        "Ze woont nog aan de Wilgenroosstraat 17, 3512 QX Veldhoven-Zuid.",
        "Wilgenroosstraat 17",
        "3512 QX",
        "Veldhoven-Zuid",
    ),
    s("Het codewoord kolibrie is met de buurvrouw afgesproken.", "kolibrie"),
    # Turkish names.
    s("Haar zwager Emre Yıldırım uit Deventer heeft haar bedreigd.", "Emre Yıldırım", "Deventer"),
    s("Ayşe Kaya, een vriendin van de moskee, biedt een logeerplek.", "Ayşe Kaya"),
    s(
        "De oom van Raoul, Mehmet Öztürk, werkt bij Bakkerij Öztürk in Almelo.",
        "Raoul",
        "Mehmet Öztürk",
        "Bakkerij Öztürk",
        "Almelo",
    ),
    s("Elif İnce is de juf van groep vijf en maakt zich zorgen.", "Elif İnce"),
    s(
        "Volgens Burak Şahin is Raoul vorige week in Enschede gezien.",
        "Burak Şahin",
        "Raoul",
        "Enschede",
    ),
    # Moroccan names.
    s(
        "Youssef El Amrani, de broer van Raoul, stond 's nachts voor de deur.",
        "Youssef El Amrani",
        "Raoul",
    ),
    s(
        "Haar schoonmoeder Fatima Bouzid neemt de kinderen mee naar Oujda.",
        "Fatima Bouzid",
        "Oujda",
    ),
    s(
        "De wijkagent Mohamed Ait Taleb kent het gezin uit Overvecht.",
        "Mohamed Ait Taleb",
        "Overvecht",
    ),
    s("Nadia Ouali van het buurtteam heeft de aanvraag voor de Wmo gedaan.", "Nadia Ouali"),
    # Surinamese and Antillean names.
    s("Haar broer Dwayne Doest (zo noemt ze hem Dushi) belt steeds.", "Dwayne Doest", "Dushi"),
    s("Sharmila Ramdin, haar beste vriendin, woont in de Bijlmer.", "Sharmila Ramdin", "Bijlmer"),
    s(
        "De nieuwe vriend van Raoul heet Rishi Jagesar en rijdt in een zwarte Golf.",
        "Raoul",
        "Rishi Jagesar",
    ),
    s("Tante Shanice Pinas heeft de kinderen opgevangen na het incident.", "Shanice Pinas"),
    s("Shurandy Martina uit Curaçao is de vader van haar oudste.", "Shurandy Martina"),
    # Polish and German names.
    s("Haar moeder heet Grażyna Kowalska en woont in Gdańsk.", "Grażyna Kowalska", "Gdańsk"),
    s(
        "Tomasz Wiśniewski, een collega van Raoul, heeft hem gewaarschuwd.",
        "Tomasz Wiśniewski",
        "Raoul",
    ),
    s("Agnieszka Nowak is de buurvrouw die de politie belde.", "Agnieszka Nowak"),
    s("De huisbaas Hans Strauß wil het huurcontract niet op haar naam zetten.", "Hans Strauß"),
    s("Jürgen Müller van de woningbouw komt dinsdag langs.", "Jürgen Müller"),
    s("Greta Schäfer, de pleegmoeder, vindt dat het beter gaat.", "Greta Schäfer"),
    # Other origins and Dutch names.
    s("Semhar Tesfay tolkt bij de gesprekken in het Tigrinya.", "Semhar Tesfay"),
    s("Rami Al-Hassan uit Zwolle is haar nieuwe partner.", "Rami Al-Hassan", "Zwolle"),
    s(
        "Haar ex Kevin de Groot woont aan de Merelstraat 14 in Zwolle.",
        "Kevin de Groot",
        "Merelstraat 14",
        "Zwolle",
    ),
    s("Annelies van Dijk is de mentor van de oudste dochter.", "Annelies van Dijk"),
    s("Wilhelmina Jansen belde gisteren of ze mocht komen logeren.", "Wilhelmina Jansen"),
    s("Tante Wilhelmina woont in Lelystad en wil helpen.", "Wilhelmina", "Lelystad"),
    s("Dhr. Bakhuizen van de woningcorporatie is op de hoogte.", "Bakhuizen"),
    s("Gisteren belde haar zus samira, die nog bij hun moeder woont.", "samira"),
    # Nicknames.
    s("Hij wordt 'Dikke Ricky' genoemd in de buurt.", "Dikke Ricky"),
    s("Zijn vrienden noemen hem Kobus, zijn echte naam weet ze niet.", "Kobus"),
    s("De man met de bijnaam \u201cde Sjeik\u201d heeft haar auto bekrast.", "de Sjeik"),
    s("Ze noemt haar zus altijd \u2018Mimi\u2019, die woont in Breda.", "Mimi", "Breda"),
    # Schools and employers.
    s("De oudste zit op basisschool De Regenboog in Tilburg.", "De Regenboog", "Tilburg"),
    s("Hij zit op het Stedelijk Gymnasium Leiden in de tweede klas.", "Stedelijk Gymnasium Leiden"),
    s("Haar zoon gaat naar het Montessori College Oost.", "Montessori College Oost"),
    s("Ze werkt bij Schoonmaakbedrijf Hendriks B.V. in Almere.", "Hendriks B.V.", "Almere"),
    s(
        "Raoul werkt bij Transportbedrijf Van der Linden en zijn leidinggevende is Peter Smit.",
        "Raoul",
        "Van der Linden",
        "Peter Smit",
    ),
    s("Ze heeft een bijbaan bij kapsalon Hair by Nesrin.", "Hair by Nesrin"),
    s("De kleine gaat drie dagen naar kinderdagverblijf Het Bolletje.", "Het Bolletje"),
    s("Hij is ontslagen bij Garage De Vries in Apeldoorn.", "De Vries", "Apeldoorn"),
    # Names typed in lower case, schools by their abbreviation.
    s(
        "wat doen we met ahmed en kleine pietje? ze zit op obs de springplank.",
        "ahmed",
        "pietje",
        "de springplank",
    ),
    s(
        "Haar oudste zit op cbs het anker en de kleine gaat naar bso dribbel.",
        "het anker",
        "dribbel",
    ),
    s("De jongste zit sinds de zomer op sbo de wingerd, de oudste op het vso.", "de wingerd"),
    s(
        "De bso dribbel vangt ze op; de oudste zit op obs de kleine prins.",
        "dribbel",
        "de kleine prins",
    ),
    s(
        "kevin de groot haalt de kinderen soms op bij kinderopvang de hummeltjes.",
        "kevin de groot",
        "de hummeltjes",
    ),
    s("Volgens fatima woont raoul nu in tilburg bij zijn broer.", "fatima", "raoul", "tilburg"),
    s(
        "De buurvrouw, mevrouw yilmaz, past op als ze naar het ikc de boomgaard gaat.",
        "yilmaz",
        "de boomgaard",
    ),
    s(
        "Ze heeft contact met sanne en lisa van peuterspeelzaal 't kabouterhuis.",
        "sanne",
        "lisa",
        "'t kabouterhuis",
    ),
    s(
        "mohammed en zijn zus yasmina zitten op pcbs de fontein.",
        "mohammed",
        "yasmina",
        "de fontein",
    ),
    s(
        "Ze houdt moed, haar lieve maatje helpt en de kdv is dicht.",
    ),
    # Plates, handles, numbers.
    s("Ze zag zijn auto met kenteken 45-KLM-7 voor de deur.", "45-KLM-7"),
    s("Zijn nieuwe auto heeft het nummerbord GZ-123-B, zegt de buurvrouw.", "GZ-123-B"),
    s("Hij reed in een busje, kenteken VNB-42-X, langs de school.", "VNB-42-X"),
    s("Op Instagram plaatst hij foto's van haar als @ricky_010.", "@ricky_010"),
    s("Haar zus volgt hem op TikTok, daar heet hij raoul.t_2024.", "raoul.t_2024"),
    s("Het account @zoe.brink is op haar verzoek verwijderd.", "@zoe.brink"),
    s("Haar BSN is 725763863 en dat van de kleine 162275869.", "725763863", "162275869"),
    s("BSN van de vader: 192.285.142, volgens de brief van de gemeente.", "192.285.142"),
    s(
        "De toeslag komt op NL67 INGB 0006 5432 10 in plaats van op haar eigen rekening.",
        "NL67 INGB 0006 5432 10",
    ),
    s("Raoul heeft nog toegang tot rekening NL03RABO0312456789.", "Raoul", "NL03RABO0312456789"),
    s(
        "Het geld ging naar NL17 ABNA 0587 4123 69 op naam van zijn moeder.",
        "NL17 ABNA 0587 4123 69",
    ),
    s(
        "Ze is bereikbaar op 06-41237856 en via zoe.b@voorbeeld.nl.",
        "06-41237856",
        "zoe.b@voorbeeld.nl",
    ),
    # Dates written out, postcodes, house numbers.
    s("Op dinsdag 4 februari 2025 kwam de politie na een melding.", "4 februari 2025"),
    s("Het huisverbod liep van 12 maart tot 22 maart.", "12 maart", "22 maart"),
    s("Ze is geboren op 3 juli 1991 in Paramaribo.", "3 juli 1991", "Paramaribo"),
    s("Sinds de vierde van april woont ze bij haar moeder.", "vierde van april"),
    s("Het incident was op 17-08-2024 bij het winkelcentrum.", "17-08-2024"),
    s(
        "De nieuwe woning is op de Kastanjelaan 8b, 7411 HK Deventer.",
        "Kastanjelaan 8b",
        "7411 HK",
        "Deventer",
    ),
    s("Haar moeder woont op huisnummer 112 in dezelfde flat.", "112"),
    s(
        "De opvang zit aan het Marktplein in Houten, postcode 3991ab.",
        "Marktplein",
        "Houten",
        "3991ab",
    ),
    # Several at once.
    s(
        "Semra Demir (zus) en haar man Okan wonen in de Rozenstraat 3 in Nijmegen.",
        "Semra Demir",
        "Okan",
        "Rozenstraat 3",
        "Nijmegen",
    ),
    s(
        "Pieter-Jan Vermeulen, de vader van Loïs, belt vanaf 0612345678.",
        "Pieter-Jan Vermeulen",
        "Loïs",
        "0612345678",
    ),
)
