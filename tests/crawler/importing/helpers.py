"""Writing test inputs for ``jiezhen import`` with warcio's own writer (not jiezhen's)."""
from __future__ import annotations

import io
import json
import urllib.request
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler.cli.main import main


def fetch(url: str) -> tuple[int, list[tuple[str, str]], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.status, list(answer.headers.items()), answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, list(exc.headers.items()), exc.read()


def response_record(writer: WARCWriter, url: str, status: int, headers, body: bytes,
                    date: str, extra: dict | None = None):
    reason = {200: "OK", 404: "Not Found"}.get(status, "X")
    headers = [(k, v) for k, v in headers if k.lower() not in ("transfer-encoding", "content-length")]
    http = StatusAndHeaders(f"{status} {reason}", headers, protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                     http_headers=http,
                                     warc_headers_dict={"WARC-Date": date, **(extra or {})})


def write_records(path: Path, records_of, gzip: bool = True) -> dict[str, int]:
    """Write the records ``records_of(writer)`` yields; returns record id -> offset."""
    offsets = {}
    with open(path, "wb") as fp:
        writer = WARCWriter(fp, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "warcio test"}))
        for record in records_of(writer):
            offsets[record.rec_headers.get_header("WARC-Record-ID")] = fp.tell()
            writer.write_record(record)
    return offsets


def run_import(*args: str, capsys) -> tuple[int, str, str]:
    code = main(["import", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def export(db_url: str, capsys) -> list[dict]:
    assert main(["export", "--db", db_url]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
