"""One rule family per test, on small pages written for the test."""
from __future__ import annotations

from crawler.parsing.article import extract_article

PARAGRAPHS = (
    "<p>3月2日上午，新泾镇召开春季防汛防台工作部署会，总结去年防汛工作经验，部署今年重点任务。</p>"
    "<p>会议要求各部门加强隐患排查，完善应急预案，确保汛期辖区安全度汛，居民生命财产安全得到保障。</p>"
)


def page(body: str, title: str = "新泾镇召开春季防汛防台工作部署会_镇级动态_上海长宁", head: str = "") -> bytes:
    return f"<html><head><meta charset='utf-8'><title>{title}</title>{head}</head><body>{body}</body></html>".encode()


def extract(body: str, **kwargs):
    return extract_article(page(body, **kwargs), "http://www.example.gov.cn/xwzx/1.html")


def test_site_name_ending_the_title_tag_is_not_the_headline():
    result = extract(
        "<div class='top'><div class='site'>上海长宁</div></div>"
        "<div class='tagline'>镇级动态</div>"
        "<h1>新泾镇召开春季防汛防台工作部署会</h1><div class='info'>发布时间：2023-03-02</div>"
        f"<div class='content'>{PARAGRAPHS}</div>")
    assert result.article.title == "新泾镇召开春季防汛防台工作部署会"
    assert result.article.published == "2023-03-02"


def test_title_tag_without_headline_falls_back_to_the_heading_before_the_body():
    result = extract(
        "<div class='logo'>上海市长宁区新泾镇人民政府</div>"
        "<div class='article'><div class='tit'>新泾镇召开春季防汛防台工作部署会</div>"
        f"<div class='info'>日期：2023-03-02</div><div class='txt'>{PARAGRAPHS}</div></div>",
        title="上海市长宁区新泾镇人民政府")
    assert result.is_article
    assert result.article.title == "新泾镇召开春季防汛防台工作部署会"


def test_original_title_lines_are_neither_headline_nor_body():
    result = extract(
        "<h1>新泾镇召开春季防汛防台工作部署会</h1><div class='info'>发布时间：2023-03-02 来源：新泾镇</div>"
        "<div class='content'><p>（原标题：新泾镇召开春季防汛防台工作部署会）</p>"
        f"{PARAGRAPHS}</div>")
    assert result.article.title == "新泾镇召开春季防汛防台工作部署会"
    assert "原标题" not in result.article.body
    assert result.article.body.startswith("3月2日上午")


def test_caption_by_credit_and_bold_subheading_after_an_image():
    result = extract(
        "<h1>新泾镇召开春季防汛防台工作部署会</h1><div class='info'>发布时间：2023-03-02</div>"
        "<div class='content'>"
        "<p><img src='/u/1.jpg' width='600' height='400'></p><p>会议现场。（新泾镇供图）</p>"
        "<p style='text-align:center'><img src='/u/2.jpg'></p>"
        "<p style='text-align:center'><strong>压实防汛责任</strong></p>"
        f"{PARAGRAPHS}</div>")
    article = result.article
    assert article.images == [
        {"src": "http://www.example.gov.cn/u/1.jpg", "caption": "会议现场。（新泾镇供图）"},
        {"src": "http://www.example.gov.cn/u/2.jpg", "caption": None},
    ]
    assert article.body.split("\n")[0] == "压实防汛责任"
    assert "供图" not in article.body


def test_widget_bars_and_editor_lines_are_removed():
    result = extract(
        "<h1>新泾镇召开春季防汛防台工作部署会</h1>"
        "<div>发布日期：2023-03-02　信息来源：新泾镇　浏览次数：36</div>"
        "<div>【字体：<a>大</a> <a>中</a> <a>小</a>】【<a>打印</a>】【<a>关闭</a>】</div>"
        f"<div class='content'>{PARAGRAPHS}<p>编辑 刘晓阳 校对 李铭</p></div>"
        "<div>分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>")
    article = result.article
    assert article.body.count("\n") == 1
    assert article.editor == "刘晓阳"
    assert article.source == "新泾镇"


def test_hidden_by_display_none_is_skipped_but_visibility_hidden_text_is_kept():
    result = extract(
        "<h1>新泾镇召开春季防汛防台工作部署会</h1><div class='info'>发布时间：2023-03-02</div>"
        "<div style='display:none'><p>这是一段隐藏的旧版正文，不应进入文章。这是一段隐藏的旧版正文，不应进入文章。</p></div>"
        f"<div id='js_content' style='visibility: hidden;'>{PARAGRAPHS}</div>")
    assert result.article.body.startswith("3月2日上午")
    assert "隐藏" not in result.article.body


def test_widget_word_on_the_article_wrapper_does_not_hide_the_article():
    result = extract(
        "<h1>新泾镇召开春季防汛防台工作部署会</h1><div class='info'>发布时间：2023-03-02</div>"
        f"<div class='js_img_share_area'><div class='main_content'>{PARAGRAPHS}</div></div>"
        "<div class='share-box'>分享到：<a>微信</a></div>")
    assert result.is_article
    assert result.article.body.startswith("3月2日上午")


