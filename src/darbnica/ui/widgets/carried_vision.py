"""The vision a follow-up carried over, shown on its plan's first step.

A follow-up's plan has no vision step, and its first hint says to remind the room of the vision agreed last time:
so the first step shows it, to the room as well (it stays in the projector view). A plan with a vision step shows
the statement there, and nowhere else. The summary puts it under the same step (summary/build.py), and a phone's
page shows it with that step's question (share/phone_page.py).
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from darbnica.followup import carried_vision
from darbnica.model import Workshop


class CarriedVision(Static):
    def __init__(self, workshop: Workshop, step_key: str, label: str) -> None:
        super().__init__(id="carried-vision")
        self.step_key = step_key
        self.label = label
        self.text: str | None = None
        self.show(workshop)

    def show(self, workshop: Workshop) -> None:
        text = carried_vision(workshop, self.step_key)
        if text == self.text:
            return  # an update lays the whole screen out again: not at every note, for the same words
        self.text = text
        self.display = bool(text)
        self.update(Content.assemble((self.label, "$text-secondary"), "\n", (text, "bold")))
