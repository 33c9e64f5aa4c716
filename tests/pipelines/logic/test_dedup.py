"""Repost detection logic: reposts link, hard negatives stay apart (no database, no crawl).

The story and its variants are written out by hand below, each the way a district portal
re-posts a town's report or the way a different report resembles it.
"""
import numpy as np
import pytest
from datasketch import MinHash

from pipelines.logic.dedup import fingerprint
from pipelines.logic.dedup.fingerprint import signature
from pipelines.logic.dedup.normalise import story_text
from pipelines.logic.dedup.patterns import BANDS, NUM_PERM, SEED
from pipelines.logic.dedup.shingles import shingle_hashes

TITLE = "北塘镇召开安全生产工作会议"
STORY = (
    "12月29日下午，北塘镇召开2024年安全生产工作会议，总结全年安全生产工作，部署岁末年初安全防范重点任务。"
    "会议由镇长王海鹏主持，镇党委书记李建平出席并讲话。\n"
    "会上，镇应急管理办公室通报了今年以来全镇安全生产形势，全年共排查隐患312处，已整改305处。\n"
    "李建平强调，各村居、各企业要压紧压实安全生产责任，紧盯重点行业和人员密集场所，"
    "扎实开展隐患排查整治，坚决遏制各类事故发生，确保全镇安全形势持续稳定。"
)
REPOSTS = {
    "reworded opening": STORY.replace(
        "12月29日下午，北塘镇召开2024年安全生产工作会议",
        "北塘镇于12月29日下午举行2024年安全生产工作会议"),
    "appended closing line": STORY + "\n下一步，北塘镇将继续抓好各项安全防范措施的落实。",
    "other header and footer lines": "来源：临江区融媒体中心\n" + STORY + "\n责任编辑：张敏",
    "80% excerpt": STORY[:STORY.index("李建平强调")] + "李建平强调，各村居、各企业要压紧压实安全生产责任。",
    "traditional characters": STORY.replace("镇召开", "鎮召開").replace("会议", "會議")
                                   .replace("总结", "總結").replace("书记", "書記").replace("发生", "發生"),
    "full-width digits": STORY.replace("12月29日", "１２月２９日").replace("2024", "２０２４")
                              .replace("312", "３１２").replace("305", "３０５"),
}
HARD_NEGATIVES = {
    # the same meeting type with the same officials, another year's sitting
    "another date": STORY.replace("12月29日", "12月27日").replace("2024年", "2023年")
                         .replace("312处", "287处").replace("305处", "280处"),
    # the same template report, issued by another town with its own officials
    "another town": STORY.replace("北塘镇", "青石镇").replace("王海鹏", "赵振宇").replace("李建平", "陈立新"),
}


def test_signature_is_datasketch_minhash():
    shingles = shingle_hashes(story_text(TITLE, STORY))
    reference = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32", hashfunc=lambda v: v)
    reference.update_batch(shingles.tolist())
    assert np.array_equal(signature(shingles), reference.hashvalues)


def test_header_footer_script_and_width_do_not_count():
    plain = story_text(None, "3月5日上午，区委召开常委会会议。\n会议还研究了其他事项。")
    dressed = story_text(None, "来源：区融媒体中心\n３月５日上午，區委召開 常委會會議。\n\n会议还研究了其他事项！\n（责任编辑：张三）")
    assert plain == dressed == "3月5日上午区委召开常委会会议会议还研究了其他事项"


@pytest.mark.parametrize("kind", sorted(REPOSTS))
def test_reposts_are_candidates_and_verify(kind):
    original, repost = fingerprint(TITLE, STORY), fingerprint(TITLE, REPOSTS[kind])
    assert len(set(original.keys) & set(repost.keys)) >= 2  # the archive's candidate rule
    assert original.similarity(TITLE, REPOSTS[kind]) is not None
    assert repost.similarity(TITLE, STORY) is not None


@pytest.mark.parametrize("kind", sorted(HARD_NEGATIVES))
def test_hard_negatives_stay_apart(kind):
    original = fingerprint(TITLE, STORY)
    assert original.similarity(TITLE, HARD_NEGATIVES[kind]) is None
    assert fingerprint(TITLE, HARD_NEGATIVES[kind]).similarity(TITLE, STORY) is None


def test_a_repost_may_name_the_town_its_source_called_ours():
    ours = STORY.replace("北塘镇召开", "我镇召开")
    assert fingerprint(TITLE, ours).similarity(TITLE, STORY) is not None


def test_unrelated_story_is_not_the_same():
    other = ("南湖公园北区经过一年多的提升改造，将于5月1日起正式对外开放，市民可免费入园游览。"
             "此次改造新建环湖步道2.6公里，增设儿童游乐区、健身广场各1处，新增停车泊位120个。")
    assert fingerprint(TITLE, STORY).similarity("南湖公园北区开放", other) is None


def test_too_short_to_judge_gives_no_fingerprint():
    assert fingerprint("通知", "详见附件。") is None


def test_keys_are_stable_across_calls_and_processes():
    # Stored keys must match what another process computes later: fixed values, not hash().
    first = fingerprint(TITLE, STORY).keys
    assert first == fingerprint(TITLE, STORY).keys
    assert len(first) == BANDS and all(isinstance(k, int) and -2**63 <= k < 2**63 for k in first)


def test_template_report_does_not_match_a_repost_of_the_original_either():
    # The district's repost reworded the opening; the other town's template names its own
    # officials once each, so only the place names tell them apart.
    repost = REPOSTS["reworded opening"] + "\n下一步，北塘镇将继续抓好各项安全防范措施的落实。"
    template = HARD_NEGATIVES["another town"]
    assert fingerprint(TITLE, repost).similarity(TITLE, template) is None
    assert fingerprint(TITLE, template).similarity(TITLE, repost) is None
