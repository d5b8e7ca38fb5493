"""A run of character references read by one step of the traced inline parser, each made as markdown-it makes it."""

from __future__ import annotations

import re

from markdown_it.common.entities import entities
from markdown_it.common.utils import fromCodePoint, isValidEntityCode
from markdown_it.rules_inline.entity import entity
from markdown_it.rules_inline.state_inline import StateInline

# markdown-it's two forms (rules_inline/entity.py: DIGITAL_RE, NAMED_RE), as one pattern: after `&#` only a
# numeric reference may follow, as its rule tries only that one there
_REFERENCE = re.compile(r"&(?:#(x[a-f0-9]{1,6}|[0-9]{1,7})|([a-z][a-z0-9]{1,31}));", re.IGNORECASE)


def entity_run(state: StateInline, silent: bool) -> bool:
    """markdown-it's entity rule, then each reference that follows at once, while it is whole before the end of
    the source being read: one `text_special` token each, as the rule's own step per reference would make it
    (`&amp;` a million times made a loop step, a rule call and a trace record each). Where the next is not a
    reference the rule would take (an unknown name, no `;`), or would run past the end, the run stops and the
    loop goes on as before. In a silent scan (a link label's), the rule alone."""
    if not entity(state, silent):
        return False
    if silent:
        return True
    src, maximum = state.src, state.posMax
    while state.pos + 1 < maximum:
        found = _REFERENCE.match(src, state.pos)
        if found is None or found.end() > maximum:
            break
        digits, name = found.group(1, 2)
        if name is not None:
            if name not in entities:
                break
            content = entities[name]
        else:
            code = int(digits[1:], 16) if digits[0] in "xX" else int(digits, 10)
            content = fromCodePoint(code if isValidEntityCode(code) else 0xFFFD)
        token = state.push("text_special", "", 0)
        token.content = content
        token.markup = found.group()
        token.info = "entity"
        state.pos = found.end()
    return True
