"""Demo data: the Jinzhong city congress's organisation in the demo year, with its accounts."""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from renda.accounts.models import Role, User
from renda.core.models import Event
from renda.demo import Writer
from renda.demo.names import PeopleFactory
from renda.demo.places import (
    BODIES,
    CITY,
    CITY_CODE,
    CITY_STREETS,
    COMMUNITIES,
    COUNTIES,
    EDUCATIONS,
    ETHNICITIES,
    FIRM_TRADES,
    FIRM_WORDS,
    HANDLER_UNIT,
    HOSPITALS,
    LATER_COLLECTION_POINT,
    PARTIES,
    PROVINCE_CODE,
    RECEPTION_DAYS,
    SCHOOLS,
    STAFF_BODY,
    STREETS,
    UNITS,
    VILLAGE_HEADS,
    VILLAGE_TAILS,
    County,
)
from renda.org.models import (
    Body,
    CollectionPoint,
    Congress,
    ContactStation,
    Delegation,
    Deputy,
    ElectoralUnit,
    HandlingUnit,
    LegislativeContactPoint,
    Level,
    LiaisonCentre,
    Person,
    Session,
    Term,
)

D = datetime.date
SEED = "renda-demo-org"
TERM_NUMBER = 5
TERM_START = D(2021, 9, 27)
SESSIONS = (  # (number, start, end) of the 5th congress's sessions
    (1, D(2021, 9, 27), D(2021, 9, 30)),
    (2, D(2022, 1, 17), D(2022, 1, 20)),
    (3, D(2023, 1, 9), D(2023, 1, 12)),
    (4, D(2024, 1, 23), D(2024, 1, 26)),
    (5, D(2025, 2, 25), D(2025, 2, 28)),
    (6, D(2026, 1, 20), D(2026, 1, 23)),
)
COUNTY_ELECTION_DAY = D(2021, 7, 15)  # direct elections of the county-level deputies
STANDING_COMMITTEE_SIZE = 35
NON_CPC_MEMBERS = 8  # of the part-time standing committee members
ENDED_DEPUTIES = 3  # left in 2023 and replaced by by-elections (补选) the same year
FIVE_LEVEL_DEPUTIES = 30  # persons also deputies to their county's congress
UNIT_OFFICER_TITLES = ("办公室主任", "建议办理联络员")  # the officers of every unit
DEMO_EMAIL_DOMAIN = "demo.invalid"

# The standing committee's posts held by deputies, in the order they are handed out; the
# rest of the 35 are part-time members who keep their own occupation.
CHAIR_POSTS = (
    ["主任"]
    + ["副主任"] * 6
    + ["秘书长"]
    + [
        f"委员、{body}{'主任委员' if kind == 'special_committee' else '主任'}"
        for body, _, kind in BODIES
        if kind in ("special_committee", "working_body") and body != "信访室"
    ]
)


def demo_congress_codes() -> list[str]:
    """The congresses the demo owns; the province may be shared with other cities."""
    return [CITY_CODE] + [county_code(c) for c in COUNTIES]


def county_code(county: County) -> str:
    return f"{CITY_CODE}-{county.pinyin}"


def clear() -> None:
    congresses = Congress.objects.filter(code__in=demo_congress_codes())
    # Events are append-only for the application; the demo rebuild is the one exception.
    Event.objects.filter(congress__in=congresses).purge_demo()
    User.objects.filter(
        Q(congress__in=congresses) | Q(username__in=settings.DEMO_USERNAMES)
    ).delete()
    for model in (
        CollectionPoint,
        LegislativeContactPoint,
        ContactStation,
        LiaisonCentre,
        Deputy,
        Delegation,
        ElectoralUnit,
        Person,
    ):
        model.objects.filter(congress__in=congresses).delete()
    units = HandlingUnit.objects.filter(congress__in=congresses)
    units.filter(parent__isnull=False).delete()
    units.delete()
    for level in (Level.COUNTY, Level.CITY):
        congresses.filter(level=level).delete()
    Congress.objects.filter(code=PROVINCE_CODE, children__isnull=True).delete()


