#!/usr/bin/env python3
"""Build fixtures/seed.json: the seed article and its 25 references, as catalogue records.

The printed references are read from the seed text (fixtures/sources/batunaev-2019.txt)
so that they stay verbatim; the corrected records below are typed by hand from the
same text, with an editorial note wherever the record departs from the print.
Fields the seed does not give stay empty: no fact here comes from elsewhere.

Run from the project root: python tools/build_seed_fixture.py
"""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "fixtures" / "sources" / "batunaev-2019.txt"
TARGET = ROOT / "fixtures" / "seed.json"
# Record-keeping timestamps: when these records were first written into the catalogue.
STAMP = "2026-11-26T00:00:00Z"
ARTICLE = "batunaev2019"

PERIODICALS = {
    "tyumen-state-university-herald-humanities": (
        "Tyumen State University Herald. Humanities Research. Humanitates",
        "",
    ),
    "vostok": ("Vostok", ""),
    "aziya-i-afrika": ("Aziya i Afrika", ""),
    "rossijskaya-istoriya": ("Rossijskaya istoriya", "Российская история"),
    "problemy-dalnego-vostoka": ("Problemy Dalnego Vostoka", "Проблемы Дальнего Востока"),
    "izvestiya-baykalskogo-gosudarstvennogo-universiteta": (
        "Izvestiya Baykalskogo gosudarstvennogo universiteta",
        "Известия Байкальского государственного университета",
    ),
    "vlast": ("Vlast", "Власть"),
    "izvestiya-vostochnogo-instituta": (
        "Izvestiya Vostochnogo Instituta",
        "Известия Восточного института",
    ),
}

# slug: (name, given names, name in original script, ORCID)
PEOPLE = {
    "batunaev-e-v": ("Batunaev", "Eduard V.", "Батунаев Э. В.", "0000-0001-6641-4124"),
    "batsaykhan-o": ("Batsaykhan", "O.", "", ""),
    "belov-e-a": ("Belov", "E. A.", "Белов Е. А.", ""),
    "bushueva-t-s": ("Bushueva", "T. S.", "Бушуева Т. С.", ""),
    "garushyants-yu-m": ("Garushyants", "Yu. M.", "Гарушянц Ю. М.", ""),
    "grajvoronskiy-v-v": ("Grajvoronskiy", "V. V.", "Грайворонский В. В.", ""),
    "luzyanin-s-g": ("Luzyanin", "S. G.", "Лузянин С. Г.", ""),
    "uritsky-s-p": ("Uritsky", "S. P.", "Урицкий С. П.", ""),
    "zhukov-g-k": ("Zhukov", "G. K.", "Жуков Г. К.", ""),
    "rybakov-r-b": ("Rybakov", "R. B.", "Рыбаков Р. Б.", ""),
    "yaskina-g-s": ("Yaskina", "G. S.", "Яскина Г. С.", ""),
    "kuzmin-yu-v": ("Kuzmin", "Yu. V.", "Кузьмин Ю. В.", ""),
    "kuras-l-v": ("Kuras", "L. V.", "Курас Л. В.", ""),
    "stalin-i-v": ("Stalin", "I. V.", "Сталин И. В.", ""),
    "tsybenov-b-d": ("Tsybenov", "B. D.", "Цыбенов Б. Д.", ""),
    "gombosuren-d": ("Gombosuren", "D.", "", ""),
    "woodward-e-l": ("Woodward", "E. L.", "", ""),
}

MNR = (
    "The print renders МНР (the Mongolian People's Republic) as “Ministry of Natural "
    "Resources”, a mistranslation; the record reads MNR."
)
NO_AUTHOR = "The print names {who} in the author's place; the record names no author."


def work(key, kind, title, **fields):
    return {"key": key, "kind": kind, "title": title, **fields}


