"""Made-up workshops for tests, benchmarks and trying the library: ``python -m darbnica.sample 300 --notes 200``.

:func:`generate` makes N workshops of M notes each in a data folder, with Latvian text of the kind a village hall
produces: places along the coast and inland, problems and wishes, strengths and resources, a vision statement, notes
per dimension and principle with votes and groups, ratings, head-counts, and responsibilities with owners, due dates
and statuses. About half the workshops in a place that already had one follow it up, carrying its open
responsibilities (``origin``) the way :func:`darbnica.followup.follow_up` does. The same seed makes the same
workshops, byte for byte.

Each workshop is built as a :class:`~darbnica.model.Workshop` and written whole, with one atomic write, in the
exact file layout the store writes (:func:`~darbnica.store.records.workshop_tables`) — not note by note through a
:class:`~darbnica.store.workshop.WorkshopFile`, which would rewrite the file once per note (200 writes of a growing
file per workshop). The store's own reader checks every file the same way as any other. The catalog entries and
the search index are recorded as the files are written, so the library opens, and searches, at once on the
generated folder.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date as Date
from datetime import datetime, timedelta
from pathlib import Path

import click

from darbnica.followup import carried_actions
from darbnica.model import Action, Group, Headcount, Note, Plan, Status, Step, StepKind, Workshop
from darbnica.paths import resolve_paths
from darbnica.plan import DEFAULT_PLAN, load_plans
from darbnica.store.catalog import Entry
from darbnica.store.index import stamp_of
from darbnica.store.library import Library, slug
from darbnica.store.records import workshop_tables
from darbnica.store.storage import atomic_write, dump_json
from darbnica.store.terms import terms_of, written

PLACES = (
    "Tūja", "Salacgrīva", "Ainaži", "Limbaži", "Aloja", "Staicele", "Mazsalaca", "Rūjiena", "Naukšēni", "Valmiera",
    "Cēsis", "Līgatne", "Sigulda", "Kuldīga", "Alsunga", "Pāvilosta", "Talsi", "Kandava", "Sabile", "Dundaga",
    "Roja", "Mērsrags", "Engure", "Jaunpils", "Auce", "Bauska", "Rundāle", "Viesīte", "Aknīste", "Ilūkste",
    "Krāslava", "Dagda", "Ludza", "Zilupe", "Kārsava", "Balvi", "Viļaka", "Gulbene", "Alūksne", "Ape", "Smiltene",
    "Strenči", "Madona", "Lubāna", "Varakļāni", "Preiļi", "Līvāni", "Koknese", "Skrīveri", "Ērgļi", "Vecpiebalga",
    "Priekule", "Grobiņa", "Durbe", "Nīca", "Rucava", "Vaiņode", "Skrunda", "Brocēni", "Nereta", "Subate", "Ķegums",
    "Saulkrasti", "Carnikava", "Vecāķi", "Bolderāja", "Grīziņkalns", "Ziepniekkalns", "Jaunciems", "Kalnciems",
)  # fmt: skip

TITLES = (
    "{place}: kopienas darbnīca",
    "{place}: kur esam un kurp ejam",
    "{place} — mūsu kopīgā nākotne",
    "Darbnīca: {place}",
    "{place}: vīzija 2030",
)

FACILITATORS = ("Ilze Kalniņa", "Jānis Bērziņš", "Dace Ozola", "Māris Liepiņš", "Sanita Krūmiņa", "Gatis Zariņš")

PEOPLE = (
    "Anna", "Jānis", "Ilze", "Māris", "Līga", "Kristaps", "Inese", "Edgars", "Dace", "Artūrs", "Zane", "Raimonds",
    "Baiba", "Gatis", "Sanita", "Uldis", "Ieva", "Roberts", "jauniešu grupa", "pensionāru biedrība", "pašvaldība",
    "skolas padome", "uzņēmēji",
)  # fmt: skip

# What people say, by the tag a note gets (a plan's tag keys); anything else draws from GENERAL.
SAYINGS: dict[str, tuple[str, ...]] = {
    "need": (
        "Nav sabiedriskā transporta vakaros",
        "Trūkst ģimenes ārsta",
        "Bērniem nav kur pavadīt brīvo laiku",
        "Ceļš uz skolu ir bīstams",
        "Veikals slēgts svētdienās",
        "Nav interneta pieslēguma laukos",
        "Slikts ielu apgaismojums",
        "Vecākiem cilvēkiem grūti tikt pie ārsta",
        "Nav darba vietu jauniešiem",
        "Pludmale nav pieejama ratiņkrēslā",
        "Autobuss uz Rīgu iet tikai divreiz dienā",
        "Nav, kur satikties ziemā",
    ),
    "want": (
        "Gribētos slidotavu ziemā",
        "Vasaras kino brīvdabā",
        "Jauns rotaļu laukums",
        "Velosipēdu celiņš līdz jūrai",
        "Tirdziņš sestdienās",
        "Suņu pastaigu laukums",
        "Kafejnīca ar grāmatu plauktu",
        "Skeitparks pie skolas",
        "Koncerti baznīcā vasarā",
    ),
    "capacity": (
        "Aktīva pensionāru biedrība",
        "Skolotāji gatavi vadīt pulciņus",
        "Brīvprātīgie ugunsdzēsēji",
        "Jaunieši prot filmēt un montēt",
        "Daudzi prot amatus: galdniecība, aušana",
    ),
    "resource": (
        "Tukšā skolas ēka",
        "Pašvaldības projektu konkurss",
        "LEADER finansējums",
        "Ostas teritorija",
        "Kultūras nama zāle vakaros brīva",
        "Zeme pie dzirnavām",
    ),
    "strength": (
        "Jūra un priežu mežs",
        "Draudzīgi kaimiņi",
        "Sena zvejniecības tradīcija",
        "Upe un dabas takas",
        "Spēcīgs koris",
        "Laba skola ar mazām klasēm",
    ),
    "stronger": ("Vairāk cilvēku iesaistās lēmumos", "Biedrība ar skaidriem mērķiem", "Jaunie vadītāji"),
    "prosperous": ("Mazie uzņēmumi paliek ciemā", "Tūristi nakšņo, ne tikai izbrauc cauri", "Vietējie produkti"),
    "connected": ("Vilciens vai autobuss uz Rīgu ik stundu", "Kopīga ziņu lapa", "Ātrs internets visur"),
    "resilient": ("Sava siltumapgāde", "Kaimiņu palīdzības tīkls", "Kopīga sēklu banka"),
    "success": ("Talka notika, atnāca 40 cilvēku", "WhatsApp grupā jau 120 cilvēku", "Pašvaldība atbalstīja"),
    "obstacle": ("Pietrūka laika vasarā", "Projekts netika atbalstīts", "Grūti sasniegt jauniešus"),
    "lesson": ("Vajag vienu atbildīgo katram darbam", "Mazi soļi strādā labāk", "Jārunā ar kaimiņiem klātienē"),
}
GENERAL = (
    "Kopā ir jautrāk",
    "Paldies, ka uzklausījāt",
    "Sāksim ar mazu talku",
    "Katru mēnesi kopīga sapulce",
    "Jāiesaista arī tie, kas šodien nav atnākuši",
    "Nākamreiz jāatnāk arī jauniešiem",
    "Beidzot runājam par to, kas svarīgs",
    "Svarīgi, lai lēmumus pieņem kopā",
)
DETAILS = (
    "",
    "",
    " — īpaši ziemā",
    " (jau trešo gadu)",
    " pie veikala",
    " pie skolas",
    " vecākiem cilvēkiem",
    " ģimenēm ar bērniem",
    ", to teica vairāki",
    " vismaz reizi nedēļā",
    " abos ciema galos",
)
GROUP_TITLES = ("Transports", "Jaunieši", "Vide", "Kultūra", "Darbs", "Veselība", "Drošība")
VISIONS = (
    "{place} — zaļa, droša vieta ģimenēm, kur jaunieši grib palikt un atgriezties.",
    "{place} ir ciems, kur katrs zina kaimiņu, un kopā lemjam par savu nākotni.",
    "{place}: dzīva kopiena pie jūras ar darbu, skolu un kultūru tuvu mājām.",
)
TASKS = (
    "Izveidot ciema WhatsApp grupu",
    "Sarunāt tikšanos ar pašvaldību",
    "Uzrakstīt projekta pieteikumu LEADER konkursam",
    "Sarīkot talku pludmalē",
    "Apzināt brīvprātīgos",
    "Atrast partnerus skolas ēkas izmantošanai",
    "Sagatavot aptauju iedzīvotājiem",
    "Sarunāt autobusa grafiku ar pārvadātāju",
    "Izveidot kopīgu pasākumu kalendāru",
    "Uzaicināt jauniešus uz nākamo tikšanos",
)
FIRST_STEPS = ("Piezvanīt", "Uzrakstīt e-pastu", "Sarunāt telpu", "Sastādīt sarakstu", "")

START = Date(2023, 1, 9)
"""The first generated date; fixed so the same seed gives the same workshops whenever it runs."""
DAYS = 3 * 365


@dataclass(frozen=True)
class Made:
    ids: list[str]
    notes: int


def _saying(rng: random.Random, tag: str | None) -> str:
    pool = SAYINGS.get(tag or "", GENERAL)
    return rng.choice(pool) + rng.choice(DETAILS)


def _notes(rng: random.Random, steps: list[Step], count: int, day: Date) -> tuple[tuple[Note, ...], tuple[Group, ...]]:
    start = datetime(day.year, day.month, day.day, 17)
    groups: list[Group] = []
    for step in steps:
        for title in rng.sample(GROUP_TITLES, rng.randint(0, 3)):
            groups.append(Group(id=len(groups) + 1, step=step.key, title=title))
    notes = []
    for number in range(1, count + 1):
        step = rng.choice(steps)
        tag = rng.choice(step.tags).key if step.tags else None
        mine = [g.id for g in groups if g.step == step.key]
        notes.append(
            Note(
                id=number,
                step=step.key,
                text=_saying(rng, tag),
                tag=tag,
                votes=rng.choice((0, 0, 0, 1, 2, 3, 5, 8)),
                group=rng.choice(mine) if mine and rng.random() < 0.4 else None,
                created=f"{(start + timedelta(seconds=20 * number)).isoformat()}+02:00",
            )
        )
    return tuple(notes), tuple(groups)


def _status(rng: random.Random, day: Date) -> Status:
    age = (START + timedelta(days=DAYS) - day).days / DAYS  # older workshops have more of their promises kept
    roll = rng.random()
    if roll < 0.6 * age:
        return Status.DONE
    if roll < 0.6 * age + 0.1:
        return Status.DROPPED
    return Status.IN_PROGRESS if roll < 0.6 * age + 0.35 else Status.PLANNED


def _actions(rng: random.Random, day: Date, first_id: int, stamp: str) -> list[Action]:
    return [
        Action(
            id=first_id + n,
            what=rng.choice(TASKS),
            who=rng.choice(PEOPLE),
            due=(day + timedelta(days=rng.randint(14, 150))).isoformat() if rng.random() < 0.85 else "",
            first_step=rng.choice(FIRST_STEPS),
            status=_status(rng, day),
            created=stamp,
            updated=stamp,
        )
        for n in range(rng.randint(3, 8))
    ]


def _carried(rng: random.Random, previous: Workshop, day: Date, stamp: str) -> list[Action]:
    """The previous workshop's open promises, as a follow-up starts with them, some since done or dropped."""
    return [
        replace(action, status=_status(rng, day), created=stamp, updated=stamp) for action in carried_actions(previous)
    ]


