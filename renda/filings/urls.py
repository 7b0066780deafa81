from django.urls import path

from renda.filings import views, views_public

app_name = "filings"
urlpatterns = [
    # Staff, leaders and the issuing bodies (views.py).
    path("", views.home, name="home"),
    path("filings/", views.filing_list, name="filings"),
    path("filings/new/", views.filing_new, name="filing_new"),
    path("filings/<int:pk>/", views.filing_page.detail, name="filing"),
    path("filings/<int:pk>/act/<slug:action>/", views.filing_page.act, name="filing_act"),
    path("filings/<int:pk>/files/<int:file>/", views.filing_file, name="filing_file"),
    path("reviews/", views.review_list, name="reviews"),
    path("reviews/new/", views.review_new, name="review_new"),
    path("reviews/<int:pk>/", views.review_page.detail, name="review"),
    path("reviews/<int:pk>/act/<slug:action>/", views.review_page.act, name="review_act"),
    path("proposals/", views.proposal_list, name="proposals"),
    path("proposals/<int:pk>/", views.proposal_page.detail, name="proposal"),
    path("proposals/<int:pk>/act/<slug:action>/", views.proposal_page.act, name="proposal_act"),
    path("register/", views.document_list, name="documents"),
    path("register/export/", views.document_export, name="documents_export"),
    path("register/new/", views.document_new, name="document_new"),
    path("register/<int:pk>/", views.document_detail, name="document"),
    path("reports/", views.report_list, name="reports"),
    path("reports/<int:pk>/", views.report_page.detail, name="report"),
    path("reports/<int:pk>/act/<slug:action>/", views.report_page.act, name="report_act"),
    path("reports/<int:pk>/docx/", views.report_docx, name="report_docx"),
    # The public (views_public.py).
    path("public/", views_public.public_documents, name="public"),
    path("public/<int:pk>/", views_public.public_document, name="public_document"),
    path("public/propose/", views_public.propose, name="propose"),
    path("public/propose/done/", views_public.proposed, name="proposed"),
    path("public/track/", views_public.track, name="track"),
]
