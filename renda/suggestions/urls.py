from django.urls import include, path

from renda.suggestions import views

app_name = "suggestions"
urlpatterns = [
    # Deputies, handlers, the public and each suggestion's own page (views.py).
    path("<int:pk>/", views.suggestion_detail, name="detail"),
    path("<int:pk>/act/<slug:action>/", views.suggestion_act, name="act"),
    path("<int:pk>/files/<int:attachment>/", views.attachment_download, name="attachment"),
    path("<int:pk>/replies/<int:reply>/letter/", views.reply_letter, name="reply_letter"),
    path("mine/", views.my_suggestions, name="mine"),
    path("write/", views.suggestion_write, name="write"),
    path("motions/write/", views.motion_write, name="motion_write"),
    path("unit/", views.unit_assignments, name="unit"),
    path("public/", views.public_list, name="public"),
    path("public/<int:pk>/", views.public_detail, name="public_detail"),
    # Staff and leaders' queues, boards, scores, polls and exports (the supervision package).
    path("", include("renda.suggestions.supervision.urls")),
]
