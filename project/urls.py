from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

admin.site.site_header = "Opis: catalogue editing"
admin.site.site_title = "Opis admin"
admin.site.index_title = "Catalogue records"

urlpatterns = [
    path("admin/", admin.site.urls),
    # The language switch of base.html posts here. Exempt from CSRF, so that the public
    # pages carry no per-reader token and can be cached whole (catalogue/page_cache.py):
    # a forged post could only change the language of a reader's interface.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("", include("catalogue.urls")),
]

handler400 = "catalogue.views.bad_request"
handler404 = "catalogue.views.page_not_found"
handler500 = "catalogue.views.server_error"
