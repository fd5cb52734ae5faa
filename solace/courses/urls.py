from django.urls import path

from solace.accounts.views import invitation_accept_view
from solace.courses.views import courses, family, groups, notes, patient, plans, therapy_sessions

app_name = "courses"

PATIENT = "patients/<uuid:patient_id>/"
COURSE = PATIENT + "<int:course_id>/"
SESSION = PATIENT + "sessions/<int:session_id>/"
GROUP = "groups/<int:group_id>/"

urlpatterns = [
    path("mine/", patient.my_course_view, name="mine"),
    path("mine/calendar.ics", patient.my_calendar_view, name="mine_calendar"),
    path("mine/sharing/", patient.my_sharing_view, name="mine_sharing"),
    path("family/", family.family_home_view, name="family_home"),
    path("family/calendar.ics", family.family_calendar_view, name="family_calendar"),
    path("family/invitation/<str:token>/", invitation_accept_view, {"kind": "family"}, name="family_accept"),
    path(PATIENT, courses.course_view, name="patient"),
    path(PATIENT + "create/", courses.course_create_view, name="create"),
    path(PATIENT + "activate/", courses.course_activate_view, name="activate"),
    path(COURSE + "plan/", plans.plan_view, name="plan"),
    path(COURSE + "plan/settings/", plans.plan_settings_view, name="plan_settings"),
    path(COURSE + "plan/sessions/<int:number>/", plans.plan_session_view, name="plan_session"),
    path(COURSE + "schedule/", therapy_sessions.schedule_view, name="schedule"),
    path(COURSE + "stage/", courses.stage_view, name="stage"),
    path(COURSE + "calendar.ics", therapy_sessions.course_calendar_view, name="calendar"),
    path(COURSE + "family/", family.family_invite_view, name="family_invite"),
    path(SESSION, therapy_sessions.session_view, name="session"),
    path(SESSION + "reschedule/", therapy_sessions.session_reschedule_view, name="session_reschedule"),
    path(SESSION + "attendance/", therapy_sessions.session_attendance_view, name="session_attendance"),
    path(SESSION + "note/", notes.note_save_view, name="note_save"),
    path(SESSION + "note/sign/", notes.note_sign_view, name="note_sign"),
    path(SESSION + "note/addendum/", notes.note_addendum_view, name="note_addendum"),
    path(SESSION + "private-note/", notes.psychotherapy_note_view, name="psychotherapy_note"),
    path("groups/", groups.group_list_view, name="groups"),
    path("groups/new/", groups.group_create_view, name="group_create"),
    path(GROUP, groups.group_view, name="group"),
    path(GROUP + "members/", groups.group_member_add_view, name="group_member_add"),
    path(GROUP + "activate/", groups.group_activate_view, name="group_activate"),
    path(GROUP + "schedule/", groups.group_schedule_view, name="group_schedule"),
    path(GROUP + "plan/settings/", groups.group_plan_settings_view, name="group_plan_settings"),
    path(GROUP + "plan/sessions/<int:number>/", groups.group_plan_session_view, name="group_plan_session"),
    path(GROUP + "calendar.ics", groups.group_calendar_view, name="group_calendar"),
    path(GROUP + "sessions/<int:session_id>/", groups.group_attendance_view, name="group_attendance"),
    path(GROUP + "sessions/<int:session_id>/reschedule/", groups.group_session_reschedule_view,
         name="group_session_reschedule"),
]
