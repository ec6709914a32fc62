"""The incident pages over a store ingested from the incident corpus (tests/fixtures/incidents) plus
one more report of its first happening whose title and outlet are hostile markup."""
import json
import os
import re
import shutil

import pytest

from test_app import get

pytestmark = pytest.mark.slow

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "fixtures", "incidents", "reports.jsonl")
HOSTILE = {"id": "inc-a5", "source": "<img src=x onerror=alert(1)>", "date": "2021-03-04",
           "title": "<script>alert('t')</script> Kobani shelling",
           "text": "Turkish forces shelled Kurdish fighters near Kobani on Wednesday, residents said."}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from dyads.run.ingest import ingest
    from dyads.web import create_app

    d = tmp_path_factory.mktemp("web-incidents")
    corpus = d / "reports.jsonl"
    shutil.copy(CORPUS, corpus)
    with open(corpus, "a", encoding="utf-8") as f:
        f.write(json.dumps(HOSTILE) + "\n")
    db = d / "store.duckdb"
    assert ingest([str(corpus)], db=str(db), processes=1, quiet=True).stored == 13
    return create_app(str(db))


def test_the_incident_list_gives_one_row_a_happening(app):
    data = get(app, "/api/incidents").json()
    assert data["total"] == 5 and data["reports"] == 13
    kobani = [i for i in data["incidents"] if i["place"] == "Kobani" and i["date"] == "2021-03-03"]
    assert len(kobani) == 1 and kobani[0]["articles"] == 4
    assert get(app, "/api/incidents?min_articles=3").json()["total"] == 3  # A, B, C; D has two
    page = get(app, "/incidents?min_articles=3")
    assert page.status_code == 200 and page.text.count('href="/incidents/I') == 3


def test_an_incident_page_sets_its_reports_side_by_side_escaped(app):
    data = get(app, "/api/incidents").json()
    iid = next(i["incident_id"] for i in data["incidents"] if i["place"] == "Kobani" and i["articles"] == 4)
    page = get(app, f"/incidents/{iid}")
    assert page.status_code == 200
    assert page.text.count('href="/articles/inc-a') == 4  # one row a report, linking its article
    assert "<script>alert" not in page.text and "<img src=x" not in page.text
    assert "&lt;script&gt;" in page.text
    api = get(app, f"/api/incidents/{iid}").json()
    assert [r["doc_id"] for r in api["reports"]] == ["inc-a1", "inc-a2", "inc-a5", "inc-a3"]
    assert all(r["why"] for r in api["reports"])


@pytest.mark.parametrize("path", ["/incidents/Ideadbeef000000", "/incidents/..%2F..%2Fetc%2Fpasswd",
                                  "/incidents/%3Cscript%3E", "/api/incidents/x"])
def test_an_unknown_incident_is_a_404_and_never_a_path(app, path):
    r = get(app, path)
    assert r.status_code == 404 and "root:" not in r.text
    assert re.search(r"E137|E133", r.text)


def test_an_actors_page_lists_its_incidents_not_its_reports(app):
    data = get(app, "/api/actors/country:ISR").json()
    assert data["incidents"]["total"] == 1 and data["incidents"]["reports"] >= 2
    page = get(app, "/actors/country:ISR")
    assert "Its incidents" in page.text and page.text.count('href="/incidents/I') == 1
