from django.core.exceptions import BadRequest

from .views import bad_request


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
