"""Which screen shows which kind of step."""

from __future__ import annotations

from darbnica.editing import Editor
from darbnica.model import StepKind
from darbnica.ui.screens.actions import ActionsScreen
from darbnica.ui.screens.context import ContextScreen
from darbnica.ui.screens.notes import NotesScreen
from darbnica.ui.screens.principles import PrinciplesScreen
from darbnica.ui.screens.step import StepScreen

SCREENS: dict[StepKind, type[StepScreen]] = {
    StepKind.CONTEXT: ContextScreen,
    StepKind.NOTES: NotesScreen,
    StepKind.PRINCIPLES: PrinciplesScreen,
    StepKind.ACTIONS: ActionsScreen,
}


def screen_for_step(editor: Editor, key: str) -> StepScreen:
    step = editor.workshop.plan.step(key)
    if step.kind is StepKind.CLOSING:
        # Imported when first shown, as the vision's is (the summary beside its notes is drawn by widgets every step
        # loads already, so this keeps only the screen's own module off a workshop's opening).
        from darbnica.ui.screens.closing import ClosingScreen

        return ClosingScreen(editor, step)
    if step.kind is StepKind.VISION:
        # Imported when first shown too: its TextArea brings Textual's document and syntax modules (about 1 MB).
        from darbnica.ui.screens.vision import VisionScreen

        return VisionScreen(editor, step)
    return SCREENS[step.kind](editor, step)
