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


def _is_closing(node: nodes.Node) -> bool:
    return isinstance(node, nodes.raw) and node.astext().strip() == "</div>"


def remove_teacher_only(app: Any, doctree: nodes.document) -> None:
    if not app.tags.has("student"):
        return
    for opening in list(doctree.findall(nodes.raw)):
        if TEACHER_OPEN not in opening.astext() or opening.parent is None:
            continue
        parent = opening.parent
        start = parent.index(opening)
        if "</div>" in opening.astext():  # the whole block is one raw node
            end = start
        else:
            end = start + 1
            while end < len(parent) and not _is_closing(parent[end]):
                end += 1
            if end == len(parent):
                raise ValueError(f"{app.env.docname}: a teacher-only block has no closing </div>")
        parent[start:end + 1] = [nodes.paragraph(text=TEACHER_REMOVED, classes=["teacher-only-removed"])]


def setup(app: Any) -> None:
    app.connect("doctree-read", remove_teacher_only)
    app.add_css_file("worksheet.css")
