"""Commands over the ledger database (ingest, search, quotes, claims, actors, show, export, reanalyze)."""
from __future__ import annotations

import click


def register(group: click.Group) -> None:
    """Add the ledger commands to ``group``."""
