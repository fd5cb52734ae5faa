from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PATIENT = "patient", _("Patient")
    CLINICIAN = "clinician", _("Clinician")
    SUPERVISOR = "supervisor", _("Supervisor")
    CLINIC_ADMIN = "clinic_admin", _("Clinic administrator")
    RESEARCHER = "researcher", _("Researcher")
    # A patient's relative in a family-format course: sees only what the patient chose to share
    # (solace.courses.access); patients_in_scope gives this role no patient records at all.
    FAMILY_MEMBER = "family_member", _("Family member")


STAFF_ROLES = frozenset({Role.CLINICIAN, Role.SUPERVISOR, Role.CLINIC_ADMIN, Role.RESEARCHER})
CLINICAL_ROLES = frozenset({Role.CLINICIAN, Role.SUPERVISOR})
AUDIT_READER_ROLES = frozenset({Role.SUPERVISOR, Role.CLINIC_ADMIN})
