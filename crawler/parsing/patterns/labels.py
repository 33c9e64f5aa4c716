"""Labels of the "info line" printed under a headline, and byline shapes.

A typical Shanghai district portal prints
``发布时间：2023-02-06 10:30 来源：新泾镇 字号：大 中 小 打印本页 关闭窗口``; news portals print
``2019年06月15日08:18  来源：人民网-文化频道`` or ``(责编：汤诗瑶、丁涛)``. Each field's
value runs from its label to the next label of any kind (terminators included).
"""
from __future__ import annotations

import re

#: field -> labels, longest first within the regex built below.
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "published": ("发布时间", "发布日期", "发稿时间", "发表时间", "发表日期", "上线时间", "刊发时间",
                  "更新时间", "更新日期", "时间", "日期"),
    "source": ("信息来源", "稿件来源", "文章来源", "新闻来源", "消息来源", "本文来源", "来源于", "来源", "稿源",
               "出处", "发布机构", "发布单位", "供稿单位", "供稿"),
    "author": ("作者", "撰稿人", "撰稿", "采写", "执笔", "记者", "通讯员", "文字", "摄影", "文", "图"),
    "editor": ("责任编辑", "责编", "编辑", "审核", "校对"),
}

#: Labels that carry nothing we keep but end the previous field's value.
TERMINATOR_LABELS = (
    "字号", "字体", "浏览次数", "浏览量", "浏览", "点击数", "点击量", "点击", "阅读数", "阅读量",
    "访问量", "访问次数", "分享到", "分享", "打印", "关闭", "索引号", "主题分类", "文号", "发文字号",
    "成文日期", "生效日期", "有效性", "主题词", "关键词", "关键字", "标签", "所属栏目", "栏目",
)

#: Generic words that are only labels at a word boundary: ``会议时间：``, ``数据来源：`` are text.
UNGLUED_LABELS = frozenset({"时间", "日期", "来源", "出处", "文字"})

#: Labels that also introduce a speaker in interviews (``记者：您怎么看？``): a line starting
#: with them is only a byline when it parses as one.
SPEAKER_LABELS = frozenset({"记者", "通讯员"})

#: A line opening with a publish-date label: the article's own info line when printed after the
#: body (``发布日期：2023-02-12　信息来源：…``). Update times (更新时间) are not publish dates.
PUBLISHED_LINE_RE = re.compile(
    r"^[【\[（(]?\s*(?:发布时间|发布日期|发稿时间|发表时间|发表日期|刊发时间|上线时间|时间|日期)\s*[:：]")

#: Labels whose colon may be missing (``更新时间 2012年12月10日``) because a date follows.
COLON_OPTIONAL_FIELDS = ("published",)

#: Editor labels ranked: the 责任编辑 is preferred when a page prints several.
EDITOR_PREFERENCE = ("责任编辑", "责编", "编辑")

#: An author value that is a job title followed by the name (commentary pages:
#: ``作者：中国国际经济交流中心世界经济研究部部长、研究员徐占忱``): the name after the last title word.
TITLED_NAME_RE = re.compile(
    r"(?:研究员|副研究员|教授|副教授|讲师|博士|博士后|主任|副主任|部长|院长|副院长|所长|局长|处长|科长|"
    r"书记|主席|委员|秘书长|理事长|会长|总编辑|主编|记者|评论员|特约评论员|律师|专家|学者|经济学家)"
    r"\s*(?P<name>[\u4e00-\u9fff]{2,3}(?:·[\u4e00-\u9fff]{1,8})?)\s*$")

#: class/id tokens of header elements that hold the author's name alone
#: (``<span id="author_baidu">王帆</span>``, ``<span class="author">``).
AUTHOR_TOKENS = frozenset({"author", "authors", "zuozhe", "writer", "byline", "editor-author"})

#: Prefixes of a byline name list that are roles, not names: ``本报记者``, ``南都见习记者``.
ROLE_PREFIX_RE = re.compile(
    r"^(?:[^\s:：，,、]{0,8}?(?:记者|通讯员|特约记者|见习记者|实习生)|作者|撰稿|采写|执笔|文|图|摄影|摄)\s*[:：/]?\s*")

