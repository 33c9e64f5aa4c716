"""Caption lines in plain text are told from subheadings and paragraphs."""
from __future__ import annotations

import pytest

from pipelines.logic.captions import is_caption_line


@pytest.mark.parametrize("line", [
    "会议现场", "走访调研", "图为演练现场", "图为区人大代表在施工现场听取项目负责人介绍工程进度",
    "上图：志愿者为老人测量血压", "图一 新泾镇社区党群服务中心", "活动合影", "社区一角",
    "居民在睦邻节上表演沪剧（记者 陈晓 摄）", "检查组在商场查看消防设施（新泾镇供图）",
])
def test_captions(line):
    assert is_caption_line(line)


@pytest.mark.parametrize("line", [
    "守牢商场消防底线",  # subheading
    "新泾镇召开2023年学习讨论会",  # headline
    "听心声 鼓干劲 助发展",  # kicker
    "日前，新泾镇召开2023年学习讨论会。",  # sentence
    "会后，与会人员来到防汛物资仓库现场",  # clause, too long and punctuated for a label
    "深入基层开展走访调研，倾听群众心声，解决实际问题",  # running text ending with a scene word
    "新泾镇城建中心",  # signature
])
def test_not_captions(line):
    assert not is_caption_line(line)
