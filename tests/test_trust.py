"""No edit lost, no one where they don't belong: history, version check, roles, lockout."""

import io
import json

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client

from catalogue.models import (
    ArchivalFile,
    Archive,
    Citation,
    Folder,
    Fond,
    Inventory,
    Person,
    Work,
)

pytestmark = pytest.mark.usefixtures("seed")

User = get_user_model()


def staff(username, *groups, superuser=False):
    user = User.objects.create_user(username, f"{username}@example.org", None, is_staff=True)
    user.is_superuser = superuser
    user.save()
    user.groups.set(Group.objects.filter(name__in=groups))
    client = Client()
    client.force_login(user)
    return client


def form_data(response):
    """What a browser would post back from an admin change page, unchanged."""
    context = response.context
    data = {}

    def take(form):
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None:
                continue
            if isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif isinstance(value, (list, tuple)):
                data[key] = [str(v) for v in value]
            else:
                data[key] = value

    take(context["adminform"].form)
    for inline in context.get("inline_admin_formsets", []):
        formset = inline.formset
        for form in formset.initial_forms:
            take(form)
        count = str(len(formset.initial_forms))
        data.update(
            {
                f"{formset.prefix}-TOTAL_FORMS": count,
                f"{formset.prefix}-INITIAL_FORMS": count,
                f"{formset.prefix}-MIN_NUM_FORMS": "0",
                f"{formset.prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    if context.get("opis_version", "") != "":
        data["opis_version"] = context["opis_version"]
    return data


# History.


def test_loading_the_fixtures_writes_no_history():
    for model in (Archive, Fond, Inventory, Folder, ArchivalFile, Person, Work, Citation):
        assert model.objects.exists()
        assert not model.history.exists(), model


def test_an_admin_edit_is_kept_with_who_when_and_which_field():
    alice = staff("alice", "Editors")
    work = Work.objects.get(key="zhukov1974")
    data = form_data(alice.get(f"/admin/catalogue/work/{work.pk}/change/"))
    data["title"] = "Memories and Reflections, corrected"
    assert alice.post(f"/admin/catalogue/work/{work.pk}/change/", data).status_code == 302

    record = work.history.latest()
    assert record.history_user.username == "alice"
    changed = {c.field: (c.old, c.new) for c in record.diff_against(record.prev_record).changes}
    assert changed["title"] == ("Memories and Reflections", "Memories and Reflections, corrected")

    page = alice.get(f"/admin/catalogue/work/{work.pk}/history/").content.decode()
    assert "alice" in page and "Memories and Reflections, corrected" in page


def test_an_editor_reverts_a_change_from_the_history_page():
    alice = staff("alice", "Editors")
    person = Person.objects.get(slug="zhukov-g-k")
    person.name = "Zhukoff"
    person.save()  # by a script: the version to go back to
    person.name = "Vandal"
    person.save()
    good = person.history.get(name="Zhukoff")
    # The record as loaded was kept before its first change, so it can be gone back to too.
    assert person.history.filter(name="Zhukov").exists()
    page = alice.get(f"/admin/catalogue/person/{person.pk}/history/{good.history_id}/")
    assert page.status_code == 200
    response = alice.post(
        f"/admin/catalogue/person/{person.pk}/history/{good.history_id}/", form_data(page)
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name == "Zhukoff"
    assert person.history.latest().history_user.username == "alice"


def history_rows(client, obj):
    """The History page's rows as an editor reads them: [[date, action, by, what changed]]."""
    import re
    from html import unescape

    url = f"/admin/catalogue/{obj._meta.model_name}/{obj.pk}/history/"
    html = client.get(url).content.decode()
    start = html.index('<table id="change-history"')
    table = html[start : html.index("</table>", start)]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S) for row in rows]
    return [[" ".join(unescape(re.sub(r"<[^>]+>", " ", c)).split()) for c in row] for row in cells]


def test_the_history_says_what_the_first_edit_changed_and_what_the_baseline_is():
    alice = staff("alice", "Editors")
    work = Work.objects.get(key="zhukov1974")
    data = form_data(alice.get(f"/admin/catalogue/work/{work.pk}/change/"))
    data["title"] = "Memories and Reflections, corrected"
    assert alice.post(f"/admin/catalogue/work/{work.pk}/change/", data).status_code == 302

    (_, action, by, changed), (_, baseline, baseline_by, _) = history_rows(alice, work)
    assert (action, by) == ("Changed", "alice")
    assert changed == "Title: Memories and Reflections → Memories and Reflections, corrected"
    # The record as loaded, kept at the moment of alice's edit: not something she created.
    assert baseline == "State before the first edit in Opis" and baseline_by == "—"
    page = alice.get(f"/admin/catalogue/work/{work.pk}/history/").content.decode()
    assert "None" not in page[page.index('<table id="change-history"') :]
    assert "Search key" not in page and "Sort title" not in page  # derived columns


def test_a_revert_is_logged_as_a_revert_to_that_version():
    alice = staff("alice", "Editors")
    person = Person.objects.get(slug="zhukov-g-k")
    person.name = "Zhukoff"
    person.save()
    person.name = "Vandal"
    person.save()
    good = person.history.get(name="Zhukoff")
    url = f"/admin/catalogue/person/{person.pk}/history/{good.history_id}/"
    assert alice.post(url, form_data(alice.get(url))).status_code == 302

    from django.utils import timezone
    from django.utils.formats import date_format

    when = date_format(timezone.localtime(good.history_date), "DATETIME_FORMAT")
    action, by, changed = history_rows(alice, person)[0][1:]
    assert action == f"Reverted to the version of {when}"
    assert by == "alice" and changed == "Name: Vandal → Zhukoff"
    assert history_rows(alice, person)[1][1:3] == ["Changed", "an import or script"]
    russian = alice.get(
        f"/admin/catalogue/person/{person.pk}/history/", HTTP_ACCEPT_LANGUAGE="ru"
    ).content.decode()
    assert "Возвращена версия от" in russian and "Состояние до первой правки в Opis" in russian


def test_a_version_id_that_is_no_number_is_not_found():
    alice = staff("alice", "Editors")
    person = Person.objects.get(slug="zhukov-g-k")
    assert alice.get(f"/admin/catalogue/person/{person.pk}/history/abc/").status_code == 404


# No silent overwrite.


@pytest.mark.parametrize(
    "model, lookup, field, first, second",
    [
        (Work, {"key": "zhukov1974"}, "title", "Memories (Alice)", "Memories (Boris)"),
        (Archive, {"slug": "rgva"}, "city", "Moscow (Alice)", "Moscow (Boris)"),
        (Fond, {"archive__slug": "rgaspi", "number": "558"}, "title", "Stalin (A)", "Stalin (B)"),
        (Person, {"slug": "zhukov-g-k"}, "given_names", "Georgy K.", "G. Konst."),
        (Citation, {"number": 9}, "editorial_note", "Alice's note", "Boris's note"),
    ],
)
def test_the_second_of_two_concurrent_editors_is_told_instead_of_erasing(
    model, lookup, field, first, second
):
    obj = model.objects.get(**lookup)
    url = f"/admin/catalogue/{model._meta.model_name}/{obj.pk}/change/"
    alice, boris = staff("alice", "Editors"), staff("boris", "Editors")
    alice_form, boris_form = form_data(alice.get(url)), form_data(boris.get(url))
    original = getattr(obj, field)

    alice_form[field] = first
    assert alice.post(url, alice_form).status_code == 302

    boris_form[field] = second
    response = boris.post(url, boris_form)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This record changed after you opened it" in html
    assert "Changed by alice" in html
    label = model._meta.get_field(field).verbose_name
    said = f"{label[0].upper()}{label[1:]}: “{original[:60]}"
    assert said.replace("'", "&#x27;") in html
    assert f"→ “{first}”".replace("'", "&#x27;") in html
    obj.refresh_from_db()
    assert getattr(obj, field) == first  # Alice's save stands

    # Having read the message, Boris may save again on purpose; then his text wins.
    again = form_data(response)
    again[field] = second
    assert boris.post(url, again).status_code == 302
    obj.refresh_from_db()
    assert getattr(obj, field) == second


def test_a_change_by_an_import_is_named_as_such():
    alice = staff("alice", "Editors")
    archive = Archive.objects.get(slug="rgani")
    url = f"/admin/catalogue/archive/{archive.pk}/change/"
    data = form_data(alice.get(url))
    archive.note = "Imported note"
    archive.save()  # no request, no user: an import or a script
    data["note"] = "Alice's note"
    html = alice.post(url, data).content.decode()
    assert "Changed by an import or script" in html and "Imported note" in html


# Roles.


def test_the_three_roles_exist():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Readers",
        "Editors",
        "Administrators",
    }


