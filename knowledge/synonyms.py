"""Query-side synonym map: residents' everyday words → the words official documents use.

Only the question is expanded, never the index, so adding an entry needs no re-index. The
original words stay in the query (documents sometimes quote the colloquial term too); the
official terms are appended. Matching is longest-first, so 煤气罐 maps to the cylinder
terms and is not also read as 煤气.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from knowledge.text import normalize

COLLOQUIAL_TO_OFFICIAL: Final[Mapping[str, str]] = {
    # gas
    "煤气罐": "液化石油气钢瓶 液化石油气 钢瓶 瓶装燃气",
    "液化气罐": "液化石油气钢瓶 液化石油气 钢瓶",
    "煤气瓶": "液化石油气钢瓶 钢瓶 瓶装燃气",
    "气罐": "液化石油气钢瓶 钢瓶",
    "气瓶": "液化石油气钢瓶 钢瓶",
    "液化气": "液化石油气",
    "石油气": "液化石油气",
    "煤气味": "燃气泄漏 燃气 气味",
    "漏气": "燃气泄漏 泄漏",
    "煤气": "燃气",
    "天然气": "燃气 管道燃气",
    "管道气": "管道燃气",
    "管道煤气": "管道燃气",
    "装燃气": "安装管道燃气 加装",
    "通燃气": "管道燃气 通气",
    "喉管": "软管 连接管",
    "胶管": "软管",
    "燃气表": "燃气计量表",
    "报警器": "燃气报警器",
    "炉头": "燃气灶",
    "煤气炉": "燃气灶",
    "煤气灶": "燃气灶",
    "老楼": "老旧小区 旧楼",
    "旧房": "老旧小区",
    "煤气喉": "燃气 软管",
    "气喉": "软管",
    "条喉": "软管",
    "偷气": "盗用燃气",
    "偷燃气": "盗用燃气",
    "转给": "转供",
    "囤": "囤积 多瓶",
    "吹熄": "吹灭 熄灭",
    "熄火": "熄火保护 熄灭",
    "晕": "头晕 昏迷",
    "水浸": "浸水",
    "几年": "年限 使用年限",
    "犯法": "违法 禁止",
    "刻字": "刻画 涂写",
    "吵": "噪声",
    "罚": "罚款 处罚",
    "机器人": "城管小助手",
    "电池": "有害垃圾 电池",
    "丢": "投放",
    # street order and sanitation
    "摆摊": "占道经营 摊贩 摆卖",
    "摆卖": "占道经营 摊贩",
    "乱摆卖": "占道经营 流动摊贩",
    "小贩": "流动摊贩 摊贩",
    "地摊": "占道经营 摊贩",
    "违建": "违法建设",
    "乱搭建": "违法建设 搭建",
    "僭建": "违法建设",
    "加建": "违法建设 搭建",
    "卫生费": "生活垃圾处理费 环卫收费",
    "垃圾费": "生活垃圾处理费",
    "倒垃圾": "生活垃圾 投放",
    "扔垃圾": "生活垃圾 投放",
    "招牌": "户外广告 招牌",
    "广告牌": "户外广告",
    "投诉": "举报 投诉",
    "反映": "举报",
    "城管": "城市管理 综合执法",
    "井盖": "井盖 市政设施",
    "罚多少": "罚款",
    "罚钱": "罚款",
    # Cantonese and other everyday forms residents type
    "几耐": "多久 时限",
    "几多钱": "多少钱 价格 费用",
    "几多": "多少",
    "几钱": "价格 费用",
    "边度": "哪里",
    "点算": "怎么办",
    "点样": "怎样",
    "冇": "没有",
    "唔": "不",
    "系咪": "是否",
    "拎": "携带",
    "公厕": "公共厕所",
    "垃圾桶满": "垃圾桶 满溢",
    "路灯坏": "路灯 不亮",
    "燃汽": "燃气",  # a common typo
    "然气": "燃气",
    "多久": "时限",
    "几天": "时限 工作日",
    # English: the corpus is Chinese (with short English summaries), so English questions
    # need the Chinese words for the same things.
    "gas leak": "燃气泄漏 燃气 泄漏",
    "smell gas": "燃气泄漏 气味",
    "smell": "气味 闻到",
    "lpg": "液化石油气 钢瓶",
    "cylinder": "钢瓶 液化石油气钢瓶",
    "natural gas": "天然气 管道燃气",
    "gas": "燃气",
    "pipe": "管道",
    "piped": "管道燃气",
    "subsidy": "补贴 补助",
    "old building": "旧楼 老旧小区",
    "rubbish": "垃圾",
    "garbage": "垃圾",
    "trash": "垃圾",
    "waste": "垃圾",
    "sorting": "分类",
    "recyclable": "可回收物",
    "recycle": "可回收物",
    "kitchen waste": "厨余垃圾",
    "food waste": "厨余垃圾",
    "hazardous": "有害垃圾",
    "vendor": "摊贩 占道经营",
    "vending": "摊贩 占道经营",
    "hawker": "摊贩 占道经营",
    "illegal construction": "违法建设",
    "illegal building": "违法建设",
    "fine": "罚款",
    "penalty": "罚款 处罚",
    "punish": "处罚",
    "alarm": "报警器",
    "detector": "报警器 探测器",
    "hose": "软管",
    "valve": "阀门",
    "self-closing valve": "自闭阀",
    "water heater": "热水器",
    "restaurant": "餐饮",
    "fee": "收费 费用",
    "price": "价格",
    "cost": "费用 价格",
    "report": "举报 上报",
    "complaint": "投诉 举报",
    "complain": "投诉 举报",
    "advert": "户外广告",
    "billboard": "户外广告",
    "sign": "招牌 户外广告",
    "inspector": "检查 入户安全检查",
    "inspection": "检查 安全检查",
    "scam": "冒充 诈骗",
    "fake": "冒充 假冒",
    "ignition": "通气 点火",
    "date": "日期 时间",
    "when": "时间",
    "accident": "事故",
    "car": "交通",
    "traffic": "交通",
    "fire": "火灾 119",
    "police": "报警 110",
    "ambulance": "急救 120",
    "tree": "树木 绿化",
    "road": "道路",
    "street light": "路灯",
    "manhole": "井盖",
    "toilet": "厕所",
    "shop": "商铺 店铺",
    "basement": "地下室",
    "elderly": "老人 独居",
    "child": "儿童 孩子",
    "children": "儿童 孩子",
    "deadline": "时限",
    "how long": "时限 多久",
    "privacy": "隐私 个人信息",
    "photo": "照片 拍照",
    "bot": "城管小助手 机器人",
    "battery": "电池 有害垃圾",
    "batteries": "电池 有害垃圾",
    "bin": "垃圾桶 投放",
    "kids": "儿童 孩子 小朋友",
    "kid": "儿童 孩子 小朋友",
    "camp": "体验营",
    "summer": "夏季",
    "smart city": "智慧城市 智慧城管",
    "conference": "大会",
    "location": "位置",
    "noise": "噪声",
}


@dataclass(frozen=True, slots=True)
class Expansion:
    """A question after synonym expansion, and which colloquial words were mapped."""

    text: str
    matched: tuple[str, ...]


def _pattern(keys: list[str]) -> re.Pattern[str]:
    # ASCII keys match whole words only, so "fine" does not fire inside "define".
    alternatives = [
        rf"\b{re.escape(key)}\b" if key.isascii() else re.escape(key)
        for key in sorted(keys, key=len, reverse=True)
    ]
    return re.compile("|".join(alternatives))


class SynonymMap:
    """Rewrites colloquial words of a question into the official vocabulary."""

    def __init__(self, mapping: Mapping[str, str] = COLLOQUIAL_TO_OFFICIAL) -> None:
        self._mapping = {normalize(key): value for key, value in mapping.items()}
        self._pattern = _pattern(list(self._mapping))

    def expand(self, question: str) -> Expansion:
        """The normalised question followed by the official terms of each colloquial word."""
        text = normalize(question)
        matched = tuple(dict.fromkeys(m.group(0) for m in self._pattern.finditer(text)))
        if not matched:
            return Expansion(text=text, matched=())
        additions = " ".join(self._mapping[key] for key in matched)
        return Expansion(text=f"{text} {additions}", matched=matched)

    def official(self, colloquial: str) -> str:
        """The official terms a (normalised) colloquial word maps to, or '' if unknown."""
        return self._mapping.get(colloquial, "")
