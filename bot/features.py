"""The features of the bot, in the order their handlers see an update.

Each feature declares what it adds: its handlers (with their PTB group), its commands (for
residents or staff), its rows of the main menu, the keyboards under its outbox messages, the
words of its outbox messages and its jobs. build_application() reads this list and nothing
else; no module registers itself.

Order, which the end-to-end tests prove: the guard (group -50), /cancel (-30), the gas
emergency (-20, its places -19) and a resolver's after-photo (-5) see an update before any
feature of group 0. In group 0, one handler per update: following before reporting (a
picture sent to add to a ticket is that ticket's, not a new report; follow takes messages
only after its buttons), the conversations before the questions handler, which takes any text
no one else took, and the fallbacks last.
"""

from __future__ import annotations

from bot.messages import t_
from bot.wiring import CommandInfo, Feature, MenuRow
from handlers import (
    attendance,
    basic,
    cylinders,
    emergency,
    fallback,
    faq,
    follow,
    inspections,
    inspections_staff,
    questions,
    quiz,
    report,
    staff,
    web,
)
from handlers.attendance_words import WORDS as ATTENDANCE_WORDS
from handlers.inspections_words import WORDS as INSPECTION_WORDS
from handlers.quiz import QUIZ_COMMANDS, RESUME_JOB
from handlers.staff_buttons import KEYBOARDS as STAFF_KEYBOARDS
from handlers.staff_common import confirmation_words
from handlers.staff_reports import DEADLINE_JOB

FEATURES: tuple[Feature, ...] = (
    Feature(
        "basic",
        handlers=basic.handlers,
        commands=(
            CommandInfo("start", "cmd.start", where="private"),  # a group has no menu
            CommandInfo("help", "cmd.help"),
            CommandInfo("cancel", "cmd.cancel"),
            CommandInfo("language", "cmd.language"),
            CommandInfo("privacy", "cmd.privacy"),
            CommandInfo("forget_me", "cmd.forget_me", where="private"),
        ),
        menu_rows=(MenuRow((t_("menu.help"), t_("menu.language"), t_("menu.privacy"))),),
    ),
    Feature("emergency", handlers=emergency.handlers),
    Feature(
        "follow",
        handlers=follow.handlers,
        commands=(CommandInfo("my", "cmd.my", where="private"),),
        keyboards={"ticket.resolve": follow.resolved_buttons},
    ),
    Feature(
        "cylinders",
        handlers=cylinders.handlers,
        commands=(CommandInfo("cylinder", "cmd.cylinder", where="private"),),
        menu_rows=(MenuRow((t_("menu.cylinder"), t_("menu.inspection"))),),
    ),
    Feature(
        "inspections",
        handlers=lambda: [*inspections.handlers(), *inspections_staff.handlers()],
        commands=(
            CommandInfo("inspection", "cmd.inspection", where="private"),
            CommandInfo("inspector", "cmd.inspector", where="private"),
            CommandInfo("inspections", "cmd.inspections", staff=True, where="private"),
        ),
        words=INSPECTION_WORDS,
        keyboards={
            "inspection.confirmed": inspections.visit_buttons,
            "inspection.reminder": inspections.visit_buttons,
        },
    ),
    Feature(
        "report",
        handlers=report.handlers,
        commands=(CommandInfo("report", "cmd.report", where="private"),),
        menu_rows=(MenuRow((t_("menu.report"), t_("menu.ask"), t_("menu.my")), top=True),),
    ),
    Feature(
        "staff",
        handlers=staff.handlers,
        commands=tuple(staff.STAFF_COMMANDS),
        keyboards=STAFF_KEYBOARDS,
        words={"staff.done": confirmation_words},
        jobs=(DEADLINE_JOB,),
    ),
    Feature("web", handlers=web.handlers, commands=web.WEB_COMMANDS),
    Feature(
        "attendance",
        handlers=attendance.handlers,
        commands=attendance.COMMANDS,
        words=ATTENDANCE_WORDS,
        jobs=attendance.JOBS,
    ),
    Feature("faq", handlers=faq.handlers),
    Feature("quiz", handlers=quiz.handlers, commands=QUIZ_COMMANDS, jobs=(RESUME_JOB,)),
    Feature("questions", handlers=questions.handlers),
    Feature("fallback", handlers=fallback.handlers),
)
"""Every feature, in registration order."""
