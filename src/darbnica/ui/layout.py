"""Sizes the layout follows, shared by the app (its breakpoints) and the screens."""

TALL_SCREEN = 34
"""Rows from which a screen counts as tall: the notes get a blank line between them."""
