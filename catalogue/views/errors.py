"""The error pages: 400, 404, 413, 500, and 503 for a query past its time."""

from django.core.exceptions import BadRequest
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ..page_cache import asks_for_json


def _error(request, status, message, template):
    if request.GET.get("format", "").strip().lower() == "json" or asks_for_json(request):
        return JsonResponse({"error": message, "status": status}, status=status)
    return render(request, template, {"message": message, "status": status}, status=status)


def bad_request(request, exception):
    message = (
        str(exception)
        if isinstance(exception, BadRequest) and str(exception)
        else _("The request could not be understood.")
    )
    return _error(request, 400, message, "400.html")


def request_too_large(request, limit):
    message = _(
        "The request is too large: this site reads at most %(limit)s MB. "
        "Split a large file and send the parts."
    ) % {"limit": f"{limit / (1024 * 1024):g}"}
    return _error(request, 413, message, "400.html")


def page_not_found(request, exception):
    message = exception.args[0] if isinstance(exception, Http404) and exception.args else ""
    if not isinstance(message, str) or "matches the given query" in message:
        message = ""  # get_object_or_404's wording names a model class, not a reader's words
    return _error(request, 404, message or _("There is nothing at this address."), "404.html")


def too_slow(request):
    """A public page whose statements ran past their time (timeouts.py): not a fault of the
    server, and not kept by the page cache (a 503)."""
    if request.GET.get("q", "").strip():
        message = _(
            "This search is too broad to answer in time. Add a less common word, or narrow "
            "it by archive, language, kind or years, and search again."
        )
    else:
        message = _("This page took too long to prepare. Please try again in a moment.")
    return _error(request, 503, message, "503.html")


def server_error(request):
    return _error(
        request, 500, _("Something went wrong on our side. It has been logged."), "500.html"
    )


# Exports of the works list: the whole filtered list, not one page, up to a limit.