# Number in the reference list -> the corrected record (and its editorial note).
REFERENCES = {
    1: work(
        "batsaykhan2011",
        "article",
        "Meetings of Stalin with the Mongol leaders in 1932-1937",
        year=2011,
        periodical="vostok",
        issue="3",
        pages="142-143",
        authors=["batsaykhan-o"],
    ),
    2: work(
        "belov2003",
        "article",
        "The decisive period of the struggle for independence",
        year=2003,
        periodical="aziya-i-afrika",
        issue="11",
        pages="45-49",
        authors=["belov-e-a"],
        note="The print writes the initial E of “Belov Е.” with a Cyrillic letter; the record uses the Latin E.",
    ),
    3: work(
        "bushueva2009",
        "article",
        "Khalkhin-Gol: a glance after 70 years of little-known pages of the Second World War",
        year=2009,
        periodical="rossijskaya-istoriya",
        issue="5",
        pages="34-51",
        authors=["bushueva-t-s"],
    ),
    4: work(
        "ussr-foreign-policy-1946",
        "document_collection",
        "USSR Foreign Policy",
        year=1946,
        volume="4",
        place="Moscow",
        note="The print puts the title “USSR Foreign Policy” in the author's place; "
        "the record names no author.",
    ),
    5: work(
        "garushyants1997",
        "article",
        "The struggle to recognize the independence of Mongolia",
        year=1997,
        periodical="problemy-dalnego-vostoka",
        issue="2",
        pages="112-123",
        authors=["garushyants-yu-m"],
    ),
    6: work(
        "grajvoronskiy2010",
        "article",
        "The Khalkhin-Gol war: a place in the world history",
        year=2010,
        periodical="problemy-dalnego-vostoka",
        issue="1",
        pages="156-164",
        authors=["grajvoronskiy-v-v", "luzyanin-s-g"],
    ),
    7: work(
        "avp-rf-9-25-100-38",
        "archival_document",
        "Report from the Chief of the Intelligence Directorate of the General Staff of the Red "
        "Army, S. P. Uritsky, to the USSR NCO on the concentration of Japanese troops on the "
        "borders of the MNR and the USSR",
        authors=["uritsky-s-p"],
        location=("avp-rf", "9", "25", "100", "38", "73-74"),
    ),
    8: work(
        "zhukov1974",
        "memoir",
        "Memories and Reflections",
        title_original="Воспоминания и размышления",
        year=1974,
        volume="1",
        place="Moscow",
        publisher="Agentstvo pechati Novosti",
        authors=["zhukov-g-k"],
        note="The print writes “Мoscow” with a Cyrillic М; the record reads Moscow.",
    ),
    9: work(
        "rgaspi-17-162-18",
        "archival_document",
        "From the protocol No 26 of the meeting of the Political Bureau of the Central "
        "Committee of the All-Union Communist Party of Bolsheviks (b) — on the allocation of "
        "6 mln tugriks to strengthen the defense of Mongolia",
        location=("rgaspi", "17", "162", "", "18", "18-19"),
        note="The print reads “F. 17. 162. E. 18. Pp. 18-19”: the inventory label is missing "
        "and the file and folio labels are garbled. The record reads RGASPI, f. 17, "
        "op. 162, d. 18, ll. 18-19.",
    ),
    10: work(
        "rgaspi-17-162-20",
        "archival_document",
        "From the decision of the Politburo of the Central Committee of the All-Union "
        "Communist Party of Bolsheviks (b) — on the additional construction of the Chui road "
        "from Tashanta to the Soviet-Mongolian border and the provision of free assistance to "
        "the MNR for the maintenance of the MNR",
        location=("rgaspi", "17", "162", "", "20", "162"),
        note=MNR,
    ),
    11: work(
        "history-great-patriotic-war-1960",
        "book",
        "The History of the Great Patriotic War of the Soviet Union. 1941-1945",
        year=1960,
        volume="1",
        place="Moscow",
        publisher="Voenizdat",
        note=NO_AUTHOR.format(who="the publisher Voenizdat"),
    ),
    12: work(
        "rybakov-yaskina2007",
        "edited_volume",
        "History of Mongolia. 20th Century",
        year=2007,
        place="Moscow",
        publisher="Institut vostokovedeniya RAN",
        editors=["rybakov-r-b", "yaskina-g-s"],
    ),
    13: work(
        "rgaspi-558-11-352",
        "archival_document",
        "Brief record of the conversation between I. V. Stalin, K. E. Voroshilov and "
        "V. M. Molotov with P. Gendun, G. Demid and D. Namsaray on the issues of "
        "strengthening the defense capacity and the Soviet Union's assistance to Mongolia",
        location=("rgaspi", "558", "11", "", "352", "1-9"),
        note="The print's “assistance to the Soviet Union of Mongolia” means the Soviet "
        "Union's assistance to Mongolia; the record says so.",
    ),
    14: work(
        "kuzmin2018",
        "article",
        "Khalkhin-Gol war of 1939 and the Soviet-German non-aggression pact",
        year=2018,
        periodical="izvestiya-baykalskogo-gosudarstvennogo-universiteta",
        volume="28",
        issue="4",
        pages="585-594",
        authors=["kuzmin-yu-v"],
        note="The print writes the initials “yu. V.”; the record reads Yu. V.",
    ),
    15: work(
        "kuras2014",
        "article",
        "The Japanese military mission in Manchukuo: preparation for aggression (on the 75th "
        "anniversary of the events at Khalkhin-Gol)",
        year=2014,
        periodical="vlast",
        issue="9",
        pages="143-147",
        authors=["kuras-l-v"],
    ),
    16: work(
        "luzyanin2000",
        "book",
        "Russia — Mongolia — China in the Early 20th Century. Political Relations in 1911-1946",
        year=2000,
        place="Moscow",
        publisher="Institut Dalnego Vostoka RAN",
        authors=["luzyanin-s-g"],
        note="The print opens a quotation mark before the title and never closes it.",
    ),
    17: work(
        "mongolia-second-world-war-2017",
        "book",
        "Mongolia in the Second World War (1939-1945)",
        year=2017,
        place="Irkutsk",
        publisher="Ottisk",
        note=NO_AUTHOR.format(who="the publisher Ottisk"),
    ),
    18: work(
        "rgani-89-63-20",
        "archival_document",
        "Address of the Government of the MNR to the Government of the USSR with a request "
        "for military and financial assistance and for sending units of the Red Army to "
        "protect against the threat of an attack by Japan",
        location=("rgani", "89", "63", "", "20", "1-5"),
        note="The print renders МНР (the Mongolian People's Republic) as “Ministry of "
        "Natural Resources” and adds “of the Republic of Belarus”; the document is an "
        "address of the Government of the MNR to the Government of the USSR. The print "
        "names the “Russian State Archives of Modern History”: that is RGANI, the "
        "Russian State Archive of Contemporary History.",
    ),
    19: work(
        "rgva-32113-1-4",
        "archival_document",
        "Order on the troops of the 23rd Division of the Kwantung Army on the destruction of "
        "foreign troops of Mongolia (MNR) in the region of Nomonkhan (Khalkhin-Gol)",
        location=("rgva", "32113", "1", "", "4", "5-7"),
        note="The print writes “Quantum Army” for the Kwantung Army, and gives the folios "
        "“5-7” with no label: ll. 5-7.",
    ),
    20: work(
        "soviet-mongolian-relations-1979",
        "document_collection",
        "Soviet-Mongolian Relations. 1921-1974",
        year=1979,
        place="Moscow; Ulaanbaatar",
        publisher="Mezhdunarodnye otnosheniya; Ulsyn hevlelijn gazar",
        note=NO_AUTHOR.format(
            who="the publishers Mezhdunarodnye otnosheniya and Ulsyn hevlelijn gazar"
        ),
    ),
    21: work(
        "stalin1997",
        "collected_works",
        "Writings",
        year=1997,
        volume="14",
        pages="103-112",
        place="Moscow",
        publisher="Pisatel",
        authors=["stalin-i-v"],
    ),
    22: work(
        "tsybenov2015",
        "article",
        "Mongolia: from status quo to legal recognition",
        year=2015,
        periodical="izvestiya-vostochnogo-instituta",
        issue="3 (27)",
        pages="64-72",
        authors=["tsybenov-b-d"],
    ),
    23: work(
        "gombosuren1998",
        "chapter",
        "The history of the creation of the armed forces of Mongolia",
        year=1998,
        authors=["gombosuren-d"],
        languages=["mn"],
        note="The print gives the host volume only as “In: UB. Terguun devter.”; it is not "
        "identified here.",
    ),
    24: work(
        "brotherhood-of-war-1985",
        "book",
        "The Brotherhood of War",
        year=1985,
        place="Ulaanbaatar",
        publisher="Ulsyn hevlel gazar",
        languages=["mn"],
        note=NO_AUTHOR.format(who="the publisher Ulsyn hevlel gazar"),
    ),
    25: work(
        "woodward1955",
        "document_collection",
        "Documents of British Foreign Policy 1919-1939",
        year=1955,
        series="3rd series",
        volume="9",
        editors=["woodward-e-l"],
        languages=["en"],
    ),
}


