"""The beheer console: server-rendered pages at /beheer (FastAPI + Jinja2, no JavaScript).

A beheerder manages accounts, teams and devices and searches the central access log; every
other account sees only its own password page. See `pages.install` for the routes and
`sessions` for how sessions, CSRF tokens and the TOTP second factor are kept.
"""

from sync.server.console.pages import ConsoleSettings, install

__all__ = ["ConsoleSettings", "install"]
