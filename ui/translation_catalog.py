"""Strings that ui/ translates in a way pyside6-lupdate cannot read: through a one-argument
helper (`_t(text)` -> translate("CaseSections", text)) or through QCoreApplication.translate
under another name (`t = QCoreApplication.translate`). lupdate reads only literal
tr(...) / translate(context, text) calls, so without this list these strings would never
reach resources/translations/koers_nl.ts and would show in English on a Dutch screen.
Nothing imports this module; lupdate reads it. tests/ui/test_translation_catalog.py keeps it
in step with those calls (its failure message lists the lines to add or remove); once a
module calls translate(context, "text") literally, its lines here go.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

CASE_FILE_ACTIONS = (
    QT_TRANSLATE_NOOP("CaseFileActions", "Action saved."),
    QT_TRANSLATE_NOOP("CaseFileActions", "Agreement saved."),
    QT_TRANSLATE_NOOP("CaseFileActions", "Breach recorded."),
    QT_TRANSLATE_NOOP("CaseFileActions", "Case closed."),
    QT_TRANSLATE_NOOP("CaseFileActions", "Case discussion prepared."),
    QT_TRANSLATE_NOOP("CaseFileActions", "Case reopened."),
    QT_TRANSLATE_NOOP("CaseFileActions", "Contact corrected."),
    QT_TRANSLATE_NOOP("CaseFileActions", "Evaluation of the safety plan saved."),
    QT_TRANSLATE_NOOP("CaseFileActions", "Follow-up saved."),
    QT_TRANSLATE_NOOP("CaseFileActions", "Goal saved."),
    QT_TRANSLATE_NOOP("CaseFileActions", "Handover note saved."),
    QT_TRANSLATE_NOOP("CaseFileActions", "Outcome of the case discussion saved."),
    QT_TRANSLATE_NOOP("CaseFileActions", "Own contact frequency ended."),
    QT_TRANSLATE_NOOP("CaseFileActions", "Own contact frequency saved."),
    QT_TRANSLATE_NOOP("CaseFileActions", "Phase changed."),
    QT_TRANSLATE_NOOP("CaseFileActions", "Programme switched."),
    QT_TRANSLATE_NOOP("CaseFileActions", "Safety plan saved as a new version."),
    QT_TRANSLATE_NOOP("CaseFileActions", "Screening saved."),
    QT_TRANSLATE_NOOP("CaseFileActions", "Visit planned."),
    QT_TRANSLATE_NOOP("CaseFileActions", "ZRM saved."),
)

CASE_SECTIONS = (
    QT_TRANSLATE_NOOP("CaseSections", "Aanmelding"),
    QT_TRANSLATE_NOOP("CaseSections", "Address"),
    QT_TRANSLATE_NOOP("CaseSections", "Adult"),
    QT_TRANSLATE_NOOP("CaseSections", "Back-up worker"),
    QT_TRANSLATE_NOOP("CaseSections", "Birth year"),
    QT_TRANSLATE_NOOP("CaseSections", "Child"),
    QT_TRANSLATE_NOOP("CaseSections", "Client"),
    QT_TRANSLATE_NOOP("CaseSections", "Closed on"),
    QT_TRANSLATE_NOOP("CaseSections", "Code word"),
    QT_TRANSLATE_NOOP("CaseSections", "Danger (dreiging)"),
    QT_TRANSLATE_NOOP("CaseSections", "Household"),
    QT_TRANSLATE_NOOP("CaseSections", "If someone else answers"),
    QT_TRANSLATE_NOOP("CaseSections", "Initials"),
    QT_TRANSLATE_NOOP("CaseSections", "Involved partners"),
    QT_TRANSLATE_NOOP("CaseSections", "Language"),
    QT_TRANSLATE_NOOP("CaseSections", "Latest closure"),
    QT_TRANSLATE_NOOP("CaseSections", "Latest reopening (terugval)"),
    QT_TRANSLATE_NOOP("CaseSections", "Latest screening"),
    QT_TRANSLATE_NOOP("CaseSections", "May we call?"),
    QT_TRANSLATE_NOOP("CaseSections", "Name"),
    QT_TRANSLATE_NOOP("CaseSections", "Nazorg start"),
    QT_TRANSLATE_NOOP("CaseSections", "No danger person recorded."),
    QT_TRANSLATE_NOOP("CaseSections", "No household members recorded."),
    QT_TRANSLATE_NOOP("CaseSections", "No partners recorded."),
    QT_TRANSLATE_NOOP("CaseSections", "Other values from a sync merge"),
    QT_TRANSLATE_NOOP("CaseSections", "Own contact frequency"),
    QT_TRANSLATE_NOOP("CaseSections", "Phase"),
    QT_TRANSLATE_NOOP("CaseSections", "Phase since"),
    QT_TRANSLATE_NOOP("CaseSections", "Phone"),
    QT_TRANSLATE_NOOP("CaseSections", "Planned end"),
    QT_TRANSLATE_NOOP("CaseSections", "Programme"),
    QT_TRANSLATE_NOOP("CaseSections", "Reopen until"),
    QT_TRANSLATE_NOOP("CaseSections", "Reopened on"),
    QT_TRANSLATE_NOOP("CaseSections", "Safe times"),
    QT_TRANSLATE_NOOP("CaseSections", "Start"),
    QT_TRANSLATE_NOOP("CaseSections", "Status"),
    QT_TRANSLATE_NOOP("CaseSections", "Trajectory"),
    QT_TRANSLATE_NOOP("CaseSections", "Worker"),
    QT_TRANSLATE_NOOP("CaseSections", "also involved: %1"),
    QT_TRANSLATE_NOOP("CaseSections", "contact with father: %1"),
    QT_TRANSLATE_NOOP("CaseSections", "in force: %1"),
    QT_TRANSLATE_NOOP("CaseSections", "interpreter needed"),
    QT_TRANSLATE_NOOP("CaseSections", "no order in force"),
    QT_TRANSLATE_NOOP("CaseSections", "own concerns: %1"),
    QT_TRANSLATE_NOOP("CaseSections", "school: %1"),
    QT_TRANSLATE_NOOP("CaseSections", "until %1"),
    QT_TRANSLATE_NOOP("CaseSections", "with nazorg"),
    QT_TRANSLATE_NOOP("CaseSections", "without nazorg"),
)
