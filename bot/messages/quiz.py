"""Strings of the safety quiz: topic and level names, question-file problems, `quiz check`.

`quiz.problem.<code>` has one entry per problem code of `knowledge.quiz` (its English text is
the same as knowledge/'s template; a test keeps the two in step), so a handler shows a
teacher's upload problems with `problem_text(problem, lang)`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from knowledge.quiz import Problem

MESSAGES: dict[str, dict[str, str]] = {
    # topics and levels
    "quiz.topic.gas_home": {"zh": "家庭用气安全", "en": "Gas safety at home"},
    "quiz.topic.lpg": {"zh": "瓶装液化气", "en": "Bottled gas (LPG)"},
    "quiz.topic.gas_leak": {"zh": "燃气泄漏怎么办", "en": "What to do in a gas leak"},
    "quiz.topic.sorting": {"zh": "垃圾分类", "en": "Rubbish sorting"},
    "quiz.topic.street_order": {
        "zh": "门前三包和市容秩序",
        "en": "Shopfront duties and street order",
    },
    "quiz.topic.facilities": {"zh": "城市设施", "en": "City facilities"},
    "quiz.topic.all": {"zh": "综合（全部主题）", "en": "Everything (all topics)"},
    "quiz.topic.mine": {"zh": "本群自己的题目", "en": "This group's own questions"},
    "quiz.level.child": {"zh": "少儿", "en": "Children"},
    "quiz.level.adult": {"zh": "成人", "en": "Adults"},
    # where a problem is
    "quiz.problem.at_line": {"zh": "第 {line} 行：{message}", "en": "line {line}: {message}"},
    # the file as a whole
    "quiz.problem.file_too_big": {
        "zh": "文件大小为 {size_kb} KB，上限是 {limit_kb} KB",
        "en": "the file is {size_kb} KB; the limit is {limit_kb} KB",
    },
    "quiz.problem.file_type": {
        "zh": "无法读取 {name}：请发送 .csv 或 .yaml 文件（Excel 里选“另存为 → CSV UTF-8”）",
        "en": "cannot read {name}: send a .csv or .yaml file (in Excel: Save As → CSV UTF-8)",
    },
    "quiz.problem.not_utf8": {
        "zh": "文件不是 UTF-8 文本（Excel 里选“另存为 → CSV UTF-8”）",
        "en": "the file is not UTF-8 text (in Excel: Save As → CSV UTF-8)",
    },
    "quiz.problem.file_empty": {"zh": "文件里没有题目", "en": "the file has no questions"},
    "quiz.problem.too_many": {
        "zh": "文件有 {count} 道题，上限是 {limit} 道",
        "en": "the file has {count} questions; the limit is {limit}",
    },
    "quiz.problem.yaml_syntax": {
        "zh": "YAML 格式错误：{detail}",
        "en": "YAML syntax error: {detail}",
    },
    "quiz.problem.yaml_layout": {
        "zh": "文件应当是题目列表，或带有 questions 列表的映射",
        "en": "the file must be a list of questions, or a mapping with a 'questions' list",
    },
    "quiz.problem.csv_syntax": {"zh": "CSV 格式错误：{detail}", "en": "CSV error: {detail}"},
    "quiz.problem.csv_header": {
        "zh": "表头里有不认识的列“{column}”",
        "en": "unknown column '{column}' in the header",
    },
    "quiz.problem.csv_missing_column": {
        "zh": "表头缺少“{column}”列",
        "en": "the header has no '{column}' column",
    },
    "quiz.problem.csv_columns": {
        "zh": "这一行有 {count} 列，表头有 {expected} 列",
        "en": "this row has {count} columns; the header has {expected}",
    },
    "quiz.problem.topic_file": {
        "zh": "主题“{topic}”与文件名“{file}”不一致",
        "en": "topic '{topic}' does not match the file name '{file}'",
    },
    # one question
    "quiz.problem.not_mapping": {
        "zh": "每道题应当是若干字段的映射（question、options、answer 等）",
        "en": "a question must be a mapping of fields (question, options, answer…)",
    },
    "quiz.problem.field_missing": {"zh": "缺少字段“{field}”", "en": "missing field '{field}'"},
    "quiz.problem.field_unknown": {"zh": "不认识的字段“{field}”", "en": "unknown field '{field}'"},
    "quiz.problem.field_repeated": {
        "zh": "字段“{field}”写了两次",
        "en": "field '{field}' is given twice",
    },
    "quiz.problem.text_type": {
        "zh": "“{field}”应当是文字，或 zh、en 两种文字的映射",
        "en": "'{field}' must be text, or a mapping of zh and en texts",
    },
    "quiz.problem.scalar_type": {
        "zh": "“{field}”应当是单个值",
        "en": "'{field}' must be a single value",
    },
    "quiz.problem.options_type": {
        "zh": "“options”应当是选项列表",
        "en": "'options' must be a list of options",
    },
    "quiz.problem.lang_unknown": {
        "zh": "不认识的语言“{lang}”，请用 zh 和 en",
        "en": "unknown language '{lang}'; use zh and en",
    },
    "quiz.problem.id_format": {
        "zh": "编号“{id}”应为 1 到 40 个字符，只能用 a-z、0-9、- 和 _",
        "en": "id '{id}' must be 1 to 40 characters of a-z, 0-9, '-' and '_'",
    },
    "quiz.problem.id_duplicate": {
        "zh": "编号“{id}”已在 {where} 用过",
        "en": "id '{id}' is already used at {where}",
    },
    "quiz.problem.question_duplicate": {
        "zh": "与第 {first} 行的题目重复",
        "en": "the same question as line {first}",
    },
    "quiz.problem.topic_unknown": {
        "zh": "不认识的主题“{topic}”；可用的主题：{known}",
        "en": "unknown topic '{topic}'; known topics: {known}",
    },
    "quiz.problem.level_unknown": {
        "zh": "不认识的级别“{level}”，请用 child 或 adult",
        "en": "unknown level '{level}'; use child or adult",
    },
    "quiz.problem.source_unknown": {
        "zh": "出处“{source}”不是资料库里的文件",
        "en": "source '{source}' is not a document in the corpus",
    },
    "quiz.problem.question_missing": {
        "zh": "题目缺少 {lang} 文字",
        "en": "the question has no {lang} text",
    },
    "quiz.problem.question_too_long": {
        "zh": "题目（{lang}）有 {length} 个字符，上限是 {limit}",
        "en": "the question ({lang}) is {length} characters; the limit is {limit}",
    },
    "quiz.problem.options_count": {
        "zh": "这道题有 {count} 个选项，应为 {min} 到 {max} 个",
        "en": "the question has {count} options; use {min} to {max}",
    },
    "quiz.problem.option_missing": {
        "zh": "选项 {number} 缺少 {lang} 文字",
        "en": "option {number} has no {lang} text",
    },
    "quiz.problem.option_too_long": {
        "zh": "选项 {number}（{lang}）有 {length} 个字符，上限是 {limit}",
        "en": "option {number} ({lang}) is {length} characters; the limit is {limit}",
    },
    "quiz.problem.option_duplicate": {
        "zh": "选项 {number}（{lang}）与选项 {first} 重复",
        "en": "option {number} ({lang}) repeats option {first}",
    },
    "quiz.problem.answer_range": {
        "zh": "答案“{answer}”不是 {first} 到 {last} 之间的选项编号",
        "en": "answer '{answer}' is not an option number from {first} to {last}",
    },
    "quiz.problem.explanation_missing": {
        "zh": "解析缺少 {lang} 文字",
        "en": "the explanation has no {lang} text",
    },
    "quiz.problem.explanation_too_long": {
        "zh": "解析（{lang}）有 {length} 个字符，上限是 {limit}",
        "en": "the explanation ({lang}) is {length} characters; the limit is {limit}",
    },
    "quiz.problem.explanation_lines": {
        "zh": "解析（{lang}）有 {count} 个换行，Telegram 最多允许 2 个",
        "en": "the explanation ({lang}) has {count} line breaks; Telegram allows 2",
    },
    # citybot quiz check
    "quiz.check.ok": {
        "zh": "{file}：{count} 道题，没有发现问题。",
        "en": "{file}: {count} question(s), no problems.",
    },
    "quiz.check.failed": {
        "zh": "{file}：发现 {problems} 个问题（有效题目 {count} 道）。",
        "en": "{file}: {problems} problem(s) ({count} valid question(s)).",
    },
    "quiz.check.bank_counts": {
        "zh": "题库共 {count} 道题（少儿 {child}，成人 {adult}）：{topics}",
        "en": "The bank has {count} questions (children {child}, adults {adult}): {topics}",
    },
    # commands in the menu
    "quiz.cmd.quiz": {
        "zh": "在班级群里开始安全知识测验",
        "en": "Start a safety quiz in a class group",
    },
    "quiz.cmd.quiz_stop": {"zh": "结束本群的测验", "en": "End this group's quiz"},
    "quiz.cmd.practice": {"zh": "一个人练习安全知识题", "en": "Practise safety questions alone"},
    "quiz.cmd.quiz_upload": {
        "zh": "老师上传本群自己的题目",
        "en": "Teachers: upload this group's own questions",
    },
    # group rounds
    "quiz.group_only": {
        "zh": "测验要在班级群里进行。一个人练习请发送 /practice。",
        "en": "Quizzes run in class groups. To practise alone, send /practice.",
    },
    "quiz.admins_only": {
        "zh": "只有群管理员（老师）可以这样做。",
        "en": "Only the group's admins (teachers) can do that.",
    },
    "quiz.already_running": {
        "zh": "本群已有一轮测验正在进行（第 {number}/{total} 题）。要结束请发送 /quiz_stop。",
        "en": "A quiz is already running in this group (question {number}/{total}). "
        "Send /quiz_stop to end it.",
    },
    "quiz.usage": {
        "zh": "用法：/quiz [主题] [题数] [每题秒数]，例如 /quiz gas_leak 5 30。\n可用主题：\n{topics}",
        "en": "Usage: /quiz [topic] [count] [seconds], e.g. /quiz gas_leak 5 30.\n"
        "Topics:\n{topics}",
    },
    "quiz.topic_line": {"zh": "{topic}：{name}", "en": "{topic}: {name}"},
    "quiz.no_questions": {
        "zh": "这个主题暂时没有题目。",
        "en": "There are no questions on that topic yet.",
    },
    "quiz.mine_empty": {
        "zh": "本群还没有自己的题目。老师可以发送 CSV 或 YAML 文件，并在说明里写 /quiz_upload。",
        "en": "This group has no questions of its own yet. A teacher can send a CSV or YAML "
        "file with the caption /quiz_upload.",
    },
    "quiz.started": {
        "zh": "📝 测验开始！主题：{topic}，共 {count} 题，每题 {seconds} 秒。直接点选答案，答得又对又快就能上榜！",
        "en": "📝 Quiz time! Topic: {topic}, {count} questions, {seconds} s each. "
        "Tap your answer: right and fast wins!",
    },
    "quiz.question_number": {"zh": "【{number}/{total}】", "en": "[{number}/{total}] "},
    "quiz.not_running": {
        "zh": "本群现在没有进行中的测验。",
        "en": "No quiz is running in this group.",
    },
    "quiz.stopped": {"zh": "⏹ 测验已提前结束。", "en": "⏹ The quiz was ended early."},
    "quiz.send_failed": {
        "zh": "发送题目失败，本轮测验已结束。",
        "en": "Could not send a question; the quiz has ended.",
    },
    "quiz.leaderboard.title": {
        "zh": "🏆 排行榜（{topic}，共 {total} 题）",
        "en": "🏆 Leaderboard ({topic}, {total} questions)",
    },
    "quiz.leaderboard.line": {
        "zh": "{rank}. {name}：答对 {score}/{total}，用时 {seconds} 秒",
        "en": "{rank}. {name}: {score}/{total} right, {seconds} s",
    },
    "quiz.leaderboard.empty": {"zh": "没有人作答。", "en": "Nobody answered."},
    "quiz.leaderboard.certificates": {
        "zh": "🎖 答对 80% 及以上的同学获得“小小城管员”证书（已私信发送；没私聊过我的同学发在群里）。",
        "en": "🎖 Everyone with 80% or more gets a Little City Keeper certificate (sent "
        "privately, or here for those who have not started a chat with me).",
    },
    # certificates
    "quiz.certificate.title": {"zh": "小小城管员", "en": "Little City Keeper"},
    "quiz.certificate.awarded": {"zh": "特授予", "en": "Awarded to"},
    "quiz.certificate.score": {
        "zh": "在城市安全知识测验中答对 {score}/{total} 题",
        "en": "for answering {score} of {total} city-safety questions right",
    },
    "quiz.certificate.date": {"zh": "日期：{date}", "en": "Date: {date}"},
    "quiz.certificate.issuer": {"zh": "城管小助手", "en": "citybot (城管小助手)"},
    "quiz.certificate.caption": {
        "zh": "🎖 恭喜 {name}！你在“{topic}”测验中答对 {score}/{total} 题，获得“小小城管员”证书。",
        "en": "🎖 Well done, {name}! {score}/{total} right in the '{topic}' quiz: "
        "you are a Little City Keeper.",
    },
    # teachers' uploads
    "quiz.upload.usage": {
        "zh": "请把 CSV 或 YAML 题目文件发到群里，并在说明里写 /quiz_upload（或回复该文件发送 /quiz_upload）。",
        "en": "Send a CSV or YAML question file to the group with the caption /quiz_upload "
        "(or reply to the file with /quiz_upload).",
    },
    "quiz.upload.problems": {
        "zh": "❌ {file} 有 {count} 个问题，题目没有保存：\n{problems}",
        "en": "❌ {file} has {count} problem(s); nothing was saved:\n{problems}",
    },
    "quiz.upload.more": {"zh": "……还有 {count} 个问题", "en": "…and {count} more"},
    "quiz.upload.saved": {
        "zh": "✅ 已保存本群的 {count} 道题（{file}）。发送 /quiz mine 开始测验。",
        "en": "✅ Saved {count} question(s) for this group ({file}). Send /quiz mine to start.",
    },
    "quiz.upload.failed": {
        "zh": "文件下载失败，请稍后再试。",
        "en": "Could not download the file; please try again later.",
    },
    # practice alone
    "quiz.practice.private_only": {
        "zh": "一个人练习请私聊我发送 /practice。",
        "en": "To practise alone, send /practice to me in a private chat.",
    },
    "quiz.practice.question": {
        "zh": "第 {number}/{total} 题（{topic}）\n{question}",
        "en": "Question {number}/{total} ({topic})\n{question}",
    },
    "quiz.practice.right": {"zh": "✅ 答对了！", "en": "✅ Right!"},
    "quiz.practice.wrong": {
        "zh": "❌ 答错了。正确答案：{answer}",
        "en": "❌ Not quite. The right answer: {answer}",
    },
    "quiz.practice.explanation": {"zh": "💡 {explanation}", "en": "💡 {explanation}"},
    "quiz.practice.score": {"zh": "得分：{score}/{answered}", "en": "Score: {score}/{answered}"},
    "quiz.practice.done": {
        "zh": "🎉 练习结束！你答对了 {score}/{total} 题。再练一次：/practice",
        "en": "🎉 Done! You got {score}/{total} right. Again: /practice",
    },
}


def quiz_text(key: str, lang: str | None = None, /, **params: object) -> str:
    """Like `bot.messages.t`, for this module's keys (works before the module is registered)."""
    from bot.messages import DEFAULT_LANGUAGE, normalize_language  # bot.messages imports us

    texts = MESSAGES[key]
    template = texts.get(normalize_language(lang)) or texts[DEFAULT_LANGUAGE]
    return template.format(**params) if params else template


def problem_message(problem: Problem, lang: str | None = None) -> str:
    """What is wrong, in `lang`, without the line: "选项 3（zh）有 130 个字符，上限是 100"."""
    key = f"quiz.problem.{problem.code}"
    if key not in MESSAGES:
        return problem.message
    return quiz_text(key, lang, **problem.params)


def problem_text(problem: Problem, lang: str | None = None) -> str:
    """A problem in `lang` with its line: "第 12 行：选项 3（zh）有 130 个字符，上限是 100"."""
    message = problem_message(problem, lang)
    if not problem.line:
        return message
    return quiz_text("quiz.problem.at_line", lang, line=problem.line, message=message)