def _workshop(rng: random.Random, plan: Plan, day: Date, notes: int, place: str, previous: Workshop | None) -> Workshop:
    iso = day.isoformat()
    stamp = f"{iso}T17:00:00+02:00"
    context = next((s for s in plan.steps if s.kind is StepKind.CONTEXT), None)
    vision = next((s for s in plan.steps if s.kind is StepKind.VISION), None)
    principles = [s for s in plan.steps if s.kind is StepKind.PRINCIPLES]
    made_notes, groups = _notes(rng, [s for s in plan.steps if s.takes_notes], notes, day)
    actions = _carried(rng, previous, day, stamp) if previous else []
    actions += _actions(rng, day, len(actions) + 1, stamp)
    return Workshop(
        id=f"{iso}-{slug(place)}-{rng.getrandbits(16):04x}",
        title=rng.choice(TITLES).format(place=place),
        plan=plan,
        lang="lv",
        place=place,
        date=iso,
        facilitator=rng.choice(FACILITATORS),
        created=stamp,
        current_step=plan.steps[-1].key,
        engagement=rng.choice(context.levels).key if context and context.levels else None,
        headcounts=tuple(Headcount(g.key, rng.randint(1, 30)) for g in context.groups) if context else (),
        vision=previous.vision if previous and previous.vision else rng.choice(VISIONS).format(place=place),
        vision_checks=tuple(i for i in range(len(vision.checks)) if rng.random() < 0.6) if vision else (),
        ratings={p.key: rng.randint(1, 5) for step in principles for p in step.tags},
        step_seconds={s.key: s.minutes * 60 + rng.randint(-300, 300) for s in plan.steps if s.minutes >= 5},
        follows=previous.id if previous else None,
        notes=made_notes,
        actions=tuple(actions),
        groups=groups,
    )


