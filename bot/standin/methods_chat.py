"""Bot API methods about the bot, chats and members: getMe, getChat*, topics, commands."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from telegram import (
    AcceptedGiftTypes,
    ChatFullInfo,
    ChatMember,
    ChatMemberAdministrator,
    ChatMemberBanned,
    ChatMemberLeft,
    ChatMemberMember,
    ChatMemberOwner,
    ChatMemberUpdated,
    ForumTopic,
    ForumTopicCreated,
    Message,
    User,
)
from telegram.constants import ForumIconColor, ForumTopicLimit

from bot.standin.errors import bad_request
from bot.standin.params import Params
from bot.standin.state import ChatRecord, Handler, World, scope_key
from bot.standin.validation import parse_commands

JSON = dict[str, Any]
SCOPES = {
    "default",
    "all_private_chats",
    "all_group_chats",
    "all_chat_administrators",
    "chat",
    "chat_administrators",
    "chat_member",
}


def chat_member(record: ChatRecord, user: User, status: str) -> ChatMember:
    """A ChatMember object of the right subclass for a status."""
    if status == ChatMember.OWNER:
        return ChatMemberOwner(user, is_anonymous=False)
    if status == ChatMember.ADMINISTRATOR:
        return ChatMemberAdministrator(
            user,
            can_be_edited=False,
            is_anonymous=False,
            can_manage_chat=True,
            can_delete_messages=True,
            can_manage_video_chats=True,
            can_restrict_members=True,
            can_promote_members=False,
            can_change_info=True,
            can_invite_users=True,
            can_post_stories=False,
            can_edit_stories=False,
            can_delete_stories=False,
            can_pin_messages=True,
            can_manage_topics=bool(record.chat.is_forum),
        )
    if status == ChatMember.LEFT:
        return ChatMemberLeft(user)
    if status == ChatMember.BANNED:
        return ChatMemberBanned(user, until_date=datetime.fromtimestamp(0, UTC))
    return ChatMemberMember(user)


def member_status(world: World, record: ChatRecord, user_id: int) -> tuple[User, str]:
    """A user's (or the bot's) status in a chat; unknown users are 400 "user not found"."""
    if user_id == world.bot_user.id:
        return world.bot_user, record.bot_status
    user = world.users.get(user_id)
    if user is None:
        raise bad_request("user not found")
    if record.chat.type == "private":
        return user, ChatMember.MEMBER if user_id == record.chat.id else ChatMember.LEFT
    return user, record.members.get(user_id, ChatMember.LEFT)


async def get_me(world: World, params: Params) -> JSON:
    """getMe."""
    return world.bot_user.to_dict()


async def get_chat(world: World, params: Params) -> JSON:
    """getChat: a ChatFullInfo built from the stand-in's chat."""
    chat = world.chat(params.values.get("chat_id")).chat
    info = ChatFullInfo(
        id=chat.id,
        type=chat.type,
        title=chat.title,
        username=chat.username,
        first_name=chat.first_name,
        last_name=chat.last_name,
        is_forum=chat.is_forum,
        accent_color_id=0,
        max_reaction_count=11,
        accepted_gift_types=AcceptedGiftTypes(False, False, False, False, False),
    )
    return info.to_dict()


async def get_chat_member(world: World, params: Params) -> JSON:
    """getChatMember."""
    record = world.chat(params.values.get("chat_id"))
    user, status = member_status(world, record, params.required_int("user_id"))
    return chat_member(record, user, status).to_dict()


async def get_chat_administrators(world: World, params: Params) -> list[JSON]:
    """getChatAdministrators: creator and administrators, the bot included if it is one."""
    record = world.chat(params.values.get("chat_id"))
    if record.chat.type == "private":
        raise bad_request("there are no administrators in the private chat")
    admins = [
        chat_member(record, world.users[user_id], status).to_dict()
        for user_id, status in record.members.items()
        if status in (ChatMember.OWNER, ChatMember.ADMINISTRATOR)
    ]
    if record.bot_status == ChatMember.ADMINISTRATOR:
        admins.append(chat_member(record, world.bot_user, record.bot_status).to_dict())
    return admins


