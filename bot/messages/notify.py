"""Texts of the messages the outbox delivers: progress to residents, news to staff."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "notify.ticket.accept": {
        "zh": "📋 工单 {number}（{category}）已受理立案，处理时限：{deadline}。",
        "en": "📋 Ticket {number} ({category}) has been accepted; due by {deadline}.",
    },
    "notify.ticket.reject": {
        "zh": "📋 工单 {number} 不予受理。原因：{note}",
        "en": "📋 Ticket {number} was not accepted. Reason: {note}",
    },
    "notify.ticket.merge": {
        "zh": "📋 工单 {number} 与已有工单为同一问题，已合并，您将收到该工单的进展。",
        "en": "📋 Ticket {number} is the same problem as an existing ticket; they were merged and "
        "you will hear about its progress.",
    },
    "notify.ticket.dispatch": {
        "zh": "🚚 工单 {number} 已派遣至{department}，时限：{deadline}。",
        "en": "🚚 Ticket {number} was sent to {department}; due by {deadline}.",
    },
    "notify.ticket.start": {
        "zh": "🛠️ 工单 {number} 正在处置中。",
        "en": "🛠️ Work on ticket {number} has started.",
    },
    "notify.ticket.extend": {
        "zh": "⏳ 工单 {number} 延期至 {deadline}。原因：{note}",
        "en": "⏳ Ticket {number} is extended to {deadline}. Reason: {note}",
    },
    "notify.ticket.resolve": {
        "zh": "✅ 工单 {number} 已处置：{note}\n问题解决了吗？",
        "en": "✅ Ticket {number} has been dealt with: {note}\nIs the problem fixed?",
    },
    "notify.ticket.verify": {
        "zh": "🏁 工单 {number} 已核查结案。感谢您的参与！",
        "en": "🏁 Ticket {number} has been checked and closed. Thank you for taking part!",
    },
    "notify.ticket.rework": {
        "zh": "🔁 工单 {number} 已退回重新处置。原因：{note}",
        "en": "🔁 Ticket {number} was sent back for more work. Reason: {note}",
    },
    "notify.ticket.reply": {
        "zh": "💬 关于工单 {number}，工作人员回复：{note}",
        "en": "💬 About ticket {number}, staff reply: {note}",
    },
    "notify.staff.ticket_new": {
        "zh": "🆕 新工单 {number}｜{category}｜{priority_mark}时限 {deadline}\n{description}{place}",
        "en": "🆕 New ticket {number} | {category} | {priority_mark}due {deadline}\n{description}{place}",
    },
    "notify.staff.ticket_rework": {
        "zh": "🔁 居民认为工单 {number} 未解决，已退回：{note}",
        "en": "🔁 The resident says ticket {number} is not fixed; sent back: {note}",
    },
    "notify.staff.ticket_rate": {
        "zh": "⭐ 工单 {number} 获评 {rating} 星。",
        "en": "⭐ Ticket {number} was rated {rating} star(s).",
    },
    "notify.staff.ticket_comment": {
        "zh": "💬 工单 {number} 的居民补充：{note}",
        "en": "💬 The resident added to ticket {number}: {note}",
    },
    "notify.urgent_mark": {"zh": "🚨紧急 ", "en": "🚨URGENT "},
    "notify.place": {"zh": "\n📍 {place}", "en": "\n📍 {place}"},
}
