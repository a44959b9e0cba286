"""Strings of the basic conversation: welcome, help, language, privacy, errors, fallbacks."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "start.welcome": {
        "zh": (
            "您好{name}！我是城管小助手 🏙️\n\n"
            "• 拍照上报街面问题（垃圾满溢、井盖缺失、占道经营、燃气隐患……），我会生成工单并告诉您每一步进展；\n"
            "• 咨询燃气安全和城市管理政策，我会引用官方文件回答；\n"
            "• 闻到煤气味？请立即发送“闻到煤气味”，我会马上告诉您怎么做。\n\n"
            "请用下方菜单开始，或输入 /help 查看全部功能。"
        ),
        "en": (
            "Hello{name}! I am citybot, the city-management assistant 🏙️\n\n"
            "• Send a photo of a problem on the street (overflowing bins, missing manhole covers, "
            "street vending, gas hazards…) and I file a work order and tell you about each step;\n"
            "• Ask about gas safety and city rules, and I answer from official documents;\n"
            "• Smell gas? Send “gas leak” at once and I tell you what to do.\n\n"
            "Use the menu below, or /help for everything I can do."
        ),
    },
    "help.text": {
        "zh": (
            "我能做的事：\n"
            "/start — 欢迎与主菜单\n"
            "/help — 本帮助\n"
            "/language — 切换语言（中文 / English）\n"
            "/privacy — 我们保存哪些信息、为什么保存、如何删除\n"
            "/forget_me — 删除您的个人信息\n"
            "/cancel — 退出当前操作\n\n"
            "紧急情况请直接拨打 119（火警、燃气泄漏）、110（治安、交通）、120（急救）。"
        ),
        "en": (
            "What I can do:\n"
            "/start — welcome and main menu\n"
            "/help — this help\n"
            "/language — switch language (中文 / English)\n"
            "/privacy — what we keep, why, and how to delete it\n"
            "/forget_me — delete your personal data\n"
            "/cancel — leave what you are doing\n\n"
            "In an emergency call 119 (fire, gas leak), 110 (police, traffic) or 120 (ambulance)."
        ),
    },
    "menu.help": {"zh": "❓ 帮助", "en": "❓ Help"},
    "menu.language": {"zh": "🌐 语言 Language", "en": "🌐 Language 语言"},
    "menu.privacy": {"zh": "🔒 隐私", "en": "🔒 Privacy"},
    "menu.placeholder": {"zh": "拍照上报或直接提问", "en": "Send a photo or ask a question"},
    "cancel.done": {"zh": "已取消。需要时随时再来。", "en": "Cancelled. Come back any time."},
    "cancel.nothing": {"zh": "当前没有进行中的操作。", "en": "There is nothing to cancel."},
    "language.choose": {
        "zh": "请选择语言 / Choose a language:",
        "en": "Choose a language / 请选择语言:",
    },
    "language.set": {"zh": "已切换为中文。", "en": "Language set to English."},
    "privacy.text": {
        "zh": (
            "🔒 我们保存什么、为什么：\n"
            "• 您上报的问题：照片（已去除拍摄位置等元数据）、描述、地点 —— 用于处置问题；\n"
            "• 您的 Telegram 用户编号和语言 —— 仅用于把进展通知您；\n"
            "• 进行中的对话（例如填写到一半的上报）—— 以便中断后继续。\n\n"
            "其他居民看不到您的身份；工作人员只在处置工单需要时看到。\n"
            "发送 /forget_me 可删除您的个人信息：您的工单会保留但不再与您关联，统计不受影响。"
        ),
        "en": (
            "🔒 What we keep, and why:\n"
            "• Your reports: photos (with location and other metadata removed), description and "
            "place — to get the problem fixed;\n"
            "• Your Telegram user id and language — only to tell you about progress;\n"
            "• Unfinished conversations (a half-filled report) — so you can continue later.\n\n"
            "Other residents never see who you are; staff see it only when handling your ticket.\n"
            "Send /forget_me to delete your personal data: your tickets stay, no longer linked "
            "to you, so the statistics stay right."
        ),
    },
    "forget.confirm": {
        "zh": "确定删除您的个人信息吗？此后您将不再收到已上报工单的进展通知。",
        "en": "Delete your personal data? You will no longer hear about your reports.",
    },
    "forget.yes": {"zh": "确定删除", "en": "Yes, delete"},
    "forget.no": {"zh": "不用了", "en": "No, keep it"},
    "forget.done": {
        "zh": "已删除：{tickets} 张工单已与您解除关联，{follows} 条关注已移除。",
        "en": "Done: {tickets} ticket(s) unlinked from you, {follows} follow(s) removed.",
    },
    "forget.kept": {"zh": "好的，未做任何更改。", "en": "OK, nothing was changed."},
    "error.generic": {
        "zh": "抱歉，出了点问题，我们已记录。您填写的内容已保留，请稍后再试。",
        "en": "Sorry, something went wrong and we have logged it. What you entered is kept; "
        "please try again shortly.",
    },
    "error.database": {
        "zh": "系统暂时繁忙，未能保存。您填写的内容已保留，请稍后再发一次。",
        "en": "The system is busy and could not save this. What you entered is kept; please "
        "send it again shortly.",
    },
    "error.stale_button": {
        "zh": "这个按钮已过期，请重新操作。",
        "en": "This button has expired; please start again.",
    },
    "unknown.command": {
        "zh": "我不认识这个命令。输入 /help 查看可用命令。",
        "en": "I don't know that command. Send /help to see what I can do.",
    },
    "unsupported.kind": {
        "zh": "暂时无法处理{kind}。您可以发送照片上报问题，或直接用文字提问。",
        "en": "I can't handle {kind} yet. Send a photo to report a problem, or type a question.",
    },
    "kind.sticker": {"zh": "贴纸", "en": "stickers"},
    "kind.voice": {"zh": "语音消息", "en": "voice messages"},
    "kind.audio": {"zh": "音频", "en": "audio"},
    "kind.video": {"zh": "视频", "en": "videos"},
    "kind.video_note": {"zh": "视频消息", "en": "video messages"},
    "kind.animation": {"zh": "动图", "en": "animations"},
    "kind.contact": {"zh": "联系人名片", "en": "contacts"},
    "kind.poll": {"zh": "投票", "en": "polls"},
    "kind.dice": {"zh": "骰子", "en": "dice"},
    "kind.game": {"zh": "游戏", "en": "games"},
    "kind.other": {"zh": "这类消息", "en": "this kind of message"},
    "group.hello": {
        "zh": "大家好，我是城管小助手。在群里我只回应命令（例如 /help）；拍照上报和咨询请私聊我。",
        "en": "Hello everyone, I am citybot. In groups I only answer commands (such as /help); "
        "for reports and questions, talk to me privately.",
    },
}

MESSAGES.update(
    {
        "cmd.start": {"zh": "开始 / 主菜单", "en": "Start / main menu"},
        "cmd.help": {"zh": "帮助", "en": "Help"},
        "cmd.cancel": {"zh": "取消当前操作", "en": "Cancel what you are doing"},
        "cmd.language": {"zh": "切换语言", "en": "Change language"},
        "cmd.privacy": {"zh": "隐私说明", "en": "Privacy"},
        "cmd.forget_me": {"zh": "删除我的个人信息", "en": "Delete my personal data"},
    }
)
