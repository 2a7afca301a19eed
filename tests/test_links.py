"""catalogue.links builds the same links as reverse(), for the values archives really use."""

import pytest
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix

from catalogue import links

# Numbers as archives print them: Cyrillic prefixes, letters, leading zeros, and the
# characters that must be quoted in a path.
NUMBERS = [
    "17",
    "Р-9401",
    "1а",
    "06",
    "3 доп.",
    "50%",
    "a?b",
    "x#1",
    "a&b=c",
    "ф.1;2",
    "~:@!$'()*+,",
    "2.1",  # unreserved characters only: written as they are, as reverse() leaves them
    "a_b~c-d",
]


@pytest.mark.parametrize("number", NUMBERS)
def test_archival_links_equal_reverse(number):
    for name, args in [
        ("catalogue:fond-detail", ["rgaspi", number]),
        ("catalogue:inventory-detail", ["rgaspi", number, "1"]),
        ("catalogue:folder-detail", ["ap-rf", "3", number, number]),
        ("catalogue:folder-file-detail", ["ap-rf", number, "1", "2", number]),
        ("catalogue:file-detail", ["rgva", "33987", "3", number]),
    ]:
        assert links.url(name, *args) == reverse(name, args=args)


def test_ids_and_slugs_equal_reverse():
    assert (
        links.url("catalogue:work-detail", 12)
        == reverse("catalogue:work-detail", args=[12])
        == "/works/12/"
    )
    assert links.url("catalogue:person-detail", "zhukov-g-k") == "/people/zhukov-g-k/"
    assert links.url("catalogue:archive-detail", "avp-rf") == "/archives/avp-rf/"


def test_a_script_prefix_is_kept():
    """Served under a prefix (SCRIPT_NAME), links carry it, as reverse()'s do."""
    set_script_prefix("/opis/")
    try:
        assert links.url("catalogue:work-detail", 5) == reverse("catalogue:work-detail", args=[5])
        assert links.url("catalogue:work-detail", 5) == "/opis/works/5/"
    finally:
        clear_script_prefix()
    assert links.url("catalogue:work-detail", 5) == "/works/5/"


@pytest.mark.parametrize("number", ["", "a/b", "bad\x00"])
def test_values_no_url_takes_give_no_link(number):
    """No link rather than a failed page (issue 23: `f. 33987/2` took /works/ down)."""
    with pytest.raises(NoReverseMatch):
        reverse("catalogue:fond-detail", args=["rgaspi", number])
    assert links.url("catalogue:fond-detail", "rgaspi", number) is None
