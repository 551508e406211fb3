"""One screen a file: home, the new-workshop form, one screen per kind of step, and small dialogs."""
