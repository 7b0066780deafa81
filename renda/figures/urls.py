from django.urls import path

from renda.figures import views

app_name = "figures"
urlpatterns = [
    path("cockpit/", views.cockpit, name="cockpit"),
    path("stats/", views.figures_page, name="stats"),
    path("stats/figures.xlsx", views.figures_xlsx, name="stats_xlsx"),
    path("stats/report.docx", views.report_docx, name="stats_docx"),
    path("figures/", views.public_figures, name="public"),
    path("figures/open-data.zip", views.open_data, name="open_data"),
]
