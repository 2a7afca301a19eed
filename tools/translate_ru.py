"""Fill locale/ru/LC_MESSAGES/django.po from the table below, then compile it.

Run after `manage.py makemessages -l ru` has added or changed strings:
    python tools/translate_ru.py && python manage.py compilemessages -l ru
A msgid missing from the table is left empty and reported (tests/test_i18n.py fails on it).
Plural entries give Russian's forms: one (1, 21), few (2-4), many (5-20, 0), and the
fourth form Django's Russian catalogue uses for fractions.
"""

import re
import sys
from pathlib import Path

PO = Path(__file__).resolve().parent.parent / "locale/ru/LC_MESSAGES/django.po"

PLURAL_FORMS = (
    "nplurals=4; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<12 || n%100>14) ? 1 : n%10==0 || (n%10>=5 && n%10<=9) || "
    "(n%100>=11 && n%100<=14)? 2 : 3);"
)

HEADER = """# Russian interface of Opis.
# Written for the catalogue, not machine-translated: фонд, опись, дело, лист, папка, оборот.
msgid ""
msgstr ""
"Project-Id-Version: opis\\n"
"POT-Creation-Date: {date}\\n"
"Language: ru\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: {plural}\\n"
"""

RU = {
    # filters.py
    "Give “%(name)s” once; it was given %(count)s time.": [
        "Укажите «%(name)s» один раз; параметр указан %(count)s раз.",
        "Укажите «%(name)s» один раз; параметр указан %(count)s раза.",
        "Укажите «%(name)s» один раз; параметр указан %(count)s раз.",
        "Укажите «%(name)s» один раз; параметр указан %(count)s раза.",
    ],
    "“%(slug)s…” is too long to be a key.": "«%(slug)s…» слишком длинно для ключа.",
    "Search": "Поиск",
    "Words from a title, name, journal, archive or the reference as printed.": (
        "Слова из заглавия, имени, названия журнала или архива, из ссылки в печатном виде."
    ),
    "Archive": "Архив",
    "Language": "Язык",
    "Kind": "Вид",
    "about %(estimate)s works": "около %(estimate)s трудов",
    "About %(estimate)s works match, too many to rank by relevance: they are listed by title, the first %(listed)s of them. Add a word or a filter to narrow the search.": (
        "Найдено около %(estimate)s трудов, слишком много, чтобы упорядочить их по "
        "релевантности: они перечислены по заглавию, первые %(listed)s. Добавьте слово "
        "или фильтр, чтобы сузить поиск."
    ),
    "A search takes at most %(limit)s different word, so these were left out: %(words)s": [
        "Поиск учитывает не больше %(limit)s разного слова, поэтому эти слова пропущены: %(words)s",
        "Поиск учитывает не больше %(limit)s разных слов, поэтому эти слова пропущены: %(words)s",
        "Поиск учитывает не больше %(limit)s разных слов, поэтому эти слова пропущены: %(words)s",
        "Поиск учитывает не больше %(limit)s разного слова, поэтому эти слова пропущены: %(words)s",
    ],
    "Counts by archive, language and kind are shown for lists of up to %(limit)s works: narrow this one to see them.": (
        "Числа по архивам, языкам и видам показываются для списков не длиннее %(limit)s трудов: "
        "сузьте этот список, чтобы их увидеть."
    ),
    "From year": "С года",
    "To year": "По год",
    "Author or editor": "Автор или редактор",
    "No person with the key %(keys)s.": "Нет человека с ключом %(keys)s.",
    "Journal": "Журнал",
    "No journal with the key %(keys)s.": "Нет журнала с ключом %(keys)s.",
    "Sort by": "Порядок",
    "Relevance when searching, else title": "По релевантности при поиске, иначе по заглавию",
    "Title": "Заглавие",
    "Title (Z–A)": "Заглавие (Я–А)",
    "Year (oldest first)": "Год (сначала ранние)",
    "Year (newest first)": "Год (сначала поздние)",
    "Kind (Z–A)": "Вид (Я–А)",
    # models.py: choices
    "abbreviation": "сокращение",
    "name": "название",
    "former abbreviation": "прежнее сокращение",
    "former name": "прежнее название",
    "person": "лицо",
    "collective or publisher": "коллектив или издатель",
    "journal article": "статья в журнале",
    "book": "книга",
    "edited volume": "сборник",
    "chapter": "глава",
    "document collection": "сборник документов",
    "collected works": "собрание сочинений",
    "memoir": "воспоминания",
    "newspaper article": "статья в газете",
    "web page": "веб-страница",
    "thesis": "диссертация",
    "archival document": "архивный документ",
    "other": "другое",
    "author": "автор",
    "editor": "редактор",
    "compiler": "составитель",
    "translator": "переводчик",
    # templatetags/opis.py: headings of a work's contributors
    "Author": ["Автор", "Авторы", "Авторы", "Авторы"],
    "Editor": ["Редактор", "Редакторы", "Редакторы", "Редакторы"],
    "Compiler": ["Составитель", "Составители", "Составители", "Составители"],
    "Translator": ["Переводчик", "Переводчики", "Переводчики", "Переводчики"],
    # views/
    "Give “format” once.": "Укажите «format» один раз.",
    "Unknown format “%(format)s”: use one of %(formats)s.": (
        "Неизвестный формат «%(format)s»: возможны %(formats)s."
    ),
    "Give “page” once.": "Укажите «page» один раз.",
    "“page” must be a whole number from 1, not “%(value)s”.": (
        "«page» должен быть целым числом от 1, а не «%(value)s»."
    ),
    "There is no page %(number)s: this list has %(pages)s page.": [
        "Страницы %(number)s нет: в этом списке %(pages)s страница.",
        "Страницы %(number)s нет: в этом списке %(pages)s страницы.",
        "Страницы %(number)s нет: в этом списке %(pages)s страниц.",
        "Страницы %(number)s нет: в этом списке %(pages)s страницы.",
    ],
    "Give “after” or “before”, once.": "Укажите «after» или «before», один раз.",
    "“%(name)s” must be the id of a work, not “%(value)s”.": (
        "«%(name)s» должен быть номером труда, а не «%(value)s»."
    ),
    "The request could not be understood.": "Запрос не удалось понять.",
    "The request is too large: this site reads at most %(limit)s MB. Split a large file and send the parts.": "Запрос слишком велик: сайт принимает не более %(limit)s МБ. Разделите большой файл и отправьте его частями.",
    "There is nothing at this address.": "По этому адресу ничего нет.",
    "Something went wrong on our side. It has been logged.": (
        "У нас что-то сломалось. Ошибка записана в журнал."
    ),
    "Nothing exported: %(problems)s": "Ничего не выгружено: %(problems)s",
    "This list holds %(count)s works; an export holds at most %(limit)s. Narrow the list "
    "with filters (archive, language, kind, years, author) and export again.": (
        "В этом списке %(count)s трудов, а выгрузка вмещает не больше %(limit)s. Сузьте "
        "список фильтрами (архив, язык, вид, годы, автор) и выгрузите снова."
    ),
    # error pages
    "This address could not be read": "Этот адрес не удалось прочитать",
    "This request is too large": "Этот запрос слишком велик",
    "The link may have been cut short, or changed by hand.": (
        "Возможно, ссылка оборвана или изменена вручную."
    ),
    "This page took too long": "Страница не успела подготовиться",
    "Search the catalogue": "Поиск по каталогу",
    "This search is too broad to answer in time. Add a less common word, or narrow it by "
    "archive, language, kind or years, and search again.": (
        "Этот поиск слишком широк, чтобы ответить вовремя. Добавьте более редкое слово "
        "или сузьте поиск по архиву, языку, виду или годам и повторите его."
    ),
    "This page took too long to prepare. Please try again in a moment.": (
        "Страница готовилась слишком долго. Попробуйте ещё раз через минуту."
    ),
    '<a href="%(home_url)s">Go to the start page</a> or <a href="%(works_url)s">browse the works</a>.': (
        '<a href="%(home_url)s">Перейти на главную страницу</a> или '
        '<a href="%(works_url)s">просмотреть труды</a>.'
    ),
    "Page not found": "Страница не найдена",
    "The address may be mistyped, or the record it named may have been merged or removed. "
    "A search may find it.": (
        "Возможно, в адресе опечатка или запись, на которую он указывал, объединена с другой "
        "или удалена. Попробуйте найти её поиском."
    ),
    "Something went wrong": "Что-то пошло не так",
    # admin templates
    "Home": "Начало",
    # base.html
    "Skip to content": "К содержанию",
    "Main": "Главное меню",
    "Works": "Труды",
    "Archives": "Архивы",
    "People": "Люди",
    "Edit": "Править",
    "Switch": "Сменить",
    # The JSON of every page is linked from the header's Data menu (_data_menu.html).
    "Opis catalogues the sources historians cite, down to fond, inventory, file and folio.": (
        "«Опись» — каталог источников, на которые ссылаются историки, вплоть до фонда, описи, "
        "дела и листа."
    ),
    # _cite.html, _export_links.html
    "Cite this document": "Сослаться на документ",
    "Cite this work": "Сослаться на труд",
    "GOST R 7.0.5-2008": "ГОСТ Р 7.0.5-2008",
    "Given as catalogued, since the catalogue does not hold it yet:": (
        "Дано так, как записано в каталоге: в нём пока нет"
    ),
    "Copy": "Копировать",
    "Copied": "Скопировано",
    "Could not copy: select the text instead": "Не удалось скопировать: выделите текст",
    "Citations of this list, in one style:": "Ссылки на весь список в одном стиле:",
    "Copy the list": "Копировать список",
    # formatting.missing_for_gost
    "title in original script": "заглавия на языке оригинала",
    "journal: title in original script": "заглавия журнала на языке оригинала",
    "%(person)s: name in original script": "имени (%(person)s) в написании оригинала",
    "place of publication in Russian": "места издания по-русски",
    "GOST R 7.0.5-2008 (English)": "ГОСТ Р 7.0.5-2008 (по-английски)",
    "Chicago, note": "Chicago, примечание",
    "Chicago, bibliography": "Chicago, библиография",
    "Export for a reference manager:": "Выгрузка для менеджера библиографии:",
    "(Zotero, citeproc)": "(Zotero, citeproc)",
    "(EndNote, Mendeley, Zotero)": "(EndNote, Mendeley, Zotero)",
    "Export the %(counter)s work of this list:": [
        "Выгрузить %(counter)s труд этого списка:",
        "Выгрузить все %(counter)s труда этого списка:",
        "Выгрузить все %(counter)s трудов этого списка:",
        "Выгрузить все %(counter)s труда этого списка:",
    ],
    "Export the works of this list:": "Выгрузить труды этого списка:",
    # _facet.html, _location.html, _pagination.html, tree partials
    "Remove this filter": "Снять этот фильтр",
    "Add this filter": "Добавить этот фильтр",
    "None in this selection.": "В этой выборке нет.",
    "Archival location": "Архивный шифр",
    "f. %(number)s": "ф. %(number)s",
    "op. %(number)s": "оп. %(number)s",
    "p. %(number)s": "п. %(number)s",
    "d. %(number)s": "д. %(number)s",
    "Pages": "Страницы",
    "← Previous": "← Назад",
    "Page %(number)s of %(pages)s": "Страница %(number)s из %(pages)s",
    "Next →": "Вперёд →",
    "Archival tree": "Архивная иерархия",
    "Cited in:": "Цитируется в:",
    "No document of this file is catalogued yet.": "Документы этого дела ещё не описаны.",
    # archive and fond pages
    "Also known as": "Другие названия",
    "Fonds": "Фонды",
    "Fond": "Фонд",
    "Cited documents": "Цитируемые документы",
    "No fond of this archive is catalogued yet.": "Фонды этого архива ещё не описаны.",
    "No archive is catalogued yet.": "В каталоге пока нет архивов.",
    "All works held in %(archive)s": "Все труды, хранящиеся в %(archive)s",
    "Name": "Название",
    "%(archive)s f. %(fond)s op. %(inventory)s": "%(archive)s ф. %(fond)s оп. %(inventory)s",
    "%(archive)s, f. %(fond)s, op. %(inventory)s": "%(archive)s, ф. %(fond)s, оп. %(inventory)s",
    "Dates": "Даты",
    "Inventory": "Опись",
    "%(archive)s, fond %(number)s": "%(archive)s, фонд %(number)s",
    "Dates: %(dates)s": "Даты: %(dates)s",
    "Inventories": "Описи",
    "%(counter)s file catalogued": [
        "описано %(counter)s дело",
        "описано %(counter)s дела",
        "описано %(counter)s дел",
        "описано %(counter)s дела",
    ],
    "Files and the documents cited from them": "Дела и цитируемые из них документы",
    "Folder": "Папка",
    "File": "Дело",
    # home.html
    "A catalogue of historical sources": "Каталог исторических источников",
    "Opis: the sources historians cite": "«Опись»: источники, на которые ссылаются историки",
    "Opis catalogues published works and the archival documents behind them, down to the "
    "archive, fond, inventory, file and folios. Each reference is kept as it was printed, "
    "beside a corrected record and a note on what was corrected.": (
        "«Опись» описывает опубликованные труды и архивные документы, на которых они основаны, "
        "вплоть до архива, фонда, описи, дела и листов. Каждая ссылка хранится в том виде, "
        "в каком была напечатана, рядом с исправленной записью и примечанием о том, что "
        "исправлено."
    ),
    '<a href="%(works_url)s"><strong>%(works)s</strong> work</a>': [
        '<a href="%(works_url)s"><strong>%(works)s</strong> труд</a>',
        '<a href="%(works_url)s"><strong>%(works)s</strong> труда</a>',
        '<a href="%(works_url)s"><strong>%(works)s</strong> трудов</a>',
        '<a href="%(works_url)s"><strong>%(works)s</strong> труда</a>',
    ],
    'of which <a href="%(works_url)s?kind=archival_document"><strong>%(documents)s</strong> '
    "archival document</a>": [
        'из них <a href="%(works_url)s?kind=archival_document"><strong>%(documents)s</strong> '
        "архивный документ</a>",
        'из них <a href="%(works_url)s?kind=archival_document"><strong>%(documents)s</strong> '
        "архивных документа</a>",
        'из них <a href="%(works_url)s?kind=archival_document"><strong>%(documents)s</strong> '
        "архивных документов</a>",
        'из них <a href="%(works_url)s?kind=archival_document"><strong>%(documents)s</strong> '
        "архивного документа</a>",
    ],
    'in <a href="%(archives_url)s"><strong>%(archives)s</strong> archive</a>': [
        'в <a href="%(archives_url)s"><strong>%(archives)s</strong> архиве</a>',
        'в <a href="%(archives_url)s"><strong>%(archives)s</strong> архивах</a>',
        'в <a href="%(archives_url)s"><strong>%(archives)s</strong> архивах</a>',
        'в <a href="%(archives_url)s"><strong>%(archives)s</strong> архивах</a>',
    ],
    '<a href="%(people_url)s"><strong>%(people)s</strong> author or editor</a>': [
        '<a href="%(people_url)s"><strong>%(people)s</strong> автор или редактор</a>',
        '<a href="%(people_url)s"><strong>%(people)s</strong> автора и редактора</a>',
        '<a href="%(people_url)s"><strong>%(people)s</strong> авторов и редакторов</a>',
        '<a href="%(people_url)s"><strong>%(people)s</strong> автора и редактора</a>',
    ],
    "Search titles, names, journals, archives": "Поиск по заглавиям, именам, журналам, архивам",
    "Khalkhin-Gol, Zhukov, RGASPI…": "Халхин-Гол, Жуков, РГАСПИ…",
    "Where to start": "С чего начать",
    'The reference list of <a href="%(url)s">%(title)s</a> (%(references)s reference)': [
        'Список литературы к <a href="%(url)s">%(title)s</a> (%(references)s ссылка)',
        'Список литературы к <a href="%(url)s">%(title)s</a> (%(references)s ссылки)',
        'Список литературы к <a href="%(url)s">%(title)s</a> (%(references)s ссылок)',
        'Список литературы к <a href="%(url)s">%(title)s</a> (%(references)s ссылки)',
    ],
    "Browse by language:": "Просмотр по языку:",
    '<a href="%(archives_url)s">Archives</a> and the fonds cited from them': (
        '<a href="%(archives_url)s">Архивы</a> и цитируемые из них фонды'
    ),
    # inventory and file pages
    "Files": "Дела",
    "Cited documents (folios)": "Цитируемые документы (листы)",
    "No file of this folder is catalogued yet.": "Дела этой папки ещё не описаны.",
    "No file of this inventory is catalogued yet.": "Дела этой описи ещё не описаны.",
    # people
    "As printed in references:": "В ссылках напечатано как:",
    "Works (%(count)s)": "Труды (%(count)s)",
    "Filter the works list by this person": "Отобрать труды этого человека",
    "Authors, editors and collectives": "Авторы, редакторы и коллективы",
    "In original script": "В оригинальном написании",
    ("a person's name", "Name"): "Имя",
    "No author or editor is catalogued yet. People appear here once a work of theirs is added.": (
        "В каталоге пока нет авторов и редакторов. Человек появится здесь, когда будет "
        "добавлен его труд."
    ),
    "No work of theirs is catalogued yet.": "Их трудов в каталоге пока нет.",
    # work_detail.html
    "Year": "Год",
    "Date": "Дата",
    "Volume": "Том",
    "Issue": "Выпуск",
    "Series": "Серия",
    "In": "В издании",
    "Published": "Издано",
    ("heading of a work's languages", "Language"): ["Язык", "Языки", "Языки", "Языки"],
    "not recorded": "не указан",
    "Link": "Ссылка",
    "Where it is held": "Где хранится",
    "Note": "Примечание",
    "Cited by": "Цитируется в",
    "reference no. %(number)s": "ссылка № %(number)s",
    "As printed:": "Как напечатано:",
    "Editorial note:": "Примечание редактора:",
    "Cites (%(count)s)": "Ссылается на (%(count)s)",
    "This record as JSON": "Эта запись в JSON",
    # work_list.html
    "Some of the filters could not be read, so no works are listed:": (
        "Некоторые фильтры не удалось прочитать, поэтому список пуст:"
    ),
    "Refine": "Уточнить",
    "from": "с",
    "to": "по",
    "From:": "С:",
    "To:": "По:",
    "Author:": "Автор:",
    "Journal:": "Журнал:",
    "Apply": "Применить",
    "Clear all": "Сбросить всё",
    "%(counter)s work": [
        "%(counter)s труд",
        "%(counter)s труда",
        "%(counter)s трудов",
        "%(counter)s труда",
    ],
    "showing %(first)s–%(last)s": "показаны %(first)s–%(last)s",
    'No work matches these filters. Remove one of them, or <a href="%(works_url)s">start '
    "again</a>.": (
        "Ни один труд не подходит под эти фильтры. Снимите один из них или "
        '<a href="%(works_url)s">начните заново</a>.'
    ),
    "Works with similar words": "Труды с похожими словами",
    # admin/login_locked.html (django-axes' lockout page)
    "Log-in locked": "Вход заблокирован",
    "Too many failed log-ins for this username from your address. Log-in is locked for %(minutes)s minute; try again later, or ask an administrator.": [
        "Слишком много неудачных попыток входа под этим именем с вашего адреса. Вход заблокирован на %(minutes)s минуту; попробуйте позже или обратитесь к администратору.",
        "Слишком много неудачных попыток входа под этим именем с вашего адреса. Вход заблокирован на %(minutes)s минуты; попробуйте позже или обратитесь к администратору.",
        "Слишком много неудачных попыток входа под этим именем с вашего адреса. Вход заблокирован на %(minutes)s минут; попробуйте позже или обратитесь к администратору.",
        "Слишком много неудачных попыток входа под этим именем с вашего адреса. Вход заблокирован на %(minutes)s минуты; попробуйте позже или обратитесь к администратору.",
    ],
    "Back to the log-in page": "Вернуться на страницу входа",
    # The works page, search first (issue 26): views/refine.py, filters.py, work_list.html,
    # _filter_form.html, _histogram.html, _empty_hints.html, _data_menu.html
    "Year from": "Год с",
    "Year to": "Год по",
    "enter a year as a whole number, such as 1939.": "введите год целым числом, например 1939.",
    "enter a year from %(limit_value)s.": "введите год не раньше %(limit_value)s.",
    "enter a year up to %(limit_value)s.": "введите год не позже %(limit_value)s.",
    "Archive: %(archive)s": "Архив: %(archive)s",
    "Language: %(language)s": "Язык: %(language)s",
    "Kind: %(kind)s": "Вид: %(kind)s",
    "Years: %(first)s–%(last)s": "Годы: %(first)s–%(last)s",
    "Years: from %(first)s": "Годы: с %(first)s",
    "Years: up to %(last)s": "Годы: по %(last)s",
    "Author or editor: %(key)s": "Автор или редактор: %(key)s",
    "Journal: %(key)s": "Журнал: %(key)s",
    "«%(query)s» in the works": "«%(query)s» в трудах",
    "Search the works": "Поиск по трудам",
    "Filters": "Фильтры",
    "about %(estimate)s works for «%(query)s»": "около %(estimate)s трудов по запросу «%(query)s»",
    "%(counter)s work for «%(query)s»": [
        "%(counter)s труд по запросу «%(query)s»",
        "%(counter)s труда по запросу «%(query)s»",
        "%(counter)s трудов по запросу «%(query)s»",
        "%(counter)s труда по запросу «%(query)s»",
    ],
    "Sort": "Упорядочить",
    "Filters in use": "Действующие фильтры",
    "(remove)": "(снять)",
    "Remove all filters": "Снять все фильтры",
    "Exact years": "Точные годы",
    "Years": "Годы",
    "Show these years": "Показать эти годы",
    "The years are reversed: from %(last)s to %(first)s, so no work can match.": (
        "Годы перепутаны: с %(last)s по %(first)s, поэтому ни один труд не подходит."
    ),
    "Show the works from %(first)s to %(last)s": "Показать труды с %(first)s по %(last)s",
    "No work found for «%(query)s» with these filters.": (
        "Ничего не найдено по запросу «%(query)s» с этими фильтрами."
    ),
    "No work found for «%(query)s».": "Ничего не найдено по запросу «%(query)s».",
    "Check the spelling, or remove a filter:": "Проверьте написание или снимите фильтр:",
    "Check the spelling, or try other words.": "Проверьте написание или попробуйте другие слова.",
    "Remove “%(filter)s”": "Снять «%(filter)s»",
    "Search every work for «%(query)s»": "Искать «%(query)s» во всех трудах",
    "Data": "Данные",
    "This page as JSON": "Эта страница в JSON",
    "Download as %(label)s": "Скачать в формате %(label)s",
}

