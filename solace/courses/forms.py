"""Forms of the course pages. They parse and check shapes; the rules (weeks, minutes, agendas, stages, group sizes)
are the services' and the planning domain's, whose errors come back on the named field (add_service_errors)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from solace.courses.choices import RECORDABLE_ATTENDANCE, CourseFormat, FamilyRelationship, SessionStatus
from solace.domain import planning
from solace.domain.planning import Exercise, exercise_list, get_exercise
from solace.patients.models import Patient

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

WEEKS_HELP = _("12 to 20. Leave empty for the plan's own length.")
MINUTES_HELP = _("60 to 90. Leave empty for the format's usual length.")


def _number(label: StrOrPromise, help_text: StrOrPromise = "", *, required: bool = False) -> forms.IntegerField:
    field = forms.IntegerField(label=label, required=required, help_text=help_text)
    field.widget.attrs["inputmode"] = "numeric"
    return field


class CourseChoicesForm(forms.Form):
    """The clinician's choices when creating a course from the screening page."""

    course_format = forms.ChoiceField(label=_("Format"), choices=CourseFormat.choices)
    weeks = _number(_("Weeks"), WEEKS_HELP)
    session_minutes = _number(_("Minutes per session"), MINUTES_HELP)


class PlanSettingsForm(forms.Form):
    weeks = _number(_("Weeks"), _("12 to 20."), required=True)
    session_minutes = _number(_("Minutes per session"), _("60 to 90."), required=True)


def exercise_choices(exercises: Iterable[Exercise]) -> list[tuple[str, str]]:
    return [(exercise.code, exercise.title) for exercise in exercises]


class PlanSessionForm(forms.Form):
    """One planned session: its focus and the exercises on its agenda (those its stage and format may use)."""

    focus = forms.CharField(label=_("Focus"), max_length=200)
    agenda = forms.MultipleChoiceField(label=_("Agenda"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, stage: int, course_format: str, prefix_number: int, **kwargs: Any) -> None:
        kwargs["prefix"] = f"session-{prefix_number}"
        super().__init__(*args, **kwargs)
        stage_, format_ = planning.Stage(stage), planning.CourseFormat(course_format)
        allowed = [e for e in exercise_list() if e.allowed_in(stage_) and format_ in e.formats]
        cast(forms.ChoiceField, self.fields["agenda"]).choices = exercise_choices(allowed)


class SessionTimeForm(forms.Form):
    """A date and a time on the clinician's own clock (their time zone is shown beside the form)."""

    start_date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))


class AttendanceForm(forms.Form):
    status = forms.ChoiceField(label=_("Attendance"), widget=forms.RadioSelect, choices=[
        (value, label) for value, label in SessionStatus.choices if value in RECORDABLE_ATTENDANCE])


class ProgressNoteForm(forms.Form):
    agenda_done = forms.MultipleChoiceField(label=_("Agenda items done"), required=False,
                                            widget=forms.CheckboxSelectMultiple)
    exercises_practised = forms.MultipleChoiceField(label=_("Exercises practised"), required=False,
                                                    widget=forms.CheckboxSelectMultiple)
    text = forms.CharField(label=_("Progress note"), required=False, max_length=20000,
                           widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args: Any, agenda: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["agenda_done"]).choices = exercise_choices(
            get_exercise(code) for code in agenda)
        cast(forms.ChoiceField, self.fields["exercises_practised"]).choices = exercise_choices(
            e for e in exercise_list() if e.kind.value not in ("care", "psychoeducation"))


class AddendumForm(forms.Form):
    addendum = forms.CharField(label=_("Addendum"), max_length=10000, widget=forms.Textarea(attrs={"rows": 4}))


class PsychotherapyNoteForm(forms.Form):
    private_text = forms.CharField(
        label=_("Private psychotherapy note"), max_length=20000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Only you can ever read this: not the patient, colleagues, supervisors, exports or the API."))


class StageForm(forms.Form):
    to_stage = forms.CharField(label=_("Stage"), widget=forms.HiddenInput)
    note = forms.CharField(label=_("Reason for the decision"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Group name"), max_length=100,
                           help_text=_("A label for staff, such as \"Tuesday evening group\". No patient names."))
    weeks = _number(_("Weeks"), _("12 to 20. Leave empty for 12, as in the published group protocol."))
    session_minutes = _number(_("Minutes per session"), _("60 to 90. Leave empty for 90."))


class GroupMemberForm(forms.Form):
    patient = forms.ModelChoiceField(label=_("Patient"), queryset=Patient.objects.none())

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField[Patient], self.fields["patient"]).queryset = candidates


class GroupAttendanceForm(forms.Form):
    """One form for the whole group: a status per member, and the agenda items the group covered."""

    agenda_done = forms.MultipleChoiceField(label=_("Agenda items done"), required=False,
                                            widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, members: list[Any], agenda: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(value, label) for value, label in SessionStatus.choices if value in RECORDABLE_ATTENDANCE]
        for member in members:
            self.fields[f"member_{member.pk}"] = forms.ChoiceField(
                label=member.course.patient.full_name, choices=choices, widget=forms.RadioSelect,
                initial=member.status if member.status in RECORDABLE_ATTENDANCE else None)
        cast(forms.ChoiceField, self.fields["agenda_done"]).choices = exercise_choices(
            get_exercise(code) for code in agenda)
        self.members = members

    def statuses(self) -> dict[int, str]:
        return {member.pk: self.cleaned_data[f"member_{member.pk}"] for member in self.members}

    def member_fields(self) -> list[forms.BoundField]:
        return [self[f"member_{member.pk}"] for member in self.members]


class FamilyInviteForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    relationship = forms.ChoiceField(label=_("Relationship to the patient"), choices=FamilyRelationship.choices)


class FamilySharingForm(forms.Form):
    family_sees_schedule = forms.BooleanField(label=_("Share my session times"), required=False)
    family_sees_homework = forms.BooleanField(label=_("Share my daily practice"), required=False)
    family_sees_progress = forms.BooleanField(label=_("Share where I am in the course (stage and week)"),
                                              required=False)
