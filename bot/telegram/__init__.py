"""The python-telegram-bot Application: handlers, settings keyboard, chat tracking."""
