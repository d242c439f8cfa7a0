"""The administrators' dashboard, under `/<lang>/admin/`.

Sign-in by an emailed one-time link (`sign_in`), the list of submissions with
filters (`listing`), one submission with its audit trail and attachments
(`detail`), a CSV export (`export`) and the supervision quality indicator
(`quality`). Every page but the sign-in ones needs a signed-in administrator
(`blueprint`), who sees only the workflows where they may decide (`scope`).
"""

from __future__ import annotations

# Importing the view modules registers their routes on the blueprint.
from . import detail, export, listing, quality, sign_in  # noqa: F401
from .blueprint import bp

__all__ = ["bp"]
