<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl" sourcelanguage="en">
<context>
    <name>ActionForm</name>
    <message>
        <location filename="../../ui/case_file/goal_forms.py" line="+231"/>
        <source>New action</source>
        <translation>Nieuwe actie</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+55"/>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>e.g. make an appointment with debt help</source>
        <translation>bijv. afspraak maken bij de schuldhulp</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. client, worker, buurtteam</source>
        <translation>bijv. cliënt, trajectbegeleider, buurtteam</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Goal</source>
        <translation>&amp;Doel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Action</source>
        <translation>&amp;Actie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Who</source>
        <translation>&amp;Wie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;ue date</source>
        <translation>&amp;Streefdatum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Status</source>
        <translation>S&amp;tatus</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>– choose a goal –</source>
        <translation>– kies een doel –</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(a goal no longer in the case file)</source>
        <translation>(een doel dat niet meer in het dossier staat)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>This action is no longer in the case file.</source>
        <translation>Deze actie staat niet meer in het dossier.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change action</source>
        <translation>Actie wijzigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status now: %1.</source>
        <translation>Status nu: %1.</translation>
    </message>
</context>
<context>
    <name>AgreementForm</name>
    <message>
        <location filename="../../ui/case_file/safety_forms.py" line="+322"/>
        <location line="+35"/>
        <source>Safety agreement</source>
        <translation>Veiligheidsafspraak</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>e.g. the partner, the client, both parents</source>
        <translation>bijv. de partner, de cliënt, beide ouders</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. the partner does not come to the house without an appointment</source>
        <translation>bijv. partner komt niet zonder afspraak naar de woning</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. client and partner, Veilig Thuis</source>
        <translation>bijv. cliënt en partner, Veilig Thuis</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Who</source>
        <translation>&amp;Wie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Agreement</source>
        <translation>&amp;Afspraak</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Made w&amp;ith</source>
        <translation>Gemaakt &amp;met</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Start</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Review date</source>
        <translation>&amp;Evaluatiedatum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stat&amp;us</source>
        <translation>Stat&amp;us</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>This agreement is no longer in the case file.</source>
        <translation>Deze afspraak staat niet meer in het dossier.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change agreement</source>
        <translation>Afspraak wijzigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start %1; status now: %2.</source>
        <translation>Start %1; status nu: %2.</translation>
    </message>
</context>
<context>
    <name>AgreementsTab</name>
    <message>
        <location filename="../../ui/case_file/agreements.py" line="+60"/>
        <source>Add a&amp;greement…</source>
        <translation>Afspraak &amp;toevoegen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a safety agreement: who agrees to what, with whom</source>
        <translation>Een veiligheidsafspraak toevoegen: wie spreekt wat af, met wie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change stat&amp;us…</source>
        <translation>Stat&amp;us wijzigen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change the chosen agreement: its status (nagekomen, geschonden, vervallen) or its text</source>
        <translation>De gekozen afspraak wijzigen: de status (nagekomen, geschonden, vervallen) of de tekst</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Record &amp;breach…</source>
        <translation>Schending &amp;vastleggen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record a breach of an agreement: when and what happened</source>
        <translation>Een schending van een afspraak vastleggen: wanneer en wat er gebeurde</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write &amp;follow-up…</source>
        <translation>Opvolging sch&amp;rijven…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write what was done about a breach; until then the breach stays open</source>
        <translation>Vastleggen wat er met een schending is gedaan; tot dan blijft de schending open</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Agree&amp;ments</source>
        <translation>Afsprake&amp;n</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Agreement</source>
        <translation>Afspraak</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who</source>
        <translation>Wie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review date</source>
        <translation>Evaluatiedatum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Breaches</source>
        <translation>Schendingen</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Breach %1: %2</source>
        <translation>Schending %1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>⚠ open</source>
        <translation>⚠ open</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>followed up</source>
        <translation>opgevolgd</translation>
    </message>
    <message>
        <location line="+126"/>
        <source>%1 · %2 open</source>
        <translation>%1 · %2 open</translation>
    </message>
</context>
<context>
    <name>BreachForm</name>
    <message>
        <location filename="../../ui/case_file/safety_forms.py" line="+77"/>
        <source>Breach of an agreement</source>
        <translation>Schending van een afspraak</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>– choose the agreement –</source>
        <translation>– kies de afspraak –</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Agreement</source>
        <translation>&amp;Afspraak</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Date</source>
        <translation>&amp;Datum</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;What happened</source>
        <translation>&amp;Wat er gebeurde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the agreement&apos;s status to &amp;geschonden</source>
        <translation>Status van de afspraak op &amp;geschonden zetten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Untick when the agreement stays in force (actief) despite this breach</source>
        <translation>Vink uit als de afspraak ondanks deze schending van kracht blijft (actief)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>There is no agreement in force to record a breach of.</source>
        <translation>Er is geen lopende afspraak om een schending bij vast te leggen.</translation>
    </message>
</context>
<context>
    <name>CaseFileActions</name>
    <message>
        <location filename="../../ui/case_file/actions.py" line="+186"/>
        <source>A de-identified sheet made from the case discussion of %1.</source>
        <translation>Een blad zonder herkenbare gegevens, gemaakt van de casusbespreking van %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Empty: the question of this discussion</source>
        <translation>Leeg: de vraag van deze bespreking</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Case closed; nazorg follows.</source>
        <translation>Casus afgesloten; nazorg volgt.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Appointment cancelled.</source>
        <translation>Afspraak geannuleerd.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The other value was taken.</source>
        <translation>De andere waarde is overgenomen.</translation>
    </message>
    <message>
        <location filename="../../ui/translation_catalog.py" line="+16"/>
        <source>Action saved.</source>
        <translation>Actie opgeslagen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agreement saved.</source>
        <translation>Afspraak opgeslagen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Breach recorded.</source>
        <translation>Schending vastgelegd.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case closed.</source>
        <translation>Casus afgesloten.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case discussion prepared.</source>
        <translation>Casusbespreking voorbereid.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case reopened.</source>
        <translation>Casus heropend.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact corrected.</source>
        <translation>Contact gecorrigeerd.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evaluation of the safety plan saved.</source>
        <translation>Evaluatie van het veiligheidsplan opgeslagen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up saved.</source>
        <translation>Opvolging opgeslagen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Goal saved.</source>
        <translation>Doel opgeslagen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handover note saved.</source>
        <translation>Warme overdracht opgeslagen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome of the case discussion saved.</source>
        <translation>Uitkomst van de casusbespreking opgeslagen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Own contact frequency ended.</source>
        <translation>Eigen contactfrequentie beëindigd.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Own contact frequency saved.</source>
        <translation>Eigen contactfrequentie opgeslagen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phase changed.</source>
        <translation>Fase aangepast.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Programme switched.</source>
        <translation>Van programma gewisseld.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safety plan saved as a new version.</source>
        <translation>Veiligheidsplan opgeslagen als nieuwe versie.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Screening saved.</source>
        <translation>Screening opgeslagen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visit planned.</source>
        <translation>Afspraak gepland.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ZRM saved.</source>
        <translation>ZRM opgeslagen.</translation>
    </message>
