"""Forums as their members make them: a forum supergroup, topics opened, closed, reopened and
deleted, each change as the service message (or the silence) Telegram gives the bot.

    forum = api.forum()
    news = api.open_topic(forum, "News", by=admin)
    api.send_command(forum, admin, "/subscribe", addressed=True, topic=news)
    api.delete_topic(news)         # sending there now answers "message thread not found"
"""

from __future__ import annotations

from tests.fakes.bot_api_actions import ChatActions
from tests.fakes.bot_api_forums import FakeTopic, opening_content
from tests.fakes.bot_api_objects import FakeChat, FakeUser


class ForumActions(ChatActions):
    """Test controls that make forums and their topics."""

    def forum(self, title: str = "Test forum") -> FakeChat:
        """A supergroup with topics (`is_forum`), its General topic only. Its first message
        (the group's creation, which the bot never sees) has id 1, as General's thread would:
        topics are numbered from 2."""
        forum = self.state.new_chat("supergroup", title, is_forum=True)
        self.state.new_message(forum, None, {"supergroup_chat_created": True})
        return forum

    def open_topic(self, forum: FakeChat, name: str, by: FakeUser | None = None) -> FakeTopic:
        """A member opens a topic: its opening service message, whose id is the topic's thread
        id, is the first message in it."""
        assert forum.is_forum, "only a forum has topics"
        opening = self.state.new_message(forum, by or self.new_user(), opening_content(name))
        thread_id = opening["message_id"]
        opening.update(message_thread_id=thread_id, is_topic_message=True)
        topic = FakeTopic(forum, thread_id, name)
        self.state.forums.opened(topic, opening)
        self.updates.push("message", opening)
        return topic

    def close_topic(self, topic: FakeTopic, by: FakeUser | None = None) -> None:
        """An admin closes the topic: messages to it then answer "TOPIC_CLOSED"."""
        self._post(topic.chat, by or self.new_user(), {"forum_topic_closed": {}}, topic)
        self.state.forums.close(topic)

    def reopen_topic(self, topic: FakeTopic, by: FakeUser | None = None) -> None:
        self.state.forums.close(topic, closed=False)
        self._post(topic.chat, by or self.new_user(), {"forum_topic_reopened": {}}, topic)

    def delete_topic(self, topic: FakeTopic) -> None:
        """An admin deletes the topic with its messages; Telegram tells the bot nothing."""
        self.state.forums.delete(topic)
        chat_id = topic.chat.id
        for key in [
            key
            for key, message in self.state.messages.items()
            if key[0] == chat_id and message.get("message_thread_id") == topic.thread_id
        ]:
            del self.state.messages[key]