# The admin (issue 26): the works list, history, and the import page with its two tabs.
RU_ADMIN = {
    # catalogue/apps.py, catalogue/admin/records.py and base.py
    "Catalogue": "Каталог",
    "author or editor": "автор или редактор",
    "Delete": "Удалить",
    "archival location": "место хранения",
    # catalogue/admin/history.py and templates/admin/catalogue/object_history*.html
    "State before the first edit in Opis": "Состояние до первой правки в Opis",
    "Reverted to an earlier version": "Возвращена более ранняя версия",
    "Reverted to the version of %(date)s": "Возвращена версия от %(date)s",
    "Created": "Создано",
    "Changed": "Изменено",
    "Deleted": "Удалено",
    "an import or script": "импорт или скрипт",
    "History of %(record)s": "История: %(record)s",
    "An earlier version of %(record)s": "Прежняя версия: %(record)s",
    "Revert %(record)s to this version": "Вернуть версию: %(record)s",
    "Open a version to see it whole and revert the record to it.": (
        "Откройте версию, чтобы увидеть её целиком и вернуть запись к ней."
    ),
    "This record has no recorded change yet.": "У этой записи пока нет записанных изменений.",
    "History": "История",
    "Version": "Версия",
    "This is the record as it was then. Press Revert to make it the current version again; the history will say it was reverted to this version.": (
        "Такой запись была тогда. Нажмите «Вернуть», чтобы снова сделать эту версию "
        "текущей; в истории будет сказано, что запись возвращена к этой версии."
    ),
    "Versions of this record, the latest first": "Версии этой записи, последняя первой",
    "Date/time": "Дата и время",
    "Action": "Действие",
    "By": "Кто",
    "What changed": "Что изменилось",
    "%(counter)s version": [
        "%(counter)s версия",
        "%(counter)s версии",
        "%(counter)s версий",
        "%(counter)s версии",
    ],
    "Revert": "Вернуть",
    "Close": "Закрыть",
    # catalogue/admin/import_page.py, paste.py, upload.py and their templates
    "Import references": "Импорт ссылок",
    "Paste a reference list": "Вставить список литературы",
    "Upload a file (CSL-JSON, RIS)": "Загрузить файл (CSL-JSON, RIS)",
    "Ways to import": "Способы импорта",
    "The pasted text is too large: the limit is %(limit)s MB. Split the reference list into smaller parts.": (
        "Вставленный текст слишком велик: предел — %(limit)s МБ. Разделите список "
        "литературы на части."
    ),
    "Citing work": "Ссылающийся труд",
    "The catalogued work whose reference list this is: its references are recorded as its citations. Leave it empty to add the references as works only, without citations.": (
        "Труд из каталога, чей это список литературы: его ссылки будут записаны как "
        "ссылки этого труда. Оставьте пустым, чтобы добавить ссылки только как труды, "
        "без ссылок."
    ),
    "Reference list": "Список литературы",
    "One reference a line, numbered (1. …) or not. Lines that are not references (headings, notes) are shown and skipped.": (
        "По одной ссылке в строке, с номером (1. …) или без. Строки, которые не ссылки "
        "(заголовки, примечания), показываются и пропускаются."
    ),
    "…or a text file": "…или текстовый файл",
    "UTF-8 or Windows Cyrillic (cp1251).": "UTF-8 или кириллица Windows (cp1251).",
    "No reference found in the text.": "В тексте не найдено ни одной ссылки.",
    "More than %(limit)s references: split the list.": (
        "Больше %(limit)s ссылок: разделите список."
    ),
    "The review is a day old or damaged: parse the list again.": (
        "Проверка устарела (прошли сутки) или повреждена: разберите список заново."
    ),
    "The citing work is gone: start again.": "Ссылающийся труд удалён: начните заново.",
    "Row %(row)s needs correcting: see the marked cells.": (
        "Строку %(row)s нужно исправить: см. отмеченные ячейки."
    ),
    "No reference is ticked for import.": "Ни одна ссылка не отмечена для импорта.",
    "Nothing imported. %(error)s": "Ничего не импортировано. %(error)s",
    "Reference file": "Файл со ссылками",
    "CSL-JSON (.json) or RIS (.ris), UTF-8, as Zotero, EndNote or Mendeley export it. The limit is 5 MB.": (
        "CSL-JSON (.json) или RIS (.ris) в UTF-8, как их выгружают Zotero, EndNote или "
        "Mendeley. Предел — 5 МБ."
    ),
    "Format": "Формат",
    "Recognise from the content": "Определить по содержимому",
    "The file is larger than 5 MB: split it and upload the parts.": (
        "Файл больше 5 МБ: разделите его и загрузите по частям."
    ),
    "The file is not UTF-8 text. Export it again choosing UTF-8.": (
        "Файл — не текст в UTF-8. Выгрузите его снова, выбрав UTF-8."
    ),
    "The file holds no reference with a title.": "В файле нет ни одной ссылки с заглавием.",
    "Created: %(created)s, updated: %(updated)s, unchanged: %(unchanged)s, problems: %(problems)s.": (
        "Создано: %(created)s, обновлено: %(updated)s, без изменений: %(unchanged)s, "
        "с ошибками: %(problems)s."
    ),
    "Upload a reference list exported from Zotero, EndNote or Mendeley. Each reference is matched to a catalogued work as a pasted list is: by its DOI or ISBN, or by title, year and first author, and an archival document by its archive, file and folios. A matched work gets the values the file has and the record lacks; nothing an editor wrote is blanked, and its people and archival locations are kept. New references become new works.": (
        "Загрузите список литературы, выгруженный из Zotero, EndNote или Mendeley. Каждая "
        "ссылка сопоставляется с трудом из каталога так же, как вставленный список: по DOI "
        "или ISBN либо по заглавию, году и первому автору, а архивный документ — по архиву, "
        "делу и листам. Найденный труд получает значения, которые есть в файле и которых "
        "нет в записи; ничего, что написал редактор, не стирается, его люди и места "
        "хранения сохраняются. Новые ссылки становятся новыми трудами."
    ),
    "Result": "Результат",
    "None.": "Нет.",
    "Updated": "Обновлено",
    "Unchanged": "Без изменений",
    "Problems": "Ошибки",
    "Would create: %(records)s.": "Будет создано: %(records)s.",
    "Created: %(records)s.": "Создано: %(records)s.",
    "nothing": "ничего",
    "%(count)s archival location": [
        "%(count)s место хранения",
        "%(count)s места хранения",
        "%(count)s мест хранения",
        "%(count)s места хранения",
    ],
    "%(count)s archive": [
        "%(count)s архив",
        "%(count)s архива",
        "%(count)s архивов",
        "%(count)s архива",
    ],
    "%(count)s citation": [
        "%(count)s ссылка",
        "%(count)s ссылки",
        "%(count)s ссылок",
        "%(count)s ссылки",
    ],
    "%(count)s contribution": [
        "%(count)s запись об авторстве",
        "%(count)s записи об авторстве",
        "%(count)s записей об авторстве",
        "%(count)s записи об авторстве",
    ],
    "%(count)s file": ["%(count)s дело", "%(count)s дела", "%(count)s дел", "%(count)s дела"],
    "%(count)s folder": [
        "%(count)s папка",
        "%(count)s папки",
        "%(count)s папок",
        "%(count)s папки",
    ],
    "%(count)s fond": [
        "%(count)s фонд",
        "%(count)s фонда",
        "%(count)s фондов",
        "%(count)s фонда",
    ],
    "%(count)s inventory": [
        "%(count)s опись",
        "%(count)s описи",
        "%(count)s описей",
        "%(count)s описи",
    ],
    "%(count)s journal": [
        "%(count)s журнал",
        "%(count)s журнала",
        "%(count)s журналов",
        "%(count)s журнала",
    ],
    "%(count)s person": [
        "%(count)s человек",
        "%(count)s человека",
        "%(count)s человек",
        "%(count)s человека",
    ],
    "%(count)s work": [
        "%(count)s труд",
        "%(count)s труда",
        "%(count)s трудов",
        "%(count)s труда",
    ],
    "“%(work)s” already has a reference %(number)s with another text: “%(text)s”. Correct the number, or untick the reference.": (
        "У труда «%(work)s» уже есть ссылка %(number)s с другим текстом: «%(text)s». "
        "Исправьте номер или снимите отметку с этой ссылки."
    ),
    "References of <strong>%(citing)s</strong> as the parser reads them.": (
        "Ссылки труда <strong>%(citing)s</strong> в том виде, как их прочитал разбор."
    ),
    "References as the parser reads them, with no citing work: they are added as works, and no citation is recorded.": (
        "Ссылки в том виде, как их прочитал разбор, без ссылающегося труда: они будут "
        "добавлены как труды, ссылки не записываются."
    ),
    "Cells with an orange frame are guesses: the note under them says why. A reference already in the catalogue is cited as it is catalogued: its match is chosen for you, and you may choose another work or none. Correct what needs it, untick what should not be imported, then import. Nothing is written until you press <em>Import</em>, and an error leaves the catalogue unchanged.": (
        "Ячейки в оранжевой рамке — догадки: пояснение под ними говорит почему. Ссылка, "
        "которая уже есть в каталоге, цитируется так, как она каталогизирована: совпадение "
        "выбрано за вас, и вы можете выбрать другой труд или никакой. Исправьте что нужно, "
        "снимите отметку с того, что не нужно импортировать, и импортируйте. Ничего не "
        "записывается, пока вы не нажмёте <em>Импортировать</em>, а ошибка оставляет "
        "каталог без изменений."
    ),
    "%(counter)s line with no reference, skipped": [
        "%(counter)s строка без ссылки пропущена",
        "%(counter)s строки без ссылок пропущены",
        "%(counter)s строк без ссылок пропущено",
        "%(counter)s строки без ссылок пропущено",
    ],
    "line %(line)s": "строка %(line)s",
    "Dry run: what the import would create": "Пробный прогон: что создаст импорт",
    "References %(first_row)s–%(last_row)s of %(total_rows)s": (
        "Ссылки %(first_row)s–%(last_row)s из %(total_rows)s"
    ),
    "(page %(page)s of %(pages)s: your changes are kept when you turn the page)": (
        "(страница %(page)s из %(pages)s: ваши правки сохраняются при переходе на другую страницу)"
    ),
    "Parsed references": "Разобранные ссылки",
    "Import": "Импортировать",
    "No.": "№",
    "As printed, and the catalogue's match": "Как напечатано, и совпадение в каталоге",
    "Work": "Труд",
    "Publication": "Издание",
    "Import reference %(number)s": "Импортировать ссылку %(number)s",
    "reference %(index)s of this note": "ссылка %(index)s этой сноски",
    "Number": "Номер",
    "Found in the catalogue:": "Найдено в каталоге:",
    "Not found in the catalogue: a new work will be created.": (
        "В каталоге не найдено: будет создан новый труд."
    ),
    "Dry run: show what would be created": "Пробный прогон: показать, что будет создано",
    "Previous references": "Предыдущие ссылки",
    "Next references": "Следующие ссылки",
    "Start again": "Начать заново",
    "Choose the citing work first, if it is in the catalogue, then paste its reference list. You will see the parse and can correct it before anything is written. The limit is %(limit)s MB.": (
        "Сначала выберите ссылающийся труд, если он есть в каталоге, затем вставьте его "
        "список литературы. Вы увидите разбор и сможете исправить его до того, как что-либо "
        "будет записано. Предел — %(limit)s МБ."
    ),
    "Parse": "Разобрать",
    # catalogue/importing/review.py (the cells of the review grid)
    "An archival document is cited by its location.": (
        "Архивный документ цитируется по месту хранения."
    ),
    "Cite the catalogued work": "Сослаться на труд из каталога",
    "The match found, or another work. Empty: the import looks for a match again and creates a new work if none is found.": (
        "Найденное совпадение или другой труд. Если пусто, импорт снова ищет совпадение "
        "и создаёт новый труд, если его нет."
    ),
    "Create a new work even if one matches": "Создать новый труд, даже если есть совпадение",
    "Folios": "Листы",
    "Authors": "Авторы",
    "Separated by semicolons.": "Через точку с запятой.",
    "Editors": "Редакторы",
    "Publisher": "Издательство",
    "Place": "Место издания",
    "An archival reference needs %(parts)s.": "Архивной ссылке нужны: %(parts)s.",
    "A published work needs a title.": "Опубликованному труду нужно заглавие.",
    # catalogue/models/: the names of models and fields, as the admin's titles, labels,
    # column headings and filters show them. An archivist's words: фонд, опись, папка,
    # дело, листы, крайние даты; a work's "заглавие", an archival unit's "название".
    "archive": "архив",
    "archives": "архивы",
    "archive name": "название архива",
    "archive names": "названия архивов",
    "fond": "фонд",
    "fonds": "фонды",
    "inventory": "опись",
    "inventories": "описи",
    "folder": "папка",
    "folders": "папки",
    "file": "дело",
    "files": "дела",
    "people": "лица",
    "periodical": "периодическое издание",
    "periodicals": "периодические издания",
    "language": "язык",
    "languages": "языки",
    "work": "труд",
    "works": "труды",
    "contribution": "запись об авторстве",
    "contributions": "записи об авторстве",
    "archival locations": "места хранения",
    "citation": "ссылка",
    "citations": "ссылки",
    "slug": "ключ в адресе",
    "abbreviation (Russian)": "сокращение (по-русски)",
    "name (English)": "название (по-английски)",
    "name (original)": "название (в оригинале)",
    "name (Russian)": "название (по-русски)",
    "city": "город",
    "uses folders": "использует папки",
    "website": "сайт",
    "note": "примечание",
    "kind": "вид",
    "years": "годы",
    "number": "номер",
    ("of an archival unit", "title"): "название",
    "dates": "крайние даты",
    ("a person's name", "name"): "имя",
    "given names": "имя и отчество",
    "name in original script": "имя в написании оригинала",
    "title": "заглавие",
    # formatting.py lists what is missing, in the genitive, under the bare msgid.
    ("a field", "title in original script"): "заглавие в написании оригинала",
    "code": "код",
    "citation key": "ключ ссылки",
    "transliterated title": "заглавие в транслитерации",
    "year": "год",
    "date": "дата",
    "volume": "том",
    "issue": "выпуск",
    "pages": "страницы",
    "series": "серия",
    "part of": "входит в",
    "container title": "заглавие издания",
    "publisher": "издательство",
    "place of publication": "место издания",
    "created": "создано",
    "updated": "изменено",
    "role": "роль",
    "position": "порядковый номер",
    "folios": "листы",
    "citing": "ссылающийся труд",
    "cited": "цитируемый труд",
    "place in the note": "место в сноске",
    "reference as printed": "ссылка в печатном виде",
    "editorial note": "примечание редактора",
    # catalogue/admin/records.py: the works form's sections and computed columns
    "reference": "ссылка",
    "reference list": "список литературы",
    "Identifiers": "Идентификаторы",
    "Notes": "Примечания",
    "missing for the Russian citation": "чего недостаёт для ссылки по-русски",
    # catalogue/models/: the fields' help texts under the admin's inputs. The examples stay
    # as the catalogue stores them (Latin abbreviations, links, transliterated names).
    "The standard Latin abbreviation, lower case, spaces as hyphens: rgaspi, avp-rf. "
    "It is part of every link to the archive: do not change it lightly.": (
        "Принятое латинское сокращение строчными буквами, пробелы заменены дефисами: "
        "rgaspi, avp-rf. Оно входит в каждую ссылку на архив: меняйте его с осторожностью."
    ),
    "Latin abbreviation: RGASPI, AVP RF.": "Сокращение латиницей: RGASPI, AVP RF.",
    "Tick if the archive puts a folder (папка) between inventory and file, as AVP RF does.": (
        "Отметьте, если в архиве между описью и делом есть папка, как в АВП РФ."
    ),
    "When the name was in use, e.g. 1991–1999.": (
        "Когда название было в употреблении, например 1991–1999."
    ),
    "As the archive writes it, letters and leading zeros included: 17, Р-9401, 06, 1а.": (
        "Как пишет архив, с буквами и ведущими нулями: 17, Р-9401, 06, 1а."
    ),
    "Covering dates, if known.": "Крайние даты, если известны.",
    "Only where the archive uses folders (AVP RF); it must be in the same inventory.": (
        "Только если в архиве есть папки (АВП РФ); папка должна быть в той же описи."
    ),
    "The number in the reference list.": "Номер в списке литературы.",
    "1 for the first reference of the note, 2 for the second, and so on.": (
        "1 для первой ссылки в сноске, 2 для второй и так далее."
    ),
    "Verbatim, errors included. Corrections belong in the record and the note.": (
        "Дословно, вместе с ошибками. Исправления вносятся в запись и в примечание."
    ),
    "What the catalogue record corrects in the printed reference, and why.": (
        "Что запись каталога исправляет в печатной ссылке и почему."
    ),
    "Part of the person's link: zhukov-g-k.": "Часть ссылки на страницу лица: zhukov-g-k.",
    "Family name of a person, or the full name of a collective.": (
        "Фамилия лица или полное название коллектива."
    ),
    "Given names or initials: G. K., Yu. M.": "Имя и отчество или инициалы латиницей: G. K., Yu. M.",
    "As the person wrote it (Жуков Г. К.). Leave empty unless certain.": (
        "Как писало само лицо (Жуков Г. К.). Оставьте пустым, если нет уверенности."
    ),
    "As cited in Latin script: Vostok.": "Как цитируется латиницей: Vostok.",
    "Восток. Only if certain.": "Восток. Только если есть уверенность.",
    "ISO 639-1 code, lower case: ru, mn, en.": "Код ISO 639-1 строчными буквами: ru, mn, en.",
    "A short stable key, as in BibTeX: zhukov1974. Used in exports and imports.": (
        "Короткий неизменный ключ, как в BibTeX: zhukov1974. Используется при экспорте и импорте."
    ),
    "The title as catalogued, in English where the work was cited so.": (
        "Заглавие, как оно записано в каталоге; по-английски, если труд цитировали так."
    ),
    "In the work's own script (Воспоминания и размышления). Leave empty unless certain.": (
        "В написании самого труда (Воспоминания и размышления). Оставьте пустым, "
        "если нет уверенности."
    ),
    "Year of publication; for a document, only if known.": (
        "Год издания; для документа — только если известен."
    ),
    "Date of a document as known: 1939-05-20, May 1939.": (
        "Дата документа в той мере, в какой известна: 1939-05-20, May 1939."
    ),
    "Pages of a published work: 45-49.": "Страницы опубликованного труда: 45-49.",
    "The volume a chapter or a document was published in, if catalogued.": (
        "Издание, в котором опубликованы глава или документ, если оно есть в каталоге."
    ),
    "The volume it appeared in, if not catalogued.": (
        "Издание, в котором труд вышел, если его нет в каталоге."
    ),
    "A public note on the work.": "Публичное примечание к труду.",
    "The title, original title and transliterated title folded for search.": (
        "Заглавие, заглавие в оригинале и в транслитерации, приведённые к виду для поиска."
    ),
    "1 for the first named.": "1 для названного первым.",
    "Folio numbers without the label: 73-74, 162, 1-15 об. (об. marks a verso).": (
        "Номера листов без обозначения «л.»: 73-74, 162, 1-15 об. (об. — оборот листа)."
    ),
    "1 for the first location a document is cited at.": (
        "1 для первого места хранения, по которому цитируется документ."
    ),
    # Contribution.__str__, the caption of a row of the work's contributions in the admin.
    "%(person)s (%(role)s of %(work)s)": "%(person)s (%(role)s, «%(work)s»)",
}
RU.update(RU_ADMIN)

