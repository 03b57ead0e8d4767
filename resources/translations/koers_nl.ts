<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl" sourcelanguage="en">
<context>
    <name>CaseFileView</name>
    <message>
        <location filename="../../ui/case_file.py" line="+56"/>
        <source>← Back</source>
        <translation>← Terug</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the previous screen</source>
        <translation>Terug naar het vorige scherm</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Risk</source>
        <translation>Risico</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Programme and phase</source>
        <translation>Programma en fase</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next contact</source>
        <translation>Volgend contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record &amp;contact</source>
        <translation>&amp;Contact vastleggen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record a contact (Ctrl+N)</source>
        <translation>Contact vastleggen (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Handover pack…</source>
        <translation>Over&amp;drachtsdossier…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export this case as an encrypted handover pack (PDF)</source>
        <translation>Deze casus exporteren als versleuteld overdrachtsdossier (pdf)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Teamkracht sheet…</source>
        <translation>Team&amp;kracht-blad…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export a pseudonymised sheet for a case discussion</source>
        <translation>Een gepseudonimiseerd blad voor een casusbespreking exporteren</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Case file sections</source>
        <translation>Onderdelen van het dossier</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show address</source>
        <translation>Toon adres</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shows the secret address; this is written to the access log</source>
        <translation>Toont het geheime adres; dit wordt vastgelegd in het toegangslog</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+5"/>
        <source>Overview</source>
        <translation>Overzicht</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+16"/>
        <source>Contacts</source>
        <translation>Contacten</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report</source>
        <translation>Verslag</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Safety plan version</source>
        <translation>Versie van het veiligheidsplan</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>Safety plan</source>
        <translation>Veiligheidsplan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safety agreements</source>
        <translation>Veiligheidsafspraken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agreements</source>
        <translation>Afspraken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Goals and actions</source>
        <translation>Doelen en acties</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Goals</source>
        <translation>Doelen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ZRM scores</source>
        <translation>ZRM-scores</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ZRM</source>
        <translation>ZRM</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warm handover</source>
        <translation>Warme overdracht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handover</source>
        <translation>Overdracht</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Case discussions</source>
        <translation>Casusbesprekingen</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Next contact: %1</source>
        <translation>Volgend contact: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no address recorded</source>
        <translation>geen adres vastgelegd</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>corrected</source>
        <translation>gecorrigeerd</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Version %1 of %2</source>
        <translation>Versie %1 van %2</translation>
    </message>
</context>
<context>
    <name>CaseSections</name>
    <message>
        <location filename="../../ui/case_sections.py" line="+60"/>
        <source>Client and household</source>
        <translation>Cliënt en huishouden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Initials</source>
        <translation>Initialen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birth year</source>
        <translation>Geboortejaar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adults</source>
        <translation>Volwassenen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Children</source>
        <translation>Kinderen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>May we call?</source>
        <translation>Mogen we bellen?</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>nee</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Safe times</source>
        <translation>Veilige tijden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>If someone else answers</source>
        <translation>Als iemand anders opneemt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Code word</source>
        <translation>Codewoord</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>interpreter needed</source>
        <translation>tolk nodig</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Programme</source>
        <translation>Programma</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+87"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="-86"/>
        <location line="+84"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>Planned end</source>
        <translation>Gepland einde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Worker</source>
        <translation>Begeleider</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back-up worker</source>
        <translation>Back-up begeleider</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Latest screening</source>
        <translation>Laatste screening</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Own contact frequency</source>
        <translation>Eigen contactfrequentie</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Involved partners</source>
        <translation>Betrokken ketenpartners</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No partners recorded.</source>
        <translation>Geen ketenpartners vastgelegd.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No safety plan yet.</source>
        <translation>Nog geen veiligheidsplan.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version</source>
        <translation>Versie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Made on</source>
        <translation>Gemaakt op</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+42"/>
        <source>Review date</source>
        <translation>Evaluatiedatum</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Warning signals</source>
        <translation>Waarschuwingssignalen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the client does</source>
        <translation>Wat de cliënt doet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safe people</source>
        <translation>Veilige personen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safe places</source>
        <translation>Veilige plekken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Emergency numbers</source>
        <translation>Noodnummers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Escape plan</source>
        <translation>Vluchtplan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Children&apos;s safety</source>
        <translation>Veiligheid van de kinderen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Time-out</source>
        <translation>Time-out</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Who leaves</source>
        <translation>Wie vertrekt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stays at</source>
        <translation>Verblijft bij</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>Van</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Until</source>
        <translation>Tot</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No safety agreements yet.</source>
        <translation>Nog geen veiligheidsafspraken.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Who</source>
        <translation>Wie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Made with</source>
        <translation>Gemaakt met</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Breach</source>
        <translation>Schending</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Follow-up</source>
        <translation>Opvolging</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No goals yet.</source>
        <translation>Nog geen doelen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>due</source>
        <translation>deadline</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No handover notes yet.</source>
        <translation>Nog geen overdrachten.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Written by</source>
        <translation>Geschreven door</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>Samenvatting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What works</source>
        <translation>Wat werkt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risks and agreements</source>
        <translation>Risico&apos;s en afspraken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open actions</source>
        <translation>Openstaande acties</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Client consents</source>
        <translation>Cliënt geeft toestemming</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Together with the client</source>
        <translation>Samen met de cliënt</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No case discussions yet.</source>
        <translation>Nog geen casusbesprekingen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Timeline</source>
        <translation>Tijdlijn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Strengths</source>
        <translation>Krachten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risks</source>
        <translation>Risico&apos;s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tried</source>
        <translation>Geprobeerd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>Uitkomst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next steps</source>
        <translation>Vervolgstappen</translation>
    </message>
</context>
<context>
    <name>CaseloadModel</name>
    <message>
        <location filename="../../ui/caseload_model.py" line="+37"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Initials</source>
        <translation>Initialen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Programme</source>
        <translation>Programma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phase</source>
        <translation>Fase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risk</source>
        <translation>Risico</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Worker</source>
        <translation>Begeleider</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last contact</source>
        <translation>Laatste contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next contact</source>
        <translation>Volgend contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>CaseloadPage</name>
    <message>
        <location filename="../../ui/caseload_page.py" line="+41"/>
        <source>Search names, initials and reports…</source>
        <translation>Zoek op naam, initialen en verslagen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the caseload</source>
        <translation>Zoeken in de caseload</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter by programme</source>
        <translation>Filter op programma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by phase</source>
        <translation>Filter op fase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by worker</source>
        <translation>Filter op begeleider</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by risk</source>
        <translation>Filter op risico</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any risk</source>
        <translation>Elk risico</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From %1</source>
        <translation>Vanaf %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only &amp;overdue</source>
        <translation>Alleen &amp;achterstallig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Number of cases shown</source>
        <translation>Aantal getoonde casussen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Caseload</source>
        <translation>Caseload</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Handover &amp;pack…</source>
        <translation>Over&amp;drachtsdossier…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export the selected cases, or all cases shown, as an encrypted handover pack</source>
        <translation>De gekozen casussen, of alle getoonde, exporteren als versleuteld overdrachtsdossier</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Team o&amp;verview…</source>
        <translation>Team&amp;overzicht…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Figures per worker and programme, as PDF or CSV</source>
        <translation>Cijfers per trajectbegeleider en programma, als pdf of csv</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>All programmes</source>
        <translation>Alle programma&apos;s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All phases</source>
        <translation>Alle fasen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All workers</source>
        <translation>Alle begeleiders</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>%1 of %2 cases</source>
        <translation>%1 van %2 casussen</translation>
    </message>
</context>
<context>
    <name>ContactForm</name>
    <message>
        <location filename="../../ui/contact_form.py" line="+54"/>
        <source>Record contact – %1</source>
        <translation>Contact vastleggen – %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record contact</source>
        <translation>Contact vastleggen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Names, separated by commas</source>
        <translation>Namen, gescheiden door komma&apos;s</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>What happened, in a few sentences</source>
        <translation>Wat er gebeurde, in een paar zinnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safety check &amp;done</source>
        <translation>Veiligheidscheck ge&amp;daan</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;When</source>
        <translation>&amp;Wanneer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind</source>
        <translation>&amp;Soort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;uration</source>
        <translation>D&amp;uur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Location</source>
        <translation>&amp;Locatie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Present</source>
        <translation>&amp;Aanwezig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Life do&amp;mains</source>
        <translation>Leef&amp;gebieden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Report</source>
        <translation>&amp;Verslag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What &amp;changed in safety</source>
        <translation>Wat ve&amp;randerde in de veiligheid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;greements made</source>
        <translation>Gemaakte afs&amp;praken</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Undo</source>
        <translation>&amp;Ongedaan maken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo the last change in this form</source>
        <translation>Maak de laatste wijziging in dit formulier ongedaan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save</source>
        <translation>&amp;Opslaan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save (Ctrl+Enter)</source>
        <translation>Opslaan (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Discard</source>
        <translation>&amp;Weggooien</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep as draft</source>
        <translation>Bewaren als concept</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Draft restored</source>
        <translation>Concept hersteld</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>Draft saved</source>
        <translation>Concept bewaard</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Saving…</source>
        <translation>Bezig met opslaan…</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/tasks.py" line="+95"/>
        <source>Something went wrong. Please try again; your input has been kept.</source>
        <translation>Er ging iets mis. Probeer het opnieuw; je invoer is bewaard.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/export_dialog.py" line="+51"/>
        <source>Export handover pack</source>
        <translation>Overdrachtsdossier exporteren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export teamkracht sheet</source>
        <translation>Teamkracht-blad exporteren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export team overview</source>
        <translation>Teamoverzicht exporteren</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>File to write</source>
        <translation>Bestand om te schrijven</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Browse…</source>
        <translation>Bla&amp;deren…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Let Koers make a &amp;password (shown once)</source>
        <translation>Koers maakt een wachtwoord (één keer &amp;getoond)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose my &amp;own password</source>
        <translation>&amp;Zelf een wachtwoord kiezen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Include &amp;secret addresses (written to the access log)</source>
        <translation>Geheime &amp;adressen opnemen (komt in het toegangslogboek)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>As &amp;CSV for a spreadsheet</source>
        <translation>Als &amp;csv voor een spreadsheet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PDF password</source>
        <translation>Wachtwoord van de pdf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat the PDF password</source>
        <translation>Herhaal het wachtwoord van de pdf</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Pass&amp;word</source>
        <translation>&amp;Wachtwoord</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Repeat</source>
        <translation>&amp;Herhaal</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Empty: the question of the last prepared discussion</source>
        <translation>Leeg: de vraag van de laatst voorbereide bespreking</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Question for the team</source>
        <translation>Vraag aan het team</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Question</source>
        <translation>&amp;Vraag</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Message</source>
        <translation>Melding</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Export</source>
        <translation>&amp;Exporteren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Choose a file to write.</source>
        <translation>Kies een bestand om te schrijven.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The two passwords differ.</source>
        <translation>De twee wachtwoorden verschillen.</translation>
    </message>
</context>
<context>
    <name>ExportDoneDialog</name>
    <message>
        <location line="+24"/>
        <source>Export saved</source>
        <translation>Export opgeslagen</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n pagina</numerusform>
            <numerusform>%n pagina&apos;s</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV</source>
        <translation>csv</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n casus</numerusform>
            <numerusform>%n casussen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved: %1 (%2, %3).</source>
        <translation>Opgeslagen: %1 (%2, %3).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The password of this PDF. It is shown only now: write it down or pass it on through another channel than the file.</source>
        <translation>Het wachtwoord van deze pdf. Het wordt alleen nu getoond: schrijf het op of geef het door via een ander kanaal dan het bestand.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>PDF password</source>
        <translation>Wachtwoord van de pdf</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <location filename="../../ui/formatting.py" line="+37"/>
        <source>no screening</source>
        <translation>geen screening</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n dag te laat</numerusform>
            <numerusform>%n dagen te laat</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no contact due</source>
        <translation>geen contact gepland</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>today</source>
        <translation>vandaag</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+111"/>
        <source>&amp;Today</source>
        <translation>&amp;Vandaag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Caseload</source>
        <translation>&amp;Caseload</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New contact</source>
        <translation>&amp;Nieuw contact</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Record a contact for the chosen case</source>
        <translation>Contact vastleggen voor de gekozen casus</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>S&amp;ync</source>
        <translation>S&amp;ynchroniseren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Synchronise now</source>
        <translation>Nu synchroniseren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Se&amp;ttings</source>
        <translation>&amp;Instellingen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Lock</source>
        <translation>&amp;Vergrendelen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quick hide</source>
        <translation>&amp;Snel verbergen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lock and minimise at once</source>
        <translation>Meteen vergrendelen en minimaliseren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Main toolbar</source>
        <translation>Hoofdwerkbalk</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Busy</source>
        <translation>Bezig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Working…</source>
        <translation>Bezig…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sync status</source>
        <translation>Synchronisatiestatus</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Too many wrong passphrases.</source>
        <translation>Te vaak een onjuist wachtwoord.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Signed in as %1</source>
        <translation>Aangemeld als %1</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>This laptop was revoked by your organisation; its vault has been erased.</source>
        <translation>Deze laptop is door je organisatie ingetrokken; de kluis is gewist.</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>No cases to export.</source>
        <translation>Geen casussen om te exporteren.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n case(s) in one encrypted PDF.</source>
        <translation>
            <numerusform>%n casus in één versleutelde pdf.</numerusform>
            <numerusform>%n casussen in één versleutelde pdf.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A pseudonymised sheet of this case for the team discussion.</source>
        <translation>Een gepseudonimiseerd blad van deze casus voor de teambespreking.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Figures per worker and programme; no client data.</source>
        <translation>Cijfers per trajectbegeleider en programma; geen cliëntgegevens.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Choose a case first.</source>
        <translation>Kies eerst een casus.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Contact saved.</source>
        <translation>Contact opgeslagen.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>An unsaved contact was restored.</source>
        <translation>Een niet-opgeslagen contact is hersteld.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="+24"/>
        <source>Settings</source>
        <translation>Instellingen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> minutes</source>
        <translation> minuten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lock after idle time</source>
        <translation>Vergrendelen na inactiviteit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A new language is used from the next start of Koers.</source>
        <translation>Een andere taal gaat in bij de volgende start van Koers.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Lock after</source>
        <translation>&amp;Vergrendelen na</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>La&amp;nguage</source>
        <translation>&amp;Taal</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../ui/sync_controller.py" line="+77"/>
        <source>Synchronising…</source>
        <translation>Bezig met synchroniseren…</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+10"/>
        <source>Not linked to a server: working offline</source>
        <translation>Niet gekoppeld aan een server: je werkt offline</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Sync refused: ask your administrator</source>
        <translation>Synchroniseren geweigerd: vraag je beheerder</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync failed; your changes are kept</source>
        <translation>Synchroniseren mislukt; je wijzigingen zijn bewaard</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last synced %1</source>
        <translation>Laatst gesynchroniseerd %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Never synced</source>
        <translation>Nog nooit gesynchroniseerd</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n wijziging wacht</numerusform>
            <numerusform>%n wijzigingen wachten</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>everything sent</source>
        <translation>alles verstuurd</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../ui/today_page.py" line="+68"/>
        <source>Planned visits today</source>
        <translation>Geplande bezoeken vandaag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+5"/>
        <location line="+5"/>
        <location line="+5"/>
        <location line="+5"/>
        <source>Client</source>
        <translation>Cliënt</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No visits planned today.</source>
        <translation>Vandaag geen bezoeken gepland.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Overdue contact</source>
        <translation>Achterstallig contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>Achterstand</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+10"/>
        <source>Programme</source>
        <translation>Programma</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Risk</source>
        <translation>Risico</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nobody is waiting for contact.</source>
        <translation>Niemand wacht op contact.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Safety plans and agreements to review</source>
        <translation>Veiligheidsplannen en afspraken te evalueren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review date</source>
        <translation>Evaluatiedatum</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What</source>
        <translation>Wat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing to review.</source>
        <translation>Niets te evalueren.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Programme end approaching</source>
        <translation>Einde programma nadert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ends</source>
        <translation>Einde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No programme ends soon.</source>
        <translation>Geen programma loopt binnenkort af.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Aftercare check-ins due</source>
        <translation>Nazorgcontacten binnenkort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>Gepland</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No check-ins due.</source>
        <translation>Geen nazorgcontacten te doen.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Today, %1</source>
        <translation>Vandaag, %1</translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <location filename="../../ui/unlock.py" line="+45"/>
        <source>Your name</source>
        <translation>Je naam</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Passphrase</source>
        <translation>Wachtwoord</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Repeat passphrase</source>
        <translation>Herhaal wachtwoord</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Passphrase strength</source>
        <translation>Sterkte van het wachtwoord</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Message</source>
        <translation>Melding</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restore &amp;backup</source>
        <translation>&amp;Back-up terugzetten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replace the damaged vault file with its newest automatic backup</source>
        <translation>Het beschadigde kluisbestand vervangen door de nieuwste automatische back-up</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your &amp;name</source>
        <translation>Je &amp;naam</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Passphrase</source>
        <translation>&amp;Wachtwoord</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Repeat passphrase</source>
        <translation>&amp;Herhaal wachtwoord</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Welcome to Koers</source>
        <translation>Welkom bij Koers</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a passphrase for your encrypted vault. Without it nobody can read your cases, not even on a lost laptop. A short sentence is easy to remember and hard to guess.</source>
        <translation>Kies een wachtwoord voor je versleutelde kluis. Zonder dat wachtwoord kan niemand je casussen lezen, ook niet op een verloren laptop. Een korte zin is makkelijk te onthouden en moeilijk te raden.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Create vault</source>
        <translation>Kluis maken</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Koers is locked</source>
        <translation>Koers is vergrendeld</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter your passphrase to open your caseload.</source>
        <translation>Vul je wachtwoord in om je caseload te openen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlock</source>
        <translation>Ontgrendelen</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Opening the vault…</source>
        <translation>Kluis wordt geopend…</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>You can try again in %n second(s).</source>
        <translation>
            <numerusform>Probeer het over %n seconde opnieuw.</numerusform>
            <numerusform>Probeer het over %n seconden opnieuw.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>Too short: at least %n characters</source>
        <translation>
            <numerusform>Te kort: minstens %n teken</numerusform>
            <numerusform>Te kort: minstens %n tekens</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weak</source>
        <translation>Zwak</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fair</source>
        <translation>Redelijk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Good</source>
        <translation>Goed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Strong</source>
        <translation>Sterk</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Enter your passphrase to restore the backup.</source>
        <translation>Vul je wachtwoord in om de back-up terug te zetten.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Fill in your name.</source>
        <translation>Vul je naam in.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The passphrase needs at least %n characters.</source>
        <translation>
            <numerusform>Het wachtwoord moet minstens %n teken lang zijn.</numerusform>
            <numerusform>Het wachtwoord moet minstens %n tekens lang zijn.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The two passphrases differ.</source>
        <translation>De twee wachtwoorden verschillen.</translation>
    </message>
</context>
<context>
    <name>ZrmChart</name>
    <message>
        <location filename="../../ui/zrm_chart.py" line="+24"/>
        <source>ZRM trend chart</source>
        <translation>ZRM-verloop</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No ZRM yet.</source>
        <translation>Nog geen ZRM.</translation>
    </message>
</context>
</TS>