</context>
<context>
    <name>CaseFileView</name>
    <message>
        <location filename="../../ui/case_file/view.py" line="+91"/>
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
        <location line="+4"/>
        <source>Export a de-identified sheet for a case discussion</source>
        <translation>Een blad zonder herkenbare gegevens exporteren voor een casusbespreking</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Record &amp;contact</source>
        <translation>&amp;Contact vastleggen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record a contact (Ctrl+N)</source>
        <translation>Contact vastleggen (Ctrl+N)</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>&amp;Handover pack…</source>
        <translation>Over&amp;drachtsdossier…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export this case as an encrypted handover pack (PDF)</source>
        <translation>Deze casus exporteren als versleuteld overdrachtsdossier (pdf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Teamkracht sheet…</source>
        <translation>Team&amp;kracht-blad…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Plan &amp;visit…</source>
        <translation>&amp;Afspraak plannen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan a home visit or another contact</source>
        <translation>Een huisbezoek of ander contact plannen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Screening…</source>
        <translation>&amp;Screening…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record a new risk screening (risicoscreening)</source>
        <translation>Een nieuwe risicoscreening vastleggen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change &amp;phase…</source>
        <translation>Fase aan&amp;passen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;witch programme…</source>
        <translation>Programma &amp;wisselen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Own contact &amp;frequency…</source>
        <translation>Eigen contact&amp;frequentie…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;End own frequency…</source>
        <translation>&amp;Eigen frequentie beëindigen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Programme</source>
        <translation>&amp;Programma</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change the phase, switch programme or set the case&apos;s own frequency</source>
        <translation>De fase aanpassen, van programma wisselen of een eigen contactfrequentie instellen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Edit details…</source>
        <translation>Gegevens &amp;wijzigen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the client&apos;s details, household and partners</source>
        <translation>De gegevens, het huishouden en de ketenpartners van de cliënt wijzigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lose case…</source>
        <translation>Afs&amp;luiten…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the case (uitstroom), with or without nazorg</source>
        <translation>De casus afsluiten (uitstroom), met of zonder nazorg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;open case…</source>
        <translation>Her&amp;openen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+231"/>
        <source>Take the case back after a relapse (terugval)</source>
        <translation>De casus weer oppakken na een terugval</translation>
    </message>
    <message>
        <location line="-203"/>
        <source>Case file sections</source>
        <translation>Onderdelen van het dossier</translation>
    </message>
    <message>
        <location line="+168"/>
        <source>Agreements (%1 open)</source>
        <translation>Veiligheidsafspraken (%1 open)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Breaches without a follow-up: %1</source>
        <translation>Schendingen zonder opvolging: %1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The guarantee period ended on %1: register the client as a new aanmelding.</source>
        <translation>De terugvalgarantie liep af op %1: meld de cliënt aan als nieuwe aanmelding.</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/overview.py" line="+38"/>
        <source>Show address</source>
        <translation>Toon adres</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shows the secret address; this is written to the access log</source>
        <translation>Toont het geheime adres; dit wordt vastgelegd in het toegangslog</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../ui/case_file/view.py" line="-179"/>
        <source>Overview</source>
        <translation>Overzicht</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/contacts.py" line="+48"/>
        <source>Ca&amp;ncel appointment…</source>
        <translation>Afspraak a&amp;nnuleren…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel the chosen planned visit (Delete)</source>
        <translation>De gekozen afspraak annuleren (Delete)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Co&amp;rrect contact…</source>
        <translation>Contact co&amp;rrigeren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Correct the chosen contact: a new version; the earlier text stays in its history</source>
        <translation>Corrigeer het gekozen contact: een nieuwe versie; de eerdere tekst blijft in de geschiedenis</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../../ui/case_file/view.py" line="+1"/>
        <source>Contacts</source>
        <translation>Contacten</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../ui/case_file/discussions.py" line="+72"/>
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
        <location line="+10"/>
        <source>No contacts yet: record one with “Record contact” (Ctrl+N).</source>
        <translation>Nog geen contacten: leg er een vast met “Contact vastleggen” (Ctrl+N).</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>earlier version</source>
        <translation>eerdere versie</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Cancel appointment</source>
        <translation>Afspraak annuleren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel the appointment of %1 at %2 (%3)?</source>
        <translation>De afspraak van %1 om %2 (%3) annuleren?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>It leaves Vandaag and the week view on every laptop.</source>
        <translation>Ze verdwijnt uit Vandaag en uit het weekoverzicht, op elke laptop.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Cancel appointment</source>
        <translation>Afspraak &amp;annuleren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keep it</source>
        <translation>&amp;Behouden</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Where: %1</source>
        <translation>Waar: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With: %1</source>
        <translation>Met: %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/safety_plan.py" line="+34"/>
        <source>Safety plan version</source>
        <translation>Versie van het veiligheidsplan</translation>
    </message>
    <message>
        <location line="+27"/>
        <location filename="../../ui/case_file/view.py" line="+1"/>
        <source>Safety plan</source>
        <translation>Veiligheidsplan</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/agreements.py" line="-205"/>
        <location line="+10"/>
        <source>Safety agreements</source>
        <translation>Veiligheidsafspraken</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/view.py" line="+1"/>
        <location line="+142"/>
        <source>Agreements</source>
        <translation>Veiligheidsafspraken</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/goals.py" line="+86"/>
        <location line="+9"/>
        <source>Goals and actions</source>
        <translation>Doelen en acties</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/view.py" line="-141"/>
        <source>Goals</source>
        <translation>Doelen</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/zrm.py" line="+40"/>
        <source>ZRM scores</source>
        <translation>ZRM-scores</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/view.py" line="+1"/>
        <source>ZRM</source>
        <translation>ZRM</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/handover.py" line="+26"/>
        <source>Warm handover</source>
        <translation>Warme overdracht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New handover note…</source>
        <translation>&amp;Nieuwe warme overdracht…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write a warm handover note: to whom, why, what works, the client&apos;s consent</source>
        <translation>Schrijf een warme overdracht: aan wie, waarom, wat werkt, de toestemming van de cliënt</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/view.py" line="+1"/>
        <source>Handover</source>
        <translation>Overdracht</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/discussions.py" line="-24"/>
        <source>&amp;New discussion…</source>
        <translation>&amp;Nieuwe bespreking…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Prepare a teamkracht case discussion: the question, what was tried</source>
        <translation>Bereid een teamkracht-casusbespreking voor: de vraag, wat al is geprobeerd</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change p&amp;reparation…</source>
        <translation>Voorbe&amp;reiding wijzigen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+106"/>
        <source>Record o&amp;utcome…</source>
        <translation>&amp;Uitkomst vastleggen…</translation>
    </message>
    <message>
        <location line="-104"/>
        <source>After the meeting: its outcome and the agreed next steps</source>
        <translation>Na de bespreking: de uitkomst en de afgesproken vervolgstappen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tea&amp;mkracht sheet…</source>
        <translation>Teamkracht-&amp;blad…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A de-identified sheet with the chosen discussion&apos;s question and what was tried</source>
        <translation>Een blad zonder herkenbare gegevens met de vraag van de gekozen bespreking en wat is geprobeerd</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../ui/case_file/view.py" line="+1"/>
        <source>Case discussions</source>
        <translation>Casusbesprekingen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Question for the team</source>
        <translation>Vraag aan het team</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Case discussion</source>
        <translation>Casusbespreking</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Change o&amp;utcome…</source>
        <translation>&amp;Uitkomst wijzigen…</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/view.py" line="+72"/>
        <source>Next contact: %1</source>
        <translation>Volgend contact: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>no address recorded</source>
        <translation>geen adres vastgelegd</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/contacts.py" line="-122"/>
        <source>corrected</source>
        <translation>gecorrigeerd</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/safety_plan.py" line="+61"/>
        <source>Version %1 of %2</source>
        <translation>Versie %1 van %2</translation>
    </message>
</context>
<context>
    <name>CaseForm</name>
    <message>
        <location filename="../../ui/forms/case_form.py" line="+408"/>
        <source>Client</source>
        <translation>Cliënt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name</source>
        <translation>&amp;Naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Initials &amp;or pseudonym</source>
        <translation>Initialen of &amp;pseudoniem</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Used in case discussions. Left empty: derived from the name.</source>
        <translation>Voor casusbesprekingen. Leeg gelaten: afgeleid van de naam.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Birth &amp;year</source>
        <translation>Geboorte&amp;jaar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 1988</source>
        <translation>bijv. 1988</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lang&amp;uage</source>
        <translation>&amp;Taal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nl, en, ar, tr, …</source>
        <translation>nl, en, ar, tr, …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In&amp;terpreter needed</source>
        <translation>T&amp;olk nodig</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Aanmelding and programme</source>
        <translation>Aanmelding en programma</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dates and programme</source>
        <translation>Datums en programma</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Aanmelding date</source>
        <translation>&amp;Aanmeldingsdatum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start &amp;date</source>
        <translation>Start&amp;datum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Empty: the case stays an aanmelding until it starts.</source>
        <translation>Leeg: de casus blijft een aanmelding tot het traject begint.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Planned &amp;end date</source>
        <translation>Geplande &amp;einddatum</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>P&amp;rogramme</source>
        <translation>P&amp;rogramma</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Programme</source>
        <translation>Programma</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Back-up worker</source>
        <translation>&amp;Back-up begeleider</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Set on the server when the teamleider assigns the case.</source>
        <translation>Wordt op de server ingesteld wanneer de teamleider de casus toewijst.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;lient</source>
        <translation>C&amp;liënt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>St&amp;reet</source>
        <translation>St&amp;raat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ho&amp;use number</source>
        <translation>H&amp;uisnummer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>P&amp;ostcode</source>
        <translation>P&amp;ostcode</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1234 AB</source>
        <translation>1234 AB</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To&amp;wn</source>
        <translation>&amp;Woonplaats</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secret &amp;address (geheim adres)</source>
        <translation>Geheim &amp;adres</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A secret address is masked everywhere; showing it is logged.</source>
        <translation>Een geheim adres wordt overal afgeschermd; tonen wordt vastgelegd in het toegangslog.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Phone and safe contact</source>
        <translation>Telefoon en veilig contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pho&amp;ne</source>
        <translation>Telefoo&amp;n</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>We &amp;may call</source>
        <translation>We mogen &amp;bellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safe &amp;times</source>
        <translation>&amp;Veilige tijden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. weekdays 9–12</source>
        <translation>bijv. doordeweeks 9–12</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>If someone &amp;else answers</source>
        <translation>Als iemand an&amp;ders opneemt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Code word</source>
        <translation>&amp;Codewoord</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address and &amp;phone</source>
        <translation>Adres en tele&amp;foon</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Household</source>
        <translation>&amp;Huishouden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Dan&amp;ger</source>
        <translation>Drei&amp;ging</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Networ&amp;k</source>
        <translation>Netwer&amp;k</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 (from the name)</source>
        <translation>%1 (uit de naam)</translation>
    </message>
</context>
<context>
    <name>CaseSections</name>
    <message>
        <location filename="../../ui/case_file/conflict_marks.py" line="+155"/>
        <location filename="../../ui/translation_catalog.py" line="+23"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/translation_catalog.py" line="-15"/>
        <source>Birth year</source>
        <translation>Geboortejaar</translation>
    </message>
    <message>
        <location line="+12"/>
        <location filename="../../ui/translation_catalog.py" line="+24"/>
        <source>Phone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <location line="-33"/>
        <location filename="../../ui/translation_catalog.py" line="-10"/>
        <source>May we call?</source>
        <translation>Mogen we bellen?</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>⚠ Other value from a sync merge: %1</source>
        <translation>⚠ Andere waarde na synchroniseren: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Take this value</source>
        <translation>Deze waarde nemen</translation>
    </message>
    <message>
        <location line="+47"/>
        <location filename="../../ui/case_file/html.py" line="+38"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../ui/case_file/html.py" line="+0"/>
        <source>no</source>
        <translation>nee</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>School</source>
        <translation>School</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also involved</source>
        <translation>Ook betrokken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Own safety concerns</source>
        <translation>Eigen zorgen over veiligheid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact with father</source>
        <translation>Contact met vader</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relation</source>
        <translation>Relatie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notes</source>
        <translation>Notities</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisation</source>
        <translation>Organisatie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact person</source>
        <translation>Contactpersoon</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../ui/translation_catalog.py" line="-13"/>
        <source>Child</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 from</source>
        <translation>%1 vanaf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 until</source>
        <translation>%1 tot</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Case</source>
        <translation>Casus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Screening</source>
        <translation>Screening</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safety plan</source>
        <translation>Veiligheidsplan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safety agreement</source>
        <translation>Veiligheidsafspraak</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Goal</source>
        <translation>Doel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Handover note</source>
        <translation>Overdrachtsnotitie</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/case_file/discussions.py" line="+39"/>
        <source>Case discussion</source>
        <translation>Casusbespreking</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Household member</source>
        <translation>Lid van het huishouden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Danger person</source>
        <translation>Persoon (dreiging)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partner</source>
        <translation>Ketenpartner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closure</source>
        <translation>Afsluiting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reopening</source>
        <translation>Heropening</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/agreements.py" line="+253"/>
        <location filename="../../ui/case_file/conflict_marks.py" line="-10"/>
        <source>Breach</source>
        <translation>Schending</translation>
    </message>
    <message>
        <location filename="../../ui/translation_catalog.py" line="-5"/>
        <source>Aanmelding</source>
        <translation>Aanmelding</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adult</source>
        <translation>Volwassene</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back-up worker</source>
        <translation>Back-up begeleider</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/safety_plan.py" line="+24"/>
        <location line="+65"/>
        <source>Children&apos;s safety</source>
        <translation>Veiligheid van de kinderen</translation>
    </message>
    <message>
        <location filename="../../ui/translation_catalog.py" line="+3"/>
        <source>Client</source>
        <translation>Cliënt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed on</source>
        <translation>Afgesloten op</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code word</source>
        <translation>Codewoord</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Danger (dreiging)</source>
        <translation>Dreiging</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/safety_plan.py" line="-67"/>
        <location line="+65"/>
        <source>Emergency numbers</source>
        <translation>Noodnummers</translation>
    </message>
    <message>
        <location line="-64"/>
        <location line="+65"/>
        <source>Escape plan</source>
        <translation>Vluchtplan</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>From</source>
        <translation>Van</translation>
    </message>
    <message>
        <location filename="../../ui/translation_catalog.py" line="+1"/>
        <source>Household</source>
        <translation>Huishouden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>If someone else answers</source>
        <translation>Als iemand anders opneemt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Initials</source>
        <translation>Initialen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Involved partners</source>
        <translation>Betrokken ketenpartners</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latest closure</source>
        <translation>Laatste afsluiting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latest reopening (terugval)</source>
        <translation>Laatste heropening (terugval)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latest screening</source>
        <translation>Laatste screening</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/goals.py" line="+256"/>
        <source>No open goals; achieved and dropped goals are hidden.</source>
        <translation>Geen open doelen; behaalde en gestopte doelen zijn verborgen.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Life domain</source>
        <translation>Leefgebied</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../ui/case_file/safety_plan.py" line="-88"/>
        <location line="+63"/>
        <source>Made on</source>
        <translation>Gemaakt op</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Due date</source>
        <translation>Streefdatum</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>due</source>
        <translation>streefdatum</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>overdue by %1 day(s)</source>
        <translation>%1 dag(en) te laat</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/agreements.py" line="-30"/>
        <source>Made with</source>
        <translation>Gemaakt met</translation>
    </message>
    <message>
        <location filename="../../ui/translation_catalog.py" line="+3"/>
        <source>Nazorg start</source>
        <translation>Start nazorg</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/discussions.py" line="-12"/>
        <source>Next steps</source>
        <translation>Vervolgstappen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Question for the team</source>
        <translation>Vraag aan het team</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>No case discussions yet.</source>
        <translation>Nog geen casusbesprekingen.</translation>
    </message>
    <message>
        <location filename="../../ui/translation_catalog.py" line="+1"/>
        <source>No danger person recorded.</source>
        <translation>Niemand vastgelegd van wie de dreiging uitgaat.</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/goals.py" line="-57"/>
        <source>No goals yet.</source>
        <translation>Nog geen doelen.</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/handover.py" line="+13"/>
        <source>yes, on %1</source>
        <translation>ja, op %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No handover notes yet.</source>
        <translation>Nog geen overdrachten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>sociale kaart</source>
        <translation>sociale kaart</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Next step</source>
        <translation>Volgende stap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client&apos;s consent</source>
        <translation>Toestemming cliënt</translation>
    </message>
    <message>
        <location filename="../../ui/translation_catalog.py" line="+1"/>
        <source>No household members recorded.</source>
        <translation>Geen leden van het huishouden vastgelegd.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No partners recorded.</source>
        <translation>Geen ketenpartners vastgelegd.</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/agreements.py" line="-12"/>
        <source>No safety agreements yet.</source>
        <translation>Nog geen veiligheidsafspraken.</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/safety_plan.py" line="-3"/>
        <source>No safety plan yet.</source>
        <translation>Nog geen veiligheidsplan.</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/handover.py" line="-2"/>
        <source>Open actions</source>
        <translation>Openstaande acties</translation>
    </message>
    <message>
        <location filename="../../ui/translation_catalog.py" line="+1"/>
        <source>Other values from a sync merge</source>
        <translation>Andere waarden na synchroniseren</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/discussions.py" line="+36"/>
        <source>Outcome</source>
        <translation>Uitkomst</translation>
    </message>
    <message>
        <location filename="../../ui/translation_catalog.py" line="+1"/>
        <source>Own contact frequency</source>
        <translation>Eigen contactfrequentie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phase</source>
        <translation>Fase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phase since</source>
        <translation>Fase sinds</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Planned end</source>
        <translation>Gepland einde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Programme</source>
        <translation>Programma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reopen until</source>
        <translation>Heropenen kan tot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reopened on</source>
        <translation>Heropend op</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/agreements.py" line="+22"/>
        <location filename="../../ui/case_file/safety_plan.py" line="-58"/>
        <location line="+62"/>
        <source>Review date</source>
        <translation>Evaluatiedatum</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/discussions.py" line="-1"/>
        <source>Risks</source>
        <translation>Risico&apos;s</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/handover.py" line="-1"/>
        <source>Risks and agreements</source>
        <translation>Risico&apos;s en afspraken</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/safety_plan.py" line="-58"/>
        <location line="+65"/>
        <source>Safe people</source>
        <translation>Veilige personen</translation>
    </message>
    <message>
        <location line="-64"/>
        <location line="+65"/>
        <source>Safe places</source>
        <translation>Veilige plekken</translation>
    </message>
    <message>
        <location filename="../../ui/translation_catalog.py" line="+1"/>
        <source>Safe times</source>
        <translation>Veilige tijden</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/agreements.py" line="-5"/>
        <location filename="../../ui/translation_catalog.py" line="+1"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location line="+10"/>
        <location filename="../../ui/case_file/goals.py" line="+34"/>
        <location filename="../../ui/translation_catalog.py" line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>⚠ open: no follow-up yet</source>
        <translation>⚠ open: nog geen opvolging</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Follow-up %1</source>
        <translation>Opvolging %1</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/safety_plan.py" line="+15"/>
        <source>Stays at</source>
        <translation>Verblijft bij</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/discussions.py" line="-1"/>
        <source>Strengths</source>
        <translation>Krachten</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/handover.py" line="-2"/>
        <source>Summary</source>
        <translation>Samenvatting</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/safety_plan.py" line="-76"/>
        <location line="+72"/>
        <source>Time-out</source>
        <translation>Time-out</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/discussions.py" line="-1"/>
        <source>Timeline</source>
        <translation>Tijdlijn</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/handover.py" line="+6"/>
        <source>Together with the client</source>
        <translation>Samen met de cliënt</translation>
    </message>
    <message>
        <location filename="../../ui/translation_catalog.py" line="+1"/>
        <source>Trajectory</source>
        <translation>Traject</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/discussions.py" line="-1"/>
        <source>Tried</source>
        <translation>Geprobeerd</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/safety_plan.py" line="+6"/>
        <source>Until</source>
        <translation>Tot</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Version</source>
        <translation>Versie</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>Made by</source>
        <translation>Gemaakt door</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+64"/>
        <source>Evaluated on</source>
        <translation>Geëvalueerd op</translation>
    </message>
    <message>
        <location line="-63"/>
        <location line="+65"/>
        <source>Warning signals</source>
        <translation>Waarschuwingssignalen</translation>
    </message>
    <message>
        <location line="-64"/>
        <location line="+65"/>
        <source>What the client does</source>
        <translation>Wat de cliënt doet</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>Time-out: who leaves</source>
        <translation>Time-out: wie vertrekt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time-out: stays at</source>
        <translation>Time-out: verblijft bij</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time-out: from</source>
        <translation>Time-out: van</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time-out: until</source>
        <translation>Time-out: tot</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Changes</source>
        <translation>Wijzigingen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This is the first version: there is nothing to compare it with.</source>
        <translation>Dit is de eerste versie: er is niets om mee te vergelijken.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Changes against version %1 (%2)</source>
        <translation>Wijzigingen ten opzichte van versie %1 (%2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing changed.</source>
        <translation>Er is niets gewijzigd.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Field</source>
        <translation>Onderdeel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before</source>
        <translation>Was</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Now</source>
        <translation>Nu</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/handover.py" line="-5"/>
        <source>What works</source>
        <translation>Wat werkt</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/agreements.py" line="-44"/>
        <location filename="../../ui/case_file/goals.py" line="-7"/>
        <source>Who</source>
        <translation>Wie</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/safety_plan.py" line="+46"/>
        <source>Who leaves</source>
        <translation>Wie vertrekt</translation>
    </message>
    <message>
        <location filename="../../ui/translation_catalog.py" line="+1"/>
        <source>Worker</source>
        <translation>Begeleider</translation>
    </message>
    <message>
        <location filename="../../ui/case_file/handover.py" line="-3"/>
        <source>Written by</source>
        <translation>Geschreven door</translation>
    </message>
    <message>
        <location filename="../../ui/translation_catalog.py" line="+1"/>
        <source>also involved: %1</source>
        <translation>ook betrokken: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>contact with father: %1</source>
        <translation>contact met vader: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in force: %1</source>
        <translation>van kracht: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>interpreter needed</source>
        <translation>tolk nodig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no order in force</source>
        <translation>geen verbod van kracht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>own concerns: %1</source>
        <translation>eigen zorgen: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>school: %1</source>
        <translation>school: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>until %1</source>
        <translation>tot %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>with nazorg</source>
        <translation>met nazorg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>without nazorg</source>
        <translation>zonder nazorg</translation>
    </message>
</context>
<context>
    <name>CaseloadModel</name>
    <message>
        <location filename="../../ui/caseload_model.py" line="+54"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Initials</source>
        <translation>Initialen</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Programme</source>
        <translation>Programma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phase</source>
        <translation>Fase</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Risk</source>
        <translation>Risico</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Worker</source>
        <translation>Begeleider</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Last contact</source>
        <translation>Laatste contact</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Next contact</source>
        <translation>Volgend contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>Achterstand</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>CaseloadPage</name>
    <message>
        <location filename="../../ui/caseload_page.py" line="+57"/>
        <source>Search names, initials and reports…</source>
        <translation>Zoek op naam, initialen en verslagen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the caseload</source>
        <translation>Zoeken in de caseload</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+2"/>
        <source>Only &amp;overdue</source>
        <translation>Alleen &amp;achterstallig</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show &amp;closed cases</source>
        <translation>Afgesloten &amp;tonen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also list the closed cases (greyed), to open one and reopen it</source>
        <translation>Ook de afgesloten casussen tonen (grijs), om er een te openen en te heropenen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Number of cases shown</source>
        <translation>Aantal getoonde casussen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Caseload</source>
        <translation>Caseload</translation>
    </message>
    <message>
        <location line="+32"/>
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
        <location line="+124"/>
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
        <location line="+58"/>
        <source>%1 of %2 cases</source>
        <translation>%1 van %2 casussen</translation>
    </message>
</context>
<context>
    <name>CloseForm</name>
    <message>
        <location filename="../../ui/case_file/closing_forms.py" line="+26"/>
        <location line="+1"/>
        <source>Close case</source>
        <translation>Casus afsluiten</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>End nazorg and close</source>
        <translation>Nazorg beëindigen en afsluiten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>– choose a reason –</source>
        <translation>– kies een reden –</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Nazorg follows (check-ins after %1 days)</source>
        <translation>&amp;Nazorg volgt (contact na %1 dagen)</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>&amp;Date</source>
        <translation>&amp;Datum</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Reason</source>
        <translation>&amp;Reden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Des&amp;tination</source>
        <translation>Bes&amp;temming</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not&amp;es</source>
        <translation>Notiti&amp;es</translation>
    </message>
</context>
<context>
    <name>ConsentChoice</name>
    <message>
        <location filename="../../ui/case_file/handover_form.py" line="+46"/>
        <source>&amp;Yes</source>
        <translation>&amp;Ja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N&amp;o</source>
        <translation>&amp;Nee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not &amp;asked</source>
        <translation>Niet &amp;gevraagd</translation>
    </message>
</context>
<context>
    <name>ContactForm</name>
    <message>
        <location filename="../../ui/contact_form.py" line="+121"/>
        <source>Record contact – %1</source>
        <translation>Contact vastleggen – %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record contact</source>
        <translation>Contact vastleggen</translation>
    </message>
    <message>
        <location line="-66"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Names, separated by commas</source>
        <translation>Namen, gescheiden door komma&apos;s</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>What happened, in a few sentences</source>
        <translation>Wat er gebeurde, in een paar zinnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safety check &amp;done</source>
        <translation>Veiligheidscheck ge&amp;daan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Brief contact only (nothing to report)</source>
        <translation>Alleen &amp;kort contact (niets te melden)</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>&amp;When</source>
        <translation>&amp;Wanneer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind</source>
        <translation>S&amp;oort</translation>
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
        <location line="+63"/>
        <source>&amp;Present</source>
        <translation>&amp;Aanwezig</translation>
    </message>
    <message>
        <location line="+11"/>
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
</context>
<context>
    <name>CorrectContactForm</name>
    <message>
        <location filename="../../ui/case_file/contact_correction_form.py" line="+45"/>
        <source>Correct contact – %1</source>
        <translation>Contact corrigeren – %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Correct contact</source>
        <translation>Contact corrigeren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saving keeps the contact as it was and adds this version; the contacts tab shows the earlier text under the correction.</source>
        <translation>Opslaan bewaart het contact zoals het was en voegt deze versie toe; het tabblad Contacten toont de eerdere tekst onder de correctie.</translation>
    </message>
</context>
<context>
    <name>Counted</name>
    <message numerus="yes">
        <location filename="../../ui/formatting.py" line="+30"/>
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n dag te laat</numerusform>
            <numerusform>%n dagen te laat</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>in %n day(s)</source>
        <translation>
            <numerusform>over %n dag</numerusform>
            <numerusform>over %n dagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Reopened %n time(s).</source>
        <translation>
            <numerusform>%n keer heropend.</numerusform>
            <numerusform>%n keer heropend.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>⚠ %n value(s) of this case lost a sync merge; each is marked below, with the link that takes it back.</source>
        <translation>
            <numerusform>⚠ %n waarde van deze casus is bij het synchroniseren overschreven; hieronder staat hij gemarkeerd, met de link die hem terugzet.</numerusform>
            <numerusform>⚠ %n waarden van deze casus zijn bij het synchroniseren overschreven; hieronder staat elk gemarkeerd, met de link die hem terugzet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>⚠ %n record(s) of this case cannot be shown: they hold a value from another laptop that this version of Koers does not accept. They are kept as they are.</source>
        <translation>
            <numerusform>⚠ %n gegeven van deze casus kan niet worden getoond: het bevat een waarde van een andere laptop die deze versie van Koers niet accepteert. Het blijft bewaard zoals het is.</numerusform>
            <numerusform>⚠ %n gegevens van deze casus kunnen niet worden getoond: ze bevatten een waarde van een andere laptop die deze versie van Koers niet accepteert. Ze blijven bewaard zoals ze zijn.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DiscussionOutcomeForm</name>
    <message>
        <location filename="../../ui/case_file/discussion_forms.py" line="+154"/>
        <source>Outcome of the case discussion</source>
        <translation>Uitkomst van de casusbespreking</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Question for the team: %1</source>
        <translation>Vraag aan het team: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Question for the team</source>
        <translation>Vraag aan het team</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Held on</source>
        <translation>&amp;Gehouden op</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What did the team advise or decide?</source>
        <translation>Wat adviseerde of besloot het team?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who does what, and when</source>
        <translation>Wie doet wat, en wanneer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Outcome</source>
        <translation>&amp;Uitkomst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agreed &amp;next steps</source>
        <translation>Afgesproken &amp;vervolgstappen</translation>
    </message>
</context>
<context>
    <name>EditCaseForm</name>
    <message>
        <location filename="../../ui/forms/case_form.py" line="+145"/>
        <source>Edit case – %1</source>
        <translation>Casus wijzigen – %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit case</source>
        <translation>Casus wijzigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 – change it with the Programme button of the case file.</source>
        <translation>%1 – wijzig dit met de knop Programma in het dossier.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The case has started; its start date stays as it is.</source>
        <translation>Het traject is begonnen; de startdatum blijft zoals hij is.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>S&amp;how address</source>
        <translation>Adres &amp;tonen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shows the secret address to see or change it; this is written to the access log</source>
        <translation>Toont het geheime adres om het te bekijken of te wijzigen; dit wordt vastgelegd in het toegangslog</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>Case details saved.</source>
        <translation>Gegevens van de casus opgeslagen.</translation>
    </message>
</context>
<context>
    <name>EndFrequencyForm</name>
    <message>
        <location filename="../../ui/case_file/trajectory_forms.py" line="+274"/>
        <source>End own frequency</source>
        <translation>Eigen frequentie beëindigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Own frequency: %1 – %2 (since %3)</source>
        <translation>Eigen frequentie: %1 – %2 (sinds %3)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This case has no own frequency.</source>
        <translation>Deze casus heeft geen eigen frequentie.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Last day</source>
        <translation>&amp;Laatste dag</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/tasks.py" line="+101"/>
        <source>Something went wrong. Please try again; your input has been kept.</source>
        <translation>Er ging iets mis. Probeer het opnieuw; je invoer is bewaard.</translation>
    </message>
</context>
<context>
    <name>EvaluatePlanForm</name>
    <message>
        <location filename="../../ui/case_file/safety_forms.py" line="-196"/>
        <source>Safety plan evaluated</source>
        <translation>Veiligheidsplan geëvalueerd</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There is no safety plan yet to evaluate.</source>
        <translation>Er is nog geen veiligheidsplan om te evalueren.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Version %1 of %2 (review date %3) was evaluated and stays as it is: a new version records the evaluation and the next review date.</source>
        <translation>Versie %1 van %2 (evaluatiedatum %3) is geëvalueerd en blijft zoals het is: een nieuwe versie legt de evaluatie en de volgende evaluatiedatum vast.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Evaluated on</source>
        <translation>&amp;Geëvalueerd op</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Next review date</source>
        <translation>&amp;Volgende evaluatiedatum</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/export_dialog.py" line="+56"/>
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
        <location line="+11"/>
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
        <location line="+5"/>
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
        <location line="+7"/>
        <source>First day of the period</source>
        <translation>Eerste dag van de periode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period f&amp;rom</source>
        <translation>Periode &amp;van</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day of the period</source>
        <translation>Laatste dag van de periode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period &amp;to</source>
        <translation>Periode &amp;tot en met</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The outcome figures (from the server) count over this period; the process figures are as they stand today.</source>
        <translation>De uitkomstcijfers (van de server) tellen over deze periode; de procescijfers zijn de stand van vandaag.</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <location line="+39"/>
        <source>Choose a file to write.</source>
        <translation>Kies een bestand om te schrijven.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The folder %1 does not exist. Choose another folder.</source>
        <translation>De map %1 bestaat niet. Kies een andere map.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The two passwords differ.</source>
        <translation>De twee wachtwoorden verschillen.</translation>
    </message>
</context>
<context>
    <name>ExportDoneDialog</name>
    <message>
        <location line="+25"/>
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
        <location line="+11"/>
        <source>Process figures only: the outcome figures come from the server and were not available (the first page says why).</source>
        <translation>Alleen procescijfers: de uitkomstcijfers komen van de server en waren er niet (de eerste pagina zegt waarom).</translation>
    </message>
    <message>
        <location line="+10"/>
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
    <name>FollowUpForm</name>
    <message>
        <location filename="../../ui/case_file/safety_forms.py" line="+235"/>
        <source>Follow-up of a breach</source>
        <translation>Opvolging van een schending</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>– choose the breach –</source>
        <translation>– kies de schending –</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 – followed up</source>
        <translation>%1 – opgevolgd</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Breach</source>
        <translation>&amp;Schending</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Date</source>
        <translation>&amp;Datum</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What was done about it, and with whom</source>
        <translation>Wat eraan is gedaan, en met wie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Follow-up</source>
        <translation>&amp;Opvolging</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No breach has been recorded in this case.</source>
        <translation>In deze casus is geen schending vastgelegd.</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <location filename="../../ui/formatting.py" line="+31"/>
        <source>no screening</source>
        <translation>geen screening</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>no contact due</source>
        <translation>geen contact gepland</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+34"/>
        <source>today</source>
        <translation>vandaag</translation>
    </message>
</context>
<context>
    <name>FrequencyForm</name>
    <message>
        <location filename="../../ui/case_file/trajectory_forms.py" line="-65"/>
        <source>Own contact frequency</source>
        <translation>Eigen contactfrequentie</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> contact(s)</source>
        <translation> contact(en)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>per </source>
        <translation>per </translation>
    </message>
    <message>
        <location line="+1"/>
        <source> days</source>
        <translation> dagen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why this case needs another frequency</source>
        <translation>Waarom deze casus een andere frequentie nodig heeft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Number</source>
        <translation>&amp;Aantal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Period</source>
        <translation>&amp;Periode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason</source>
        <translation>&amp;Reden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;From</source>
        <translation>&amp;Vanaf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Until (optional)</source>
        <translation>&amp;Tot en met (optioneel)</translation>
    </message>
</context>
<context>
    <name>GoalForm</name>
    <message>
        <location filename="../../ui/case_file/goal_forms.py" line="-170"/>
        <source>New goal</source>
        <translation>Nieuw doel</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+32"/>
        <source>Goal</source>
        <translation>Doel</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>– choose a life domain –</source>
        <translation>– kies een leefgebied –</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>In the client&apos;s own words: “I want …”</source>
        <translation>In de woorden van de cliënt: ‘Ik wil …’</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. client, client and sister, worker</source>
        <translation>bijv. cliënt, cliënt en zus, trajectbegeleider</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Life &amp;domain</source>
        <translation>&amp;Leefgebied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Goal</source>
        <translation>&amp;Doel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Made on</source>
        <translation>&amp;Gemaakt op</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Who</source>
        <translation>&amp;Wie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;ue date</source>
        <translation>&amp;Streefdatum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Status</source>
        <translation>S&amp;tatus</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This goal is no longer in the case file.</source>
        <translation>Dit doel staat niet meer in het dossier.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change goal</source>
        <translation>Doel wijzigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>made on %1</source>
        <translation>gemaakt op %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>made before the date was kept</source>
        <translation>gemaakt voordat Koers die datum bijhield</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Goal %1; status now: %2.</source>
        <translation>Doel %1; status nu: %2.</translation>
    </message>
</context>
<context>
    <name>GoalsTab</name>
    <message>
        <location filename="../../ui/case_file/goals.py" line="-316"/>
        <source>New &amp;goal…</source>
        <translation>&amp;Nieuw doel…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a goal in the client&apos;s own words, per life domain</source>
        <translation>Een doel toevoegen in de woorden van de cliënt, per leefgebied</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cha&amp;nge goal…</source>
        <translation>Doel wij&amp;zigen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change the chosen goal or its status (behaald, gestopt)</source>
        <translation>Het gekozen doel of de status ervan wijzigen (behaald, gestopt)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New act&amp;ion…</source>
        <translation>Nieuwe act&amp;ie…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add an action to the chosen goal: what, who, by when</source>
        <translation>Een actie bij het gekozen doel toevoegen: wat, wie, wanneer klaar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Update action…</source>
        <translation>Actie wijzi&amp;gen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change the chosen action or its status</source>
        <translation>De gekozen actie of de status ervan wijzigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+193"/>
        <source>Show achieved and d&amp;ropped goals</source>
        <translation>&amp;Behaalde en gestopte doelen tonen</translation>
    </message>
    <message>
        <location line="-190"/>
        <source>Goals per life do&amp;main</source>
        <translation>Doelen pe&amp;r leefgebied</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Goal or action</source>
        <translation>Doel of actie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who</source>
        <translation>Wie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due date</source>
        <translation>Streefdatum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Made on</source>
        <translation>Gemaakt op</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>A value from a sync merge to choose below</source>
        <translation>Een waarde uit een synchronisatie; kies hieronder</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 · overdue %2 d</source>
        <translation>%1 · %2 d te laat</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Overdue since %1</source>
        <translation>Te laat sinds %1</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>%1 achieved or dropped goal(s) hidden</source>
        <translation>%1 behaalde of gestopte doel(en) verborgen</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../../ui/team_handover.py" line="+39"/>
        <source>Hand over cases</source>
        <translation>Casussen overdragen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Fetching the team&apos;s workers from the server…</source>
        <translation>De begeleiders van het team worden bij de server opgehaald…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Why the case goes to this worker; it goes into the handover note.</source>
        <translation>Waarom de casus naar deze begeleider gaat; dit komt in de overdrachtsnotitie.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Receiving worker:</source>
        <translation>&amp;Nieuwe begeleider:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Back-up worker:</source>
        <translation>&amp;Vervanger:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;eason:</source>
        <translation>&amp;Reden:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Hand over</source>
        <translation>Over&amp;dragen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>and %n more</source>
        <translation>
            <numerusform>en nog %n</numerusform>
            <numerusform>en nog %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n case(s): %1</source>
        <translation>
            <numerusform>%n casus: %1</numerusform>
            <numerusform>%n casussen: %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(no back-up worker)</source>
        <translation>(geen vervanger)</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <location line="+3"/>
        <source>%1 (%n case(s))</source>
        <translation>
            <numerusform>%1 (%n casus)</numerusform>
            <numerusform>%1 (%n casussen)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The team has no active workers to hand over to.</source>
        <translation>Het team heeft geen actieve begeleiders om aan over te dragen.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Handing over…</source>
        <translation>Bezig met overdragen…</translation>
    </message>
</context>
<context>
    <name>HandoverForm</name>
    <message>
        <location filename="../../ui/case_file/handover_form.py" line="+61"/>
        <source>Warm handover</source>
        <translation>Warme overdracht</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Handover &amp;date</source>
        <translation>&amp;Datum overdracht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To &amp;whom</source>
        <translation>&amp;Aan wie</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Kind</source>
        <translation>&amp;Soort</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why the case goes to them</source>
        <translation>Waarom de casus naar hen gaat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason</source>
        <translation>&amp;Reden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Summary</source>
        <translation>Samen&amp;vatting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What works with this c&amp;lient</source>
        <translation>Wat &amp;werkt bij deze cliënt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risks and a&amp;greements in force</source>
        <translation>Risico&apos;s en afspraken die &amp;blijven</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>O&amp;pen actions</source>
        <translation>&amp;Openstaande acties</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. first visit of the buurtteam</source>
        <translation>bijv. eerste bezoek van het buurtteam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Next step</source>
        <translation>Volgende s&amp;tap</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Date of next st&amp;ep</source>
        <translation>Datum volgende sta&amp;p</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Client&apos;s &amp;consent</source>
        <translation>Toestemming &amp;cliënt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Done &amp;together with the client</source>
        <translation>Sa&amp;men met de cliënt gedaan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>When together wit&amp;h the client</source>
        <translation>Datum samen met c&amp;liënt</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/import_dialog.py" line="+59"/>
        <source>Import cases</source>
        <translation>Casussen importeren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Create cases from a CSV file: semicolon or comma separated, UTF-8, dates as dd-mm-yyyy. Each row becomes a case, checked as in the intake form. When a row is wrong the whole file is refused and nothing is written.</source>
        <translation>Maak casussen aan uit een csv-bestand: gescheiden door puntkomma&apos;s of komma&apos;s, UTF-8, datums als dd-mm-jjjj. Elke regel wordt een casus, gecontroleerd zoals in het aanmeldformulier. Klopt er één regel niet, dan wordt het hele bestand geweigerd en wordt er niets opgeslagen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The CSV file to import</source>
        <translation>Het csv-bestand om te importeren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File to import</source>
        <translation>Bestand om te importeren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Browse…</source>
        <translation>Bla&amp;deren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Check</source>
        <translation>&amp;Controleren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the file and show what it will create</source>
        <translation>Het bestand lezen en tonen wat er wordt aangemaakt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save &amp;template…</source>
        <translation>Sjabloon op&amp;slaan…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save an empty CSV file with every column to fill in</source>
        <translation>Een leeg csv-bestand opslaan met alle kolommen om in te vullen</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+144"/>
        <source>Choose a file and check it.</source>
        <translation>Kies een bestand en controleer het.</translation>
    </message>
    <message>
        <location line="-141"/>
        <source>Result of the check</source>
        <translation>Resultaat van de controle</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cases to create</source>
        <translation>Casussen die worden aangemaakt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Row</source>
        <translation>Regel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Naam</translation>
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
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Children</source>
        <translation>Kinderen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Screening</source>
        <translation>Screening</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Problems in the file</source>
        <translation>Problemen in het bestand</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+109"/>
        <source>&amp;Import</source>
        <translation>&amp;Importeren</translation>
    </message>
    <message>
        <location line="-102"/>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Choose a CSV file to import.</source>
        <translation>Kies een csv-bestand om te importeren.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Checking the file…</source>
        <translation>Bestand wordt gecontroleerd…</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n case(s) will be created (%1). Nothing has been written yet.</source>
        <translation>
            <numerusform>%n casus wordt aangemaakt (%1). Er is nog niets opgeslagen.</numerusform>
            <numerusform>%n casussen worden aangemaakt (%1). Er is nog niets opgeslagen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>situatie %1</source>
        <translation>situatie %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>aanmelding %1</source>
        <translation>aanmelding %1</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>&amp;Import %n case(s)</source>
        <translation>
            <numerusform>%n casus &amp;importeren</numerusform>
            <numerusform>%n casussen &amp;importeren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>The file cannot be imported: %n problem(s). Nothing has been written. Correct the file and check it again.</source>
        <translation>
            <numerusform>Het bestand kan niet worden geïmporteerd: %n probleem. Er is niets opgeslagen. Verbeter het bestand en controleer het opnieuw.</numerusform>
            <numerusform>Het bestand kan niet worden geïmporteerd: %n problemen. Er is niets opgeslagen. Verbeter het bestand en controleer het opnieuw.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Creating the cases…</source>
        <translation>Casussen worden aangemaakt…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Choose a CSV file</source>
        <translation>Kies een csv-bestand</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Csv-bestanden (*.csv);;Alle bestanden (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save template</source>
        <translation>Sjabloon opslaan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV files (*.csv)</source>
        <translation>Csv-bestanden (*.csv)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The template could not be saved there.</source>
        <translation>Het sjabloon kon daar niet worden opgeslagen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Template saved: %1</source>
        <translation>Sjabloon opgeslagen: %1</translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <location filename="../../ui/forms/intake_form.py" line="+66"/>
        <source>New client (aanmelding)</source>
        <translation>Nieuwe cliënt (aanmelding)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New client</source>
        <translation>Nieuwe cliënt</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>&amp;Record a first risk screening now</source>
        <translation>Nu een eerste &amp;risicoscreening vastleggen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Screened &amp;on</source>
        <translation>Gescreend &amp;op</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>– choose –</source>
        <translation>– kies –</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Situ&amp;ation</source>
        <translation>Situ&amp;atie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>– none –</source>
        <translation>– geen –</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where shelter is needed: the code of the location.</source>
        <translation>Als opvang nodig is: de code van de locatie.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Location &amp;code</source>
        <translation>Locatie&amp;code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>H&amp;uman trafficking</source>
        <translation>&amp;Mensenhandel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Honour-&amp;based violence</source>
        <translation>&amp;Eergerelateerd geweld</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Notes</source>
        <translation>&amp;Notities</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reason &amp;to go on anyway</source>
        <translation>Reden om &amp;toch door te gaan</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Screen&amp;ing</source>
        <translation>Screen&amp;ing</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Give a reason if you go on anyway.</source>
        <translation>Geef een reden als je toch doorgaat.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>With code oranje or rood the address is kept secret when the case is saved; you can lift that afterwards in the case file.</source>
        <translation>Bij code oranje of rood wordt het adres bij het opslaan geheim; dat kun je daarna in het dossier opheffen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Turned on because the screening says code oranje or rood.</source>
        <translation>Aangezet omdat de screening code oranje of rood geeft.</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>Client registered.</source>
        <translation>Cliënt aangemeld.</translation>
    </message>
</context>
<context>
    <name>LateChangesPanel</name>
    <message>
        <location filename="../../ui/case_file/late_changes.py" line="+27"/>
        <source>%1 (new)</source>
        <translation>%1 (nieuw)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>from %1, received %2</source>
        <translation>van %1, ontvangen %2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Appl&amp;y to the case</source>
        <translation>Overne&amp;men in de casus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accept these changes of the previous worker; the next sync brings them in</source>
        <translation>Neem deze wijzigingen van de vorige begeleider over; de volgende synchronisatie haalt ze binnen</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>%n change(s) of a previous worker arrived after the handover and are not in the case yet.</source>
        <translation>
            <numerusform>%n wijziging van een vorige begeleider kwam na de overdracht binnen en staat nog niet in de casus.</numerusform>
            <numerusform>%n wijzigingen van een vorige begeleider kwamen na de overdracht binnen en staan nog niet in de casus.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>and %n more</source>
        <translation>
            <numerusform>en nog %n</numerusform>
            <numerusform>en nog %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+148"/>
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
        <source>&amp;Week</source>
        <translation>&amp;Week</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Planned contacts of the week</source>
        <translation>Geplande contacten van de week</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;New contact</source>
        <translation>&amp;Nieuw contact</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Record a contact for the chosen case</source>
        <translation>Contact vastleggen voor de gekozen casus</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Register a new client (aanmelding)</source>
        <translation>Een nieuwe cliënt aanmelden</translation>
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
        <location line="-6"/>
        <source>N&amp;ew client</source>
        <translation>Nieuwe c&amp;liënt</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Social &amp;map</source>
        <translation>Sociale &amp;kaart</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sociale kaart: the neighbourhood partners</source>
        <translation>Sociale kaart: de partners in de wijk</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Settings</source>
        <translation>&amp;Instellingen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change &amp;password…</source>
        <translation>&amp;Wachtwoord wijzigen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change the password of your account on the server</source>
        <translation>Het wachtwoord van je account op de server wijzigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Import cases…</source>
        <translation>Casussen i&amp;mporteren…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create cases from a CSV file (an existing caseload)</source>
        <translation>Casussen aanmaken uit een csv-bestand (een bestaande caseload)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Lock</source>
        <translation>Ver&amp;grendelen</translation>
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
        <location line="+10"/>
        <source>Main toolbar</source>
        <translation>Hoofdwerkbalk</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>More</source>
        <translation>Meer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import cases, settings</source>
        <translation>Casussen importeren, instellingen</translation>
    </message>
    <message>
        <location line="+15"/>
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
        <location line="+93"/>
        <source>Too many wrong passphrases.</source>
        <translation>Te vaak een onjuist wachtwoord.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Signed in as %1</source>
        <translation>Aangemeld als %1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>This laptop was revoked by your organisation; its vault has been erased.</source>
        <translation>Deze laptop is door je organisatie ingetrokken; de kluis is gewist.</translation>
    </message>
    <message>
        <location line="+99"/>
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
        <location line="+17"/>
        <source>A de-identified sheet of this case for the team discussion; you review it before it is written.</source>
        <translation>Een blad zonder namen of andere herkenbare gegevens voor de casusbespreking; je kijkt het na voordat het wordt opgeslagen.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Figures per worker and programme; no client data.</source>
        <translation>Cijfers per trajectbegeleider en programma; geen cliëntgegevens.</translation>
    </message>
    <message numerus="yes">
        <location line="+51"/>
        <source>%n case(s) imported.</source>
        <translation>
            <numerusform>%n casus geïmporteerd.</numerusform>
            <numerusform>%n casussen geïmporteerd.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Choose a case first.</source>
        <translation>Kies eerst een casus.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Contact saved.</source>
        <translation>Contact opgeslagen.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>An unsaved form was restored.</source>
        <translation>Een niet-opgeslagen formulier is hersteld.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Your password was changed.</source>
        <translation>Je wachtwoord is gewijzigd.</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../ui/password_dialog.py" line="+44"/>
        <location line="+45"/>
        <source>Change password</source>
        <translation>Wachtwoord wijzigen</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>This is the password of your account on the server: you use it to link a laptop and to sign in to the beheer console. Your vault passphrase stays the same.</source>
        <translation>Dit is het wachtwoord van je account op de server: daarmee koppel je een laptop en log je in op de beheerconsole. Het wachtwoord van je kluis blijft hetzelfde.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Current password</source>
        <translation>Huidig wachtwoord</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New password</source>
        <translation>Nieuw wachtwoord</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat new password</source>
        <translation>Herhaal nieuw wachtwoord</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>At least %1 characters; a sentence of a few words is easy to remember.</source>
        <translation>Minstens %1 tekens; een zin van een paar woorden is makkelijk te onthouden.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Message</source>
        <translation>Melding</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Current password</source>
        <translation>&amp;Huidig wachtwoord</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New password</source>
        <translation>&amp;Nieuw wachtwoord</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Repeat new password</source>
        <translation>He&amp;rhaal nieuw wachtwoord</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This laptop is not linked to a server, so there is no account password to change here.</source>
        <translation>Deze laptop is niet gekoppeld aan een server; hier is dus geen accountwachtwoord te wijzigen.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Asking the server…</source>
        <translation>Even wachten op de server…</translation>
    </message>
</context>
<context>
    <name>PeopleEditor</name>
    <message>
        <location filename="../../ui/forms/people_editors.py" line="+137"/>
        <source>Add (Insert in the list)</source>
        <translation>Toevoegen (Insert in de lijst)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the chosen one (Delete in the list)</source>
        <translation>Gekozen regel verwijderen (Delete in de lijst)</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>%1 from</source>
        <translation>%1 vanaf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 until</source>
        <translation>%1 tot</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>until</source>
        <translation>tot</translation>
    </message>
    <message>
        <location line="+286"/>
        <source>&amp;Add child</source>
        <translation>Ni&amp;euw kind</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>&amp;Add partner</source>
        <translation>Nieuwe keten&amp;partner</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>&amp;Birth year</source>
        <translation>Ge&amp;boortejaar</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>&amp;Contact person</source>
        <translation>&amp;Contactpersoon</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>&amp;Contactverbod from</source>
        <translation>&amp;Contactverbod van</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>&amp;Name</source>
        <translation>&amp;Naam</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>&amp;Notes</source>
        <translation>Notiti&amp;es</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>&amp;Omgangsregeling</source>
        <translation>&amp;Omgangsregeling</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>&amp;Organisation</source>
        <translation>O&amp;rganisatie</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>&amp;Relation</source>
        <translation>&amp;Relatie</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>&amp;Remove adult</source>
        <translation>Volwassene ver&amp;wijderen</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>&amp;Remove partner</source>
        <translation>Ketenpartner ver&amp;wijderen</translation>
    </message>
    <message>
        <location line="-86"/>
        <source>(new adult)</source>
        <translation>(nieuwe volwassene)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>(new child)</source>
        <translation>(nieuw kind)</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>(new partner)</source>
        <translation>(nieuwe ketenpartner)</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>(new person)</source>
        <translation>(nieuwe persoon)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A&amp;dd person</source>
        <translation>&amp;Nieuwe persoon</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>A&amp;dults</source>
        <translation>&amp;Volwassenen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add ad&amp;ult</source>
        <translation>Nie&amp;uwe volwassene</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Birth &amp;year</source>
        <translation>Geboorte&amp;jaar</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Childr&amp;en</source>
        <translation>Kin&amp;deren</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Contact with the &amp;father</source>
        <translation>Contact &amp;met vader</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>H&amp;uisverbod from</source>
        <translation>H&amp;uisverbod van</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Kin&amp;d</source>
        <translation>S&amp;oort</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>N&amp;ame</source>
        <translation>N&amp;aam</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>Na&amp;me</source>
        <translation>N&amp;aam</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>No children in the household.</source>
        <translation>Geen kinderen in het huishouden.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>No one named yet. The danger person never appears on a teamkracht sheet.</source>
        <translation>Nog niemand genoemd. Deze persoon komt nooit op een teamkracht-blad.</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>No other adults in the household.</source>
        <translation>Geen andere volwassenen in het huishouden.</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>No partners yet (wijkteam, Veilig Thuis, school, huisarts, …).</source>
        <translation>Nog geen ketenpartners (wijkteam, Veilig Thuis, school, huisarts, …).</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>O&amp;wn concerns</source>
        <translation>Eigen &amp;zorgen</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Par&amp;tners involved</source>
        <translation>Be&amp;trokken ketenpartners</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>Persons &amp;the danger comes from</source>
        <translation>&amp;Personen van wie de dreiging uitgaat</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Pho&amp;ne</source>
        <translation>Telefoo&amp;n</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>R&amp;emove person</source>
        <translation>Persoon ver&amp;wijderen</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Relation &amp;to the client</source>
        <translation>Relatie tot de &amp;cliënt</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Remove &amp;child</source>
        <translation>Kind ve&amp;rwijderen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sch&amp;ool</source>
        <translation>Sch&amp;ool</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Straatverbod &amp;from</source>
        <translation>S&amp;traatverbod van</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>Who else is in&amp;volved</source>
        <translation>Wie is er nog be&amp;trokken</translation>
    </message>
    <message>
        <location line="-419"/>
        <source>e.g. 2015</source>
        <translation>bijv. 2015</translation>
    </message>
    <message>
        <location line="+398"/>
        <source>e.g. oma</source>
        <translation>bijv. oma</translation>
    </message>
</context>
<context>
    <name>PhaseForm</name>
    <message>
        <location filename="../../ui/case_file/trajectory_forms.py" line="-146"/>
        <source>Change phase</source>
        <translation>Fase aanpassen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(current)</source>
        <translation>(huidige)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Phase</source>
        <translation>&amp;Fase</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;From</source>
        <translation>&amp;Vanaf</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 (not in this programme)</source>
        <translation>%1 (niet in dit programma)</translation>
    </message>
</context>
<context>
    <name>PlanVisitForm</name>
    <message>
        <location filename="../../ui/case_file/plan_visit_form.py" line="+27"/>
        <source>Plan a visit</source>
        <translation>Afspraak plannen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With w&amp;hom</source>
        <translation>&amp;Met wie</translation>
    </message>
</context>
<context>
    <name>PrepareDiscussionForm</name>
    <message>
        <location filename="../../ui/case_file/discussion_forms.py" line="-102"/>
        <source>Change preparation</source>
        <translation>Voorbereiding wijzigen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change the preparation</source>
        <translation>De voorbereiding wijzigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Prepare case discussion</source>
        <translation>Casusbespreking voorbereiden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meeting &amp;date</source>
        <translation>Datum &amp;bespreking</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What do you ask the team?</source>
        <translation>Wat vraag je aan het team?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Question for the team</source>
        <translation>&amp;Vraag aan het team</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What was &amp;tried</source>
        <translation>Wat is al &amp;geprobeerd</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Optional. On the sheet for the team, names, places, schools, numbers and dates are replaced by neutral words; you check the result before it is written.</source>
        <translation>Optioneel. Op het blad voor het team worden namen, plaatsen, scholen, nummers en datums vervangen door neutrale woorden; je controleert het resultaat voordat het wordt gemaakt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>T&amp;imeline</source>
        <translation>&amp;Tijdlijn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Strengths</source>
        <translation>&amp;Krachten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Risks</source>
        <translation>&amp;Risico&apos;s</translation>
    </message>
</context>
<context>
    <name>ProgrammeForm</name>
    <message>
        <location filename="../../ui/case_file/trajectory_forms.py" line="+33"/>
        <source>Switch programme</source>
        <translation>Programma wisselen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Programme</source>
        <translation>&amp;Programma</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;From</source>
        <translation>&amp;Vanaf</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Contra-indications</source>
        <translation>Contra-indicaties</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why this programme still fits</source>
        <translation>Waarom dit programma toch past</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reason to go on anyway</source>
        <translation>&amp;Reden om toch door te gaan</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The case starts in: %1</source>
        <translation>De casus begint in: %1</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <location filename="../../ui/forms/base.py" line="+119"/>
        <source>Message</source>
        <translation>Melding</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Undo</source>
        <translation>Ongedaan maken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo the last change in this form (Ctrl+Z)</source>
        <translation>De laatste wijziging in dit formulier ongedaan maken (Ctrl+Z)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redo</source>
        <translation>Opnieuw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo what was undone (Ctrl+Shift+Z)</source>
        <translation>Opnieuw doen wat ongedaan is gemaakt (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save</source>
        <translation>Opslaan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save (Ctrl+Enter)</source>
        <translation>Opslaan (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Discard</source>
        <translation>Weggooien</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep as draft</source>
        <translation>Bewaren als concept</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close and keep what you typed (Esc)</source>
        <translation>Sluiten en bewaren wat je hebt getypt (Esc)</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Part of the draft could not be restored</source>
        <translation>Een deel van het concept kon niet worden hersteld</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Draft restored</source>
        <translation>Concept hersteld</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Draft saved</source>
        <translation>Concept bewaard</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Saving…</source>
        <translation>Bezig met opslaan…</translation>
    </message>
</context>
<context>
    <name>ReopenForm</name>
    <message>
        <location filename="../../ui/case_file/closing_forms.py" line="+39"/>
        <source>Reopen case</source>
        <translation>Casus heropenen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed on %1; the guarantee period runs until %2.</source>
        <translation>Afgesloten op %1; de terugvalgarantie loopt tot %2.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What happened (terugval)</source>
        <translation>Wat er is gebeurd (terugval)</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>&amp;Date</source>
        <translation>&amp;Datum</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Reason</source>
        <translation>&amp;Reden</translation>
    </message>
</context>
<context>
    <name>SafetyPlanForm</name>
    <message>
        <location filename="../../ui/case_file/safety_forms.py" line="-469"/>
        <source>Safety plan: new version</source>
        <translation>Veiligheidsplan: nieuwe versie</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>Safety plan</source>
        <translation>Veiligheidsplan</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Starts as version %1 of %2; saving keeps it and adds a new version.</source>
        <translation>Begint als versie %1 van %2; bij opslaan blijft die bewaard en komt er een nieuwe versie bij.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Plan &amp;date</source>
        <translation>&amp;Datum plan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Review date</source>
        <translation>&amp;Evaluatiedatum</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Warning signals</source>
        <translation>&amp;Waarschuwingssignalen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the &amp;client does when they appear</source>
        <translation>Wat de &amp;cliënt dan doet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safe &amp;people</source>
        <translation>Veilige &amp;personen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safe p&amp;laces</source>
        <translation>Veilige p&amp;lekken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;mergency numbers</source>
        <translation>&amp;Noodnummers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Esc&amp;ape plan</source>
        <translation>&amp;Vluchtplan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;hildren&apos;s safety</source>
        <translation>Veiligheid van de &amp;kinderen</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Time-out</source>
        <translation>Time-out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Time-out arranged (one partner lives elsewhere)</source>
        <translation>&amp;Time-out afgesproken (één partner woont tijdelijk elders)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. the partner</source>
        <translation>bijv. de partner</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>own network or a shelter facility</source>
        <translation>eigen netwerk of een opvangvoorziening</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Who lea&amp;ves</source>
        <translation>W&amp;ie vertrekt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Stays at</source>
        <translation>Ver&amp;blijft bij</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;From</source>
        <translation>V&amp;an</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Until</source>
        <translation>T&amp;ot</translation>
    </message>
</context>
<context>
    <name>SafetyPlanTab</name>
    <message>
        <location filename="../../ui/case_file/safety_plan.py" line="-187"/>
        <source>Ve&amp;rsion</source>
        <translation>Ve&amp;rsie</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+54"/>
        <source>&amp;New plan…</source>
        <translation>&amp;Nieuw plan…</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Eval&amp;uated…</source>
        <translation>Geë&amp;valueerd…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The plan was evaluated and stays as it is: save a new version with the evaluation date and the next review date</source>
        <translation>Het plan is geëvalueerd en blijft zoals het is: sla een nieuwe versie op met de evaluatiedatum en de volgende evaluatiedatum</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show chan&amp;ges</source>
        <translation>Wijzi&amp;gingen tonen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show what changed against the previous version, field by field</source>
        <translation>Toon per onderdeel wat er is gewijzigd ten opzichte van de vorige versie</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Edit pla&amp;n…</source>
        <translation>Pla&amp;n wijzigen…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change the plan: saving keeps this version and adds a new</source>
        <translation>Het plan wijzigen: bij opslaan blijft deze versie bewaard en komt er een nieuwe bij</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the case&apos;s first safety plan</source>
        <translation>Het eerste veiligheidsplan van deze casus schrijven</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>evaluated %1</source>
        <translation>geëvalueerd %1</translation>
    </message>
</context>
<context>
    <name>ScoreBox</name>
    <message>
        <location filename="../../ui/case_file/zrm_form.py" line="+84"/>
        <source>type 1-5, or 0 for niet gescoord</source>
        <translation>typ 1-5, of 0 voor niet gescoord</translation>
    </message>
</context>
<context>
    <name>ScreeningForm</name>
    <message>
        <location filename="../../ui/case_file/screening_form.py" line="+38"/>
        <source>Risk screening</source>
        <translation>Risicoscreening</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none (no shelter needed)</source>
        <translation>geen (geen opvang nodig)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Human &amp;trafficking</source>
        <translation>&amp;Mensenhandel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Honour-based violence</source>
        <translation>&amp;Eergerelateerd geweld</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Contra-indications</source>
        <translation>Contra-indicaties</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why this programme still fits</source>
        <translation>Waarom dit programma toch past</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>&amp;Date</source>
        <translation>&amp;Datum</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>S&amp;ituation</source>
        <translation>S&amp;ituatie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Location code</source>
        <translation>&amp;Locatiecode</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Notes</source>
        <translation>&amp;Notities</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reason to go on anyway</source>
        <translation>&amp;Reden om toch door te gaan</translation>
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
    <name>SocialMapController</name>
    <message>
        <location filename="../../ui/social_map_page.py" line="+575"/>
        <source>Sociale kaart entry changed.</source>
        <translation>Partner op de sociale kaart gewijzigd.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Added to the sociale kaart.</source>
        <translation>Toegevoegd aan de sociale kaart.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The other value was taken.</source>
        <translation>De andere waarde is overgenomen.</translation>
    </message>
</context>
<context>
    <name>SocialMapForm</name>
    <message>
        <location filename="../../ui/social_map_form.py" line="+56"/>
        <source>New entry – sociale kaart</source>
        <translation>Nieuwe partner – sociale kaart</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change entry – %1</source>
        <translation>Partner wijzigen – %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sociale kaart entry</source>
        <translation>Partner op de sociale kaart</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. Buurtteam Oost</source>
        <translation>bijv. Buurtteam Oost</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. 030-1234567</source>
        <translation>bijv. 030-1234567</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What they offer, in a few words</source>
        <translation>Wat ze bieden, in een paar woorden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Neighbourhood or area</source>
        <translation>Wijk of gebied</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Organisation</source>
        <translation>&amp;Organisatie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Contact person</source>
        <translation>&amp;Contactpersoon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Phone</source>
        <translation>&amp;Telefoon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What they o&amp;ffer</source>
        <translation>&amp;Aanbod</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Area</source>
        <translation>&amp;Gebied</translation>
    </message>
</context>
<context>
    <name>SocialMapModel</name>
    <message>
        <location filename="../../ui/social_map_page.py" line="-519"/>
        <source>Organisation</source>
        <translation>Organisatie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact person</source>
        <translation>Contactpersoon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Area</source>
        <translation>Gebied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What they offer</source>
        <translation>Aanbod</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>A sync merge kept another value of this entry; see the details to take it.</source>
        <translation>Bij het synchroniseren is een andere waarde van deze partner bewaard; neem hem over in de details.</translation>
    </message>
</context>
<context>
    <name>SocialMapPage</name>
    <message>
        <location line="+58"/>
        <source>Organisation, contact person, what they offer, area…</source>
        <translation>Organisatie, contactpersoon, aanbod, gebied…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Searc&amp;h</source>
        <translation>Z&amp;oeken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search the sociale kaart</source>
        <translation>Zoeken in de sociale kaart</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Number of partners shown</source>
        <translation>Aantal getoonde partners</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add entry…</source>
        <translation>&amp;Toevoegen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a partner to the sociale kaart (Insert in the list)</source>
        <translation>Een partner aan de sociale kaart toevoegen (Insert in de lijst)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chan&amp;ge…</source>
        <translation>Wij&amp;zigen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the chosen partner (Enter in the list)</source>
        <translation>De gekozen partner wijzigen (Enter in de lijst)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sociale kaart</source>
        <translation>Sociale kaart</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Details of the chosen partner</source>
        <translation>Gegevens van de gekozen partner</translation>
    </message>
    <message numerus="yes">
        <location line="+115"/>
        <source>%n partner(s)</source>
        <translation>
            <numerusform>%n partner</numerusform>
            <numerusform>%n partners</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 of %2 shown</source>
        <translation>%1 van %2 getoond</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The sociale kaart is empty. Add a partner with “Add entry…”, or load an organisation&apos;s list with: koers import socialmap.</source>
        <translation>De sociale kaart is leeg. Voeg een partner toe met ‘Toevoegen…’, of laad de lijst van een organisatie met: koers import socialmap.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No partner holds every word searched for.</source>
        <translation>Geen partner bevat alle gezochte woorden.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>What they offer</source>
        <translation>Aanbod</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Contact person</source>
        <translation>Contactpersoon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Area</source>
        <translation>Gebied</translation>
    </message>
</context>
<context>
    <name>SocialMapPicker</name>
    <message>
        <location filename="../../ui/forms/social_map_picker.py" line="+125"/>
        <source>Partners on the sociale kaart</source>
        <translation>Partners op de sociale kaart</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type to search the sociale kaart, or a name</source>
        <translation>Typ om de sociale kaart te doorzoeken, of een naam</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Searches organisation, contact person, offers and area; Down shows the list. A name not on the sociale kaart may be typed as it is.</source>
        <translation>Zoekt in organisatie, contactpersoon, aanbod en gebied; pijl omlaag toont de lijst. Een naam die niet op de sociale kaart staat mag je gewoon typen.</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../ui/sync_controller.py" line="+89"/>
        <source>Synchronising…</source>
        <translation>Bezig met synchroniseren…</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+15"/>
        <source>Not linked to a server: working offline</source>
        <translation>Niet gekoppeld aan een server: je werkt offline</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>The server&apos;s certificate is not trusted: ask your administrator</source>
        <translation>Het certificaat van de server wordt niet vertrouwd: vraag je beheerder</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sync refused: ask your administrator</source>
        <translation>Synchroniseren geweigerd: vraag je beheerder</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync failed; your changes are kept</source>
        <translation>Synchroniseren mislukt; je wijzigingen zijn bewaard</translation>
    </message>
    <message>
        <location line="+9"/>
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
    <message>
        <location line="+2"/>
        <source>server %1</source>
        <translation>server %1</translation>
    </message>
</context>
<context>
    <name>SyncProblemsController</name>
    <message>
        <location filename="../../ui/sync_problems.py" line="+149"/>
        <source>Show the changes that were not synchronised</source>
        <translation>Toon de wijzigingen die niet zijn gesynchroniseerd</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%n change(s) not synchronised</source>
        <translation>
            <numerusform>%n wijziging niet gesynchroniseerd</numerusform>
            <numerusform>%n wijzigingen niet gesynchroniseerd</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncProblemsDialog</name>
    <message>
        <location line="-119"/>
        <location line="+27"/>
        <source>Changes not synchronised</source>
        <translation>Niet gesynchroniseerde wijzigingen</translation>
    </message>
    <message numerus="yes">
        <location line="-20"/>
        <source>%n change(s) from the server could not be processed on this laptop. They are kept here; everything else was brought up to date.</source>
        <translation>
            <numerusform>%n wijziging van de server kon op deze laptop niet worden verwerkt. Ze is hier bewaard; al het andere is bijgewerkt.</numerusform>
            <numerusform>%n wijzigingen van de server konden op deze laptop niet worden verwerkt. Ze zijn hier bewaard; al het andere is bijgewerkt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n change(s) you made were refused by the server. They are still on this laptop; nothing of them is lost.</source>
        <translation>
            <numerusform>%n wijziging die je maakte is door de server geweigerd. Ze staat nog op deze laptop; er is niets van verloren.</numerusform>
            <numerusform>%n wijzigingen die je maakte zijn door de server geweigerd. Ze staan nog op deze laptop; er is niets van verloren.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ask your administrator (beheerder) to look at them.</source>
        <translation>Vraag je beheerder ernaar te kijken.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Direction</source>
        <translation>Richting</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Case</source>
        <translation>Casus</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When</source>
        <translation>Wanneer</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Received, set aside</source>
        <translation>Ontvangen, apart gezet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sent, refused</source>
        <translation>Verstuurd, geweigerd</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(not on this laptop)</source>
        <translation>(niet op deze laptop)</translation>
    </message>
</context>
<context>
    <name>TeamCaseModel</name>
    <message>
        <location filename="../../ui/team_page.py" line="+59"/>
        <source>Client</source>
        <translation>Cliënt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Worker</source>
        <translation>Begeleider</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back-up worker</source>
        <translation>Vervanger</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Programme · phase</source>
        <translation>Programma · fase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next contact</source>
        <translation>Volgend contact</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(no worker)</source>
        <translation>(geen begeleider)</translation>
    </message>
</context>
<context>
    <name>TeamController</name>
    <message>
        <location filename="../../ui/team_controller.py" line="+67"/>
        <source>Te&amp;am</source>
        <translation>Te&amp;am</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The team&apos;s cases, each worker&apos;s load, handover</source>
        <translation>De casussen van het team, de belasting per begeleider, overdracht</translation>
    </message>
    <message numerus="yes">
        <location line="+145"/>
        <source>%n case(s) stay with %1 with another back-up worker; the next sync brings the change in.</source>
        <translation>
            <numerusform>%n casus blijft bij %1 met een andere vervanger; de volgende synchronisatie haalt de wijziging binnen.</numerusform>
            <numerusform>%n casussen blijven bij %1 met een andere vervanger; de volgende synchronisatie haalt de wijziging binnen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n case(s) handed over to %1; the next sync brings the change in.</source>
        <translation>
            <numerusform>%n casus overgedragen aan %1; de volgende synchronisatie haalt de wijziging binnen.</numerusform>
            <numerusform>%n casussen overgedragen aan %1; de volgende synchronisatie haalt de wijziging binnen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+56"/>
        <source>%n change(s) taken into the case; they arrive with the sync.</source>
        <translation>
            <numerusform>%n wijziging in de casus overgenomen; die komt binnen met de synchronisatie.</numerusform>
            <numerusform>%n wijzigingen in de casus overgenomen; ze komen binnen met de synchronisatie.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamPage</name>
    <message>
        <location filename="../../ui/team_page.py" line="+187"/>
        <location line="+82"/>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <location line="-79"/>
        <source>Show the cases of</source>
        <translation>Toon de casussen van</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wo&amp;rker:</source>
        <translation>&amp;Begeleider:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Hand over to…</source>
        <translation>&amp;Overdragen aan…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hand the selected cases over to another worker of the team (needs a connection)</source>
        <translation>Draag de gekozen casussen over aan een andere begeleider van het team (vraagt een verbinding met de server)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Load per worker</source>
        <translation>Belasting per begeleider</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cases of the team</source>
        <translation>Casussen van het team</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>All workers</source>
        <translation>Alle begeleiders</translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>%n case(s) shown</source>
        <translation>
            <numerusform>%n casus getoond</numerusform>
            <numerusform>%n casussen getoond</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamkrachtReviewDialog</name>
    <message>
        <location filename="../../ui/teamkracht_review.py" line="+57"/>
        <source>Review the teamkracht sheet</source>
        <translation>Teamkracht-blad nakijken</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This is the free text of the sheet as it will be printed. Highlighted: what Koers replaced. Underlined in red: capitalised words it kept. Check them: select anything that could identify someone and blank it.</source>
        <translation>Dit is de vrije tekst van het blad zoals die wordt afgedrukt. Gemarkeerd: wat Koers heeft vervangen. Rood onderstreept: woorden met een hoofdletter die zijn blijven staan. Controleer ze: selecteer alles waaraan iemand te herkennen is en laat het weg.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Building the de-identification word lists once; this takes a few minutes. Later sheets are quick.</source>
        <translation>De lijsten met namen en plaatsen worden eenmalig opgebouwd; dat duurt een paar minuten. Latere bladen gaan snel.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Removing names, places and numbers… The first sheet of a session takes a few seconds.</source>
        <translation>Namen, plaatsen en nummers worden weggehaald… Het eerste blad van een sessie duurt enkele seconden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>State of the review</source>
        <translation>Stand van het nakijken</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Removing names, places and numbers</source>
        <translation>Namen, plaatsen en nummers worden weggehaald</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What was removed</source>
        <translation>Wat is weggehaald</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sheet text as it will be printed</source>
        <translation>Tekst van het blad zoals die wordt afgedrukt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Blank selection</source>
        <translation>Selectie &amp;weglaten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blank the selected words everywhere on the sheet (Delete)</source>
        <translation>De geselecteerde woorden overal op het blad weglaten (Delete)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Capitalised words kept</source>
        <translation>Behouden woorden met een hoofdletter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;I have read the sheet: nothing on it identifies the client or others</source>
        <translation>&amp;Ik heb het blad gelezen: niets erop maakt de cliënt of anderen herkenbaar</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Message</source>
        <translation>Melding</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Write sheet</source>
        <translation>Blad &amp;opslaan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Capitalised words kept, check them: %1</source>
        <translation>Behouden woorden met een hoofdletter, controleer ze: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No capitalised word was kept.</source>
        <translation>Er is geen woord met een hoofdletter blijven staan.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Select the words to blank first.</source>
        <translation>Selecteer eerst de woorden die weg moeten.</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../ui/today_page.py" line="+251"/>
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
        <location line="+6"/>
        <location line="+6"/>
        <location line="+6"/>
        <location line="+6"/>
        <location line="+6"/>
        <source>Client</source>
        <translation>Cliënt</translation>
    </message>
    <message>
        <location line="-30"/>
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
        <location line="+4"/>
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
        <location line="+12"/>
        <source>Programme</source>
        <translation>Programma</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Risk</source>
        <translation>Risico</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nobody is waiting for contact.</source>
        <translation>Niemand wacht op contact.</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location line="+4"/>
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
        <location line="+4"/>
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
        <location line="+4"/>
        <source>Open breaches</source>
        <translation>Open schendingen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Breach</source>
        <translation>Schending</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No open breaches.</source>
        <translation>Geen open schendingen.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Today, %1</source>
        <translation>Vandaag, %1</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Plan</source>
        <translation>Veiligheidsplan</translation>
    </message>
    <message>
        <location line="-125"/>
        <location line="+127"/>
        <source>Agreement</source>
        <translation>Afspraak</translation>
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
        <location line="+5"/>
        <source>Strength</source>
        <translation>Sterkte</translation>
    </message>
    <message>
        <location line="+39"/>
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
        <location line="+7"/>
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
        <location line="+41"/>
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
        <location line="+14"/>
        <source>At least %n characters; a short sentence works well</source>
        <translation>
            <numerusform>Minstens %n teken; een korte zin werkt goed</numerusform>
            <numerusform>Minstens %n tekens; een korte zin werkt goed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
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
    <name>WeekPage</name>
    <message>
        <location filename="../../ui/week_page.py" line="+49"/>
        <source>&amp;Previous week</source>
        <translation>&amp;Vorige week</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous week (Alt+Left, Page Up)</source>
        <translation>Vorige week (Alt+←, Page Up)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;his week</source>
        <translation>&amp;Deze week</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to this week (Alt+Home)</source>
        <translation>Terug naar deze week (Alt+Home)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ne&amp;xt week</source>
        <translation>V&amp;olgende week</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next week (Alt+Right, Page Down)</source>
        <translation>Volgende week (Alt+→, Page Down)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Planned contacts of the week</source>
        <translation>Geplande contacten van de week</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client</source>
        <translation>Cliënt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Location</source>
        <translation>Locatie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With whom</source>
        <translation>Met wie</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Week %1 · %2 – %3</source>
        <translation>Week %1 · %2 – %3</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n planned contact(s)</source>
        <translation>
            <numerusform>%n gepland contact</numerusform>
            <numerusform>%n geplande contacten</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No appointments</source>
        <translation>Geen afspraken</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>today</source>
        <translation>vandaag</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n contact(s)</source>
        <translation>
            <numerusform>%n contact</numerusform>
            <numerusform>%n contacten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkerLoadModel</name>
    <message>
        <location filename="../../ui/team_page.py" line="-200"/>
        <source>Worker</source>
        <translation>Begeleider</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cases</source>
        <translation>Casussen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>Te laat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In nazorg</source>
        <translation>In nazorg</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Team total</source>
        <translation>Team totaal</translation>
    </message>
</context>
<context>
    <name>ZrmChart</name>
    <message>
        <location filename="../../ui/zrm_chart.py" line="+48"/>
        <source>ZRM trend chart</source>
        <translation>ZRM-verloop</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>No ZRM yet.</source>
        <translation>Nog geen ZRM.</translation>
    </message>
</context>
<context>
    <name>ZrmForm</name>
    <message>
        <location filename="../../ui/case_file/zrm_form.py" line="+67"/>
        <source>New ZRM</source>
        <translation>Nieuwe ZRM</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ZRM assessment</source>
        <translation>ZRM-meting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Date</source>
        <translation>&amp;Datum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fi&amp;lled in by</source>
        <translation>Ingevu&amp;ld door</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type a score 1-5 for each life domain, or 0 for niet gescoord; the cursor moves on to the next domain.</source>
        <translation>Typ per leefgebied een score van 1 tot 5, of 0 voor niet gescoord; de cursor gaat dan naar het volgende leefgebied.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Notes</source>
        <translation>&amp;Notities</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Life domain</source>
        <translation>Leefgebied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous</source>
        <translation>Vorige</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Previous score %1</source>
        <translation>Vorige score %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Scores per life domain</source>
        <translation>Scores per leefgebied</translation>
    </message>
</context>
<context>
    <name>ZrmTab</name>
    <message>
        <location filename="../../ui/case_file/zrm.py" line="-3"/>
        <source>New &amp;ZRM…</source>
        <translation>Nieuwe &amp;ZRM…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score the life domains of the Zelfredzaamheid-Matrix</source>
        <translation>Scoor de leefgebieden van de Zelfredzaamheid-Matrix</translation>
    </message>
</context>
<context>
    <name>_TrajectoryForm</name>
    <message>
        <location filename="../../ui/case_file/trajectory_forms.py" line="-107"/>
        <source>Now: %1 · %2 since %3</source>
        <translation>Nu: %1 · %2 sinds %3</translation>
    </message>
</context>
</TS>
