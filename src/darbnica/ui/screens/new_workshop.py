"""The form for a new workshop: title, place, date, facilitator, plan, language."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select

from darbnica.errors import DarbnicaError
from darbnica.i18n import LANGS, pick
from darbnica.plan import DEFAULT_PLAN
from darbnica.text import LINE_LIMIT
from darbnica.ui.screens.base import DarbnicaModal

FIELDS = ("title", "place", "date", "facilitator")


class NewWorkshopScreen(DarbnicaModal[str | None]):
    """Creates the workshop itself and returns its id (``None`` if cancelled)."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def compose(self) -> ComposeResult:
        t = self.app.t
        plans = self.app.plans.plans
        with Vertical(classes="dialog", id="new-workshop"):
            yield Label(t("new.heading"), classes="dialog-title")
            for name in FIELDS:
                yield Label(t(f"context.{name}"))
                yield Input(
                    date.today().isoformat() if name == "date" else "",
                    placeholder=t(f"new.{name}_placeholder"),
                    id=f"new-{name}",
                    max_length=LINE_LIMIT,
                )
            yield Label(t("new.plan"))
            yield Select(
                [(f"{pick(p.title, self.app.lang)} ({p.minutes} min)", name) for name, p in plans.items()],
                value=next(
                    (n for n in (self.app.settings.plan, DEFAULT_PLAN) if n in plans), next(iter(plans), Select.BLANK)
                ),
                allow_blank=False,
                id="new-plan",
            )
            yield Label(t("new.lang"))
            yield Select(
                [(t(f"lang.{lang}"), lang) for lang in LANGS],
                value=self.app.lang,
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
        try:
            workshop_id = self.app.library.create(
                plan=self.app.plans.get(str(self.query_one("#new-plan", Select).value)),
                lang=str(self.query_one("#new-lang", Select).value),
                **values,
            )
        except DarbnicaError as error:
            self.app.report(error)
            return
        self.dismiss(workshop_id)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
