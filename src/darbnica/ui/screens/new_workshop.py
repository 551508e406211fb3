"""The form for a new workshop: title, place, date, facilitator, plan, language; also for a follow-up of one."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Select

from darbnica.errors import DarbnicaError
from darbnica.followup import FOLLOW_UP_PLAN, follow_up, follow_up_date
from darbnica.i18n import LANGS, pick
from darbnica.model import Workshop
from darbnica.plan import DEFAULT_PLAN
from darbnica.text import LINE_LIMIT
from darbnica.ui.screens.base import DarbnicaModal
from darbnica.ui.widgets.text_input import TextInput

FIELDS = ("title", "place", "date", "facilitator")


class NewWorkshopScreen(DarbnicaModal[str | None]):
    """Creates the workshop itself and returns its id (``None`` if cancelled).

    Given the workshop it ``follows``, it makes the follow-up: same place, the earlier vision and open
    responsibilities carried over (see :mod:`darbnica.followup`), the follow-up plan offered first.
    """

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, follows: Workshop | None = None) -> None:
        super().__init__()
        self.follows = follows

    def _start_value(self, name: str) -> str:
        if name == "date":
            return follow_up_date(self.follows) if self.follows else date.today().isoformat()
        if self.follows is None:
            return ""
        if name == "title":
            return self.app.t("followup.title", title=self.follows.title)
        return str(getattr(self.follows, name))

    def compose(self) -> ComposeResult:
        t = self.app.t
        plans = self.app.plans.plans
        preferred = (FOLLOW_UP_PLAN,) if self.follows else ()
        # Scrolls: at 80×24 the plan, the language and the buttons are below the screen's edge, and Tab must show them.
        with VerticalScroll(classes="dialog", id="new-workshop"):
            if self.follows is None:
                yield Label(t("new.heading"), classes="dialog-title")
            else:
                heading = t("followup.heading", title=self.follows.title, count=len(self.follows.open_actions))
                yield Label(Content(heading), classes="dialog-title")
            for name in FIELDS:
                yield Label(t(f"context.{name}"))
                yield TextInput(
                    self._start_value(name),
                    placeholder=t(f"new.{name}_placeholder"),
                    id=f"new-{name}",
                    limit=LINE_LIMIT,
                    disabled=self.follows is not None and name == "place",  # a follow-up is in the same place
                )
            yield Label(t("new.plan"))
            yield Select(
                # Content, not str: a Select reads a str as markup, and a plan's title is the facilitator's text.
                [(Content(f"{pick(p.title, self.app.lang)} ({p.minutes} min)"), name) for name, p in plans.items()],
                value=next(
                    (n for n in (*preferred, self.app.settings.plan, DEFAULT_PLAN) if n in plans),
                    next(iter(plans), Select.BLANK),
                ),
                allow_blank=False,
                id="new-plan",
            )
            yield Label(t("new.lang"))
            yield Select(
                [(t(f"lang.{lang}"), lang) for lang in LANGS],
                value=self.follows.lang if self.follows else self.app.lang,
                allow_blank=False,
                id="new-lang",
            )
            with Horizontal(classes="buttons"):
                yield Button(t("new.create"), id="create", variant="primary")
                yield Button(t("new.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#new-title").focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#create")
    def create(self) -> None:
        values = {name: self.query_one(f"#new-{name}", Input).value for name in FIELDS}
        if not values["title"].strip():
            self.query_one("#new-title").focus()
            self.notify(self.app.t("new.title_needed"), severity="warning")
            return
        plan = self.app.plans.get(str(self.query_one("#new-plan", Select).value))
        lang = str(self.query_one("#new-lang", Select).value)
        title, place, day, facilitator = (values[name] for name in FIELDS)
        library = self.app.library
        try:
            if self.follows is None:
                workshop_id = library.create(
                    title=title, plan=plan, place=place, date=day, facilitator=facilitator, lang=lang
                )
            else:
                workshop_id = follow_up(
                    library, self.follows.id, title=title, plan=plan, date=day, facilitator=facilitator, lang=lang
                )
        except DarbnicaError as error:
            self.app.report(error)
            return
        self.dismiss(workshop_id)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
