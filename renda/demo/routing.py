"""The demo's routing models, learned from the year's assignments and referrals as
`renda routing train` learns them from cron, so that the demo's proposals are learned ones."""

from __future__ import annotations

import datetime

from renda.demo import Writer
from renda.demo.places import CITY_CODE
from renda.org.models import Congress
from renda.routing.actions import train
from renda.routing.models import Proposal, TrainedModel


def clear() -> None:
    TrainedModel.objects.filter(congress__code__startswith=CITY_CODE).delete()
    Proposal.objects.filter(congress__code__startswith=CITY_CODE).delete()


def build(*, today: datetime.date, stdout: Writer) -> None:
    city = Congress.objects.filter(code=CITY_CODE).first()
    if city is None:  # `renda demo --only routing`: nothing to learn from
        return
    rows = train(congress=city)
    stdout.write(
        "Routing: "
        + ", ".join(f"{r.kind} {r.target} from {r.samples} examples" for r in rows)
        + ".\n"
    )
