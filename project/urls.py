from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Opis: catalogue editing"
admin.site.site_title = "Opis admin"
admin.site.index_title = "Catalogue records"

urlpatterns = [
    path("admin/", admin.site.urls),
    # set_language: the language switch of base.html posts here.
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("catalogue.urls")),
]

handler400 = "catalogue.views.bad_request"
handler404 = "catalogue.views.page_not_found"
handler500 = "catalogue.views.server_error"