#: Role words printed after the names: ``（记者陈智 整合）``.
ROLE_SUFFIX_RE = re.compile(r"\s*(?:整合|综合|编译|整理|报道|采写|摄|摄影|图|文)$")

#: A staff line without colons: ``编辑 刘晓阳 校对 李铭`` (the editor is the first name).
EDITOR_LINE_RE = re.compile(
    r"^[（(【\[]?\s*(?:责任编辑|责编|编辑)\s+(?P<names>[\u4e00-\u9fff]{2,4}(?:[、\s][\u4e00-\u9fff]{2,4})?)"
    r"(?:\s+(?:校对|审核|审校|终审|二审|三审|监制|出品)\s*[\u4e00-\u9fff]{2,4})*\s*[）)】\]]?$")

#: A personal name as printed in bylines: 1-4 characters (single characters are the typeset
#: ``方  敏`` form, joined later), or a minority name with ``·``.
NAME = r"[\u4e00-\u9fff]{1,4}(?:·[\u4e00-\u9fff]{1,8})?"

#: One printed name as a whole value: 1-4 CJK characters (a lone character is one half of
#: ``方  敏``), a minority name with ``·``, or a Latin name/handle (``biaoffeng``).
PRINTED_NAME_RE = re.compile(r"[\u4e00-\u9fff]{1,4}(?:·[\u4e00-\u9fff]{1,8})*|[A-Za-z][A-Za-z0-9_.\- ]{0,30}")

#: Role words of a byline; 文 and 图 only count followed by ``/`` or ``：``.
ROLE = r"(?:记者|通讯员|实习生|作者|撰稿|采写|执笔|摄影|摄像|文(?=\s*[:：/])|图(?=\s*[:：/]))"

#: One ``role names`` group of a byline line.
BYLINE_GROUP_RE = re.compile(
    r"\s*[（(]?\s*(?P<outlet>[^\s:：，。（()）]{0,14}?)"
    r"(?P<role>" + ROLE + r")\s*[:：/]?\s*"
    r"(?P<names>" + NAME + r"(?:(?:\s+|、|，|,)(?!" + ROLE + r")" + NAME + r"){0,7})(?![\u4e00-\u9fff])\s*[）)]?")

#: Roles whose names are only used as the author when no writer is named.
PHOTO_ROLES = ("图", "摄影", "摄像")

#: ``来源：...`` glued after a byline (``中青报·中青网记者 魏其濛 来源：中国青年报``).
BYLINE_SOURCE_RE = re.compile(r"\s*(?:来源|稿源)\s*[:：]\s*(?P<source>\S{1,30})\s*$")

#: Longest line read as a standalone byline.
MAX_BYLINE_CHARS = 40

#: A parenthesised byline in a dispatch head or at the end of the text:
#: ``新华社巴黎12月9日电（记者唐霁）``, ``本报讯（记者 张三 通讯员 李四）``, ``……。（记者 胡晓蓉）``.
BRACKET_BYLINE_RE = re.compile(r"[（(]\s*(?P<inner>(?:本报|本台|本网)?(?:记者|通讯员|实习生)[^（()）]{1,40}?)\s*[）)]")

#: A bare name in brackets ending a commentary: ``……实现“多赢”“共赢”。（钟才文）``.
TRAILING_NAME_RE = re.compile(r"[（(]\s*(?P<name>[\u4e00-\u9fff]{2,3})\s*[）)]\s*$")
NOT_NAMES = frozenset({
    "完", "未完", "待续", "未完待续", "本报", "记者", "图片", "资料", "资料图", "供图", "摄影", "新华社", "中新社",
    "人民网", "央视", "央视网", "新华网", "原文", "全文", "附件", "同上", "下同", "上同", "略", "注", "转载",
    "来源", "编辑", "责编", "文图", "图文", "据报道", "待定", "暂定", "试行", "草案", "节选", "摘编", "有删节",
})
