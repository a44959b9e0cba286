"""Strings of the resident features: gas emergencies, photo reports, questions, following."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "report.draft_lost": {
        "zh": "这次上报已经结束了。想上报问题，请重新发送照片，或点菜单里的“📷 随手拍上报”。",
        "en": "That report has ended. To report a problem, send a photo again or use the menu button “📷 Report a problem”.",
    },
    "emergency.steps": {
        "zh": (
            "🚨 疑似燃气泄漏，请立即：\n"
            "1. 不要开关任何电器、电灯，不要在室内打电话，不要点火（包括打火机、香烟）；\n"
            "2. 立即关闭燃气总阀（或液化气钢瓶阀门）；\n"
            "3. 打开门窗通风；\n"
            "4. 迅速离开现场，提醒邻居，不要乘电梯；\n"
            "5. 到室外安全地点后拨打 119{hotline_line}。\n\n"
            "离开现场后，请点下方按钮发送位置，或直接回复地址（例如“天河区体育西路101号3楼”），"
            "我们会立即生成紧急工单并通知值班人员。"
        ),
        "en": (
            "🚨 Possible gas leak. Right now:\n"
            "1. Do not touch any switch or appliance, no calls indoors, no flames or cigarettes;\n"
            "2. Close the gas main valve (or the cylinder valve);\n"
            "3. Open doors and windows;\n"
            "4. Leave at once, warn your neighbours, do not use the lift;\n"
            "5. From a safe place outside, call 119{hotline_line}.\n\n"
            "Once you are outside, tap the button below to send your location, or reply with "
            "the address (e.g. “3/F, 101 Tiyu West Road, Tianhe”): we file an urgent ticket and "
            "alert the staff on duty at once."
        ),
    },
    "emergency.steps_group": {
        "zh": (
            "🚨 疑似燃气泄漏，请立即：不要开关电器、不要点火；关闭燃气阀门；开窗通风；"
            "迅速离开并提醒邻居；到室外安全处拨打 119{hotline_line}。"
            "私聊我发送位置或地址，我们会立即通知值班人员。"
        ),
        "en": (
            "🚨 Possible gas leak. Now: no switches, no flames; close the gas valve; open the "
            "windows; leave and warn your neighbours; from outside call 119{hotline_line}. "
            "Message me privately with the place and we alert the staff on duty at once."
        ),
    },
    "emergency.hotline": {
        "zh": " 和燃气公司抢修电话 {number}",
        "en": " and the gas company's emergency line {number}",
    },
    "emergency.safety_line": {
        "zh": "⚠️ 如果您现在就闻到燃气味：不要开关电器、不要点火，关阀开窗，离开后拨打 119{hotline_line}。",
        "en": "⚠️ If you smell gas right now: no switches, no flames; close the valve, open the windows, leave, then call 119{hotline_line}.",
    },
    "emergency.escalate": {"zh": "🚨 这是紧急情况", "en": "🚨 This is an emergency"},
    "emergency.place_received": {
        "zh": "📍 已收到位置，正在通知值班人员。",
        "en": "📍 Place received; alerting the staff on duty.",
    },
    "emergency.share_location": {
        "zh": "📍 发送我的位置（已在室外）",
        "en": "📍 Send my location (I am outside)",
    },
    "emergency.filed": {
        "zh": "🚨 已生成紧急工单 {number}，值班人员已收到通知。请在室外安全处等候，必要时拨打 119。",
        "en": "🚨 Urgent ticket {number} filed; the staff on duty have been alerted. Wait outside in a safe place; call 119 if needed.",
    },
    "report.start": {
        "zh": "📷 请发送问题的照片（最多 3 张）。没有照片也可以点“跳过”。",
        "en": "📷 Send a photo of the problem (up to 3). No photo? Tap “Skip”.",
    },
    "report.skip_photo": {"zh": "跳过", "en": "Skip"},
    "report.ask_location": {
        "zh": "📍 问题在哪里？请点下方按钮发送位置，或发送一个地点，或直接输入地址（例如“白云区同和街蟾蜍石东路 12 号门口”）。",
        "en": "📍 Where is it? Tap the button to send your location, share a place, or type the address.",
    },
    "report.send_location": {"zh": "📍 发送当前位置", "en": "📍 Send current location"},
    "report.use_photo_location": {"zh": "使用照片里的位置", "en": "Use the photo's location"},
    "report.photo_has_location": {
        "zh": "照片里带有拍摄位置（{lat:.5f}, {lon:.5f}），要使用吗？",
        "en": "The photo carries where it was taken ({lat:.5f}, {lon:.5f}). Use it?",
    },
    "report.photo_added": {"zh": "已收到第 {count} 张照片。", "en": "Photo {count} received."},
    "report.too_many_photos": {
        "zh": "最多 3 张照片，多余的没有保存。",
        "en": "At most 3 photos; the extra ones were not kept.",
    },
    "report.not_image": {
        "zh": "这个文件不是可以识别的图片（{problem}）。请重新发送一张照片。",
        "en": "That file is not an image I can read ({problem}). Please send a photo.",
    },
    "report.too_big": {
        "zh": "图片太大（{size} MB，上限 {limit} MB）。请压缩后重新发送。",
        "en": "The picture is too large ({size} MB; the limit is {limit} MB). Please send a smaller one.",
    },
    "photo.unavailable": {
        "zh": "这张照片没能取到。请重新发送一次。",
        "en": "I could not fetch that picture. Please send it again.",
    },
    "report.bad_location": {
        "zh": "没有看懂这个位置。请发送位置，或输入地址。",
        "en": "I could not use that place. Send a location or type the address.",
    },
    "report.ask_category": {
        "zh": "属于哪一类问题？{reason}",
        "en": "What kind of problem is it? {reason}",
    },
    "report.reason_keyword": {
        "zh": "我建议“{category}”，因为您提到了“{word}”。",
        "en": "I suggest “{category}” because you mentioned “{word}”.",
    },
    "report.reason_document": {
        "zh": "我建议“{category}”，因为这与《{word}》相关。",
        "en": "I suggest “{category}” because it relates to “{word}”.",
    },
    "report.reason_none": {"zh": "请选择：", "en": "Please choose:"},
    "report.suggested": {"zh": "✅ {category}（建议）", "en": "✅ {category} (suggested)"},
    "report.ask_description": {
        "zh": "✏️ 请简单描述一下问题（可选），或点“跳过”。",
        "en": "✏️ Describe the problem briefly (optional), or tap “Skip”.",
    },
    "report.description_too_long": {
        "zh": "描述太长了（最多 {limit} 字），请精简后再发。",
        "en": "That description is too long (at most {limit} characters); please shorten it.",
    },
    "report.duplicates": {
        "zh": "附近已经有人报过同类问题：\n{items}\n是同一个问题吗？加入后您也会收到处理进展，不会重复立案。",
        "en": "This looks already reported nearby:\n{items}\nIs it the same problem? Join it to hear about its progress instead of filing again.",
    },
    "report.duplicate_item": {
        "zh": "• {number}｜{distance}｜{status}",
        "en": "• {number} | {distance} | {status}",
    },
    "report.join": {"zh": "➕ 加入 {number}", "en": "➕ Join {number}"},
    "report.file_new": {"zh": "不是，提交新问题", "en": "No, file a new report"},
    "report.joined": {
        "zh": "已加入工单 {number}（已有 {count} 人反映）。处理进展会通知您，谢谢！",
        "en": "You joined ticket {number} ({count} people reported it). We will tell you about its progress. Thank you!",
    },
    "report.duplicate_item_own": {
        "zh": "• {number}｜{distance}｜{status}｜您自己上报的",
        "en": "• {number} | {distance} | {status} | reported by you",
    },
    "report.add_to_own": {"zh": "➕ 补充到我的 {number}", "en": "➕ Add to my {number}"},
    "report.added_to_own": {
        "zh": "已把新的照片和说明补充到您的工单 {number}，工作人员会看到。谢谢！",
        "en": "The new photos and words were added to your ticket {number}; the staff will see them. Thank you!",
    },
    "report.own_nothing_new": {
        "zh": "这正是您已上报的工单 {number}，无需重复上报。处理进展会通知您。",
        "en": "That is your own ticket {number}; no need to report it again. We will tell you about its progress.",
    },
    "report.summary": {
        "zh": "请确认：\n类别：{category}\n地点：{place}\n描述：{description}\n照片：{photos} 张",
        "en": "Please confirm:\nCategory: {category}\nPlace: {place}\nDescription: {description}\nPhotos: {photos}",
    },
    "report.no_description": {"zh": "（无）", "en": "(none)"},
    "report.confirm": {"zh": "✅ 提交", "en": "✅ Submit"},
    "report.cancel": {"zh": "取消", "en": "Cancel"},
    "report.filed": {
        "zh": "✅ 已受理，工单编号 {number}\n处理部门：{department}\n处理时限：{deadline} 前\n每一步进展我们都会通知您。输入 /my 查看您的工单。",
        "en": "✅ Received. Ticket number {number}\nHandled by: {department}\nDue by: {deadline}\nWe will tell you about every step. Send /my to see your tickets.",
    },
    "report.rate_limited": {
        "zh": "您在一小时内已上报 {count} 次，达到上限。请稍后再报。闻到燃气味、起火等紧急情况请立即拨打 119，并直接发消息告诉我，紧急情况不受次数限制。",
        "en": "You have filed {count} reports in the past hour, the limit. Please try again later. If you smell gas or see a fire, call 119 at once and message me: emergencies have no limit.",
    },
    "report.expected_photo": {
        "zh": "请发送照片，或点“跳过”。",
        "en": "Please send a photo, or tap “Skip”.",
    },
    "report.use_buttons": {
        "zh": "请点上方的按钮选择。",
        "en": "Please choose with the buttons above.",
    },
    "report.distance_m": {"zh": "{meters} 米", "en": "{meters} m"},
    "report.same_address": {"zh": "地址相似", "en": "similar address"},
    "cmd.report": {"zh": "拍照上报问题", "en": "Report a problem with a photo"},
    "cmd.my": {"zh": "我的工单", "en": "My tickets"},
    "menu.report": {"zh": "📷 随手拍上报", "en": "📷 Report a problem"},
    "menu.ask": {"zh": "❓ 咨询政策", "en": "❓ Ask a question"},
    "menu.my": {"zh": "📋 我的工单", "en": "📋 My tickets"},
    "ask.prompt": {
        "zh": "请直接输入您的问题，例如“旧楼装管道燃气有补贴吗？”",
        "en": "Type your question, for example “Is there a subsidy for piped gas in old buildings?”",
    },
    "ask.to_staff": {"zh": "👤 转给工作人员", "en": "👤 Ask the staff"},
    "ask.filed": {
        "zh": "已转给工作人员，咨询单号 {number}，{deadline} 前答复。",
        "en": "Passed to the staff as consultation {number}; you will get an answer by {deadline}.",
    },
    "my.none": {
        "zh": "您还没有上报过问题。发送照片即可上报。",
        "en": "You have no tickets yet. Send a photo to report a problem.",
    },
    "my.list": {"zh": "您的工单（点编号查看详情）：", "en": "Your tickets (tap one for details):"},
    "my.item": {"zh": "{number}｜{category}｜{status}", "en": "{number} | {category} | {status}"},
    "my.detail": {
        "zh": "工单 {number}｜{category}\n状态：{status}\n时限：{deadline}\n{place}\n\n进展：\n{timeline}",
        "en": "Ticket {number} | {category}\nStatus: {status}\nDue: {deadline}\n{place}\n\nProgress:\n{timeline}",
    },
    "my.event": {"zh": "• {at} {action}{note}", "en": "• {at} {action}{note}"},
    "my.add_comment": {"zh": "💬 补充说明或照片", "en": "💬 Add a comment or photo"},
    "my.comment_prompt": {"zh": "请发送补充说明或照片。", "en": "Send your comment or a photo."},
    "my.comment_saved": {"zh": "已补充到工单 {number}。", "en": "Added to ticket {number}."},
    "rate.fixed": {"zh": "✅ 已解决", "en": "✅ Fixed"},
    "rate.not_fixed": {"zh": "❌ 没解决", "en": "❌ Not fixed"},
    "rate.ask_stars": {"zh": "请为处理结果打分：", "en": "Please rate how it was handled:"},
    "rate.thanks": {
        "zh": "谢谢您的评价（{rating} 星）！",
        "en": "Thank you for rating it {rating} star(s)!",
    },
    "rate.ask_reason": {
        "zh": "请告诉我们哪里还没解决：",
        "en": "Please tell us what is still wrong:",
    },
    "rate.reworked": {
        "zh": "已退回重新处置，我们会尽快处理：{number}",
        "en": "Sent back for more work: {number}",
    },
    "rate.reporter_only": {
        "zh": "只有上报人可以评价或退回这张工单；处理进展仍会通知您。",
        "en": "Only the person who reported it can rate it or send it back; you will still hear about its progress.",
    },
    "store.illegal": {
        "zh": "这张工单现在是“{status}”，不能进行这个操作。",
        "en": "This ticket is now “{status}”; that is not possible any more.",
    },
    "store.invalid": {"zh": "输入有误：{problem}", "en": "That did not work: {problem}"},
    "store.not_found": {"zh": "没有找到工单 {number}。", "en": "No ticket {number}."},
    "store.denied": {"zh": "您没有权限进行这个操作。", "en": "You may not do that."},
}

STATUS_NAMES: dict[str, dict[str, str]] = {
    "submitted": {"zh": "待受理", "en": "submitted"},
    "accepted": {"zh": "已立案", "en": "accepted"},
    "dispatched": {"zh": "已派遣", "en": "dispatched"},
    "in_progress": {"zh": "处置中", "en": "in progress"},
    "resolved": {"zh": "已处置", "en": "resolved"},
    "closed": {"zh": "已结案", "en": "closed"},
    "rejected": {"zh": "不予受理", "en": "not accepted"},
    "duplicate": {"zh": "已合并", "en": "merged"},
}
ACTION_NAMES: dict[str, dict[str, str]] = {
    "file": {"zh": "提交", "en": "filed"},
    "accept": {"zh": "受理立案", "en": "accepted"},
    "reject": {"zh": "不予受理", "en": "not accepted"},
    "merge": {"zh": "合并", "en": "merged"},
    "dispatch": {"zh": "派遣", "en": "dispatched"},
    "start": {"zh": "开始处置", "en": "work started"},
    "extend": {"zh": "延期", "en": "extended"},
    "resolve": {"zh": "处置完成", "en": "resolved"},
    "verify": {"zh": "核查结案", "en": "closed"},
    "rework": {"zh": "返工", "en": "sent back"},
    "rate": {"zh": "评价", "en": "rated"},
    "assign": {"zh": "指派", "en": "assigned"},
    "join": {"zh": "有人同报", "en": "someone else reported it"},
    "comment": {"zh": "补充说明", "en": "comment"},
    "note": {"zh": "内部备注", "en": "internal note"},
    "reply": {"zh": "工作人员回复", "en": "staff reply"},
}
for _kind, _names in (("status", STATUS_NAMES), ("action", ACTION_NAMES)):
    for _code, _texts in _names.items():
        MESSAGES[f"{_kind}.{_code}"] = _texts
