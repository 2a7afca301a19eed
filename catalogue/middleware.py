from django.conf import settings
from django.core.exceptions import BadRequest

from .views import bad_request, request_too_large


class BadRequestMiddleware:
    """Answers a BadRequest raised by a view with the 400 page, without logging a traceback.

    A reader's malformed parameter is not a fault of the server; Django's own handling
    would log each one with a full traceback.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, BadRequest):
            return bad_request(request, exception)
        return None


class RequestSizeMiddleware:
    """Answers a request whose body is larger than OPIS_MAX_REQUEST_BYTES with a 413 that says
    the limit, before any of it is read.

    Django bounds form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but streams an uploaded file of
    any size to disk; a proxy's own limit (nginx's client_max_body_size) comes first where
    there is one. A body without a Content-Length is left to Django's limits."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads such a body as empty
        if length > settings.OPIS_MAX_REQUEST_BYTES:
            return request_too_large(request, settings.OPIS_MAX_REQUEST_BYTES)
        return self.get_response(request)
