"""A test-only case type, declared on the workflow core like the domains' cases."""

from django.db import models


class Ticket(models.Model):
    class State(models.TextChoices):
        OPEN = "open", "Open"
        ASSIGNED = "assigned", "Assigned"
        DONE = "done", "Done"

    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE)
    title = models.CharField(max_length=100)
    state = models.CharField(max_length=20, choices=State.choices, default=State.OPEN)
    unit = models.ForeignKey("org.HandlingUnit", null=True, on_delete=models.SET_NULL)
    answer = models.TextField(blank=True)
    # A ticket nobody assigns by this day is closed by the system (a scheduled transition).
    expires_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return self.title
