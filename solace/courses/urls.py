from django.urls import path

from solace.courses import views

app_name = "courses"

PATIENT = "patients/<uuid:patient_id>/"
COURSE = PATIENT + "<int:course_id>/"
SESSION = PATIENT + "sessions/<int:session_id>/"
GROUP = "groups/<int:group_id>/"

urlpatterns = [
    path("mine/", views.my_course_view, name="mine"),
    path("mine/calendar.ics", views.my_calendar_view, name="mine_calendar"),
    path("mine/sharing/", views.my_sharing_view, name="mine_sharing"),
    path("family/", views.family_home_view, name="family_home"),
    path("family/calendar.ics", views.family_calendar_view, name="family_calendar"),
    path("family/invitation/<str:token>/", views.family_accept_view, name="family_accept"),
    path(PATIENT, views.course_view, name="patient"),
    path(COURSE + "plan/", views.plan_view, name="plan"),
    path(COURSE + "plan/settings/", views.plan_settings_view, name="plan_settings"),
    path(COURSE + "plan/sessions/<int:number>/", views.plan_session_view, name="plan_session"),
    path(COURSE + "schedule/", views.schedule_view, name="schedule"),
    path(COURSE + "stage/", views.stage_view, name="stage"),
    path(COURSE + "calendar.ics", views.course_calendar_view, name="calendar"),
    path(COURSE + "family/", views.family_invite_view, name="family_invite"),
    path(SESSION, views.session_view, name="session"),
    path(SESSION + "reschedule/", views.session_reschedule_view, name="session_reschedule"),
    path(SESSION + "attendance/", views.session_attendance_view, name="session_attendance"),
    path(SESSION + "note/", views.note_save_view, name="note_save"),
    path(SESSION + "note/sign/", views.note_sign_view, name="note_sign"),
    path(SESSION + "note/addendum/", views.note_addendum_view, name="note_addendum"),
    path(SESSION + "private-note/", views.psychotherapy_note_view, name="psychotherapy_note"),
    path("groups/", views.group_list_view, name="groups"),
    path("groups/new/", views.group_create_view, name="group_create"),
    path(GROUP, views.group_view, name="group"),
    path(GROUP + "members/", views.group_member_add_view, name="group_member_add"),
    path(GROUP + "activate/", views.group_activate_view, name="group_activate"),
    path(GROUP + "schedule/", views.group_schedule_view, name="group_schedule"),
    path(GROUP + "plan/settings/", views.group_plan_settings_view, name="group_plan_settings"),
    path(GROUP + "plan/sessions/<int:number>/", views.group_plan_session_view, name="group_plan_session"),
    path(GROUP + "calendar.ics", views.group_calendar_view, name="group_calendar"),
    path(GROUP + "sessions/<int:session_id>/", views.group_attendance_view, name="group_attendance"),
    path(GROUP + "sessions/<int:session_id>/reschedule/", views.group_session_reschedule_view,
         name="group_session_reschedule"),
]
