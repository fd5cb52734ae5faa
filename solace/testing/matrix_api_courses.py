"""Access-matrix entries for API writes for courses, therapy sessions, notes, stages, alerts and audit lists.

Each entry is a Route (solace/testing/matrix_base.py); access_matrix.py adds this list to the one ROUTES.
"""

from __future__ import annotations

from solace.testing.matrix_base import Route

ROUTES: list[Route] = []
