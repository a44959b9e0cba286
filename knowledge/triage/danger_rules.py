"""The gas-danger rules: signs of danger, and the framing that says a sign is not happening now.

These were the whole check until the model (danger_model.py) came; on messages by writers they
were not tuned on they caught about half the dangers, and the model alone did better than
with them as features or as a floor (measured in danger_training.py). What they still do:
name the sign of a danger in words a log or a reason can show (`first_sign`), list the gas
words that let a sentence of a long message be read alone (`GAS_CUES`), and give the old
verdict (`rule_sign`) that the benchmark compares the model with.

A message is an emergency by the rules when it carries a danger sign (a gas smell, a leak, a
sounding alarm, symptoms, a damaged pipe, a meter running with everything off, or a cry for
help next to a gas word) and nothing marks it as not happening now: a hypothetical before the
sign ("如果闻到煤气味…"), a negation ("没有煤气味", "是烧焦味，不是煤气", "not gas") that
nothing after it takes back ("没闻到味，但是管子断了"; a smell negated leaves a sounding alarm
or a broken pipe standing), or, unless the message also says it is happening now ("现在越来越
臭", "热水器还开着"), a general, past, teaching or administrative framing, or a dream
("为什么煤气有臭味", "上个月漏气已经修好了", "燃气泄漏罚多少", "情景题：…", "我梦到家里漏气").
All patterns read folded text (danger_text.fold).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from knowledge.triage.danger_text import fold

_EN_GAS = r"(?<![a-z])(?:gas(?!oline|\s*station)|lpg|propane)(?![a-z])"
GAS_WORD: Final = (
    r"煤气|燃气|天然气|液化气|石油气|瓦斯|沼气|管道气|气罐|钢瓶|气瓶|罐装气|" + _EN_GAS
)
_DEVICE = (
    r"燃气管|煤气管|气管道|燃气表|煤气表|气表|炉头|煤气炉|燃气炉|炉灶|灶台|灶头|煤气灶|燃气灶|"
    r"减压阀|煤气喉|热水器|(?<![a-z])(?:stove|cooker|hob|burner|boiler|water heater)"
)
_GAS_CONTEXT: Final = re.compile(f"{GAS_WORD}|{_DEVICE}")

# Signs that need a gas word or a gas appliance somewhere in the message.
_SMELL = (
    r"(?<![美口风趣品意滋韵])味(?![精觉蕾])|臭|刺鼻|呛|闻到|闻见|嗅到"
    r"|(?<![a-z])(?:smell|stink|odou?r|fumes)"
)
_LEAK = (
    r"漏(?!水|电|雨|油|斗|洞|网|税|报|掉)|泄|跑气|冒气|喷气|冒出|有气出来|在出气|气[^。!?,]{0,3}一直出|"
    r"关不住|关不上|关不了|火灭了|"
    r"嘶嘶|呲呲|哧哧|咝咝|滋滋|丝丝|结霜|"
    r"(?<![a-z])(?:leak|hiss|escaping|spewing)"
)
_SYMPTOM = (
    r"头晕|头痛|头疼|迷糊|恶心|想吐|晕倒|昏迷|昏倒|叫不醒|喘不过气|"
    r"(?<![a-z])(?:dizzy|headache|nause|faint|passed out|unconscious)"
)
_DAMAGE = (
    r"挖破|挖断|挖坏|挖爆|撞坏|撞断|压坏|压扁|砸扁|砸坏|弄断|弄破|断了|断开|破了|爆了|裂了|裂开|变形|口子|"
    r"(?<![a-z])(?:broke|broken|burst|ruptured|damaged|cut through|crack)"
)
_METER_RUNNING = (
    r"(?:气表|燃气表|煤气表|(?<![a-z])meter)[^。!?]{0,12}"
    r"(?:转|走|跳|spinning|running|moving|turning)"
)
_HELP = r"救命|快来|快点|快些|紧急|很急|好急|急死|在线等|(?<![a-z])(?:help|urgent|asap)(?![a-z])|!!"
_FIRE = r"着火|起火|冒火|着了|烧起来|(?<![a-z])(?:on fire|caught fire|flames?)(?![a-z])"
_NEEDS_GAS: Final = re.compile(
    f"{_SMELL}|{_LEAK}|{_SYMPTOM}|{_DAMAGE}|{_METER_RUNNING}|{_FIRE}|{_HELP}"
)
# What, after "but", takes a negation back even with no gas word ("她说没闻到，可是我闻到了").
_SENSED: Final = re.compile(
    f"{_SMELL}|{_LEAK}|{_SYMPTOM}|{_DAMAGE}|{_FIRE}|声音|响声|鼻|洞|挖穿|穿了|穿孔|"
    r"(?<![a-z])(?:sound|noise|nose|punctur\w*|hole)(?![a-z])"
)

# Signs that are about gas on their own.
_ALARM_SOUNDING = (
    r"(?:报警器|警报器|探测器|(?<![a-z])(?:alarm|detector|sensor))"
    r"[^。!?,]{0,8}(?:响|叫|嘀|鸣|报警|哔|狂闪|going off|beeping|sounding|ringing|goes off)"
)
_ON_ITS_OWN: Final = re.compile(
    r"(?:臭鸡蛋|烂鸡蛋|rotten eggs?)|"
    r"(?:漏气|泄漏|泄露)(?:了|啦|呀|啊|!|$)|在漏气|正在漏气|漏紧|" + _ALARM_SOUNDING
)
# A leaking tyre or air conditioner is not a gas leak.
_OTHER_LEAKS: Final = re.compile(r"轮胎|车胎|气球|篮球|足球|自行车|电动车|气垫|充气|空调|冷气|氟")
_SMOKE_ALARM: Final = re.compile(r"烟雾|烟感|防盗|车的?报警|smoke alarm|smoke detector|car alarm")

_LATIN: Final = re.compile("[a-z]")
_CJK: Final = re.compile("[\u4e00-\u9fff]")


class _Words:
    """A pattern of Chinese words and one of English ones, searched as one.

    Apart, each scans fast: the Chinese one starts with literals, which the regular
    expression engine skips to in C, and the English one (whose every branch starts with a
    look-behind, the slow kind) runs only on text with Latin letters.
    """

    def __init__(self, chinese: str, english: str) -> None:
        self.chinese = re.compile(chinese)
        self.english = re.compile(english)

    def finditer(self, text: str) -> list[re.Match[str]]:
        """Every match of either pattern, in order."""
        found = list(self.chinese.finditer(text))
        if _LATIN.search(text) is not None:
            found.extend(self.english.finditer(text))
        return sorted(found, key=lambda m: m.start())

    def search(self, text: str) -> re.Match[str] | None:
        """The earliest match of either pattern."""
        found = self.chinese.search(text)
        if _LATIN.search(text) is None:
            return found
        other = self.english.search(text)
        if found is None or (other is not None and other.start() < found.start()):
            return other
        return found


# Before the sign, these make it a "what if" ("如果闻到煤气味怎么办").
_HYPOTHETICAL: Final = _Words(
    r"如果|假如|万一|要是|(?<!不是)假设|假使|一旦|(?:遇到|碰到)(?![了过。!?,])|的话",
    r"(?<![a-z])(?:if|what if|in case|suppose|should you|when you)(?![a-z])",
)
_NEGATED: Final = _Words(
    r"(?<!有)没有(?:煤气|燃气)?(?:的)?(?:味|气味)|(?<!有)没闻到|没有闻到|闻不到|不漏|没漏|没有漏气|"
    r"没响|没有响|不响了|"
    r"没有泄漏|(?<![是系])不[是系](?:漏气|煤气|燃气|天然气|液化气|石油气|gas|mq)|"
    r"(?:跟|与|和)(?:燃气|煤气|gas)(?:无关|没关系)|不关(?:燃气|煤气|gas)事|无异味|误会|没事了|没问题了|恢复正常|味道散了|味散了",
    r"(?<![a-z])(?:no smell|not leaking|no leak|doesn.t smell|don.t smell|turned out|was gone|"
    r"went away|fine now|no longer|"
    r"(?:not|isn.t|wasn.t|nothing to do with) (?:the |a |from (?:the )?)?gas)(?![a-z])",
)
# Unless the message says it is happening now, these make it a question, not a call for help.
_NOT_NOW: Final = _Words(
    r"为什么|为何|原因|原理|本身|是什么|什么是|怎么检查|如何检查|怎样检查|怎么检测|如何检测|"
    r"怎么判断|如何判断|怎么知道|怎么看|有没有漏|是否漏|是否泄漏|会不会漏|不怕漏|防漏|"
    r"预防|防止|防范|注意什么|注意事项|常识|知识|小贴士|"
    r"罚款|处罚|怎么罚|罚多少|条例|规定|法律|法规|责任|赔偿|保险|补贴|费用|多少钱|价格|价钱|收费|"
    r"哪里买|在哪买|购买|推荐|品牌|安装在|装在哪|投诉|维修费|申请|"
    r"演练|培训|宣传|题目|考题|考试|考考你|作业|测验|竞赛|新闻|报道|加臭|为了|什么东西|"
    r"什么味|啥味|点的味|电话是多少|电话多少|号码|检测仪|靠谱|网上买|"
    r"修好|已修|修复了|处理好了|已经处理|解决了|已经解决|上个月|上周|上星期|上礼拜|"
    r"前段时间|去年|以前|那次|上次|当时|后来|漏过|响过|试过|闻过|发生过|"
    r"怎么说|怎么讲|点讲|什么意思|区别|资料|课件|ppt|科普|讲座|转发|辟谣|谣言|"
    r"顺口溜|情景题|剧本|角色扮演|判断题|选择题|填空题|板书|小测|参考答案|押韵|梦到|梦见|做梦|发梦",
    r"(?<![a-z])(?:why|what (?:is|are|does|causes)|how (?:do|can|to|should|would) (?:i |you |we )?"
    r"(?:check|detect|test|prevent|know|tell|spot)|tips|advice|fines?|penalt\w*|laws?|regulations?|"
    r"subsid\w*|prices?|costs?|buy|purchas\w*|recommend\w*|install\w*|brands?|complain\w*|"
    r"compensat\w*|insurance|what does \w+ smell like|"
    r"quiz|homework|exam|drill|lesson|news|fixed|repaired|resolved|last (?:week|month|year|time)|"
    r"last night|yesterday|ago|used to|previously|in english|in chinese|mean|scenario|role.?play|"
    r"script|dream\w*)(?![a-z])",
)
# ...and these say the danger is there now, whatever else the message says ("之前修好了，
# 现在又有味"). A bare 现在 is not enough: "现在还安全吗" asks about now without a sign of it.
_HAPPENING_NOW: Final = _Words(
    r"(?:现在|正在|还在|一直|越来越|又)[^。!?,]{0,6}(?:味|臭|漏|泄|响|叫|晕|痛|出气|喷)|"
    r"救命|快来|在线等|越[^。!?,]?越(?:浓|重|大|劲|强|臭|冲|明显|像)|又(?:闻到|有)|"
    r"(?:还有|还是有|仍然有|依然有|仍有)[^。!?,]{0,4}(?:味|声|嘶)|(?:关|熄|灭)[^。!?,]{0,6}还有|"
    r"还(?:开着|着住|在响|在叫|在漏|在烧|在喷|在冒)|"
    r"(?:现在|已经)[^。!?,]{0,8}(?:在|到了|站在|坐在|企在)[^。!?,]{0,4}(?:阳台|门口|门外|楼下|楼梯|楼道|外面|马路|街上)|"
    r"已经(?:下楼|出门|出来|撤|跑|离开|疏散)|此刻|目前仍|仍存在|仍然存在|仍在",
    r"(?<![a-z])(?:right now|at the moment|(?:still|keeps?) (?:smell|leak|hiss|beep|coming)\w*|"
    r"again|still|getting (?:stronger|worse)|(?:came|comes?|it.s) back|returned)(?![a-z])",
)


GAS_CUES: Final = (
    *("煤气", "燃气", "天然气", "液化气", "石油气", "瓦斯", "沼气", "管道气", "气罐", "钢瓶"),
    *("气瓶", "罐装气", "气表", "气管", "炉头", "炉灶", "灶", "减压阀", "煤气喉", "热水器"),
    *("报警器", "警报器", "探测器", "检测仪", "臭鸡蛋", "烂鸡蛋", "漏气", "泄漏", "泄露"),
    *("一氧化碳", "gas", "lpg", "propane", "stove", "cooker", "hob", "burner", "boiler"),
    *("heater", "alarm", "detector", "rotten egg", "carbon monoxide"),
)
"""Words that put a sentence of a long message in the model's view (gas, its appliances,
its alarms, its smell), written as the fold writes them."""


def first_sign(folded: str, start: int = 0) -> re.Match[str] | None:
    """The first danger sign in folded text (at or after `start`), whatever its framing."""
    own = _ON_ITS_OWN.search(folded, start)
    if own and _OTHER_LEAKS.search(folded) is None and _SMOKE_ALARM.search(folded) is None:
        return own
    if _GAS_CONTEXT.search(folded) is None:
        return None
    signs = [m for m in (_NEEDS_GAS.search(folded, start), own) if m is not None]
    return min(signs, key=lambda m: m.start()) if signs else None


# "没闻到味，但是管子断了", "she says no smell but I smell it": what follows a turn of this
# kind takes a negation back when it states a sign of its own.
_CONTRAST: Final = re.compile(
    r"但|可是|可我|不过|结果|却|(?<![a-z])(?:but|however|though)(?![a-z])"
)
# "报警器一直响，没闻到味": no smell negates the smell, not the alarm, the hiss or the broken pipe.
_NO_SMELL: Final = re.compile(
    r"(?:没有(?:煤气|燃气)?(?:的)?(?:味|气味)|没闻到|没有闻到|闻不到|"
    r"no smell|doesn.t smell|don.t smell)"
)
_NOT_A_SMELL: Final = re.compile(f"{_LEAK}|{_DAMAGE}|{_METER_RUNNING}|{_FIRE}|{_ALARM_SOUNDING}")


def _other_signs(folded: str, negations: list[re.Match[str]]) -> bool:
    """A sign other than a smell, next to a gas word, and not inside a negation."""
    if _GAS_CONTEXT.search(folded) is None:
        return False
    return any(
        not any(n.start() < sign.end() and sign.start() < n.end() for n in negations)
        for sign in _NOT_A_SMELL.finditer(folded)
    )


# "我鼻子塞闻不到": the writer's nose, not the absence of a smell.
_OWN_NOSE: Final = re.compile(r"鼻[^。!?,]{0,5}$")


def _negated(folded: str) -> bool:
    """A negation of the danger that nothing after it takes back."""
    negations = _NEGATED.finditer(folded)
    others = _other_signs(folded, negations)
    for negation in negations:
        if _OWN_NOSE.search(folded, max(0, negation.start() - 6), negation.start()):
            continue
        if others and _NO_SMELL.fullmatch(negation.group(0)):
            continue
        turn = _CONTRAST.search(folded, negation.end())
        if (
            turn is not None
            and _SENSED.search(folded, turn.end()) is not None
            and not _NEGATED.finditer(folded[turn.end() :])
        ):
            continue
        return True
    return False


@dataclass(frozen=True, slots=True)
class Framing:
    """What the rules read in a message's word order, which a bag of n-grams cannot."""

    sign: str | None
    """The first danger sign, whatever its framing."""
    not_now: bool
    """A negation, a hypothetical before the sign, or a general, past or teaching framing
    with nothing saying it is happening now: the message cannot be a confident danger."""
    asks_what_to_do: bool
    """The sign, stated and not framed away, then a hypothetical ("煤气味好浓 如果开灯会不会
    爆炸"): a danger that is there, and a question about it."""


