"""Domain anchors: stems that mark a question as being about what our documents cover.

A question with no anchor at all (电动车怎样上牌, 头痛吃什么药) may still share a word or
two with some passage (电动车起火, 头晕头痛), which is how out-of-scope questions slip past
the coverage test. Such questions get their confidence scaled down (see the retriever), not
zeroed: a resident can ask an in-scope question in words this list lacks.
"""

from __future__ import annotations

import re
from typing import Final

from knowledge.text import normalize

_ANCHOR_LIST: Final = """
燃气 煤气 天然气 液化 石油气 气罐 气瓶 钢瓶 管道 漏气 泄漏 气味 灶 炉 热水器 报警器 自闭阀 阀
软管 喉 安检 一氧化碳 送气 充装 气点 用气 偷气 火 中毒 急救 消防 报警 困
垃圾 分类 厨余 餐厨 回收 有害 电池 药品 纸巾 投放 废物 残液 渣土
城管 城市管理 执法 市容 环卫 卫生 保洁 清扫 三包 摆摊 地摊 摊 小贩 占道 疏导 摆卖 出店
广告 招牌 牛皮癣 张贴 涂写 违建 违法 违章建筑 搭建 加建 扩建 天台 僭建 噪声 噪音 吵 施工
工地 打桩 装修 广场舞 绿化 树 井盖 路灯 人行道 盲道 护栏 排水 积水 市政 洗车 油烟
12345 110 119 120 上报 举报 投诉 工单 时限 小助手 机器人 隐私 照片 位置 智慧 1+4+n 白云
大会 城管员 文安 荔湾 补贴 补助 报装 旧楼 老楼 条例 罚 端州 高要 高新区 肇庆 二维码 老人 exif
gas lpg cylinder hose valve leak stove heater detector alarm rubbish garbage trash waste recycl
bin batter vendor hawker construction fine penalty report complain noise tree manhole light bot
photo privacy location inspector emergency fire police ambulance wenan baiyun smart
"""
ANCHORS: Final = tuple(_ANCHOR_LIST.split())
# English anchors match at a word start only (recycl → recycling; light is not in flight).
_PATTERN: Final = re.compile(
    "|".join(rf"\b{re.escape(a)}" if a.isascii() else re.escape(a) for a in ANCHORS)
)


def on_topic(question: str) -> bool:
    """True when the (standardised) question mentions at least one domain anchor."""
    return _PATTERN.search(normalize(question)) is not None
