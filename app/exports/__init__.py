"""PDF and CSV exports: handover packs, teamkracht sheets and the team overview."""
