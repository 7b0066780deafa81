"""Pages of the stations app: constituents' opinions (urls_opinions.py) and the stations' work
(urls_work.py: activities, duty records, trainings, meetings)."""

from renda.stations import urls_opinions, urls_work

app_name = "stations"
urlpatterns = [*urls_opinions.urlpatterns, *urls_work.urlpatterns]
