"""Pages of the performance module (履职档案, 履职评价), mounted at /performance/."""

from django.urls import path

from renda.performance import views, views_manage

app_name = "performance"
urlpatterns = [
    # A deputy's own record and score (views.py).
    path("mine/", views.my_record, name="mine"),
    path("mine/score/", views.my_score, name="my_score"),
    # Any deputy's, for staff and leaders; the annual report for staff and the deputy.
    path("deputies/", views.deputy_list, name="deputies"),
    path("deputies/<int:pk>/", views.deputy_record, name="record"),
    path("deputies/<int:pk>/score/", views.deputy_score, name="score"),
    path("deputies/<int:pk>/report/", views.annual_report, name="report"),
    path("rankings/", views.ranking_list, name="rankings"),
    path("rankings/export/", views.ranking_export, name="rankings_export"),
    # Staff: acts entered by hand with their evidence, and the scoring rules (views_manage.py).
    path("entries/", views_manage.entry_list, name="entries"),
    path("entries/new/", views_manage.entry_create, name="entry_create"),
    path("entries/<int:pk>/evidence/", views_manage.entry_evidence, name="entry_evidence"),
    path("entries/<int:pk>/delete/", views_manage.entry_delete, name="entry_delete"),
    path("rules/", views_manage.rules_page, name="rules"),
]
