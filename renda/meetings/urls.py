from django.urls import path

from renda.meetings import views

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
]