_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _unquote(lines):
    return "".join(_STRING.findall(" ".join(lines))).replace('\\"', '"').replace("\\n", "\n")


def _quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def fill(text):
    header, *entries = text.split("\n\n")
    header = HEADER.strip().format(
        date=re.search(r"POT-Creation-Date: ([^\\]*)", header).group(1), plural=PLURAL_FORMS
    )
    missing, out = [], [header]
    for entry in entries:
        if not entry.strip():
            continue
        keep, fields, current = [], {}, None
        for line in entry.splitlines():
            if line.startswith("#"):
                if line.startswith("#, fuzzy"):
                    continue
                keep.append(line)
            elif line.startswith('"'):
                fields[current].append(line)
            else:
                current, _, rest = line.partition(" ")
                fields[current] = [rest]
        msgid = _unquote(fields["msgid"])
        context = _unquote(fields["msgctxt"]) if "msgctxt" in fields else None
        value = RU.get((context, msgid) if context else msgid)
        plural = "msgid_plural" in fields
        if value is None or isinstance(value, list) != plural:
            missing.append(msgid)
            value = [""] * 4 if plural else ""
        lines = [*keep]
        if context is not None:
            lines.append(f"msgctxt {_quote(context)}")
        lines.append(f"msgid {_quote(msgid)}")
        if plural:
            lines.append(f"msgid_plural {_quote(_unquote(fields['msgid_plural']))}")
            lines += [f"msgstr[{i}] {_quote(form)}" for i, form in enumerate(value)]
        else:
            lines.append(f"msgstr {_quote(value)}")
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n", missing


if __name__ == "__main__":
    text, missing = fill(PO.read_text(encoding="utf-8"))
    PO.write_text(text, encoding="utf-8")
    for msgid in missing:
        print(f"untranslated: {msgid!r}", file=sys.stderr)
    sys.exit(1 if missing else 0)
