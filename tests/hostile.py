"""Text people paste, or type into files, that a naive program would store wrongly or show dangerously."""

from __future__ import annotations

from hypothesis import strategies as st

PIECES = [
    # terminal escape and control sequences: clear screen, move the cursor, set the window title, write the
    # clipboard (OSC 52), the 8-bit CSI, NUL, bell, backspace, carriage return
    "\x1b[2J",
    "\x1b[1;1H",
    "\x1b[31m",
    "\x1b]0;pwned\x07",
    "\x1b]52;c;cGF3bmVk\x07",
    "\x9b6n",
    "\x00",
    "\x07",
    "\x08",
    "\r",
    # line and paragraph breaks, tabs
    "\n",
    "\r\n",
    "\t",
    "\u2028",
    "\u2029",
    "\x85",
    # bidirectional overrides and isolates, a right-to-left mark, byte-order mark, replacement character
    "\u202e",
    "\u202d",
    "\u2066",
    "\u2069",
    "\u200f",
    "\ufeff",
    "\ufffd",
    # lone surrogates (not encodable as UTF-8), the last code point
    "\ud800",
    "\udfff",
    "\U0010ffff",
    # Rich and Textual markup, HTML, Markdown, format strings
    "[bold]",
    "[/]",
    "[@click=app.quit]",
    "[link=file:///etc/passwd]x[/link]",
    "<script>alert(1)</script>",
    "<b>",
    "&amp;",
    "# ",
    "* ",
    "`",
    "{title}",
    "%s",
    "\\",
    '"',
    # Latvian letters, precomposed and as base letter + combining macron or caron; emoji with joiners and flags
    "āčēģīķļņšūž",
    "ĀČĒĢĪĶĻŅŠŪŽ",
    "a\u0304",
    "c\u030c",
    "👨\u200d👩\u200d👧",
    "🙂",
    "🇱🇻",
    " ",
    "  ",
]

hostile_text = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(st.characters(exclude_categories=()), max_size=20)),
    max_size=12,
).map("".join)
"""Any mix of the pieces above and arbitrary code points, lone surrogates included."""
