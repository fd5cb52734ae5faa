"""Reads that compose several apps for the site's pages: the caseload."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Count, Min, OuterRef, Q, QuerySet, Subquery

from solace.alerts.choices import SafetyStatus
from solace.alerts.models import SafetyEvent
from solace.alerts.selectors import severity_rank
from solace.courses.choices import SessionStatus
from solace.courses.models import TreatmentCourse
from solace.kernel.permissions import Action
from solace.patients.access import patients_in_scope
from solace.patients.models import Patient


def caseload_list(*, user: Any, now: datetime) -> QuerySet[Patient]:
    """The user's patients with stage, next session and open safety events, in a fixed number of queries: patients
    with the most severe open alert first, then the longest waiting, then by name."""
    latest_course = TreatmentCourse.objects.filter(patient=OuterRef("pk")).order_by("-created_at")
    most_severe_open = (SafetyEvent.objects.filter(patient=OuterRef("pk"), status=SafetyStatus.OPEN)
                        .order_by(severity_rank(), "raised_at", "pk"))
    return patients_in_scope(user, Action.CLINICAL_READ).annotate(
        stage=Subquery(latest_course.values("stage")[:1]),
        next_session=Min(
            "courses__therapy_sessions__scheduled_start",
            filter=Q(courses__therapy_sessions__scheduled_start__gte=now,
                     courses__therapy_sessions__status=SessionStatus.SCHEDULED),
        ),
        open_alerts=Count("safety_events", filter=Q(safety_events__status=SafetyStatus.OPEN), distinct=True),
        top_severity=Subquery(most_severe_open.values("severity")[:1]),
        oldest_open_alert=Subquery(most_severe_open.values("raised_at")[:1]),
    ).annotate(top_severity_rank=severity_rank("top_severity")).order_by(
        "top_severity_rank", "oldest_open_alert", "-open_alerts", "family_name", "given_name")
