"""What the courses app teaches the apps below it, which never import it (the layers contract): the relation of a
family member to a patient (patient gate), the family invitation (accounts) and the current treatment course as
the measurement schedule sees it (measures). Registered once, from CoursesConfig.ready()."""

from __future__ import annotations

from solace.accounts.services import invitation_kind_register
from solace.courses.access import family_relation
from solace.courses.selectors import treatment_episode
from solace.courses.services import family_invitation_find
from solace.kernel.permissions import Action, Role
from solace.measures.selectors import episode_source_register
from solace.patients.access import relation_register


def register() -> None:
    relation_register(Role.FAMILY_MEMBER, Action.FAMILY_SHARED, family_relation)
    invitation_kind_register("family", family_invitation_find)
    episode_source_register(treatment_episode)
