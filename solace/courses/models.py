from __future__ import annotations

from django.db import models

from solace.courses.choices import CourseFormat, CourseStatus, SessionStatus, Stage


class TreatmentCourse(models.Model):
    """A patient's course of CFT: its format, current stage and status (planning is filled in by later work)."""

    patient = models.ForeignKey("patients.Patient", on_delete=models.CASCADE, related_name="courses")
    format = models.CharField(max_length=20, choices=CourseFormat.choices, default=CourseFormat.INDIVIDUAL)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.NOT_STARTED)
    status = models.CharField(max_length=20, choices=CourseStatus.choices, default=CourseStatus.PLANNED)
    weeks = models.PositiveSmallIntegerField(default=16)
    session_minutes = models.PositiveSmallIntegerField(default=60)
    started_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

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

    class Meta:
        ordering = ["scheduled_start"]
        constraints = [models.UniqueConstraint(fields=["course", "number"], name="session_number_once")]

    def __str__(self) -> str:
        return f"session {self.number}"