def test_an_editor_changes_records_but_not_users():
    editor = staff("edith", "Editors")
    work = Work.objects.get(key="zhukov1974")
    assert editor.get(f"/admin/catalogue/work/{work.pk}/change/").status_code == 200
    assert editor.get("/admin/catalogue/archive/add/").status_code == 200
    assert editor.get("/admin/auth/user/").status_code == 403
    assert editor.get("/admin/auth/group/").status_code == 403
    assert "Users" not in editor.get("/admin/").content.decode()


def test_a_reader_sees_records_but_cannot_change_them():
    reader = staff("rita", "Readers")
    work = Work.objects.get(key="zhukov1974")
    url = f"/admin/catalogue/work/{work.pk}/change/"
    page = reader.get(url)
    assert page.status_code == 200 and 'name="title"' not in page.content.decode()
    assert reader.post(url, {"title": "Hacked"}).status_code == 403
    assert reader.get("/admin/catalogue/work/add/").status_code == 403
    work.refresh_from_db()
    assert work.title == "Memories and Reflections"


def test_an_administrator_manages_users():
    administrator = staff("ada", "Administrators")
    assert administrator.get("/admin/auth/user/").status_code == 200
    assert administrator.get("/admin/catalogue/work/add/").status_code == 200


# Refused deletions.


