"""Read an exported summary back as a CommonMark parser sees it: which text is in which block, under which heading."""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

PARSER = MarkdownIt("commonmark").enable("table")
"""CommonMark as it is, raw HTML included: if a note could smuggle markup in, this parser would show it."""

INLINE_TYPES = {"text", "em_open", "em_close", "strong_open", "strong_close", "hardbreak", "link_open", "link_close"}


@dataclass
class Parsed:
    title: str = ""
    headings: list[tuple[str, ...]] = field(default_factory=list)
    """Every heading below the title, as its path of headings from level 2 down."""
    items: list[tuple[tuple[str, ...], str, str]] = field(default_factory=list)
    """Every list item: (headings it is under, its text, the emphasised text after it)."""
    rows: list[tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)
    """Every table row: (headings it is under, its cells)."""
    quotes: list[str] = field(default_factory=list)
    block_types: set[str] = field(default_factory=set)
    inline_types: set[str] = field(default_factory=set)


def inline_text(token: Token) -> str:
    return "".join(child.content for child in token.children or [] if child.type == "text")


def parse(markdown: str) -> Parsed:
    parsed = Parsed()
    path: list[str] = []
    tokens = PARSER.parse(markdown)
    row: list[str] = []
    for index, token in enumerate(tokens):
        parsed.block_types.add(token.type)
        for child in token.children or []:
            parsed.inline_types.add(child.type)
        if token.type == "heading_open":
            level = int(token.tag[1:])
            text = inline_text(tokens[index + 1])
            if level == 1:
                parsed.title = text
            else:
                del path[level - 2 :]
                path.append(text)
                parsed.headings.append(tuple(path))
        elif token.type == "inline" and tokens[index - 2].type == "list_item_open":
            children = token.children or []
            split = next((n for n, c in enumerate(children) if c.type == "em_open"), len(children))
            before = "".join(c.content for c in children[:split] if c.type == "text")
            after = "".join(c.content for c in children[split:] if c.type == "text")
            parsed.items.append((tuple(path), before.removesuffix(" — ") if after else before, after))
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and tokens[index - 1].type in ("td_open", "th_open"):
            row.append(inline_text(token))
        elif token.type == "tr_close":
            parsed.rows.append((tuple(path), tuple(row)))
        elif token.type == "inline" and tokens[index - 2].type == "blockquote_open":
            children = token.children or []
            parsed.quotes.append("".join("\n" if c.type == "hardbreak" else c.content for c in children))
    return parsed
