# This language in the table of languages (bot/render/i18n.py): how it is written, which Telegram
# clients it is chosen for, the names /lang accepts for it (comma-separated), its place in lists.
# en_GB reads "8 August 2026" and groups "724,050": the bot's English is British.

language-label = 🇬🇧 English
language-locale = en_GB
language-client-codes = en
language-names = en, eng, english, англійська
language-position = 2
language-set = 🇬🇧 Done: I speak English in this chat now.
