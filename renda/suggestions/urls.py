from django.urls import path

from renda.suggestions import views

app_name = "suggestions"
urlpatterns = [
    path("<int:pk>/", views.suggestion_detail, name="detail"),
]
