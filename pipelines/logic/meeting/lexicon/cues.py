"""Words around names: what ends a name, what makes a role, what presides.

Names are found by position (after a title, before a verb), not by a word segmenter, so a
name that is also a word (洪流, 安静, 严峻) is found where it stands next to a title, and the
same word used as a word (形势严峻) never becomes a person.
"""

#: Words that commonly follow a name: the name ends where one starts. Single characters are
#: weaker evidence than words (高原到 vs 王立新出席), see ``people.name_at``.
AFTER_NAME = (
    "主持", "出席", "参加", "列席", "陪同", "带队", "带领", "率队", "率领", "率", "指出", "强调", "要求",
    "表示", "讲话", "致辞", "致欢迎辞", "宣布", "作", "代表", "在", "就", "对", "向", "为", "到", "赴",
    "来到", "前往", "深入", "走进", "一行", "等", "分别", "汇报", "通报", "介绍", "说", "任", "具体",
    "现场", "到场", "到会", "先后", "实地", "调研", "视察", "检查", "走访", "看望", "慰问", "也", "还",
    "又", "和", "与", "及", "以及", "共同", "一同", "参观", "听取", "会见", "希望", "认为", "提出",
    "总结", "部署", "传达", "领学", "宣读", "解读", "点评", "签署", "见证", "揭牌", "发言", "指挥",
    "组织", "结合", "围绕", "并", "同", "亲自", "专门", "首先", "随后", "最后", "详细", "认真", "充分",
    "高度", "肯定", "感谢", "进行", "回答", "回应", "同时", "则", "都", "已", "将", "作了", "作出",
    "逐一", "主讲", "授课", "宣讲", "动员", "布置", "安排", "督促", "勉励", "鼓励", "寄语", "叮嘱",
    "详细了解", "了解", "察看", "查看", "考察", "督导", "调度", "研究", "审议", "听", "同大家",
    "与会", "出席会议", "一起", "等人", "等领导", "的", "所作", "受", "代为", "指导", "主讲人",
)

#: Words right before a name that end the text before it (会议由 + 镇党委…, 会上，+ 王海鹏镇长).
BEFORE_NAME = ("由", "和", "与", "及", "以及", "同", "向", "邀请", "陪同", "请", "为", "对", "经", "是",
               "有", "会上", "随后", "期间", "其中", "包括", "看望", "会见", "慰问", "听取", "学习", "传达",
               "贯彻", "把", "以", "按照", "根据", "落实", "了")

#: Presiding: a person immediately followed by one of these presided (主持会议, 主持并讲话,
#: 主持召开…, 主持座谈会, 主持签约仪式). 主持人 and the like are nouns, not presiding.
PRESIDE = ("主持", "出席并主持", "出席会议并主持", "到会并主持")
NOT_PRESIDE_AFTER = ("人", "词", "稿")

#: A person is only *mentioned* (not there) when the text studies or relays their words:
#: right before the mention ...
MENTIONED_BEFORE = ("学习", "传达", "贯彻", "领学", "研读", "学习贯彻", "传达学习", "深入学习", "认真学习",
                    "学深悟透", "践行", "遵循", "按照", "根据", "把", "以", "将", "落实", "贯彻落实")
#: Quotation marks: a person inside a quotation is in someone's words, not at the event.
OPEN_QUOTE, CLOSE_QUOTE = "“", "”"
#: ... or later in the same clause.
MENTIONED_AFTER = ("重要讲话", "讲话精神", "重要指示", "指示精神", "指示批示", "重要论述", "重要思想",
                   "思想", "重要批示", "批示精神", "重要回信", "回信精神", "贺信", "署名文章", "重要文章",
                   "重要要求", "殷切嘱托", "讲话要求", "讲话中")
#: Doctrines written right after a leader's name with no title (习近平法治思想).
DOCTRINES = ("新时代中国特色社会主义思想", "法治思想", "生态文明思想", "经济思想", "外交思想", "强军思想",
             "文化思想", "思想", "理论", "同志关于")

#: Byline roles (记者 周晓宁 通讯员 李欣, （通讯员 黄一鸣）).
BYLINE_ROLES = ("实习记者", "见习记者", "特约记者", "融媒体记者", "记者", "通讯员", "特约通讯员", "摄影",
                "摄像", "撰稿", "供稿", "作者")

#: Lines of page furniture around an article (navigation, publish line, counters, sharing).
CHROME_LINE_STARTS = ("首页", "当前位置", "您的位置", "您现在的位置", "发布时间", "发布日期", "来源：", "来源:",
                      "作者：", "浏览次数", "浏览量", "点击数", "点击量", "点击：", "字号", "【字体", "字体：",
                      "打印本页", "【打印", "关闭窗口", "【关闭", "分享到", "扫一扫", "返回顶部", "索引号", "信息来源",
                      "时间：", "日期：")
#: Lines after which only page furniture follows (related links, footer).
FOOTER_LINE_STARTS = ("上一篇", "下一篇", "上一条", "下一条", "相关新闻", "相关链接", "相关阅读", "相关文章",
                      "推荐阅读", "延伸阅读", "热点新闻", "版权所有", "主办单位", "主办：", "网站标识码", "网站地图",
                      "联系我们", "技术支持")
