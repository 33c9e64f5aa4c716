"""Titles of office, as written right before (or after) a person's name.

``TITLE_WORDS`` are complete titles; an internal body written before one (党委 + 副书记,
宣传部 + 部长, 法治建设委 + 副主任) is matched separately (``orgs.INTERNAL_BODIES``) and stays
part of the title as written. ``LEVEL_TITLES`` carry their own body: 区长 is the head of the
district government, so 区委副书记、区长 spans two bodies (区委, 区政府).
"""

#: Complete titles (heads of a title). Longer entries win over their parts.
TITLE_WORDS = (
    # party and state
    "总书记", "总理", "副总理", "国务委员", "国家主席", "国家副主席", "委员长", "副委员长", "书记", "副书记", "专职副书记", "常委", "委员", "候补委员", "党组书记", "党组副书记",
    "党组成员", "党委书记", "党委副书记", "党委委员", "党工委书记", "党工委副书记", "党工委委员",
    "党总支书记", "党支部书记", "组织员", "纪检委员",
    # people's congress, CPPCC, government, courts
    "主任", "副主任", "常务副主任", "主席", "副主席", "常务主席", "执行主席", "人大主席", "人大副主席",
    "秘书长", "副秘书长", "主任委员", "副主任委员", "人大代表", "政协委员", "党代表",
    "部长", "副部长", "常务副部长", "局长", "副局长", "常务副局长", "厅长", "副厅长", "处长", "副处长",
    "科长", "副科长", "所长", "副所长", "站长", "副站长", "队长", "副队长", "大队长", "中队长",
    "院长", "副院长", "检察长", "副检察长", "庭长", "副庭长", "审判员", "馆长", "副馆长", "校长", "副校长",
    "主任科员", "调研员", "一级调研员", "二级调研员", "三级调研员", "四级调研员", "巡视员", "副巡视员",
    "督察长", "政委", "教导员", "指导员", "组长", "副组长", "团长", "副团长", "会长", "副会长",
    "理事长", "副理事长", "社长", "主编", "总编辑",
    # enterprises and professions
    "董事长", "副董事长", "总经理", "副总经理", "总裁", "副总裁", "经理", "行长", "副行长", "总工程师",
    "首席执行官", "创始人", "教授", "副教授", "研究员", "院士", "专家",
    # forms of address written after a name
    "同志",
)

#: Titles that name the government of a level by themselves (title -> level).
LEVEL_TITLES = {
    "区长": "区", "副区长": "区", "常务副区长": "区", "代区长": "区",
    "县长": "县", "副县长": "县", "常务副县长": "县", "代县长": "县",
    "市长": "市", "副市长": "市", "常务副市长": "市", "代市长": "市",
    "镇长": "镇", "副镇长": "镇", "代镇长": "镇", "乡长": "乡", "副乡长": "乡",
    "省长": "省", "副省长": "省", "常务副省长": "省", "州长": "州", "副州长": "州",
    "旗长": "旗", "副旗长": "旗", "村长": "村",
}

#: Titles that may follow a name (王海鹏镇长, 李建平同志, 习近平总书记, 洪流主席).
POST_TITLES = (
    "同志", "总书记", "书记", "主席", "副主席", "主任", "副主任", "部长", "局长", "秘书长",
    "董事长", "总经理", "教授", "院士", "先生", "女士",
) + tuple(LEVEL_TITLES)

#: Post-name titles that are safe even without a clear left boundary (习近平总书记 after 学习).
POST_TITLES_UNBOUNDED = ("同志", "总书记")

#: What right after a title word shows it is part of a noun, not a title (主席台, 主任委员会).
NOT_TITLE_BEFORE = "台团会处室办组员令职位"

#: Collective words after a list of titled people: not titles (等区领导, 等镇领导班子成员).
COLLECTIVE_AFTER = ("等",)
