from darbnica.editing import Editor, parse_note
from darbnica.model import Plan


def test_undo_puts_a_deleted_note_back_in_its_place(editor: Editor) -> None:
    first = editor.add_note("problem", "pirmā")
    second = editor.add_note("problem", "otrā")
    third = editor.add_note("problem", "trešā")
    editor.delete_note(second)
    assert [n.text for n in editor.workshop.notes] == ["pirmā", "trešā"]
    undone = editor.undo()
    assert undone is not None and undone.what == "undo.note_restored" and undone.step == "problem"
    assert editor.workshop.notes == (first, second, third)


def test_undo_reverts_edits_and_tags_in_reverse_order(editor: Editor) -> None:
    note = editor.add_note("problem", "autobuss")
    tagged = editor.retag_note(note, "need")
    editor.edit_note(tagged, "autobuss svētdienās")
    editor.undo()
    assert editor.workshop.notes[0].text == "autobuss"
    editor.undo()
    assert editor.workshop.notes[0].tag is None
    editor.undo()
    assert editor.workshop.notes == ()
    assert editor.undo() is None


def test_undo_of_actions(editor: Editor) -> None:
    action = editor.add_action(what="Komunikācijas kanāls", who="Anna")
    editor.update_action(action, status="done", who="Pēteris")
    editor.undo()
    restored = editor.workshop.actions[0]
    assert (restored.status.value, restored.who) == ("planned", "Anna")
    editor.delete_action(restored)
    editor.undo()
    assert editor.workshop.actions == (restored,)


def test_undo_survives_on_disk(editor: Editor, library) -> None:
    note = editor.add_note("problem", "x")
    editor.delete_note(note)
    editor.undo()
    assert library.read(editor.workshop.id).notes == (note,)


def test_a_tag_typed_at_the_start(plan: Plan) -> None:
    problem = plan.step("problem")
    assert parse_note(problem, "#vaj nav autobusa", None) == ("nav autobusa", "need")
    assert parse_note(problem, "#want slidotava", "need") == ("slidotava", "want")
    assert parse_note(problem, "#vēlme slidotava", None) == ("slidotava", "want")
    assert parse_note(problem, "#v ambiguous", "need") == ("#v ambiguous", "need")  # vajadzība or vēlme
    assert parse_note(problem, "# heading", None) == ("# heading", None)
    assert parse_note(problem, "#1 priority", None) == ("#1 priority", None)
    assert parse_note(problem, "#need", None) == ("#need", None)  # a tag alone is not a note
    assert parse_note(plan.step("future"), "#stipr upe", None) == ("upe", "strength")


def test_votes_and_headings_are_undone(editor) -> None:
    note = editor.add_note("problem", "Autobuss")
    note = editor.set_votes(note, 3)
    group = editor.add_group("problem", "Transports")
    note = editor.group_note(note, group.id)
    editor.delete_group(group)
    assert editor.workshop.notes[0].group is None and not editor.workshop.groups
    editor.undo()  # the heading comes back, with its note under it
    assert editor.workshop.groups == (group,) and editor.workshop.notes[0].group == group.id
    editor.undo()
    editor.undo()
    editor.undo()
    assert (editor.workshop.notes[0].votes, editor.workshop.groups) == (0, ())