def framing(folded: str) -> Framing:
    """The rules' reading of folded text."""
    sign = first_sign(folded)
    if sign is None:
        return Framing(None, _negated(folded), asks_what_to_do=False)
    hypothetical = _HYPOTHETICAL.search(folded)
    not_now = (
        (hypothetical is not None and hypothetical.start() < sign.start())
        or _negated(folded)
        or (_HAPPENING_NOW.search(folded) is None and _NOT_NOW.search(folded) is not None)
    )
    asks = not not_now and hypothetical is not None
    return Framing(_with_subject(folded, sign), not_now, asks)


def _with_subject(folded: str, sign: re.Match[str]) -> str:
    # A one-character sign (味, 漏) says more with the Chinese characters around it
    # (煤气味, 燃气泄漏): two before it, one after.
    if len(sign.group(0)) > 1:
        return sign.group(0)
    start, end = sign.start(), sign.end()
    while start > max(0, sign.start() - 2) and _CJK.match(folded, start - 1):
        start -= 1
    if _CJK.match(folded, end):
        end += 1
    return folded[start:end]


def rule_sign(text: str | None) -> str | None:
    """The sign that makes `text` a gas emergency by the rules alone, or None."""
    if not text or not text.strip():
        return None
    read = framing(fold(text[:2000]))
    return None if read.not_now else read.sign
