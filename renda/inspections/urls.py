from django.urls import path

from renda.inspections import views

app_name = "inspections"
urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("new/", views.inspection_new, name="new"),
    path("board/", views.board, name="board"),
    path("unit/", views.unit_problems, name="unit"),
    path("mine/", views.my_inspections, name="mine"),
    path("<int:pk>/", views.inspection_detail, name="inspection"),
    path("<int:pk>/team/", views.team_add, name="team"),
    path("<int:pk>/join/", views.join, name="join"),
    path("<int:pk>/phases/new/", views.phase_add, name="phase_new"),
    path("<int:pk>/sites/", views.sites, name="sites"),
    path("<int:pk>/sites/new/", views.site_add, name="site_new"),
    path("<int:pk>/problems/", views.problems, name="problems"),
    path("<int:pk>/problems/new/", views.problem_add, name="problem_new"),
    path("<int:pk>/problems.xlsx", views.problems_export, name="problems_export"),
    path("<int:pk>/aspects/new/", views.aspect_add, name="aspect_new"),
    path("<int:pk>/report/", views.report_edit, name="report"),
    path("<int:pk>/report.docx", views.report_export, name="report_export"),
    path("<int:pk>/to-hearing/", views.to_hearing, name="to_hearing"),
    path("problems/<int:pk>/", views.page.detail, name="problem"),
    path("problems/<int:pk>/act/<slug:action>/", views.page.act, name="act"),
    path("problems/<int:pk>/photos/<int:photo_id>/", views.photo, name="photo"),
]