def test_gmt_time_is_converted_to_beijing_time():
    result = extract(
        "<h1>新泾镇召开春季防汛防台工作部署会</h1>"
        "<div>更新时间 2023年3月2日, 格林尼治标准时间18:30</div>"
        f"<div class='content'>{PARAGRAPHS}</div>")
    assert result.article.published == "2023-03-03T02:30"


def test_meta_date_gains_the_clock_time_printed_on_the_page():
    result = extract(
        "<h1>新泾镇召开春季防汛防台工作部署会</h1><div class='info'>2023-03-02 16:05　来源：新泾镇</div>"
        f"<div class='content'>{PARAGRAPHS}</div>",
        head="<meta name='publishdate' content='2023-03-02'>")
    assert result.article.published == "2023-03-02T16:05"


def test_undated_about_page_is_not_an_article_but_a_dated_report_is():
    about = ("<h1>新泾镇概况</h1><div class='content'>"
             + "<p>新泾镇位于长宁区西部，东接天山路街道，西邻闵行区，南与程家桥街道接壤，北靠苏州河，辖区面积约十平方公里。</p>" * 4
             + "</div>")
    result = extract(about, title="新泾镇概况-新泾镇")
    assert (result.is_article, result.reason) == (False, "site-info-page")
    report = extract("<h1>2022年新泾镇经济运行概况</h1><div class='info'>发布时间：2023-01-20</div>"
                     f"<div class='content'>{PARAGRAPHS}</div>", title="2022年新泾镇经济运行概况-新泾镇")
    assert report.is_article


def test_source_line_breaks_and_zero_width_characters_inside_chinese_text_leave_no_space():
    result = extract(
        "<h1>新泾镇召开春季防汛防台工作部署会</h1><div class='info'>发布时间：2023-03-02</div>"
        "<div class='content'><p>3月2日上午，新\u200b泾镇召开春季防汛\n        防台工作部署会，总结去年防汛工作经验，"
        "部署今年重点任务，Hello\nWorld。</p>"
        "<p>会议要求各部门加强隐患排查，完善应急预案，确保汛期辖区安全度汛，居民生命财产安全得到保障。</p></div>")
    assert result.article.body.split("\n")[0] == (
        "3月2日上午，新泾镇召开春季防汛防台工作部署会，总结去年防汛工作经验，部署今年重点任务，Hello World。")


def test_a_first_sentence_restating_the_headline_stays_but_a_headline_variant_goes():
    restating = extract(
        "<h1>新泾镇社区卫生服务中心开设家庭医生咨询日</h1><div class='info'>发布日期：2023-02-24</div>"
        "<div id='zoom'><p>从2月24日起，新泾镇社区卫生服务中心每周五上午开设家庭医生咨询日。</p>"
        "<p>居民可持社保卡到服务中心一楼咨询台，与签约家庭医生面对面交流，咨询慢性病管理、用药指导等问题。</p></div>",
        title="新泾镇社区卫生服务中心开设家庭医生咨询日")
    assert restating.article.body.startswith("从2月24日起")
    variant = extract(
        "<h1>新泾镇召开春季防汛防台工作部署会</h1><div class='info'>发布时间：2023-03-02</div>"
        f"<div class='content'><p>新泾镇召开春季防汛工作部署会议</p>{PARAGRAPHS}</div>")
    assert variant.article.body.startswith("3月2日上午")


def test_author_classed_element_gives_the_author_but_a_source_in_it_does_not():
    named = extract(
        "<h1>新泾镇召开春季防汛防台工作部署会</h1>"
        "<div class='info'><span class='time'>2023-03-02 08:10</span><span id='source_baidu'>来源：新泾镇</span>"
        "<span id='author_baidu'>王帆</span></div>"
        f"<div class='content'>{PARAGRAPHS}</div>")
    assert (named.article.author, named.article.source) == ("王帆", "新泾镇")
    source_in_author_box = extract(
        "<h1>新泾镇召开春季防汛防台工作部署会</h1>"
        "<div class='info'>2023-03-02 <span class='author'>来源：新泾镇</span></div>"
        f"<div class='content'>{PARAGRAPHS}</div>")
    assert (source_in_author_box.article.author, source_in_author_box.article.source) == (None, "新泾镇")


def test_labelled_date_after_the_body_but_not_a_related_item_date():
    after = extract(
        "<h2>新泾镇召开春季防汛防台工作部署会</h2>"
        f"<div class='wz'>{PARAGRAPHS}</div><div class='foot'>发布日期：2023-03-03　信息来源：新泾镇</div>"
        "<div><h4>相关文章</h4><p>发布时间：2023-02-01</p></div>", title="新泾镇召开春季防汛防台工作部署会")
    assert (after.article.published, after.article.source) == ("2023-03-03", "新泾镇")
    related_only = extract(
        "<h2>新泾镇召开春季防汛防台工作部署会</h2>"
        f"<div class='wz'>{PARAGRAPHS}</div>"
        "<div><h4>相关文章</h4><p>发布时间：2023-02-01</p></div><div>网友评论 2023-03-05 10:00</div>",
        title="新泾镇召开春季防汛防台工作部署会")
    assert related_only.draft.published is None


