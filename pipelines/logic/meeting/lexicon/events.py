"""Kinds of event a district/town report covers, and the words around them.

``EVENT_TYPES`` are head nouns as the text writes them; the longest match wins (经济形势分析会
over 分析会), so specific kinds are listed next to their generic forms on purpose.
"""

EVENT_TYPES = (
    # meetings
    "常委会会议", "常务会议", "全体会议", "工作会议", "专题会议", "联席会议", "办公会议", "扩大会议",
    "务虚会", "推进会", "部署会", "动员会", "调度会", "座谈会", "研讨会", "恳谈会", "观摩会", "现场会",
    "推介会", "对接会", "交流会", "分析会", "经济形势分析会", "形势分析会", "提案交办会", "交办会",
    "述职评议会", "述职评议", "述职", "述法", "述廉", "民主生活会", "组织生活会", "学习讨论会", "讨论会",
    "学习会", "读书班", "培训班", "培训会", "宣讲会", "报告会", "表彰大会", "表彰会", "总结会", "誓师大会",
    "动员大会", "推进大会", "人民代表大会", "党员代表大会", "职工代表大会", "代表大会", "新闻发布会",
    "发布会", "听证会", "协调会", "约谈会", "通报会", "见面会", "茶话会", "团拜会", "议事会", "评审会",
    "论证会", "评议会", "测评会", "汇报会", "征求意见会", "理论学习中心组学习", "中心组学习",
    "专题协商会", "协商会", "调研会", "视频会", "电视电话会议",
    # visits and inspections
    "调研", "视察", "检查", "督查", "督导", "考察", "走访", "慰问", "看望", "巡查", "暗访", "执法检查",
    # ceremonies and exercises
    "签约仪式", "开工仪式", "揭牌仪式", "启动仪式", "开园仪式", "竣工仪式", "奠基仪式", "颁奖仪式",
    "授牌仪式", "签约", "开幕式", "闭幕式", "演练", "会见", "会谈",
)

#: Visits have no name of their own unless the text makes one (开展…视察活动).
VISIT_TYPES = ("调研", "视察", "检查", "督查", "督导", "考察", "走访", "慰问", "看望", "巡查", "暗访")

#: What right after a type word makes it part of a longer noun, not the event (调研组, 检查组,
#: 述职评议会议 read as 述职评议 + 会议, 人民代表大会常务委员会 = the standing committee).
NOT_TYPE_BEFORE = ("组", "站", "室", "员", "议", "常务委员会", "常委会", "成果", "报告", "课题")
#: A type followed by 暨 is the first of two joined names; the head comes later.
JOINED_BY = ("暨",)

#: Generic modifiers: a name that is only these plus the type is no name (专题调研, 专题学习会).
GENERIC_MODIFIERS = ("专题", "集体", "专项", "本次", "此次", "这次", "会议", "活动", "一次")

#: Verbs whose subject holds the event (organiser) and after which its name starts.
HOLD_VERBS = ("主持召开", "召开", "举行", "举办", "开展", "组织", "签署", "签订")
#: Words after which an event name starts (besides HOLD_VERBS and punctuation).
NAME_START_AFTER = HOLD_VERBS + ("进行",)

#: Verbs of place: 在X召开, 到X调研.
AT_VERBS = ("召开", "举行", "举办", "开展", "开幕", "闭幕", "进行", "召开了")
VISIT_VERBS = ("来到", "前往", "深入", "到", "赴")
#: A location ends in one of these (or is a town/district): 区行政中心, 镇政府大礼堂, 三楼会议室.
PLACE_ENDINGS = (
    "中心", "会议室", "礼堂", "大礼堂", "报告厅", "广场", "林区", "园区", "产业园", "公园", "园", "镇", "街道",
    "村", "社区", "区", "县", "市", "乡", "馆", "厅", "楼", "室", "基地", "现场", "学校", "公司", "酒店",
    "宾馆", "大厦", "剧院", "站", "所", "院", "工地", "港", "码头", "集团", "会场", "山", "河", "湖",
)
#: Titles of articles that are not reports of an event (notices, explainers, statistics).
NOT_A_REPORT_TITLE = ("通知", "通告", "公告", "公示", "解读", "问答", "指南", "须知", "倡议书", "招聘",
                      "启事", "名单", "目录", "决定", "办法", "规定", "意见")

#: Verbs that make a sentence an event sentence (to prefer its date).
EVENT_VERBS = ("召开", "举行", "举办", "开展", "调研", "视察", "出席", "主持", "参加", "走访", "检查",
               "慰问", "带队", "来到", "到", "赴", "开幕", "闭幕", "签约", "演练", "考察", "督导")

#: Kinds written as a phrase rather than one word (regex on folded text -> type reported).
#: 人民代表大会常务委员会第十五次会议 / 人大常委会召开第十五次会议 are standing-committee sessions.
PHRASE_TYPES = (
    (r"(?:常务委员会|常委会)(?:召开)?第[0-9一二三四五六七八九十百]{1,5}次会议", "常委会会议"),
    (r"(?:常务委员会|常委会)(?:召开)?第[0-9一二三四五六七八九十百]{1,5}次(?:主任)?会议", "常委会会议"),
)
#: What a congress's name goes on with after its type word (…人民代表大会第五次会议).
NAME_CONTINUATION = r"第[0-9一二三四五六七八九十百]{1,5}次(?:全体)?会议"
