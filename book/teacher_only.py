"""Student edition: cut teacher-only text, and add the worksheet print styles.

Teacher-only text is written in a notebook or page as <div class="teacher-only"> ... </div>
around Markdown (a blank line after the opening tag and before the closing one). As for worked
solutions (book/conf.py, remove_solutions), it is cut from the document tree before writing,
so it is in neither the student pages nor their search index. The teacher edition keeps it.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

TEACHER_OPEN = 'class="teacher-only"'
TEACHER_REMOVED = "A note for teachers is in the teacher edition of this site."


def cut_blocks(app: Any, doctree: nodes.document, *, marker: str, closing: str, exact: bool,
               placeholder: nodes.paragraph, what: str) -> None:
    """Student edition: replace every block opened by a raw HTML node holding ``marker`` with a
    copy of ``placeholder``, up to the raw node that closes it (the opening node itself when it
    holds ``closing``; a later one whose text is ``closing``, or only contains it when not
    ``exact``). Worked solutions (book/conf.py) and teacher-only text are both cut this way."""
    if not app.tags.has("student"):
        return

    def closes(node: nodes.Node, opening: nodes.Node) -> bool:
        if not isinstance(node, nodes.raw):
            return False
        text = node.astext()
        return closing in text if node is opening or not exact else text.strip() == closing

    for opening in list(doctree.findall(nodes.raw)):
        if marker not in opening.astext() or opening.parent is None:
            continue
        parent = opening.parent
        start = end = parent.index(opening)
        while not closes(parent[end], opening):
            end += 1
            if end == len(parent):
                raise ValueError(f"{app.env.docname}: {what} has no closing {closing}")
        parent[start:end + 1] = [placeholder.deepcopy()]


def remove_teacher_only(app: Any, doctree: nodes.document) -> None:
    cut_blocks(app, doctree, marker=TEACHER_OPEN, closing="</div>", exact=True,
               placeholder=nodes.paragraph(text=TEACHER_REMOVED, classes=["teacher-only-removed"]),
               what="a teacher-only block")


def setup(app: Any) -> None:
    app.connect("doctree-read", remove_teacher_only)
    app.add_css_file("worksheet.css")
