"""The case file: one screen with a module per tab (view.py puts header and tabs together),
and the forms of a case's lifecycle: screening, trajectory, planning a visit, closing and
reopening (actions.py opens them for the window)."""

from ui.case_file.view import CaseFileView

__all__ = ["CaseFileView"]