@pytest.mark.parametrize(
    "model, lookup, words",
    [
        (Archive, {"slug": "rgaspi"}, "The archive RGASPI cannot be deleted: 3 documents are"),
        (Fond, {"archive__slug": "rgaspi", "number": "17"}, "RGASPI f. 17 cannot be deleted: 2"),
        (Inventory, {"number": "11"}, "op. 11 cannot be deleted: 1 document is still"),
        (Folder, {"number": "100"}, "p. 100 cannot be deleted: 1 document is still located"),
        (ArchivalFile, {"number": "352"}, "d. 352 cannot be deleted: 1 document is still"),
    ],
)
def test_a_unit_that_holds_documents_is_not_deleted_and_the_editor_is_told_why(
    model, lookup, words
):
    editor = staff("edith", "Editors")
    obj = model.objects.get(**lookup)
    url = f"/admin/catalogue/{model._meta.model_name}/{obj.pk}/delete/"
    response = editor.post(url, {"post": "yes"})
    assert model.objects.filter(pk=obj.pk).exists()
    html = response.content.decode()
    assert words in html, html[:3000]
    assert "Move or delete" in html


def test_the_bulk_delete_action_explains_the_refusal_too():
    editor = staff("edith", "Editors")
    file = ArchivalFile.objects.get(number="352")
    response = editor.post(
        "/admin/catalogue/archivalfile/",
        {"action": "delete_selected", "_selected_action": [file.pk]},
    )
    assert "cannot be deleted: 1 document is still located in it" in response.content.decode()
    assert ArchivalFile.objects.filter(pk=file.pk).exists()


# Log-in lockout (django-axes) and CSRF.


@pytest.fixture
def account(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast
    User.objects.create_user("ivan", None, "correct horse", is_staff=True)
    return settings.OPIS_LOGIN_MAX_FAILURES


@pytest.fixture
def behind_one_proxy(settings):
    """nginx in front, appending the client's address to X-Forwarded-For."""
    settings.OPIS_TRUSTED_PROXY_COUNT = 1
    settings.OPIS_CLIENT_IP_HEADER = "X-Forwarded-For"


def log_in(password, username="ivan", address="10.0.0.1", forwarded_for=None, **headers):
    client = Client(REMOTE_ADDR=address)
    if forwarded_for:
        headers["X-Forwarded-For"] = forwarded_for
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        headers=headers,
    )


def logged_in(response):
    return "_auth_user_id" in response.wsgi_request.session


def locked(response):
    return "Too many failed log-ins" in response.content.decode() and not logged_in(response)