def printed_references():
    """Number -> the reference line of the seed, without its number, whitespace normalised."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    found = {}
    for line in lines:
        match = re.match(r"^\s+(\d{1,2})\.\s+(.+)$", line)
        if match:
            found[int(match.group(1))] = " ".join(match.group(2).split())
    assert sorted(found) == list(range(1, 26)), sorted(found)
    return found


def build():
    objects = []

    def add(model, **fields):
        objects.append({"model": f"catalogue.{model}", "fields": fields})

    for slug, (title, original) in PERIODICALS.items():
        add("periodical", slug=slug, title=title, title_original=original, issn="")
    for slug, (name, given, original, orcid) in PEOPLE.items():
        add(
            "person",
            slug=slug,
            kind="person",
            name=name,
            given_names=given,
            name_original=original,
            orcid=orcid,
            note="",
        )

    def add_work(record, languages):
        record = dict(record)
        authors = record.pop("authors", [])
        editors = record.pop("editors", [])
        location = record.pop("location", None)
        periodical = record.pop("periodical", None)
        record.pop("note", None)  # an editorial note belongs to the citation, not the work
        fields = {
            "title_original": "",
            "title_transliterated": "",
            "year": None,
            "date": "",
            "volume": "",
            "issue": "",
            "pages": "",
            "series": "",
            "part_of": None,
            "container_title": "",
            "publisher": "",
            "place": "",
            "doi": "",
            "isbn": "",
            "url": "",
            "note": "",
            "created": STAMP,
            "updated": STAMP,
            **record,
            "periodical": [periodical] if periodical else None,
            "languages": [[code] for code in record.pop("languages", languages)],
        }
        add("work", **fields)
        for role, people in (("author", authors), ("editor", editors)):
            for position, slug in enumerate(people, start=1):
                add(
                    "contribution",
                    work=[record["key"]],
                    person=[slug],
                    role=role,
                    position=position,
                )
        if location:
            archive, fond, inventory, folder, file, folios = location
            add("fond", archive=[archive], number=fond, title="", dates="", note="")
            add("inventory", fond=[archive, fond], number=inventory, title="")
            if folder:
                add("folder", inventory=[archive, fond, inventory], number=folder, title="")
            add(
                "archivalfile",
                inventory=[archive, fond, inventory],
                folder=[archive, fond, inventory, folder] if folder else None,
                number=file,
                title="",
                dates="",
            )
            add(
                "archivallocation",
                work=[record["key"]],
                file=[archive, fond, inventory, folder, file],
                folios=folios,
                position=1,
            )

    add_work(
        work(
            ARTICLE,
            "article",
            "Khalkhin-Gol: Military and Political Cooperation of the USSR and the MNR (1939-1945)",
            year=2019,
            periodical="tyumen-state-university-herald-humanities",
            volume="5",
            issue="3 (19)",
            pages="173-184",
            doi="10.21684/2411-197X-2019-5-3-173-184",
            authors=["batunaev-e-v"],
        ),
        ["ru"],
    )
    printed = printed_references()
    for record in REFERENCES.values():
        add_work(record, ["ru"])
    for number, record in REFERENCES.items():
        note = record.get("note", "")
        add(
            "citation",
            citing=[ARTICLE],
            cited=[record["key"]],
            number=number,
            text_as_printed=printed[number],
            editorial_note=note,
        )

    # A fond, inventory or file cited twice is written once.
    unique, seen = [], set()
    for obj in objects:
        marker = json.dumps(obj, sort_keys=True)
        if marker not in seen:
            seen.add(marker)
            unique.append(obj)
    return unique


if __name__ == "__main__":
    TARGET.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
