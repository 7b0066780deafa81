from django.urls import include, path

from renda.suggestions import views

app_name = "suggestions"
urlpatterns = [
    # Deputies, handlers, the public and each suggestion's own page (views.py).
    path("<int:pk>/", views.suggestion_detail, name="detail"),
    # Staff and leaders' queues, boards, scores, polls and exports (views_supervision.py).
    path("", include("renda.suggestions.urls_supervision")),
]
