"""The access matrix's vocabulary: the cast groups, Route and Reveal (see access_matrix.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from solace.testing.factories import MATRIX_CAST_NAMES, Cast

CLINICAL = frozenset({"assigned_clinician", "supervisor"})
CLINICAL_AND_SELF = CLINICAL | {"patient_user"}
EVERYONE = frozenset(MATRIX_CAST_NAMES)
SIGNED_IN = EVERYONE - {"anonymous"}
CLINICIANS = frozenset({"assigned_clinician", "colleague", "other_clinic_clinician", "group_facilitator",
                        "other_group_facilitator"})
CLINICAL_ROLES = CLINICIANS | {"supervisor"}
PATIENTS = frozenset({"patient_user", "other_patient_user"})
FAMILY = frozenset({"family_member", "family_member_unshared"})
GROUP_READERS = frozenset({"group_facilitator", "supervisor"})
FACILITATOR = frozenset({"group_facilitator"})
NOBODY: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Reveal:
    """A marker (text) that a successful response shows to the cast members in `to` and to no one else."""

    marker: Callable[[Cast], str]
    to: frozenset[str]


@dataclass(frozen=True)
class Route:
    """One route. `key` is the URL name (pages) or "METHOD /api/v1/path" (API).

    Members in `allowed` succeed (status < 400); anonymous gets `anonymous` (default: 302 to sign in, 401 on the
    API); every other signed-in member gets `denied` (404 for anything that names an object: missing and forbidden
    look the same). A refusal writes a "denied" audit event naming the member, except for members in `unaudited`
    (current gaps, listed so they are not hidden). `changed`, when given, tells whether the last request changed
    the object: it must stay False after every refused request.
    """

    key: str
    method: str
    path: Callable[[Cast], str]
    allowed: frozenset[str]
    api: bool = False
    body: Callable[[Cast], dict[str, Any]] = field(default=lambda cast: {})
    denied: int = 404
    anonymous: int | None = None
    unaudited: frozenset[str] = frozenset()
    reveals: tuple[Reveal, ...] = ()
    changed: Callable[[Cast], bool] | None = None

    def expected_anonymous(self) -> int:
        if self.anonymous is not None:
            return self.anonymous
        return 401 if self.api else 302
