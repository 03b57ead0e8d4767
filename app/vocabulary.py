"""The closed vocabularies of the work, with the Dutch words users see."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Labelled(StrEnum):
    @property
    def label(self) -> str:
        return LABELS.get(self.value, self.value)


class CaseStatus(Labelled):
    AANMELDING = "aanmelding"
    ACTIEF = "actief"
    NAZORG = "nazorg"
    AFGESLOTEN = "afgesloten"


class ContactKind(Labelled):
    HUISBEZOEK = "huisbezoek"
    KANTOOR = "kantoor"
    TELEFOON = "telefoon"
    BEELDBELLEN = "beeldbellen"
    MET_KETENPARTNER = "samen_met_ketenpartner"
    NIET_VERSCHENEN = "niet_verschenen"


class ContactStatus(Labelled):
    GEPLAND = "gepland"
    GEDAAN = "gedaan"


class RiskSituation(IntEnum):
    GEEN_DREIGING = 1
    GERINGE_DREIGING = 2
    ERNSTIGE_DREIGING = 3
    ACUUT_GEVAAR = 4

    @property
    def label(self) -> str:
        return RISK_LABELS[self.value]


RISK_LABELS = {1: "geen dreiging", 2: "geringe dreiging", 3: "ernstige dreiging", 4: "acuut gevaar"}


class LocationCode(Labelled):
    GROEN = "groen"
    ORANJE = "oranje"
    ROOD = "rood"


class AgreementStatus(Labelled):
    ACTIEF = "actief"
    NAGEKOMEN = "nagekomen"
    GESCHONDEN = "geschonden"
    VERVALLEN = "vervallen"


class GoalStatus(Labelled):
    OPEN = "open"
    BEZIG = "bezig"
    BEHAALD = "behaald"
    GESTOPT = "gestopt"


class LifeDomain(Labelled):
    """The thirteen domains of the Zelfredzaamheid-Matrix."""

    FINANCIEN = "financien"
    WERK_OPLEIDING = "werk_opleiding"
    TIJDSBESTEDING = "tijdsbesteding"
    HUISVESTING = "huisvesting"
    HUISELIJKE_RELATIES = "huiselijke_relaties"
    GEESTELIJKE_GEZONDHEID = "geestelijke_gezondheid"
    LICHAMELIJKE_GEZONDHEID = "lichamelijke_gezondheid"
    MIDDELENGEBRUIK = "middelengebruik"
    BASALE_ADL = "basale_adl"
    INSTRUMENTELE_ADL = "instrumentele_adl"
    SOCIAAL_NETWERK = "sociaal_netwerk"
    MAATSCHAPPELIJKE_PARTICIPATIE = "maatschappelijke_participatie"
    JUSTITIE = "justitie"


class PartnerKind(Labelled):
    WIJKTEAM = "wijkteam"
    BUURTTEAM = "buurtteam"
    VEILIG_THUIS = "veilig_thuis"
    POLITIE = "politie"
    GGZ = "ggz"
    SCHOOL = "school"
    HUISARTS = "huisarts"
    ANDERS = "anders"


class DangerRelation(Labelled):
    """Who the danger comes from, relative to the client."""

    EX_PARTNER = "ex_partner"
    PARTNER = "partner"
    FAMILIELID = "familielid"
    KIND = "kind"
    BEKENDE = "bekende"
    ANDERS_PERSOON = "anders_persoon"


class ClosingReason(Labelled):
    """Why a case ended (uitstroom); seed 004 asks for uitstroom to be monitored."""

    DOELEN_BEREIKT = "doelen_bereikt"
    UITVAL = "uitval"
    VERHUISD = "verhuisd"
    DOORVERWEZEN = "doorverwezen"
    OVERLEDEN = "overleden"
    ANDERE_REDEN = "andere_reden"


class Destination(Labelled):
    """Where the client goes after the case (uitstroombestemming)."""

    EIGEN_WONING = "eigen_woning"
    BUURTTEAM = "buurtteam_wijkteam"
    GGZ = "ggz_zorg"
    ANDERE_OPVANG = "andere_opvang"
    NETWERK = "eigen_netwerk"
    ONBEKEND = "onbekend"
    ANDERS_BESTEMMING = "anders_bestemming"


class Consent(Labelled):
    """The client's answer to "may we hand over?": asked and yes, asked and no, or not asked.
    Not asked is an answer of its own: an unticked box is not a no."""

    JA = "ja"
    NEE = "nee"
    NIET_GEVRAAGD = "niet_gevraagd"


class HandoverTarget(Labelled):
    COLLEGA = "collega"
    BUURTTEAM = "buurtteam"
    KETENPARTNER = "ketenpartner"


ZRM_SCORE_LABELS = {
    1: "acute problematiek",
    2: "niet zelfredzaam",
    3: "beperkt zelfredzaam",
    4: "voldoende zelfredzaam",
    5: "volledig zelfredzaam",
}

LABELS = {
    "aanmelding": "Aanmelding",
    "actief": "Actief",
    "nazorg": "Nazorg",
    "afgesloten": "Afgesloten",
    "huisbezoek": "Huisbezoek",
    "kantoor": "Kantoor",
    "telefoon": "Telefoon",
    "beeldbellen": "Beeldbellen",
    "samen_met_ketenpartner": "Samen met ketenpartner",
    "niet_verschenen": "Niet verschenen",
    "gepland": "Gepland",
    "gedaan": "Gedaan",
    "groen": "Groen",
    "oranje": "Oranje",
    "rood": "Rood",
    "nagekomen": "Nagekomen",
    "geschonden": "Geschonden",
    "vervallen": "Vervallen",
    "open": "Open",
    "bezig": "Bezig",
    "behaald": "Behaald",
    "gestopt": "Gestopt",
    "financien": "Financiën",
    "werk_opleiding": "Werk & opleiding",
    "tijdsbesteding": "Tijdsbesteding",
    "huisvesting": "Huisvesting",
    "huiselijke_relaties": "Huiselijke relaties",
    "geestelijke_gezondheid": "Geestelijke gezondheid",
    "lichamelijke_gezondheid": "Lichamelijke gezondheid",
    "middelengebruik": "Middelengebruik",
    "basale_adl": "Basale ADL",
    "instrumentele_adl": "Instrumentele ADL",
    "sociaal_netwerk": "Sociaal netwerk",
    "maatschappelijke_participatie": "Maatschappelijke participatie",
    "justitie": "Justitie",
    "wijkteam": "Wijkteam",
    "buurtteam": "Buurtteam",
    "veilig_thuis": "Veilig Thuis",
    "politie": "Politie / wijkagent",
    "ggz": "GGZ",
    "school": "School",
    "huisarts": "Huisarts",
    "anders": "Anders",
    "collega": "Collega",
    "ex_partner": "Ex-partner",
    "partner": "Partner",
    "familielid": "Familielid",
    "kind": "Kind",
    "bekende": "Bekende",
    "anders_persoon": "Anders",
    "doelen_bereikt": "Doelen bereikt",
    "uitval": "Uitval",
    "verhuisd": "Verhuisd",
    "doorverwezen": "Doorverwezen",
    "overleden": "Overleden",
    "andere_reden": "Andere reden",
    "eigen_woning": "Eigen woning",
    "buurtteam_wijkteam": "Buurtteam / wijkteam",
    "ggz_zorg": "GGZ",
    "andere_opvang": "Andere opvang",
    "eigen_netwerk": "Eigen netwerk",
    "onbekend": "Onbekend",
    "anders_bestemming": "Anders",
    "ketenpartner": "Ketenpartner",
    "ja": "Ja",
    "nee": "Nee",
    "niet_gevraagd": "Niet gevraagd",
}
