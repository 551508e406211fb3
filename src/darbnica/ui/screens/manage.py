"""Dialogs for looking after the library: change a workshop's details, confirm a step that deletes."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label

from darbnica.errors import DarbnicaError
from darbnica.model import Workshop
from darbnica.text import LINE_LIMIT
from darbnica.ui.screens.base import DarbnicaModal
from darbnica.ui.widgets.text_input import TextInput

DETAILS = ("title", "place", "date", "facilitator")


class ConfirmDialog(DarbnicaModal[bool]):
    """Ask before something that deletes. ``safe_default`` puts the focus on "cancel", so Enter alone never does
    it; Escape always cancels."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, question: str, confirm: str, *, safe_default: bool = False) -> None:
        super().__init__()
        self.question = question
        self.confirm = confirm
        self.safe_default = safe_default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.question), classes="dialog-title")
            with Horizontal(classes="buttons"):
                yield Button(self.confirm, id="confirm", variant="error")
                yield Button(self.app.t("new.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel" if self.safe_default else "#confirm").focus()

    @on(Button.Pressed, "#confirm")
    def confirmed(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


class DetailsDialog(DarbnicaModal[bool]):
    """Rename a workshop or change its place, date or facilitator. Enter keeps the changes, Escape drops them.

    ``save`` writes them, or raises: then the dialog stays open with everything typed in it, says why, and puts
    the focus on the field at fault (a date mistyped must not cost the new title typed above it)."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, workshop: Workshop, save: Callable[[dict[str, str]], object]) -> None:
        super().__init__()
        self.workshop = workshop
        self.keep = save

    def compose(self) -> ComposeResult:
        t = self.app.t
        with Vertical(classes="dialog"):
            yield Label(t("library.details_title"), classes="dialog-title")
            for name in DETAILS:
                yield Label(t(f"context.{name}"))
                yield TextInput(
                    str(getattr(self.workshop, name)),
                    id=f"details-{name}",
                    limit=LINE_LIMIT,
                    placeholder=t("context.date_format") if name == "date" else "",
                )
            yield Label(t("dialog.enter_escape"), classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#details-title").focus()

    @on(Input.Submitted)
    def submitted(self) -> None:
        try:
            self.keep({name: self.query_one(f"#details-{name}", Input).value for name in DETAILS})
        except DarbnicaError as error:
            self.app.report(error)
            field = (
                "date"
                if error.key == "error.bad_date"
                else str(error.params.get("what_key", "")).removeprefix("field.")
            )
            if field in DETAILS:
                self.query_one(f"#details-{field}").focus()
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