@dataclass
class _Build:
    """The rows built so far, shared by the steps below."""

    rng: random.Random
    people: PeopleFactory
    city: Congress = field(init=False)
    counties: dict[str, Congress] = field(default_factory=dict)  # by county name
    term: Term = field(init=False)
    units: dict[str, HandlingUnit] = field(default_factory=dict)  # by name without the city
    delegations: dict[str, Delegation] = field(default_factory=dict)
    electoral_units: dict[str, ElectoralUnit] = field(default_factory=dict)
    stations: dict[str, list[ContactStation]] = field(default_factory=dict)  # seat first
    deputies: list[Deputy] = field(default_factory=list)
    users: list[User] = field(default_factory=list)


def build(*, today: datetime.date, stdout: Writer) -> None:
    rng = random.Random(SEED)
    b = _Build(rng=rng, people=PeopleFactory(rng))
    _congresses(b)
    _bodies(b)
    _units(b)
    _delegations(b)
    _stations(b)
    points = _contact_points(b)
    _deputies(b)
    _county_deputies(b)
    _users(b)
    counts = {
        "congresses": 2 + len(b.counties),
        "handling units": len(b.units),
        "serving city deputies": sum(
            d.congress_id == b.city.pk and d.status == Deputy.Status.ACTIVE for d in b.deputies
        ),
        "contact stations": sum(len(s) for s in b.stations.values()),
        "legislative contact points": len(points),
        "collection points": CollectionPoint.objects.filter(congress=b.city).count(),
        "users": len(b.users),
    }
    stdout.write("Organisation: " + ", ".join(f"{n} {k}" for k, n in counts.items()) + ".\n")


