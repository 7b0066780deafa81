from django.urls import path

from renda.petitions import views, views_public

app_name = "petitions"
urlpatterns = [
    # The petitions office, leaders, units and deputies (views.py).
    path("", views.register, name="register"),
    path("export/", views.register_export, name="export"),
    path("new/", views.petition_new, name="new"),
    path("overdue/", views.overdue_board, name="overdue"),
    path("key/", views.key_petitions, name="key"),
    path("unit/", views.unit_petitions, name="unit"),
    path("station/", views.station_petitions, name="station"),
    path("<int:pk>/", views.page.detail, name="petition"),
    path("<int:pk>/act/<slug:action>/", views.page.act, name="act"),
    # The public (views_public.py).
    path("public/new/", views_public.public_new, name="public_new"),
    path("public/new/done/", views_public.public_submitted, name="public_submitted"),
    path("public/track/", views_public.public_track, name="public_track"),
    path("public/track/rate/", views_public.public_rate, name="public_rate"),
    path("public/track/review/", views_public.public_review, name="public_review"),
]
