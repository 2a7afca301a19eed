"""People and collectives, and their works."""

from django.conf import settings
from django.shortcuts import get_object_or_404

from .. import serializers
from ..models import (
    Contribution,
    Person,
    Work,
)
from .common import distinct_works, list_data, paginate, respond, set_counts


def person_list(request):
    page = paginate(request, Person.objects.order_by("sort_key", "pk"), 100)
    # Works are counted for the page's people only: annotated on the whole list, the count
    # would group every contribution of the catalogue before the first page is cut.
    page.object_list = list(page.object_list)
    contributions = Contribution.objects.filter(person__in=page.object_list)
    set_counts(page.object_list, "work_count", distinct_works(contributions, "person"))

    def data():
        return list_data(page, [serializers.person_summary_row(p) for p in page.object_list])

    return respond(request, "catalogue/person_list.html", {"page_obj": page}, data)


def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    works = Work.objects.by_people([person.slug]).with_list_relations()
    page = paginate(request, works, settings.OPIS_PAGE_SIZE)
    spellings = person.names_as_printed()

    def data():
        return {
            **serializers.person_summary_row(person),
            "orcid": person.orcid or None,
            "works": list_data(page, [serializers.work_summary(w) for w in page.object_list]),
            "names_as_printed": spellings,
        }

    context = {
        "person": person,
        "page_obj": page,
        "works": page.object_list,
        "names_as_printed": spellings,
    }
    return respond(request, "catalogue/person_detail.html", context, data)


# Error pages. They answer JSON to a JSON request, and never show a traceback.