def generate(library: Library, plan: Plan, *, count: int, notes: int, seed: int = 0) -> Made:
    """Write ``count`` workshops of ``notes`` notes each into ``library`` and return their ids, oldest first."""
    rng = random.Random(seed)
    days = sorted(START + timedelta(days=rng.randrange(DAYS)) for _ in range(count))
    library.folder.mkdir(parents=True, exist_ok=True)
    latest: dict[str, Workshop] = {}  # the last workshop in each place, which the next one there may follow
    entries: list[Entry] = []
    indexed: list[tuple[str, frozenset[str], tuple[int, int]]] = []
    for day in days:
        place = rng.choice(PLACES)
        previous = latest.get(place) if rng.random() < 0.5 else None
        workshop = _workshop(rng, plan, day, notes, place, previous)
        while library.path_of(workshop.id).exists() or library.trash.path_of(workshop.id).exists():
            workshop = replace(workshop, id=f"{workshop.id[:-4]}{rng.getrandbits(16):04x}")
        path = library.path_of(workshop.id)
        stat = atomic_write(path, dump_json(workshop_tables(workshop)))
        entries.append(Entry.of(workshop, stat))
        indexed.append((workshop.id, terms_of(written(workshop)), stamp_of(stat)))
        latest[workshop.place] = workshop
    library.catalog.add(entries)
    library.index.put_many(indexed)
    return Made(ids=[e.id for e in entries], notes=count * notes)


@click.command()
@click.argument("count", type=click.IntRange(1, 100_000))
@click.option("--notes", default=200, show_default=True, type=click.IntRange(0, 100_000), help="Notes a workshop.")
@click.option("--seed", default=0, show_default=True, help="The same seed makes the same workshops.")
@click.option("--plan", "plan_name", default=DEFAULT_PLAN, show_default=True, help="Session plan name.")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), help="Folder for the workshops.")
def main(count: int, notes: int, seed: int, plan_name: str, data_dir: Path | None) -> None:
    """Make COUNT made-up workshops in the data folder (DARBNICA_HOME, --data-dir or the usual one)."""
    paths = resolve_paths(data_dir)
    made = generate(Library(paths), load_plans(paths).get(plan_name), count=count, notes=notes, seed=seed)
    click.echo(f"{len(made.ids)} workshops, {made.notes} notes in {paths.workshops}")


if __name__ == "__main__":
    main()