def test_admin_login_locks_after_repeated_failures(account):
    for _ in range(account - 1):
        response = log_in("wrong")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    log_in("wrong")
    response = log_in("correct horse")
    assert locked(response)
    assert response.status_code == 429


def test_the_lockout_page_speaks_russian(account):
    for _ in range(account):
        log_in("wrong")
    response = log_in("correct horse", **{"Accept-Language": "ru"})
    assert response.status_code == 429
    assert "Слишком много неудачных попыток входа" in response.content.decode()


@pytest.mark.parametrize("look_alike", ["ｉｖａｎ", "𝐢van", "ⓘvan", " ivan "])
def test_a_username_django_reads_as_the_locked_one_is_locked_too(account, look_alike):
    # Django's log-in form normalises the username (NFKC) before looking the user up, so
    # each of these logs in as ivan when nothing is locked.
    assert logged_in(log_in("correct horse", username=look_alike))
    for _ in range(account):
        log_in("wrong")
    assert locked(log_in("correct horse", username=look_alike))


def test_failures_typed_as_look_alikes_count_towards_one_lock(account):
    variants = ["ivan", "ｉｖａｎ", "𝐢van", "ⓘvan"]
    for attempt in range(account):
        log_in("wrong", username=variants[attempt % len(variants)])
    assert locked(log_in("correct horse"))


def test_case_is_not_folded_as_django_does_not_fold_it(account):
    # Django's default user lookup is exact: "IVAN" is not ivan, so its failures are not
    # guesses at ivan's password.
    for _ in range(account):
        log_in("wrong", username="IVAN")
    assert logged_in(log_in("correct horse"))


def test_the_lock_is_per_address_and_username(account):
    for _ in range(account):
        log_in("wrong")
    assert log_in("correct horse", address="10.0.0.2").status_code == 302
    assert "Too many" not in log_in("wrong", username="someone-else").content.decode()


def test_a_success_before_the_limit_clears_the_count(account):
    for _ in range(account - 1):
        log_in("wrong")
    assert log_in("correct horse").status_code == 302
    for _ in range(account - 1):
        log_in("wrong")
    assert log_in("correct horse").status_code == 302


def test_behind_the_proxy_an_attacker_does_not_lock_out_the_admin_elsewhere(
    account, behind_one_proxy
):
    # Every request comes from nginx's address; the clients differ in the header only.
    for _ in range(account):
        log_in("wrong", address="127.0.0.1", forwarded_for="203.0.113.66")
    assert locked(log_in("correct horse", address="127.0.0.1", forwarded_for="203.0.113.66"))
    response = log_in("correct horse", address="127.0.0.1", forwarded_for="198.51.100.7")
    assert response.status_code == 302 and logged_in(response)


def test_behind_the_proxy_a_forged_header_does_not_escape_the_lock(account, behind_one_proxy):
    # nginx appends the address it saw, so only the header's last entry is the proxy's word;
    # what the client wrote before it changes nothing.
    for attempt in range(account):
        log_in("wrong", address="127.0.0.1", forwarded_for=f"192.0.2.{attempt}, 203.0.113.66")
    for forged in ("198.51.100.7, 203.0.113.66", "not an address, 203.0.113.66"):
        assert locked(log_in("correct horse", address="127.0.0.1", forwarded_for=forged))


def test_behind_the_proxy_a_request_without_the_header_is_counted_by_its_connection(
    account, behind_one_proxy
):
    # One that went round nginx, or a header that holds no address: never a 500, and
    # still counted.
    for attempt in range(account):
        log_in("wrong", address="192.0.2.9", forwarded_for=("", "garbage")[attempt % 2])
    assert locked(log_in("correct horse", address="192.0.2.9"))
    assert logged_in(log_in("correct horse", address="192.0.2.10"))


def test_without_a_proxy_setting_the_header_is_not_trusted(account):
    # Anyone can send X-Forwarded-For; without OPIS_TRUSTED_PROXY_COUNT it is ignored.
    for attempt in range(account):
        log_in("wrong", forwarded_for=f"192.0.2.{attempt}")
    assert locked(log_in("correct horse", forwarded_for="198.51.100.7"))


