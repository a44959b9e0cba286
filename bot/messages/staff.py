"""Strings of the staff features."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- command menu -------------------------------------------------------
    "staff.cmd.queue": {"zh": "待办工单队列", "en": "Open work orders"},
    "staff.cmd.ticket": {"zh": "查看工单详情", "en": "Show a ticket"},
    "staff.cmd.accept": {"zh": "受理立案", "en": "Accept a ticket"},
    "staff.cmd.reject": {"zh": "不予受理", "en": "Reject a ticket"},
    "staff.cmd.dispatch": {"zh": "派遣工单", "en": "Dispatch a ticket"},
    "staff.cmd.claim": {"zh": "认领工单", "en": "Claim a ticket"},
    "staff.cmd.start_work": {"zh": "开始处置", "en": "Start work"},
    "staff.cmd.resolve": {"zh": "处置完成（需附照片）", "en": "Mark resolved (photo required)"},
    "staff.cmd.verify": {"zh": "核查结案", "en": "Verify and close"},
    "staff.cmd.rework": {"zh": "退回返工", "en": "Send back for rework"},
    "staff.cmd.extend": {"zh": "申请延期", "en": "Extend the deadline"},
    "staff.cmd.merge": {"zh": "合并重复工单", "en": "Merge a duplicate"},
    "staff.cmd.note": {"zh": "内部备注", "en": "Internal note"},
    "staff.cmd.reply": {"zh": "回复居民", "en": "Reply to the reporter"},
    "staff.cmd.templates": {"zh": "常用回复模板", "en": "Reply templates"},
    "staff.cmd.stats": {"zh": "统计与图表", "en": "Statistics and chart"},
    "staff.cmd.export": {"zh": "导出 CSV", "en": "Export CSV"},
    "staff.cmd.staff": {"zh": "人员管理（管理员）", "en": "Manage staff (admins)"},
    "staff.cmd.duty": {"zh": "上班/下班", "en": "On/off duty"},
    # --- statuses and roles -------------------------------------------------
    "staff.status.submitted": {"zh": "待受理", "en": "submitted"},
    "staff.status.accepted": {"zh": "已立案", "en": "accepted"},
    "staff.status.dispatched": {"zh": "已派遣", "en": "dispatched"},
    "staff.status.in_progress": {"zh": "处置中", "en": "in progress"},
    "staff.status.resolved": {"zh": "已处置", "en": "resolved"},
    "staff.status.closed": {"zh": "已结案", "en": "closed"},
    "staff.status.rejected": {"zh": "不予受理", "en": "rejected"},
    "staff.status.duplicate": {"zh": "已合并", "en": "merged"},
    "staff.role.field_worker": {"zh": "外勤人员", "en": "field worker"},
    "staff.role.dispatcher": {"zh": "调度员", "en": "dispatcher"},
    "staff.role.admin": {"zh": "管理员", "en": "admin"},
    "staff.role.reporter": {"zh": "上报人", "en": "reporter"},
    "staff.role.resident": {"zh": "居民", "en": "resident"},
    "staff.role.system": {"zh": "系统", "en": "system"},
    # --- errors ---------------------------------------------------------------
    "staff.usage": {"zh": "用法：{usage}", "en": "Usage: {usage}"},
    "staff.err.not_found": {"zh": "没有编号为 {ref} 的工单。", "en": "There is no ticket {ref}."},
    "staff.err.illegal": {
        "zh": "工单当前状态为「{status}」，不能执行该操作。现在可以：{allowed}",
        "en": "The ticket is {status}; that move is not possible. Possible now: {allowed}",
    },
    "staff.err.nothing": {"zh": "无（工单已结束）", "en": "nothing (the ticket is finished)"},
    "staff.err.permission": {
        "zh": "您的角色（{role}）不能执行此操作{reason}。",
        "en": "Your role ({role}) may not do that{reason}.",
    },
    "staff.err.invalid": {"zh": "输入有误：{problem}", "en": "Invalid input: {problem}"},
    "staff.err.image": {
        "zh": "这张图片无法使用：{problem}。请重新拍一张。",
        "en": "That image cannot be used: {problem}. Please send another.",
    },
    "staff.err.days": {
        "zh": "天数须为 1 到 60 之间的整数。",
        "en": "Days must be a whole number from 1 to 60.",
    },
    "staff.err.period": {
        "zh": "时段格式为 7d、30d 或 all。",
        "en": "A period looks like 7d, 30d or all.",
    },
    # --- moves ----------------------------------------------------------------
    "staff.done": {
        "zh": "✅ 工单 {number}：{action}完成，当前状态「{status}」。",
        "en": "✅ Ticket {number}: {action} done; now {status}.",
    },
    "staff.action.file": {"zh": "上报", "en": "filed"},
    "staff.action.join": {"zh": "附议", "en": "me too"},
    "staff.action.comment": {"zh": "居民补充", "en": "comment"},
    "staff.action.accept": {"zh": "受理", "en": "accept"},
    "staff.action.reject": {"zh": "不予受理", "en": "reject"},
    "staff.action.merge": {"zh": "合并", "en": "merge"},
    "staff.action.dispatch": {"zh": "派遣", "en": "dispatch"},
    "staff.action.start": {"zh": "开始处置", "en": "start"},
    "staff.action.extend": {"zh": "延期", "en": "extend"},
    "staff.action.resolve": {"zh": "处置", "en": "resolve"},
    "staff.action.verify": {"zh": "核查结案", "en": "verify"},
    "staff.action.rework": {"zh": "返工", "en": "rework"},
    "staff.action.rate": {"zh": "评价", "en": "rate"},
    "staff.action.assign": {"zh": "认领", "en": "claim"},
    "staff.action.note": {"zh": "备注", "en": "note"},
    "staff.action.reply": {"zh": "回复", "en": "reply"},
    "staff.claimed": {
        "zh": "🙋 您已认领工单 {number}。",
        "en": "🙋 You have claimed ticket {number}.",
    },
    "staff.noted": {
        "zh": "📝 已为工单 {number} 添加内部备注。",
        "en": "📝 Note added to ticket {number}.",
    },
    "staff.replied": {
        "zh": "💬 已将回复发送给工单 {number} 的居民。",
        "en": "💬 Your reply to the reporter of ticket {number} is on its way.",
    },
    "staff.resolve.photo": {
        "zh": "📷 请发送工单 {number} 处置后的现场照片（必需）。发送 /cancel 放弃。",
        "en": "📷 Now send the after photo of ticket {number} (required). Send /cancel to give up.",
    },
    "staff.resolve.need_photo": {
        "zh": "还差处置后的照片：请直接发送一张照片，而不是文字。发送 /cancel 放弃。",
        "en": "The after photo is still missing: please send a photo, not text. Send /cancel to give up.",
    },
    "staff.moved_on": {
        "zh": "该工单已有新进展：当前状态「{status}」。",
        "en": "This ticket has moved on: now {status}.",
    },
    "staff.reason_prompt": {
        "zh": "请选择不予受理的原因（工单 {number}）：",
        "en": "Choose the reason for rejecting ticket {number}:",
    },
    # --- templates ------------------------------------------------------------
    "staff.templates": {
        "zh": "常用回复（/reply 编号 #序号）：\n{items}",
        "en": "Reply templates (/reply NUMBER #n):\n{items}",
    },
    "staff.err.template": {
        "zh": "没有第 {index} 号模板，发送 /templates 查看。",
        "en": "There is no template #{index}; send /templates to see them.",
    },
    "staff.tpl.1": {
        "zh": "您好，您反映的问题已收到，我们将尽快安排处理。",
        "en": "Hello, we have received your report and will deal with it soon.",
    },
    "staff.tpl.2": {
        "zh": "工作人员已到达现场处理，感谢您的耐心等待。",
        "en": "Our staff are on site dealing with it; thank you for your patience.",
    },
    "staff.tpl.3": {
        "zh": "该问题不属于城管职责范围，建议拨打 12345 政务服务热线咨询。",
        "en": "This is not a city-management matter; please call the 12345 hotline.",
    },
    "staff.tpl.4": {
        "zh": "请补充更具体的位置（如门牌号或附近标志物），以便我们尽快找到。",
        "en": "Please add a more precise location (house number or a landmark) so we can find it.",
    },
    "staff.tpl.reject.1": {"zh": "不属于城管职责范围", "en": "Not a city-management matter"},
    "staff.tpl.reject.2": {"zh": "信息不足，无法核实", "en": "Not enough information to verify"},
    "staff.tpl.reject.3": {"zh": "现场核查未发现问题", "en": "No problem found on site"},
    # --- queue and ticket -----------------------------------------------------
    "staff.queue.empty": {"zh": "没有符合条件的工单。", "en": "No tickets match."},
    "staff.queue.head": {
        "zh": "📋 工单队列（共 {total} 件，第 {first}–{last} 件）：",
        "en": "📋 Queue ({total} tickets, {first}–{last}):",
    },
    "staff.queue.line": {
        "zh": "{mark}{number}｜{category}｜{status}｜时限 {deadline}",
        "en": "{mark}{number} | {category} | {status} | due {deadline}",
    },
    "staff.overdue_mark": {"zh": "⚠", "en": "⚠"},
    "staff.queue.prev": {"zh": "◀ 上一页", "en": "◀ Previous"},
    "staff.queue.next": {"zh": "下一页 ▶", "en": "Next ▶"},
    "staff.ticket.card": {
        "zh": "{mark}工单 {number}｜{category}｜{priority}\n状态：{status}\n部门：{department}\n处置人：{assignee}\n时限：{deadline}\n地点：{place}\n描述：{description}\n附议：{followers} 人｜照片：{photos} 张",
        "en": "{mark}Ticket {number} | {category} | {priority}\nStatus: {status}\nDepartment: {department}\nAssignee: {assignee}\nDue: {deadline}\nPlace: {place}\nDescription: {description}\nAlso reported by: {followers} | Photos: {photos}",
    },
    "staff.priority.urgent": {"zh": "🚨紧急", "en": "🚨urgent"},
    "staff.priority.normal": {"zh": "一般", "en": "normal"},
    "staff.ticket.timeline": {"zh": "处理记录：", "en": "Timeline:"},
    "staff.ticket.event": {
        "zh": "{at} {action}（{role}）{note}",
        "en": "{at} {action} ({role}) {note}",
    },
    "staff.button.accept": {"zh": "✅ 受理", "en": "✅ Accept"},
    "staff.button.reject": {"zh": "❌ 不予受理", "en": "❌ Reject"},
    "staff.button.dispatch": {"zh": "🚚 派遣至{department}", "en": "🚚 Dispatch to {department}"},
    "staff.button.claim": {"zh": "🙋 认领", "en": "🙋 Claim"},
    "staff.button.start": {"zh": "▶ 开始处置", "en": "▶ Start"},
    "staff.button.verify": {"zh": "🏁 核查结案", "en": "🏁 Verify"},
    "staff.button.show": {"zh": "🔎 详情", "en": "🔎 Details"},
    "staff.urgent_mention": {
        "zh": "🚨 紧急工单 {number} 请值班调度尽快处理：{mentions}",
        "en": "🚨 Urgent ticket {number} needs the on-duty dispatchers now: {mentions}",
    },
    # --- deadlines ------------------------------------------------------------
    "notify.staff.deadline_near": {
        "zh": "⏰ 工单 {number}（{category}）即将到期：{deadline}｜{department}",
        "en": "⏰ Ticket {number} ({category}) is due soon: {deadline} | {department}",
    },
    "notify.staff.deadline_over": {
        "zh": "⚠ 工单 {number}（{category}）已超期！时限 {deadline}｜{department}",
        "en": "⚠ Ticket {number} ({category}) is OVERDUE! Due {deadline} | {department}",
    },
    # --- staff roster ---------------------------------------------------------
    "staff.roster.usage": {
        "zh": "用法：/staff add 用户ID 角色 [部门]｜/staff remove 用户ID｜/staff list\n角色：field_worker、dispatcher、admin",
        "en": "Usage: /staff add USER_ID ROLE [DEPARTMENT] | /staff remove USER_ID | /staff list\nRoles: field_worker, dispatcher, admin",
    },
    "staff.roster.added": {
        "zh": "已将 {user_id} 设为{role}{department}。",
        "en": "{user_id} is now a {role}{department}.",
    },
    "staff.roster.removed": {
        "zh": "已将 {user_id} 移出人员名单。",
        "en": "{user_id} is off the roster.",
    },
    "staff.roster.absent": {
        "zh": "{user_id} 不在人员名单中。",
        "en": "{user_id} is not on the roster.",
    },
    "staff.roster.empty": {"zh": "人员名单为空。", "en": "The roster is empty."},
    "staff.roster.line": {
        "zh": "{user_id}｜{role}｜{department}｜{duty}",
        "en": "{user_id} | {role} | {department} | {duty}",
    },
    "staff.duty.on": {"zh": "在岗", "en": "on duty"},
    "staff.duty.off": {"zh": "离岗", "en": "off duty"},
    "staff.duty.set": {"zh": "已设为：{duty}。", "en": "You are now {duty}."},
    "staff.duty.not_listed": {
        "zh": "只有人员名单中的成员可以设置值班状态。",
        "en": "Only people on the roster can set their duty status.",
    },
    # --- stats and export -----------------------------------------------------
    "staff.stats.text": {
        "zh": "📊 统计（{period}）\n工单总数：{total}\n按状态：{by_status}\n按类别：{by_category}\n超期率：{overdue_rate}\n结案时长中位数：{median}\n平均评分：{rating}",
        "en": "📊 Statistics ({period})\nTickets: {total}\nBy status: {by_status}\nBy category: {by_category}\nOverdue rate: {overdue_rate}\nMedian time to close: {median}\nMean rating: {rating}",
    },
    "staff.stats.period_all": {"zh": "全部", "en": "all time"},
    "staff.stats.period_days": {"zh": "近 {days} 天", "en": "last {days} days"},
    "staff.stats.hours": {"zh": "{hours:.1f} 小时", "en": "{hours:.1f} h"},
    "staff.stats.none": {"zh": "暂无", "en": "n/a"},
    "staff.chart.title": {"zh": "工单统计（{period}）", "en": "Work orders ({period})"},
    "staff.chart.by_status": {"zh": "按状态", "en": "By status"},
    "staff.chart.by_category": {"zh": "按类别", "en": "By category"},
    "staff.export.caption": {
        "zh": "📄 工单导出（{period}），共 {count} 条。",
        "en": "📄 Tickets export ({period}): {count} rows.",
    },
}