def test_publisher_in_the_title_tag_is_the_source_when_no_source_is_printed():
    result = extract(
        "<h1>新泾镇召开春季防汛防台工作部署会</h1><div class='info'>发布时间：2023-03-02</div>"
        f"<div class='content'>{PARAGRAPHS}</div>",
        title="新泾镇召开春季防汛防台工作部署会 - 长宁区人民政府 - 街镇动态")
    assert result.article.source == "长宁区人民政府"
    printed = extract(
        "<h1>新泾镇召开春季防汛防台工作部署会</h1><div class='info'>发布时间：2023-03-02 来源：新泾镇</div>"
        f"<div class='content'>{PARAGRAPHS}</div>",
        title="新泾镇召开春季防汛防台工作部署会 - 长宁区人民政府 - 街镇动态")
    assert printed.article.source == "新泾镇"


def test_text_repeating_the_image_alt_is_its_caption():
    result = extract(
        "<h1>新泾镇召开春季防汛防台工作部署会</h1><div class='info'>发布时间：2023-03-02</div>"
        "<div class='content'><p><img src='/u/1.jpg' alt='防汛物资仓库。新泾镇应急办供图 长宁报' width='600'></p>"
        f"<p>防汛物资仓库。新泾镇应急办供图 长宁报</p>{PARAGRAPHS}</div>")
    assert result.article.images == [{"src": "http://www.example.gov.cn/u/1.jpg",
                                      "caption": "防汛物资仓库。新泾镇应急办供图 长宁报"}]
    assert result.article.body.startswith("3月2日上午")


def test_editor_line_ends_the_article_even_inside_the_container():
    result = extract(
        "<h1>新泾镇召开春季防汛防台工作部署会</h1><div class='info'>发布时间：2023-03-02</div>"
        f"<div class='content'>{PARAGRAPHS}<p>责任编辑：<span></span></p>"
        "<blockquote><p>长宁区举行防汛演练</p><p>3月1日，长宁区在苏州河沿岸举行防汛演练，检验各单位应急响应能力。</p>"
        "</blockquote></div>")
    assert result.article.body.count("\n") == 1
    assert "防汛演练" not in result.article.body


def test_headline_variant_with_the_headlines_own_question_mark_goes():
    result = extract(
        "<h1>防汛准备好了吗？新泾镇召开春季防汛防台工作部署会</h1><div class='info'>发布时间：2023-03-02</div>"
        f"<div class='content'><p>防汛准备好了吗？新泾镇召开防汛防台部署会</p>{PARAGRAPHS}</div>",
        title="防汛准备好了吗？新泾镇召开春季防汛防台工作部署会_镇级动态")
    assert result.article.body.startswith("3月2日上午")


def test_site_name_inside_the_title_tag_site_segment_is_not_the_headline():
    result = extract(
        "<div class='logo'><b>新泾镇文体协会</b></div><div class='crumb'><h3>首页 - 新闻动态</h3></div>"
        "<div class='news'><h5>新泾镇召开春季防汛防台工作部署会</h5><div class='ly'>发布时间：2023-03-02</div>"
        f"<div class='detail'>{PARAGRAPHS}</div></div>",
        title="新闻动态--新泾镇文体协会官网")
    assert result.article.title == "新泾镇召开春季防汛防台工作部署会"


def test_source_in_the_headline_cell_is_read_not_taken_for_a_subtitle():
    result = extract(
        "<table><tr><td><span class='Title'><b>新泾镇召开春季防汛防台工作部署会</b></span><br>"
        "<font color='#C30000'>来源于：新泾镇应急办</font></td></tr>"
        f"<tr><td>2023-03-02</td></tr><tr><td class='zw'>{PARAGRAPHS}</td></tr></table>")
    assert (result.article.subtitle, result.article.source) == (None, "新泾镇应急办")


def test_photo_story_of_one_paragraph_and_captions_is_an_article():
    body = ("<h1>新泾镇举办迎春书画展</h1><div class='info'>2023-02-01 10:00</div><div class='content'>"
            "<p>1月31日，新泾镇迎春书画展在镇文化活动中心开幕，展出居民书画作品一百余幅。</p>"
            "<p><img src='/u/1.jpg' width='600'></p><p>居民在书画展现场欣赏作品。（新泾镇供图）</p>"
            "<p><img src='/u/2.jpg' width='600'></p><p>书法爱好者现场挥毫写春联送给居民。（新泾镇供图）</p></div>")
    result = extract(body, title="新泾镇举办迎春书画展")
    assert result.is_article
    assert result.article.body == "1月31日，新泾镇迎春书画展在镇文化活动中心开幕，展出居民书画作品一百余幅。"
    assert [image["caption"] for image in result.article.images] == [
        "居民在书画展现场欣赏作品。（新泾镇供图）", "书法爱好者现场挥毫写春联送给居民。（新泾镇供图）"]
    no_photos = extract(body.split("<p><img")[0] + "</div>", title="新泾镇举办迎春书画展")
    assert (no_photos.is_article, no_photos.reason) == (False, "too-short")
