from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from solace.courses.choices import (
    OPEN_COURSE_STATUSES,
    CourseFormat,
    CourseStatus,
    FamilyRelationship,
    SessionStatus,
    Stage,
)


class TreatmentCourseQuerySet(models.QuerySet["TreatmentCourse"]):
    def open(self) -> TreatmentCourseQuerySet:
        """Planned or active courses (OPEN_COURSE_STATUSES)."""
        return self.filter(status__in=OPEN_COURSE_STATUSES)

    def current(self) -> TreatmentCourse | None:
        """The one definition of a patient's current course (call it on `patient.courses`): their open course,
        else their latest one. Lower apps that already hold the patient reach it here without importing
        solace.courses.selectors; `course_current` there is the selector for everyone else."""
        return self.open().first() or self.order_by("-created_at").first()


class TreatmentCourse(models.Model):
    """A patient's course of CFT: its format, current stage and status. Its plan lives in CoursePlanVersion rows;
    a group member's course also points at its TherapyGroup, whose shared sessions it mirrors. The three
    `family_sees_*` flags are the patient's own choices of what family participants may see (nothing by default)."""

    patient = models.ForeignKey("patients.Patient", on_delete=models.CASCADE, related_name="courses")
    format = models.CharField(max_length=20, choices=CourseFormat.choices, default=CourseFormat.INDIVIDUAL)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.NOT_STARTED)
    status = models.CharField(max_length=20, choices=CourseStatus.choices, default=CourseStatus.PLANNED)
    weeks = models.PositiveSmallIntegerField(default=16)
    session_minutes = models.PositiveSmallIntegerField(default=60)
    started_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
                                   blank=True)
    group = models.ForeignKey("TherapyGroup", on_delete=models.PROTECT, related_name="member_courses", null=True,
                              blank=True)
    family_sees_schedule = models.BooleanField(_("Share my session times"), default=False)
    family_sees_homework = models.BooleanField(_("Share my daily practice"), default=False)
    family_sees_progress = models.BooleanField(_("Share where I am in the course"), default=False)

    objects = TreatmentCourseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_format_display()} course ({self.get_stage_display()})"



class TherapySession(models.Model):
    """One scheduled or held therapy meeting of a course. Times are stored in UTC."""

    course = models.ForeignKey(TreatmentCourse, on_delete=models.CASCADE, related_name="therapy_sessions")
    number = models.PositiveSmallIntegerField()
    scheduled_start = models.DateTimeField(db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    status = models.CharField(max_length=20, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED)
    group_session = models.ForeignKey("GroupSession", on_delete=models.CASCADE, related_name="member_sessions",
                                      null=True, blank=True)
    sequence = models.PositiveIntegerField(default=0)
    """iCalendar SEQUENCE: raised on every reschedule so calendar apps replace the old time."""
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)
    attendance_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                               null=True, blank=True)

    class Meta:
        ordering = ["scheduled_start"]
        constraints = [models.UniqueConstraint(fields=["course", "number"], name="session_number_once")]

    def __str__(self) -> str:
        return f"session {self.number}"

    @property
    def scheduled_end(self) -> datetime:
        return self.scheduled_start + timedelta(minutes=self.duration_minutes)


