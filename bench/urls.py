"""renda's URLs plus /bench/floor/… (bench/floor.py)."""

from django.urls import path

from bench import floor
from renda.urls import urlpatterns as renda_urls

urlpatterns = [
    path("bench/floor/suggestions/", floor.suggestions, name="bench_floor_suggestions"),
    path("bench/floor/search/", floor.search, name="bench_floor_search"),
    *renda_urls,
]
