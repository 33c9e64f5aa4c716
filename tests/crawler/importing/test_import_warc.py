"""``jiezhen import`` of WARC files written by warcio (not by jiezhen) from the local demo site."""
from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from crawler.cli.main import main
from tests.crawler.conftest import load_expected, nows
from tests.crawler.importing.helpers import arc_file, export, fetch, response_record, run_import, write_records

EXPECTED = load_expected("demo")
ARTICLES = [a for a in EXPECTED["articles"] if a["path"].startswith("/qu/")][:4]
DATES = ["2023-03-0%dT08:00:00Z" % (n + 1) for n in range(len(ARTICLES))]


@pytest.fixture(scope="module")
def pages(demo_server):
    """(url, status, headers, body) of four articles, a 404 and a stylesheet, fetched once."""
    out = [(demo_server.url(a["path"]), *fetch(demo_server.url(a["path"]))) for a in ARTICLES]
    missing = demo_server.url("/qu/col6991/nothing-here.html")
    css = next(p for p in (Path(__file__).parents[3] / "crawler/demo/site/qu/css").iterdir())
    extra = [(missing, *fetch(missing)), (demo_server.url("/qu/css/" + css.name),
                                           *fetch(demo_server.url("/qu/css/" + css.name)))]
    assert out[0][1] == 200 and extra[0][1] == 404
    return out, extra


def _warc(path: Path, pages, *, gzip_records: bool = True) -> dict[str, int]:
    articles, extra = pages

    def records(writer):
        for (url, status, headers, body), date in zip(articles, DATES):
            yield response_record(writer, url, status, headers, body, date)
        for url, status, headers, body in extra:
            yield response_record(writer, url, status, headers, body, "2023-03-09T00:00:00Z")
        url = articles[0][0]
        yield writer.create_revisit_record(url, "sha1:X", url, DATES[0],
                                           warc_headers_dict={"WARC-Date": "2023-04-01T00:00:00Z"})
    return write_records(path, records, gzip=gzip_records)


@pytest.mark.parametrize("gzip_records", [True, False], ids=["warc.gz", "warc"])
def test_warc_records_are_archived_field_by_field(pages, tmp_path, sqlite_url, capsys, gzip_records):
    path = tmp_path / ("in.warc.gz" if gzip_records else "in.warc")
    offsets = _warc(path, pages, gzip_records=gzip_records)
    code, out, err = run_import(str(path), "--db", sqlite_url, capsys=capsys)
    assert code == 0, err
    assert "4 new" in out and "http_404 1" in out and "not_html 1" in out
    records = {r["url"]: r for r in export(sqlite_url, capsys)}
    assert len(records) == 4
    for expected, (url, *_), date in zip(ARTICLES, pages[0], DATES):
        record = records[url]
        for field in ("title", "subtitle", "published", "source", "author", "editor"):
            assert record[field] == expected[field], field
        assert nows(record["body"]).startswith(nows(expected["body_first"]))
        assert nows(record["body"]).endswith(nows(expected["body_last"]))
        assert record["site"] == url.split("/")[2]
        assert record["first_seen"] == date
        capture = record["capture"]
        assert capture["warc_file"] == str(path.resolve())
        assert capture["warc_offset"] in offsets.values()
    # the revisit of the first article moved its last_seen, not its first_seen
    first = records[pages[0][0][0]]
    assert (first["first_seen"], first["last_seen"]) == (DATES[0], "2023-04-01T00:00:00Z")
    # and each capture is a readable, intact record: `jiezhen verify` agrees
    assert main(["verify", "--db", sqlite_url, "--warc-dir", str(tmp_path / "none")]) == 0, capsys.readouterr()


def test_importing_the_same_warc_twice_adds_nothing(pages, tmp_path, sqlite_url, capsys):
    path = tmp_path / "in.warc.gz"
    _warc(path, pages)
    assert run_import(str(path), "--db", sqlite_url, capsys=capsys)[0] == 0
    before = export(sqlite_url, capsys)
    code, out, _ = run_import(str(path), "--db", sqlite_url, capsys=capsys)
    assert code == 0 and "0 new, 0 updated, 4 duplicate" in out
    assert export(sqlite_url, capsys) == before
    assert main(["runs", "--db", sqlite_url, "--format", "json"]) == 0
    runs = json.loads(capsys.readouterr().out)
    assert [r["site"] for r in runs] == ["import", "import"] and runs[1]["new"] == 4


