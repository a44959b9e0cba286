"""What the residents of the journeys say and send, and what the bot must answer to it."""

from __future__ import annotations

from handlers.buttons import (
    ConfirmReport,
    FileAnew,
    JoinDuplicate,
    PickCategory,
    SkipDescription,
    SkipPhoto,
    UsePhotoLocation,
)

CAPTIONS = (None, "垃圾桶满了，好臭", "路灯不亮", "The bin by the gate is overflowing", "井盖没了")
QUESTIONS = (
    "燃气热水器可以装在浴室吗？",
    "液化气钢瓶多久检验一次",
    "How often must a gas cylinder be inspected?",
    "你好",
    "thanks",
    "门前三包是什么意思",
    "图书馆周末几点开门",  # nothing in the policy index answers these two: handed to staff
    "Where do I renew my passport?",
)
EMERGENCIES = ("闻到很浓的煤气味", "厨房燃气泄漏了，好大味", "I smell gas in my kitchen")
WORDS = ("就在小区门口，已经好几天了", "还是有味", "please hurry", "好的")
ADDRESSES = ("天河区体育西路101号", "越秀区北京路88号", "12 Tianhe Road")
PLACES = ((23.1291, 113.2644), (23.1293, 113.2646), (23.1402, 113.3001))
VENUES = (("天河城", "天河路208号"), ("Huacheng Square", "Zhujiang New Town"))
COMMANDS = ("/start", "/help", "/cancel", "/my", "/language", "/privacy", "/report", "/practice")
COMMAND_REPLIES: dict[str, tuple[str, ...]] = {
    "/start": ("start.welcome",),
    "/help": ("help.head",),
    "/cancel": ("cancel.done", "cancel.nothing"),
    "/my": ("my.list", "my.none"),
    "/language": ("language.choose",),
    "/privacy": ("privacy.text",),
    "/report": ("report.start", "report.rate_limited"),
}
MENU_REPLIES: dict[str, tuple[str, ...]] = {
    "menu.report": ("report.start", "report.rate_limited"),
    "menu.ask": ("ask.prompt",),
    "menu.my": ("my.list", "my.none"),
    "menu.help": ("help.head",),
    "menu.language": ("language.choose",),
    "menu.privacy": ("privacy.text",),
}
REPORT_STEPS = (
    SkipPhoto,
    UsePhotoLocation,
    PickCategory,
    SkipDescription,
    JoinDuplicate,
    FileAnew,
    ConfirmReport,
)
"""The buttons of a report's steps."""
REFUSALS = ("error.stale_button", "rate.reporter_only")
"""What a press that may do nothing is answered: the button has expired (or, to a follower,
that only the reporter may)."""
WHERE = ("report.ask_location", "emergency.steps", "report.bad_location")
"""The bot's texts that ask for a place."""
COLOURS = ((200, 40, 40), (40, 160, 60), (30, 60, 200), (220, 200, 30))
