"""The hot topics' pages (民意热点), under /reading/themes/."""

from django.urls import URLPattern, path

from renda.reading import views_themes

urlpatterns: list[URLPattern] = [
    path("", views_themes.themes_page, name="themes"),
    path("note.docx", views_themes.themes_docx, name="themes_docx"),
    path("draft/", views_themes.themes_draft, name="themes_draft"),
]
