"""Rewriting Cantonese words and common typos in a question into standard written Chinese.

Residents type 嘅/咗/唔/喺 and 几耐/边个; the corpus is in Mandarin. Left as they are, such
characters form bigrams no passage has, which sinks both the ranking and the confidence
(an unseen bigram weighs as the rarest term there is). Unlike the synonym map, this replaces
the words rather than appending, so the noise is gone. Only forms that cannot be misread in
Mandarin are listed: bare 系 or 点 are left alone (系统, 疏导点).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

CANTONESE: Final[Mapping[str, str]] = {
    "系唔系": "是不是",
    "系咪": "是不是",
    "系咩": "是什么",
    "系乜": "是什么",
    "系指": "是指",
    "系边": "是哪",
    "係": "是",
    "使唔使": "需不需要",
    "得唔得": "可不可以",
    "有冇": "有没有",
    "点样": "怎样",
    "点算": "怎么办",
    "点解": "为什么",
    "点办": "怎么办",
    "点做": "怎么做",
    "几耐": "多久",
    "多耐": "多久",
    "成日": "经常",
    "日日": "每天",
    "而家": "现在",
    "琴日": "昨天",
    "寻日": "昨天",
    "听日": "明天",
    "边处": "哪里",
    "乜嘢": "什么",
    "街坊": "居民",
    "差佬": "警察",
    "雪柜": "冰箱",
    "电单车": "摩托车",
    "单车": "自行车",
    "唔该": "请",
    "几多": "多少",
    "几钱": "多少钱",
    "边个": "谁",
    "边度": "哪里",
    "边间": "哪家",
    "边日": "哪天",
    "边啲": "哪些",
    "呢个": "这个",
    "呢度": "这里",
    "嗰个": "那个",
    "嗰度": "那里",
    "屋企": "家里",
    "冲凉": "洗澡",
    "打风": "台风",
    "落雨": "下雨",
    "地盘": "工地",
    "打交": "打架",
    "隔篱": "邻居",
    "老人家": "老人",
    "阿婆": "老人",
    "阿公": "老人",
    "阿伯": "老人",  # jieba also tags 阿伯 as a place name, which zeroed the confidence
    "沙井": "井盖",
    "影相": "拍照",
    "士多": "小店",
    "泥头": "建筑垃圾",
    "泊车": "停车",
    "跌落": "掉下",
    "跌咗": "掉了",
    "咩": "什么",
    "乜": "什么",
    "嘅": "的",
    "咗": "了",
    "唔": "不",
    "喺": "在",
    "冇": "没有",
    "俾": "给",
    "畀": "给",
    "睇": "看",
    "嘢": "东西",
    "啲": "些",
    "佢": "他",
    "嚟": "来",
    "搵": "找",
    "揾": "找",
    "嘈": "吵",
    "攞": "拿",
    "掟": "扔",
    "仲": "还",
    "咁": "这么",
    "噉": "这样",
}

# Homophone and near-form slips seen in residents' messages, for words the corpus relies on.
TYPOS: Final[Mapping[str, str]] = {
    "天然气": "天然气",  # kept as it is: the longest match wins, so 然气 below cannot break it
    "燃起": "燃气",
    "然气": "燃气",
    "燃汽": "燃气",
    "煤汽": "煤气",
    "媒气": "煤气",
    "漏汽": "漏气",
    "液化汽": "液化气",
    "报警气": "报警器",
    "报井器": "报警器",
    "热水气": "热水器",
    "违见": "违建",
    "违章建筑": "违法建设",
    "路等": "路灯",
    "井改": "井盖",
    "门前三宝": "门前三包",
    "分内": "分类",
    "垃极": "垃圾",
    "拉圾": "垃圾",
    "钢平": "钢瓶",
    "自必阀": "自闭阀",
    "自闭伐": "自闭阀",
    "摆滩": "摆摊",
    "疏到点": "疏导点",
    "罚宽": "罚款",
    "城馆": "城管",
}

_TABLE: Final = {**CANTONESE, **TYPOS}
_PATTERN: Final = re.compile("|".join(re.escape(k) for k in sorted(_TABLE, key=len, reverse=True)))
_YUAN: Final = re.compile(r"(?<=\d)\s*蚊")  # 1200蚊 is 1200元


def standardize(text: str) -> str:
    """`text` with Cantonese words and known typos replaced by standard forms."""
    return _PATTERN.sub(lambda match: _TABLE[match.group(0)], _YUAN.sub("元", text))