def test_a_record_split_across_two_files_is_joined(pages, tmp_path, sqlite_url, capsys):
    (url, status, headers, body), expected = pages[0][1], ARTICLES[1]
    half = len(body) // 2
    first_id = {}

    def part_one(writer):
        record = response_record(writer, url, status, headers, body[:half], DATES[1],
                                 extra={"WARC-Segment-Number": "1"})
        first_id["id"] = record.rec_headers.get_header("WARC-Record-ID")
        yield record

    def part_two(writer):
        yield writer.create_warc_record(url, "continuation", payload=io.BytesIO(body[half:]),
                                        length=len(body) - half, warc_headers_dict={
                                            "WARC-Date": DATES[1], "WARC-Segment-Number": "2",
                                            "WARC-Segment-Origin-ID": first_id["id"],
                                            "WARC-Segment-Total-Length": str(len(body))})
    write_records(tmp_path / "a.warc.gz", part_one)
    write_records(tmp_path / "b.warc.gz", part_two)
    ours = tmp_path / "warc"
    code, out, err = run_import(str(tmp_path / "a.warc.gz"), str(tmp_path / "b.warc.gz"),
                                "--db", sqlite_url, "--warc-dir", str(ours), capsys=capsys)
    assert code == 0, err
    [record] = export(sqlite_url, capsys)
    assert record["title"] == expected["title"]
    assert nows(record["body"]).endswith(nows(expected["body_last"]))
    # no one foreign record holds the page: its capture is a record of ours with the joined
    # payload (byte for byte), which verify checks and reprocess reads like any other
    capture = record["capture"]
    assert (ours / capture["warc_file"]).is_file()
    with open(ours / capture["warc_file"], "rb") as fp:
        fp.seek(capture["warc_offset"])
        ours_record = next(iter(ArchiveIterator(fp)))
        assert ours_record.raw_stream.read() == body
    assert main(["verify", "--db", sqlite_url, "--warc-dir", str(ours)]) == 0, capsys.readouterr()
    capsys.readouterr()
    assert main(["reprocess", "--db", sqlite_url, "--warc-dir", str(ours)]) == 0
    assert "0 changed, 1 unchanged" in capsys.readouterr().out
    [again] = export(sqlite_url, capsys)
    assert (again["body"], again["version"]) == (record["body"], record["version"])


def test_damaged_input_is_named_skipped_and_the_rest_imported(pages, tmp_path, sqlite_url, capsys):
    good = tmp_path / "in.warc.gz"
    offsets = sorted(_warc(good, pages).values())
    data = bytearray(good.read_bytes())
    second = offsets[1]  # the second article's gzip member: flip bytes inside it
    data[second + 40: second + 60] = bytes(20)
    damaged = tmp_path / "damaged.warc.gz"
    damaged.write_bytes(bytes(data))
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(good.read_bytes()[:offsets[3] + 100])  # ends inside the fourth article
    text = tmp_path / "notes.warc"
    text.write_text("these are notes, not a WARC\n")
    code, out, err = run_import(str(damaged), str(cut), str(text), "--db", sqlite_url, capsys=capsys)
    assert code == 8
    assert f"{damaged}@{second}: " in err and "corrupt gzip data" in err
    assert f"{cut}@{offsets[3]}: " in err and "cut short" in err
    assert f"{text}@0: not a WARC file" in err
    urls = {r["url"] for r in export(sqlite_url, capsys)}
    assert urls == {p[0] for p in pages[0]}  # damaged: 1, 3, 4 readable; cut: 1, 2, 3


def test_site_profile_names_the_site_and_the_run(pages, tmp_path, sqlite_url, capsys):
    path = tmp_path / "in.warc.gz"
    _warc(path, pages)
    code, out, err = run_import(str(path), "--site", "demo-changning", "--db", sqlite_url, capsys=capsys)
    assert code == 0, err
    records = export(sqlite_url, capsys)
    assert len(records) == 4 and {r["site"] for r in records} == {"demo-changning"}
    assert main(["runs", "--db", sqlite_url, "--format", "json"]) == 0
    [run] = json.loads(capsys.readouterr().out)
    assert run["site"] == "import:demo-changning" and run["status"] == "finished" and run["new"] == 4
    assert main(["import", str(path), "--site", "no-such-site", "--db", sqlite_url]) == 1


def test_a_folder_of_warc_files_is_read_as_warc(pages, tmp_path, sqlite_url, capsys):
    folder = tmp_path / "crawl"
    (folder / "2019").mkdir(parents=True)
    _warc(folder / "2019" / "in.warc.gz", pages)
    (folder / "index.cdxj").write_text("not a WARC, not named like one\n")
    code, out, err = run_import(str(folder), "--db", sqlite_url, capsys=capsys)
    assert code == 0, err
    assert "4 new" in out


