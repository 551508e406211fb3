"""A list of choices ticked with Space or Enter, each showing its state as a mark, not only as a colour.

Textual's SelectionList and RadioSet tell ticked from unticked by the colour of the same "X" or "●" alone, and
cut long labels short; here a ticked choice reads "[✓]" and an unticked one "[ ]" (a single choice "(●)" and
"( )"), and labels wrap, so the vision's checks and the levels of engagement read the same on any theme. The
highlight starts on the ticked choice; a single choice may follow the highlight (``follow_highlight``, as in a
dialog's radio group), so the highlighted line is never another than the chosen one. A list that belongs to a text
field (the vision's checks, under the vision) sends what is typed on it to that field (``typing_to``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from darbnica.ui.widgets.in_order import KeysInOrder


class ChoiceList(KeysInOrder, OptionList):
    BINDINGS = [Binding("space", "select", "key.tick", show=False)]

    @dataclass
    class Changed(Message):
        """A choice was ticked or unticked by the user."""

        choice_list: ChoiceList
        index: int
        ticked: bool
        moved: bool = False
        """Ticked by moving the highlight onto it (``follow_highlight``), not by Enter or Space."""

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    def __init__(
        self,
        labels: Sequence[Content],
        ticked: set[int],
        *,
        single: bool,
        id: str,  # noqa: A002
        follow_highlight: bool = False,
        typing_to: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.typing_to = typing_to
        """The id of the text field that letters typed on the list go to."""
        self.labels = list(labels)
        self.ticked = set(ticked)
        self.single = single
        self.follow_highlight = single and follow_highlight
        self._show()

    async def _on_key(self, event: events.Key) -> None:
        # Typing, not ticking: a facilitator who went back a field too far (Shift+Tab from the notes lands here)
        # and types the vision would otherwise lose the letters, and tick a check with the first space. A key the
        # list has no use for goes to its field, and the focus with it (the keys behind it follow in order).
        if self.typing_to is not None:
            field = self.screen.query_one(f"#{self.typing_to}")
            if self.pass_typing(event, field):
                # Imported here, not with the module: the lists are on screen with any workshop open, and TextArea
                # brings Textual's document and syntax modules (about 1 MB); a list typing to a field is only on the
                # vision's screen, which has imported it already.
                from textual.widgets import TextArea

                if isinstance(field, TextArea):  # before the key reaches it: it goes on from the end of the text
                    field.move_cursor(field.document.end)
                return
        await super()._on_key(event)

    def _mark(self, index: int) -> str:
        on = index in self.ticked
        if self.single:
            return "(●) " if on else "( ) "
        return "[✓] " if on else "[ ] "

    def _show(self) -> None:
        highlighted = self.highlighted
        self.set_options(
            Option(Content.assemble((self._mark(i), "bold"), label), id=str(i)) for i, label in enumerate(self.labels)
        )
        if highlighted is None:  # at first, on the choice already made
            highlighted = min(self.ticked, default=0)
        self.highlighted = highlighted

    def show_ticked(self, ticked: set[int]) -> None:
        """Show these choices ticked (the workshop changed otherwise: undo, redo), without telling anyone."""
        if ticked != self.ticked:
            self.ticked = set(ticked)
            self._show()

    def set_ticked(self, index: int, ticked: bool) -> None:
        if self.single:
            self.ticked = {index} if ticked else set()
        elif ticked:
            self.ticked.add(index)
        else:
            self.ticked.discard(index)
        self._show()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        ticked = True if self.single else index not in self.ticked
        self.set_ticked(index, ticked)
        self.post_message(self.Changed(self, index, ticked))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        index = event.option_index
        if self.follow_highlight and index not in self.ticked:
            self.set_ticked(index, True)
            self.post_message(self.Changed(self, index, True, moved=True))
