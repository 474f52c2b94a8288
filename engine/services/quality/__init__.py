"""The quality center's workbench: drafts, checks, test runs, comparisons, four-eyes publication."""

from __future__ import annotations

from collections.abc import Callable

from engine import runtime
from engine.quality.lint import Bpmnlint
from engine.services.library import Library
from engine.services.quality.catalogue import Catalogue
from engine.services.quality.common import Checker
from engine.services.quality.comparisons import Comparisons
from engine.services.quality.drafts import Drafts
from engine.services.quality.editing import Editing
from engine.services.quality.migration import Migrations
from engine.services.quality.publication import Publication
from engine.services.quality.testing import Testing
from engine.services.quality.whatif import WhatIfs
from engine.store import UnitOfWork


class Quality:
    """Every use case of the quality center, over one database."""

    def __init__(self, uow: Callable[..., UnitOfWork], library: Library, engine: runtime.Engine,
                 linter: Bpmnlint | None = None):
        checker = Checker(linter or Bpmnlint(), engine.sandbox)
        self.catalogue = Catalogue(uow)
        self.drafts = Drafts(uow, checker)
        self.editing = Editing()
        self.testing = Testing(uow, checker, engine)
        self.comparisons = Comparisons(uow)
        self.publication = Publication(uow, checker, engine, library)
        self.migrations = Migrations(uow, library)
        self.what_ifs = WhatIfs(uow, library)
