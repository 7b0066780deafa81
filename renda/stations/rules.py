"""Who may do what with a station's work."""

from __future__ import annotations

import rules

from renda.core.predicates import of_station, staff_of_congress

# The user operates the station this activity or record belongs to.
operates_station = of_station()

rules.add_perm("stations.record_activity", staff_of_congress | operates_station)
# Trainings, and standing committee meetings attended with their forums: the staff's records.
rules.add_perm("stations.record_attendance", staff_of_congress)