def _date_between(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


def _weighted(rng: random.Random, pairs: Sequence[tuple[str, int]]) -> str:
    return rng.choices([v for v, _ in pairs], [w for _, w in pairs])[0]


def _congresses(b: _Build) -> None:
    province, _ = Congress.objects.get_or_create(
        code=PROVINCE_CODE,
        defaults={
            "name": "山西省人民代表大会",
            "short_name": "山西省人大",
            "level": Level.PROVINCE,
            "region": "山西省",
        },
    )
    b.city = Congress.objects.create(
        name=f"{CITY}人民代表大会",
        short_name=f"{CITY}人大",
        code=CITY_CODE,
        level=Level.CITY,
        parent=province,
        region=CITY,
    )
    created = Congress.objects.bulk_create(
        Congress(
            name=f"{c.name}人民代表大会",
            short_name=f"{c.name}人大",
            code=county_code(c),
            level=Level.COUNTY,
            parent=b.city,
            region=c.name,
        )
        for c in COUNTIES
    )
    b.counties = {c.region: c for c in created}
    b.term = Term.objects.create(congress=b.city, number=TERM_NUMBER, start_date=TERM_START)
    Session.objects.bulk_create(
        Session(congress=b.city, term=b.term, number=n, start_date=start, end_date=end)
        for n, start, end in SESSIONS
    )


def _bodies(b: _Build) -> None:
    Body.objects.bulk_create(
        Body(congress=b.city, name=name, short_name=short, kind=kind)
        for name, short, kind in BODIES
    )


def _city_address(rng: random.Random) -> str:
    return f"{CITY}榆次区{rng.choice(CITY_STREETS)}{rng.randrange(1, 300)}号"


def _units(b: _Build) -> None:
    rows = [
        HandlingUnit(
            congress=b.city,
            name=f"{CITY}{name}",
            short_name=short,
            kind=kind,
            head=b.people.name(b.people.gender(0.2)),
            phone=b.people.office_phone(),
            address=_city_address(b.rng),
        )
        for name, short, _, kind in UNITS
    ]
    government, *others = rows
    government.save()
    for unit in others:
        if unit.kind == HandlingUnit.Kind.DEPARTMENT:
            unit.parent = government
    HandlingUnit.objects.bulk_create(others)
    b.units = {name: unit for (name, *_), unit in zip(UNITS, rows, strict=True)}


def _delegations(b: _Build) -> None:
    units = ElectoralUnit.objects.bulk_create(
        ElectoralUnit(congress=b.city, name=c.name, electing_congress=b.counties[c.name])
        for c in COUNTIES
    )
    b.electoral_units = {u.name: u for u in units}
    delegations = Delegation.objects.bulk_create(
        Delegation(congress=b.city, name=f"{u.name}代表团", electoral_unit=u) for u in units
    )
    b.delegations = {c.name: d for c, d in zip(COUNTIES, delegations, strict=True)}


def _town_address(b: _Build, county: County, town: str) -> str:
    return f"{county.name}{town}{b.rng.choice(STREETS)}{b.rng.randrange(1, 200)}号"


def _stations(b: _Build) -> None:
    centres = LiaisonCentre.objects.bulk_create(
        LiaisonCentre(
            congress=b.city,
            name=f"{CITY}人大代表{c.name}区域联络中心",
            area=b.counties[c.name],
            address=_town_address(b, c, c.towns[0]),
            # The report's year set them up (在各县（区、市）成立11个区域联络中心).
            established_on=_date_between(b.rng, D(2024, 3, 1), D(2024, 6, 30)),
        )
        for c in COUNTIES
    )
    rows = [
        ContactStation(
            congress=b.city,
            name=f"{c.name}{town}人大代表联络站",
            area=b.counties[c.name],
            centre=centre,
            township=town,
            address=_town_address(b, c, town),
            phone=b.people.office_phone(),
            reception_day=b.rng.choice(RECEPTION_DAYS),
            established_on=_date_between(b.rng, D(2018, 3, 1), D(2022, 12, 31)),
        )
        for c, centre in zip(COUNTIES, centres, strict=True)
        for town in c.towns
    ]
    ContactStation.objects.bulk_create(rows)
    for station in rows:
        b.stations.setdefault(station.area.region, []).append(station)  # type: ignore[union-attr]


def _contact_points(b: _Build) -> list[LegislativeContactPoint]:
    points = LegislativeContactPoint.objects.bulk_create(
        LegislativeContactPoint(
            congress=b.city,
            name=f"{c.name}{c.towns[0]}基层立法联系点",
            station=b.stations[c.name][0],  # 站点融合: set up in the seat's contact station
            area=b.counties[c.name],
            established_on=_date_between(b.rng, D(2023, 3, 1), D(2024, 2, 29)),
        )
        for c in COUNTIES
    )
    by_county = {c.name: p for c, p in zip(COUNTIES, points, strict=True)}
    rows = [
        CollectionPoint(
            congress=b.city,
            contact_point=point,
            name=f"{name}信息采集点",
            established_on=_date_between(
                b.rng, point.established_on + datetime.timedelta(days=30), D(2024, 11, 30)
            ),
        )
        for c, point in zip(COUNTIES, points, strict=True)
        for name in c.collection_points
    ]
    later_county, later_name, later_day = LATER_COLLECTION_POINT
    rows.append(
        CollectionPoint(
            congress=b.city,
            contact_point=by_county[later_county],
            name=f"{later_name}信息采集点",
            established_on=later_day,
        )
    )
    CollectionPoint.objects.bulk_create(rows)
    return points


def _village(rng: random.Random, town: str) -> str:
    if town.endswith("街道"):
        return rng.choice(COMMUNITIES) + "社区"
    return rng.choice(VILLAGE_HEADS) + rng.choice(VILLAGE_TAILS) + "村"


def _firm(rng: random.Random, county: County) -> str:
    word, trade = rng.choice(FIRM_WORDS), rng.choice(FIRM_TRADES)
    if rng.random() < 0.3:
        return f"山西{word}{trade}集团有限公司"
    return f"{county.name}{word}{trade}有限公司"


def _occupation(rng: random.Random, county: County, town: str) -> str:
    """A deputy's occupation and post, drawn from the usual make-up of a city congress."""
    place = _village(rng, town)
    if town.endswith("街道"):
        grassroots = [
            (f"{town}{place}党委书记、居委会主任", 12),
            (f"{county.name}{town}党工委书记", 8),
            (f"{county.name}{rng.choice(('个体工商户', '社区网格员', '快递员'))}", 6),
        ]
    else:
        grassroots = [
            (f"{town}{place}党支部书记、村委会主任", 14),
            (f"{county.name}{town}党委书记", 8),
            (f"{county.name}{town}{place}农民", 6),
            (f"{town}{place}种植专业合作社理事长", 5),
            (f"{county.name}{town}卫生院院长", 3),
        ]
    choices = grassroots + [
        (f"{_firm(rng, county)}董事长", 10),
        (f"{_firm(rng, county)}总经理", 5),
        (f"{_firm(rng, county)}{rng.choice(('职工', '车间主任', '技术员', '班组长'))}", 10),
        (f"{county.name}{rng.choice(SCHOOLS)}{rng.choice(('教师', '校长'))}", 8),
        (f"{county.name}{rng.choice(HOSPITALS)}{rng.choice(('主任医师', '护士长'))}", 6),
        (f"山西{rng.choice(FIRM_WORDS)}律师事务所律师", 2),
    ]
    return _weighted(rng, choices)


def _person(b: _Build, county: County, occupation: str) -> Person:
    people, rng = b.people, b.rng
    gender = "F" if "护士" in occupation else people.gender()
    # Officials and heads of anything are not young; party secretaries are party members.
    if "中共" in occupation or "人民政府" in occupation:
        birth = people.birth_date(1964, 1976)
    elif "书记" in occupation or "长" in occupation or "主任" in occupation:
        birth = people.birth_date(1962, 1984)
    else:
        birth = people.birth_date()
    party = _weighted(rng, PARTIES)
    return Person(
        congress=b.city,
        name=people.name(gender),
        gender=gender,
        ethnicity=_weighted(rng, ETHNICITIES),
        birth_date=birth,
        party="中共党员" if "书记" in occupation else party,
        education=_weighted(rng, EDUCATIONS),
        occupation=occupation,
        phone=people.mobile(),
        id_number=people.id_number(county.region_code, birth, gender),
    )


def _deputies(b: _Build) -> None:
    """Each county's seats, three of whom left in 2023 and were replaced by by-elections."""
    rng = b.rng
    # (county, station, occupation, elected_on, ended_on) per deputyship
    seats: list[tuple[County, ContactStation, str, datetime.date, datetime.date | None]] = []
    for county in COUNTIES:
        seat = b.stations[county.name][0]
        # The county's party secretary and its head of government are city deputies.
        seats.append((county, seat, f"中共{county.party_committee}书记", county.elected_on, None))
        seats.append(
            (county, seat, f"{county.name}人民政府{county.head_title}", county.elected_on, None)
        )
        for _ in range(county.seats - 2):
            station = rng.choice(b.stations[county.name])
            occupation = _occupation(rng, county, station.township)
            seats.append((county, station, occupation, county.elected_on, None))
    for i in sorted(rng.sample(range(len(seats)), ENDED_DEPUTIES)):
        county, station, occupation, elected_on, _ = seats[i]
        ended = _date_between(rng, D(2023, 2, 1), D(2023, 6, 30))
        seats[i] = (county, station, occupation, elected_on, ended)
        successor_station = rng.choice(b.stations[county.name])
        seats.append(
            (
                county,
                successor_station,
                _occupation(rng, county, successor_station.township),
                ended + datetime.timedelta(days=60),
                None,
            )
        )
    persons = Person.objects.bulk_create(
        _person(b, county, occupation) for county, _, occupation, _, _ in seats
    )
    rows = [
        Deputy(
            congress=b.city,
            term=b.term,
            person=person,
            card_number=f"{TERM_NUMBER:02d}{serial:04d}",
            electoral_unit=b.electoral_units[county.name],
            delegation=b.delegations[county.name],
            station=station,
            status=Deputy.Status.ENDED if ended else Deputy.Status.ACTIVE,
            elected_on=elected_on,
            ended_on=ended,
        )
        for serial, (person, (county, station, _, elected_on, ended)) in enumerate(
            zip(persons, seats, strict=True), start=1
        )
    ]
    _standing_committee(b, rows)
    b.deputies = Deputy.objects.bulk_create(rows)


def _standing_committee(b: _Build, rows: list[Deputy]) -> None:
    """35 serving deputies sit on the standing committee; the senior ones hold its posts."""
    candidates = [
        d
        for d in rows
        if d.status == Deputy.Status.ACTIVE
        and d.elected_on < TERM_START
        and not d.person.occupation.startswith(("中共", CITY))
        and "人民政府" not in d.person.occupation
    ]
    senior = [d for d in candidates if d.person.birth_date.year <= 1970]  # type: ignore[union-attr]
    full_time = sorted(b.rng.sample(senior, len(CHAIR_POSTS)), key=lambda d: d.card_number)
    others = [d for d in candidates if d not in full_time]
    # Non-party and democratic-party members hold a share of the seats, as they must.
    outside = [d for d in others if d.person.party != "中共党员"]
    inside = [d for d in others if d.person.party == "中共党员"]
    part_time = b.rng.sample(outside, NON_CPC_MEMBERS) + b.rng.sample(
        inside, STANDING_COMMITTEE_SIZE - len(CHAIR_POSTS) - NON_CPC_MEMBERS
    )
    for deputy, post in zip(full_time, CHAIR_POSTS, strict=True):
        deputy.person.occupation = f"{CITY}人大常委会{post}"
        deputy.person.party = "中共党员"
    for deputy in part_time:
        deputy.person.occupation = f"{CITY}人大常委会委员、{deputy.person.occupation}"
    members = full_time + part_time
    for deputy in members:
        deputy.is_standing_committee_member = True
    Person.objects.bulk_update([d.person for d in members], ["occupation", "party"])


def _county_deputies(b: _Build) -> None:
    """五级代表: some city deputies are also deputies to their own county's congress."""
    terms = {
        c.name: Term(
            congress=b.counties[c.name],
            number=c.term_number,
            start_date=c.elected_on - datetime.timedelta(days=3),
        )
        for c in COUNTIES
    }
    Term.objects.bulk_create(terms.values())
    units = {
        (c.name, town): ElectoralUnit(congress=b.counties[c.name], name=f"{town}选区")
        for c in COUNTIES
        for town in c.towns
    }
    ElectoralUnit.objects.bulk_create(units.values())
    candidates = [
        d
        for d in b.deputies
        if d.status == Deputy.Status.ACTIVE and not d.is_standing_committee_member
    ]
    chosen = sorted(b.rng.sample(candidates, FIVE_LEVEL_DEPUTIES), key=lambda d: d.card_number)
    serials: dict[str, int] = {}
    rows = []
    for deputy in chosen:
        county = deputy.electoral_unit.name
        serials[county] = serials.get(county, 0) + 1
        term = terms[county]
        rows.append(
            Deputy(
                congress=term.congress,
                term=term,
                person=deputy.person,
                card_number=f"{term.number:02d}{serials[county]:03d}",
                electoral_unit=units[(county, deputy.station.township)],  # type: ignore[union-attr]
                elected_on=COUNTY_ELECTION_DAY,
            )
        )
    b.deputies += Deputy.objects.bulk_create(rows)


def _user(
    username: str, name: str, role: str, city: Congress, title: str = "", **links: object
) -> User:
    return User(
        username=username,
        last_name=name[0],
        first_name=name[1:],
        congress=city,
        role=role,
        title=title,
        password=make_password(None),  # unusable: only the demo accounts can log in
        **links,
    )


def _users(b: _Build) -> None:
    city, people = b.city, b.people
    city_deputies = [d for d in b.deputies if d.congress_id == city.pk]
    five_level = {d.person_id for d in b.deputies if d.congress_id != city.pk}
    leader = next(
        d
        for d in city_deputies
        if d.is_standing_committee_member and d.person.occupation.endswith("副主任")
    )
    serving = [
        d
        for d in city_deputies
        if d.status == Deputy.Status.ACTIVE and not d.is_standing_committee_member
    ]
    deputy = next(
        d for d in serving if d.person_id in five_level and d.electoral_unit.name == "榆次区"
    )
    deputy2 = next(d for d in serving if d.electoral_unit.name == "平遥县")
    merged_station = b.stations["榆次区"][0]
    demo = {
        "staff": _user(
            "staff",
            "张伟",
            Role.STAFF,
            city,
            "代表工作委员会联络科科长",
            body=Body.objects.get(congress=city, name=STAFF_BODY),
            is_staff=True,
        ),
        "leader": _user(
            "leader", leader.person.name, Role.LEADER, city, "常委会副主任", deputy=leader
        ),
        "deputy": _user(
            "deputy", deputy.person.name, Role.DEPUTY, city, "市人大代表", deputy=deputy
        ),
        "deputy2": _user(
            "deputy2", deputy2.person.name, Role.DEPUTY, city, "市人大代表", deputy=deputy2
        ),
        "handler": _user(
            "handler",
            "刘洋",
            Role.HANDLER,
            city,
            "建议提案办理科科长",
            unit=b.units[HANDLER_UNIT],
        ),
        "station": _user(
            "station", "王芳", Role.STATION, city, "联络站专职工作人员", station=merged_station
        ),
        # Separation of duties (三员分立): the three administrators, none a superuser.
        "sysadmin": _user(
            "sysadmin", "赵磊", Role.SYSADMIN, city, "信息中心系统管理员", is_staff=True
        ),
        "secadmin": _user(
            "secadmin", "钱静", Role.SECADMIN, city, "信息中心安全管理员", is_staff=True
        ),
        "auditor": _user("auditor", "孙丽", Role.AUDITOR, city, "机关纪检安全审计员"),
    }
    assert set(demo) == set(settings.DEMO_USERNAMES)
    # One hash for the six: the password is public anyway, and argon2 takes 0.2 s a hash.
    password = make_password(settings.DEMO_PASSWORD)
    for username, user in demo.items():
        user.email = f"{username}@{DEMO_EMAIL_DOMAIN}"
        user.phone = people.mobile()
        user.password = password

    taken = {u.deputy_id for u in demo.values()}
    others: list[User] = [
        _user(
            f"deputy-{d.card_number}",
            d.person.name,
            Role.LEADER if d.is_standing_committee_member else Role.DEPUTY,
            city,
            deputy=d,
        )
        for d in city_deputies
        if d.status == Deputy.Status.ACTIVE and d.pk not in taken
    ]
    for name, _, stem, _ in UNITS:
        others += [
            _user(
                f"{stem}-{i}",
                people.name(people.gender(0.4)),
                Role.HANDLER,
                city,
                title,
                unit=b.units[name],
            )
            for i, title in enumerate(UNIT_OFFICER_TITLES, 1)
        ]
    for county in COUNTIES:
        others += [
            _user(
                f"station-{county.pinyin}-{i}",
                people.name(people.gender(0.5)),
                Role.STATION,
                city,
                "联络站工作人员",
                station=station,
            )
            for i, station in enumerate(b.stations[county.name], 1)
        ]
    b.users = User.objects.bulk_create([*demo.values(), *others])
    demo["staff"].groups.add(_admin_group())
    for name, perms in ADMINISTRATORS.items():
        demo[name].groups.add(_group(*perms))


# The demo staff officer keeps the directory in the admin (organisation rows: add and change)
# and reads everything else there; the admin itself keeps them to their congress.
ADMIN_GROUP = "代表工委（管理后台）"
ADMIN_EDITS = ("org",)


# What the system and security administrators do in the admin (the security auditor has no
# admin: the audit trail's page is theirs). Group name, then (app label, codename pattern).
ADMINISTRATORS = {
    "sysadmin": (
        "系统管理员（管理后台）",
        [
            ("accounts", r"^(add|change|view)_user$"),
            ("org", r"^(add|change|view)_"),
            ("core", r"^(add|change|view)_holiday"),
        ],
    ),
    "secadmin": (
        "安全管理员（管理后台）",
        [
            ("accounts", r"^(change|view)_user$|_apitoken$"),
            ("auth", r"_group$|^view_permission$"),
            ("axes", r"^(view|delete)_"),
            ("otp_totp", r"^(view|delete)_"),
            ("otp_static", r"^(view|delete)_"),
        ],
    ),
}


def _group(name: str, grants: list[tuple[str, str]]) -> Group:
    group, _created = Group.objects.get_or_create(name=name)
    allowed = Q(pk__in=[])
    for app, pattern in grants:
        allowed |= Q(content_type__app_label=app, codename__regex=pattern)
    group.permissions.set(Permission.objects.filter(allowed))
    return group


def _admin_group() -> Group:
    """A group that lets staff use the Django admin: view every renda table, and add and
    change the organisation's rows. Real congresses set up their own groups."""
    group, _created = Group.objects.get_or_create(name=ADMIN_GROUP)
    labels = [c.label for c in apps.get_app_configs() if c.name.startswith("renda.")]
    perms = Permission.objects.filter(content_type__app_label__in=labels).filter(
        Q(codename__startswith="view_")
        | Q(content_type__app_label__in=ADMIN_EDITS, codename__regex=r"^(add|change)_")
    )
    group.permissions.set(perms)
    return group