async def create_forum_topic(world: World, params: Params) -> JSON:
    """createForumTopic: needs a forum supergroup where the bot is an administrator."""
    record = world.writable_chat(params.values.get("chat_id"))
    if not record.chat.is_forum:
        raise bad_request("the chat is not a forum")
    if record.bot_status != ChatMember.ADMINISTRATOR:
        raise bad_request("not enough rights to create a topic")
    name = (params.text("name") or "").strip()
    if not 1 <= len(name) <= ForumTopicLimit.MAX_NAME_LENGTH:
        raise bad_request("TOPIC_TITLE_EMPTY" if not name else "TOPIC_TITLE_TOO_LONG")
    color = params.integer("icon_color", ForumIconColor.BLUE)
    if color not in set(ForumIconColor):
        raise bad_request("TOPIC_ICON_COLOR_INVALID")
    thread_id = world.new_message_id(record)
    topic = ForumTopic(
        thread_id,
        name,
        int(color or ForumIconColor.BLUE),
        icon_custom_emoji_id=params.text("icon_custom_emoji_id"),
    )
    record.topics[thread_id] = topic
    world.store(
        record,
        Message(
            message_id=thread_id,
            date=world.now(),
            chat=record.chat,
            from_user=world.bot_user,
            message_thread_id=thread_id,
            is_topic_message=True,
            forum_topic_created=ForumTopicCreated(
                name, topic.icon_color, topic.icon_custom_emoji_id
            ),
        ),
    )
    return topic.to_dict()


async def leave_chat(world: World, params: Params) -> bool:
    """leaveChat: the bot leaves; Telegram then sends a my_chat_member update."""
    record = world.chat(params.values.get("chat_id"))
    if record.chat.type == "private":
        raise bad_request("chat member status can't be changed in private chats")
    old = chat_member(record, world.bot_user, record.bot_status)
    record.bot_status = ChatMember.LEFT
    world.emit(
        my_chat_member=ChatMemberUpdated(
            chat=record.chat,
            from_user=world.bot_user,
            date=world.now(),
            old_chat_member=old,
            new_chat_member=chat_member(record, world.bot_user, ChatMember.LEFT),
        )
    )
    return True


def _scope(world: World, params: Params) -> str:
    scope = params.obj("scope") or {"type": "default"}
    if not isinstance(scope, dict) or scope.get("type") not in SCOPES:
        raise bad_request("can't parse BotCommandScope JSON object")
    normalised: dict[str, Any] = {"type": scope["type"]}
    if scope["type"].startswith("chat"):
        normalised["chat_id"] = world.chat(scope.get("chat_id")).chat.id
    if scope["type"] == "chat_member":
        if scope.get("user_id") is None:
            raise bad_request("user not found")
        normalised["user_id"] = int(scope["user_id"])
    language = params.text("language_code") or ""
    if language and not re.fullmatch(r"[a-z]{2}", language):
        raise bad_request("invalid language code specified")
    return scope_key(normalised, language)


async def set_my_commands(world: World, params: Params) -> bool:
    """setMyCommands, stored per scope and language."""
    commands = parse_commands(params.obj("commands"))
    key = _scope(world, params)
    if commands:
        world.commands[key] = commands
    else:
        world.commands.pop(key, None)
    return True


async def get_my_commands(world: World, params: Params) -> list[JSON]:
    """getMyCommands for exactly the scope and language given."""
    return [command.to_dict() for command in world.commands.get(_scope(world, params), [])]


async def delete_my_commands(world: World, params: Params) -> bool:
    """deleteMyCommands."""
    world.commands.pop(_scope(world, params), None)
    return True


METHODS: dict[str, Handler] = {
    "getMe": get_me,
    "getChat": get_chat,
    "getChatMember": get_chat_member,
    "getChatAdministrators": get_chat_administrators,
    "createForumTopic": create_forum_topic,
    "leaveChat": leave_chat,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
}
