"""The user's newsletter page (devset seed) end to end through ``jiezhen extract --text``.

The seed text holds three articles; the test cuts it at the labelled kicker/title lines (set-up,
not extraction) and runs the real command on the pieces (``--batch`` with ``"text": true``, and
``--text -`` on stdin) with their kicker and title lines left in and without ``--title``: the
command must find the kicker, the headline, the captions and the body itself, and repair the
page-break artifacts (产业 / 发展, 实效 / 性上, 建 / 设情况).
Expected values come from ``seed/labels.json`` (hand-written) and from reading the seed text.
"""
from __future__ import annotations

import json
import subprocess

import pytest

from crawler.parsing import extract_text
from tests.crawler.conftest import jiezhen_command, nows


def _pieces(devset):
    labels = json.loads((devset / "seed" / "labels.json").read_text("utf-8"))
    lines = (devset / "seed" / labels["file"]).read_text("utf-8").split("\n")
    starts = [next(i for i, line in enumerate(lines) if line.strip() == (a.get("kicker") or a["title"]))
              for a in labels["articles"]]
    ends = starts[1:] + [len(lines)]
    return [(article, "\n".join(lines[start:end])) for article, start, end in zip(labels["articles"], starts, ends)]


@pytest.fixture(scope="module")
def extracted(devset, tmp_path_factory):
    """(label, record) per article, from ``jiezhen extract --batch`` (one ``"text": true`` line per
    article, one process); the last article also through ``jiezhen extract --text -`` on stdin,
    run alongside, which must print the same record."""
    pieces = _pieces(devset)
    folder = tmp_path_factory.mktemp("seed")
    jobs = []
    for number, (_, text) in enumerate(pieces, 1):
        (folder / f"article{number}.txt").write_text(text, encoding="utf-8")
        jobs.append(json.dumps({"path": f"article{number}.txt", "text": True}))
    (folder / "batch.jsonl").write_text("\n".join(jobs) + "\n", encoding="utf-8")
    batch = subprocess.Popen([*jiezhen_command(), "extract", "--batch", str(folder / "batch.jsonl")],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    single = subprocess.Popen([*jiezhen_command(), "extract", "--text", "-"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    single_out, single_err = single.communicate(pieces[-1][1].encode("utf-8"), timeout=120)
    batch_out, batch_err = batch.communicate(timeout=120)
    assert single.returncode == 0, single_err.decode()
    assert batch.returncode == 0, batch_err.decode()
    records = [json.loads(line) for line in batch_out.decode("utf-8").splitlines() if line.strip()]
    for record in records:
        assert record.pop("path").startswith("article")
    assert json.loads(single_out) == records[-1]
    return [(label, record) for (label, _), record in zip(pieces, records)]


def test_the_seed_holds_three_articles(extracted):
    assert len(extracted) == 3


@pytest.mark.parametrize("index", [0, 1, 2])
def test_headline_kicker_and_body_edges(extracted, index):
    label, record = extracted[index]
    assert record["title"] == label["title"]
    assert record["subtitle"] == label["kicker"]
    body = nows(record["body"])
    assert body.startswith(nows(label["body_first"]))
    assert nows(label["body_last"]) in body
    for phrase in label["must_include"]:
        assert nows(phrase) in body, phrase
    for phrase in label["must_exclude"]:
        assert nows(phrase) not in body, phrase


@pytest.mark.parametrize("index", [0, 1, 2])
def test_captions_are_images_not_body(extracted, index):
    label, record = extracted[index]
    assert record["images"] == [{"src": None, "caption": caption} for caption in label["captions"]]


def test_first_article_ends_at_its_last_sentence(extracted):
    assert extracted[0][1]["body"].endswith("充分发挥工作站的平台作用和委员的专业优势，助力长宁经济发展。")
    assert extracted[2][1]["body"].endswith("努力朝着建设一流法治政府的目标迈进。")


def test_second_article_keeps_its_last_paragraph(extracted):
    # labels.json says body_last is 更大成效。 but also that the 侯学军 paragraph, printed after
    # it, belongs to this article: it is kept, and 更大成效。 ends the paragraph before it.
    paragraphs = extracted[1][1]["body"].split("\n")
    assert paragraphs[-2].endswith("推动新泾各项工作取得更大成效。")
    assert paragraphs[-1].startswith("镇人大主席侯学军指出")


def test_page_break_artifacts_are_joined_and_paragraphs_kept(extracted):
    first, second, third = (record["body"].split("\n") for _, record in extracted)
    assert len(first) == 4 and len(second) == 8 and len(third) == 5
    assert "党委副书记范朱凤分别围绕民生服务和产业发展、协商于民工作站年度安排作了补充汇报。" in first[2]
    assert "推动各项工作呈螺旋式上升。实效性上，要聚焦" in second[5]
    assert "更要尽快转变工作心态和思维，更新工作模式和手势" in second[4]
    assert "做到抢抓机遇、抢抓时间、抢抓赛道、抢抓认可，展现出更大工作成效。" in second[4]
    assert "要充分展示出鲜明的特色和亮点，要充分保障各项工作顺利推动和有效落实。" in second[3]
    assert third[2].startswith("王伟对2022年法治政府建设情况进行了总结，")
    assert "进一步推动学习贯彻党的二十大精神关于法治建设的要求" in third[3]
    assert "深入开展以习近平法治思想学习和实践为主的法治宣传工作" in third[3]
    # The source's words stay as printed, the stray English word included.
    assert third[0].startswith("为深入学习贯彻党的二十大精神 and 习近平法治思想，")


def test_given_title_finds_the_kicker_above_it(devset):
    label, text = _pieces(devset)[1]
    article = extract_text(text, title=label["title"], published="2023-02-06")
    assert (article.title, article.subtitle, article.published) == (label["title"], label["kicker"], "2023-02-06")
    assert article.body.startswith("日前，新泾镇召开2023年学习讨论会，")
    assert article.images == [{"src": None, "caption": "会议现场"}]
