"""Reading a reference list as text: a paste, an uploaded file or a command's input.

Refuses what is not a reference list a person wrote (empty, binary, too large, junk)
before the parser spends a worker on it. Used by the admin's import page and by
`manage.py import_references` and `parse_references`.
"""

# A reference list is a few kilobytes; a megabyte is a book's worth. Past that it is a
# mistake (a pasted PDF, a binary file), and parsing it would tie up a worker.
MAX_BYTES = 1_000_000
MAX_LINES = 5000


class InputRejected(ValueError):
    """The input is not a reference list we can read: empty, binary, too large."""


def decode_input(data):
    """Bytes of a pasted or uploaded list → (text, notices).

    UTF-8 first; a line that is not UTF-8 is read as cp1251 (Windows Cyrillic), with a
    notice saying which lines, so a file mixing the two still reads.
    """
    if not data or not data.strip():
        raise InputRejected("The input is empty: paste or give a reference list.")
    if len(data) > MAX_BYTES:
        raise InputRejected(
            f"The input is {len(data):,} bytes; the limit is {MAX_BYTES:,} bytes. "
            "Split the reference list into smaller parts."
        )
    if b"\x00" in data:
        raise InputRejected("The input is a binary file (it holds NUL bytes), not a text.")
    notices = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        lines, fallback = [], []
        for number, raw in enumerate(data.split(b"\n"), start=1):
            try:
                lines.append(raw.decode("utf-8"))
            except UnicodeDecodeError:
                try:
                    lines.append(raw.decode("cp1251"))
                except UnicodeDecodeError:
                    raise InputRejected(
                        f"Line {number} is neither UTF-8 nor cp1251 text."
                    ) from None
                fallback.append(str(number))
        text = "\n".join(lines)
        shown = ", ".join(fallback[:10]) + (" ..." if len(fallback) > 10 else "")
        notices.append(f"Not UTF-8: read as cp1251 (Windows Cyrillic) on line(s) {shown}.")
    return check_text(text), notices


def check_text(text):
    """Refuse what is not text a person wrote: control characters, no letters at all."""
    if not text.strip():
        raise InputRejected("The input is empty: paste or give a reference list.")
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise InputRejected(
            f"The input is over the limit of {MAX_BYTES:,} bytes. "
            "Split the reference list into smaller parts."
        )
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    letters = sum(1 for c in text if c.isalpha())
    if controls > max(2, len(text) // 200) or letters < len(text.strip()) * 0.2:
        raise InputRejected("The input does not look like text (binary data or junk).")
    lines = sum(1 for line in text.splitlines() if line.strip())
    if lines > MAX_LINES:
        raise InputRejected(
            f"The input has {lines:,} lines; one reference list has at most {MAX_LINES:,}."
        )
    return text


def read_source(source, stdin=None):
    """The text of a file path, or of stdin for `-`, checked as decode_input checks it."""
    if source == "-":
        stream = getattr(stdin, "buffer", stdin)
        data = stream.read(MAX_BYTES + 1)
        if isinstance(data, str):
            data = data.encode("utf-8")
    else:
        try:
            with open(source, "rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError as error:
            raise InputRejected(f"Cannot read {source}: {error.strerror or error}.") from None
    return decode_input(data)
