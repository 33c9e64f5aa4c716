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


def arc_file(path: Path, responses, gzip_records: bool = True) -> None:
    """An ARC v1 file (the format before WARC; warcio reads it but cannot write it):
    ``responses`` are (url, date as YYYYMMDDhhmmss, HTTP status line, headers, body)."""
    import gzip as gz

    def record(url: str, date: str, content_type: str, block: bytes) -> bytes:
        return f"{url} 127.0.0.1 {date} {content_type} {len(block)}\n".encode() + block + b"\n"

    version = b"1 0 jiezhen-test\nURL IP-address Archive-date Content-type Archive-length\n"
    records = [record(f"filedesc://{path.name}", "20000101000000", "text/plain", version)]
    for url, date, status_line, headers, body in responses:
        head = "".join(f"{k}: {v}\r\n" for k, v in headers
                       if k.lower() not in ("transfer-encoding", "content-length", "content-encoding"))
        block = (f"HTTP/1.1 {status_line}\r\n{head}Content-Length: {len(body)}\r\n\r\n").encode() + body
        content_type = next((v for k, v in headers if k.lower() == "content-type"), "text/html")
        records.append(record(url, date, content_type.split(";")[0], block))
    with open(path, "wb") as fp:
        for data in records:
            fp.write(gz.compress(data) if gzip_records else data)