class TherapyGroup(models.Model):
    """A CFT group: 4-12 members meeting at the same times with the same agenda. The group owns the shared plan and
    the shared meetings (GroupSession); each member keeps their own TreatmentCourse (format group) whose
    TherapySessions mirror the group's, so attendance, notes, measures, homework and the caseload stay on the
    member's own record and nothing of one member is stored on another's."""

    clinic = models.ForeignKey("accounts.Clinic", on_delete=models.PROTECT, related_name="therapy_groups")
    name = models.CharField(_("Group name"), max_length=100,
                            help_text=_("A label for staff, such as \"Tuesday evening group\". No patient names."))
    facilitator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    weeks = models.PositiveSmallIntegerField(default=12)
    session_minutes = models.PositiveSmallIntegerField(default=90)
    status = models.CharField(max_length=20, choices=CourseStatus.choices, default=CourseStatus.PLANNED)
    created_at = models.DateTimeField(auto_now_add=True)

    MIN_MEMBERS = 4
    MAX_MEMBERS = 12

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class GroupSession(models.Model):
    """One shared meeting of a therapy group (UTC). Each member's own TherapySession points at it; attendance is
    taken here once and written to every member's session."""

    group = models.ForeignKey(TherapyGroup, on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField()
    scheduled_start = models.DateTimeField(db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(default=90)
    status = models.CharField(max_length=20, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED)
    sequence = models.PositiveIntegerField(default=0)
    agenda_done = models.JSONField(default=list, blank=True)
    attendance_taken_at = models.DateTimeField(null=True, blank=True)
    attendance_taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                            null=True, blank=True)

    class Meta:
        ordering = ["scheduled_start"]
        constraints = [models.UniqueConstraint(fields=["group", "number"], name="group_session_number_once")]

    def __str__(self) -> str:
        return f"group session {self.number}"

    @property
    def scheduled_end(self) -> datetime:
        return self.scheduled_start + timedelta(minutes=self.duration_minutes)


class CoursePlanVersion(models.Model):
    """One version of a course's plan (the planning domain's CoursePlan.to_dict()). Version 1 is generated from the
    signed screening and the clinician's choices; every edit adds a version with who changed what; none is ever
    changed or deleted. A group's shared plan belongs to the group instead of a course."""

    course = models.ForeignKey(TreatmentCourse, on_delete=models.CASCADE, related_name="plan_versions", null=True,
                               blank=True)
    group = models.ForeignKey(TherapyGroup, on_delete=models.CASCADE, related_name="plan_versions", null=True,
                              blank=True)
    number = models.PositiveIntegerField()
    plan = models.JSONField()
    source = models.JSONField(default=dict)
    """What the plan was generated from: screening id, decision, adaptations, concerns (codes only)."""
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    summary = models.CharField(max_length=300)
    changes = models.JSONField(default=list, blank=True)
    """[{"field": "sessions.3.focus", "before": ..., "after": ...}] against the previous version."""

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["course", "number"], name="plan_version_once_per_course"),
            models.UniqueConstraint(fields=["group", "number"], name="plan_version_once_per_group"),
            models.CheckConstraint(
                condition=(Q(course__isnull=False) & Q(group__isnull=True))
                | (Q(course__isnull=True) & Q(group__isnull=False)),
                name="plan_version_of_course_or_group"),
        ]

    def __str__(self) -> str:
        return f"plan version {self.number}"


class ProgressNote(models.Model):
    """The clinical record of one session: agenda items done, exercises practised and the progress note. Once
    signed it is read only; corrections and additions are addenda."""

    session = models.OneToOneField(TherapySession, on_delete=models.CASCADE, related_name="progress_note")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agenda_done = models.JSONField(default=list, blank=True)
    exercises_practised = models.JSONField(default=list, blank=True)
    text = models.TextField(_("Progress note"), max_length=20000, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
                                  blank=True)

    def __str__(self) -> str:
        return f"progress note of session {self.session_id}"

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None


class ProgressNoteAddendum(models.Model):
    """An addition to a signed progress note; the original stays as it was signed."""

    note = models.ForeignKey(ProgressNote, on_delete=models.CASCADE, related_name="addenda")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("Addendum"), max_length=10000)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"addendum {self.pk}"


class PsychotherapyNote(models.Model):
    """A clinician's private process note about a session, kept apart from the clinical record.

    Visible to its author only: never to the patient, other clinicians, supervisors, family members, the API,
    calendar feeds, FHIR or other exports. There is deliberately no reverse accessor from the session or the user
    (related_name "+"), so it cannot be reached by accident: read it only with `psychotherapy_note_get(author=...)`.
    """

    session = models.ForeignKey(TherapySession, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(max_length=20000)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "author"], name="one_private_note_per_author")]

    def __str__(self) -> str:
        return f"private note {self.pk}"


class StageTransition(models.Model):
    """A clinician's decision to move a course to its next stage, with the criteria they saw when deciding."""

    course = models.ForeignKey(TreatmentCourse, on_delete=models.CASCADE, related_name="stage_transitions")
    from_stage = models.CharField(max_length=20, choices=Stage.choices)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    note = models.TextField(_("Reason"), max_length=2000, blank=True)
    criteria = models.JSONField(default=dict)

    class Meta:
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.from_stage} -> {self.to_stage}"


class FamilyParticipant(models.Model):
    """A relative taking part in a patient's family-format course, with their own account once they accept the
    invitation and consent. They see only what the patient shares (TreatmentCourse.family_sees_*)."""

    course = models.ForeignKey(TreatmentCourse, on_delete=models.CASCADE, related_name="family_participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="family_participations",
                             null=True, blank=True)
    full_name = models.CharField(_("Full name"), max_length=200)
    email = models.EmailField(_("E-mail address"))
    relationship = models.CharField(_("Relationship to the patient"), max_length=20,
                                    choices=FamilyRelationship.choices)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    consented_at = models.DateTimeField(null=True, blank=True)
    consent_version = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["course", "email"], name="family_participant_once")]

    def __str__(self) -> str:
        return self.full_name


class FamilyInvitation(models.Model):
    """A single-use, expiring link for a family participant to create their account and consent (the patient
    invitation's pattern, solace.accounts.models.Invitation)."""

    participant = models.ForeignKey(FamilyParticipant, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"family invitation {self.pk}"

    def is_usable(self, now: object) -> bool:
        return self.accepted_at is None and self.revoked_at is None and now < self.expires_at  # type: ignore[operator]

