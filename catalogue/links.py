"""Links to the catalogue's pages, as reverse() gives them, at a fraction of its cost.

A list page makes hundreds of links (a work, its authors, and each archival location's
archive, fond, inventory, folder and file), and reverse() costs some 20 µs a link: it
searches the URL patterns and re-checks the result against them every time. Here each
pattern is reversed once, with placeholder arguments, and the result is kept as a
template; a link is then the template with its arguments quoted exactly as reverse()
quotes them. An argument that no converter here accepts (empty, or holding a slash or a
control character) goes to reverse() itself; where that refuses it too, there is no link
(None), and the page shows the unit without one. One
difference is kept on purpose: a slug that breaks the slug converter's rule (a space, say,
from a load that went round the models' validation) gets a link that answers 404, where
reverse() would have failed the whole page.
"""

import re
from functools import lru_cache
from urllib.parse import quote

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.http import RFC3986_SUBDELIMS

# Digits pass every converter of these URLs (id, slug, number); none of the URLs' own
# words holds such a run of digits.
_PLACEHOLDER = "7391046285{:03d}"
_SAFE = RFC3986_SUBDELIMS + "/~:@"  # what reverse() leaves unquoted (RFC 3986 pchar)
_ORDINARY = re.compile(r"[^/\x00-\x1f\x7f]+")


@lru_cache(maxsize=256)
def _template(name, count, prefix):
    """The URL of `name` with `count` arguments, cut at the arguments: (text, i, text...)."""
    placeholders = [_PLACEHOLDER.format(i) for i in range(count)]
    url = reverse(name, args=placeholders)
    pieces = []
    for index, placeholder in enumerate(placeholders):
        before, found, url = url.partition(placeholder)
        if not found:  # a pattern that does not show its arguments in order
            return None
        pieces += [before, index]
    pieces.append(url)
    return tuple(pieces)


# What quote() leaves as it is whatever it is told is safe: most arguments (ids, numbers,
# slugs) are only this, and quoting them cost a list page's links a third of their time.
_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]+")


def url(name, *args):
    """reverse(name, args=args), the same string; None where reverse() finds no URL."""
    texts = [str(arg) for arg in args]
    template = _template(name, len(texts), get_script_prefix())
    plain = all(_UNRESERVED.fullmatch(text) for text in texts)
    if template is None or not (plain or all(_ORDINARY.fullmatch(text) for text in texts)):
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            # An argument no URL can carry: a number with a slash, saved before the rule
            # (archival.number_problem) or round it. No link, where it was a failed page.
            return None
    if plain:
        return "".join(piece if isinstance(piece, str) else texts[piece] for piece in template)
    return "".join(
        piece if isinstance(piece, str) else quote(texts[piece], safe=_SAFE) for piece in template
    )


@receiver(setting_changed)
def _forget_templates(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _template.cache_clear()