def test_an_older_warc_imported_later_goes_into_the_history(pages, tmp_path, sqlite_url, capsys):
    """Import this spring's capture, then last year's (a different text of the same page):
    the current text stays this spring's; last year's becomes version 1."""
    (url, status, headers, body), *_ = pages[0]
    expected = ARTICLES[0]
    marker = expected["body_first"][:12]
    assert marker.encode() in body
    old_body = body.replace(marker.encode(), "（旧稿）".encode() + marker.encode(), 1)
    write_records(tmp_path / "spring.warc.gz",
                  lambda w: [response_record(w, url, status, headers, body, "2023-05-01T00:00:00Z")])
    write_records(tmp_path / "last-year.warc.gz",
                  lambda w: [response_record(w, url, status, headers, old_body, "2022-05-01T00:00:00Z")])
    assert run_import(str(tmp_path / "spring.warc.gz"), "--db", sqlite_url, capsys=capsys)[0] == 0
    code, out, err = run_import(str(tmp_path / "last-year.warc.gz"), "--db", sqlite_url, capsys=capsys)
    assert code == 0, err
    assert "1 updated" in out and "older texts, added to their history" in out
    [record] = export(sqlite_url, capsys)
    assert "（旧稿）" not in record["body"] and nows(record["body"]).startswith(nows(expected["body_first"]))
    assert record["version"] == 2 and record["first_seen"] == "2022-05-01T00:00:00Z"
    assert main(["show", str(record["id"]), "--db", sqlite_url, "--versions", "--format", "json"]) == 0
    versions = json.loads(capsys.readouterr().out)["versions"]
    assert [v["version"] for v in versions] == [1, 2]
    assert "（旧稿）" in versions[0]["body"] and "（旧稿）" not in versions[1]["body"]
    assert (versions[0]["seen_from"], versions[0]["seen_until"]) == ("2022-05-01T00:00:00Z", "2023-05-01T00:00:00Z")


def test_a_warc_gzipped_whole_is_imported_with_addressable_captures(pages, tmp_path, sqlite_url, capsys):
    """Some tools gzip the whole file as one stream: no offset addresses one record in it, so
    each page's capture is a record of ours (verify and reprocess must read the right page)."""
    plain = tmp_path / "all.warc"
    _warc(plain, pages, gzip_records=False)
    whole = tmp_path / "all.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    plain.unlink()
    ours = tmp_path / "warc"
    code, out, err = run_import(str(whole), "--db", sqlite_url, "--warc-dir", str(ours), capsys=capsys)
    assert code == 0, err
    assert "4 new" in out
    records = {r["url"]: r for r in export(sqlite_url, capsys)}
    for expected, (url, status, headers, body) in zip(ARTICLES, pages[0]):
        record = records[url]
        assert record["title"] == expected["title"]
        with open(ours / record["capture"]["warc_file"], "rb") as fp:
            fp.seek(record["capture"]["warc_offset"])
            stored = next(iter(ArchiveIterator(fp)))
            assert stored.rec_headers.get_header("WARC-Target-URI") == url
            assert stored.content_stream().read() == body
    assert main(["verify", "--db", sqlite_url, "--warc-dir", str(ours)]) == 0, capsys.readouterr()
    capsys.readouterr()
    assert main(["reprocess", "--db", sqlite_url, "--warc-dir", str(ours)]) == 0
    assert "0 changed, 4 unchanged" in capsys.readouterr().out
    size = sum(p.stat().st_size for p in ours.iterdir())
    code, out, err = run_import(str(whole), "--db", sqlite_url, "--warc-dir", str(ours), capsys=capsys)
    assert code == 0 and "4 duplicate" in out, out + err
    assert sum(p.stat().st_size for p in ours.iterdir()) == size  # nothing written twice


@pytest.mark.parametrize("gzip_records", [True, False], ids=["arc.gz", "arc"])
def test_arc_files_of_older_crawls_are_imported(pages, tmp_path, sqlite_url, capsys, gzip_records):
    path = tmp_path / ("old.arc.gz" if gzip_records else "old.arc")
    arc_file(path, [(url, f"2009010{n + 1}083000", "200 OK", headers, body)
                    for n, (url, status, headers, body) in enumerate(pages[0])], gzip_records=gzip_records)
    ours = tmp_path / "warc"
    code, out, err = run_import(str(path), "--db", sqlite_url, "--warc-dir", str(ours), capsys=capsys)
    assert code == 0, err
    assert "4 new" in out
    records = {r["url"]: r for r in export(sqlite_url, capsys)}
    for n, (expected, (url, *_)) in enumerate(zip(ARTICLES, pages[0])):
        assert records[url]["title"] == expected["title"]
        assert records[url]["first_seen"] == f"2009-01-0{n + 1}T08:30:00Z"  # the ARC record's date
    assert main(["verify", "--db", sqlite_url, "--warc-dir", str(ours)]) == 0, capsys.readouterr()
    capsys.readouterr()
    assert main(["reprocess", "--db", sqlite_url, "--warc-dir", str(ours)]) == 0
    assert "0 changed, 4 unchanged" in capsys.readouterr().out
