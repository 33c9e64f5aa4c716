"""Whole-page extraction on hand-written pages imitating Shanghai district portals.

The fixtures are original pages written for these tests (TRS-style UTF-8, Hanweb-style GBK,
a news page with comments); every expected value below was written by hand from the page.
"""
from __future__ import annotations

import pytest

from crawler.parsing.article import extract_article
from pipelines.logic.text_cleaning import clean_article

from .conftest import fixture_bytes

TRS_URL = "http://www.shcn.gov.cn/xwzx/zjdt/20230112/1226300.html"


@pytest.fixture(scope="module")
def trs():
    return extract_article(fixture_bytes("trs_article.html"), TRS_URL,
                           {"Content-Type": "text/html; charset=utf-8"})


def test_trs_page_is_an_article_with_its_fields(trs):
    assert trs.is_article and trs.reason is None
    article = trs.article
    assert article.title == "新泾镇开展春节前安全生产联合检查"  # <br> inside the <h1> removed
    assert article.published == "2023-01-12T10:30"
    assert article.source == "新泾镇"
    assert article.editor == "李明"
    assert article.author is None
    assert article.site is None
    assert article.url == TRS_URL


def test_trs_body_is_the_article_paragraphs_only(trs):
    assert trs.article.body.split("\n") == [
        "1月11日上午，新泾镇安全生产委员会组织镇应急管理办公室、市场监管所和消防救援站，对辖区内的商场、"
        "餐饮店和老旧小区开展春节前安全生产联合检查。",
        "守牢商场消防底线",
        "检查组先后来到天山西路沿线两家大型商场，逐层查看消防通道、应急照明和灭火器材配置情况，"
        "要求商场在节日客流高峰期间加密巡查频次，确保安全出口畅通。",
        "在一家餐饮店后厨，检查人员重点查看了燃气管道和泄漏报警装置，对发现的两处隐患当场提出整改意见，"
        "并督促店方限期完成整改。",
        "镇党委副书记、镇长王伟表示，节日期间人员流动大，各部门要压紧压实安全责任，让居民度过一个平安祥和的春节。",
        "附件：新泾镇春节前安全检查工作方案.pdf",
    ]
    for noise in ("字号", "打印本页", "关闭窗口", "责任编辑", "相关链接", "页面生成时间", "分享到", "当前位置",
                  "检查组在商场查看消防设施", "margin-top", "2019-01-01"):
        assert noise not in trs.article.body


def test_trs_images_captions_and_attachments_are_absolute(trs):
    assert trs.article.images == [{
        "src": "http://www.shcn.gov.cn/xwzx/zjdt/20230112/W020230112_001.jpg",
        "caption": "检查组在商场查看消防设施",
    }]
    assert trs.article.attachments == [{
        "url": "http://www.shcn.gov.cn/upload/2023/01/P020230112_aqjc.pdf",
        "name": "新泾镇春节前安全检查工作方案.pdf",
    }]


def test_extraction_output_is_already_clean(trs):
    article = trs.article
    assert clean_article(article) == article
    assert article.content_hash.startswith("sha256:")
    again = extract_article(fixture_bytes("trs_article.html"), TRS_URL)
    assert again.article.content_hash == article.content_hash


def test_hanweb_gbk_notice():
    url = "http://xjz.example.gov.cn/art/2023/1/18/art_102_5678.html"
    result = extract_article(fixture_bytes("hanweb_notice_gbk.html"), url, {"Content-Type": "text/html"})
    assert (result.encoding, result.encoding_source, result.lossy_encoding) == ("gb18030", "meta", False)
    assert result.is_article
    article = result.article
    assert article.title == "关于春节期间生活垃圾清运时间调整的通知"
    assert article.subtitle == "——请广大居民提前做好分类投放"
    assert article.published == "2023-01-18"
    assert article.source == "新泾镇城建中心"
    assert article.body.split("\n") == [
        "各居民区、各物业服务企业：",
        "为保障春节期间辖区环境整洁，经研究，现将生活垃圾清运时间调整事项通知如下：",
        "一、1月21日至1月27日，湿垃圾每日清运一次，清运时间调整为上午8时至10时。",
        "二、干垃圾、可回收物的清运安排不变，大件垃圾暂停预约清运，1月28日起恢复。",
        "三、请各居民区提前告知居民，节日期间做好分类投放。联系人：王堃，联系电话：021-00000000。",
        "特此通知。",
        "新泾镇城建中心",
        "2023年1月18日",
    ]
    assert article.attachments == [
        {"url": "http://xjz.example.gov.cn/module/download/downfile.jsp?filename=qysjb.docx",
         "name": "春节期间清运时间表.docx"},
        {"url": "http://xjz.example.gov.cn/art/2023/1/18/P020230118_qysjb.xls", "name": "清运点位表.xls"},
    ]


def test_news_page_kicker_repeated_headline_byline_and_comment_dates():
    url = "http://www.example.cn/news/2023/0207/c1.html"
    result = extract_article(fixture_bytes("news_with_comments.html"), url)
    assert result.is_article
    article = result.article
    assert article.title == "新泾镇举办社区睦邻节开幕式"
    assert article.subtitle == "邻里守望 共建家园"
    assert article.published == "2023-02-07T09:15"  # not a comment's 2023-02-08 20:31
    assert article.source == "长宁区融媒体中心"
    assert article.author == "陈晓"
    assert article.body.split("\n") == [
        "本报讯（记者 陈晓 通讯员 林立）2月6日下午，新泾镇第十届社区睦邻节在镇文化活动中心开幕，"
        "来自各居民区的三百余名居民和志愿者参加活动。",
        "开幕式上，各居民区文艺团队表演了沪剧、舞蹈和小合唱等节目，现场还设置了家庭才艺展示和睦邻美食分享区，"
        "吸引居民驻足参与。",
        "据介绍，本届睦邻节将持续到3月底，期间将开展邻里运动会、楼组议事会和垃圾分类亲子课堂等二十余项活动。",
    ]


def test_short_real_notice_is_an_article():
    result = extract_article(fixture_bytes("short_notice.html"), "http://xjz.example.gov.cn/tzgg/2023/0116/1.html")
    assert result.is_article
    assert result.article.title == "新泾镇社区事务受理服务中心春节期间暂停对外服务的公告"
    assert result.article.published == "2023-01-16"
    assert result.article.source == "新泾镇社区事务受理服务中心"
    assert result.article.body == (
        "根据春节放假安排，本中心1月21日至1月27日暂停对外服务，1月28日起恢复正常办公。\n"
        "急需办理业务的居民可通过“一网通办”平台在线申请。给您带来不便，敬请谅解。")


@pytest.mark.parametrize("name, url, reasons", [
    ("list_page.html", "http://xjz.example.gov.cn/xwzx/zjdt/index.html", {"list-page"}),
    ("list_with_summaries.html", "http://xjz.example.gov.cn/xwfb/index.html", {"list-page"}),
    ("topic_page.html", "http://xjz.example.gov.cn/ztzl/esd/index.html", {"topic-page"}),
    ("contact_page.html", "http://xjz.example.gov.cn/lxwm/index.html", {"site-info-page"}),
    ("home_page.html", "http://xjz.example.gov.cn/", {"home-page"}),
    ("too_short.html", "http://xjz.example.gov.cn/zwgk/czxx/1.html", {"too-short", "no-body"}),
])
def test_non_articles_are_rejected_with_a_reason(name, url, reasons):
    result = extract_article(fixture_bytes(name), url)
    assert result.is_article is False
    assert result.article is None
    assert result.reason in reasons
    assert result.draft is not None  # the best effort is still available to callers
