"""A list's citations in one style, a citation a line: what "copy the list" copies."""

from .. import formatting


def _writer(style):
    def write(works):
        return "".join(style(work) + "\n" for work in works)

    return write


gost = _writer(formatting.gost)
gost_en = _writer(formatting.gost_en)
chicago = _writer(formatting.chicago)
