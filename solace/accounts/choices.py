from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PATIENT = "patient", _("Patient")
    CLINICIAN = "clinician", _("Clinician")
    SUPERVISOR = "supervisor", _("Supervisor")
    CLINIC_ADMIN = "clinic_admin", _("Clinic administrator")
    RESEARCHER = "researcher", _("Researcher")


STAFF_ROLES = frozenset({Role.CLINICIAN, Role.SUPERVISOR, Role.CLINIC_ADMIN, Role.RESEARCHER})
CLINICAL_ROLES = frozenset({Role.CLINICIAN, Role.SUPERVISOR})
AUDIT_READER_ROLES = frozenset({Role.SUPERVISOR, Role.CLINIC_ADMIN})