def test_the_count_is_kept_in_the_database_for_every_worker(account):
    for _ in range(account):
        log_in("wrong")
    # Another gunicorn worker shares no memory with this one: emptying this process's caches
    # stands for it. The lock holds, because it lives in the database.
    for cache in caches.all():
        cache.clear()
    assert locked(log_in("correct horse"))
    [attempt] = AccessAttempt.objects.all()
    assert (attempt.username, attempt.ip_address) == ("ivan", "10.0.0.1")
    assert attempt.failures_since_start >= account


def test_a_superuser_unlocks_a_log_in_from_the_admin(account):
    for _ in range(account):
        log_in("wrong")
    assert locked(log_in("correct horse"))
    root = staff("root", superuser=True)
    page = root.get("/admin/axes/accessattempt/")
    assert page.status_code == 200 and "ivan" in page.content.decode()
    response = root.post(
        "/admin/axes/accessattempt/",
        {
            "action": "delete_selected",
            "_selected_action": list(AccessAttempt.objects.values_list("pk", flat=True)),
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert logged_in(log_in("correct horse"))


def test_admin_forms_refuse_a_post_without_a_csrf_token():
    user = User.objects.create_superuser("csrf", "csrf@example.org", None)
    client = Client(enforce_csrf_checks=True)
    assert client.post("/admin/login/", {"username": "x", "password": "y"}).status_code == 403
    client.force_login(user)
    work = Work.objects.get(key="zhukov1974")
    url = f"/admin/catalogue/work/{work.pk}/change/"
    data = form_data(client.get(url))
    data["title"] = "Forged"
    assert client.post(url, data).status_code == 403
    assert client.post("/admin/logout/").status_code == 403
    work.refresh_from_db()
    assert work.title == "Memories and Reflections"

    # The same post with the token goes through: the check is what refused it.
    data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    assert client.post(url, data).status_code == 302
    work.refresh_from_db()
    assert work.title == "Forged"


# Backup and restore.


def test_a_backup_loads_into_an_empty_database_with_the_same_records(transactional_db, tmp_path):
    # Transactional: emptying the database (flush) must commit, as it would for real.
    person = Person.objects.get(slug="zhukov-g-k")
    person.note = "Edited after loading"
    person.save()  # some history, which the backup of the records leaves out
    Person.objects.create(slug="temporary", name="Temporary").delete()  # history of a gone row

    before = io.StringIO()
    call_command("backup", stdout=before)
    dump = tmp_path / "backup.json"
    dump.write_text(before.getvalue(), encoding="utf-8")
    records = json.loads(before.getvalue())
    assert {r["model"] for r in records} >= {"catalogue.work", "catalogue.citation"}
    assert not any(r["model"].startswith("catalogue.historical") for r in records)

    counts = {m: m.objects.count() for m in (Archive, Fond, ArchivalFile, Person, Work, Citation)}
    call_command("flush", "--noinput", verbosity=0)
    assert not Work.objects.exists()
    call_command("loaddata", str(dump), verbosity=0)

    assert {m: m.objects.count() for m in counts} == counts
    after = io.StringIO()
    call_command("backup", stdout=after)
    assert json.loads(after.getvalue()) == records
    assert Person.objects.get(slug="zhukov-g-k").note == "Edited after loading"


def test_two_saves_at_the_same_instant_cannot_both_pass_the_check(transactional_db, on_postgres):
    """Both editors press Save at once: the row lock lets one through and refuses the other."""
    import threading

    from django.db import connection

    if not on_postgres:
        pytest.skip("needs PostgreSQL's row locks; SQLite serialises writers anyway")
    work = Work.objects.get(key="zhukov1974")
    url = f"/admin/catalogue/work/{work.pk}/change/"
    # Superusers: an earlier transactional test may have flushed the groups of the migration.
    editors = [staff("alice", superuser=True), staff("boris", superuser=True)]
    forms = [form_data(editor.get(url)) for editor in editors]
    barrier, statuses = threading.Barrier(2), []

    def save(editor, data, title):
        try:
            data["title"] = title
            barrier.wait()
            statuses.append(editor.post(url, data).status_code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(editor, data, f"Memories ({editor_name})"))
        for editor, data, editor_name in zip(editors, forms, ("alice", "boris"), strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(statuses) == [200, 302]
    work.refresh_from_db()
    assert work.title in {"Memories (alice)", "Memories (boris)"}
    assert work.history.exclude(history_change_reason__isnull=False).count() == 1
