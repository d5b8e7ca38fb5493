"""The lintable view of an HTML article: markup blanked, block tags as line breaks, entities decoded in place."""

from __future__ import annotations

import html
import re

# Elements whose content is not article text: blanked from the opening tag to the closing one.
HIDDEN = frozenset(
    {"script", "style", "noscript", "template", "code", "pre", "svg", "math", "textarea", "iframe", "object", "select"}
)
# Tags that end a paragraph: they become a blank line in the view so paragraphs and sentences split there.
BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
        "html", "li", "main", "nav", "ol", "p", "section", "summary", "table", "tbody", "td", "tfoot", "th",
        "thead", "title", "tr", "ul",
    }
)  # fmt: skip
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"  # comment (an unclosed one runs to the end, as browsers do)
    r"|<![^>]*(?:>|\Z)"  # doctype, CDATA
    r"|<\?.*?(?:>|\Z)"  # processing instruction
    r"|</?(?P<name>[A-Za-z][A-Za-z0-9:-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*(?:>|\Z)",  # a tag, quoted > allowed
    re.S,
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_URL = re.compile(r"\bhttps?://[^\s<>\"']+")


def _blank(seg: str) -> str:
    return re.sub(r"[^\r\n]", " ", seg)


def _as_break(seg: str, paragraph: bool) -> str:
    """A tag's characters as a line break (two for a paragraph), padded with spaces to the same length."""
    # line numbers come from the raw text, so breaks in the view only steer paragraph and sentence splitting
    brk = "\n\n" if paragraph and len(seg) >= 2 else "\n"
    return brk + " " * (len(seg) - len(brk))


def html_view(raw: str) -> tuple[str, dict[str, object]]:
    """Same-length view of raw HTML: tags, comments, scripts and styles become spaces; text stays where it is.

    An entity is replaced by the character it stands for followed by spaces (`&amp;` -> `&    `), so offsets
    stay exact; an entity inside a word therefore splits the word in the view (`don&rsquo;t` -> `don’      t`).
    """
    out: list[str] = []
    meta: dict[str, object] = {}
    pos = 0
    hide_until = -1
    title_open: int | None = None
    for m in _TOKEN.finditer(raw):
        if m.start() < hide_until:
            continue
        out.append(raw[pos : m.start()])
        tok = m.group(0)
        name = (m.group("name") or "").lower()
        closing = tok.startswith("</")
        if name in HIDDEN and not closing and not tok.endswith("/>"):
            close = re.compile(rf"</{name}\s*>", re.I).search(raw, m.end())
            end = close.end() if close else len(raw)
            out.append(_blank(raw[m.start() : end]))
            pos = hide_until = end
            continue
        if name == "title":
            if closing and title_open is not None:
                text = raw[title_open : m.start()]
                lead = len(text) - len(text.lstrip())
                if text.strip():
                    meta["title_span"] = (title_open + lead, title_open + lead + len(text.strip()))
                title_open = None
            elif not closing:
                title_open = m.end()
        if name == "br":
            out.append(_as_break(tok, paragraph=False))
        elif name in BLOCK:
            out.append(_as_break(tok, paragraph=True))
        else:
            out.append(_blank(tok))
        pos = m.end()
    if pos < len(raw):
        out.append(raw[pos:])
    view = "".join(out)
    view = _ENTITY.sub(_decode_entity, view)
    view = _URL.sub(lambda u: _blank(u.group()), view)
    return view, meta


def _decode_entity(m: re.Match[str]) -> str:
    ent = m.group()
    ch = html.unescape(ent)
    if ch == ent or len(ch) != 1:
        return ent
    if ch in "\u00a0\u2002\u2003\u2009\u200a\u202f":
        ch = " "  # a no-break or thin space is a space to every rule
    elif ch in "\u200b\u200c\u200d\u00ad":
        ch = ""  # invisible: only spaces remain
    return ch + " " * (len(ent) - len(ch))
