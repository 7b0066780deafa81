from django.urls import path

from renda.meetings import views, views_decisions

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_plan, name="plan"),
    path("public/", views.public_list, name="public"),
    path("<int:pk>/", views.meeting_page.detail, name="detail"),
    path("<int:pk>/act/<slug:action>/", views.meeting_page.act, name="act"),
    path("<int:pk>/items/", views.item_add, name="item_add"),
    path("<int:pk>/items/<int:item>/materials/", views.material_add, name="material_add"),
    path("<int:pk>/items/<int:item>/votes/", views.vote_add, name="vote_add"),
    path("<int:pk>/materials/<int:material>/", views.material_download, name="material"),
    path("<int:pk>/minutes/", views.minutes_save, name="minutes"),
    path("<int:pk>/minutes.docx", views.minutes_docx, name="minutes_docx"),
    path("<int:pk>/vote-now/", views.vote_now, name="vote_now"),
    path("<int:pk>/projector/", views.projector, name="projector"),
    path("<int:pk>/projector.json", views.projector_json, name="projector_json"),
    path("votes/<int:pk>/", views.vote_page.detail, name="vote"),
    path("votes/<int:pk>/act/<slug:action>/", views.vote_page.act, name="vote_act"),
    # Decisions and resolutions (views_decisions.py).
    path("decisions/", views_decisions.decision_list, name="decisions"),
    path("decisions/new/", views_decisions.decision_new, name="decision_new"),
    path("decisions/register.xlsx", views_decisions.decision_list_xlsx, name="decisions_xlsx"),
    path("decisions/<int:pk>/", views_decisions.decision_page.detail, name="decision"),
    path(
        "decisions/<int:pk>/act/<slug:action>/",
        views_decisions.decision_page.act,
        name="decision_act",
    ),
    path("public/decisions/", views_decisions.public_decisions, name="public_decisions"),
    path("public/decisions/<int:pk>/", views_decisions.public_decision, name="public_decision"),
    # Appointments and removals.
    path("appointments/", views_decisions.proposal_list, name="proposals"),
    path("appointments/new/", views_decisions.proposal_new, name="proposal_new"),
    path("appointments/<int:pk>/", views_decisions.proposal_page.detail, name="proposal"),
    path(
        "appointments/<int:pk>/act/<slug:action>/",
        views_decisions.proposal_page.act,
        name="proposal_act",
    ),
    path("appointments/<int:pk>/persons/", views_decisions.nomination_add, name="nomination_add"),
    path(
        "appointments/<int:pk>/announcement.docx",
        views_decisions.announcement,
        name="announcement",
    ),
    path(
        "appointments/persons/<int:pk>/letter.docx",
        views_decisions.appointment_letter,
        name="appointment_letter",
    ),
    path("offices/", views_decisions.office_register, name="offices"),
    path("offices/register.xlsx", views_decisions.office_register_xlsx, name="offices_xlsx"),
    path("public/appointments/", views_decisions.public_appointments, name="public_appointments"),
]
