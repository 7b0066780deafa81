"""Routes of the staff and leaders' suggestion pages (views_supervision.py)."""

urlpatterns: list = []
