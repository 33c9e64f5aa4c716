"""Organisations written before a title: levels, bodies, internal bodies, enterprises.

How the record splits organisation and title (CONTRACT.md, ``meeting.people``):

* a town or street (镇, 街道, 北塘镇, 南湖街道) is the organisation; its internal bodies stay in
  the title (党委书记, 人大主席, 办事处主任);
* a district/city body written as one abbreviation is the organisation (区委, 区政协,
  区人大常委会, 区应急管理局);
* titles of different bodies share their common level (区委副书记、区长 -> 区).
"""

#: Administrative levels, longest first where they overlap.
LEVELS = ("街道", "社区", "省", "市", "区", "县", "镇", "乡", "村", "旗", "州")
#: Levels whose internal bodies are written into the title (the town is the org).
TOWN_LEVELS = ("镇", "乡", "街道", "村", "社区")

#: Bodies written right after a district/city/county level character (区 + 委 = 区委).
LEVEL_BODIES = (
    "委常委会", "委", "政府", "政府办公室", "政府办", "委办公室", "委办", "政协", "人大常委会", "人大",
    "纪委监委", "纪委", "监委", "法院", "人民法院", "检察院", "人民检察院", "公安局", "公安分局",
    "工商联", "总工会", "妇联", "团委", "科协", "侨联", "残联", "文联", "红十字会", "委党校", "人武部",
)

#: Endings of a government department or agency (区 + 应急管理 + 局).
DEPARTMENT_ENDINGS = (
    "局", "委员会", "委", "办公室", "办", "中心", "分局", "支队", "大队", "管委会", "服务中心", "事务中心",
    "研究室", "工作站", "管理所", "执法队", "署", "院",
)

#: Bodies inside an organisation, written between the org and the title word.
INTERNAL_BODIES = (
    "党委", "党工委", "党组", "党总支", "党支部", "人大", "人大主席团", "人大工委", "办事处", "政府",
    "纪委", "纪工委", "监委", "监察办", "武装部", "宣传部", "组织部", "统战部", "政法委", "社工委",
    "两新工委", "管委会", "法治建设委", "法治建设委员会", "工会", "团委", "妇联", "党政办",
)
#: Endings of other internal bodies (法治建设委, 平安办): a few characters before one of these.
INTERNAL_BODY_ENDINGS = ("委", "部", "办")

#: Whole organisations that are not tied to a level (national bodies, a congress's presidium).
SPECIAL_ORGS = ("大会主席团", "主席团", "大会", "中心组", "领导小组", "中共中央政治局", "中央政治局", "中共中央",
                "中央", "国务院", "全国人大常委会", "全国人大", "全国政协", "中央军委", "中央纪委", "国家监委",
                "中央纪委国家监委")

#: Endings of enterprise and institution names (澜州新能集团, 第一人民医院).
ENTERPRISE_ENDINGS = (
    "集团", "有限公司", "股份有限公司", "公司", "银行", "医院", "大学", "学院", "学校", "中学", "小学",
    "研究院", "研究所", "协会", "商会", "基金会", "合作社", "事务所",
)

#: Nouns for groups of people: a subject ending in one of them is not an organiser body.
PEOPLE_NOUNS = ("代表", "委员", "干部", "群众", "人员", "负责人", "领导", "党员", "志愿者", "居民", "成员",
                "班子成员")
